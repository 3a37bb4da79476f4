"""An article pane: a header (outlet and date), the text view, and an overview strip.

A pane can be narrowed to its overview strip (the ◂ in its header, or *Compare two*): it then
takes ``STRIP_WIDTH`` pixels and still shows where its aligned passages and conflicts lie, so
five to seven outlets fit while two are read wide.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from factdesk.core.model import Article
from factdesk.ui.panes.view import (
    DOCUMENT_MARGIN,
    MARGIN_WIDTH,
    TIGHT_DOCUMENT_MARGIN,
    PassageView,
)
from factdesk.ui.presenter import Marked, WebSource
from factdesk.ui.room import READABLE_CHARS

OVERVIEW_WIDTH = 14
STRIP_WIDTH = 22  # a narrowed pane: its overview strip and the button that widens it
MIN_PANE_WIDTH = 200
# English news prose, to measure an average character as readers meet it (the font's own
# average width counts capitals and digits as often as lower case)
_PROSE = ("The talks ended without a breakthrough, officials said on Wednesday, but both "
          "sides agreed to meet again next week in Geneva.")


def prose_char_width(font: QFont) -> float:
    return QFontMetricsF(font).horizontalAdvance(_PROSE) / len(_PROSE)


def pane_chrome(tight: bool = False) -> int:
    """A wide pane's pixels beside its text: the margin, the document's margins, the overview
    strip and a little for the frame."""
    document = TIGHT_DOCUMENT_MARGIN if tight else DOCUMENT_MARGIN
    return MARGIN_WIDTH + 2 * document + OVERVIEW_WIDTH + 4


def pane_font(font: QFont, tight: bool) -> QFont:
    """The text's font in a normal or a tight pane (see PassageView.set_tight)."""
    out = QFont(font)
    out.setStretch(QFont.Stretch.SemiCondensed if tight else QFont.Stretch.Unstretched)
    return out


def readable_pane_width(font: QFont, chars: int = READABLE_CHARS, tight: bool = False) -> int:
    """A pane's width for ``chars`` characters a line."""
    return math.ceil(chars * prose_char_width(pane_font(font, tight))) + pane_chrome(tight)


def header_text(article: Article, label: str = "") -> str:
    """"Outlet · Wed 3 Dec 2025": a weekday helps when outlets report a day apart."""
    when = ""
    if article.published:
        try:
            d = date.fromisoformat(article.published)
            when = f"{d:%a} {d.day} {d:%b %Y}"
        except ValueError:
            when = article.published
    outlet = label or article.outlet or "(no outlet)"
    return f"{outlet} · {when}" if when else outlet


