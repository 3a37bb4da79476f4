"""Learning from the reviewer: the judge re-fitted to one story from the reviewer's answers.

The judge is trained on other stories; what "the same fact" looks like in *this* story (how
closely its outlets word things, how much they share names) is best told by the reviewer.
Each answer ("same fact?" yes / no, or a join, split or remove by hand) is a labelled pair.
:func:`refit` turns them into a per-story correction of the judge's probabilities: a logistic
model on the judge's own log-odds plus a few story signals, pulled towards "change nothing" by
a prior, so five answers nudge and forty answers steer. Answered pairs keep the reviewer's
answer exactly: a decision is never overridden.

:func:`questions` orders the pairs worth asking about: those the judge is least sure of
(closest to the link threshold) first, one per passage, so each answer teaches something new;
:func:`questions_by_impact` (what the review asks) takes, among the unsure pairs, first those
whose answer is expected to change the groups most.

Measured by ``benchmarks/learn_curve.py`` (a simulated reviewer on held-out stories). The
alignment (``groups.group_scored``) refits with the reviewer's labels on every re-alignment and
stores the next questions, which the window's "Same fact?" queue and ``factdesk questions``
ask.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from factdesk.core.align.judge import JUDGE_FEATURES

#: story signals the per-story model may weigh besides the judge's log-odds
STORY_SIGNALS = ("word", "content", "third_cos", "article_sim")
_COLUMNS = [JUDGE_FEATURES.index(name) for name in STORY_SIGNALS]

#: how many questions an alignment stores (the queue asks them in order; a new alignment after
#: each answer replaces them, so more would only be recomputed unread)
QUESTIONS_STORED = 100
#: the unsure band, in log-odds around the link threshold: a pair further out is left alone
#: (0.3 ± 1.6 is probabilities of about 0.08 to 0.68); outside it an answer changes little
QUESTION_MARGIN = 1.6


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def refit(p: np.ndarray, x: np.ndarray, answers: Mapping[int, bool],
          prior: float = 2.0) -> np.ndarray:
    """The pairs' probabilities after the reviewer's ``answers`` (pair row → same fact?).

    ``p`` is the judge's probability per pair and ``x`` its features (``JUDGE_FEATURES``). The
    model is ``sigmoid(a + b·logit(p) + w·signals)``, fitted on the answered pairs by penalised
    likelihood with the prior ``a = 0, b = 1, w = 0`` (the judge unchanged); ``prior`` is the
    penalty's weight, worth about that many answers.

    Tried and left out (``benchmarks/learn_curve.py``): fitting also the pairs an answer
    implies through the groups (a "yes" to ``a, b`` says ``b`` is the fact of ``a``'s
    group-mates) — ECB+ F1 after 10 / 20 / 40 answers fell to 0.496 / 0.516 / 0.518, as the
    groups it reads are often wrong; a weaker prior (0.5 or 1) was noisier, not better."""
    out = p.astype(float).copy()
    if len(set(answers.values())) < 2:
        # answers of one kind only say nothing of where the line lies: five "no"s would pull
        # every link of the story down (taking one passage out of a group of five dissolved
        # the four left); they are kept as they are, the rest left to the judge
        for r, same in answers.items():
            out[r] = float(same)
        return out
    from scipy.optimize import minimize  # only when there are answers: ~0.2 s to import

    rows = np.fromiter(answers.keys(), dtype=np.int64)
    y = np.array([answers[r] for r in rows.tolist()], dtype=float)
    signals = x[:, _COLUMNS]
    scale = signals.std(axis=0) + 1e-9
    z = np.column_stack([np.ones(len(p)), _logit(p), (signals - signals.mean(axis=0)) / scale])
    target = np.r_[0.0, 1.0, np.zeros(len(_COLUMNS))]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        t = z[rows] @ theta
        q = 1.0 / (1.0 + np.exp(-t))
        nll = -np.sum(y * np.log(q + 1e-12) + (1 - y) * np.log(1 - q + 1e-12))
        grad = z[rows].T @ (q - y)
        d = theta - target
        return nll + prior * float(d @ d), grad + 2 * prior * d

    theta = minimize(loss, target, jac=True, method="L-BFGS-B").x
    out = 1.0 / (1.0 + np.exp(-(z @ theta)))
    out[rows] = y  # the reviewer's decisions stand
    return out


def questions(p: np.ndarray, i: np.ndarray, j: np.ndarray, threshold: float,
              asked: set[int] | frozenset[int] = frozenset(), limit: int = 20,
              margin: float | None = None) -> list[int]:
    """Pair rows to ask about, most informative first: closest to the link threshold (in
    log-odds), each passage in at most one question, none asked before; with ``margin``, only
    pairs within that many log-odds of the threshold (the unsure ones)."""
    doubt = np.abs(_logit(p) - _logit(np.array([threshold]))[0])
    order = np.argsort(doubt, kind="stable")
    seen: set[int] = set()
    picked: list[int] = []
    for r in order.tolist():
        if margin is not None and doubt[r] > margin:
            break
        if r in asked or i[r] in seen or j[r] in seen:
            continue
        picked.append(r)
        seen.update((int(i[r]), int(j[r])))
        if len(picked) == limit:
            break
    return picked


def questions_by_impact(p: np.ndarray, i: np.ndarray, j: np.ndarray, threshold: float,
                        clusters: list[list[int]], asked: set[int] | frozenset[int] = frozenset(),
                        limit: int = 20, margin: float = 1.6) -> list[int]:
    """Pair rows to ask about, the answers expected to change most first: among the unsure
    pairs (within ``margin`` log-odds of the threshold), a pair across two groups weighs the
    chance of "yes" times the member pairs a merge would link; a pair inside one group the
    chance of "no" times the pairs its removal would unlink. Each passage once."""
    doubt = np.abs(_logit(p) - _logit(np.array([threshold]))[0])
    size: dict[int, int] = {}
    home: dict[int, int] = {}
    for c, members in enumerate(clusters):
        for r in members:
            home.setdefault(r, c)
        for r in members:
            size[r] = max(size.get(r, 1), len(members))
    gain = np.zeros(len(p))
    unsure = np.flatnonzero(doubt <= margin)
    for r in unsure.tolist():
        a, b = int(i[r]), int(j[r])
        if a in home and home.get(a) == home.get(b):
            gain[r] = (1 - p[r]) * (size[a] - 1)
        else:
            gain[r] = p[r] * size.get(a, 1) * size.get(b, 1)
    order = unsure[np.lexsort((doubt[unsure], -gain[unsure]))]
    seen: set[int] = set()
    picked: list[int] = []
    for r in order.tolist():
        if r in asked or i[r] in seen or j[r] in seen:
            continue
        picked.append(r)
        seen.update((int(i[r]), int(j[r])))
        if len(picked) == limit:
            break
    return picked
