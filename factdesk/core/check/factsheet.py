"""The story at a glance: one row per aligned fact, one column per independent source.

What desks compare by hand: the shared core (facts every source states), the disputed edges
(a source that states a fact differently) and the omissions (a source that leaves it out).
Each cell *states* the fact (its wording), *disagrees* (the differing words of a conflict about
it) or *omits* it. Wire reprints of one origin (see ``independence.origins``) share a column,
since five outlets running one Reuters story are one source; outlets that only quote one
agency keep their own columns (``independence.copies``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from factdesk.core.check.independence import copies, independent_sources, origins
from factdesk.core.check.quantities import Quantity, extract_quantities, is_vague
from factdesk.core.model import (
    AlignmentGroup,
    Article,
    Conflict,
    ConflictKind,
    Dependence,
    Passage,
    article_label,
    spans_phrase,
)


class CellState(StrEnum):
    STATES = "states"
    DISAGREES = "disagrees"
    OMITS = "omits"


#: how a cell is shown in the window and in every report (never colour alone)
CELL_GLYPHS: dict[CellState, str] = {CellState.STATES: "✓", CellState.DISAGREES: "⚠",
                                     CellState.OMITS: "—"}


@dataclass(frozen=True, slots=True)
class FactColumn:
    """One independent source: the articles of one origin (one, or a wire and its reprints)."""

    key: str
    article_ids: tuple[str, ...]
    label: str


@dataclass(frozen=True, slots=True)
class FactCell:
    state: CellState
    passage_ids: tuple[str, ...] = ()  # the source's passages in the fact's group
    wording: str = ""  # how the source words the fact (its first passage)
    words: tuple[str, ...] = ()  # the differing words of each disagreement, when it disagrees
    conflicts: tuple[str, ...] = ()  # ids of the conflicts it takes part in

    @property
    def glyph(self) -> str:
        return CELL_GLYPHS[self.state]


#: the cell of a source that does not carry a fact at all: one shared, immutable value. Most
#: cells of a big sheet are this one (689 facts x 232 sources: 150,000 of 160,000), and as
#: objects of their own they were a quarter of every full garbage collection for as long as
#: the sheet was shown (a 36 ms pass on the sheet's worker thread, holding the GIL, was the
#: window's longest stall while a 300-article review opened with its Facts tab shown)
OMITTED = FactCell(CellState.OMITS)


@dataclass(frozen=True, slots=True)
class FactRow:
    group_id: str
    number: int  # the group's 1-based number, as the panes show it
    label: str  # the fact in the words of its first source
    cells: tuple[FactCell, ...]  # one per column, in column order
    sources: int  # independent sources that carry the fact
    conflicts: int  # disagreements about it
    first: str | None  # earliest publication date among the sources that carry it

    def sort_key(self, by: str) -> tuple[object, ...]:
        """Rows by ``"sources"`` (most first), ``"conflicts"`` (most first) or ``"first"``
        (who reported it first: earliest publication, undated last); then by number."""
        if by == "sources":
            return (-self.sources, self.number)
        if by == "conflicts":
            return (-self.conflicts, -self.sources, self.number)
        if by == "first":
            return (self.first is None, self.first or "", self.number)
        return (self.number,)


@dataclass(frozen=True, slots=True)
class FactSheet:
    columns: tuple[FactColumn, ...]
    rows: tuple[FactRow, ...]

    def sorted(self, by: str) -> tuple[FactRow, ...]:
        return tuple(sorted(self.rows, key=lambda r: r.sort_key(by)))


def _no_pause() -> None:
    pass


def fact_sheet(articles: Sequence[Article], passages: Mapping[str, Passage],
               groups: Sequence[AlignmentGroup], conflicts: Sequence[Conflict],
               dependences: Sequence[Dependence] = (),
               pause: Callable[[], None] = _no_pause,
               label_len: int | None = 24) -> FactSheet:
    """The fact table of a review; ``articles`` in pane order give the column order.
    ``label_len`` bounds each outlet in a column's name (the Facts tab's narrow columns);
    None keeps it whole (reports).

    ``pause`` is called before each fact's row (a fraction of a millisecond each): the
    window's worker thread waits there while the GUI thread is busy (``ui/idlegate``)."""
    by_id = {a.id: a for a in articles}
    # a column is an outlet and its reprints, never two outlets that only quote one agency
    origin = origins([a.id for a in articles], copies(dependences))
    members: dict[str, list[str]] = {}
    for a in articles:
        members.setdefault(origin[a.id], []).append(a.id)
    columns = tuple(
        FactColumn(key, tuple(ids), " / ".join(article_label(by_id[i], label_len) for i in ids))
        for key, ids in members.items())
    column_of = {aid: n for n, col in enumerate(columns) for aid in col.article_ids}
    groups_of: dict[str, list[str]] = {}
    for g in groups:
        for pid in g.passage_ids:
            groups_of.setdefault(pid, []).append(g.id)
    # a disagreement belongs to every fact under which two of its sides are aligned (one
    # remark quoted two ways in sentences filed under two facts is disputed in both), never to
    # a fact where only one side's sentence also sits
    of_group: dict[str, list[Conflict]] = {}
    for c in conflicts:
        seen: dict[str, set[int]] = {}
        for n, side in enumerate(c.side_ids):
            for pid in side:
                for gid in groups_of.get(pid, ()):
                    seen.setdefault(gid, set()).add(n)
        for gid, sides in seen.items():
            if len(sides) >= 2:
                of_group.setdefault(gid, []).append(c)
    rows = []
    named: set[str] = set()  # the facts' names so far: two rows never read the same
    for number, g in enumerate(groups, start=1):
        pause()
        pids = [pid for pid in g.passage_ids if pid in passages]
        if not pids:
            continue
        mine = of_group.get(g.id, [])
        per_column: list[list[str]] = [[] for _ in columns]
        for pid in pids:
            n = column_of.get(passages[pid].article_id)
            if n is not None:
                per_column[n].append(pid)
        label_id = _label_of(pids, groups_of, passages, named)
        named.add(" ".join(passages[label_id].text.split()))
        figures = _figures(passages[label_id].text)
        disputed = any(c.kind is ConflictKind.NUMBER for c in mine)
        cells = tuple(_cell(own, passages, mine, label_id, figures, disputed) if own
                      else OMITTED for own in per_column)
        carrying = [passages[pid].article_id for pid in pids]
        dates = sorted(d for d in (by_id[a].published for a in carrying if a in by_id) if d)
        label = " ".join(passages[label_id].text.split())
        rows.append(FactRow(g.id, number, label, cells,
                            independent_sources(carrying, dependences, by_id), len(mine),
                            dates[0] if dates else None))
    return FactSheet(columns, tuple(rows))


