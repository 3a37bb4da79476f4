"""Per-passage signals for alignment: TF-IDF views, quotations, names and numbers.

Everything is fitted on the review's own passages (no model, no download), so the weights of
words and character n-grams come from the articles being compared. Each signal answers a
different question about a pair of passages:

* word TF-IDF: do they use the same (rare) words?
* character n-gram TF-IDF: the same, robust to inflection and transliteration
  (Zelensky / Zelenskyy / Zelenskiy share most 3–5-grams);
* content TF-IDF: words that are neither names nor numbers — two different statements by the
  same people share names but not content, so this keeps them apart;
* clauses: a lede often reports two facts ("X said A, while B"); the best match of one of its
  clauses against the other passage (word view) finds each fact on its own;
* quotations: a quote of four or more words found again in the other passage is strong
  evidence of the same fact even when the surrounding sentences differ;
* names and numbers: set overlaps (names by a phonetic key so spelling variants match).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
import snowballstemmer

from factdesk.core.align.tfidf import (
    ENGLISH_STOP_WORDS,
    char_wb_analyzer,
    tfidf_matrix,
    word_analyzer,
)

# Reporting words say nothing about *which* fact a sentence reports.
_REPORTING_WORDS = (
    "said says say saying told tells tell added adds according asked reporters reporter "
    "stated statement noted claimed"
)
_REPORTING = frozenset(_REPORTING_WORDS.split())
_STOP = frozenset(ENGLISH_STOP_WORDS) | _REPORTING
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(_SMALL_NUMBERS.split())}
_QUOTE_MAP = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
     "‛": "'", "—": " - ", "–": " - "}
)
#: a quotation of this many word bigrams (or more) counts in full
QUOTE_FULL_BIGRAMS = 7
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CAP_WORD = re.compile(r"\b[A-Z][\w'’-]*[a-zA-Z]\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DOUBLE_QUOTED = re.compile(r'"([^"]+)"')
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))'([^']{8,}?)'(?=[\s.,;:!?)\]]|$)")
#: clause boundaries: semicolons, colons, spaced dashes, and a comma or space before a
#: conjunction that starts a second statement ("..., while ...", "... after ...")
_CLAUSE = re.compile(
    r"\s*(?:[;:]|\s-\s|,\s*(?:and|but|while|after|as|even as|which|who|where|when|because|"
    r"though|although)\b|\s(?:while|after|because|although|whereas)\s)\s*",
    re.IGNORECASE,
)
#: shortest clause (in words) scored on its own
MIN_CLAUSE_WORDS = 3
_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}


def normalize(text: str) -> str:
    """NFKC, straight quotes (also PTB-style `` ''), dashes spaced out."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    return text.replace("``", '"').replace("''", '"')


