"""Importing article files: encodings, formats, metadata, and refusing what is no article."""

from __future__ import annotations

import codecs
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from factdesk.core.model import ArticleFormat, MarkKind, PassageKind
from factdesk.core.read.ingest import (
    MAX_TEXT_BYTES,
    IngestError,
    article_id_for,
    parse_article,
    read_article,
)
from factdesk.core.read.segment import split_passages

DATA = Path(__file__).parents[1] / "data" / "ingest"
SEEDS = Path(__file__).parents[2].parent / "shared/corpus/seeds"

# Fictional article text with curly quotes, a euro sign and a dash (all in cp1252).
CP1252_TEXT = (
    "Bridge repairs to cost more than planned\n\n"
    "The mayor said the “new bridge” will cost €2.5 million – far more than planned.\n"
    "Residents weren’t happy. “It’s too much,” said one.\n"
)
# Latin-1 has no curly quotes or euro sign, so this one uses accents and guillemets.
LATIN1_TEXT = (
    "Le café de Zürich ferme\n\n"
    "Le café de la place Müller fermera en août, déclare le propriétaire. "
    "« C’est la fin », dit Señor Núñez, 68 ans.\n"
).replace("’", "'")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def python_reads(path: Path, encoding: str) -> str:
    """What the export contract promises: the text as Python's universal-newline reader gives."""
    with open(path, encoding=encoding, newline=None) as handle:
        return handle.read().removeprefix("\ufeff")


# --- encodings and line ends ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data", "python_encoding"),
    [
        ("utf-8", CP1252_TEXT.encode("utf-8"), "utf-8"),
        ("utf-8 with BOM", codecs.BOM_UTF8 + CP1252_TEXT.encode("utf-8"), "utf-8-sig"),
        ("utf-16 LE BOM", codecs.BOM_UTF16_LE + CP1252_TEXT.encode("utf-16-le"), "utf-16"),
        ("utf-16 BE BOM", codecs.BOM_UTF16_BE + CP1252_TEXT.encode("utf-16-be"), "utf-16"),
        ("cp1252", CP1252_TEXT.encode("cp1252"), "cp1252"),
        ("latin-1", LATIN1_TEXT.encode("latin-1"), "latin-1"),
    ],
)
def test_every_encoding_gives_the_text_python_reads(tmp_path, label, data, python_encoding):
    path = write(tmp_path, "story.txt", data)
    article = read_article(path)
    assert article.text == python_reads(path, python_encoding)
    assert "\ufeff" not in article.text
    assert article.sha256 == hashlib.sha256(data).hexdigest()  # hash of the original bytes
    assert article.id == "a" + article.sha256[:8]


def test_cp1252_curly_quotes_and_euro_are_detected_not_guessed(tmp_path):
    article = read_article(write(tmp_path, "legacy.txt", CP1252_TEXT.encode("cp1252")))
    assert "“new bridge”" in article.text
    assert "€2.5 million – far more" in article.text
    assert "weren’t" in article.text


def test_latin1_accents_are_decoded(tmp_path):
    article = read_article(write(tmp_path, "cafe.txt", LATIN1_TEXT.encode("latin-1")))
    assert "Zürich" in article.text and "Señor Núñez" in article.text and "« C'est" in article.text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_newlines(tmp_path, newline):
    data = CP1252_TEXT.replace("\n", newline).encode("utf-8")
    path = write(tmp_path, "windows.txt", data)
    article = read_article(path)
    assert article.text == CP1252_TEXT
    assert article.text == python_reads(path, "utf-8")
    assert "\r" not in article.text
    assert article.sha256 == hashlib.sha256(data).hexdigest()


def test_text_article_keeps_every_character(tmp_path):
    """Junk is only marked: a .txt article's text is the whole file."""
    body = "HomeWorld\n\nCouncil cuts bus fares\n\nThe council cut fares by 10% on Monday.\n"
    article = read_article(write(tmp_path, "bus.txt", body.encode()))
    assert article.text == body
    assert any(article.text[m.start : m.end] == "HomeWorld" for m in article.marks)


