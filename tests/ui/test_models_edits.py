"""Item models pass the model tester; metadata edits, hiding and reordering go through the
review file (one transaction each) and are undoable."""

from __future__ import annotations

from handmade import build_review
from PySide6.QtCore import QSettings, Qt

from factdesk.core.store import Review
from factdesk.ui import settings
from factdesk.ui.mainwindow import MainWindow
from factdesk.ui.models import ArticleTableModel, ConflictTableModel, GroupTableModel
from factdesk.ui.presenter import load_snapshot


def test_models_pass_modeltester(qtmodeltester, review):
    snapshot = load_snapshot(review)
    for model in (ArticleTableModel(edit=lambda *a: True), GroupTableModel(),
                  ConflictTableModel()):
        qtmodeltester.check(model)
        model.set_snapshot(snapshot)
        qtmodeltester.check(model)
        assert model.rowCount() > 0


def file_window(qtbot, tmp_path):
    path = tmp_path / "r.factdesk"
    review = build_review(Review.open(path, create=True))
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    w.set_review(review, load_snapshot(review))
    return w, path


def test_metadata_edit_persists_in_file(qtbot, tmp_path):
    w, path = file_window(qtbot, tmp_path)
    model = w.articles_model
    assert model.setData(model.index(0, 0), "Renamed Outlet")
    assert model.setData(model.index(0, 1), "2025-12-05")
    assert not model.setData(model.index(0, 1), "5 Dec")  # dates are YYYY-MM-DD
    assert w.view.area.panes[0].header.full_text() == "Renamed Outlet · Fri 5 Dec 2025"
    with Review.open(path) as other:  # another connection sees the committed edit
        a = other.article("a")
        assert (a.outlet, a.published) == ("Renamed Outlet", "2025-12-05")
    assert "saved" in w.counts_label.text()
    w.undo_stack.undo()
    with Review.open(path) as other:
        assert other.article("a").published == "2025-12-03"
    w.close()


def test_renaming_an_outlet_in_its_editor_warns_nothing(qtbot, tmp_path):
    """Typed in the Articles list as a reviewer does: double-click, type, Enter. (Qt warned
    "commitData called with an editor that does not belong to this view" twice; a Qt warning
    now fails the test.)"""
    w, path = file_window(qtbot, tmp_path)
    table = w.docks.article_table
    w.docks.articles.show()
    w.activateWindow()
    qtbot.wait(20)
    index = w.articles_model.index(0, 0)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    assert editor is not None and editor is not table
    editor.selectAll()
    qtbot.keyClicks(editor, "Harbour Times")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.view.area.panes[0].header.full_text().startswith("Harbour Times"))
    with Review.open(path) as other:
        assert other.article("a").outlet == "Harbour Times"
    assert w.articles_model.index(0, 0).data() == "Harbour Times"
    w.close()


def test_hide_and_move_articles(qtbot, tmp_path):
    w, path = file_window(qtbot, tmp_path)
    model = w.articles_model
    assert model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert w.view.area.pane_for("b").isHidden()
    assert [p.article_id for p in w.view.area.visible_panes()] == ["a", "c"]
    with Review.open(path) as other:
        assert other.is_hidden("b")
    w.docks.article_table.selectRow(0)
    w.move_selected_article(1)
    assert [p.article_id for p in w.view.area.panes] == ["b", "a", "c"]
    with Review.open(path) as other:
        assert [a.id for a in other.articles()] == ["b", "a", "c"]
    w.undo_stack.undo()
    assert [p.article_id for p in w.view.area.panes] == ["a", "b", "c"]
    w.close()


def test_typed_settings_round_trip():
    store = QSettings()
    settings.HIDE_BOILERPLATE.set(True, store)
    settings.PANE_WIDTHS.set(["300", "420"], store)
    assert settings.HIDE_BOILERPLATE.get(store) is True
    assert settings.PANE_WIDTHS.get(store) == ["300", "420"]
    assert settings.THEME.get(store) == "system"
    assert settings.add_recent("/x/one.factdesk", store)[0] == "/x/one.factdesk"
    assert settings.add_recent("/x/two.factdesk", store) == ["/x/two.factdesk",
                                                             "/x/one.factdesk"]


