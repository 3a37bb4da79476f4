"""The parallel panes side by side, with Meld-like bands between neighbours.

The panes sit in a QSplitter whose handles *are* the band widgets, so a band is always exactly
as wide as the gap it fills and moves with it; the splitter sits in a horizontal scroll area, so
more panes than fit scroll sideways instead of being squeezed unreadably thin.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QScrollArea, QSplitter, QSplitterHandle, QWidget

from factdesk.ui.panes.pane import MIN_PANE_WIDTH, ArticlePane
from factdesk.ui.panes.turn import turn
from factdesk.ui.panes.view import prepare_types

BAND_WIDTH = 28  # wide enough to follow a band, narrow enough for five panes at 1920 px
TIGHT_BAND_WIDTH = 14  # six or seven outlets: the curves still show which passages meet
#: reviews with at most this many articles have every pane filled at once once opened (an
#: edit shows every pane's new text in its turn); above it a pane's text is laid out when
#: the pane comes into view (300 articles: 300 setPlainText calls were most of a 1.1 s stall
#: on opening)
EAGER_PANES = 8
#: Panes made at once: a review just opened makes its panes a slice at a time between events
#: (the turn's budget, see panes/turn.py), the first slice with the review, and fills them in
#: later slices too, however few (300 panes took ~1 s to make: each QSplitter addition
#: re-lays out the rest; even 10 at once were ~55 ms, a pane costing ~1.7 ms to construct and
#: more to add; the 5 seeds' panes made and filled at once were ~50 ms of a ~80 ms opening).
#: Once opened, a review of up to ``EAGER_PANES`` articles gets a pane for an article added
#: at once, as before.
MADE_AT_ONCE = 0
#: at most this many panes of a review just opened are veiled (see ``PaneArea.veil``): more
#: than a 1920 px view holds at the panes' minimum width
VEILED_AT_MOST = 12
#: panes of a splitter let go of whose insides are deleted together (see ``_retire_some``)
RETIRED_AT_ONCE = 5


class BandHandle(QSplitterHandle):
    """Draws a band from each aligned passage in the pane on its left to its counterpart."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        splitter = self.splitter()
        assert isinstance(splitter, PaneSplitter)
        left, right = splitter.neighbours(self)
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().color(self.backgroundRole()))
        if left is None or right is None:
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        lv, rv = left.view, right.view
        l_off = lv.viewport().mapTo(splitter, QPoint(0, 0)).y() - self.y()
        r_off = rv.viewport().mapTo(splitter, QPoint(0, 0)).y() - self.y()
        w = float(self.width())
        h = self.height()
        colours = lv.colours
        right_by_group = {m.group: pid for pid, m in rv.marked.items() if m.group}
        for pid, m in lv.marked.items():
            other = right_by_group.get(m.group) if m.group else None
            if other is None:
                continue
            a, b = lv.viewport_span_y(pid), rv.viewport_span_y(other)
            if a is None or b is None:
                continue
            lt, lb = a[0] + l_off, a[1] + l_off
            rt, rb = b[0] + r_off, b[1] + r_off
            if max(lb, rb) < 0 or min(lt, rt) > h:
                continue
            selected = m.group == lv.selected_group
            # a band whose other end is out of view is drawn faintly, so the bands that
            # connect what the reader can see stand out from those that run off the edge
            partial = min(lb, rb) < 0 or max(lt, rt) > h
            path = QPainterPath(QPointF(0, lt))
            path.cubicTo(QPointF(w / 2, lt), QPointF(w / 2, rt), QPointF(w, rt))
            path.lineTo(QPointF(w, rb))
            path.cubicTo(QPointF(w / 2, rb), QPointF(w / 2, lb), QPointF(0, lb))
            path.closeSubpath()
            fill = colours.band(m.group, selected)
            edge = colours.edge(m.group)
            if partial and not selected:
                fill.setAlpha(fill.alpha() // 3)
                edge.setAlpha(70)
            p.fillPath(path, fill)
            p.setPen(QPen(edge, 2.0 if selected else 1.0))
            p.drawPath(path)
        p.end()


class PaneSplitter(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHandleWidth(BAND_WIDTH)
        self.setChildrenCollapsible(False)
        # made wider as panes are added right of the view (``PaneArea._grow``): only the new
        # part is painted, not every pane in view again
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    def createHandle(self) -> QSplitterHandle:  # noqa: N802
        return BandHandle(self.orientation(), self)

    def neighbours(self, handle: QSplitterHandle) -> tuple[ArticlePane | None, ArticlePane | None]:
        """The readable panes left and right of a handle: hidden panes and panes narrowed to
        their strips are skipped on the left, and a handle before a strip draws no bands (with
        two outlets compared, the bands run from the first to the second across the strips)."""
        index = self.indexOf(handle)  # (a handle's index is its widget's; walking every
        # handle to find it was ~0.3 ms a band with 300 panes, for each band painted)
        if index <= 0:
            return None, None
        right = self.widget(index)
        left = next((w for w in (self.widget(i) for i in range(index - 1, -1, -1))
                     if not w.isHidden() and not getattr(w, "narrow", False)), None)
        if not isinstance(left, ArticlePane) or not isinstance(right, ArticlePane) \
                or right.narrow:
            return None, None
        return left, right


class PaneArea(QScrollArea):
    """Holds the panes; ``passage_activated`` tells which passage the reader moved to."""

    passage_activated = Signal(str, str)
    caret_moved = Signal(str, int)  # article id, code-point offset
    warning_dismissed = Signal(str)  # article id
    splitter_moved = Signal()
    narrow_asked = Signal(str, bool)  # article id, narrow: the ◂/▸ in a pane's header
    panes_added = Signal(list)  # panes made after set_panes returned, already prepared
    completed = Signal()  # every pane of the review is made (after panes made in slices)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = PaneSplitter()
        self.splitter.splitterMoved.connect(lambda *_: self._after_move())
        self.setWidget(self.splitter)
        self.panes: list[ArticlePane] = []
        #: where the selected passages sit below the panes' tops (set when levelling), so a
        #: pane filled later lines up with the others
        self.level_y: int | None = None
        self._target = 0  # how many panes the review has (some may still be being made)
        #: gives panes made later their article and the current selection (set by the view)
        self.prepare: Callable[[list[ArticlePane]], None] | None = None
        self.horizontalScrollBar().valueChanged.connect(self.fill_visible)
        self.tight = False
        # the next slice of panes: a timer, not a posted call, so that input (and anything
        # else waiting on the event loop) is served between two slices
        self._grow_timer = QTimer(self)
        self._grow_timer.setSingleShot(True)
        self._grow_timer.setInterval(0)
        self._grow_timer.timeout.connect(self._next_slice)
        #: panes in or near the view still to be filled, nearest first (a slice at a time)
        self._to_fill: list[ArticlePane] = []
        #: panes of a review just shown whose updates are off until revealed, a pane a turn
        #: (see ``veil``); while ``_veiling``, panes made are veiled too
        self._veiled: list[ArticlePane] = []
        self._veiling = False
        #: a review of few articles being opened: its panes made and filled in slices as a
        #: big review's are, until every one is (then ``lazy`` is False again)
        self._opening_small = False
        self._is_full = False  # see _full
        #: splitters let go of, with the panes whose insides are still to delete and the
        #: emptied panes still to delete (a slice a turn, see ``_retire_some``)
        self._retiring: list[tuple[PaneSplitter, list[ArticlePane], list[ArticlePane]]] = []
        self._retire_timer = QTimer(self)
        self._retire_timer.setSingleShot(True)
        self._retire_timer.setInterval(0)
        self._retire_timer.timeout.connect(self._retire_some)
        #: steps of showing a review that run in a turn of their own (see ``defer``)
        self._deferred: list[Callable[[], None]] = []
        #: the panes not hidden, left to right, and each article's pane with its place
        #: (see ``shown_panes`` and ``pane_for``), worked out again when panes change
        self._shown: list[ArticlePane] | None = None
        self._by_article: dict[str, tuple[int, ArticlePane]] = {}
        # once the window is idle, not in the first review's opening (see prepare_types)
        QTimer.singleShot(0, prepare_types)

    def defer(self, step: Callable[[], None]) -> None:
        """Run ``step`` at the start of a turn of the event loop of its own, before the next
        slice of panes: the "Same fact?" pair shown again once its panes are made (~20 ms)
        ran in the turn that made them, after the slice had spent the turn's budget."""
        self._deferred.append(step)
        self._grow_timer.start()

    def set_tight(self, tight: bool) -> None:
        """Condensed text and slim bands in every pane (see ui/room.py), or the usual ones."""
        self.tight = tight
        self.splitter.setHandleWidth(TIGHT_BAND_WIDTH if tight else BAND_WIDTH)
        for pane in self.panes:
            pane.set_tight(tight)
        self.update_bands()

    def set_panes(self, count: int, *, opening: bool = False) -> list[ArticlePane]:
        """Make ``count`` panes, reusing existing ones (their scroll is kept).

        A review being opened (``opening``), or one of more than ``EAGER_PANES`` articles,
        gets a first slice now (at least one pane, within the turn's budget:
        ``panes/turn.py``) and the rest a slice per turn of the event loop, each handed to
        ``prepare`` and announced by ``panes_added`` (``completed`` at the end), and its
        panes are filled in later slices (``lazy``), so the window answers keys while a
        review is laid out; a small review already open makes a new pane at once.
        """
        self._opening_small = opening and count <= EAGER_PANES
        self._is_full = False
        self._target = count
        self._to_fill = []
        self._veiled = [p for p in self._veiled if p in self.panes[:count]]
        if len(self.panes) != count:
            self.level_y = None
        if len(self.panes) - count > EAGER_PANES:
            # QSplitter re-lays out all its widgets on every removal or move (250 removals:
            # ~0.7 s): a fresh splitter takes the new panes and the old one goes in one piece
            self._new_splitter()
        self._shown = None
        while len(self.panes) > count:
            pane = self.panes.pop()
            pane.setParent(None)
            pane.deleteLater()
        if count <= EAGER_PANES and not self._opening_small:
            while len(self.panes) < count:
                self._make_pane()
        else:
            # a review being opened: one pane in the turn that shows it, none when panes of
            # the review before are reused (the turn has the rest of the window's showing to
            # do: three panes made within the budget were ~10 ms of a 60 ms opening of 300
            # articles after another review)
            made = 1 if opening and self.panes else 0
            while len(self.panes) < count and (made < max(1, MADE_AT_ONCE)
                                               or (not opening and turn.has_time())):
                self._make_pane()
                made += 1
        self._relayout()
        if len(self.panes) < count:
            self._grow_timer.start()
        else:
            self._grow_timer.stop()
        self._hold_paints()
        return self.panes

    def _hold_paints(self) -> None:
        """No painting of the panes while the next ones made would still narrow those in view.

        Until the panes' minimum widths fill the view, each pane added takes its share of the
        width from every pane shown, whose text wraps anew and is painted again (twice): with
        one or two panes made a turn, every turn repainted all the panes in view, 20-40 ms
        (a 5,000-claim review). Held, the panes in view are painted once, at the width they
        keep, when the view is full or every pane is made."""
        hold = not self.complete() and not self._full()
        if self.viewport().updatesEnabled() == hold:
            self.viewport().setUpdatesEnabled(not hold)

    def _full(self) -> bool:
        """Whether the panes at their minimum widths fill the view (kept once true while a
        review grows: a splitter's minimum size walks every pane, ~1-2 ms with 300)."""
        if not self._is_full:
            self._is_full = self.splitter.minimumSizeHint().width() >= self.viewport().width()
        return self._is_full

    def _relayout(self) -> None:
        """Lay the splitter out now, at the width its panes need, rather than at the next turn
        of the event loop: panes added to a shown splitter overlap until then (and a paint or
        a screenshot in between shows them so)."""
        self.splitter.refresh()
        width = max(self.viewport().width(), self.splitter.minimumSizeHint().width())
        self.splitter.resize(width, self.viewport().height())

    def _new_splitter(self) -> None:
        old = self.splitter
        old.hide()
        self._retiring.append((old, self.panes, []))
        self._retire_timer.start()
        splitter = PaneSplitter()
        splitter.setHandleWidth(TIGHT_BAND_WIDTH if self.tight else BAND_WIDTH)
        splitter.splitterMoved.connect(lambda *_: self._after_move())
        self.panes = []
        self._shown = None
        self.splitter = splitter
        self.takeWidget()
        self.setWidget(splitter)
        self._veiled = []

    def _retire_some(self) -> None:
        """Delete a few panes' insides of a splitter let go of (``_new_splitter``), while the
        turn has time (a slice a turn at least), then the splitter with what is left of them.

        The old splitter deleted in one piece with its 300 panes (~4,000 widgets) was ~95 ms
        (CPU) in the turn after the next review was shown; a pane's insides five at a time
        are ~1-3 ms, and deleting them, unlike the panes themselves, makes the splitter
        re-lay out nothing. Then the emptied panes, five at a time (each deletion re-lays out
        the splitter's rest: 300 at once, with the splitter, were 20-37 ms in one turn), and
        the splitter last."""
        while self._retiring and (turn.fresh() or turn.has_time()):
            turn.has_time()  # (starts the turn's clock)
            splitter, panes, emptied = self._retiring[0]
            if panes:
                for pane in panes[-RETIRED_AT_ONCE:]:
                    for child in pane.findChildren(
                            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                        shiboken6.delete(child)
                emptied.extend(panes[-RETIRED_AT_ONCE:])
                del panes[-RETIRED_AT_ONCE:]
            elif emptied:
                for pane in emptied[-RETIRED_AT_ONCE:]:
                    shiboken6.delete(pane)
                del emptied[-RETIRED_AT_ONCE:]
            else:
                self._retiring.pop(0)
                shiboken6.delete(splitter)
        if self._retiring:
            self._retire_timer.start()

    def complete(self) -> bool:
        """Whether every pane of the review has been made (see ``set_panes``)."""
        return len(self.panes) >= self._target

    def _make_pane(self) -> ArticlePane:
        pane = ArticlePane()
        pane.passage_activated.connect(self.passage_activated)
        pane.warning_dismissed.connect(self.warning_dismissed)
        pane.view.caret_moved.connect(
            lambda offset, p=pane: self.caret_moved.emit(p.article_id, offset))
        pane.view.scrolled.connect(self.update_bands)
        pane.narrowed.connect(self.narrow_asked)
        pane.set_tight(self.tight)
        if self._veiling and len(self.panes) < VEILED_AT_MOST:
            pane.setUpdatesEnabled(False)
            self._veiled.append(pane)
        self.splitter.addWidget(pane)
        self.panes.append(pane)
        if self._shown is not None and not pane.isHidden():
            self._shown.append(pane)  # (made last: rightmost)
        else:
            self._shown = None
        return pane

    def veil(self) -> None:
        """A review was just shown: its panes in view are painted a pane per turn of the
        event loop rather than all at once.

        A pane's first paint lays out the text in view and measures its claims' underlines
        (1-6 ms a pane, more with thousands of claims); the ~9 panes a 1920 px view holds,
        painted in the turn that showed the review or in the one that ended the hold on
        paints (``_hold_paints``), were 50-60 ms at once. Veiled panes have their updates
        off (what the window showed there stays until then); ``settled`` waits for them."""
        self._veiling = True
        for pane in self.panes[:VEILED_AT_MOST]:
            if pane not in self._veiled:
                pane.setUpdatesEnabled(False)
                self._veiled.append(pane)
        if self._veiled:
            self._grow_timer.start()

    def panes_in_view(self) -> list[ArticlePane]:
        """The shown panes that meet the visible part of the scroll area."""
        left = self.horizontalScrollBar().value()
        return self._panes_between(left, left + self.viewport().width())

    def _panes_between(self, left: int, right: int) -> list[ArticlePane]:
        """The shown panes that meet splitter pixels ``left`` to ``right``, left to right.

        The shown panes lie left to right in the splitter (a hidden one keeps whatever place
        it had), so the first is found by bisection: walking 300 panes' geometry was ~1-4 ms,
        several times a key press."""
        shown = self.shown_panes()
        first = bisect_left(shown, left, key=lambda p: p.geometry().right())
        out = []
        for pane in shown[first:]:
            if pane.geometry().left() > right:
                break
            out.append(pane)
        return out

    def wholly_in_view(self, pane: ArticlePane) -> bool:
        """Whether the whole pane is in the visible part of the scroll area."""
        left = self.horizontalScrollBar().value()
        geometry = pane.geometry()
        return geometry.left() >= left and geometry.right() < left + self.viewport().width()

    def repaint_in_turns(self, panes: list[ArticlePane],
                         lead: ArticlePane | None = None) -> None:
        """Panes about to change (a new selection: J, N, U, a click) are painted a pane per
        turn of the event loop, in the order given, rather than all in the turn of the key.

        Call before changing them. A selection moves the fills and scrolls the counterparts
        of every pane in view: their ~9 paints in one turn (text, fills, the claim underlines
        of blocks scrolled into view) were 50-75 ms of an N press with 5,000 claims, profiled.
        Veiled as a review just opened is (``veil``), each shows what it showed until its turn
        comes, then its new state, whole; ``settled`` waits for them. ``lead`` is veiled too,
        and revealed before any other."""
        for pane in panes:
            if pane not in self._veiled and pane.updatesEnabled():
                pane.setUpdatesEnabled(False)
                self._veiled.append(pane)
        if lead is not None and lead.updatesEnabled():
            lead.setUpdatesEnabled(False)
            if lead in self._veiled:
                self._veiled.remove(lead)
            self._veiled.insert(0, lead)
        if self._veiled:
            self._grow_timer.start()

    def _reveal_some(self) -> None:
        """Reveal the next veiled pane in view (its paint follows in this turn), and at once
        those out of view or hidden (no paint to do)."""
        view_left = self.horizontalScrollBar().value()
        view_right = view_left + self.viewport().width()
        in_view = [p for p in self._veiled if not p.isHidden()
                   and p.geometry().right() >= view_left and p.geometry().left() <= view_right]
        out = [p for p in self._veiled if p not in in_view]
        # a pane waiting for its text is revealed once filled (not painted twice)
        ready = [p for p in in_view if p.filled or p not in self._to_fill]
        shown = out + ready[:1]
        if self.complete() and len(self._veiled) == len(shown):
            self._veiling = False
        for pane in shown:
            self._veiled.remove(pane)
            pane.setUpdatesEnabled(True)
            self._update_bands_beside(pane)

    def _next_slice(self) -> None:
        """One slice of the work left after showing a review: panes in view to fill first,
        then veiled panes in view to reveal (once no longer held), then, when nothing on
        screen is waiting (``turn.urgent``), panes to make."""
        if self._opening_small and self.complete() and not self._to_fill:
            self._opening_small = False  # opened: a small review's panes are filled at once
        if self._deferred:
            if turn.fresh():
                turn.has_time()  # (starts the turn's clock: what it costs counts)
                self._deferred.pop(0)()
            self._grow_timer.start()
        elif self._to_fill:
            self._fill_some()
        elif self._veiled and self.viewport().updatesEnabled():
            if turn.fresh() or turn.has_time():  # a pane a turn at least
                turn.has_time()  # (starts the turn's clock)
                self._reveal_some()
            self._grow_timer.start()
        elif not self.complete():
            # and not in a turn another step has spent (a pane is made whatever the budget
            # once begun: after the last piece of a 300-pane splitter let go of, ~20 ms, a
            # pane made in the same turn was a 59 ms stall)
            if turn.urgent or not (turn.fresh() or turn.has_time()):
                self._grow_timer.start()
                return
            self._grow()

    def _grow(self) -> None:
        """Make the next few panes; schedule the rest for the next turn of the event loop."""
        if self.complete():
            return
        # the turn's clock starts here, so that what this slice costs before its first pane
        # is made counts: it started only after that pane, and a second pane always followed
        # (two panes and the splitter's work were 25-45 ms a turn past 250 panes)
        turn.has_time()
        made: list[ArticlePane] = []
        widths = [(p, p.width()) for p in self.panes if p.filled] \
            if self.level_y is not None else []
        # Once the panes fill the view (each at its minimum width), a pane added to the
        # splitter squeezed the others for a moment (no room for it yet) and the splitter,
        # made wider, moved them back: every pane in view was painted again, ~9 panes in
        # every turn of a big review's growing (15-40 ms). Instead the panes shown keep
        # their width (their maximum pinned to it), but the last: the splitter is first made
        # wider by the new pane's room, which the last pane takes and then gives to the new
        # one (only the last pane moves, at the right end of the panes made so far).
        full = self._full()
        shown = list(self.shown_panes()) if full else []
        pinned = [(p, p.maximumWidth()) for p in shown[:-1]]
        for pane, _ in pinned:
            pane.setMaximumWidth(pane.width())
        if pinned:
            self.splitter.refresh()  # (it takes its panes' maximums only when laid out)
        while not self.complete() and (not made or turn.has_time()):
            if full:
                # (a minimum too, or the scroll area sizes it back to its panes' at once)
                room = self.splitter.width() + MIN_PANE_WIDTH + self.splitter.handleWidth()
                self.splitter.setMinimumWidth(room)
                self.splitter.resize(room, self.splitter.height())
            made.append(self._make_pane())
        for pane, maximum in pinned:
            pane.setMaximumWidth(maximum)
        if full:
            self.splitter.setMinimumWidth(0)
        self._relayout()
        if self.level_y is not None:
            # panes already shown got narrower to make room and their text wrapped anew: the
            # selected passages go back level with the others
            for pane, width in widths:
                pid = pane.view.current_passage
                if pane.width() != width and pid is not None and pid in pane.view.marked:
                    pane.view.scroll_passage_to(pid, self.level_y)
        if self.prepare is not None:
            self.prepare(made)
        self.panes_added.emit(made)
        if self.lazy():  # panes made in view are filled in the next slices
            self._queue_visible()
        self._hold_paints()
        if self.complete():
            self._veiling = False
            self.update_bands()
            self.completed.emit()
        if self._to_fill or not self.complete() or self._veiled:
            self._grow_timer.start()

    def settled(self) -> bool:
        """Whether every pane is made and every pane in or near the view is filled: nothing
        of showing the review is left for later slices."""
        return self.complete() and not self._to_fill and not self._veiled \
            and not self._deferred

    # ------------------------------------------------------------------ lazy filling
    def lazy(self) -> bool:
        """Whether panes are filled as they come into view (a review of many articles)."""
        return self._opening_small or max(len(self.panes), self._target) > EAGER_PANES

    def fill(self, pane: ArticlePane) -> ArticlePane:
        """Make sure ``pane`` shows its text, levelled with the selection; returns it."""
        if pane.fill():
            self._after_fill([pane])
        return pane

    def filled_pane(self, article_id: str) -> ArticlePane | None:
        """The article's pane with its text in (for code that is about to act on it)."""
        pane = self.pane_for(article_id)
        return self.fill(pane) if pane is not None else None

    def fill_visible(self, *_: object, guess: bool = False) -> None:
        """Fill the panes in (or half a screen beside) the visible part of the scroll area:
        those in view first, a slice per turn of the event loop (``panes/turn.py``), starting
        at the next (ten panes filled at once, as opening, scrolling sideways or a key moving
        to a far pane did, were up to ~100 ms). A pane about to be acted on is filled at
        once by :meth:`fill`.

        With ``guess`` (the splitter not laid out yet), the first panes that fit in the width
        are taken, and the real check follows once the layout is done."""
        self._queue_visible(guess=guess)
        if guess:
            QTimer.singleShot(0, self.fill_visible)
        if self._to_fill:
            self._grow_timer.start()

    def _queue_visible(self, *, guess: bool = False) -> None:
        """Queue the unfilled panes in or near the view, those in view first."""
        width = max(1, self.viewport().width())
        if self._opening_small:  # every pane of a small review, hidden ones too
            self._to_fill = [p for p in self.panes if not p.filled]
            return
        if guess:
            shown = [p for p in self.panes if not p.isHidden()]
            fits = width // (shown[0].minimumWidth() + self.splitter.handleWidth()) + 2 \
                if shown else 0
            wanted = shown[:fits]
        else:
            view_left = self.horizontalScrollBar().value()
            wanted = self._panes_between(view_left - width // 2, view_left + width + width // 2)
            # in view first, then those beside it, nearest first
            wanted.sort(key=lambda p: max(0, view_left - p.geometry().right(),
                                          p.geometry().left() - view_left - width))
        self._to_fill = [p for p in wanted if not p.filled]

    def _fill_some(self) -> None:
        """Fill queued panes for one slice (at least one); the rest at the next turn."""
        done: list[ArticlePane] = []
        while self._to_fill and (not done or turn.has_time()):
            pane = self._to_fill.pop(0)
            if pane.fill():
                done.append(pane)
        if done:
            self._after_fill(done)
        if self._opening_small and self.complete() and not self._to_fill:
            self._opening_small = False  # opened: a small review's panes are filled at once
        if self._to_fill or not self.complete() or self._veiled:
            self._grow_timer.start()

    def _after_fill(self, panes: list[ArticlePane]) -> None:
        """A pane filled late goes to its part of the current selection, level with it."""
        for pane in panes:
            pid = pane.view.current_passage
            if pid is not None and pid in pane.view.marked:
                pane.view.place_cursor(pid)
                if self.level_y is not None:
                    pane.view.scroll_passage_to(pid, self.level_y)
        self.update_bands()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._is_full = False
        if self.lazy():
            QTimer.singleShot(0, self.fill_visible)

    def pane_for(self, article_id: str) -> ArticlePane | None:
        """The article's pane (None if not made yet), found in a dictionary: a key press
        asks for the panes of a group's members, not for every pane."""
        found = self._by_article.get(article_id)
        if found is not None:
            index, pane = found
            if index < len(self.panes) and self.panes[index] is pane \
                    and pane.article_id == article_id:
                return pane
        # panes were made, let go of or given other articles since: index them again (a
        # pass over the panes' ids, no call into Qt)
        self._by_article = {p.article_id: (i, p) for i, p in enumerate(self.panes)}
        found = self._by_article.get(article_id)
        return found[1] if found is not None else None

    def pane_index(self, pane: ArticlePane) -> int:
        """The pane's place from the left among all panes (hidden ones included)."""
        found = self._by_article.get(pane.article_id)
        if found is None or found[1] is not pane:
            self.pane_for(pane.article_id)
            found = self._by_article.get(pane.article_id)
        return found[0] if found is not None and found[1] is pane else self.panes.index(pane)

    def visible_panes(self) -> list[ArticlePane]:
        return list(self.shown_panes())

    def shown_panes(self) -> list[ArticlePane]:
        """The panes not hidden, left to right; kept until a pane is made, let go of,
        hidden or shown (``set_shown``), or the area is shown. Asking each of 300 panes
        ``isHidden()``, several times a key press, was ~1-3 ms, each call into Qt also a
        hand-over of the GIL to the details' diff thread. Do not change the list."""
        if self._shown is None:
            self._shown = [p for p in self.panes if not p.isHidden()]
        return self._shown

    def set_shown(self, pane: ArticlePane, shown: bool) -> None:
        """Show or hide a pane (a hidden article's)."""
        if pane.isHidden() == shown:
            pane.setVisible(shown)
            self._shown = None

    def showEvent(self, event: object) -> None:  # noqa: N802
        # panes made while the window was not shown yet are shown with it
        self._shown = None
        super().showEvent(event)  # type: ignore[arg-type]

    def update_bands(self) -> None:
        """Repaint the bands in view (with 300 panes, updating every handle cost ~5 ms; going
        through them all to find those in view ~3 ms, several times a key press).

        A band beside a veiled pane (``repaint_in_turns``, ``veil``) is painted with that
        pane, when it is revealed (``_update_bands_beside``), not now: the ~9 bands of a
        view repainted in the turn of the key press were 2-6 ms of it, and each veiled pane
        revealed repainted them all again."""
        left = self.horizontalScrollBar().value()
        right = left + self.viewport().width()
        splitter = self.splitter
        count = splitter.count()
        if count < 2:
            return
        # handles lie left to right: the first one whose right edge is in view, by bisection
        first = bisect_left(range(1, count), left, key=lambda i: (
            splitter.handle(i).x() + splitter.handle(i).width())) + 1
        veiled = set(self._veiled)
        for i in range(first, count):
            handle = splitter.handle(i)
            if handle.x() > right:
                break
            if veiled and (splitter.widget(i) in veiled or splitter.widget(i - 1) in veiled):
                continue
            handle.update()

    def _update_bands_beside(self, pane: ArticlePane) -> None:
        """Repaint the bands either side of a pane (past narrowed strips and hidden panes on
        its right, whose handles draw the bands from it)."""
        splitter = self.splitter
        index = splitter.indexOf(pane)
        if index < 0:
            return
        if index > 0:
            splitter.handle(index).update()
        for i in range(index + 1, splitter.count()):
            splitter.handle(i).update()
            widget = splitter.widget(i)
            if not widget.isHidden() and not getattr(widget, "narrow", False):
                break

    def _after_move(self) -> None:
        if self.lazy():
            self.fill_visible()
        self.update_bands()
        self.splitter_moved.emit()

    def set_narrow(self, narrow: set[str]) -> None:
        """Narrow exactly these articles' panes to their strips; the room goes to the rest."""
        changed = False
        for pane in self.panes:
            want = pane.article_id in narrow
            if pane.narrow != want:
                pane.set_narrow(want)
                changed = True
        if changed:
            self._is_full = False
            wide = [p for p in self.panes if not p.narrow]
            sizes = [p.minimumWidth() if p.narrow else max(1, self.viewport().width()
                                                            // max(1, len(wide)))
                     for p in self.panes]
            self.splitter.setSizes(sizes)
            self.update_bands()

    def ensure_pane_visible(self, pane: ArticlePane, *, in_turns: bool = False) -> None:
        """Scroll sideways so a pane is in view (when there are more panes than fit).

        ``in_turns`` (a new selection): the panes this brings into view, but ``pane``, are
        painted a pane per turn (``repaint_in_turns``); ~9 panes scrolled into view at once,
        with their claims' underlines, were 60-70 ms of an N press (10,000 claims)."""
        self.fill(pane)
        bar = self.horizontalScrollBar()
        before = bar.value()
        self.ensureWidgetVisible(pane, 0, 0)
        if in_turns and bar.value() != before:
            # the splitter moved, not the panes: veiled now, they are not painted in this
            # turn. Every pane in view but ``pane``, those in view before too: the part of a
            # pane the move uncovers is painted as a pane of its own, as dear as the whole
            # (two such strips of one pane were 2 x 15-18 ms of an N press, profiled)
            self.repaint_in_turns([p for p in self.panes_in_view() if p is not pane])
            if pane.updatesEnabled() and pane not in self._veiled:
                pane.setUpdatesEnabled(False)
                self._veiled.insert(0, pane)
                self._grow_timer.start()
