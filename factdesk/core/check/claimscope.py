"""What a claim's own words meet in the other articles: their counterparts, the conflicts about
those words, and the suggestion that follows from them alone.

A passage often tells several details ("Trump on Thursday said the delegation had a 'very good'
talk"): a claim on "very good" is about the wording of the remark, not about the weekday. So a
conflict belongs to a claim only when its differing words lie inside the claim's words (or
inside their counterparts in another article, found by the word-level diff within the group),
and the evidence, the suggestion and the report sections follow from those conflicts only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from factdesk.core.align.diff import diff_words
from factdesk.core.check.independence import independent_sources
from factdesk.core.check.quantities import Quantity, extract_quantities, is_vague
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Conflict,
    ConflictKind,
    Dependence,
    DiffKind,
    DiffSpan,
    EvidenceRelation,
    Passage,
    article_label,
)

#: a claim covering this share of its passage is about the passage's whole fact
WHOLE_PASSAGE = 0.8
#: share of the claim's word characters the other passage must print the same (diff-equal)
#: for the span there to count as its counterpart
COUNTERPART_MIN = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A passage of another article that tells the claim's words, and how it stands to them."""

    passage_id: str
    article_id: str
    start: int  # the counterpart words, offsets into the article text
    end: int
    relation: EvidenceRelation
    conflicts: tuple[str, ...] = ()  # ids of the claim's conflicts that set it against the claim


@dataclass(frozen=True, slots=True)
class ClaimScope:
    """The claim's conflicts, counterparts and suggestion (None: nothing to suggest)."""

    conflicts: tuple[Conflict, ...]
    counterparts: tuple[Counterpart, ...]
    suggestion: tuple[str, tuple[str, ...]] | None  # (status, reasons)


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _word_chars(text: str) -> int:
    return sum(len(m.group()) for m in _WORD.finditer(text))


def map_words(source: Passage, start: int, end: int, target: Passage,
              diff: Sequence[DiffSpan] | None = None) -> tuple[int, int] | None:
    """The span of ``target`` that tells ``source``'s words ``start:end`` (article offsets),
    by the word-level diff of the two passages; None when too few of the words are shared.

    The counterpart runs from the first to the last shared (diff-equal) word inside the claim,
    with the changed words between them, so "a reasonably good meeting" maps onto "a very good
    meeting" and a claim on words the other outlet does not print maps nowhere.
    """
    lo, hi = start - source.start, end - source.start
    claim_chars = _word_chars(source.text[max(lo, 0) : hi])
    if claim_chars == 0:
        return None
    shared = 0
    first: int | None = None
    last: int | None = None
    for span in diff if diff is not None else diff_words(source.text, target.text):
        if span.kind is DiffKind.INSERT:
            continue
        if not _overlaps(span.a_start, span.a_end, lo, hi):
            continue
        if span.kind is DiffKind.EQUAL:
            a0, a1 = max(span.a_start, lo), min(span.a_end, hi)
            shared += _word_chars(source.text[a0:a1])
            b0 = span.b_start + (a0 - span.a_start)
            b1 = span.b_start + (a1 - span.a_start)
            first = b0 if first is None else first
            last = b1
    if first is None or last is None or shared < COUNTERPART_MIN * claim_chars:
        return None
    return target.start + first, target.start + last


