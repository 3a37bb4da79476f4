"""An article holding a huge unbroken run (a data dump, a 200 KB "word") is shown wrapped
anywhere, so Qt lays it out in a moment; the text, the passages' and the claims' offsets stay
exactly as stored, and ordinary articles wrap at word boundaries as before."""

from __future__ import annotations

import hashlib

from handmade import window_on
from PySide6.QtGui import QTextOption

from factdesk.core import claim_edits
from factdesk.core.model import AlignmentGroup, Article, GroupMember, Passage
from factdesk.core.store import Review
from factdesk.ui.panes.view import LONG_RUN
from factdesk.ui.textmap import display_text

WORD = "".join(chr(ord("a") + (i * 7919) % 26) for i in range(LONG_RUN * 20))
# an emoji before the claim: two UTF-16 units in Qt, one code point in the article
SENTENCES = ("The quake killed four people \U0001f30b in Manokwari on Sunday.",
             "Officials said hundreds of buildings were destroyed.")


def _article(aid: str, parts: list[str]) -> tuple[Article, list[Passage]]:
    text, passages = "", []
    for i, part in enumerate(parts):
        if text:
            text += " "
        passages.append(Passage(f"{aid}.{i}", aid, i, len(text), len(text) + len(part), part))
        text += part
    return Article(aid, f"/tmp/{aid}.txt", text, hashlib.sha256(text.encode()).hexdigest(),
                   outlet=f"Outlet {aid}", published="2025-01-01"), passages


def _review() -> Review:
    review = Review.in_memory()
    for aid, parts in (("long", [SENTENCES[0], WORD, SENTENCES[1]]),
                       ("plain", [SENTENCES[0], SENTENCES[1]])):
        review.add_article(*_article(aid, parts))
    review.replace_analysis([AlignmentGroup("g1", (GroupMember("long.2", 0.9),
                                                   GroupMember("plain.1", 0.9)), 0.9),
                             AlignmentGroup("g2", (GroupMember("long.1", 0.9),
                                                   GroupMember("plain.0", 0.9)), 0.9)], [])
    return review


def test_a_huge_word_wraps_anywhere_and_every_offset_stays(qtbot) -> None:
    review = _review()
    long_text = review.article("long").text
    start = long_text.index("hundreds")
    claim = claim_edits.create_claim(review, "long", start, start + len("hundreds of buildings"),
                                     reviewer="test")
    w = window_on(qtbot, review)
    qtbot.waitUntil(w.view.area.complete, timeout=5000)
    long_view = w.view.area.pane_for("long").view
    plain_view = w.view.area.pane_for("plain").view
    assert long_view.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert plain_view.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    # the text as stored, broken into many display lines, not one line 20,000 letters wide
    assert long_view.toPlainText() == display_text(long_text)
    block = long_view.document().findBlock(long_view.offsets.to_qt(len(SENTENCES[0]) + 2))
    assert block.layout().lineCount() > 20
    assert long_view.document().size().width() <= long_view.viewport().width() + 1
    # the claim and the passages select exactly their stored words
    stored = w.snapshot.claims.claims[claim.id]
    assert (stored.anchor.start, stored.anchor.end) == (claim.anchor.start, claim.anchor.end)
    assert long_view.cursor_for(stored.anchor.start, stored.anchor.end).selectedText() == \
        "hundreds of buildings"
    for p in w.snapshot.passages["long"]:
        assert long_view.cursor_for(p.start, p.end).selectedText() == p.text
    assert long_view.claim_marks and long_view.claim_marks[0].start == start
    # J to the group whose passage is the huge word: selected, levelled, its details drawn
    w.view.select_group("g2")
    assert long_view.current_passage == "long.1"
    details = w.docks.details
    qtbot.waitUntil(lambda: not details.rendering, timeout=10000)
    assert details.text.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert WORD[:200] in details.text.toPlainText().replace("\n", "").replace("\u2028", "")
    review.close()
