"""Report export: golden files for every text format, schema validation, and safety.

Golden files live in tests/data/export_golden/. After an intended change of output, regenerate
them with ``FACTDESK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/core/test_export.py`` and review
the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from factdesk.core.export import FORMATS, ExportError, export_review, render
from factdesk.core.export.build import assemble_report, context_around
from factdesk.core.export.claimreview import claim_reviews
from factdesk.core.export.csv import COLUMNS, cell
from factdesk.core.export.json import SCHEMA_URL, report_schema, report_to_json
from factdesk.core.export.markdown import diff_md, md
from factdesk.core.export.model import DiffPart, ExportOptions
from factdesk.core.export.print_html import render_print_html
from factdesk.core.export.sample import GENERATED, sample_report
from factdesk.core.model import (
    Anchor,
    Article,
    ArticleFormat,
    Claim,
    ClaimStatus,
    DiffKind,
    Evidence,
    EvidenceRelation,
    Passage,
)

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "export_golden"
UPDATE = os.environ.get("FACTDESK_UPDATE_GOLDEN") == "1"
OPTIONS = ExportOptions(
    reviewer="Ada Reviewer",
    organization="Harbour Fact Desk",
    generated=GENERATED,
    full_text=True,
    url="https://factcheck.example/harbour-bridge#{claim}",
)


@pytest.fixture(scope="module")
def report():
    return sample_report(OPTIONS)


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json", "claimreview"])
def test_golden(report, fmt: str) -> None:
    text = render(report, fmt)
    path = GOLDEN / f"sample{FORMATS[fmt].extension}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    if not path.exists():  # a lost golden file must not pass as "written from the output"
        pytest.fail(f"golden file {path.name} is missing; write it with FACTDESK_UPDATE_GOLDEN=1")
    assert text == path.read_bytes().decode("utf-8"), (
        f"{fmt} output changed; if intended, regenerate with FACTDESK_UPDATE_GOLDEN=1"
    )


def test_output_is_deterministic(report) -> None:
    again = sample_report(OPTIONS)
    for fmt in ("html", "md", "csv", "json", "claimreview"):
        assert render(report, fmt) == render(again, fmt)


def test_json_validates_against_its_schema(report) -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(render(report, "json"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(document)
    assert document["schema"] == SCHEMA_URL == schema["$id"]
    assert document["version"] == 1
    assert document["summary"]["by_status"] == {
        "confirmed": 1,
        "conflicting": 1,
        "unsourced": 2,
        "unreviewed": 1,
    }
    c2 = next(c for c in document["claims"] if c["id"] == "c2")
    assert {e["relation"] for e in c2["evidence"]} == {"supports", "contradicts"}
    assert c2["conflicts"][0]["sides"][1]["words"] == ["four", "weeks"]
    assert [m["outlet"] for m in c2["groups"][0]["members"]] == [
        "Northwire",
        "Valley Courier & Post",
        "Lindenport Gazette",
    ]
    assert all(s["text"] for s in document["sources"])  # full texts were asked for


def test_json_schema_rejects_a_broken_document(report) -> None:
    document = report_to_json(report)
    document["claims"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, report_schema())


def test_claimreview_has_the_schema_org_shape(report) -> None:
    reviews = json.loads(render(report, "claimreview"))
    schema = json.loads((GOLDEN.parent / "claimreview.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(reviews)
    assert len(reviews) == 4  # the unreviewed claim is left out
    for r in reviews:
        assert r["author"] == {"@type": "Organization", "name": "Harbour Fact Desk",
                               "url": "https://factcheck.example/"}
        # the reviewer who tagged the claim contributes; the organisation is the author
        assert r["contributor"]["@type"] == "Person" and r["contributor"]["name"]
        assert r["url"].startswith("https://factcheck.example/harbour-bridge#c")
        rating = r["reviewRating"]
        # how the claim stands against the other outlets, in words, never a truth score
        assert "ratingValue" not in rating and "not whether it is true" in \
            rating["ratingExplanation"]
    by_name = {r["reviewRating"]["alternateName"]: r for r in reviews}
    assert set(by_name) == {"Confirmed by independent outlets", "Outlets' accounts conflict",
                            "Unsourced"}
    # supporting outlets are appearances of the claim; contradicting ones are not
    assert len(by_name["Confirmed by independent outlets"]["itemReviewed"]["appearance"]) == 3
    assert len(by_name["Outlets' accounts conflict"]["itemReviewed"]["appearance"]) == 2
    # a broken review fails the shape: a truth score, or the placeholder address
    scored = [{**reviews[0], "reviewRating": {**reviews[0]["reviewRating"], "ratingValue": 1}}]
    placeholder = [{**reviews[0], "url": "https://example.org/fact-checks/c1"}]
    for broken in (scored, placeholder):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(broken)


@pytest.mark.parametrize(("organization", "url"), [
    ("Harbour Fact Desk", "https://example.org/fact-checks/{claim}"),
    ("Harbour Fact Desk", "https://www.example.com/{claim}"),
    ("Harbour Fact Desk", "fact-checks/{claim}"),
    ("", "https://factcheck.example/harbour-bridge#{claim}"),
])
def test_claimreview_refuses_a_placeholder_address_or_no_organisation(organization, url) -> None:
    from factdesk.core.export.claimreview import ClaimReviewRefused

    report = sample_report(replace(OPTIONS, organization=organization, url=url))
    with pytest.raises(ClaimReviewRefused):
        render(report, "claimreview")


def test_claimreview_expands_as_json_ld_if_pyld_is_there(report) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    doc = claim_reviews(report)[0]
    doc = {**doc, "@context": {"@vocab": "http://schema.org/"}}  # no network in tests
    expanded = jsonld.expand(doc)
    assert expanded and "http://schema.org/ClaimReview" in expanded[0]["@type"]


def test_csv_one_row_per_claim(report) -> None:
    text = render(report, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert len(rows) == len(report.claims) == 5
    assert list(rows[0]) == list(COLUMNS)
    c2 = next(r for r in rows if r["claim_id"] == "c2")
    assert c2["status"] == "Conflicting"
    assert (c2["supporting"], c2["contradicting"]) == ("1", "1")
    assert "four weeks" in c2["evidence"]


@pytest.mark.parametrize(
    "value",
    [
        "=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=x", '=HYPERLINK("http://x")',
        "\uff1dHYPERLINK(\"http://x\")", "\uff0b1", "\uff0d1", "\uff20cmd", "\ufe66cmd",
    ],
)
def test_csv_cells_never_start_a_formula(value: str) -> None:
    assert cell(value) == "'" + value
    assert cell("plain text") == "plain text"
    assert cell(42) == "42"


def test_html_is_well_formed_and_self_contained(report) -> None:
    page = render(report, "html")
    tags = _parse(page)
    assert tags.problems == []
    names = [t for t, _ in tags.starts]
    assert "script" not in names and "link" not in names and "img" not in names
    assert "@media print" in page and "@page" in page
    assert "Content-Security-Policy" in page
    assert page.count('class="claim ') == 5
    assert "<del>six</del><ins>the Harbour Bridge would be closed for four</ins>" not in page
    assert "<ins>" in page and "<del>" in page
    assert "Valley Courier &amp; Post" in page
    # each badge says its status in words, not only in colour
    for label in ("Confirmed", "Conflicting", "Unsourced", "Unreviewed"):
        assert re.search(rf'class="badge s-{label.lower()}">[^<]*{label}<', page)


def test_status_filter_and_summary() -> None:
    options = ExportOptions(generated=GENERATED, statuses=frozenset({ClaimStatus.CONFLICTING}))
    r = sample_report(options)
    assert [c.id for c in r.claims] == ["c2"]
    assert r.summary.statuses_included == (ClaimStatus.CONFLICTING,)
    assert all(src.text is None for src in r.sources)
    page = render(r, "html")
    assert "Only claims with these statuses: Conflicting." in page
    assert 'id="text-' not in page


def test_formats_and_pdf_is_refused_by_the_core(tmp_path) -> None:
    assert set(FORMATS) == {"html", "pdf", "md", "csv", "json", "claimreview"}
    assert all(f.extension.startswith(".") and f.description for f in FORMATS.values())
    with pytest.raises(ExportError, match="PDF"):
        export_review(object(), "pdf", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="unknown"):
        export_review(object(), "docx", tmp_path / "x.docx")
    assert not list(tmp_path.iterdir())


def test_context_stays_in_paragraph_and_out_of_marks() -> None:
    text = "First para.\n\nAlpha beta gamma delta. Quote here. Epsilon zeta.\n\nNext para."
    start = text.index("Quote here")
    before, after = context_around(text, start, start + 10)
    assert before == "Alpha beta gamma delta. " and after == ". Epsilon zeta."
    before, after = context_around(text, start, start + 10, lo=text.index("gamma"))
    assert before == "gamma delta. "


def test_quote_is_found_again_when_offsets_moved() -> None:
    text = "Inserted words. The mayor said the bridge is safe."
    article = Article("a", "a.txt", text, "0" * 64, outlet="Daily")
    stale = Anchor("a", 0, 22, "the bridge is safe", prefix="The mayor said ")
    claim = Claim("c", stale, ClaimStatus.CONFIRMED)
    r = assemble_report(
        title="t",
        articles=[article],
        passages=[],
        groups=[],
        conflicts=[],
        dependences=[],
        claims=[claim],
        options=ExportOptions(generated=GENERATED),
    )
    q = r.claims[0].quote
    assert text[q.start : q.end] == "the bridge is safe"
    assert q.before.endswith("The mayor said ")


def test_markdown_escapes_text() -> None:
    assert md("*a* _b_ [c](d) <e> & | `f` # g") == (
        r"\*a\* \_b\_ \[c\]\(d\) &lt;e&gt; &amp; \| \`f\` \# g"
    )
    assert md("1. item") == r"1\. item"
    assert md("- item") == r"\- item"
    parts = (
        DiffPart(DiffKind.EQUAL, "a 40"),
        DiffPart(DiffKind.DELETE, "-centimetre"),
        DiffPart(DiffKind.INSERT, " cm"),
        DiffPart(DiffKind.EQUAL, " crack"),
    )
    assert diff_md(parts) == r"a 40 ~~\-centimetre~~ **cm** crack"


# ---------------------------------------------------------------------------- hostile input
HOSTILE_HTML = (
    '<p>Mayor said <script>alert("article")</script> the bridge '
    '<img src=x onerror=alert(2)> is <a href="javascript:alert(3)">safe</a>.</p>'
)
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "'';!--\"<XSS>=&{()}",
    '=HYPERLINK("http://evil")',
    "</script><svg onload=alert(1)>",
    "<!--<script>alert(1)//-->",
    "]]></script><script>alert(1)</script>",
    "</SCRIPT ><iframe src=javascript:alert(1)>",
    "\uff1dHYPERLINK(\"http://evil\")",
]


def hostile_report():
    text = (
        f"Hostile page {XSS[1]}\n\n{HOSTILE_HTML} The bridge is safe, {XSS[0]} said.\n\n"
        f"{XSS[3]} and {XSS[4]} and {XSS[5]}\n\n" + " ".join(XSS[6:])
    )
    bad = Article(
        "evil",
        "javascript:alert(1)//page.html",
        text,
        "e" * 64,
        format=ArticleFormat.HTML,
        title=f"Title {XSS[0]}",
        outlet=f"Outlet {XSS[1]}",
        author=XSS[3],
        published="2026-01-01",
    )
    fine = Article(
        "ok",
        "https://news.example/a?x=1&y=<2>",
        "The bridge is safe.",
        "f" * 64,
        outlet="Fine News",
        title="Fine",
    )
    start = text.index("The bridge is safe")
    q_start = text.index(HOSTILE_HTML)
    passages = [
        Passage("p1", "evil", 0, q_start, q_start + len(HOSTILE_HTML), HOSTILE_HTML),
        Passage("p2", "ok", 0, 0, 19, "The bridge is safe."),
    ]
    claims = [
        Claim(
            "c1",
            Anchor("evil", q_start, q_start + len(HOSTILE_HTML), HOSTILE_HTML),
            ClaimStatus.CONFLICTING,
            note="\n".join(XSS),
            reviewer=XSS[1],
            evidence=(
                Evidence(
                    1,
                    "c1",
                    Anchor("ok", 0, 19, "The bridge is safe."),
                    EvidenceRelation.CONTRADICTS,
                    reviewer=XSS[0],
                ),
            ),
        ),
        Claim(
            "c2",
            Anchor("evil", start, start + 18, "The bridge is safe"),
            ClaimStatus.CONFIRMED,
            note=XSS[5],
        ),
    ]
    return assemble_report(
        title=f"Review {XSS[0]}",
        articles=[bad, fine],
        passages=passages,
        groups=[],
        conflicts=[],
        dependences=[],
        claims=claims,
        options=ExportOptions(
            generated=GENERATED,
            full_text=True,
            reviewer=XSS[1],
            organization=XSS[0],
            title=f"Review {XSS[0]}",
        ),
    )


class _Tags(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "input", "link", "wbr", "col", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.starts.append((tag, attrs))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    if tags.stack:
        tags.problems.append(f"unclosed {tags.stack}")
    return tags


def _assert_inert(page: str) -> _Tags:
    tags = _parse(page)
    assert tags.problems == []
    for tag, attrs in tags.starts:
        assert tag not in {"script", "iframe", "object", "embed", "img", "svg", "form", "base"}
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
    return tags


def test_hostile_html_report_runs_nothing() -> None:
    report = hostile_report()
    page = render(report, "html")
    tags = _assert_inert(page)
    text = "".join(tags.text)
    for payload in XSS:  # shown to the reader, as text
        assert payload in text
    assert "<script" not in page and "<img" not in page and "<svg" not in page
    hrefs = [v for t, attrs in tags.starts if t == "a" for n, v in attrs if n == "href"]
    assert hrefs == ["https://news.example/a?x=1&y=<2>"]  # only the http(s) source


def test_hostile_print_html_runs_nothing() -> None:
    tags = _assert_inert(render_print_html(hostile_report()))
    text = "".join(tags.text)
    for payload in XSS:
        assert payload in text


def test_hostile_markdown_renders_inert() -> None:
    from markdown_it import MarkdownIt

    source = render(hostile_report(), "md")
    page = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    html_out = page.render(source)
    tags = _assert_inert(html_out)
    text = " ".join("".join(tags.text).split())
    for payload in XSS[:2]:
        assert payload in text
    assert "<script" not in html_out


def test_hostile_json_csv_and_claimreview_keep_text_as_data() -> None:
    report = hostile_report()
    document = json.loads(render(report, "json"))
    jsonschema.validate(document, report_schema())
    assert document["claims"][0]["note"] == "\n".join(XSS)
    rows = list(csv.reader(io.StringIO(render(report, "csv").removeprefix("\ufeff"))))
    assert len(rows) == 3
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert any(v == "'" + XSS[5] for v in rows[2])
    # a hostile publisher name too (ClaimReview needs one, and a real address)
    report = replace(report, summary=replace(report.summary, organization=XSS[0]),
                     claimreview_url="https://desk.invalid/checks/{claim}")
    for review in json.loads(render(report, "claimreview")):
        for work in review["itemReviewed"]["appearance"]:
            assert "javascript" not in work.get("url", "")


def test_reports_open_with_the_story_at_a_glance(report) -> None:
    html = render(report, "html")
    md_text = render(report, "md")
    assert html.index("The story at a glance") < html.index("<h2>Claims</h2>")
    assert '<td class="fact-disagrees"' in html and "⚠ four weeks" in html
    assert "| ✓ | ✓ | ⚠ four weeks |" in md_text
    # hostile outlet names and wordings stay text in the fact table
    from factdesk.core.check.factsheet import CellState, FactCell, FactColumn, FactRow, FactSheet

    evil = "<img src=x onerror=alert(1)>"
    sheet = FactSheet((FactColumn("a", ("a",), evil),),
                      (FactRow("g1", 1, evil, (FactCell(CellState.DISAGREES, ("a.1",), evil,
                                                        (evil,)),), 1, 1, None),))
    hostile = replace(report, facts=sheet)
    assert evil not in render(hostile, "html") and evil not in render(hostile, "md")


# ------------------------------------------------------------------ embedded where users put it
def _embedded_pages(report) -> dict[str, tuple[str, str]]:
    """Each format's output placed where its users put it: (page, the data island's type).

    HTML and the PDF's print HTML are pages themselves; Markdown is rendered by a CommonMark
    renderer that lets raw HTML through (as many CMSs do); ClaimReview goes into the
    ``<script type="application/ld+json">`` its docstring promises; the JSON report into a
    ``<script type="application/json">`` data island. CSV goes into spreadsheets, not pages:
    its guard is tested by the formula checks above.
    """
    from markdown_it import MarkdownIt

    report = publishable(report)

    def page(body: str) -> str:
        return f"<!doctype html><html><head><title>t</title></head><body>{body}" \
            '<p id="after">after</p></body></html>'

    markdown = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    return {
        "html": (render(report, "html"), ""),
        "pdf": (render_print_html(report), ""),
        "md": (page(markdown.render(render(report, "md"))), ""),
        "claimreview": (
            page(f'<script type="application/ld+json">{render(report, "claimreview")}</script>'),
            "application/ld+json",
        ),
        "json": (
            page(f'<script type="application/json">{render(report, "json")}</script>'),
            "application/json",
        ),
    }


def publishable(report):
    """The report with a (hostile) publisher and a real address, which ClaimReview needs."""
    return replace(report, summary=replace(report.summary, organization=XSS[0]),
                   claimreview_url="https://desk.invalid/checks/{claim}")


EXECUTABLE = {"script", "iframe", "frame", "object", "embed", "svg", "math", "img", "base",
              "form", "link", "meta", "style", "audio", "video", "source", "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


@pytest.mark.parametrize("fmt", ["html", "pdf", "md", "claimreview", "json"])
def test_every_format_embedded_in_a_page_runs_nothing(fmt: str) -> None:
    """Parsed with html5lib (the WHATWG parsing algorithm browsers use, script-data states
    included), the page holds no element or attribute from article text or notes that could
    run, and a data island parses back to exactly the exported data."""
    import html5lib

    report = publishable(hostile_report())
    page, island = _embedded_pages(report)[fmt]
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    found_islands = []
    for el in tree.iter():
        tag = str(el.tag).rsplit("}", 1)[-1].lower()
        if tag == "script" and island and el.get("type") == island:
            found_islands.append(el.text or "")
            continue
        # the pages' own head may carry a meta charset / CSP and a style sheet, never in a body
        in_head = tag in {"meta", "style", "title"} and el in tree.find("head")
        assert tag not in EXECUTABLE or in_head, (fmt, tag, el.attrib)
        for name, value in el.attrib.items():
            assert not str(name).lower().startswith("on"), (fmt, tag, name)
            if str(name).lower() in URL_ATTRS:
                scheme = "".join(ch for ch in value if ch > " ").lower()
                assert not scheme.startswith(("javascript:", "vbscript:", "data:")), (fmt, value)
    if island:
        assert len(found_islands) == 1, f"{fmt}: the data island was split or closed early"
        assert json.loads(found_islands[0]) == json.loads(render(report, fmt))
        assert tree.find(".//p[@id='after']") is not None
        assert "</script>" in json.dumps(json.loads(found_islands[0]))  # the payload is there
    text = "".join(tree.find("body").itertext())
    assert "alert(1)" in text or island  # shown as text where it is shown at all


def test_json_formats_escape_markup_and_stay_the_same_data() -> None:
    report = publishable(hostile_report())
    for fmt in ("claimreview", "json"):
        out = render(report, fmt)
        assert "<" not in out and ">" not in out and "&" not in out, fmt
        assert "\\u003c/script\\u003e" in out
    notes = [r["reviewBody"] for r in json.loads(render(report, "claimreview"))]
    assert "\n".join(XSS) in notes


def test_reports_name_a_long_outlet_in_full(monkeypatch) -> None:
    """QA: the window shortens a long outlet ("Los Angeles Ti…"); a report is read at leisure
    and names it whole, in every format, in its sources, claims, evidence and fact table."""
    import factdesk.core.export.sample as sample

    long_name = "The Lindenport Gazette and Harbour Evening Courier"  # 50 characters
    texts = dict(sample._TEXTS)
    texts["a3"] = (long_name, *texts["a3"][1:])
    monkeypatch.setattr(sample, "_TEXTS", texts)
    r = sample_report(OPTIONS)
    pages = {fmt: render(r, fmt) for fmt in ("html", "md", "csv", "json", "claimreview")}
    pages["pdf"] = render_print_html(r)
    for fmt, page in pages.items():
        if fmt == "claimreview":
            continue  # a ClaimReview names the claim's own outlet only (a1 here)
        assert long_name in page or long_name.replace("&", "&amp;") in page, fmt
        assert "Lindenport Gazette and Harbour Evening C…" not in page, fmt
        assert "…" not in "".join(re.findall(r"Lindenport Gazette[^<\"\n|,]{0,40}", page)), fmt
