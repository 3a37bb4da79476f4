"""The claims panel (right dock): counts per status, filters, the table of every claim, and the
inspector of the selected claim (quote, status buttons, note, evidence, suggestion, history).

The panel never touches the review: it shows what the window hands it and reports the reader's
intent by signal (set a status, save a note, remove evidence ...); the window turns each intent
into one undoable command.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factdesk.core.identity import display_name
from factdesk.core.model import Claim, ClaimStatus, Decision, EvidenceRelation, HistoryEntry
from factdesk.ui.claimbook import GLYPH, STATUS_KEY, STATUS_ORDER
from factdesk.ui.models.claims import (
    ARTICLE,
    EVIDENCE,
    QUOTE,
    REVIEWER,
    STATUS,
    UPDATED,
    ClaimFilterProxy,
    ClaimRole,
    ClaimTableModel,
)
from factdesk.ui.palette import status_colour

NOTE_IDLE_MS = 1200  # a note is saved this long after the last keystroke (and on focus-out)
RELATION_GLYPH = {EvidenceRelation.SUPPORTS: "✓ supports",
                  EvidenceRelation.CONTRADICTS: "✗ contradicts"}


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


class NoteEdit(QPlainTextEdit):
    """The note editor: tells when it loses focus, so the note is saved then."""

    focus_lost = Signal()
    escaped = Signal()  # Esc: the reviewer is done typing (the note is saved on focus out)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class ClaimInspector(QWidget):
    status_requested = Signal(object)  # ClaimStatus
    note_committed = Signal(str, str)  # claim id, note
    evidence_activated = Signal(int)  # evidence id: jump to it
    evidence_remove = Signal(int)
    evidence_toggle = Signal(int)
    add_group_evidence = Signal()
    accept_suggestion = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.claim: Claim | None = None
        self._note_base = ""  # the note as last read from the file
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.quote = QLabel()
        self.quote.setTextFormat(Qt.TextFormat.RichText)
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.orphan = QLabel("⚠ Orphan: this quote was not found again in its article's changed "
                             "text. The claim is kept as it was.")
        self.orphan.setWordWrap(True)
        self.orphan.hide()
        self.edited = QLabel()  # "✎ Edited after publication: …" (Review › Compare versions)
        self.edited.setWordWrap(True)
        self.edited.setTextFormat(Qt.TextFormat.PlainText)
        self.edited.hide()
        # each reviewer's own verdict side by side, and an editor's settlement (merged reviews)
        self.decisions = QLabel()
        self.decisions.setWordWrap(True)
        self.decisions.setTextFormat(Qt.TextFormat.RichText)
        self.decisions.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.decisions.hide()
        self.buttons: dict[ClaimStatus, QToolButton] = {}
        # two by two: four in a row would need 430 px, more than the claims dock is given
        row = QGridLayout()
        row.setSpacing(3)
        for i, status in enumerate(STATUS_ORDER):
            button = QToolButton()
            key = STATUS_KEY[status]
            button.setText(f"{key} {GLYPH[status]} {status}")
            button.setToolTip(f"Mark {status} ({key}" + (" or Backspace)" if key == "0" else ")"))
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=status: self._on_status_button(s))
            self.buttons[status] = button
            row.addWidget(button, i // 2, i % 2)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.accept_button = QPushButton("Accept suggestion (A)")
        self.accept_button.clicked.connect(self.accept_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)

        self.note = NoteEdit()
        self.note.setPlaceholderText("Your reasoning: sources checked, what they say… "
                                     "(saved as you type)")
        self.note.setTabChangesFocus(True)
        self.note_timer = QTimer(self)
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(NOTE_IDLE_MS)
        self.note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._on_note_typed)
        self.note.focus_lost.connect(self.flush_note)

        self.evidence = QTreeWidget()
        self.evidence.setHeaderLabels(["Relation", "Outlet", "Quote"])
        self.evidence.setRootIsDecorated(False)
        self.evidence.setUniformRowHeights(True)
        self.evidence.setWordWrap(False)
        self.evidence.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.evidence.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.evidence.header().setStretchLastSection(True)
        self.evidence.itemActivated.connect(self._on_evidence_item)
        self.evidence.itemClicked.connect(self._on_evidence_item)
        self.evidence.setToolTip("Click to go to the passage")
        # short labels (the tooltips explain): the claims dock must fit in 370 px beside four
        # readable panes at 1920 px
        self.group_button = QPushButton("Add group (G)")
        self.group_button.setToolTip(
            "Every counterpart of this claim's passage in the other outlets, as supporting; "
            "those in a conflict with it as contradicting")
        self.group_button.clicked.connect(self.add_group_evidence)
        self.toggle_button = QPushButton("⇄ Relation")
        self.toggle_button.setToolTip("Supports ⇄ contradicts: turn the selected evidence "
                                      "around")
        self.toggle_button.clicked.connect(lambda: self._with_evidence(self.evidence_toggle))
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(lambda: self._with_evidence(self.evidence_remove))
        ev_buttons = QHBoxLayout()
        for b in (self.group_button, self.toggle_button, self.remove_button):
            ev_buttons.addWidget(b)
        ev_buttons.addStretch(1)
        ev_page = QWidget()
        ev_layout = QVBoxLayout(ev_page)
        ev_layout.setContentsMargins(0, 2, 0, 0)
        ev_layout.addWidget(self.evidence, 1)
        ev_layout.addLayout(ev_buttons)

        self.history = QTreeWidget()
        self.history.setHeaderLabels(["When (UTC)", "Who", "Change"])
        self.history.setRootIsDecorated(False)
        self.history.setWordWrap(True)
        self.history.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.note, "Note")
        self.tabs.addTab(ev_page, "Evidence")
        self.tabs.addTab(self.history, "History")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 2)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.quote)
        layout.addWidget(self.orphan)
        layout.addWidget(self.edited)
        layout.addWidget(self.decisions)
        layout.addLayout(row)
        layout.addLayout(suggestion_row)
        layout.addWidget(self.tabs, 1)
        self.clear()

    # ------------------------------------------------------------------ showing
    def clear(self, hint: str = "Select a claim, or select text in an article and press C "
                                 "to make one.") -> None:
        self.flush_note()
        self.claim = None
        self.title.setText(hint)
        self.quote.clear()
        self.orphan.hide()
        self.edited.hide()
        self.decisions.hide()
        for b in self.buttons.values():
            b.setChecked(False)
            b.setEnabled(False)
        self.note.blockSignals(True)
        self.note.clear()
        self.note.blockSignals(False)
        self._note_base = ""
        self.note.setEnabled(False)
        self.evidence.clear()
        self.history.clear()
        self.tabs.setTabText(1, "Evidence")
        self.tabs.setTabText(2, "History")
        for b in (self.group_button, self.toggle_button, self.remove_button):
            b.setEnabled(False)
        self.show_suggestion(None, "")

    def show_claim(self, claim: Claim, history: list[HistoryEntry], label: Callable[[str], str],
                   suggestion: tuple[ClaimStatus, str] | None, can_add_group: bool,
                   edited: str = "", decisions: Sequence[Decision] = (),
                   own: ClaimStatus | None = None) -> None:
        """``decisions``: every reviewer's own verdict (shown side by side when two or more
        reviewers decided, or an editor settled); ``own``: the signed-in reviewer's own verdict,
        which the status buttons show when they gave one (the claim's status may be pending or
        settled), else the buttons show the claim's status."""
        if self.claim is not None and self.claim.id != claim.id:
            self.flush_note()
        same = self.claim is not None and self.claim.id == claim.id
        self.claim = claim
        where = label(claim.anchor.article_id)
        self.title.setText(f"Claim {claim.id} · {where}"
                           + (f" · by {display_name(claim.reviewer)}" if claim.reviewer else ""))
        self._show_decisions(claim, decisions)
        colour = status_colour(claim.status, _dark(self)).name()
        self.quote.setText(f'<span style="color:{colour}; font-weight:bold">'
                           f"{GLYPH[claim.status]}</span> “{html.escape(claim.anchor.quote)}”")
        self.orphan.setVisible(claim.orphaned)
        self.edited.setText(f"✎ Edited after publication: {edited} (Review › Compare versions)")
        self.edited.setVisible(bool(edited))
        for status, b in self.buttons.items():
            b.setEnabled(True)
            b.setChecked(status is (own if own is not None else claim.status))
        self.note.setEnabled(True)
        text = self.note.toPlainText()
        keep_typing = same and text != self._note_base and self.note.hasFocus()
        if not keep_typing and text != claim.note:
            self.note.blockSignals(True)
            self.note.setPlainText(claim.note)
            self.note.blockSignals(False)
        self._note_base = claim.note
        self.evidence.clear()
        for ev in claim.evidence:
            item = QTreeWidgetItem([RELATION_GLYPH[ev.relation], label(ev.anchor.article_id),
                                    ("⚠ orphan · " if ev.orphaned else "")
                                    + " ".join(ev.anchor.quote.split())])
            item.setData(0, Qt.ItemDataRole.UserRole, ev.id)
            item.setForeground(0, status_colour(
                ClaimStatus.CONFIRMED if ev.relation == EvidenceRelation.SUPPORTS
                else ClaimStatus.CONFLICTING, _dark(self)))
            item.setToolTip(2, ev.anchor.quote)
            self.evidence.addTopLevelItem(item)
        self.tabs.setTabText(1, f"Evidence ({len(claim.evidence)})")
        has_ev = bool(claim.evidence)
        self.toggle_button.setEnabled(has_ev)
        self.remove_button.setEnabled(has_ev)
        self.history.clear()
        for h in reversed(history):  # newest first
            item = QTreeWidgetItem([h.at[:19].replace("T", " "), h.reviewer, describe(h)])
            item.setToolTip(2, describe(h, limit=2000))
            self.history.addTopLevelItem(item)
        self.tabs.setTabText(2, f"History ({len(history)})")
        self.show_claim_check(suggestion, can_add_group)

    def show_claim_check(self, suggestion: tuple[ClaimStatus, str] | None,
                         can_add_group: bool) -> None:
        """What the check of the shown claim's words found: its suggestion line and whether G
        has counterparts to add. Alone, for a check that comes in after the claim is shown:
        the note being typed and the rest of the inspector are left as they are."""
        self.group_button.setEnabled(can_add_group)
        if suggestion is not None:
            status, reason = suggestion
            self.show_suggestion(None, f"Suggested: {GLYPH[status]} {status}"
                                 + (f" — {reason}" if reason else ""))
        else:
            self.show_suggestion(None, "")

    def _show_decisions(self, claim: Claim, decisions: Sequence[Decision]) -> None:
        verdicts = [d for d in decisions if d.status is not ClaimStatus.UNREVIEWED or d.note]
        if len(verdicts) < 2 and not claim.settled:
            self.decisions.hide()
            return
        dark = _dark(self)
        lines = []
        if claim.settled:
            when = claim.settled_at[:16].replace("T", " ")
            lines.append(f"<b>⚖ Settled {html.escape(str(claim.status))}</b> by "
                         f"{html.escape(display_name(claim.settled_by))} ({when} UTC): "
                         f"{html.escape(claim.settled_why)}")
        elif len({d.status for d in verdicts if d.status is not ClaimStatus.UNREVIEWED}) > 1:
            lines.append("<b>≠ Reviewers disagree</b> — an editor settles it (Review › Settle "
                         "claim…)")
        for d in verdicts:
            colour = status_colour(d.status, dark).name()
            note = f" — {html.escape(_short(d.note, 90))}" if d.note else ""
            lines.append(f'<span style="color:{colour}; font-weight:bold">{GLYPH[d.status]}'
                         f"</span> {html.escape(display_name(d.reviewer))}: "
                         f"{html.escape(str(d.status))}{note}")
        self.decisions.setText("<br>".join(lines))
        self.decisions.setToolTip("\n\n".join(f"{d.reviewer} ({d.at[:16].replace('T', ' ')} "
                                               f"UTC): {d.status}\n{d.note}" for d in verdicts))
        self.decisions.show()

    def show_suggestion(self, suggestion: tuple[ClaimStatus, str] | None, text: str = "") -> None:
        """A suggestion for a passage without a claim (acceptable with A), or a plain line."""
        if suggestion is not None:
            status, reason = suggestion
            text = (f"<b>Suggested {GLYPH[status]} {status}</b> for this passage"
                    + (f": {html.escape(reason)}" if reason else ""))
        else:
            text = html.escape(text)
        self.suggestion.setText(f'<span style="color:palette(placeholder-text)">{text}</span>'
                                if suggestion is None else text)
        self.suggestion.setVisible(bool(text))
        self.accept_button.setVisible(suggestion is not None)

    def selected_evidence(self) -> int | None:
        item = self.evidence.currentItem()
        if item is None and self.evidence.topLevelItemCount() == 1:
            item = self.evidence.topLevelItem(0)
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    # ------------------------------------------------------------------ intents
    def _on_status_button(self, status: ClaimStatus) -> None:
        if self.claim is not None:
            self.buttons[status].setChecked(status is self.claim.status)
            self.status_requested.emit(status)

    def _with_evidence(self, signal: Signal) -> None:  # type: ignore[type-arg]
        evidence_id = self.selected_evidence()
        if evidence_id is not None:
            signal.emit(evidence_id)  # type: ignore[attr-defined]

    def _on_evidence_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.evidence_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _on_note_typed(self) -> None:
        self.note_timer.start()

    def typing_note(self) -> bool:
        """Whether the note box holds text that is not saved yet (typed since the last save)."""
        return self.claim is not None and self.note.toPlainText() != self._note_base

    def flush_note(self) -> None:
        """Save typed text now (focus-out, idle, another claim chosen, the window closing)."""
        self.note_timer.stop()
        if self.claim is None:
            return
        text = self.note.toPlainText()
        if text != self._note_base:
            self._note_base = text
            self.note_committed.emit(self.claim.id, text)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(h: HistoryEntry, limit: int = 80) -> str:
    def short(value: str) -> str:
        value = " ".join(value.split())
        return value if len(value) <= limit else value[: limit - 1] + "…"

    if h.field == "created":
        return f"created: “{short(h.new)}”"
    if h.field == "status":
        return f"status: {h.old} → {h.new}"
    if h.field == "note":
        return f"note: “{short(h.old)}” → “{short(h.new)}”" if h.old else f"note: “{short(h.new)}”"
    if h.field == "evidence+":
        return f"evidence added: {h.new}"
    if h.field == "evidence-":
        return f"evidence removed: {h.old}"
    if h.field == "deleted":
        return f"deleted (was {h.old})"
    if h.field == "restored":
        return f"restored ({h.new})"
    if h.field == "settled":
        return f"settled: {h.old} → {h.new}"
    if h.field == "why":
        return f"why settled: “{short(h.new)}”"
    if h.field == "unsettled":
        return f"settlement undone: {h.old} → {h.new}"
    if h.field == "merged":
        return f"merged: their selection “{short(h.new)}”"
    return f"{h.field}: {short(h.old)} → {short(h.new)}"


