"""Rotating backups beside the review, and restoring one — including over a damaged file."""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import reliability_workers as rw

from factdesk.core import claim_edits
from factdesk.core.model import Article, Passage
from factdesk.core.store import Review, ReviewFileError
from factdesk.core.store.backups import (
    backup_folder,
    list_backups,
    make_backup,
    restore_backup,
)

TEXT = "The mayor said the bridge will close for six weeks. It reopens in June.\n"


def add(review: Review, aid: str, sha: str) -> None:
    mid = TEXT.index("It reopens")
    review.add_article(
        Article(aid, f"/tmp/{aid}.txt", TEXT, sha * 32),
        [
            Passage(f"{aid}.1", aid, 1, 0, mid - 1, TEXT[: mid - 1]),
            Passage(f"{aid}.2", aid, 2, mid, len(TEXT) - 1, TEXT[mid:-1]),
        ],
    )


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.factdesk"
    with Review.open(path, create=True) as review:
        add(review, "a1", "ab")
    return path


def test_opening_an_existing_review_makes_one_backup_and_not_again_at_once(
    review_path: Path,
) -> None:
    assert not backup_folder(review_path).exists()  # a new file has nothing to back up
    Review.open(review_path).close()
    Review.open(review_path).close()
    Review.open(review_path, backup=False).close()
    backups = list_backups(review_path)
    assert len(backups) == 1
    info = backups[0]
    assert info.path.parent == review_path.with_name("bridge.factdesk-backups")
    assert info.path.name.startswith("bridge-") and info.path.suffix == ".factdesk"
    assert (info.articles, info.claims) == (1, 0)
    assert info.size == info.path.stat().st_size > 0
    assert sorted(os.listdir(info.path.parent)) == [info.path.name]  # one file, no -wal, no tmp
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"


def test_backups_rotate_keeping_the_newest(review_path: Path) -> None:
    made = []
    with Review.open(review_path, backup=False) as review:
        for n in range(8):
            claim_edits.create_claim(review, "a1", 4, 9, reviewer="t", note=f"n{n}")
            made.append(make_backup(review, keep=5, force=True))
        assert make_backup(review) is None  # a fresh backup exists: no churn
        assert make_backup(review, interval=timedelta(0)) is not None
    backups = list_backups(review_path)
    assert len(backups) == 5
    assert [b.path for b in backups][1:] == list(reversed(made))[:4]
    assert [b.claims for b in backups] == [8, 8, 7, 6, 5]
    assert backups == sorted(backups, key=lambda b: b.created, reverse=True)


def test_restore_brings_back_the_backup_and_keeps_what_was_there(review_path: Path) -> None:
    with Review.open(review_path, backup=False) as review:
        first = make_backup(review, force=True)
        add(review, "b1", "cd")
        claim_edits.create_claim(review, "b1", 4, 9, reviewer="t")
    assert first is not None
    restore_backup(review_path, first)
    with Review.open(review_path, backup=False) as review:
        assert [a.id for a in review.articles()] == ["a1"]
        assert review.claims() == []
        assert review.integrity_ok() and review.db.journal_mode == "wal"
        claim_edits.create_claim(review, "a1", 4, 9, reviewer="t")  # writable as ever
    kept = [
        b for b in list_backups(review_path) if b.path.name.endswith("-before-restore.factdesk")
    ]
    assert [(b.articles, b.claims) for b in kept] == [(2, 1)]


def test_restore_refuses_while_the_review_is_open(review_path: Path) -> None:
    with Review.open(review_path, backup=False) as review:
        backup = make_backup(review, force=True)
        assert backup is not None
        add(review, "b1", "cd")
        with pytest.raises(ReviewFileError, match="open in another window or program"):
            restore_backup(review_path, backup)
        assert len(review.articles()) == 2  # nothing changed


