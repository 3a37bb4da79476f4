"""The review file: what a reviewer relies on when they close and reopen their work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factdesk.core.model import (
    AlignmentGroup,
    Article,
    Conflict,
    ConflictKind,
    ConflictSpan,
    GroupMember,
    Mark,
    MarkKind,
    Passage,
)
from factdesk.core.store import SCHEMA_VERSION, Review, ReviewFileError

TEXT = "Junk line\nThe mayor said the bridge will close. It reopens in June.\n"


@pytest.fixture(params=["memory", "server"])
def fresh(request: pytest.FixtureRequest) -> Iterator[Review]:
    """An empty review: in memory, and on a PostgreSQL server (tests/pgserver.py), so the
    store behaves the same for a desk's shared review."""
    if request.param == "memory":
        review = Review.in_memory()
    else:
        from factdesk.core.store.server import ServerReview

        review = ServerReview.connect(request.getfixturevalue("server_url"), create=True)
    yield review
    review.close()


def make_article(
    text: str = TEXT, sha: str = "ab" * 32, aid: str = "a1"
) -> tuple[Article, list[Passage]]:
    start = text.index("The mayor")
    mid = text.index("It reopens")
    article = Article(
        id=aid,
        path=f"/tmp/{aid}.txt",
        text=text,
        sha256=sha,
        title="Bridge",
        outlet="Gazette",
        published="2026-03-12",
        marks=(Mark(0, 9, MarkKind.BOILERPLATE, "navigation"),),
    )
    passages = [
        Passage(f"{aid}.1", aid, 1, start, mid - 1, text[start : mid - 1]),
        Passage(f"{aid}.2", aid, 2, mid, len(text) - 1, text[mid:-1]),
    ]
    return article, passages


def test_article_round_trips_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.factdesk"
    article, passages = make_article()
    with Review.open(path, create=True) as review:
        assert review.add_article(article, passages)
    with Review.open(path) as review:
        again = review.article("a1")
        assert again == article
        stored = review.passages("a1")
        assert stored == passages
        assert all(again.text[p.start : p.end] == p.text for p in stored)


def test_same_content_is_recognised_and_not_duplicated(fresh: Review) -> None:
    review = fresh
    article, passages = make_article()
    assert review.add_article(article, passages)
    assert not review.add_article(article, passages)
    assert review.counts()["articles"] == 1


def test_file_is_in_wal_mode_with_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "r.factdesk"
    with Review.open(path, create=True) as review:
        assert review.db.journal_mode == "wal"
        assert review.schema_version == SCHEMA_VERSION
        assert review.db.conn.execute("pragma foreign_keys").fetchone()[0] == 1


def test_analysis_is_replaced_atomically_and_removing_an_article_clears_it(fresh: Review) -> None:
    review = fresh
    a, pa = make_article()
    b, pb = make_article(sha="cd" * 32, aid="b1")
    review.add_article(a, pa)
    review.add_article(b, pb)
    assert review.analysis_stale
    group = AlignmentGroup("g1", (GroupMember("a1.1", 0.9), GroupMember("b1.1", 0.8)), 0.85)
    conflict = Conflict(
        "c1", ConflictKind.NUMBER, "major", ("a1.1", "b1.1"), (("6",), ("8",)), "6 vs 8 weeks", "g1"
    )
    review.replace_analysis([group], [conflict])
    assert not review.analysis_stale
    assert review.groups() == [group]
    assert review.conflicts() == [conflict]
    review.remove_article("b1")
    assert review.groups() == [] and review.conflicts() == []
    assert [a.id for a in review.articles()] == ["a1"]
    assert review.analysis_stale


def test_a_failed_write_leaves_the_review_as_it_was(fresh: Review) -> None:
    review = fresh
    article, passages = make_article()
    bad = [*passages, Passage("a1.3", "missing-article", 3, 0, 1, "x")]  # breaks a foreign key
    with pytest.raises((sqlite3.IntegrityError, ReviewFileError)):  # a file; a server
        review.add_article(article, bad)
    assert review.counts() == {"articles": 0, "passages": 0, "groups": 0, "conflicts": 0}


