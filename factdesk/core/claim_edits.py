"""A reviewer's intents on claims, each one transaction with its history rows.

Every function here is what one undoable step in the window does (``ui/commands.py`` wraps each
in a ``QUndoCommand``), and returns what its inverse needs:

============================  =============================================================
do                            undo
============================  =============================================================
``create_claim`` → Claim       ``delete_claim(claim.id)``; redo: ``restore_claim(claim)``
``delete_claim`` → Claim       ``restore_claim(claim)`` (same id, same evidence ids)
``set_status`` → old status    ``set_status(old)``
``set_note`` → old note        ``set_note(old)``
``set_verdict`` → old both     ``set_verdict(*old)``
``add_evidence`` → Evidence    ``remove_evidence(ev.id)``; redo: ``restore_evidence(ev)``
``remove_evidence`` → Evidence ``restore_evidence(ev)``
``accept_suggestion`` → Claim  ``delete_claim(claim.id)``; redo: ``restore_claim(claim)``
============================  =============================================================

When a function returns, its change (and its history) is committed to the file.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

from factdesk.core.anchors import make_anchor
from factdesk.core.model import Anchor, Claim, ClaimStatus, Evidence, EvidenceRelation
from factdesk.core.store.claims import now

if TYPE_CHECKING:
    from factdesk.core.store.review import Review

REVIEWER_ENV = "FACTDESK_REVIEWER"


def default_reviewer() -> str:
    """Who is reviewing: ``$FACTDESK_REVIEWER``, else the login name."""
    name = os.environ.get(REVIEWER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (e.g. a container without one)
        return "unknown"


def create_claim(
    review: Review,
    article_id: str,
    start: int,
    end: int,
    *,
    reviewer: str,
    status: ClaimStatus | str = ClaimStatus.UNREVIEWED,
    note: str = "",
    passage_id: str | None = None,
) -> Claim:
    """Tag ``article.text[start:end]`` as a claim; raises KeyError for an unknown article."""
    status = ClaimStatus(status)
    with review.transaction():
        anchor = make_anchor(article_id, review.article(article_id).text, start, end)
        at = now()
        claim = Claim(
            id=review.allocate_claim_id(),
            anchor=anchor,
            status=status,
            note=note,
            reviewer=reviewer,
            created_at=at,
            updated_at=at,
            passage_id=passage_id,
        )
        review.insert_claim(claim)
        review.add_history(claim.id, "created", "", anchor.quote, reviewer=reviewer, at=at)
        if status != ClaimStatus.UNREVIEWED:
            review.add_history(
                claim.id,
                "status",
                str(ClaimStatus.UNREVIEWED),
                str(status),
                reviewer=reviewer,
                at=at,
            )
        if note:
            review.add_history(claim.id, "note", "", note, reviewer=reviewer, at=at)
    return claim


def delete_claim(review: Review, claim_id: str, *, reviewer: str) -> Claim:
    """Delete a claim and its evidence; returns the whole claim for :func:`restore_claim`."""
    with review.transaction():
        claim = review.claim(claim_id)
        review.delete_claim_row(claim_id)
        review.add_history(claim_id, "deleted", str(claim.status), "", reviewer=reviewer, at=now())
    return claim


def restore_claim(review: Review, claim: Claim, *, reviewer: str) -> None:
    """Put a deleted claim back as it was: same id, fields, and evidence with the same ids."""
    with review.transaction():
        if review.has_claim(claim.id):
            raise ValueError(f"claim {claim.id} is already in the review")
        review.insert_claim(claim)
        review.add_history(claim.id, "restored", "", str(claim.status), reviewer=reviewer, at=now())


def set_status(
    review: Review, claim_id: str, status: ClaimStatus | str, *, reviewer: str
) -> ClaimStatus:
    """Give a claim a verdict; returns the old one (no change, no history if it is the same)."""
    status = ClaimStatus(status)
    with review.transaction():
        old = review.claim(claim_id).status
        if old != status:
            at = now()
            review.update_claim(claim_id, status=status, reviewer=reviewer, updated_at=at)
            review.add_history(claim_id, "status", str(old), str(status), reviewer=reviewer, at=at)
    return old


def set_note(review: Review, claim_id: str, note: str, *, reviewer: str) -> str:
    """Change a claim's note (the reviewer's reasoning); returns the old note."""
    with review.transaction():
        old = review.claim(claim_id).note
        if old != note:
            at = now()
            review.update_claim(claim_id, note=note, reviewer=reviewer, updated_at=at)
            review.add_history(claim_id, "note", old, note, reviewer=reviewer, at=at)
    return old


def set_verdict(
    review: Review,
    claim_id: str,
    status: ClaimStatus | str | None = None,
    note: str | None = None,
    *,
    reviewer: str,
) -> tuple[ClaimStatus, str]:
    """Change a claim's status and note together, in one transaction; returns the old pair.

    A verdict and its reasoning belong together: saved as two transactions, a full disk or a
    kill between them left a status without the note that justifies it. None leaves a field as
    it is.
    """
    with review.transaction():
        claim = review.claim(claim_id)
        if status is not None:
            set_status(review, claim_id, status, reviewer=reviewer)
        if note is not None:
            set_note(review, claim_id, note, reviewer=reviewer)
    return claim.status, claim.note


def add_evidence(
    review: Review,
    claim_id: str,
    anchor_or_passage_id: Anchor | str,
    relation: EvidenceRelation | str,
    *,
    reviewer: str,
) -> Evidence:
    """Link a span (an Anchor) or a whole passage (its id) as supporting or contradicting."""
    relation = EvidenceRelation(relation)
    with review.transaction():
        if not review.has_claim(claim_id):
            raise KeyError(claim_id)
        passage_id = None
        if isinstance(anchor_or_passage_id, Anchor):
            anchor = anchor_or_passage_id
        else:
            passage = review.passage(anchor_or_passage_id)
            text = review.article(passage.article_id).text
            anchor = make_anchor(passage.article_id, text, passage.start, passage.end)
            passage_id = passage.id
        at = now()
        evidence = review.insert_evidence(
            Evidence(0, claim_id, anchor, relation, passage_id, reviewer, at)
        )
        review.update_claim(claim_id, reviewer=reviewer, updated_at=at)
        review.add_history(
            claim_id, "evidence+", "", describe_evidence(evidence), reviewer=reviewer, at=at
        )
    return evidence


def remove_evidence(review: Review, evidence_id: int, *, reviewer: str) -> Evidence:
    """Unlink evidence; returns it for :func:`restore_evidence`."""
    with review.transaction():
        evidence = review.evidence(evidence_id)
        review.delete_evidence_row(evidence_id)
        at = now()
        review.update_claim(evidence.claim_id, reviewer=reviewer, updated_at=at)
        review.add_history(
            evidence.claim_id,
            "evidence-",
            describe_evidence(evidence),
            "",
            reviewer=reviewer,
            at=at,
        )
    return evidence


def restore_evidence(review: Review, evidence: Evidence, *, reviewer: str) -> None:
    """Put removed evidence back with the same id (its claim must be there)."""
    with review.transaction():
        if not review.has_claim(evidence.claim_id):
            raise KeyError(evidence.claim_id)
        review.insert_evidence(evidence)
        at = now()
        review.update_claim(evidence.claim_id, reviewer=reviewer, updated_at=at)
        review.add_history(
            evidence.claim_id,
            "evidence+",
            "",
            describe_evidence(evidence),
            reviewer=reviewer,
            at=at,
        )


def accept_suggestion(review: Review, passage_id: str, *, reviewer: str) -> Claim:
    """Turn a machine suggestion into a claim over its passage, with its status and reason.

    A passage that already has a claim raises ValueError: a suggestion never overrides what a
    reviewer decided.
    """
    with review.transaction():
        suggestion = review.suggestion(passage_id)
        existing = review.claim_for_passage(passage_id)
        if existing is not None:
            raise ValueError(f"passage {passage_id} already has claim {existing.id}")
        passage = review.passage(passage_id)
        return create_claim(
            review,
            passage.article_id,
            passage.start,
            passage.end,
            reviewer=reviewer,
            status=suggestion.status,
            note=suggestion.reason,
            passage_id=passage_id,
        )


def describe_evidence(evidence: Evidence) -> str:
    """How evidence reads in the history: "#3 supports b1.2" or "#3 contradicts b1[10:52]"."""
    a = evidence.anchor
    target = evidence.passage_id or f"{a.article_id}[{a.start}:{a.end}]"
    return f"#{evidence.id} {evidence.relation} {target}"
