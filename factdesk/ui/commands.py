"""Undoable reviewer edits: each command calls one core write in ``redo`` and its inverse in
``undo``, then tells the window which article to re-read (after the commit, so what the window
shows is what is on disk)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from factdesk.core.model import Claim, ClaimStatus, Evidence, EvidenceRelation

if TYPE_CHECKING:  # the store (sqlite-utils) loads in the worker, not at start
    from factdesk.core import claim_edits
    from factdesk.core.store import Review
else:
    from factdesk.ui.lazy import claim_edits


FIELD_NAMES = {"title": "title", "outlet": "outlet", "published": "date", "author": "author",
               "hidden": "visibility"}


class EditArticleCommand(QUndoCommand):
    def __init__(self, review: Review, article_id: str, field: str, old: Any, new: Any,
                 changed: Callable[[str], None]) -> None:
        what = FIELD_NAMES.get(field, field)
        text = (("Hide" if new else "Show") + " article") if field == "hidden" \
            else f"Edit {what}"
        super().__init__(text)
        self.review, self.article_id, self.field = review, article_id, field
        self.old, self.new, self.changed = old, new, changed

    def redo(self) -> None:
        self.review.update_article(self.article_id, **{self.field: self.new})
        self.changed(self.article_id)

    def undo(self) -> None:
        self.review.update_article(self.article_id, **{self.field: self.old})
        self.changed(self.article_id)


class MoveArticleCommand(QUndoCommand):
    def __init__(self, review: Review, article_id: str, old_index: int, new_index: int,
                 changed: Callable[[str], None]) -> None:
        super().__init__("Move article")
        self.review, self.article_id = review, article_id
        self.old_index, self.new_index, self.changed = old_index, new_index, changed

    def redo(self) -> None:
        self.review.move_article(self.article_id, self.new_index)
        self.changed(self.article_id)

    def undo(self) -> None:
        self.review.move_article(self.article_id, self.old_index)
        self.changed(self.article_id)


class GroupEditCommand(QUndoCommand):
    """A hand correction of the alignment: put a passage into a group (``join``) or take it
    out (``remove``). It is stored as an edit that every later alignment replays, so it
    survives re-alignment; undo deletes the edit. The window stores the first edit itself
    (``edit_id``), so a refused write is reported and nothing pushed; after every redo and
    undo, ``changed`` re-aligns in the background so the groups on screen show it.
    """

    def __init__(self, text: str, review: Review, op: str, passages: list[str], edit_id: int,
                 changed: Callable[[], None]) -> None:
        super().__init__(text)
        self.review, self.op, self.passages, self.changed = review, op, passages, changed
        self.edit_id: int | None = edit_id

    def redo(self) -> None:
        if self.edit_id is None:
            self.edit_id = self.review.add_group_edit(self.op, self.passages).id
        self.changed()

    def undo(self) -> None:
        if self.edit_id is not None:
            self.review.remove_group_edit(self.edit_id)
            self.edit_id = None
        self.changed()


# ---------------------------------------------------------------------- claims
class ClaimCommand(QUndoCommand):
    """One reviewer edit on a claim. The window performs the edit itself before pushing (so an
    error is reported and nothing pushed), hence the first ``redo`` only reports the change.
    Every later redo/undo is one core op (one committed transaction), after which ``changed`` is
    called with the claim's id: the window re-reads it from the file and shows "saved".
    """

    def __init__(self, text: str, review: Review, claim_id: str, reviewer: str,
                 changed: Callable[[str], None]) -> None:
        super().__init__(text)
        self.review, self.claim_id, self.reviewer, self.changed = (review, claim_id, reviewer,
                                                                   changed)
        self._done = True

    #: told ("Undo Mark claim confirmed", the error) when the file refuses an undo or redo
    #: because another process (the command line, another window) changed the claim since;
    #: the window sets it when it pushes the command, to show their edit and say so
    refused: Callable[[str, Exception], None] | None = None

    def redo(self) -> None:
        if self._done:
            self._done = False
        elif not self._apply(self._redo, "Redo"):
            return
        self.changed(self.claim_id)

    def undo(self) -> None:
        if self._apply(self._undo, "Undo"):
            self.changed(self.claim_id)

    def _apply(self, op: Callable[[], None], what: str) -> bool:
        """Run one undo/redo write; False when the file refused it (``ClaimConflict``): the
        command is then obsolete — the claim is no longer in the state it would restore — and
        Qt drops it from the stack, so a second Ctrl+Z does not try again over newer words."""
        try:
            op()
        except Exception as exc:
            if getattr(exc, "claim_id", None) is None:
                raise
            self.setObsolete(True)
            if self.refused is not None:
                self.refused(f"{what} {self.text().lower()}", exc)
            else:
                self.changed(self.claim_id)
            return False
        return True

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateClaimCommand(ClaimCommand):
    """Also serves an accepted suggestion: undo deletes the claim, redo puts it back as it was."""

    def __init__(self, review: Review, claim: Claim, reviewer: str,
                 changed: Callable[[str], None], text: str = "New claim") -> None:
        super().__init__(text, review, claim.id, reviewer, changed)
        self.claim = claim

    def _redo(self) -> None:
        claim_edits.restore_claim(self.review, self.claim, reviewer=self.reviewer)

    def _undo(self) -> None:
        self.claim = claim_edits.delete_claim(self.review, self.claim_id, reviewer=self.reviewer)


class DeleteClaimCommand(ClaimCommand):
    """``deleted`` is the claim as it was, evidence included: undo brings all of it back."""

    def __init__(self, review: Review, deleted: Claim, reviewer: str,
                 changed: Callable[[str], None]) -> None:
        super().__init__("Delete claim", review, deleted.id, reviewer, changed)
        self.claim = deleted

    def _redo(self) -> None:
        self.claim = claim_edits.delete_claim(self.review, self.claim_id, reviewer=self.reviewer)

    def _undo(self) -> None:
        claim_edits.restore_claim(self.review, self.claim, reviewer=self.reviewer)


class SetStatusCommand(ClaimCommand):
    """A reviewer's verdict; undo puts back the claim and the reviewer's own decision exactly
    as they were (``claim_edits.Before``), never a verdict the reviewer did not give."""

    def __init__(self, review: Review, claim_id: str, before: claim_edits.Before,
                 new: ClaimStatus, reviewer: str, changed: Callable[[str], None]) -> None:
        super().__init__(f"Mark claim {new}", review, claim_id, reviewer, changed)
        self.before, self.new = before, new

    def _redo(self) -> None:
        claim_edits.set_status(self.review, self.claim_id, self.new, reviewer=self.reviewer)

    def _undo(self) -> None:
        claim_edits.restore_verdict(self.review, self.claim_id, self.before,
                                    reviewer=self.reviewer)


class SetNoteCommand(ClaimCommand):
    def __init__(self, review: Review, claim_id: str, before: claim_edits.Before, new: str,
                 reviewer: str, changed: Callable[[str], None]) -> None:
        super().__init__("Edit note", review, claim_id, reviewer, changed)
        self.before, self.new = before, new

    def _redo(self) -> None:
        claim_edits.set_note(self.review, self.claim_id, self.new, reviewer=self.reviewer)

    def _undo(self) -> None:
        claim_edits.restore_verdict(self.review, self.claim_id, self.before,
                                    reviewer=self.reviewer)


class AddEvidenceCommand(ClaimCommand):
    """One or more evidence links added together (a whole aligned group is one step)."""

    def __init__(self, review: Review, added: list[Evidence], reviewer: str,
                 changed: Callable[[str], None]) -> None:
        text = "Add evidence" if len(added) == 1 else f"Add {len(added)} evidence passages"
        super().__init__(text, review, added[0].claim_id, reviewer, changed)
        self.added = added

    def _redo(self) -> None:
        with self.review.transaction():
            for ev in self.added:
                claim_edits.restore_evidence(self.review, ev, reviewer=self.reviewer)

    def _undo(self) -> None:
        with self.review.transaction():
            for ev in reversed(self.added):
                claim_edits.remove_evidence(self.review, ev.id, reviewer=self.reviewer)


class RemoveEvidenceCommand(ClaimCommand):
    def __init__(self, review: Review, removed: Evidence, reviewer: str,
                 changed: Callable[[str], None]) -> None:
        super().__init__("Remove evidence", review, removed.claim_id, reviewer, changed)
        self.evidence = removed

    def _redo(self) -> None:
        claim_edits.remove_evidence(self.review, self.evidence.id, reviewer=self.reviewer)

    def _undo(self) -> None:
        claim_edits.restore_evidence(self.review, self.evidence, reviewer=self.reviewer)


class SetRelationCommand(ClaimCommand):
    """Supports ⇄ contradicts: the link is taken out and put back (same id) in one transaction,
    so the history shows both sides of the change."""

    def __init__(self, review: Review, old: Evidence, reviewer: str,
                 changed: Callable[[str], None]) -> None:
        super().__init__("Change evidence relation", review, old.claim_id, reviewer, changed)
        self.old = old
        other = EvidenceRelation.SUPPORTS if old.relation == EvidenceRelation.CONTRADICTS \
            else EvidenceRelation.CONTRADICTS
        self.new = replace(old, relation=other)

    @staticmethod
    def swap(review: Review, out: Evidence, into: Evidence, reviewer: str) -> None:
        with review.transaction():
            claim_edits.remove_evidence(review, out.id, reviewer=reviewer)
            claim_edits.restore_evidence(review, into, reviewer=reviewer)

    def _redo(self) -> None:
        self.swap(self.review, self.old, self.new, self.reviewer)

    def _undo(self) -> None:
        self.swap(self.review, self.new, self.old, self.reviewer)


class SettleCommand(ClaimCommand):
    """An editor settles a claim (status and why); undo puts its earlier settlement back."""

    def __init__(self, review: Review, claim_id: str, old: Any, status: ClaimStatus, why: str,
                 editor: Any, changed: Callable[[str], None]) -> None:
        super().__init__(f"Settle claim {status}", review, claim_id, editor.signature, changed)
        self.old, self.status, self.why, self.editor = old, status, why, editor

    def _redo(self) -> None:
        self.old = claim_edits.settle(self.review, self.claim_id, self.status, self.why,
                                      editor=self.editor)

    def _undo(self) -> None:
        claim_edits.restore_settlement(self.review, self.claim_id, self.old,
                                       reviewer=self.reviewer)
