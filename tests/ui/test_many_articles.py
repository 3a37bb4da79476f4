"""A review of many articles: panes are filled as they come into view, J repaints only the
panes whose emphasis changes, and claim underlines are measured once per layout."""

from __future__ import annotations

import hashlib
from itertools import pairwise

import pytest
from handmade import shown_window, window_on
from PySide6.QtCore import QPoint, QRect, Qt

from factdesk.core.model import AlignmentGroup, Article, ClaimStatus, GroupMember, Passage
from factdesk.core.store import Review
from factdesk.ui.claimbook import ClaimMark
from factdesk.ui.panes import PassageView
from factdesk.ui.panes.area import EAGER_PANES, MADE_AT_ONCE
from factdesk.ui.presenter import load_snapshot

N_ARTICLES = max(EAGER_PANES, MADE_AT_ONCE) + 12
SENTENCE = "Sentence {i} of article {a} says that the river rose {n} centimetres overnight."


def _review() -> Review:
    """N_ARTICLES articles of 40 sentences; group gK joins sentence 20 of articles 2K and 2K+1,
    and group "far" joins sentence 30 of the first and the last article."""
    review = Review.in_memory()
    for a in range(N_ARTICLES):
        aid = f"art{a:02d}"
        text, passages = "", []
        for i in range(40):
            if text:
                text += "\n\n" if i % 4 == 0 else " "
            s = SENTENCE.format(i=i, a=a, n=a * 100 + i)
            passages.append(Passage(f"{aid}.{i}", aid, i, len(text), len(text) + len(s), s))
            text += s
        review.add_article(Article(aid, f"/tmp/{aid}.txt", text,
                                   hashlib.sha256(text.encode()).hexdigest(), outlet=f"Outlet {a}",
                                   published="2025-01-01"), passages)
    groups = [AlignmentGroup(f"g{k}", (GroupMember(f"art{2 * k:02d}.20", 0.9),
                                       GroupMember(f"art{2 * k + 1:02d}.20", 0.9)), 0.9)
              for k in range(N_ARTICLES // 2)]
    last = f"art{N_ARTICLES - 1:02d}"
    groups.append(AlignmentGroup("far", (GroupMember("art00.30", 0.9),
                                         GroupMember(f"{last}.30", 0.9)), 0.9))
    review.replace_analysis(groups, [])
    return review


@pytest.fixture
def big(qtbot):

    review = _review()
    w = window_on(qtbot, review)
    qtbot.waitUntil(w.view.area.complete, timeout=5000)  # the rest of the panes are made
    qtbot.wait(50)  # the deferred check once the splitter is laid out
    yield w
    review.close()


def test_only_the_panes_in_view_are_filled_and_scrolling_fills_more(qtbot, big) -> None:
    area = big.view.area
    filled = [p.filled for p in area.panes]
    assert filled[0] and filled[1]
    assert not filled[-1] and sum(filled) < len(filled) // 2
    assert area.panes[-1].header.text().startswith(f"Outlet {N_ARTICLES - 1}")  # headed
    bar = area.horizontalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: area.panes[-1].filled, timeout=2000)
    last = area.panes[-1].view
    assert last.toPlainText().startswith(f"Sentence 0 of article {N_ARTICLES - 1}")


def test_a_group_reaching_an_unfilled_pane_fills_and_levels_it(qtbot, big) -> None:
    area = big.view.area
    last, first = area.panes[-1], area.panes[0]
    assert not last.filled
    big.view.select_group("far")  # the first member's pane is the anchor: the last stays out
    assert first.filled
    area.ensure_pane_visible(last)  # the reader scrolls to it
    assert last.filled
    qtbot.wait(20)
    assert last.view.current_passage == f"art{N_ARTICLES - 1:02d}.30"
    top_first = first.view.viewport_span_y("art00.30")[0]
    top_last = last.view.viewport_span_y(f"art{N_ARTICLES - 1:02d}.30")[0]
    assert abs(top_first - top_last) <= 4
    assert 0 <= top_last < last.view.viewport().height()


def test_find_goes_to_a_hit_in_a_pane_not_yet_filled(qtbot, big) -> None:
    area = big.view.area
    a = N_ARTICLES - 2
    assert not area.panes[a].filled
    big.view.find(f"of article {a} says that the river rose {a * 100 + 33}")
    big.view.next_hit()
    view = area.panes[a].view
    assert area.panes[a].filled
    assert view.textCursor().selectedText() == \
        f"of article {a} says that the river rose {a * 100 + 33}"


def test_j_repaints_only_the_panes_whose_group_emphasis_changes(qtbot, big, monkeypatch) -> None:
    refreshed: list[str] = []
    original = PassageView.refresh

    def counting(view: PassageView) -> None:
        refreshed.append(view.article.id if view.article else "")
        original(view)

    big.view.select_group("g0")
    for pane in big.view.area.panes[6:10]:  # filled, holding neither g0 nor g1
        big.view.area.fill(pane)
    before = {p.article_id for p in big.view.area.panes if p.filled}
    monkeypatch.setattr(PassageView, "refresh", counting)
    target = big.view.area.panes[0].view
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_J)  # g0 -> g1
    assert big.view.selection.group_id == "g1"
    # panes filled before the press: only those holding g0 or g1 are redrawn (a pane that
    # comes into view as the selection moves is filled, and drawn, for the first time)
    assert set(refreshed) & before <= {"art00", "art01", "art02", "art03"}
    assert {"art00", "art01"} <= set(refreshed)  # g0 loses its emphasis where it was shown
    assert len(before - {"art00", "art01", "art02", "art03"}) >= 1  # some were left alone