def test_same_bytes_give_same_id_and_display_path_is_used(tmp_path):
    data = CP1252_TEXT.encode()
    one = read_article(write(tmp_path, "one.txt", data), display_path="inbox/one.txt")
    two = parse_article(data, "elsewhere/two.txt")
    assert one.id == two.id == article_id_for(hashlib.sha256(data).hexdigest())
    assert one.path == "inbox/one.txt" and two.path == "elsewhere/two.txt"
    assert article_id_for("0123456789abcdef") == "a01234567"


# --- formats ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", ArticleFormat.TEXT),
        ("a.TEXT", ArticleFormat.TEXT),
        ("a.html", ArticleFormat.HTML),
        ("a.htm", ArticleFormat.HTML),
        ("a.md", ArticleFormat.MARKDOWN),
        ("a.markdown", ArticleFormat.MARKDOWN),
    ],
)
def test_format_from_extension(tmp_path, name, expected):
    source = (
        DATA
        / {
            ArticleFormat.TEXT: "library_vote.md",
            ArticleFormat.HTML: "harbour_ferry.html",
            ArticleFormat.MARKDOWN: "library_vote.md",
        }[expected]
    )
    assert read_article(write(tmp_path, name, source.read_bytes())).format == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("harbour_ferry.html", ArticleFormat.HTML),
        ("library_vote.md", ArticleFormat.MARKDOWN),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path, source, expected):
    path = write(tmp_path, "capture.article", (DATA / source).read_bytes())
    assert read_article(path).format == expected
    plain = write(tmp_path, "notes.dat", CP1252_TEXT.encode())
    assert read_article(plain).format == ArticleFormat.TEXT


# --- HTML --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ferry():
    return read_article(DATA / "harbour_ferry.html")


def test_html_text_is_headline_then_paragraphs(ferry):
    assert ferry.format == ArticleFormat.HTML
    assert ferry.text.startswith("Harbour council approves new ferry route\n\nThe Lakeside harbour")
    assert "“This is a good day for the island,” said councillor Ana Brill." in ferry.text
    assert "\n\nTickets will cost €4.50 for adults" in ferry.text


def test_html_scripts_styles_iframes_and_page_chrome_never_reach_the_text(ferry):
    for junk in (
        "SECRET_TRACKER",
        "trackReader",
        "INJECTED_BY_SCRIPT",
        "font-family",
        "javascript:",
        "onclick",
        "openMenu",
        "ads.example.com",
        "Privacy policy",
        "All rights reserved",
        "Bakery wins prize",
        "Share on Facebook",
    ):
        assert junk not in ferry.text, junk


def test_html_metadata_from_meta_tags(ferry):
    assert ferry.title == "Harbour council approves new ferry route"
    assert ferry.outlet == "The Lakeside Courier"
    assert ferry.author == "Mira Okafor"
    assert ferry.published == "2024-03-07"


def test_html_headline_is_the_first_passage(ferry):
    passages = split_passages(ferry)
    assert passages[0].kind == PassageKind.HEADLINE
    assert passages[0].text == ferry.title
    # the <h1> copy of the headline inside <article> is marked, not a second passage
    assert sum(p.text == ferry.title for p in passages) == 1


def test_html_declared_legacy_charset_is_used(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Prices rise</title></head><body>'
        "<article><p>Bread now costs €3 in the village shop, up from €2.40 last year, "
        "the baker said on Monday.</p><p>“We had no choice,” she said, pointing to the flour "
        "bill that doubled since the spring.</p></article></body></html>"
    )
    article = read_article(write(tmp_path, "prices.html", page.encode("cp1252")))
    assert "Bread now costs €3" in article.text
    assert "“We had no choice,” she said" in article.text


