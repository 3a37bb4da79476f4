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

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python benchmarks/learn_curve.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from judge_train import fit, grouped_f1, story_pairs  # noqa: E402
from pairwise_score import score  # noqa: E402
from stories import story_names, to_document  # noqa: E402

from factdesk.core.align.config import AlignConfig, order_keys  # noqa: E402
from factdesk.core.align.groups import ScoredPairs, group_scored  # noqa: E402
from factdesk.core.align.learn import questions, refit  # noqa: E402

STEPS = (0, 5, 10, 20, 40)


def main() -> int:
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
                                limit=min(5, step - len(answers)))
                if not ask:
                    break
                answers.update({r: bool(d.y[r]) for r in ask})
                current = refit(p, d.x, answers)
            f1[step].append(grouped_f1(d, current, config)[2])
        for step, value in as_the_review_does(d, p, config).items():
            kept[step].append(value)
    print("                 refit only           as the review does it")
    print("answers  ECB+ mean F1  seeds F1  ECB+ mean F1  seeds F1")
    for step in STEPS:
        print(f"{step:7d}  {np.mean(f1[step][1:]):12.3f}  {f1[step][0]:8.3f}"
              f"  {np.mean(kept[step][1:]):12.3f}  {kept[step][0]:8.3f}")
    return 0


def as_the_review_does(d, p: np.ndarray, config: AlignConfig) -> dict[int, float]:
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
            for a, b, _p in alignment.questions[: min(5, step - len(labels))]:
                labels[(a, b)] = truth[(a, b)]
            alignment = group_scored(scored, labels, config=config)
        out[step] = score(to_document(d.story, alignment.groups), d.story.gold).f1
    return out


if __name__ == "__main__":
    sys.exit(main())
