"""Figures read as a fact-checker reads them (the QA passes' leftovers of 3 Dec): magnitudes
written as a letter ("$300K", "€2.5bn"), times of day, compound compass bearings, a figure
the segmenter cut at its decimal point, a sentence that opens on another year.

Every sentence here is made up for the test; each test fails on main before these rules."""

from __future__ import annotations

import pytest

from factdesk.core.check.claimscope import claim_scope
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    ConflictKind,
    GroupMember,
    Passage,
)


def _story(texts: dict[str, list[str]], groups: list[list[str]]):
    """Articles of one or more passages each ("A.0" is A's first; passages are joined with
    one space, so a passage may end inside a figure the segmenter cut); ``groups``: passage
    ids the aligner filed together; conflicts as the conflict module finds them."""
    articles, passages = {}, {}
    for aid, parts in texts.items():
        text = " ".join(parts)
        articles[aid] = Article(aid, f"{aid}.txt", text, aid * 8, outlet=f"Out{aid}")
        at = 0
        for n, part in enumerate(parts):
            passages[f"{aid}.{n}"] = Passage(f"{aid}.{n}", aid, n, at, at + len(part), part)
            at += len(part) + 1
    made = [AlignmentGroup(f"g{n}", tuple(GroupMember(p, 0.9) for p in ids), 0.9)
            for n, ids in enumerate(groups)]
    return articles, passages, made, find_conflicts(made, passages, articles)


def _numbers(a: str, b: str) -> list[str]:
    """The number rows two one-sentence articles in one group get."""
    *_, conflicts = _story({"A": [a], "B": [b]}, [["A.0", "B.0"]])
    return [c.detail for c in conflicts if c.kind is ConflictKind.NUMBER]


# --- 1. magnitudes written as a letter ------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("The council paid $300K for the empty lot, the clerk said.",
     "The council paid $300,000 for the empty lot, the clerk said."),
    ("The start-up raised $10M from investors last spring.",
     "The start-up raised $10 million from investors last spring."),
    ("The bridge will cost €2.5bn to rebuild, the ministry said.",
     "The bridge will cost €2.5 billion to rebuild, the ministry said."),
    ("Organisers said 300K people marched through the capital.",
     "Organisers said 300,000 people marched through the capital."),
    ("The painting sold for £1.2m at the auction on Friday.",
     "The painting sold for £1,200,000 at the auction on Friday."),
    # a range in one scale: "$140-150 million" allows $145 million
    ("The team offered $140-150 million over seven years.",
     "The team offered $145 million over seven years."),
])
def test_a_magnitude_written_as_a_letter_is_the_spelled_out_figure(a: str, b: str) -> None:
    assert _numbers(a, b) == []


@pytest.mark.parametrize(("a", "b", "shown"), [
    ("The council paid $300K for the empty lot, the clerk said.",
     "The council paid $300 for the empty lot, the clerk said.", ("$300K", "$300")),
    ("The start-up raised $10M from investors last spring.",
     "The start-up raised $12 million from investors last spring.", ("$10M", "12 million")),
    ("Organisers said 300K people marched through the capital.",
     "Organisers said 30,000 people marched through the capital.", ("300K", "30,000")),
])
def test_a_magnitude_written_as_a_letter_still_differs_from_another_figure(
        a: str, b: str, shown: tuple[str, str]) -> None:
    rows = _numbers(a, b)
    assert len(rows) == 1 and all(s in rows[0] for s in shown)


def test_metres_and_a_race_are_not_millions_or_thousands() -> None:
    # "10 m" and "10m" before a wall are metres: they meet "10 metres", not ten million
    assert _numbers("Crews built a 10m wall along the river.",
                    "Crews built a 10 metre wall along the river.") == []
    assert _numbers("Crews built a 10m wall along the river.",
                    "Crews built a 12 metre wall along the river.") != []
    # a "5K run" is five kilometres, never 5,000 of anything
    assert _numbers("She won the 5K run on Sunday.", "She won the 5 km run on Sunday.") == []


# --- 2. times of day --------------------------------------------------------------------------


def test_two_times_of_one_happening_differ_and_the_same_time_agrees() -> None:
    rows = _numbers("The quake struck at 2:09 a.m. near the lake, officials said.",
                    "The quake hit at 2:19 a.m. near the lake, officials said.")
    assert len(rows) == 1 and "2:09 a.m." in rows[0] and "2:19 a.m." in rows[0]
    assert _numbers("The quake struck at 2:09 a.m. near the lake.",
                    "The quake struck at 2:09 am near the lake.") == []
    # a time on the hour is often rounded: "about 2 a.m." allows 2:09
    assert _numbers("The quake struck at 2:09 a.m. near the lake.",
                    "The quake struck at about 2 a.m. near the lake.") == []


@pytest.mark.parametrize(("a", "b"), [
    # two happenings: closing and opening
    ("Polls closed at 8 p.m. across the region.", "Polls opened at 7 a.m. across the region."),
    # two zones: 7:48 a.m. local is not 22:48 GMT
    ("The quake struck at 7:48 a.m. near the coast.",
     "The quake struck at 22:48 GMT near the coast."),
    # the edges of a span, not a moment
    ("The museum is open from 9 a.m. to 5 p.m. daily.",
     "The museum is open until 6 p.m. daily."),
])
def test_times_of_two_happenings_or_zones_are_not_compared(a: str, b: str) -> None:
    assert _numbers(a, b) == []


