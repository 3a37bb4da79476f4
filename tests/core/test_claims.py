"""Tagged claims: what a reviewer relies on when they close, reopen and undo their work."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from factdesk.core import claim_edits
from factdesk.core.anchors import make_anchor, reanchor_claims
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.model import (
    AlignmentGroup,
    Article,
    ClaimStatus,
    EvidenceRelation,
    GroupMember,
    Passage,
)
from factdesk.core.store import SCHEMA_VERSION, Review
from factdesk.core.store.schema import MIGRATIONS

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT_A = "Junk line\nThe mayor said the bridge will close for six weeks. It reopens in June.\n"
TEXT_B = (
    "Navigation\nThe bridge will close for eight weeks, officials said. Traffic will be diverted.\n"
)


def add(review: Review, aid: str, text: str, sha: str) -> list[Passage]:
    first = text.index(". ") + 1
    body = text.index("\n") + 1
    passages = [
        Passage(f"{aid}.1", aid, 1, body, first, text[body:first]),
        Passage(f"{aid}.2", aid, 2, first + 1, len(text) - 1, text[first + 1 : -1]),
    ]
    review.add_article(Article(aid, f"/tmp/{aid}.txt", text, sha * 32), passages)
    return passages


@pytest.fixture(params=["file", "server"])
def path(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A review with two articles: a file, and the same review pushed to a PostgreSQL server
    (tests/pgserver.py), so every claim test holds for a desk's shared review too."""
    path = tmp_path / "r.factdesk"
    with Review.open(path, create=True) as review:
        add(review, "a1", TEXT_A, "ab")
        add(review, "b1", TEXT_B, "cd")
        if request.param == "server":
            from factdesk.core.store.transfer import push

            url = request.getfixturevalue("server_url")
            push(review, url, reviewer="ann")
            return url
    return path


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_new_file_has_the_claim_tables() -> None:
    review = Review.in_memory()
    assert review.schema_version == SCHEMA_VERSION
    assert {"claims", "evidence", "history", "suggestions"} <= set(review.db.table_names())
    assert review.claims() == [] and review.history() == []
    assert review.claim_counts() == dict.fromkeys(ClaimStatus, 0)


