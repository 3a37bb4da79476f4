"""Alignment stems with the C Snowball stemmer (PyStemmer) when it is installed: it must give
exactly the stems of snowballstemmer's pure-Python English stemmer, or alignments would change
with what happens to be installed."""

from __future__ import annotations

import re
from pathlib import Path

from snowballstemmer.english_stemmer import EnglishStemmer

from factdesk.core.align import features

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def test_the_stemmer_in_use_is_the_c_one_and_stems_as_the_pure_python_snowball() -> None:
    import Stemmer  # the dependency is there: a missing wheel would slow alignment 18x

    assert isinstance(features._STEMMER, Stemmer.Stemmer)
    text = " ".join(p.read_text(encoding="utf-8") for folder in (SEEDS, DEMO)
                    for p in sorted(folder.glob("*")) if p.suffix in {".txt", ".md"})
    words = sorted({w.lower() for w in re.findall(r"\w+", text)})
    words += ["generously", "cancelled", "canceled", "talks", "naïve", "straße", "x" * 300]
    assert len(words) > 1000
    reference = EnglishStemmer()
    assert [features.stem(w) for w in words] == [reference.stemWord(w) for w in words]
