"""A review built from URLs served locally survives ``refresh`` after one page changed: that
article gets a second version, its changed claims are flagged, the others are untouched."""

from __future__ import annotations

import json
from pathlib import Path

from localweb import Page, article_page

from factdesk.cli.main import main
from factdesk.core import claim_edits
from factdesk.core.anchors import find_quote
from factdesk.core.refresh import refresh_review, version_changes, version_diff
from factdesk.core.store import Review

HERALD = [
    "The Harbour Bridge will close for six weeks from Monday, the city council said on Tuesday.",
    "Engineers found cracked bearings on the eastern span during a routine inspection last month.",
    "The council expects the repairs to cost about 12 million dollars, a spokesperson said.",
    "Ferry operators said they would add sailings while the bridge stays closed to traffic.",
]
EDITED = [
    HERALD[0],
    HERALD[1],
    "The council expects the repairs to cost about 19 million dollars, a spokesperson said.",
    "Ferry operators said they would add sailings while the bridge stays closed to traffic.",
]
POST = [
    "City engineers will shut the Harbour Bridge for six weeks starting Monday, officials said.",
    "Cracked bearings were found on the bridge's eastern span last month, the council said.",
    "Repairs are expected to cost around 12 million dollars, according to the council.",
]


def _claim(review: Review, article_id: str, quote: str) -> str:
    text = review.article(article_id).text
    span = find_quote(text, quote)
    assert span is not None, quote
    return claim_edits.create_claim(review, article_id, *span, reviewer="t").id


