"""Long lines: two one-line articles of ~300 KB with a claim on them, through the command line.

QA issue #18 item 1: export with one claim on two one-line articles of 312 KB / 336 KB never
finished (the word diff of the two one-passage articles was quadratic), nor did the window
opening them. This makes two such files (a repeated sentence with no full stop, and the same
words in lower case with no punctuation), then times ``new``, ``claim add``, ``export`` (HTML)
and ``gui --screenshot`` (offscreen) as separate processes, printing wall and child CPU time.
Run it under ``nice -n 5`` with ``OMP_NUM_THREADS=1`` on a shared machine and say the load.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/long_lines.py [--kb 312] [--no-gui]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=312, help="size of each one-line file")
    ap.add_argument("--no-gui", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["HOME"] = str(work)
        size = args.kb * 1000
        (work / "longline.txt").write_text((SENTENCE * (size // len(SENTENCE) + 1))[:size])
        (work / "nopunct.txt").write_text((LOWER * (size // len(LOWER) + 1))[:size])
        print(f"two one-line files of {args.kb} KB; load {os.getloadavg()[0]:.1f}")
        _run("new (2 articles)", ["new", "r.factdesk", "longline.txt", "nopunct.txt"], work)
        ids = subprocess.run([sys.executable, "-m", "factdesk", "info", "r.factdesk"], cwd=work,
                             capture_output=True, text=True, check=True).stdout
        article = next(line.split()[0] for line in ids.splitlines() if "manokwari quake" in line)
        _run("claim add", ["claim", "add", "r.factdesk", "--article", article,
                           "--quote", "manokwari quake killed four people"], work)
        _run("export -f html (1 claim)", ["export", "r.factdesk", "-o", "r.html"], work)
        if not args.no_gui:
            _run("gui --screenshot", ["gui", "--screenshot", "r.png", "r.factdesk"], work)


if __name__ == "__main__":
    main()
