"""When Python's cyclic garbage collector runs in the window: on the GUI thread only, and
never while a review is read.

**On the GUI thread only.** Automatic collection runs in whichever thread happens to allocate
when a generation is full, and it frees everything unreachable, Qt objects included. A widget
left in a reference cycle (a lambda slot that names its widget, a window closed a moment ago)
was then deleted by the lookup thread or the database worker, while the GUI thread painted:
a segmentation fault about one run in two of ``tests/ui/test_many_articles.py`` (gdb:
``QWidget::~QWidget`` under ``delete_garbage`` on the lookup thread, the GUI thread in
``QWidget::ensurePolished``). Qt objects must die in their own thread, so while the window
runs automatic collection is off and a timer in the GUI thread collects each generation when
the interpreter's own thresholds say it would have (the remedy pyqtgraph's
``GarbageCollector`` and calibre use; no kept library offers it on its own, so it is the few
lines below). Worker threads only allocate; what they leave in cycles waits at most
``COLLECT_EVERY_MS``.

**Never while a review is read.** Python's cyclic collector walks every tracked object of the
oldest generation when it runs a full collection. A review of 10,000 claims is ~80,000 such
objects (claims, anchors, evidence, passages, the snapshot's maps), and reading one made enough
new ones to start full collections: measured 50-80 ms on the database worker while it read
(holding the GIL, so the window stalled too) and 100-140 ms on the GUI thread a moment later,
where they were the longest stalls of opening. While a review is read, collection is off;
afterwards everything alive is moved to the collector's permanent generation (`gc.freeze`),
which collections never walk.

The price: objects frozen there that later become garbage *in reference cycles* are not
reclaimed (those without cycles, which is what a snapshot is made of, are freed as usual when
the last reference goes). Measured while switching between the benchmark reviews, see
benchmarks/README.md ("Scale", "The window").
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

#: how often the GUI thread looks whether a generation is due (a look is one
#: ``gc.get_count()``; a young collection ~0.1-1 ms)
COLLECT_EVERY_MS = 200

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_collector: _GuiThreadCollector | None = None


class _GuiThreadCollector(QObject):
    """Collects in the GUI thread what automatic collection would have, in its order: the
    young generation past its threshold, and with it the older ones past theirs."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(COLLECT_EVERY_MS)
        app.aboutToQuit.connect(self.stop)

    def collect_due(self) -> None:
        if _depth:  # a review is being read: collection waits until it is frozen
            return
        young, middle, old = gc.get_count()
        if young > self.thresholds[0]:
            generation = 0
            if middle > self.thresholds[1]:
                generation = 2 if old > self.thresholds[2] else 1
            gc.collect(generation)

    def stop(self) -> None:
        """Automatic collection back (the application is closing: no more worker jobs)."""
        global _collector, _was_enabled
        self.timer.stop()
        with _lock:
            _collector = None
            if _depth == 0:
                gc.enable()
            else:
                _was_enabled = True


def collect_on_gui_thread() -> None:
    """From now on cyclic garbage is collected in the GUI thread only (see the module doc).
    Call in the GUI thread, once a ``QCoreApplication`` exists; calling again does nothing."""
    global _collector, _was_enabled
    app = QCoreApplication.instance()
    if _collector is not None or app is None or QThread.currentThread() is not app.thread():
        return
    with _lock:
        _collector = _GuiThreadCollector(app)
        if _depth == 0:
            gc.disable()
        else:  # a review is being read: when it is done, collection stays off
            _was_enabled = False


@contextmanager
def reading() -> Iterator[None]:
    """Collection off while the block runs (in any thread: it is process-wide); then what is
    alive is frozen out of later collections and collection is back as it was."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
