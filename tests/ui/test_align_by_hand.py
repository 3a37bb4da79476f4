"""Correcting the alignment in the window: L puts a passage into a group (likely ones first),
Shift+L takes it out; both are stored at once, survive re-alignment, and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from factdesk.core.importer import import_files
from factdesk.core.store import Review
from factdesk.ui import jobs
from factdesk.ui.mainwindow import MainWindow
from factdesk.ui.presenter import load_snapshot
from factdesk.ui.regroup_dialog import AlignWithDialog

WAIT_MS = 20000


@pytest.fixture
def seed_window(qtbot, tmp_path: Path, seed_files: list[Path]):
    path = tmp_path / "seeds.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, seed_files)
    review = Review.open(path)
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.resize(1500, 900)
    w.show()
    qtbot.waitExposed(w)
    w.set_review(review, load_snapshot(review))
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)  # window shortcuts need an active window
    yield w
    w.runner.wait()


def passage(w: MainWindow, start: str) -> str:
    return next(p.id for p in w.snapshot.passage_by_id.values() if p.text.startswith(start))


def together(w: MainWindow, a: str, b: str) -> bool:
    return any(a in g.passage_ids and b in g.passage_ids for g in w.snapshot.groups)


def press(qtbot, w: MainWindow, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = w.view.area.panes[0].view
    view.setFocus()
    qtbot.keyClick(view, key, modifier)


def open_dialog(qtbot, w: MainWindow) -> AlignWithDialog:
    press(qtbot, w, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: getattr(w, "align_dialog", None) is not None
                    and w.align_dialog.isVisible(), timeout=WAIT_MS)
    return w.align_dialog


def test_l_offers_likely_groups_and_the_choice_survives_realignment_and_undo(qtbot, seed_window):
    w = seed_window
    private = passage(w, "Ushakov stressed that the discussions would remain private")
    secret = next(p.id for p in w.snapshot.passage_by_id.values()
                  if "sworn to secrecy" in p.text)
    assert not together(w, private, secret)
    w.view.select_passage(private)
    assert "Press L" in w.docks.details.summary.text()  # the hint where it is needed
    dialog = open_dialog(qtbot, w)
    rows = [dialog.list.item(r) for r in range(dialog.list.count())]
    first = [r.text() for r in rows[:10]]
    # a likely place, near the top, though the two share almost no words
    assert any("Although both sides in the negotiations" in t for t in first), first
    # typing filters; Down in the filter moves through what is left; Enter chooses
    qtbot.keyClicks(dialog.filter, "secrecy")
    shown = [r for r in rows if not r.isHidden()]
    assert len(shown) == 1 and "Although both sides" in shown[0].text()
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: together(w, private, secret) and not w.runner.busy,
                    timeout=WAIT_MS)
    # stored at once, with the analysis brought up to date, and the passage still selected
    assert [e.op for e in w.review.group_edits()] == ["join"]
    assert not w.review.analysis_stale
    assert w.view.selection.passage_id == private
    assert w.view.selection.group_id == w.snapshot.group_of[private]
    assert "corrected by hand" in w.docks.details.summary.text()
    assert w.undo_stack.undoText().startswith("Align passage with")
    # a full re-alignment (Ctrl+R) replays the edit
    w.realign()
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=WAIT_MS)
    assert together(w, private, secret)
    # undo removes the edit from the file and the group from the panes
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: not together(w, private, secret) and not w.runner.busy,
                    timeout=WAIT_MS)
    assert w.review.group_edits() == []
    w.undo_stack.redo()
    qtbot.waitUntil(lambda: together(w, private, secret) and not w.runner.busy,
                    timeout=WAIT_MS)


def test_shift_l_takes_a_passage_out_of_its_group(qtbot, seed_window):
    w = seed_window
    # a sentence the alignment filed under the wrong fact
    wrong = passage(w, "The path ahead for Ukraine peace talks is unclear")
    before = w.snapshot.groups_of_passage[wrong]
    assert before
    w.view.select_passage(wrong)
    press(qtbot, w, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: wrong not in w.snapshot.groups_of_passage and not w.runner.busy,
                    timeout=WAIT_MS)
    assert [e.op for e in w.review.group_edits()] == ["remove"]
    assert w.view.selection.passage_id == wrong and w.view.selection.group_id is None
    press(qtbot, w, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)  # nothing left to do
    assert "in no group" in w.statusBar().currentMessage()
    assert len(w.review.group_edits()) == 1


def test_ranking_a_large_review_goes_to_a_child_process(qtbot, seed_window, monkeypatch):
    w = seed_window
    monkeypatch.setattr(jobs, "RANK_IN_THREAD_MAX", 10)
    calls = []
    real = jobs.run_in_child

    def spy(kind, *args, **kwargs):
        calls.append(kind)
        return real(kind, *args, **kwargs)

    monkeypatch.setattr(jobs, "run_in_child", spy)
    w.view.select_passage(passage(w, "Ushakov stressed that the discussions would remain"))
    dialog = open_dialog(qtbot, w)
    assert calls == ["rank"]
    assert any("Although both sides" in dialog.list.item(r).text() for r in range(10))
    dialog.reject()
    assert w.review.group_edits() == []  # cancelling the dialog changes nothing
