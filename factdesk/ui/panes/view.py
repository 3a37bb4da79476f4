"""One article's text, read-only, with its passages painted from the core's offsets.

Highlights are QTextEdit extra selections, so the document text is never altered and a
selection always covers exactly ``article.text[start:end]`` (converted to UTF-16 positions by
:class:`~factdesk.ui.textmap.OffsetMap`). QTextEdit rather than QPlainTextEdit because it
scrolls by pixels, which the level scrolling and the bands between panes need.
"""

from __future__ import annotations

import bisect
import contextlib
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from factdesk.core.model import Article, ClaimStatus
from factdesk.ui.claimbook import GLYPH, ClaimMark
from factdesk.ui.palette import GroupColours, group_colours, status_colour
from factdesk.ui.panes.turn import turn
from factdesk.ui.presenter import Marked
from factdesk.ui.textmap import OffsetMap, display_text

# Kept narrow so five outlets read side by side at 1920 px: ⚠ 0–11, number to 24, glyph
# 25–37, bar 37–43.
MARGIN_WIDTH = 44
#: the text's own margins inside the view, as wide panes have them and as tight panes do
#: (six or seven outlets at 1920 px: every pixel of a line counts, see ui/room.py)
DOCUMENT_MARGIN = 5
TIGHT_DOCUMENT_MARGIN = 2
NUMBER_RIGHT = 24  # the group number is right-aligned here; the claim glyph sits after it
GLYPH_LEFT = 25
ExtraSelection = QTextEdit.ExtraSelection
#: an unbroken run of this many characters (a data dump, a 200 KB "word") makes its pane wrap
#: anywhere: Qt's word wrap falls back to breaking such a run by a path whose cost grows with
#: the square of its length (a 200 KB word: ~7 s to lay out, ~3 s at every resize; anywhere:
#: 0.14 s and 0.05 s, benchmarks/README.md "J / N / U and long lines")
LONG_RUN = 1_000
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN}}}")


def wrap_mode_for(text: str) -> QTextOption.WrapMode:
    """How a pane wraps ``text``: at word boundaries (a word wider than the pane is broken
    anywhere, Qt's usual), or anywhere when the text holds an unbroken run of ``LONG_RUN``
    characters. Only the display's lines change; the text and every offset stay as stored."""
    if _LONG_RUN.search(text):
        return QTextOption.WrapMode.WrapAnywhere
    return QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


#: one text block's claim underlines (y, x from, x to, status) and margin glyphs (top, status),
#: in document pixels, in the order of the pane's claims
_BlockRuns = tuple[list[tuple[float, float, float, ClaimStatus]], list[tuple[int, ClaimStatus]]]
#: blocks this far (px) above and below a rectangle are measured too: an underline sits a
#: little below its line's box
_RUN_SLACK = 8
#: one block's underlines as drawn, in document pixels: lines per status (a conflicting
#: claim's two), and the rows of dots of unsourced claims
#: and each status's underlines' (y, place in the block's runs), sorted: which status comes
#: first from the top of a rectangle (drawn first)
_Drawables = tuple[dict[ClaimStatus, list[QLineF]], list[QRect],
                   dict[ClaimStatus, list[tuple[float, int]]]]


def _drawables(runs: list[tuple[float, float, float, ClaimStatus]]) -> _Drawables:
    """What ``PassageView.paintEvent`` draws for a block's underline runs (y, x from, x to,
    status), made once per block and layout."""
    made: _Drawables = ({}, [], {})
    _add_drawables(made, runs, 0)
    for status_ys in made[2].values():
        status_ys.sort()
    return made


def _add_drawables(made: _Drawables, runs: list[tuple[float, float, float, ClaimStatus]],
                   first: int) -> None:
    """Add to ``made`` what is drawn for ``runs[first:]`` (its ys left unsorted): a block's
    drawables are made as its claims are measured, within the turn's budget (made at its
    first paint they were ~23 ms of an N press repainting panes with dense-claim blocks)."""
    lines, dotted, ys = made
    for i in range(first, len(runs)):
        y, x1, x2, status = runs[i]
        if status is ClaimStatus.UNSOURCED:  # a row of the dot tile (see dot_tile)
            dotted.append(QRect(round(x1), round(y + 1) - _DOT_TILE_MID,
                                max(1, round(x2 - x1)), _DOT_TILE_HEIGHT))
            continue
        ys.setdefault(status, []).append((y, i))
        out = lines.setdefault(status, [])
        if status is ClaimStatus.CONFLICTING:  # a double line
            out.append(QLineF(x1, y, x2, y))
            out.append(QLineF(x1, y + 3, x2, y + 3))
        else:
            out.append(QLineF(x1, y + 1, x2, y + 1))


