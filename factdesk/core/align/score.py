"""Step 2 of alignment: the pair score.

A logistic combination of several signals per candidate pair (word, character and content-word
cosines, name and number overlap, quotation containment, best clause, neighbour support, other
event; see :mod:`factdesk.core.align.features`), raised to the quotation evidence when a quote
of four or more words recurs, and, for grouping, raised for mutual best matches.
Content words (not names, not numbers) carry most weight, so two different statements by the
same people are not paired just because they share "Trump" and "Putin".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from factdesk.core.align.candidates import candidate_pairs
from factdesk.core.align.config import (
    EVENT_CUT,
    FEATURE_NAMES,
    AlignConfig,
    article_codes,
    order_keys,
)
from factdesk.core.align.features import (
    PassageFeatures,
    best_clause,
    build_features,
    overlap_coefficient,
    quote_containment,
    rowwise_dot,
)
from factdesk.core.model import Passage
from factdesk.core.progress import CancelToken, Progress, no_progress


def pair_features(f: PassageFeatures, i: np.ndarray, j: np.ndarray,
                  quotes: sp.csr_matrix | None = None, max_df: int = 200,
                  art: np.ndarray | None = None) -> np.ndarray:
    """One row of signals per pair, columns in the order of ``FEATURE_NAMES``.

    The ``neighbour`` column is left 0 here; :func:`add_neighbour_support` fills it once the
    pairs have a first score. The ``other_event`` column needs the passages' article codes
    (``art``); without them it is 0.
    """
    if quotes is None:
        quotes = quote_containment(f, max_df)
    quote = np.asarray(quotes[i, j], dtype=np.float64).ravel() if len(i) else np.zeros(0)
    return np.column_stack([
        rowwise_dot(f.word, i, j),
        rowwise_dot(f.char, i, j),
        rowwise_dot(f.content, i, j),
        overlap_coefficient(f.names, i, j),
        overlap_coefficient(f.nums, i, j),
        quote,
        best_clause(f, i, j),
        np.zeros(len(i)),
        other_event(f, art, i, j) if art is not None else np.zeros(len(i)),
    ])


def other_event(f: PassageFeatures, art: np.ndarray, i: np.ndarray, j: np.ndarray,
                cut: float = EVENT_CUT) -> np.ndarray:
    """Per pair, -1 when its two articles cover different events, else 0.

    A review can hold coverage of two similar events (two quakes in one region, this year's
    talks and last year's): sentences about the other event share names and vocabulary but
    report other facts. Articles are grouped into events by average linkage over the cosine
    distance of their summed word TF-IDF rows, cut at ``cut``; an "event" needs two articles
    or more, so one outlet's odd article (a brief, a page full of other news) is never held
    apart. In a review of one story every article falls in one event and nothing changes;
    a wire reprint sits with its original. Cross-document event coreference systems cluster
    documents first for the same reason.
    """
    n_art = int(art.max()) + 1 if len(art) else 0
    if len(i) == 0 or n_art < 4:  # two events of two articles each, at the least
        return np.zeros(len(i))
    summed = sp.csr_matrix((np.ones(len(art)), (art, np.arange(len(art)))),
                           shape=(n_art, len(art))) @ f.word
    norms = np.sqrt(np.asarray(summed.multiply(summed).sum(axis=1)).ravel())
    summed = sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ summed
    event = _average_linkage(np.clip(1.0 - (summed @ summed.T).toarray(), 0.0, None), cut)
    event = np.where(np.bincount(event)[event] >= 2, event, -1)  # lone articles: no event
    ea, eb = event[art[i]], event[art[j]]
    return np.where((ea != eb) & (ea >= 0) & (eb >= 0), -1.0, 0.0)


def _average_linkage(dist: np.ndarray, cut: float) -> np.ndarray:
    """A cluster label per row of ``dist``: average linkage (UPGMA), merged while the closest
    two clusters are at most ``cut`` apart.

    Written here rather than taken from ``scipy.cluster``, whose import alone costs 0.17 s of
    the command line's 2 s budget; the rows are articles, a few dozen in a review (982 ECB+
    articles take ~0.5 s).
    """
    n = len(dist)
    d = (dist + dist.T) / 2.0
    np.fill_diagonal(d, np.inf)
    size = np.ones(n)
    label = np.arange(n)
    while n > 1:
        a, b = divmod(int(np.argmin(d)), n)
        if not d[a, b] <= cut:
            break
        merged = (size[a] * d[a] + size[b] * d[b]) / (size[a] + size[b])
        d[a], d[:, a] = merged, merged
        d[a, a] = np.inf
        d[b], d[:, b] = np.inf, np.inf
        size[a] += size[b]
        label[label == b] = a
    return label


def _adjacent_rows(passages: Sequence[Passage]) -> tuple[np.ndarray, np.ndarray]:
    """Row of the previous and of the next passage of the same article (-1 at the ends)."""
    keys = order_keys(passages)
    order = sorted(range(len(passages)), key=lambda r: keys[r])
    prev = np.full(len(passages), -1, dtype=np.int64)
    nxt = np.full(len(passages), -1, dtype=np.int64)
    for a, b in zip(order, order[1:], strict=False):
        if keys[a][0] == keys[b][0]:
            prev[b], nxt[a] = a, b
    return prev, nxt


def neighbour_support(passages: Sequence[Passage], i: np.ndarray, j: np.ndarray,
                      s: np.ndarray) -> np.ndarray:
    """Per pair (a, b), the better score of (a-1, b-1) and (a+1, b+1) among the given pairs.

    Outlets keep the local order of a stretch of reporting, so a pair whose neighbours also
    pair up is more likely the same fact. Lookups go through the sorted pair keys, so the cost
    is that of sorting the candidate list.
    """
    if len(i) == 0:
        return np.zeros(0)
    n = len(passages)
    prev, nxt = _adjacent_rows(passages)
    keys = np.minimum(i, j) * n + np.maximum(i, j)
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_s = keys[order], s[order]
    out = np.zeros(len(i))
    for adj in (prev, nxt):
        a, b = adj[i], adj[j]
        ok = (a >= 0) & (b >= 0)
        want = np.minimum(a, b) * n + np.maximum(a, b)
        pos = np.clip(np.searchsorted(sorted_keys, want), 0, len(sorted_keys) - 1)
        hit = ok & (sorted_keys[pos] == want)
        out = np.maximum(out, np.where(hit, sorted_s[pos], 0.0))
    return out


def add_neighbour_support(passages: Sequence[Passage], i: np.ndarray, j: np.ndarray,
                          x: np.ndarray, config: AlignConfig) -> np.ndarray:
    """Fill the ``neighbour`` column of ``x`` from a first scoring without it (a copy)."""
    col = FEATURE_NAMES.index("neighbour")
    x = x.copy()
    x[:, col] = 0.0
    if len(i) and config.weights[col] != 0.0:
        x[:, col] = neighbour_support(passages, i, j, combine(x, config))
    return x


def combine(x: np.ndarray, config: AlignConfig) -> np.ndarray:
    """Pair score in [0, 1] from the signal rows of :func:`pair_features`."""
    if len(x) == 0:
        return np.zeros(0)
    z = x @ np.asarray(config.weights) + config.bias
    score = 1.0 / (1.0 + np.exp(-z))
    quote = x[:, FEATURE_NAMES.index("quote")]
    quoted = np.where(quote >= config.quote_min, quote, 0.0)
    return np.clip(np.maximum(score, quoted), 0.0, 1.0)


def similar_pairs(passages: Sequence[Passage], *, config: AlignConfig = AlignConfig(),
                  progress: Progress = no_progress, cancel: CancelToken | None = None,
                  ) -> list[tuple[str, str, float]]:
    """Scored cross-article candidate pairs ``(passage_id, passage_id, score)``, best first.

    Useful on its own for "show me passages like this one" and for measuring the pair score.
    """
    i, j, s = _scored_candidates(passages, config, progress, cancel)
    order = np.lexsort((j, i, -s))
    return [(passages[i[k]].id, passages[j[k]].id, float(s[k])) for k in order]


def _scored_candidates(passages: Sequence[Passage], config: AlignConfig, progress: Progress,
                       cancel: CancelToken | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    feats = build_features([p.text for p in passages], config.min_quote_words)
    art = article_codes(passages)
    i, j = candidate_pairs(feats, art, config, progress, cancel)
    quotes = quote_containment(feats, config.index_max_df)
    x = add_neighbour_support(passages, i, j, pair_features(feats, i, j, quotes, art=art),
                              config)
    return i, j, combine(x, config)


def link_scores(passages: Sequence[Passage], art: np.ndarray, i: np.ndarray, j: np.ndarray,
                x: np.ndarray, config: AlignConfig) -> np.ndarray:
    """Scores used for grouping: the pair score raised for mutual best matches."""
    return _mutual_boost(i, j, combine(x, config), art, config)


def _mutual_boost(i: np.ndarray, j: np.ndarray, s: np.ndarray, art: np.ndarray,
                  config: AlignConfig) -> np.ndarray:
    """Raise pairs that are mutual best matches between their two articles.

    A reworded fact scores low in absolute terms, but it is usually still the best match of
    each passage in the other article; being best in both directions is the evidence.
    """
    if len(s) == 0:
        return s
    n_art = int(art.max()) + 1
    key_i = i * n_art + art[j]  # passage i's best in article of j
    key_j = j * n_art + art[i]
    best = np.zeros((int(max(i.max(), j.max())) + 1) * n_art)
    np.maximum.at(best, key_i, s)
    np.maximum.at(best, key_j, s)
    mutual = (s >= best[key_i]) & (s >= best[key_j]) & (s >= config.mutual_floor)
    return np.where(mutual, np.maximum(s, config.mutual_score), s)


