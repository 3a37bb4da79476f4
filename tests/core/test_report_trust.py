"""What an editor receives can be trusted: reports name outlets (never content hashes), keep
a claim's source after its article is removed, publish no e-mail address, show one wording
section per group with what it is about, and cannot be reversed by bidirectional control
characters in a note or an article. Small self-written inputs, every format that shows it."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

from factdesk.core.export import render
from factdesk.core.export.build import assemble_report
from factdesk.core.export.model import ExportOptions
from factdesk.core.export.print_html import render_print_html
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Claim,
    ClaimStatus,
    Dependence,
    GroupMember,
    Passage,
)

GENERATED = "2026-12-03T15:00:00+00:00"
OPTIONS = ExportOptions(generated=GENERATED, organization="Harbour Fact Desk",
                        url="https://factcheck.harbour.test/{claim}")
TEXT_FORMATS = ("html", "md", "csv", "json")


def _article(aid: str, text: str, outlet: str = "", path: str = "", **kw: object) -> Article:
    return Article(aid, path or f"{aid}.txt", text, aid.ljust(64, "0"), outlet=outlet, **kw)


def _passages(article: Article) -> list[Passage]:
    """One passage per sentence (ends at ". "), enough for these small texts."""
    out, start = [], 0
    text = article.text
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        out.append(Passage(f"{article.id}-p{len(out)}", article.id, len(out), start, end,
                           text[start:end]))
        start = end + 1
    return out


def _claim(article: Article, quote: str, cid: str = "k1", **kw: object) -> Claim:
    start = article.text.index(quote)
    return Claim(cid, Anchor(article.id, start, start + len(quote), quote),
                 kw.pop("status", ClaimStatus.CONFIRMED), **kw)  # type: ignore[arg-type]


def _report(articles, claims=(), dependences=(), groups=(), options=OPTIONS, **kw):
    passages = [p for a in articles for p in _passages(a)]
    return assemble_report(title="Harbour story", articles=articles, passages=passages,
                           groups=list(groups), conflicts=[], dependences=list(dependences),
                           claims=list(claims), options=options, **kw)


# ------------------------------------------------------------------ 5: outlets, not hashes
def test_dependence_reasons_name_the_outlet_not_the_article_id() -> None:
    """A reprint's reason names the outlet it copies, as the "Depends on" column does."""
    original = _article("a11aa22bb", "The harbour bridge shut at noon on Friday.",
                        outlet="Harbour Times")
    copy = _article("a33cc44dd", "The harbour bridge shut at noon on Friday, said police.",
                    outlet="Coast Daily")
    dep = Dependence(copy.id, original.id,
                     f"wire copy of {original.id}: 8-word verbatim run, 60% of the text shared",
                     40)
    report = _report([original, copy], dependences=[dep])
    for fmt in ("html", "md", "json"):
        out = render(report, fmt)
        assert f"of {original.id}" not in out, fmt
        assert "wire copy of Harbour Times: 8-word verbatim run" in out, fmt
    assert "wire copy of Harbour Times" in render_print_html(report)


# ------------------------------------------------------- 6: a removed article's claims
def _two_outlet_review(tmp_path, monkeypatch):
    """A review of two small articles made and tagged through the command line."""
    from factdesk.cli.main import main

    monkeypatch.setenv("FACTDESK_REVIEWER", "Ana Ruiz <ana@desk.test>")
    (tmp_path / "harbour_times.txt").write_text(
        "Bridge shut after crack found\n\nThe harbour bridge was shut on Friday after "
        "engineers found a crack in one of its supporting cables, the city authorities said "
        "in a statement.\n", "utf-8")
    (tmp_path / "coast_daily.txt").write_text(
        "Cracked cable closes bridge\n\nCity engineers closed the harbour bridge on Friday "
        "when they found a crack in one of its cables, officials said.\n", "utf-8")
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), str(tmp_path / "harbour_times.txt"),
                 str(tmp_path / "coast_daily.txt")]) == 0
    return main, review


def _article_id(review, outlet_file: str) -> str:
    from factdesk.core.store import Review

    with Review.open(review) as r:
        return next(a.id for a in r.articles() if a.path.endswith(outlet_file))


