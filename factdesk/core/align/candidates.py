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


def _top_k_cross(block: sp.coo_matrix, offset: int, art: np.ndarray, k: int,
                 min_sim: float) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` best columns in other articles with value ≥ ``min_sim``."""
    rows = block.row.astype(np.int64) + offset
    cols = block.col.astype(np.int64)
    keep = (block.data >= min_sim) & (art[rows] != art[cols])
    rows, cols, vals = rows[keep], cols[keep], block.data[keep]
    order = np.lexsort((cols, -vals, rows))
    rows, cols = rows[order], cols[order]
    starts = np.r_[0, np.flatnonzero(rows[1:] != rows[:-1]) + 1] if len(rows) else np.zeros(0, int)
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    top = rank < k
    return rows[top], cols[top]


def candidate_pairs(f: PassageFeatures, art: np.ndarray, config: AlignConfig,
                    progress: Progress = no_progress,
                    cancel: CancelToken | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Cross-article candidate pairs (i < j) from a chunked sparse similarity index."""
    n = len(art)
    word = _prune(f.word, config.index_max_df) * 0.5
    char = _prune(f.char, config.index_max_df) * 0.5
    word_t, char_t = word.T.tocsr(), char.T.tocsr()
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    for start in range(0, n, config.chunk_rows):
        if cancel is not None:
            cancel.raise_if_cancelled()
        stop = min(n, start + config.chunk_rows)
        block = (word[start:stop] @ word_t + char[start:stop] @ char_t).tocoo()
        r, c = _top_k_cross(block, start, art, config.max_neighbors, config.candidate_min_sim)
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