def test_boilerplate_dimmed_or_hidden(qtbot, window):
    view = window.view.area.pane_for("a").view
    mark = window.snapshot.article("a").marks[0]
    dimmed = [s for s in view.extraSelections()
              if s.cursor.selectedText() == window.snapshot.article("a").text[mark.start:mark.end]]
    assert dimmed and dimmed[0].format.foreground().color() == view.colours.dimmed_text
    window.actions_.hide_boilerplate.trigger()
    assert not view.document().findBlock(view.offsets.to_qt(mark.start)).isVisible()
    window.actions_.hide_boilerplate.trigger()
    assert view.document().findBlock(view.offsets.to_qt(mark.start)).isVisible()


def test_conflicts_table_shows_each_sides_words_and_outlets(review):
    snapshot = load_snapshot(review)
    model = ConflictTableModel()
    model.set_snapshot(snapshot)
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:4] == ["Group", "Kind", "Side", "Other side"]
    for row in range(model.rowCount()):
        c = next(c for c in snapshot.conflicts if c.id == model.id_at(row))
        side, other = (model.data(model.index(row, col)) for col in (2, 3))
        first_outlet = snapshot.label(snapshot.passage_by_id[c.side_ids[0][0]].article_id)
        second_outlet = snapshot.label(snapshot.passage_by_id[c.side_ids[1][0]].article_id)
        assert first_outlet in side and second_outlet in other
        assert " ".join(c.words[0]) in side and " ".join(c.words[1]) in other


def test_selecting_a_conflict_selects_its_differing_words_in_every_pane(qtbot, tmp_path):
    from dataclasses import replace

    from factdesk.core.model import ConflictSpan

    w, path = file_window(qtbot, tmp_path)
    review = w.review
    [c] = review.conflicts()
    spans = []
    for pid, word in zip(c.passages, ("27", "28"), strict=True):
        p = review.passage(pid)
        at = p.text.index(word) if word in p.text else 0
        spans.append(ConflictSpan(pid, p.start + at, p.start + at + len(word), word))
    review.replace_analysis(review.groups(), [replace(c, sides=((c.passages[0],),
                                                                (c.passages[1],)),
                                                      spans=tuple(spans))])
    w.set_review(review, load_snapshot(review))
    w.view.select_conflict("c1")
    for span in spans:
        article = review.passage(span.passage_id).article_id
        pane = w.view.area.pane_for(article)
        assert pane.view.conflict_words == [(span.start, span.end)]
    # choosing a group without a conflict leaves no words selected
    other = next(g for g in review.groups() if g.id != c.group_id)
    w.view.select_group(other.id)
    assert all(not p.view.conflict_words for p in w.view.area.panes)


def test_a_date_edit_rechecks_the_conflicts_at_once(qtbot, tmp_path):
    w, path = file_window(qtbot, tmp_path)
    # the hand-made review holds a conflict no detector wrote (no sides, no spans)
    assert all(not c.sides for c in w.snapshot.conflicts)
    model = w.articles_model
    assert model.setData(model.index(0, 1), "2025-12-05")
    # re-checked in the background: every conflict shown now comes from the detectors
    qtbot.waitUntil(lambda: not w.runner.busy and all(c.sides for c in w.snapshot.conflicts),
                    timeout=20000)
    with Review.open(path) as other:
        assert other.article("a").published == "2025-12-05"
        assert all(c.sides for c in other.conflicts())
    w.close()


def test_facts_view_sorts_and_selecting_a_cell_selects_its_passage(qtbot, qtmodeltester,
                                                                   tmp_path):
    from factdesk.ui.models.facts import FIXED, FactTableModel

    qtmodeltester.check(FactTableModel())
    w, path = file_window(qtbot, tmp_path)
    model = w.facts_model
    table = w.docks.fact_table
    # computed only once its tab is shown (in a worker): nothing to compute before
    assert model.rowCount() == 0 and not model.computing
    w.docks.tabs.setCurrentWidget(table)
    qtbot.waitUntil(lambda: model.rowCount() == len(w.snapshot.groups) > 0, timeout=10000)
    qtmodeltester.check(model)
    headers = [model.headerData(i, Qt.Orientation.Horizontal)
               for i in range(model.columnCount())]
    assert headers[:len(FIXED)] == list(FIXED)
    assert headers[len(FIXED):] == [w.snapshot.label(a.id) for a in w.snapshot.articles]
    shown = table.model()
    # sorted by independent sources, most first; by another header, by that
    counts = [shown.index(r, 2).data() for r in range(shown.rowCount())]
    assert counts == sorted(counts, reverse=True)
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    conflicts = [shown.index(r, 3).data() for r in range(shown.rowCount())]
    assert conflicts == sorted(conflicts, reverse=True)
    # the selected fact stays selected when the table is sorted the other way
    table.setCurrentIndex(shown.index(shown.rowCount() - 1, 0))
    chosen = shown.index(shown.rowCount() - 1, 0).data()
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    selected = table.selectionModel().selectedIndexes()
    assert [i.data() for i in selected] == [chosen]
    assert table.currentIndex().data() == chosen
    qtmodeltester.check(model)
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    # a source's cell that states the fact selects that passage in its pane
    row, col = next((r, c) for r in range(model.rowCount())
                    for c in range(len(FIXED), model.columnCount())
                    if (cell := model.cell_at(r, c)) is not None and cell.passage_ids)
    pid = model.cell_at(row, col).passage_ids[0]
    table.clicked.emit(model.index(row, col))
    assert w.view.selection.passage_id == pid
    w.close()


