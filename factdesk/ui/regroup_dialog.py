"""Align with…: choose the group (or lone passage) a passage belongs with, by keyboard.

The options come ranked from the core (``core/align/regroup.py``): the likely places first. Typing
filters them by words, outlet or group number; Up/Down move through the list while the filter
keeps the focus; Enter chooses.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factdesk.ui.palette import group_colours
from factdesk.ui.presenter import ReviewSnapshot, describe_option

if TYPE_CHECKING:
    from factdesk.core.align.regroup import MatchOption

#: longest passage text shown in one row
ROW_CHARS = 240
OPTION_ROLE = Qt.ItemDataRole.UserRole
#: what the filter searches: the headline and the whole passage, not the elided row
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


def _elide(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class AlignWithDialog(QDialog):
    """The places a passage can go, likely first; :meth:`chosen` is the one picked."""

    def __init__(self, snapshot: ReviewSnapshot, passage_id: str,
                 options: Sequence[MatchOption], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Align passage with…")
        passage = snapshot.passage_by_id[passage_id]
        heading = QLabel(f"<b>{html.escape(snapshot.label(passage.article_id))}</b>: "
                         f"“{html.escape(_elide(passage.text, 220))}”")
        heading.setWordWrap(True)
        now_in = [str(snapshot.group_number[g])
                  for g in snapshot.groups_of_passage.get(passage_id, ())]
        leaves = (f" It leaves group {' and '.join(now_in)}." if now_in else "")
        hint = QLabel("Most likely first. Type to filter (words, outlet, group number); "
                      f"Enter puts the passage there.{leaves} Undo takes it back.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda _item: self.accept())
        colours = group_colours(self.palette())
        for option in options:
            number, headline, text = describe_option(snapshot, option)
            likely = f"   match {option.score:.2f}" if option.score >= 0.05 else ""
            item = QListWidgetItem(f"{headline}{likely}\n{_elide(text, ROW_CHARS)}")
            item.setData(OPTION_ROLE, option)
            item.setData(SEARCH_ROLE, f"{headline} {text}".casefold())
            item.setIcon(_swatch(colours.edge(number) if number else None))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Align")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self.filter.setFocus()

    def chosen(self) -> MatchOption | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(OPTION_ROLE)

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = item.data(SEARCH_ROLE)
            hidden = not all(w in haystack for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first)
        self.ok.setEnabled(first is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up/Down/Page keys typed in the filter move through the list."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                               Qt.Key.Key_PageDown):
                self.list.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)


def _swatch(colour: QColor | None) -> QIcon:
    """The group's colour; an empty outlined square for a group yet to be made."""
    pix = QPixmap(12, 12)
    if colour is not None:
        pix.fill(colour)
    else:
        pix.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pix)
        painter.setPen(QColor(128, 128, 128))
        painter.drawRect(0, 0, 11, 11)
        painter.end()
    return QIcon(pix)