@dataclass(slots=True)
class ScopeIndex:
    """Lookups over a review's analysis, built once, so that scoping every claim of a big
    review costs each claim only its own passages and their groups."""

    passages: Mapping[str, Passage]
    articles: Mapping[str, Article]
    dependences: Sequence[Dependence]
    by_article: dict[str, list[Passage]]
    groups_of: dict[str, list[AlignmentGroup]]
    conflicts_of: dict[str, list[Conflict]]
    # memos: a big review's claims share passages (and often whole anchors), and the word
    # diff of two passages is the costly step (5,000 claims: 17 s without, see benchmarks)
    _diffs: dict[tuple[str, str], list[DiffSpan]] = field(default_factory=dict)
    _scopes: dict[tuple[str, int, int, str | None], ClaimScope] = field(default_factory=dict)
    _quantities: dict[str, list[Quantity]] = field(default_factory=dict)
    _units: dict[str, list[tuple[Passage, Quantity]]] | None = None
    _all_conflicts: list[Conflict] | None = None

    def _diff(self, a: Passage, b: Passage) -> list[DiffSpan]:
        key = (a.id, b.id)
        found = self._diffs.get(key)
        if found is None:
            found = self._diffs[key] = diff_words(a.text, b.text)
        return found

    @classmethod
    def make(cls, passages: Mapping[str, Passage], groups: Sequence[AlignmentGroup],
             conflicts: Sequence[Conflict], articles: Mapping[str, Article],
             dependences: Sequence[Dependence] = ()) -> ScopeIndex:
        by_article: dict[str, list[Passage]] = {}
        for p in passages.values():
            by_article.setdefault(p.article_id, []).append(p)
        groups_of: dict[str, list[AlignmentGroup]] = {}
        for g in groups:
            for pid in g.passage_ids:
                groups_of.setdefault(pid, []).append(g)
        conflicts_of: dict[str, list[Conflict]] = {}
        for c in conflicts:
            for pid in dict.fromkeys(c.passages):
                conflicts_of.setdefault(pid, []).append(c)
        return cls(passages, articles, dependences, by_article, groups_of, conflicts_of)

    @property
    def _conflicts(self) -> list[Conflict]:
        if self._all_conflicts is None:
            self._all_conflicts = list(
                {c.id: c for cs in self.conflicts_of.values() for c in cs}.values())
        return self._all_conflicts

    def prepare(self, max_chars: int = 5_000) -> None:
        """Read the passages' figures now (what ``_told_elsewhere`` looks through): ~0.1-0.3 s
        for a 50-article review, which the window does on its worker with the snapshot
        rather than in the first claim the reviewer steps to. Passages longer than
        ``max_chars`` (a one-line article of 300 KB, whose figures took minutes to read on
        this machine) are left to be read when a claim needs them, as before."""
        for p in self.passages.values():
            if len(p.text) <= max_chars:
                self._figures(p)
        if len(self._quantities) == len(self.passages):
            self._by_unit("")

    def _by_unit(self, unit: str) -> list[tuple[Passage, Quantity]]:
        """Every passage's figures in ``unit``, read once per review (a claim looks only at
        the figures of its own unit, not at every passage)."""
        if self._units is None:
            self._units = {}
            for p in self.passages.values():
                for q in self._figures(p):
                    self._units.setdefault(q.unit, []).append((p, q))
        return self._units.get(unit, [])

    def _figures(self, p: Passage) -> list[Quantity]:
        found = self._quantities.get(p.id)
        if found is None:
            found = self._quantities[p.id] = extract_quantities(p.text)
        return found

    def _told_elsewhere(self, article_id: str, figures: Sequence[Quantity],
                        own_ids: set[str]) -> list[str]:
        """Passages of other articles, in any group or none, that print one of the claim's
        distinctive figures (same measure, a value that fits): the aligner files "some 14,000
        refugees" and "About 14,000 people fled their homes" under two facts, yet both tell
        the one figure a reviewer checks."""
        distinctive = [f for f in figures if _distinctive(f)]
        if not distinctive:
            return []
        found = [p for unit in dict.fromkeys(f.unit for f in distinctive)
                 for p, q in self._by_unit(unit)
                 if p.article_id != article_id and p.id not in own_ids
                 and _fits(q, distinctive)]
        return list(dict.fromkeys(p.id for p in found))

    def _figure_conflicts(self, figures: Sequence[Quantity]) -> dict[str, int]:
        """Number conflicts anywhere in the review that set the claim's figure against
        another value (conflict id -> the side that prints the claim's value): a headline's
        "Quake of 4.2" is disputed by "4.4 vs 4.2" even when the headline sits in no group."""
        out: dict[str, int] = {}
        for c in self._conflicts:
            if c.kind is not ConflictKind.NUMBER:
                continue
            fitting: set[int] = set()
            clashing: set[int] = set()
            for n, side in enumerate(c.side_ids):
                for pid in side:
                    p = self.passages.get(pid)
                    if p is None:
                        continue
                    at = c.spans_in(pid)
                    for q in self._figures(p):
                        if at and not any(_overlaps(p.start + q.start, p.start + q.end,
                                                    s.start, s.end) for s in at):
                            continue
                        if _fits(q, figures):
                            fitting.add(n)
                        elif any(q.comparable(f) for f in figures):
                            clashing.add(n)
            if len(fitting) == 1 and clashing - fitting:
                out[c.id] = next(iter(fitting))
        return out

    def scope(self, anchor: Anchor, passage_id: str | None = None) -> ClaimScope:
        """Everything the claim's own words meet in the other articles (see the module doc)."""
        key = (anchor.article_id, anchor.start, anchor.end, passage_id)
        found = self._scopes.get(key)
        if found is None:
            found = self._scopes[key] = self._scope(anchor, passage_id)
        return found

    def _scope(self, anchor: Anchor, passage_id: str | None) -> ClaimScope:
        passages = self.passages
        end = max(anchor.end, anchor.start + 1)
        own = [p for p in self.by_article.get(anchor.article_id, ())
               if _overlaps(p.start, p.end, anchor.start, end)]
        if passage_id in passages and passages[passage_id] not in own:
            own.append(passages[passage_id])
        own_ids = {p.id for p in own}
        mapped: dict[str, tuple[int, int]] = {}  # the claim's words, found in another passage
        spans: dict[str, tuple[int, int]] = {}  # every counterpart (evidence), with its words
        for p in own:
            whole = (min(anchor.end, p.end) - max(anchor.start, p.start)
                     >= WHOLE_PASSAGE * (p.end - p.start))
            for g in self.groups_of.get(p.id, ()):
                for qid in g.passage_ids:
                    q = passages.get(qid)
                    if q is None or q.article_id == anchor.article_id or qid in spans:
                        continue
                    found = map_words(p, max(anchor.start, p.start), min(anchor.end, p.end), q,
                                      self._diff(p, q))
                    if found is not None:
                        mapped[qid] = spans[qid] = found
                    elif whole:  # the group says it tells the same fact, in other words
                        spans[qid] = (q.start, q.end)

        def inside_claim(c: Conflict) -> bool:
            if not c.spans:  # stored before spans: the claim's passage takes part
                return bool(own_ids & set(c.passages))
            for s in c.spans:
                if s.passage_id in own_ids and _overlaps(s.start, s.end, anchor.start,
                                                         anchor.end):
                    return True
                q = mapped.get(s.passage_id)
                if q is not None and _overlaps(s.start, s.end, *q):
                    return True
            return False

        figures = [q for p in own for q in self._figures(p)
                   if _overlaps(p.start + q.start, p.start + q.end, anchor.start, end)]
        claim_side: dict[str, int] = {}  # conflicts about the claim's figure found elsewhere
        #: counterparts that print another value of the claim's figure (same unit and
        #: measure) though no conflict row says so: passage id -> "number: 15 vs 12"
        differs: dict[str, str] = {}
        if figures:
            # a claim that gives a figure is told by a passage only when it prints that
            # figure: "people fled their homes" without the 14,000 confirms nothing of it.
            # A passage printing *another* value of it stays, as contradicting: a
            # fact-checker never drops the source that disagrees (QA #15 item 1)
            for qid in [q for q in spans if not any(
                    _fits(x, figures) for x in self._figures(passages[q]))]:
                other = _differing(self._figures(passages[qid]), figures)
                if other is not None:
                    differs[qid] = other
                    continue
                del spans[qid]
                mapped.pop(qid, None)
            for qid in self._told_elsewhere(anchor.article_id, figures, own_ids):
                spans.setdefault(qid, (passages[qid].start, passages[qid].end))
            claim_side = self._figure_conflicts(figures)

        candidates = {c.id: c for pid in [*own_ids, *mapped]
                      for c in self.conflicts_of.get(pid, ())}
        candidates.update({c.id: c for c in self._conflicts if c.id in claim_side})
        mine = tuple(c for c in candidates.values() if inside_claim(c) or c.id in claim_side)
        # the claim's side in each of its conflicts: the side of its own passage, else (a
        # claim whose article takes no part) the side of its first counterpart
        against: dict[str, list[str]] = {}
        for c in mine:
            side = next((c.side_of(pid) for pid in own_ids if c.side_of(pid) is not None),
                        claim_side.get(c.id))
            if side is None:
                side = next((c.side_of(q) for q in mapped if c.side_of(q) is not None), None)
            for i, members in enumerate(c.side_ids):
                if i == side:
                    continue
                for pid in members:
                    q = passages.get(pid)
                    if q is None or q.article_id == anchor.article_id:
                        continue
                    against.setdefault(pid, []).append(c.id)
                    if pid not in spans:
                        words = c.spans_in(pid)
                        spans[pid] = ((min(s.start for s in words), max(s.end for s in words))
                                      if words else (q.start, q.end))
        counterparts = tuple(
            Counterpart(pid, passages[pid].article_id, lo, hi,
                        EvidenceRelation.CONTRADICTS if pid in against or pid in differs
                        else EvidenceRelation.SUPPORTS, tuple(against.get(pid, ())))
            for pid, (lo, hi) in sorted(spans.items(), key=lambda kv: (
                passages[kv[0]].article_id, passages[kv[0]].index)))
        return ClaimScope(mine, counterparts, _suggest(anchor, mine, counterparts, passages,
                                                       self.articles, self.dependences,
                                                       differs))


