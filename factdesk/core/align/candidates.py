"""Step 1 of alignment: candidate pairs.

Sparse products of the passages' TF-IDF rows (words and character n-grams) against all
passages, chunk by chunk, keep each passage's few best cross-article neighbours, plus every pair
where one passage's quotation is found in the other. Features used by very many passages are
left out of this index so each chunk's product stays small; nothing ever loops over all pairs in
Python, so the cost grows near-linearly with the number of passages.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from factdesk.core.align.config import (
    AlignConfig,
)
from factdesk.core.align.features import (
    PassageFeatures,
    quote_containment,
)
from factdesk.core.progress import CancelToken, Progress, no_progress


def _prune(m: sp.csr_matrix, max_df: int) -> sp.csr_matrix:
    """Drop columns used by more than ``max_df`` rows: they are common and cost quadratic time."""
    df = np.bincount(m.indices, minlength=m.shape[1])
    return (m @ sp.diags((df <= max_df).astype(m.dtype))).tocsr()


def _ranks(keys: np.ndarray) -> np.ndarray:
    """Position of each entry within its run of equal ``keys`` (keys sorted)."""
    if len(keys) == 0:
        return np.zeros(0, np.int64)
    starts = np.r_[0, np.flatnonzero(keys[1:] != keys[:-1]) + 1]
    return np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))


def _top_k_cross(block: sp.coo_matrix, offset: int, art: np.ndarray, k: int,
                 min_sim: float, per_article: int = 0,
                 cap: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` best columns in other articles with value ≥ ``min_sim``, and its
    ``per_article`` best in *each* other article.

    The second keeps the reworded report of a fact in every outlet within reach: in a story
    whose outlets all say much the same, a row's overall best few can all come from one or
    two articles. Past ``cap`` candidates a row keeps only its best."""
    rows = block.row.astype(np.int64) + offset
    cols = block.col.astype(np.int64)
    keep = (block.data >= min_sim) & (art[rows] != art[cols])
    rows, cols, vals = rows[keep], cols[keep], block.data[keep]
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    top = _ranks(rows) < k
    if per_article:
        by_art = np.lexsort((cols, -vals, art[cols], rows))
        key = rows[by_art] * (int(art.max()) + 1) + art[cols[by_art]]
        mine = np.zeros(len(rows), bool)
        mine[by_art] = _ranks(key) < per_article
        top |= mine
        rows, cols = rows[top], cols[top]  # still in order of value within each row
        top = _ranks(rows) < max(k, cap)
    return rows[top], cols[top]


def candidate_pairs(f: PassageFeatures, art: np.ndarray, config: AlignConfig,
                    progress: Progress = no_progress,
                    cancel: CancelToken | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Cross-article candidate pairs (i < j) from a chunked sparse similarity index."""
    n = len(art)
    word = _prune(f.word, config.index_max_df) * 0.5
    char = _prune(f.char, config.index_max_df) * 0.5
    word_t, char_t = word.T.tocsr(), char.T.tocsr()
    story = len(art) and int(art.max()) + 1 <= config.story_max_articles
    per_article = config.max_per_article if story else 0
    min_sim = config.candidate_min_sim if story else config.corpus_min_sim
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    for start in range(0, n, config.chunk_rows):
        if cancel is not None:
            cancel.raise_if_cancelled()
        stop = min(n, start + config.chunk_rows)
        block = (word[start:stop] @ word_t + char[start:stop] @ char_t).tocoo()
        r, c = _top_k_cross(block, start, art, config.max_neighbors, min_sim, per_article,
                            config.max_candidates)
        found_i.append(r)
        found_j.append(c)
        progress(stop, n, "Finding similar passages")
    quotes = quote_containment(f, config.index_max_df).tocoo()
    strong = (quotes.data >= config.quote_min * 0.75) & (art[quotes.row] != art[quotes.col])
    found_i.append(quotes.row[strong].astype(np.int64))
    found_j.append(quotes.col[strong].astype(np.int64))
    i = np.concatenate(found_i) if found_i else np.zeros(0, np.int64)
    j = np.concatenate(found_j) if found_j else np.zeros(0, np.int64)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keys = np.unique(lo * n + hi)
    return keys // n, keys % n