def words(text: str) -> list[str]:
    """Lower-cased word tokens of normalized text (punctuation and hyphens split)."""
    return [w.lower() for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """Snowball (Porter 2) English stem, cached: "cancels"/"canceled" -> "cancel"."""
    out = _STEMS.get(word)
    if out is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        out = _STEMS[word] = _STEMMER.stemWord(word)
    return out


def clauses(norm: str) -> list[str]:
    """Clauses of a passage with at least ``MIN_CLAUSE_WORDS`` words; [] when there is one."""
    return [norm[a:b] for a, b in clause_spans(norm)]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of at least ``MIN_CLAUSE_WORDS`` words; [] when there is
    one: a lede that reports two facts ("…, and officials said …") splits here."""
    cuts = [0, *(x for m in _CLAUSE.finditer(text) for x in (m.start(), m.end())), len(text)]
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True)
             if len(words(text[a:b])) >= MIN_CLAUSE_WORDS]
    return spans if len(spans) >= 2 else []


def quotations(norm: str, min_words: int) -> list[str]:
    """Quoted stretches of at least ``min_words`` words.

    A quote may run over a sentence boundary, so an unbalanced quote mark is read as opening
    (quote runs to the end of the passage) or closing (quote runs from its start).
    """
    found = [m.group(1) for m in _DOUBLE_QUOTED.finditer(norm)]
    marks = [i for i, ch in enumerate(norm) if ch == '"']
    if len(marks) % 2 == 1:
        first, last = marks[0], marks[-1]
        opening_first = first == 0 or norm[first - 1] in " ([:-"
        if opening_first and len(marks) == 1:
            found.append(norm[first + 1 :])
        elif opening_first:
            found.append(norm[last + 1 :])
        else:
            found.append(norm[:first])
    found += [m.group(1) for m in _SINGLE_QUOTED.finditer(norm)]
    return [q for q in found if len(words(q)) >= min_words]


def numbers(norm: str) -> frozenset[str]:
    """Numbers written as digits or as small number words, canonicalised to digits."""
    out = {n.replace(",", "") for n in _NUMBER.findall(norm)}
    out |= {_NUMBER_WORDS[w] for w in words(norm) if w in _NUMBER_WORDS}
    return frozenset(out)


def soundex(word: str) -> str:
    """American Soundex: a phonetic key so transliteration variants of a name collide."""
    codes = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"),
             **dict.fromkeys("dt", "3"), "l": "4", **dict.fromkeys("mn", "5"), "r": "6"}
    word = "".join(ch for ch in word.lower() if ch.isalpha())
    if not word:
        return ""
    out, last = [word[0].upper()], codes.get(word[0], "")
    for ch in word[1:]:
        code = codes.get(ch, "")
        if code and code != last:
            out.append(code)
        if ch not in "hw":
            last = code
    return ("".join(out) + "000")[:4]


def name_lexicon(norm_texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words the review writes capitalised far more often than in lower case.

    Judged over the whole review so that sentence-initial capitals ("Meanwhile", "Pressed")
    are not mistaken for names while "Trump" or "Kremlin" are recognised anywhere.
    """
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for text in norm_texts:
        for tok in _WORD.findall(text):
            if tok[0].isupper():
                cap[tok.lower()] += 1
            elif tok[0].islower():
                low[tok] += 1
    return frozenset(w for w, c in cap.items() if w not in _STOP and len(w) > 1 and low[w] * 4 < c)


@dataclass(frozen=True)
class PassageFeatures:
    """Row-aligned features of all passages of one review (row i = passage i)."""

    word: sp.csr_matrix  # L2-normalised word uni+bi-gram TF-IDF (stemmed)
    char: sp.csr_matrix  # L2-normalised char_wb n-gram TF-IDF
    content: sp.csr_matrix  # L2-normalised TF-IDF over non-name, non-number content stems
    names: sp.csr_matrix  # binary passage x phonetic name key
    nums: sp.csr_matrix  # binary passage x number
    quote_grams: sp.csr_matrix  # binary quote x word bigram (rows = quotes)
    quote_owner: np.ndarray  # passage row of each quote
    grams: sp.csr_matrix  # binary passage x word bigram (same vocabulary as quote_grams)
    clause: sp.csr_matrix  # word-view rows of the clauses of multi-clause passages
    clause_owner: np.ndarray  # passage row of each clause (non-decreasing)


def _bigrams(tokens: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def _binary(rows: Sequence[Sequence[str]], vocab: dict[str, int]) -> sp.csr_matrix:
    """Binary sparse matrix from token lists, growing ``vocab`` as it goes."""
    indptr, indices = [0], []
    for row in rows:
        cols = {vocab.setdefault(t, len(vocab)) for t in row}
        indices.extend(sorted(cols))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocab), 1)))


def build_features(texts: Sequence[str], min_quote_words: int = 4) -> PassageFeatures:
    """Fit every view on the review's own passages and return them row-aligned."""
    norm = [normalize(t) for t in texts]
    lexicon = name_lexicon(norm)
    toks = [words(t) for t in norm]

    content_docs, name_rows, num_rows = [], [], []
    for text, tks in zip(norm, toks, strict=True):
        caps = {t.lower() for t in _CAP_WORD.findall(text)}
        names = [w for w in tks if w in lexicon or (w in caps and w not in _STOP and len(w) > 2
                                                    and not _is_number(w))]
        name_set = set(names)
        content_docs.append(" ".join(
            stem(w) for w in tks if w not in _STOP and w not in name_set and not _is_number(w)
        ))
        name_rows.append({soundex(w) for w in name_set})
        num_rows.append(numbers(text))

    # Stop words are removed before stemming (the analyser sees stems; "said" must go first).
    stemmed = [" ".join(stem(w) for w in t if w not in _STOP) for t in toks]
    clause_docs: list[str] = []
    owners_c: list[int] = []
    for k, text in enumerate(norm):
        for c in clauses(text):
            clause_docs.append(" ".join(stem(w) for w in words(c) if w not in _STOP))
            owners_c.append(k)
    any_word = r"(?u)\b\w+\b"
    # One fit over passages and clauses, so clause rows share the passages' vocabulary.
    both = tfidf_matrix(stemmed + clause_docs, word_analyzer(any_word, ngram_range=(1, 2)))
    word, clause = both[: len(norm)].tocsr(), both[len(norm) :].tocsr()
    char = tfidf_matrix([t.lower() for t in norm], char_wb_analyzer((3, 5)))
    content = tfidf_matrix(content_docs, word_analyzer(any_word))

    names = _binary([sorted(r) for r in name_rows], {})
    nums = _binary([sorted(r) for r in num_rows], {})

    gram_vocab: dict[str, int] = {}
    grams = _binary([_bigrams(t) for t in toks], gram_vocab)
    quote_rows: list[list[str]] = []
    owners: list[int] = []
    for i, text in enumerate(norm):
        for q in quotations(text, min_quote_words):
            quote_rows.append(_bigrams(words(q)))
            owners.append(i)
    quote_grams = _binary(quote_rows, gram_vocab)
    grams = sp.csr_matrix((grams.data, grams.indices, grams.indptr),
                          shape=(grams.shape[0], max(len(gram_vocab), 1)))
    quote_grams = sp.csr_matrix((quote_grams.data, quote_grams.indices, quote_grams.indptr),
                                shape=(quote_grams.shape[0], max(len(gram_vocab), 1)))
    return PassageFeatures(word, char, content, names, nums, quote_grams,
                           np.asarray(owners, dtype=np.int64), grams, clause,
                           np.asarray(owners_c, dtype=np.int64))


