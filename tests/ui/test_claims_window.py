"""Claims in the window: made from a selection, tagged with keys, evidence from the aligned
group or a selection, suggestions accepted with A, U to the next unreviewed item; every step
undoable and in the file (checked through a second connection) before the window says so."""

from __future__ import annotations

import threading

from handmade import build_review, file_window, passage_of
from PySide6.QtCore import Qt

from factdesk.core.model import ClaimStatus, EvidenceRelation
from factdesk.core.store import Review
from factdesk.core.store.claims import StoredSuggestion
from factdesk.ui import lookups
from factdesk.ui.models import ClaimFilterProxy, ClaimTableModel
from factdesk.ui.panes import PassageView
from factdesk.ui.presenter import ReviewSnapshot, load_snapshot


def select(w, aid, start, end):
    view = w.view.area.pane_for(aid).view
    view.setFocus()
    view.setTextCursor(view.cursor_for(start, end))
    return view


def key(qtbot, w, k, modifier=Qt.KeyboardModifier.NoModifier):
    target = w.focusWidget() or w
    qtbot.keyClick(target, k, modifier)


def on_disk(path):
    with Review.open(path, backup=False) as other:
        return {c.id: c for c in other.claims()}


def span_of(review, aid, tag, words):
    p = passage_of(review, tag, aid)
    at = p.text.index(words)
    return p.start + at, p.start + at + len(words)