def test_a_v1_review_file_is_migrated_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.factdesk"
    shutil.copy(DATA / "review_v1.factdesk", path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == 1
    with Review.open(path) as review:
        assert review.schema_version == SCHEMA_VERSION
        assert [a.id for a in review.articles()] == ["a1", "b1"]
        assert review.article("a1").text == TEXT_A
        assert [p.text for p in review.passages("b1")][0].startswith("The bridge will close")
        assert review.title == "Bridge closure (v1 fixture)"
        claim = claim_edits.create_claim(review, "a1", *span(TEXT_A, "six weeks"), reviewer="ann")
    backup = tmp_path / "old.factdesk.v1.bak"
    with sqlite3.connect(backup) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == 1
        assert conn.execute("select count(*) from articles").fetchone()[0] == 2
    with Review.open(path) as review:
        assert review.claim(claim.id).anchor.quote == "six weeks"


def test_a_review_built_by_the_first_migration_alone_is_brought_forward(tmp_path: Path) -> None:
    path = tmp_path / "v1.factdesk"
    old = MIGRATIONS[1:]
    del MIGRATIONS[1:]
    try:
        import factdesk.core.store.review as review_module

        saved, review_module.SCHEMA_VERSION = review_module.SCHEMA_VERSION, 1
        try:
            with Review.open(path, create=True) as review:
                add(review, "a1", TEXT_A, "ab")
                assert review.schema_version == 1
        finally:
            review_module.SCHEMA_VERSION = saved
    finally:
        MIGRATIONS.extend(old)
    with Review.open(path) as review:
        assert review.schema_version == SCHEMA_VERSION and review.article("a1").text == TEXT_A
    assert (tmp_path / "v1.factdesk.v1.bak").exists()


def test_claims_round_trip_through_the_file(path: Path) -> None:
    with Review.open(path) as review:
        claim = claim_edits.create_claim(
            review, "a1", *span(TEXT_A, "close for six weeks"), reviewer="ann", note="check"
        )
        assert claim.id == "k1"
        assert claim_edits.set_status(review, claim.id, "conflicting", reviewer="bob") == "unreviewed"
        assert claim_edits.set_note(review, claim.id, "B says eight", reviewer="bob") == "check"
        ev = claim_edits.add_evidence(review, claim.id, "b1.1", "contradicts", reviewer="bob")
        own = make_anchor("a1", TEXT_A, *span(TEXT_A, "It reopens in June."))
        ev2 = claim_edits.add_evidence(review, claim.id, own, EvidenceRelation.SUPPORTS, reviewer="ann")
    with Review.open(path) as review:
        again = review.claim("k1")
        assert again.anchor.quote == "close for six weeks"
        assert TEXT_A[again.anchor.start : again.anchor.end] == again.anchor.quote
        assert again.status == ClaimStatus.CONFLICTING and again.note == "B says eight"
        assert again.reviewer == "ann"  # the last to change it (added ev2)
        assert again.updated_at >= again.created_at
        assert [e.id for e in again.evidence] == [ev.id, ev2.id]
        stored = again.evidence[0]
        assert stored.passage_id == "b1.1" and stored.relation == EvidenceRelation.CONTRADICTS
        assert stored.anchor.quote == "The bridge will close for eight weeks, officials said."
        assert again.evidence[1].passage_id is None and again.evidence[1].anchor == own
        assert review.claims() == [again] and review.claims("b1") == []
        assert review.claim_counts()[ClaimStatus.CONFLICTING] == 1


def test_history_lists_every_change_with_who_when_old_and_new(path: Path) -> None:
    with Review.open(path) as review:
        claim = claim_edits.create_claim(review, "a1", *span(TEXT_A, "six weeks"), reviewer="ann")
        claim_edits.set_status(review, claim.id, ClaimStatus.CONFIRMED, reviewer="bob")
        claim_edits.set_status(review, claim.id, ClaimStatus.CONFIRMED, reviewer="bob")  # no change
        claim_edits.set_note(review, claim.id, "per council", reviewer="cat")
        ev = claim_edits.add_evidence(review, claim.id, "b1.1", "supports", reviewer="ann")
        claim_edits.remove_evidence(review, ev.id, reviewer="ann")
        claim_edits.delete_claim(review, claim.id, reviewer="dan")
    with Review.open(path) as review:
        history = review.history(claim.id)
        assert [(h.field, h.reviewer, h.old, h.new) for h in history] == [
            ("created", "ann", "", "six weeks"),
            ("status", "bob", "unreviewed", "confirmed"),
            ("note", "cat", "", "per council"),
            ("evidence+", "ann", "", f"#{ev.id} supports b1.1"),
            ("evidence-", "ann", f"#{ev.id} supports b1.1", ""),
            ("deleted", "dan", "confirmed", ""),
        ]
        assert all(h.at for h in history)
        assert [h.at for h in history] == sorted(h.at for h in history)
        assert review.history() == history  # outlives the deleted claim


def test_delete_and_restore_bring_back_the_claim_with_the_same_evidence_ids(path: Path) -> None:
    with Review.open(path) as review:
        claim = claim_edits.create_claim(review, "a1", *span(TEXT_A, "six weeks"), reviewer="ann")
        claim_edits.add_evidence(review, claim.id, "b1.1", "contradicts", reviewer="ann")
        claim_edits.add_evidence(review, claim.id, "b1.2", "supports", reviewer="ann")
        before = review.claim(claim.id)
        deleted = claim_edits.delete_claim(review, claim.id, reviewer="ann")
        assert deleted == before
        assert review.claims() == [] and review.evidence_in_article("b1") == []
    with Review.open(path) as review:
        claim_edits.restore_claim(review, deleted, reviewer="ann")
        with pytest.raises(ValueError):
            claim_edits.restore_claim(review, deleted, reviewer="ann")
    with Review.open(path) as review:
        assert review.claim(claim.id) == before
        assert [h.field for h in review.history(claim.id)][-2:] == ["deleted", "restored"]
        # evidence removed and restored keeps its id too; new evidence never reuses one
        ev = before.evidence[1]
        assert claim_edits.remove_evidence(review, ev.id, reviewer="ann") == ev
        claim_edits.restore_evidence(review, ev, reviewer="ann")
        assert review.evidence(ev.id) == ev
        new = claim_edits.add_evidence(review, claim.id, "b1.2", "supports", reviewer="ann")
        assert new.id > max(e.id for e in before.evidence)


def test_claim_ids_are_never_reused(path: Path) -> None:
    with Review.open(path) as review:
        ids = [claim_edits.create_claim(review, "a1", i, i + 3, reviewer="ann").id for i in range(10, 13)]
        assert ids == ["k1", "k2", "k3"]
        claim_edits.delete_claim(review, "k3", reviewer="ann")
        claim_edits.delete_claim(review, "k2", reviewer="ann")
    with Review.open(path) as review:
        assert claim_edits.create_claim(review, "a1", 20, 25, reviewer="ann").id == "k4"


def test_a_failed_op_changes_nothing(path: Path) -> None:
    with Review.open(path) as review:
        claim = claim_edits.create_claim(review, "a1", 10, 20, reviewer="ann")
        with pytest.raises(KeyError):
            claim_edits.add_evidence(review, claim.id, "no-such-passage", "supports", reviewer="ann")
        with pytest.raises(KeyError):
            claim_edits.set_status(review, "k99", "confirmed", reviewer="ann")
        with pytest.raises(ValueError):
            claim_edits.set_status(review, claim.id, "maybe", reviewer="ann")
        with pytest.raises(ValueError):
            claim_edits.create_claim(review, "a1", 50, 500, reviewer="ann")
        with pytest.raises(KeyError):
            claim_edits.create_claim(review, "zz", 0, 1, reviewer="ann")
        assert [h.field for h in review.history()] == ["created"]
        assert claim_edits.create_claim(review, "a1", 10, 20, reviewer="ann").id == "k2"


@dataclass
class Suggested:
    passage_id: str
    status: str
    reason: str
    checkworthy: float | None


def test_suggestions_never_overwrite_decisions(path: Path) -> None:
    with Review.open(path) as review:
        group = AlignmentGroup("g1", (GroupMember("a1.1", 0.9), GroupMember("b1.1", 0.9)), 0.9)
        passages = {p.id: p for p in review.passages()}
        articles = {a.id: a for a in review.articles()}
        review.replace_analysis([group], find_conflicts([group], passages, articles))
        decided = claim_edits.create_claim(
            review, "a1", 10, 61, reviewer="ann", status="confirmed", passage_id="a1.1"
        )
        review.replace_suggestions(
            [
                Suggested("a1.1", "unsourced", "no source named", 0.9),
                Suggested("b1.1", "conflicting", "8 vs 6 weeks elsewhere", 0.8),
            ]
        )
        assert review.claim(decided.id) == decided
        with pytest.raises(ValueError, match="already has claim"):
            claim_edits.accept_suggestion(review, "a1.1", reviewer="bob")
        accepted = claim_edits.accept_suggestion(review, "b1.1", reviewer="bob")
        review.replace_suggestions([Suggested("b1.1", "unreviewed", "", None)])
    with Review.open(path) as review:
        assert review.claim(decided.id) == decided
        again = review.claim(accepted.id)
        # A saves the check of the passage's own words, not the stored hint's reason
        assert again.passage_id == "b1.1" and again.status == ClaimStatus.CONFLICTING
        assert "six weeks vs eight weeks" in again.note
        assert again.anchor.quote == review.passage("b1.1").text
        assert [(s.passage_id, s.status) for s in review.suggestions()] == [
            ("b1.1", ClaimStatus.UNREVIEWED)
        ]
        assert [h.field for h in review.history(decided.id)] == ["created", "status"]


def test_claims_are_reanchored_or_orphaned_when_the_article_text_changes(path: Path) -> None:
    with Review.open(path) as review:
        kept = claim_edits.create_claim(
            review, "a1", *span(TEXT_A, "will close for six weeks"), reviewer="a"
        )
        lost = claim_edits.create_claim(review, "a1", *span(TEXT_A, "It reopens in June."), reviewer="a")
        other = claim_edits.create_claim(review, "b1", *span(TEXT_B, "eight weeks"), reviewer="a")
        ev = claim_edits.add_evidence(review, other.id, "a1.1", "contradicts", reviewer="a")
        new_text = "Update: new first line.\n" + TEXT_A.replace(" It reopens in June.", "")
        review.db["articles"].update("a1", {"text": new_text})  # as a re-import would
        report = reanchor_claims(review, "a1")
        assert report.claims_moved == (kept.id,) and report.claims_orphaned == (lost.id,)
        assert report.evidence_moved == (ev.id,)
    with Review.open(path) as review:
        moved = review.claim(kept.id)
        assert new_text[moved.anchor.start : moved.anchor.end] == "will close for six weeks"
        assert not moved.orphaned
        orphan = review.claim(lost.id)
        assert orphan.orphaned and orphan.anchor == lost.anchor  # kept, with its old anchor
        linked = review.claim(other.id).evidence[0]
        assert new_text[linked.anchor.start : linked.anchor.end] == linked.anchor.quote
        assert review.claim(other.id).anchor == other.anchor


def test_a_claim_whose_article_was_removed_is_kept_as_an_orphan(path: Path) -> None:
    with Review.open(path) as review:
        claim = claim_edits.create_claim(review, "b1", 11, 20, reviewer="ann")
        review.remove_article("b1")
        assert review.claim(claim.id).orphaned
        assert [c.id for c in review.claims()] == [claim.id]


def test_evidence_into_a_removed_article_is_an_orphan() -> None:
    from factdesk.core import claim_edits
    from factdesk.core.model import Article, EvidenceRelation, Passage
    from factdesk.core.store import Review

    review = Review.in_memory()
    for aid, sha in (("a1", "a" * 64), ("b1", "b" * 64)):
        text = "The bridge closed on Monday after a crack was found.\n"
        review.add_article(Article(aid, f"{aid}.txt", text, sha),
                           [Passage(f"{aid}.1", aid, 1, 0, len(text) - 1, text[:-1])])
    claim = claim_edits.create_claim(review, "a1", 0, 16, reviewer="t")
    claim_edits.add_evidence(review, claim.id, "b1.1", EvidenceRelation.CONTRADICTS, reviewer="t")
    review.remove_article("b1")
    evidence = review.claim(claim.id).evidence
    assert len(evidence) == 1 and evidence[0].orphaned
    assert review.evidence(evidence[0].id).orphaned
