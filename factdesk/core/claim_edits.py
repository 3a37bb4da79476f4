"""A reviewer's intents on claims, each one transaction with its history rows.

Every function here is what one undoable step in the window does (``ui/commands.py`` wraps each
in a ``QUndoCommand``), and returns what its inverse needs:

============================  =============================================================
do                            undo
============================  =============================================================
``create_claim`` → Claim       ``delete_claim(claim.id)``; redo: ``restore_claim(claim)``
``delete_claim`` → Claim       ``restore_claim(claim)`` (same id, same evidence ids)
``set_status`` → old status    ``set_status(old)`` (the command line; no decisions kept)
``set_note`` → old note        ``set_note(old)``
``change_status`` → Before     ``restore_verdict(before)``: the window's undo, which also
                               puts back the reviewer's own decision as it was
``change_note`` → Before       ``restore_verdict(before)``
``set_verdict`` → old both     ``set_verdict(*old)``
``add_evidence`` → Evidence    ``remove_evidence(ev.id)``; redo: ``restore_evidence(ev)``
``remove_evidence`` → Evidence ``restore_evidence(ev)``
``accept_suggestion`` → Claim  ``delete_claim(claim.id)``; redo: ``restore_claim(claim)``
``settle`` → Settlement        ``restore_settlement(old)`` (an editor's decision, with why)
============================  =============================================================

When a function returns, its change (and its history) is committed to the file.

Every status or note edit is also the signing reviewer's own *decision* (a row per claim ×
reviewer): two reviewers who check the same claim — in one file, or in two files merged with
``core/merging.py`` — keep both verdicts side by side. In one review the last verdict is the
claim's status (a shared review's version check guards it); a merged claim whose checks
disagree, and a settled one, have the status :func:`standing` gives: an editor's settlement,
else the status every reviewer who decided agrees on, else unreviewed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from factdesk.core.anchors import make_anchor
from factdesk.core.identity import (
    NOT_AN_EDITOR,
    REVIEWER_ENV,  # noqa: F401  (re-exported: older callers read it here)
    Reviewer,
    current_reviewer,
)
from factdesk.core.model import (
    Anchor,
    Claim,
    ClaimStatus,
    Decision,
    Evidence,
    EvidenceRelation,
)
from factdesk.core.store.claims import now

if TYPE_CHECKING:
    from factdesk.core.check.claimscope import ScopeIndex
    from factdesk.core.store.review import Review


def default_reviewer() -> str:
    """The signature of whoever is reviewing (see :func:`identity.current_reviewer`)."""
    try:
        return current_reviewer().signature
    except ValueError:  # a malformed $FACTDESK_REVIEWER: sign with it as typed
        import os

        return " ".join(os.environ.get(REVIEWER_ENV, "").split()) or "unknown"


class Settlement(NamedTuple):
    """A claim's settlement as it was (for undo); ``by`` empty: it was not settled."""

    status: ClaimStatus
    by: str
    at: str
    why: str


class NotAnEditor(PermissionError):
    """Only an editor settles a claim; the message says how to become one."""


def standing(claim: Claim, decisions: Sequence[Decision]) -> ClaimStatus:
    """The status a claim has for the desk: settled by an editor, else the status every
    reviewer who decided agrees on, else unreviewed while they disagree (an editor settles).
    A claim nobody recorded a decision on keeps the status it has (an older review)."""
    if claim.settled_by:
        return claim.status
    if not decisions:
        return claim.status
    decided = {d.status for d in decisions if d.status != ClaimStatus.UNREVIEWED}
    return decided.pop() if len(decided) == 1 else ClaimStatus.UNREVIEWED


def _pending(review: Review, claim: Claim, decisions: Sequence[Decision]) -> bool:
    """Whether a claim waits for its reviewers to agree (or an editor): it is unreviewed though
    the last verdict anyone gave it was not, because independent checks merged into it
    disagree. A claim someone marked unreviewed by hand is not pending: in one review the last
    verdict stays the status, whoever gives it."""
    if claim.status != ClaimStatus.UNREVIEWED or not disagrees(decisions):
        return False
    verdicts = [h for h in review.history(claim.id) if h.field == "status"]
    last = max(verdicts, key=lambda h: (h.at, h.id), default=None)
    return last is None or last.new != str(ClaimStatus.UNREVIEWED)