def test_a_claims_time_is_contradicted_by_a_source_timing_it_otherwise() -> None:
    articles, passages, groups, conflicts = _story({
        "A": ["The quake struck at 2:09 a.m. near the lake, the agency said."],
        "B": ["The quake struck at 2:19 a.m. near the lake, the agency said."],
        "C": ["The quake struck at 2:09 a.m. near the lake, residents said."],
    }, [["A.0", "B.0", "C.0"]])
    words = "The quake struck at 2:09 a.m."
    scope = claim_scope(Anchor("A", 0, len(words), words), passages, groups, conflicts,
                        articles)
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    assert "OutB" in " ".join(scope.suggestion[1])
    relation = {cp.passage_id: cp.relation.value for cp in scope.counterparts}
    assert relation["B.0"] == "contradicts" and relation["C.0"] == "supports"


# --- 3. compound compass bearings ---------------------------------------------------------------


@pytest.mark.parametrize("bearing", ["north-northeast", "NNE", "west-southwest", "ENE"])
def test_a_distance_with_a_compound_bearing_is_a_distance(bearing: str) -> None:
    # a distance is never a depth, and distances from two places are two facts
    assert _numbers(f"The quake struck 5 miles {bearing} of The Geysers, officials said.",
                    "The quake struck at a depth of 2 miles, officials said.") == []
    assert _numbers(f"The quake struck 5 miles {bearing} of The Geysers, officials said.",
                    f"The quake struck 14 miles {bearing} of Healdsburg, officials said.") == []
    # one place, two distances: a disagreement
    assert _numbers(f"The quake struck 5 miles {bearing} of The Geysers, officials said.",
                    f"The quake struck 8 miles {bearing} of The Geysers, officials said.") != []


# --- 4. a figure cut at its decimal point, a sentence of another year --------------------------


def test_two_cut_figures_of_two_things_are_not_compared() -> None:
    # the segmenter cut "$27.5" and "$37.5" at their points; the tails "5 million that …" and
    # "5 million contract." were aligned on the figure alone: two players' money
    *_, conflicts = _story({
        "A": ["The pitcher wants far more, closer to the $27.",
              "5 million that the shortstop Ray Ortiz is guaranteed to make."],
        "B": ["Last winter the club re-signed the catcher Tom Hale to a three-year, $37.",
              "5 million contract."],
    }, [["A.1", "B.1"]])
    assert [c.detail for c in conflicts if c.kind is ConflictKind.NUMBER] == []


def test_two_cut_figures_of_one_thing_still_differ() -> None:
    *_, conflicts = _story({
        "A": ["The pitcher wants far more, closer to the $27.",
              "5 million that the shortstop Ray Ortiz is guaranteed to make."],
        "B": ["The pitcher wants far more, closer to the $29.",
              "5 million that the shortstop Ray Ortiz is guaranteed to make."],
    }, [["A.1", "B.1"]])
    assert [c.detail for c in conflicts if c.kind is ConflictKind.NUMBER] == [
        "number: 27. 5 million vs 29. 5 million"]


def test_a_figure_of_a_sentence_opening_on_another_year_is_of_another_happening() -> None:
    assert _numbers("The thieves drove a car into the shop and took jewels worth 2m euros.",
                    "In 2007, the same gang drove two cars into a shop in Dubai and took "
                    "11m euros of jewels.") == []
    assert _numbers("In 2007, the gang took jewels worth 9m euros from a shop in Dubai.",
                    "In 2007, the gang took jewels worth 11m euros from a shop in Dubai.") != []


# --- 5. what is no quotation mark ---------------------------------------------------------------


def _quote_rows(a: str, b: str) -> list[str]:
    *_, conflicts = _story({"A": [a], "B": [b]}, [["A.0", "B.0"]])
    return [c.detail for c in conflicts
            if c.kind in (ConflictKind.QUOTE_WORDING, ConflictKind.ATTRIBUTION)]


def test_a_spaced_apostrophe_is_part_of_its_word() -> None:
    # a web page's "Zentra ’ s" (a curly apostrophe with a space either side) is "Zentra's"
    assert _quote_rows(
        "“ By buying Nimbus we bring Zentra ’ s chips to every data centre we serve, ” "
        "said Lee Park.",
        "“By buying Nimbus we bring Zentra's chips to every data centre we serve,” "
        "said Lee Park.") == []
    # a real change of wording beside it is still shown
    assert _quote_rows(
        "“ By buying Nimbus we bring Zentra ’ s chips to every data centre we serve, ” "
        "said Lee Park.",
        "“By buying Nimbus we bring Zentra's servers to every data centre we serve,” "
        "said Lee Park.") == ['quote wording: "chips to" vs "servers to"']


def test_an_inch_mark_opens_no_quotation() -> None:
    said = '"We built the phone people asked us for," said chief executive Ana Weir.'
    assert _quote_rows(
        f'The handset has a 3. 1" touch screen and a full keyboard. {said}',
        f"The handset has a 3.1-inch touch screen and a full keyboard. {said}") == []
    assert _quote_rows(
        f'The 13" model has a 3.1" touch screen and a full keyboard. {said}',
        f"The 13-inch model has a 3.1-inch touch screen and a full keyboard. {said}") == []
    # two outlets' own words after an inch mark are no quotation either
    assert _quote_rows(
        'It pairs a keyboard with a 3. 1" touch screen and the power of the new platform.',
        'It pairs a keyboard with a 3.1" touch screen and the speed of the new platform.') == []
