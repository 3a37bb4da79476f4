"""Claims in the window: the current claim, the reviewer's intents as undoable commands, and
keeping the table, the inspector, the panes and the status bar in step with the file.

"Current claim" is the claim selected in the claims table, or the one under the caret in a pane
(whichever the reader touched last); the status keys, evidence and delete act on it. Every edit
runs its core op first (one committed transaction, a few milliseconds, on the GUI thread so
"saved" can only follow the commit), then pushes a command whose undo/redo are the inverse ops;
after each, the touched claim is re-read from the file and shown.
"""

from __future__ import annotations

import bisect
import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPalette, QTextCursor, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from factdesk.core.check import claimscope
from factdesk.core.identity import (
    REVIEWER_ENV,
    Reviewer,
    current_reviewer,
    display_name,
    parse_reviewer,
)
from factdesk.core.model import Claim, ClaimStatus, Evidence, EvidenceRelation
from factdesk.ui import lookups
from factdesk.ui.claimbook import ClaimBook
from factdesk.ui.commands import (
    AddEvidenceCommand,
    ClaimCommand,
    CreateClaimCommand,
    DeleteClaimCommand,
    RemoveEvidenceCommand,
    SetNoteCommand,
    SetRelationCommand,
    SetStatusCommand,
    SettleCommand,
)
from factdesk.ui.lazy import anchors, claim_edits
from factdesk.ui.panes import ArticlePane

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from factdesk.core.store import Review
    from factdesk.ui.docks import Docks
    from factdesk.ui.models import ClaimTableModel
    from factdesk.ui.presenter import QueueItem, ReviewSnapshot
    from factdesk.ui.reviewview import ReviewView


#: U's walk over suggested passages still on the lookup thread after this long says so
U_SAYS_MS = 250
U_WALKING = "Looking for the next claim or suggestion to review…"


class TaggingHost(Protocol):
    """What claim tagging needs of the window (the main window is one): the open review and its
    snapshot, the panes, the claims dock and table, the undo stack and the status bar. Tagging
    never imports the window."""

    review: Review | None
    snapshot: ReviewSnapshot | None
    saved_at: float | None
    view: ReviewView
    docks: Docks
    claims_model: ClaimTableModel
    undo_stack: QUndoStack

    def statusBar(self) -> QStatusBar: ...
    def palette(self) -> QPalette: ...
    def update_status(self) -> None: ...

log = logging.getLogger(__name__)


def _current_identity() -> Reviewer:
    """The identity edits are signed with; a malformed $FACTDESK_REVIEWER is used as typed."""
    try:
        return current_reviewer()
    except ValueError:
        typed = " ".join(os.environ.get(REVIEWER_ENV, "").split())
        return Reviewer(typed or "unknown", source="env")


