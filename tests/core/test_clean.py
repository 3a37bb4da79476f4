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


# --- guards that keep prose unmarked (each test fails when its guard is flipped) -------------

STORY = [
    "The council voted on Tuesday to close the harbour bridge for six weeks of repairs.",
    "Engineers found a crack in the main girder during a routine inspection last month.",
    "Ferries will run every twenty minutes while the bridge is shut, the operator said.",
    "Shops near the crossing expect fewer customers until the work is finished in spring.",
    "The mayor said the closure was regrettable but that safety had to come first.",
    "A second inspection is planned once the new girder sections have been installed.",
    "Residents can follow the progress of the repairs on a page run by the city.",
    "The last major repair of the bridge took place more than twenty years ago.",
]


def lines_marked(text: str) -> dict[str, str]:
    """Each non-blank line that a mark covers, with the mark's reason."""
    marks = mark_boilerplate(text)
    return {line: m.reason for start, end, line in line_spans(text) for m in marks
            if m.start <= start and end <= m.end}


def test_the_tail_after_a_late_sign_off_is_marked() -> None:
    tail = "Most stories below are chosen by our editors each morning for you."
    text = "\n\n".join([*STORY, "(Reporting by Ann Lee; Editing by Bo Chan)", tail]) + "\n"
    assert lines_marked(text).get(tail) == "after the article's end"


def test_a_sign_off_in_the_first_half_marks_nothing_after_it() -> None:
    """The second-half guard: a long credit line that starts before the middle, with a tail
    short enough for the 40 % guard to let it through, must not blank the rest."""
    credit = ("(Reporting by Ann Lee, Bo Chan, Cy Diaz, Di Evans, Ed Fox, Flo Grant, Gus Hale "
              "and Ivy Jones in the harbour town and the capital; Editing by Kim Lowe, Lou "
              "Marsh and Mo Nash)")
    text = "\n\n".join([STORY[0], credit, STORY[1], STORY[2]]) + "\n"
    assert text.index(credit) < len(text) * 0.5
    assert len(text) - (text.index(credit) + len(credit)) < len(text) * 0.4
    marked = lines_marked(text)
    assert STORY[1] not in marked and STORY[2] not in marked, marked


def test_a_sign_off_followed_by_a_long_tail_marks_nothing_after_it() -> None:
    """The 40 % guard: a credit line past the middle with nearly half the text after it."""
    text = "\n\n".join([*STORY[:5], "(Reporting by Ann Lee; Editing by Bo Chan)",
                        *STORY[5:], STORY[0].replace("Tuesday", "Monday")]) + "\n"
    credit_at = text.index("(Reporting")
    assert credit_at > len(text) * 0.5 and len(text) - credit_at > len(text) * 0.4
    marked = lines_marked(text)
    assert not any(line in marked for line in STORY[5:]), marked


@pytest.mark.parametrize("sentence", [
    "Read more about it here.",
    "Reporting by the Times found that inspectors had flagged the crack twice before.",
])
def test_prose_that_starts_like_furniture_is_not_marked(sentence: str) -> None:
    text = "\n\n".join([*STORY[:3], sentence, *STORY[3:]]) + "\n"
    assert sentence not in lines_marked(text)


def test_a_long_paragraph_is_prose_whatever_it_mentions() -> None:
    """The 60-word exemption: a paragraph that quotes a disclaimer's words is still prose."""
    paragraph = (
        "The city's statement, which it said was published from a syndicated feed of council "
        "notices rather than written by its own staff, listed the streets that will be closed, "
        "the bus routes that will change and the dates on which the ferry timetable will be "
        "extended, and it asked drivers to plan their journeys before setting out during the "
        "first two weeks of the work."
    )
    assert len(paragraph.split()) > 60
    text = "\n\n".join([*STORY[:2], paragraph, *STORY[2:]]) + "\n"
    assert paragraph not in lines_marked(text)
    short = "This story was published from a syndicated feed."
    assert lines_marked("\n\n".join([*STORY[:2], short, *STORY[2:]]) + "\n").get(short)


def test_only_short_subscribe_pleas_are_marked() -> None:
    """The subscribe-plea cap: a 20+ word sentence that mentions readers is prose."""
    prose = ("The museum, which relies on gifts from readers like you and from local firms, "
             "said its visitor numbers rose by a third after the bridge reopened last spring.")
    plea = "Support independent journalism: become a subscriber today."
    assert len(prose.split()) > 20
    text = "\n\n".join([*STORY[:2], prose, plea, *STORY[2:]]) + "\n"
    marked = lines_marked(text)
    assert prose not in marked
    assert marked.get(plea) == "subscribe plea"
