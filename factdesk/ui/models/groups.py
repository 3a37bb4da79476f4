"""Alignment groups and conflicts as tables, for the details area's lists and for navigation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from factdesk.core.model import Conflict
from factdesk.ui.presenter import ReviewSnapshot

Index = QModelIndex | QPersistentModelIndex


class _SnapshotTable(QAbstractTableModel):
    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._snapshot: ReviewSnapshot | None = None
        self._ids: list[str] = []

    def set_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        self.beginResetModel()
        self._snapshot = snapshot
        self._ids = self._ids_of(snapshot) if snapshot else []
        self.endResetModel()

    def _ids_of(self, snapshot: ReviewSnapshot) -> list[str]:
        raise NotImplementedError

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, item_id: str) -> int:
        return self._ids.index(item_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        snap = self._snapshot
        if snap is None or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        item_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return item_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(snap, item_id, index.column())
        return None

    def _display(self, snap: ReviewSnapshot, item_id: str, column: int) -> Any:
        raise NotImplementedError


class GroupTableModel(_SnapshotTable):
    columns = ("#", "Outlets", "Conflicts", "First wording")

    def _ids_of(self, snapshot: ReviewSnapshot) -> list[str]:
        return [g.id for g in snapshot.groups]

    def _display(self, snap: ReviewSnapshot, item_id: str, column: int) -> Any:
        group = snap.group(item_id)
        if group is None:
            return None
        if column == 0:
            return snap.group_number[item_id]
        if column == 1:
            return len({snap.passage_by_id[p].article_id for p in group.passage_ids
                        if p in snap.passage_by_id})
        if column == 2:
            return len(snap.conflicts_of_group.get(item_id, ()))
        first = snap.passage_by_id.get(group.passage_ids[0]) if group.passage_ids else None
        return first.text[:120] if first else ""


class ConflictTableModel(_SnapshotTable):
    """One row per disagreement: each side's differing words and the outlets that print them
    ("very good": ANI | "reasonably good": Daily Beast, ABC, Reuters), so rows can be told
    apart at a glance; a third version or more is listed after the second."""

    columns = ("Group", "Kind", "Side", "Other side", "Severity", "Detail")

    def _ids_of(self, snapshot: ReviewSnapshot) -> list[str]:
        return [c.id for c in snapshot.ordered_conflicts()]

    def _display(self, snap: ReviewSnapshot, item_id: str, column: int) -> Any:
        c = snap.conflict(item_id)
        if c is None:
            return None
        if column == 0:  # blank for a conflict between passages in no group
            gid = snap.conflict_group(c)
            return snap.group_number[gid] if gid else None
        if column in (2, 3):
            sides = [_side_text(snap, c, i) for i in range(len(c.side_ids))]
            return sides[0] if column == 2 else " | ".join(sides[1:])
        return (str(c.kind).replace("_", " "), "", "", c.severity, c.detail)[column - 1]


def _side_text(snap: ReviewSnapshot, c: Conflict, side: int) -> str:
    """ "very good": ANI — a side's differing words, then its outlets (each once)."""
    outlets = ", ".join(dict.fromkeys(snap.label(snap.passage_by_id[pid].article_id)
                                      for pid in c.side_ids[side] if pid in snap.passage_by_id))
    words = c.side_phrase(side)
    return f"“{words}”: {outlets}" if words else outlets
