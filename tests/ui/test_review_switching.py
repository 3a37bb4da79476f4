"""Switching reviews and closing the window never misplace or lose the reviewer's work."""

from __future__ import annotations

from pathlib import Path

from factdesk.core import claim_edits
from factdesk.core.demo import build_demo_review
from factdesk.core.store import Review
from factdesk.ui.mainwindow import MainWindow


def demo_with_claim(path: Path) -> str:
    """The demo plus one claim without a note; its id is the same in every such review."""
    build_demo_review(path)
    with Review.open(path, backup=False) as review:
        article = review.articles()[0]
        return claim_edits.create_claim(review, article.id, 0, 20, reviewer="t").id


def test_a_note_typed_before_opening_another_review_stays_with_its_claim(qtbot, tmp_path):
    a, b = tmp_path / "A.factdesk", tmp_path / "B.factdesk"
    cid = demo_with_claim(a)
    assert demo_with_claim(b) == cid
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.review_shown, timeout=20000):
        w.open_path(str(a))
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    w.tagging.set_current(cid)
    inspector = w.docks.claims_panel.inspector
    inspector.note.setPlainText("note typed for A")  # the idle save has not fired yet
    with qtbot.waitSignal(w.review_shown, timeout=20000):
        w.open_path(str(b))
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    w.runner.wait()
    w.close()
    with Review.open(a, backup=False) as review:
        assert review.claim(cid).note == "note typed for A"
    with Review.open(b, backup=False) as review:
        assert review.claim(cid).note == ""


def test_a_review_opened_after_the_window_closed_is_let_go(qtbot, tmp_path):
    a = tmp_path / "A.factdesk"
    demo_with_claim(a)
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.open_path(str(a))
    w.close()  # before the open job reports back
    qtbot.wait(300)
    assert w.review is None
    with Review.open(a, backup=False) as review:  # nothing holds the file for writing
        review.set_meta("title", "still writable")
