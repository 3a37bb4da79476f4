"""Menus, toolbar and shortcuts. Navigation and tagging use single keys (J/K, N/P, U, C, 1/2/3,
0, A, E, G, M) as in UX.md, all listed in :mod:`factdesk.ui.keysheet` (Help › Keyboard, ?);
they are window-wide shortcuts, the read-only panes never take letters as input, and the text
fields (find, note, search) keep every key they type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
)

from factdesk import APP_NAME
from factdesk.core.model import ClaimStatus, EvidenceRelation
from factdesk.ui import settings
from factdesk.ui.claimbook import GLYPH
from factdesk.ui.palette import apply_theme
from factdesk.ui.panes import PassageView

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMenuBar, QStatusBar

    from factdesk.core.store import Review
    from factdesk.ui.docks import Docks
    from factdesk.ui.presenter import ReviewSnapshot
    from factdesk.ui.reviewview import ReviewView, Selection
    from factdesk.ui.tagging import Tagging


class ActionsHost(Protocol):
    """The window the actions drive (the main window is one): each menu entry calls one of these
    intents. The actions never import the window."""

    remember: bool
    keep_readable: bool
    review: Review | None
    snapshot: ReviewSnapshot | None
    view: ReviewView
    docks: Docks
    tagging: Tagging
    undo_stack: QUndoStack

    def ask_new(self) -> None: ...
    def ask_open(self) -> None: ...
    def ask_connect(self) -> None: ...
    def ask_add(self) -> None: ...
    def ask_add_urls(self) -> None: ...
    def ask_add_version(self) -> None: ...
    def check_for_updates(self) -> None: ...
    def ask_merge(self) -> None: ...
    def show_versions(self) -> None: ...
    def open_demo(self) -> None: ...
    def open_path(self, path: str) -> None: ...
    def ask_restore_backup(self) -> None: ...
    def show_preferences(self) -> None: ...
    def align_selected_with(self) -> None: ...
    def take_out_of_group(self) -> None: ...
    def open_queue(self) -> None: ...
    def realign(self, focus: str | None = None) -> None: ...
    def move_selected_article(self, step: int) -> None: ...
    def compare_two(self) -> None: ...
    def set_keep_readable(self, keep: bool) -> None: ...
    def on_selection(self, selection: Selection) -> None: ...
    def close(self) -> bool: ...
    def addAction(self, action: QAction) -> None: ...
    def addToolBar(self, toolbar: QToolBar) -> None: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...


class WindowActions:
    def __init__(self, w: ActionsHost) -> None:
        self.window = w
        view = w.view

        def act(text: str, slot: object, shortcut: str | QKeySequence.StandardKey | None = None,
                tip: str = "") -> QAction:
            a = QAction(text, w)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(f"{tip} ({a.shortcut().toString()})" if shortcut else tip)
            a.triggered.connect(slot)  # type: ignore[arg-type]
            w.addAction(a)
            return a

        self.new = act("&New review…", w.ask_new, QKeySequence.StandardKey.New,
                       "Create a review from article files")
        self.open = act("&Open review…", w.ask_open, QKeySequence.StandardKey.Open,
                        "Open a review file")
        self.connect = act("&Connect to a shared review…", w.ask_connect, None,
                           "Open a desk's review on a PostgreSQL server "
                           "(postgresql://host/db?review=story)")
        self.add = act("&Add articles…", w.ask_add, "Ctrl+I",
                       "Import articles into this review (or drop files on the window)")
        self.add_url = act("Add from &URL…", w.ask_add_urls, "Ctrl+Shift+I",
                           "Fetch articles from web addresses, one per line (or drop links "
                           "from a browser); each page is kept as captured")
        self.add_version = act("Add a new &version of an article…", w.ask_add_version, None,
                               "A changed copy of an article saved elsewhere: its claims are "
                               "found again in the new text (factdesk add --version-of)")
        self.check_updates = act("Check web articles for &updates", w.check_for_updates,
                                 "Ctrl+Shift+U",
                                 "Re-fetch every web article; where its text changed, keep the "
                                 "new version and flag the claims whose words changed")
        self.versions = act("Compare &versions…", lambda: w.show_versions(), None,
                            "The selected web article's versions side by side, word by word")
        self.demo = act("Open the &demo review", w.open_demo, None,
                        "The bundled fictional demo review")
        self.export = act("&Export report…", self._export, "Ctrl+E",
                          "Write an annotated report: HTML, PDF, Markdown, CSV, JSON, ClaimReview")
        self.merge = act("&Merge reviews…", w.ask_merge, None,
                         "Bring other reviewers' files of this story into this review: each "
                         "claim keeps every reviewer's decision side by side")
        self.restore = act("Restore from &backup…", w.ask_restore_backup, None,
                           "Replace the review with one of its automatic backups")
        self.quit = act("&Quit", w.close, QKeySequence.StandardKey.Quit)
        self.undo = w.undo_stack.createUndoAction(w, "&Undo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = w.undo_stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find = act("&Find in all articles…", view.show_find, QKeySequence.StandardKey.Find,
                        "Find")
        self.next_group = act("Next group", lambda: view.step_group(1), "J", "Next group")
        self.prev_group = act("Previous group", lambda: view.step_group(-1), "K",
                              "Previous group")
        self.next_conflict = act("Next conflict", lambda: view.step_conflict(1), "N",
                                 "Next conflict")
        self.prev_conflict = act("Previous conflict", lambda: view.step_conflict(-1), "P",
                                 "Previous conflict")
        tagging = w.tagging
        self.next_unreviewed = act(
            "Next unreviewed", tagging.next_unreviewed, "U",
            "Next unreviewed claim or suggested passage")
        self.new_claim = act("New &claim from selection", tagging.new_claim_from_selection, "C",
                             "Make a claim of the words selected in an article")
        self.status_actions: dict[ClaimStatus, QAction] = {}
        for status, key in ((ClaimStatus.CONFIRMED, "1"), (ClaimStatus.CONFLICTING, "2"),
                            (ClaimStatus.UNSOURCED, "3"), (ClaimStatus.UNREVIEWED, "0")):
            self.status_actions[status] = act(
                f"{GLYPH[status]} Mark {status}", lambda _=False, s=status: tagging.set_status(s),
                key, f"Mark the current claim {status}")
        self.status_actions[ClaimStatus.UNREVIEWED].setShortcuts(
            [QKeySequence("0"), QKeySequence("Backspace")])
        self.delete_claim = act("&Delete claim", tagging.delete_claim, "Delete",
                                "Delete the current claim (undo brings it back with its evidence)")
        self.evidence_supports = act(
            "Add selection as &supporting evidence",
            lambda: tagging.add_selection_as_evidence(EvidenceRelation.SUPPORTS), "E",
            "Link the words selected in another article as supporting the current claim")
        self.evidence_contradicts = act(
            "Add selection as c&ontradicting evidence",
            lambda: tagging.add_selection_as_evidence(EvidenceRelation.CONTRADICTS), "Shift+E",
            "Link the words selected in another article as contradicting the current claim")
        self.group_evidence = act(
            "Add &group as evidence", tagging.add_group_evidence, "G",
            "Every counterpart of the claim's passage as evidence (conflicting ones contradict)")
        self.accept_suggestion = act("&Accept suggestion", tagging.accept_suggestion, "A",
                                     "Make a claim of the selected passage with its suggested "
                                     "status")
        self.preferences = act("&Preferences…", w.show_preferences,
                               QKeySequence.StandardKey.Preferences,
                               "Your reviewer name, e-mail and role, signed on every edit")
        self.settle = act("&Settle claim…", tagging.settle_current, "S",
                          "An editor's decision on the current claim, with why: it settles "
                          "what the reviewers disagree on")
        self.align_with = act("A&lign passage with…", w.align_selected_with, "L",
                              "Put the selected passage into a group by hand (likely groups "
                              "first); kept across re-alignment")
        self.take_out = act("&Take passage out of its group", w.take_out_of_group, "Shift+L",
                            "The selected passage reports another fact: take it out of its "
                            "group (kept across re-alignment)")
        self.same_fact = act("&Same fact? queue", w.open_queue, "Q",
                             "Answer whether two passages report the same fact, the pairs the "
                             "alignment is least sure of first (Y / N / S); it learns from "
                             "each answer")
        PassageView.context_actions = [self.new_claim, self.evidence_supports,
                                       self.evidence_contradicts, self.accept_suggestion,
                                       self.align_with, self.take_out]
        self.realign = act("&Re-align", lambda: w.realign(), "Ctrl+R",
                           "Recompute alignment and conflicts")
        self.move_up = act("Move article up", lambda: w.move_selected_article(-1), "Alt+Up",
                           "Move the selected article (and its pane) left")
        self.move_down = act("Move article down", lambda: w.move_selected_article(1),
                             "Alt+Down", "Move the selected article (and its pane) right")
        self.hide_boilerplate = act("Hide boilerplate", self._toggle_boilerplate, "Ctrl+B",
                                    "Hide boilerplate paragraphs instead of dimming them")
        self.hide_boilerplate.setCheckable(True)
        self.compare = act("&Compare two outlets…", w.compare_two, "Ctrl+2",
                           "Two outlets wide, the others narrowed to their overview strips "
                           "(again: show all)")
        self.compare.setCheckable(True)
        self.narrow_pane = act("&Narrow this pane to its strip", view.narrow_current, "[",
                               "The pane you are reading narrows to its overview strip; the "
                               "room goes to the others")
        self.widen_panes = act("&Widen narrowed panes", view.widen_all, "]",
                               "The panes you narrowed (or all but two compared) wide again")
        self.keep_readable = act(
            "&Keep lines readable", lambda: w.set_keep_readable(self.keep_readable.isChecked()),
            None, "With six or more outlets, narrow the panes that do not fit at about 45 "
            "characters a line to their overview strips (off: every outlet wide, shorter lines)")
        self.keep_readable.setCheckable(True)
        self.keep_readable.setChecked(w.keep_readable)
        self.hide_boilerplate.setChecked(settings.HIDE_BOILERPLATE.get() if w.remember else False)
        self.about = act("&About", self._about)
        self.keys = act("&Keyboard and mouse…", self.show_keys, "?",
                        "Every key and mouse action in one sheet")
        self.keys.setShortcuts([QKeySequence("?"),
                                QKeySequence(QKeySequence.StandardKey.HelpContents)])
        self.edit_note = act("Edit the claim's &note", tagging.edit_note, "M",
                             "Type the reasoning for the current claim (Esc: back to the panes)")
        self.keys_dialog: QDialog | None = None

        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        for a in (self.new, self.open, self.connect, self.add, self.add_url, self.add_version):
            file_menu.addAction(a)
        self.recent_menu = QMenu("Open &recent", w)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.demo)
        file_menu.addSeparator()
        file_menu.addAction(self.merge)
        file_menu.addAction(self.export)
        file_menu.addAction(self.restore)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(self.undo)
        edit.addAction(self.redo)
        edit.addSeparator()
        edit.addAction(self.find)
        edit.addSeparator()
        edit.addAction(self.preferences)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.hide_boilerplate)
        view_menu.addAction(self.compare)
        view_menu.addAction(self.narrow_pane)
        view_menu.addAction(self.widen_panes)
        view_menu.addAction(self.keep_readable)
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(w)
        current = settings.THEME.get() if w.remember else "system"
        for name in ("system", "light", "dark"):
            a = QAction(name.capitalize(), w, checkable=True)
            a.setChecked(name == current)
            a.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_group.addAction(a)
            theme_menu.addAction(a)
        view_menu.addSeparator()
        for dock in (w.docks.articles, w.docks.details_dock, w.docks.claims):
            view_menu.addAction(dock.toggleViewAction())
        review = bar.addMenu("&Review")
        for a in (self.next_group, self.prev_group, self.next_conflict, self.prev_conflict,
                  self.next_unreviewed):
            review.addAction(a)
        review.addSeparator()
        for a in (self.new_claim, *self.status_actions.values(), self.accept_suggestion,
                  self.settle, self.delete_claim):
            review.addAction(a)
        review.addSeparator()
        for a in (self.edit_note, self.group_evidence, self.evidence_supports,
                  self.evidence_contradicts):
            review.addAction(a)
        review.addSeparator()
        for a in (self.align_with, self.take_out, self.same_fact, self.realign):
            review.addAction(a)
        review.addSeparator()
        for a in (self.check_updates, self.versions):
            review.addAction(a)
        review.addSeparator()
        for a in (self.move_up, self.move_down):
            review.addAction(a)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.keys)
        help_menu.addSeparator()
        help_menu.addAction(self.about)

        tb = QToolBar("Main", w)
        tb.setObjectName("main-toolbar")
        tb.setIconSize(QSize(16, 16))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.new, self.open, self.add):
            tb.addAction(a)
        tb.addSeparator()
        for a, label in ((self.prev_group, "◀ group"), (self.next_group, "group ▶"),
                         (self.prev_conflict, "◀ conflict"), (self.next_conflict, "conflict ▶"),
                         (self.next_unreviewed, "unreviewed ▶")):
            tb.addAction(a)
            button = tb.widgetForAction(a)
            if button is not None:
                button.setText(label)  # type: ignore[attr-defined]
        tb.addSeparator()
        tb.addAction(self.find)
        tb.addAction(self.export)
        w.addToolBar(tb)
        self.toolbar = tb
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = settings.RECENT.get() if self.window.remember else []
        for path in paths:
            a = self.recent_menu.addAction(path)
            a.triggered.connect(lambda _=False, p=path: self.window.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def _toggle_boilerplate(self) -> None:
        hide = self.hide_boilerplate.isChecked()
        if self.window.remember:
            settings.HIDE_BOILERPLATE.set(hide)
        self.window.view.set_hide_boilerplate(hide)

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if name == "system":
                self.window.statusBar().showMessage(
                    "The system theme applies at the next start", 5000)
            apply_theme(app, name)
        if self.window.remember:
            settings.THEME.set(name)
        self.window.view.refresh_colours()
        self.window.tagging.refresh_theme()
        if self.window.snapshot is not None and self.window.view.selection.group_id:
            self.window.on_selection(self.window.view.selection)

    def show_keys(self) -> None:
        """Help › Keyboard and mouse (? or F1): the sheet, beside the window, not blocking it."""
        from factdesk.ui.keysheet import sheet_html

        if self.keys_dialog is None:
            dialog = QDialog(self.window)  # type: ignore[arg-type]
            dialog.setWindowTitle(f"{APP_NAME}: keyboard and mouse")
            text = QTextBrowser(dialog)
            text.setHtml(sheet_html())
            text.setOpenLinks(False)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
            buttons.rejected.connect(dialog.close)
            layout = QVBoxLayout(dialog)
            layout.addWidget(text)
            layout.addWidget(buttons)
            dialog.resize(720, 760)
            self.keys_dialog = dialog
            self.keys_text = text
        self.keys_dialog.show()
        self.keys_dialog.raise_()

    def _about(self) -> None:
        from factdesk.ui.about import show_about

        show_about(self.window)

    def _export(self) -> None:
        review = self.window.review
        shared = review is not None and review.is_server  # opened again by its URL to export
        if review is None or (review.path is None and not shared):
            QMessageBox.information(self.window, APP_NAME,
                                    "Save the review to a file first: reports are written from "
                                    "review files.")
            return
        from factdesk.ui.export_dialog import show_export_dialog

        show_export_dialog(self.window, review.location if shared else review.path)


def build_actions(window: ActionsHost) -> WindowActions:
    return WindowActions(window)
