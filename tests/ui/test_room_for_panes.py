"""Five to seven outlets side by side at 1920×1080: the side docks collapse to strips when the
panes need the room, a pane narrows to its overview strip, and *compare two* shows two wide."""

from __future__ import annotations

import pytest

from factdesk.core.model import Article
from factdesk.core.store import Review
from factdesk.ui.dockstrip import STRIP_WIDTH, plan_docks
from factdesk.ui.mainwindow import MainWindow
from factdesk.ui.panes.pane import READABLE_CHARS
from factdesk.ui.panes.pane import STRIP_WIDTH as PANE_STRIP
from factdesk.ui.presenter import load_snapshot

SENTENCE = ("Officials said on Wednesday that the talks in Moscow had ended without a "
            "breakthrough, though both sides called them useful. ")


def _review(tmp_path, outlets: int) -> Review:
    review = Review.open(tmp_path / "wide.factdesk", create=True)
    for n in range(outlets):
        text = SENTENCE * 30
        review.add_article(Article(
            id=f"art{n:02d}", path=f"/tmp/{n}.txt", title=f"Story {n}", outlet=f"Outlet {n}",
            published="2025-12-04", sha256=f"{n:064d}", text=text), [])
    return review


def _window(qtbot, tmp_path, outlets: int, width: int = 1920, height: int = 1080) -> MainWindow:
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.resize(width, height)
    w.show()
    qtbot.waitExposed(w)
    review = _review(tmp_path, outlets)
    w.set_review(review, load_snapshot(review))
    qtbot.wait(50)
    return w


def test_plan_collapses_the_fewest_docks() -> None:
    docks = [("articles", 250), ("claims", 370)]
    assert plan_docks(1920, 1000, docks) == set()
    assert plan_docks(1920, 1500, docks) == {"articles"}
    assert plan_docks(1920, 1800, docks) == {"articles", "claims"}
    assert plan_docks(1920, 5000, docks) == {"articles", "claims"}  # then the panes scroll
    assert 1920 - 2 * STRIP_WIDTH > 1800


@pytest.mark.parametrize("outlets", [4, 5])
def test_outlets_read_at_45_characters_a_line_at_1920(qtbot, tmp_path, outlets) -> None:
    w = _window(qtbot, tmp_path, outlets)
    panes = w.view.area.visible_panes()
    assert len(panes) == outlets
    for pane in panes:
        assert pane.visibleRegion().boundingRect().width() == pane.width()  # none cut off
        assert pane.chars_per_line() >= READABLE_CHARS - 1, pane.chars_per_line()
    # the docks gave way, each to a strip at the window's edge, reachable with one click
    assert w.docks.articles.isHidden()
    bar, _action = w.strips._shown_by[w.docks.articles]
    assert bar.isVisible()
    w.strips.buttons[w.docks.articles].click()
    assert not w.docks.articles.isHidden()
    if outlets == 4:  # four outlets leave room for the claims beside them
        assert not w.docks.claims.isHidden()


def test_a_wide_window_keeps_every_dock(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path, 2, width=1600, height=900)
    assert not w.docks.articles.isHidden() and not w.docks.claims.isHidden()
    assert all(not bar.isVisible() for bar in w.strips.bars.values())


def test_narrow_a_pane_to_its_strip_and_back(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path, 6)
    area = w.view.area
    first = area.panes[0]
    before = area.panes[1].width()
    first.narrow_button.click()
    qtbot.waitUntil(lambda: first.narrow and first.width() == PANE_STRIP)
    assert not first.view.isVisible() and first.overview.isVisible()
    assert area.panes[1].width() > before  # the room went to the others
    first.narrow_button.click()
    qtbot.wait(50)
    assert not first.narrow and first.view.isVisible()


def test_compare_two_shows_two_outlets_wide(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path, 7)
    area = w.view.area
    w.view.compare_two("art02", "art05")
    qtbot.waitUntil(lambda: all(p.width() == PANE_STRIP for p in area.panes if p.narrow))
    qtbot.waitUntil(lambda: all(p.chars_per_line() > 90 for p in area.panes if not p.narrow))
    wide = [p for p in area.panes if not p.narrow]
    assert [p.article_id for p in wide] == ["art02", "art05"]
    assert all(p.chars_per_line() > 90 for p in wide)
    assert all(p.width() == PANE_STRIP for p in area.panes if p.narrow)
    # the bands run from the first compared outlet to the second, across the strips
    splitter = area.splitter
    left, right = splitter.neighbours(splitter.handle(5))
    assert (left.article_id, right.article_id) == ("art02", "art05")
    assert splitter.neighbours(splitter.handle(3)) == (None, None)  # before a strip: none
    qtbot.waitUntil(w.actions_.compare.isChecked)  # View › Compare two is ticked meanwhile
    # the action again shows them all
    w.actions_.compare.trigger()
    qtbot.waitUntil(lambda: not any(p.narrow for p in area.panes))
    assert not w.actions_.compare.isChecked()