def test_removing_an_article_keeps_its_claims_outlet_and_title(tmp_path, monkeypatch,
                                                                capsys) -> None:
    main, review = _two_outlet_review(tmp_path, monkeypatch)
    gone = _article_id(review, "harbour_times.txt")
    assert main(["claim", "add", str(review), "--article", gone, "--quote",
                 "found a crack in one of its supporting cables", "--status", "confirmed",
                 "--note", "both say so"]) == 0
    capsys.readouterr()
    assert main(["remove", str(review), gone]) == 0
    said = capsys.readouterr().out
    assert "removed Harbour Times" in said and "Bridge shut after crack found" in said
    assert "1 claim quoting it kept (k1)" in said

    outputs = {}
    for fmt, ext in (("md", "md"), ("html", "html"), ("csv", "csv"), ("json", "json")):
        out = tmp_path / f"r.{ext}"
        assert main(["export", str(review), "-f", fmt, "-o", str(out)]) == 0
        outputs[fmt] = out.read_text("utf-8")
    for fmt, text in outputs.items():
        assert "Harbour Times" in text, fmt
        assert "Bridge shut after crack found" in text, fmt
        assert f"Claim 1 · {gone}" not in text, fmt
    assert "removed from the review" in outputs["md"] and "removed from the review" in (
        outputs["html"])
    row = next(csv.DictReader(io.StringIO(outputs["csv"].lstrip("\ufeff"))))
    assert row["outlet"] == "Harbour Times"
    assert row["article_title"] == "Bridge shut after crack found"
    # the context around the quote is cut at a word, never inside one
    whole = set(re.findall(r"\w+", "The harbour bridge was shut on Friday after engineers "
                                    "found a crack in one of its supporting cables, the city "
                                    "authorities said in a statement."))
    for side in (row["context_before"], row["context_after"]):
        assert side and set(re.findall(r"\w+", side)) <= whole, side

    # ClaimReview: the claim's appearance is the removed article, by its name and headline
    out = tmp_path / "r.jsonld"
    assert main(["export", str(review), "-f", "claimreview", "-o", str(out),
                 "--organization", "Harbour Fact Desk",
                 "--url", "https://factcheck.harbour.test/{claim}"]) == 0
    reviews = json.loads(out.read_text("utf-8"))
    assert len(reviews) == 1
    item = reviews[0]["itemReviewed"]
    assert item["appearance"] and item["appearance"][0]["headline"] == (
        "Bridge shut after crack found")
    assert item["author"]["name"] == "Harbour Times"


def test_claimreview_leaves_out_a_claim_whose_appearance_is_unknown(capsys) -> None:
    """A claim whose article went before its name was kept (an older review) is not
    published as confirmed with an empty appearance; the command line says so."""
    from factdesk.core.export.claimreview import claim_reviews, left_out

    kept = _article("a55ee66ff", "Officials said the bridge reopened on Monday.",
                    outlet="Coast Daily")
    lost = Claim("k9", Anchor("a00ff00ff", 10, 26, "quatre personnes",
                              prefix="Le séisme a tué ", suffix=" à Manokwari, selon les autorité"),
                 ClaimStatus.CONFIRMED, orphaned=True)
    report = _report([kept], claims=[lost, _claim(kept, "the bridge reopened", cid="k2")])
    published = claim_reviews(report)
    assert [r["url"].rsplit("/", 1)[-1] for r in published] == ["k2"]
    assert all(r["itemReviewed"]["appearance"] for r in published)
    assert any("k9" in line for line in left_out(report))
    # and its context is not shown cut inside a word
    md = render(report, "md")
    assert "autorité" not in md and "selon les…" in md
    assert "Claim 2 · Article no longer in the review" in md  # not a bare content hash


def test_anchor_context_width_matches_the_reports_idea_of_it() -> None:
    from factdesk.core.anchors import CONTEXT
    from factdesk.core.export.build import ANCHOR_CONTEXT

    assert ANCHOR_CONTEXT == CONTEXT


