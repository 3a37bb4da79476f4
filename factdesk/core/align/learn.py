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

:func:`implied_answers` lets one answer settle a few more pairs, those it decides with little
doubt: a wire copy (the same sentence in another outlet) inherits the answer about its twin.
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
#: how far (log-odds) the per-story correction may move a pair the reviewer did not answer: a
#: factor of about 4.5 in the odds. Twenty answers on the unsure pairs say where this story's
#: line lies, not that a pair the judge was sure of is wrong: unbounded, seven "yes" and
#: thirteen "no" took a sentence and its quotation ("She's in rehab right now.", judge 0.94)
#: down to 0.29, below the link (learn_curve.py --misses 1_ecbplus). Bounded (with the wire
#: copies on both sides), ECB+ F1 after 20 / 40 answers +0.007 / +0.017 (learn_curve.py;
#: 0.75, 1.0 and 2.0 measured too: benchmarks/README).
MAX_SHIFT = 1.5
#: two passages of different articles at least this alike (character n-gram cosine, the judge's
#: ``char`` signal) and both of at least ``TWIN_WORDS`` words are one text twice: a wire copy,
#: or the same sentence in two outlets. An answer about one holds for its twin: over the 27
#: annotated stories 99.4 % of the "yes" labels (99.8 % of all) so implied agree with the gold.
#: Shorter passages ("Advertisement", a dateline) are left out: alike, but not facts.
TWIN_CHAR = 0.8
TWIN_WORDS = 6


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def refit(p: np.ndarray, x: np.ndarray, answers: Mapping[int, bool],
          prior: float = 2.0, max_shift: float = MAX_SHIFT) -> np.ndarray:
    """The pairs' probabilities after the reviewer's ``answers`` (pair row → same fact?).

    ``p`` is the judge's probability per pair and ``x`` its features (``JUDGE_FEATURES``). The
    model is ``sigmoid(a + b·logit(p) + w·signals)``, fitted on the answered pairs by penalised
    likelihood with the prior ``a = 0, b = 1, w = 0`` (the judge unchanged); ``prior`` is the
    penalty's weight, worth about that many answers. No unanswered pair moves by more than
    ``max_shift`` log-odds.

    Tried and left out (``benchmarks/learn_curve.py``): fitting also the pairs an answer
    implies through the groups (a "yes" to ``a, b`` says ``b`` is the fact of ``a``'s
    group-mates) — ECB+ F1 after 10 / 20 / 40 answers fell to 0.496 / 0.516 / 0.518, as the
    groups it reads are often wrong; a weaker prior (0.5 or 1) was noisier, not better; a
    correction that re-ranks (15 of the judge's features under a strong prior, weights held
    non-negative, a nearest-neighbour vote among the answered pairs) stayed within ±0.01 of
    this one and lowered the seeds: twenty answers cannot fit a new ranking."""
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
    moved = np.clip(z @ theta - z[:, 1], -max_shift, max_shift)
    out = 1.0 / (1.0 + np.exp(-(z[:, 1] + moved)))
    out[rows] = y  # the reviewer's decisions stand
    return out


def implied_answers(i: np.ndarray, j: np.ndarray, art: np.ndarray, x: np.ndarray,
                    answers: Mapping[tuple[int, int], bool]) -> dict[tuple[int, int], bool]:
    """Pairs (``(row, row)``, lower row first) that the reviewer's ``answers`` settle with
    little doubt, with the answer they imply: an answer about ``a, b`` also holds for ``a'``,
    ``b`` (and ``a, b'``, ``a', b'``) where ``a'`` is a wire twin of ``a`` (see ``TWIN_CHAR``)
    in a third article — a "yes" to a sentence joins its copies too, a "no" keeps them out.

    Only near-copies carry an answer: passing a "yes" on through the current groups or through
    very sure links (probability >= 0.95 or 0.98) was measured and lowered the learning curve
    (``benchmarks/learn_curve.py``), as those are wrong too often. A pair the reviewer answered
    keeps their answer, and a pair two answers would settle both ways is left unsettled."""
    if not answers:
        return {}
    col = {name: JUDGE_FEATURES.index(name) for name in ("char", "words_min")}
    twin = (x[:, col["char"]] >= TWIN_CHAR) & (x[:, col["words_min"]] >= TWIN_WORDS)
    twins: dict[int, set[int]] = {}
    for a, b in zip(i[twin].tolist(), j[twin].tolist(), strict=True):
        twins.setdefault(a, set()).add(b)
        twins.setdefault(b, set()).add(a)
    implied: dict[tuple[int, int], bool] = {}
    torn: set[tuple[int, int]] = set()
    for (a, b), same in sorted(answers.items()):
        for c in {a} | twins.get(a, set()):
            for d in {b} | twins.get(b, set()):
                key = (min(c, d), max(c, d))
                if c == d or art[c] == art[d] or key in answers:
                    continue
                if implied.setdefault(key, same) != same:
                    torn.add(key)
    return {k: v for k, v in implied.items() if k not in torn}


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
