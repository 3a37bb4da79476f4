"""How much the review learns from its reviewer: F1 after 0, 5, 10, 20 and 40 answers.

For every annotated story, held out (the judge is fitted on the other stories, 5 folds by
story), a simulated reviewer answers "same fact?" for the pairs ``learn.questions`` asks about,
in batches, truthfully by the gold; after each batch ``learn.refit`` corrects the judge's
probabilities for the story and the story is grouped again. Printed: mean pairwise F1 over the
ECB+ stories and the seeds' F1 at each number of answers.

    .venv/bin/python benchmarks/learn_curve.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from judge_train import fit, grouped_f1, story_pairs  # noqa: E402
from stories import story_names  # noqa: E402

from factdesk.core.align.config import AlignConfig  # noqa: E402
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
    print("answers  ECB+ mean F1  seeds F1")
    for step in STEPS:
        print(f"{step:7d}  {np.mean(f1[step][1:]):12.3f}  {f1[step][0]:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
