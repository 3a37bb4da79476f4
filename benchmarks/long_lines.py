"""Long lines: two one-line articles of ~300 KB with a claim on them, through the command line.

QA issue #18 item 1: export with one claim on two one-line articles of 312 KB / 336 KB never
finished (the word diff of the two one-passage articles was quadratic), nor did the window
opening them. This makes two such files (a repeated sentence with no full stop, and the same
words in lower case with no punctuation), then times ``new``, ``claim add``, ``export`` (HTML)
and ``gui --screenshot`` (offscreen) as separate processes, printing wall and child CPU time.
Run it under ``nice -n 5`` with ``OMP_NUM_THREADS=1`` on a shared machine and say the load.

``--stalls`` makes instead a review of the two lines and a third article, one unbroken 200 KB
"word" (``--word-kb``), straight in the store (``build_direct`` says why), and opens it in a
window in this process with ``gui_stalls``' 5 ms heartbeat: the longest
GUI-thread stall (wall, and the GUI thread's CPU in its busiest gap) while opening until every
pane is made and the window is idle, while pressing J through the groups, and while the
window is resized (the panes' text wrapped again).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/long_lines.py [--kb 312] [--no-gui]
        [--stalls] [--word-kb 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = ("The quake killed four people in Manokwari and destroyed hundreds of buildings, "
            "officials said on Sunday ")
LOWER = "manokwari quake killed four people and destroyed buildings officials said on sunday "


def _run(label: str, args: list[str], cwd: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factdesk", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{label:<28} rc {done.returncode}  {wall:6.2f} s wall  {cpu:6.2f} s CPU")


def window_stalls(path: Path) -> None:
    """Open ``path`` in a window here; print the longest GUI-thread stalls (see gui_stalls)."""
    # factdesk first: gui_stalls puts this checkout first on sys.path, and an A/B run points
    # PYTHONPATH at another one
    from factdesk.ui.app import make_app
    from factdesk.ui.mainwindow import MainWindow

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gui_stalls import Heartbeat, j_presses, open_stall
    from PySide6.QtTest import QTest

    app = make_app()
    window = MainWindow(remember=False)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    t0 = time.process_time()
    (stall, cpu), wall = open_stall(app, window, path, "long lines")
    details = window.docks.details  # type: ignore[attr-defined]
    while details.rendering:  # the details' diffs of the first group, if one is selected
        QTest.qWait(20)
    print(f"window: open (until every pane is made and idle) {stall} ms longest stall "
          f"(GUI-thread CPU {cpu} ms); {wall:.2f} s wall; process CPU "
          f"{time.process_time() - t0:.2f} s", flush=True)
    groups = len(window.snapshot.groups)  # type: ignore[attr-defined]
    outer = Heartbeat()  # the presses and the details' diffs that follow them
    outer.start()
    presses = j_presses(app, window, max(1, min(groups, 5)), "J")
    print(f"window: J x{len(presses)} ({groups} groups), longest stall "
          f"{max(p[0] for p in presses)} ms (GUI-thread CPU {max(p[1] for p in presses)} ms)",
          flush=True)
    t = time.perf_counter()
    while details.rendering:
        QTest.qWait(20)
    stall, cpu = outer.lateness()
    print(f"window: details ready {time.perf_counter() - t:.2f} s after the last J; longest "
          f"stall from the first J until then {stall} ms (GUI-thread CPU {cpu} ms)", flush=True)
    beat = Heartbeat()
    beat.start()
    for size in ((1500, 900), (1920, 1080)):
        window.resize(*size)
        QTest.qWait(400)
    stall, cpu = beat.lateness()
    print(f"window: two resizes, longest stall {stall} ms (GUI-thread CPU {cpu} ms)",
          flush=True)
    window.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=312, help="size of each one-line file")
    ap.add_argument("--no-gui", action="store_true")
    ap.add_argument("--stalls", action="store_true",
                    help="add a one-word file and measure the window's stalls in-process")
    ap.add_argument("--word-kb", type=int, default=200, help="size of the one-word file")
    ap.add_argument("--keep", type=Path, help="build the review in this folder, or reuse it "
                    "(its `new` and `claim add` are then not timed again)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        os.environ["HOME"] = str(work)
        print(f"one-line files of {args.kb} KB" + (f" and one {args.word_kb} KB word"
                                                   if args.stalls else "")
              + f"; load {os.getloadavg()[0]:.1f}")
        if args.stalls:  # the window alone, on a review made in the store (see build_direct)
            if not (work / "stalls.factdesk").exists():
                build_direct(work / "stalls.factdesk", args.kb, args.word_kb)
            window_stalls(work / "stalls.factdesk")
            return
        if not (work / "r.factdesk").exists():
            build(work, args)
        _run("export -f html (1 claim)", ["export", "r.factdesk", "-o", "r.html"], work)
        if not args.no_gui:
            _run("gui --screenshot", ["gui", "--screenshot", "r.png", "r.factdesk"], work)


def build_direct(path: Path, kb: int, word_kb: int) -> None:
    """The stalls' review, put in the store directly: the two one-line files and a
    ``word_kb`` KB unbroken "word", one passage each, the two lines in one group (so the
    details diff them) and a claim on one. Not through ``factdesk new``: on main of 3 Dec
    17:00 its conflict check reads figures clause by clause at a cost that grows with the
    square of a line's length (30 KB: 28 s, of it 18 s in ``quantities._clause``; 312 KB did
    not finish in 4 CPU-minutes) — the window is what this measures."""
    import hashlib

    from factdesk.core import claim_edits
    from factdesk.core.model import AlignmentGroup, Article, GroupMember, Passage
    from factdesk.core.store import Review

    size = kb * 1000
    texts = {"longline": (SENTENCE * (size // len(SENTENCE) + 1))[:size],
             "nopunct": (LOWER * (size // len(LOWER) + 1))[:size],
             "oneword": "".join(chr(ord("a") + (i * 7919) % 26)
                                for i in range(word_kb * 1000))}
    with Review.open(path, create=True) as review:
        for name, text in texts.items():
            digest = hashlib.sha256(text.encode()).hexdigest()
            review.add_article(Article(name, f"{name}.txt", text, digest, outlet=name.title()),
                               [Passage(f"{name}.0", name, 0, 0, len(text), text)])
        review.replace_analysis([AlignmentGroup("g1", (GroupMember("longline.0", 0.9),
                                                       GroupMember("nopunct.0", 0.9)), 0.9)],
                                [])
        quote = "manokwari quake killed four people"
        start = texts["nopunct"].index(quote)
        claim_edits.create_claim(review, "nopunct", start, start + len(quote),
                                 reviewer="bench")


def build(work: Path, args: argparse.Namespace) -> None:
    """The files, ``new`` and ``claim add``, timed."""
    size = args.kb * 1000
    (work / "longline.txt").write_text((SENTENCE * (size // len(SENTENCE) + 1))[:size])
    (work / "nopunct.txt").write_text((LOWER * (size // len(LOWER) + 1))[:size])
    _run("new (2 articles)", ["new", "r.factdesk", "longline.txt", "nopunct.txt"], work)
    ids = subprocess.run([sys.executable, "-m", "factdesk", "info", "r.factdesk"], cwd=work,
                         capture_output=True, text=True, check=True).stdout
    article = next(line.split()[0] for line in ids.splitlines() if "manokwari quake" in line)
    _run("claim add", ["claim", "add", "r.factdesk", "--article", article,
                       "--quote", "manokwari quake killed four people"], work)


if __name__ == "__main__":
    main()
