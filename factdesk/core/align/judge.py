"""The pair judge: a learned "same fact?" probability for each candidate pair.

The hand-set logistic score (:mod:`factdesk.core.align.score`) reads each signal on an absolute
scale, but what makes two sentences the same fact is relative to the story: in a story where
every sentence names the same two people, a word cosine of 0.3 means little; a pair that is
each passage's best match in the other's article means much. The judge reads the score's own
signals together with such story-relative ones (ranks within the passage's candidates in the
other article, gaps to the best, the score's percentile in the story, the passages' lengths
and places, how alike the two articles are) through gradient-boosted trees trained on the
team's fact-level annotations (``benchmarks/judge_train.py``; figures, held out story by story,
in ``benchmarks/README.md``).

A second judge (``EMBED_MODEL_FILE``) also reads the passages' MiniLM sentence embeddings
(:mod:`factdesk.core.align.embed`, ``EMBED_FEATURES``); it is slightly better held out and
too slow for the default (``AlignConfig.use_embeddings``). Its first columns are
``JUDGE_FEATURES``, so code that reads judge features by name (``learn.STORY_SIGNALS``) reads
either.

The trees ship as JSON beside this module and are evaluated here with numpy: scikit-learn,
which trains them, is a test dependency only (importing it costs ~1.8 s of the command's
start-up), and a few hundred shallow trees need nothing more than array indexing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np
import scipy.sparse as sp

from factdesk.core.align.config import FEATURE_NAMES
from factdesk.core.align.features import PassageFeatures, rowwise_dot, stem
from factdesk.core.model import Passage

MODEL_FILE = "judge_model.json"
#: the judge that also reads the sentence-embedding signals (a review of one story)
EMBED_MODEL_FILE = "judge_model_embed.json"

#: the judge's inputs, in order: the score's signals, then the story-relative ones
JUDGE_FEATURES = FEATURE_NAMES + (
    "base", "rank_best", "rank_worst", "gap_best", "gap_worst", "mutual", "story_pct",
    "words_min", "words_max", "place_min", "place_max", "lede_both", "article_sim",
    "numbers_both_differ", "word_z", "third_sum", "third_cos", "unit_same_value_differs",
    "prose_min",
)
#: the sentence-embedding signals (:mod:`factdesk.core.align.embed`), appended after
#: ``JUDGE_FEATURES`` for the judge that reads them: the cosine, its ranks and gap among the
#: passage's candidates in the other article, and its z-score in the story
EMBED_FEATURES = ("emb_cos", "emb_rank_best", "emb_rank_worst", "emb_gap_best", "emb_z")
#: token-level alignment of the two passages' MiniLM token vectors (BERTScore-like): each
#: token's best match in the other passage, averaged both ways (F and the lower side), and
#: the F's rank among the passage's candidates in the other article
TOKEN_FEATURES = ("tok_f", "tok_min", "tok_rank_best")

# a number and the word it counts: "38,000 vehicles", "27-point", "12 per cent of voters"
_COUNTED = re.compile(r"(\d[\d,.]*)(?:\s*(?:-|per\s?cent|percent|%))?\s*([a-z]{3,})")
_NOT_UNITS = frozenset(["and", "the", "for", "with", "from", "that", "this", "were", "was", "are",
                        "has", "had", "have", "per"])


def counted_units(text: str) -> dict[str, set[str]]:
    """The things a passage counts, each with the values it gives: {"vehicl": {"38000"}}.

    Two outlets giving one attribute different values (38,000 vs 45,000 vehicles, a 27- vs a
    28-point plan) report the *same* fact and disagree; the judge must not read "their numbers
    differ" as "another fact" there, so it is told when the counted thing is the same."""
    found: dict[str, set[str]] = {}
    for value, word in _COUNTED.findall(text.lower()):
        if word not in _NOT_UNITS:
            found.setdefault(stem(word), set()).add(value.replace(",", "").rstrip("."))
    return found


def _unit_same_value_differs(units: list[dict[str, set[str]]], i: np.ndarray,
                             j: np.ndarray) -> np.ndarray:
    out = np.zeros(len(i))
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        shared = units[a].keys() & units[b].keys()
        if shared and any(units[a][u] != units[b][u] for u in shared):
            out[k] = 1.0
    return out


