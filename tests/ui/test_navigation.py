"""J/K and N/P move one selection through groups and conflicts; find highlights hits (U, now
"next unreviewed claim or suggestion", is tested in test_claims_window.py)."""

from __future__ import annotations

from handmade import passage_of
from PySide6.QtCore import Qt

from factdesk.ui import lookups


def press(qtbot, window, key):
    target = window.view.area.panes[0].view
    target.setFocus()
    qtbot.keyClick(target, key)


def test_j_k_walk_groups(qtbot, window):
    seen = []
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_J)
        seen.append(window.view.selection.group_id)
    assert seen == ["g1", "g2", "g3"]
    press(qtbot, window, Qt.Key.Key_J)  # stays on the last group
    assert window.view.selection.group_id == "g3"
    press(qtbot, window, Qt.Key.Key_K)
    assert window.view.selection.group_id == "g2"


def test_counterparts_scrolled_into_view_on_j(qtbot, window, review):
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_J)
    for aid in "abc":
        view = window.view.area.pane_for(aid).view
        top, bottom = view.viewport_span_y(passage_of(review, "g3", aid).id)
        assert top >= 0 and bottom <= view.viewport().height()
    tops = [window.view.area.pane_for(aid).view.viewport_span_y(
        passage_of(review, "g3", aid).id)[0] for aid in "ab"]
    assert abs(tops[0] - tops[1]) <= 4


def test_n_p_conflicts_and_details(qtbot, window, review):
    press(qtbot, window, Qt.Key.Key_N)
    assert window.view.selection.group_id == "g3"
    assert window.view.selection.conflict_id == "c1"
    details = window.docks.details
    assert "27 vs 28 points" in details.summary.text()
    b = next(w for w in details.wordings if w.outlet == "Outlet B")
    assert [r.text for r in b.runs if r.conflict] == ["27", "28"]  # removed 27, added 28
    html = details.text.toHtml()
    assert "line-through" in html and "underline" in html
    # the conflict words are marked in the panes too (wavy underline) and ⚠ in the margin
    view = window.view.area.pane_for("b").view
    marked = [s.cursor.selectedText() for s in view.extraSelections()
              if s.format.underlineStyle() != s.format.underlineStyle().NoUnderline]
    assert "28" in marked
    press(qtbot, window, Qt.Key.Key_P)  # one conflict: wraps to itself
    assert window.view.selection.conflict_id == "c1"


def test_a_quotation_conflict_across_groups_shows_both_passages(qtbot, window, review):
    from factdesk.core.model import Conflict, ConflictKind
    from factdesk.ui.presenter import load_snapshot

    # outlet A's g1 sentence quotes the remark that outlet B's g2 sentence words otherwise
    a, b = passage_of(review, "g1", "a"), passage_of(review, "g2", "b")
    across = Conflict("c2", ConflictKind.QUOTE_WORDING, "major", (a.id, b.id),
                      (("reasonably",), ("very",)), 'quote wording: "reasonably" vs "very"')
    # outlet C words the remark as B does: the same disagreement, said once in the summary
    again = Conflict("c3", ConflictKind.QUOTE_WORDING, "major",
                     (a.id, passage_of(review, "g1", "c").id), (("reasonably",), ("very",)),
                     'quote wording: "reasonably" vs "very"', "g1")
    review.replace_analysis(review.groups(), [*review.conflicts(), across, again])
    window.set_review(review, load_snapshot(review))
    qtbot.wait(10)

    press(qtbot, window, Qt.Key.Key_N)  # from the start: g1's conflict comes first
    assert window.view.selection.conflict_id == "c2"
    assert window.view.selection.group_id == "g1"
    assert window.view.area.pane_for("a").view.current_passage == a.id
    # outlet B shows the conflicting sentence, not its g1 member
    assert window.view.area.pane_for("b").view.current_passage == b.id
    summary = window.docks.details.summary.text()
    assert summary.count('"reasonably" vs "very"') == 1 and "(×2)" in summary
    # the details list outlet B's conflicting sentence beside the group's own wordings
    shown = [w.passage.id for w in window.docks.details.wordings]
    assert b.id in shown and passage_of(review, "g1", "b").id in shown