def _label_of(pids: list[str], groups_of: Mapping[str, list[str]],
              passages: Mapping[str, Passage], named: set[str]) -> str:
    """The passage that names a fact: the first that reports this fact alone and does not
    name an earlier row, else the first that names no earlier row. A lede that carries two or
    three facts sits in each of their groups, and a reprint repeats another outlet's sentence
    word for word; naming two facts by one sentence shows the reader the same row twice (QA2
    #11). Only when every sentence of the group already names a row is one repeated."""
    fresh = [pid for pid in pids if " ".join(passages[pid].text.split()) not in named]
    return next((pid for pid in fresh if len(groups_of.get(pid, ())) == 1),
                fresh[0] if fresh else
                next((pid for pid in pids if len(groups_of.get(pid, ())) == 1), pids[0]))


def _cell(own: list[str], passages: Mapping[str, Passage], conflicts: Sequence[Conflict],
          label_id: str, figures: Sequence[Quantity], disputed: bool) -> FactCell:
    """How one source stands to the fact *as the row words it* (its label passage).

    A ✓ is a verdict a reader acts on, so it is given only when the source says what the row
    says: the label's own source, and any source on the label's side of a disagreement, states
    the fact (only the other sides are ⚠, never the outlet whose sentence is the fact). A
    source that gives the row's figure (same unit, measure and scope) with another value
    disagrees even when the checks made no conflict of it: "⚠ 15 people", never "—", since a
    fact-checker must see every source that gives a different value (QA #15 item 1). A source
    that gives no value at all of a figure the row's sources dispute does not state the fact:
    it is shown as leaving it out ("—"), its passage still attached.
    """
    if not own:
        return OMITTED
    wording = " ".join(passages[own[0]].text.split())
    against = [c for c in conflicts if set(own) & set(c.passages) and not _with_label(
        c, own, label_id) and _about_label(c, own, label_id, passages)]
    if not against:
        if label_id in own:
            return FactCell(CellState.STATES, tuple(own), wording)
        pairs = _comparable_pairs(own, passages, figures)  # read once for both questions
        if _states_figures(pairs, disputed):
            return FactCell(CellState.STATES, tuple(own), wording)
        other = _other_values(pairs)
        if other:  # another value of the row's figure: shown, never silenced as "—"
            return FactCell(CellState.DISAGREES, tuple(own), wording, other)
        return FactCell(CellState.OMITS, tuple(own), wording)
    words: list[str] = []
    for c in against:
        spans = [s for pid in own for s in c.spans_in(pid)]
        if spans:  # the exact differing words in this source's sentence
            words.append(spans_phrase(spans))
            continue
        side = next((c.side_of(pid) for pid in own if c.side_of(pid) is not None), None)
        if side is not None and side < len(c.words):
            words.append(c.side_phrase(side))
    return FactCell(CellState.DISAGREES, tuple(own), wording, tuple(dict.fromkeys(words)),
                    tuple(c.id for c in against))