def _fits(q: Quantity, figures: Sequence[Quantity]) -> bool:
    """``q`` prints one of ``figures``: the same measure, a value that fits, and a figure
    rather than "thousands"."""
    return not is_vague(q) and any(
        q.comparable(f) and (f.low <= q.value <= f.high or (
            q.low <= f.value <= q.high and q.low > 0 and q.high < math.inf))
        for f in figures)


def _differing(theirs: Sequence[Quantity], figures: Sequence[Quantity]) -> str | None:
    """"number: 15 people vs 12 people" when ``theirs`` holds another value of one of the
    claim's ``figures`` (same unit, measure and scope where both say them, values that cannot
    both hold); None otherwise. Vague figures ("dozens") never differ."""
    for q in theirs:
        if is_vague(q):
            continue
        for f in figures:
            if not is_vague(f) and q.comparable(f) and not q.compatible(f):
                return f"number: {q.text} vs {f.text}"
    return None


def _distinctive(f: Quantity) -> bool:
    """A figure that names one fact across a review: "14,000 people fled", a "7.3" magnitude;
    not "two people" (small counts recur for unrelated things) nor a figure whose clause does
    not say what it measures."""
    small = f.value < 20 and float(f.value).is_integer()
    return not small and (bool(f.measure) or f.unit in {"magnitude", "%"})