class PassageView(QTextEdit):
    """Emits ``passage_activated`` when the cursor (mouse or keyboard) enters another passage,
    and again when the reader clicks the passage the cursor is already in (so a lede that
    reports two facts can be clicked on to its second group)."""

    passage_activated = Signal(str)
    scrolled = Signal()
    caret_moved = Signal(int)  # code-point offset of the caret, after a click or a key

    #: actions added to every pane's context menu (new claim, evidence ...), set by the window
    context_actions: list[QAction] = []

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)  # files dropped on a pane go to the window's import
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.tight = False
        self.setViewportMargins(MARGIN_WIDTH, 0, 0, 0)
        # the pane's overview strip is its scroll bar (click or drag; the wheel and keys scroll
        # too): a second bar beside it would take 14 px of every pane's line
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.margin = _Margin(self)
        self.colours: GroupColours = group_colours()
        self.article: Article | None = None
        self.offsets = OffsetMap("")
        self.marked: dict[str, Marked] = {}
        self.order: list[str] = []  # passage ids in reading order
        self.selected_group = 0
        self.current_passage: str | None = None
        self.find_spans: list[tuple[int, int]] = []
        self.conflict_words: list[tuple[int, int]] = []
        self._claim_marks: list[ClaimMark] = []
        #: the claims of a pane not filled yet, worked out when first asked for (opening a
        #: 10,000-claim review made the marks of all 50 panes at once, ~20 ms)
        self._marks_source: Callable[[], list[ClaimMark]] | None = None
        self.current_claim: str | None = None
        self.hide_boilerplate = False
        self._geometry: dict[str, tuple[int, int]] = {}
        #: the extra selections that stay the same between refreshes, by passage and whether
        #: its group is the selected one (see refresh); cleared with a new text
        self._selections: dict[object, object] = {}
        #: (top, bottom, passage id) of the passages the margin marks, in document pixels and
        #: reading order (so by top and by bottom too), worked out once per layout
        self._margin_spans: list[tuple[int, int, str]] | None = None
        # claim underlines and margin glyphs in document pixels, measured per text block the
        # first time the block is painted and kept until the layout changes (see
        # _block_runs_of): a first paint measures only the blocks in view
        self._claims_in_block: dict[int, list[ClaimMark]] | None = None
        #: where each text block starts (Qt positions) and the document's size, for
        #: _claim_index; made once per text
        self._block_starts: tuple[list[int], int] | None = None
        self._block_runs: dict[int, _BlockRuns] = {}
        #: per block, its measured runs (by identity: measured anew, made anew) and the lines
        #: and dot rows drawn for them (see paintEvent)
        self._drawn: dict[int, tuple[list[tuple[float, float, float, ClaimStatus]],
                                     _Drawables]] = {}
        #: blocks measured in part (a block can hold hundreds of claims): runs, glyphs, and
        #: how many of the block's claims they cover
        self._partial: dict[int, tuple[list[tuple[float, float, float, ClaimStatus]],
                                       list[tuple[int, ClaimStatus]], int, _Drawables]] = {}
        self._groups_here: set[int] = set()
        self._pressed_in: str | None = None  # the current passage when the mouse went down
        self._quiet = False
        self._refill = False  # see expect_article
        self.cursorPositionChanged.connect(self._on_cursor)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.document().documentLayout().documentSizeChanged.connect(self._forget_geometry)

    # ------------------------------------------------------------------ content
    def set_article(self, article: Article, marked: list[Marked],
                    hide_boilerplate: bool | None = None) -> None:
        self.article = article
        self._refill = False
        text = display_text(article.text)
        self.offsets = OffsetMap(text)
        self.marked = {m.passage.id: m for m in marked}
        self.order = [m.passage.id for m in marked]
        self._groups_here = {m.group for m in marked if m.group}
        self._claims_in_block = None  # new text, new blocks
        self._block_starts = None
        self._partial.clear()
        self._selections.clear()
        self._quiet = True
        mode = wrap_mode_for(text)
        if mode != self.wordWrapMode():  # before the text: one layout, not two
            self.setWordWrapMode(mode)
        self.setPlainText(text)
        self._quiet = False
        if hide_boilerplate is not None:
            self.hide_boilerplate = hide_boilerplate
        if self.hide_boilerplate:  # a fresh document shows every block already
            self._apply_boilerplate_visibility()
        self._forget_geometry()
        self.refresh()

    def expect_article(self) -> None:
        """A new article (or the same one again) will be set when the pane next comes into
        view: claims given as a function until then are worked out only then (a reused pane
        worked out the claims of the text it was about to let go of, ~1 ms a pane with
        10,000 claims, 17 panes in the turn that showed the next review)."""
        self._refill = True

    def set_tight(self, tight: bool) -> None:
        """Condensed text and slimmer margins (many outlets side by side), or the usual ones.
        The semi-condensed face of the same family: DejaVu Sans Condensed, say, a face drawn
        for it; Qt narrows a family that has none. The text is laid out again, and the claim
        and passage geometry measured again with it."""
        if tight == self.tight:
            return
        self.tight = tight
        font = QFont(self.font())
        font.setStretch(QFont.Stretch.SemiCondensed if tight else QFont.Stretch.Unstretched)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(TIGHT_DOCUMENT_MARGIN if tight else DOCUMENT_MARGIN)
        self._forget_geometry()
        self.margin.update()

    def set_colours(self, colours: GroupColours) -> None:
        self.colours = colours
        self.refresh()

    def set_selected(self, group: int, passage_id: str | None,
                     conflict_words: Sequence[tuple[int, int]] = ()) -> None:
        """Emphasise a group and its passage here; ``conflict_words`` (article offsets) are the
        differing words of the selected conflict, shown selected in every pane at once.

        A pane that holds neither the old nor the new group, and whose conflict words stay as
        they were, looks the same, so it is left alone: J on 300 articles touches the few panes
        that change."""
        words = list(conflict_words)
        changed = self.selection_changes(group, words)
        self.selected_group = group
        self.current_passage = passage_id
        self.conflict_words = words
        if changed:
            self.refresh()

    def selection_changes(self, group: int, conflict_words: Sequence[tuple[int, int]]) -> bool:
        """Whether selecting ``group`` with these conflict words changes what this pane
        shows (its fills or its selected words), so that it must be painted again."""
        return list(conflict_words) != self.conflict_words or (
            group != self.selected_group
            and bool({group, self.selected_group} & self._groups_here))

    @property
    def claim_marks(self) -> list[ClaimMark]:
        """The claims shown in this pane (worked out now if they were left for later)."""
        if self._marks_source is not None:
            source, self._marks_source = self._marks_source, None
            self._claim_marks = list(source())
        return self._claim_marks

    def set_claims(self, marks: list[ClaimMark] | Callable[[], list[ClaimMark]],
                   current: str | None = None) -> None:
        """Show these claims; unchanged marks keep their measured underlines, and the tint
        of the current claim is redrawn only when it (or a mark) changed. ``marks`` may be a
        function: a pane whose text is not in yet calls it only when its claims are asked
        for (it is filled, painted, or looked at)."""
        if callable(marks):
            if self.article is None or self._refill:  # not filled: nothing of it is drawn
                self._marks_source = marks
                self._claims_in_block = None
                self._block_runs.clear()
                self._partial.clear()
                self.current_claim = current
                return
            marks = marks()
        changed = marks != self.claim_marks
        if changed:
            self._claim_marks = list(marks)  # a copy: the caller's list may change later
            self._claims_in_block = None
            self._block_runs.clear()
            self._partial.clear()
            self.viewport().update()
            self.margin.update()
        if current != self.current_claim or (changed and current is not None):
            self.current_claim = current
            self.refresh()

    def selected_span(self) -> tuple[int, int] | None:
        """The reader's text selection as code-point offsets into the article, if any."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.article is None:
            return None
        start = self.offsets.from_qt(cursor.selectionStart())
        end = self.offsets.from_qt(cursor.selectionEnd())
        text = self.article.text
        while start < end and text[start].isspace():  # a drag often takes a space along
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

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
        if self.article is None:  # not filled yet: set_article draws what is stored
            self.margin.update()
            return
        c = self.colours
        # a passage's fill (selected or not) and its conflict words are the same selections
        # every time: made once per text and colours (a J press rebuilt them for every
        # passage of every pane it touched, ~1 ms a pane)
        cache = self._selections
        if cache.get("colours") is not c:
            cache.clear()
            cache["colours"] = c
        marks = cache.get("marks")
        if marks is None:
            marks = cache["marks"] = [self._selection(mark.start, mark.end,
                                                      _dimmed(c.dimmed_text))
                                      for mark in self.article.marks]
        selections: list[ExtraSelection] = list(marks)  # type: ignore[arg-type]
        for m in self.marked.values():
            if m.group == 0:
                continue
            key = (m.passage.id, m.group == self.selected_group)
            made = cache.get(key)
            if made is None:
                made = cache[key] = self._passage_selections(m, key[1])
            selections += made  # type: ignore[arg-type]
        for cm in self.claim_marks:
            if cm.claim_id == self.current_claim:
                fmt = QTextCharFormat()
                colour = status_colour(cm.status, c.dark)
                colour.setAlpha(70 if c.dark else 45)
                fmt.setBackground(colour)
                selections.append(self._selection(cm.start, cm.end, fmt))
        for s, e in self.conflict_words:
            fmt = QTextCharFormat()
            words = QColor(c.conflict)
            words.setAlpha(110 if c.dark else 70)
            fmt.setBackground(words)
            fmt.setFontWeight(QFont.Weight.Bold)
            selections.append(self._selection(s, e, fmt))
        for s, e in self.find_spans:
            fmt = QTextCharFormat()
            fmt.setBackground(c.find)
            fmt.setFontUnderline(True)
            selections.append(self._selection(s, e, fmt))
        self.setExtraSelections(selections)
        self.margin.update()

    def _passage_selections(self, m: Marked, selected: bool) -> list[ExtraSelection]:
        """A grouped passage's fill and its conflict words' wavy underlines."""
        c = self.colours
        fmt = QTextCharFormat()
        fmt.setBackground(c.fill(m.group, selected))
        out = [self._selection(m.passage.start, m.passage.end, fmt)]
        for s, e in m.conflict_spans:
            cf = QTextCharFormat()
            cf.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            cf.setUnderlineColor(c.conflict)
            cf.setFontUnderline(True)
            cf.setProperty(QTextFormat.Property.FontUnderline, True)
            out.append(self._selection(m.passage.start + s, m.passage.start + e, cf))
        return out

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
        self._margin_spans = None
        self._block_runs.clear()
        self._drawn.clear()
        self._partial.clear()
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

    def margin_spans_between(self, top: int, bottom: int) -> list[tuple[int, int, str]]:
        """(top, bottom, passage id) in document pixels of the passages the margin marks (in
        a group, or in conflict) that meet ``top``-``bottom``: found by bisection in a list
        made once per layout (every paint walked every passage of the article)."""
        spans = self._margin_spans
        if spans is None:
            spans = []
            for pid in self.order:
                m = self.marked[pid]
                if m.group == 0 and not m.conflict:
                    continue
                span = self.passage_span_y(pid)
                if span is not None:
                    spans.append((span[0], span[1], pid))
            self._margin_spans = spans
        # in reading order a passage's top and bottom never come before the previous one's,
        # so the first to reach ``top`` is found by bisection on the bottoms
        lo, hi = 0, len(spans)
        while lo < hi:
            mid = (lo + hi) // 2
            if spans[mid][1] < top:
                lo = mid + 1
            else:
                hi = mid
        out = []
        for span in spans[lo:]:
            if span[0] > bottom:
                break
            out.append(span)
        return out

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

    def place_caret(self, offset: int, end: int | None = None) -> None:
        """Put the caret at a code-point offset (selecting up to ``end``), without announcing."""
        if self.article is None:
            return
        size = len(self.article.text)
        self._quiet = True
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(max(0, min(offset, size))))
        if end is not None:
            cursor.setPosition(self.offsets.to_qt(max(0, min(end, size))),
                               QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._quiet = False

    # ------------------------------------------------------------------ events
    def _on_cursor(self) -> None:
        if self._quiet or self.textCursor().hasSelection():
            return
        offset = self.offset_at_cursor()
        pid = self.passage_at(offset)
        if pid is not None and pid != self.current_passage:
            self.current_passage = pid
            self.passage_activated.emit(pid)
        self.caret_moved.emit(offset)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._pressed_in = self.current_passage
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pid = self.current_passage
        if (event.button() == Qt.MouseButton.LeftButton and pid is not None
                and pid == self._pressed_in and not self.textCursor().hasSelection()
                and self.passage_at(self.offset_at_cursor()) == pid):
            self.passage_activated.emit(pid)
        self._pressed_in = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        # the menu's passage actions (align with…, take out) act on the passage clicked, so
        # a right-click selects it as a left click would; a text selection is kept (the
        # claim and evidence actions act on it)
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(event.pos()))
        menu = self.createStandardContextMenu(event.pos())
        if self.context_actions:
            menu.addSeparator()
            for action in self.context_actions:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # ------------------------------------------------------------------ claim underlines
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        full = self.viewport().rect()
        rect = event.rect()
        if rect.width() < full.width():
            # A strip of the pane uncovered by the panes' sideways move, or a pane at the
            # view's edge: Qt's text drawing with selections over a clip a few pixels wide
            # cost up to 10x a whole pane's paint (one paragraph of 250 lines and 32
            # selections: 40 ms for a 1 px strip, 3.3 ms for the whole pane). Asked for whole
            # lines it is as cheap as a whole pane; what it paints is still clipped to the
            # region being painted, so the same pixels come out.
            event = QPaintEvent(QRect(full.left(), rect.top(), full.width(), rect.height()))
        super().paintEvent(event)
        if not self.claim_marks:
            return
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        rect = event.rect()
        # the underlines of the blocks meeting the repainted rectangle, made into lines once
        # per block and layout and drawn in document pixels through a translated painter:
        # making a QLineF per underline on every paint (and sorting them) was ~1.5 ms of
        # Python a pane, ~15 ms of an N press repainting 9 panes with 5,000 claims; lines
        # outside the rectangle are clipped by Qt
        drawables = self._drawables_between(rect.top() - dy - 4, rect.bottom() - dy + 4)
        if not drawables:
            return
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.translate(dx, dy)
        dark = self.colours.dark
        # one drawLines per status, the statuses in the order their first underline in the
        # rectangle comes from the top (where two claims' underlines overlap, the one drawn
        # later is on top: as before)
        top, bottom = rect.top() - dy - 4, rect.bottom() - dy + 4
        first: dict[ClaimStatus, tuple[float, int, int]] = {}
        for n, (_lines, _dotted, ys) in enumerate(drawables):
            for status, status_ys in ys.items():
                k = bisect.bisect_left(status_ys, (top, -1))
                if k < len(status_ys) and status_ys[k][0] <= bottom:
                    y, i = status_ys[k]
                    if (y, n, i) < first.get(status, (math.inf, 0, 0)):
                        first[status] = (y, n, i)
        for status in sorted(first, key=first.__getitem__):
            status_lines: list[QLineF] = []
            for lines, _dotted, _ys in drawables:
                status_lines += lines.get(status, ())
            p.setPen(claim_pen(status, dark))
            p.drawLines(status_lines)
        # The dotted pen stroked by Qt's raster engine, antialiased, cost ~0.25 ms a line
        # (96 ms for 400 lines: most of a first paint with 10,000 claims); one dot drawn once
        # with that pen and tiled along each line is ~30x faster and looks the same.
        tile: QPixmap | None = None
        for _lines, dotted, _ys in drawables:
            if dotted:
                tile = tile or dot_tile(dark, self.devicePixelRatioF())
                for dots in dotted:
                    p.drawTiledPixmap(dots, tile)
        p.end()

    def _drawables_between(self, top: float, bottom: float) -> list[_Drawables]:
        """The prepared underlines of the blocks meeting ``top``-``bottom`` (document
        pixels); blocks not measured yet are left to later turns, as ``_lines_between``."""
        out = []
        waiting = False
        for block in self._blocks_between(top - _RUN_SLACK, bottom + _RUN_SLACK):
            runs = self._block_runs_of(block, sliced=True)
            if runs is None:
                waiting = True  # measured after this paint, then painted again
                continue
            number = block.blockNumber()
            made = self._drawn.get(number)
            if made is None or made[0] is not runs[0]:  # measured anew since
                made = self._drawn[number] = (runs[0], _drawables(runs[0]))
            if made[1][0] or made[1][1]:
                out.append(made[1])
        if waiting:
            _measuring.later(self, top, bottom)
        return out

    def _lines_between(self, top: float, bottom: float, *, complete: bool = True
                       ) -> list[tuple[float, float, float, ClaimStatus]]:
        """The claim underlines (y, x from, x to, status) with ``top <= y <= bottom`` (document
        pixels), sorted by y. With ``complete=False`` (painting), blocks not measured yet are
        measured only while this turn of the event loop has measuring time left; the rest
        are measured a slice at a time after it and the pane is painted again then."""
        found = [run for runs, _glyphs in self._runs_between(top, bottom, complete)
                 for run in runs if top <= run[0] <= bottom]
        found.sort(key=lambda run: run[0])
        return found

    def _runs_between(self, top: float, bottom: float, complete: bool) -> list[_BlockRuns]:
        out = []
        waiting = False
        for block in self._blocks_between(top - _RUN_SLACK, bottom + _RUN_SLACK):
            runs = self._block_runs_of(block, sliced=not complete)
            if runs is None:
                waiting = True  # measured after this paint, then painted again
            else:
                out.append(runs)
        if waiting:
            _measuring.later(self, top, bottom)
        return out

    def measure_between(self, top: float, bottom: float) -> bool:
        """Measure the claim underlines of blocks between ``top`` and ``bottom`` (document
        pixels) while the turn has time (at least one claim); True when all are measured."""
        progress = True  # the first block not measured yet gets at least one claim
        for block in self._blocks_between(top - _RUN_SLACK, bottom + _RUN_SLACK):
            if block.blockNumber() in self._block_runs:
                continue
            if self._block_runs_of(block, sliced=True, progress=progress) is None:
                return False
            progress = False
        return True

    def _blocks_between(self, top: float, bottom: float) -> list[QTextBlock]:
        """The text blocks whose box meets document pixels ``top`` to ``bottom``."""
        doc = self.document()
        layout = doc.documentLayout()
        position = layout.hitTest(QPointF(0, max(0.0, top)), Qt.HitTestAccuracy.FuzzyHit)
        block = doc.findBlock(max(0, position))
        if not block.isValid():
            block = doc.begin()
        while block.previous().isValid() and \
                layout.blockBoundingRect(block.previous()).bottom() >= top:
            block = block.previous()
        out = []
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.top() > bottom:
                break
            if rect.bottom() >= top:
                out.append(block)
            block = block.next()
        return out

    def _block_runs_of(self, block: QTextBlock, *, sliced: bool = False,
                       progress: bool = False) -> _BlockRuns | None:
        """One block's claim underlines and glyphs, measured the first time the block is
        painted after a change of layout (resize, boilerplate shown or hidden) or of the
        claims. ``sliced``: only while the turn of the event loop has time (``progress``: at
        least one claim), None if the block is not done yet (what was measured is kept).
        Measuring every claim of a pane at its first paint was ~130 ms of opening a review
        with 5,000 claims; before that, every paint measured every claim (107-260 ms)."""
        number = block.blockNumber()
        cached = self._block_runs.get(number)
        if cached is not None:
            return cached
        lines, glyphs, k, made = self._partial.pop(number, ([], [], 0, ({}, [], {})))
        marks = self._claim_index().get(number, [])
        doc = self.document()
        while k < len(marks):
            if sliced and not turn.has_time() and not progress:
                self._partial[number] = (lines, glyphs, k, made)
                return None
            progress = False
            cm = marks[k]
            k += 1
            first = len(lines)
            lines.extend((y, x1, x2, cm.status)
                         for x1, x2, y in self._underline_runs(cm.start, cm.end, block))
            _add_drawables(made, lines, first)  # what paints draw, made as it is measured
            start = self.offsets.to_qt(cm.start)
            if doc.findBlock(start).blockNumber() == number:  # its glyph is on its first line
                top = self._line_y(start, bottom=False)
                if top is not None:
                    glyphs.append((top, cm.status))
        for status_ys in made[2].values():
            status_ys.sort()
        self._drawn[number] = (lines, made)
        cached = self._block_runs[number] = (lines, glyphs)
        return cached

    def _claim_index(self) -> dict[int, list[ClaimMark]]:
        """The pane's claims by the text blocks they touch, in the order of ``claim_marks``
        (kept until the claims or the text change; a layout change moves no claim to
        another block)."""
        if self._claims_in_block is None:
            if self._block_starts is None:
                # the blocks' first positions, once per text: two findBlock calls per claim
                # were ~2 ms a pane (10,000 claims), outside the turn's budget
                doc = self.document()
                starts, block = [], doc.begin()
                while block.isValid():
                    starts.append(block.position())
                    block = block.next()
                self._block_starts = (starts, doc.characterCount())
            starts, size = self._block_starts

            def number_at(position: int) -> int:  # as findBlock(position).blockNumber()
                return bisect_right(starts, position) - 1 if 0 <= position < size else -1

            index: dict[int, list[ClaimMark]] = {}
            for cm in self.claim_marks:
                qs, qe = self.offsets.to_qt(cm.start), self.offsets.to_qt(cm.end)
                first = number_at(qs)
                last = max(first, number_at(max(qs, qe - 1)))
                for number in range(max(0, first), last + 1):
                    index.setdefault(number, []).append(cm)
            self._claims_in_block = index
        return self._claims_in_block

    def _underline_runs(self, start: int, end: int, only: QTextBlock | None = None
                        ) -> list[tuple[float, float, float]]:
        """(x from, x to, y) in document pixels of a span's underline, one per text line
        (with ``only``, the lines of that block alone).

        Starts at the line holding the span's start rather than the block's first line: an
        article that is one long paragraph has hundreds of lines per block."""
        doc = self.document()
        layout_of = doc.documentLayout()
        qs, qe = self.offsets.to_qt(start), self.offsets.to_qt(end)
        runs: list[tuple[float, float, float]] = []
        block = doc.findBlock(qs) if only is None else only
        while block.isValid() and block.position() < qe:
            if block.isVisible():
                layout = block.layout()
                rect = layout_of.blockBoundingRect(block)
                base = block.position()
                first = layout.lineForTextPosition(max(0, qs - base))
                i = first.lineNumber() if first.isValid() else 0
                while i < layout.lineCount():
                    line = layout.lineAt(i)
                    i += 1
                    ls = base + line.textStart()
                    if ls >= qe:
                        break
                    a, b = max(qs, ls), min(qe, ls + line.textLength())
                    if a >= b:
                        continue
                    x1 = _x(line.cursorToX(a - base))
                    x2 = _x(line.cursorToX(b - base))
                    runs.append((rect.left() + x1, rect.left() + x2,
                                 rect.top() + line.y() + line.ascent() + 2))
            block = block.next() if only is None else QTextBlock()
        return runs

    def claim_glyphs(self, top: int, bottom: int, *, complete: bool = True
                     ) -> list[tuple[int, ClaimStatus]]:
        """(top in viewport pixels, status) of the claim glyphs between ``top`` and ``bottom``
        (viewport pixels), sorted by top, from the per-block cache (``complete=False``: as
        for ``_lines_between``, blocks not measured yet may be left for later)."""
        offset = self.verticalScrollBar().value()
        lo, hi = top + offset, bottom + offset
        found = [glyph for _runs, glyphs in self._runs_between(lo, hi, complete)
                 for glyph in glyphs if lo <= glyph[0] <= hi]
        found.sort(key=lambda glyph: glyph[0])
        return [(y - offset, status) for y, status in found]

    def claim_top(self, mark: ClaimMark) -> int | None:
        """The top of a claim's first line, in viewport pixels (for the margin glyph)."""
        top = self._line_y(self.offsets.to_qt(mark.start), bottom=False)
        return None if top is None else top - self.verticalScrollBar().value()

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
        offset = view.verticalScrollBar().value()
        for top, bottom, pid in view.margin_spans_between(offset, offset + height):
            m = view.marked[pid]
            top, bottom = top - offset, bottom - offset
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
                p.drawText(QRect(9, top, NUMBER_RIGHT - 9, 16),
                           int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                           str(m.group))
            if m.conflict:
                p.setPen(c.conflict)
                p.drawText(QRect(0, top, 11, 16), int(Qt.AlignmentFlag.AlignCenter), "⚠")
        glyph_font = QFont(self.font())
        glyph_font.setBold(True)
        p.setFont(glyph_font)
        drawn: set[int] = set()
        for top, status in view.claim_glyphs(-16, height, complete=False) \
                if view.claim_marks else ():
            if top in drawn:
                continue
            drawn.add(top)
            p.setPen(status_colour(status, c.dark))
            p.drawText(QRect(GLYPH_LEFT, top, 12, 18), int(Qt.AlignmentFlag.AlignCenter),
                       GLYPH[status])
        p.end()