def _about_label(c: Conflict, own: Sequence[str], label_id: str,
                 passages: Mapping[str, Passage]) -> bool:
    """Whether conflict ``c`` disputes what the row says: the row's own sentence is one of its
    sides and, for a figure, this source's differing figure measures the same attribute as
    the label's ("⚠ five" under a row about the 2004 toll of "170,000" came from a dispute
    between two other sentences, or about another figure: QA2 #11). A dispute the row's
    sentence takes no part in is not shown in its cells; the source's own figures are still
    compared with the row's by :func:`_other_values`."""
    if c.side_of(label_id) is None:
        return False
    if c.kind is not ConflictKind.NUMBER:
        return True
    mine = _disputed_figures(c, own, passages)
    theirs = _disputed_figures(c, (label_id,), passages)
    if not mine or not theirs:  # words the reader cannot parse: as the checks said
        return True
    return any(q.comparable(f) for q in mine for f in theirs)


def _disputed_figures(c: Conflict, pids: Sequence[str],
                      passages: Mapping[str, Passage]) -> list[Quantity]:
    """The figures of ``pids`` (read in their whole sentence, so "killed" is known) that are
    among the conflict's differing words there."""
    out = []
    for pid in pids:
        spans = [s.text for s in c.spans_in(pid)]
        out += [q for q in _figures(passages[pid].text)
                if any(q.text in t or t in q.text for t in spans)]
    return out


def _with_label(c: Conflict, own: Sequence[str], label_id: str) -> bool:
    """Whether this source's passages in ``c`` all sit on the side of the row's label."""
    label_side = c.side_of(label_id)
    if label_side is None:
        return False
    sides = {c.side_of(pid) for pid in own if pid in c.passages}
    return sides == {label_side}


def _states_figures(pairs: Sequence[tuple[Quantity, Quantity]], disputed: bool) -> bool:
    """Whether the source's passages agree with the row's figures (``pairs``: see
    :func:`_comparable_pairs`): none of the same measure with only other values, and (when
    the row's figures are disputed) one that fits."""
    fits = any(q.compatible(f) for q, f in pairs)
    return fits or (not pairs and not disputed)


def _comparable_pairs(own: Sequence[str], passages: Mapping[str, Passage],
                      figures: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """The (source figure, row figure) pairs that may measure the same thing. Figures are
    met by unit first (comparable figures share one): a one-line article of 300 KB holds
    thousands of figures, and meeting every one with every other took 40 s for one row."""
    by_unit: dict[str, list[Quantity]] = {}
    for f in _distinct(figures):
        by_unit.setdefault(f.unit, []).append(f)
    mine = _distinct([q for pid in own for q in _figures(passages[pid].text)])
    return [(q, f) for q in mine for f in by_unit.get(q.unit, ()) if q.comparable(f)]


def _distinct(figures: Sequence[Quantity]) -> list[Quantity]:
    """One figure per distinct reading (words, value, unit, measure, scope, currency): a
    figure repeated through a text says nothing more the second time."""
    return list({(q.text, q.low, q.high, q.unit, q.measure, q.scope, q.currency): q
                 for q in figures}.values())


def _other_values(pairs: Sequence[tuple[Quantity, Quantity]]) -> tuple[str, ...]:
    """The source's values of the row's figures that cannot be the row's ("15 people" where
    the row says 12), as written; vague amounts ("dozens") are no values."""
    return tuple(dict.fromkeys(
        q.text for q, f in pairs
        if not is_vague(q) and not is_vague(f) and not q.compatible(f)))


@lru_cache(maxsize=8192)
def _figures(text: str) -> tuple[Quantity, ...]:
    """A passage's figures, read once per text (a passage sits in one to three rows)."""
    return tuple(extract_quantities(text))
