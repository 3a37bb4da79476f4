"""Five to seven outlets side by side at 1920×1080: the side docks collapse to icon strips when
the panes need the room, six and seven outlets read in a condensed face (and beyond what fits,
panes go to their overview strips, swapped in with one click), a pane narrows to its overview
strip with a key, and *compare two* shows two wide."""

from __future__ import annotations

import pytest
from handmade import window_on
from PySide6.QtCore import Qt

from factdesk.core.model import Article, Dependence
from factdesk.core.store import Review
from factdesk.ui.dockstrip import STRIP_WIDTH, plan_docks
from factdesk.ui.mainwindow import MainWindow
from factdesk.ui.panes.pane import STRIP_WIDTH as PANE_STRIP
from factdesk.ui.room import ENOUGH_CHARS, READABLE_CHARS, Chrome, plan_room

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
    w = window_on(qtbot, _review(tmp_path, outlets), (width, height))
    qtbot.wait(50)
    return w


def test_plan_collapses_the_fewest_docks() -> None:
    docks = [("articles", 250), ("claims", 370)]
    assert plan_docks(1920, 1000, docks) == set()
    assert plan_docks(1920, 1500, docks) == {"articles"}
    assert plan_docks(1920, 1800, docks) == {"articles", "claims"}
    assert plan_docks(1920, 5000, docks) == {"articles", "claims"}  # then the panes scroll
    assert 1920 - 2 * STRIP_WIDTH > 1800


NORMAL, TIGHT = Chrome(72, 28, 22), Chrome(66, 14, 22)
DOCKS = [("articles", 250), ("claims", 370)]


def test_plan_gives_way_in_steps() -> None:
    """Docks first, then the condensed face, then strips — each only when needed."""
    four = plan_room(1920, 4, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT)
    assert (four.collapse, four.tight, four.wide) == ({"articles"}, False, 4)
    five = plan_room(1920, 5, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT)
    assert (five.collapse, five.tight, five.wide) == ({"articles", "claims"}, False, 5)
    six = plan_room(1920, 6, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT)
    assert (six.tight, six.wide) == (True, 6) and six.chars >= ENOUGH_CHARS
    seven = plan_room(1920, 7, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT)
    assert (seven.tight, seven.wide) == (True, 6) and seven.chars >= ENOUGH_CHARS
    every = plan_room(1920, 7, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT, auto_narrow=False)
    assert (every.tight, every.wide) == (True, 7) and every.chars < ENOUGH_CHARS
    # a larger system font: fewer wide panes, never fewer than two
    big = plan_room(1920, 7, 0, DOCKS, 8.5, 7.6, NORMAL, TIGHT)
    assert 2 <= big.wide < 6 and big.chars >= ENOUGH_CHARS
    assert plan_room(700, 7, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT).wide == 2
    # the reader's own strips count as strips; nine to twelve outlets wait on strips
    # (QA2 #12); beyond MAX_FITTED the panes scroll sideways
    assert plan_room(1920, 5, 2, DOCKS, 6.2, 5.58, NORMAL, TIGHT).wide == 5
    for many in (9, 12):
        plan = plan_room(1920, many, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT)
        assert 2 <= plan.wide < many and plan.chars >= ENOUGH_CHARS, many
    assert plan_room(1920, 20, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT).wide == 20
    assert plan_room(800, 12, 0, DOCKS, 6.2, 5.58, NORMAL, TIGHT).wide == 2


def test_nine_outlets_fit_the_screen_with_the_rest_on_strips(qtbot, tmp_path) -> None:
    """Nine outlets at 1920×1080: no pane cut off by the window's edge, no sideways scroll
    bar, the panes that do not fit on their named strips (QA2 #12: a 40-pixel ninth pane)."""
    w = _window(qtbot, tmp_path, 9)
    qtbot.waitUntil(w.settled, timeout=10_000)
    panes = w.view.area.visible_panes()
    assert len(panes) == 9
    wide = [p for p in panes if not p.narrow]
    assert 2 <= len(wide) < 9
    for pane in wide:
        assert pane.visibleRegion().boundingRect().width() == pane.width()
        assert pane.chars_per_line() >= ENOUGH_CHARS, pane.chars_per_line()
    for pane in panes:
        if pane.narrow:
            assert pane.width() == PANE_STRIP and pane.strip_name.isVisible()
    assert not w.view.area.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("outlets", [4, 5, 6, 7])
