"""Garbage cycles holding Qt objects are freed in the GUI thread, never by a worker thread's
collection (which deleted widgets under the GUI thread's feet: a segmentation fault)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Qt

from factdesk.ui import lookups


def _churn() -> None:
    """What a worker does: allocate many tracked objects (each full young generation would
    start an automatic collection in this thread)."""
    keep = []
    for i in range(300_000):
        keep.append([i])
        if len(keep) > 1000:
            keep.clear()


def test_a_qt_object_in_a_garbage_cycle_dies_in_the_gui_thread_not_a_worker(qtbot) -> None:
    lookups.worker()  # the window's lookup thread: with it, collection moves to this thread
    died_in: list[threading.Thread] = []
    obj = QObject()
    obj.me = obj  # a cycle: only the cyclic collector frees it
    obj.destroyed.connect(lambda: died_in.append(threading.current_thread()),
                          Qt.ConnectionType.DirectConnection)
    del obj
    worker = threading.Thread(target=_churn)
    worker.start()
    worker.join()
    assert died_in == []  # the worker's allocations collected nothing
    young = [[] for _ in range(2 * gc.get_threshold()[0])]  # the young generation is full
    qtbot.waitUntil(lambda: bool(died_in), timeout=5000)  # the GUI thread's collector did
    assert died_in == [threading.main_thread()]
    del young


def test_the_gui_threads_collector_frees_cycles_made_on_a_worker(qtbot) -> None:
    """Nothing piles up: what a worker leaves in cycles is freed within a few ticks."""
    lookups.worker()
    gc.collect()
    made = threading.Event()

    class Node:
        pass

    def leave_cycles() -> None:
        for _ in range(5000):
            a, b = Node(), Node()
            a.other, b.other = b, a
        made.set()

    threading.Thread(target=leave_cycles).start()
    made.wait(10)
    assert sum(isinstance(o, Node) for o in gc.get_objects()) >= 10_000 * 0.5
    qtbot.waitUntil(lambda: not any(isinstance(o, Node) for o in gc.get_objects()),
                    timeout=5000)
