"""Small dialogs: the files an import could not read; naming sources; preferences (who is
reviewing); settling a claim; restoring a backup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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

from factdesk.core.identity import Reviewer, display_name, parse_reviewer
from factdesk.core.model import (
    Article,
    Claim,
    ClaimStatus,
    Decision,
    ImportProblem,
    article_label,
)

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
    """Who is reviewing: a name and optional e-mail signed on every claim edit, decision and
    history row, and the role (an editor may settle claims). Asked once at the first start;
    kept with ``core/identity`` so the command line signs the same way."""

    def __init__(self, reviewer: Reviewer | None, login: str, parent: QWidget | None = None,
                 *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is reviewing?" if first_run else "Preferences")
        self.name_edit = QLineEdit(reviewer.name if reviewer else "")
        self.name_edit.setPlaceholderText("Your name, as colleagues and readers know it")
        self.name_edit.setMinimumWidth(300)
        self.email_edit = QLineEdit(reviewer.email if reviewer else "")
        self.email_edit.setPlaceholderText("name@newsroom.example (optional)")
        self.role = QComboBox()
        self.role.addItem("Reviewer — checks claims", "reviewer")
        self.role.addItem("Editor — also settles claims reviewers disagree on", "editor")
        self.role.setCurrentIndex(max(0, self.role.findData(reviewer.role if reviewer
                                                            else "reviewer")))
        intro = QLabel("Every edit you make is signed with your name, so a desk can see who "
                       "decided what when reviews are merged."
                       if first_run else "Your edits are signed with this name.")
        intro.setWordWrap(True)
        self.hint = QLabel(f"Left empty, edits are signed with the login name “{login}”.")
        self.hint.setEnabled(False)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b42318;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Name:", self.name_edit)
        form.addRow("E-mail:", self.email_edit)
        form.addRow("Role:", self.role)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name_edit, self.email_edit):
            edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def reviewer(self) -> Reviewer | None:
        """The identity typed, or None when the name is left empty (or not valid)."""
        if not self.name():
            return None
        email = self.email_edit.text().strip()
        try:
            return parse_reviewer(f"{self.name()} <{email}>" if email else self.name(),
                                  str(self.role.currentData()))
        except ValueError:
            return None

    def _check(self) -> None:
        problem = ""
        if self.name():
            email = self.email_edit.text().strip()
            try:
                parse_reviewer(f"{self.name()} <{email}>" if email else self.name())
            except ValueError as exc:
                problem = str(exc)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)


class SettleDialog(QDialog):
    """An editor settles a claim: the status the desk publishes and why, beside what each
    reviewer decided."""

    def __init__(self, claim: Claim, decisions: Sequence[Decision],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Settle claim {claim.id}")
        quote = " ".join(claim.anchor.quote.split())
        head = QLabel(f"“{quote if len(quote) <= 160 else quote[:159] + '…'}”")
        head.setWordWrap(True)
        lines = [f"{display_name(d.reviewer)}: {d.status}" + (f" — {d.note}" if d.note else "")
                 for d in decisions if d.status is not ClaimStatus.UNREVIEWED or d.note]
        decided = QLabel("\n".join(lines) or "No reviewer has decided this claim yet.")
        decided.setWordWrap(True)
        decided.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QComboBox()
        for status in (ClaimStatus.CONFIRMED, ClaimStatus.CONFLICTING, ClaimStatus.UNSOURCED,
                       ClaimStatus.UNREVIEWED):
            self.status.addItem(str(status), status)
        verdicts = [d.status for d in decisions if d.status is not ClaimStatus.UNREVIEWED]
        start = claim.status if claim.settled else (verdicts[0] if verdicts else claim.status)
        self.status.setCurrentIndex(max(0, self.status.findData(start)))
        self.why = QLineEdit(claim.settled_why)
        self.why.setPlaceholderText("Why: the source that decides it (kept in the history)")
        self.why.setMinimumWidth(380)
        form = QFormLayout()
        form.addRow("Reviewers:", decided)
        form.addRow("Settle as:", self.status)
        form.addRow("Why:", self.why)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("Settle", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.why.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.ok.setEnabled(bool(self.why.text().strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def choice(self) -> tuple[ClaimStatus, str]:
        return ClaimStatus(self.status.currentData()), " ".join(self.why.text().split())


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
