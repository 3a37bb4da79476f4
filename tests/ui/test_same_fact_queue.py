"""The "Same fact?" queue in the window: Q opens it on the pair the alignment is least sure of,
Y / N answer (saved at once, re-aligned in the background, the groups change), S skips, Ctrl+Z
takes an answer back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from handmade import file_window
from PySide6.QtCore import Qt

from factdesk.core.importing import import_files
from factdesk.core.store import PairAnswer, Review
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


@pytest.fixture
def disputed_window(qtbot, tmp_path: Path, seed_files: list[Path]):
    """Two reviewers' copies of the seeds answered one pair differently; merged, then opened:
    the pair the alignment was least sure of, disputed."""
    from factdesk.core.merging import merge_files
    from factdesk.core.reanalysis import analyse

    base = tmp_path / "seeds.factdesk"
    with Review.open(base, create=True) as review:
        import_files(review, seed_files)
        analyse(review)
        # not the first question: the dispute is asked first whatever the order
        q = review.pair_questions()[3]
        pair = (q.passage_a, q.passage_b)
    files = []
    for name, same, at in (("ana", False, "2026-03-01T10:00:00+00:00"),
                           ("ben", True, "2026-03-01T11:30:00+00:00")):
        path = tmp_path / f"{name}.factdesk"
        shutil.copy(base, path)
        with Review.open(path) as review:
            review.restore_pair_answer(*pair, PairAnswer(1, *pair, same, at))
        files.append(path)
    desk = tmp_path / "desk.factdesk"
    merge_files(desk, files)
    w = file_window(qtbot, desk, build=False)
    yield w, pair
    w.runner.wait()


def test_a_merge_in_the_window_puts_its_disputed_pair_first(
        qtbot, tmp_path: Path, seed_files: list[Path]) -> None:
    """File › Merge reviews: a pair the other file answered the other way is asked next, and
    the queue's count says it is disputed."""
    from factdesk.core.reanalysis import analyse

    mine, theirs = tmp_path / "mine.factdesk", tmp_path / "theirs.factdesk"
    with Review.open(mine, create=True) as review:
        import_files(review, seed_files)
        analyse(review)
        q = review.pair_questions()[2]
        pair = (q.passage_a, q.passage_b)
    shutil.copy(mine, theirs)
    for path, same in ((mine, True), (theirs, False)):
        with Review.open(path) as review:
            review.restore_pair_answer(*pair, PairAnswer(1, *pair, same,
                                                         "2026-03-01T09:00:00+00:00"))
            analyse(review)
    w = file_window(qtbot, mine, build=False)
    open_queue(qtbot, w)
    assert w.queue.current != pair and "disputed" not in w.queue.count.text()
    w.merge_reviews([str(theirs)])
    qtbot.waitUntil(lambda: not w.runner.busy and pair in w.snapshot.disputes,
                    timeout=WAIT_MS)
    assert "queue (Q) asks the disputed pairs first" in w.statusBar().currentMessage()
    assert w.queue.current == pair
    assert "(1 disputed)" in w.queue.count.text()
    assert "theirs.factdesk said not the same" in w.queue.text.toPlainText()
    assert "mine.factdesk said same fact" in w.queue.text.toPlainText()


def test_a_disputed_pair_is_asked_first_with_both_sides_and_settled_with_y(
        qtbot, disputed_window) -> None:
    """#15 part 4: the window's queue did not show a pair two reviewers answered differently
    (only `factdesk questions` listed it). It is asked first, with who said what and when, and
    Y settles it in one undoable step; Ctrl+Z opens the dispute again."""
    w, pair = disputed_window
    assert list(w.review.open_pair_disputes()) == [pair]
    open_queue(qtbot, w)
    assert w.queue.current == pair
    assert "(1 disputed)" in w.queue.count.text()
    text = w.queue.text.toPlainText()
    assert "Disputed" in text
    assert "ana.factdesk said not the same (1 Mar 2026, 10:00 UTC)" in text
    assert "ben.factdesk said same fact (1 Mar 2026, 11:30 UTC)" in text
    for pid in pair:  # both outlets' wording, as for any question
        passage = w.snapshot.passage_by_id[pid]
        assert passage.text[:40] in text and w.snapshot.label(passage.article_id) in text

    qtbot.keyClick(w.queue, Qt.Key.Key_Y)
    assert w.review.open_pair_disputes() == {}  # settled, in one transaction
    assert w.review.pair_answer(*pair).same is True
    assert len(w.review.pair_disputes()) == 2  # both sides kept on record
    assert w.undo_stack.undoText() == "Settle disputed pair: same fact"
    assert w.queue.current != pair
    qtbot.waitUntil(lambda: not w.runner.busy and not w.snapshot.stale, timeout=WAIT_MS)
    assert together(w, *pair) and pair not in w.queue.remaining()
    assert "disputed" not in w.queue.count.text()

    # one undoable step: the dispute is open again and asked again, both sides shown
    qtbot.keyClick(w.queue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(w.review.open_pair_disputes()) == [pair]
    assert w.review.pair_answer(*pair) is None
    assert w.queue.current == pair
    qtbot.waitUntil(lambda: not w.runner.busy and not w.snapshot.stale, timeout=WAIT_MS)
    assert w.queue.current == pair and "(1 disputed)" in w.queue.count.text()
    assert "ben.factdesk said same fact" in w.queue.text.toPlainText()


def test_the_pair_being_read_stays_when_the_realignment_lands(qtbot, seed_window) -> None:
    """After an answer the next pair shows at once; the re-alignment a moment later used to put
    its own first question in its place under the reviewer's eyes (on the seeds, after each of
    the first answers). The pair stays while it is still to be asked."""
    w = seed_window
    open_queue(qtbot, w)
    kept = 0
    for key in (Qt.Key.Key_Y, Qt.Key.Key_N, Qt.Key.Key_Y):
        qtbot.keyClick(w.queue, key)
        reading = w.queue.current
        qtbot.waitUntil(lambda: not w.runner.busy and not w.snapshot.stale, timeout=WAIT_MS)
        if reading in w.queue.remaining():
            assert w.queue.current == reading
            kept += 1
    assert kept  # the case arose


def test_a_review_shown_goes_to_its_first_pair_unless_the_reviewer_moved_first(
        qtbot, seed_window) -> None:
    """Opening a review shows its first "Same fact?" pair in the panes, a turn after the
    review itself (that turn is the longest of opening); a J pressed before then wins."""
    from factdesk.ui.presenter import load_snapshot

    w = seed_window
    first = w.queue.current
    assert first is not None and w.view.selection.passage_id == first[0]

    def open_again() -> None:  # the file opened anew, as File › Open does
        review = Review.open(w.review.path)
        w.set_review(review, load_snapshot(review))

    w.view.select_group(w.snapshot.groups[-1].id)
    open_again()
    w.actions_.next_group.trigger()  # before the event loop turns
    moved_to = w.view.selection
    qtbot.waitUntil(w.settled, timeout=WAIT_MS)
    qtbot.wait(50)
    assert w.view.selection == moved_to and moved_to.group_id is not None
    open_again()  # nobody moves this time
    qtbot.waitUntil(lambda: w.view.selection.passage_id == first[0], timeout=WAIT_MS)
