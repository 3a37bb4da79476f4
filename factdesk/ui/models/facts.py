"""The Facts view: the story at a glance, one row per aligned fact, one column per source.

A thin model over :func:`factdesk.core.check.factsheet.fact_sheet` that sorts itself on
``SORT_ROLE``'s values (the header of "Sources", "Conflicts" or "First" sorts by how many
independent sources carry a fact, by its disagreements, or by who reported it first). It was
behind a ``QSortFilterProxyModel``: the proxy asked Python for a value per comparison, ~17,000
``data()`` calls to sort 895 facts, most of the 214 ms the window stalled when a 300-article
sheet came in; a Python sort of the rows' keys is ~1 ms.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from factdesk.core.check.factsheet import CellState, FactCell, FactRow, FactSheet, fact_sheet
from factdesk.core.progress import Cancelled, CancelToken
from factdesk.ui import idlegate
from factdesk.ui.panes.turn import turn
from factdesk.ui.presenter import ReviewSnapshot
from factdesk.ui.workers import TaskRunner

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: the roles ``data`` answers (as ints: a role arrives as one)
_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, SORT_ROLE,
                                    Qt.ItemDataRole.ToolTipRole,
                                    Qt.ItemDataRole.TextAlignmentRole))
_HEADER_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole,
                                           Qt.ItemDataRole.ToolTipRole))
#: the fixed columns before one column per source
FIXED = ("#", "Fact", "Sources", "Conflicts", "First")
#: rows handed to the view at each ``fetchMore``: a sheet comes in with none, and the view
#: asks for rows (at its next turn of the event loop) until it is filled or scrolled to its
#: end. The view's reset with every row sized its columns from the rows' contents and set up
#: ~300 source columns, 80-170 ms of GUI-thread CPU with 689 facts, in one turn
ROWS_AT_ONCE = 24
#: turns of the event loop a computed sheet waits for one it can start (see ``_compute``)
SHOW_TRIES = 50


class FactTableModel(QAbstractTableModel):
    """The fact sheet of the review shown, computed off the GUI thread and only when wanted.

    Computing a sheet takes ~0.45 s for 300 articles (the window's longest stall on opening
    such a review when it ran here), and most of the time its tab is not even shown. So
    ``set_snapshot`` only takes a copy of the inputs; the sheet is computed in a worker thread
    when the Facts tab is shown (``set_wanted``) and kept until the next snapshot (an analysis,
    an edit). Until it arrives the table is empty (``computing`` is True), never another
    review's facts. ``ready`` is emitted when a sheet is in.
    """

    ready = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sheet = FactSheet((), ())
        self._order: list[int] = []  # shown row -> row of the sheet, in the sort order
        self._rows = 0  # the rows given to the view so far (see fetchMore)
        self._columns = len(FIXED)
        self._sort: tuple[int, Qt.SortOrder] | None = None  # the view's column and order
        self.wanted = False
        self.computing = False
        self._inputs: tuple[Any, ...] | None = None  # the last snapshot's, not yet computed
        self._generation = 0
        self._runner: TaskRunner | None = None
        self._held = False  # another review is being opened (see hold)
        self._token: CancelToken | None = None  # the sheet being computed

    def set_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        self._generation += 1
        self._held = False
        # copies: the snapshot may be edited in place (an article's date) while a worker reads
        self._inputs = None if snapshot is None else (
            [a for a in snapshot.articles if a.id not in snapshot.hidden],
            dict(snapshot.passage_by_id), tuple(snapshot.groups), tuple(snapshot.conflicts),
            tuple(snapshot.dependences))
        self._show(FactSheet((), ()))
        if self.wanted:
            self._compute()

    def set_wanted(self, wanted: bool) -> None:
        """The Facts tab is shown (True) or not: a pending sheet is computed when it is."""
        self.wanted = wanted
        if wanted:
            self._compute()

    def hold(self) -> None:
        """The window is reading another review, whose snapshot will replace this one: the
        sheet being computed is stopped, and none starts until then. A sheet nobody will
        read took the interpreter in turns with the reading (two workers handing the GIL to
        each other left the GUI thread waiting up to ~200 ms; benchmarks/README.md)."""
        self._held = True
        if self._token is not None:
            self._token.cancel()

    def release(self) -> None:
        """The reading ended without a new snapshot (it failed): the shown review's sheet is
        computed again if the tab is shown."""
        self._held = False
        if self.wanted:
            self._compute()

    def _compute(self) -> None:
        if self._inputs is None or self.computing or self._held:
            return  # nothing new; or a sheet on its way, after which the newest is computed
        inputs, generation = self._inputs, self._generation
        self._inputs = None
        self.computing = True
        token = self._token = CancelToken()
        if self._runner is None:
            self._runner = TaskRunner(self)

        def done(sheet: FactSheet, tries: int = 0) -> None:
            if generation != self._generation:
                self.computing = False
                if self.wanted:
                    self._compute()  # a newer snapshot came meanwhile
            elif not (turn.fresh() or tries >= SHOW_TRIES and turn.has_time()):
                # the table's reset, layout and first rows (~25-35 ms of GUI-thread CPU for
                # 300 sources, in Qt and data()) start a turn of the event loop of their own
                # when one comes within SHOW_TRIES turns (a big review's panes are being
                # made: a slice of them and the table's first paint were one 50-60 ms stall)
                QTimer.singleShot(0, lambda: done(sheet, tries + 1))
            else:
                self.computing = False
                self._show(sheet)
                turn.spend()  # and no other slice after them in this turn
                self.ready.emit()

        def failed(exc: BaseException) -> None:
            self.computing = False
            if not isinstance(exc, Cancelled):
                log.warning("the fact sheet could not be computed", exc_info=exc)
            elif generation == self._generation and self._inputs is None:
                self._inputs = inputs  # held: computed again if this review stays
            if self.wanted:
                self._compute()

        def pause() -> None:  # between facts: stop if held, give way to the GUI thread
            token.raise_if_cancelled()
            idlegate.pause()

        # the worker computes while the GUI thread sleeps (see ui/idlegate): a 300-article sheet
        # is ~0.2-0.3 s of Python, made while the same review's panes are being made
        self._runner.run_task(
            lambda progress, cancel: fact_sheet(*inputs, pause=pause), done, failed,
            cancel=token)

    def wait(self, msecs: int = 10000) -> bool:
        """Block until a sheet being computed is done (closing the window, tests)."""
        return self._runner is None or self._runner.wait(msecs)

    def _show(self, sheet: FactSheet) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self._order = self._sorted()
        self._rows = 0  # the view asks for them: see canFetchMore
        self._columns = len(FIXED) + len(sheet.columns)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        """Whether facts are left that the view has not been given yet."""
        return not parent.isValid() and self._rows < len(self.sheet.rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        """The next ``ROWS_AT_ONCE`` facts, in the sort order (the view scrolled near its
        end, or code that wants every row: ``fetch_all``)."""
        if parent.isValid():
            return
        self._fetch(min(len(self.sheet.rows), self._rows + ROWS_AT_ONCE))

    def fetch_all(self) -> None:
        """Give the view every fact of the sheet now."""
        self._fetch(len(self.sheet.rows))

    def _fetch(self, rows: int) -> None:
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()

    @property
    def facts(self) -> int:
        """How many facts the sheet has (the view may have been given fewer so far)."""
        return len(self.sheet.rows)

    def _sorted(self) -> list[int]:
        """The sheet's rows in the view's sort order (stable, as the proxy sorted)."""
        rows = range(len(self.sheet.rows))
        if self._sort is None or not 0 <= self._sort[0] < self.columnCount():
            return list(rows)
        column, order = self._sort
        return sorted(rows, key=lambda r: self._sort_key(r, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def _sort_key(self, sheet_row: int, column: int) -> Any:
        row = self.sheet.rows[sheet_row]
        n = column - len(FIXED)
        if n >= 0:
            return ("states", "disagrees", "omits").index(row.cells[n].state.value)
        if column == 4:  # undated facts sort after dated ones
            return row.first or "9999"
        return (row.number, row.label, row.sources, row.conflicts)[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column (the view calls this when a header is clicked); the
        selection and current cell follow their rows."""
        self._sort = (column, order)
        order_before = self._order
        self._order = self._sorted()
        where = {sheet_row: shown for shown, sheet_row in enumerate(self._order)}
        # rows the view holds (a selected fact, the current cell) keep their place in it: the
        # view is given the rows down to the lowest place they sort to first (as rows of the
        # order before, so that what it holds does not change under it)
        held = [where[order_before[i.row()]] for i in self.persistentIndexList()
                if i.row() < len(order_before)]
        if held and max(held) >= self._rows:
            self._order, sorted_order = order_before, self._order
            self._fetch(max(held) + 1)
            self._order = sorted_order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        sheet_rows = [order_before[i.row()] for i in old]
        self.changePersistentIndexList(
            old, [self.index(where[r], i.column()) for r, i in zip(sheet_rows, old, strict=True)])
        self.layoutChanged.emit()

    def row_at(self, row: int) -> FactRow:
        """The fact shown at a row of the table (in its sort order)."""
        return self.sheet.rows[self._order[row]]

    def cell_at(self, row: int, column: int) -> FactCell | None:
        """The source cell at a model index, None for the fixed columns."""
        n = column - len(FIXED)
        return self.row_at(row).cells[n] if 0 <= n < len(self.sheet.columns) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _HEADER_ROLES or orientation != Qt.Orientation.Horizontal \
                or not 0 <= section < self._columns:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED):
                return FIXED[section]
            return self.sheet.columns[section - len(FIXED)].label
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = ("The fact's group number in the panes", "The fact in its first source's words",
                    "Independent sources that carry it (wire reprints count once)",
                    "Disagreements about it", "Earliest publication date among its sources")
            if section < len(FIXED):
                return tips[section]
            col = self.sheet.columns[section - len(FIXED)]
            return f"{col.label} ({len(col.article_ids)} articles of one origin)" \
                if len(col.article_ids) > 1 else col.label
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a view asks for ~10 roles per cell it paints or sizes: the rest are answered first
        if role not in _ROLES or not index.isValid() \
                or not 0 <= index.row() < self._rows:
            return None
        row = self.row_at(index.row())
        column = index.column()
        cell = self.cell_at(index.row(), column)
        if cell is None:
            values = (row.number, row.label, row.sources, row.conflicts, row.first or "")
            if role == Qt.ItemDataRole.DisplayRole:
                return values[column]
            if role == SORT_ROLE:  # undated facts sort after dated ones
                return "9999" if column == 4 and not row.first else values[column]
            if role == Qt.ItemDataRole.ToolTipRole and column == 1:
                return row.label
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.state is CellState.DISAGREES and cell.words:
                return f"{cell.glyph} {' · '.join(cell.words)}"
            return cell.glyph
        if role == SORT_ROLE:
            return ("states", "disagrees", "omits").index(cell.state.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.state is CellState.OMITS:
                return "This source does not report the fact."
            head = "Disagrees: " + " · ".join(cell.words) + "\n\n" \
                if cell.state is CellState.DISAGREES else ""
            return head + cell.wording
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.state is not CellState.DISAGREES:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
