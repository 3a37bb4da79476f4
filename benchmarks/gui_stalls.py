"""The longest GUI-thread stall while opening 5 / 50 / 300-article reviews and while pressing J,
N and U 50 times each on reviews with 5,000 and 10,000 claims and on the 300-article one.

A 5 ms heartbeat timer in the GUI thread measures its own lateness: the longest gap between two
ticks, less the 5 ms interval, is the longest time the window could not answer (the issue's
target: < 50 ms). Beside it the GUI thread's CPU time in its busiest gap, which does not grow
when other jobs share the machine (the wall figure does). Opening counts from `open_path`
until the review is painted and every pane made (the reading is done in the worker; making
and laying out the panes is the GUI thread's). A J press is the
Next-group action triggered as the key would, followed by the repaint it causes; the median,
the 90th percentile and the longest of the 50 presses are printed.

Reviews: the five seed articles (imported and aligned as the window would), the first 50 and
300 ECB+ articles (one passage per sentence, aligned), and the 50-article review with 5,000 or
10,000 claims spread over its passages (words 0–40 of a passage, then further in), a third of
them with evidence, statuses mixed. Built once in a temporary folder (``--keep DIR`` keeps it).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_stalls.py [--keep DIR]
        [--only open|j] [--presses 50] [--keys J N U] [--profile N]

``--profile N`` restarts a cProfile of the GUI thread at every heartbeat tick and keeps the one
of each case's busiest gap (GUI-thread CPU), printing its N costliest functions by cumulative
GUI-thread CPU time: where the longest stall went. The profiler slows the GUI thread ~1.5-2x,
so the figures of a profiled run are not the ones to quote.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gui_startup  # noqa: E402

SEEDS = ROOT.parent / "shared/corpus/seeds"
INTERVAL_MS = 5
#: with --profile N: how many functions of the busiest gap's profile to print (0: no profile)
PROFILE_TOP = 0
#: what the last opening's longest stall was made of (``Heartbeat.split``)
LAST_SPLIT = ""


def build_seeds(path: Path) -> None:
    from factdesk.core.importing import import_files
    from factdesk.core.store import Review

    with Review.open(path, create=True) as review:
        import_files(review, sorted(SEEDS.glob("*.txt")))


def add_claims(source: Path, path: Path, n_claims: int) -> None:
    """A copy of ``source`` with ``n_claims`` claims over its passages, one transaction."""
    from factdesk.core import claim_edits
    from factdesk.core.model import ClaimStatus
    from factdesk.core.store import Review

    shutil.copy(source, path)
    statuses = list(ClaimStatus)
    with Review.open(path) as review, review.transaction():
        passages = [p for p in review.passages() if p.end - p.start > 20]
        for k in range(n_claims):
            p = passages[k % len(passages)]
            lap = k // len(passages)  # later laps take spans further into the passage
            start = min(p.start + 6 * lap, p.end - 10)
            end = min(p.end, start + 40)
            claim = claim_edits.create_claim(review, p.article_id, start, end, reviewer="bench",
                                             status=statuses[k % len(statuses)])
            if k % 3 == 0:
                other = passages[(k + 1) % len(passages)]
                claim_edits.add_evidence(review, claim.id, other.id, "supports",
                                         reviewer="bench")


def runqueue_s() -> float:
    """The calling thread's time so far runnable but waiting for a CPU (Linux schedstat; 0
    where there is none): other jobs' time. A thread waiting for the GIL sleeps instead."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class Heartbeat:
    """A 5 ms timer in the GUI thread. The longest gap between two ticks, less the interval, is
    the longest stall (wall ms); beside it, the GUI thread's own CPU time in the gap with the
    most of it (``time.thread_time``), which other jobs on a shared machine do not inflate.
    For the longest gap also what the rest of it was: waiting for a CPU (other jobs: the
    machine's load) or neither running nor runnable — waiting for the GIL (or a lock)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.max_gap = 0.0
        self.max_cpu = 0.0
        self.gap_split = (0.0, 0.0, 0.0)  # the longest gap's (CPU, waiting for a CPU, blocked)

        self.profiler: cProfile.Profile | None = None
        self.busiest: pstats.Stats | None = None  # the profile of the busiest gap (--profile)

    def start(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()
        self.queued = runqueue_s()
        self.timer.start(INTERVAL_MS)
        self._restart_profile()

    def _restart_profile(self) -> None:
        if PROFILE_TOP:
            # the GUI thread's CPU time, as the figures are: wall time would charge whatever
            # call was running when another job took the CPU
            self.profiler = cProfile.Profile(time.thread_time)
            self.profiler.enable()

    def _tick(self) -> None:
        if self.profiler is not None:
            self.profiler.disable()
        wall, cpu, queued = time.perf_counter(), time.thread_time(), runqueue_s()
        if wall - self.wall > self.max_gap:
            self.max_gap = wall - self.wall
            used, waited = cpu - self.cpu, queued - self.queued
            # blocked: less the interval the timer waited for by design
            self.gap_split = (used, waited,
                              max(0.0, self.max_gap - used - waited - INTERVAL_MS / 1000))
        if cpu - self.cpu > self.max_cpu:
            self.max_cpu = cpu - self.cpu
            if self.profiler is not None:
                self.busiest = pstats.Stats(self.profiler)
        self.wall, self.cpu, self.queued = wall, cpu, queued
        self._restart_profile()

    def lateness(self) -> tuple[int, int]:
        """(longest stall in wall ms, most GUI-thread CPU ms between two ticks)."""
        self.timer.stop()
        self._tick()
        if self.profiler is not None:
            self.profiler.disable()
            self.profiler = None
        return (max(0, round(self.max_gap * 1000) - INTERVAL_MS),
                round(self.max_cpu * 1000))

    def split(self) -> str:
        """What the longest stall was made of (after ``lateness``)."""
        used, waited, blocked = (round(v * 1000) for v in self.gap_split)
        return (f"longest: {used} ms running, {waited} ms waiting for a CPU, {blocked} ms "
                "for the GIL or a lock")

    def print_profile(self, label: str) -> None:
        """The busiest gap's costliest functions (with --profile)."""
        if self.busiest is None:
            return
        out = io.StringIO()
        self.busiest.stream = out  # type: ignore[attr-defined]
        self.busiest.sort_stats("cumulative").print_stats(PROFILE_TOP)
        print(f"--- profile of the busiest gap: {label} ---")
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def open_stall(app: object, window: object, path: Path,
               label: str = "") -> tuple[tuple[int, int], float]:
    """((longest stall ms, its GUI-thread CPU ms), wall s) from open_path until the review
    is painted and every pane made."""
    beat = Heartbeat()
    beat.start()
    t = time.perf_counter()
    window.open_path(str(path))  # type: ignore[attr-defined]
    gui_startup.wait_for(app, window.review_shown)  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[attr-defined]
    from PySide6.QtTest import QTest

    while not window.view.area.complete():  # type: ignore[attr-defined]
        QTest.qWait(20)  # a big review's panes are made between events
    QTest.qWait(300)  # paints and anything deferred after the first paint
    wall = time.perf_counter() - t
    stall = beat.lateness()
    beat.print_profile(f"open {label or path.name}")
    global LAST_SPLIT
    LAST_SPLIT = beat.split()
    return stall, wall