def _marks(view: PassageView, statuses: list[ClaimStatus]) -> list[ClaimMark]:
    text = view.article.text
    out = []
    for k, status in enumerate(statuses):
        start = text.index(f"Sentence {k * 3} ")
        out.append(ClaimMark(f"k{k}", start, start + 70, status))
    return out


def test_claim_glyphs_follow_the_layout_and_the_status(qtbot, big) -> None:
    view = big.view.area.panes[0].view
    marks = _marks(view, [ClaimStatus.CONFIRMED, ClaimStatus.CONFLICTING,
                          ClaimStatus.UNSOURCED, ClaimStatus.UNREVIEWED] * 3)
    view.set_claims(marks)
    height = view.viewport().height()

    def expected() -> list[tuple[int, ClaimStatus]]:
        found = []
        for m in marks:
            top = view.claim_top(m)
            if top is not None and -16 <= top <= height:
                found.append((top, m.status))
        return sorted(found, key=lambda g: g[0])

    assert view.claim_glyphs(-16, height) == expected() and expected()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 3)
    assert view.claim_glyphs(-16, height) == expected()
    big.resize(900, 900)  # narrower panes: the text wraps anew, the glyphs move with it
    qtbot.waitUntil(lambda: view.claim_glyphs(-16, view.viewport().height()) == expected(),
                    timeout=2000)
    marks[0] = ClaimMark("k0", marks[0].start, marks[0].end, ClaimStatus.CONFLICTING)
    view.set_claims(list(marks))
    view.verticalScrollBar().setValue(0)
    assert view.claim_glyphs(-16, height)[0][1] is ClaimStatus.CONFLICTING


def test_an_unsourced_claim_is_underlined_with_dots_along_its_words_only(qtbot, big) -> None:
    """The dotted underline (drawn from a tiled dot since stroking the dotted pen cost ~0.25 ms
    a line) runs under the claim's words from its first to its last, as dots, and stops there."""
    from factdesk.ui.palette import status_colour

    view = big.view.area.panes[0].view
    text = view.article.text
    start = text.index("Sentence 5 ")
    end = start + len("Sentence 5 of article 0 says that the river rose")
    view.set_claims([ClaimMark("k0", start, end, ClaimStatus.UNSOURCED)])
    view.verticalScrollBar().setValue(0)
    image = view.viewport().grab().toImage()
    colour = status_colour(ClaimStatus.UNSOURCED, view.colours.dark)

    def dotted(x: int, y0: int) -> bool:
        for y in range(y0 - 2, y0 + 3):
            c = image.pixelColor(x, y)
            if (abs(c.red() - colour.red()) + abs(c.green() - colour.green())
                    + abs(c.blue() - colour.blue())) < 90:
                return True
        return False

    runs = view._underline_runs(start, end)
    assert runs
    for x1, x2, y in runs:
        row = round(y + 1)
        marked = [x for x in range(0, image.width()) if dotted(x, row)]
        assert marked, "no underline under the claim"
        assert x1 - 1 <= marked[0] <= x1 + 5 and x2 - 6 <= marked[-1] <= x2 + 1
        inside = range(round(x1), round(x2))
        gaps = [x for x in inside if x not in marked]
        assert len(gaps) > len(inside) // 6, "a solid line, not dots"
    view.set_claims([])
    image = view.viewport().grab().toImage()
    assert not any(dotted(x, round(runs[0][2] + 1)) for x in range(image.width()))


