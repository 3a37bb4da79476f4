"""File > Export…: the dialog's choices and exports run in the background (offscreen)."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QPushButton, QWidget  # noqa: E402

from factdesk.core.export import ExportOptions  # noqa: E402
from factdesk.core.model import ClaimStatus  # noqa: E402
from factdesk.core.progress import Cancelled  # noqa: E402
from factdesk.ui import export_dialog  # noqa: E402
from factdesk.ui.export_dialog import ExportDialog, run_export, show_export_dialog  # noqa: E402

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The demo review with a few claims (one with evidence); returns its path and quotes."""
    from factdesk.core import claim_edits
    from factdesk.core.demo import build_demo_review
    from factdesk.core.store import Review

    path = tmp_path_factory.mktemp("review") / "demo.factdesk"
    build_demo_review(path)
    quotes = []
    with Review.open(path) as review:
        texts = {a.id: a.text for a in review.articles()}
        passages = [p for p in review.passages() if p.end - p.start > 30]
        statuses = [ClaimStatus.CONFIRMED, ClaimStatus.CONFLICTING, ClaimStatus.UNSOURCED]
        for i, status in enumerate(statuses):
            p = passages[i * 5]
            claim = claim_edits.create_claim(
                review, p.article_id, p.start, p.end, reviewer="Tester", status=status
            )
            quotes.append(texts[p.article_id][p.start : p.end])
            if i == 0:
                claim_edits.add_evidence(review, claim.id, passages[7].id, "supports", reviewer="Tester")
    return path, quotes


@pytest.fixture
def review_copy(demo_file, tmp_path: Path) -> tuple[Path, list[str]]:
    """A copy per test, so every export lands in a folder of its own."""
    path, quotes = demo_file
    target = tmp_path / "out" / path.name
    target.parent.mkdir()
    shutil.copy(path, target)
    return target, quotes


