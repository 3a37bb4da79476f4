"""Writes that cannot happen — a full disk, a read-only file — say so clearly and leave the
review exactly as it was; a read-only review still opens for reading."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from factdesk.core import claim_edits
from factdesk.core.model import Article, Passage
from factdesk.core.store import Review, ReviewFileError

TEXT = "The mayor said the bridge will close for six weeks. It reopens in June.\n"
V1 = Path(__file__).resolve().parents[1] / "data" / "review_v1.factdesk"


def article(aid: str, text: str = TEXT) -> tuple[Article, list[Passage]]:
    sha = (aid * 64)[:64]
    return Article(aid, f"/tmp/{aid}.txt", text, sha), [
        Passage(f"{aid}.1", aid, 1, 0, len(text) - 1, text[:-1])
    ]


def content(path: Path) -> list[str]:
    """The review's whole content as SQL (independent of page layout)."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        return list(conn.iterdump())


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "r.factdesk"
    with Review.open(path, create=True) as review:
        review.add_article(*article("a1"))
        claim_edits.create_claim(review, "a1", 4, 9, reviewer="t", note="first")
    return path


def fill_the_disk(review: Review) -> None:
    """Let the file grow no more: SQLite then fails writes exactly as on a full disk."""
    pages = review.db.conn.execute("pragma page_count").fetchone()[0]
    review.db.conn.execute(f"pragma max_page_count = {pages}")


def test_a_full_disk_is_a_clear_error_and_changes_nothing(review_path: Path) -> None:
    before = content(review_path)
    with Review.open(review_path, backup=False) as review:
        fill_the_disk(review)
        big = "The council said the bridge will close. " * 50_000
        with pytest.raises(ReviewFileError, match="the disk is full; nothing was changed"):
            review.add_article(*article("b2", big + "\n"))
        claim = review.claims()[0]
        with pytest.raises(ReviewFileError, match="the disk is full"):
            claim_edits.set_note(review, claim.id, "x" * 2_000_000, reviewer="t")
        with pytest.raises(ReviewFileError, match="the disk is full"):
            for n in range(5000):  # small edits until the last free page is gone
                claim_edits.create_claim(review, "a1", 4, 9, reviewer="t", note=f"n{n}" * 50)
        assert [c.note for c in review.claims()][0] == "first"  # still readable
        created = len(review.claims())
    after = content(review_path)
    assert len([c for c in after if 'INSERT INTO "claims"' in c]) == created
    if created == 1:
        assert after == before
    with Review.open(review_path, backup=False) as review:  # and usable once there is room
        claim_edits.set_note(review, review.claims()[0].id, "after", reviewer="t")


def test_a_read_only_review_opens_for_reading_and_refuses_edits(review_path: Path) -> None:
    before = content(review_path)
    raw = review_path.read_bytes()
    os.chmod(review_path, 0o444)
    try:
        with Review.open(review_path) as review:
            assert review.read_only
            assert [c.note for c in review.claims()] == ["first"]
            assert review.articles()[0].text == TEXT
            with pytest.raises(ReviewFileError, match="read-only .* can be read but not edited"):
                claim_edits.set_note(review, review.claims()[0].id, "no", reviewer="t")
            with pytest.raises(ReviewFileError, match="read-only"):
                review.add_article(*article("b2"))
            with pytest.raises(ReviewFileError, match="read-only"):
                review.set_meta("title", "x")
        assert review_path.read_bytes() == raw
        assert content(review_path) == before
    finally:
        os.chmod(review_path, 0o644)


def test_when_sqlite_itself_refuses_to_write_the_message_is_clear(review_path: Path) -> None:
    before = content(review_path)
    conn = sqlite3.connect(
        f"{review_path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )
    review = Review(Database(conn), review_path)  # the OS said "read-only", factdesk did not
    with pytest.raises(ReviewFileError, match="the review file is read-only; nothing was changed"):
        claim_edits.set_note(review, review.claims()[0].id, "no", reviewer="t")
    review.close()
    assert content(review_path) == before


def test_a_read_only_review_from_an_older_factdesk_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "old.factdesk"
    shutil.copy(V1, path)
    raw = path.read_bytes()
    os.chmod(path, 0o444)
    try:
        with pytest.raises(ReviewFileError, match="read-only and was made by an older factdesk"):
            Review.open(path)
    finally:
        os.chmod(path, 0o644)
    assert path.read_bytes() == raw
    assert not list(tmp_path.glob("*.bak"))


def test_read_only_can_be_asked_for(review_path: Path) -> None:
    with Review.open(review_path, read_only=True, backup=False) as review:
        assert review.read_only and review.claims()
        with pytest.raises(ReviewFileError, match="read-only"):
            review.set_meta("title", "x")


def test_a_writable_review_in_a_folder_that_cannot_be_written_says_so(tmp_path, monkeypatch):
    """SQLite needs its journal beside the file: the message names the folder, not the file.
    (os.access stands in for the folder's permission bits, which root would ignore.)"""
    import factdesk.core.store.review as review_module

    path = tmp_path / "r.factdesk"
    Review.open(path, create=True).close()
    real = os.access
    monkeypatch.setattr(review_module.os, "access",
                        lambda p, mode: False if Path(p) == tmp_path else real(p, mode))
    with Review.open(path, backup=False) as review:
        assert review.read_only
        review.articles()  # it can be read
        with pytest.raises(ReviewFileError, match="its folder .* cannot be written"):
            review.set_meta("title", "x")
