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