class _Measuring:
    """Claim underlines that paints left unmeasured (the turn's time was spent: see
    ``panes/turn.py``), measured a slice per turn of the event loop after them; each pane is
    painted again once its part is in. Opening a review with 10,000 claims measured ~100 ms
    of underlines in its first paint, ~25 ms in one block of ~400 claims."""

    def __init__(self) -> None:
        self.waiting: dict[PassageView, tuple[float, float]] = {}  # view -> document span
        self.timer: QTimer | None = None

    def later(self, view: PassageView, top: float, bottom: float) -> None:
        old = self.waiting.get(view)
        self.waiting[view] = (top, bottom) if old is None \
            else (min(old[0], top), max(old[1], bottom))
        turn.wait_for("underlines", True)
        if self.timer is None:
            self.timer = QTimer()
            self.timer.setSingleShot(True)
            self.timer.setInterval(0)
            self.timer.timeout.connect(self._slice)
        if not self.timer.isActive():
            self.timer.start()

    def _slice(self) -> None:
        """Measure what earlier paints left (at least one claim), and paint its panes again."""
        for view, (top, bottom) in list(self.waiting.items()):
            try:
                done = view.measure_between(top, bottom)
            except RuntimeError:  # the pane was deleted meanwhile
                done = True
            if not done:
                break
            del self.waiting[view]
            with contextlib.suppress(RuntimeError):
                view.viewport().update()
                view.margin.update()
            if not turn.has_time():
                break
        if self.waiting:
            self.timer.start()  # type: ignore[union-attr]
        else:
            turn.wait_for("underlines", False)


