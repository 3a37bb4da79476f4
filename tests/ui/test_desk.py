"""The window on a desk's shared review (a real PostgreSQL server, tests/pgserver.py): it shows
the review as it would a file, shows another reviewer's edit within two seconds, and when two
reviewers change one claim the second is told and sees the first one's edit — never a silent
overwrite."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from factdesk.core import claim_edits
from factdesk.core.demo import build_demo_review
from factdesk.core.model import ClaimStatus
from factdesk.core.store import Review
from factdesk.core.store.transfer import push
from factdesk.ui.mainwindow import MainWindow
from factdesk.ui.models.claims import STATUS


@pytest.fixture
def shared(tmp_path: Path, server_url: str) -> str:
    path = tmp_path / "demo.factdesk"
    build_demo_review(path)
    with Review.open(path, backup=False) as review:
        push(review, server_url, reviewer="ed")
    return server_url


def _open(qtbot, url: str) -> MainWindow:  # noqa: ANN001 - pytest-qt's fixture
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    with qtbot.waitSignal(w.review_shown, timeout=20000):
        w.open_path(url)
    qtbot.waitUntil(w.settled, timeout=20000)  # panes are made and filled in later turns
    return w


def test_the_window_shows_a_server_review_and_another_reviewers_edit_within_two_seconds(
        qtbot, shared: str) -> None:
    w = _open(qtbot, shared)
    try:
        assert w.review is not None and w.review.is_server
        assert w.windowTitle().startswith(w.snapshot.title)
        assert len(w.view.area.panes) == len(w.snapshot.articles) == 4
        assert "shared:" in w.counts_label.text()
        claims = w.tagging.book.claims
        target = next(c for c in claims.values() if c.status is not ClaimStatus.CONFIRMED)
        with Review.open(shared) as other:
            started = time.monotonic()
            claim_edits.set_verdict(other, target.id, "confirmed", "rang the police",
                                    reviewer="ann")
        qtbot.waitUntil(lambda: w.tagging.book.claims[target.id].status
                        is ClaimStatus.CONFIRMED, timeout=2000)
        assert time.monotonic() - started < 2.0
        model = w.claims_model
        row = model.index(model.ids().index(target.id), STATUS)
        assert "confirmed" in str(row.data(Qt.ItemDataRole.ToolTipRole))  # the table's row
        assert w.tagging.book.claims[target.id].note == "rang the police"
        assert "ann changed 1 claim" in w.statusBar().currentMessage()
        assert w.saved_at is None  # nothing of ours was saved
        # a change to the alignment: the window reloads the review in the background
        member = w.snapshot.groups[0].members[0].passage_id
        assert not w.snapshot.stale
        with Review.open(shared) as other:
            other.add_group_edit("remove", [member])
        qtbot.waitUntil(lambda: w.snapshot.stale, timeout=3000)
        assert "alignment out of date" in w.counts_label.text()
    finally:
        w.close()


def test_a_refused_edit_in_the_window_says_who_changed_the_claim_and_shows_their_edit(
        qtbot, shared: str) -> None:
    w = _open(qtbot, shared)
    try:
        watch = w._watch
        assert watch is not None
        watch.stop()  # the window has not heard of ann's edit yet when its reviewer acts
        watch.join(2)
        target = next(c for c in w.tagging.book.claims.values()
                      if c.status is not ClaimStatus.UNSOURCED)
        with Review.open(shared) as other:
            claim_edits.set_status(other, target.id, "unsourced", reviewer="ann")
        w.tagging.set_current(target.id)
        w.tagging.set_status(ClaimStatus.CONFLICTING)
        message = w.statusBar().currentMessage()
        assert f"ann changed claim {target.id}" in message and "not saved" in message
        box = w.tagging.refused_box
        assert box is not None and box.isVisible()
        assert f"ann changed claim {target.id}" in box.text() and "Their edit is shown" in (
            box.text())
        box.accept()
        assert w.tagging.book.claims[target.id].status is ClaimStatus.UNSOURCED  # theirs shown
        assert w.undo_stack.count() == 0  # nothing to undo: nothing was saved
        with Review.open(shared) as again:
            assert again.claim(target.id).status is ClaimStatus.UNSOURCED
        w.tagging.set_status(ClaimStatus.CONFLICTING)  # now it has been seen: it goes through
        with Review.open(shared) as again:
            assert again.claim(target.id).status is ClaimStatus.CONFLICTING
    finally:
        w.close()


def test_a_shared_review_is_in_file_recent_unless_its_url_holds_a_password(
        qtbot, shared: str) -> None:
    from factdesk.ui import settings
    from factdesk.ui.mainwindow import _no_password

    w = MainWindow(remember=True)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.review_shown, timeout=20000):
        w.open_path(shared)
    try:
        assert settings.RECENT.get()[0] == shared
        assert shared in [a.text() for a in w.actions_.recent_menu.actions()]
    finally:
        w.close()
    assert not _no_password("postgresql://ann:secret@db.desk/factdesk?review=story")
    assert not _no_password("postgresql://db.desk/factdesk?review=story&password=secret")
    assert _no_password("postgresql://ann@db.desk/factdesk?review=story")


def test_a_note_being_typed_is_kept_when_another_reviewer_changes_it_and_they_are_told(
        qtbot, shared: str) -> None:
    w = _open(qtbot, shared)
    try:
        target = next(iter(w.tagging.book.claims.values()))
        w.tagging.set_current(target.id)
        inspector = w.docks.claims_panel.inspector
        w.activateWindow()
        inspector.note.setFocus()
        qtbot.waitUntil(inspector.note.hasFocus, timeout=2000)
        inspector.note.setPlainText("my reasoning, half typed")
        with Review.open(shared) as other:
            claim_edits.set_note(other, target.id, "ann's reasoning", reviewer="ann")
        qtbot.waitUntil(lambda: w.tagging.refused_box is not None
                        and w.tagging.refused_box.isVisible(), timeout=2000)
        box = w.tagging.refused_box
        assert f"ann changed the note of claim {target.id}" in box.text()
        assert inspector.note.toPlainText() == "my reasoning, half typed"  # kept
        box.accept()
        inspector.flush_note()  # the reviewer stops typing: theirs is replaced, knowingly
        with Review.open(shared) as again:
            assert again.claim(target.id).note == "my reasoning, half typed"
            notes = [h.new for h in again.history(target.id) if h.field == "note"]
            assert notes[-2:] == ["ann's reasoning", "my reasoning, half typed"]
    finally:
        w.close()


def test_after_a_server_restart_the_window_hears_the_desk_again(
        qtbot, shared: str, pg_cluster) -> None:  # noqa: ANN001
    w = _open(qtbot, shared)
    try:
        target = next(c for c in w.tagging.book.claims.values()
                      if c.status is not ClaimStatus.UNSOURCED)
        pg_cluster.restart()
        qtbot.waitUntil(lambda: "cannot be reached" in w.statusBar().currentMessage(),
                        timeout=5000)
        with Review.open(shared) as other:
            claim_edits.set_note(other, target.id, "after the outage", reviewer="ann")
        # the listener connects again (every 2 s) and the window reloads what it missed
        qtbot.waitUntil(lambda: w.tagging.book.claims[target.id].note == "after the outage",
                        timeout=8000)
        w.tagging.set_current(target.id)
        w.tagging.set_status(ClaimStatus.UNSOURCED)  # the window's own connection is back too
        with Review.open(shared) as again:
            assert again.claim(target.id).status is ClaimStatus.UNSOURCED
    finally:
        w.close()
