"""Side docks that collapse to an icon strip when the panes need the room.

Five outlets at about 45 characters a line need nearly all of a 1920-pixel screen, so the
Articles and Claims docks give way (:mod:`factdesk.ui.room` plans when): each collapses to an
icon on a slim strip at the window's edge, like an IDE's tool-window bar; a click on the icon
brings the dock back. A dock the reader closes with its ✕ collapses to the same strip, so
nothing is ever lost from the window. The icons are the project's own SVGs in
``resources/icons`` (Qt's standard pixmaps have no "article list" or "claims" picture), drawn
in the theme's text colour, with a tooltip and an accessible name.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QToolButton, QWidget

from factdesk.ui.room import STRIP_WIDTH, plan_docks

__all__ = ["STRIP_WIDTH", "DockStrips", "StripButton", "plan_docks", "strip_icon"]

ICON_SIZE = 18
#: each dock's icon file in resources/icons, by the dock's object name
ICON_FILES = {"articles-dock": "dock-articles.svg", "claims-dock": "dock-claims.svg"}


def strip_icon(name: str, colour: QColor, size: int = ICON_SIZE) -> QIcon:
    """One of the strip icons drawn in ``colour`` (the SVGs are drawn in #000000, replaced
    here, so the icon follows a light or dark theme)."""
    data = (resources.files("factdesk.resources") / "icons" / name).read_text("utf-8")
    renderer = QSvgRenderer(QByteArray(data.replace("#000000", colour.name()).encode()))
    icon = QIcon()
    for scale in (1, 2):  # crisp on a high-DPI screen too
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon


class StripButton(QToolButton):
    """A collapsed dock on its strip: the dock's icon; its name in the tooltip and for screen
    readers."""

    def __init__(self, dock: QDockWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the file, not the dock: a palette change may reach the button after its dock is gone
        self._icon_file = ICON_FILES.get(dock.objectName())
        title = dock.windowTitle()
        self.setAutoRaise(True)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setFixedSize(QSize(STRIP_WIDTH - 2, STRIP_WIDTH + 2))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setText(title)
        self.setToolTip(f"{title}: show the panel again")
        self.setAccessibleName(f"Show the {title} panel")
        self.setAccessibleDescription(f"The {title} panel is collapsed to this strip to give "
                                      "the article panes room; click to show it")
        self.refresh_icon()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # View › Theme: light or dark icons
            self.refresh_icon()

    def refresh_icon(self) -> None:
        """Draw the icon in the current theme's text colour (again after a theme change)."""
        name = self._icon_file
        if name is not None:
            colour = self.palette().color(QPalette.ColorRole.ButtonText)
            self.setIcon(strip_icon(name, colour))
            self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        else:  # a dock without an icon of its own shows its name
            self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)


class DockStrips:
    """One strip per side; a dock that is hidden shows its button there."""

    def __init__(self, window: QMainWindow, docks: Sequence[QDockWidget]) -> None:
        self.window = window
        self.docks = list(docks)
        self.buttons: dict[QDockWidget, StripButton] = {}
        self._shown_by: dict[QDockWidget, tuple[QToolBar, QAction]] = {}
        self.bars: dict[Qt.DockWidgetArea, QToolBar] = {}
        for dock in self.docks:
            side = window.dockWidgetArea(dock)
            bar = self.bars.get(side)
            if bar is None:
                bar = QToolBar(f"{dock.windowTitle()} strip", window)
                bar.setObjectName(f"strip-{int(side.value)}")
                bar.setMovable(False)
                bar.setFloatable(False)
                bar.setOrientation(Qt.Orientation.Vertical)
                bar.toggleViewAction().setVisible(False)
                bar.setStyleSheet("QToolBar { padding: 0px; spacing: 2px; border: 0px; }")
                left = side == Qt.DockWidgetArea.LeftDockWidgetArea
                area = (Qt.ToolBarArea.LeftToolBarArea if left
                        else Qt.ToolBarArea.RightToolBarArea)
                window.addToolBar(area, bar)
                self.bars[side] = bar
            button = StripButton(dock)
            button.clicked.connect(lambda _=False, d=dock: self.expand(d))
            # a widget in a toolbar is shown and hidden through its action (Qt's rule)
            self._shown_by[dock] = (bar, bar.addWidget(button))
            self.buttons[dock] = button
            dock.visibilityChanged.connect(lambda _=False: self.update())
            # while the window is destroyed the docks still report; the strips are gone then
            bar.destroyed.connect(self._forget)
        self.update()

    def _forget(self) -> None:
        self._shown_by.clear()

    def expand(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        self.update()

    def update(self) -> None:
        shown: dict[QToolBar, bool] = {}
        for dock, (bar, action) in self._shown_by.items():
            # isHidden: hidden by the reader or by a collapse (a dock tabbed behind another is
            # not hidden, and has its tab to be reached by)
            try:
                action.setVisible(dock.isHidden())
            except RuntimeError:  # the window is being destroyed: its docks still report
                return
            shown[bar] = shown.get(bar, False) or dock.isHidden()
        for bar, visible in shown.items():
            bar.setVisible(visible)