class Tagging(QObject):
    def __init__(self, window: TaggingHost) -> None:
        super().__init__(window)  # type: ignore[call-overload]  # the window is a QObject
        self.w = window
        self.current: str | None = None
        self._check_turn = 0  # the latest passage check asked for (see _show_inspector)
        self._u_turn = 0  # the latest U press (its walk may finish on the lookup thread)
        #: who signs every edit: the identity set once (Preferences, `factdesk whoami`);
        #: the window asks at its first start when there is none
        self.identity: Reviewer = _current_identity()
        self.refused_box: QMessageBox | None = None  # the last "changed by another" notice
        panel = window.docks.claims_panel
        self.panel = panel
        self.inspector = panel.inspector
        panel.claim_selected.connect(lambda cid: self.set_current(cid, scroll=True,
                                                                  from_table=True))
        ins = self.inspector
        ins.status_requested.connect(self.set_status)
        ins.note_committed.connect(self.save_note)
        ins.evidence_activated.connect(self.go_to_evidence)
        ins.evidence_remove.connect(self.remove_evidence)
        ins.evidence_toggle.connect(self.toggle_relation)
        ins.add_group_evidence.connect(self.add_group_evidence)
        ins.accept_suggestion.connect(self.accept_suggestion)
        ins.note.escaped.connect(self._leave_note)
        window.view.area.caret_moved.connect(self._on_caret)

    # ------------------------------------------------------------------ state
    @property
    def reviewer(self) -> str:
        """The signature edits are written with ("Name <mail>")."""
        return self.identity.signature

    @property
    def reviewer_name(self) -> str:
        """The name alone ("" while only the login name signs); setting it signs as that name
        (a reviewer, no e-mail) — what tests and older callers set."""
        return "" if self.identity.source == "login" else self.identity.name

    @reviewer_name.setter
    def reviewer_name(self, name: str) -> None:
        self.identity = parse_reviewer(name) if name.strip() else _current_identity()

    @property
    def book(self) -> ClaimBook | None:
        snap = self.w.snapshot
        return snap.claims if snap is not None else None

    def current_claim(self) -> Claim | None:
        book = self.book
        return book.claims.get(self.current) if book and self.current else None

    def show_review(self) -> None:
        """A (re)loaded snapshot: refill the table, repaint every pane, keep the current claim."""
        snap, book = self.w.snapshot, self.book
        if snap is None or book is None:
            return
        self.inspector.flush_note()
        self.w.claims_model.set_claims(book.ordered_ids(), book.claims.get, snap.label,
                                       snap.edited_note,
                                       lambda cid: book.decisions.get(cid, ()))
        self.panel.set_dark(self._dark())
        self._refresh_choices()
        if self.current not in book.claims:
            self.current = None
        self.panel.select_claim(self.current)
        for pane in self.w.view.area.panes:
            self._paint(pane)
        self._show_inspector()

    def _refresh_choices(self) -> None:
        snap, book = self.w.snapshot, self.book
        if snap is None or book is None:
            return
        double = book.double_checked()
        self.panel.set_counts(book.counts(), book.disagreements() if double else None,
                              book.agreement() if double else "")
        self.panel.set_choices([(a.id, snap.label(a.id)) for a in snap.articles],
                               sorted({display_name(r) for r in book.reviewers()}))

    def _dark(self) -> bool:
        return self.w.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def refresh_theme(self) -> None:
        self.panel.set_dark(self._dark())
        self._show_inspector()

    def paint_panes(self, panes: list[ArticlePane]) -> None:
        """Claims on panes made after the review was shown (a big review grows its panes)."""
        for pane in panes:
            self._paint(pane)

    def _paint(self, pane: ArticlePane) -> None:
        book = self.book
        if book is not None:
            # a pane whose text is not in yet works its claims out when it is filled
            aid = pane.article_id
            pane.view.set_claims(book.marks(aid) if pane.filled else (lambda: book.marks(aid)),
                                 self.current)

    def _paint_articles(self, *article_ids: str | None) -> None:
        for aid in {a for a in article_ids if a}:
            pane = self.w.view.area.pane_for(aid)
            if pane is not None:
                self._paint(pane)

    def set_current(self, claim_id: str | None, *, scroll: bool = False,
                    from_table: bool = False) -> None:
        book = self.book
        if book is None:
            return
        if claim_id is not None and claim_id not in book.claims:
            claim_id = None
        old = self.current_claim()
        if claim_id != self.current:
            self.inspector.flush_note()
        self.current = claim_id
        if not from_table:
            self.panel.select_claim(claim_id)
        new = self.current_claim()
        self._paint_articles(old.anchor.article_id if old else None,
                             new.anchor.article_id if new else None)
        if scroll and new is not None:
            self.go_to_claim(new)
        self._show_inspector()

    def go_to_claim(self, claim: Claim) -> None:
        """Scroll the claim's pane to it and select its passage's group."""
        snap = self.w.snapshot
        if snap is None:
            return
        passage = snap.passage_of_claim(claim.id)
        if passage is not None:
            caret = claim.anchor.start if not claim.orphaned else None
            self.w.view.select_passage(passage.id, caret=caret)
        if claim.orphaned:
            self.w.statusBar().showMessage(
                f"Claim {claim.id} is an orphan: its quote is no longer in the article", 6000)
        elif passage is None:
            self.w.view.show_span(claim.anchor.article_id, claim.anchor.start, claim.anchor.end)

    def _on_caret(self, article_id: str, offset: int) -> None:
        book = self.book
        if book is None:
            return
        claim = book.claim_at(article_id, offset)
        cid = claim.id if claim is not None else None
        if cid != self.current:
            self.set_current(cid)
        elif cid is None:
            self._show_inspector()

    def on_selection(self) -> None:
        """The group/passage selection moved (J/K, a click): show a suggestion there, if any."""
        if self.current is None:
            self._show_inspector()

    def _show_inspector(self) -> None:
        snap, book, review = self.w.snapshot, self.book, self.w.review
        if snap is None or book is None or review is None:
            self.inspector.clear()
            return
        claim = self.current_claim()
        if claim is None:
            pid = self.w.view.selection.passage_id
            existing = book.claim_on_passage(pid) if pid else None
            self.inspector.clear()
            if pid and existing is None:
                # the check of the passage's own words (what A saves), never the stored
                # group-level hint: 5-60 ms at 300 articles, worked out on the lookup thread
                # (a J / N / U press on the GUI thread had gone over 50 ms with it)
                self._check_turn += 1
                turn = self._check_turn
                if snap.checked(pid):
                    self._show_passage_check(pid, turn, snap)
                else:
                    lookups.run(lambda: snap.passage_check(pid),
                                lambda _: self._show_passage_check(pid, turn, snap), self)
            return
        # the suggestion about the claim's own words, not about the rest of its sentence: its
        # scope is 5-60 ms at 300 articles, so one not yet worked out comes from the lookup
        # thread, and the claim shows at once with the suggestion line saying so
        known = claim.orphaned or snap.scope_known(claim)
        scoped = snap.claim_scope(claim).suggestion if known and not claim.orphaned else None
        suggestion = (ClaimStatus(scoped[0]), " ".join(scoped[1])) if scoped else None
        self.inspector.show_claim(claim, review.history(claim.id), snap.label, suggestion,
                                  bool(self._group_counterparts(claim)) if known else True,
                                  snap.edited_note(claim.id), book.decisions.get(claim.id, ()),
                                  book.own_decision(claim.id, self.reviewer))
        if not known:
            self.inspector.show_suggestion(None, "Checking this claim's words against the "
                                                 "other outlets…")
            self._check_turn += 1
            turn, cid = self._check_turn, claim.id

            def scoped_in(scope: claimscope.ClaimScope) -> None:
                if turn == self._check_turn and self.current == cid and snap is self.w.snapshot:
                    found = scope.suggestion
                    self.inspector.show_claim_check(
                        (ClaimStatus(found[0]), " ".join(found[1])) if found else None,
                        bool(self._group_counterparts(claim)))

            lookups.run(lambda: snap.claim_scope(claim), scoped_in, self)

    def _show_passage_check(self, pid: str, turn: int, snap: ReviewSnapshot) -> None:
        """Show the check of the selected passage's own words, unless the selection (or the
        review) has moved on since it was asked for."""
        book = self.book
        if (turn != self._check_turn or book is None or snap is not self.w.snapshot
                or self.current is not None or self.w.view.selection.passage_id != pid):
            return
        check = snap.passage_check(pid)
        if check is not None and check.suggestion is not None:
            status, reasons = check.suggestion
            self.inspector.show_suggestion((ClaimStatus(status), " ".join(reasons)))
        elif check is not None and pid in book.suggestions:
            # U and the table may lead here: say why nothing is suggested
            self.inspector.show_suggestion(None, check.why)

    # ------------------------------------------------------------------ after a commit
    def claim_changed(self, claim_id: str) -> None:
        """Re-read one claim after its edit committed (or was undone), then show it."""
        review, book = self.w.review, self.book
        if review is None or book is None:
            return
        old = book.claims.get(claim_id)
        model = self.w.claims_model
        new: Claim | None = review.claim(claim_id) if review.has_claim(claim_id) else None
        book.put_decisions(claim_id, review.decisions(claim_id) if new is not None else [])
        if new is not None:
            book.put(new)
            if old is None:
                model.insert(claim_id, book.insert_position(model.ids(), new))
            else:
                model.refresh(claim_id)
        else:
            book.drop(claim_id)
            model.remove(claim_id)
            if self.current == claim_id:
                self.current = None
                self.panel.select_claim(None)
        self.w.saved_at = time.monotonic()
        self._refresh_choices()
        self._paint_articles(old.anchor.article_id if old else None,
                             new.anchor.article_id if new else None)
        if old is None and new is not None:  # made, or brought back by undo/redo: show it
            self.set_current(claim_id)
        elif claim_id == self.current or self.current is None:
            self._show_inspector()
        self.w.update_status()

    def _run(self, what: str, op: Callable[[], Any],
             command: Callable[[Any], Any]) -> Any:
        """Do one edit now (committed when ``op`` returns), then push its undoable command."""
        review = self.w.review
        if review is None:
            return None
        try:
            result = op()
        except Exception as exc:  # a refused edit is reported, never half-applied
            conflicted = getattr(exc, "claim_id", None)  # store.server.ClaimConflict
            if conflicted:
                self._refused_by_another(what, exc, conflicted)
                return None
            log.warning("%s failed", what, exc_info=exc)
            self.w.statusBar().showMessage(f"{what}: {exc}", 8000)
            return None
        made = command(result)
        if isinstance(made, ClaimCommand):  # an undo refused by a newer edit is shown, not lost
            made.refused = lambda what, exc: self._refused_by_another(
                what, exc, getattr(exc, "claim_id", ""))
        self.w.undo_stack.push(made)
        return result

    def _refused_by_another(self, what: str, exc: Exception, claim_id: str) -> None:
        """A shared review refused the edit: another reviewer changed the claim first. Show
        their edit at once and say so where it cannot be missed (nothing of ours was saved)."""
        review = self.w.review
        log.info("%s refused: %s", what, exc)
        message = getattr(exc, "in_window", str(exc))
        self.w.statusBar().showMessage(f"{what}: {getattr(exc, 'in_status', exc)}", 15000)
        if review is not None and review.has_claim(claim_id):
            saved_at = self.w.saved_at
            self.claim_changed(claim_id)  # what the other reviewer saved
            self.w.saved_at = saved_at
            self.w.update_status()
        parent = self.w if isinstance(self.w, QWidget) else None
        box = QMessageBox(QMessageBox.Icon.Information, "Changed by another reviewer",
                          message, QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal: the reviewer reads it and goes on with the keyboard
        self.refused_box = box

    def _need_claim(self) -> Claim | None:
        claim = self.current_claim()
        if claim is None:
            self.w.statusBar().showMessage(
                "No claim selected: select text in an article and press C, or pick a claim in "
                "the Claims table", 6000)
        return claim

    # ------------------------------------------------------------------ intents
    def selection_in_panes(self) -> tuple[ArticlePane, int, int] | None:
        """The reader's text selection: in the focused pane, else in any pane."""
        panes = self.w.view.area.visible_panes()
        focused = next((p for p in panes if p.view.hasFocus()), None)
        for pane in ([focused] if focused else []) + panes:
            span = pane.view.selected_span()
            if span is not None:
                return pane, span[0], span[1]
        return None

    def new_claim_from_selection(self) -> Claim | None:
        review, snap = self.w.review, self.w.snapshot
        found = self.selection_in_panes()
        if review is None or snap is None or found is None:
            self.w.statusBar().showMessage("Select the words of a claim in an article first", 5000)
            return None
        pane, start, end = found
        same = self._claim_on_words(pane.article_id, start, end)
        if same is not None:
            # QA3 #13: a second claim on the same words split one fact's verdicts, evidence
            # and notes in two; the claim there is selected instead, and the reviewer told.
            # Decided: no way to force a duplicate — a claim on part of the words, or on
            # more, is still made (a figure inside a claimed sentence is a claim of its own).
            pane.view.place_caret(start)
            self.set_current(same.id, scroll=True)
            self.w.statusBar().showMessage(
                f"Claim {same.id} is already on these words ({same.status}): selected it "
                "rather than make a second claim", 8000)
            return None
        exact = next((p for p in snap.passages.get(pane.article_id, ())
                      if p.start == start and p.end == end), None)
        reviewer = self.reviewer
        claim = self._run(
            "New claim",
            lambda: claim_edits.create_claim(review, pane.article_id, start, end, reviewer=reviewer,
                                     passage_id=exact.id if exact else None),
            lambda c: CreateClaimCommand(review, c, reviewer, self.claim_changed))
        if claim is not None:
            pane.view.place_caret(start)  # the selection is used up; the caret stays on it
            self.set_current(claim.id)
        return claim

    def _claim_on_words(self, article_id: str, start: int, end: int) -> Claim | None:
        """A claim of the article anchored on exactly these words (space around them aside)."""
        book, snap = self.book, self.w.snapshot
        if book is None or snap is None:
            return None
        text = next((a.text for a in snap.articles if a.id == article_id), None)
        if text is None:
            return None

        def trimmed(a: int, b: int) -> tuple[int, int]:
            words = text[a:b]
            lead = len(words) - len(words.lstrip())
            return a + lead, max(a + lead, b - (len(words) - len(words.rstrip())))

        want = trimmed(start, end)
        return next((c for c in book.claims.values()
                     if c.anchor.article_id == article_id and not c.orphaned
                     and trimmed(c.anchor.start, c.anchor.end) == want), None)

    def set_status(self, status: ClaimStatus) -> None:
        claim, review = self._need_claim(), self.w.review
        if claim is None or review is None:
            return
        book = self.book
        reviewer = self.reviewer
        if (book.own_status(claim, reviewer) if book else claim.status) is status:
            return
        done = self._run(f"Mark {status}",
                         lambda: claim_edits.change_status(review, claim.id, status,
                                                           reviewer=reviewer),
                         lambda old: SetStatusCommand(review, claim.id, old, status, reviewer,
                                                      self.claim_changed))
        now = self.current_claim()
        if done is not None and now is not None and now.status is not status:  # recorded,
            why = (f"settled {now.status} by {display_name(now.settled_by)}" if now.settled
                   else "another reviewer decided otherwise; an editor settles it")
            self.w.statusBar().showMessage(
                f"Your decision: {status}. The claim stays {now.status}: {why}", 8000)

    def settle_current(self) -> None:
        """Review › Settle claim…: an editor's decision with why, undoable like any edit."""
        claim, review = self._need_claim(), self.w.review
        if claim is None or review is None:
            return
        editor = self.identity
        if not review.may_settle(editor):
            self.w.statusBar().showMessage(
                f"Only an editor settles a claim; you sign as “{editor.signature}”, a "
                "reviewer (an editor sets the role in Edit › Preferences)", 10000)
            return
        from factdesk.ui.dialogs import SettleDialog

        book = self.book
        dialog = SettleDialog(claim, book.decisions.get(claim.id, ()) if book else (),
                              self.w)  # type: ignore[arg-type]

        def accepted() -> None:
            status, why = dialog.choice()
            self._run("Settle claim",
                      lambda: claim_edits.settle(review, claim.id, status, why, editor=editor),
                      lambda old: SettleCommand(review, claim.id, old, status, why, editor,
                                                self.claim_changed))

        dialog.accepted.connect(accepted)
        dialog.open()
        self.settle_dialog = dialog

    def edit_note(self) -> None:
        """M: type the current claim's note. The claims panel is brought back if it was
        collapsed to its strip; Esc returns to the panes, and the note is saved as typed."""
        claim = self._need_claim()
        if claim is None:
            return
        dock = self.w.docks.claims
        if dock.isHidden():
            dock.show()
        dock.raise_()
        self.inspector.tabs.setCurrentWidget(self.inspector.note)
        self.inspector.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.inspector.note.moveCursor(QTextCursor.MoveOperation.End)

    def _leave_note(self) -> None:
        self.inspector.flush_note()
        claim = self.current_claim()
        pane = self.w.view.area.pane_for(claim.anchor.article_id) if claim else None
        target = pane.view if pane is not None else self.w.view
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_note(self, claim_id: str, text: str) -> None:
        review, book = self.w.review, self.book
        if review is None or book is None or claim_id not in book.claims:
            return
        reviewer = self.reviewer
        self._run("Save note",
                  lambda: claim_edits.change_note(review, claim_id, text, reviewer=reviewer),
                  lambda old: SetNoteCommand(review, claim_id, old, text, reviewer,
                                             self.claim_changed))

    def delete_claim(self) -> None:
        claim, review = self._need_claim(), self.w.review
        if claim is None or review is None:
            return
        self.inspector.flush_note()
        reviewer = self.reviewer
        self._run("Delete claim",
                  lambda: claim_edits.delete_claim(review, claim.id, reviewer=reviewer),
                  lambda deleted: DeleteClaimCommand(review, deleted, reviewer,
                                                     self.claim_changed))

    def add_selection_as_evidence(self, relation: EvidenceRelation) -> None:
        claim, review, snap = self._need_claim(), self.w.review, self.w.snapshot
        if claim is None or review is None or snap is None:
            return
        found = self.selection_in_panes()
        if found is None:
            self.w.statusBar().showMessage(
                "Select the supporting or contradicting words in another article first", 5000)
            return
        pane, start, end = found
        article = snap.article(pane.article_id)
        anchor = anchors.make_anchor(article.id, article.text, start, end)
        exact = next((p for p in snap.passages.get(article.id, ())
                      if p.start == start and p.end == end), None)
        target: Any = exact.id if exact is not None else anchor
        reviewer = self.reviewer
        added = self._run(
            "Add evidence",
            lambda: claim_edits.add_evidence(review, claim.id, target, relation, reviewer=reviewer),
            lambda ev: AddEvidenceCommand(review, [ev], reviewer, self.claim_changed))
        if added is not None:
            pane.view.place_caret(start)

    def _group_counterparts(self, claim: Claim) -> list[tuple[str, EvidenceRelation]]:
        """The counterparts of the claim's words in other articles that are not linked yet,
        each contradicting when a conflict about those words sets it against the claim, else
        supporting (see ``core/check/claimscope``): a claim on "very good" brings in the
        "reasonably good" passages, not the rest of its sentence's group."""
        snap = self.w.snapshot
        if snap is None or claim.orphaned:
            return []
        linked = {e.passage_id for e in claim.evidence if e.passage_id}
        return [(cp.passage_id, cp.relation) for cp in snap.claim_scope(claim).counterparts
                if cp.passage_id not in linked]

    def add_group_evidence(self) -> list[Evidence]:
        claim, review = self._need_claim(), self.w.review
        if claim is None or review is None:
            return []
        members = self._group_counterparts(claim)
        if not members:
            snap = self.w.snapshot
            if snap is None or claim.orphaned:
                why = "This claim's words are no longer in its article"
            else:
                scope = snap.claim_scope(claim)
                why = claimscope.nothing_to_add(
                    scope, {e.passage_id for e in claim.evidence if e.passage_id},
                    snap.passage_by_id, {a.id: snap.label(a.id) for a in snap.articles})
                if not scope.counterparts and not scope.passed_over:
                    why = claimscope.no_group_reason(
                        claim, snap.passages, snap.label)
            self.w.statusBar().showMessage(why, 15000)
            return []
        reviewer = self.reviewer

        def add() -> list[Evidence]:
            with review.transaction():
                return [claim_edits.add_evidence(review, claim.id, pid, relation, reviewer=reviewer)
                        for pid, relation in members]

        added: list[Evidence] = self._run(
            "Add group as evidence", add,
            lambda evs: AddEvidenceCommand(review, evs, reviewer, self.claim_changed)) or []
        if added:  # says what G did, in place of an earlier "Nothing to add"
            outlets = {self.w.snapshot.label(a) for a in (
                p.article_id for p in (self.w.snapshot.passage_by_id.get(e.passage_id or "")
                                       for e in added) if p is not None)} \
                if self.w.snapshot is not None else set()
            n = len(added)
            self.w.statusBar().showMessage(
                f"Added {n} counterpart{'s' if n != 1 else ''} as evidence"
                + (f" ({', '.join(sorted(outlets))})" if outlets else ""), 8000)
        return added

    def _evidence(self, evidence_id: int) -> Evidence | None:
        claim = self.current_claim()
        return next((e for e in claim.evidence if e.id == evidence_id), None) if claim else None

    def remove_evidence(self, evidence_id: int) -> None:
        review = self.w.review
        if review is None or self._evidence(evidence_id) is None:
            return
        reviewer = self.reviewer
        self._run("Remove evidence",
                  lambda: claim_edits.remove_evidence(review, evidence_id, reviewer=reviewer),
                  lambda ev: RemoveEvidenceCommand(review, ev, reviewer, self.claim_changed))

    def toggle_relation(self, evidence_id: int) -> None:
        review, ev = self.w.review, self._evidence(evidence_id)
        if review is None or ev is None:
            return
        reviewer = self.reviewer
        command = SetRelationCommand(review, ev, reviewer, self.claim_changed)
        self._run("Change relation",
                  lambda: SetRelationCommand.swap(review, ev, command.new, reviewer),
                  lambda _: command)

    def go_to_evidence(self, evidence_id: int) -> None:
        ev, snap = self._evidence(evidence_id), self.w.snapshot
        if ev is None or snap is None:
            return
        a = ev.anchor
        if ev.orphaned:
            self.w.statusBar().showMessage("This evidence's quote is no longer in its article",
                                           5000)
            return
        pid = ev.passage_id if ev.passage_id in snap.passage_by_id else None
        pid = pid or (p.id if (p := snap.passage_at(a.article_id, a.start)) else None)
        if pid is not None:
            self.w.view.select_passage(pid)
        pane = self.w.view.area.filled_pane(a.article_id)
        if pane is not None:
            pane.view.place_caret(a.start, a.end)  # the evidence words, selected

    # ------------------------------------------------------------------ suggestions
    def accept_suggestion(self) -> Claim | None:
        """A: a claim over the selected passage with the suggestion the inspector shows for
        it, the check of its own words; where that check has nothing to suggest, nothing is
        stamped and the status bar says why. A check not yet worked out (A pressed before the
        inspector showed it) is worked out on the lookup thread, and A goes on when it is in,
        if the passage is still selected."""
        review, book, snap = self.w.review, self.book, self.w.snapshot
        pid = self.w.view.selection.passage_id
        if review is None or book is None or snap is None:
            return None
        existing = book.claim_on_passage(pid) if pid is not None else None
        if existing is not None:
            self.w.statusBar().showMessage(
                f"This passage already has claim {existing.id}; a suggestion never overrides it",
                6000)
            return None
        if pid is not None and not snap.checked(pid):
            self.w.statusBar().showMessage("Checking this passage's own words…", 3000)

            def then(_: object) -> None:
                if (snap is self.w.snapshot and self.current is None
                        and self.w.view.selection.passage_id == pid):
                    self.accept_suggestion()

            lookups.run(lambda: snap.passage_check(pid), then, self)
            return None
        check = snap.passage_check(pid) if pid is not None else None
        if check is None or check.suggestion is None:
            self.w.statusBar().showMessage(
                check.why if check is not None else "No passage selected to accept", 8000)
            return None
        reviewer, index = self.reviewer, snap.scope_index
        claim = self._run(
            "Accept suggestion",
            lambda: claim_edits.accept_suggestion(review, pid, reviewer=reviewer, index=index),
            lambda c: CreateClaimCommand(review, c, reviewer, self.claim_changed,
                                         text="Accept suggestion"))
        if claim is not None:
            self.set_current(claim.id)
        return claim

    def next_unreviewed(self) -> None:
        """The next unreviewed claim or open suggestion in reading order (wrapping). The walk
        over suggested passages whose checks are known is done here; where one is not, the
        lookup thread walks on (``ReviewSnapshot.next_stop``) and U lands when it is back,
        unless the reviewer has moved meanwhile."""
        snap, book = self.w.snapshot, self.book
        if snap is None or book is None:
            return
        order = {a.id: n for n, a in enumerate(snap.articles) if a.id not in snap.hidden}
        items = book.review_queue(order, snap.passage_by_id)
        if not items:
            self.w.statusBar().showMessage("Nothing left to review: no unreviewed claims or "
                                           "open suggestions", 6000)
            return
        items.sort()
        here: QueueItem = (-1, -1, -1, "")
        current = self.current_claim()
        pid = self.w.view.selection.passage_id
        if current is not None and current.anchor.article_id in order:
            here = (order[current.anchor.article_id], current.anchor.start, 0, current.id)
        elif pid is not None and pid in snap.passage_by_id:
            p = snap.passage_by_id[pid]
            if p.article_id in order:
                here = (order[p.article_id], p.start, 1, pid)
        after = bisect.bisect_right(items, here)
        self._u_turn += 1
        turn, was = self._u_turn, (self.current, pid)
        known = snap.next_stop(items, after, known_only=True)
        if known is not None:
            self._land(items, known, snap)
            return

        back: list[bool] = []  # the walk is back (then the key needs no word of it)

        def walked(stop: tuple[QueueItem, int] | None) -> None:
            back.append(True)
            bar = self.w.statusBar()
            if bar.currentMessage() == U_WALKING:
                bar.clearMessage()
            if (stop is not None and turn == self._u_turn and snap is self.w.snapshot
                    and (self.current, self.w.view.selection.passage_id) == was):
                self._land(items, stop, snap)

        def still_walking() -> None:  # a long walk (up to U_WALK_S): the key was heard
            if not back and turn == self._u_turn and snap is self.w.snapshot:
                self.w.statusBar().showMessage(U_WALKING, 6000)

        lookups.run(lambda: snap.next_stop(items, after), walked, self)
        QTimer.singleShot(U_SAYS_MS, self, still_walking)

    def _land(self, items: list[QueueItem], stop: tuple[QueueItem, int],
              snap: ReviewSnapshot) -> None:
        """Select U's stop and say how many suggested passages it passed; then the lookup
        thread walks on to the stop after it, so that the next U lands at once."""
        target, skipped = stop
        if skipped:
            self.w.statusBar().showMessage(
                f"Passed {skipped} suggested passage{'s' if skipped > 1 else ''} whose own words "
                "earn no suggestion", 6000)
        if target[2] == 0:
            self.set_current(target[3], scroll=True)
        else:
            self.set_current(None)
            self.w.view.select_passage(target[3])
            self._show_inspector()
        following = bisect.bisect_right(items, target)
        if snap.next_stop(items, following, known_only=True) is None:
            lookups.run(lambda: snap.next_stop(items, following), lambda _: None, self)
