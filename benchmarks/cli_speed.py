"""End-to-end time of the command line on the seed corpus (issue target: align < 2 s).

    .venv/bin/python benchmarks/cli_speed.py [--runs 5]

Prints the median and best wall time of `factdesk --version` (start-up alone) and of
`factdesk align --json` over the five seed articles, each run in a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def timed(argv: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    factdesk = [sys.executable, "-m", "factdesk"]
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    for label, argv in [
        ("factdesk --version", [*factdesk, "--version"]),
        (f"factdesk align --json ({len(seeds)} seeds)", [*factdesk, "align", "--json", *seeds]),
    ]:
        times = timed(argv, args.runs)
        print(f"{label}: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
              f"({args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
