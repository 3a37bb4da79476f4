"""The centre of the window: the panes, one selection that drives them all, find, navigation.

One selection drives everything (UX.md): choosing a passage selects its alignment group, every
pane emphasises that group, and the other panes scroll so their counterpart is level with the
passage the reader is looking at. J/K, N/P and U move that selection through the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from factdesk.core.model import Conflict
from factdesk.ui.palette import group_colours
from factdesk.ui.panes import ArticlePane, PaneArea
from factdesk.ui.panes.turn import turn
from factdesk.ui.presenter import ReviewSnapshot, find_hits, pane_marks


@dataclass(frozen=True, slots=True)
class Selection:
    group_id: str | None
    passage_id: str | None  # the passage the reader chose, the reference for the diffs
    conflict_id: str | None = None


class ReviewView(QWidget):
    selection_changed = Signal(object)  # Selection
    message = Signal(str)
    panes_narrowed = Signal()  # which panes are narrowed to strips changed (or compare-two)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = PaneArea()
        self.area.prepare = self._prepare_panes
        self.area.passage_activated.connect(self._on_passage_activated)
        self.area.narrow_asked.connect(self.set_pane_narrow)
        self.find_bar = _FindBar()
        self.find_bar.edit.textChanged.connect(self.find)
        self.find_bar.edit.returnPressed.connect(self.next_hit)
        self.find_bar.closed.connect(lambda: self.find(""))
        self.find_bar.hide()
        self.empty = QLabel(
            "No review open.\n\nFile › Open a review, File › New review, or drop article files "
            "(.txt, .html, .md) or links from a browser here.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.empty, 1)
        self.area.hide()
        self.snapshot: ReviewSnapshot | None = None
        self.selection = Selection(None, None)
        self.visited: set[str] = set()
        self.hide_boilerplate = False
        self._hits: list[tuple[str, int, int]] = []
        self._hit_index = -1
        self.narrowed: set[str] = set()  # panes the reader narrowed to their strips
        self.comparing: tuple[str, str] | None = None  # "compare two": the two wide panes
        #: panes the window narrowed to keep the others readable (ui/room.py), and panes the
        #: reader widened from such a strip (another goes to a strip instead)
        self.auto_narrowed: set[str] = set()
        self.wanted_wide: list[str] = []  # oldest first
        #: the "Same fact?" pair shown while one of its panes was not made yet
        self._pending_pair: tuple[str, str] | None = None
        #: the articles whose panes the selection shown reaches (a passage or words of theirs
        #: selected, or the selected group among theirs): the next selection looks at these
        #: and its own, not at every pane (see ``_select_in_panes``); None: every pane
        self._touched: set[str] | None = None

    # ------------------------------------------------------------------ content
    def show_snapshot(self, snapshot: ReviewSnapshot | None) -> None:
        """Lay out one pane per article (hidden articles keep a hidden pane)."""
        old = self.snapshot
        self.snapshot = snapshot
        if snapshot is None or not snapshot.articles:
            self.area.set_panes(0)
            self.area.hide()
            self.empty.show()
            self.selection = Selection(None, None)
            self.selection_changed.emit(self.selection)
            return
        self.empty.hide()
        self.area.show()
        if old is None or old.path != snapshot.path:
            self.visited.clear()
            self.narrowed.clear()
            self.auto_narrowed.clear()
            self.wanted_wide.clear()
            self.comparing = None
        relaid = len(self.area.panes) != len(snapshot.articles)
        opening = old is None or old.path != snapshot.path
        # a new snapshot: the next selection looks at every pane (panes given other articles,
        # group numbers that moved)
        self._touched = None
        # the rest are made soon after
        panes = self.area.set_panes(len(snapshot.articles), opening=opening)
        self._prepare_panes(list(panes), selection=False)
        if opening or relaid:
            self.area.veil()  # its panes in view painted a pane a turn
        self._apply_narrow()
        if self.area.lazy():  # many articles: a pane's text goes in when it comes into view
            self.area.fill_visible(guess=relaid)
        sel = self.selection
        if sel.conflict_id is not None and any(c.id == sel.conflict_id
                                               for c in snapshot.conflicts):
            self.select_conflict(sel.conflict_id, scroll=False)
        elif sel.group_id is not None and snapshot.group(sel.group_id) is not None:
            self.select_group(sel.group_id, sel.passage_id, scroll=False)
        else:
            self.selection = Selection(None, None)
            self.selection_changed.emit(self.selection)
        if self.find_bar.isVisible():
            self.find(self.find_bar.edit.text())
        self.area.update_bands()

    # ------------------------------------------------------------------ narrow panes, compare two
    def set_pane_narrow(self, article_id: str, narrow: bool) -> None:
        """The reader narrows a pane to its strip (◂) or widens it (▸). Widening a pane while
        comparing two ends the comparison: the reader wants more than two now."""
        if self.comparing is not None and not narrow:
            self.comparing = None
        if narrow:
            self.narrowed.add(article_id)
            if article_id in self.wanted_wide:
                self.wanted_wide.remove(article_id)
        else:
            self.narrowed.discard(article_id)
            if article_id in self.auto_narrowed:  # swapped in: the window finds room
                self.auto_narrowed.discard(article_id)
                if article_id in self.wanted_wide:
                    self.wanted_wide.remove(article_id)
                self.wanted_wide.append(article_id)
        self._apply_narrow()

    def current_article(self) -> str | None:
        """The article the reader is in: the pane with the keyboard focus, else the pane of
        the selected passage."""
        widget = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, ArticlePane):
            widget = widget.parentWidget()  # (up from the focus, not through every pane)
        if isinstance(widget, ArticlePane) and widget in self.area.panes and not widget.narrow:
            return widget.article_id
        snap, pid = self.snapshot, self.selection.passage_id
        if snap is not None and pid in snap.passage_by_id:
            return snap.passage_by_id[pid].article_id
        return None

    def narrow_current(self) -> None:
        """[ : narrow the pane the reader is in to its overview strip."""
        aid = self.current_article()
        pane = self.area.pane_for(aid) if aid else None
        if pane is None or pane.narrow:
            self.message.emit("Click in a pane first: [ narrows the pane you are reading")
            return
        if len([p for p in self.area.visible_panes() if not p.narrow]) <= 1:
            self.message.emit("The last wide pane stays wide")
            return
        self.set_pane_narrow(pane.article_id, True)

    def widen_all(self) -> None:
        """] : the panes the reader narrowed, or all but two compared, wide again. Strips the
        window made for room stay (View › Keep lines readable turns those off)."""
        self.comparing = None
        self.narrowed.clear()
        self._apply_narrow()

    def set_auto_narrowed(self, article_ids: set[str]) -> None:
        """The window's choice of panes to narrow for room (ui/room.py)."""
        if article_ids != self.auto_narrowed:
            self.auto_narrowed = set(article_ids)
            self._apply_narrow()

    def compare_two(self, first: str, second: str) -> None:
        """Show two outlets wide, every other pane narrowed to its overview strip."""
        self.comparing = (first, second)
        self._apply_narrow()
        self.message.emit("Comparing two outlets; View › Compare two again shows them all")

    def stop_comparing(self) -> None:
        self.comparing = None
        self._apply_narrow()

    def _apply_narrow(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        ids = {a.id for a in snap.articles}
        if self.comparing is not None and not set(self.comparing) <= ids:
            self.comparing = None
        narrow = ids - set(self.comparing) if self.comparing \
            else (self.narrowed | self.auto_narrowed) & ids
        self.area.set_narrow(narrow)
        self.panes_narrowed.emit()

    def _prepare_panes(self, panes: list[ArticlePane], *, selection: bool = True) -> None:
        """Give panes their article (text now, or when in view for a big review), their
        visibility and colours, and, for panes made after the review was shown, the current
        selection and find hits."""
        snap = self.snapshot
        if snap is None:
            return
        # the application's palette: a widget's follows a theme change only later
        colours = group_colours()
        lazy = self.area.lazy()
        first = len(self.area.panes) - len(panes) if selection else 0
        number = snap.group_number.get(self.selection.group_id or "", 0)
        for i, pane in enumerate(panes, start=first):
            if i >= len(snap.articles):
                break
            article = snap.articles[i]
            pane.view.colours = colours
            pane.set_article(article, lambda a=article.id: pane_marks(snap, a),
                             snap.label(article.id), self.hide_boilerplate,
                             snap.sources.get(article.id), fill=not lazy)
            self.area.set_shown(pane, article.id not in snap.hidden)
            if not selection:
                continue
            members = snap.members_in(self.selection.group_id, article.id) \
                if self.selection.group_id else []
            conflict = snap.conflict(self.selection.conflict_id or "")
            words = _words_in(snap, conflict, article.id)
            pane.view.set_selected(number, members[0].id if members else None, words)
            if (members or words) and self._touched is not None:
                self._touched.add(article.id)
            if self.find_bar.isVisible():
                pane.view.set_find_spans([(s, e) for aid, s, e in self._hits if aid == article.id])
        if selection and (self.narrowed or self.comparing or self.auto_narrowed):
            self._apply_narrow()  # panes made later narrow as the others did
        pair = self._pending_pair
        if selection and pair is not None:
            passages = [snap.passage_by_id.get(pid) for pid in pair]
            if self.selection != Selection(None, pair[0], None) or None in passages:
                self._pending_pair = None  # the reader has moved on
            elif {p.article_id for p in passages if p is not None} <= {
                    p.article_id for p in self.area.panes}:
                # in a turn of its own, not after the slice that made the panes
                self._pending_pair = None
                self.area.defer(lambda: self._show_pair_again(pair))

    def _show_pair_again(self, pair: tuple[str, str]) -> None:
        """The "Same fact?" pair shown while one of its panes was not made yet, shown again
        now both are, unless the reader has moved on meanwhile."""
        if self.selection == Selection(None, pair[0], None):
            self.show_pair(*pair)

    def refresh_colours(self) -> None:
        # the application's palette: a widget's follows a theme change only later
        colours = group_colours()
        for pane in self.area.panes:
            pane.view.set_colours(colours)
        self.area.update_bands()

    def set_hide_boilerplate(self, hide: bool) -> None:
        self.hide_boilerplate = hide
        for pane in self.area.panes:
            pane.view.set_hide_boilerplate(hide)
        self.area.update_bands()

    # ------------------------------------------------------------------ selection
    def _on_passage_activated(self, article_id: str, passage_id: str) -> None:
        snap = self.snapshot
        if snap is None:
            return
        gid = snap.group_of.get(passage_id)
        groups = snap.groups_of_passage.get(passage_id, [])
        current = self.selection.group_id
        again = self.selection.passage_id == passage_id
        if again and current in groups:
            if len(groups) == 1:
                return  # a click in the passage already shown: the other panes stay put
            # activating a two-fact lede again goes on to the other fact it reports
            gid = groups[(groups.index(current) + 1) % len(groups)]
        conflicts = snap.conflicts_of_passage.get(passage_id, [])
        if gid is None and conflicts:  # in no group, but quoted otherwise elsewhere
            if not (again and self.selection.conflict_id in {c.id for c in conflicts}):
                self.select_conflict(conflicts[0].id)
            return
        if gid is None:
            self._select_in_panes(0, {article_id: passage_id}, {}, None, turns=False,
                                  cursor=False)
            self.area.update_bands()
            self.selection = Selection(None, passage_id)
            self.selection_changed.emit(self.selection)
            return
        self.select_group(gid, passage_id, scroll=True, anchor_moves=False)

    def select_group(self, group_id: str, passage_id: str | None = None, *,
                     scroll: bool = True, anchor_moves: bool = True,
                     conflict_id: str | None = None) -> None:
        """Emphasise a group everywhere and level the counterparts with the anchor passage.

        The anchor is ``passage_id`` (the one the reader chose) or the group's first member in a
        visible pane; when the anchor itself must move (J/K), it goes a third down its pane.
        """
        snap = self.snapshot
        if snap is None or snap.group(group_id) is None:
            return
        # J, N, U, a click: what this costs counts against the turn of the event loop, so
        # work left for later (underlines of panes filled now, the details' diffs) waits
        turn.has_time()
        number = snap.group_number[group_id]
        owner = snap.passage_by_id[passage_id].article_id if passage_id else None
        # a conflict shows its own two passages, even one filed under another group (a
        # quotation worded differently by two outlets whose sentences report other facts too)
        conflict = snap.conflict(conflict_id) if conflict_id else None
        chosen: dict[str, str] = {}  # article id -> its first member, in one pass
        for member in snap.members_in_order(group_id):
            chosen.setdefault(member.article_id, member.id)
        if conflict is not None:
            chosen.update({snap.passage_by_id[pid].article_id: pid for pid in conflict.passages
                           if pid in snap.passage_by_id})
        visible = self._shown_of(chosen)
        anchor: ArticlePane | None = None
        if owner is not None:
            anchor = next((p for p in visible if p.article_id == owner), None)
        if anchor is None and visible:
            anchor = visible[0]
            passage_id = chosen[anchor.article_id]
        # the reader's own caret stays where they put it (a click, a drag-select)
        self._select_in_panes(number, chosen, _words_by_article(snap, conflict), anchor,
                              keep_caret=None if anchor_moves else owner)
        if scroll and anchor is not None and passage_id is not None:
            self._level(anchor, passage_id, chosen, anchor_moves)
        self.visited.add(group_id)
        self.selection = Selection(group_id, passage_id, conflict_id)
        self.area.update_bands()
        self.selection_changed.emit(self.selection)

    def _paint_in_turns(self, first: ArticlePane | None, changing: set[ArticlePane]) -> None:
        """The panes in view that a new selection changes, but ``first`` (the pane the reader
        looks at, painted at once), are painted a pane per turn of the event loop, left to
        right (``PaneArea.repaint_in_turns``): call before changing them. A ``first`` not
        wholly in view (the selection will move the panes sideways to it) is painted first of
        them, in the next turn: painted in the key's turn it was painted twice, its changed
        lines and then the part the move uncovers (2 x 15-18 ms, profiled)."""
        area = self.area
        area.repaint_in_turns([p for p in area.panes_in_view()
                               if p is not first and p in changing],
                              lead=first if first is not None and first in changing
                              and not area.wholly_in_view(first) else None)

    def _shown_of(self, chosen: dict[str, str]) -> list[ArticlePane]:
        """The panes of these articles that are made and not hidden, left to right."""
        panes = [p for aid in chosen if (p := self.area.pane_for(aid)) is not None
                 and not p.isHidden()]
        panes.sort(key=self.area.pane_index)
        return panes

    def _select_in_panes(self, number: int, chosen: dict[str, str],
                         words: dict[str, list[tuple[int, int]]], first: ArticlePane | None,
                         *, turns: bool = True, cursor: bool = True,
                         keep_caret: str | None = None) -> None:
        """Show a selection in the panes: group ``number`` emphasised, ``chosen`` (article id
        -> passage) the passages selected, ``words`` (article id -> spans) the conflict words.

        Only the panes the selection reaches are told: those of ``chosen`` and ``words``, and
        those the previous selection reached (``_touched``). Any other pane holds neither
        group and no selected words, so it looks the same whichever group is selected: telling
        each of 300 panes (and asking each whether it changes) was ~4-8 ms of a J, N or U
        press, most of it growing with the panes, not with what is on screen.

        ``turns``: the panes in view that change, but ``first``, are painted a pane per turn
        (``_paint_in_turns``); ``cursor``: the caret goes to each chosen passage, but in
        ``keep_caret``'s pane (the reader's own click)."""
        area = self.area
        touched = set(chosen) | set(words)
        reached = list(area.panes) if self._touched is None else \
            [p for aid in self._touched | touched if (p := area.pane_for(aid)) is not None]
        if turns:
            self._paint_in_turns(first, {
                p for p in reached if p.article_id in chosen
                or p.view.selection_changes(number, words.get(p.article_id, ()))})
        for pane in reached:
            aid = pane.article_id
            pid = chosen.get(aid)
            pane.view.set_selected(number, pid, words.get(aid, ()))
            if cursor and pid is not None and aid != keep_caret:
                pane.view.place_cursor(pid)
        self._touched = touched

    def select_passage(self, passage_id: str, caret: int | None = None) -> None:
        """Go to one passage, aligned or not: its group is selected and levelled as with J/K;
        the caret goes to ``caret`` (a code-point offset, default the passage's start)."""
        snap = self.snapshot
        if snap is None or passage_id not in snap.passage_by_id:
            return
        passage = snap.passage_by_id[passage_id]
        pane = self.area.filled_pane(passage.article_id)
        gid = snap.group_of.get(passage_id)
        if gid is not None:
            self.select_group(gid, passage_id, scroll=True, anchor_moves=True)
        else:
            self._select_in_panes(0, {passage.article_id: passage_id}, {}, None, turns=False,
                                  cursor=False)
            if pane is not None and not pane.isHidden():
                height = pane.view.viewport().height()
                pane.view.place_cursor(passage_id)
                pane.view.scroll_passage_to(passage_id, max(8, height // 3))
                self.area.ensure_pane_visible(pane)
            self.selection = Selection(None, passage_id)
            self.area.update_bands()
            self.selection_changed.emit(self.selection)
        if caret is not None and pane is not None:
            pane.view.place_caret(caret)

    def show_span(self, article_id: str, start: int, end: int, *, select: bool = False) -> None:
        """Scroll a pane to a span outside any passage (or of an orphan's old place)."""
        pane = self.area.filled_pane(article_id)
        if pane is None or pane.isHidden():
            return
        pane.view.place_caret(start, end if select else None)
        pane.view.ensureCursorVisible()
        self.area.ensure_pane_visible(pane)

    def _level(self, anchor: ArticlePane, passage_id: str, chosen: dict[str, str],
               anchor_moves: bool) -> None:
        view = self.area.fill(anchor).view
        span = view.viewport_span_y(passage_id)
        height = view.viewport().height()
        if span is None:
            return
        y = span[0]
        if anchor_moves or y < 0 or span[1] > height:
            y = max(8, min(height // 3, height - (span[1] - span[0]) - 8))
            view.scroll_passage_to(passage_id, y)
            y = view.viewport_span_y(passage_id)[0]  # type: ignore[index]
        self.area.level_y = y  # panes filled later (scrolled into view) line up too
        for pane in self._shown_of(chosen):
            if pane is not anchor:
                pane.view.scroll_passage_to(chosen[pane.article_id], y)
        self.area.ensure_pane_visible(anchor, in_turns=True)

    # ------------------------------------------------------------------ navigation
    def _group_ids(self) -> list[str]:
        return [g.id for g in self.snapshot.groups] if self.snapshot else []

    def step_group(self, step: int) -> None:
        ids = self._group_ids()
        if not ids:
            self.message.emit("No aligned groups in this review")
            return
        current = self.selection.group_id
        i = ids.index(current) + step if current in ids else (0 if step > 0 else len(ids) - 1)
        self.select_group(ids[max(0, min(i, len(ids) - 1))])

    def step_conflict(self, step: int) -> None:
        snap = self.snapshot
        conflicts = snap.ordered_conflicts() if snap else []
        if not conflicts:
            self.message.emit("No conflicts in this review")
            return
        ids = [c.id for c in conflicts]
        cur = self.selection.conflict_id
        if cur in ids:
            i = ids.index(cur) + step
        else:  # start from the selected group's position
            order = snap.group_number if snap else {}
            here = order.get(self.selection.group_id or "", 0)
            nums = [order.get(snap.conflict_group(c) or "", 10**9) for c in conflicts]
            if step > 0:
                i = next((k for k, n in enumerate(nums) if n > here), 0)
            else:
                i = next((k for k in range(len(nums) - 1, -1, -1) if nums[k] < here), len(ids) - 1)
        self.select_conflict(conflicts[i % len(conflicts)].id)

    def select_conflict(self, conflict_id: str, *, scroll: bool = True) -> None:
        """Show a conflict's two passages, levelled, with the group it belongs to; one
        between two passages in no group (a remark quoted two ways) is shown on its own."""
        snap = self.snapshot
        c = snap.conflict(conflict_id) if snap else None
        if snap is None or c is None:
            return
        gid = snap.conflict_group(c)
        if gid is not None:
            self.select_group(gid, c.passages[0], scroll=scroll, conflict_id=c.id)
            return
        chosen = {snap.passage_by_id[pid].article_id: pid for pid in c.passages
                  if pid in snap.passage_by_id}
        visible = self._shown_of(chosen)
        self._select_in_panes(0, chosen, _words_by_article(snap, c),
                              visible[0] if visible and scroll else None)
        if visible and scroll:
            self._level(visible[0], chosen[visible[0].article_id], chosen, True)
        self.selection = Selection(None, c.passages[0], c.id)
        self.area.update_bands()
        self.selection_changed.emit(self.selection)

    def show_pair(self, first: str, second: str) -> None:
        """Two passages side by side, levelled, whatever groups they are in: the pair the
        "Same fact?" queue asks about."""
        snap = self.snapshot
        if snap is None or first not in snap.passage_by_id or second not in snap.passage_by_id:
            return
        chosen = {snap.passage_by_id[pid].article_id: pid for pid in (first, second)}
        visible = self._shown_of(chosen)
        # the two passages shown selected, as a conflict's differing words are
        words = {aid: [(snap.passage_by_id[pid].start, snap.passage_by_id[pid].end)]
                 for aid, pid in chosen.items()}
        self._select_in_panes(0, chosen, words, visible[0] if visible else None)
        if visible:
            self._level(visible[0], chosen[visible[0].article_id], chosen, True)
        made = {p.article_id for p in self.area.panes}
        # a big review makes its panes in slices: once both panes exist, the pair is shown
        # again (see _prepare_panes), as if every pane had been made before
        self._pending_pair = None if set(chosen) <= made else (first, second)
        self.selection = Selection(None, first, None)
        self.area.update_bands()
        self.selection_changed.emit(self.selection)

    def next_unvisited(self) -> None:
        """Until claims exist, "unreviewed" means an aligned group not yet visited here."""
        ids = self._group_ids()
        if not ids:
            return
        start = ids.index(self.selection.group_id) + 1 if self.selection.group_id in ids else 0
        for k in range(len(ids)):
            gid = ids[(start + k) % len(ids)]
            if gid not in self.visited:
                self.select_group(gid)
                return
        self.message.emit("Every aligned group has been visited")

    # ------------------------------------------------------------------ find
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def find(self, query: str) -> None:
        hits = find_hits(self.snapshot, query) if self.snapshot else {}
        self._hits = [(aid, s, e) for aid, spans in hits.items() for s, e in spans]
        self._hit_index = -1
        for pane in self.area.panes:
            pane.view.set_find_spans(hits.get(pane.article_id, []))
        if query:
            n = len(self._hits)
            self.find_bar.count.setText(f"{n} hits in {len(hits)} articles" if n else "no hits")

    def next_hit(self) -> None:
        if not self._hits:
            return
        self._hit_index = (self._hit_index + 1) % len(self._hits)
        aid, s, e = self._hits[self._hit_index]
        pane = self.area.filled_pane(aid)
        if pane is None:
            return
        if pane.isHidden():
            self.message.emit("The next hit is in a hidden article")
            return
        view = pane.view
        view._quiet = True  # a find hit moves the caret, not the selection
        cursor: QTextCursor = view.cursor_for(s, e)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        view._quiet = False
        self.area.ensure_pane_visible(pane)
        self.find_bar.count.setText(f"hit {self._hit_index + 1} of {len(self._hits)}")


class _FindBar(QWidget):
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in all articles (Enter: next hit, Esc: close)")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802
        if getattr(event, "key", lambda: None)() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


def _words_by_article(snap: ReviewSnapshot, conflict: Conflict | None
                      ) -> dict[str, list[tuple[int, int]]]:
    """The selected conflict's differing words, by article (article offsets)."""
    out: dict[str, list[tuple[int, int]]] = {}
    if conflict is None:
        return out
    for s in conflict.spans:
        passage = snap.passage_by_id.get(s.passage_id)
        if passage is not None:
            out.setdefault(passage.article_id, []).append((s.start, s.end))
    return out


def _words_in(snap: ReviewSnapshot, conflict: Conflict | None,
              article_id: str) -> list[tuple[int, int]]:
    """The selected conflict's differing words in one article (article offsets)."""
    if conflict is None:
        return []
    return [(s.start, s.end) for s in conflict.spans
            if s.passage_id in snap.passage_by_id
            and snap.passage_by_id[s.passage_id].article_id == article_id]
