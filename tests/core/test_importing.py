"""Importing many files: reading in helper processes must store exactly what one process does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factdesk.core.importing import PARALLEL_FROM


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


_COMPARE = """
import json, sys
from concurrent.futures import ProcessPoolExecutor
from factdesk.core import importing
from factdesk.core.store import Review

pools = []

class CountedPool(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        pools.append(args[0])
        super().__init__(*args, **kwargs)

importing.ProcessPoolExecutor = CountedPool

def state(review, report):
    return {
        "articles": [[a.id, a.path, a.title, a.published] for a in review.articles()],
        "passages": [[p.id, p.start, p.end, p.text, str(p.kind)] for p in review.passages()],
        "added": [a.id for a in report.added],
        "problems": [[p.path, p.reason] for p in report.problems],
        "duplicates": report.duplicates,
    }

files = sys.argv[1:]
with Review.in_memory() as one, Review.in_memory() as two:
    alone = state(one, importing.import_files(one, files, realign=False))
    helped = state(two, importing.import_files(two, files, realign=False, processes=2))
print(json.dumps({"alone": alone, "helped": helped, "pools": pools}))
"""


def test_helpers_store_the_same_review_in_the_same_order(tmp_path: Path) -> None:
    """Run in a fresh process: helpers are forked only from a process without other threads,
    and a test session that has shown windows has some."""
    files = _files(tmp_path)
    out = subprocess.run([sys.executable, "-c", _COMPARE, *map(str, files)], check=True,
                         capture_output=True, text=True, timeout=300)
    got = json.loads(out.stdout)
    assert got["pools"] == [2]  # the helpers did the reading
    alone, helped = got["alone"], got["helped"]
    assert helped == alone
    assert [p[0] for p in helped["problems"]] == [str(tmp_path / "empty.txt"),
                                                   str(tmp_path / "image.txt")]
    assert helped["duplicates"] == [str(files[0])]
    assert len(helped["added"]) == PARALLEL_FROM + 4
    assert len(helped["passages"]) >= 3 * len(helped["added"])


def _one_line_article(path: Path, sentences: int) -> Path:
    """One paragraph of ``sentences`` distinct sentences on a single line (~60 chars each)."""
    words = ["council", "harbour", "bridge", "repairs", "mayor", "budget", "ferry", "storm"]
    path.write_text(" ".join(
        f"The {words[i % 8]} report number {i} was read by {words[(i * 3) % 8]} officials."
        for i in range(sentences)), encoding="utf-8")
    return path


def test_a_long_article_reports_how_far_its_reading_has_gone(tmp_path: Path) -> None:
    """A long one-line article takes seconds to segment: the progress says how far it is
    (the window's import worker and the terminal show these messages)."""
    from factdesk.core.importing import import_files
    from factdesk.core.store import Review

    path = _one_line_article(tmp_path / "long.txt", 2_200)  # ~130,000 characters
    seen: list[str] = []
    with Review.open(tmp_path / "r.factdesk", create=True) as review:
        report = import_files(review, [path], progress=lambda d, t, m="": seen.append(m),
                              realign=False)
        assert [a.path for a in report.added] == [str(path)]
        assert len(review.passages()) == 2_200
    percents = [int(m.split()[1]) for m in seen if m.endswith(" % of long.txt")]
    assert len(percents) > 10 and percents == sorted(percents) and percents[-1] == 100


def test_cancel_stops_reading_a_long_article_and_stores_nothing(tmp_path: Path) -> None:
    import pytest

    from factdesk.core.importing import import_files
    from factdesk.core.progress import Cancelled, CancelToken
    from factdesk.core.store import Review

    path = _one_line_article(tmp_path / "long.txt", 2_200)
    cancel = CancelToken()
    seen: list[str] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append(message)
        if " % of " in message:
            cancel.cancel()  # Cancel pressed while the first pieces are segmented

    with Review.open(tmp_path / "r.factdesk", create=True) as review:
        with pytest.raises(Cancelled):
            import_files(review, [path], progress=progress, cancel=cancel)
        assert review.articles() == []
    assert sum(" % of " in m for m in seen) == 1  # stopped at the next piece
