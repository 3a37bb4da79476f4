"""The details area: the selected group's wording in every outlet, word differences against a
chosen reference passage, and what its conflicts are about."""

from __future__ import annotations

import contextlib
import html
import logging
import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from factdesk.core.model import GroupOrigin
from factdesk.ui import lookups
from factdesk.ui.palette import GroupColours, group_colours
from factdesk.ui.panes.turn import turn
from factdesk.ui.panes.view import wrap_mode_for
from factdesk.ui.presenter import (
    MemberWording,
    ReviewSnapshot,
    RunStyle,
    group_members,
    iter_group_wordings,
    member_labels,
)

log = logging.getLogger(__name__)


def _run_style(style: RunStyle, conflict: bool, colours: GroupColours) -> str:
    css = []
    if style is RunStyle.ADDED:
        css.append("text-decoration: underline; background-color: "
                   + ("#1f4d2b" if colours.dark else "#c8efcf"))
    elif style is RunStyle.REMOVED:
        css.append("text-decoration: line-through; color: "
                   + ("#ff9b8f" if colours.dark else "#a4161a"))
    if conflict:
        css.append("font-weight: bold; color: " + colours.conflict.name())
    return "; ".join(css)


#: past this many characters of wording in all, the outlets are shown one paragraph each, not
#: as rows of a table: Qt lays a table out in several passes (two one-line articles of 312 KB:
#: setHtml 1.4 s and 0.4 s at every resize as a table, 0.3 s and 0.2 s as paragraphs, load 6)
TABLE_MAX_CHARS = 20_000


def wording_html(wordings: list[MemberWording], colours: GroupColours) -> str:
    """An HTML table, one row per outlet (for a huge group, a paragraph per outlet); the
    widget only formats what the presenter decided."""
    table = sum(len(w.passage.text) for w in wordings) <= TABLE_MAX_CHARS
    rows = []
    for w in wordings:
        parts = []
        for i, run in enumerate(w.runs):
            text = html.escape(run.text)
            style = _run_style(run.style, run.conflict, colours)
            parts.append(f'<span style="{style}">{text}</span>' if style else text)
            following = w.runs[i + 1] if i + 1 < len(w.runs) else None
            if run.style is RunStyle.REMOVED and following and following.style is RunStyle.ADDED:
                parts.append("\u2009")  # keep "27" and "28" apart: a thin space, not a word
        label = html.escape(w.outlet) + (" <i>(reference)</i>" if w.is_reference else "")
        if not table:
            rows.append(f"<p><b>{label}</b><br>{''.join(parts)}</p>")
            continue
        rows.append(
            f'<tr><td style="padding: 2px 10px 6px 0; white-space: nowrap;" valign="top">'
            f"<b>{label}</b></td><td style=\"padding-bottom: 6px;\">{''.join(parts)}</td></tr>"
        )
    if not table:
        return "".join(rows)
    return "<table cellspacing=0>" + "".join(rows) + "</table>"


def _wrap_of(wordings: list[MemberWording]) -> QTextOption.WrapMode:
    """Anywhere if one passage holds a huge unbroken run (as its pane wraps), else as usual."""
    modes = {wrap_mode_for(w.passage.text) for w in wordings}
    return QTextOption.WrapMode.WrapAnywhere if QTextOption.WrapMode.WrapAnywhere in modes \
        else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


class _Wanted:
    """The generation of the details job the panel still wants (0: none), read by the worker
    between outlets so a group the reviewer has left stops being diffed."""

    __slots__ = ("generation",)

    def __init__(self) -> None:
        self.generation = 0


class _Delivery(QObject):
    """Made in the GUI thread, so ``ready`` (emitted by the worker) is delivered there."""

    ready = Signal(int, object)  # generation, (wordings, html, wrap mode); None: failed


