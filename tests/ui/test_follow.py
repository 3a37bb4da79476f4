"""Follow a fact: clicking or moving to a passage selects its group in every pane and levels
the counterparts; highlights sit exactly on the core's offsets."""

from __future__ import annotations

from handmade import passage_of
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from factdesk.ui.textmap import OffsetMap, display_text


def pane(window, aid):
    return window.view.area.pane_for(aid)


def click_passage(qtbot, window, aid, pid):
    view = pane(window, aid).view
    p = window.snapshot.passage_by_id[pid]
    rect = view.cursorRect(view.cursor_for(p.start + 3, p.start + 3))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x(), rect.center().y()))


def test_click_selects_group_and_levels_counterparts(qtbot, window, review):
    a = passage_of(review, "g2", "a")
    b = passage_of(review, "g2", "b")
    view_a, view_b = pane(window, "a").view, pane(window, "b").view
    view_a.scroll_passage_to(a.id, 120)  # the reader scrolled A so the passage shows
    view_b.verticalScrollBar().setValue(0)  # B's counterpart is far below, out of view
    assert view_b.viewport_span_y(b.id)[0] > view_b.viewport().height()

    click_passage(qtbot, window, "a", a.id)

    assert window.view.selection.group_id == "g2"
    assert view_b.current_passage == b.id and view_b.selected_group == 2
    top_a, _ = view_a.viewport_span_y(a.id)
    top_b, bottom_b = view_b.viewport_span_y(b.id)
    assert top_b >= 0 and bottom_b <= view_b.viewport().height()
    assert abs(top_a - top_b) <= 4
    # the counterpart's highlight is the emphasised (selected) fill
    fills = [s for s in view_b.extraSelections() if s.cursor.selectedText() == b.text]
    assert fills and fills[0].format.background().color().alpha() == view_b.colours.selected_alpha
    # the details area shows each outlet's wording
    assert [w.outlet for w in window.docks.details.wordings] == ["Outlet A", "Outlet B"]


def test_keyboard_move_follows(qtbot, window, review):
    g3 = passage_of(review, "g3", "a")
    view = pane(window, "a").view
    view.setFocus()
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(g3.start - 2))  # just before, in the previous passage
    view.setTextCursor(cursor)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.view.selection.group_id == "g3"
    assert pane(window, "c").view.current_passage == passage_of(review, "g3", "c").id


def test_highlights_cover_exactly_the_passage_after_emoji(window, review):
    view = pane(window, "b").view
    article = window.snapshot.article("b")
    assert article.text.startswith("😀")  # astral characters before every passage
    for p in window.snapshot.passages["b"]:
        assert view.cursor_for(p.start, p.end).selectedText() == p.text
    fills = {s.cursor.selectedText() for s in view.extraSelections()}
    for gid in ("g1", "g2", "g3"):
        assert passage_of(review, gid, "b").text in fills
    # clicking inside the passage after the emoji maps back to the right passage
    g1 = passage_of(review, "g1", "b")
    q = view.offsets.to_qt(g1.start + 1)
    assert view.passage_at(view.offsets.from_qt(q)) == g1.id


def test_offset_map_round_trip():
    text = "a😀b🇺🇦c\r\nd"
    shown = display_text(text)
    assert len(shown) == len(text)
    m = OffsetMap(shown)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == len(text[:i].encode("utf-16-le")) // 2
        assert m.from_qt(q) == i


def test_unaligned_passage_clears_group(qtbot, window, review):
    window.view.step_group(1)
    first_filler = window.snapshot.passages["a"][1]
    assert first_filler.id not in window.snapshot.group_of
    click_passage(qtbot, window, "a", first_filler.id)
    assert window.view.selection.group_id is None
    assert "not aligned" in window.docks.details.summary.text()


def test_a_lede_in_two_groups_opens_its_best_group_then_the_other(qtbot, window, review):
    from factdesk.core.model import AlignmentGroup, GroupMember
    from factdesk.ui.presenter import load_snapshot

    lede = passage_of(review, "g1", "a")
    groups = review.groups()
    g2 = next(g for g in groups if g.id == "g2")
    # the alignment also filed outlet A's g1 sentence under g2, with a lower member score
    shared = AlignmentGroup("g2", (GroupMember(lede.id, 0.4), *g2.members), g2.score)
    review.replace_analysis([shared if g.id == "g2" else g for g in groups], review.conflicts())
    window.set_review(review, load_snapshot(review))
    qtbot.wait(10)

    click_passage(qtbot, window, "a", lede.id)
    assert window.view.selection.group_id == "g1"  # where it fits best
    assert "shares a passage with group 2" in window.docks.details.summary.text()
    assert pane(window, "b").view.current_passage == passage_of(review, "g1", "b").id

    click_passage(qtbot, window, "a", lede.id)  # again: the other fact it reports
    assert window.view.selection.group_id == "g2"
    assert pane(window, "b").view.current_passage == passage_of(review, "g2", "b").id
    click_passage(qtbot, window, "a", lede.id)
    assert window.view.selection.group_id == "g1"


def test_clicking_again_in_the_shown_passage_leaves_the_other_panes_where_they_are(
        qtbot, window, review):
    a = passage_of(review, "g1", "a")
    click_passage(qtbot, window, "a", a.id)
    assert window.view.selection.group_id == "g1"
    view_b = pane(window, "b").view
    view_b.verticalScrollBar().setValue(view_b.verticalScrollBar().maximum())  # reader scrolls B
    where = view_b.verticalScrollBar().value()
    click_passage(qtbot, window, "a", a.id)  # e.g. to put the caret back before tagging
    assert view_b.verticalScrollBar().value() == where
    assert window.view.selection.group_id == "g1"


def test_two_passages_of_one_outlet_are_told_apart_in_the_details(qtbot, window, review):
    """A group shown with a second passage of an outlet it already holds (a conflict's side,
    or a group with two of its sentences) names each row by outlet and passage, so the
    reference and a compared row are never two rows of one name (QA pass 5)."""
    a = passage_of(review, "g2", "a")
    other = next(p for p in review.passages("a") if p.id != a.id)
    details = window.docks.details
    details.show_group(window.snapshot, "g2", a.id, also=(other.id,))
    qtbot.waitUntil(lambda: not details.rendering, timeout=5000)
    names = [w.outlet for w in details.wordings]
    assert len(names) == len(set(names)) == 3
    assert f"Outlet A, passage {a.index + 1}" in names
    assert f"Outlet A, passage {other.index + 1}" in names
    combo = [details.reference.itemText(i) for i in range(details.reference.count())]
    assert combo == names
