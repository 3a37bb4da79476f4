"""The window's quick lookups, worked out on one thread beside the GUI thread.

What a reviewer asks for with a key and reads a moment later: the details' word diffs of the
selected group, and the check of a passage's own words (what the inspector suggests, what A
saves, what U passes over). Each is pure Python over the immutable review snapshot, 5-200 ms on
a 300-article review (``benchmarks/gui_stalls.py --profile``), which on the GUI thread put J, N
and U over the 50 ms the window allows itself. Here they run one after the other on a single
thread; a result comes back to the GUI thread by a queued signal, and the caller decides there
whether it is still wanted (the reviewer may have moved on).

The standard library's one-thread executor rather than a ``QThreadPool`` of ``QRunnable``
jobs: no Qt object is made, owned or deleted here (the pool deleted each finished runnable,
its Python wrapper with it, on its own thread); the one Qt call this thread makes is the emit
of a signal whose receiver lives in the GUI thread. Cyclic garbage is collected in the GUI
thread only, so this thread never frees a widget either (``ui/gcpause``).

Not the database executor (``workers.TaskRunner``): these jobs never touch the review file, so
they never wait behind a save, and a save never waits behind them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from factdesk.ui import gcpause, idlegate

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Made in the GUI thread, so what a job hands back is called there (queued)."""

    ready = Signal(object)  # a callable of no arguments, to run in the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ready.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _call(self, call: Callable[[], None]) -> None:
        call()


_executor: ThreadPoolExecutor | None = None
_pending: set[Future[None]] = set()  # submitted, not yet done: what ``wait`` drops
_relay: _Relay | None = None


def _guarded(job: Callable[[], None]) -> None:
    try:
        job()
    except Exception:  # a lookup that fails shows nothing; the window carries on
        log.warning("a background lookup failed", exc_info=True)


def worker() -> ThreadPoolExecutor:
    """The lookup thread (made when first needed): jobs run one after the other."""
    global _executor
    if _executor is None:
        # The lookups are pure Python on this thread while the GUI thread calls into Qt, which
        # lets go of the GIL at every call: at the default 5 ms switch interval the GUI thread
        # waited up to 5 ms to get it back, many times in one key press (J: 26 ms of GUI-thread
        # CPU was a 77 ms stall). The interval is 0.5 ms for the window's whole life
        # (ui/idlegate; set here too for a widget used without the window).
        idlegate.install()
        gcpause.collect_on_gui_thread()  # this thread never frees a Qt object (ui/gcpause)
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factdesk-lookups")
        app = QCoreApplication.instance()
        if app is not None:  # a job still running finishes before Python is torn down
            app.aboutToQuit.connect(wait)
    return _executor


def _submit(job: Callable[[], None]) -> None:
    future = worker().submit(_guarded, job)
    _pending.add(future)
    future.add_done_callback(_pending.discard)


def wait(msecs: int = 10_000) -> None:
    """Drop the jobs not yet started and wait for the running one (closing, tests)."""
    jobs = list(_pending)
    for future in jobs:
        future.cancel()
    futures_wait(jobs, timeout=msecs / 1000)


def _relay_here() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay(QCoreApplication.instance())  # lives as long as the application
    return _relay


def run(work: Callable[[], T], done: Callable[[T], None], owner: QObject) -> None:
    """Call ``work()`` on the lookup thread, then ``done(result)`` in the GUI thread if
    ``owner`` still exists. ``work`` reads only what no one changes meanwhile (a snapshot);
    ``done`` checks that its result is still wanted. Call in the GUI thread."""
    relay = _relay_here()

    def job() -> None:
        result = work()
        with contextlib.suppress(RuntimeError):  # the application is being torn down
            relay.ready.emit(partial(_deliver, owner, done, result))

    _submit(job)


def _deliver(owner: QObject, done: Callable[[Any], None], result: Any) -> None:
    if shiboken6.isValid(owner):  # the window that asked may have closed meanwhile
        done(result)


def start(job: Callable[[], None]) -> None:
    """Queue a job that hands back its own result (the details' diffs)."""
    _submit(job)
