"""The "Same fact?" queue: the pairs the alignment is least sure of, one at a time.

A tab of the details area (beside Wording, Groups, Conflicts, Facts). It shows the two
passages with their outlets and word differences, and the panes scroll to them; **Y** says they
report the same fact, **N** that they do not, **S** skips (asked again after the others,
re-alignments included, while the review stays open). Each answer is one committed transaction
(``Review.answer_pair``) and an undoable step of the window's undo stack; then the review is
re-aligned in the background — the per-story refit and the grouping run in the pipeline's child
process, never on the GUI thread — and the groups on screen change when it finishes. Answers
given while an alignment runs are queued: one more alignment follows, not one per answer.

A pair two reviewers answered differently (merged review files: ``Review.open_pair_disputes``)
is asked before the alignment's questions, with each side's file, answer and time; Y / N
settles it like any answer (one transaction, one undoable step). The pair being read stays
when a re-alignment lands, while it is still to be asked.

Y, N and S are read only while the queue has the keyboard focus (N is "next conflict"
elsewhere); the panel claims them from the window's shortcuts (``ShortcutOverride``).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStatusBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from factdesk.ui.palette import group_colours
from factdesk.ui.panes.turn import turn

if TYPE_CHECKING:
    from factdesk.core.store import PairAnswer, Review
    from factdesk.ui.presenter import ReviewSnapshot
    from factdesk.ui.reviewview import ReviewView

log = logging.getLogger(__name__)

Pair = tuple[str, str]


def pair_runs(first: str, second: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Each passage as runs of (text, differs from the other passage), by the word diff: both
    passages are read whole, the words only one of them has marked (not struck through, as the
    Wording tab does against a reference, since here neither passage is the reference)."""
    from factdesk.core.align.diff import DiffKind, diff_words

    one: list[tuple[str, bool]] = []
    two: list[tuple[str, bool]] = []
    for span in diff_words(first, second):
        if span.kind is DiffKind.EQUAL:
            one.append((span.text, False))
            two.append((span.text, False))
        elif span.kind is DiffKind.INSERT:
            two.append((span.text, True))
        else:
            one.append((span.text, True))
    return one, two


def pair_html(snap: ReviewSnapshot, a: str, b: str, probability: float | None,
              dark: bool) -> str:
    """The question as HTML (everything escaped): what the alignment does with the pair now,
    then each outlet's passage with the words the other lacks marked."""
    first, second = snap.passage_by_id[a], snap.passage_by_id[b]
    shared = sorted(set(snap.groups_of_passage.get(a, ())) & set(snap.groups_of_passage.get(b, ())),
                    key=lambda g: snap.group_number.get(g, 0))
    now = (f"The alignment now puts them together in group {snap.group_number[shared[0]]}"
           if shared else "The alignment now keeps them apart")
    if probability is not None:
        now += f" ({probability:.0%} likely the same fact)"
    sides = snap.disputes.get((a, b), ())
    disputed = ""
    if sides:
        said = "".join(f"<li>{html.escape(s.source or 'another review')} said "
                       f"<b>{'same fact' if s.same else 'not the same'}</b> "
                       f"({html.escape(when(s.created_at))})</li>" for s in sides)
        disputed = ("<p><b>Disputed:</b> the reviews merged here answered this pair "
                    f"differently, so it is undecided.</p><ul>{said}</ul>"
                    "<p>Your answer (Y / N) settles it; both answers stay on record.</p>")
    mark = "background-color: " + ("#5a4a12" if dark else "#fff0b3")
    rows = []
    for passage, runs in zip((first, second), pair_runs(first.text, second.text), strict=True):
        text = "".join(f'<span style="{mark}">{html.escape(t)}</span>' if differs
                       else html.escape(t) for t, differs in runs)
        rows.append(f'<tr><td style="padding: 2px 10px 8px 0; white-space: nowrap;" '
                    f'valign="top"><b>{html.escape(snap.label(passage.article_id))}</b></td>'
                    f'<td style="padding-bottom: 8px;">{text}</td></tr>')
    return (f"{disputed}<p><i>{html.escape(now)}.</i> Highlighted: words only one of them "
            "has.</p>"
            f"<table cellspacing=0>{''.join(rows)}</table>")


