"""PDF export by several helper processes: the same PDF as one process writes, and a cancel
or a helper's crash leaves neither a file nor a process behind."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtGui")

from factdesk.core.export.model import ExportOptions  # noqa: E402
from factdesk.core.export.sample import GENERATED, sample_report, synthetic_report  # noqa: E402
from factdesk.core.progress import Cancelled, CancelToken  # noqa: E402
from factdesk.ui import pdf_export  # noqa: E402
from factdesk.ui.pdf_export import HelperError, export_pdf  # noqa: E402

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext not installed: text not checked"
)


def _pages_text(path: Path) -> list[str]:
    """The text of each page, as a reader's search finds it."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@needs_pdftotext
@pytest.mark.parametrize("processes", [2, 3])
def test_helpers_write_the_same_pages_as_one_process(tmp_path: Path, processes: int) -> None:
    """Every page (text, footer, page number) is as one process writes it, seams included:
    the text flows on across each helper's first page and the appendix starts a new page."""
    report = sample_report(
        ExportOptions(reviewer="Ada Reviewer", generated=GENERATED, full_text=True)
    )
    one = export_pdf(report, tmp_path / "one.pdf", claims_per_part=1, processes=1)
    steps: list[tuple[float, float]] = []
    many = export_pdf(
        report,
        tmp_path / "many.pdf",
        claims_per_part=1,
        processes=processes,
        progress=lambda done, total, _message="": steps.append((done, total)),
    )
    assert many == one
    assert _pages_text(tmp_path / "many.pdf") == _pages_text(tmp_path / "one.pdf")
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)  # the bar only moves on
    assert steps[-1] == (3, 3)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "many.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(rf"Title:\s+{re.escape(report.summary.title)}", info)
    assert re.search(r"Author:\s+Ada Reviewer", info)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.pdf", "one.pdf"]


@needs_pdftotext
def test_a_big_report_by_helpers_has_each_claim_once_on_numbered_pages(tmp_path: Path) -> None:
    report = synthetic_report(150)
    pages = export_pdf(report, tmp_path / "r.pdf", claims_per_part=25, processes=2)
    sheets = _pages_text(tmp_path / "r.pdf")
    assert len(sheets) == pages > 20
    text = "\f".join(sheets)
    for n in range(1, len(report.claims) + 1):
        assert len(re.findall(rf"Claim {n} ·", text)) == 1
    numbers = [int(n) for sheet in sheets for n in re.findall(rf"Page (\d+) of {pages}", sheet)]
    assert numbers == list(range(1, pages + 1))  # one footer a page, in order


def test_cancel_stops_the_helpers_and_leaves_no_file(tmp_path: Path) -> None:
    token = CancelToken()
    seen: list[str] = []

    def progress(done: float, total: float, message: str = "") -> None:
        seen.append(message)
        if message.startswith("Writing"):  # the helpers are painting
            token.cancel()

    with pytest.raises(Cancelled):
        export_pdf(
            synthetic_report(120),
            tmp_path / "r.pdf",
            claims_per_part=20,
            processes=2,
            progress=progress,
            cancel=token,
        )
    assert any(m.startswith("Writing") for m in seen)
    assert list(tmp_path.iterdir()) == []  # neither the PDF nor a partial file
    assert multiprocessing.active_children() == []


def test_a_helper_that_dies_fails_the_export_and_leaves_no_file(tmp_path: Path) -> None:
    def progress(done: float, total: float, message: str = "") -> None:
        children = multiprocessing.active_children()
        if message.startswith("Writing") and children:
            os.kill(children[-1].pid, signal.SIGKILL)  # as if it had crashed

    with pytest.raises(HelperError, match="stopped unexpectedly"):
        export_pdf(
            synthetic_report(120),
            tmp_path / "r.pdf",
            claims_per_part=20,
            processes=2,
            progress=progress,
        )
    assert list(tmp_path.iterdir()) == []
    assert multiprocessing.active_children() == []


def test_the_export_dialog_gets_progress_and_a_pdf_from_helpers(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """File > Export… as PDF with helper processes: the progress dialog moves, the file comes
    complete; Cancel ends the helpers and leaves nothing."""
    from factdesk.core import claim_edits
    from factdesk.core.demo import build_demo_review
    from factdesk.core.store import Review
    from factdesk.ui import workers
    from factdesk.ui.export_dialog import PROGRESS_STEPS, run_export

    monkeypatch.setattr(pdf_export, "_process_count", lambda parts: min(2, parts))
    monkeypatch.setattr(workers, "PROGRESS_INTERVAL_S", 0)  # every step reaches the dialog
    review = tmp_path / "demo.factdesk"
    build_demo_review(review)
    with Review.open(review) as r:
        for p in [p for p in r.passages() if p.end - p.start > 30][:80]:
            claim_edits.create_claim(r, p.article_id, p.start, p.end, reviewer="Tester")
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()

    job = run_export(None, review, ExportOptions(), "pdf", out)
    shown: list[tuple[int, str]] = []  # what the progress dialog is given to show
    job.task.signals.progress.connect(lambda done, _total, text: shown.append((done, text)))
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert out.read_bytes().startswith(b"%PDF")
    assert any(0 < done < PROGRESS_STEPS for done, _text in shown)  # between empty and full
    assert any(text.startswith("Writing") for _done, text in shown)
    if shutil.which("pdftotext"):
        sheets = _pages_text(out)
        assert all(f"Page {n} of {len(sheets)}" in s for n, s in enumerate(sheets, start=1))

    out.unlink()
    job = run_export(None, review, ExportOptions(), "pdf", out)
    job.cancel()
    with qtbot.waitSignal(job.failed, timeout=60_000) as blocker:
        pass
    assert isinstance(blocker.args[0], Cancelled)
    assert list(out.parent.iterdir()) == []
    assert multiprocessing.active_children() == []
