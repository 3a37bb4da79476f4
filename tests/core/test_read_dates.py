"""QA pass 5's reading defects: a year alone read as a date, numeric date lines not read (or
read in the wrong order), a headline read as the outlet.

Each test states what a fact-checker saw: an article "published" on 1 January of a year its
page only printed in a copyright line, an undated article whose head printed "14.12.2008",
a page of 1 February shown as of 2 January, "NASA Says Bridge Safe" as the source's name.
All texts are made up for the tests."""

from __future__ import annotations

import pytest

from factdesk.core.model import ArticleFormat
from factdesk.core.read.ingest import parse_article

BODY = ("The council voted on Tuesday to close the old bridge after engineers found cracks in "
        "two of its piers. Traffic will be diverted for at least six months, officials said.\n\n"
        "Repairs will begin next spring, the city engineer said, and will cost about four "
        "million dollars.\n")
HTML_BODY = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))


def _text(text: str, name: str = "story.txt"):
    return parse_article(text.encode(), name)


def _page(head: str, article: str, footer: str = ""):
    html = (f"<html><head><title>Bridge closed</title>{head}</head><body><article>"
            f"{article}{HTML_BODY}</article>{footer}</body></html>")
    return parse_article(html.encode(), "story.html", ArticleFormat.HTML)


# --- 1. a year on its own is no date --------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Bridge closed\n\n2008\n\n" + BODY,
    "Bridge closed\n\n" + BODY + "\n© 2008\n",
    "Bridge closed for repairs until 2008\n\n" + BODY,
    "Bridge closed\n\nDecember 2008\n\n" + BODY,
])
def test_a_year_or_a_month_alone_in_a_text_dates_nothing(text: str) -> None:
    assert _text(text).published is None


@pytest.mark.parametrize("value", ["2008", "2008-12", "December 2008"])
def test_a_year_alone_in_front_matter_dates_nothing(value: str) -> None:
    """dateutil filled the missing month and day from today: "date: 2008" read 2008-12-04."""
    article = _text(f"---\ntitle: Bridge closed\ndate: {value}\n---\n\n{BODY}", "story.md")
    assert article.published is None


@pytest.mark.parametrize(("head", "article", "footer"), [
    ("", "<h1>Bridge closed</h1>", "<footer>© 2008 Harbour News</footer>"),
    ("<meta name='date' content='2008'>", "<h1>Bridge closed</h1>", ""),
    ("", "<h1>Bridge closed in 2008</h1>", ""),
    ("", "<h1>Bridge closed</h1><p>2008</p>", ""),
    ("<meta property='article:published_time' content='2008-12'>", "<h1>Bridge closed</h1>", ""),
])
def test_a_page_that_prints_only_a_year_is_undated(head: str, article: str, footer: str) -> None:
    """The page's metadata reader (htmldate) made up 1 January (or today's day) for a year
    (or a month) that was all the page printed: a made-up date is no date."""
    assert _page(head, article, footer).published is None


@pytest.mark.parametrize(("head", "article", "expected"), [
    ("<meta property='article:published_time' content='2008-12-14T10:02:00Z'>",
     "<h1>Bridge closed</h1>", "2008-12-14"),
    ("<meta property='article:published_time' content='2008-12-01T10:02:00Z'>",
     "<h1>Bridge closed</h1>", "2008-12-01"),
    ("", "<h1>Bridge closed</h1><p class='date'>Published January 1, 2009</p>", "2009-01-01"),
])
def test_a_page_that_prints_its_day_keeps_its_date(head: str, article: str,
                                                    expected: str) -> None:
    assert _page(head, article).published == expected


# --- 2. numeric date lines ------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("12/14/2008", "2008-12-14"),
    ("14/12/2008", "2008-12-14"),
    ("2008-12-14", "2008-12-14"),
    ("2008-01-02", "2008-01-02"),  # year first: always year, month, day
    ("14.12.2008", "2008-12-14"),
    ("02.01.2008", "2008-01-02"),  # dots: day first wherever they are written
    ("Posted 14.12.2008 11:02", "2008-12-14"),
    ("Dec. 14, 2008 11:02 AM EST", "2008-12-14"),
    ("Updated: 12/14/2008 11:02 AM", "2008-12-14"),
    # North American clocks write dates month first: the zone decides "08/02"
    ("Posted: 08/02/2013 11:10 am EDT", "2013-08-02"),
    ("Posted at 3:21 PM ET, 01/05/2011", "2011-01-05"),
])
def test_a_numeric_date_line_dates_the_article(line: str, expected: str) -> None:
    article = _text(f"Bridge closed\n\n{line}\n\n{BODY}")
    assert article.published == expected
    # a time stamp is metadata, never a passage (so never aligned or suggested as a claim)
    assert any(m.reason == "date line" and article.text[m.start:m.end] == line
               for m in article.marks)


