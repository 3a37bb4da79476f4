"""The screenshot command, and the whole pipeline on the seed corpus (five outlets, one story)."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import build_review
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from factdesk.core.store import Review
from factdesk.ui.app import SCREENSHOT_SIZE, run_gui
from factdesk.ui.mainwindow import MainWindow

SEEDS = Path(__file__).resolve().parents[2].parent / "shared/corpus/seeds"


def test_screenshot_of_a_review_file(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    build_review(Review.open(path, create=True)).close()
    out = tmp_path / "shot.png"
    assert run_gui(inputs=[str(path)], screenshot=str(out), theme="light") == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (SCREENSHOT_SIZE.width(), SCREENSHOT_SIZE.height())
    # not a blank window: the highlighted passages make many distinct colours
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 50


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")
def test_seed_corpus_follow_a_fact(qtbot, tmp_path):
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.new_review(str(tmp_path / "seeds.factdesk"), files)
    qtbot.waitUntil(w.settled, timeout=20000)  # panes are made and filled in later turns
    snap = w.snapshot
    assert len(snap.articles) == len(files) and snap.groups
    # every highlight covers exactly its passage text
    for pane in w.view.area.panes:
        for pid in pane.view.order:
            p = snap.passage_by_id[pid]
            assert pane.view.cursor_for(p.start, p.end).selectedText().replace(
                "\u2029", "\n") == p.text
    # click a passage of a group with several members in the first pane
    first = w.view.area.panes[0]
    group = next(g for g in snap.groups if snap.members_in(g.id, first.article_id)
                 and len(g.members) >= 3)
    anchor = snap.members_in(group.id, first.article_id)[0]
    first.view.scroll_passage_to(anchor.id, 150)
    rect = first.view.cursorRect(first.view.cursor_for(anchor.start + 2, anchor.start + 2))
    qtbot.mouseClick(first.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x(), rect.center().y()))
    assert w.view.selection.group_id == group.id
    top = first.view.viewport_span_y(anchor.id)[0]
    for pane in w.view.area.panes[1:]:
        members = snap.members_in(group.id, pane.article_id)
        if not members:
            continue
        assert pane.view.current_passage == members[0].id
        t, b = pane.view.viewport_span_y(members[0].id)
        assert b > 0 and t < pane.view.viewport().height()  # scrolled into view
        bar = pane.view.verticalScrollBar()
        if 0 < bar.value() < bar.maximum():  # not held back by the start or end of the text
            assert abs(t - top) <= 4
    w.close()


def test_first_start_builds_the_demo_in_app_data(qtbot, tmp_path):
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.open_demo()
    qtbot.waitUntil(w.settled, timeout=20000)  # panes are made and filled in later turns
    assert (tmp_path / "appdata" / "demo.factdesk").is_file()
    assert len(w.view.area.panes) >= 3 and w.snapshot.groups
    w.view.step_group(1)
    assert w.docks.details.wordings  # counterparts and differences show
    w.close()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")
def test_cancel_real_import_leaves_file_consistent(qtbot, tmp_path):
    from factdesk.core.progress import Cancelled

    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    path = tmp_path / "cancelled.factdesk"
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    with qtbot.waitSignal(w.task_failed, timeout=30000) as failed:
        w.new_review(str(path), files)
        qtbot.wait(300)  # the child process is starting or importing
        w.cancel_task()
    assert isinstance(failed.args[0], Cancelled)
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=10000)
    with Review.open(path) as review:
        assert review.integrity_ok()
        assert review.counts()["articles"] <= len(files)
    w.close()
