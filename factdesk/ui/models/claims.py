"""The claims table: a thin model over claim ids, and the proxy that filters and sorts it.

Like Anki's browser table, the model holds only ids; a row's cells are built from the claim the
first time a view asks for them and cached until that claim changes (``refresh``). Sorting is
done on the ids with one Python key per row (the proxy hands ``sort`` down to the model), since a
QSortFilterProxyModel comparing through ``data()`` costs a Python call per comparison and is too
slow for 10,000 claims. Filtering is the proxy's own C++ test on a role the model answers
(``AcceptRole``): with no filter set, Qt asks nothing per row (a ``filterAcceptsRow`` written in
Python was a call into Python per row on every reset, 10,000 of them when opening a review).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from factdesk.core.identity import display_name
from factdesk.core.model import Claim, ClaimStatus, Decision
from factdesk.ui.claimbook import GLYPH
from factdesk.ui.palette import status_colour

Index = QModelIndex | QPersistentModelIndex
ClaimRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1
#: "1" for a row the claims filter lets through, "0" otherwise (see ``ClaimFilterProxy``)
AcceptRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Status", "Article", "Quote", "Ev.", "Reviewer", "Updated")
STATUS, ARTICLE, QUOTE, EVIDENCE, REVIEWER, UPDATED = range(len(COLUMNS))
_STATUS_RANK = {ClaimStatus.UNREVIEWED: 0, ClaimStatus.CONFLICTING: 1,
                ClaimStatus.UNSOURCED: 2, ClaimStatus.CONFIRMED: 3}


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One row's cells, built once per claim version."""

    claim_id: str
    status: ClaimStatus
    article_id: str
    article: str
    quote: str
    evidence: int
    contradicting: int
    reviewer: str
    updated: str  # ISO, sorts as text
    orphaned: bool
    edited: str = ""  # "edited after publication": how its words changed in a later version
    disagreement: bool = False  # reviewers gave different verdicts, nobody settled it
    settled: bool = False  # an editor settled it
    reviewers: tuple[str, ...] = ()  # everyone with a decision on it (the reviewer filter)

    def display(self, column: int) -> str | int:
        if column == STATUS:
            return str(self.status)  # the icon carries the glyph
        if column == ARTICLE:
            return self.article
        if column == QUOTE:
            return (("⚠ orphan · " if self.orphaned else "")
                    + ("≠ " if self.disagreement else "")  # the tooltip says it in words
                    + ("⚖ " if self.settled else "")
                    + ("✎ edited at source · " if self.edited else "") + self.quote)
        if column == EVIDENCE:
            return self.evidence
        if column == REVIEWER:
            return self.reviewer
        return _short_time(self.updated)

    def sort_key(self, column: int) -> Any:
        if column == STATUS:
            return _STATUS_RANK[self.status]
        if column == QUOTE:
            return self.quote.casefold()
        if column == EVIDENCE:
            return self.evidence
        if column == UPDATED:
            return self.updated
        return str(self.display(column)).casefold()


def _short_time(iso: str) -> str:
    """"12-03 14:05" from an ISO time stamp (UTC, as stored; the tooltip has it whole)."""
    return iso[5:16].replace("T", " ") if iso else ""


def make_row(claim: Claim, label: Callable[[str], str], edited: str = "",
             decisions: Sequence[Decision] = ()) -> ClaimRow:
    quote = " ".join(claim.anchor.quote.split())
    verdicts = {d.status for d in decisions if d.status is not ClaimStatus.UNREVIEWED}
    return ClaimRow(claim.id, claim.status, claim.anchor.article_id,
                    label(claim.anchor.article_id), quote[:200], len(claim.evidence),
                    sum(1 for e in claim.evidence if e.relation == "contradicts"),
                    display_name(claim.reviewer), claim.updated_at, claim.orphaned, edited,
                    len(verdicts) > 1 and not claim.settled, claim.settled,
                    tuple(sorted({display_name(d.reviewer) for d in decisions})))


