"""Small dialogs: the list of files an import could not read; preferences."""

from __future__ import annotations

from collections.abc import Sequence

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

from factdesk.core.model import ImportProblem


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