# --- Markdown ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def library():
    return read_article(DATA / "library_vote.md")


def test_markdown_text_is_kept_as_is_with_markup_marked(library):
    raw = (DATA / "library_vote.md").read_text(encoding="utf-8")
    assert library.text == raw
    markup = {library.text[m.start : m.end] for m in library.marks if m.kind == MarkKind.MARKUP}
    assert {"#", "##", ">", "-"} <= markup


def test_markdown_images_and_comments_are_boilerplate(library):
    junk = [library.text[m.start : m.end] for m in library.marks if m.kind == MarkKind.BOILERPLATE]
    assert "![The library reading room](images/reading-room.jpg)" in junk
    assert any(j.startswith("<!-- editor:") for j in junk)


def test_markdown_metadata_and_headings(library):
    assert library.title == "Town library will open on Sundays"
    assert library.author == "Jonas Veldt"
    assert library.published == "2024-05-02"
    passages = split_passages(library)
    assert (passages[0].kind, passages[0].text) == (PassageKind.HEADLINE, library.title)
    heading = next(p for p in passages if p.kind == PassageKind.HEADING)
    assert heading.text == "What changes for readers"
    assert any(p.text == "Late opening on Thursdays until 9 p.m." for p in passages)


# --- metadata in plain text ---------------------------------------------------------------------


def test_text_byline_dateline_and_date_line(tmp_path):
    body = (
        "Dam inspection finds cracks\n"
        "By Ana Brill and Tomás Ferreira\n"
        "Published: 12 February 2024\n\n"
        "RIVERTON, Feb 11 (AFP) – Engineers found three cracks in the Riverton dam, officials said.\n"
    )
    article = read_article(write(tmp_path, "dam.txt", body.encode()))
    assert article.title == "Dam inspection finds cracks"
    assert article.author == "Ana Brill and Tomás Ferreira"
    assert article.published == "2024-02-12"
    assert article.outlet == "AFP"
    metadata = {article.text[m.start : m.end] for m in article.marks if m.kind == "metadata"}
    assert "By Ana Brill and Tomás Ferreira" in metadata
    assert "RIVERTON, Feb 11 (AFP) –" in metadata
    first = split_passages(article)[1]
    assert first.text.startswith("Engineers found three cracks")


@pytest.mark.parametrize(("stamp", "day"), [
    ("posted Jun 11th, 2012 at 1:23 PM", "2012-06-11"),
    ("(10:27 am PDT, Jun 11th 2012)", "2012-06-11"),  # dateutil read "2012)" as 2026
    ("4 August 2013 Last updated at 19:47 GMT", "2013-08-04"),
    ("Monday 5 August 2013 08.33 BST", "2013-08-05"),  # a time dateutil cannot read
    ("JUNE 11, 2012 AT 10:33 AM PT", "2012-06-11"),
    ("Published Sunday, Aug 4 2013, 19:30 BST", "2013-08-04"),
    ("Jun 11th, 2012", "2012-06-11"),
])
def test_a_time_stamp_line_dates_the_article_and_is_no_passage(tmp_path, stamp, day):
    """QA3 items 9 and 12: "posted Jun 11th, 2012 at 1:23 PM" left the article undated, so
    "on Friday" could not be resolved, and as a passage it was grouped with another outlet's
    time stamp and suggested "confirmed by 2 sources"; a BBC page's stamp above its headline
    became the article's title."""
    for body in (f"Apple unveils new MacBook Pro\n{stamp}\n\n", f"{stamp}\nApple unveils new "
                 "MacBook Pro\n\n"):
        body += "Apple unveiled a new laptop on Monday in San Francisco.\n"
        article = read_article(write(tmp_path, "story.txt", body.encode()))
        assert article.published == day
        assert article.title == "Apple unveils new MacBook Pro"
        marks = {article.text[m.start : m.end]: m.kind for m in article.marks}
        assert marks == {stamp: MarkKind.METADATA}
        texts = [p.text for p in split_passages(article)]
        assert texts == ["Apple unveils new MacBook Pro",
                         "Apple unveiled a new laptop on Monday in San Francisco."]
        assert article.text == body  # marked, never removed