class ClaimsPanel(QWidget):
    """Counts, filters and the table on top; the inspector below, in a splitter."""

    claim_selected = Signal(object)  # claim id or None

    def __init__(self, model: ClaimTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ClaimFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.count_buttons: dict[ClaimStatus, QToolButton] = {}
        # two by two, like the status buttons: the dock is 370 px beside four readable panes
        counts = QGridLayout()
        counts.setSpacing(2)
        for i, status in enumerate(STATUS_ORDER):
            b = QToolButton()
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setToolTip(f"Show only {status} claims (click again to show all)")
            b.clicked.connect(lambda checked=False, s=status: self.set_status_filter(
                s if checked else None))
            self.count_buttons[status] = b
            counts.addWidget(b, i // 2, i % 2, Qt.AlignmentFlag.AlignLeft)
        # shown once two reviewers decided a claim (a merged review): the claims waiting for
        # an editor, because their reviewers gave different verdicts
        self.disagree_button = QToolButton()
        self.disagree_button.setCheckable(True)
        self.disagree_button.setAutoRaise(True)
        self.disagree_button.setToolTip("Show only the claims reviewers disagree on and no "
                                        "editor settled yet (click again to show all)")
        self.disagree_button.clicked.connect(
            lambda checked=False: self.proxy.set_filter(disagreements_only=checked))
        self.disagree_button.hide()
        counts.addWidget(self.disagree_button, 2, 0, Qt.AlignmentFlag.AlignLeft)
        counts.setColumnStretch(2, 1)
        self.article_filter = QComboBox()
        self.article_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.article_filter.setMinimumContentsLength(8)
        self.article_filter.currentIndexChanged.connect(self._on_combo)
        self.reviewer_filter = QComboBox()
        self.reviewer_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reviewer_filter.setMinimumContentsLength(6)
        self.reviewer_filter.currentIndexChanged.connect(self._on_combo)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_filter(search=t))
        filters = QHBoxLayout()
        filters.setSpacing(3)
        filters.addWidget(self.article_filter, 1)
        filters.addWidget(self.reviewer_filter, 1)
        filters.addWidget(self.search, 2)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # reading order until the reader clicks a column header
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STATUS, 104), (ARTICLE, 92), (EVIDENCE, 30), (REVIEWER, 68),
                              (UPDATED, 82)):
            header.resizeSection(column, width)
        header.setMinimumSectionSize(30)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.clicked.connect(self._on_clicked)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(4, 4, 4, 0)
        top_layout.setSpacing(3)
        top_layout.addLayout(counts)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table, 1)
        self.inspector = ClaimInspector()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.inspector)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._quiet = False
        self.set_counts(dict.fromkeys(STATUS_ORDER, 0))

    # ------------------------------------------------------------------ content
    def set_counts(self, counts: dict[ClaimStatus, int],
                   disagreements: int | None = None, agreement: str = "") -> None:
        """``disagreements`` None: nobody double-checked a claim, so the filter stays away."""
        for status, b in self.count_buttons.items():
            b.setText(f"{GLYPH[status]} {status} {counts.get(status, 0)}")
        self.disagree_button.setText(f"≠ Disagreements {disagreements or 0}"
                                     + (f" · agreement {agreement}" if agreement else ""))
        self.disagree_button.setVisible(disagreements is not None)
        if disagreements is None and self.disagree_button.isChecked():
            self.set_disagreements_filter(False)

    def set_disagreements_filter(self, on: bool) -> None:
        self.disagree_button.setChecked(on)
        self.proxy.set_filter(disagreements_only=on)

    def set_choices(self, articles: list[tuple[str, str]], reviewers: list[str]) -> None:
        """Fill the article and reviewer filters, keeping the current choices when still there."""
        for combo, items, everything in (
            (self.article_filter, articles, "All articles"),
            (self.reviewer_filter, [(r, r) for r in reviewers], "All reviewers"),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for key, text in items:
                combo.addItem(text, key)
            at = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, at))
            combo.blockSignals(False)
        self._on_combo()

    def set_status_filter(self, status: ClaimStatus | None) -> None:
        for s, b in self.count_buttons.items():
            b.setChecked(s is status)
        self.proxy.set_filter(status=status)

    def _on_combo(self, *_: object) -> None:
        self.proxy.set_filter(article_id=self.article_filter.currentData(),
                              reviewer=self.reviewer_filter.currentData())

    def set_dark(self, dark: bool) -> None:
        self.model.set_dark(dark)

    # ------------------------------------------------------------------ selection
    def current_claim(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
                index.row(), QModelIndex()):
            return None
        return index.data(ClaimRole)

    def select_claim(self, claim_id: str | None, *, announce: bool = False) -> bool:
        """Select a claim's row (showing it if the filters hide it only when it was asked for);
        ``announce`` False selects without emitting ``claim_selected``."""
        self._quiet = True
        try:
            if claim_id is None:
                self.table.selectionModel().clearSelection()
                self.table.setCurrentIndex(QModelIndex())
                return True
            row = self.model.row_of(claim_id)
            if row < 0:
                return False
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():  # filtered out: lift the filters to show it
                self.set_status_filter(None)
                self.set_disagreements_filter(False)
                self.search.clear()
                self.article_filter.setCurrentIndex(0)
                self.reviewer_filter.setCurrentIndex(0)
                index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        finally:
            self._quiet = False
        if announce:  # even when the row was current already: go to the claim again
            self.claim_selected.emit(claim_id)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.claim_selected.emit(current.data(ClaimRole) if current.isValid() else None)

    def _on_clicked(self, index: QModelIndex) -> None:
        """A click on the current row again still goes to the claim (the pane may have moved)."""
        if index.isValid() and not self._quiet:
            self.claim_selected.emit(index.data(ClaimRole))
