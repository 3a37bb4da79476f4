"""The details area: the selected group's wording in every outlet, word differences against a
chosen reference passage, and what its conflicts are about."""

from __future__ import annotations

import html
import time
from collections.abc import Iterator, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from factdesk.core.model import GroupOrigin
from factdesk.ui.palette import GroupColours, group_colours
from factdesk.ui.panes.turn import turn
from factdesk.ui.presenter import (
    MemberWording,
    ReviewSnapshot,
    RunStyle,
    group_members,
    iter_group_wordings,
)

#: GUI-thread time one slice of the details' work may take before it yields to the event loop
#: (the window answers keys and repaints between slices; the issue's bar for a stall is 50 ms).
SLICE_SECONDS = 0.012


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


def wording_html(wordings: list[MemberWording], colours: GroupColours) -> str:
    """An HTML table, one row per outlet; the widget only formats what the presenter decided."""
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
        rows.append(
            f'<tr><td style="padding: 2px 10px 6px 0; white-space: nowrap;" valign="top">'
            f"<b>{label}</b></td><td style=\"padding-bottom: 6px;\">{''.join(parts)}</td></tr>"
        )
    return "<table cellspacing=0>" + "".join(rows) + "</table>"


class DetailsPanel(QWidget):
    """Shows one group; the reference passage can be changed to read the diffs the other way."""

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
        # The word diffs are drawn a moment after the selection, a few outlets per slice
        # between events (see show_group). ``generation`` counts show_group calls: a slice
        # belongs to the job it was started for, so a group the reviewer already left never
        # draws over the one shown now.
        self.generation = 0
        self._job: Iterator[MemberWording] | None = None
        self._job_generation = 0
        self._partial: list[MemberWording] = []
        self._html_due = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render_slice)

    @property
    def wordings(self) -> list[MemberWording]:
        """The group's wordings with their diffs, finished now if still being computed."""
        self._finish()
        return self._wordings

    @property
    def rendering(self) -> bool:
        """True while the shown group's diffs are still being computed or drawn (the text
        below still shows the previous group's)."""
        return self._job is not None or self._html_due

    def clear(self) -> None:
        self.group_id = None
        self._drop_job()
        self.summary.setText("Click a highlighted passage to follow a fact across the outlets.")
        self.reference.clear()
        self.text.clear()
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
        for p in members:
            self.reference.addItem(snapshot.label(p.article_id), p.id)
        self.reference.setCurrentIndex(members.index(ref))
        self.reference.blockSignals(False)
        self.summary.setText(self.summary_text(snapshot, group_id) if group_id else
                             self.unaligned_text(snapshot, self.also))
        # The diffs (~1-2 ms an outlet, up to ~200 ms for a 15-outlet group on a loaded
        # machine, with the HTML) wait until the panes have repainted and are then computed a
        # few outlets per slice of at most ~SLICE_SECONDS, the HTML set in a slice of its own;
        # a key held down starts a new job each press and diffs only the group it stops at.
        self.generation += 1
        self._job = iter_group_wordings(snapshot, group_id, ref.id, self.also)
        self._job_generation = self.generation
        self._partial = []
        self._html_due = False
        self._render_timer.start()
        turn.wait_for("details", True)

    def _drop_job(self) -> None:
        self._job = None
        self._partial = []
        self._html_due = False
        self._render_timer.stop()
        turn.wait_for("details", False)

    def _render_slice(self) -> None:
        """One slice of the pending job: outlets' diffs until the slice's time is used, then
        the HTML set in the browser (in a slice of its own when the diffs used this one up)."""
        if self._html_due:
            self._html_due = False
            self._set_html()
            turn.wait_for("details", False)
            return
        job = self._job
        if job is None or self._job_generation != self.generation:
            self._drop_job()  # a stale job (show_group replaces it; kept as a guard)
            return
        if not turn.has_time():  # the key that chose the group, or panes being filled,
            self._render_timer.start()  # used this turn of the event loop: the next one
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        for wording in job:
            self._partial.append(wording)
            if time.perf_counter() >= deadline:
                self._render_timer.start()  # the rest after the events waiting now
                return
        self._wordings, self._job, self._partial = self._partial, None, []
        if time.perf_counter() >= deadline - SLICE_SECONDS / 2:
            self._html_due = True  # setHtml of a 15-outlet table is ~5-10 ms itself
            self._render_timer.start()
        else:
            self._set_html()
            turn.wait_for("details", False)

    def _finish(self) -> None:
        """Finish the pending job at once (a caller that needs the wordings now)."""
        job = self._job
        if job is not None:
            self._partial.extend(job)
            self._wordings, self._job, self._partial = self._partial, None, []
            self._html_due = True
        if self._html_due:
            self._html_due = False
            self._render_timer.stop()
            self._set_html()
        turn.wait_for("details", False)

    def _set_html(self) -> None:
        self.text.setHtml(wording_html(self._wordings, group_colours(self.palette())))

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
