"""How much F1 the grouping loses, and whether another grouping loses less (issue 15).

Reads the judge's out-of-fold probabilities saved by ``judge_train.py --oof`` (each story's
candidate pairs scored by trees fitted on the other stories) and turns them into groups in
several ways, every one scored with the benchmarks' pairwise F1 (``pairwise_score.score``):

* ``pairs``: no grouping at all — every candidate pair at or above one threshold is a
  predicted pair (not a valid alignment: not transitive; the reference of what the
  probabilities alone give). ``pairs_oracle``: the best threshold for the story itself.
* ``today``: ``group_pairs`` + ``add_second_memberships`` with ``AlignConfig()`` (shipped).
* ``shift``: today's grouping with every threshold moved by one log-odds shift.
* ``story_rel``: today's grouping after a per-story shift of the log-odds that puts a fixed
  share of the story's candidate pairs above the link threshold (a story-relative threshold).
* ``cc_sum`` / ``cc_mean``: greedy agglomerative correlation clustering on log-odds (gain
  ``logit p - logit t``, a non-candidate pair counting as ``p_miss``), by total gain or by mean
  gain (average linkage on log-odds), under the same rules: one passage per article, then a
  stricter phase allowing two of one article, then today's extra memberships.
* ``today+bar``: today's groups, then a second pass that adds a passage (grouped or not) to a
  group of other articles when its mean probability to all members (missing 0) clears a bar.
* ``today+size``: today's groups, groups of two passages kept only when their link clears a bar
  (a size prior: a lone pair is the weakest evidence of a fact).
* ``tuned``, ``phase2``, ``rules``: today's grouping over grids of its thresholds, of its
  second phase (two passages of one article), and of its rules (passages of one article per
  group, extra groups per passage); ``gold_*``: the same with gold pair labels as probabilities.

Each method with a parameter has it chosen leave-one-story-out: for each held-out story, the
value with the best mean F1 over the *other* 26 stories. Prints per-story F1 and the means.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/judge_train.py --oof /tmp/grouping/oof.npz
    .venv/bin/python benchmarks/grouping_compare.py /tmp/grouping/oof.npz [--json OUT]
        [--methods today,pairs,...] [--stories a,b]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judge_train import StoryPairs, shifted, story_pairs  # noqa: E402
from pairwise_score import map_passage  # noqa: E402

from factdesk.core.align.config import AlignConfig  # noqa: E402
from factdesk.core.align.groups import add_second_memberships, group_pairs  # noqa: E402

CONFIG = AlignConfig()


@dataclass
class Scorer:
    """``pairwise_score.score`` for one story, with each passage's gold items found once, so a
    grouping is scored in milliseconds (checked equal to ``score`` on today's groups)."""

    items_of: list[frozenset[int]]
    art: np.ndarray
    gold_pairs: set[tuple[int, int]]

    @classmethod
    def of(cls, d: StoryPairs) -> Scorer:
        story = d.story
        items, group_of = [], []
        for g, group in enumerate(story.gold["groups"]):
            for m in group["members"]:
                items.append((m["file"], m["quote"]))
                group_of.append(g)
        texts = {a.id: Path(a.path).read_text(encoding="utf-8") if Path(a.path).is_file()
                 else None for a in story.articles}
        files = {a.id: Path(a.path).name for a in story.articles}
        items_of = [frozenset(map_passage(files[p.article_id], p.text, p.start, p.end,
                                          texts[p.article_id], items)) for p in d.passages]
        gold = {(a, b) for a, b in combinations(range(len(items)), 2)
                if group_of[a] == group_of[b] and items[a][0] != items[b][0]}
        return cls(items_of, d.art, gold)

    def pairs(self, predicted: set[tuple[int, int]]) -> tuple[float, float, float]:
        correct, found = 0, set()
        for a, b in predicted:
            hits = {(min(x, y), max(x, y)) for x in self.items_of[a] for y in self.items_of[b]}
            hits &= self.gold_pairs
            correct += bool(hits)
            found |= hits
        p = correct / len(predicted) if predicted else 0.0
        r = len(found) / len(self.gold_pairs) if self.gold_pairs else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def groups(self, clusters: list[list[int]]) -> tuple[float, float, float]:
        predicted = {(min(a, b), max(a, b)) for c in clusters for a, b in combinations(c, 2)
                     if self.art[a] != self.art[b]}
        return self.pairs(predicted)


def valid(clusters: list[list[int]], art: np.ndarray) -> list[list[int]]:
    return [sorted(c) for c in clusters if len(c) >= 2 and len(set(art[c].tolist())) >= 2]


def today(d: StoryPairs, p: np.ndarray, config: AlignConfig = CONFIG) -> list[list[int]]:
    keep = p >= config.link_threshold
    clusters = group_pairs(d.art, d.i[keep], d.j[keep], p[keep], config)
    return add_second_memberships(clusters, d.art, d.i, d.j, p, config)


def logit(p: np.ndarray | float) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def story_relative(p: np.ndarray, share: float, config: AlignConfig = CONFIG) -> np.ndarray:
    """``p`` shifted in log-odds so that ``share`` of the story's candidate pairs reach the
    link threshold."""
    if not len(p):
        return p
    q = float(np.quantile(p, 1.0 - share))
    return shifted(p, float(logit(config.link_threshold) - logit(q)))


def correlation_clusters(d: StoryPairs, p: np.ndarray, t: float, p_miss: float, mean: bool,
                         second: float, config: AlignConfig = CONFIG) -> list[list[int]]:
    """Greedy agglomerative correlation clustering on log-odds gains ``logit p - logit t``
    (a non-candidate cross-article pair gains ``logit p_miss - logit t``; pairs within one
    article count nothing). Phase 1 merges the best pair of clusters (by total gain, or mean
    gain when ``mean``) while it is positive and no article repeats; phase 2 also lets two
    passages of one article share a group when the mean gain over cross pairs reaches
    ``second``; then today's extra memberships. Dense: for measuring, not for shipping."""
    n = len(d.passages)
    art = d.art
    n_art = int(art.max()) + 1
    base = float(logit(p_miss) - logit(t))
    cross = art[:, None] != art[None, :]
    W = np.where(cross, base, 0.0)
    gain = logit(p) - logit(t)
    W[d.i, d.j] = gain
    W[d.j, d.i] = gain
    S = W.copy()
    C = cross.astype(float)
    A = np.zeros((n, n_art), dtype=np.int64)
    A[np.arange(n), art] = 1
    alive = np.ones(n, dtype=bool)
    members = {k: [k] for k in range(n)}

    def run(limit: int, floor: float, use_mean: bool) -> None:
        while True:
            shared = (A[:, None, :] + A[None, :, :]).max(axis=2) > limit
            with np.errstate(divide="ignore", invalid="ignore"):
                val = S / C if use_mean else S.copy()
            ok = alive[:, None] & alive[None, :] & ~shared & (C > 0)
            np.fill_diagonal(ok, False)
            val = np.where(ok, val, -np.inf)
            k = int(np.argmax(val))
            a, b = divmod(k, n)
            if not np.isfinite(val[a, b]) or val[a, b] <= floor:
                return
            S[a, :] += S[b, :]
            S[:, a] += S[:, b]
            C[a, :] += C[b, :]
            C[:, a] += C[:, b]
            A[a] += A[b]
            alive[b] = False
            members[a] += members.pop(b)

    run(1, 0.0, mean)
    run(config.max_same_article, second, True)
    clusters = valid([members[k] for k in members if alive[k]], art)
    return add_second_memberships(clusters, art, d.i, d.j, p, config)


def with_bar(d: StoryPairs, p: np.ndarray, clusters: list[list[int]], bar: float,
             most: int = 3) -> list[list[int]]:
    """A second pass: a passage joins a group holding none of its article when its mean
    probability to all the group's members (missing pairs 0) is at least ``bar``; strongest
    first, a passage in at most ``most`` groups; evidence read from the groups as they were."""
    score: dict[tuple[int, int], float] = {}
    for a, b, v in zip(d.i.tolist(), d.j.tolist(), p.tolist(), strict=True):
        score[(a, b)] = score[(b, a)] = v
    members = [list(c) for c in clusters]
    count: dict[int, int] = {}
    for c in members:
        for r in c:
            count[r] = count.get(r, 0) + 1
    offers = []
    for k, c in enumerate(members):
        arts = set(d.art[c].tolist())
        for r in range(len(d.passages)):
            if int(d.art[r]) in arts:
                continue
            m = sum(score.get((r, x), 0.0) for x in c) / len(c)
            if m >= bar:
                offers.append((-m, r, k))
    for _, r, k in sorted(offers):
        if count.get(r, 0) < most and int(d.art[r]) not in set(d.art[members[k]].tolist()):
            members[k].append(r)
            count[r] = count.get(r, 0) + 1
    return [sorted(c) for c in members]


def size_prior(d: StoryPairs, p: np.ndarray, clusters: list[list[int]],
               bar: float) -> list[list[int]]:
    """Keep a group of two passages only when their probability reaches ``bar``."""
    score = {(a, b): v for a, b, v in zip(d.i.tolist(), d.j.tolist(), p.tolist(), strict=True)}
    out = []
    for c in clusters:
        if len(c) == 2 and score.get((min(c), max(c)), 0.0) < bar:
            continue
        out.append(c)
    return out


Method = Callable[[StoryPairs, np.ndarray, float], list[list[int]] | set[tuple[int, int]]]


def candidates_above(d: StoryPairs, p: np.ndarray, t: float) -> set[tuple[int, int]]:
    keep = np.flatnonzero(p >= t)
    return {(int(d.i[k]), int(d.j[k])) for k in keep}


TUNE_GRID = [replace(CONFIG, link_threshold=lk, merge_threshold=mg, also_threshold=al,
                     min_link_share=sh)
             for lk in (0.25, 0.3, 0.35, 0.4) for mg in (0.2, 0.25, 0.3)
             for al in (0.3, 0.35, 0.45) for sh in (0.34, 0.5)]
PHASE2_GRID = [replace(CONFIG, share_threshold=st, share_link_share=sl, max_same_article=ms)
               for st in (0.3, 0.4, 0.5, 0.6) for sl in (0.34, 0.5) for ms in (2, 3, 4)]
RULES_GRID = [replace(CONFIG, max_same_article=same, max_also=also)
              for same in (1, 2, 3) for also in (0, 1, 2, 3)]
CC_GRID = [(t, miss, sec) for t in (0.2, 0.3, 0.4, 0.5) for miss in (0.05, 0.15, 0.25)
           for sec in (0.0, 1.0)]
#: each method: its parameter grid and what it makes of a story's probabilities
METHODS: dict[str, tuple[list, Method]] = {
    "today": ([None], lambda d, p, _: today(d, p)),
    "pairs": ([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], lambda d, p, t: candidates_above(d, p, t)),
    "shift": ([-1.0, -0.5, 0.0, 0.5, 1.0], lambda d, p, t: today(d, shifted(p, t))),
    "story_rel": ([0.03, 0.05, 0.07, 0.1, 0.13, 0.16, 0.2],
                  lambda d, p, q: today(d, story_relative(p, q))),
    "cc_sum": (CC_GRID, lambda d, p, g: correlation_clusters(d, p, g[0], g[1], False, g[2])),
    "cc_mean": (CC_GRID, lambda d, p, g: correlation_clusters(d, p, g[0], g[1], True, g[2])),
    "today+bar": ([0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
                  lambda d, p, b: with_bar(d, p, today(d, p), b)),
    "tuned": (TUNE_GRID, lambda d, p, c: today(d, p, c)),
    "phase2": (PHASE2_GRID, lambda d, p, c: today(d, p, c)),
    "rules": (RULES_GRID, lambda d, p, c: today(d, p, c)),
    "gold_rules": (RULES_GRID, lambda d, p, c: today(d, d.y.astype(float), c)),
    "gold_today": ([None], lambda d, p, _: today(d, d.y.astype(float))),
    "gold_pairs": ([0.5], lambda d, p, t: candidates_above(d, d.y.astype(float), t)),
    "today+size": ([0.3, 0.4, 0.5, 0.6, 0.7], lambda d, p, b: size_prior(d, p, today(d, p), b)),
}


def label(param: object) -> str:
    """A grid value as printed: an ``AlignConfig`` by the thresholds the grid moves."""
    if isinstance(param, AlignConfig):
        return (f"link {param.link_threshold} merge {param.merge_threshold} "
                f"also {param.also_threshold} share {param.min_link_share} "
                f"phase 2 {param.share_threshold}/{param.share_link_share} "
                f"same-article {param.max_same_article} extra groups {param.max_also}")
    return str(param)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("oof", type=Path, help="judge_train.py --oof output")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--stories", help="comma-separated story names (default: all saved)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    saved = np.load(args.oof)
    names = sorted({k.split("/")[0] for k in saved.files},
                   key=lambda s: (s != "seeds", int(s.split("_")[0]) if s != "seeds" else 0, s))
    if args.stories:
        names = [n for n in names if n in args.stories.split(",")]
    t0 = time.process_time()
    data, probs, scorers = {}, {}, {}
    for name in names:
        d = story_pairs(name)
        same = np.array_equal(d.i, saved[f"{name}/i"]) and np.array_equal(d.j, saved[f"{name}/j"])
        if not same:
            raise SystemExit(f"{name}: the candidate pairs differ from the saved ones; rerun --oof")
        data[name], probs[name], scorers[name] = d, saved[f"{name}/p"], Scorer.of(d)
    print(f"{len(names)} stories read in {time.process_time() - t0:.1f} CPU-s", flush=True)
    # the scorer against pairwise_score.score, on today's groups of the first two stories
    from judge_train import grouped_f1

    for name in names[:2]:
        ref = grouped_f1(data[name], probs[name], CONFIG)
        mine = scorers[name].groups(today(data[name], probs[name]))
        assert np.allclose(ref, mine), (name, ref, mine)
    table: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
    for method in args.methods.split(","):
        grid, make = METHODS[method]
        t1 = time.process_time()
        for name in names:
            d, p = data[name], probs[name]
            results = []
            for g in grid:
                out = make(d, p, g)
                results.append(scorers[name].pairs(out) if isinstance(out, set)
                               else scorers[name].groups(out))
            table.setdefault(method, {})[name] = results
        print(f"{method}: {time.process_time() - t1:.1f} CPU-s", flush=True)
    rows = []
    for name in names:
        row = {"story": name}
        for method, per in table.items():
            grid = METHODS[method][0]
            others = np.mean([[r[2] for r in per[n]] for n in names if n != name], axis=0)
            best = int(np.argmax(others))
            p_, r_, f_ = per[name][best]
            row |= {f"f1_{method}": f_, f"p_{method}": p_, f"r_{method}": r_,
                    f"param_{method}": label(grid[best])}
            row[f"oracle_{method}"] = max(r[2] for r in per[name])
        rows.append(row)
    methods = list(table)
    cols = methods
    print(f"\n{'story':12s} " + " ".join(f"{m:>11s}" for m in cols))
    for row in rows:
        print(f"{row['story']:12s} " + " ".join(f"{row['f1_' + m]:11.3f}" for m in cols))
    ecb = [r for r in rows if r["story"] != "seeds"]
    seeds = [r for r in rows if r["story"] == "seeds"]
    print()
    for m in cols:
        worse = sum(r["f1_" + m] < r["f1_today"] - 0.05 for r in rows) if "today" in table else 0
        params = sorted({str(r["param_" + m]) for r in rows}) if len(METHODS[m][0]) > 1 else []
        print(f"{m:>12s}: ECB+ mean F1 {np.mean([r['f1_' + m] for r in ecb]):.3f}, "
              f">= 0.60 {sum(r['f1_' + m] >= 0.6 for r in ecb)}/{len(ecb)}"
              + (f"; seeds F1 {seeds[0]['f1_' + m]:.3f}" if seeds else "")
              + (f" (P {seeds[0]['p_' + m]:.3f} R {seeds[0]['r_' + m]:.3f})" if seeds else "")
              + f"; stories > 0.05 below today {worse}"
              + (f"; params picked {', '.join(params)}; per-story best (oracle): ECB+ "
                 f"{np.mean([r['oracle_' + m] for r in ecb]):.3f}"
                 + (f", seeds {seeds[0]['oracle_' + m]:.3f}" if seeds else "")
                 if params or len(METHODS[m][0]) > 1 else ""))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
