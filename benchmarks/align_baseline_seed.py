"""The issue's baselines on the seed gold, for comparison with ``align_seed.py``.

1. single-threshold TF-IDF cosine (words): every cross-article pair at or above the threshold;
2. TF-IDF words + characters (cosines averaged) with average-linkage grouping, cut at a
   distance threshold.

Each is shown at the threshold that is best *on the seed gold itself* (an oracle choice that
flatters the baselines; factdesk's own thresholds were not tuned on the seed alone).

    .venv/bin/python benchmarks/align_baseline_seed.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_seed  # noqa: E402
from pairwise_score import score  # noqa: E402

from factdesk.core.align.config import article_codes  # noqa: E402


def _doc(articles, passages, groups: list[list[int]]) -> dict:
    doc = align_seed.to_json(articles, passages, [])
    doc["alignments"] = [{"id": f"b{k}", "passages": [passages[r].id for r in g], "score": 1.0}
                         for k, g in enumerate(groups)]
    return doc


def main() -> int:
    articles, passages = align_seed.load(sorted(align_seed.SEEDS.glob("*.txt")))
    gold = json.loads(align_seed.GOLD.read_text(encoding="utf-8"))
    texts = [p.text for p in passages]
    art = article_codes(passages)
    n = len(passages)
    words = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4),
                            sublinear_tf=True).fit_transform(texts)
    sim_w = (words @ words.T).toarray()
    sim = 0.5 * (sim_w + (chars @ chars.T).toarray())
    i, j = np.triu_indices(n, 1)
    cross = art[i] != art[j]

    best = None
    for t in np.arange(0.05, 0.9, 0.01):
        keep = cross & (sim_w[i, j] >= t)
        s = score(_doc(articles, passages, [[a, b] for a, b in zip(i[keep], j[keep],
                                                                     strict=True)]), gold)
        best = max(best or (s.f1, t, s), (s.f1, t, s), key=lambda x: x[0])
    print(f"single-threshold TF-IDF cosine (best t={best[1]:.2f}): {best[2].line()}")

    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), "average")
    best = None
    for t in np.arange(0.5, 0.99, 0.01):
        labels = fcluster(tree, t, "distance")
        clusters: dict[int, list[int]] = {}
        for r, label in enumerate(labels):
            clusters.setdefault(label, []).append(r)
        groups = [m for m in clusters.values() if len({art[r] for r in m}) >= 2]
        s = score(_doc(articles, passages, groups), gold)
        best = max(best or (s.f1, t, s), (s.f1, t, s), key=lambda x: x[0])
    print(f"TF-IDF words+chars, average linkage (best cut {best[1]:.2f}): {best[2].line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
