"""The article list: outlet, title, date, passage and claim counts, a show/hide check box.

The model holds article ids and reads a snapshot; an edit is not applied here but handed to
``edit`` (the window's undoable command, which writes through ``Review.update_article``), and
the row changes only after the window reloads it from the committed review.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from factdesk.ui.presenter import ReviewSnapshot

Index = QModelIndex | QPersistentModelIndex
EditFn = Callable[[str, str, Any], bool]

COLUMNS = ("Outlet", "Date", "Passages", "Aligned", "Claims", "Title")
FIELDS = {0: "outlet", 5: "title", 1: "published"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: the roles ``data`` answers (as ints: a role arrives as one); a view asks ~10 per cell
_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.UserRole))
_DISPLAY = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole))


class _Row(NamedTuple):
    """What a row shows, worked out once per snapshot (the table sizes its columns from
    every row's contents, ~3,200 ``data()`` calls for 50 articles)."""

    label: str
    outlet: str
    published: str
    passages: int
    aligned: int
    title: str
    hidden: bool
    path: str


class ArticleTableModel(QAbstractTableModel):
    def __init__(self, edit: EditFn | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._snapshot: ReviewSnapshot | None = None
        self._ids: list[str] = []
        #: the rows' contents as the view was last given them, by row (see ``_row``)
        self._rows: dict[int, _Row] = {}
        self._edit = edit

    # ------------------------------------------------------------------ data source
    def set_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        ids = [a.id for a in snapshot.articles] if snapshot else []
        if ids and ids == self._ids:
            # the same rows (an outlet renamed, a pane hidden): a reset here would destroy the
            # editor that is still committing the rename, and Qt warns "commitData called with
            # an editor that does not belong to this view"
            same = snapshot is self._snapshot  # edited in place: what it showed is unknown
            shown, self._rows = self._rows, {}
            self._snapshot = snapshot
            # only rows whose contents changed are announced: each announcement has the
            # view size its columns from every row again (another review of the same
            # articles, 10,000 claims after 5,000: ~60 ms for nothing)
            # (a row the view never asked for is read from the new snapshot when it does)
            changed = list(range(len(ids))) if same else \
                [row for row, was in shown.items() if self._row(row) != was]
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0),
                                      self.index(max(changed), len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._snapshot = snapshot
        self._ids = ids
        self._rows = {}
        self.endResetModel()

    def _row(self, row: int) -> _Row:
        made = self._rows.get(row)
        if made is None:
            snap = self._snapshot
            assert snap is not None
            aid = self._ids[row]
            article = snap.article(aid)
            made = self._rows[row] = _Row(
                snap.label(aid), article.outlet, article.published or "",
                len(snap.passages.get(aid, ())), snap.aligned_count(aid), article.title,
                aid in snap.hidden, article.path)
        return made

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
        if role not in _ROLES or self._snapshot is None or not index.isValid() \
                or not 0 <= index.row() < len(self._ids):
            return None
        row = self._row(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.EditRole and col == 0:
            return row.outlet  # edit the stored outlet, not the label shown
        if role in _DISPLAY:
            # col 0: the pane's label (outlet, else file name; repeats numbered); col 4: the
            # claims arrive with the claims issue
            return (row.label, row.published, row.passages, row.aligned, "—",
                    row.title)[col] if 0 <= col < len(COLUMNS) else None
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Unchecked if row.hidden else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.label}\n{row.title}\n{row.path}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
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
