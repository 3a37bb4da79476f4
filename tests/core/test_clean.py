"""Marking page junk: every junk line of the seeds is marked, no article sentence ever is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.core.model import ArticleFormat, Mark, MarkKind
from factdesk.core.read.clean import mark_boilerplate, merge_marks
from factdesk.core.read.ingest import read_article

SEEDS = Path(__file__).parents[2].parent / "shared/corpus/seeds"
ANNOTATION = json.loads(
    (Path(__file__).parents[1] / "data" / "seed_boilerplate.json").read_text(encoding="utf-8")
)
SEED_NAMES = sorted(k for k in ANNOTATION if not k.startswith("_"))
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not present")


def line_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of each non-blank line."""
    spans, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            spans.append((start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return spans


def junk_lines(text: str, entries: list) -> list[tuple[int, int, str]]:
    """The lines the annotation calls junk (see the "_about" note in the JSON)."""
    found = []
    for entry in entries:
        needle = entry if isinstance(entry, str) else entry["text"]
        wanted = None if isinstance(entry, str) else set(entry["occurrences"])
        hits = [
            span
            for span in line_spans(text)
            if span[2] == needle or (len(needle) >= 12 and needle in span[2])
        ]
        assert hits, f"annotation entry not in the seed: {needle!r}"
        found += [h for n, h in enumerate(hits, start=1) if wanted is None or n in wanted]
    return found


def covered(start: int, end: int, marks: list[Mark], kind: MarkKind) -> bool:
    """Is every non-space character of [start, end) under a mark of ``kind``?"""
    inside = [(m.start, m.end) for m in marks if m.kind == kind and m.end > start and m.start < end]
    cursor = start
    for m_start, m_end in sorted(inside):
        if m_start > cursor:
            return False
        cursor = max(cursor, m_end)
    return cursor >= end


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@needs_seeds
@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_annotated_junk_line_is_marked(name):
    text = seed_text(name)
    marks = mark_boilerplate(text)
    for start, end, line in junk_lines(text, ANNOTATION[name]["boilerplate"]):
        assert covered(start, end, marks, MarkKind.BOILERPLATE), f"not marked: {line!r}"
        reason = next(m.reason for m in marks if m.start <= start < m.end)
        assert reason and len(reason) <= 40


@needs_seeds
@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_article_line_is_marked(name):
    """Lines not annotated as junk are article text: no mark touches their words, except the
    annotated metadata spans (the date prefix on the first line, a dateline)."""
    article = read_article(SEEDS / name)
    text = article.text
    junk = {(s, e) for s, e, _ in junk_lines(text, ANNOTATION[name]["boilerplate"])}
    allowed = []
    for needle in ANNOTATION[name]["metadata"]:
        at = text.find(needle)
        assert at >= 0, needle
        allowed.append((at, at + len(needle)))
        assert covered(at, at + len(needle), list(article.marks), MarkKind.METADATA), needle
    for start, end, line in line_spans(text):
        if (start, end) in junk:
            continue
        for mark in article.marks:
            if mark.end <= start or mark.start >= end:
                continue
            inside_allowed = any(a <= mark.start and mark.end <= b for a, b in allowed)
            assert inside_allowed, f"article line marked ({mark.reason}): {line!r}"


@needs_seeds
def test_reasons_say_what_the_junk_is():
    reasons = {}
    for name in SEED_NAMES:
        text = seed_text(name)
        for mark in mark_boilerplate(text):
            reasons[text[mark.start : mark.end]] = mark.reason
    assert reasons["Will Oliver/EPA/Shutterstock"] == "photo credit"
    assert reasons["Terry Renna/AP"] == "photo credit"
    assert reasons["Support Our Journalism"] == "subscribe plea"
    assert reasons["LEAVE A REPLY"] == "comment form"
    assert reasons["scorecardresearch"] == "tracking code"
    assert (
        "caption"
        in reasons["Trump welcoming Putin to Alaska earlier this year. Andrew Harnik/Getty Images"]
    )
    assert reasons["(This story has not been edited by DNA staff and is published from ANI)"] == (
        "wire disclaimer"
    )


# --- general rules on fictional text ---------------------------------------------------------


def marked_lines(text: str, fmt: ArticleFormat = ArticleFormat.TEXT) -> dict[str, str]:
    return {text[m.start : m.end]: m.reason for m in mark_boilerplate(text, fmt)}


def test_photo_credits_captions_and_agencies_in_many_shapes():
    text = (
        "The harbour flooded on Monday, the mayor said.\n\n"
        "Sandbags line the quay in Lakeside on Monday.\n"
        "Jane Doe/AFP via Getty Images\n"
        "Water levels fell by evening.\n\n"
        "A ferry waits at the pier. John Roe/EPA/Shutterstock\n\n"
        "Photo: Lakeside Courier archive\n\n"
        "Officials said schools would reopen on Wednesday.\n"
    )
    marks = marked_lines(text)
    assert marks["Jane Doe/AFP via Getty Images"] == "photo credit"
    assert marks["Sandbags line the quay in Lakeside on Monday."] == "photo caption"
    assert marks["A ferry waits at the pier. John Roe/EPA/Shutterstock"] == (
        "photo caption and credit"
    )
    assert marks["Photo: Lakeside Courier archive"] == "photo credit"
    for sentence in (
        "The harbour flooded on Monday, the mayor said.",
        "Water levels fell by evening.",
        "Officials said schools would reopen on Wednesday.",
    ):
        assert sentence not in marks


def test_navigation_pleas_widgets_and_forms():
    text = (
        "NEWS\nHome > Europe > Lakeside\nLocalNews\nTop Stories\n"
        "Council cuts bus fares for students\n\n"
        "Share this article\nSign up for our newsletter\nAdvertisement\n\n"
        "The council cut bus fares for students by half on Monday.\n\n"
        "Leave a comment\nPlease enter your email address\nRelated: Bakery wins prize\n"
        "Please enable JavaScript to view the comments.\n"
    )
    marks = marked_lines(text)
    for junk in (
        "NEWS", "Home > Europe > Lakeside", "LocalNews", "Top Stories", "Share this article",
        "Sign up for our newsletter", "Advertisement", "Leave a comment",
        "Please enter your email address", "Related: Bakery wins prize",
        "Please enable JavaScript to view the comments.",
    ):  # fmt: skip
        assert junk in marks, junk
    assert "Council cuts bus fares for students" not in marks
    assert "The council cut bus fares for students by half on Monday." not in marks


def test_credits_disclaimers_and_footer_after_the_story_end():
    story = "\n\n".join(
        f"Paragraph {n} of the story says the dam held, engineers said on Friday." for n in range(8)
    )
    text = (
        story + "\n\n(Reporting by Ana Brill; Editing by Tom Ferreira)\n\n"
        "This article was generated from an automated news agency feed without modifications "
        "to text.\n\nWe rely on readers to fund our newsroom every single month.\n"
    )
    marks = marked_lines(text)
    assert marks["(Reporting by Ana Brill; Editing by Tom Ferreira)"] == "reporting credits"
    footer = "We rely on readers to fund our newsroom every single month."
    assert marks[footer] == "after the article's end"
    assert not any(key.startswith("Paragraph") for key in marks)


def test_real_short_lines_quotes_and_subheadings_are_never_marked():
    text = (
        "Dam holds after record rain\n\n"
        "The Riverton dam held through the weekend, engineers said.\n\n"
        "Cracks found near the spillway\n\n"
        "“No,” she said.\n\n"
        "Yes.\n\n"
        "Engineers will return on Tuesday.\n\n"
        "Reporters asked whether the road would reopen.\n"
    )
    assert mark_boilerplate(text) == []


def test_repeated_headline_and_glued_breadcrumb():
    text = (
        "NewsLocalDam holds after record rain\n\n"
        "Dam holds after record rain\n\n"
        "The Riverton dam held through the weekend, engineers said.\n\n"
        "Dam holds after record rain\n"
    )
    marks = mark_boilerplate(text)
    assert [(text[m.start : m.end], m.reason) for m in marks] == [
        ("NewsLocalDam holds after record rain", "navigation breadcrumb"),
        ("Dam holds after record rain", "repeated headline"),
    ]
    assert marks[1].start == text.rindex("Dam holds")  # the first copy stays, later ones go


def test_markdown_headings_and_lists_are_not_navigation():
    text = (
        "# Budget Vote\n\n## Key Points\n\n- Schools\n- Roads\n\n"
        "The council passed the budget.\n\n![Chart](chart.png)\n\n<!-- TODO: add figures -->\n"
    )
    marks = marked_lines(text, ArticleFormat.MARKDOWN)
    assert marks == {"![Chart](chart.png)": "image", "<!-- TODO: add figures -->": "HTML comment"}


def test_marks_never_change_the_text_and_are_sorted_and_disjoint():
    text = "HomeWorld\n\nWORLD\n\nA sentence here.\nJane Doe/AP\nAnother sentence here.\n"
    before = str(text)
    marks = mark_boilerplate(text)
    assert text == before
    assert all(0 <= m.start < m.end <= len(text) for m in marks)
    assert all(a.end <= b.start for a, b in zip(marks, marks[1:], strict=False))
    assert all(m.kind == MarkKind.BOILERPLATE for m in marks)


def test_merge_marks_prefers_metadata_and_splits_the_loser():
    text = "x" * 30
    marks = merge_marks(
        [
            Mark(0, 30, MarkKind.BOILERPLATE, "navigation"),
            Mark(10, 20, MarkKind.METADATA, "byline"),
            Mark(5, 8, MarkKind.MARKUP, "list marker"),
        ],
        text,
    )
    assert [(m.start, m.end, m.kind) for m in marks] == [
        (0, 10, MarkKind.BOILERPLATE),
        (10, 20, MarkKind.METADATA),
        (20, 30, MarkKind.BOILERPLATE),
    ]
