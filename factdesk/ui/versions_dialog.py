"""Versions of a web article side by side: what the page said then and now, word by word.

The older version is on the left with the words the newer one dropped struck through in red,
the newer on the right with the words it added underlined in green (colour is never the only
cue: struck through / underlined). Below, the claims flagged "edited after publication", each
with its old and new wording and a button to dismiss the flag once seen. The diff itself is
computed in the worker (``jobs.compare_versions``); this dialog only lays it out.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from factdesk.core.model import ClaimChange, DiffKind, DiffSpan, describe_change
from factdesk.ui.jobs import VersionPair

REMOVED_STYLE = "color:#b00020;text-decoration:line-through;background:rgba(176,0,32,0.12)"
ADDED_STYLE = "color:#1b7f2a;text-decoration:underline;background:rgba(27,127,42,0.14)"


def side_html(spans: Sequence[DiffSpan], side: str) -> str:
    """One side of the diff as HTML: "old" shows equal + deleted runs, "new" equal + inserted.
    Every run is escaped; paragraphs (blank lines) become <p>."""
    skip = DiffKind.INSERT if side == "old" else DiffKind.DELETE
    mark = DiffKind.DELETE if side == "old" else DiffKind.INSERT
    style = REMOVED_STYLE if side == "old" else ADDED_STYLE
    parts = []
    first = True
    for span in spans:
        if span.kind is skip:
            continue
        text = html.escape(span.text).replace("\n\n", "</p><p>").replace("\n", "<br>")
        if span.kind is mark:
            marked = f'<span style="{style}">{text}</span>'
            parts.append(f'<a name="{FIRST_CHANGE}">{marked}</a>' if first else marked)
            first = False
        else:
            parts.append(text)
    return "<p>" + "".join(parts) + "</p>"


FIRST_CHANGE = "first-change"


def change_summary(spans: Sequence[DiffSpan]) -> str:
    removed = sum(len(s.text.split()) for s in spans if s.kind is DiffKind.DELETE)
    added = sum(len(s.text.split()) for s in spans if s.kind is DiffKind.INSERT)
    def n(count: int) -> str:
        return f"{count} word{'' if count == 1 else 's'}"

    return f"{n(removed)} removed, {n(added)} added"


class VersionsDialog(QDialog):
    """Non-modal: the reviewer keeps working in the panes while comparing."""

    def __init__(self, pair: VersionPair, title: str, changes: Sequence[ClaimChange],
                 pick: Callable[[int, int], None], dismiss: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Versions — {title}")
        self.resize(1100, 700)
        self._pick = pick
        self._dismiss = dismiss
        self.old_box = QComboBox()
        self.new_box = QComboBox()
        for box in (self.old_box, self.new_box):
            for v in pair.versions:
                box.addItem(f"version {v} · {pair.captured.get(v, '')[:16].replace('T', ' ')}", v)
        self.old_box.setCurrentIndex(pair.versions.index(pair.old))
        self.new_box.setCurrentIndex(pair.versions.index(pair.new))
        self.old_box.currentIndexChanged.connect(self._chosen)
        self.new_box.currentIndexChanged.connect(self._chosen)
        self.summary = QLabel(change_summary(pair.spans))
        top = QHBoxLayout()
        top.addWidget(QLabel("Compare"))
        top.addWidget(self.old_box)
        top.addWidget(QLabel("with"))
        top.addWidget(self.new_box)
        top.addWidget(self.summary, 1)
        self.old_view = QTextBrowser()
        self.new_view = QTextBrowser()
        for view in (self.old_view, self.new_view):
            view.setOpenLinks(False)
        self.old_view.setHtml(side_html(pair.spans, "old"))
        self.new_view.setHtml(side_html(pair.spans, "new"))
        for view in (self.old_view, self.new_view):
            view.scrollToAnchor(FIRST_CHANGE)  # a long article opens at its first edit
        # scroll the two sides together, as the panes follow one another
        self.old_view.verticalScrollBar().valueChanged.connect(
            lambda v: self._follow(self.old_view, self.new_view))
        self.new_view.verticalScrollBar().valueChanged.connect(
            lambda v: self._follow(self.new_view, self.old_view))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.old_view)
        splitter.addWidget(self.new_view)
        self.changes = QListWidget()
        self.changes.setWordWrap(True)
        self.changes.setMaximumHeight(110)  # the texts above get the room
        for change in changes:
            item = QListWidgetItem(_describe(change))
            item.setData(Qt.ItemDataRole.UserRole, change.id)
            self.changes.addItem(item)
        self.dismiss_button = QPushButton("Dismiss flag")
        self.dismiss_button.setToolTip("The reviewer has seen this edit: hide the flag")
        self.dismiss_button.clicked.connect(self._dismiss_current)
        self.dismiss_button.setEnabled(bool(changes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 3)
        if changes:
            layout.addWidget(QLabel("Claims edited after publication:"))
            layout.addWidget(self.changes)
            layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self._syncing = False

    def _follow(self, source: QTextBrowser, target: QTextBrowser) -> None:
        if self._syncing:
            return
        self._syncing = True
        bar, other = source.verticalScrollBar(), target.verticalScrollBar()
        share = bar.value() / max(1, bar.maximum())
        other.setValue(round(share * other.maximum()))
        self._syncing = False

    def _chosen(self) -> None:
        old, new = self.old_box.currentData(), self.new_box.currentData()
        if old is not None and new is not None:
            self._pick(int(old), int(new))

    def _dismiss_current(self) -> None:
        item = self.changes.currentItem() or self.changes.item(0)
        if item is None:
            return
        self._dismiss(int(item.data(Qt.ItemDataRole.UserRole)))
        self.changes.takeItem(self.changes.row(item))
        self.dismiss_button.setEnabled(self.changes.count() > 0)


def _describe(change: ClaimChange) -> str:
    return f"{change.claim_id}: {describe_change(change)}"
