"""The review window: docks around the parallel panes, menus, toolbar, status bar, and the
background jobs (open, import, align) with progress and cancel.

The window owns the open :class:`Review`, a :class:`ReviewSnapshot` of it for display, the
single database worker and the undo stack. It never computes: the panes and the details area
are handed what the presenter prepared.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
)

from factdesk import APP_NAME, REVIEW_SUFFIX
from factdesk.core.model import EXACT_JOIN, Article, PassageKind, needs_name
from factdesk.core.progress import Cancelled, CancelToken
from factdesk.ui import gcpause, idlegate, jobs, settings
from factdesk.ui.actions import build_actions
from factdesk.ui.commands import EditArticleCommand, GroupEditCommand, MoveArticleCommand
from factdesk.ui.desk import DeskWatch
from factdesk.ui.dialogs import ImportProblemsDialog, NameSourcesDialog, RestoreBackupDialog
from factdesk.ui.docks import ARTICLES_WIDTH, CLAIMS_WIDTH, build_docks
from factdesk.ui.dockstrip import DockStrips
from factdesk.ui.filewatch import FileWatch
from factdesk.ui.models import (
    ArticleTableModel,
    ClaimTableModel,
    ConflictTableModel,
    GroupTableModel,
)
from factdesk.ui.models.facts import FactTableModel
from factdesk.ui.panes.area import BAND_WIDTH, TIGHT_BAND_WIDTH
from factdesk.ui.panes.pane import STRIP_WIDTH as PANE_STRIP_WIDTH
from factdesk.ui.panes.pane import pane_chrome, pane_font, prose_char_width
from factdesk.ui.panes.turn import turn
from factdesk.ui.presenter import ReviewSnapshot, reading_order
from factdesk.ui.queue_panel import SameFactPanel
from factdesk.ui.reviewview import ReviewView, Selection
from factdesk.ui.room import Chrome, plan_room
from factdesk.ui.tagging import Tagging
from factdesk.ui.workers import TaskRunner

if TYPE_CHECKING:  # the store (sqlite-utils) loads in the worker, not at start
    from factdesk.core.merging import MergeReport
    from factdesk.core.refresh import RefreshReport
    from factdesk.core.store import Review

log = logging.getLogger(__name__)
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md", ".markdown"}


class MainWindow(QMainWindow):
    review_shown = Signal()  # a snapshot has been laid out and painted in the panes
    task_failed = Signal(object)

    def __init__(self, *, remember: bool = True) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.remember = remember  # False for screenshots: neither read nor write QSettings
        self.review: Review | None = None
        self.snapshot: ReviewSnapshot | None = None
        # worker threads hold back while this thread works, and the GIL changes hands sooner
        idlegate.install()
        # Qt objects in garbage cycles are freed here, never by a worker thread's collection
        gcpause.collect_on_gui_thread()
        self.runner = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.cancel_token: CancelToken | None = None
        self.problems_dialog: ImportProblemsDialog | None = None
        self.names_dialog: NameSourcesDialog | None = None
        self.ask_names = remember  # after an import, ask what to call unnamed sources
        self._retired: list[Review] = []
        self._closing = False
        self.saved_at: float | None = None
        self.align_dialog: QDialog | None = None
        self.versions_dialog: QDialog | None = None
        self._ranking = False  # a passage's matches are being ranked for Align with… (L)
        self._watch: DeskWatch | None = None  # other reviewers' edits, on a server review
        self._pending_claims: set[str] = set()
        # other processes' edits of a review file (the command line, another window)
        self.file_watch = FileWatch(self)
        self.review_shown.connect(lambda: self.file_watch.follow(self.review))

        self.view = ReviewView()
        self.view.selection_changed.connect(self.on_selection)
        self.view.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.view.area.splitter_moved.connect(self._save_pane_widths)
        self.view.area.warning_dismissed.connect(self.dismiss_warning)
        self.setCentralWidget(self.view)
        self.articles_model = ArticleTableModel(edit=self._edit_article, parent=self)
        self.groups_model = GroupTableModel(self)
        self.conflicts_model = ConflictTableModel(self)
        self.facts_model = FactTableModel(self)
        self.claims_model = ClaimTableModel(self)
        self.docks = build_docks(self)
        self.strips = DockStrips(self, [self.docks.articles, self.docks.claims])
        self.queue = SameFactPanel(self)
        self.queue_tab = self.docks.tabs.addTab(self.queue, "Same fact?")
        self.queue.count_changed.connect(
            lambda n: self.docks.tabs.setTabText(self.queue_tab, f"Same fact? ({n})"))
        self._fit_key: tuple[object, ...] | None = None
        self.keep_readable = settings.KEEP_READABLE.get() if remember else True
        self._auto_collapsed: set[str] = set()
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(150)
        self._fit_timer.timeout.connect(self.fit_panes)
        self.view.panes_narrowed.connect(self._on_narrowed)
        self.tagging = Tagging(self)
        self.view.area.panes_added.connect(self.tagging.paint_panes)
        if remember and self.tagging.identity.source == "login" and settings.REVIEWER.get():
            from factdesk.core.identity import parse_reviewer

            # a name set in Preferences before identities were kept for the CLI too
            with contextlib.suppress(ValueError):
                self.tagging.identity = parse_reviewer(settings.REVIEWER.get())
        self.actions_ = build_actions(self)
        self._build_status_bar()
        self.runner.busy_changed.connect(self._on_busy)
        self.view.set_hide_boilerplate(self.actions_.hide_boilerplate.isChecked())
        self.resize(1400, 900)
        self.first_start = True  # no size remembered: the window opens maximized
        if remember:
            geometry = settings.GEOMETRY.get()
            self.first_start = geometry.isEmpty()
            if not geometry.isEmpty():
                self.restoreGeometry(geometry)
            state = settings.WINDOW_STATE.get()
            if not state.isEmpty():
                self.restoreState(state)
                self.strips.update()  # a dock closed last time shows its strip
        self.update_status()

    # ------------------------------------------------------------------ status bar
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_task)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.counts_label)
        self.progress.hide()
        self.cancel_button.hide()

    def update_status(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.counts_label.setText("no review open")
            return
        n = snap.counts()
        parts = [_plural(n["articles"], "article"), _plural(n["groups"], "group"),
                 _plural(n["conflicts"], "conflict"),
                 f"{snap.claims.reviewed()} of {_plural(len(snap.claims.claims), 'claim')} "
                 "reviewed"]
        if snap.stale:
            parts.append("alignment out of date (Review › Re-align)")
        if self.saved_at is not None:
            parts.append("saved")
        if self.review is not None and getattr(self.review, "is_server", False):
            parts.append(f"shared: {self.review.address.display}")  # type: ignore[attr-defined]
        self.counts_label.setText(" · ".join(parts))

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        else:
            for old in self._retired:
                old.close()
            self._retired.clear()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        # a long article says itself how far its reading is ("Reading 40 % of …")
        self.progress.setFormat(message[:40] if "%" in message else
                                f"{message[:40]} %p%" if message else "%p%")

    # ------------------------------------------------------------------ jobs
    def run_job(self, fn: Callable[..., jobs.Opened], what: str,
                then: Callable[[], None] | None = None) -> None:
        """Run one job on the database worker; its result replaces what the window shows,
        after which ``then`` runs (say, to select again the passage just edited)."""
        self.cancel_token = CancelToken()
        self.facts_model.hold()  # its result replaces the snapshot whose facts are computed
        self.statusBar().showMessage(what)
        self.runner.run_task(fn, lambda opened: self._job_done(opened, then),
                             self._job_failed, self._on_progress, self.cancel_token)

    def cancel_task(self) -> None:
        self.runner.cancel_all()
        self.statusBar().showMessage("Cancelling…")

    def _job_done(self, opened: jobs.Opened, then: Callable[[], None] | None = None) -> None:
        if self._closing:  # the window closed while the job ran: let go of what it opened
            if opened.review is not self.review:
                opened.review.close()
            return
        self.set_review(opened.review, opened.snapshot)
        if then is not None and opened.review is self.review:
            then()
        if opened.refreshed is not None:
            self._updates_checked(opened.refreshed)
            return
        if opened.merged is not None:
            self._merged(opened.merged)
            return
        report = opened.report
        if report.versions:
            v = report.versions[0]
            edited = len(v.claims_changed) + len(v.claims_vanished)
            self.statusBar().showMessage(
                f"Version {v.version} of {self.snapshot.label(v.article_id)} stored"
                + (f"; {edited} claim{'s' if edited != 1 else ''} flagged as edited"
                   if edited else ""), 10000)
        elif report.added or report.duplicates or report.problems:
            self.statusBar().showMessage(
                f"Added {len(report.added)} articles"
                + (f", {len(report.duplicates)} already there" if report.duplicates else "")
                + (f", {len(report.problems)} could not be read" if report.problems else "")
                + "".join(f" · note: {Path(n.path).name}: {n.reason}" for n in report.notes),
                8000 if not report.notes else 20000)
        else:
            self.statusBar().clearMessage()
        if report.problems:
            self.problems_dialog = ImportProblemsDialog(report.problems, self)
            self.problems_dialog.open()
        unnamed = [a for a in report.added if needs_name(a)]
        if unnamed and self.ask_names and opened.review is self.review:
            self.ask_source_names(unnamed)

    def ask_source_names(self, articles: list[Article]) -> None:
        """Ask once what to call sources that name no outlet (each name one undoable edit)."""
        dialog = NameSourcesDialog(articles, self)
        self.names_dialog = dialog

        def accepted() -> None:
            for aid, name in dialog.names().items():
                if self.snapshot is not None and any(a.id == aid for a in self.snapshot.articles):
                    self._edit_article(aid, "outlet", name)

        dialog.accepted.connect(accepted)
        dialog.open()

    def _job_failed(self, exc: BaseException) -> None:
        if self._closing:
            return
        self.facts_model.release()
        self.task_failed.emit(exc)
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage(
                "Cancelled; each article imported before the cancel is kept", 8000)
            if self.review is not None:  # show what the review holds now
                review = self.review
                self.runner.run_task(lambda **kw: jobs.reload(review, **kw), self._job_done,
                                     self._job_failed)
            return
        self.statusBar().showMessage(str(exc), 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(exc),
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def set_review(self, review: Review, snapshot: ReviewSnapshot) -> None:
        # this turn of the event loop shows the review: what can wait (panes beyond the first,
        # panes to fill, underlines to measure) counts this step's time against the turn's
        turn.has_time()
        # a note typed a moment ago belongs to the claim of the review shown until now
        self.docks.claims_panel.inspector.flush_note()
        if self.review is not None and self.review is not review:
            self._retired.append(self.review)
            self.undo_stack.clear()
            if not self.runner.busy:
                self._on_busy(False)
        self.review = review
        self.snapshot = snapshot
        self.saved_at = None
        self.setWindowTitle(f"{snapshot.title} — {APP_NAME}")
        self.groups_model.set_snapshot(snapshot)
        self.conflicts_model.set_snapshot(snapshot)
        self.facts_model.set_snapshot(snapshot)
        self.view.show_snapshot(snapshot)
        self.tagging.show_review()
        self._restore_pane_widths()
        if self.remember and review.path is not None:
            settings.add_recent(str(review.path))
            settings.LAST_REVIEW.set(str(review.path))
            self.actions_.fill_recent()
        elif self.remember and review.is_server and _no_password(review.location):
            settings.add_recent(review.location)  # File › Recent reopens the shared review
            self.actions_.fill_recent()
        self._watch_desk(review)
        self.update_status()
        self.fit_panes()
        # after the docks are fitted: collapsing the Articles dock sized its table's columns
        # from the new rows' contents (~1,600 data() calls for 50 articles) just to hide them
        self.articles_model.set_snapshot(snapshot)
        self.queue.refresh()
        self.review_shown.emit()

    def settled(self) -> bool:
        """Whether showing the review is done: every pane made, those in view filled, their
        underlines measured and the details drawn (opening leaves these for later turns of
        the event loop; a screenshot waits for them)."""
        return self.view.area.settled() and not turn.urgent

    # ------------------------------------------------------------------ a desk's shared review
    def _watch_desk(self, review: Review) -> None:
        """Listen for other reviewers' edits while a server review is shown (store/server)."""
        if self._watch is not None and self._watch.review is review:
            return
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        if getattr(review, "is_server", False) and not self._closing:
            self._watch = DeskWatch(review, self)  # type: ignore[arg-type]
            self._watch.changed.connect(self._desk_changed)
            self._watch.lost.connect(lambda why: self.statusBar().showMessage(
                f"The server cannot be reached ({why}); other reviewers' edits will show when "
                "it is back", 15000))

    def _desk_changed(self, changes: list[Any]) -> None:
        """Another reviewer committed: show their claims now, reload for anything bigger."""
        review = self.review
        if review is None or self._watch is None or self._watch.review is not review:
            return
        tables = {c.table for c in changes}
        self._pending_claims |= {c.claim_id for c in changes if c.claim_id}
        if tables - {"claims", "evidence", "decisions"} or len(self._pending_claims) > 50:
            self._pending_claims.clear()
            if not self.runner.busy:
                self.run_job(lambda **kw: jobs.reload(review, **kw),
                             "Another reviewer changed the review; showing their changes…")
            return
        self._show_pending_claims()

    def _show_pending_claims(self) -> None:
        if not self._pending_claims or self.review is None:
            return
        if self.runner.busy:  # the worker holds the connection: show them when it is done
            QTimer.singleShot(300, self._show_pending_claims)
            return
        ids, self._pending_claims = sorted(self._pending_claims), set()
        saved_at = self.saved_at  # their edit is not ours to call "saved"
        book, current = self.tagging.book, self.tagging.current
        typing = current in ids and self.docks.claims_panel.inspector.typing_note()
        old_note = book.claims[current].note if typing and book and current in book.claims \
            else None
        for claim_id in ids:
            self.tagging.claim_changed(claim_id)
        self.saved_at = saved_at
        new = self.tagging.book.claims.get(current) if typing and self.tagging.book else None
        if new is not None and old_note is not None and new.note != old_note:
            # the note box keeps what is being typed: say that saving it replaces theirs
            box = QMessageBox(
                QMessageBox.Icon.Information, "Changed by another reviewer",
                f"{new.reviewer or 'Another reviewer'} changed the note of claim {current} "
                "while you were typing. Your text stays in the box and is saved when you stop "
                "typing, replacing theirs; their note is in the claim's History.",
                QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.tagging.refused_box = box
        self.update_status()
        who = {c.reviewer for c in (self.tagging.book.claims.get(i) for i in ids
                                    if self.tagging.book) if c is not None}
        self.statusBar().showMessage(
            f"{', '.join(sorted(who)) or 'Another reviewer'} changed "
            f"{_plural(len(ids), 'claim')}: {', '.join(ids[:5])}", 6000)

    def ask_connect(self) -> None:
        """File › Connect to a shared review: a desk's review on a PostgreSQL server."""
        url, ok = QInputDialog.getText(
            self, "Connect to a shared review",
            "Server review (postgresql://host/database?review=story):")
        url = url.strip()
        if ok and url:
            self.open_path(url)

    # ------------------------------------------------------------------ opening
    def open_path(self, path: str) -> None:
        shared = _is_review_file(path) and "://" in path  # never show a URL's password
        self.run_job(lambda **kw: jobs.open_review(path, **kw),
                     "Connecting to the shared review…" if shared else f"Opening {path}…")

    def open_demo(self) -> None:
        target = str(settings.app_data_dir() / f"demo{REVIEW_SUFFIX}")
        self.run_job(lambda **kw: jobs.open_demo(target, **kw),
                     "Opening the demo review (built on first use)…", self._show_demo_claim)

    def _show_demo_claim(self) -> None:
        """The demo opens on a conflicting claim with its evidence, as the README shows it:
        the passage in its pane, the counterparts level with it, the note and evidence."""
        snap = self.snapshot
        if snap is None:
            return
        from factdesk.core.model import ClaimStatus

        conflicting = [c for c in snap.claims.claims.values()
                       if c.status is ClaimStatus.CONFLICTING]
        if not conflicting:
            return
        first = min(conflicting, key=lambda c: c.id)
        self.docks.claims_panel.select_claim(first.id, announce=True)
        self.docks.claims_panel.inspector.tabs.setCurrentIndex(1)  # Evidence

    def new_review(self, path: str, files: list[str]) -> None:
        self.run_job(lambda **kw: jobs.new_review_from_files(path, files, **kw),
                     f"Creating {os.path.basename(path)}…")

    def add_articles(self, paths: list[str]) -> None:
        """Import into the open review, or into a new untitled one in the app-data folder."""
        if not paths:
            return
        review = self.review
        if review is None:
            folder = settings.app_data_dir() / "reviews"
            folder.mkdir(parents=True, exist_ok=True)
            name = time.strftime("Untitled review %Y-%m-%d %H%M%S") + REVIEW_SUFFIX
            self.new_review(str(folder / name), paths)
            return
        self.run_job(lambda **kw: jobs.import_articles(review, paths, **kw),
                     f"Importing {len(paths)} files…")

    def realign(self, focus: str | None = None,
                then: Callable[[], None] | None = None) -> None:
        """Recompute alignment and conflicts; once shown, select ``focus`` (a passage) again
        and run ``then``."""
        if self.review is not None:
            review = self.review

            def after() -> None:
                if focus is not None:
                    self.view.select_passage(focus)
                if then is not None:
                    then()

            self.run_job(lambda **kw: jobs.realign(review, **kw), "Aligning…", after)

    def open_paths(self, paths: list[str]) -> None:
        """What a drop or the command line hands over: one review file, or articles."""
        if len(paths) == 1 and _is_review_file(paths[0]):
            self.open_path(paths[0])
        else:
            self.add_articles(paths)

    # dialogs (not used by tests, which call the methods above)
    def ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a review", "",
                                              f"factdesk reviews (*{REVIEW_SUFFIX});;All (*)")
        if path:
            self.open_path(path)

    def ask_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New review", "",
                                              f"factdesk reviews (*{REVIEW_SUFFIX})")
        if not path:
            return
        if not path.endswith(REVIEW_SUFFIX):
            path += REVIEW_SUFFIX
        if self.review is not None and self.review.path is not None and Path(path).exists() \
                and Path(path).resolve() == self.review.path.resolve():
            QMessageBox.information(self, APP_NAME, "That review is open: add articles to it "
                                    "with File › Add articles, or choose another name.")
            return
        files, _ = QFileDialog.getOpenFileNames(self, "Articles for the new review", "",
                                                "Articles (*.txt *.html *.htm *.md);;All (*)")
        if not files:
            return
        if Path(path).exists():  # never delete a review: keep the one being replaced aside
            stamp = time.strftime("%Y%m%d-%H%M%S")
            Path(path).replace(Path(path).with_name(f"{Path(path).stem}.replaced-{stamp}"
                                                    f"{REVIEW_SUFFIX}"))
            for side in ("-wal", "-shm"):
                Path(f"{path}{side}").unlink(missing_ok=True)
        self.new_review(path, files)

    def ask_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add articles", "",
                                                "Articles (*.txt *.html *.htm *.md);;All (*)")
        self.add_articles(files)

    def ask_add_version(self) -> None:
        """File › Add a new version of an article: which article (the one in the Articles
        list first), then the changed file."""
        snap = self.snapshot
        if snap is None or self.review is None:
            return
        files = [a for a in snap.articles if "://" not in a.path]
        labels = [f"{snap.label(a.id)} — {a.title[:60]} ({a.id})" for a in files]
        if not labels:
            self.statusBar().showMessage("This review has no article from a file", 6000)
            return
        label, ok = QInputDialog.getItem(self, "Add a new version", "A new version of:",
                                         labels, 0, False)
        if not ok:
            return
        path, _ = QFileDialog.getOpenFileName(self, "The changed copy", "",
                                              "Articles (*.txt *.html *.htm *.md);;All (*)")
        if path:
            self.add_version(files[labels.index(label)].id, path)

    def add_version(self, article_id: str, path: str) -> None:
        """Store ``path`` as the next version of ``article_id`` (``add --version-of``)."""
        review = self.review
        if review is not None:
            self.run_job(lambda **kw: jobs.import_version(review, path, article_id, **kw),
                         f"Adding {os.path.basename(path)} as a new version…")

    def ask_add_urls(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, "Add from URL",
            "Web addresses of the articles, one per line. Each page is fetched in the "
            "background and kept with the review as it was (its capture).")
        if ok:
            self.add_urls_from_text(text)

    def add_urls_from_text(self, text: str) -> bool:
        """Import the web addresses in ``text`` (one per line); a line that is no address is
        named, nothing is fetched until every line is one."""
        urls, bad = urls_in(text)
        if bad:
            QMessageBox.warning(
                self, APP_NAME,
                "Not web addresses (they must start with http:// or https://):\n\n"
                + "\n".join(bad[:10]) + ("\n…" if len(bad) > 10 else ""))
            return False
        if urls:
            self.add_articles(urls)
        return bool(urls)

    # ------------------------------------------------------------------ web versions
    def check_for_updates(self) -> None:
        """Review › Check for updates: re-fetch every web article in the background."""
        review, snap = self.review, self.snapshot
        if review is None or snap is None or not snap.sources:
            self.statusBar().showMessage(
                "No article of this review came from a web address", 6000)
            return
        self.run_job(lambda **kw: jobs.check_for_updates(review, **kw),
                     f"Checking {_plural(len(snap.sources), 'web article')} for updates…")

    def _updates_checked(self, report: RefreshReport) -> None:
        changed, failed = report.changed, report.failed
        flagged = sum(len(c.claims_changed) + len(c.claims_vanished) for c in changed)
        message = (f"{_plural(len(changed), 'article')} changed, "
                   f"{len(report.unchanged)} unchanged"
                   + (f", {_plural(flagged, 'claim')} edited after publication" if flagged else "")
                   + (f", {len(failed)} could not be checked" if failed else ""))
        self.statusBar().showMessage(message, 10000)
        if failed:
            from factdesk.core.model import ImportProblem

            self.problems_dialog = ImportProblemsDialog(
                [ImportProblem(f["url"], f["reason"]) for f in failed], self)
            self.problems_dialog.open()
        if changed:
            self.show_versions(changed[0].article)

    def show_versions(self, article_id: str | None = None, old: int | None = None,
                      new: int | None = None) -> None:
        """The versions of a web article side by side (the selected one, else the first with
        more than one version)."""
        review, snap = self.review, self.snapshot
        if review is None or snap is None:
            return
        if article_id is None:
            pid = self.view.selection.passage_id
            chosen = snap.passage_by_id[pid].article_id if pid in snap.passage_by_id else None
            several = [a for a, s in snap.sources.items() if s.version > 1]
            article_id = chosen if chosen in several else (several[0] if several else chosen)
        if article_id is None or article_id not in snap.sources:
            self.statusBar().showMessage(
                "Select a passage of an article imported from a web address", 6000)
            return
        self.runner.run_task(
            lambda **kw: jobs.compare_versions(review, article_id, old, new, **kw),
            self._show_version_pair, self._job_failed, self._on_progress)

    def _show_version_pair(self, pair: jobs.VersionPair) -> None:
        from factdesk.ui.versions_dialog import VersionsDialog

        snap, review = self.snapshot, self.review
        if snap is None or review is None:
            return
        changes = [c for cs in snap.claim_changes.values() for c in cs
                   if c.article_id == pair.article_id]
        if self.versions_dialog is not None:
            self.versions_dialog.close()
        self.versions_dialog = VersionsDialog(
            pair, snap.label(pair.article_id), changes,
            lambda old, new: self.show_versions(pair.article_id, old, new),
            self.dismiss_claim_change, self)
        self.versions_dialog.show()

    def dismiss_claim_change(self, change_id: int) -> None:
        review = self.review
        if review is not None:
            self._store_then_reload(lambda: review.dismiss_claim_change(change_id),
                                    "Flag dismissed")

    def dismiss_warning(self, article_id: str) -> None:
        review = self.review
        if review is not None:
            self._store_then_reload(lambda: review.dismiss_warning(article_id),
                                    "Warning dismissed")

    def _store_then_reload(self, write: Callable[[], None], done: str) -> None:
        review = self.review
        assert review is not None

        def work(**kw: Any) -> jobs.Opened:
            write()  # one transaction, committed before the window says so
            return jobs.reload(review, **kw)

        self.run_job(work, "Saving…", lambda: self.statusBar().showMessage(done, 5000))

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if local_paths(event.mimeData()) or web_links(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.handle_drop(event.mimeData()):
            event.acceptProposedAction()

    def handle_drop(self, mime: QMimeData) -> bool:
        """Files open or import; links dropped from a browser are fetched and imported."""
        paths = local_paths(mime)
        links = web_links(mime)
        if paths and not links:
            self.open_paths(paths)
        elif paths or links:
            self.add_articles([*paths, *links])
        return bool(paths or links)

    # ------------------------------------------------------------------ edits
    def _edit_article(self, article_id: str, field: str, value: Any) -> bool:
        if self.review is None or self.snapshot is None:
            return False
        article = self.snapshot.article(article_id)
        old = article_id in self.snapshot.hidden if field == "hidden" \
            else getattr(article, field)
        if old == value:
            return False
        changed = self._date_changed if field == "published" else self._article_changed
        self.undo_stack.push(EditArticleCommand(self.review, article_id, field, old, value,
                                                changed))
        return True

    def _date_changed(self, article_id: str) -> None:
        """A date edit (or its undo) committed: show it, then check the review again in the
        background, since every weekday of that article may now mean another day."""
        self._article_changed(article_id)
        review = self.review
        if review is not None:
            self.run_job(lambda **kw: jobs.recheck(review, **kw),
                         "Checking dates and conflicts again…", self._mark_saved)

    def move_selected_article(self, step: int) -> None:
        table = self.docks.article_table
        index = table.currentIndex()
        if self.review is None or not index.isValid():
            return
        row = index.row()
        target = row + step
        if not 0 <= target < self.articles_model.rowCount():
            return
        aid = self.articles_model.article_id(row)
        self.undo_stack.push(MoveArticleCommand(self.review, aid, row, target,
                                                self._article_changed))
        table.selectRow(self.articles_model.row_of(aid))

    def _article_changed(self, article_id: str) -> None:
        """Re-read one article after its edit committed, then show it."""
        assert self.review is not None and self.snapshot is not None
        snap = self.snapshot
        snap.replace_article(self.review.article(article_id), self.review.is_hidden(article_id))
        snap.reorder([a.id for a in self.review.articles()])
        self.saved_at = time.monotonic()
        self.articles_model.set_snapshot(snap)
        self.facts_model.set_snapshot(snap)  # a hidden article leaves the columns
        self.view.show_snapshot(snap)
        self.tagging.show_review()  # panes may now show other articles; labels may change
        self.queue.refresh()  # no question about a hidden article; labels may change
        self.update_status()
        self.fit_panes()

    # ------------------------------------------------------------------ room for the panes
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_timer.start()

    def fit_panes(self) -> None:
        """Give the panes room for about 45 characters a line (ui/room.py): collapse the
        Articles dock, then the Claims dock, to their strips; then condensed text and slim
        bands; then narrow the panes beyond those that fit to their overview strips (a wire
        copy of another shown outlet first, then the last ones; never the pane being read nor
        one the reader widened). What was collapsed or narrowed comes back when it fits again.
        A dock the reader opened or closed stays so until the panes or the width change."""
        view = self.view
        snap = self.snapshot
        panes = view.area.visible_panes() if snap is not None else []
        if snap is None or not panes:
            return
        # every shown article, its pane made yet or not: a big review makes its panes in
        # slices after this, and the plan must be the one the finished review gets
        ids = [a.id for a in snap.articles if a.id not in snap.hidden]
        chosen = (set(ids) - set(view.comparing)) if view.comparing is not None \
            else view.narrowed & set(ids)
        keep = self.keep_readable and view.comparing is None
        key = (tuple(ids), frozenset(chosen), tuple(view.wanted_wide), self.width(), keep)
        if key == self._fit_key:
            return
        self._fit_key = key
        if len(chosen) == len(ids):
            return
        base = panes[0].view.font()
        plan = plan_room(
            self.width(), len(ids) - len(chosen), len(chosen),
            [("articles", ARTICLES_WIDTH), ("claims", CLAIMS_WIDTH)],
            prose_char_width(pane_font(base, False)), prose_char_width(pane_font(base, True)),
            Chrome(pane_chrome(False), BAND_WIDTH, PANE_STRIP_WIDTH),
            Chrome(pane_chrome(True), TIGHT_BAND_WIDTH, PANE_STRIP_WIDTH),
            auto_narrow=keep)
        docks = {"articles": self.docks.articles, "claims": self.docks.claims}
        # comparing two, the docks stay as they were: the two outlets keep the room they had
        for name, dock in docks.items() if view.comparing is None else ():
            if name in plan.collapse and not dock.isHidden():
                dock.hide()
                self._auto_collapsed.add(name)
            elif name not in plan.collapse and name in self._auto_collapsed:
                self._auto_collapsed.discard(name)
                dock.show()
        if plan.tight != view.area.tight:
            view.area.set_tight(plan.tight)
        view.set_auto_narrowed(self._panes_to_narrow(
            [i for i in ids if i not in chosen], len(ids) - len(chosen) - plan.wide))
        self.strips.update()

    def _panes_to_narrow(self, wide: list[str], count: int) -> set[str]:
        """Which of the ``wide`` panes go to strips for room: never the pane being read, nor
        the one the reader widened last; a pane that repeats another shown outlet's wire copy
        first, then the last ones, then those the reader widened earlier (oldest first)."""
        if count <= 0 or self.snapshot is None:
            return set()
        view = self.view
        keep = {view.current_article(), *view.wanted_wide[-1:]}
        shown = set(wide)
        copies = {d.article for d in self.snapshot.dependences if d.source in shown}
        wanted = view.wanted_wide
        order = sorted(
            (aid for aid in wide if aid not in keep),
            key=lambda aid: (aid in wanted, wanted.index(aid) if aid in wanted else 0,
                             aid not in copies, -wide.index(aid)))
        return set(order[:count])

    def set_keep_readable(self, keep: bool) -> None:
        """View › Keep lines readable: narrow panes beyond those that fit at about 45
        characters, or show every outlet wide at shorter lines."""
        self.keep_readable = keep
        if self.remember:
            settings.KEEP_READABLE.set(keep)
        if not keep:
            self.view.set_auto_narrowed(set())
        self.fit_panes()

    def _on_narrowed(self) -> None:
        if hasattr(self, "actions_"):  # the first review is shown after the menus are built
            self.actions_.compare.setChecked(self.view.comparing is not None)
        # at once, not after the timer: a strip swapped in finds its room in the same paint
        self.fit_panes()

    def compare_two(self) -> None:
        """View › Compare two: any two outlets wide, the others narrowed to their strips; the
        same action again shows them all."""
        snap = self.snapshot
        # the menu entry is ticked while two are compared; Qt ticked it on the click already
        self.actions_.compare.setChecked(self.view.comparing is not None)
        if self.view.comparing is not None:
            self.view.stop_comparing()
            return
        if snap is None or len(snap.visible_articles()) < 2:
            self.statusBar().showMessage("Compare two needs two articles shown", 5000)
            return
        shown = snap.visible_articles()
        dialog = QDialog(self)
        dialog.setWindowTitle("Compare two outlets")
        form = QFormLayout(dialog)
        boxes = [QComboBox(dialog), QComboBox(dialog)]
        for box in boxes:
            for article in shown:
                box.addItem(snap.label(article.id), article.id)
        # the outlet being read, and the next one that reports the same fact
        pid = self.view.selection.passage_id
        first = snap.passage_by_id[pid].article_id if pid in snap.passage_by_id else shown[0].id
        ids = [a.id for a in shown]
        second = ids[(ids.index(first) + 1) % len(ids)] if first in ids else ids[1]
        group = snap.group(self.view.selection.group_id or "")
        if group is not None:
            others = [snap.passage_by_id[p].article_id for p in group.passage_ids
                      if p in snap.passage_by_id]
            second = next((a for a in others if a != first and a in ids), second)
        boxes[0].setCurrentIndex(max(0, boxes[0].findData(first)))
        boxes[1].setCurrentIndex(max(0, boxes[1].findData(second)))
        form.addRow("Left:", boxes[0])
        form.addRow("Right:", boxes[1])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)

        def chosen() -> None:
            a, b = boxes[0].currentData(), boxes[1].currentData()
            if a == b:
                self.statusBar().showMessage("Choose two different outlets", 5000)
                return
            self.view.compare_two(a, b)

        dialog.accepted.connect(chosen)
        dialog.open()
        self.compare_dialog = dialog

    # ------------------------------------------------------------------ hand alignment
    def align_selected_with(self) -> None:
        """Align with… (L): rank where the selected passage may belong, then offer the list."""
        snap, review, pid = self.snapshot, self.review, self.view.selection.passage_id
        if snap is None or review is None or pid is None or pid not in snap.passage_by_id:
            self.statusBar().showMessage("Select a passage first (click it in a pane)", 5000)
            return
        if snap.passage_by_id[pid].kind == PassageKind.HEADING:
            self.statusBar().showMessage("Headings are not aligned: they report no fact", 5000)
            return
        if self._ranking or (self.align_dialog is not None and self.align_dialog.isVisible()):
            return  # one list at a time (a second L while the first is being ranked)
        self._ranking = True
        passages = reading_order(snap)
        self.cancel_token = CancelToken()
        self.statusBar().showMessage("Finding likely matches…")
        self.runner.run_task(lambda **kw: jobs.rank_matches(review, passages, pid, **kw),
                             lambda ranked: self._offer_matches(review, pid, ranked),
                             self._ranking_failed, self._on_progress, self.cancel_token)

    def _ranking_failed(self, exc: BaseException) -> None:
        self._ranking = False
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage("Cancelled", 5000)
        else:
            self._job_failed(exc)

    def _offer_matches(self, review: Review, pid: str, ranked: list[tuple[str, float]],
                       *, brought_up_to_date: bool = False) -> None:
        """Show the ranked places. The ranking is keyed by passage id, so it still holds when
        a re-alignment finished meanwhile; the options are built from the groups shown now."""
        from factdesk.core.align.regroup import join_edit, match_options
        from factdesk.ui.regroup_dialog import AlignWithDialog

        snap = self.snapshot
        if self._closing or review is not self.review or snap is None \
                or pid not in snap.passage_by_id:
            self._ranking = False
            if not self._closing:
                self.statusBar().showMessage("The review changed; press L again", 5000)
            return
        if snap.stale and not brought_up_to_date:
            # stored edits are not in these groups yet: a join anchored on them could land
            # elsewhere once replayed, so the groups are brought up to date first
            self._ranking = False
            self.realign(pid, then=lambda: self._offer_matches(review, pid, ranked,
                                                               brought_up_to_date=True))
            return
        self._ranking = False
        self.statusBar().clearMessage()
        options = match_options(pid, snap.groups, ranked,
                                {p.id: p for p in reading_order(snap)}, snap.hidden)
        if not options:
            self.statusBar().showMessage("No passage of another article to align it with",
                                         5000)
            return
        dialog = AlignWithDialog(snap, pid, options, self)
        self.align_dialog = dialog

        def chosen() -> None:
            option = dialog.chosen()
            if option is None:
                return
            if self.review is not review or self.snapshot is not snap:
                self.statusBar().showMessage(
                    "The alignment changed while the list was open; press L again", 6000)
                return
            if option.group_id is not None:
                where = f"group {snap.group_number[option.group_id]}"
            else:
                lone = snap.passage_by_id[option.anchor]
                where = f"a new group with {snap.label(lone.article_id)}"
            self._edit_groups(EXACT_JOIN, join_edit(pid, option), pid,
                              f"Align passage with {where}")

        dialog.accepted.connect(chosen)
        dialog.open()

    def take_out_of_group(self) -> None:
        """Take the selected passage out of every group it is in (Shift+L)."""
        snap, pid = self.snapshot, self.view.selection.passage_id
        if snap is None or self.review is None or pid is None:
            self.statusBar().showMessage("Select a passage first (click it in a pane)", 5000)
            return
        if not snap.groups_of_passage.get(pid):
            self.statusBar().showMessage("This passage is in no group", 5000)
            return
        self._edit_groups("remove", [pid], pid, "Take passage out of its group")

    def _edit_groups(self, op: str, passages: list[str], focus: str, text: str) -> None:
        """Store the edit now (one transaction; a refused write is reported and nothing is
        pushed), then re-align in the background and select the passage again."""
        review = self.review
        assert review is not None
        try:
            edit = review.add_group_edit(op, passages)
        except Exception as exc:  # a read-only or damaged file: say so, change nothing
            log.warning("%s failed", text, exc_info=exc)
            self.statusBar().showMessage(f"{text}: {exc}", 8000)
            return

        def changed() -> None:
            self.realign(focus, then=self._mark_saved)

        self.undo_stack.push(GroupEditCommand(text, review, op, passages, edit.id, changed))

    def open_queue(self) -> None:
        """The "Same fact?" queue (Q): its tab in the details area, with the keyboard, the
        panes at its first question."""
        self.docks.details_dock.show()
        self.docks.details_dock.raise_()
        self.docks.tabs.setCurrentWidget(self.queue)
        self.queue.setFocus()
        self.queue.show_next()

    def mark_saved(self) -> None:
        self._mark_saved()

    def _mark_saved(self) -> None:
        self.saved_at = time.monotonic()
        self.update_status()

    # ------------------------------------------------------------------ selection
    def on_selection(self, selection: Selection) -> None:
        details = self.docks.details
        snap = self.snapshot
        conflict = next((c for c in snap.conflicts if c.id == selection.conflict_id), None) \
            if snap else None
        if snap is not None and (selection.group_id is not None or conflict is not None):
            details.show_group(snap, selection.group_id, selection.passage_id,
                               conflict.passages if conflict else ())
        else:
            details.clear()
            if selection.passage_id is not None:
                details.summary.setText("This passage is not aligned with any other outlet. "
                                        "Press L to align it with a group by hand.")
        # the status bar's counts do not depend on the selection: not recounted on every J
        # (reviewed claims were counted afresh, 7 ms a press with 10,000 claims)
        self.tagging.on_selection()

    # ------------------------------------------------------------------ settings
    def _save_pane_widths(self) -> None:
        if self.remember:
            settings.PANE_WIDTHS.set([str(s) for s in self.view.area.splitter.sizes()])

    def _restore_pane_widths(self) -> None:
        widths = [int(w) for w in settings.PANE_WIDTHS.get() if str(w).isdigit()] \
            if self.remember else []
        splitter = self.view.area.splitter
        if widths and len(widths) == splitter.count():
            splitter.setSizes(widths)

    def show_preferences(self, first_run: bool = False) -> None:
        """Edit › Preferences: who is reviewing (name, e-mail, role); asked once at the first
        start. Kept with the core's identity file, so `factdesk` commands sign the same."""
        from factdesk.core.identity import Reviewer, login_name, save_reviewer
        from factdesk.ui.dialogs import PreferencesDialog

        current = self.tagging.identity
        dialog = PreferencesDialog(None if current.source == "login" else current,
                                   login_name(), self, first_run=first_run)

        def accepted() -> None:
            chosen = dialog.reviewer()
            self.tagging.identity = chosen or Reviewer(login_name(), source="login")
            if self.remember and chosen is not None:
                try:
                    save_reviewer(chosen)
                except OSError as exc:
                    QMessageBox.warning(self, APP_NAME, f"Your name could not be kept for the "
                                        f"next start: {exc}")
            self.tagging.show_review()
            self.statusBar().showMessage(
                f"Edits are now signed “{self.tagging.reviewer}” ({self.tagging.identity.role})",
                5000)

        dialog.accepted.connect(accepted)
        dialog.open()
        self.preferences_dialog = dialog

    def ask_identity_once(self) -> None:
        """The first start asks who is reviewing (once: Cancel keeps the login name until
        Preferences)."""
        from factdesk.core.identity import load_reviewer

        if self.remember and load_reviewer() is None and self.tagging.identity.source == "login":
            self.show_preferences(first_run=True)

    # ------------------------------------------------------------------ merging
    def ask_merge(self) -> None:
        """File › Merge reviews…: other reviewers' files of this story into this review."""
        if self.review is None or self.review.path is None:
            QMessageBox.information(self, APP_NAME, "Open the review to merge into first.")
            return
        files, _ = QFileDialog.getOpenFileNames(
            self, "Merge reviews of this story into this one", str(self.review.path.parent),
            f"factdesk reviews (*{REVIEW_SUFFIX});;All (*)")
        self.merge_reviews(files)

    def merge_reviews(self, paths: list[str]) -> None:
        review = self.review
        if review is None or not paths:
            return
        own = review.path.resolve() if review.path is not None else None
        paths = [p for p in paths if Path(p).resolve() != own]
        if not paths:
            self.statusBar().showMessage("That is this review itself: nothing to merge", 6000)
            return
        self.tagging.inspector.flush_note()
        self.run_job(lambda **kw: jobs.merge_reviews(review, paths, **kw),
                     f"Merging {_plural(len(paths), 'review')}…")

    def _merged(self, report: MergeReport) -> None:
        book = self.snapshot.claims if self.snapshot is not None else None
        disagree = book.disagreements() if book is not None else 0
        self.statusBar().showMessage(
            f"Merged: {report.describe()}"
            + (f" · {_plural(disagree, 'claim')} the reviewers disagree on "
               "(the ≠ Disagreements filter)" if disagree else "")
            + (" · the \"Same fact?\" queue (Q) asks the disputed pairs first"
               if report.answers_differing else ""), 15000)
        if disagree:
            self.docks.claims_panel.set_disagreements_filter(True)

    # ------------------------------------------------------------------ backups
    def ask_restore_backup(self) -> None:
        from factdesk.core.store.backups import list_backups

        review = self.review
        if review is None or review.path is None:
            QMessageBox.information(self, APP_NAME, "Open a review file first.")
            return
        backups = list_backups(review.path)
        if not backups:
            QMessageBox.information(
                self, APP_NAME, "This review has no backups yet: factdesk keeps one each time "
                "a review is opened (at most one every ten minutes).")
            return
        dialog = RestoreBackupDialog(backups, self)
        path = review.path

        def accepted() -> None:
            chosen = dialog.chosen()
            if chosen is not None:
                self.restore_backup(path, chosen.path)

        dialog.accepted.connect(accepted)
        dialog.open()
        self.restore_dialog = dialog

    def restore_backup(self, review_path: Path, backup_path: Path) -> None:
        """Close every connection this window holds, restore, and reopen the review.

        The restore refuses while any connection is open, so pending work and the note being
        typed are finished first; the undo history ends here, as the file it describes is gone.
        """
        from factdesk.core.store import ReviewFileError
        from factdesk.core.store.backups import restore_backup

        self.docks.claims_panel.inspector.flush_note()
        self.runner.cancel_all()
        self.runner.wait(10000)
        self.facts_model.wait()
        for review in [*self._retired, *([self.review] if self.review else [])]:
            review.close()
        self._retired.clear()
        self.review = None
        self.undo_stack.clear()
        try:
            restore_backup(review_path, backup_path)
            self.statusBar().showMessage(f"Restored {backup_path.name}; the state before it was "
                                         "kept beside the review", 10000)
        except ReviewFileError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
        self.open_path(str(review_path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # a note typed a moment ago is saved before anything closes
        self.docks.claims_panel.inspector.flush_note()
        self._closing = True
        self.file_watch.stop()
        if self._watch is not None:
            self._watch.stop()
        self.runner.cancel_all()
        self.runner.wait(10000)
        self.facts_model.wait()
        if self.remember:
            settings.GEOMETRY.set(self.saveGeometry())
            settings.WINDOW_STATE.set(self.saveState())
            self._save_pane_widths()
        for review in [*self._retired, *([self.review] if self.review else [])]:
            review.close()
        self._retired.clear()
        self.review = None
        super().closeEvent(event)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def local_paths(mime: QMimeData) -> list[str]:
    return [u.toLocalFile() for u in mime.urls() if isinstance(u, QUrl) and u.isLocalFile()]


def web_links(mime: QMimeData) -> list[str]:
    """http(s) links in a drop: a browser gives them as URLs, some as plain text only."""
    links = [u.toString() for u in mime.urls()
             if isinstance(u, QUrl) and u.scheme().lower() in ("http", "https")]
    if not links and mime.hasText():
        links, bad = urls_in(mime.text())
        if bad:
            return []
    return list(dict.fromkeys(links))


def urls_in(text: str) -> tuple[list[str], list[str]]:
    """The web addresses in ``text``, one per line (blank lines skipped), and the lines that
    are not one."""
    from factdesk.core.read.fetch import is_url

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    urls = [line for line in lines if is_url(line)]
    return list(dict.fromkeys(urls)), [line for line in lines if not is_url(line)]


def _no_password(url: str) -> bool:
    """Whether a server URL can be kept in the settings (no password in it)."""
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(url)
    return parts.password is None and "password" not in dict(parse_qsl(parts.query))


def _is_review_file(path: str) -> bool:
    if path.lower().startswith(("postgresql://", "postgres://")):  # a desk's shared review
        return True
    if path.endswith(REVIEW_SUFFIX):
        return True
    if Path(path).suffix.lower() in ARTICLE_SUFFIXES:
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False

