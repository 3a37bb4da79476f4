"""Fact-level alignment quality story by story: the seeds and every annotated ECB+ story.

Each story is aligned on its own, as a review of it would be, and scored pairwise against its
gold (``pairwise_score.py``: a predicted cross-article pair is right when both passages stand
for members of one gold fact; recall counts the gold member pairs found). Also printed: pair
AP of the pair score over *all* cross-article passage pairs of the story (how well the score
ranks, before any grouping), and macro / micro averages over the ECB+ stories.

The shipped judge was trained on these same stories, so with it these figures are *in sample*
(an upper bound); the held-out figures, story by story, come from ``judge_train.py``.
``--hand`` runs the alignment before the judge, which learned nothing from these stories.

    .venv/bin/python benchmarks/align_stories.py [--hand] [--stories a,b] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairwise_score import map_passage, score  # noqa: E402
from stories import Story, load_story, story_names, to_document  # noqa: E402

from factdesk.core.align.config import HAND_SET, AlignConfig, article_codes  # noqa: E402
from factdesk.core.align.features import build_features, quote_containment  # noqa: E402
from factdesk.core.align.groups import align  # noqa: E402
from factdesk.core.align.score import add_neighbour_support, combine, pair_features  # noqa: E402


def passage_facts(story: Story) -> list[set[int]]:
    """Per passage, the gold facts (group indices) it stands for."""
    items, group_of = [], []
    for g, group in enumerate(story.gold["groups"]):
        for m in group["members"]:
            items.append((m["file"], m["quote"]))
            group_of.append(g)
    texts = {a.id: a.text for a in story.articles}
    files = {a.id: Path(a.path).name for a in story.articles}
    return [{group_of[k] for k in map_passage(files[p.article_id], p.text, p.start, p.end,
                                               texts[p.article_id], items)}
            for p in story.passages]


def all_pairs(story: Story) -> tuple[np.ndarray, np.ndarray]:
    art = article_codes(story.passages)
    n = len(story.passages)
    i, j = np.triu_indices(n, 1)
    keep = art[i] != art[j]
    return i[keep], j[keep]


def pair_labels(story: Story, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    facts = passage_facts(story)
    return np.array([bool(facts[a] & facts[b]) for a, b in zip(i.tolist(), j.tolist(),
                                                                 strict=True)])


def average_precision(y: np.ndarray, s: np.ndarray) -> float:
    if y.sum() == 0:
        return float("nan")
    order = np.argsort(-s, kind="stable")
    hits = y[order].astype(float)
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def current_scores(story: Story, i: np.ndarray, j: np.ndarray,
                   config: AlignConfig = AlignConfig()) -> np.ndarray:
    feats = build_features([p.text for p in story.passages], config.min_quote_words)
    art = article_codes(story.passages)
    x = pair_features(feats, i, j, quote_containment(feats, config.index_max_df), art=art)
    x = add_neighbour_support(list(story.passages), i, j, x, config)
    return combine(x, config)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", help="comma-separated story names (default: all)")
    ap.add_argument("--json", type=Path, help="write the per-story figures here")
    ap.add_argument("--hand", action="store_true",
                    help="the alignment before the judge (config.HAND_SET), for comparison")
    ap.add_argument("--embeddings", action="store_true",
                    help="the judge that also reads MiniLM sentence embeddings (not the default)")
    args = ap.parse_args(argv)
    config = HAND_SET if args.hand else AlignConfig(use_embeddings=args.embeddings)
    names = args.stories.split(",") if args.stories else story_names()
    rows = []
    print(f"{'story':14s} {'arts':>4s} {'pass':>4s} {'P':>6s} {'R':>6s} {'F1':>6s} "
          f"{'AP':>6s} {'sec':>6s}")
    for name in names:
        story = load_story(name)
        t0 = time.perf_counter()
        result = align(list(story.passages), config=config)
        seconds = time.perf_counter() - t0
        s = score(to_document(story, result.groups), story.gold)
        i, j = all_pairs(story)
        ap_ = average_precision(pair_labels(story, i, j), current_scores(story, i, j))
        rows.append({"story": name, "articles": len(story.articles),
                     "passages": len(story.passages), "precision": s.precision,
                     "recall": s.recall, "f1": s.f1, "ap": ap_, "seconds": seconds,
                     "correct": s.correct_pairs, "predicted": s.predicted_pairs,
                     "found": s.found_gold_pairs, "gold": s.gold_pairs})
        print(f"{name:14s} {len(story.articles):4d} {len(story.passages):4d} "
              f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {ap_:6.3f} {seconds:6.2f}")
    other = [r for r in rows if r["story"] != "seeds"]
    if other:
        macro = {k: float(np.nanmean([r[k] for r in other])) for k in ("f1", "ap")}
        p = sum(r["correct"] for r in other) / max(1, sum(r["predicted"] for r in other))
        r_ = sum(r["found"] for r in other) / max(1, sum(r["gold"] for r in other))
        micro = 2 * p * r_ / (p + r_) if p + r_ else 0.0
        print(f"ECB+ stories: {len(other)}; macro F1 {macro['f1']:.3f}, macro AP "
              f"{macro['ap']:.3f}; micro P {p:.3f} R {r_:.3f} F1 {micro:.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