def test_a_weekday_resolves_against_the_time_stamp_line(tmp_path):
    """The knock-on of item 9: the BBC's "suspended on Friday" had no calendar day."""
    from factdesk.core.check.dates import extract_dates

    body = ("4 August 2013 Last updated at 19:47 GMT\nCapaldi revealed as 12th Doctor\n\n"
            "Betting on him becoming the next Doctor was suspended on Friday.\n")
    article = read_article(write(tmp_path, "bbc.txt", body.encode()))
    sentence = split_passages(article)[-1].text
    (friday,) = extract_dates(sentence, article.published)
    assert friday.precise and friday.label() == "Friday (2 Aug)"


@pytest.mark.parametrize("line", [
    "Vote set for June 11, 2012",  # a headline that gives a date
    "Ellen DeGeneres to host 2014 Oscars",
    "Seacom operations fully restored: 4 November 2011",
    "June 2012 was the wettest month on record",  # no day: nothing to date the article by
    "She died in 1984.",
    "Reid checked herself in on Tuesday, December 9, 2008.",
])
def test_a_line_that_only_mentions_a_date_stays_a_passage(tmp_path, line):
    body = f"Talks resume in Geneva\n\n{line}\n\nThe talks resumed on Wednesday, they said.\n"
    article = read_article(write(tmp_path, "talks.txt", body.encode()))
    assert article.published is None
    assert line in [p.text for p in split_passages(article)]


def test_a_lede_that_opens_with_a_dateline_keeps_its_text(tmp_path):
    """Only a line that is all time stamp is furniture: a lede's dateline is marked, its
    sentence stays, however short."""
    body = ("Senate passes budget\n\n"
            "WASHINGTON, June 11 (Reuters) - The Senate passed the budget on Monday.\n\n"
            "LAGOS, June 11, 2012 - Rain fell.\n\n"
            "WASHINGTON, June 11, 2012 - Lawmakers voted on Monday.\n")
    article = read_article(write(tmp_path, "budget.txt", body.encode()))
    texts = [p.text for p in split_passages(article)]
    assert "The Senate passed the budget on Monday." in texts
    assert any("Rain fell." in t for t in texts)
    assert any("Lawmakers voted on Monday." in t for t in texts)
    assert article.outlet == "Reuters"


def test_title_of_text_without_headline_is_the_shortened_first_sentence(tmp_path):
    body = (
        "The regional council of the northern lake district voted on Thursday to close three "
        "rural schools next summer despite protests from parents. More follows.\n"
    )
    article = read_article(write(tmp_path, "schools.txt", body.encode()))
    assert article.title.startswith("The regional council of the northern lake district")
    assert article.title.endswith("…") and len(article.title) <= 101
    assert article.outlet == "" and article.published is None


# --- outlet names from the page ----------------------------------------------------------------


def test_outlet_from_markdown_front_matter(tmp_path):
    body = ("---\ntitle: Talks resume\npublisher: Harbour Times\ndate: 2025-12-03\n---\n\n"
            "The talks resumed on Wednesday, officials said.\n")
    article = read_article(write(tmp_path, "story.md", body.encode()))
    assert (article.outlet, article.title) == ("Harbour Times", "Talks resume")