def test_panes_made_after_the_review_is_shown_get_the_selection_and_claims(qtbot) -> None:
    """A big review shows at once with its first panes; the others are made between events
    and come with the group already selected and their claims, as if made up front."""
    from factdesk.core import claim_edits

    review = _review()
    last = f"art{N_ARTICLES - 1:02d}"
    passage = review.passage(f"{last}.30")
    claim = claim_edits.create_claim(review, last, passage.start, passage.start + 30,
                                     reviewer="alice")
    w = window_on(qtbot, review, settle=False)
    area = w.view.area
    # the first slice of panes only (a pane costs a few ms to make: ten at once were a stall)
    assert 1 <= len(area.panes) < N_ARTICLES and not area.complete()

    def side_by_side() -> bool:  # no pane drawn over its neighbour, even mid-way
        return all(b.x() >= a.x() + a.width() for a, b in pairwise(area.panes))

    assert side_by_side()
    qtbot.wait(1)  # one slice more
    assert side_by_side()
    w.view.select_group("far")  # its second member's pane does not exist yet
    qtbot.waitUntil(area.complete, timeout=5000)
    pane = area.pane_for(last)
    assert pane is not None and pane.view.current_passage == f"{last}.30"
    assert [m.claim_id for m in pane.view.claim_marks] == [claim.id]
    area.ensure_pane_visible(pane)
    assert pane.filled
    top_first = area.panes[0].view.viewport_span_y("art00.30")[0]
    assert abs(pane.view.viewport_span_y(f"{last}.30")[0] - top_first) <= 4
    review.close()


def test_switching_from_a_big_review_to_a_small_one_and_back(qtbot, big) -> None:
    from handmade import build_review

    small = build_review()
    big.set_review(small, load_snapshot(small))
    area = big.view.area
    qtbot.waitUntil(big.settled, timeout=5000)  # a small review's panes come in slices too
    assert [p.article_id for p in area.panes] == ["a", "b", "c"]
    assert all(p.filled and p.isVisible() for p in area.panes)
    assert area.splitter.count() == 3 and area.widget() is area.splitter
    again = _review()
    big.set_review(again, load_snapshot(again))
    qtbot.waitUntil(area.complete, timeout=5000)
    assert [p.article_id for p in area.panes] == [f"art{a:02d}" for a in range(N_ARTICLES)]
    assert area.splitter.count() == N_ARTICLES
    small.close()
    again.close()


def test_with_no_time_to_spare_opening_still_ends_with_every_pane_and_underline(
        qtbot, monkeypatch) -> None:
    """Opening leaves work for later turns of the event loop (panes to make and fill, claim
    underlines to measure), as little as the turn's budget allows: with none at all, one step
    a turn, the review still ends whole: every pane, the claims table, and the underlines of
    a pane painted in slices the same as measured at once, also where it is scrolled late."""
    from factdesk.core import claim_edits
    from factdesk.ui.panes import turn as turn_module
    from factdesk.ui.panes import view as view_module

    monkeypatch.setattr(turn_module, "TURN_BUDGET_S", 0.0)
    review = _review()
    made = 0
    for aid in ("art00", "art01"):
        text = review.article(aid).text
        for i in range(40):
            start = text.index(f"Sentence {i} ")
            for width in (30, 60):  # two claims on each sentence, one on two lines
                claim_edits.create_claim(review, aid, start, start + width, reviewer="alice")
                made += 1
    w = window_on(qtbot, review)
    area = w.view.area
    qtbot.waitUntil(area.settled, timeout=20000)
    assert [p.article_id for p in area.panes] == [f"art{a:02d}" for a in range(N_ARTICLES)]
    assert w.claims_model.rowCount() == made
    assert area.panes[0].filled and area.panes[1].filled
    view = area.panes[0].view
    assert view.toPlainText().startswith("Sentence 0 of article 0")
    assert len(view.claim_marks) == made // 2

    def painted_as_measured_at_once() -> bool:
        top = view.verticalScrollBar().value()
        bottom = top + view.viewport().height()
        lazily = view._lines_between(top, bottom, complete=False)
        glyphs = view.claim_glyphs(-16, view.viewport().height(), complete=False)
        return (not view_module._measuring.waiting and bool(lazily)
                and lazily == view._lines_between(top, bottom)
                and glyphs == view.claim_glyphs(-16, view.viewport().height()))

    view.repaint()
    qtbot.waitUntil(painted_as_measured_at_once, timeout=10000)
    image = view.viewport().grab().toImage()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())  # scrolled late
    view.repaint()
    qtbot.waitUntil(painted_as_measured_at_once, timeout=10000)
    late = view.viewport().grab().toImage()
    # the same pixels as a pane whose underlines are all measured before it paints
    monkeypatch.setattr(turn_module, "TURN_BUDGET_S", 10.0)
    view._forget_geometry()
    assert view.viewport().grab().toImage() == late
    view.verticalScrollBar().setValue(0)
    assert view.viewport().grab().toImage() == image
    review.close()


