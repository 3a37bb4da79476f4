"""Publication dates at the calendar's ends never crash alignment, and are never used to read
weekdays: any date × any weekday or relative phrase (hypothesis), and a whole review through
the command line with articles dated 0001-01-01 and 9999-12-31."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_kill_each_statement import cli, info

from factdesk.core.check.dates import PLAUSIBLE_YEARS, extract_dates, parse_published

EXAMPLES = int(os.environ.get("FACTDESK_FUZZ_EXAMPLES", "250"))
PHRASES = ["on Monday", "Tuesday", "late on Wednesday", "will meet on Thursday",
           "early Friday", "Saturday night", "on Sunday morning", "yesterday", "today",
           "tonight", "last night", "this week", "last week", "next week", "this weekend",
           "last weekend", "on Dec 30", "January 2", "said on Wednesday"]


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(
    day=st.one_of(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
                  st.dates(min_value=date.min, max_value=date.max)),
    phrases=st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4),
    estimated=st.booleans(),
)
def test_any_publication_date_with_any_weekday_phrase(day: date, phrases: list[str],
                                                      estimated: bool) -> None:
    text = "The minister said " + ", and ".join(phrases) + " that the bridge would close."
    found = extract_dates(text, day.isoformat(), estimated=estimated)
    relative = [d for d in found if any(w in d.text.lower() for w in
                ("day", "week", "night", "tonight"))]
    if day.year not in PLAUSIBLE_YEARS:
        assert parse_published(day.isoformat()) is None
        # never resolved against an implausible date: a weekday is kept as written only
        assert all(not d.calendar and not d.precise for d in relative)
    else:
        assert parse_published(day.isoformat()) == day
        assert len(relative) >= 1 or set(phrases) <= {"on Dec 30", "January 2"}
        for d in relative:
            assert abs((d.low - day).days) <= 14, (d, day)
        for d in found:
            if "Dec 30" in d.text or "January 2" in d.text:
                # a day without a year is the latest such day not long after publication:
                # "Dec 30" in a January paper is last December's
                assert -366 < (d.low - day).days <= 60, (d, day)


def test_extreme_dates_through_the_command_line(tmp_path: Path) -> None:
    body = ("The council voted on Wednesday to close the harbour bridge for six weeks. "
            "Repairs will begin on Monday, the mayor said yesterday.\n")
    files = []
    for n, when in enumerate(["0001-01-01", "9999-12-31", "2026-03-04"]):
        f = tmp_path / f"a{n}.txt"
        f.write_text(f"date {when}\n\nBridge story {n}\n\n{body}The toll is {n + 3} dollars.\n",
                     "utf-8")
        files.append(f)
    review = tmp_path / "r.factdesk"
    made = cli("new", str(review), str(files[0]), str(files[2]))
    assert made.returncode == 0, made.stderr
    assert "0001-01-01 is outside 1900-2100" in made.stderr
    for args in (["add", str(review), str(files[1])],
                 ["group", "remove", str(review), "PASSAGE"],
                 ["realign", str(review)]):
        if "PASSAGE" in args:
            args[-1] = info_passage(review)
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    shown = info(review)
    assert shown["counts"]["articles"] == 3 and not shown["alignment_out_of_date"]
    assert sorted(a["published"] for a in shown["articles"]) == [
        "0001-01-01", "2026-03-04", "9999-12-31"]  # kept as written


def info_passage(review: Path) -> str:
    from factdesk.core.store import Review

    with Review.open(review, backup=False) as r:
        return r.passages()[2].id
