"""What the interpreter's switch interval costs and buys while a worker thread computes in
pure Python and the GUI thread calls into Qt (round eight, "the GIL"; benchmarks/README.md).

PySide6 lets go of the GIL around every call into Qt. While a worker thread runs Python, the
GUI thread then waits to take it back: up to one switch interval per call (CPython's default
5 ms). This script runs the Facts tab's real work in a worker thread (the 300-article
review's fact sheet, or any review's with ``--review``) while the main thread does GUI-like
slices: ~12 ms of Python that calls a cheap Qt function every few microseconds, then an idle
pause, as the window does while it makes panes. For each switch interval it prints the
slices' longest and median wall time against their CPU time (the wait for the GIL is the
difference, less the time the thread waited for a CPU: other jobs'; the machine's load is
printed too), and the worker's wall and CPU time for the sheet (the cost to the worker).
Each interval is run twice: the worker computing straight through, and the worker calling
``ui/idlegate.pause`` before each fact's row, as the window's does.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/gil_switch.py --review REVIEW.factdesk
        [--intervals 5000 500 100 50] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: the GUI-like slice: this much Python with Qt calls, then this long idle in the event loop
SLICE_S = 0.012
IDLE_S = 0.005


def sheet_inputs(path: Path) -> tuple[object, ...]:
    """The fact sheet's inputs as the Facts tab's model copies them from a snapshot."""
    from factdesk.core.store import Review
    from factdesk.ui.presenter import load_snapshot

    with Review.open(path) as review:
        s = load_snapshot(review)
    return ([a for a in s.articles if a.id not in s.hidden], dict(s.passage_by_id),
            tuple(s.groups), tuple(s.conflicts), tuple(s.dependences))


def runqueue_s() -> float:
    """This thread's time spent runnable but waiting for a CPU (other jobs' time, not the GIL's:
    a thread waiting for the GIL sleeps). Linux's schedstat; 0 elsewhere."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except OSError:
        return 0.0


def run(inputs: tuple[object, ...], interval_us: int, paused: bool) -> dict[str, float]:
    """One worker computing the sheet while the main thread runs GUI-like slices."""
    from PySide6.QtGui import QFont, QFontMetrics

    from factdesk.core.check import factsheet
    from factdesk.ui import idlegate

    idlegate.install()  # this thread is the "GUI thread" whose CPU clock pause reads

    factsheet._figures.cache_clear()  # each run computes the sheet from nothing
    metrics = QFontMetrics(QFont())
    sys.setswitchinterval(interval_us / 1e6)
    worker: dict[str, float] = {}

    def work() -> None:
        w, c = time.perf_counter(), time.thread_time()
        factsheet.fact_sheet(*inputs,  # type: ignore[arg-type]
                             pause=idlegate.pause if paused else factsheet._no_pause)
        worker["wall"], worker["cpu"] = time.perf_counter() - w, time.thread_time() - c

    thread = threading.Thread(target=work)
    walls, cpus, queued = [], [], []
    thread.start()
    while thread.is_alive():
        w, c, q = time.perf_counter(), time.thread_time(), runqueue_s()
        while time.thread_time() - c < SLICE_S:
            metrics.horizontalAdvance("fact")  # a Qt call: the GIL is let go and taken back
            sum(range(20))  # and some Python between calls
        walls.append(time.perf_counter() - w)
        cpus.append(time.thread_time() - c)
        queued.append(runqueue_s() - q)
        time.sleep(IDLE_S)  # the event loop waiting: the worker has the GIL to itself
    thread.join()
    sys.setswitchinterval(0.005)
    # what is neither running nor waiting for a CPU is waiting for the GIL
    waits = [w - c - q for w, c, q in zip(walls, cpus, queued, strict=True)]
    return {"slices": len(walls), "longest": max(walls), "median": statistics.median(walls),
            "cpu": statistics.median(cpus), "wait": statistics.median(waits),
            "most_wait": max(waits), "queued": statistics.median(queued),
            "worker_wall": worker["wall"], "worker_cpu": worker["cpu"]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--review", type=Path, required=True)
    parser.add_argument("--intervals", type=int, nargs="+", default=[5000, 500, 100, 50],
                        metavar="MICROSECONDS")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 (fonts need it)
    inputs = sheet_inputs(args.review)
    w, c = time.perf_counter(), time.thread_time()
    from factdesk.core.check import factsheet

    factsheet._figures.cache_clear()
    factsheet.fact_sheet(*inputs)  # type: ignore[arg-type]
    print(f"load average {os.getloadavg()[0]:.1f}; the sheet alone (no GUI slices): "
          f"{(time.perf_counter() - w) * 1000:.0f} ms wall, "
          f"{(time.thread_time() - c) * 1000:.0f} ms CPU")
    print("switch interval, worker | GUI slices: longest / median wall, median CPU, median / most "
          "waiting for the GIL, median waiting for a CPU | the worker's sheet: wall, CPU")
    for _ in range(args.repeat):
        for us in args.intervals:
            for paused in (False, True):
                r = run(inputs, us, paused)
                ms = {k: v * 1000 for k, v in r.items()}
                print(f"{us:>6} us, {'pauses' if paused else 'straight':8} | "
                      f"{ms['longest']:5.1f} / {ms['median']:5.1f} ms, {ms['cpu']:4.1f} ms, "
                      f"{ms['wait']:5.1f} / {ms['most_wait']:5.1f} ms, {ms['queued']:4.1f} ms "
                      f"({r['slices']:.0f} slices) | {ms['worker_wall']:4.0f} ms, "
                      f"{ms['worker_cpu']:4.0f} ms  (load {os.getloadavg()[0]:.1f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
