"""End-to-end time of the command line on the seed corpus (targets: align < 2 s,
`--version` < 0.15 s, `claim set` < 0.3 s).

    .venv/bin/python benchmarks/cli_speed.py [--runs 5]

Prints the median and best wall time of `factdesk --version` (start-up alone), of
`factdesk claim set` (one status change in a review of the five seeds with one claim) and of
`factdesk align --json` over the five seed articles, each run in a fresh process, and whether
numpy was imported by `--version` and `claim set` (it should not be).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
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
    with tempfile.TemporaryDirectory(prefix="factdesk-cli-") as tmp:
        review = str(Path(tmp) / "seeds.factdesk")
        subprocess.run([*factdesk, "new", review, *seeds], check=True, capture_output=True)
        info = subprocess.run([*factdesk, "info", review, "--json"], check=True,
                              capture_output=True, text=True).stdout
        article = json.loads(info)["articles"][0]["id"]
        quote = Path(seeds[0]).read_text(encoding="utf-8-sig").splitlines()[2][:40]
        claim = subprocess.run([*factdesk, "claim", "add", review, "--article", article,
                                "--quote", quote], check=True, capture_output=True,
                               text=True).stdout.strip()
        commands = [
            ("factdesk --version", [*factdesk, "--version"]),
            ("factdesk claim set", [*factdesk, "claim", "set", review, claim,
                                    "--status", "confirmed"]),
            (f"factdesk align --json ({len(seeds)} seeds)",
             [*factdesk, "align", "--json", *seeds]),
        ]
        for label, argv in commands:
            times = timed(argv, args.runs)
            print(f"{label}: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
                  f"({args.runs} runs)", flush=True)
        for label, argv in commands[:2]:
            probe = ("import sys, runpy; sys.argv = ['factdesk', *sys.argv[1:]]\n"
                     "try:\n    runpy.run_module('factdesk', run_name='__main__')\n"
                     "except SystemExit:\n    pass\n"
                     "print('numpy' in sys.modules, file=sys.stderr)")
            out = subprocess.run([sys.executable, "-c", probe, *argv[3:]], capture_output=True,
                                 text=True)
            print(f"{label}: numpy imported: {out.stderr.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