def test_metadata_edits_and_reordering_persist(tmp_path: Path) -> None:
    path = tmp_path / "r.factdesk"
    with Review.open(path, create=True) as review:
        for aid, sha in [("a1", "ab"), ("b1", "cd"), ("c1", "ef")]:
            review.add_article(*make_article(sha=sha * 32, aid=aid))
        review.update_article("b1", outlet="Courier", published="2026-03-11", hidden=1)
        review.move_article("c1", 0)
        with pytest.raises(ValueError):
            review.update_article("a1", text="tampered")
    with Review.open(path) as review:
        assert [a.id for a in review.articles()] == ["c1", "a1", "b1"]
        assert review.article("b1").outlet == "Courier"
        assert review.is_hidden("b1")
        assert [a.id for a in review.articles(include_hidden=False)] == ["c1", "a1"]


def test_article_ids_resolve_from_a_prefix(fresh: Review) -> None:
    review = fresh
    review.add_article(*make_article(aid="a1f00"))
    review.add_article(*make_article(sha="cd" * 32, aid="a2b00"))
    assert review.resolve_article_id("a1") == "a1f00"
    with pytest.raises(KeyError):
        review.resolve_article_id("a")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, this is a text file, not a review\n", "not a factdesk review"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged"),
    ],
)
def test_foreign_and_damaged_files_are_refused_clearly(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.factdesk"
    path.write_bytes(content)
    with pytest.raises(ReviewFileError, match=message):
        Review.open(path)
    assert path.read_bytes() == content  # untouched


def test_an_sqlite_file_that_is_not_a_review_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.factdesk"
    with sqlite3.connect(path) as conn:
        conn.execute("create table people (name text)")
    with pytest.raises(ReviewFileError, match="not a factdesk review"):
        Review.open(path)


def test_a_review_from_a_newer_factdesk_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "new.factdesk"
    Review.open(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(ReviewFileError, match="newer factdesk"):
        Review.open(path)
    assert path.read_bytes() == before


def test_missing_review_and_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ReviewFileError, match="no such review"):
        Review.open(tmp_path / "nope.factdesk")
    with pytest.raises(ReviewFileError, match="folder"):
        Review.open(tmp_path)


def test_two_openers_see_each_others_committed_edits(tmp_path: Path) -> None:
    path = tmp_path / "shared.factdesk"
    first = Review.open(path, create=True)
    second = Review.open(path)
    first.add_article(*make_article())
    assert [a.id for a in second.articles()] == ["a1"]
    second.update_article("a1", title="Edited elsewhere")
    assert first.article("a1").title == "Edited elsewhere"
    first.close()
    second.close()


def test_a_conflict_keeps_its_sides_words_and_spans(fresh: Review) -> None:
    review = fresh
    a, pa = make_article()
    b, pb = make_article(sha="cd" * 32, aid="b1")
    c, pc = make_article(sha="ef" * 32, aid="c1")
    for art, ps in ((a, pa), (b, pb), (c, pc)):
        review.add_article(art, ps)
    group = AlignmentGroup("g1", (GroupMember("a1.1", 0.9), GroupMember("b1.1", 0.8),
                                  GroupMember("c1.1", 0.8)), 0.85)
    first = pa[0]
    span = ConflictSpan("a1.1", first.start, first.start + 1, first.text[:1])
    conflict = Conflict("c1", ConflictKind.NUMBER, "major", ("a1.1", "b1.1", "c1.1"),
                        (("6",), ("8",)), "6 vs 8 weeks", "g1",
                        sides=(("a1.1",), ("b1.1", "c1.1")), spans=(span,))
    review.replace_analysis([group], [conflict])
    [back] = review.conflicts()
    assert back == conflict
    assert back.side_of("c1.1") == 1 and back.spans_in("a1.1") == (span,)


def test_opening_a_review_loads_no_numpy(tmp_path) -> None:
    """The window opens a review without numpy (sqlite-utils would import it for nothing)."""
    import subprocess
    import sys

    path = tmp_path / "r.factdesk"
    Review.open(path, create=True).close()
    code = ("import sys\nfrom factdesk.core.store import Review\n"
            f"with Review.open({str(path)!r}) as r:\n    r.articles(); r.claims()\n"
            "import sqlite_utils\nprint('numpy' in sys.modules)\n"
            "import numpy\nprint(numpy.zeros(2).sum() == 0)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]  # not loaded by opening; still importable afterwards
