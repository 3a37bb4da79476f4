"""A small hand-made review: three outlets, three alignment groups, one conflict, an emoji before
an aligned passage, boilerplate marks, and filler so that the panes have to scroll."""

from __future__ import annotations

import hashlib

from factdesk.core.model import (
    AlignmentGroup,
    Article,
    Conflict,
    ConflictKind,
    GroupMember,
    Mark,
    MarkKind,
    Passage,
)
from factdesk.core.store import Review

FILLER = "This unrelated sentence number {n} pads out the article so that it must scroll."

# (tag, sentence); tag names the group it belongs to ("" = unaligned), "#" = boilerplate
ARTICLES = {
    "a": ("Outlet A", "2025-12-03", "Envoys meet Putin", [
        ("#", "Subscribe to our newsletter for the latest news."),
        ("g1", 'Trump said the envoys had a "reasonably good meeting" in Moscow.'),
        *[("", FILLER.format(n=n)) for n in range(8)],
        ("g2", "The talks in the Kremlin lasted five hours on Tuesday."),
        *[("", FILLER.format(n=n)) for n in range(8, 14)],
        ("g3", "Negotiators received a 27-point set of proposals from Washington."),
        *[("", FILLER.format(n=n)) for n in range(14, 40)],
    ]),
    "b": ("Outlet B", "2025-12-04", "Kremlin talks end without a deal", [
        ("", "😀 Breaking news from Moscow 🇺🇦 tonight."),
        ("g1", 'The envoys had a "very good" talk with Putin, Trump said.'),
        *[("", FILLER.format(n=n)) for n in range(30)],
        ("g2", "The Kremlin talks lasted five hours."),
        *[("", FILLER.format(n=n)) for n in range(30, 34)],
        ("g3", "Officials were handed a 28-point set of proposals from Washington."),
        *[("", FILLER.format(n=n)) for n in range(34, 60)],
        ("#", "Photo: Reuters. All rights reserved."),
    ]),
    "c": ("Outlet C", "2025-12-03", "Wire: envoys in Moscow", [
        ("g1", 'Trump called it a "reasonably good meeting".'),
        *[("", FILLER.format(n=n)) for n in range(20)],
        ("g3", "A 27-point set of proposals was on the table."),
    ]),
}


def make_article(aid: str) -> tuple[Article, list[Passage], dict[str, str]]:
    outlet, date, title, sentences = ARTICLES[aid]
    text = ""
    passages: list[Passage] = []
    marks: list[Mark] = []
    tags: dict[str, str] = {}
    for i, (tag, sentence) in enumerate(sentences):
        if text:  # boilerplate stands in a paragraph of its own, as on a web page
            own = tag == "#" or sentences[i - 1][0] == "#"
            text += "\n\n" if i % 3 == 0 or own else " "
        start = len(text)
        text += sentence
        if tag == "#":
            marks.append(Mark(start, len(text), MarkKind.BOILERPLATE, "newsletter"))
            continue
        pid = f"{aid}{len(passages)}"
        passages.append(Passage(pid, aid, len(passages), start, len(text), sentence))
        if tag:
            tags[tag] = pid
    article = Article(aid, f"/tmp/{aid}.txt", text, hashlib.sha256(text.encode()).hexdigest(),
                      title=title, outlet=outlet, published=date, marks=tuple(marks))
    return article, passages, tags


def build_review(review: Review | None = None) -> Review:
    review = review or Review.in_memory()
    members: dict[str, list[str]] = {}
    for aid in ARTICLES:
        article, passages, tags = make_article(aid)
        review.add_article(article, passages)
        for tag, pid in tags.items():
            members.setdefault(tag, []).append(pid)
    groups = [AlignmentGroup(g, tuple(GroupMember(p, 0.9) for p in pids), 0.9)
              for g, pids in sorted(members.items())]
    conflict = Conflict("c1", ConflictKind.NUMBER, "major", (members["g3"][0], members["g3"][1]),
                        (("27",), ("28",)), "27 vs 28 points", "g3")
    review.replace_analysis(groups, [conflict])
    return review


def passage_of(review: Review, tag: str, aid: str) -> Passage:
    _, _, tags = make_article(aid)
    return review.passage(tags[tag])


def shown_window(qtbot, size=(1400, 900)):
    """A window shown offscreen at ``size`` and exposed, with no review yet."""
    from factdesk.ui.mainwindow import MainWindow  # Qt only where a window is wanted

    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def window_on(qtbot, review, size=(1400, 900), *, settle=True):
    """A shown window given ``review`` as the window's own open path does (snapshot, then
    ``set_review``), and, with ``settle``, once opening is done: panes are made and filled
    in later turns of the event loop, even a small review's (``settle=False`` leaves that
    to the caller, to look at the window mid-way)."""
    from factdesk.ui.presenter import load_snapshot

    w = shown_window(qtbot, size)
    w.set_review(review, load_snapshot(review))
    if settle:
        qtbot.waitUntil(w.settled, timeout=20000)
    return w


def file_window(qtbot, path, *, build=True):
    """A shown, active window on a review file (built from the hand-made articles, or as it is)."""
    from factdesk.ui.presenter import load_snapshot

    review = build_review(Review.open(path, create=True)) if build else Review.open(path)
    w = shown_window(qtbot)
    w.tagging.reviewer_name = "alice"  # before the review: its panes take the name when made
    w.set_review(review, load_snapshot(review))
    qtbot.waitUntil(w.settled, timeout=20000)  # panes are made and filled in later turns
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)  # window shortcuts need an active window
    return w