def _is_number(w: str) -> bool:
    return w.isdigit() or w in _NUMBER_WORDS


def rowwise_dot(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray,
                chunk: int = 4096) -> np.ndarray:
    """Dot products of rows ``i[k]`` and ``j[k]`` for every k, without a dense matrix.

    ``chunk`` pairs at a time: the rows are copied out per pair, and a row with thousands of
    entries in thousands of pairs (one article of 34,000 passages beside a short one: each of
    the short one's passages is a candidate of ~1,400) took 1 GB at once. Each row's sum is
    the same whichever chunk it is in."""
    if len(i) == 0:
        return np.zeros(0, dtype=np.float64)
    return np.concatenate([
        np.asarray(m[i[k : k + chunk]].multiply(m[j[k : k + chunk]]).sum(axis=1),
                   dtype=np.float64).ravel()
        for k in range(0, len(i), chunk)])


def overlap_coefficient(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """|A ∩ B| / min(|A|, |B|) for binary rows; 0 when either set is empty."""
    inter = rowwise_dot(m, i, j)
    sizes = np.asarray(m.sum(axis=1), dtype=np.float64).ravel()
    smaller = np.minimum(sizes[i], sizes[j])
    return np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)


def quote_containment(f: PassageFeatures, max_df: int) -> sp.csr_matrix:
    """Passage x passage: how much of a quotation of one passage recurs in the other.

    For each quote, the IDF-weighted share of its word bigrams found in the other passage
    (phrases common across the review, like "end the war", count for little), times a length
    factor so a four-word quote weighs less than a full sentence. Computed as one sparse
    product (quotes x bigrams) @ (bigrams x passages); bigrams used by more than ``max_df``
    passages are left out so the cost stays near-linear. Symmetrised by max, so the signal
    fires whichever side did the quoting.
    """
    n = f.grams.shape[0]
    if f.quote_grams.shape[0] == 0:
        return sp.csr_matrix((n, n), dtype=np.float32)
    df = np.asarray(f.grams.sum(axis=0)).ravel()
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0) * (df <= max_df)
    weighted = (f.quote_grams @ sp.diags(idf.astype(np.float32))).tocsr()
    q_mass = np.asarray(f.quote_grams @ idf).ravel()
    q_len = np.asarray(f.quote_grams.sum(axis=1)).ravel()
    hits = (weighted @ f.grams.T).tocoo()
    length = np.minimum(1.0, q_len[hits.row] / QUOTE_FULL_BIGRAMS)
    share = hits.data / np.maximum(q_mass[hits.row], 1e-9) * length
    rows = f.quote_owner[hits.row]
    cols = hits.col.astype(np.int64)
    off_diag = rows != cols
    if not off_diag.any():
        return sp.csr_matrix((n, n), dtype=np.float32)
    keys = rows[off_diag] * n + cols[off_diag]
    share = share[off_diag]
    order = np.argsort(keys, kind="stable")
    keys, share = keys[order], share[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    best = np.maximum.reduceat(share, starts).astype(np.float32)
    uk = keys[starts]
    mat = sp.coo_matrix((best, (uk // n, uk % n)), shape=(n, n)).tocsr()
    return mat.maximum(mat.T).tocsr()


def best_clause(f: PassageFeatures, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Per pair, the best word-view cosine of a clause of one passage with the other passage.

    The passages' own word cosine is the floor, so single-clause pairs get their usual value.
    Work is the number of pairs times their clauses (two or three for a lede).
    """
    best = rowwise_dot(f.word, i, j)
    owner = f.clause_owner
    if len(owner) == 0 or len(i) == 0:
        return best
    n = f.word.shape[0]
    starts = np.searchsorted(owner, np.arange(n))
    counts = np.searchsorted(owner, np.arange(n), side="right") - starts
    for a, b in ((i, j), (j, i)):
        cnt = counts[a]
        if cnt.sum() == 0:
            continue
        pair = np.repeat(np.arange(len(a)), cnt)
        first = np.repeat(starts[a], cnt)
        rank = np.arange(len(pair)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        rows = first + rank
        sims = np.asarray(f.clause[rows].multiply(f.word[b[pair]]).sum(axis=1)).ravel()
        np.maximum.at(best, pair, sims)
    return best
