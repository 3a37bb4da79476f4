"""Importing many files: reading in helper processes must store exactly what one process does."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from factdesk.core import importing
from factdesk.core.importing import PARALLEL_FROM, import_files
from factdesk.core.store import Review

SEEDS = Path(__file__).resolve().parents[2].parent / "shared/corpus/seeds"


def _files(folder: Path) -> list[Path]:
    """PARALLEL_FROM + 4 articles, a duplicate, an empty file and a binary one, mixed."""
    files = []
    for k in range(PARALLEL_FROM + 4):
        path = folder / f"story{k:02d}.txt"
        path.write_text(
            f"date 2025-03-{1 + k % 28:02d}\n\nHarbour {k} closed after a spill\n\n"
            f"The harbour authority of port {k} closed the northern basin on Monday after a "
            f"tanker ran aground. \u201cWe will reopen when the divers are satisfied,\u201d "
            f"the harbour master said. Officials counted {k * 7 + 3} boats waiting outside.\n",
            encoding="utf-8",
        )
        files.append(path)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    files[3:3] = [folder / "empty.txt"]
    files[9:9] = [folder / "image.txt", files[0]]  # files[0] again: a duplicate
    return files


def _state(review: Review) -> tuple:
    return (
        [(a.id, a.path, a.title, a.published) for a in review.articles()],
        [(p.id, p.start, p.end, p.text, p.kind) for p in review.passages()],
    )


def test_helpers_store_the_same_review_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            pools.append(args[0])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(importing, "ProcessPoolExecutor", CountedPool)
    files = _files(tmp_path)
    with Review.in_memory() as one, Review.in_memory() as two:
        alone = import_files(one, files, realign=False)
        helped = import_files(two, files, realign=False, processes=2)
        assert pools == [2]  # the helpers did the reading
        assert _state(two) == _state(one)
        assert [a.id for a in helped.added] == [a.id for a in alone.added]
        assert helped.problems == alone.problems
        assert [p.path for p in helped.problems] == [str(tmp_path / "empty.txt"),
                                                      str(tmp_path / "image.txt")]
        assert helped.duplicates == alone.duplicates == [str(files[0])]
        assert len(helped.added) == PARALLEL_FROM + 4