def test_claim_from_selection_tagged_with_keys_undo_redo(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    s, e = span_of(w.review, "a", "g1", '"reasonably good meeting"')
    view = select(w, "a", s, e)
    key(qtbot, w, Qt.Key.Key_C)
    (claim,) = on_disk(path).values()
    assert (claim.anchor.article_id, claim.anchor.start, claim.anchor.end) == ("a", s, e)
    assert claim.anchor.quote == '"reasonably good meeting"' and claim.reviewer == "alice"
    assert w.tagging.current == claim.id
    assert w.claims_model.rowCount() == 1
    assert [m.claim_id for m in view.claim_marks] == [claim.id]
    assert "0 of 1 claim reviewed" in w.counts_label.text()
    assert "saved" in w.counts_label.text()

    expected = []
    for k, status in ((Qt.Key.Key_1, ClaimStatus.CONFIRMED), (Qt.Key.Key_2,
                      ClaimStatus.CONFLICTING), (Qt.Key.Key_3, ClaimStatus.UNSOURCED),
                      (Qt.Key.Key_Backspace, ClaimStatus.UNREVIEWED),
                      (Qt.Key.Key_1, ClaimStatus.CONFIRMED)):
        key(qtbot, w, k)
        assert on_disk(path)[claim.id].status is status
        assert w.snapshot.claims.claims[claim.id].status is status
        assert view.claim_marks[0].status is status
        expected.append(status)
    assert "1 of 1 claim reviewed" in w.counts_label.text()
    assert w.docks.claims_panel.inspector.buttons[ClaimStatus.CONFIRMED].isChecked()
    # undo walks the statuses back, checked in the file after each step
    for status in reversed([ClaimStatus.UNREVIEWED, *expected[:-1]]):
        w.undo_stack.undo()
        assert on_disk(path)[claim.id].status is status
    w.undo_stack.undo()  # the creation
    assert on_disk(path) == {} and w.claims_model.rowCount() == 0
    assert view.claim_marks == []
    for status in [ClaimStatus.UNREVIEWED, *expected]:
        w.undo_stack.redo()
        assert on_disk(path)[claim.id].status is status
    history = [h.field for h in w.review.history(claim.id)]
    assert history.count("status") >= 10 and history[0] == "created"
    tree = w.docks.claims_panel.inspector.history
    assert tree.topLevelItemCount() == len(history)
    assert "status: unreviewed → confirmed" in tree.topLevelItem(0).text(2)
    w.close()


def test_group_evidence_delete_undo_and_reopen(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    a3 = passage_of(w.review, "g3", "a")  # g3: a says 27 points, b 28 (a conflict), c 27
    select(w, "a", a3.start, a3.end)
    key(qtbot, w, Qt.Key.Key_C)
    claim_id = w.tagging.current
    assert on_disk(path)[claim_id].passage_id == a3.id  # exactly the passage
    key(qtbot, w, Qt.Key.Key_2)
    key(qtbot, w, Qt.Key.Key_G)  # the aligned group as evidence
    evidence = on_disk(path)[claim_id].evidence
    relation = {e.anchor.article_id: e.relation for e in evidence}
    assert relation == {"b": EvidenceRelation.CONTRADICTS, "c": EvidenceRelation.SUPPORTS}
    inspector = w.docks.claims_panel.inspector
    assert inspector.evidence.topLevelItemCount() == 2
    assert inspector.tabs.tabText(1) == "Evidence (2)"
    w.undo_stack.undo()
    assert on_disk(path)[claim_id].evidence == ()
    w.undo_stack.redo()
    assert [e.id for e in on_disk(path)[claim_id].evidence] == [e.id for e in evidence]
    # G again adds nothing, and says why in numbers the reviewer can check
    key(qtbot, w, Qt.Key.Key_G)
    assert len(on_disk(path)[claim_id].evidence) == 2
    assert "All 2 counterparts" in w.statusBar().currentMessage()
    # toggle one relation, remove another: each one undoable step
    c_ev = next(e for e in evidence if e.anchor.article_id == "c")
    w.tagging.toggle_relation(c_ev.id)
    assert {e.relation for e in on_disk(path)[claim_id].evidence} == {
        EvidenceRelation.CONTRADICTS}
    w.tagging.remove_evidence(c_ev.id)
    assert len(on_disk(path)[claim_id].evidence) == 1
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert {e.anchor.article_id: e.relation for e in on_disk(path)[claim_id].evidence} == \
        relation
    # jump to a piece of evidence: its pane's caret goes there
    w.tagging.go_to_evidence(c_ev.id)
    assert w.view.selection.group_id == "g3"
    # delete, and undo brings the evidence back with the same ids
    key(qtbot, w, Qt.Key.Key_Delete)
    assert claim_id not in on_disk(path)
    assert w.tagging.current is None
    w.undo_stack.undo()
    back = on_disk(path)[claim_id]
    assert sorted(e.id for e in back.evidence) == sorted(e.id for e in evidence)
    assert back.status is ClaimStatus.CONFLICTING
    fields = [h.field for h in w.review.history(claim_id)]
    assert fields[:4] == ["created", "status", "evidence+", "evidence+"]
    assert "deleted" in fields and fields[-1] == "restored"
    w.close()

    # a new window on the same file finds everything
    w2 = file_window(qtbot, path, build=False)
    assert w2.claims_model.rowCount() == 1
    claim = w2.snapshot.claims.claims[claim_id]
    assert claim.status is ClaimStatus.CONFLICTING and len(claim.evidence) == 2
    assert [m.claim_id for m in w2.view.area.pane_for("a").view.claim_marks] == [claim_id]
    w2.docks.claims_panel.select_claim(claim_id, announce=True)
    assert w2.tagging.current == claim_id
    assert w2.view.selection.group_id == "g3"  # its pane scrolled to it, its group selected
    assert w2.docks.claims_panel.inspector.history.topLevelItemCount() == len(fields)
    w2.close()


def test_selection_in_another_pane_as_evidence(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    s, e = span_of(w.review, "a", "g2", "five hours")
    select(w, "a", s, e)
    key(qtbot, w, Qt.Key.Key_C)
    claim_id = w.tagging.current
    s2, e2 = span_of(w.review, "b", "g2", "lasted five hours")
    select(w, "b", s2, e2)
    key(qtbot, w, Qt.Key.Key_E)  # supporting
    s3, e3 = span_of(w.review, "c", "g3", "27-point")
    select(w, "c", s3, e3)
    key(qtbot, w, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)  # contradicting
    ev = on_disk(path)[claim_id].evidence
    assert [(x.anchor.quote, x.relation) for x in ev] == [
        ("lasted five hours", EvidenceRelation.SUPPORTS),
        ("27-point", EvidenceRelation.CONTRADICTS)]
    assert w.tagging.current == claim_id  # selecting evidence text kept the claim current
    assert w.claims_model.data(w.claims_model.index(0, 3)) == 2
    w.close()


def test_suggestion_u_and_a(qtbot, tmp_path):
    """What the window suggests for a passage, and what A saves, is the check of the passage's
    own words, never the stored group-level hint (QA pass 4, item 1); U passes suggested
    passages whose own words earn nothing, and A on one stamps nothing and says why."""
    path = tmp_path / "r.factdesk"
    review = build_review(Review.open(path, create=True))
    b2 = passage_of(review, "g2", "b")
    c3 = passage_of(review, "g3", "c")
    filler = review.passages("a")[2]  # an unaligned sentence no other article prints
    review.replace_suggestions([
        StoredSuggestion(filler.id, ClaimStatus.UNSOURCED, "In no group with another source"),
        StoredSuggestion(b2.id, ClaimStatus.CONFIRMED, "In a group with three outlets"),
        StoredSuggestion(c3.id, ClaimStatus.CONFLICTING, "27 vs 28 points")])
    review.close()
    w = file_window(qtbot, path, build=False)
    # an unreviewed claim in article a comes first in reading order
    a1 = passage_of(w.review, "g1", "a")
    select(w, "a", a1.start, a1.start + 5)
    key(qtbot, w, Qt.Key.Key_C)
    first = w.tagging.current
    w.tagging.set_current(None)
    w.view.area.pane_for("a").view.place_caret(0)
    key(qtbot, w, Qt.Key.Key_U)
    assert w.tagging.current == first
    key(qtbot, w, Qt.Key.Key_U)  # passes the filler: its own words earn no suggestion
    # (the filler's check is worked out on the lookup thread; U lands when it is in)
    qtbot.waitUntil(lambda: w.view.selection.passage_id == b2.id)
    assert w.tagging.current is None
    assert "Passed 1 suggested passage whose own words" in w.statusBar().currentMessage()
    inspector = w.docks.claims_panel.inspector
    # the passage's own check is shown in the turn after the key's
    qtbot.waitUntil(lambda: "Suggested" in inspector.suggestion.text())
    shown = inspector.suggestion.text()
    assert "Suggested ✓ confirmed" in shown and "three outlets" not in shown
    assert "Reported by 2 independent sources (Outlet B, Outlet A)" in shown
    assert not inspector.accept_button.isHidden()
    key(qtbot, w, Qt.Key.Key_A)
    accepted = w.tagging.current
    claim = on_disk(path)[accepted]
    assert (claim.passage_id, claim.status) == (b2.id, ClaimStatus.CONFIRMED)
    assert claim.note == ("Reported by 2 independent sources (Outlet B, Outlet A) with no "
                          "conflict about these words.")
    # the claim A made is shown with the same suggestion (the inspector's claim scope)
    assert "Reported by 2 independent sources" in inspector.suggestion.text()
    key(qtbot, w, Qt.Key.Key_U)  # the accepted suggestion is no longer open
    qtbot.waitUntil(lambda: w.view.selection.passage_id == c3.id)
    qtbot.waitUntil(lambda: "Suggested ✗ conflicting" in inspector.suggestion.text())
    key(qtbot, w, Qt.Key.Key_U)  # wraps round to the unreviewed claim
    qtbot.waitUntil(lambda: w.tagging.current == first)
    w.undo_stack.undo()  # the acceptance
    assert accepted not in on_disk(path)
    w.undo_stack.redo()
    assert on_disk(path)[accepted].status is ClaimStatus.CONFIRMED
    # a passage with nothing to show says why, and A stamps nothing
    w.tagging.set_current(None)
    w.view.select_passage(filler.id)
    w.tagging._show_inspector()
    qtbot.waitUntil(lambda: "Nothing suggested on this passage" in inspector.suggestion.text())
    assert inspector.accept_button.isHidden()
    before = on_disk(path)
    key(qtbot, w, Qt.Key.Key_A)
    assert on_disk(path) == before
    assert "Nothing suggested" in w.statusBar().currentMessage()
    w.close()


def _suggested_review(path):
    review = build_review(Review.open(path, create=True))
    b2, c3 = passage_of(review, "g2", "b"), passage_of(review, "g3", "c")
    filler = review.passages("a")[2]  # an unaligned sentence no other article prints
    review.replace_suggestions([
        StoredSuggestion(filler.id, ClaimStatus.UNSOURCED, "In no group with another source"),
        StoredSuggestion(b2.id, ClaimStatus.CONFIRMED, "In a group with three outlets"),
        StoredSuggestion(c3.id, ClaimStatus.CONFLICTING, "27 vs 28 points")])
    review.close()
    return filler, b2, c3


def _held_checks(monkeypatch):
    """Hold every passage check made off the GUI thread until the gate opens."""
    gate = threading.Event()
    real = ReviewSnapshot.passage_check

    def held(self, passage_id):
        if threading.current_thread() is not threading.main_thread():
            gate.wait(5)
        return real(self, passage_id)

    monkeypatch.setattr(ReviewSnapshot, "passage_check", held)
    return gate


def _u_from_the_filler(qtbot, tmp_path, monkeypatch, *, held: bool = True):
    """A fresh window on the suggested review, checks made off the GUI thread held (unless
    ``held`` is False), U pressed on the filler passage: (window, gate, filler, b2)."""
    path = tmp_path / "r.factdesk"
    filler, b2, _ = _suggested_review(path)
    w = file_window(qtbot, path, build=False)
    gate = _held_checks(monkeypatch)
    if not held:
        gate.set()
    w.view.select_passage(filler.id)
    key(qtbot, w, Qt.Key.Key_U)
    return w, gate, filler, b2


def test_u_that_is_still_checking_never_moves_a_reviewer_who_moved_on(qtbot, tmp_path,
                                                                        monkeypatch):
    """U's walk over suggested passages runs on the lookup thread; if the reviewer presses J
    before it is back, the selection stays where J put it."""
    w, gate, filler, b2 = _u_from_the_filler(qtbot, tmp_path, monkeypatch)
    assert w.view.selection.passage_id == filler.id  # b2's check is held on the lookup thread
    w.actions_.next_group.trigger()
    moved_to = w.view.selection.passage_id
    assert moved_to != b2.id
    gate.set()
    lookups.wait()
    qtbot.wait(50)  # the walk's result is delivered, and dropped
    assert w.view.selection.passage_id == moved_to
    key(qtbot, w, Qt.Key.Key_U)  # from where J left, past the filler, to b2
    qtbot.waitUntil(lambda: w.view.selection.passage_id == b2.id)
    w.close()


def test_u_still_walking_after_a_moment_says_so_and_then_lands(qtbot, tmp_path, monkeypatch):
    """A U whose walk is still on the lookup thread after a moment says in the status bar that
    it is looking; when the walk is back, U lands and the message goes."""
    from factdesk.ui.tagging import U_SAYS_MS, U_WALKING

    w, gate, filler, b2 = _u_from_the_filler(qtbot, tmp_path, monkeypatch)
    assert w.statusBar().currentMessage() != U_WALKING  # not at once: most walks are quick
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == U_WALKING,
                    timeout=U_SAYS_MS + 2000)
    assert w.view.selection.passage_id == filler.id  # still looking: nothing moved yet
    gate.set()
    qtbot.waitUntil(lambda: w.view.selection.passage_id == b2.id)
    assert w.statusBar().currentMessage() != U_WALKING
    w.close()


def test_u_whose_walk_is_back_at_once_never_says_it_is_still_looking(qtbot, tmp_path,
                                                                       monkeypatch):
    from factdesk.ui.tagging import U_SAYS_MS, U_WALKING

    w, _, _, b2 = _u_from_the_filler(qtbot, tmp_path, monkeypatch, held=False)
    qtbot.waitUntil(lambda: w.view.selection.passage_id == b2.id)
    qtbot.wait(U_SAYS_MS + 200)  # past the moment a walk still out would say so
    assert w.statusBar().currentMessage() != U_WALKING
    w.close()


def test_a_pressed_before_the_check_is_in(qtbot, tmp_path, monkeypatch):
    """A on a passage whose check is still being worked out saves the claim when the check is
    in, with the check's verdict; if the reviewer moved meanwhile, nothing is stamped."""
    path = tmp_path / "r.factdesk"
    _, b2, c3 = _suggested_review(path)
    w = file_window(qtbot, path, build=False)
    gate = _held_checks(monkeypatch)
    w.view.select_passage(c3.id)
    key(qtbot, w, Qt.Key.Key_A)
    w.view.select_passage(b2.id)  # moved on before c3's check was in
    gate.set()
    lookups.wait()
    qtbot.wait(50)
    assert on_disk(path) == {}
    w.close()
    w = file_window(qtbot, path, build=False)  # a fresh snapshot: no check known yet
    gate.clear()
    w.view.select_passage(b2.id)
    key(qtbot, w, Qt.Key.Key_A)
    assert on_disk(path) == {}  # not yet: the check is held
    assert "Checking this passage" in w.statusBar().currentMessage()
    gate.set()
    qtbot.waitUntil(lambda: bool(on_disk(path)))
    (claim,) = on_disk(path).values()
    assert (claim.passage_id, claim.status) == (b2.id, ClaimStatus.CONFIRMED)
    w.close()


def test_note_typed_then_window_closed_is_saved(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    s, e = span_of(w.review, "a", "g2", "five hours")
    select(w, "a", s, e)
    key(qtbot, w, Qt.Key.Key_C)
    claim_id = w.tagging.current
    note = w.docks.claims_panel.inspector.note
    note.setFocus()
    qtbot.keyClicks(note, "Checked 123 against the wire")  # digits are text here, not tags
    assert on_disk(path)[claim_id].note == ""  # not yet: saved on idle, focus-out or close
    assert on_disk(path)[claim_id].status is ClaimStatus.UNREVIEWED
    w.close()
    assert on_disk(path)[claim_id].note == "Checked 123 against the wire"


def test_note_saved_on_idle_is_one_undo_step(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    s, e = span_of(w.review, "a", "g2", "five hours")
    select(w, "a", s, e)
    key(qtbot, w, Qt.Key.Key_C)
    claim_id = w.tagging.current
    inspector = w.docks.claims_panel.inspector
    inspector.note_timer.setInterval(50)
    qtbot.keyClicks(inspector.note, "first")
    qtbot.waitUntil(lambda: on_disk(path)[claim_id].note == "first", timeout=3000)
    assert w.undo_stack.undoText() == "Edit note"
    w.undo_stack.undo()
    assert on_disk(path)[claim_id].note == ""
    assert inspector.note.toPlainText() == ""
    w.close()


def test_models_pass_modeltester_and_filter(qtmodeltester, qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    for aid, tag, k in (("a", "g1", Qt.Key.Key_1), ("b", "g1", Qt.Key.Key_2),
                        ("c", "g1", Qt.Key.Key_3), ("a", "g2", None)):
        p = passage_of(w.review, tag, aid)
        select(w, aid, p.start, p.end)
        key(qtbot, w, Qt.Key.Key_C)
        if k is not None:
            key(qtbot, w, k)
    model = ClaimTableModel()
    qtmodeltester.check(model)
    book = w.snapshot.claims
    model.set_claims(book.ordered_ids(), book.claims.get, w.snapshot.label)
    qtmodeltester.check(model)
    proxy = ClaimFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    panel = w.docks.claims_panel
    assert panel.proxy.rowCount() == 4
    panel.count_buttons[ClaimStatus.CONFIRMED].click()
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data().endswith("confirmed")
    assert "confirmed 1" in panel.count_buttons[ClaimStatus.CONFIRMED].text()
    panel.count_buttons[ClaimStatus.CONFIRMED].click()
    assert panel.proxy.rowCount() == 4
    panel.set_status_filter(ClaimStatus.UNREVIEWED)
    assert panel.proxy.rowCount() == 1
    panel.set_status_filter(None)
    panel.article_filter.setCurrentIndex(panel.article_filter.findData("a"))
    assert panel.proxy.rowCount() == 2
    panel.article_filter.setCurrentIndex(0)
    panel.search.setText("kremlin")
    assert panel.proxy.rowCount() == 1
    panel.search.clear()
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # status: unreviewed first
    assert panel.proxy.index(0, 0).data().endswith("unreviewed")
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    w.close()


def test_caret_on_a_claim_makes_it_current_and_orphans_are_marked(qtbot, tmp_path):
    from dataclasses import replace

    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    s, e = span_of(w.review, "b", "g3", "28-point")
    select(w, "b", s, e)
    key(qtbot, w, Qt.Key.Key_C)
    claim_id = w.tagging.current
    w.tagging.set_current(None)
    assert w.docks.claims_panel.current_claim() is None
    w.view.area.pane_for("b").view.place_caret(0)
    view = w.view.area.pane_for("b").view
    cursor = view.cursor_for(s + 2, s + 2)
    view.setTextCursor(cursor)  # as a click would
    assert w.tagging.current == claim_id
    assert w.docks.claims_panel.current_claim() == claim_id
    key(qtbot, w, Qt.Key.Key_3)
    assert on_disk(path)[claim_id].status is ClaimStatus.UNSOURCED
    # an orphaned claim stays in the table, marked, and is not painted
    claim = w.review.claim(claim_id)
    w.review.delete_claim_row(claim_id)
    w.review.insert_claim(replace(claim, orphaned=True))
    w.set_review(w.review, load_snapshot(w.review))
    assert "orphan" in w.claims_model.data(w.claims_model.index(0, 2))
    assert view.claim_marks == []
    w.docks.claims_panel.select_claim(claim_id, announce=True)
    assert not w.docks.claims_panel.inspector.orphan.isHidden()
    w.close()


def test_context_menu_and_preferences(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    texts = [a.text() for a in PassageView.context_actions]
    assert "New &claim from selection" in texts
    w.show_preferences()
    dialog = w.preferences_dialog
    dialog.name_edit.setText("  Bob   Smith ")
    dialog.email_edit.setText("not an address")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "e-mail" in dialog.problem.text()
    dialog.email_edit.setText("bob@desk.example")
    dialog.accept()
    assert w.tagging.reviewer == "Bob Smith <bob@desk.example>"
    s, e = span_of(w.review, "a", "g2", "five hours")
    select(w, "a", s, e)
    w.actions_.new_claim.trigger()
    assert on_disk(path)[w.tagging.current].reviewer == "Bob Smith <bob@desk.example>"
    w.close()


def _quake_review():
    """Three outlets' quake reports (QA3 #8, t38): the Press Democrat's "2:09 a.m. jolt" sits in
    no group, two other outlets print "2:09 a.m." in a sentence of their own, and both print
    the depth in an aligned group."""
    import hashlib

    from factdesk.core.model import AlignmentGroup, Article, GroupMember, Passage

    texts = {
        "pd": ("Press Democrat", ["Thursday's 2:09 a.m. jolt lasted a few seconds.",
                                  "The quake had a depth of 1.2 miles, the survey said."]),
        "abc": ("ABC7", ["The quake occurred at 2:09 a.m. about 14 miles from Healdsburg.",
                         "It struck at a depth of 1.2 miles, the survey said."]),
        "cbs": ("CBS SF", ["The quake occurred at 2:09 a.m. near The Geysers.",
                           "Its depth was 1.2 miles, according to the survey."]),
    }
    review = Review.in_memory()
    depth = []
    for aid, (outlet, sentences) in texts.items():
        text = " ".join(sentences)
        passages, at = [], 0
        for i, s in enumerate(sentences):
            passages.append(Passage(f"{aid}{i}", aid, i, at, at + len(s), s))
            at += len(s) + 1
        review.add_article(Article(aid, f"/tmp/{aid}.txt", text,
                                   hashlib.sha256(text.encode()).hexdigest(), title=outlet,
                                   outlet=outlet, published="2014-01-16"), passages)
        depth.append(f"{aid}1")
    review.replace_analysis(
        [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in depth), 0.9)], [])
    return review


def test_g_says_truly_why_it_added_nothing_and_what_it_did_next(qtbot):
    """QA3 #8: G on "2:09 a.m. jolt" said "no other article prints its figure" though the other
    outlets print "2:09 a.m."; the message names them now. A later G that adds evidence says
    so, in place of the stale "Nothing to add"."""
    from handmade import window_on

    review = _quake_review()
    w = window_on(qtbot, review)
    text = review.article("pd").text
    at = text.index("2:09 a.m. jolt")
    select(w, "pd", at, at + len("2:09 a.m. jolt"))
    key(qtbot, w, Qt.Key.Key_C)
    key(qtbot, w, Qt.Key.Key_G)
    said = w.statusBar().currentMessage()
    assert "Nothing to add" in said and "no other article prints" not in said
    assert "2 other articles print “2:09 a.m.”: ABC7, CBS SF" in said
    assert review.claims()[0].evidence == ()  # nothing linked by a guess
    at = text.index("depth of 1.2 miles")
    select(w, "pd", at, at + len("depth of 1.2 miles"))
    key(qtbot, w, Qt.Key.Key_C)
    key(qtbot, w, Qt.Key.Key_G)
    said = w.statusBar().currentMessage()
    assert "Nothing to add" not in said and said.startswith("Added 2 counterparts")
    w.close()
    review.close()


def test_c_on_words_that_already_carry_a_claim_selects_that_claim(qtbot, tmp_path):
    """QA3 #13: C on the words of an existing claim silently made a duplicate (k20 = k3).
    The claim there is selected and the reviewer told; a claim on part of the words is still
    a claim of its own."""
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    start, end = span_of(w.review, "a", "g3", "27-point set of proposals")
    select(w, "a", start, end)
    key(qtbot, w, Qt.Key.Key_C)
    first = w.tagging.current
    key(qtbot, w, Qt.Key.Key_2)
    w.tagging.set_current(None)
    select(w, "a", start - 1, end)  # the same words, a space before them
    key(qtbot, w, Qt.Key.Key_C)
    assert list(on_disk(path)) == [first] and w.claims_model.rowCount() == 1
    assert w.tagging.current == first
    assert f"Claim {first} is already on these words (conflicting)" in \
        w.statusBar().currentMessage()
    assert w.undo_stack.undoText() == "Mark claim conflicting"  # nothing new to undo
    start, end = span_of(w.review, "a", "g3", "27-point")  # part of them: a claim of its own
    select(w, "a", start, end)
    key(qtbot, w, Qt.Key.Key_C)
    assert len(on_disk(path)) == 2 and w.tagging.current != first
    w.close()