@pytest.mark.parametrize("line", ["01/02/2008", "05/03/2013 8:33 am", "Posted: 3-4-2013"])
def test_an_ambiguous_numeric_date_dates_nothing(line: str) -> None:
    """01/02/2008 is 2 January in New York and 1 February in London: nothing on the line says
    which, and a wrong date makes a wrong "date: … vs …" conflict, so no date is read."""
    assert _text(f"Bridge closed\n\n{line}\n\n{BODY}").published is None


def test_an_ambiguous_numeric_date_in_front_matter_dates_nothing() -> None:
    article = _text(f"---\ntitle: Bridge closed\ndate: 01/02/2008\n---\n\n{BODY}", "story.md")
    assert article.published is None


# --- 3. a headline is no outlet -------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "NASA Says Bridge Safe - December 14, 2008",
    "U.S. Charges Bridge Builder - Dec. 14, 2008",
    "FBI Arrests Two | December 14, 2008",
    "Times Square Bomb Plot Foiled - December 14, 2008",
])
def test_a_headline_before_a_time_stamp_is_no_source(line: str) -> None:
    """Initials or an outlet's word in a headline ("NASA", "U.S.", "Times") made the words
    before the stamp the article's source: the pane was headed "NASA Says Bridge Safe"."""
    article = _text(f"{line}\n\n{BODY}")
    assert article.outlet == ""
    assert article.title == line  # the headline stays the headline (a passage)


@pytest.mark.parametrize("headline", ["NASA TV Says Bridge Safe", "Times Square Plot Foiled",
                                      "U.S. Charges Bridge Builder"])
def test_a_headline_above_a_time_stamp_is_no_source(headline: str) -> None:
    article = _text(f"Harbour edition\n\n{headline}\n\nDecember 14, 2008\n\n{BODY}")
    assert article.outlet == ""
    assert article.published == "2008-12-14"


@pytest.mark.parametrize(("line", "outlet"), [
    ("NBC Bay Area - December 14, 2008", "NBC Bay Area"),
    ("CBS Sports - December 14, 2008", "CBS Sports"),
    ("The New York Times - December 14, 2008", "The New York Times"),
    ("Sydney Morning Herald | December 14, 2008", "Sydney Morning Herald"),
    ("FBI - December 14, 2008", "FBI"),
])
def test_an_outlet_before_a_time_stamp_is_still_the_source(line: str, outlet: str) -> None:
    article = _text(f"Bridge closed\n\n{line}\n\n{BODY}")
    assert (article.outlet, article.published) == (outlet, "2008-12-14")


@pytest.mark.parametrize("name", ["NASA Says Bridge Safe.txt", "u.s._charges_bridge_builder.txt",
                                  "FBI_ Bridge bomb plot foiled.txt"])
def test_a_file_named_after_its_headline_names_no_source(name: str) -> None:
    """A page saved under its headline: the pane was headed "NASA Says Bridge Safe", a claim
    in the source's place; the reviewer is asked for the outlet instead."""
    from factdesk.core.model import article_label, needs_name

    headline = {"N": "NASA Says Bridge Safe", "u": "U.S. Charges Bridge Builder",
                "F": "FBI: Bridge bomb plot foiled"}[name[0]]
    article = parse_article(f"{headline}\n\n{BODY}".encode(), f"/home/r/{name}")
    assert article_label(article).startswith("Source")
    assert needs_name(article)


@pytest.mark.parametrize(("address", "line", "expected"), [
    ("https://news.example/nation/2007-04-09-office-shooting.htm", "Updated 4/9/2007 6:04 PM",
     "2007-04-09"),
    ("https://news.example/2012/09/04/bridge-closed.html", "Posted: 4/9/2012", "2012-09-04"),
    ("https://news.example/2012/05/17/bridge-closed.html", "Posted: 4/9/2012", None),
])
def test_a_day_printed_year_first_decides_an_ambiguous_stamp(address: str, line: str,
                                                             expected: str | None) -> None:
    """The page's own address often prints the day year first: it tells which of the two
    readings of "4/9/2007" the stamp means; a day that is neither decides nothing."""
    assert _text(f"{address}\n\nBridge closed\n\n{line}\n\n{BODY}").published == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Tue, 04/09/2012 13:42", "2012-09-04"),  # 4 September 2012 was a Tuesday, 9 April a Monday
    ("Monday 04/09/2012", "2012-04-09"),
    ("Sunday 04/09/2012", None),  # neither reading is a Sunday
])
def test_the_weekday_on_the_line_decides_an_ambiguous_stamp(line: str,
                                                            expected: str | None) -> None:
    assert _text(f"Bridge closed\n\n{line}\n\n{BODY}").published == expected


@pytest.mark.parametrize("printed", ["14-Dec-2008", "Dec-14-2008", "<span>Sun 14 Dec. 2008</span>",
                                     "Dec 14th '08"])
def test_a_page_date_printed_in_a_short_form_is_kept(printed: str) -> None:
    article = _page("", f"<h1>Bridge closed</h1><p class='byline'>{printed}</p>")
    assert article.published == "2008-12-14"
