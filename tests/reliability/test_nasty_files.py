"""A corpus of nasty files (tests/data/nasty; the huge ones made here): each is refused with a
clear reason or imported safely — offsets valid, no script or page code in the passages — and
nothing is fetched from the network while doing it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from factdesk.core.importing import import_files, prepare_file
from factdesk.core.model import ArticleFormat
from factdesk.core.read.ingest import IngestError
from factdesk.core.store import Review

NASTY = Path(__file__).resolve().parents[1] / "data" / "nasty"

REFUSED = {
    "archive.zip": "binary file (a ZIP archive",
    "report.docx": "binary file (a ZIP archive",
    "binary.bin": "binary file (contains NUL bytes)",
    "photo.png": "binary file (a PNG image)",
    "paper.pdf": "binary file (a PDF document)",
    "notes.gz": "binary file (a gzip archive)",
    "letter.rtf": "RTF document (save it as plain text)",
    "review.txt": "binary file (an SQLite database)",
    "empty.txt": "file is empty",
    "whitespace.txt": "only whitespace",
    "controls.txt": "binary file (control characters)",
    "nul_in_text.md": "binary file (contains NUL bytes)",
    "nested.html": "no article text found",
}
IMPORTED = {
    "scripts.html": ArticleFormat.HTML,
    "page_named.txt": ArticleFormat.HTML,  # a saved web page named .txt is read as HTML
    "plain_named.html": ArticleFormat.TEXT,  # plain text named .html is read as text
    "bogus_charset.html": ArticleFormat.HTML,
    "utf16le_nobom.txt": ArticleFormat.TEXT,
    "utf16be_nobom.txt": ArticleFormat.TEXT,
    "mixed_encodings.txt": ArticleFormat.TEXT,
    "lone_surrogate.txt": ArticleFormat.TEXT,
    "crlf_cr.txt": ArticleFormat.TEXT,
    "rtl_combining.txt": ArticleFormat.TEXT,
}
PAGE_CODE = [
    "SCRIPT",
    "ONLOAD",
    "JSURL",
    "ONERROR",
    "IFRAME",
    "NOSCRIPT",
    "STYLE",
    "alert",
    "cookie",
    "javascript",
    "http",
    "<",
    ">",
]


def test_the_corpus_is_complete_and_small() -> None:
    names = {p.name for p in NASTY.iterdir()}
    assert names == set(REFUSED) | set(IMPORTED)
    assert sum(p.stat().st_size for p in NASTY.iterdir()) < 1_000_000


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_nasty_file_is_refused_with_its_reason(name: str) -> None:
    with pytest.raises(IngestError) as refused:
        prepare_file(NASTY / name)
    assert REFUSED[name] in refused.value.reason
    assert str(refused.value).startswith(str(NASTY / name))


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_nasty_file_is_imported_safely(name: str) -> None:
    article, passages = prepare_file(NASTY / name)
    assert article.format == IMPORTED[name]
    assert passages
    for p in passages:
        assert 0 <= p.start < p.end <= len(article.text)
        assert article.text[p.start : p.end] == p.text
    for m in article.marks:
        assert 0 <= m.start <= m.end <= len(article.text)
    if IMPORTED[name] == ArticleFormat.HTML:
        for p in passages:
            assert not [code for code in PAGE_CODE if code in p.text], p.text


def test_utf16_without_bom_is_read_as_text() -> None:
    article, _ = prepare_file(NASTY / "utf16le_nobom.txt")
    assert "Zürich-based engineers" in article.text
    assert prepare_file(NASTY / "utf16be_nobom.txt")[0].text == article.text


def test_line_ends_are_normalised_and_offsets_follow() -> None:
    article, passages = prepare_file(NASTY / "crlf_cr.txt")
    assert "\r" not in article.text
    assert [p.text for p in passages][-1] == "Ferries will run extra sailings."


def test_huge_files_are_refused_by_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        line = b"The council said the bridge will close for six weeks. " * 100 + b"\n"
        for _ in range(6 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    with pytest.raises(IngestError, match=r"too large \(6\.0 MB; the limit is 5 MB\)"):
        prepare_file(huge)


def long_line(rng: random.Random, size: int, sentence_words: tuple[int, int]) -> str:
    words = ["bridge", "council", "said", "the", "Monday", "six", "weeks", "engineers", "é", "🌉"]
    out: list[str] = []
    length = 0
    while length < size:
        n = rng.randint(*sentence_words)
        sentence = " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."
        out.append(sentence)
        length += len(sentence) + 1
    return " ".join(out)[:size]


@pytest.mark.parametrize(
    ("size", "sentence_words"),
    [
        (1024 * 1024, (250_000, 250_000)),  # a megabyte on one line, no sentence end
        (100 * 1024, (3, 25)),  # 100 KB on one line, a thousand short sentences
    ],
)
def test_a_very_long_line_is_imported_with_valid_offsets(
    tmp_path: Path, size: int, sentence_words: tuple[int, int]
) -> None:
    # (pysbd takes ~16 s per megabyte of sentences on one line, so the sentence case is kept
    # to 100 KB here; benchmarks/README.md, "Reliability", has the figure)
    path = tmp_path / "long.txt"
    path.write_text(long_line(random.Random(3), size, sentence_words), encoding="utf-8")
    article, passages = prepare_file(path)
    assert len(article.text) >= size * 0.9 and article.text.count("\n") <= 1
    assert passages
    assert all(article.text[p.start : p.end] == p.text for p in passages)


def test_importing_the_whole_corpus_into_a_review_keeps_the_good_and_names_the_bad(
    tmp_path: Path, network_attempts: list[str]
) -> None:
    with Review.open(tmp_path / "nasty.factdesk", create=True) as review:
        report = import_files(review, sorted(NASTY.iterdir()))
        refused = {Path(p.path).name for p in report.problems}
        assert refused == set(REFUSED)
        assert len(report.added) + len(report.duplicates) == len(IMPORTED)
        assert review.integrity_ok()
    assert network_attempts == []
