"""Small dialogs: the list of files an import could not read."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
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