def _build(local_web, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    local_web.pages["/herald"] = Page(article_page("Harbour Bridge to close", HERALD))
    local_web.pages["/post"] = Page(article_page("Bridge shut for six weeks", POST))
    path = tmp_path / "story.factdesk"
    assert main(["new", str(path), local_web.url("/herald"), local_web.url("/post")]) == 0
    with Review.open(path) as review:
        ids = {a.path.rsplit("/", 1)[1]: a.id for a in review.articles()}
    return path, ids


def test_refresh_after_one_page_changed(local_web, tmp_path: Path, capsys) -> None:
    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        cost = _claim(review, ids["herald"], "cost about 12 million dollars")
        closing = _claim(review, ids["herald"], "will close for six weeks from Monday")
        other = _claim(review, ids["post"], "around 12 million dollars")
        before = {c.id: c for c in review.claims()}
    capsys.readouterr()

    local_web.pages["/herald"] = Page(article_page("Harbour Bridge to close", EDITED))
    assert main(["refresh", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"changed", "unchanged", "failed"}
    (changed,) = result["changed"]
    assert changed["article"] == ids["herald"] and changed["url"] == local_web.url("/herald")
    assert changed["versions"] == 2
    assert changed["claims_changed"] == [cost]
    assert result["unchanged"] == [{"article": ids["post"], "url": local_web.url("/post")}]
    assert result["failed"] == []

    with Review.open(path) as review:
        herald = review.article(ids["herald"])
        assert "19 million" in herald.text and "12 million" not in herald.text
        assert [c.version for c in review.captures(ids["herald"])] == [1, 2]
        assert [c.version for c in review.captures(ids["post"])] == [1]
        assert b"12 million" in review.capture_content(review.captures(ids["herald"])[0].id)
        claims = {c.id: c for c in review.claims()}
        assert claims[cost].anchor.quote == "cost about 19 million dollars"
        assert not claims[cost].orphaned
        assert claims[closing] == before[closing]  # words unchanged: untouched
        assert claims[other] == before[other]
        (flag,) = review.claim_changes()
        assert (flag.claim_id, flag.kind, flag.from_version, flag.to_version) == (
            cost, "changed", 1, 2)
        assert flag.old_quote == "cost about 12 million dollars"
        assert flag.new_quote == "cost about 19 million dollars"
        # the passages are the new version's, and the review was re-aligned on them
        assert any("19 million" in p.text for p in review.passages(ids["herald"]))
        assert not review.analysis_stale
        old, new, spans = version_diff(review, ids["herald"])
        assert "12 million" in old and "19 million" in new
        assert [(s.kind, s.text) for s in spans if s.kind != "equal"] == [
            ("delete", "12"), ("insert", "19")]
        assert version_changes(review, ids["herald"]) == [
            "…expects the repairs to cost about [-12-]{+19+} million dollars, a spokesperson…"
        ]

    # nothing changed since: a second refresh stores nothing
    assert main(["refresh", str(path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["changed"] == [] and len(again["unchanged"]) == 2


def test_a_vanished_claim_and_a_failed_page(local_web, tmp_path: Path, capsys) -> None:
    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        gone = _claim(review, ids["herald"], "Ferry operators said they would add sailings")
    capsys.readouterr()
    local_web.pages["/herald"] = Page(article_page("Harbour Bridge to close", HERALD[:3]))
    del local_web.pages["/post"]
    assert main(["refresh", str(path)]) == 1
    out, err = capsys.readouterr()
    assert f"changed {ids['herald']}" in out and "now 2 versions" in out
    assert f"claim {gone}: its words are gone from the new version" in out
    assert f"error: {local_web.url('/post')}: page not found (HTTP 404)" in err
    with Review.open(path) as review:
        claim = review.claim(gone)
        assert claim.orphaned  # kept, shown as an orphan, never dropped
        assert [(f.claim_id, f.kind) for f in review.claim_changes()] == [(gone, "vanished")]
        assert len(review.captures(ids["post"])) == 1  # the failed page was left as it was


def test_group_edits_follow_the_same_words_into_the_new_version(local_web, tmp_path) -> None:
    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        ferry = next(p for p in review.passages(ids["herald"]) if "Ferry" in p.text)
        review.add_group_edit("remove", [ferry.id])
    # a new paragraph at the top shifts every passage number of the article
    local_web.pages["/herald"] = Page(
        article_page("Harbour Bridge to close", ["Updated: traffic plans added.", *HERALD]))
    with Review.open(path) as review:
        report = refresh_review(review)
        assert len(report.changed) == 1
        (edit,) = review.group_edits()
        (moved,) = edit.passages
        assert "Ferry operators" in review.passage(moved).text


def test_reports_say_which_version_each_claim_was_checked_against(local_web, tmp_path, capsys):
    import jsonschema

    from factdesk.core.export.json import report_schema

    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        cost = _claim(review, ids["herald"], "cost about 12 million dollars")
        plain = _claim(review, ids["post"], "around 12 million dollars")
    local_web.pages["/herald"] = Page(article_page("Harbour Bridge to close", EDITED))
    assert main(["refresh", str(path)]) == 0
    with Review.open(path) as review:  # a verdict set after the refresh: checked against v2
        claim_edits.set_status(review, plain, "confirmed", reviewer="t")
        later = _claim(review, ids["herald"], "cracked bearings on the eastern span")
    out_json, out_md = tmp_path / "r.json", tmp_path / "r.md"
    assert main(["export", str(path), "-f", "json", "-o", str(out_json)]) == 0
    assert main(["export", str(path), "-f", "md", "-o", str(out_md)]) == 0
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    jsonschema.validate(doc, report_schema())
    claims = {c["id"]: c for c in doc["claims"]}
    assert claims[cost]["checked_version"] == 1
    assert claims[cost]["edited_after_publication"] == (
        "version 1 said “cost about 12 million dollars”, version 2 says "
        "“cost about 19 million dollars”")
    assert claims[plain]["checked_version"] == 1  # the post page has one version
    assert claims[later]["checked_version"] == 2
    assert claims[later]["edited_after_publication"] == ""
    sources = {s["id"]: s for s in doc["sources"]}
    assert sources[ids["herald"]]["version"] == 2
    assert sources[ids["herald"]]["final_url"] == local_web.url("/herald")
    out_csv = tmp_path / "r.csv"
    assert main(["export", str(path), "-f", "csv", "-o", str(out_csv)]) == 0
    import csv

    rows = {r["claim_id"]: r for r in csv.DictReader(
        out_csv.read_text(encoding="utf-8-sig").splitlines())}
    assert rows[cost]["checked_version"] == "1"
    assert rows[cost]["source_url"] == local_web.url("/herald")
    assert rows[cost]["edited_after_publication"].startswith("version 1 said")
    assert rows[later]["checked_version"] == "2"
    text = out_md.read_text(encoding="utf-8")
    assert "Checked against version 1 of the page, captured" in text
    assert "**Edited after publication:** version 1 said" in text


def test_a_story_that_now_redirects_to_the_home_page_keeps_its_version(local_web, tmp_path):
    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        claim = _claim(review, ids["herald"], "cost about 12 million dollars")
    local_web.pages["/"] = Page(
        b"<!DOCTYPE html><html><head><title>Harbour Herald</title>"
        b'<meta property="og:type" content="website"></head><body><main><ul>'
        b'<li><a href="/a">Mayor opens the new market hall on Saturday</a></li>'
        b'<li><a href="/b">Storm warning for the whole coast tonight</a></li>'
        b'<li><a href="/c">Council approves the school budget for next year</a></li>'
        b"</ul></main></body></html>")
    local_web.redirect("/herald", "/", status=301)  # the story was taken down
    with Review.open(path) as review:
        report = refresh_review(review)
        assert report.changed == []
        (failed,) = report.failed
        assert failed["url"] == local_web.url("/herald")
        assert failed["reason"].startswith("the page no longer looks like an article (it now "
                                           f"leads to {local_web.url('/')})")
        assert [c.version for c in review.captures(ids["herald"])] == [1]
        assert not review.claim(claim).orphaned


def test_evidence_quoted_from_an_edited_page_flags_the_claim_citing_it(local_web, tmp_path):
    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        other = _claim(review, ids["post"], "around 12 million dollars")
        cited = next(p for p in review.passages(ids["herald"]) if "12 million" in p.text)
        claim_edits.add_evidence(review, other, cited.id, "supports", reviewer="t")
    local_web.pages["/herald"] = Page(article_page("Harbour Bridge to close", EDITED))
    with Review.open(path) as review:
        report = refresh_review(review)
        assert report.as_json()["changed"][0]["evidence_changed"] == [other]
        (flag,) = review.claim_changes()
        assert (flag.claim_id, flag.kind, flag.article_id) == (
            other, "evidence_changed", ids["herald"])
        (evidence,) = review.claim(other).evidence
        assert "19 million" in evidence.anchor.quote and not evidence.orphaned


def test_claims_mark_a_claim_whose_words_changed_at_the_source(local_web, tmp_path: Path,
                                                                 capsys) -> None:
    """QA2 item 9: after a refresh, ``claims`` showed the new words with the old verdict and no
    sign they changed; the exports said so. Now both the list (✎ and the old words) and
    ``--json`` (``edited``: from/to versions and words) say it."""
    path, ids = _build(local_web, tmp_path)
    with Review.open(path) as review:
        cost = _claim(review, ids["herald"], "cost about 12 million dollars")
        closing = _claim(review, ids["herald"], "will close for six weeks from Monday")
    local_web.pages["/herald"] = Page(article_page("Harbour Bridge to close", EDITED))
    assert main(["refresh", str(path)]) == 0
    capsys.readouterr()

    assert main(["claims", str(path), "--json"]) == 0
    claims = {c["id"]: c for c in json.loads(capsys.readouterr().out)["claims"]}
    (edit,) = claims[cost]["edited"]
    assert (edit["from_version"], edit["to_version"]) == (1, 2)
    assert (edit["from"], edit["to"]) == ("cost about 12 million dollars",
                                          "cost about 19 million dollars")
    assert claims[closing]["edited"] == []

    assert main(["claims", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(n for n, line in enumerate(lines) if line.startswith(cost))
    assert "19 million" in lines[row] and "✎" in lines[row]
    assert "12 million" in lines[row + 1] and "version 1" in lines[row + 1]
    assert "✎" not in next(line for line in lines if line.startswith(closing))
