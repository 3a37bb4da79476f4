"""Error analysis of the seed alignment: every cross-article passage pair with its signals.

Prints the gold pairs that the grouping misses (with their pair score, the link score after
the mutual-best boost, and each signal) and the wrong predicted pairs, plus the distribution
of scores over positive and negative pairs.

    .venv/bin/python benchmarks/align_errors.py
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_seed  # noqa: E402
from pairwise_score import _gold_items, map_passage  # noqa: E402

from factdesk.core.align.config import FEATURE_NAMES, AlignConfig, article_codes  # noqa: E402
from factdesk.core.align.features import build_features, quote_containment  # noqa: E402
from factdesk.core.align.groups import align_passages  # noqa: E402
from factdesk.core.align.score import add_neighbour_support, combine, link_scores, pair_features  # noqa: E402


def seed_labels(articles, passages, gold) -> dict[tuple[int, int], bool]:
    """All cross-article passage pairs (row indices) and whether they hit a gold pair."""
    items, group_of = _gold_items(gold)
    texts = {a.id: a.text for a in articles}
    paths = {a.id: Path(a.path).name for a in articles}
    item_sets = [map_passage(paths[p.article_id], p.text, p.start, p.end, texts[p.article_id],
                             items) for p in passages]
    out = {}
    for a, b in combinations(range(len(passages)), 2):
        if passages[a].article_id == passages[b].article_id:
            continue
        hit = any(group_of[x] == group_of[y] and items[x][0] != items[y][0]
                  for x in item_sets[a] for y in item_sets[b])
        out[(a, b)] = hit
    return out


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    config = AlignConfig()
    articles, passages = align_seed.load(sorted(align_seed.SEEDS.glob("*.txt")))
    gold = json.loads(align_seed.GOLD.read_text(encoding="utf-8"))
    labels = seed_labels(articles, passages, gold)
    pairs = sorted(labels)
    i = np.array([a for a, _ in pairs])
    j = np.array([b for _, b in pairs])
    y = np.array([labels[p] for p in pairs])
    f = build_features([p.text for p in passages], config.min_quote_words)
    art = article_codes(passages)
    x = pair_features(f, i, j, quote_containment(f, config.index_max_df), art=art)
    x = add_neighbour_support(passages, i, j, x, config)
    s = combine(x, config)
    link = link_scores(passages, art, i, j, x, config)
    groups = align_passages(passages, config=config)
    row = {p.id: k for k, p in enumerate(passages)}
    groups_of: dict[int, set[str]] = {}  # a two-fact lede sits in two groups
    for g in groups:
        for m in g.members:
            groups_of.setdefault(row[m.passage_id], set()).add(g.id)
    same = np.array([bool(groups_of.get(a, set()) & groups_of.get(b, set())) for a, b in pairs])
    print(f"{len(pairs)} cross pairs, {y.sum()} positive; grouped {same.sum()}, "
          f"correct {(same & y).sum()}")
    for name, sel in (("positive", y), ("negative", ~y)):
        q = np.percentile(s[sel], [10, 25, 50, 75, 90, 99])
        print(f"{name} score percentiles 10/25/50/75/90/99: " + " ".join(f"{v:.3f}" for v in q))
    from align_ecbplus import average_precision
    print(f"seed AP of pair score over all cross pairs: {average_precision(s, y):.3f}")

    def show(k: int) -> None:
        a, b = pairs[k]
        sig = " ".join(f"{n[:4]}={v:.2f}" for n, v in zip(FEATURE_NAMES, x[k], strict=True))
        print(f"  s={s[k]:.3f} link={link[k]:.3f} {sig}  [{passages[a].id} | {passages[b].id}]")
        print(f"     A: {passages[a].text[:160]}")
        print(f"     B: {passages[b].text[:160]}")

    missed = np.flatnonzero(y & ~same)
    print(f"\n== missed positive pairs ({len(missed)}), best score first ==")
    for k in missed[np.argsort(-s[missed], kind="stable")]:
        show(k)
    wrong = np.flatnonzero(~y & same)
    print(f"\n== wrong grouped pairs ({len(wrong)}) ==")
    for k in wrong:
        show(k)
    print("\n== top-scoring negatives ==")
    neg = np.flatnonzero(~y)
    for k in neg[np.argsort(-s[neg], kind="stable")][:15]:
        show(k)
    return 0


if __name__ == "__main__":
    sys.exit(main())
