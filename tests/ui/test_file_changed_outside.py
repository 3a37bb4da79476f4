"""A window on a review file sees what the command line (or another window) writes to it: a
claim's new verdict, a claim made or deleted, a group edit; and a window edit of a claim that
another process changed after the window showed it is refused, never written over the newer
edit (QA2 #13: the window kept "confirmed" and the next key press overwrote the CLI's status).
"""

from __future__ import annotations

from handmade import build_review, file_window, passage_of

from factdesk.core import claim_edits
from factdesk.core.model import ClaimStatus
from factdesk.core.store import Review


def _claim(path, *, status=ClaimStatus.CONFIRMED) -> str:
    """A claim made as ``factdesk claim add`` makes it: another connection, its own reviewer."""
    with Review.open(path, backup=False) as other:
        p = passage_of(other, "g1", "a")
        return claim_edits.create_claim(other, "a", p.start, p.end, reviewer="cli",
                                        status=status).id


def test_a_command_line_edit_shows_in_the_window_without_losing_the_place(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    made = _claim(path)  # a claim made in the terminal appears
    qtbot.waitUntil(lambda: made in w.tagging.book.claims, timeout=15_000)
    assert w.claims_model.rowCount() == 1
    w.tagging.set_current(made)
    selection = w.view.selection
    with Review.open(path, backup=False) as other:  # `factdesk claim set … --status unsourced`
        claim_edits.set_status(other, made, ClaimStatus.UNSOURCED, reviewer="cli")
    qtbot.waitUntil(lambda: w.tagging.book.claims[made].status is ClaimStatus.UNSOURCED,
                    timeout=15_000)
    assert w.snapshot.claims.claims[made].status is ClaimStatus.UNSOURCED
    assert w.tagging.current == made and w.view.selection == selection  # the place is kept
    assert "0 of 1 claim" not in w.counts_label.text()  # the counts follow: it is reviewed
    with Review.open(path, backup=False) as other:  # deleted in the terminal: gone here
        claim_edits.delete_claim(other, made, reviewer="cli")
    qtbot.waitUntil(lambda: made not in w.tagging.book.claims, timeout=15_000)
    assert w.claims_model.rowCount() == 0
    w.close()


def test_an_article_edited_in_the_terminal_reloads_the_review(qtbot, tmp_path):
    """What the analysis reads (articles, group edits) changed: the snapshot is read again."""
    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    groups = len(w.snapshot.groups)
    with Review.open(path, backup=False) as other:
        other.update_article("c", outlet="Renamed outside")
    qtbot.waitUntil(lambda: any(a.outlet == "Renamed outside" for a in w.snapshot.articles),
                    timeout=15_000)
    assert len(w.snapshot.groups) == groups
    w.close()


def test_a_window_edit_never_overwrites_a_newer_terminal_edit(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    build_review(Review.open(path, create=True)).close()
    made = _claim(path)
    w = file_window(qtbot, path, build=False)
    w.file_watch.timer.stop()  # the terminal's edit lands before the window has looked
    with Review.open(path, backup=False) as other:
        claim_edits.set_status(other, made, ClaimStatus.UNSOURCED, reviewer="cli")
        claim_edits.set_note(other, made, "CLI", reviewer="cli")
    assert w.tagging.book.claims[made].status is ClaimStatus.CONFIRMED  # still the old one
    w.tagging.set_current(made)
    w.tagging.set_status(ClaimStatus.CONFLICTING)  # the reviewer's key press, on stale words
    with Review.open(path, backup=False) as other:
        kept = other.claim(made)
    assert (kept.status, kept.note) == (ClaimStatus.UNSOURCED, "CLI")  # nothing overwritten
    assert w.tagging.book.claims[made].status is ClaimStatus.UNSOURCED  # theirs is shown
    assert "changed claim" in w.statusBar().currentMessage()
    # now that the window shows their edit, the reviewer's next verdict is saved
    w.tagging.set_status(ClaimStatus.CONFLICTING)
    with Review.open(path, backup=False) as other:
        assert other.claim(made).status is ClaimStatus.CONFLICTING
    w.close()


def test_an_undo_over_a_newer_terminal_edit_is_refused_and_shows_theirs(qtbot, tmp_path):
    """Ctrl+Z on a verdict the command line has since changed again: the file keeps the newer
    edit, the window shows it and says so, and the stale step leaves the undo stack (the
    refusal used to escape from QUndoCommand.undo as an uncaught exception)."""
    path = tmp_path / "r.factdesk"
    build_review(Review.open(path, create=True)).close()
    made = _claim(path)
    w = file_window(qtbot, path, build=False)
    w.tagging.set_current(made)
    w.tagging.set_status(ClaimStatus.CONFLICTING)  # the reviewer's verdict, saved
    w.file_watch.timer.stop()  # the terminal's edit lands before the window has looked
    with Review.open(path, backup=False) as other:
        claim_edits.set_status(other, made, ClaimStatus.UNSOURCED, reviewer="cli")
    w.undo_stack.undo()
    with Review.open(path, backup=False) as other:
        assert other.claim(made).status is ClaimStatus.UNSOURCED  # nothing overwritten
    assert w.tagging.book.claims[made].status is ClaimStatus.UNSOURCED  # theirs is shown
    assert "changed claim" in w.statusBar().currentMessage()
    assert not w.undo_stack.canRedo()  # the refused step is gone, not waiting to retry
    w.close()


def test_undo_after_a_realignment_shown_late_is_the_reviewers_own(qtbot, tmp_path):
    """QA3 #7: C, a verdict, a "Same fact?" answer (which re-aligns in the background), then
    Ctrl+Z three times. A re-alignment's snapshot is read on the worker; when the reviewer's
    own undo commits before it is shown, the window was handed the claim's earlier version and
    the last Ctrl+Z was refused as "alice changed claim k1 … yours was not saved" — alice being
    the window's own reviewer. Now the window shows what the file holds and the undo works."""
    from factdesk.ui import jobs

    path = tmp_path / "r.factdesk"
    w = file_window(qtbot, path)
    pane = w.view.area.pane_for("a").view
    p = passage_of(w.review, "g1", "a")
    pane.setFocus()
    pane.setTextCursor(pane.cursor_for(p.start, p.end))
    claim = w.tagging.new_claim_from_selection()  # C
    assert claim is not None
    w.tagging.set_status(ClaimStatus.CONFLICTING)  # 2
    late = jobs.reload(w.review)  # the snapshot a re-alignment reads when it is done …
    w.undo_stack.undo()  # … and the reviewer's Ctrl+Z of the verdict, committed meanwhile
    w._job_done(late)  # the re-alignment is shown now
    assert w.tagging.book.claims[claim.id].status is ClaimStatus.UNREVIEWED  # as in the file
    w.undo_stack.undo()  # Ctrl+Z of the new claim
    with Review.open(path, backup=False) as other:
        assert not other.has_claim(claim.id)  # undone in the file
    assert claim.id not in w.tagging.book.claims and w.claims_model.rowCount() == 0
    assert "changed claim" not in w.statusBar().currentMessage()
    assert w.tagging.refused_box is None or not w.tagging.refused_box.isVisible()
    w.close()