def test_the_facts_table_gets_its_rows_a_slice_at_a_time_and_shows_every_fact(
        qtbot, qtmodeltester, tmp_path, monkeypatch):
    """A sheet's facts go to the table a slice at a time (the view's reset with all 689 facts
    of 300 articles was 80-170 ms), the view asking for more as it fills or is scrolled: every
    fact still shows, in the sort order, and a fact selected before a sort that moves it past
    the rows given so far stays selected."""
    from PySide6.QtCore import QPersistentModelIndex

    from factdesk.ui.models import facts as facts_module

    monkeypatch.setattr(facts_module, "ROWS_AT_ONCE", 1)
    w, path = file_window(qtbot, tmp_path)
    model, table = w.facts_model, w.docks.fact_table
    w.docks.tabs.setCurrentWidget(table)
    qtbot.waitUntil(lambda: model.facts == len(w.snapshot.groups) >= 3 and not model.computing,
                    timeout=10000)
    qtbot.waitUntil(lambda: model.rowCount() == model.facts, timeout=5000)  # the view fills
    qtmodeltester.check(model)
    counts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == \
        sorted(w.snapshot.group_number[g.id] for g in w.snapshot.groups)

    # a model given one row: the fact there, sorted last, is fetched down to and kept
    alone = facts_module.FactTableModel()
    alone.sort(0, Qt.SortOrder.AscendingOrder)
    alone._show(model.sheet)
    assert alone.rowCount() == 0 and alone.canFetchMore()
    alone.fetchMore()
    assert alone.rowCount() == 1 and alone.canFetchMore()
    first = alone.index(0, 0).data()
    held = QPersistentModelIndex(alone.index(0, 1))
    alone.sort(0, Qt.SortOrder.DescendingOrder)
    assert alone.rowCount() == alone.facts
    assert held.isValid() and held.row() == alone.facts - 1 and held.column() == 1
    assert alone.index(held.row(), 0).data() == first
    w.close()


def test_opening_another_review_stops_the_facts_being_worked_out_and_a_failed_open_brings_them_back(  # noqa: E501
        qtbot, tmp_path, monkeypatch):
    """The Facts tab's sheet of a review about to be replaced is stopped (nobody would read
    it, and its worker slowed the reading); if the other review cannot be opened, the shown
    review's facts are worked out again and shown."""
    import threading

    from factdesk.core.progress import Cancelled
    from factdesk.ui.models import facts as facts_module

    real = facts_module.fact_sheet
    gate, stopped = threading.Event(), []

    def slow(*args, pause):
        try:
            while not gate.wait(0.01):
                pause()
        except Cancelled:
            stopped.append(True)
            raise
        return real(*args, pause=pause)

    monkeypatch.setattr(facts_module, "fact_sheet", slow)
    w, path = file_window(qtbot, tmp_path)
    model = w.facts_model
    w.docks.tabs.setCurrentWidget(w.docks.fact_table)
    qtbot.waitUntil(lambda: model.computing, timeout=5000)
    broken = tmp_path / "broken.factdesk"
    broken.write_bytes(b"this is not a review file")
    w.open_path(str(broken))
    qtbot.waitUntil(lambda: stopped == [True], timeout=10000)
    gate.set()
    qtbot.waitUntil(lambda: model.rowCount() == len(w.snapshot.groups) > 0, timeout=10000)
    assert w.review.path == path
    w.close()