def when(stamp: str) -> str:
    """A stored answer's time as a reviewer reads it ("3 Mar 2026, 10:00 UTC"); the stamp
    itself when it does not parse."""
    try:
        at = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if at.tzinfo is not None:
        at = at.astimezone(UTC)
    return f"{at.day} {at:%b %Y, %H:%M} UTC"


#: the "Same fact?" pair a review just shown goes to (``turn.urgent`` until it is shown)
PAIR_JOB = "same-fact pair"


class QueueHost(Protocol):
    """What the queue needs of the window (the main window is one)."""

    review: Review | None
    snapshot: ReviewSnapshot | None
    view: ReviewView
    undo_stack: QUndoStack
    task_failed: Signal

    def realign(self, focus: str | None = None,
                then: Callable[[], None] | None = None) -> None: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802
    def mark_saved(self) -> None: ...


class AnswerCommand(QUndoCommand):
    """One answer in the queue. The window stores it before pushing (a refused write is
    reported and nothing pushed), so the first redo only re-aligns; undo puts the pair back as
    it was (no answer, or the answer it replaced), redo answers again."""

    def __init__(self, review: Review, pair: Pair, same: bool, previous: PairAnswer | None,
                 changed: Callable[[Pair, bool], None], settles: bool = False) -> None:
        what = "same fact" if same else "not the same fact"
        super().__init__(f"Settle disputed pair: {what}" if settles else f"Answer: {what}")
        self.review, self.pair, self.same, self.previous = review, pair, same, previous
        self.changed = changed
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.review.answer_pair(*self.pair, self.same)
        self.changed(self.pair, False)

    def undo(self) -> None:
        self.review.restore_pair_answer(*self.pair, self.previous)
        self.changed(self.pair, True)