class ClaimTableModel(QAbstractTableModel):
    """Rows are claim ids; ``lookup`` gives the claim for an id (the window's claim book)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._row_of: dict[str, int] | None = None
        self._cache: dict[str, ClaimRow] = {}
        self._lookup: Callable[[str], Claim | None] = lambda _id: None
        self._label: Callable[[str], str] = lambda aid: aid
        self._edited: Callable[[str], str] = lambda _id: ""
        self._decisions: Callable[[str], Sequence[Decision]] = lambda _id: ()
        self._icons: dict[tuple[ClaimStatus, bool], QIcon] = {}
        self._dark = False
        #: the claims filter's test of a row, set by the one ClaimFilterProxy over this model
        #: (None: no filter, and Qt does not ask)
        self.accepts: Callable[[ClaimRow], bool] | None = None

    # ------------------------------------------------------------------ content
    def set_claims(self, ids: list[str], lookup: Callable[[str], Claim | None],
                   label: Callable[[str], str],
                   edited: Callable[[str], str] = lambda _id: "",
                   decisions: Callable[[str], Sequence[Decision]] = lambda _id: ()) -> None:
        """``edited``: for a claim id, how its words were edited at the source ("" if not);
        ``decisions``: each reviewer's own decision on it."""
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = None
        self._cache.clear()
        self._lookup, self._label, self._edited = lookup, label, edited
        self._decisions = decisions
        self.endResetModel()

    def set_dark(self, dark: bool) -> None:
        if dark == self._dark:  # every opening asks: a change of every row's icon is not free
            return
        self._dark = dark
        if self._ids:
            self.dataChanged.emit(self.index(0, STATUS), self.index(len(self._ids) - 1, STATUS),
                                  [Qt.ItemDataRole.DecorationRole])

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, claim_id: str) -> int:
        if self._row_of is None:
            self._row_of = {cid: n for n, cid in enumerate(self._ids)}
        return self._row_of.get(claim_id, -1)

    def row(self, claim_id: str) -> ClaimRow | None:
        """The cells of one claim, built on first use."""
        cached = self._cache.get(claim_id)
        if cached is None:
            claim = self._lookup(claim_id)
            if claim is None:
                return None
            cached = self._cache[claim_id] = make_row(claim, self._label,
                                                      self._edited(claim_id),
                                                      self._decisions(claim_id))
        return cached

    def refresh(self, claim_id: str) -> None:
        """A claim changed in the file: rebuild its row the next time it is shown."""
        self._cache.pop(claim_id, None)
        row = self.row_of(claim_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def insert(self, claim_id: str, position: int) -> None:
        position = max(0, min(position, len(self._ids)))
        self.beginInsertRows(QModelIndex(), position, position)
        self._ids.insert(position, claim_id)
        self._row_of = None
        self.endInsertRows()

    def remove(self, claim_id: str) -> None:
        row = self.row_of(claim_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._row_of = None
        self._cache.pop(claim_id, None)
        self.endRemoveRows()

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == EVIDENCE:
                return "Evidence: passages linked as supporting or contradicting"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        claim_id = self._ids[index.row()]
        if role == ClaimRole:
            return claim_id
        row = self.row(claim_id)
        if role == AcceptRole:
            return "1" if row is not None and (self.accepts is None or self.accepts(row)) \
                else "0"
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display(column)
        if role == SortRole:
            return row.sort_key(column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return self._icon(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == QUOTE:
                return ("This claim's quote was not found again in its article's text "
                        "(orphan); it is kept as it was.\n\n" if row.orphaned else "") + (
                        "≠ The reviewers disagree on this claim; an editor settles it.\n\n"
                        if row.disagreement else "") + (
                        "⚖ An editor settled this claim.\n\n" if row.settled else "") + (
                        f"Edited after publication: {row.edited}\n\n" if row.edited else ""
                        ) + row.quote
            if column == UPDATED:
                return f"{row.updated[:19].replace('T', ' ')} UTC"
            if column == STATUS:
                return f"{GLYPH[row.status]} {row.status}"
            if column == EVIDENCE and row.evidence:
                return (f"{row.evidence - row.contradicting} supporting, "
                        f"{row.contradicting} contradicting")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == EVIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _icon(self, status: ClaimStatus) -> QIcon:
        key = (status, self._dark)
        if key not in self._icons:
            self._icons[key] = status_icon(status, self._dark)
        return self._icons[key]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._ids[i.row()] for i in old_persistent]
        rows = {cid: self.row(cid) for cid in self._ids}
        self._ids.sort(key=lambda cid: (rows[cid].sort_key(column), cid) if rows[cid]  # type: ignore[union-attr]
                       else ("", cid), reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = None
        self.changePersistentIndexList(
            old_persistent,
            [self.index(self.row_of(cid), i.column()) for cid, i in zip(old_ids, old_persistent,
                                                                       strict=True)])
        self.layoutChanged.emit()


def status_icon(status: ClaimStatus, dark: bool, size: int = 16) -> QIcon:
    """A filled disc in the status colour with the status glyph: readable without colour."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = status_colour(status, dark)
    if status is ClaimStatus.UNREVIEWED:
        p.setPen(colour)
        p.setBrush(Qt.BrushStyle.NoBrush)
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
    p.drawEllipse(1, 1, size - 2, size - 2)
    if status is not ClaimStatus.UNREVIEWED:
        font = p.font()
        font.setBold(True)
        font.setPixelSize(size - 5)
        p.setFont(font)
        p.setPen(QColor("#ffffff") if not dark else QColor("#111111"))
        p.drawText(pix.rect(), int(Qt.AlignmentFlag.AlignCenter), GLYPH[status])
    p.end()
    return QIcon(pix)


class ClaimFilterProxy(QSortFilterProxyModel):
    """Filters by status, article, reviewer and a search text; sorting goes to the model.

    The test of a row lives here (``accepts``) but Qt's own filter applies it, through the
    model's ``AcceptRole`` and a fixed pattern: no filter set, no pattern, and Qt lets every
    row through without asking Python (this class does not override ``filterAcceptsRow``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: ClaimStatus | None = None
        self.article_id: str | None = None
        self.reviewer: str | None = None
        self.orphans_only = False
        self.disagreements_only = False
        self.search = ""
        self.setFilterRole(AcceptRole)
        self.setFilterKeyColumn(0)

    def setSourceModel(self, model: Any) -> None:  # noqa: N802
        super().setSourceModel(model)
        self._hand_test()

    def set_filter(self, **values: Any) -> None:
        if "search" in values:
            values["search"] = str(values["search"]).casefold().strip()
        if all(getattr(self, key) == value for key, value in values.items()):
            return  # refilling the choices after every edit re-filtered 10,000 rows for nothing
        if self.active() and self.active(**values):
            # the test changes while Qt filters with it: the rows are filtered again
            self.beginFilterChange()
            for key, value in values.items():
                setattr(self, key, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            return
        for key, value in values.items():
            setattr(self, key, value)
        self._hand_test()  # switched on or off: the pattern set or cleared re-filters

    def _hand_test(self) -> None:
        """Give the model this filter's test, and Qt the pattern that applies it (or none)."""
        active = self.active()
        model = self.sourceModel()
        if isinstance(model, ClaimTableModel):
            model.accepts = self.accepts if active else None
        pattern = "^1$" if active else ""
        if self.filterRegularExpression().pattern() != pattern:
            self.setFilterRegularExpression(pattern)

    def active(self, **values: Any) -> bool:
        """Whether any filter is set (with ``values``: would be, once they are set)."""
        def get(key: str) -> Any:
            return values[key] if key in values else getattr(self, key)

        return bool(get("status") is not None or get("article_id") is not None
                    or get("reviewer") is not None or get("orphans_only") or get("search")
                    or get("disagreements_only"))

    def accepts(self, row: ClaimRow) -> bool:
        """Whether a claim's row passes the filters."""
        if self.status is not None and row.status is not self.status:
            return False
        if self.article_id is not None and row.article_id != self.article_id:
            return False
        if self.reviewer is not None and row.reviewer != self.reviewer \
                and self.reviewer not in row.reviewers:
            return False
        if self.disagreements_only and not row.disagreement:
            return False
        if self.orphans_only and not row.orphaned:
            return False
        return not self.search or self.search in row.quote.casefold() \
            or self.search in row.article.casefold() or self.search in row.reviewer.casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
