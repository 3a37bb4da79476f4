"""What the MiniLM sentence embeddings (``factdesk.core.align.embed``) cost at run time.

Prints the onnxruntime import and session load (once per process), the seed review's
passages embedded (best and median of 5), the seed review aligned without and with the
embeddings (``AlignConfig.use_embeddings``, runs alternated so that both see the same load),
and the rate on ECB+ sentences (the first 2,000 of the 982-article corpus), from which the
cost for a whole corpus follows.

    .venv/bin/python benchmarks/embed_speed.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_seed  # noqa: E402
from align_speed import ecb_passages  # noqa: E402


def main() -> int:
    t0 = time.perf_counter()
    import factdesk.core.align.embed as embed

    embed._session()
    print(f"import + session load: {time.perf_counter() - t0:.2f} s "
          f"(load average {os.getloadavg()[0]:.1f})")
    _, passages = align_seed.load(sorted(align_seed.SEEDS.glob("*.txt")))
    texts = [p.text for p in passages]
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        embed.embed(texts)
        runs.append(time.perf_counter() - t0)
    print(f"seed review, {len(texts)} passages: best {min(runs):.3f} s, "
          f"median {statistics.median(runs):.3f} s")
    from factdesk.core.align.config import AlignConfig
    from factdesk.core.align.groups import align_passages

    off, on = [], []
    for _ in range(5):
        for config, runs in ((AlignConfig(), off), (AlignConfig(use_embeddings=True), on)):
            t0 = time.perf_counter()
            align_passages(passages, config=config)
            runs.append(time.perf_counter() - t0)
    print(f"seed review aligned, median of 5: {statistics.median(off):.3f} s without, "
          f"{statistics.median(on):.3f} s with the embeddings")
    n_docs, ps = ecb_passages(None)
    sample = [p.text for p in ps[:2000]]
    t0 = time.perf_counter()
    embed.embed(sample)
    dt = time.perf_counter() - t0
    print(f"ECB+ {len(sample)} sentences: {dt:.2f} s, {len(sample) / dt:.0f} per second; "
          f"all {len(ps)} passages of the {n_docs} articles would take "
          f"~{len(ps) / (len(sample) / dt):.0f} s (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