class _DiffJob:
    """One group's word diffs and its HTML table, computed on the details' worker thread."""

    def __init__(self, generation: int, wanted: _Wanted, delivery: _Delivery,
                 snapshot: ReviewSnapshot, group_id: str | None, reference_id: str,
                 also: tuple[str, ...], colours: GroupColours) -> None:
        self.generation, self.wanted, self.delivery = generation, wanted, delivery
        self.snapshot, self.group_id, self.reference_id = snapshot, group_id, reference_id
        self.also, self.colours = also, colours

    def __call__(self) -> None:
        try:
            out: list[MemberWording] = []
            for wording in iter_group_wordings(self.snapshot, self.group_id,
                                               self.reference_id, self.also):
                if self.wanted.generation != self.generation:
                    return  # the reviewer moved on: nobody will read this group's diffs
                out.append(wording)
                # pure Python holds the GIL: hand it to the GUI thread between outlets when it
                # is waiting (a J press, a paint) rather than after the switch interval. Not
                # idlegate.pause: the reader waits for these diffs, and the panes' repaint
                # after a key press keeps the GUI thread busy for several turns
                time.sleep(0)
            result: object = (out, wording_html(out, self.colours), _wrap_of(out))
        except Exception:  # shown as no diffs; the window carries on
            log.warning("word diffs of the details failed", exc_info=True)
            result = None
        if self.wanted.generation == self.generation:
            # the window closed while this ran: nobody to show it to
            with contextlib.suppress(RuntimeError):
                self.delivery.ready.emit(self.generation, result)


