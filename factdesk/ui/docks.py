"""The docks around the panes: articles (left), details (bottom), claims (right)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QTableView,
    QTabWidget,
)

from factdesk.ui.claims_panel import ClaimsPanel
from factdesk.ui.details import DetailsPanel

if TYPE_CHECKING:
    from factdesk.ui.models import (
        ArticleTableModel,
        ClaimTableModel,
        ConflictTableModel,
        GroupTableModel,
    )
    from factdesk.ui.models.facts import FactTableModel
    from factdesk.ui.presenter import ReviewSnapshot
    from factdesk.ui.reviewview import ReviewView


class DockHost(Protocol):
    """What the docks need of the window they are built into (the main window is one): its
    item models, the panes' view and the snapshot shown. The docks never import the window."""

    articles_model: ArticleTableModel
    groups_model: GroupTableModel
    conflicts_model: ConflictTableModel
    facts_model: FactTableModel
    claims_model: ClaimTableModel
    view: ReviewView
    snapshot: ReviewSnapshot | None

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...
    def setCorner(self, corner: Qt.Corner, area: Qt.DockWidgetArea) -> None: ...
    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int],
                    orientation: Qt.Orientation) -> None: ...


#: the side docks' widths when shown (the panes take the rest; see MainWindow.fit_panes)
ARTICLES_WIDTH = 250
CLAIMS_WIDTH = 370


@dataclass
class Docks:
    articles: QDockWidget
    article_table: QTableView
    details_dock: QDockWidget
    details: DetailsPanel
    tabs: QTabWidget
    group_table: QTableView
    conflict_table: QTableView
    fact_table: QTableView
    claims: QDockWidget
    claims_panel: ClaimsPanel


def _table(model: object, stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # column widths from the rows in view and ~100 more, not from every row: a 300-article
    # review's 895 groups were all read (a data() call per cell) each time the table changed
    header.setResizeContentsPrecision(100)
    return table


def build_docks(window: DockHost) -> Docks:
    articles = QDockWidget("Articles", window)
    articles.setObjectName("articles-dock")
    article_table = _table(window.articles_model, 5)
    article_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
    article_table.setToolTip("Double-click outlet, title or date to edit; untick to hide a pane")
    # a long outlet name is cut at its end ("Lindenport Gaz…") rather than pushing the dates
    # and counts out of view; the whole name is in the pane header and the tooltip
    outlet_header = article_table.horizontalHeader()
    outlet_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    outlet_header.resizeSection(0, 132)
    article_table.setTextElideMode(Qt.TextElideMode.ElideRight)
    articles.setWidget(article_table)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, articles)

    def go_to_article(index: QModelIndex) -> None:
        pane = window.view.area.pane_for(window.articles_model.article_id(index.row()))
        if pane is not None and not pane.isHidden():
            window.view.area.ensure_pane_visible(pane)

    article_table.clicked.connect(go_to_article)

    details_dock = QDockWidget("Details", window)
    details_dock.setObjectName("details-dock")
    details = DetailsPanel()
    tabs = QTabWidget()
    tabs.addTab(details, "Wording")
    group_table = _table(window.groups_model, 3)
    conflict_table = _table(window.conflicts_model, 5)
    tabs.addTab(group_table, "Groups")
    tabs.addTab(conflict_table, "Conflicts")
    fact_table = _fact_table(window)
    tabs.addTab(fact_table, "Facts")
    # the fact sheet is computed (in a worker) only while its tab is the one shown
    tabs.currentChanged.connect(
        lambda _i: window.facts_model.set_wanted(tabs.currentWidget() is fact_table))
    details_dock.setWidget(tabs)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, details_dock)
    group_table.activated.connect(
        lambda i: window.view.select_group(window.groups_model.id_at(i.row())))
    group_table.clicked.connect(
        lambda i: window.view.select_group(window.groups_model.id_at(i.row())))

    def go_to_conflict(index: QModelIndex) -> None:
        snap = window.snapshot
        if snap is None:
            return
        window.view.select_conflict(window.conflicts_model.id_at(index.row()))

    conflict_table.clicked.connect(go_to_conflict)

    claims = QDockWidget("Claims", window)
    claims.setObjectName("claims-dock")
    claims_panel = ClaimsPanel(window.claims_model)
    claims.setWidget(claims_panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, claims)
    # the claims dock runs the full height: the details area sits under the panes only
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.resizeDocks([articles, claims], [ARTICLES_WIDTH, CLAIMS_WIDTH],
                       Qt.Orientation.Horizontal)
    window.resizeDocks([details_dock], [230], Qt.Orientation.Vertical)
    return Docks(articles, article_table, details_dock, details, tabs, group_table,
                 conflict_table, fact_table, claims, claims_panel)


def _fact_table(window: DockHost) -> QTableView:
    """The story at a glance (see ``models/facts.py``): sortable by clicking a header;
    selecting a source's cell selects its passage in its pane, the fact's number or wording
    the whole group."""
    from factdesk.ui.models.facts import FIXED

    table = _table(window.facts_model, 1)  # the model sorts itself (see models/facts.py)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSortingEnabled(True)
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the shared core first
    header = table.horizontalHeader()
    # one column per source: sized from their contents, 300 sources meant ~200,000 data() calls
    # (2.9 s on opening a 300-article review); the cells are short marks, a fixed width does
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(96)
    for column in range(len(FIXED)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(1, 320)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)

    def chosen(index: QModelIndex) -> None:
        if not index.isValid():
            return
        model = window.facts_model
        cell = model.cell_at(index.row(), index.column())
        if cell is not None and cell.passage_ids:
            window.view.select_passage(cell.passage_ids[0])
        elif index.column() < len(FIXED):
            window.view.select_group(model.row_at(index.row()).group_id)

    table.clicked.connect(chosen)
    table.activated.connect(chosen)
    return table
