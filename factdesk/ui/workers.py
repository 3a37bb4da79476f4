"""Background work: one serialized executor for everything that touches a review file.

Work functions run on a single pooled thread (like Anki's task manager), so two database tasks
never interleave and the GUI thread only ever waits for a short lock. A task reports back only
through Qt signals, which are delivered in the GUI thread; it never touches a widget.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from factdesk.core.progress import Cancelled, CancelToken
from factdesk.ui import gcpause

log = logging.getLogger(__name__)

#: the least time between two progress signals, so a chatty task cannot flood the event loop
PROGRESS_INTERVAL_S = 0.05


class TaskSignals(QObject):
    """Created in the GUI thread, so every connected slot runs there (queued)."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Runs ``fn(progress=..., cancel=...)`` and posts its result or exception by signal."""

    def __init__(self, fn: Callable[..., Any], cancel: CancelToken) -> None:
        super().__init__()
        gcpause.collect_on_gui_thread()  # the pool's thread never frees a Qt object (ui/gcpause)
        self.fn = fn
        self.cancel = cancel
        self.signals = TaskSignals()
        self._last = 0.0
        self.setAutoDelete(False)  # the runner keeps it until its result is delivered

    def _progress(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or done >= total:
            self._last = now
            self.signals.progress.emit(done, total, message)

    def run(self) -> None:
        try:
            result = self.fn(progress=self._progress, cancel=self.cancel)
        except BaseException as exc:  # delivered to the GUI, which decides what to say
            from factdesk.core.store.schema import ReviewFileError

            if isinstance(exc, ReviewFileError):  # a bad file: its message says it all
                log.debug("background task refused: %s", exc)
            elif not isinstance(exc, Cancelled):
                log.warning("background task failed", exc_info=exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """The window's single database executor."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run_task(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> Task:
        """Queue ``fn``; exactly one of ``on_done``/``on_error`` is later called in the GUI thread.

        ``fn`` is called with keyword arguments ``progress`` and ``cancel``.
        """
        task = Task(fn, cancel or CancelToken())
        if on_progress is not None:
            task.signals.progress.connect(on_progress)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._running.remove(task)
            if not self._running:
                self.busy_changed.emit(False)
            callback(value)

        task.signals.done.connect(lambda result: finish(on_done, result))
        task.signals.failed.connect(lambda exc: finish(on_error, exc))
        self._running.append(task)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self.pool.start(task)
        return task

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued work is finished (closing the window, tests)."""
        return self.pool.waitForDone(msecs)