class ArticlePane(QFrame):
    passage_activated = Signal(str, str)  # article id, passage id
    narrowed = Signal(str, bool)  # article id, narrowed by the reader (not by compare-two)
    warning_dismissed = Signal(str)  # article id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(MIN_PANE_WIDTH)
        # bounded, so that the splitter's summed maximum cannot overflow with hundreds of panes
        self.setMaximumWidth(4000)
        self.article_id = ""
        self.narrow = False
        self.header = ElidedLabel()
        self._pending: tuple[Article, list[Marked] | Callable[[], list[Marked]],
                             bool | None] | None = None
        #: what the header shows was made from (see set_article)
        self._heading: tuple[object, ...] | None = None
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.narrow_button = QToolButton()
        self.narrow_button.setAutoRaise(True)
        self.narrow_button.setFixedSize(QSize(STRIP_WIDTH - 2, 18))
        self.narrow_button.clicked.connect(
            lambda: self.narrowed.emit(self.article_id, not self.narrow))
        self.subtitle = ElidedLabel()
        self.subtitle.setEnabled(False)
        self.source = ElidedLabel()  # "example.org · captured 2026-12-03 09:12 UTC · version 2"
        self.source.setEnabled(False)
        self.source.hide()
        self.warning = WarningBar()
        self.warning.dismissed.connect(lambda: self.warning_dismissed.emit(self.article_id))
        self.view = PassageView()
        self.overview = OverviewStrip(self.view)
        # a narrowed pane names its outlet upwards above its overview, so seven strips are
        # told apart without hovering; a click on the name widens the pane
        self.strip_name = VerticalName()
        self.strip_name.clicked.connect(lambda: self.narrowed.emit(self.article_id, False))
        self.strip_name.hide()
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(2)
        side.addWidget(self.strip_name, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.overview, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.view, 1)
        body.addLayout(side)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(2)
        head.addWidget(self.header, 1)
        head.addWidget(self.narrow_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(head)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.source)
        layout.addWidget(self.warning)
        layout.addLayout(body, 1)
        self.view.passage_activated.connect(
            lambda pid: self.passage_activated.emit(self.article_id, pid))
        self.view.scrolled.connect(self.overview.update)

    def set_article(self, article: Article, marked: list[Marked] | Callable[[], list[Marked]],
                    label: str = "", hide_boilerplate: bool | None = None,
                    source: WebSource | None = None, *, fill: bool = True) -> None:
        """Head the pane with the article; its text goes in now, or with ``fill=False`` when
        the pane first comes into view (:meth:`fill`). ``marked`` may be a function, so that
        a pane never shown never computes its marks."""
        self.article_id = article.id
        heading = (article.id, article.outlet, article.published, article.path, article.title,
                   article.warning, label, source)
        if heading != self._heading:
            # a pane given the same article again (a review reloaded after an edit, or
            # another review of the same articles) keeps its header: ~0.4 ms a pane, 50 panes
            # in the turn that shows the review
            self._heading = heading
            self.header.set_full_text(header_text(article, label))
            self.header.setToolTip(f"{header_text(article, label)}\n{article.path}")
            self.subtitle.set_full_text(article.title)
            if source is not None:
                self.source.set_full_text(source.describe())
                self.source.setToolTip(
                    f"{source.url}" + (f"\nredirected to {source.final_url}"
                                       if source.final_url != source.url else "")
                    + f"\ncaptured {source.fetched_at}"
                    + (f" (server time {source.http_date})" if source.http_date else "")
                    + f"\nversion {source.version}")
            self.source.setVisible(source is not None)
            self.warning.show_warning(article.warning)
            self._label_button()
        self._pending = (article, marked, hide_boilerplate)
        if fill:
            self.fill()
        else:
            self.view.expect_article()

    @property
    def filled(self) -> bool:
        """Whether the pane shows its article's text (a pane out of view may not yet)."""
        return self._pending is None

    def fill(self) -> bool:
        """Lay the article's text out in the view, if not done yet; True if it was done now."""
        if self._pending is None:
            return False
        article, marked, hide_boilerplate = self._pending
        self._pending = None
        self.view.set_article(article, marked() if callable(marked) else marked,
                              hide_boilerplate)
        self.overview.update()
        return True

    def chars_per_line(self) -> float:
        """About how many characters of prose one line of this pane holds now."""
        text_width = self.view.viewport().width() - 2 * self.view.document().documentMargin()
        return max(0.0, text_width) / prose_char_width(self.view.font())

    def set_tight(self, tight: bool) -> None:
        """Condensed text and slim margins, so six or seven outlets read side by side."""
        self.view.set_tight(tight)

    def set_narrow(self, narrow: bool) -> None:
        """Narrow the pane to its overview strip, or widen it back."""
        self.narrow = narrow
        for part in (self.header, self.subtitle, self.view):
            part.setVisible(not narrow)
        self.strip_name.setVisible(narrow)
        if narrow:
            self.setMinimumWidth(STRIP_WIDTH)
            self.setMaximumWidth(STRIP_WIDTH)
        else:
            self.setMinimumWidth(MIN_PANE_WIDTH)
            self.setMaximumWidth(4000)
        self._label_button()

    def _label_button(self) -> None:
        name = self.header.full_text()
        outlet = name.split(" · ")[0]
        self.strip_name.set_name(outlet, f"Widen {name}")
        self.narrow_button.setText("▸" if self.narrow else "◂")
        self.narrow_button.setAccessibleName(f"Widen {outlet}" if self.narrow
                                             else f"Narrow {outlet} to its overview strip")
        self.narrow_button.setToolTip(f"Widen {name}" if self.narrow
                                      else "Narrow this pane to its overview strip")
        self.overview.setToolTip(f"{name}: aligned passages (colour) and conflicts (red "
                                 "marks); click or drag to scroll" if self.narrow else
                                 "Overview: aligned passages (colour) and conflicts (red "
                                 "marks); click or drag to scroll")


