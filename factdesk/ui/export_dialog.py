"""File > Export…: choose a format and what goes into the report, then write it in the background.

:class:`ExportDialog` only gathers choices (it never opens the review). :func:`run_export` does
the work on a pooled thread with its own read-only connection to the review file (so the
window's database worker is never blocked), shows a progress dialog with Cancel, reports a
failure in a message box, and on success can open the file with the desktop's viewer.
Every format, PDF included, is written in the worker: Qt's rich text lays out and paints onto
a ``QPdfWriter`` outside the GUI thread as long as the application object exists (fonts come
from it). A file is only ever replaced when complete, so a cancelled or failed export leaves
nothing behind.

The main window calls :func:`show_export_dialog` from File > Export… (Ctrl+E).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from factdesk.core.export import FORMATS, ExportOptions, export_review
from factdesk.core.export.claimreview import claimreview_problem
from factdesk.core.export.model import STATUS_LABELS, STATUS_ORDER
from factdesk.core.model import ClaimStatus
from factdesk.core.progress import Cancelled, CancelToken, Progress
from factdesk.ui.workers import Task

log = logging.getLogger(__name__)

DEFAULT_FORMAT = "html"
DEFAULT_URL = ExportOptions().url
#: Steps of the progress bar (the export reports fractions of its own stages).
PROGRESS_STEPS = 1000
#: QSettings keys under which the dialog remembers the last choices (not the statuses).
_KEYS = ("format", "reviewer", "organization", "url", "full_text", "open_when_done",
         "each_reviewer")


class ExportDialog(QDialog):
    """The export choices for one review file; read them after ``accept()``.

    ``fmt()``, ``options()``, ``out_path()`` and ``open_when_done()`` give what :func:`run_export`
    needs. The destination follows the format's extension until the user picks a file.
    """

    def __init__(
        self, review_path: str | Path, parent: QWidget | None = None, *, remember: bool = True
    ) -> None:
        super().__init__(parent)
        self.review_path = _location(review_path)
        self.remember = remember
        self.setWindowTitle("Export report")

        self.format_combo = QComboBox()
        for f in FORMATS.values():
            self.format_combo.addItem(f"{f.description}", f.name)
        self.status_boxes: dict[ClaimStatus, QCheckBox] = {}
        statuses = QHBoxLayout()
        for status in STATUS_ORDER:
            box = QCheckBox(STATUS_LABELS[status])
            box.setChecked(True)
            box.toggled.connect(self._update_ok)
            self.status_boxes[status] = box
            statuses.addWidget(box)
        statuses.addStretch(1)
        self.full_text_box = QCheckBox("Include the full text of every article (appendix)")
        self.reviewers_box = QCheckBox("Show each reviewer's decision and note (and their "
                                       "agreement)")
        self.reviewers_box.setToolTip("The settled status is always shown; this adds what "
                                      "every reviewer decided, side by side")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("the review's title")
        self.reviewer_edit = QLineEdit()
        self.organization_edit = QLineEdit()
        self.url_label = QLabel("ClaimReview URL")
        self.url_edit = QLineEdit(DEFAULT_URL)
        self.organization_edit.textChanged.connect(self._update_ok)
        self.url_edit.setToolTip(
            "The address each published fact-check will have; {claim} becomes the claim id."
        )
        self.url_edit.textChanged.connect(self._update_ok)
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self._update_ok)
        self.browse_button = QPushButton("Choose…")
        self.browse_button.clicked.connect(self.choose_path)
        destination = QHBoxLayout()
        destination.addWidget(self.path_edit, 1)
        destination.addWidget(self.browse_button)
        self.open_box = QCheckBox("Open when done")

        form = QFormLayout()
        form.addRow("Format", self.format_combo)
        form.addRow("Claims", statuses)
        form.addRow("", self.full_text_box)
        form.addRow("", self.reviewers_box)
        form.addRow("Title", self.title_edit)
        form.addRow("Reviewer", self.reviewer_edit)
        form.addRow("Organisation", self.organization_edit)
        form.addRow(self.url_label, self.url_edit)
        form.addRow("Save as", destination)
        form.addRow("", self.open_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #b42318;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self._restore()
        self.path_edit.setText(str(self.default_path(self.fmt())))
        self.format_combo.currentIndexChanged.connect(self._on_format)
        self._on_format()

    # ------------------------------------------------------------------ choices
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def options(self) -> ExportOptions:
        chosen = frozenset(s for s, box in self.status_boxes.items() if box.isChecked())
        return ExportOptions(
            statuses=frozenset() if len(chosen) == len(self.status_boxes) else chosen,
            full_text=self.full_text_box.isChecked(),
            reviewer=self.reviewer_edit.text().strip(),
            organization=self.organization_edit.text().strip(),
            title=self.title_edit.text().strip(),
            url=self.url_edit.text().strip() or DEFAULT_URL,
            reviewers=self.reviewers_box.isChecked(),
        )

    def out_path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        ext = FORMATS[self.fmt()].extension
        return path if path.suffix.lower() == ext else path.with_name(path.name + ext)

    def open_when_done(self) -> bool:
        return self.open_box.isChecked()

    def default_path(self, fmt: str) -> Path:
        """Beside the review, named like it: ``/reviews/bridge.factdesk`` → ``bridge.pdf``; a
        shared review's (``…?review=bridge``) in the home folder."""
        if isinstance(self.review_path, str):
            name = self.review_path.rsplit("review=", 1)[-1].split("&")[0] or "review"
            return Path.home() / f"{name}{FORMATS[fmt].extension}"
        return self.review_path.with_suffix(FORMATS[fmt].extension)

    def choose_path(self) -> None:
        f = FORMATS[self.fmt()]
        path, _filter = QFileDialog.getSaveFileName(
            self,
            "Export report as",
            str(self.out_path()),
            f"{f.description} (*{f.extension});;All files (*)",
        )
        if path:
            self.path_edit.setText(path)

    # ------------------------------------------------------------------ behaviour
    def _on_format(self) -> None:
        fmt = self.fmt()
        is_claimreview = fmt == "claimreview"
        self.url_label.setVisible(is_claimreview)
        self.url_edit.setVisible(is_claimreview)
        text = self.path_edit.text().strip()
        if text:  # keep the folder and name, change the extension
            path = Path(text)
            known = {f.extension for f in FORMATS.values()}
            stem = path.with_suffix("") if path.suffix.lower() in known else path
            self.path_edit.setText(str(stem.with_name(stem.name + FORMATS[fmt].extension)))
        self._update_ok()

    def _update_ok(self) -> None:
        problem = ""
        if not any(box.isChecked() for box in self.status_boxes.values()):
            problem = "Choose at least one status."
        elif not self.path_edit.text().strip():
            problem = "Choose where to save the report."
        elif self.fmt() == "claimreview":
            # asked once: both are kept in the settings for the next export
            problem = claimreview_problem(self.organization_edit.text(),
                                          self.url_edit.text().strip()) or ""
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self._save()
        super().accept()

    def _restore(self) -> None:
        if not self.remember:
            return
        qs = QSettings()
        qs.beginGroup("export")
        fmt = str(qs.value("format", DEFAULT_FORMAT))
        if fmt in FORMATS:
            self.set_format(fmt)
        self.reviewer_edit.setText(str(qs.value("reviewer", "")))
        self.organization_edit.setText(str(qs.value("organization", "")))
        self.url_edit.setText(str(qs.value("url", DEFAULT_URL)) or DEFAULT_URL)
        self.full_text_box.setChecked(_flag(qs.value("full_text", False)))
        self.open_box.setChecked(_flag(qs.value("open_when_done", False)))
        self.reviewers_box.setChecked(_flag(qs.value("each_reviewer", False)))
        qs.endGroup()

    def _save(self) -> None:
        if not self.remember:
            return
        values = (
            self.fmt(),
            self.reviewer_edit.text().strip(),
            self.organization_edit.text().strip(),
            self.url_edit.text().strip(),
            self.full_text_box.isChecked(),
            self.open_box.isChecked(),
            self.reviewers_box.isChecked(),
        )
        qs = QSettings()
        qs.beginGroup("export")
        for key, value in zip(_KEYS, values, strict=True):
            qs.setValue(key, value)
        qs.endGroup()