@pytest.mark.parametrize(("body", "outlet"), [
    # a wire tag in the lede, as Indian and Asian wires write it
    ("Talks resume\n\nNew Delhi [India], December 3 (ANI): The talks between the two sides "
     "resumed on Wednesday after a pause of three weeks, officials said in a statement.\n",
     "ANI"),
    # a byline that names the outlet; a byline naming a desk does not
    ("Talks resume\nBy Jane Okafor, Harbour Times\n\nThe talks resumed on Wednesday.\n",
     "Harbour Times"),
    ("Talks resume\nBy Jane Okafor, City Desk\n\nThe talks resumed on Wednesday.\n", ""),
    # a wire story reprinted: the publisher from its disclaimer, the wire in brackets
    ("Talks resume\n\nGENEVA, May 2 (AFP) - The talks resumed on Wednesday.\n\n"
     "Disclaimer: This story is auto-generated from a syndicated feed. The Daily Ledger "
     "takes no responsibility for its content.\n", "The Daily Ledger (AFP)"),
    # a wire credited alone names no outlet, only the wire
    ("Talks resume\n\nThe talks resumed on Wednesday.\n\nThe Associated Press contributed "
     "to this report.\n", "via Associated Press"),
    # a bracketed word mid-sentence is no wire tag
    ("Talks resume\n\nThe talks resumed after the (UN) envoy - who flew in on Tuesday - "
     "met both delegations and said that progress had been made on the main points.\n", ""),
    ("Talks resume\n\nOfficials of the United Nations (UN) - who flew in on Tuesday - met "
     "both delegations and said that progress had been made on the main points.\n", ""),
    # the copyright line names the owner; a photo credit does not
    ("Talks resume\n\nThe talks resumed on Wednesday.\n\nCopyright 2025 The Associated "
     "Press. All rights reserved.\n", "The Associated Press"),
    ("Talks resume\n\nThe talks resumed on Wednesday.\n\n© Getty Images\n", ""),
    ("Talks resume\n\nThe talks resumed on Wednesday.\n\nSource: AFP\n", "AFP"),
    ("Talks resume\n\nThe talks resumed on Wednesday.\n\nSource: Getty Images\n", ""),
    # a headline that starts "Sources:" names no outlet (ECB+ 10_4ecbplus)
    ("Sources: Sox May Not Be Out Of Teixeira Chase\n\nThe Red Sox do not believe they are "
     "out of the chase.\n", ""),
    ("Talks resume\n\nThe talks resumed on Wednesday.\n\nThis article originally appeared "
     "in The Conversation.\n", "The Conversation"),
    # someone who takes no responsibility in the story is no publisher
    ("Talks resume\n\nThe talks resumed on Wednesday. Petrov takes no responsibility for "
     "the delays, he said.\n", ""),
])
def test_outlet_from_the_page(tmp_path, body, outlet):
    article = read_article(write(tmp_path, "story.txt", body.encode()))
    assert article.outlet == outlet


# --- seeds -------------------------------------------------------------------------------------

SEED_META = {
    "000_46aefff936c348e7.txt": ("2025-12-04", "", ""),
    # "AFP contributed reporting": the outlet that took AFP's reporting is not named
    "001_eb5e6c2d4eb4df4a.txt": ("2025-12-04", "via AFP", ""),
    # "has not been edited by DNA staff and is published from ANI"
    "002_96179bac58b06239.txt": ("2025-12-04", "DNA (ANI)", ""),
    "003_e1192160ed273444.txt": (None, "ABC News", ""),
    # "(Reuters) –" dateline; "ThePrint holds no responsibility for its content"
    "004_b869e01b147368be.txt": ("2025-12-04", "ThePrint (Reuters)",
                                 "Dmitry Antonov and Steve Holland"),
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not present")
@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_metadata(name):
    article = read_article(SEEDS / name)
    published, outlet, author = SEED_META[name]
    assert (article.published, article.outlet, article.author) == (published, outlet, author)
    assert article.text == python_reads(SEEDS / name, "utf-8")
    assert article.title and len(article.title) <= 101
    ends = [(m.start, m.end) for m in article.marks]
    assert ends == sorted(ends)
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not present")
def test_seed_titles():
    titles = {p.name: read_article(p).title for p in SEEDS.glob("*.txt")}
    assert titles["004_b869e01b147368be.txt"] == (
        "Next steps for Ukraine talks unclear after Moscow meeting, Trump says"
    )
    assert titles["002_96179bac58b06239.txt"].startswith("'Putin wants to end war': Trump")
    assert titles["000_46aefff936c348e7.txt"].startswith("Donald Trump made an embarrassing")


# --- refusals ----------------------------------------------------------------------------------


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "A story inside a zip file.")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason_words"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n   \n", "whitespace"),
        ("nul.txt", b"Some text\x00\x01\x02 with NUL bytes", "binary"),
        ("story.zip.txt", zip_bytes(), "ZIP"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        ("huge.txt", b"a" * (MAX_TEXT_BYTES + 1), "5 MB"),
    ],
)
def test_bad_files_are_refused_with_file_and_reason(tmp_path, name, data, reason_words):
    path = write(tmp_path, name, data)
    with pytest.raises(IngestError) as caught:
        read_article(path, display_path=f"inbox/{name}")
    error = caught.value
    assert error.path == f"inbox/{name}"
    assert reason_words.lower() in error.reason.lower()
    assert str(error) == f"inbox/{name}: {error.reason}"
    with pytest.raises(IngestError):  # the pure parser refuses the same bytes
        parse_article(data, name)


