"""Export from a real review file (store + claims ops), through the API and the CLI."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from factdesk.cli.main import main
from factdesk.core import claim_edits as ops
from factdesk.core.demo import build_demo_review
from factdesk.core.export import export_review
from factdesk.core.export.json import report_schema
from factdesk.core.export.model import ExportOptions
from factdesk.core.progress import Cancelled, CancelToken
from factdesk.core.store import Review


@pytest.fixture(scope="module")
def review_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "demo.factdesk"
    build_demo_review(path, with_claims=False)  # the claims below are the only ones
    with Review.open(path) as review:
        passages = {p.id: p for p in review.passages()}
        for n, group in enumerate(review.groups()[:4]):
            first, *rest = group.passage_ids
            p = passages[first]
            status = ["confirmed", "conflicting", "unsourced", "unreviewed"][n]
            claim = ops.create_claim(
                review,
                p.article_id,
                p.start,
                p.end,
                reviewer="Ada",
                status=status,
                note=f"note {n} <script>alert(1)</script>",
            )
            for i, other in enumerate(rest):
                relation = "supports" if i % 2 == 0 else "contradicts"
                ops.add_evidence(review, claim.id, other, relation, reviewer="Ada")
    return path


def test_export_review_writes_every_text_format(review_path, tmp_path) -> None:
    steps = []
    with Review.open(review_path) as review:
        for fmt in ("html", "md", "csv", "json", "claimreview"):
            out = tmp_path / f"r.{fmt}"
            report = export_review(
                review,
                fmt,
                out,
                ExportOptions(reviewer="Ada", organization="Desk",
                              url="https://desk.invalid/checks/{claim}"),
                progress=lambda d, t, m="": steps.append(m),
            )
            assert out.stat().st_size > 0
        assert len(report.claims) == 4
        assert any(c.evidence for c in report.claims)
    assert steps
    document = json.loads((tmp_path / "r.json").read_text("utf-8"))
    jsonschema.validate(document, report_schema())
    assert {c["status"] for c in document["claims"]} == {
        "confirmed",
        "conflicting",
        "unsourced",
        "unreviewed",
    }
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    assert len(rows) == 4
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_cancelled_export_writes_nothing(review_path, tmp_path) -> None:
    token = CancelToken()
    token.cancel()
    with Review.open(review_path) as review, pytest.raises(Cancelled):
        export_review(review, "html", tmp_path / "r.html", cancel=token)
    assert not list(tmp_path.iterdir())


def test_cli_export(review_path, tmp_path, capsys) -> None:
    out = tmp_path / "report.md"
    code = main(
        [
            "export",
            str(review_path),
            "--format",
            "md",
            "-o",
            str(out),
            "--status",
            "confirmed",
            "conflicting",
            "--title",
            "My <report>",
            "--reviewer",
            "Bo",
        ]
    )
    assert code == 0
    text = out.read_text("utf-8")
    assert text.startswith("# My &lt;report&gt;")
    assert "Unsourced |" not in text.split("## Claims")[0]
    out = tmp_path / "cr.jsonld"
    assert (
        main(
            [
                "export",
                str(review_path),
                "-f",
                "claimreview",
                "-o",
                str(out),
                "--url",
                "https://x.example/{claim}",
                "--organization",
                "Desk",
            ]
        )
        == 0
    )
    reviews = json.loads(out.read_text("utf-8"))
    assert len(reviews) == 3 and all(r["url"].startswith("https://x.example/k") for r in reviews)
    assert main(["export", str(tmp_path / "missing.factdesk"), "-o", str(out)]) == 2


def test_reports_name_a_conflicts_kind_once() -> None:
    from factdesk.core.export.build import _without_kind
    from factdesk.core.model import Conflict, ConflictKind

    def conflict(kind: ConflictKind, detail: str) -> Conflict:
        return Conflict("c1", kind, "major", ("a.1", "b.1"), ((), ()), detail)

    assert _without_kind(conflict(ConflictKind.NUMBER, "number: 6 vs 8 weeks")) == "6 vs 8 weeks"
    wording = conflict(ConflictKind.QUOTE_WORDING, 'quote wording: "his" vs "their"')
    assert _without_kind(wording) == '"his" vs "their"'
    assert _without_kind(conflict(ConflictKind.NUMBER, "duration: 6 vs 8")) == "duration: 6 vs 8"


def test_a_claim_on_a_two_fact_lede_reports_both_of_its_groups(tmp_path) -> None:
    from factdesk.core.export.build import build_report
    from factdesk.core.model import AlignmentGroup, GroupMember

    path = tmp_path / "demo.factdesk"
    build_demo_review(path, with_claims=False)  # the claims below are the only ones
    with Review.open(path) as review:
        groups = review.groups()
        g1, g2 = groups[0], groups[1]
        lede = review.passage(next(p for p in g1.passage_ids if p not in g2.passage_ids))
        # the alignment also filed the lede under g2, with a lower member score
        shared = AlignmentGroup(g2.id, (*g2.members, GroupMember(lede.id, 0.1)), g2.score)
        review.replace_analysis([shared if g.id == g2.id else g for g in groups],
                                review.conflicts())
        ops.create_claim(review, lede.article_id, lede.start, lede.end, reviewer="Ada")
        report = build_report(review)
    claim = report.claims[-1]
    assert [g.id for g in claim.groups] == [g1.id, g2.id]  # the group it is shown in first


def test_cli_refuses_a_claimreview_with_the_placeholder_address(review_path, tmp_path,
                                                               capsys) -> None:
    from factdesk.cli.main import main

    out = tmp_path / "cr.jsonld"
    code = main(["export", str(review_path), "-f", "claimreview", "-o", str(out),
                 "--organization", "Desk"])
    assert code == 2 and not out.exists()
    assert "example.org" in capsys.readouterr().err