def facts_stall(app: object, window: object, path: Path) -> None:
    """Open the 300-article review with the Facts tab shown: its sheet is computed in a
    worker thread while the panes fill; counted until the sheet is in its table."""
    from PySide6.QtTest import QTest

    window.docks.tabs.setCurrentWidget(window.docks.fact_table)  # type: ignore[attr-defined]
    model = window.facts_model  # type: ignore[attr-defined]
    beat = Heartbeat()
    beat.start()
    t = time.perf_counter()
    window.open_path(str(path))  # type: ignore[attr-defined]
    gui_startup.wait_for(app, window.review_shown)  # type: ignore[attr-defined]
    while model.computing or not window.view.area.complete():  # type: ignore[attr-defined]
        QTest.qWait(20)
    QTest.qWait(300)
    (stall, cpu), wall = beat.lateness(), time.perf_counter() - t
    beat.print_profile("open 300 articles, Facts tab shown")
    print(f"  open 300 ECB+ articles, Facts tab shown (until its sheet is in): {stall} ms "
          f"(GUI-thread CPU {cpu} ms; {wall:.2f} s; {model.facts} facts; {beat.split()})",
          flush=True)
    window.docks.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]


def j_presses(app: object, window: object, presses: int,
              key: str = "J") -> list[tuple[int, int]]:
    """Stall of each press of ``key`` (J next group, N next conflict, U next unreviewed
    claim): the action, then the repaint and anything it defers (the details' diffs)."""
    from PySide6.QtTest import QTest

    actions = window.actions_  # type: ignore[attr-defined]
    action = {"J": actions.next_group, "N": actions.next_conflict,
              "U": actions.next_unreviewed}[key]
    stalls = []
    worst: Heartbeat | None = None
    longest: Heartbeat | None = None
    for _ in range(presses):
        beat = Heartbeat()
        beat.start()
        QTest.qWait(15)
        action.trigger()
        QTest.qWait(40)
        stalls.append(beat.lateness())
        if worst is None or beat.max_cpu > worst.max_cpu:
            worst = beat
        if longest is None or beat.max_gap > longest.max_gap:
            longest = beat
    if worst is not None:
        worst.print_profile(f"the costliest {key} press")
    if longest is not None:
        print(f"  {key}: the longest stall, {longest.split()}", flush=True)
    return stalls


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="build (or reuse) the reviews in this folder")
    parser.add_argument("--only", choices=["open", "j"])
    parser.add_argument("--presses", type=int, default=50)
    parser.add_argument("--keys", nargs="+", default=["J", "N", "U"], choices=["J", "N", "U"])
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the N costliest functions of each case's busiest gap")
    parser.add_argument("--cases", nargs="+", metavar="NAME",
                        help="open only the reviews whose label holds one of these words "
                             "(seed, 50, 300, facts, 5,000, 10,000)")
    args = parser.parse_args()
    global PROFILE_TOP
    PROFILE_TOP = args.profile
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="factdesk-stalls-"))
    tmp.mkdir(parents=True, exist_ok=True)
    reviews = {
        "5 seed articles": (tmp / "seeds.factdesk", lambda p: build_seeds(p)),
        "50 ECB+ articles": (tmp / "ecb50.factdesk",
                             lambda p: gui_startup.build_review(p, 50, analyse_now=True)),
        "300 ECB+ articles": (tmp / "ecb300.factdesk",
                              lambda p: gui_startup.build_review(p, 300, analyse_now=True)),
    }
    for label, (path, build) in reviews.items():
        if not path.exists():
            t = time.perf_counter()
            build(path)
            print(f"(built {label} in {time.perf_counter() - t:.1f} s)", flush=True)
    claimed = {n: tmp / f"ecb50-{n}-claims.factdesk" for n in (5000, 10000)}
    for n, path in claimed.items():
        if not path.exists():
            t = time.perf_counter()
            add_claims(reviews["50 ECB+ articles"][0], path, n)
            print(f"(built the {n:,}-claim review in {time.perf_counter() - t:.1f} s)",
                  flush=True)

    from factdesk.ui.app import make_app
    from factdesk.ui.mainwindow import MainWindow

    app = make_app()
    window = MainWindow(remember=False)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    print(f"load average {os.getloadavg()[0]:.1f}; longest GUI-thread stall (target < 50 ms):")
    if args.only in (None, "open"):
        opened = dict(reviews)
        if args.only == "open":  # the claims reviews are opened before their presses otherwise
            opened.update({f"50 ECB+ articles with {n:,} claims": (path, None)
                           for n, path in claimed.items()})
        for label, (path, _) in opened.items():
            if args.cases and not any(c in label for c in args.cases):
                continue
            (stall, cpu), wall = open_stall(app, window, path, label)
            print(f"  open {label}: {stall} ms (GUI-thread CPU {cpu} ms; open to every pane "
                  f"made {wall:.2f} s; {LAST_SPLIT})", flush=True)
        if not args.cases or "facts" in args.cases:
            facts_stall(app, window, reviews["300 ECB+ articles"][0])
    if args.only in (None, "j"):
        runs = [(f"{n:,} claims", path) for n, path in claimed.items()]
        runs.append(("300 articles", reviews["300 ECB+ articles"][0]))
        for label, path in runs:
            if args.cases and not any(c in label for c in args.cases):
                continue
            (stall, cpu), wall = open_stall(app, window, path, label)
            print(f"  open ({label}): {stall} ms (CPU {cpu} ms, {wall:.2f} s)", flush=True)
            for key in args.keys:
                presses = j_presses(app, window, args.presses, key)
                for name, values in (("stall", [p[0] for p in presses]),
                                     ("GUI-thread CPU", [p[1] for p in presses])):
                    q90 = sorted(values)[int(0.9 * (len(values) - 1))]
                    print(f"  {key} x{len(values)} ({label}), {name}: median "
                          f"{statistics.median(values):.0f} ms, p90 {q90} ms, longest "
                          f"{max(values)} ms", flush=True)
    window.close()
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
