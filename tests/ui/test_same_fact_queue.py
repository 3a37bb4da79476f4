"""The "Same fact?" queue in the window: Q opens it on the pair the alignment is least sure of,
Y / N answer (saved at once, re-aligned in the background, the groups change), S skips, Ctrl+Z
takes an answer back."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import file_window
from PySide6.QtCore import Qt

from factdesk.core.importing import import_files
from factdesk.core.store import Review
from factdesk.ui.mainwindow import MainWindow

WAIT_MS = 30000


@pytest.fixture
def seed_window(qtbot, tmp_path: Path, seed_files: list[Path]):
    path = tmp_path / "seeds.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, seed_files)
    w = file_window(qtbot, path, build=False)
    yield w
    w.runner.wait()


def together(w: MainWindow, a: str, b: str) -> bool:
    return any(a in g.passage_ids and b in g.passage_ids for g in w.snapshot.groups)


def open_queue(qtbot, w: MainWindow) -> None:
    pane = w.view.area.panes[0].view
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Q)
    qtbot.waitUntil(w.queue.hasFocus, timeout=2000)


def test_q_y_n_s_answer_the_queue_and_the_groups_follow(qtbot, seed_window) -> None:
    w = seed_window
    asked = [(a, b) for a, b, _p in w.snapshot.questions]
    assert len(asked) >= 5
    open_queue(qtbot, w)
    assert w.docks.tabs.currentWidget() is w.queue
    assert w.queue.current == asked[0]
    # the panes show the pair, and the tab both outlets' wording
    assert w.view.selection.passage_id == asked[0][0]
    text = w.queue.text.toPlainText()
    for pid in asked[0]:
        passage = w.snapshot.passage_by_id[pid]
        assert passage.text[:40] in text and w.snapshot.label(passage.article_id) in text
    assert f"{len(asked)} questions left" in w.queue.count.text()

    # S: skipped, asked again after the others, nothing stored
    qtbot.keyClick(w.queue, Qt.Key.Key_S)
    assert w.queue.current == asked[1] and w.queue.remaining()[-1] == asked[0]
    assert w.review.pair_answers() == []

    # Y on a pair the alignment keeps apart: saved at once, aligned in the background
    a, b = next(q for q in w.queue.remaining() if not together(w, *q))
    w.queue.first = (a, b)  # ask it now (as undo does)
    w.queue.show_next()
    groups_before = w.snapshot.groups
    qtbot.keyClick(w.queue, Qt.Key.Key_Y)
    [answer] = w.review.pair_answers()
    assert (answer.passage_a, answer.passage_b, answer.same) == (min(a, b), max(a, b), True)
    # the refit and re-alignment did not run on the GUI thread: the key returned first
    assert w.runner.busy and w.snapshot.groups is groups_before
    assert w.queue.current not in ((a, b), None)  # the next question at once
    qtbot.waitUntil(lambda: not w.runner.busy and together(w, a, b), timeout=WAIT_MS)
    assert (a, b) not in w.queue.remaining()

    # N in the queue answers; it does not go to the next conflict as it does elsewhere
    c, d = w.queue.current
    qtbot.keyClick(w.queue, Qt.Key.Key_N)
    assert w.view.selection.conflict_id is None
    assert w.review.pair_answer(c, d) is not None and not w.review.pair_answer(c, d).same
    qtbot.waitUntil(lambda: not w.runner.busy and not w.snapshot.stale, timeout=WAIT_MS)
    assert not together(w, c, d) and together(w, a, b)  # both decisions stand

    # Ctrl+Z takes the last answer back and asks it again
    qtbot.keyClick(w.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.review.pair_answer(c, d) is None
    assert w.queue.current == (c, d)
    qtbot.waitUntil(lambda: not w.runner.busy and not w.snapshot.stale, timeout=WAIT_MS)
    qtbot.keyClick(w.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.runner.busy and not w.snapshot.stale, timeout=WAIT_MS)
    assert w.review.pair_answers() == []
    assert not together(w, a, b)  # back as the alignment had it: apart


def test_a_review_aligned_before_the_queue_existed_asks_for_a_realignment(qtbot, window) -> None:
    """Groups stored without questions (an older factdesk aligned it): the queue says how to
    get questions rather than "none left", and has them after Ctrl+R."""
    w = window
    assert w.snapshot.groups and not w.snapshot.questions_stored
    w.open_queue()
    assert "No questions yet" in w.queue.count.text()
    assert "Ctrl+R" in w.queue.text.toPlainText()
    assert not w.queue.yes.isEnabled()
    w.realign()
    qtbot.waitUntil(lambda: not w.runner.busy and w.snapshot.questions_stored, timeout=WAIT_MS)
    assert "No questions yet" not in w.queue.count.text()


def test_no_question_about_a_hidden_article(qtbot, seed_window) -> None:
    w = seed_window
    a, _b = w.queue.remaining()[0]
    hidden = w.snapshot.passage_by_id[a].article_id
    assert w._edit_article(hidden, "hidden", True)  # unticked in the Articles list
    assert hidden in w.snapshot.hidden
    left = w.queue.remaining()
    assert left and all(w.snapshot.passage_by_id[pid].article_id != hidden
                        for pair in left for pid in pair)
