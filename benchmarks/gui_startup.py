"""GUI speed figures: launch to window shown, opening a 50-article review, and how long the GUI
thread is blocked at most while 300 articles are aligned in the worker.

Prints figures, asserts nothing. Targets (issue "The review window"): launch < 1.5 s, open a
50-article review < 2 s, longest GUI-thread stall during alignment < 100 ms.
Articles come from ECB+ (``/work/shared/benchmarks/ecbplus/ecbplus_docs.jsonl``): a document's
sentences joined by spaces, one passage per sentence; synthetic text when the file is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ECB = Path(__file__).resolve().parents[1].parent / "shared/benchmarks/ecbplus/ecbplus_docs.jsonl"

CHILD = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from factdesk.ui.app import make_app
from factdesk.ui.mainwindow import MainWindow
app = make_app()
w = MainWindow(remember=False)
w.show()
def shown():
    print(f"SHOWN {time.perf_counter() - t0:.3f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


CHILD_DEMO = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from factdesk.ui.app import make_app
from factdesk.ui.mainwindow import MainWindow
app = make_app()
w = MainWindow(remember=False)
w.resize(1920, 1080)
w.show()
def shown():
    print(f"SHOWN {time.perf_counter() - t0:.3f}", flush=True)
def painted():
    app.processEvents()
    print(f"DEMO {time.perf_counter() - t0:.3f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
w.review_shown.connect(painted)
w.open_demo()
app.exec()
"""


def launch_to_demo(data_dir: Path) -> tuple[float, float, float]:
    """What `make run` shows after the first run: the window, then the (built) demo review
    with its claims painted. Wall time, and from the first import to shown / to painted."""
    env = {**os.environ, "FACTDESK_DATA_DIR": str(data_dir)}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD_DEMO], capture_output=True, text=True,
                         check=True, env=env).stdout
    total = time.perf_counter() - start
    lines = dict(line.split() for line in out.splitlines() if line[:4] in ("SHOW", "DEMO"))
    return total, float(lines["SHOWN"]), float(lines["DEMO"])


def launch_time() -> tuple[float, float]:
    """Wall time from spawning the interpreter to the window's first event-loop turn."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         check=True).stdout
    total = time.perf_counter() - start
    inner = float(next(line for line in out.splitlines() if line.startswith("SHOWN")).split()[1])
    return total, inner


def ecb_docs(n: int) -> list[tuple[str, list[str]]]:
    docs: list[tuple[str, list[str]]] = []
    if ECB.exists():
        with ECB.open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                docs.append((d["doc_id"], [s["text"] for s in d["sentences"]]))
                if len(docs) == n:
                    break
    while len(docs) < n:  # synthetic filler
        i = len(docs)
        docs.append((f"synthetic-{i}", [f"Sentence {j} of synthetic article {i} about event "
                                        f"{i % 7} with {j * 3} people." for j in range(25)]))
    return docs


def build_review(path: Path, n: int, *, analyse_now: bool) -> None:
    from factdesk.core.model import Article, Passage
    from factdesk.core.store import Review

    with Review.open(path, create=True) as review:
        for doc_id, sentences in ecb_docs(n):
            text, passages = "", []
            for i, s in enumerate(sentences):
                if text:
                    text += " "
                passages.append(Passage(f"{doc_id}-{i}", doc_id, i, len(text),
                                        len(text) + len(s), s))
                text += s
            sha = hashlib.sha256(text.encode()).hexdigest()
            review.add_article(Article(doc_id, doc_id, text, sha, outlet=doc_id,
                                       published="2009-01-01"), passages)
        if analyse_now:
            from factdesk.core.reanalysis import analyse

            analyse(review)


class Heartbeat:
    """A 5 ms timer in the GUI thread; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.max_gap = 0

    def start(self) -> None:
        self.clock.start()
        self.timer.start(5)

    def _tick(self) -> None:
        self.max_gap = max(self.max_gap, self.clock.restart())

    def stop(self) -> int:
        self.timer.stop()
        return self.max_gap


def wait_for(app: object, signal: object, timeout_s: float = 600) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def main() -> None:
    total, inner = launch_time()
    print(f"launch to window shown: {total:.2f} s wall (interpreter start included), "
          f"{inner:.2f} s from the first import  [target < 1.5 s]")
    data = Path(tempfile.mkdtemp(prefix="factdesk-bench-data-"))
    launch_to_demo(data)  # the first run builds the demo; the figure is for the runs after
    for _ in range(3):
        total, shown, painted = launch_to_demo(data)
        print(f"launch to the demo review painted (1920x1080): {total:.2f} s wall; window "
              f"shown {shown:.2f} s, demo painted {painted:.2f} s from the first import")

    from factdesk.ui.app import make_app
    from factdesk.ui.mainwindow import MainWindow

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="factdesk-bench-"))
    r50 = tmp / "ecb50.factdesk"
    t = time.perf_counter()
    build_review(r50, 50, analyse_now=True)
    print(f"(built a 50-article ECB+ review with alignment in {time.perf_counter() - t:.1f} s)")

    w = MainWindow(remember=False)
    w.resize(1600, 1000)
    w.show()
    app.processEvents()
    beat = Heartbeat()
    beat.start()
    t = time.perf_counter()
    w.open_path(str(r50))
    wait_for(app, w.review_shown)
    app.processEvents()  # the first paint of the panes
    opened = time.perf_counter() - t
    gap = beat.stop()
    snap = w.snapshot
    assert snap is not None
    print(f"open a 50-article review ({snap.counts()['passages']} passages, "
          f"{len(snap.groups)} groups): {opened:.2f} s to painted  [target < 2 s]; "
          f"longest GUI stall meanwhile {gap} ms (laying out 50 panes)")

    r300 = tmp / "ecb300.factdesk"
    build_review(r300, 300, analyse_now=False)
    w.open_path(str(r300))
    wait_for(app, w.review_shown)
    app.processEvents()
    review = w.review
    assert review is not None
    from factdesk.ui import jobs

    result: dict[str, object] = {}
    beat = Heartbeat()
    beat.start()
    t = time.perf_counter()
    done = w.runner.run_task(lambda **kw: jobs.realign(review, **kw),
                             lambda opened: result.setdefault("opened", opened),
                             lambda exc: result.setdefault("error", exc), w._on_progress)
    wait_for(app, done.signals.done)
    aligned = time.perf_counter() - t
    gap = beat.stop()
    app.processEvents()
    opened = result["opened"]
    t = time.perf_counter()
    w.set_review(opened.review, opened.snapshot)  # type: ignore[attr-defined]
    app.processEvents()
    shown = time.perf_counter() - t
    snap = w.snapshot
    assert snap is not None
    print(f"align 300 ECB+ articles in the worker ({snap.counts()['passages']} passages, "
          f"{len(snap.groups)} groups, {len(snap.conflicts)} conflicts): {aligned:.1f} s; "
          f"longest GUI-thread stall while aligning {gap} ms  [target < 100 ms]")
    print(f"then showing the 300-article result (300 panes) took {shown:.2f} s in the GUI thread")
    w.close()


if __name__ == "__main__":
    main()
