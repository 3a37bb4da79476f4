"""Tune the grouping thresholds of the alignment on the seed corpus and ECB+ topics 1–35 jointly.

Signals and candidates are computed once per corpus (candidates kept at the loosest
``candidate_min_sim`` searched, filtered per setting), then every grouping setting of a small
grid is scored: the seed by pairwise F1 against ``tests/data/seed_alignment_gold.json``, ECB+
topics 1–35 by the grouped-output pairwise F1 of ``align_ecbplus.py``. Topics 36–45 are never
looked at here. Prints the best settings by the mean of the two F1s, and the seed P/R curve.

    .venv/bin/python benchmarks/align_tune.py [--top 15]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_ecbplus  # noqa: E402
import align_seed  # noqa: E402
from pairwise_score import score  # noqa: E402

from factdesk.core.align.candidates import _prune, candidate_pairs  # noqa: E402
from factdesk.core.align.config import AlignConfig, article_codes  # noqa: E402
from factdesk.core.align.features import build_features, rowwise_dot  # noqa: E402
from factdesk.core.align.groups import _to_groups, add_second_memberships, group_pairs  # noqa: E402
from factdesk.core.align.score import add_neighbour_support, link_scores  # noqa: E402
from factdesk.core.model import Passage  # noqa: E402

GOLD = ROOT / "tests/data/seed_alignment_gold.json"


@dataclass
class Cached:
    passages: list[Passage]
    art: np.ndarray
    i: np.ndarray
    j: np.ndarray
    index_sim: np.ndarray  # the candidate index similarity of each pair
    x: np.ndarray  # pair signals


def cache(passages: list[Passage], config: AlignConfig) -> Cached:
    from factdesk.core.align.score import pair_features

    loose = replace(config, candidate_min_sim=0.0)
    f = build_features([p.text for p in passages], config.min_quote_words)
    art = article_codes(passages)
    i, j = candidate_pairs(f, art, loose)
    w = _prune(f.word, config.index_max_df)
    c = _prune(f.char, config.index_max_df)
    sim = 0.25 * (rowwise_dot(w, i, j) + rowwise_dot(c, i, j))  # as in candidate_pairs
    x = pair_features(f, i, j, max_df=config.index_max_df, art=art)
    return Cached(passages, art, i, j, sim, x)


def groups_for(c: Cached, config: AlignConfig) -> list:
    from factdesk.core.align.config import FEATURE_NAMES

    quoted = c.x[:, FEATURE_NAMES.index("quote")] >= config.quote_min * 0.75
    keep = (c.index_sim >= config.candidate_min_sim) | quoted
    i, j = c.i[keep], c.j[keep]
    x = add_neighbour_support(c.passages, i, j, c.x[keep], config)
    s = link_scores(c.passages, c.art, i, j, x, config)
    link = s >= config.link_threshold
    clusters = group_pairs(c.art, i[link], j[link], s[link], config)
    clusters = add_second_memberships(clusters, c.art, i, j, s, config)
    return _to_groups(c.passages, clusters, i[link], j[link], s[link])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--weights", action="store_true",
                        help="search the clause and neighbour weights and the bias instead, "
                             "around the default thresholds")
    args = parser.parse_args()
    base = AlignConfig()
    articles, seed_passages = align_seed.load(sorted(align_seed.SEEDS.glob("*.txt")))
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    seed = cache(seed_passages, base)
    topics, ecb_gold = align_ecbplus.load_docs(), align_ecbplus.load_gold()
    ecb = []
    for t in align_ecbplus.TRAIN:
        docs = topics.get(t)
        if docs:
            ps = align_ecbplus.topic_passages(docs)
            ecb.append((cache(ps, base), align_ecbplus.topic_pairs(docs, ps, ecb_gold)))

    def ecb_f1(config: AlignConfig) -> tuple[float, float, float]:
        tp = npred = npos = 0
        for c, (i, j, y) in ecb:
            groups_of: dict[int, set[int]] = {}
            for k, g in enumerate(groups_for(c, config)):
                for pid in g.passage_ids:
                    groups_of.setdefault(row_of(c)[pid], set()).add(k)
            same = np.array([bool(groups_of.get(a, set()) & groups_of.get(b, set()))
                             for a, b in zip(i.tolist(), j.tolist(), strict=True)], dtype=bool)
            tp += int((same & y).sum())
            npred += int(same.sum())
            npos += int(y.sum())
        p, r = tp / max(npred, 1), tp / max(npos, 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)

    grid = {
        "also_threshold": (0.25, 0.3, 0.4, 2.0),
        "also_link_share": (0.5, 0.67),
        "link_threshold": (0.2, 0.3),
        "merge_threshold": (0.1, 0.15),
        "min_link_share": (0.34, 0.5),
        "share_threshold": (0.2, 0.3, 0.4),
        "mutual_score": (0.3, 0.4),
    }
    if args.weights:
        w = base.weights
        grid = {
            "weights": tuple(w[:6] + (wc, wn) + w[8:] for wc in (0.0, 1.5, 3.0)
                             for wn in (0.0, 1.0, 2.0)),
            "bias": (-5.0, -5.5, -6.0),
            "link_threshold": (0.2, 0.3),
            "mutual_score": (0.3, 0.4),
        }
    rows = []
    for values in itertools.product(*grid.values()):
        config = replace(base, **dict(zip(grid, values, strict=True)))
        groups = groups_for(seed, config)
        sres = score(align_seed.to_json(articles, seed_passages, groups), gold)
        ep, er, ef = ecb_f1(config)
        rows.append(((sres.f1 + ef) / 2, sres, (ep, er, ef), dict(zip(grid, values, strict=True))))
    rows.sort(key=lambda r: -r[0])
    for mean, s, (ep, er, ef), params in rows[: args.top]:
        if "weights" in params:
            params["weights"] = params["weights"][6:8]  # clause, neighbour
        print(f"mean {mean:.3f}  seed P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}  "
              f"ECB+ 1-35 P {ep:.3f} R {er:.3f} F1 {ef:.3f}  {params}")
    return 0


_ROWS: dict[int, dict[str, int]] = {}


def row_of(c: Cached) -> dict[str, int]:
    key = id(c)
    if key not in _ROWS:
        _ROWS[key] = {p.id: k for k, p in enumerate(c.passages)}
    return _ROWS[key]


if __name__ == "__main__":
    sys.exit(main())