def test_reading_a_review_leaves_garbage_collection_as_it_was_and_what_it_read_frozen() -> None:
    """The snapshot is read with collection off (its ~80,000 objects started full
    collections of 50-140 ms); afterwards collection is as it was (automatic, or the window's
    own in the GUI thread: ui/gcpause) and what was read is out of its way."""
    import gc

    review = _review()
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    snapshot = load_snapshot(review)
    assert gc.isenabled() == enabled
    assert gc.get_freeze_count() > frozen
    assert len(snapshot.articles) == N_ARTICLES
    review.close()


def test_the_same_fact_pair_in_panes_made_late_is_shown_once_they_are(
        qtbot, monkeypatch) -> None:
    """Opening shows the "Same fact?" queue's first pair, scrolled to and highlighted. In a big
    review its panes may not exist yet when the queue asks (they are made between events):
    the pair is shown once they do, as in a small review, whatever slice made them."""
    from factdesk.ui.panes import turn as turn_module

    monkeypatch.setattr(turn_module, "TURN_BUDGET_S", 0.0)  # a pane a turn: the pair's are late

    review = _review()
    last, before = f"art{N_ARTICLES - 1:02d}", f"art{N_ARTICLES - 2:02d}"
    review.replace_pair_questions([(f"{before}.5", f"{last}.5", 0.5)])
    w = window_on(qtbot, review, settle=False)
    area = w.view.area
    assert area.pane_for(last) is None  # not made yet: the queue asked before it was
    qtbot.waitUntil(w.settled, timeout=20000)
    first, second = w.snapshot.questions[0][:2]
    assert w.view.selection.passage_id == first
    for pid in (first, second):
        passage = w.snapshot.passage_by_id[pid]
        view = area.pane_for(passage.article_id).view
        assert view.current_passage == pid
        assert view.conflict_words == [(passage.start, passage.end)]  # shown selected
    assert area.horizontalScrollBar().value() > 0  # scrolled to the pair, far right
    review.close()


