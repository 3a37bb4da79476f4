"""How much the review learns from its reviewer: F1 after 0, 5, 10, 20 and 40 answers.

For every annotated story, held out (the judge is fitted on the other stories, 5 folds by
story), a simulated reviewer answers "same fact?" truthfully by the gold, five questions at a
time, and the story is grouped again after each batch. Two ways, side by side:

- *refit only* (as first measured): ``learn.refit`` corrects the judge's probabilities and the
  story is grouped on them; the questions are ``learn.questions``;
- *as the review does it*: ``groups.group_scored`` with the answers — the refit, plus each
  answer kept (a "yes" links, a "no" may never share a group) — asking the questions it
  stores for the window's queue (``Alignment.questions``), which the answers re-rank.

Printed: mean pairwise F1 over the ECB+ stories and the seeds' F1 at each number of answers.
``--batch 1`` re-aligns after every answer (as the window does) instead of every five;
``--ceilings`` also prints what no reviewer's twenty answers can beat (the best threshold per
story, every unsure pair answered, every candidate pair answered); ``--misses STORY …`` prints
the pairs the review still gets wrong after twenty answers, by kind.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/learn_curve.py [--batch 1]
        [--ceilings] [--misses 1_ecbplus 10_ecbplus]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from judge_train import SHIFTS, fit, grouped_f1, shifted, story_pairs  # noqa: E402
from pairwise_score import score  # noqa: E402
from stories import story_names, to_document  # noqa: E402

from factdesk.core.align.config import AlignConfig, order_keys  # noqa: E402
from factdesk.core.align.groups import ScoredPairs, group_scored  # noqa: E402
from factdesk.core.align.learn import (  # noqa: E402
    QUESTION_MARGIN,
    implied_answers,
    questions,
    refit,
)

STEPS = (0, 5, 10, 20, 40)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=5, help="answers between re-alignments")
    parser.add_argument("--ceilings", action="store_true")
    parser.add_argument("--misses", nargs="*", default=[], metavar="STORY")
    args = parser.parse_args(argv)
    names = story_names()
    data = {n: story_pairs(n) for n in names}
    preds = {}
    for k in range(5):
        fold = names[k::5]
        model = fit([d for n, d in data.items() if n not in fold])
        for n in fold:
            preds[n] = model.predict(data[n].x)
    config = AlignConfig()
    f1 = {step: [] for step in STEPS}
    kept = {step: [] for step in STEPS}
    for name in names:
        d, p = data[name], preds[name]
        answers: dict[int, bool] = {}
        current = p
        for step in STEPS:
            while len(answers) < step:
                ask = questions(current, d.i, d.j, config.link_threshold, set(answers),
                                limit=min(args.batch, step - len(answers)))
                if not ask:
                    break
                answers.update({r: bool(d.y[r]) for r in ask})
                current = refit(p, d.x, answers)
            f1[step].append(grouped_f1(d, current, config)[2])
        for step, value in as_the_review_does(d, p, config, args.batch).items():
            kept[step].append(value)
    print("                 refit only           as the review does it")
    print("answers  ECB+ mean F1  seeds F1  ECB+ mean F1  seeds F1")
    for step in STEPS:
        print(f"{step:7d}  {np.mean(f1[step][1:]):12.3f}  {f1[step][0]:8.3f}"
              f"  {np.mean(kept[step][1:]):12.3f}  {kept[step][0]:8.3f}")
    if args.ceilings:
        ceilings(names, data, preds, config)
    for name in args.misses:
        misses(data[name], preds[name], config, args.batch)
    return 0


def ceilings(names: list[str], data: dict, preds: dict, config: AlignConfig) -> None:
    """F1 with knowledge no twenty answers give: the best shift of the threshold per story
    (all a per-story threshold can do), every unsure pair answered (the band the questions
    come from), every candidate pair answered (all that grouping the candidates can do)."""
    rows: dict[str, list[float]] = {"best threshold per story": [],
                                    "every unsure pair answered": [],
                                    "every candidate pair answered": []}
    asked = []
    for name in names:
        d, p = data[name], preds[name]
        rows["best threshold per story"].append(
            max(grouped_f1(d, shifted(p, s), config)[2] for s in (*SHIFTS, -2.0, 2.0)))
        doubt = np.abs(np.log(np.clip(p, 1e-4, 1 - 1e-4) / np.clip(1 - p, 1e-4, 1))
                       - np.log(config.link_threshold / (1 - config.link_threshold)))
        band = doubt <= QUESTION_MARGIN
        asked.append(int(band.sum()))
        rows["every unsure pair answered"].append(
            grouped_f1(d, np.where(band, d.y, p).astype(float), config)[2])
        rows["every candidate pair answered"].append(grouped_f1(d, d.y.astype(float), config)[2])
    print("\nceilings                       ECB+ mean F1  seeds F1")
    for label, f1 in rows.items():
        print(f"{label:30s} {np.mean(f1[1:]):12.3f}  {f1[0]:8.3f}")
    print(f"(unsure pairs per story: median {int(np.median(asked))}, "
          f"{min(asked)}–{max(asked)})")


def misses(d, p: np.ndarray, config: AlignConfig, batch: int, answers: int = 20) -> None:
    """The pairs still wrong after ``answers`` answers, counted by kind, and the six most
    confident of each main kind printed."""
    scored = ScoredPairs(d.passages, order_keys(d.passages), d.art, d.i, d.j, p, d.x, [])
    truth = {(d.passages[a].id, d.passages[b].id): bool(y)
             for a, b, y in zip(d.i.tolist(), d.j.tolist(), d.y.tolist(), strict=True)}
    labels: dict[tuple[str, str], bool] = {}
    alignment = group_scored(scored, labels, config=config)
    while len(labels) < answers and alignment.questions:
        for a, b, _p in alignment.questions[: min(batch, answers - len(labels))]:
            labels[(a, b)] = truth[(a, b)]
        alignment = group_scored(scored, labels, config=config)
    row = {q.id: r for r, q in enumerate(d.passages)}
    cand = {(a, b): k for k, (a, b) in enumerate(zip(d.i.tolist(), d.j.tolist(), strict=True))}
    given = {(min(row[a], row[b]), max(row[a], row[b])): v for (a, b), v in labels.items()}
    given |= implied_answers(d.i, d.j, d.art, d.x, given)  # as group_scored does
    s = refit(p, d.x, {cand[k]: v for k, v in given.items() if k in cand})
    predicted = set()
    for g in alignment.groups:
        rows = sorted(row[x] for x in g.passage_ids)
        predicted |= {(a, b) for n, a in enumerate(rows) for b in rows[n + 1:]
                      if d.art[a] != d.art[b]}
    gold = {(a, b) for a, b, y in zip(d.all_i.tolist(), d.all_j.tolist(), d.all_y.tolist(),
                                      strict=True) if y}
    kinds: dict[str, list[tuple[float, int, int]]] = {}
    for wrong, pairs in (("grouped, not one fact", predicted - gold),
                         ("one fact, not grouped", gold - predicted)):
        for a, b in pairs:
            k = cand.get((a, b))
            if k is None:
                kind = "no candidate"
            else:
                kind = "linked" if s[k] >= config.link_threshold else "below the link"
            kinds.setdefault(f"{wrong}: {kind}", []).append(
                (-1.0 if k is None else float(s[k]), a, b))
    print(f"\n{d.story.name}: after {len(labels)} answers ({sum(labels.values())} yes), "
          f"{len(predicted & gold)} of {len(gold)} gold pairs found, {len(predicted)} grouped")
    for kind, rows_ in sorted(kinds.items()):
        print(f"  {kind}: {len(rows_)}")
    for kind in ("grouped, not one fact: linked", "one fact, not grouped: below the link"):
        print(f"  -- {kind}, most confident first")
        for v, a, b in sorted(kinds.get(kind, []), reverse=True)[:6]:
            print(f"  {v:.2f} (judge {p[cand[(a, b)]]:.2f})")
            for r in (a, b):
                print(f"     [{d.art[r]}] {d.passages[r].text[:110]!r}")


def as_the_review_does(d, p: np.ndarray, config: AlignConfig,
                       batch: int = 5) -> dict[int, float]:
    """F1 after each number of answers, grouped by ``group_scored`` with the answers as the
    review passes them (passage ids), asking the questions it returns."""
    scored = ScoredPairs(d.passages, order_keys(d.passages), d.art, d.i, d.j, p, d.x, [])
    truth = {(d.passages[a].id, d.passages[b].id): bool(y)
             for a, b, y in zip(d.i.tolist(), d.j.tolist(), d.y.tolist(), strict=True)}
    labels: dict[tuple[str, str], bool] = {}
    alignment = group_scored(scored, labels, config=config)
    out = {}
    for step in STEPS:
        while len(labels) < step and alignment.questions:
            for a, b, _p in alignment.questions[: min(batch, step - len(labels))]:
                labels[(a, b)] = truth[(a, b)]
            alignment = group_scored(scored, labels, config=config)
        out[step] = score(to_document(d.story, alignment.groups), d.story.gold).f1
    return out


if __name__ == "__main__":
    sys.exit(main())
