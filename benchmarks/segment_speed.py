"""Segmentation time on the seed corpus (was a `< 1.0 s` assertion in tests/core/test_segment.py,
which failed on a loaded machine; a speed is a figure, not a test).

    .venv/bin/python benchmarks/segment_speed.py [--runs 5]

Prints the median and best wall time of `split_passages` over the five seed articles, after a
warm-up (pysbd compiles its rules on first use).
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
    args = parser.parse_args()
    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    split_passages(articles[-1])
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        passages = sum(len(split_passages(a)) for a in articles)
        times.append(time.perf_counter() - started)
    print(f"segment {len(articles)} seed articles ({passages} passages): "
          f"median {statistics.median(times):.3f} s, best {min(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