_measuring = _Measuring()


def claim_pen(status: ClaimStatus, dark: bool) -> QPen:
    """Underline per status, told apart by shape: confirmed solid, conflicting double (drawn
    as two lines), unsourced dotted, unreviewed dashed."""
    pen = QPen(status_colour(status, dark))
    if status is ClaimStatus.CONFIRMED:
        pen.setWidthF(2.0)
    elif status is ClaimStatus.CONFLICTING:
        pen.setWidthF(1.3)
    elif status is ClaimStatus.UNSOURCED:
        pen.setWidthF(2.2)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([0.6, 1.6])
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    else:
        pen.setWidthF(1.5)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([3.0, 2.0])
    return pen


_DOT_TILE_WIDTH = 5  # ~ the dotted pen's period: (0.6 + 1.6) x its 2.2 px width
_DOT_TILE_HEIGHT = 4
_DOT_TILE_MID = 2
_dot_tiles: dict[tuple[bool, float], QPixmap] = {}


def dot_tile(dark: bool, ratio: float) -> QPixmap:
    """One dot of the unsourced underline, drawn with `claim_pen` itself (so its colour,
    width and round caps are the pen's), to be tiled along a line; one per theme and device
    pixel ratio, made the first time it is needed."""
    key = (dark, ratio)
    tile = _dot_tiles.get(key)
    if tile is None:
        tile = QPixmap(round(_DOT_TILE_WIDTH * ratio), round(_DOT_TILE_HEIGHT * ratio))
        tile.setDevicePixelRatio(ratio)
        tile.fill(Qt.GlobalColor.transparent)
        pen = claim_pen(ClaimStatus.UNSOURCED, dark)
        pen.setStyle(Qt.PenStyle.SolidLine)
        dash = 0.6 * pen.widthF()  # the pen's dash, with its round caps either side
        p = QPainter(tile)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(pen)
        x = (_DOT_TILE_WIDTH - dash) / 2
        p.drawLine(QPointF(x, _DOT_TILE_MID), QPointF(x + dash, _DOT_TILE_MID))
        p.end()
        _dot_tiles[key] = tile
    return tile


def _dimmed(colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(colour)
    return fmt


def _x(value: object) -> float:
    """QTextLine.cursorToX gives (x, position) in PySide6, a float elsewhere."""
    return float(value[0] if isinstance(value, tuple) else value)  # type: ignore[arg-type]



def prepare_types() -> None:
    """Have PySide make now the Python types a pane's first paint needs.

    PySide makes a Qt class's enums the first time the class is taken from its module, and
    overload checks use classes the code never names: the first ``fillRect`` made
    ``QGradient``'s five enums (``Preset`` alone ~2 ms), the first ``setProperty``
    ``QMetaType.Type`` (~4.5 ms) and ``QTextLength.Type``, the first text layout
    ``QTextLayout``'s and ``QTextLine``'s: ~10 ms (idle machine) of the first review opened in a
    process, at a time the window had none to spare. Called once the window is up and idle
    (``PaneArea``), before a review is read."""
    from PySide6.QtCore import QMetaType
    from PySide6.QtGui import (
        QGradient,
        QTextDocument,
        QTextFormat,
        QTextLayout,
        QTextLength,
        QTextLine,
    )

    del QGradient, QMetaType, QTextDocument, QTextFormat, QTextLayout, QTextLength, QTextLine