def disagrees(decisions: Sequence[Decision]) -> bool:
    """Whether reviewers gave a claim different verdicts (unreviewed is no verdict)."""
    return len({d.status for d in decisions if d.status != ClaimStatus.UNREVIEWED}) > 1


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
        if status != ClaimStatus.UNREVIEWED or note:
            review.put_decision(Decision(claim.id, reviewer, status, note, at))
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
    """Give a claim the reviewer's verdict; returns what :func:`set_status` needs to undo it
    (no change, no history if nothing changes).

    The verdict is always recorded as the reviewer's own decision, beside other reviewers'.
    Working in one review (a file, or a shared review on a server) the last verdict is the
    claim's status, as it always was, and a verdict that differs from another reviewer's is
    flagged as a disagreement. A claim whose independent checks were merged and disagree is
    *pending* (unreviewed) until the reviewers agree or an editor settles it: there a verdict
    only changes the reviewer's own decision and the status follows :func:`standing`; a
    settled claim keeps its settled status.
    """
    status = ClaimStatus(status)
    with review.transaction():
        claim = review.claim(claim_id)
        decisions = review.decisions(claim_id)
        own = next((d for d in decisions if d.reviewer == reviewer), None)
        others = [d for d in decisions if d.reviewer != reviewer]
        held = claim.settled or _pending(review, claim, decisions)
        # what undo puts back: the reviewer's own verdict on a held claim, else the status
        old = (own.status if own else ClaimStatus.UNREVIEWED) if held else claim.status
        mine = Decision(claim_id, reviewer, status, own.note if own else "", now())
        new_status = standing(claim, [*others, mine]) if held else status
        if (own is None or own.status != status) and (
                status != ClaimStatus.UNREVIEWED or own is not None):
            review.put_decision(mine)
        if new_status != claim.status or (held and old != status):
            review.update_claim(claim_id, status=new_status, reviewer=reviewer,
                                updated_at=mine.at)
            review.add_history(claim_id, "status", str(old), str(status), reviewer=reviewer,
                               at=mine.at)
    return old


class Before(NamedTuple):
    """A claim's verdict as it was before one reviewer's edit, for an exact undo: the claim's
    status and note, and that reviewer's own decision (None: they had none). Undoing with the
    old status alone would record it as the reviewer's decision, a verdict they never gave."""

    status: ClaimStatus
    note: str
    own: Decision | None


def _before(review: Review, claim_id: str, reviewer: str) -> Before:
    claim = review.claim(claim_id)
    return Before(claim.status, claim.note, review.decision(claim_id, reviewer))


def change_status(review: Review, claim_id: str, status: ClaimStatus | str, *,
                  reviewer: str) -> Before:
    """:func:`set_status`, returning what :func:`restore_verdict` needs to undo it exactly."""
    with review.transaction():
        before = _before(review, claim_id, reviewer)
        set_status(review, claim_id, status, reviewer=reviewer)
    return before


def change_note(review: Review, claim_id: str, note: str, *, reviewer: str) -> Before:
    """:func:`set_note`, returning what :func:`restore_verdict` needs to undo it exactly."""
    with review.transaction():
        before = _before(review, claim_id, reviewer)
        set_note(review, claim_id, note, reviewer=reviewer)
    return before


def restore_verdict(review: Review, claim_id: str, before: Before, *, reviewer: str) -> None:
    """Undo one reviewer's status or note edit: the claim's status and note as they were, and
    the reviewer's own decision as it was (removed when they had none), with history rows."""
    with review.transaction():
        claim = review.claim(claim_id)
        if before.own is None:
            review.delete_decision(claim_id, reviewer)
        else:
            review.put_decision(before.own)
        at = now()
        fields: dict[str, object] = {}
        if claim.status != before.status:
            fields["status"] = before.status
            review.add_history(claim_id, "status", str(claim.status), str(before.status),
                               reviewer=reviewer, at=at)
        if claim.note != before.note:
            fields["note"] = before.note
            review.add_history(claim_id, "note", claim.note, before.note, reviewer=reviewer,
                               at=at)
        if fields:
            review.update_claim(claim_id, **fields, reviewer=reviewer, updated_at=at)


def set_note(review: Review, claim_id: str, note: str, *, reviewer: str) -> str:
    """Change a claim's note (the reviewer's reasoning, kept as their decision's note too);
    returns the old note."""
    with review.transaction():
        claim = review.claim(claim_id)
        old = claim.note
        if old != note:
            at = now()
            decisions = review.decisions(claim_id)
            own = next((d for d in decisions if d.reviewer == reviewer), None)
            if own is not None:
                status = own.status
            else:  # alone on it: the claim's status is theirs; beside others: no verdict yet
                status = claim.status if not decisions else ClaimStatus.UNREVIEWED
            review.put_decision(Decision(claim_id, reviewer, status, note, at))
            review.update_claim(claim_id, note=note, reviewer=reviewer, updated_at=at)
            review.add_history(claim_id, "note", old, note, reviewer=reviewer, at=at)
    return old