def test_panes_in_view_are_drawn_at_the_width_they_keep_while_the_rest_are_made(qtbot) -> None:
    """Each pane added while the view is not full yet took width from the panes shown: they
    were drawn again at every step, narrower each time. Now a pane is drawn at one width, and
    the window draws as usual once opening is done."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication


    widths: dict[int, set[int]] = {}

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and isinstance(obj.parent(), PassageView) \
                    and obj is obj.parent().viewport():
                widths.setdefault(id(obj), set()).add(obj.width())
            return False

    review = _review()
    w = shown_window(qtbot)
    watch = Watch()
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        w.set_review(review, load_snapshot(review))
        area = w.view.area
        qtbot.waitUntil(area.settled, timeout=20000)
        qtbot.wait(100)
    finally:
        app.removeEventFilter(watch)
    assert area.viewport().updatesEnabled()
    assert widths, "the panes in view were drawn"
    assert all(len(seen) == 1 for seen in widths.values()), widths
    # and later changes are drawn: scrolling sideways draws the panes that come into view
    before = len(widths)
    app.installEventFilter(watch)
    try:
        area.horizontalScrollBar().setValue(area.horizontalScrollBar().maximum())
        qtbot.waitUntil(lambda: len(widths) > before, timeout=5000)
    finally:
        app.removeEventFilter(watch)
    review.close()


def test_after_keys_every_pane_in_view_shows_the_new_selection_once_settled(qtbot, big) -> None:
    """J repaints the panes it changes a pane per turn of the event loop (all at once were
    50-75 ms with thousands of claims), the pane read first: once the window has settled,
    what is on screen is exactly what painting the whole window afresh gives, also after
    keys pressed faster than the panes are painted and a selection that scrolls sideways."""
    area = big.view.area
    target = area.panes[0].view
    target.setFocus()
    qtbot.waitUntil(big.settled, timeout=5000)

    def on_screen():
        return big.screen().grabWindow(big.winId()).toImage()

    for _ in range(7):  # g0 ... g6: the last in panes 12 and 13, out of the first view
        qtbot.keyClick(target, Qt.Key.Key_J)
    assert big.view.selection.group_id == "g6"
    qtbot.waitUntil(big.settled, timeout=5000)
    qtbot.wait(50)
    assert area.horizontalScrollBar().value() > 0  # scrolled sideways to g6's panes
    shown = on_screen()
    viewport = area.viewport()
    seen = QRect(viewport.mapTo(big, QPoint(0, 0)), viewport.size())
    in_view = area.panes_in_view()
    assert len(in_view) >= 3
    for pane in in_view:
        # the part of the pane on screen, against the pane painted afresh now
        rect = QRect(pane.mapTo(big, QPoint(0, 0)), pane.size()).intersected(seen)
        fresh = pane.grab().toImage().copy(rect.translated(-pane.mapTo(big, QPoint(0, 0))))
        assert shown.copy(rect) == fresh.convertToFormat(shown.format()), pane.article_id
    first = area.pane_for("art12").view
    assert first.current_passage == "art12.20"
    top = first.viewport_span_y("art12.20")[0]
    assert abs(area.pane_for("art13").view.viewport_span_y("art13.20")[0] - top) <= 4


def _shown_selections(view: PassageView) -> list[tuple[int, int, int, int]]:
    """What a pane's highlights show: each extra selection's span, fill and weight."""
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd(),
             s.format.background().color().rgba(), s.format.fontWeight())
            for s in view.extraSelections()]


def test_every_pane_shows_the_current_selection_after_moves_that_tell_only_some(
        qtbot, big) -> None:
    """A selection tells only the panes it reaches (its own and the previous one's), not all
    300: after group to group, a far group, a "Same fact?" pair and a passage in no group,
    every pane shows exactly the emphasis a pane told the current selection afresh shows."""
    from factdesk.ui.presenter import pane_marks

    view, area = big.view, big.view.area
    for pane in area.panes:  # every pane's text in, so that every pane's look is compared
        area.fill(pane)
    snap = view.snapshot

    def assert_every_pane_as_told_afresh(number: int, chosen: dict[str, str],
                                         words: dict[str, list[tuple[int, int]]]) -> None:
        for pane in area.panes:
            aid = pane.article_id
            fresh = PassageView()
            fresh.set_article(snap.article(aid), pane_marks(snap, aid))
            fresh.set_selected(number, chosen.get(aid), words.get(aid, []))
            assert _shown_selections(pane.view) == _shown_selections(fresh), aid
            assert pane.view.current_passage == chosen.get(aid), aid

    def group(gid: str) -> tuple[int, dict[str, str], dict]:
        members = snap.members_in_order(gid)
        return snap.group_number[gid], {p.article_id: p.id for p in members}, {}

    for gid in ("g0", "g1", "g2", "far", "g3", "g0"):
        view.select_group(gid)
        assert_every_pane_as_told_afresh(*group(gid))
    first, second = "art04.3", "art09.7"
    view.show_pair(first, second)
    pair = {"art04": first, "art09": second}
    assert_every_pane_as_told_afresh(0, pair, {
        aid: [(snap.passage_by_id[pid].start, snap.passage_by_id[pid].end)]
        for aid, pid in pair.items()})
    view.select_passage("art07.5")  # in no group
    assert_every_pane_as_told_afresh(0, {"art07": "art07.5"}, {})
    view.select_group("g1")
    assert_every_pane_as_told_afresh(*group("g1"))


def test_a_pane_painted_in_narrow_strips_shows_what_a_whole_paint_shows(qtbot, big) -> None:
    """A strip of a pane (uncovered by a move sideways, or a pane at the view's edge) is
    painted as whole lines, clipped to the strip: a 1 px strip cost up to 10x a whole pane.
    Painted strip by strip, the pane is exactly the pane painted whole."""
    from PySide6.QtGui import QImage, QRegion

    view, area = big.view, big.view.area
    view.select_group("g0")
    qtbot.waitUntil(big.settled, timeout=5000)
    viewport = area.panes[0].view.viewport()
    whole = QImage(viewport.size(), QImage.Format.Format_ARGB32)
    whole.fill(0)
    viewport.render(whole)
    strips = QImage(viewport.size(), QImage.Format.Format_ARGB32)
    strips.fill(0)
    height = viewport.height()
    for left, width in ((0, 1), (1, 60), (61, 1), (62, viewport.width() - 62)):
        viewport.render(strips, QPoint(left, 0), QRegion(QRect(left, 0, width, height)))
    # (Qt itself blends a few pixels of a fill one unit apart when it paints a widget in
    # pieces, with or without whole lines: that far and no further)
    assert _largest_difference(strips, whole) <= 1


def _largest_difference(a, b) -> int:
    """The largest difference of one colour channel between two images of one size."""
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixel(x, y), b.pixel(x, y)
            if p != q:
                worst = max(worst, *(abs((p >> k & 255) - (q >> k & 255)) for k in (0, 8, 16, 24)))
    return worst
