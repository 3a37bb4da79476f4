"""Side docks that collapse to a strip when the panes need the room.

Five outlets at about 45 characters a line need nearly all of a 1920-pixel screen, so the
Articles and Claims docks give way: each collapses to a slim strip at the window's edge with
its name written upwards (like an IDE's tool-window bar); a click on the strip brings the dock
back. A dock the reader closes with its ✕ collapses to the same strip, so nothing is ever lost
from the window. :func:`plan_docks` decides which docks fit, without Qt, so it is tested on its
own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAction, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMainWindow, QToolBar, QWidget

STRIP_WIDTH = 26  # the strip (toolbar) a collapsed dock leaves at the window's edge


def plan_docks(window_width: int, panes_need: int, docks: Sequence[tuple[str, int]],
               slack: int = 8) -> set[str]:
    """Which docks to collapse so the panes get ``panes_need`` pixels.

    ``docks`` are (name, width) in the order they give way (the first collapses first). The
    fewest docks are collapsed; when even all collapsed is not enough, all collapse (the panes
    then scroll sideways rather than be squeezed below their minimum)."""
    collapsed: set[str] = set()
    for count in range(len(docks) + 1):
        collapsed = {name for name, _ in docks[:count]}
        shown = sum(width for name, width in docks if name not in collapsed)
        strips = STRIP_WIDTH * len(collapsed)
        if window_width - shown - strips - slack >= panes_need:
            return collapsed
    return collapsed


class StripButton(QAbstractButton):
    """A dock's name written bottom-to-top on a narrow button."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        return QSize(fm.height() + 8, fm.horizontalAdvance(self.text()) + 20)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        if self.underMouse() or self.isDown():
            p.fillRect(self.rect(), pal.color(pal.ColorRole.Midlight))
        p.setPen(pal.color(pal.ColorRole.Mid))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.setPen(pal.color(pal.ColorRole.ButtonText))
        p.translate(0, self.height())
        p.rotate(-90)
        p.drawText(QRectF(0, 0, self.height(), self.width()), Qt.AlignmentFlag.AlignCenter,
                   self.text())
        p.end()


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
            button = StripButton(dock.windowTitle())
            button.setToolTip(f"Show the {dock.windowTitle()} panel")
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