def test_a_damaged_review_is_restored_from_its_backup(review_path: Path) -> None:
    with Review.open(review_path, backup=False) as review:
        claim_edits.create_claim(review, "a1", 4, 9, reviewer="t", note="keep me")
        backup = make_backup(review, force=True)
    assert backup is not None
    data = review_path.read_bytes()
    review_path.write_bytes(data[: len(data) // 2])  # cut in half
    with pytest.raises(ReviewFileError, match="damaged"):
        Review.open(review_path)
    restore_backup(review_path, backup)
    with Review.open(review_path) as review:
        assert review.integrity_ok()
        assert [c.note for c in review.claims()] == ["keep me"]
    damaged = list(backup_folder(review_path).glob("*-damaged.bin"))
    assert [p.read_bytes() for p in damaged] == [data[: len(data) // 2]]


def test_a_foreign_file_is_replaced_by_a_restore_and_kept_aside(review_path: Path) -> None:
    with Review.open(review_path, backup=False) as review:
        backup = make_backup(review, force=True)
    assert backup is not None
    review_path.write_bytes(b"not a review at all")
    restore_backup(review_path, backup)
    with Review.open(review_path) as review:
        assert [a.id for a in review.articles()] == ["a1"]


def test_a_missing_review_is_recreated_from_a_backup(review_path: Path) -> None:
    with Review.open(review_path, backup=False) as review:
        backup = make_backup(review, force=True)
    assert backup is not None
    review_path.unlink()
    restore_backup(review_path, backup)
    with Review.open(review_path) as review:
        assert [a.id for a in review.articles()] == ["a1"]


@pytest.mark.parametrize("content", [b"garbage", b"SQLite format 3\x00" + b"\x01" * 300])
def test_a_damaged_backup_is_refused_and_the_review_untouched(
    review_path: Path, tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "bad.factdesk"
    bad.write_bytes(content)
    before = review_path.read_bytes()
    with pytest.raises(ReviewFileError, match="backup"):
        restore_backup(review_path, bad)
    assert review_path.read_bytes() == before


def test_an_unreadable_backup_is_listed_without_counts(review_path: Path) -> None:
    folder = backup_folder(review_path)
    folder.mkdir()
    (folder / "bridge-20260101T000000.000000Z.factdesk").write_bytes(b"junk")
    (folder / "unrelated.txt").write_text("not ours")
    (info,) = list_backups(review_path)
    assert (info.articles, info.claims, info.size) == (None, None, 4)


def test_a_backup_that_cannot_be_written_does_not_stop_opening(
    review_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    backup_folder(review_path).write_text("a file where the folder should be")
    with Review.open(review_path) as review:
        assert review.articles()
    assert "could not write a backup" in caplog.text


def test_stale_temporary_files_of_interrupted_backups_are_cleared(review_path: Path) -> None:
    folder = backup_folder(review_path)
    folder.mkdir()
    stale = folder / ".bridge-20260101T000000.000000Z.factdesk.999.tmp"
    fresh = folder / ".bridge-20260101T000001.000000Z.factdesk.998.tmp"
    for tmp in (stale, fresh):
        tmp.write_bytes(b"half a backup")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    with Review.open(review_path) as review:
        assert make_backup(review, force=True) is not None
    assert not stale.exists() and fresh.exists()
    assert all(b.articles == 1 for b in list_backups(review_path))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and forkserver")
def test_a_restore_killed_part_way_leaves_one_whole_review(review_path: Path) -> None:
    with Review.open(review_path, backup=False) as review:
        small = make_backup(review, force=True)
        for n in range(40):
            add(review, f"b{n}", f"{n:02d}")
        claim_edits.create_claim(review, "a1", 4, 9, reviewer="t")
        big = make_backup(review, force=True)
    assert small is not None and big is not None
    # kept outside the backups folder, which restoring keeps pruned to the newest five
    small, big = (
        small.rename(review_path.with_name("small")),
        big.rename(review_path.with_name("big")),
    )
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    kills = 0
    for _ in range(4):
        acks, code = rw.run_and_kill(
            rw.context(),
            rw.restore_worker,
            (str(review_path), [str(small), str(big)]),
            rng.randint(1, 4),
            rng,
            0.05,
        )
        kills += code == -9
        with Review.open(review_path, backup=False) as review:
            assert rw.integrity(review) == "ok", f"seed {seed}"
            counts = (len(review.articles()), len(review.claims()))
        assert counts in {(1, 0), (41, 1)}, f"seed {seed}: a mixture {counts}"
    assert kills >= 3, f"seed {seed}"
