"""Foreign, damaged, newer and older review files: refused clearly and left alone, or (older)
backed up and migrated step by step."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from factdesk.core.demo import build_demo_review
from factdesk.core.store import SCHEMA_VERSION, Review, ReviewFileError
from factdesk.core.store.schema import APPLICATION_ID, MIGRATIONS

DATA = Path(__file__).resolve().parents[1] / "data"
NASTY = DATA / "nasty"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.factdesk"
    build_demo_review(path)
    return path


def refused(path: Path, message: str) -> None:
    before = path.read_bytes()
    with pytest.raises(ReviewFileError, match=message) as error:
        Review.open(path)
    assert str(error.value).startswith(str(path))
    assert path.read_bytes() == before  # untouched
    assert not Path(f"{path}-backups").exists()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("photo.png", "not a factdesk review file \\(not an SQLite database\\)"),
        ("paper.pdf", "not a factdesk review file"),
        ("scripts.html", "not a factdesk review file"),
        ("utf16le_nobom.txt", "not a factdesk review file"),
        ("review.txt", "damaged"),  # an SQLite header and nothing sound behind it
    ],
)
def test_a_foreign_file_named_factdesk_is_refused(
    tmp_path: Path, source: str, message: str
) -> None:
    path = tmp_path / "foreign.factdesk"
    shutil.copy(NASTY / source, path)
    refused(path, message)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.factdesk"
    path.write_bytes(b"")
    with pytest.raises(ReviewFileError, match="an empty file \\(0 bytes\\), not a factdesk review"):
        Review.open(path)
    assert path.read_bytes() == b""


@pytest.mark.parametrize("fraction", [0.5, 0.1, 0.9])
def test_a_truncated_review_is_refused_as_damaged(
    demo: Path, tmp_path: Path, fraction: float
) -> None:
    data = demo.read_bytes()
    path = tmp_path / "cut.factdesk"
    path.write_bytes(data[: int(len(data) * fraction)])
    refused(path, "damaged")


def test_a_review_with_scribbled_pages_is_refused_as_damaged(demo: Path, tmp_path: Path) -> None:
    data = bytearray(demo.read_bytes())
    for offset in range(4096 * 2, len(data), 4096 * 3):  # garbage in every third page
        data[offset + 100 : offset + 400] = b"\xa5" * 300
    path = tmp_path / "scribbled.factdesk"
    path.write_bytes(bytes(data))
    refused(path, "damaged")


def test_an_sqlite_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.factdesk"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("create table people (name text)")
        conn.commit()
    refused(path, "an SQLite database, but not a factdesk review")


def test_a_review_from_a_newer_factdesk_is_refused_unchanged(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "newer.factdesk"
    shutil.copy(demo, path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 3}")
        conn.commit()
    refused(path, f"newer factdesk \\(review format {SCHEMA_VERSION + 3}; this version reads up to")
    with pytest.raises(ReviewFileError, match="newer"):
        Review.open(path, read_only=True)


def test_the_v1_fixture_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.factdesk"
    shutil.copy(DATA / "review_v1.factdesk", path)
    original = path.read_bytes()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        old_articles = conn.execute("select id, text from articles order by id").fetchall()
    with Review.open(path) as review:
        assert review.schema_version == SCHEMA_VERSION
        assert review.integrity_ok()
        assert [(a.id, a.text) for a in sorted(review.articles(), key=lambda a: a.id)] == (
            old_articles
        )
        assert review.claims() == []
    bak = tmp_path / "old.factdesk.v1.bak"
    with contextlib.closing(sqlite3.connect(bak)) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == 1
        assert conn.execute("select id, text from articles order by id").fetchall() == old_articles
    assert original != path.read_bytes()


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_each_migration_step_keeps_the_data(tmp_path: Path, start: int) -> None:
    """A file at version ``start`` (made by the migrations up to it) opens at the current
    version, every step applied in turn, with a backup of the version it had."""
    path = tmp_path / f"v{start}.factdesk"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        db = Database(conn)
        for step, migration in enumerate(MIGRATIONS[:start], start=1):
            migration(db)
            conn.execute(f"pragma user_version = {step}")
        conn.execute(f"pragma application_id = {APPLICATION_ID}")
        db["meta"].insert({"key": "created_at", "value": "2026-01-01"})
        db["articles"].insert(
            {"id": "a1", "position": 0, "sha256": "ab" * 32, "text": "Old text.", "format": "text"}
        )
        db["passages"].insert(
            {"id": "a1.1", "article_id": "a1", "idx": 1, "start": 0, "end": 9, "text": "Old text."}
        )
    with Review.open(path) as review:
        assert review.schema_version == SCHEMA_VERSION
        assert review.article("a1").text == "Old text."
        assert [p.text for p in review.passages("a1")] == ["Old text."]
        assert review.get_meta("created_at") == "2026-01-01"
        assert review.integrity_ok()
    with contextlib.closing(sqlite3.connect(tmp_path / f"v{start}.factdesk.v{start}.bak")) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == start