def test_find_highlights_hits_everywhere(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.view.find_bar.isVisible()
    qtbot.keyClicks(window.view.find_bar.edit, "set of proposals")
    assert window.view.find_bar.count.text() == "3 hits in 3 articles"
    for aid in "abc":
        view = window.view.area.pane_for(aid).view
        assert [view.cursor_for(s, e).selectedText() for s, e in view.find_spans] == \
            ["set of proposals"]
    qtbot.keyClick(window.view.find_bar.edit, Qt.Key.Key_Return)
    assert window.view.find_bar.count.text() == "hit 1 of 3"
    qtbot.keyClick(window.view.find_bar.edit, Qt.Key.Key_J)  # typing J in find is text
    assert window.view.find_bar.edit.text().endswith("j")


def test_a_conflict_between_two_unaligned_passages_is_reached_and_shown(qtbot, window, review):
    from factdesk.core.model import Conflict, ConflictKind
    from factdesk.ui.presenter import load_snapshot

    unaligned = [p for p in window.snapshot.passages["a"] if p.id not in window.snapshot.group_of]
    a = unaligned[-1]  # far down the article
    b = next(p for p in window.snapshot.passages["b"] if p.id not in window.snapshot.group_of)
    alone = Conflict("c2", ConflictKind.QUOTE_WORDING, "major", (a.id, b.id),
                     (("one",), ("two",)), 'quote wording: "one" vs "two"')
    review.replace_analysis(review.groups(), [*review.conflicts(), alone])
    window.set_review(review, load_snapshot(review))
    qtbot.wait(10)

    seen = []
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_N)
        seen.append(window.view.selection.conflict_id)
    assert seen == ["c1", "c2", "c1"]  # N reaches it (after the grouped one) and wraps
    press(qtbot, window, Qt.Key.Key_P)
    assert window.view.selection.conflict_id == "c2"
    assert window.view.selection.group_id is None
    assert window.view.area.pane_for("a").view.current_passage == a.id
    assert window.view.area.pane_for("b").view.current_passage == b.id
    details = window.docks.details
    assert [w.passage.id for w in details.wordings] == [a.id, b.id]
    assert '"one" vs "two"' in details.summary.text()
    # the conflicts table shows no group number for it
    model = window.conflicts_model
    assert model.data(model.index(model.row_of("c2"), 0)) is None
    assert model.data(model.index(model.row_of("c1"), 0)) == 3
    # a new snapshot (an article renamed, hidden, moved) keeps it selected
    window.view.show_snapshot(load_snapshot(review))
    assert window.view.selection.conflict_id == "c2"
    assert [w.passage.id for w in details.wordings] == [a.id, b.id]
    # clicking the unaligned passage elsewhere, then on it, brings the conflict back
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selection.group_id == "g1"
    from test_follow import click_passage

    click_passage(qtbot, window, "b", b.id)
    assert window.view.selection.conflict_id == "c2"
    assert window.view.area.pane_for("a").view.current_passage == a.id


def test_details_show_the_group_the_keys_stopped_at(qtbot, window, review, monkeypatch):
    """J pressed faster than the details' word diffs (computed on a worker thread): the text
    below ends on the last group, and a group already left never replaces it, even when its
    diffs were half done when the reviewer moved on."""
    import threading

    import factdesk.ui.details as details_module

    gate = threading.Event()  # holds the worker between outlets until the keys are pressed
    real = details_module.iter_group_wordings

    def held(*args, **kwargs):
        for wording in real(*args, **kwargs):
            gate.wait(5)
            yield wording

    monkeypatch.setattr(details_module, "iter_group_wordings", held)
    details = window.docks.details
    shown: list[str] = []
    details.text.textChanged.connect(lambda: shown.append(details.text.toPlainText()))
    lookups.worker()  # the worker exists before the first job
    window.actions_.next_group.trigger()  # g1: its diffs started on the worker, held
    assert details.rendering
    window.actions_.next_group.trigger()  # g2
    window.actions_.next_group.trigger()  # g3, before g1's first outlet was through
    assert window.view.selection.group_id == "g3"
    # until g3's table is ready, what is there is greyed, never read under g3's heading
    assert not details.text.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not details.rendering, timeout=5000)
    assert details.text.isEnabled()
    assert shown, "the details never showed the group"
    snap = window.snapshot
    members = {g: snap.group(g).passage_ids for g in ("g1", "g2", "g3")}
    texts = {g: [snap.passage_by_id[p].text for p in ids] for g, ids in members.items()}
    for text in shown:  # every text shown since the first J is the last group's
        assert not any(t in text for t in texts["g1"] + texts["g2"])
    final = details.text.toPlainText()
    for t in texts["g3"]:
        assert t.split()[-1] in final  # every outlet's wording, with its diff marks
    assert [w.passage.id for w in details.wordings] == list(members["g3"])
    assert "Outlet B" in final and "line-through" in details.text.toHtml()


def test_details_diffs_are_made_off_the_gui_thread_and_read_as_before(qtbot, window):
    """The word diffs run on the details' worker, never the GUI thread, and what the reviewer
    finally reads is what computing them in place gives: the same table, mark for mark."""
    import threading

    from PySide6.QtWidgets import QTextBrowser

    import factdesk.ui.details as details_module
    from factdesk.ui.details import wording_html
    from factdesk.ui.palette import group_colours
    from factdesk.ui.presenter import group_wordings

    threads: list[threading.Thread] = []
    real = details_module.iter_group_wordings

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        yield from real(*args, **kwargs)

    details_module.iter_group_wordings = watched
    try:
        details = window.docks.details
        for key in (Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_N):
            press(qtbot, window, key)
            qtbot.waitUntil(lambda: not details.rendering, timeout=5000)
            sel = window.view.selection
            conflict = window.snapshot.conflict(sel.conflict_id) if sel.conflict_id else None
            expected = group_wordings(window.snapshot, sel.group_id, sel.passage_id,
                                      conflict.passages if conflict else ())
            assert details._wordings == expected
            same = QTextBrowser()
            same.setHtml(wording_html(expected, group_colours(details.palette())))
            assert details.text.toHtml() == same.toHtml()
    finally:
        details_module.iter_group_wordings = real
    assert threads and threading.main_thread() not in threads
