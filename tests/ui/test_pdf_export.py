"""PDF export through Qt, offscreen."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

pytest.importorskip("PySide6.QtGui")

from factdesk.core.export.model import ExportOptions  # noqa: E402
from factdesk.core.export.sample import GENERATED, sample_report  # noqa: E402
from factdesk.ui.pdf_export import export_pdf  # noqa: E402


def test_pdf_is_valid_with_pages_and_text(tmp_path) -> None:
    report = sample_report(
        ExportOptions(reviewer="Ada Reviewer", generated=GENERATED, full_text=True)
    )
    out = tmp_path / "report.pdf"
    steps = []
    pages = export_pdf(report, out, progress=lambda d, t, m="": steps.append((d, t)))
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    assert pages >= 2  # the sources appendix starts on a page of its own
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == pages
    assert steps[-1] == (3, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: text extraction not checked")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(unicodedata.normalize("NFKC", text).split())  # undo ligatures (ﬂ)
    assert "The closure will last at least six weeks" in flat
    assert f"Page 1 of {pages}" in flat and f"Page {pages} of {pages}" in flat
    assert "Conflicting" in flat


def test_pdf_of_an_empty_report(tmp_path) -> None:
    from factdesk.core.model import ClaimStatus

    report = sample_report(
        ExportOptions(generated=GENERATED, statuses=frozenset({ClaimStatus.CONFLICTING}))
    )
    report = type(report)(summary=report.summary, sources=report.sources, claims=())
    assert export_pdf(report, tmp_path / "empty.pdf") >= 1


def test_pdf_in_parts_flows_on_with_every_claim_and_page_number(tmp_path) -> None:
    from factdesk.core.export.sample import synthetic_report

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: text extraction not checked")
    report = synthetic_report(45)
    whole = export_pdf(report, tmp_path / "whole.pdf", claims_per_part=1000)
    pages = export_pdf(report, tmp_path / "parts.pdf", claims_per_part=7)  # 7 parts of claims
    assert pages == whole  # each part continues the previous part's last page
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "parts.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(unicodedata.normalize("NFKC", text).split())
    assert all(f"id {c.id}" in flat and c.quote.text in flat for c in report.claims)
    numbers = [int(n) for n in re.findall(rf"Page (\d+) of {pages}", flat)]
    assert numbers == list(range(1, pages + 1))


def test_pdf_writes_each_line_on_one_page_only(tmp_path) -> None:
    """A paragraph cut by a page end, or moved whole to the next page, is not also written
    (clipped, invisible, but found by search and pdftotext) onto the other page."""
    from factdesk.core.export.sample import synthetic_report

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: text extraction not checked")
    report = synthetic_report(150)
    pages = export_pdf(report, tmp_path / "r.pdf", claims_per_part=25)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sheets = text.split("\f")[:pages]
    assert len(sheets) == pages > 20
    for n in range(1, len(report.claims) + 1):
        assert len(re.findall(rf"Claim {n} ·", text)) == 1
    for before, after in zip(sheets, sheets[1:], strict=False):
        last = [line.strip() for line in before.splitlines() if line.strip()][-2]  # over footer
        first = next(line.strip() for line in after.splitlines() if line.strip())
        assert last != first