# ------------------------------------------------------------- 7: ClaimReview's pieces
def test_claimreview_names_the_reviewer_never_their_address_and_the_item_fully() -> None:
    from factdesk.core.export.claimreview import claim_reviews

    web = _article("a77aa88bb", "The harbour bridge was shut on Friday after engineers found a "
                   "crack in one of its supporting cables. It may reopen next week.",
                   path="https://harbourtimes.test/news/bridge-shut", outlet="Harbour Times",
                   title="The harbour bridge was shut on Friday after engineers found a crack…",
                   published="2026-11-27")
    filed = _article("a99cc00dd", "City engineers closed the harbour bridge on Friday.",
                     path="stories/03_coast_daily.txt", title="Bridge closed")
    claim = _claim(web, "found a crack in one of its supporting cables",
                   reviewer="Ben Ode <ben@desk.test>")
    other = _claim(filed, "closed the harbour bridge", cid="k2", reviewer="Ben Ode <ben@desk.test>")
    report = _report([web, filed], claims=[claim, other],
                     options=replace(OPTIONS, reviewer="Ana Ruiz <ana@desk.test>"))
    reviews = {r["url"].rsplit("/", 1)[-1]: r for r in claim_reviews(report)}
    text = json.dumps(reviews)
    assert "@desk.test" not in text and "ben@" not in text
    assert reviews["k1"]["contributor"]["name"] == "Ben Ode"
    item = reviews["k1"]["itemReviewed"]
    assert item["author"]["name"] == "Harbour Times"
    assert item["appearance"][0]["url"] == "https://harbourtimes.test/news/bridge-shut"
    # a title that was the first sentence cut short: the whole sentence, not a cut one
    assert item["appearance"][0]["headline"] == (
        "The harbour bridge was shut on Friday after engineers found a crack in one of its "
        "supporting cables.")
    # a text file with no outlet: named as every other section names it (by its file)
    item = reviews["k2"]["itemReviewed"]
    assert item["author"]["name"] == "Coast Daily"
    assert item["appearance"][0]["headline"] == "Bridge closed"


# ------------------------------------------------------------ 12: bidirectional text
def test_an_override_in_a_note_cannot_reverse_the_report_and_rtl_runs_are_isolated() -> None:
    hebrew = "עשרות נפצעו ברעידת האדמה. "
    article = _article("a12bb34cc", f"{hebrew}14,000 people fled to tents near the coast.",
                       outlet="Harbour Times")
    note = "\u202eLTR override text here\u202c checked with the port"
    claim = _claim(article, "tents near the coast", note=note)
    report = _report([article], claims=[claim])

    page = render(report, "html")
    assert "\u202e" not in page and "\u202c" not in page
    assert "[U+202E]LTR override text here[U+202C] checked with the port" in page
    # the Hebrew sentence, the English words before the quote and the quote are isolated
    # apart, so "14,000" stays with "people fled to" whatever the Hebrew does
    assert (f'<bdi class="ctx">{hebrew.strip()}</bdi> <bdi class="ctx">14,000 people fled to'
            "</bdi> <mark>") in page
    assert "<mark><bdi>tents near the coast</bdi></mark>" in page

    printed = render_print_html(report)  # what the PDF is drawn from
    assert "\u202e" not in printed
    assert "\u2068[U+202E]LTR override text here[U+202C] checked with the port\u2069" in printed
    assert f"\u2068{hebrew.strip()}\u2069 \u206814,000 people fled to\u2069 " in printed

    markdown = render(report, "md")
    assert "\u202e" not in markdown and "U\\+202E" in markdown

    # data formats keep the text exactly as stored
    data = json.loads(render(report, "json"))
    assert data["claims"][0]["note"] == note
    row = next(csv.DictReader(io.StringIO(render(report, "csv").lstrip("\ufeff"))))
    assert row["note"] == note