def _flag(value: Any) -> bool:
    """A boolean back from QSettings (INI files give the strings "true"/"false")."""
    return value is True or str(value).lower() in ("true", "1")


# ---------------------------------------------------------------------- running an export
def write_export(
    review_path: str | Path,
    fmt: str,
    out_path: str | Path,
    options: ExportOptions,
    *,
    progress: Progress,
    cancel: CancelToken,
) -> Path:
    """Open the review read-only, write the report, close it; runs in a worker thread."""
    from factdesk.core.store import Review

    with Review.open(review_path, backup=False, read_only=True) as review:
        if fmt == "pdf":
            from factdesk.ui.pdf_export import export_review_pdf

            export_review_pdf(review, out_path, options, progress=progress, cancel=cancel)
        else:
            export_review(review, fmt, out_path, options, progress=progress, cancel=cancel)
    return Path(out_path)


class ExportJob(QObject):
    """One export on its way: the progress dialog, the background task and the outcome.

    ``finished`` carries the written path, ``failed`` the exception (:class:`Cancelled` after
    Cancel); exactly one of them is emitted, in the GUI thread. ``error_box`` is the message
    box shown for a failure (not for a cancel).
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        review_path: Path | str,
        options: ExportOptions,
        fmt: str,
        out_path: Path,
        open_when_done: bool,
        notify: bool = False,
    ) -> None:
        super().__init__()  # no QObject parent: the job outlives nothing it does not own
        self.notify = notify  # say where the report is when done (the window's File › Export)
        self.done_box: QMessageBox | None = None
        self.parent_widget = parent
        self.review_path = review_path
        self.options = options
        self.fmt = fmt
        self.out_path = out_path
        self.open_when_done = open_when_done
        self.token = CancelToken()
        self.result: Path | None = None
        self.error: BaseException | None = None
        self.error_box: QMessageBox | None = None
        self.done = False

        self.progress = QProgressDialog(
            f"Exporting {out_path.name}…", "Cancel", 0, PROGRESS_STEPS, parent
        )
        self.progress.setWindowTitle("Export report")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(400)
        self.progress.setValue(0)
        self.progress.canceled.connect(self.cancel)

        def work(*, progress: Progress, cancel: CancelToken) -> Path:
            def scaled(done: float, total: float, message: str = "") -> None:
                value = round(PROGRESS_STEPS * done / total) if total else 0
                progress(max(0, min(value, PROGRESS_STEPS)), PROGRESS_STEPS, message)

            return write_export(review_path, fmt, out_path, options, progress=scaled, cancel=cancel)

        self.task = Task(work, self.token)
        self.task.signals.progress.connect(self._on_progress)
        self.task.signals.done.connect(self._on_done)
        self.task.signals.failed.connect(self._on_failed)

    def start(self) -> ExportJob:
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(self.task)
        return self

    def cancel(self) -> None:
        if not self.done:
            self.token.cancel()
            if isValid(self.progress):
                self.progress.setLabelText("Cancelling…")

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.done or self.token.cancelled or not isValid(self.progress):
            return
        self.progress.setMaximum(total)
        self.progress.setValue(min(done, total))
        if message:
            self.progress.setLabelText(message)

    def _finish(self) -> None:
        self.done = True
        _RUNNING.discard(self)
        if isValid(self.progress):  # gone if its window was closed meanwhile
            self.progress.canceled.disconnect(self.cancel)  # closing it would emit canceled
            self.progress.close()
            self.progress.deleteLater()
        if self.parent_widget is not None and not isValid(self.parent_widget):
            self.parent_widget = None

    def _on_done(self, path: Path) -> None:
        self._finish()
        self.result = path
        if self.open_when_done:
            opener: Callable[[QUrl], bool] = QDesktopServices.openUrl
            if not opener(QUrl.fromLocalFile(str(path))):
                log.warning("no application opens %s", path)
        if self.notify:
            self._tell_done(path)
        self.finished.emit(path)

    def _tell_done(self, path: Path) -> None:
        """A successful export says so, with the two things one does next."""
        parent = self.parent_widget
        status = getattr(parent, "statusBar", None)
        if callable(status):
            status().showMessage(f"Report written: {path}", 10000)
        if self.open_when_done:
            return  # it is opening already; the status bar says where it is
        box = QMessageBox(QMessageBox.Icon.Information, "Report written",
                          f"The report was written to {path.name}.",
                          QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(str(path.parent))
        open_button = box.addButton("&Open report", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("&Show in folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)

        def clicked(button: object) -> None:
            if button is open_button:
                target = path
            elif button is folder_button:
                # the folder, opened by the desktop's file manager (selecting the file in it
                # needs a different call on every desktop; the folder works on all)
                target = path.parent
            else:
                return
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
                log.warning("no application opens %s", target)

        box.buttonClicked.connect(clicked)
        box.open()  # not exec(): the window goes on (and tests can look at it)
        self.done_box = box

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        self.error = exc
        if not isinstance(exc, Cancelled):
            self.error_box = QMessageBox(
                QMessageBox.Icon.Critical,
                "Export failed",
                f"Could not export {self.out_path.name}.",
                QMessageBox.StandardButton.Ok,
                self.parent_widget,
            )
            self.error_box.setInformativeText(_describe(exc))
            self.error_box.open()  # not exec(): the caller goes on (and tests can look at it)
        self.failed.emit(exc)


#: Jobs under way (a job holds its task until the worker has reported back).
_RUNNING: set[ExportJob] = set()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    return str(exc) or type(exc).__name__


def run_export(
    parent: QWidget | None,
    review_path: str | Path,
    options: ExportOptions,
    fmt: str,
    out_path: str | Path,
    *,
    open_when_done: bool = False,
    notify: bool = False,
) -> ExportJob:
    """Write the report of the review at ``review_path`` to ``out_path`` in the background.

    Returns at once; the job's ``finished``/``failed`` signal says how it ended.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format: {fmt!r}")
    job = ExportJob(parent, _location(review_path), options, fmt, Path(out_path), open_when_done,
                    notify)
    return job.start()


def _location(review: str | Path) -> Path | str:
    """A review file's path, or a shared review's URL as it is (a Path would fold its //)."""
    text = str(review)
    return text if text.lower().startswith(("postgresql://", "postgres://")) else Path(review)


def show_export_dialog(parent: QWidget | None, review_path: str | Path) -> None:
    """File > Export…: ask for the choices, then export (the dialog does not block)."""
    dialog = ExportDialog(review_path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def go() -> None:
        run_export(
            parent,
            review_path,
            dialog.options(),
            dialog.fmt(),
            dialog.out_path(),
            open_when_done=dialog.open_when_done(),
            notify=True,
        )

    dialog.accepted.connect(go)
    dialog.open()