def claim_scope(anchor: Anchor, passages: Mapping[str, Passage],
                groups: Sequence[AlignmentGroup], conflicts: Sequence[Conflict],
                articles: Mapping[str, Article], dependences: Sequence[Dependence] = (),
                *, passage_id: str | None = None) -> ClaimScope:
    """One claim's scope (for many claims, build a :class:`ScopeIndex` once)."""
    return ScopeIndex.make(passages, groups, conflicts, articles, dependences).scope(
        anchor, passage_id)


def _outlet(articles: Mapping[str, Article], article_id: str) -> str:
    a = articles.get(article_id)
    return article_label(a, 30) if a is not None else article_id


def _suggest(anchor: Anchor, mine: Sequence[Conflict], counterparts: Sequence[Counterpart],
             passages: Mapping[str, Passage], articles: Mapping[str, Article],
             dependences: Sequence[Dependence], differs: Mapping[str, str] | None = None
             ) -> tuple[str, tuple[str, ...]] | None:
    """conflicting when a conflict is about the claim's words, or a counterpart prints
    another value of the claim's figure (``differs``, even without a conflict row: never
    "confirmed" while an aligned source disagrees); confirmed when two independent origins
    print them and none does; None when nothing but the claim's own article does."""
    if mine or differs:
        reasons = []
        for c in mine:
            others = [_outlet(articles, cp.article_id) for cp in counterparts
                      if c.id in cp.conflicts]
            who = ", ".join(dict.fromkeys(others)) or "Other outlets"
            reasons.append(f"{who}: {c.detail}")
        for cp in counterparts:
            if differs and cp.passage_id in differs and not cp.conflicts:
                reasons.append(f"{_outlet(articles, cp.article_id)}: "
                               f"{differs[cp.passage_id]}")
        return "conflicting", tuple(dict.fromkeys(reasons))
    ids = list(dict.fromkeys([anchor.article_id] + [c.article_id for c in counterparts]))
    if len(ids) < 2:
        return None
    n = independent_sources(ids, dependences, articles)
    names = ", ".join(_outlet(articles, a) for a in ids)
    if n >= 2:
        return "confirmed", (f"Reported by {n} independent sources ({names}) with no conflict "
                             "about these words.",)
    return "unsourced", (f"Reported by {len(ids)} outlets ({names}) that share one origin.",)
