"""A desk's merged review in the window: the Disagreements filter, each reviewer's decision in
the inspector, an editor settling a claim (undoably), and File › Merge reviews."""

from __future__ import annotations

import shutil
from pathlib import Path

from handmade import build_review, file_window, passage_of
from PySide6.QtCore import Qt

from factdesk.core import claim_edits
from factdesk.core.identity import parse_reviewer
from factdesk.core.merging import merge_files
from factdesk.core.model import ClaimStatus
from factdesk.core.store import Review

ANA = "Ana Ruiz <ana@desk.example>"
BEN = "Ben Okafor <ben@desk.example>"


def tag(review: Review, aid: str, group: str, words: str, status: str, who: str,
        note: str = "") -> str:
    p = passage_of(review, group, aid)
    start = p.start + p.text.index(words)
    return claim_edits.create_claim(review, aid, start, start + len(words), reviewer=who,
                                    status=status, note=note).id


def two_reviewers(tmp_path: Path) -> tuple[Path, Path]:
    """Ana and Ben checked the hand-made story apart; they disagree on the quote."""
    a, b = tmp_path / "ana.factdesk", tmp_path / "ben.factdesk"
    build_review(Review.open(a, create=True)).close()
    shutil.copy(a, b)
    with Review.open(a) as review:
        tag(review, "a", "g1", '"reasonably good meeting"', "conflicting", ANA,
            "Outlet B quotes 'very good'")
        tag(review, "a", "g2", "five hours", "confirmed", ANA)
    with Review.open(b) as review:
        tag(review, "a", "g1", '"reasonably good meeting"', "confirmed", BEN,
            "Outlet C has the same words")
        tag(review, "a", "g2", "five hours", "confirmed", BEN)
        tag(review, "b", "g3", "28-point", "unsourced", BEN)
    return a, b


def test_disagreements_filter_and_an_editor_settling(qtbot, tmp_path) -> None:
    a, b = two_reviewers(tmp_path)
    out = tmp_path / "desk.factdesk"
    merge_files(out, [a, b])
    w = file_window(qtbot, out, build=False)
    panel = w.docks.claims_panel
    assert panel.proxy.rowCount() == 3
    assert not panel.disagree_button.isHidden() and "Disagreements 1" in panel.disagree_button.text()
    assert "agreement κ 0.00" in panel.disagree_button.text()  # one agreed, one not: chance
    panel.disagree_button.click()
    assert panel.proxy.rowCount() == 1
    (quote,) = [panel.proxy.index(0, 2).data()]
    assert quote.startswith("≠ ") and "reasonably good meeting" in quote
    claim_id = panel.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole)
    w.tagging.set_current(claim_id)
    inspector = panel.inspector
    assert not inspector.decisions.isHidden()
    shown = inspector.decisions.text()
    assert "Reviewers disagree" in shown and "Ana Ruiz" in shown and "Ben Okafor" in shown
    assert w.tagging.current_claim().status is ClaimStatus.UNREVIEWED

    # a reviewer cannot settle: S says so and changes nothing
    w.tagging.reviewer_name = "Dee"
    w.actions_.settle.trigger()
    assert "Only an editor" in w.statusBar().currentMessage()
    assert not w.tagging.current_claim().settled

    # an editor settles it, with why; the filter empties; undo brings the disagreement back
    w.tagging.identity = parse_reviewer("Cleo Marsh <cleo@desk.example>", "editor")
    w.actions_.settle.trigger()
    dialog = w.tagging.settle_dialog
    assert not dialog.ok.isEnabled()  # no settlement without a reason
    dialog.status.setCurrentIndex(dialog.status.findData(ClaimStatus.CONFLICTING))
    dialog.why.setText("The Kremlin transcript says 'very good'")
    dialog.accept()
    with Review.open(out, backup=False) as review:
        settled = review.claim(claim_id)
        assert (settled.status, settled.settled_by) == (ClaimStatus.CONFLICTING,
                                                         "Cleo Marsh <cleo@desk.example>")
        assert settled.settled_why == "The Kremlin transcript says 'very good'"
    assert panel.proxy.rowCount() == 0  # settled: no longer waiting for an editor
    w.undo_stack.undo()
    assert panel.proxy.rowCount() == 1
    with Review.open(out, backup=False) as review:
        assert not review.claim(claim_id).settled
    w.undo_stack.redo()
    w.tagging.set_current(claim_id)
    assert "Settled conflicting" in inspector.decisions.text()
    assert "The Kremlin transcript" in inspector.decisions.text()
    w.close()


def test_merge_reviews_from_the_file_menu(qtbot, tmp_path) -> None:
    a, b = two_reviewers(tmp_path)
    mine = tmp_path / "mine.factdesk"
    shutil.copy(a, mine)
    w = file_window(qtbot, mine, build=False)
    assert w.docks.claims_panel.disagree_button.isHidden()  # one reviewer: no such filter
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.merge_reviews([str(b)])
    assert "Merged: 2 claims matched · 1 claims added" in w.statusBar().currentMessage()
    panel = w.docks.claims_panel
    assert panel.disagree_button.isChecked() and panel.proxy.rowCount() == 1
    with Review.open(b, backup=False) as theirs:  # the other reviewer's file is only read
        assert {d.reviewer for d in theirs.decisions()} == {BEN}
    with Review.open(mine, backup=False) as review:
        assert {d.reviewer for d in review.decisions()} == {ANA, BEN}
    w.close()


def test_the_first_start_asks_who_is_reviewing_once(qtbot, tmp_path, monkeypatch) -> None:
    from factdesk.core.identity import REVIEWER_ENV, load_reviewer
    from factdesk.ui.mainwindow import MainWindow

    monkeypatch.delenv(REVIEWER_ENV, raising=False)
    w = MainWindow(remember=True)
    qtbot.addWidget(w)
    w.show()
    w.ask_identity_once()
    dialog = w.preferences_dialog
    assert dialog.windowTitle() == "Who is reviewing?"
    dialog.name_edit.setText("Ana Ruiz")
    dialog.email_edit.setText("ana@desk.example")
    dialog.role.setCurrentIndex(dialog.role.findData("editor"))
    dialog.accept()
    assert w.tagging.reviewer == ANA and w.tagging.identity.is_editor
    saved = load_reviewer()  # kept for the next start and for the terminal
    assert saved is not None and (saved.signature, saved.role) == (ANA, "editor")
    w.preferences_dialog = None
    w.ask_identity_once()  # asked once: set now, never again
    assert w.preferences_dialog is None
    w.close()