# ------------------------------------------------- 11: one wording section per claim
def test_a_claim_in_two_groups_gets_one_wording_section_without_unrelated_sentences() -> None:
    own = _article("a01aa01aa", "The ferry strike left 3,200 travellers stranded on Monday. "
                   "Talks resume on Friday.", outlet="Harbour Times")
    other = _article("a02bb02bb", "Some 3,200 travellers were stranded by the ferry strike. "
                     "Many travellers later found buses home.", outlet="Coast Daily")
    third = _article("a03cc03cc", "About 3,200 people could not travel on Monday.",
                     outlet="Valley Post")
    p_own, p_other, p_unrelated, p_third = (f"{own.id}-p0", f"{other.id}-p0",
                                            f"{other.id}-p1", f"{third.id}-p0")
    g1 = AlignmentGroup("g1", (GroupMember(p_own, 0.7), GroupMember(p_other, 0.7),
                               GroupMember(p_third, 0.6)), 0.7)
    g2 = AlignmentGroup("g2", (GroupMember(p_own, 0.5), GroupMember(p_other, 0.5),
                               GroupMember(p_unrelated, 0.4)), 0.5)
    claim = _claim(own, "3,200 travellers stranded")
    report = _report([own, other, third], claims=[claim], groups=[g1, g2])

    md = render(report, "md")
    assert md.count("How the outlets worded it") == 1
    section = md.split("How the outlets worded it")[1]
    assert "Some 3,200 travellers were stranded" in section
    assert "About 3,200 people could not travel" in section
    assert "buses home" not in section
    assert section.count("Some 3,200 travellers were stranded") == 1
    page = render(report, "html")
    assert page.count("How the outlets worded it") == 1
    assert "buses home" not in page.split("How the outlets worded it")[1]
    printed = render_print_html(report)
    assert printed.count("HOW THE OTHER OUTLETS WORDED IT") == 1
    assert "buses home" not in printed.split("HOW THE OTHER OUTLETS WORDED IT")[1]


def test_evidence_from_a_removed_article_is_marked_in_every_format(tmp_path, monkeypatch,
                                                                    capsys) -> None:
    """QA2 item 10: ``remove`` says evidence quotes from the article are "marked as from a
    removed article"; the reports showed "Supports, Harbour Times" with no such mark."""
    from factdesk.core.export.build import build_report
    from factdesk.core.store import Review

    main, review = _two_outlet_review(tmp_path, monkeypatch)
    gone = _article_id(review, "harbour_times.txt")
    kept = _article_id(review, "coast_daily.txt")
    assert main(["claim", "add", str(review), "--article", kept, "--quote",
                 "found a crack in one of its cables", "--status", "confirmed"]) == 0
    with Review.open(review) as r:
        cited = next(p.id for p in r.passages(gone) if "supporting cables" in p.text)
    assert main(["claim", "link", str(review), "k1", cited, "--supports"]) == 0
    assert main(["remove", str(review), gone]) == 0
    assert "marked as from a removed article" in capsys.readouterr().out

    outputs = {}
    for fmt, ext in (("md", "md"), ("html", "html"), ("csv", "csv"), ("json", "json"),
                     ("claimreview", "jsonld")):
        out = tmp_path / f"r.{ext}"
        assert main(["export", str(review), "-f", fmt, "-o", str(out),
                     "--organization", "Harbour Fact Desk",
                     "--url", "https://factcheck.harbour.test/{claim}"]) == 0
        outputs[fmt] = out.read_text("utf-8")
    with Review.open(review) as r:
        outputs["pdf"] = render_print_html(build_report(r, OPTIONS))
    mark = "from an article removed from the review on"
    for fmt in ("md", "html", "pdf"):
        evidence_part = outputs[fmt][outputs[fmt].index("Harbour Times"):]
        assert mark in evidence_part, fmt
    row = next(csv.DictReader(io.StringIO(outputs["csv"].lstrip("\ufeff"))))
    assert row["evidence"].startswith("supports: Harbour Times (" + mark), row["evidence"]
    (claim,) = json.loads(outputs["json"])["claims"]
    (ev,) = claim["evidence"]
    assert ev["removed"]
    (published,) = json.loads(outputs["claimreview"])
    cited_work = [w for w in published["itemReviewed"]["appearance"]
                  if w["headline"] == "Bridge shut after crack found"]
    assert cited_work and "Removed from the review" in cited_work[0]["description"]
