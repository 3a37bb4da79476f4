"""Alignment speed and memory: the seed review, and ECB+ (all sentences) at growing sizes.

Every ECB+ article is one article and every sentence one passage; 100, 300 and all 982
articles are aligned as one corpus each. Peak memory is the process's peak RSS
(``resource.getrusage``), which includes the Python interpreter and loaded libraries.

    .venv/bin/python benchmarks/align_speed.py
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_seed  # noqa: E402

from factdesk.core.align.groups import align_passages  # noqa: E402
from factdesk.core.model import Passage  # noqa: E402

ECB = Path(__file__).resolve().parents[2] / "shared/benchmarks/ecbplus/ecbplus_docs.jsonl"


def ecb_passages(limit: int | None) -> tuple[int, list[Passage]]:
    docs = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()]
    docs.sort(key=lambda d: (d["topic"], d["doc_id"]))
    if limit is not None:  # spread the sample over all topics
        step = len(docs) / limit
        docs = [docs[int(k * step)] for k in range(limit)]
    out = [Passage(f"{d['doc_id']}#{s['i']}", d["doc_id"], s["i"], 0, len(s["text"]), s["text"])
           for d in docs for s in d["sentences"]]
    return len(docs), out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> int:
    _, passages = align_seed.load(sorted(align_seed.SEEDS.glob("*.txt")))
    align_passages(passages)  # warm-up: imports, first-call caches
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        align_passages(passages)
        runs.append(time.perf_counter() - t0)
    print(f"seed review: {len(passages)} passages, best of 5 {min(runs):.3f} s, "
          f"median {sorted(runs)[2]:.3f} s")
    for limit in (100, 300, None):
        n_docs, ps = ecb_passages(limit)
        t0 = time.perf_counter()
        groups = align_passages(ps)
        dt = time.perf_counter() - t0
        print(f"ECB+ {n_docs:4d} articles, {len(ps):6d} passages: {dt:6.2f} s, "
              f"{len(groups)} groups, peak RSS so far {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