def test_directory_and_missing_path_are_refused(tmp_path):
    with pytest.raises(IngestError, match="folder") as caught:
        read_article(tmp_path)
    assert caught.value.path == str(tmp_path)
    missing = tmp_path / "gone.txt"
    with pytest.raises(IngestError, match="not found") as caught:
        read_article(missing)
    assert str(caught.value).startswith(str(missing))


def test_html_without_article_text_is_refused():
    with pytest.raises(IngestError) as caught:
        read_article(DATA / "no_article.html")
    assert caught.value.reason == "no article text found"
    assert "no_article.html" in str(caught.value)


def test_text_exactly_at_the_limit_is_accepted():
    paragraph = b"The council met again today and talked about the harbour. " * 900 + b"\n\n"
    data = paragraph * (MAX_TEXT_BYTES // len(paragraph))
    data += b"x" * (MAX_TEXT_BYTES - len(data))
    assert len(data) == MAX_TEXT_BYTES
    article = parse_article(data, "long.txt")
    assert len(article.text) == len(data)
    with pytest.raises(IngestError, match="5 MB"):
        parse_article(data + b"x", "long.txt")


def test_a_page_that_breaks_the_html_reader_is_read_or_refused_never_a_crash():
    """Found by the CLI fuzz: an <svg> after </html> made trafilatura's metadata step
    (htmldate → lxml) raise a bare AssertionError, ending the whole `factdesk new`."""
    html = ("</p></article></body></html>\n\n<svg onload=alert(1)>Repairs will begin on Monday "
            "and cost at least $4.2 million. The council voted on Wednesday to close the "
            "harbour bridge for six weeks.")
    try:
        article = parse_article(html.encode("utf-16"), "page.html", ArticleFormat.HTML)
    except IngestError as exc:
        assert exc.reason  # refused with a reason
    else:
        assert "Repairs will begin on Monday" in article.text
        assert "onload" not in article.text


@pytest.mark.parametrize("line", [
    "Suspect released June 12, 2024",
    "Lawsuit filed March 3, 2024",
    "June 11, 2012 - 9 dead",
    "Born: 12 March 1936",
    "Deadline: June 30, 2025",
])
def test_a_dated_fact_line_is_a_passage_not_the_page_time_stamp(tmp_path, line):
    """A short line that tells a fact with its date is the story's, not the page's stamp: it
    stays a passage and never dates the article (the review of QA3 items 9 and 12)."""
    body = f"Court hears the case\n{line}\n\nThe trial opened on Monday in the city.\n"
    article = read_article(write(tmp_path, "story.txt", body.encode()))
    assert article.published in (None, "")
    assert line in [p.text for p in split_passages(article)]
