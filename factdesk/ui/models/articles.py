"""The article list: outlet, title, date, passage and claim counts, a show/hide check box.

The model holds article ids and reads a snapshot; an edit is not applied here but handed to
``edit`` (the window's undoable command, which writes through ``Review.update_article``), and
the row changes only after the window reloads it from the committed review.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from factdesk.ui.presenter import ReviewSnapshot

Index = QModelIndex | QPersistentModelIndex
EditFn = Callable[[str, str, Any], bool]

COLUMNS = ("Outlet", "Date", "Passages", "Aligned", "Claims", "Title")
FIELDS = {0: "outlet", 5: "title", 1: "published"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ArticleTableModel(QAbstractTableModel):
    def __init__(self, edit: EditFn | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._snapshot: ReviewSnapshot | None = None
        self._ids: list[str] = []
        self._edit = edit

    # ------------------------------------------------------------------ data source
    def set_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        ids = [a.id for a in snapshot.articles] if snapshot else []
        if ids and ids == self._ids:
            # the same rows (an outlet renamed, a pane hidden): a reset here would destroy the
            # editor that is still committing the rename, and Qt warns "commitData called with
            # an editor that does not belong to this view"
            self._snapshot = snapshot
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._snapshot = snapshot
        self._ids = ids
        self.endResetModel()

    def article_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, article_id: str) -> int:
        return self._ids.index(article_id)

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in FIELDS and self._edit is not None:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        snap = self._snapshot
        if snap is None or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        aid = self._ids[index.row()]
        article = snap.article(aid)
        col = index.column()
        if role == Qt.ItemDataRole.EditRole and col == 0:
            return article.outlet  # edit the stored outlet, not the label shown
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:  # the pane's label: outlet, else file name; repeats numbered
                return snap.label(aid)
            if col == 1:
                return article.published or ""
            if col == 2:
                return len(snap.passages.get(aid, ()))
            if col == 3:
                return snap.aligned_count(aid)
            if col == 4:
                return "—"  # claims arrive with the claims issue
            if col == 5:
                return article.title
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Unchecked if aid in snap.hidden else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{snap.label(aid)}\n{article.title}\n{article.path}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return aid
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._edit is None or not index.isValid():
            return False
        aid = self._ids[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            hidden = Qt.CheckState(value) != Qt.CheckState.Checked
            return self._edit(aid, "hidden", hidden)
        if role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS:
            return False
        field = FIELDS[index.column()]
        text = str(value).strip()
        if field == "published":
            if text and not ISO_DATE.match(text):
                return False  # the date column takes YYYY-MM-DD or nothing
            return self._edit(aid, field, text or None)
        return self._edit(aid, field, text)