_TERMINAL = frozenset(".!?")
_CLOSERS = "\"'\u201d\u2019)"
_OPENERS = "\"'\u201c\u2018"


def prose_likeness(text: str) -> float:
    """How much a passage reads as a sentence of prose, 0 to 1: the share of its words that
    are mostly letters, counted in full when it starts like a sentence (a capital or a quote
    mark) and ends like one (. ! ? before any closing quote), half when it does neither. Page
    junk ("id=265672", "m.", a caption, a byline, a list of links) scores low: copies of it in
    two articles are no shared fact, however alike their characters."""
    words = text.split()
    if not words:
        return 0.0
    alpha = sum(sum(c.isalpha() for c in w) >= max(1.0, 0.6 * len(w)) for w in words) / len(words)
    stripped = text.strip()
    ends = stripped.rstrip(_CLOSERS)[-1:] in _TERMINAL
    starts = stripped[:1].isupper() or stripped[:1] in _OPENERS
    return alpha * (0.5 + 0.25 * ends + 0.25 * starts)


def _group_max(key: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    best = np.full(size, -np.inf)
    np.maximum.at(best, key, values)
    return best


def _rank_within(key: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Rank (0 = highest) of each value among the entries sharing its key; ties share the
    lower rank, so the result does not depend on the order of the pairs."""
    order = np.lexsort((-values, key))
    k, v = key[order], values[order]
    new_key = np.r_[True, k[1:] != k[:-1]]
    new_val = new_key | np.r_[True, v[1:] != v[:-1]]
    pos = np.arange(len(k))
    group_start = np.maximum.accumulate(np.where(new_key, pos, 0))
    tie_start = np.maximum.accumulate(np.where(new_val, pos, 0))
    ranks = np.empty(len(k), np.int64)
    ranks[order] = tie_start - group_start
    return ranks


def _relative(i: np.ndarray, j: np.ndarray, art: np.ndarray, n: int,
              values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each pair's rank (0 = best) and gap to the best among passage i's candidates in j's
    article, and the same seen from j: ``(rank_i, rank_j, gap_i, gap_j)``."""
    n_art = int(art.max()) + 1
    key_i = i * n_art + art[j]  # passage i's pairs into j's article
    key_j = j * n_art + art[i]
    keys = np.r_[key_i, key_j]
    both = np.r_[values, values]
    ranks = _rank_within(keys, both)
    best = _group_max(keys, both, n * n_art)
    return ranks[: len(i)], ranks[len(i):], best[key_i] - values, best[key_j] - values


def embedding_features(emb: np.ndarray, art: np.ndarray, i: np.ndarray,
                       j: np.ndarray) -> np.ndarray:
    """The ``EMBED_FEATURES`` columns from the passages' unit embeddings (rows as passages).

    Relative figures matter more than the cosine itself: in one story every sentence is about
    the same people and place, and a sentence encoder finds them all alike (cosines 0.4-0.7);
    which passage of the other article is *closest* is what tells."""
    if len(i) == 0:
        return np.zeros((0, len(EMBED_FEATURES)))
    cos = np.einsum("ij,ij->i", emb[i], emb[j]).astype(float)
    rank_i, rank_j, gap_i, gap_j = _relative(i, j, art, len(emb), cos)
    z = (cos - cos.mean()) / (cos.std() + 1e-9)
    return np.column_stack([cos, np.minimum(rank_i, rank_j), np.maximum(rank_i, rank_j),
                            np.minimum(gap_i, gap_j), z])


def token_features(tokens: Sequence[np.ndarray], art: np.ndarray, i: np.ndarray,
                   j: np.ndarray) -> np.ndarray:
    """The ``TOKEN_FEATURES`` columns from each passage's unit token vectors."""
    out = np.zeros((len(i), len(TOKEN_FEATURES)))
    if len(i) == 0:
        return out
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        ta, tb = tokens[a], tokens[b]
        if len(ta) == 0 or len(tb) == 0:
            continue
        sim = ta @ tb.T
        r, p = float(sim.max(axis=1).mean()), float(sim.max(axis=0).mean())
        out[k, 0] = 2 * r * p / max(r + p, 1e-9)
        out[k, 1] = min(r, p)
    rank_i, rank_j, _gi, _gj = _relative(i, j, art, len(tokens), out[:, 0])
    out[:, 2] = np.minimum(rank_i, rank_j)
    return out


def judge_features(passages: Sequence[Passage], f: PassageFeatures, art: np.ndarray,
                   i: np.ndarray, j: np.ndarray, x: np.ndarray,
                   base: np.ndarray) -> np.ndarray:
    """One row per pair (columns as ``JUDGE_FEATURES``) from the score's signal rows ``x``
    and its pair score ``base``. Every story-relative figure is computed over the given pairs
    (the candidates) and is symmetric in the two passages."""
    n = len(passages)
    if len(i) == 0:
        return np.zeros((0, len(JUDGE_FEATURES)))
    n_art = int(art.max()) + 1
    rank_i, rank_j, gap_i, gap_j = _relative(i, j, art, n, base)
    story_pct = (np.argsort(np.argsort(base, kind="stable"), kind="stable") + 0.5) / len(base)

    words = np.array([len(p.text.split()) for p in passages], dtype=float)
    index = np.array([p.index for p in passages], dtype=float)
    last = _group_max(art, index, n_art)
    place = index / np.maximum(last[art], 1.0)
    lede = index <= 2  # headline, standfirst or first sentence

    summed = sp.csr_matrix((np.ones(n), (art, np.arange(n))), shape=(n_art, n)) @ f.word
    norms = np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())
    summed = sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ summed
    article_sim = np.asarray((summed @ summed.T).todense())[art[i], art[j]]

    has_numbers = np.asarray(f.nums.sum(axis=1)).ravel() > 0
    numbers_col = x[:, FEATURE_NAMES.index("numbers")]
    numbers_differ = has_numbers[i] & has_numbers[j] & (numbers_col == 0)
    word_col = x[:, FEATURE_NAMES.index("word")]
    word_z = (word_col - word_col.mean()) / (word_col.std() + 1e-9)

    # Third outlets: two passages that both match the same passages of other articles report
    # the same fact, even when they share few words with each other (a quote and its
    # paraphrase, each close to a third outlet's wording).
    links = sp.csr_matrix((np.r_[base, base], (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    third_sum = rowwise_dot(links, i, j)
    norms = np.sqrt(np.asarray(links.multiply(links).sum(axis=1)).ravel())
    third_cos = third_sum / np.maximum(norms[i] * norms[j], 1e-9)

    prose = np.array([prose_likeness(p.text) for p in passages])

    return np.column_stack([
        x, base,
        np.minimum(rank_i, rank_j), np.maximum(rank_i, rank_j),
        np.minimum(gap_i, gap_j), np.maximum(gap_i, gap_j),
        (rank_i == 0) & (rank_j == 0),
        story_pct,
        np.minimum(words[i], words[j]), np.maximum(words[i], words[j]),
        np.minimum(place[i], place[j]), np.maximum(place[i], place[j]),
        lede[i] & lede[j],
        article_sim,
        numbers_differ,
        word_z,
        third_sum,
        third_cos,
        _unit_same_value_differs([counted_units(p.text) for p in passages], i, j),
        np.minimum(prose[i], prose[j]),
    ]).astype(float)


@dataclass(frozen=True)
class TreeEnsemble:
    """Additive binary-classification trees: ``p = sigmoid(bias + Σ leaf values)``.

    Each tree is four parallel arrays over its nodes: the feature a split reads (-1 at a
    leaf), its threshold (``x <= t`` goes left), the left and right children, and the value
    (read at leaves)."""

    bias: float
    trees: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...]
    features: tuple[str, ...]

    @classmethod
    def from_json(cls, doc: dict) -> TreeEnsemble:
        trees = tuple(
            (np.asarray(t["feature"], np.int64), np.asarray(t["threshold"], float),
             np.asarray(t["left"], np.int64), np.asarray(t["right"], np.int64),
             np.asarray(t["value"], float))
            for t in doc["trees"]
        )
        return cls(float(doc["bias"]), trees, tuple(doc["features"]))

    def to_json(self) -> dict:
        return {"bias": self.bias, "features": list(self.features), "trees": [
            {"feature": f.tolist(), "threshold": t.tolist(), "left": lt.tolist(),
             "right": rt.tolist(), "value": v.tolist()} for f, t, lt, rt, v in self.trees]}

    @cached_property
    def _stacked(self) -> tuple[np.ndarray, ...]:
        """The trees as (trees × nodes) arrays, padded with leaves, so that all trees descend
        one level at a time together; node ids become offsets into the flattened arrays."""
        width = max(len(t[0]) for t in self.trees)
        shape = (len(self.trees), width)
        feature = np.full(shape, -1, np.int64)
        threshold, value = np.zeros(shape), np.zeros(shape)
        left, right = np.zeros(shape, np.int64), np.zeros(shape, np.int64)
        for k, (f, t, lt, rt, v) in enumerate(self.trees):
            n = len(f)
            feature[k, :n], threshold[k, :n], value[k, :n] = f, t, v
            left[k, :n], right[k, :n] = lt + k * width, rt + k * width
        depth = max(_depth(f, lt, rt) for f, _t, lt, rt, _v in self.trees)
        return (feature.ravel(), threshold.ravel(), left.ravel(), right.ravel(), value.ravel(),
                np.arange(len(self.trees), dtype=np.int64) * width, np.int64(depth))

    def predict(self, x: np.ndarray, chunk: int = 4096) -> np.ndarray:
        """Probability per row of ``x`` (columns as ``features``)."""
        feature, threshold, left, right, value, roots, depth = self._stacked
        z = np.empty(len(x))
        for start in range(0, len(x), chunk):
            part = x[start:start + chunk]
            node = np.broadcast_to(roots, (len(part), len(roots))).copy()
            rows = np.arange(len(part))[:, None]
            for _ in range(int(depth)):
                f = feature[node]
                go_left = part[rows, np.maximum(f, 0)] <= threshold[node]
                node = np.where(f >= 0, np.where(go_left, left[node], right[node]), node)
            z[start:start + chunk] = self.bias + value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-z))


def _depth(feature: np.ndarray, left: np.ndarray, right: np.ndarray) -> int:
    """Splits on the longest path from the root of one tree."""
    best, stack = 0, [(0, 0)]
    while stack:
        node, d = stack.pop()
        if feature[node] < 0:
            best = max(best, d)
        else:
            stack += [(int(left[node]), d + 1), (int(right[node]), d + 1)]
    return best


@cache
def shipped_judge(with_embeddings: bool = False) -> TreeEnsemble:
    """The trained judge shipped with factdesk (package data beside this module); with
    ``with_embeddings`` the one that also reads ``EMBED_FEATURES`` (a review of one story).

    A build without it is broken, not degraded: grouping thresholds are on the judge's
    probabilities, so falling back to another score would silently align worse."""
    name = EMBED_MODEL_FILE if with_embeddings else MODEL_FILE
    text = resources.files("factdesk.core.align").joinpath(name).read_text("utf-8")
    model = TreeEnsemble.from_json(json.loads(text))
    if with_embeddings:  # read by name (``columns_of``): it may predate a judge feature
        ok = set(model.features) <= set(JUDGE_FEATURES + EMBED_FEATURES)
    else:
        ok = model.features == JUDGE_FEATURES
    if not ok:
        raise ValueError(f"{name} was trained on other features; retrain it")
    return model


def columns_of(features: Sequence[str]) -> list[int]:
    """The columns of ``features`` in the rows alignment builds (``JUDGE_FEATURES``, then
    ``EMBED_FEATURES`` when the embeddings are read). The embedding judge is read by name: it
    is retrained only where the MiniLM encoder is made (``benchmarks/embed_export.py``), so it
    may not read a judge feature added since."""
    names = JUDGE_FEATURES + EMBED_FEATURES
    return [names.index(f) for f in features]