def test_outlets_read_at_about_45_characters_a_line_at_1920(qtbot, tmp_path, outlets) -> None:
    w = _window(qtbot, tmp_path, outlets)
    panes = w.view.area.visible_panes()
    assert len(panes) == outlets
    wide = [p for p in panes if not p.narrow]
    # five outlets in the reader's own font at 45; six in the condensed face; seven: six wide
    # and the last on its strip, named there
    assert len(wide) == min(outlets, 6)
    assert w.view.area.tight == (outlets > 5)
    for pane in wide:
        assert pane.visibleRegion().boundingRect().width() == pane.width()  # none cut off
        least = READABLE_CHARS - 1 if outlets <= 5 else ENOUGH_CHARS
        assert pane.chars_per_line() >= least, pane.chars_per_line()
    if outlets == 7:
        strip = panes[-1]
        assert strip.narrow and strip.width() == PANE_STRIP
        assert strip.strip_name.isVisible() and "Outlet 6" in strip.strip_name.toolTip()
    # the docks gave way, each to a strip at the window's edge, reachable with one click
    assert w.docks.articles.isHidden()
    bar, _action = w.strips._shown_by[w.docks.articles]
    assert bar.isVisible()
    w.strips.buttons[w.docks.articles].click()
    assert not w.docks.articles.isHidden()
    if outlets == 4:  # four outlets leave room for the claims beside them
        assert not w.docks.claims.isHidden()


def test_the_docks_collapse_to_icons_with_names(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path, 5)
    for dock in (w.docks.articles, w.docks.claims):
        button = w.strips.buttons[dock]
        assert button.isVisible() and not button.icon().isNull()
        assert dock.windowTitle() in button.toolTip()
        assert button.accessibleName() == f"Show the {dock.windowTitle()} panel"
        assert button.width() <= STRIP_WIDTH


def test_seven_outlets_a_strip_swaps_in_and_every_outlet_can_be_wide(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path, 7)
    area = w.view.area
    last = area.panes[-1]
    assert last.narrow
    # a click on the strip's name (as on its ▸): read it; another pane makes the room
    qtbot.mouseClick(last.strip_name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not last.narrow)
    wide = [p for p in area.panes if not p.narrow]
    assert len(wide) == 6 and last in wide
    qtbot.waitUntil(lambda: all(p.chars_per_line() >= ENOUGH_CHARS for p in wide))
    assert sum(p.narrow for p in area.panes) == 1
    # View › Keep lines readable off: all seven wide, at shorter lines
    w.actions_.keep_readable.trigger()
    qtbot.waitUntil(lambda: not any(p.narrow for p in area.panes))
    assert all(p.chars_per_line() < ENOUGH_CHARS for p in area.panes)
    w.actions_.keep_readable.trigger()
    qtbot.waitUntil(lambda: sum(p.narrow for p in area.panes) == 1)
    assert not last.narrow  # the one the reader asked for stays wide


def test_a_wire_copy_goes_to_its_strip_before_the_last_outlet(qtbot, tmp_path) -> None:
    """Of seven outlets, the one that repeats another shown outlet's wire copy waits on its
    strip (it says what its source says), not the last in order."""
    review = _review(tmp_path, 7)
    review.replace_analysis([], dependences=[Dependence("art02", "art04", "shared text", 900)])
    w = window_on(qtbot, review, (1920, 1080))
    qtbot.wait(50)
    assert [p.article_id for p in w.view.area.panes if p.narrow] == ["art02"]


def test_keys_narrow_the_pane_being_read_and_widen_it(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path, 4)
    area = w.view.area
    second = area.panes[1]
    second.view.setFocus()
    qtbot.waitUntil(second.view.hasFocus)
    qtbot.keyClick(second.view, "[")
    qtbot.waitUntil(lambda: second.narrow and second.width() == PANE_STRIP)
    assert all(not p.narrow for p in area.panes if p is not second)
    qtbot.keyClick(w, "]")
    qtbot.waitUntil(lambda: not second.narrow)
    assert second.chars_per_line() >= READABLE_CHARS - 1


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
    # the action again shows them all as before: six wide, the seventh on its strip for room
    w.actions_.compare.trigger()
    qtbot.waitUntil(lambda: [p.article_id for p in area.panes if p.narrow] == ["art06"])
    assert not w.actions_.compare.isChecked()


def test_compare_two_by_keys_alone(qtbot, tmp_path) -> None:
    """Ctrl+2, pick the outlets with the arrow keys, Enter: two wide; Ctrl+2 again: all back."""
    from PySide6.QtWidgets import QComboBox

    w = _window(qtbot, tmp_path, 6)
    area = w.view.area
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.compare_dialog is not None and w.compare_dialog.isVisible())
    left, right = w.compare_dialog.findChildren(QComboBox)
    assert (left.currentData(), right.currentData()) == ("art00", "art01")
    right.setFocus()
    qtbot.keyClick(right, Qt.Key.Key_Down)
    qtbot.keyClick(right, Qt.Key.Key_Down)
    qtbot.keyClick(w.compare_dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.view.comparing == ("art00", "art03"))
    qtbot.waitUntil(lambda: [p.article_id for p in area.panes if not p.narrow]
                    == ["art00", "art03"])
    assert all(p.chars_per_line() > 90 for p in area.panes if not p.narrow)
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not any(p.narrow for p in area.panes))
