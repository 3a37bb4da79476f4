"""One article's text, read-only, with its passages painted from the core's offsets.

Highlights are QTextEdit extra selections, so the document text is never altered and a
selection always covers exactly ``article.text[start:end]`` (converted to UTF-16 positions by
:class:`~factdesk.ui.textmap.OffsetMap`). QTextEdit rather than QPlainTextEdit because it
scrolls by pixels, which the level scrolling and the bands between panes need.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from factdesk.core.model import Article
from factdesk.ui.palette import GroupColours, group_colours
from factdesk.ui.presenter import Marked
from factdesk.ui.textmap import OffsetMap, display_text

MARGIN_WIDTH = 40
ExtraSelection = QTextEdit.ExtraSelection


class PassageView(QTextEdit):
    """Emits ``passage_activated`` when the cursor (mouse or keyboard) enters another passage."""

    passage_activated = Signal(str)
    scrolled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)  # files dropped on a pane go to the window's import
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(8)
        self.setViewportMargins(MARGIN_WIDTH, 0, 0, 0)
        self.margin = _Margin(self)
        self.colours: GroupColours = group_colours()
        self.article: Article | None = None
        self.offsets = OffsetMap("")
        self.marked: dict[str, Marked] = {}
        self.order: list[str] = []  # passage ids in reading order
        self.selected_group = 0
        self.current_passage: str | None = None
        self.find_spans: list[tuple[int, int]] = []
        self.hide_boilerplate = False
        self._geometry: dict[str, tuple[int, int]] = {}
        self._quiet = False
        self.cursorPositionChanged.connect(self._on_cursor)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.document().documentLayout().documentSizeChanged.connect(self._forget_geometry)

    # ------------------------------------------------------------------ content
    def set_article(self, article: Article, marked: list[Marked],
                    hide_boilerplate: bool | None = None) -> None:
        self.article = article
        text = display_text(article.text)
        self.offsets = OffsetMap(text)
        self.marked = {m.passage.id: m for m in marked}
        self.order = [m.passage.id for m in marked]
        self._quiet = True
        self.setPlainText(text)
        self._quiet = False
        if hide_boilerplate is not None:
            self.hide_boilerplate = hide_boilerplate
        if self.hide_boilerplate:  # a fresh document shows every block already
            self._apply_boilerplate_visibility()
        self._forget_geometry()
        self.refresh()

    def set_colours(self, colours: GroupColours) -> None:
        self.colours = colours
        self.refresh()

    def set_selected(self, group: int, passage_id: str | None) -> None:
        self.selected_group = group
        self.current_passage = passage_id
        self.refresh()

    def set_find_spans(self, spans: list[tuple[int, int]]) -> None:
        self.find_spans = spans
        self.refresh()

    def set_hide_boilerplate(self, hide: bool) -> None:
        if hide == self.hide_boilerplate:
            return
        self.hide_boilerplate = hide
        self._apply_boilerplate_visibility()
        self.refresh()

    # ------------------------------------------------------------------ offsets
    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting code points ``start:end`` of the article text."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def offset_at_cursor(self) -> int:
        return self.offsets.from_qt(self.textCursor().position())

    def passage_at(self, offset: int) -> str | None:
        for pid in self.order:
            p = self.marked[pid].passage
            if p.start <= offset < p.end:
                return pid
        return None

    # ------------------------------------------------------------------ painting
    def refresh(self) -> None:
        """Rebuild the extra selections: cheap enough to redo on every selection change."""
        c = self.colours
        selections: list[ExtraSelection] = []
        if self.article is not None:
            for mark in self.article.marks:
                fmt = QTextCharFormat()
                fmt.setForeground(c.dimmed_text)
                selections.append(self._selection(mark.start, mark.end, fmt))
        for m in self.marked.values():
            if m.group == 0:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(c.fill(m.group, m.group == self.selected_group))
            selections.append(self._selection(m.passage.start, m.passage.end, fmt))
            for s, e in m.conflict_spans:
                cf = QTextCharFormat()
                cf.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                cf.setUnderlineColor(c.conflict)
                cf.setFontUnderline(True)
                cf.setProperty(QTextFormat.Property.FontUnderline, True)
                selections.append(
                    self._selection(m.passage.start + s, m.passage.start + e, cf))
        for s, e in self.find_spans:
            fmt = QTextCharFormat()
            fmt.setBackground(c.find)
            fmt.setFontUnderline(True)
            selections.append(self._selection(s, e, fmt))
        self.setExtraSelections(selections)
        self.margin.update()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> ExtraSelection:
        sel = ExtraSelection()
        sel.cursor = self.cursor_for(start, end)
        sel.format = fmt
        return sel

    def _apply_boilerplate_visibility(self) -> None:
        """Hide whole blocks that are boilerplate; offsets stay valid as nothing is removed."""
        doc = self.document()
        spans = [(m.start, m.end) for m in self.article.marks] if self.article else []
        if not spans:
            return
        block = doc.begin()
        while block.isValid():
            start = self.offsets.from_qt(block.position())
            end = self.offsets.from_qt(block.position() + max(0, block.length() - 1))
            text = block.text().strip()
            covered = bool(text) and any(s <= start and end <= e for s, e in spans)
            block.setVisible(not (self.hide_boilerplate and covered))
            block = block.next()
        doc.markContentsDirty(0, doc.characterCount())
        self._forget_geometry()

    # ------------------------------------------------------------------ geometry
    def _forget_geometry(self, *_: object) -> None:
        self._geometry.clear()
        self.margin.update()

    def passage_span_y(self, passage_id: str) -> tuple[int, int] | None:
        """Top and bottom of a passage in document pixels (cached until the layout changes)."""
        if passage_id in self._geometry:
            return self._geometry[passage_id]
        m = self.marked.get(passage_id)
        if m is None:
            return None
        top = self._line_y(self.offsets.to_qt(m.passage.start), bottom=False)
        bottom = self._line_y(self.offsets.to_qt(max(m.passage.start, m.passage.end - 1)),
                              bottom=True)
        if top is None or bottom is None:
            return None
        self._geometry[passage_id] = (top, bottom)
        return top, bottom

    def _line_y(self, position: int, *, bottom: bool) -> int | None:
        doc = self.document()
        block = doc.findBlock(position)
        if not block.isValid() or not block.isVisible():
            return None
        layout = block.layout()
        rect = doc.documentLayout().blockBoundingRect(block)
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return int(rect.bottom() if bottom else rect.top())
        y = rect.top() + line.y() + (line.height() if bottom else 0)
        return int(y)

    def viewport_span_y(self, passage_id: str) -> tuple[int, int] | None:
        span = self.passage_span_y(passage_id)
        if span is None:
            return None
        offset = self.verticalScrollBar().value()
        return span[0] - offset, span[1] - offset

    def document_height(self) -> int:
        return int(self.document().size().height())

    def scroll_passage_to(self, passage_id: str, y: int) -> None:
        """Scroll so the passage's top is ``y`` pixels below the viewport's top."""
        span = self.passage_span_y(passage_id)
        if span is not None:
            self.verticalScrollBar().setValue(span[0] - y)

    def place_cursor(self, passage_id: str) -> None:
        """Move the caret to a passage without announcing it (it was selected elsewhere)."""
        m = self.marked.get(passage_id)
        if m is None:
            return
        self._quiet = True
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(m.passage.start))
        self.setTextCursor(cursor)
        self._quiet = False

    # ------------------------------------------------------------------ events
    def _on_cursor(self) -> None:
        if self._quiet or self.textCursor().hasSelection():
            return
        pid = self.passage_at(self.offset_at_cursor())
        if pid is not None and pid != self.current_passage:
            self.current_passage = pid
            self.passage_activated.emit(pid)

    def _on_scroll(self) -> None:
        self.margin.update()
        self.scrolled.emit()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        cr = self.contentsRect()
        self.margin.setGeometry(QRect(cr.left(), cr.top(), MARGIN_WIDTH, cr.height()))
        self._forget_geometry()


class _Margin(QWidget):
    """The strip left of the text: a bar per aligned passage, its group number, and ⚠."""

    def __init__(self, view: PassageView) -> None:
        super().__init__(view)
        self.view = view

    def paintEvent(self, event: object) -> None:  # noqa: N802
        view = self.view
        c = view.colours
        p = QPainter(self)
        p.fillRect(self.rect(), view.palette().color(view.backgroundRole()).darker(104))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        p.setFont(font)
        height = self.height()
        for pid in view.order:
            m = view.marked[pid]
            if m.group == 0 and not m.conflict:
                continue
            span = view.viewport_span_y(pid)
            if span is None or span[1] < 0 or span[0] > height:
                continue
            top, bottom = span
            if m.group:
                selected = m.group == view.selected_group
                width = 7 if selected else 4
                p.fillRect(QRect(MARGIN_WIDTH - width - 1, top, width, bottom - top),
                           c.edge(m.group))
                # the number in text colour: a pale bar colour (sand, yellow) would not read
                number_colour = view.palette().color(view.foregroundRole())
                if not selected:
                    number_colour.setAlpha(150)
                font.setBold(selected)
                p.setFont(font)
                p.setPen(number_colour)
                p.drawText(QRect(12, top, MARGIN_WIDTH - 22, 16),
                           int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                           str(m.group))
            if m.conflict:
                p.setPen(c.conflict)
                p.drawText(QRect(0, top, 14, 16), int(Qt.AlignmentFlag.AlignCenter), "⚠")
        p.end()

