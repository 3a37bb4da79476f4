"""The GUI thread's time for deferred work in one turn of the event loop.

Opening a review leaves work for later: panes to make, panes in view to fill, claim underlines
to measure. Each is done a slice at a time between events, but slices of separate jobs that
fall due together run in the same turn of the event loop, one after the other, with the paint
after them: three 15 ms slices and a paint are one 60 ms stall. So they share one budget per
turn: the first step of a turn starts its clock, every step asks ``has_time()`` first, and a
zero timer armed then ends the turn (at the next turn of the event loop).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

#: the time deferred work may take in one turn of the event loop, its paint included
TURN_BUDGET_S = 0.012


class _Turn:
    def __init__(self) -> None:
        self.started: float | None = None
        self._timer: QTimer | None = None
        #: work the reader is waiting for (underlines of panes in view, the details of the
        #: selected group): panes out of view are made only when none is left, so that a big
        #: review's growing never starves what is on screen
        self.urgent: set[str] = set()

    def wait_for(self, job: str, pending: bool) -> None:
        """Mark ``job`` as pending (or done) work the reader is waiting for."""
        if pending:
            self.urgent.add(job)
        else:
            self.urgent.discard(job)

    def has_time(self) -> bool:
        """Whether this turn's budget has time left (starting the turn's clock if need be)."""
        now = time.perf_counter()
        if self.started is None:
            self.started = now
            if self._timer is None:
                self._timer = QTimer()
                self._timer.setSingleShot(True)
                self._timer.setInterval(0)
                self._timer.timeout.connect(self._end)
            self._timer.start()
        return now - self.started < TURN_BUDGET_S

    def spend(self) -> None:
        """Count this turn's budget as used: work whose cost comes after it (a table's
        layout and first paint) leaves the turn's other slices to the next one."""
        if self.has_time():  # starts the clock, and the timer that ends the turn
            self.started = time.perf_counter() - TURN_BUDGET_S

    def fresh(self) -> bool:
        """Whether no step has run yet in this turn (a step that must make progress runs
        then, whatever the budget)."""
        return self.started is None

    def _end(self) -> None:
        self.started = None


turn = _Turn()
