"""Worker threads compute while the GUI thread sleeps, and hold back while it works.

Python runs one thread at a time (the GIL). PySide6 lets go of the GIL around every call
into Qt, so while a worker thread runs Python the GUI thread waits to take it back after
each call: a switch interval (CPython's default 5 ms) plus the hand-over, many times in one
turn of the event loop. Measured on the 300-article review opened with its Facts tab shown:
the fact sheet's worker turned 25-35 ms of GUI-thread CPU into 45-98 ms stalls even at a
0.5 ms interval (load 0.7-1.4; `gui_stalls.py`, `gil_switch.py`; benchmarks/README.md,
"Round eight"). A shorter interval only shortens each wait; the hand-over itself stays.

So a worker loop that no key press waits for calls :func:`pause` between small steps (the fact
sheet, before each fact's row; not the details' diffs, which the reader waits for). It
reads the GUI thread's CPU clock: when the GUI thread has used CPU since the last step, it
is working (a turn of the event loop, a paint), and the worker sleeps in
``STEP_S`` naps — letting go of the GIL — until the GUI thread's clock stops moving, or at
most ``MOST_S``; then it works ``GRANT_S`` before it asks again. So while the GUI thread is
busy for seconds on end (a 300-article review's panes are made in 12 ms turns back to back
for ~3 s) the worker still gets about a sixth of the time, and the GUI thread waits for the
GIL during those ~2 ms grants only, not through every turn. When the GUI thread is idle, in its
event loop or blocked waiting for this very worker, its clock stands still and ``pause``
costs one clock read (~1 µs). (Qt's event dispatcher signals, ``aboutToBlock`` and
``awake``, were tried first: with the GLib dispatcher Linux uses, ``awake`` comes ~200
times a second and ``aboutToBlock`` seldom, so they do not tell.) Where a thread's CPU clock
cannot be read (not Linux or a BSD), ``pause`` does nothing.

Also here: the interpreter's switch interval for the window's whole life (``install``), for
the Python that runs outside these loops (reading a review, the quantities of one passage).
"""

from __future__ import annotations

import sys
import threading
import time

#: the switch interval while the window runs (CPython's default is 5 ms): see the module doc
SWITCH_INTERVAL_S = 0.0005
#: the worker's nap while the GUI thread works, the most it waits for it in one pause, and
#: how long it then works before it asks again
STEP_S = 0.001
MOST_S = 0.01
GRANT_S = 0.002
#: GUI-thread CPU in one nap (or since the last pause) that says it is working, not idle (a
#: timer's tick in the event loop is ~0.05 ms)
BUSY_S = 0.0002

_gui_clock: int | None = None  # the GUI thread's CPU clock (time.pthread_getcpuclockid)
#: per worker thread: the GUI thread's CPU time at its last pause (``cpu``), and until when
#: it works without asking (``granted``)
_seen = threading.local()


def install() -> None:
    """Call in the GUI thread (once is enough): remember its CPU clock and shorten the
    interpreter's switch interval."""
    global _gui_clock
    if _gui_clock is not None:
        return
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        _gui_clock = time.pthread_getcpuclockid(threading.get_ident())
        time.clock_gettime(_gui_clock)
    except (AttributeError, OSError):  # no per-thread CPU clocks here: pause does nothing
        _gui_clock = None


def pause() -> None:
    """In a worker thread, between small steps: nap while the GUI thread works (see the
    module doc)."""
    clock = _gui_clock
    if clock is None:
        return
    start = time.perf_counter()
    if start < getattr(_seen, "granted", 0.0):
        return
    used = time.clock_gettime(clock)
    last = getattr(_seen, "cpu", used)
    if used - last < BUSY_S:
        _seen.cpu = used
        return
    deadline = start + MOST_S
    while True:
        time.sleep(STEP_S)  # lets go of the GIL: the GUI thread runs without waiting for it
        now = time.clock_gettime(clock)
        if now - used < BUSY_S:  # the GUI thread is idle again
            break
        used = now
        if time.perf_counter() >= deadline:  # busy for long: a short turn of work
            _seen.granted = time.perf_counter() + GRANT_S
            break
    _seen.cpu = time.clock_gettime(clock)
