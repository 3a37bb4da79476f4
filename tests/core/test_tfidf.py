"""Our TF-IDF must give scikit-learn's matrices: alignment quality was measured with them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factdesk.core.align.tfidf import char_wb_analyzer, tfidf_matrix, word_analyzer

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")

DOCS = [
    "Trump said the envoys had a “reasonably good meeting” with Putin.",
    "Zelenskiy said Ukraine’s interests come first; Zelensky’s team agreed.",
    "A 28-point plan, then 27 points: the U.S. proposals were divided into four packages.",
    "",
    "a an the",  # only stop words
    "Émigré café naïve — ÜBER straße",
]


def seed_docs() -> list[str]:
    seeds = Path(__file__).resolve().parents[2].parent / "shared/corpus/seeds"
    lines = [
        line
        for path in sorted(seeds.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return lines or DOCS


def same_matrix(ours, theirs) -> None:  # type: ignore[no-untyped-def]
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("docs", [DOCS, seed_docs()], ids=["handmade", "seeds"])
def test_word_ngrams_with_stop_words_match_sklearn(docs: list[str]) -> None:
    kw = {"token_pattern": r"(?u)\b\w+\b", "ngram_range": (1, 2)}
    stop = sorted(sklearn_text.ENGLISH_STOP_WORDS | {"said"})
    theirs = sklearn_text.TfidfVectorizer(sublinear_tf=True, stop_words=stop, **kw)
    ours = tfidf_matrix(docs, word_analyzer(kw["token_pattern"], stop, kw["ngram_range"]))
    same_matrix(ours, theirs.fit_transform(docs))


@pytest.mark.parametrize("docs", [DOCS, seed_docs()], ids=["handmade", "seeds"])
def test_char_wb_ngrams_match_sklearn(docs: list[str]) -> None:
    theirs = sklearn_text.TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5))
    same_matrix(tfidf_matrix(docs, char_wb_analyzer((3, 5))), theirs.fit_transform(docs))


def test_default_word_tokens_match_sklearn() -> None:
    theirs = sklearn_text.TfidfVectorizer(sublinear_tf=True)
    same_matrix(tfidf_matrix(DOCS, word_analyzer()), theirs.fit_transform(DOCS))


def test_an_empty_vocabulary_is_a_zero_matrix_not_an_error() -> None:
    m = tfidf_matrix(["", "  "], word_analyzer())
    assert m.shape == (2, 1) and m.nnz == 0