@pytest.fixture
def parent(qtbot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def _flat(text: str) -> str:
    return " ".join(text.split())


def _files(folder: Path) -> list[str]:
    """What an export left in ``folder``, besides the review (and SQLite's -wal/-shm)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("demo.factdesk"))


def _run(qtbot, parent, review: Path, fmt: str, out: Path, **kw) -> export_dialog.ExportJob:
    options = kw.pop("options", ExportOptions(reviewer="Tester"))
    job = run_export(parent, review, options, fmt, out, **kw)
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    return job


def test_dialog_defaults_follow_the_format(qtbot, tmp_path: Path) -> None:
    review = tmp_path / "bridge.factdesk"
    dialog = ExportDialog(review, remember=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fmt() == "html"
    assert dialog.out_path() == tmp_path / "bridge.html"
    assert [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())] == [
        "html",
        "pdf",
        "md",
        "csv",
        "json",
        "claimreview",
    ]
    assert not dialog.url_edit.isVisible()
    dialog.set_format("pdf")
    assert dialog.out_path() == tmp_path / "bridge.pdf"
    dialog.set_format("claimreview")
    assert dialog.out_path() == tmp_path / "bridge.jsonld"
    assert dialog.url_edit.isVisible()
    assert dialog.url_edit.text() == "https://example.org/fact-checks/{claim}"
    dialog.set_format("csv")
    assert not dialog.url_edit.isVisible()
    assert dialog.out_path() == tmp_path / "bridge.csv"

    # a folder and name the user chose keep, only the extension follows the format
    dialog.path_edit.setText(str(tmp_path / "elsewhere" / "final report.csv"))
    dialog.set_format("md")
    assert dialog.out_path() == tmp_path / "elsewhere" / "final report.md"

    opts = dialog.options()
    assert opts.statuses == frozenset()  # every status
    assert not opts.full_text and not dialog.open_when_done()
    dialog.status_boxes[ClaimStatus.UNREVIEWED].setChecked(False)
    dialog.full_text_box.setChecked(True)
    dialog.reviewer_edit.setText(" Ada ")
    dialog.title_edit.setText("Bridge")
    dialog.organization_edit.setText("Harbour Fact Desk")
    opts = dialog.options()
    assert opts.statuses == {ClaimStatus.CONFIRMED, ClaimStatus.CONFLICTING, ClaimStatus.UNSOURCED}
    assert (opts.full_text, opts.reviewer, opts.title, opts.organization) == (
        True,
        "Ada",
        "Bridge",
        "Harbour Fact Desk",
    )
    for box in dialog.status_boxes.values():
        box.setChecked(False)
    assert not dialog.ok_button.isEnabled()
    dialog.status_boxes[ClaimStatus.CONFIRMED].setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.path_edit.clear()
    assert not dialog.ok_button.isEnabled()


def test_dialog_remembers_the_last_choices(qtbot, tmp_path: Path) -> None:
    first = ExportDialog(tmp_path / "a.factdesk")
    qtbot.addWidget(first)
    first.set_format("pdf")
    first.reviewer_edit.setText("Ada")
    first.open_box.setChecked(True)
    assert not first.options().reviewers  # each reviewer's decision: only when asked for
    first.reviewers_box.setChecked(True)
    first.accept()
    again = ExportDialog(tmp_path / "b.factdesk")
    qtbot.addWidget(again)
    assert again.fmt() == "pdf"
    assert again.out_path() == tmp_path / "b.pdf"
    assert again.reviewer_edit.text() == "Ada" and again.open_when_done()
    assert again.options().reviewers


def test_html_export_from_the_dialog(qtbot, parent, review_copy) -> None:
    review, quotes = review_copy
    dialog = ExportDialog(review, parent, remember=False)
    qtbot.addWidget(dialog)
    dialog.reviewer_edit.setText("Tester")
    out = dialog.out_path()
    assert out == review.with_suffix(".html")
    job = _run(qtbot, parent, review, dialog.fmt(), out, options=dialog.options())
    assert job.error is None and job.result == out
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert page.rstrip().endswith("</html>")
    text = _flat(html.unescape(page))
    for quote in quotes:
        assert _flat(quote) in text
    assert "Tester" in text
    assert _files(out.parent) == ["demo.html"]


def test_pdf_export_from_the_dialog(qtbot, parent, review_copy) -> None:
    review, quotes = review_copy
    dialog = ExportDialog(review, parent, remember=False)
    qtbot.addWidget(dialog)
    dialog.set_format("pdf")
    out = dialog.out_path()
    job = run_export(parent, review, dialog.options(), "pdf", out)
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS) as blocker:
        pass
    assert blocker.args == [out] and job.error is None
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert _files(out.parent) == ["demo.pdf"]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: text not checked")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = _flat(text)
    for quote in quotes:
        assert " ".join(_flat(quote).split()[:4]) in flat
    assert "Page 1 of" in flat


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_cancel_leaves_no_file(qtbot, parent, review_copy, fmt: str) -> None:
    review, _quotes = review_copy
    out = review.with_name(f"report.{fmt}")
    # Cancelled before its worker runs: a tiny JSON export could otherwise finish first.
    job = export_dialog.ExportJob(parent, review, ExportOptions(), fmt, out, False)
    job.cancel()
    with qtbot.waitSignal(job.failed, timeout=WAIT_MS) as blocker:
        job.start()
    assert isinstance(blocker.args[0], Cancelled)
    assert job.error_box is None  # a cancel is not an error
    assert _files(out.parent) == []  # no partial file
    assert not export_dialog._RUNNING


def test_cancel_button_of_the_progress_dialog(qtbot, parent, review_copy) -> None:
    review, _quotes = review_copy
    out = review.with_name("report.pdf")
    job = run_export(parent, review, ExportOptions(full_text=True), "pdf", out)
    job.progress.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert isinstance(job.error, Cancelled)
    assert _files(out.parent) == []


def test_open_when_done_calls_the_opener(qtbot, parent, review_copy, monkeypatch) -> None:
    review, _quotes = review_copy
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    out = review.with_name("report.md")
    job = _run(qtbot, parent, review, "md", out, open_when_done=True)
    assert job.result == out
    assert opened == [QUrl.fromLocalFile(str(out))]

    opened.clear()
    _run(qtbot, parent, review, "csv", review.with_name("report.csv"))
    assert opened == []  # not asked for


def test_a_failure_is_shown_in_a_message_box(qtbot, parent, review_copy, monkeypatch) -> None:
    review, _quotes = review_copy
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    out = review.parent / "no such folder" / "report.html"
    job = _run(qtbot, parent, review, "html", out, open_when_done=True)
    assert isinstance(job.error, OSError)
    assert job.error_box is not None and job.error_box.isVisible()
    assert "report.html" in job.error_box.text()
    assert "No such file or directory" in job.error_box.informativeText()
    assert opened == []
    job.error_box.close()


def test_show_export_dialog_exports_on_accept(qtbot, parent, review_copy, monkeypatch) -> None:
    review, _quotes = review_copy
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    show_export_dialog(parent, review)
    dialogs = [w for w in parent.findChildren(ExportDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    dialog.set_format("claimreview")
    out = dialog.out_path()
    assert out == review.with_suffix(".jsonld")
    # the placeholder address and no organisation: refused, said why, until both are given
    dialog.organization_edit.setText("")
    dialog.url_edit.setText("https://example.org/fact-checks/{claim}")
    assert not dialog.ok_button.isEnabled() and dialog.hint.text()
    dialog.organization_edit.setText("Harbour Fact Desk")
    assert not dialog.ok_button.isEnabled() and "example.org" in dialog.hint.text()
    dialog.url_edit.setText("https://checks.harbour.invalid/{claim}")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    qtbot.waitUntil(lambda: out.exists() and not export_dialog._RUNNING, timeout=WAIT_MS)
    assert '"ClaimReview"' in out.read_text(encoding="utf-8")


def test_a_finished_export_says_where_with_open_and_show_in_folder(qtbot, parent, review_copy,
                                                                   monkeypatch) -> None:
    review, _quotes = review_copy
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    out = review.parent / "report.md"
    job = _run(qtbot, parent, review, "md", out, notify=True)
    box = job.done_box
    assert box is not None and box.isVisible()
    assert "report.md" in box.text() and str(out.parent) in box.informativeText()
    names = {b.text().replace("&", "") for b in box.buttons()}
    assert {"Open report", "Show in folder"} <= names
    by_name = {b.text().replace("&", ""): b for b in box.buttons()}
    by_name["Show in folder"].click()
    assert [u.toLocalFile() for u in opened] == [str(out.parent)]
    job2 = _run(qtbot, parent, review, "md", review.parent / "again.md", notify=True)
    {b.text().replace("&", ""): b for b in job2.done_box.buttons()}["Open report"].click()
    assert opened[-1].toLocalFile() == str(review.parent / "again.md")


def test_file_menu_export_opens_the_dialog_for_the_open_review(qtbot, tmp_path, monkeypatch):
    from factdesk.core.demo import build_demo_review
    from factdesk.ui import export_dialog
    from factdesk.ui.mainwindow import MainWindow

    path = tmp_path / "demo.factdesk"
    build_demo_review(path)
    shown: list = []
    monkeypatch.setattr(export_dialog, "show_export_dialog", lambda parent, p: shown.append(p))
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.open_path(str(path))
    qtbot.waitUntil(lambda: w.review is not None, timeout=15000)
    w.actions_.export.trigger()
    assert shown == [path]