class DetailsPanel(QWidget):
    """Shows one group; the reference passage can be changed to read the diffs the other way.

    The word diffs (~1-2 ms an outlet, 20-60 ms a 15-outlet group, seconds for a passage of
    300 KB) are computed on a worker thread, never on the GUI thread: the summary and the
    reference list change with the selection at once, the table of wordings when its diffs are
    ready. A job the reviewer has moved on from stops between outlets and its result is
    dropped, so only the last group chosen is ever drawn."""

    reference_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Click a highlighted passage to follow a fact across the outlets.")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.reference = QComboBox()
        self.reference.setToolTip("Differences are marked against this outlet's wording")
        self.reference.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reference.activated.connect(self._on_reference)
        self.legend = QLabel("underlined: added · struck through: missing · bold: in conflict")
        self.legend.setEnabled(False)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Compare with:"))
        top.addWidget(self.reference)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.legend)
        self.snapshot: ReviewSnapshot | None = None
        self.group_id: str | None = None
        self.reference_id: str | None = None
        self.also: tuple[str, ...] = ()
        self._wordings: list[MemberWording] = []
        # ``generation`` counts show_group calls; a worker's result is taken only if it is
        # still the one wanted, so a group the reviewer already left never draws over the
        # one shown now
        self.generation = 0
        self._wanted = _Wanted()
        self._delivery = _Delivery(self)
        self._delivery.ready.connect(self._on_ready)
        self._html: str | None = None  # a result waiting for a turn with time to be set
        self._wrap = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        self._html_timer = QTimer(self)
        self._html_timer.setSingleShot(True)
        self._html_timer.setInterval(0)
        self._html_timer.timeout.connect(self._set_pending_html)

    @property
    def wordings(self) -> list[MemberWording]:
        """The group's wordings with their diffs, finished now if still being computed."""
        self._finish()
        return self._wordings

    @property
    def rendering(self) -> bool:
        """True while the shown group's diffs are still being computed or drawn (the text
        below still shows the previous group's)."""
        return self._wanted.generation != 0 or self._html is not None

    def clear(self) -> None:
        self.group_id = None
        self._drop_job()
        self.summary.setText("Click a highlighted passage to follow a fact across the outlets.")
        self.reference.clear()
        self.text.clear()
        self.text.setEnabled(True)
        self._wordings = []

    def show_group(self, snapshot: ReviewSnapshot, group_id: str | None,
                   reference_id: str | None, also: Sequence[str] = ()) -> None:
        """The group's wordings; ``also``: passages shown besides its members (a selected
        conflict's two sides; with no group, only those)."""
        self.snapshot, self.group_id, self.reference_id = snapshot, group_id, reference_id
        self.also = tuple(also)
        members, ref = group_members(snapshot, group_id, reference_id, self.also)
        if ref is None:
            self.clear()
            return
        self.reference_id = ref.id
        self.reference.blockSignals(True)
        self.reference.clear()
        labels = member_labels(snapshot, members)
        for p in members:
            self.reference.addItem(labels[p.id], p.id)
        self.reference.setCurrentIndex(members.index(ref))
        self.reference.blockSignals(False)
        self.summary.setText(self.summary_text(snapshot, group_id) if group_id else
                             self.unaligned_text(snapshot, self.also))
        # the diffs go to the worker; a key held down replaces the job on every press, and
        # the worker drops a replaced job between outlets
        self.generation += 1
        self._wanted.generation = self.generation
        self._html = None
        self._html_timer.stop()
        # the previous group's table stays until the new one is ready, greyed so it is never
        # read under the new group's heading (review of 3 Dec)
        self.text.setEnabled(False)
        # nothing for the GUI thread to do until the worker is done: panes still being made
        # need not wait for it (``turn.urgent``), only for the table once it is ready
        turn.wait_for("details", False)
        lookups.start(_DiffJob(self.generation, self._wanted, self._delivery, snapshot,
                                    group_id, ref.id, self.also,
                                    group_colours(self.palette())))

    def _drop_job(self) -> None:
        self._wanted.generation = 0
        self._html = None
        self._html_timer.stop()
        turn.wait_for("details", False)

    def _on_ready(self, generation: int, result: object) -> None:
        """A worker's result, in the GUI thread: taken if it is the job still wanted."""
        if generation != self._wanted.generation or generation == 0:
            return  # replaced, dropped, or already finished by a caller that could not wait
        self._wanted.generation = 0
        if result is None:
            self._wordings, self._html = [], ""
        else:
            self._wordings, self._html, self._wrap = result  # type: ignore[misc]
        self._set_pending_html()

    def _set_pending_html(self) -> None:
        """Set the ready table, in a turn of the event loop with time left (a 15-outlet table
        is ~5-10 ms of Qt's own layout)."""
        if self._html is None:
            return
        if not turn.has_time():
            turn.wait_for("details", True)  # before panes out of view are made
            self._html_timer.start()
            return
        html_text, self._html = self._html, None
        self._show_html(html_text)
        turn.wait_for("details", False)

    def _show_html(self, html_text: str) -> None:
        if self.text.wordWrapMode() != self._wrap:
            self.text.setWordWrapMode(self._wrap)
        self.text.setHtml(html_text)
        self.text.setEnabled(True)

    def _finish(self) -> None:
        """Finish the pending job at once, on this thread (a caller that needs the wordings
        now); the worker's copy is dropped."""
        if self._wanted.generation != 0 and self.snapshot is not None \
                and self.reference_id is not None:
            self._wanted.generation = 0
            self._wordings = list(iter_group_wordings(self.snapshot, self.group_id,
                                                      self.reference_id, self.also))
            self._html = wording_html(self._wordings, group_colours(self.palette()))
            self._wrap = _wrap_of(self._wordings)
        if self._html is not None:
            html_text, self._html = self._html, None
            self._html_timer.stop()
            self._show_html(html_text)
        turn.wait_for("details", False)

    @staticmethod
    def summary_text(snapshot: ReviewSnapshot, group_id: str) -> str:
        group = snapshot.group(group_id)
        n = snapshot.group_number.get(group_id, 0)
        outlets = len({snapshot.passage_by_id[p].article_id for p in group.passage_ids
                       if p in snapshot.passage_by_id}) if group else 0
        parts = [f"Group {n} of {len(snapshot.groups)}", f"{outlets} outlets"]
        if group is not None and group.origin == GroupOrigin.MANUAL:
            parts.append("corrected by hand")  # so a reviewer knows whose judgement it is
        shared = [str(snapshot.group_number[g]) for g in snapshot.shared_with(group_id)]
        if shared:  # a lede that reports this fact and another one
            parts.append(f"shares a passage with group {', '.join(shared)}")
        # the detail already names its kind; one disagreement between several pairs of
        # outlets is said once
        details = [c.detail for c in snapshot.conflicts_of_group.get(group_id, ())]
        for detail, times in dict.fromkeys((d, details.count(d)) for d in details):
            parts.append(f"⚠ {detail}" + (f" (×{times})" if times > 1 else ""))
        return " · ".join(parts)

    @staticmethod
    def unaligned_text(snapshot: ReviewSnapshot, passage_ids: Sequence[str]) -> str:
        """Two passages in no group that disagree (a remark quoted two ways)."""
        found = [c.detail for c in snapshot.conflicts if set(passage_ids) <= set(c.passages)]
        return " · ".join(["In no aligned group", *(f"⚠ {d}" for d in dict.fromkeys(found))])

    def _on_reference(self, index: int) -> None:
        pid = self.reference.itemData(index)
        if self.snapshot is not None and (self.group_id is not None or self.also) and pid:
            self.show_group(self.snapshot, self.group_id, pid, self.also)
            self.reference_changed.emit(pid)
