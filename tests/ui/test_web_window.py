"""The window with web articles, against a real HTTP server on 127.0.0.1: Add from URL, a link
dropped from a browser, the capture shown on the pane, the not-an-article warning dismissed,
Check for updates with the versions side by side and the edited claim flagged."""

from __future__ import annotations

from localweb import Page, article_page
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from factdesk.cli.main import main
from factdesk.core import claim_edits
from factdesk.core.anchors import find_quote
from factdesk.core.store import Review
from factdesk.ui.mainwindow import MainWindow

STORY = [
    "The Harbour Bridge will close for six weeks from Monday, the city council said on Tuesday.",
    "Engineers found cracked bearings on the eastern span during a routine inspection last month.",
    "The council expects the repairs to cost about 12 million dollars, a spokesperson said.",
]
HOME = b"""<!DOCTYPE html><html><head><title>Harbour Herald</title>
<meta property="og:type" content="website"></head><body><main><ul>
<li><a href="/1">Harbour Bridge to close for six weeks</a></li>
<li><a href="/2">Mayor opens new market hall</a></li>
<li><a href="/3">Storm warning for the coast tonight</a></li>
<li><a href="/4">Council approves the school budget</a></li></ul></main></body></html>"""


def _styled(view, style: str) -> str:  # noqa: ANN001 - a QTextBrowser
    """The characters of a text view drawn struck through (or underlined), in order."""
    from PySide6.QtGui import QTextCursor

    doc = view.document()
    cursor = QTextCursor(doc)
    out = []
    for pos in range(1, doc.characterCount()):
        cursor.setPosition(pos)
        fmt = cursor.charFormat()  # the format of the character before the position
        if (fmt.fontStrikeOut() if style == "strike" else fmt.fontUnderline()):
            out.append(doc.characterAt(pos - 1))
    return "".join(out)


def _window(qtbot) -> MainWindow:
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_add_from_url_shows_the_capture_and_a_dismissable_warning(qtbot, local_web, tmp_path):
    local_web.pages["/bridge"] = Page(article_page("Harbour Bridge to close", STORY))
    local_web.pages["/"] = Page(HOME)
    w = _window(qtbot)
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.new_review(str(tmp_path / "web.factdesk"), [local_web.url("/bridge"), local_web.url("/")])
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    panes = w.view.area.panes
    assert len(panes) == 2
    story, home = panes
    assert story.source.isVisibleTo(w)
    assert story.source.toolTip().startswith(local_web.url("/bridge"))
    assert "127.0.0.1" in story.source._full and "Captured" in story.source._full
    assert not story.warning.isVisibleTo(w)
    assert home.warning.isVisibleTo(w)
    assert "Does not look like an article" in home.warning.label.text()
    with qtbot.waitSignal(w.review_shown, timeout=30000):
        qtbot.mouseClick(home.warning.button, Qt.MouseButton.LeftButton)
    assert not w.view.area.panes[1].warning.isVisibleTo(w)
    with Review.open(tmp_path / "web.factdesk") as review:
        assert all(a.warning == "" for a in review.articles())  # saved, not just hidden
    w.close()


def test_a_link_dropped_from_a_browser_is_fetched(qtbot, local_web, tmp_path):
    local_web.pages["/bridge"] = Page(article_page("Harbour Bridge to close", STORY))
    w = _window(qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl(local_web.url("/bridge"))])
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        assert w.handle_drop(mime)
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    assert w.review is not None and [c.url for c in w.review.captures()] == [
        local_web.url("/bridge")]
    text_only = QMimeData()  # some browsers hand over a link as plain text
    text_only.setText("not a link at all")
    assert not w.handle_drop(text_only)
    w.close()


def test_lines_that_are_not_addresses_are_named_and_nothing_is_fetched(
    qtbot, local_web, tmp_path, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    w = _window(qtbot)
    assert not w.add_urls_from_text(f"{local_web.url('/bridge')}\nstory.html\n")
    assert shown and "story.html" in shown[0]
    assert local_web.hits == {} and w.review is None
    w.close()


def test_check_for_updates_shows_the_versions_and_the_edited_claim(qtbot, local_web, tmp_path):
    local_web.pages["/bridge"] = Page(article_page("Harbour Bridge to close", STORY))
    path = tmp_path / "story.factdesk"
    assert main(["new", str(path), local_web.url("/bridge")]) == 0
    with Review.open(path) as review:
        (article,) = review.articles()
        span = find_quote(article.text, "cost about 12 million dollars")
        claim = claim_edits.create_claim(review, article.id, *span, reviewer="t")
    w = _window(qtbot)
    with qtbot.waitSignal(w.review_shown, timeout=30000):
        w.open_path(str(path))
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    local_web.pages["/bridge"] = Page(article_page(
        "Harbour Bridge to close", [*STORY[:2], STORY[2].replace("12 million", "19 million")]))
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.actions_.check_updates.trigger()
    qtbot.waitUntil(lambda: w.versions_dialog is not None and w.versions_dialog.isVisible(),
                    timeout=30000)
    dialog = w.versions_dialog
    assert _styled(dialog.old_view, "strike") == "12"  # what the new version dropped
    assert _styled(dialog.new_view, "underline") == "19"  # what it added
    assert dialog.changes.count() == 1
    assert claim.id in dialog.changes.item(0).text()
    assert "Version 2, captured" in w.view.area.panes[0].source._full
    assert w.snapshot.edited_note(claim.id).startswith("version 1 said “cost about 12")
    assert "✎ edited at source" in w.claims_model.row(claim.id).display(2)
    assert "1 article changed" in w.statusBar().currentMessage()
    with qtbot.waitSignal(w.review_shown, timeout=30000):
        qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert w.review is not None and w.review.claim_changes() == []
    assert len(w.review.claim_changes(include_dismissed=True)) == 1
    dialog.close()
    w.close()


def test_a_slow_page_is_fetched_in_the_background_and_cancel_stops_it(qtbot, local_web, tmp_path):
    from factdesk.core.progress import Cancelled

    local_web.pages["/slow"] = Page(article_page("Harbour Bridge to close", STORY), delay=60)
    local_web.pages["/bridge"] = Page(article_page("Harbour Bridge to close", STORY))
    w = _window(qtbot)
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.new_review(str(tmp_path / "web.factdesk"), [local_web.url("/bridge")])
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    w.add_articles([local_web.url("/slow")])
    assert w.cancel_button.isVisible()  # the window is free while the page trickles in
    qtbot.waitUntil(lambda: local_web.hits.get("/slow") == 1, timeout=30000)
    with qtbot.waitSignal(w.task_failed, timeout=30000) as failed:
        qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    assert isinstance(failed.args[0], Cancelled)
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30000)
    assert w.review is not None and len(w.review.articles()) == 1  # as before the cancel
    assert w.review.integrity_ok()
    w.close()
