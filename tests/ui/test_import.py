"""Import runs on the worker: drag and drop, progress, cancel, per-file problems; the window
stays responsive throughout."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from factdesk.core.model import Article, ImportProblem, ImportReport, Passage
from factdesk.core.progress import Cancelled
from factdesk.ui import jobs
from factdesk.ui.mainwindow import MainWindow
from factdesk.ui.presenter import load_snapshot


def fake_import(delay: float = 0.0):
    """Stands in for the core importer: one article per file, one passage per line."""

    def run(review, paths, *, progress, cancel):
        report = ImportReport()
        for n, path in enumerate(paths):
            cancel.raise_if_cancelled()
            progress(n, len(paths), f"Reading {Path(path).name}")
            text = Path(path).read_text(encoding="utf-8")
            if not text.strip():
                report.problems.append(ImportProblem(path, "the file is empty"))
                continue
            aid = hashlib.sha256(text.encode()).hexdigest()[:12]
            article = Article(aid, path, text, hashlib.sha256(text.encode()).hexdigest(),
                              outlet=Path(path).stem)
            passages, pos = [], 0
            for i, line in enumerate(text.split("\n")):
                passages.append(Passage(f"{aid}-{i}", aid, i, pos, pos + len(line), line))
                pos += len(line) + 1
            if review.add_article(article, passages):
                report.added.append(article)
            time.sleep(delay)
        return jobs.Opened(review, load_snapshot(review), report)

    return run


def files(tmp_path: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        f = tmp_path / f"outlet{i:02d}.txt"
        f.write_text(f"Story number {i} first line.\nSecond line {i}.", encoding="utf-8")
        out.append(str(f))
    return out


def mime_for(paths: list[str]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    return mime


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent has no QPointF form
def test_drop_event_imports_files(qtbot, window, review, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "import_articles", fake_import())
    mime = mime_for(files(tmp_path, 2))
    enter = QDragEnterEvent(QPoint(500, 300), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(500, 300), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.review_shown, timeout=10000):
        QApplication.sendEvent(window, drop)
    assert len(window.view.area.panes) == 5
    assert review.counts()["articles"] == 5
    assert window.view.area.panes[-1].header.full_text() == "outlet01"


def test_drop_without_review_creates_one(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "import_articles", fake_import())
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.review_shown, timeout=10000):
        assert w.handle_drop(mime_for(files(tmp_path, 3)))
    qtbot.waitUntil(w.settled, timeout=10000)  # panes are made and filled in later turns
    assert w.review is not None and w.review.path is not None
    assert w.review.path.parent == tmp_path / "appdata" / "reviews"
    assert len(w.view.area.panes) == 3
    w.close()


def test_problems_are_listed_not_fatal(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "import_articles", fake_import())
    good = files(tmp_path, 1)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(window.review_shown, timeout=10000):
        window.add_articles([*good, str(empty)])
    dialog = window.problems_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == str(empty)
    assert dialog.table.item(0, 1).text() == "the file is empty"
    assert len(window.view.area.panes) == 4
    dialog.close()


def test_cancel_stops_import_cleanly(qtbot, window, review, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "import_articles", fake_import(delay=0.05))
    paths = files(tmp_path, 40)
    gaps = {"max": 0, "ticks": 0}
    clock = QElapsedTimer()
    clock.start()

    def beat() -> None:
        gaps["max"] = max(gaps["max"], clock.restart())
        gaps["ticks"] += 1

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(10)
    window.add_articles(paths)
    assert window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: review.counts()["articles"] >= 5, timeout=10000)
    with qtbot.waitSignal(window.task_failed, timeout=10000) as failed:
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert isinstance(failed.args[0], Cancelled)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    heartbeat.stop()
    kept = review.counts()["articles"]
    assert 5 <= kept < 43
    assert review.integrity_ok()
    assert len(window.snapshot.articles) == kept  # the window shows what the file holds
    assert not window.cancel_button.isVisible()
    # the GUI thread kept running its timers while files were read: a count, not a time (the
    # longest stall is a figure: benchmarks/gui_startup.py)
    assert gaps["ticks"] >= kept, gaps


def real_articles(tmp_path: Path, n: int) -> list[str]:
    """Articles with real sentences, so the child process reads, segments and aligns them."""
    out = []
    for i in range(n):
        f = tmp_path / f"story{i:02d}.txt"
        body = " ".join(
            f"The council in town {i} voted on item {j} after {j + 3} hours of debate, "
            f"officials said, and {i * j + 7} residents attended the meeting." for j in range(40)
        )
        f.write_text(f"date 2026-03-0{1 + i % 9}\n\nCouncil story {i}\n\n{body}\n",
                     encoding="utf-8")
        out.append(str(f))
    return out


def test_cancel_stops_the_real_child_process_import(qtbot, tmp_path):
    """The real path (jobs.import_articles → a child process): cancel part-way keeps each
    fully imported article, and the window says the alignment is out of date when the child
    was stopped before it re-aligned."""
    from factdesk.core.store import Review

    path = tmp_path / "real.factdesk"
    review = Review.open(path, create=True)
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.set_review(review, load_snapshot(review))
    ticks = {"n": 0}
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.__setitem__("n", ticks["n"] + 1))
    heartbeat.start(10)
    paths = real_articles(tmp_path, 30)
    w.add_articles(paths)
    with Review.open(path, backup=False) as watcher:
        qtbot.waitUntil(lambda: watcher.counts()["articles"] >= 2, timeout=60000)
    with qtbot.waitSignal(w.task_failed, timeout=30000) as failed:
        qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    assert isinstance(failed.args[0], Cancelled)
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30000)
    heartbeat.stop()
    with Review.open(path, backup=False) as check:
        kept = check.counts()["articles"]
        assert 2 <= kept < 30 and check.integrity_ok()
        stale = check.analysis_stale
        whole = {a.id: len(check.passages(a.id)) for a in check.articles()}
    assert all(n > 0 for n in whole.values())
    qtbot.waitUntil(lambda: len(w.snapshot.articles) == kept, timeout=10000)
    assert stale  # stopped while reading files, before the re-alignment at the end
    qtbot.waitUntil(lambda: "alignment out of date" in w.counts_label.text(), timeout=10000)
    assert ticks["n"] >= 3  # the window ran its timers while the child worked
    w.close()
    review.close()


@pytest.mark.parametrize("name", ["review.factdesk"])
def test_drop_review_file_opens_it(qtbot, tmp_path, name):
    from handmade import build_review

    from factdesk.core.store import Review

    path = tmp_path / name
    build_review(Review.open(path, create=True)).close()
    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.review_shown, timeout=10000):
        w.handle_drop(mime_for([str(path)]))
    qtbot.waitUntil(w.settled, timeout=10000)  # panes are made and filled in later turns
    assert [p.article_id for p in w.view.area.panes] == ["a", "b", "c"]
    w.close()


def test_sources_that_name_no_outlet_are_asked_for_a_name(qtbot, tmp_path):
    """Files named by a hash, with no outlet on the page: the window asks once, and the name
    typed is the label everywhere (pane header, articles list), stored as the outlet."""
    from factdesk.ui.mainwindow import MainWindow

    w = MainWindow(remember=False)
    w.ask_names = True
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    paths = []
    for n, hashed in enumerate(("eb5e6c2d4eb4df4a", "46aefff936c348e7")):
        path = tmp_path / f"00{n}_{hashed}.txt"
        path.write_text(f"The council voted on Tuesday to close the old bridge number {n} "
                        "for repairs, the mayor said.\n", encoding="utf-8")
        paths.append(str(path))
    with qtbot.waitSignal(w.review_shown, timeout=60000):
        w.new_review(str(tmp_path / "r.factdesk"), paths)
    qtbot.waitUntil(lambda: w.names_dialog is not None and w.names_dialog.isVisible())
    dialog = w.names_dialog
    assert len(dialog.edits) == 2
    assert w.view.area.panes[0].header.full_text().startswith("Source 000")
    first = w.snapshot.articles[0].id
    dialog.edits[first].setText("Daily Beast")
    dialog.accept()
    qtbot.waitUntil(lambda: w.view.area.panes[0].header.full_text() == "Daily Beast")
    assert w.review.article(first).outlet == "Daily Beast"
    assert w.articles_model.index(0, 0).data() == "Daily Beast"
    assert w.view.area.panes[1].header.full_text().startswith("Source 001")


def test_a_changed_copy_is_added_as_a_new_version_from_the_window(qtbot, tmp_path):
    """QA3 #10, the window's route (File › Add a new version of an article): a changed copy
    saved in another folder becomes the next version of the article the reviewer picked, in
    the import's child process, and the claim on the changed words is flagged."""
    from handmade import file_window

    from factdesk.core import claim_edits
    from factdesk.core.importing import import_files
    from factdesk.core.store import Review

    folder = tmp_path / "src"
    folder.mkdir()
    texts = {"river_post.txt": "The bridge will close for six weeks, the council said. "
                               "About 300 homes were evacuated on Monday.",
             "valley_news.txt": "The council said the bridge closes for eight weeks. "
                                "Some 300 homes were evacuated."}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "r.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, sorted(str(f) for f in folder.iterdir()))
        first = next(a for a in review.articles() if a.path.endswith("river_post.txt"))
        words = "The bridge will close for six weeks"
        at = first.text.index(words)
        claim = claim_edits.create_claim(review, first.id, at, at + len(words),
                                         reviewer="alice")
    changed = tmp_path / "v2" / "river_post.txt"
    changed.parent.mkdir()
    changed.write_text(texts["river_post.txt"].replace("six weeks", "seven weeks"), "utf-8")
    w = file_window(qtbot, path, build=False)
    w.add_version(first.id, str(changed))
    qtbot.waitUntil(lambda: "Version 2" in w.statusBar().currentMessage(), timeout=120_000)
    assert "1 claim flagged as edited" in w.statusBar().currentMessage()
    assert len(w.snapshot.articles) == 2  # no third outlet
    assert w.tagging.book.claims[claim.id].anchor.quote == \
        "The bridge will close for seven weeks"
    w.close()