def settle(
    review: Review, claim_id: str, status: ClaimStatus | str, why: str, *, editor: Reviewer
) -> Settlement:
    """An editor's decision that settles a claim, recorded with who and why; returns the
    claim's settlement as it was (for :func:`restore_settlement`).

    Raises :class:`NotAnEditor` for a reviewer without the editor role (``review.may_settle``
    is the check, so a shared server's store can put its own role in), ValueError without a
    reason: a settlement is what the desk publishes, and the reader of the history must see why.
    """
    status = ClaimStatus(status)
    why = " ".join(why.split())
    if not review.may_settle(editor):
        raise NotAnEditor(NOT_AN_EDITOR.format(who=editor.signature))
    if not why:
        raise ValueError("say why the claim is settled this way (--why)")
    with review.transaction():
        claim = review.claim(claim_id)
        old = Settlement(claim.status, claim.settled_by, claim.settled_at, claim.settled_why)
        at = now()
        who = editor.signature
        review.update_claim(claim_id, status=status, settled_by=who, settled_at=at,
                            settled_why=why, reviewer=who, updated_at=at)
        review.add_history(claim_id, "settled", str(claim.status), str(status), reviewer=who,
                           at=at)
        review.add_history(claim_id, "why", claim.settled_why, why, reviewer=who, at=at)
    return old


def unsettle(review: Review, claim_id: str, *, editor: Reviewer) -> Settlement:
    """An editor withdraws a settlement: the claim's status is again what its reviewers'
    decisions make it; returns the settlement for undo (``restore_settlement``)."""
    if not review.may_settle(editor):
        raise NotAnEditor(NOT_AN_EDITOR.format(who=editor.signature))
    with review.transaction():
        claim = review.claim(claim_id)
        old = Settlement(claim.status, claim.settled_by, claim.settled_at, claim.settled_why)
        if claim.settled:
            restore_settlement(review, claim_id, Settlement(claim.status, "", "", ""),
                               reviewer=editor.signature)
    return old


def restore_settlement(review: Review, claim_id: str, old: Settlement, *, reviewer: str) -> None:
    """Put a claim's settlement back as it was (undo of :func:`settle`); without one, the
    claim's status is again what its reviewers' decisions make it."""
    with review.transaction():
        claim = review.claim(claim_id)
        at = now()
        if old.by:
            status = old.status
        else:
            status = standing(
                Claim(claim.id, claim.anchor, claim.status), review.decisions(claim_id)
            ) if review.decisions(claim_id) else old.status
        review.update_claim(claim_id, status=status, settled_by=old.by, settled_at=old.at,
                            settled_why=old.why, reviewer=reviewer, updated_at=at)
        review.add_history(claim_id, "settled" if old.by else "unsettled", str(claim.status),
                           str(status), reviewer=reviewer, at=at)


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


class NothingToAccept(ValueError):
    """**A** on a passage whose own words earn no suggestion: nothing is stamped."""


def accept_suggestion(review: Review, passage_id: str, *, reviewer: str,
                      index: ScopeIndex | None = None) -> Claim:
    """Turn the suggestion for a passage into a claim over it, with its status and reasons.

    The suggestion is the claim-level check of the passage's own words
    (:func:`~factdesk.core.check.suggestions.check_passage`), the one ``claims --json`` and
    the inspector give the claim afterwards, never the stored group-level hint: a passage
    grouped with five outlets that do not print its words was saved "confirmed by 5" (QA
    pass 4, item 1). Where the check has nothing to suggest, :class:`NothingToAccept` says
    why and nothing is written: a claim without the status the reviewer asked for would
    look accepted. ``index``: the analysis the reviewer is looking at (the window's), else
    the review's as stored.

    A passage that already has a claim raises ValueError: a suggestion never overrides what a
    reviewer decided.
    """
    from factdesk.core.check.suggestions import check_passage
    from factdesk.core.contract import scope_index

    with review.transaction():
        existing = review.claim_for_passage(passage_id)
        if existing is not None:
            raise ValueError(f"passage {passage_id} already has claim {existing.id}")
        passage = review.passage(passage_id)
        check = check_passage(index if index is not None else scope_index(review), passage)
        if check.suggestion is None:
            raise NothingToAccept(check.why)
        return create_claim(
            review,
            passage.article_id,
            passage.start,
            passage.end,
            reviewer=reviewer,
            status=check.suggestion[0],
            note=check.note,
            passage_id=passage_id,
        )


def describe_evidence(evidence: Evidence) -> str:
    """How evidence reads in the history: "#3 supports b1.2" or "#3 contradicts b1[10:52]"."""
    a = evidence.anchor
    target = evidence.passage_id or f"{a.article_id}[{a.start}:{a.end}]"
    return f"#{evidence.id} {evidence.relation} {target}"
