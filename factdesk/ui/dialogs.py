"""Small dialogs: the files an import could not read; naming sources; preferences; restoring a
backup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factdesk.core.model import Article, ImportProblem, article_label

if TYPE_CHECKING:  # the store loads on first use, not at start-up
    from factdesk.core.store.backups import BackupInfo


class NameSourcesDialog(QDialog):
    """Asks what to call sources whose page and file name name no outlet, once, after the
    import; each name is stored as the article's outlet (undoable). Skipping keeps
    "Source N", and the outlet can be typed later in the Articles list."""

    def __init__(self, articles: Sequence[Article], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Name the sources")
        intro = QLabel("These articles name no outlet, and their file names say nothing. "
                       "What should they be called in the panes, claims and reports?")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for article in articles:
            edit = QLineEdit()
            edit.setPlaceholderText(article_label(article))
            edit.setToolTip(f"{article.title}\n{article.path}")
            title = article.title if len(article.title) <= 70 else article.title[:69] + "…"
            form.addRow(QLabel(title), edit)
            self.edits[article.id] = edit
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Skip")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def names(self) -> dict[str, str]:
        """Article id → the name typed (blank ones left out)."""
        return {aid: " ".join(e.text().split()) for aid, e in self.edits.items()
                if e.text().strip()}


class ImportProblemsDialog(QDialog):
    """Each file that was skipped and why; the rest of the import went ahead."""

    def __init__(self, problems: Sequence[ImportProblem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Some files were not imported")
        self.table = QTableWidget(len(problems), 2)
        self.table.setHorizontalHeaderLabels(["File", "Reason"])
        for row, problem in enumerate(problems):
            self.table.setItem(row, 0, QTableWidgetItem(problem.path))
            self.table.setItem(row, 1, QTableWidgetItem(problem.reason))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(problems)} files could not be imported; the others "
                                "were added."))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 320)


class PreferencesDialog(QDialog):
    """The reviewer's name, written with every claim edit and into the claim history."""

    def __init__(self, reviewer: str, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setPlaceholderText(default)
        self.reviewer.setMinimumWidth(260)
        hint = QLabel(f"Left empty, edits are signed “{default}”.")
        hint.setEnabled(False)
        form = QFormLayout()
        form.addRow("Reviewer name:", self.reviewer)
        form.addRow("", hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def name(self) -> str:
        return " ".join(self.reviewer.text().split())


class RestoreBackupDialog(QDialog):
    """The review's backups, newest first; the chosen one replaces the review after a copy of
    the current state is kept beside it."""

    def __init__(self, backups: Sequence[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        self.backups = list(backups)
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setHorizontalHeaderLabels(["Made", "Articles", "Claims", "Size"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, b in enumerate(self.backups):
            made = b.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            cells = [made, _count(b.articles), _count(b.claims), f"{b.size / 1024:.0f} KB"]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if self.backups:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        restore = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("factdesk keeps a copy of a review each time it is opened (the "
                                "newest five).\nRestoring keeps the current state as a "
                                "“before-restore” copy beside the review, so nothing is lost."))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None


def _count(n: int | None) -> str:
    return "?" if n is None else str(n)