class SameFactPanel(QWidget):
    """The queue's tab; see the module docstring."""

    answered = Signal(object, bool)  # (pair, same): stored and pushed
    count_changed = Signal(int)  # questions left, for the tab's title

    def __init__(self, host: QueueHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        # a just-shown review's first pair, shown by a timer object, not QTimer.singleShot(0,
        # …): that one is a posted event, run in the same pass of the event loop as the
        # showing turn (no paint, no input between them)
        self._pending_pair: tuple[object, object, tuple[str, str]] | None = None
        self._pair_timer = QTimer(self)
        self._pair_timer.setSingleShot(True)
        self._pair_timer.setInterval(0)
        self._pair_timer.timeout.connect(self._show_pending_pair)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.text.installEventFilter(self)
        self.yes = QPushButton("Same fact (Y)")
        self.no = QPushButton("Not the same (N)")
        self.skip = QPushButton("Skip (S)")
        for button, slot in ((self.yes, lambda: self.answer(True)),
                             (self.no, lambda: self.answer(False)),
                             (self.skip, self.skip_question)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the queue
            button.clicked.connect(slot)
        self.hint = QLabel("Y: same fact · N: not the same · S: skip · Ctrl+Z: undo the "
                           "last answer. Each answer is saved at once; the alignment learns "
                           "from it and re-groups what you have not decided.")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.yes, self.no, self.skip):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        #: pairs skipped this session (asked again after the others), answered but not yet
        #: in an alignment, and an undone pair to ask first
        self.skipped: list[Pair] = []
        self.pending: set[Pair] = set()
        self.first: Pair | None = None
        self.current: Pair | None = None
        #: the question whose wording is still to be drawn (when its tab is next shown)
        self._html_for: tuple[str, str, float | None] | None = None
        self._aligning = False
        self._again = False
        self._review: Review | None = None
        host.task_failed.connect(self._alignment_failed)
        self.show_next()

    # ------------------------------------------------------------------ the queue
    def remaining(self) -> list[Pair]:
        """The questions still to ask, in order: an undone one first, then the pairs two
        reviewers answered differently (disputed: a decision waiting, not a guess to improve),
        then the alignment's order, skipped ones last."""
        snap = self.host.snapshot
        if snap is None:
            return []
        # a hidden article's pane is out of the reader's way: no question about it either
        shown = {pid for pid, p in snap.passage_by_id.items() if p.article_id not in snap.hidden}
        asked = [q for q in snap.disputes if q[0] in shown and q[1] in shown]
        asked += [(a, b) for a, b, _p in snap.questions
                  if a in shown and b in shown and (a, b) not in snap.disputes]
        out = [q for q in asked if q not in self.pending and q not in self.skipped]
        out += [q for q in self.skipped if q in asked and q not in self.pending]
        if self.first is not None and self.first not in self.pending:
            out = [self.first] + [q for q in out if q != self.first]
        return out

    def refresh(self) -> None:
        """A new snapshot is shown (after an alignment, or another review opened)."""
        snap = self.host.snapshot
        if self.host.review is not self._review:  # another review: its own queue
            self._review = self.host.review
            self.skipped, self.pending, self.first, self.current = [], set(), None, None
            self._aligning = self._again = False
        if snap is not None and not snap.stale and not self._aligning:
            self.pending.clear()  # the stored questions leave out every stored answer
        self.show_next(scroll=False, keep=True)

    def show_next(self, *, scroll: bool = True, keep: bool = False) -> None:
        """Show the first remaining question; ``scroll``: bring the panes to it (also done
        when the question shown changed, or the queue's tab is in view). ``keep`` (a new
        snapshot, say the alignment after an answer): the question being read stays while it
        is still to be asked, rather than the new order's first taking its place under the
        reviewer's eyes (measured on the seeds: after each of 4 answers the pair shown was
        replaced about a second later, when the re-alignment landed); a disputed pair still
        comes first."""
        left = self.remaining()
        snap = self.host.snapshot
        if (keep and self.current in left and snap is not None
                and not (left[0] in snap.disputes and self.current not in snap.disputes)):
            left.remove(self.current)
            left.insert(0, self.current)
        before, self.current = self.current, left[0] if left else None
        scroll = scroll or self.current != before or self.isVisible()
        self.count_changed.emit(len(left))
        for button in (self.yes, self.no, self.skip):
            button.setEnabled(self.current is not None)
        if snap is None:
            self.count.setText("Open a review to answer its questions.")
            self.text.clear()
            return
        busy = " · re-aligning with your answers…" if self._aligning else ""
        if self.current is None and not snap.questions_stored and snap.groups:
            self.count.setText("No questions yet" + busy)
            self.text.setHtml(
                "<p>This review was aligned by an older factdesk, which kept no questions. "
                "Re-align it (Review › Re-align, Ctrl+R) to find the pairs worth asking "
                "about.</p>")
            return
        if self.current is None:
            self.count.setText("No questions left: the alignment is sure of its other links"
                               + busy)
            self.text.setHtml(
                "<p>Every pair the alignment was unsure of has an answer, or none was "
                "left. New questions come after the next re-alignment.</p>")
            return
        n = len(left)
        disputed = sum(1 for q in left if q in snap.disputes)
        self.count.setText(f"Same fact? {n} question{'s' if n != 1 else ''} left"
                           + (f" ({disputed} disputed)" if disputed else "") + busy)
        a, b = self.current
        probability = next((p for x, y, p in snap.questions if (x, y) == (a, b)), None)
        self._html_for = (a, b, probability)
        if self.isVisible():
            self._show_html()
        else:  # the pair's word diff is drawn when the tab is shown (opening: ~10 ms less)
            self.text.clear()
        if scroll and keep:
            self._show_pair_next_turn(a, b)
        elif scroll:
            self.host.view.show_pair(a, b)

    def _show_pair_next_turn(self, a: str, b: str) -> None:
        """A review just shown goes to its first pair in a turn of its own: levelling the
        panes there (~8 ms on a 300-article review) had been part of the one turn that shows
        the review, its longest stall. Dropped if the reviewer has moved meanwhile."""
        self._pending_pair = (self.host.snapshot, self.host.view.selection, (a, b))
        turn.wait_for(PAIR_JOB, True)
        self._pair_timer.start()

    def _show_pending_pair(self) -> None:
        turn.wait_for(PAIR_JOB, False)
        pending, self._pending_pair = self._pending_pair, None
        if pending is None:
            return
        snap, selection, pair = pending
        if (self.host.snapshot is snap and self.current == pair
                and self.host.view.selection is selection):
            self.host.view.show_pair(*pair)

    def _show_html(self) -> None:
        """Both outlets' wording of the question waiting to be drawn, if any."""
        snap, pair = self.host.snapshot, self._html_for
        self._html_for = None
        if snap is not None and pair is not None and pair[:2] == self.current:
            self.text.setHtml(pair_html(snap, *pair, group_colours(self.palette()).dark))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._html_for is not None:
            self._show_html()

    def skip_question(self) -> None:
        if self.current is None:
            return
        pair = self.current
        if self.first == pair:
            self.first = None
        self.skipped = [q for q in self.skipped if q != pair] + [pair]
        self.show_next()

    def answer(self, same: bool) -> None:
        """Store the answer (one transaction), push it on the undo stack, re-align. On a
        disputed pair the answer is its settlement (``Review.answer_pair`` stamps it newer
        than both sides); undo opens the dispute again."""
        review, pair = self.host.review, self.current
        if review is None or pair is None:
            return
        try:
            previous, _new = review.answer_pair(*pair, same)
        except Exception as exc:  # a read-only or damaged file: say so, change nothing
            log.warning("answer failed", exc_info=exc)
            self.host.statusBar().showMessage(f"Answer not saved: {exc}", 8000)
            return
        snap = self.host.snapshot
        settles = snap is not None and pair in snap.disputes
        self.host.undo_stack.push(AnswerCommand(review, pair, same, previous, self._changed,
                                                settles))
        self.answered.emit(pair, same)

    def _changed(self, pair: Pair, undone: bool) -> None:
        """After a stored answer, its undo or its redo: ask the next question (or the undone
        one again) at once, and re-align in the background."""
        if undone:
            self.pending.discard(pair)
            self.first = pair
        else:
            self.pending.add(pair)
            if self.first == pair:
                self.first = None
        self.skipped = [q for q in self.skipped if q != pair]
        self._realign()
        self.show_next()

    def _realign(self) -> None:
        if self._aligning:
            self._again = True  # one more alignment after this one, with every answer
            return
        self._aligning = True
        self._again = False
        self.host.realign(None, then=self._aligned)

    def _aligned(self) -> None:
        self._aligning = False
        if self._again:
            self._realign()
        else:
            self.host.mark_saved()
        self.refresh()

    def _alignment_failed(self, _exc: object) -> None:
        if self._aligning:
            self._aligning = False
            self.show_next(scroll=False)

    # ------------------------------------------------------------------ keys
    def _key(self, event: QKeyEvent) -> bool:
        """Y, N, S with no modifier (Shift ignored): answer or skip; whether it was one."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        return event.key() in (Qt.Key.Key_Y, Qt.Key.Key_N, Qt.Key.Key_S)

    def event(self, event: QEvent) -> bool:
        # Y/N/S here, not the window's N (next conflict): taking the override makes Qt deliver
        # the key to this widget as a key press
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._key(event):
            event.accept()
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # the passages' text keeps the keys too when it was clicked into
        if watched is self.text and isinstance(event, QKeyEvent) and self._key(event):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self._key(event):
            key = event.key()
            if key == Qt.Key.Key_Y:
                self.answer(True)
            elif key == Qt.Key.Key_N:
                self.answer(False)
            else:
                self.skip_question()
            event.accept()
            return
        super().keyPressEvent(event)