class WarningBar(QFrame):
    """A notice about the article ("does not look like an article…") with a Dismiss button;
    hidden when there is none. The text wraps: a warning cut short would say nothing."""

    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QToolButton()
        self.button.setText("Dismiss")
        self.button.setToolTip("I have seen this: hide the warning (saved in the review)")
        self.button.clicked.connect(self.dismissed)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 2, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_warning(self, text: str) -> None:
        self.label.setText(f"⚠ {text[:1].upper()}{text[1:]}" if text else "")
        self.setVisible(bool(text))


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when the pane is narrower than the text."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(10)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight,
                                        max(10, self.width() - 4)))


class VerticalName(QWidget):
    """An outlet's name written bottom-to-top (a narrowed pane's label); clickable."""

    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        font.setBold(True)
        self.setFont(font)
        self.setFixedWidth(OVERVIEW_WIDTH + 4)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._name = ""

    def set_name(self, name: str, tip: str) -> None:
        self._name = name
        self.setToolTip(tip)
        self.setAccessibleName(tip)
        advance = QFontMetricsF(self.font()).horizontalAdvance(name)
        self.setFixedHeight(min(260, math.ceil(advance) + 8))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.translate(0, self.height())
        p.rotate(-90)
        text = p.fontMetrics().elidedText(self._name, Qt.TextElideMode.ElideRight,
                                          self.height() - 4)
        p.drawText(QRect(2, 0, self.height() - 4, self.width()),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class OverviewStrip(QWidget):
    """Where the pane's aligned passages and conflicts lie in the whole article; click to go."""

    def __init__(self, view: PassageView) -> None:
        super().__init__()
        self.view = view
        self.setFixedWidth(OVERVIEW_WIDTH)
        self.setToolTip("Overview: aligned passages (colour) and conflicts (red marks)")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        view = self.view
        c = view.colours
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().color(self.backgroundRole()))
        total = max(1, view.document_height())
        scale = self.height() / total
        for pid in view.order:
            m = view.marked[pid]
            span = view.passage_span_y(pid)
            if span is None or (m.group == 0 and not m.conflict):
                continue
            top = int(span[0] * scale)
            h = max(2, int((span[1] - span[0]) * scale))
            if m.group:
                p.fillRect(QRect(5, top, OVERVIEW_WIDTH - 5, h), c.edge(m.group))
            if m.conflict:
                p.fillRect(QRect(0, top, 4, max(h, 4)), c.conflict)
        bar = view.verticalScrollBar()
        shown_top = int(bar.value() * scale)
        shown_h = max(4, int(view.viewport().height() * scale))
        frame = self.palette().color(self.foregroundRole())
        frame.setAlpha(90)
        p.setPen(frame)
        p.drawRect(QRect(0, shown_top, OVERVIEW_WIDTH - 1, min(shown_h, self.height() - 1)))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._scroll_to(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:  # dragged like a scroll bar's thumb
            self._scroll_to(event.position().y())

    def _scroll_to(self, y_in_strip: float) -> None:
        total = self.view.document_height()
        y = y_in_strip / max(1, self.height()) * total
        bar = self.view.verticalScrollBar()
        bar.setValue(int(y - self.view.viewport().height() / 2))
