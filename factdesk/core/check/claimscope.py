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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from factdesk.core.align.diff import diff_words
from factdesk.core.check.independence import independent_sources, origins
from factdesk.core.check.quantities import (
    _SCALE,
    _SMALL,
    Quantity,
    extract_quantities,
    is_vague,
)
from factdesk.core.check.quotations import _is_content, quote_spans, stem, words
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Claim,
    Conflict,
    ConflictKind,
    Dependence,
    DiffKind,
    DiffSpan,
    EvidenceRelation,
    Passage,
    article_label,
    source_labels,
)

#: a claim covering this share of its passage is about the passage's whole fact
WHOLE_PASSAGE = 0.8
#: share of the claim's word characters the other passage must print the same (diff-equal)
#: for the span there to count as its counterpart
COUNTERPART_MIN = 0.5
#: share of the claim's content words (stemmed) a passage of its group must print to tell
#: the claim's fact when the word diff finds no counterpart span: the group is the whole
#: passage's fact, and "truce broke down on 20 December" sits in the group of "Two Hamas
#: militants were among the dead" without telling a word of it (QA pass 2, item 3)
SAME_WORDS_MIN = 1 / 3
#: the same for a claim on part of its passage
PART_WORDS_MIN = 1 / 2
#: content words beside its figure a claim may hold and still be a claim about the figure,
#: told by any passage printing it ("About 14,000 people fled their homes" by "some 14,000
#: refugees"); a claim saying more ("The agency rates 4.6 as a 'light' quake") is told only
#: by a passage that prints a third of those words too (``SAME_WORDS_MIN``)
FIGURE_CLAIM_WORDS = 2
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
    #: passages of the claim's groups in other articles that are not counterparts, each with
    #: why (what **G** says when it finds nothing to add)
    passed_over: tuple[tuple[str, str], ...] = ()


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _word_chars(text: str) -> int:
    return sum(len(m.group()) for m in _WORD.finditer(text))


def _content_stems(text: str) -> set[str]:
    return {stem(w.key) for w in words(text) if _is_content(w.key)}


#: number words the reader knows (quantities' own list: "sixty" and "dozen" too)
_NUMBER_WORDS = frozenset(_SMALL) | frozenset(_SCALE)


def _names(text: str) -> set[str]:
    """The keys a passage must print to tell the claim's words without a counterpart span:
    its names, capitalised words after the first ("the Mutiara Hotel in Manokwari"), and its
    numbers ("Quakes kill four" is not told by "killed one person"), spelling-insensitive
    (:func:`~quotations.name_key`)."""
    return {w.key for i, w in enumerate(words(text))
            if (i and w.text[:1].isupper() and _is_content(w.key))
            or w.text.lower() in _NUMBER_WORDS or w.text[:1].isdigit()}


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
    _labels: dict[str, str] | None = None
    #: each passage's content stems and word keys, for the loose counterpart test
    _words: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    #: called before each word diff (the costly step, 1-10 ms): a window working out a scope
    #: beside its GUI thread gives way there (see ``ui/presenter``); ``None``: never pauses
    pause: Callable[[], None] | None = None
    #: how long a source's label may grow (``article_label``): the window's 40, a report's
    #: None (whole: a report is read at leisure, "Los Angeles Ti…" there was a QA finding)
    label_len: int | None = 40

    def _diff(self, a: Passage, b: Passage) -> list[DiffSpan]:
        key = (a.id, b.id)
        found = self._diffs.get(key)
        if found is None:
            if self.pause is not None:
                self.pause()
            found = self._diffs[key] = diff_words(a.text, b.text)
        return found

    @classmethod
    def make(cls, passages: Mapping[str, Passage], groups: Sequence[AlignmentGroup],
             conflicts: Sequence[Conflict], articles: Mapping[str, Article],
             dependences: Sequence[Dependence] = (),
             label_len: int | None = 40) -> ScopeIndex:
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
        return cls(passages, articles, dependences, by_article, groups_of, conflicts_of,
                   label_len=label_len)

    @property
    def _conflicts(self) -> list[Conflict]:
        if self._all_conflicts is None:
            self._all_conflicts = list(
                {c.id: c for cs in self.conflicts_of.values() for c in cs}.values())
        return self._all_conflicts

    def prepare(self, max_chars: int = 5_000,
                pause: Callable[[], None] | None = None) -> None:
        """Read the passages' figures now (what ``_told_elsewhere`` looks through): ~0.1-0.3 s
        for a 50-article review, which the window does on its worker with the snapshot
        rather than in the first claim the reviewer steps to. Passages longer than
        ``max_chars`` (a one-line article of 300 KB, whose figures took minutes to read on
        this machine) are left to be read when a claim needs them, as before."""
        for p in self.passages.values():
            if len(p.text) <= max_chars:
                if pause is not None:  # a window's worker gives way to the GUI thread
                    pause()
                self._figures(p)
        if len(self._quantities) == len(self.passages):
            self._by_unit("")

    def _by_unit(self, unit: str) -> list[tuple[Passage, Quantity]]:
        """Every passage's figures in ``unit``, read once per review (a claim looks only at
        the figures of its own unit, not at every passage)."""
        units = self._units
        if units is None:
            # filled aside, then published: the window's lookup thread and its GUI thread
            # may both ask, and neither may see a half-filled table
            units = {}
            for p in self.passages.values():
                for q in self._figures(p):
                    units.setdefault(q.unit, []).append((p, q))
            self._units = units
        return units.get(unit, [])

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

    def known(self, anchor: Anchor, passage_id: str | None = None) -> bool:
        """Whether :meth:`scope` of this anchor is already worked out (free to ask)."""
        return (anchor.article_id, anchor.start, anchor.end, passage_id) in self._scopes

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
        passed: dict[str, str] = {}  # group members that are not counterparts, and why
        #: found by shared words only, for a claim on part of its passage: the group's fact
        #: may be another detail of the sentence, so such a passage can support the claim
        #: (it prints the claim's figure) but never contradicts it with another figure
        loose: set[str] = set()
        claim_text = " ".join(
            p.text[max(anchor.start, p.start) - p.start : min(anchor.end, p.end) - p.start]
            for p in own)
        claim_stems, claim_names = _content_stems(claim_text), _names(claim_text)
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
                        passed.pop(qid, None)
                    elif (_tells(claim_stems, self._words_of(q)[0], whole)
                          and claim_names <= self._words_of(q)[1]):
                        # the group says it tells the same fact, in other words, and it
                        # prints enough of the claim's own words and every name it gives
                        # to say so ("injuring hundreds" for "hundreds injured at the
                        # weekend"; "two hotels collapsed" is not "the Mutiara Hotel")
                        spans[qid] = (q.start, q.end)
                        if not whole:
                            loose.add(qid)
                        passed.pop(qid, None)
                    else:
                        passed.setdefault(qid, "prints too few of the claim's words")

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

        # the claim's figures; a vague one ("hundreds injured") is told by a passage that
        # prints a value of the same measure in its range, and never differs ("dozens")
        vague = [q for p in own for q in self._figures(p)
                 if _overlaps(p.start + q.start, p.start + q.end, anchor.start, end)]
        # a size naming which thing the claim is about ("the base 13-inch version") is a
        # qualifier when the claim prints another number: the claim states that number (the
        # price), and a passage telling another size tells of another thing (QA pass 3,
        # item 2)
        qualifiers = _qualifiers(vague, claim_text, [
            q for p in own for q in self._figures(p) if _adjective(q, p.text)])
        vague = [q for q in vague if q not in qualifiers]
        said = {q: p.text for p in own for q in self._figures(p)}  # each figure's sentence
        #: passages that print the claim's figure or words another way (a hedged other value,
        #: a bound for a value, another quotation): never counted, and named in the reasons
        uncounted: set[str] = set()
        figures = [q for q in vague if not is_vague(q)]
        unread = _unread_numbers(claim_text, [q.text for q in [*vague, *qualifiers]])
        for qid in list(spans):
            theirs = self._figures(passages[qid])
            other = next((x for x in theirs for f in qualifiers
                          if x.unit == f.unit and not _same_size(x, f)
                          and not any(_same_size(y, f) for y in theirs)), None)
            why = (f"tells another {other.unit or 'thing'} ({other.text})" if other is not None
                   else None)
            if why is None and not unread <= _numbers_in(passages[qid].text):
                # a number the claim prints that the figure reader leaves unread ("$1,099
                # for"): a passage that does not print it does not tell the claim either
                why = ("does not print the claim's figure ("
                       + ", ".join(sorted(unread - _numbers_in(passages[qid].text))) + ")")
            if why is not None:
                del spans[qid]
                mapped.pop(qid, None)
                loose.discard(qid)
                passed[qid] = why
        claim_side: dict[str, int] = {}  # conflicts about the claim's figure found elsewhere
        #: counterparts that print another value of the claim's figure (same unit and
        #: measure) though no conflict row says so: passage id -> "number: 15 vs 12"
        differs: dict[str, str] = {}
        if vague:
            # a claim that gives a figure is told by a passage only when it prints that
            # figure: "people fled their homes" without the 14,000 confirms nothing of it.
            # A passage printing *another* value of it stays, as contradicting: a
            # fact-checker never drops the source that disagrees (QA #15 item 1)
            # A passage printing one of the claim's figures and another value of a second
            # ("7.6 and 7.5" against "7.6 and 7.4") disagrees too (QA pass 2, item 3).
            # found by the figure alone: it tells the claim only when the claim says
            # little beside its figure, or the passage prints that too ("rates 4.6 as a
            # 'light' quake" is not told by every headline printing 4.6; QA pass 3, item 6)
            rest = claim_stems - _content_stems(" ".join(f.text for f in vague))
            for qid in self._told_elsewhere(anchor.article_id, figures, own_ids):
                if qid in spans:
                    continue
                if len(rest) > FIGURE_CLAIM_WORDS and len(
                        rest & self._words_of(passages[qid])[0]) < SAME_WORDS_MIN * len(rest):
                    continue
                spans[qid] = (passages[qid].start, passages[qid].end)
            for qid in list(spans):
                if qid in differs:
                    continue
                other = (None if qid in loose
                         else _differing(self._figures(passages[qid]), figures))
                if other is not None:
                    differs[qid] = other
                    continue
                theirs = self._figures(passages[qid])
                if not any(_fits(x, figures) or _in_range(x, vague) for x in theirs):
                    why: str | None = ("does not print the claim's figure ("
                                       + ", ".join(dict.fromkeys(f.text for f in vague)) + ")")
                else:
                    why = _other_reading(theirs, passages[qid].text, figures, said)
                    uncounted.update([qid] if why is not None else [])
                if why is not None:
                    del spans[qid]
                    mapped.pop(qid, None)
                    passed[qid] = why
            claim_side = self._figure_conflicts(figures)

        quoted = _quoted_stems(claim_text)
        for qid in [q for q in spans if q not in differs] if quoted else ():
            why = _unquoted(quoted, self._words_of(passages[qid])[0])
            if why is not None:
                del spans[qid]
                mapped.pop(qid, None)
                loose.discard(qid)
                passed[qid] = why
                uncounted.add(qid)
        candidates = {c.id: c for pid in [*own_ids, *mapped]
                      for c in self.conflicts_of.get(pid, ())}
        candidates.update({c.id: c for c in self._conflicts if c.id in claim_side})
        mine = tuple(c for c in candidates.values()
                     if (inside_claim(c) or c.id in claim_side)
                     and not self._about_qualifiers(c, qualifiers))
        # the claim's side in each of its conflicts: the side of its own passage, else (a
        # claim whose article takes no part) the side of its first counterpart
        against: dict[str, list[str]] = {}
        #: (passage, conflict) -> the row's detail as that passage's outlet holds it
        credited: dict[tuple[str, str], str] = {}
        #: conflicts about the claim's figure in which no passage prints another value of it
        #: (every side compatible with the claim): not a disagreement about its words
        unnamed: set[str] = set()
        for c in mine:
            side = next((c.side_of(pid) for pid in own_ids if c.side_of(pid) is not None),
                        claim_side.get(c.id))
            if side is None:
                side = next((c.side_of(q) for q in mapped if c.side_of(q) is not None), None)
            by_figure = c.kind is ConflictKind.NUMBER and self._about_figures(c, figures)
            if by_figure:
                unnamed.add(c.id)
            for i, members in enumerate(c.side_ids):
                if i == side and not by_figure:
                    continue
                for pid in members:
                    q = passages.get(pid)
                    if q is None or q.article_id == anchor.article_id:
                        continue
                    if by_figure:
                        # a conflict about the claim's figure sets a passage against the
                        # claim only when it prints another value of that figure; "one
                        # person vs four people" is no side of a claim about "five" until
                        # each is named against the five (QA pass 2, item 4)
                        other = _differing(self._in_spans(c, q), figures, self._figures(q))
                        if other is None:
                            continue
                        differs.setdefault(pid, other)
                        unnamed.discard(c.id)
                    elif c.kind is ConflictKind.NUMBER and side is not None:
                        # the row's detail reads first side against second, whichever is
                        # the claim's: name each outlet with the value its own words hold,
                        # the claim's last (QA pass 3, item 3)
                        theirs = self._in_spans(c, q) if c.spans_in(pid) else []
                        ours = [x for o in own if o.id in c.side_ids[side]
                                and c.spans_in(o.id) for x in self._in_spans(c, o)]
                        if theirs and ours:
                            credited[(pid, c.id)] = (f"{c.kind.value}: {theirs[0].text} vs "
                                                     f"{ours[0].text}")
                    against.setdefault(pid, []).append(c.id)
                    if pid not in spans:
                        at = c.spans_in(pid)
                        spans[pid] = ((min(s.start for s in at), max(s.end for s in at))
                                      if at else (q.start, q.end))
        mine = tuple(c for c in mine if c.id not in unnamed)
        # a member of the claim's group that tells none of its words but prints another value
        # of its figure (within ``GROUP_APART`` times) stays, as a doubtful contradiction with
        # its label: never "confirmed" while an aligned source prints another value (house
        # rule); "Three shells hit the school" against "two artillery shells"
        for qid in [q for q in passed if q not in spans] if figures else ():
            other = _differing(self._figures(passages[qid]), figures, apart=GROUP_APART)
            if other is not None:
                differs[qid] = other + IN_GROUP
                spans[qid] = (passages[qid].start, passages[qid].end)
                del passed[qid]
        counterparts = tuple(
            Counterpart(pid, passages[pid].article_id, lo, hi,
                        EvidenceRelation.CONTRADICTS if pid in against or pid in differs
                        else EvidenceRelation.SUPPORTS, tuple(against.get(pid, ())))
            for pid, (lo, hi) in sorted(spans.items(), key=lambda kv: (
                passages[kv[0]].article_id, passages[kv[0]].index)))
        passed_over = tuple((pid, why) for pid, why in passed.items() if pid not in spans)
        suggestion = _suggest(anchor, mine, counterparts, passages, self.articles,
                              self.dependences, differs, self.labels, credited)
        return ClaimScope(mine, counterparts, _not_counted(
            suggestion, [(pid, why) for pid, why in passed_over if pid in uncounted],
            passages, self.articles, self.labels), passed_over)

    def _words_of(self, p: Passage) -> tuple[set[str], set[str]]:
        """``p``'s content stems and word keys, read once per review."""
        found = self._words.get(p.id)
        if found is None:
            ws = words(p.text)
            found = self._words[p.id] = ({stem(w.key) for w in ws if _is_content(w.key)},
                                         {w.key for w in ws})
        return found

    @property
    def labels(self) -> dict[str, str]:
        """Each source's one label, repeats numbered ("Asia Report (2)"), as the panes show."""
        if self._labels is None:
            self._labels = source_labels(list(self.articles.values()), self.label_len)
        return self._labels

    def _in_spans(self, c: Conflict, p: Passage) -> list[Quantity]:
        """``p``'s figures inside ``c``'s differing words (all of them when it has none)."""
        at = c.spans_in(p.id)
        return [q for q in self._figures(p) if not at or any(
            _overlaps(p.start + q.start, p.start + q.end, s.start, s.end) for s in at)]

    def _about_qualifiers(self, c: Conflict, qualifiers: Sequence[Quantity]) -> bool:
        """Whether number conflict ``c`` sets only sizes of the claim's qualifiers against
        each other ("15-inch vs 13-inch": two products, not two readings of the claim's
        price)."""
        if not qualifiers or c.kind is not ConflictKind.NUMBER:
            return False
        told = [q for side in c.side_ids for pid in side
                if (p := self.passages.get(pid)) is not None for q in self._in_spans(c, p)]
        return bool(told) and all(any(q.unit == f.unit for f in qualifiers) for q in told)

    def _about_figures(self, c: Conflict, figures: Sequence[Quantity]) -> bool:
        """Whether number conflict ``c`` is about one of the claim's figures: a value in its
        differing words measures what one of them measures."""
        return bool(figures) and any(
            q.comparable(f) for side in c.side_ids for pid in side
            if (p := self.passages.get(pid)) is not None
            for q in self._in_spans(c, p) for f in figures)


#: a figure written as an adjective, number and unit joined ("13-inch", "15-inch")
_ADJECTIVE = re.compile(r"\d[\d.,]*-[A-Za-z]+")
#: a number as printed, for the numbers the figure reader leaves unread
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers_in(text: str) -> set[str]:
    """The numbers ``text`` prints, as digits ("1,099" and "1099" alike)."""
    return {m.group().replace(",", "") for m in _DIGITS.finditer(text)}


def _adjective(q: Quantity, text: str) -> bool:
    """Whether figure ``q`` of passage ``text`` is written as an adjective: "13-inch", or
    the "13-" of "13- and 15-inch" (an age says whose it is, never which thing)."""
    return q.unit != "age" and bool(_ADJECTIVE.fullmatch(q.text)
                                    or text[q.end : q.end + 1] == "-")


def _qualifiers(figures: Sequence[Quantity], claim_text: str,
                adjectival: Sequence[Quantity]) -> list[Quantity]:
    """The claim's figures that name which thing it is about rather than what it states: a
    size written as an adjective (``adjectival``: "the base 13-inch version") in a claim that
    prints another number too ("$1,099 for the base 13-inch version"). A claim whose only
    numbers are such sizes ("a 27-point plan") states them."""
    adjectives = [q for q in figures if q in adjectival]
    if not adjectives:
        return []
    others = [q for q in figures if q not in adjectives]
    printed = _numbers_in(claim_text) - {f"{q.value:g}" for q in adjectives} \
        - _numbers_in(" ".join(q.text for q in adjectives))
    return adjectives if others or printed else []


def _same_size(x: Quantity, f: Quantity) -> bool:
    """``x`` prints the qualifier ``f``: same unit, a value that fits. The measure is not
    asked: the figure reader's measure of a size before a noun is the clause's ("15-inch
    ... starts at" read as a distance), not the size's."""
    return x.unit == f.unit and x.low - 1e-9 <= f.value <= x.high + 1e-9


def _unread_numbers(claim_text: str, read: Sequence[str]) -> set[str]:
    """Numbers the claim prints that no figure of it holds: the figure reader leaves some
    unread (a price with a currency sign and no noun, "$1,099 for the base model")."""
    return _numbers_in(claim_text) - _numbers_in(" ".join(read))


def _fits(q: Quantity, figures: Sequence[Quantity]) -> bool:
    """``q`` prints one of ``figures``: the same measure, a value that fits, and a figure
    rather than "thousands". A bound down to nothing ("up to 167,000", or a figure read as
    one) fits only values of its size: "14,000 fled" does not print it."""
    return not is_vague(q) and any(
        q.comparable(f) and ((_bounds(f)[0] <= q.value <= _bounds(f)[1]
                              and (f.low > 0 or q.value >= 0.5 * f.value)) or (
            q.low <= f.value <= q.high and q.low > 0 and q.high < math.inf))
        for f in figures)


def _bounds(f: Quantity) -> tuple[float, float]:
    """The values a claim's figure allows: its range, or its value alone when the reader
    bounded it on neither side ("home to 167,000 people" read as 0 to infinity), since a
    claim printing a number states that number: "over 170,000" does not tell it."""
    if f.low <= 0 and f.high == math.inf:
        return f.value, f.value
    return f.low, f.high


def _in_range(q: Quantity, vague: Sequence[Quantity]) -> bool:
    """``q`` tells one of the claim's vague figures: "hundreds injured" by "300 injured" or
    "Hundreds were injured" (same measure, or none read: the reader gives a bare
    "Hundreds" no unit; overlapping range)."""
    return any(is_vague(f) and (q.comparable(f) or not q.unit) and q.compatible(f)
               for f in vague)


def _differing(theirs: Sequence[Quantity], figures: Sequence[Quantity],
               printed: Sequence[Quantity] | None = None, apart: float = 0.0) -> str | None:
    """"number: 15 people vs 12 people" (theirs, then the claim's) when ``theirs`` holds
    another value of one of the claim's ``figures`` that it does not print as well (same
    unit, measure and scope where both say them, values that cannot both hold); None
    otherwise. "7.6 and 7.5" against the claim's "7.6 and 7.4" differs on 7.4; a passage
    printing the claim's 7.6 beside a 6.1 aftershock does not. ``printed``: all the figures
    of the passage ``theirs`` come from (default ``theirs``), for what it prints as well.
    Vague figures never differ."""
    firm = [q for q in theirs if not is_vague(q)]
    unmet = [f for f in figures if not is_vague(f) and not any(
        _fits(q, [f]) for q in (firm if printed is None else printed) if not is_vague(q))]
    pairs = [(abs(f.value - q.value), n, q, f) for n, q in enumerate(firm)
             if not _fits(q, figures) for f in unmet
             if _same_attribute(q, f, firm) and _near(q, f, apart or APART)
             and not (q.low <= _bounds(f)[1] + 1e-9 and _bounds(f)[0] <= q.high + 1e-9)]
    if not pairs:
        return None
    # the nearest pair: the value that stands in for the claim's ("7.5 vs 7.4", not the
    # "6.1" aftershock the same sentence tells)
    _, _, q, f = min(pairs, key=lambda t: (t[0], t[1]))
    return f"number: {q.text} vs {f.text}"


def _same_attribute(q: Quantity, f: Quantity, theirs: Sequence[Quantity]) -> bool:
    """Whether ``q`` may stand against the claim's figure ``f``: comparable, and when ``f``
    says what it measures and ``theirs`` (the passage's figures) holds a figure of that same
    measure, ``q`` is one of those. A passage saying "14 miles from town, at a depth of 1.2
    miles" states the depth in the 1.2; its measure-less 14 miles is another attribute, never
    set against a claim's "depth of 12 miles" (QA pass 3, item 1)."""
    if not q.comparable(f):
        return False
    if not f.measure or q.measure == f.measure:
        return True
    return not any(x.measure == f.measure and x.comparable(f) for x in theirs)


#: two values of one measure this many times apart are told of two facts, not two readings
#: of one: "five people" killed at the weekend and the 2004 tsunami's "168,000 people", a
#: population of 167,000 and "one person" killed. Used only to name a source against a
#: claim (the conflict rows are the conflict module's)
APART = 20.0


#: the label of a value printed by a group member that tells none of the claim's words
IN_GROUP = " (in the claim's group, in other words)"
#: the same for a group member that tells none of the claim's words: "14,000 people" (who
#: fled) and a population of "167,000 people" share a group, not a fact
GROUP_APART = 5.0


def _near(q: Quantity, f: Quantity, apart: float = APART) -> bool:
    lo, hi = sorted((abs(q.value), abs(f.value)))
    return lo > 0 and hi / lo <= apart


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


def outlet_name(articles: Mapping[str, Article], article_id: str,
                labels: Mapping[str, str] | None = None) -> str:
    """What the verdict aids call a source: its one label (``source_labels``, as the panes
    and reports name it), else :func:`article_label`, else the id it was asked for. One
    helper for claim scope and suggestions, so a reason and G name an outlet alike."""
    if labels and article_id in labels:
        return labels[article_id]
    a = articles.get(article_id)
    return article_label(a) if a is not None else article_id


def _tells(claim_stems: set[str], stems: set[str], whole: bool) -> bool:
    """Whether a passage of the claim's group with content ``stems`` prints enough of the
    claim's content words to tell its fact: a third of them for a claim on its whole passage
    (the group already says the passages tell one fact), half and at least two for a claim on
    part of it (the group's fact may be another detail of the sentence)."""
    if not claim_stems:
        return whole
    shared = len(claim_stems & stems)
    if whole:
        return shared >= SAME_WORDS_MIN * len(claim_stems)
    return shared >= max(2, PART_WORDS_MIN * len(claim_stems))


def _suggest(anchor: Anchor, mine: Sequence[Conflict], counterparts: Sequence[Counterpart],
             passages: Mapping[str, Passage], articles: Mapping[str, Article],
             dependences: Sequence[Dependence], differs: Mapping[str, str] | None = None,
             labels: Mapping[str, str] | None = None,
             credited: Mapping[tuple[str, str], str] | None = None,
             ) -> tuple[str, tuple[str, ...]] | None:
    """The suggestion follows from the counterparts alone, the ones **G** adds, so the two
    never disagree: conflicting when one contradicts the claim's words (a conflict about them,
    or another value of the claim's figure, even without a conflict row: never "confirmed"
    while an aligned source disagrees), or a conflict about the claim's words sets other
    outlets against each other; confirmed when two independent origins print them; None when
    nothing but the claim's own article does.

    Each reason names the other outlet and what it prints against the claim's own words
    ("Antara Digest: number: one person vs five people", the claim's figure last; a conflict
    row's detail as ``credited`` gives it for that outlet), never the claim's own outlet; a
    conflict about the claim's words that sets no counterpart against the claim is named as
    one between other outlets."""
    differs = differs or {}
    own = anchor.article_id
    by_detail: dict[str, list[str]] = {}
    named: set[str] = set()
    for cp in counterparts:
        if cp.relation is not EvidenceRelation.CONTRADICTS or cp.article_id == own:
            continue
        details = [differs[cp.passage_id]] if cp.passage_id in differs else []
        for c in mine:
            if c.id in cp.conflicts:
                named.add(c.id)
                if not (details and c.kind is ConflictKind.NUMBER):
                    details.append((credited or {}).get((cp.passage_id, c.id), c.detail))
        for d in details:
            by_detail.setdefault(d, []).append(outlet_name(articles, cp.article_id, labels))
    for d in [d for d in by_detail if d.endswith(IN_GROUP)]:
        # a doubtful reading an outlet also prints in a sentence that tells the claim's
        # words is said once, plainly
        plain = set(by_detail.get(d[: -len(IN_GROUP)], ()))
        by_detail[d] = [who for who in by_detail[d] if who not in plain]
        if not by_detail[d]:
            del by_detail[d]
    reasons = [f"{', '.join(dict.fromkeys(who))}: {d}" for d, who in by_detail.items()]
    for c in mine:
        if c.id in named:
            continue
        who = [outlet_name(articles, passages[pid].article_id, labels)
               for pid in dict.fromkeys(c.passages)
               if pid in passages and passages[pid].article_id != own]
        sides = " vs ".join(dict.fromkeys(who)) or "Other outlets"
        reasons.append(f"{sides} (between other outlets): {c.detail}")
    if reasons:
        return "conflicting", tuple(dict.fromkeys(reasons))
    ids = list(dict.fromkeys([own] + [c.article_id for c in counterparts]))
    if len(ids) < 2:
        return None
    n = independent_sources(ids, dependences, articles)
    names = names_by_origin(ids, dependences, articles, labels)
    if n >= 2:
        return "confirmed", (f"Reported by {n} independent sources ({names}) with no conflict "
                             "about these words.",)
    return "unsourced", (f"Reported by {len(ids)} outlets ({names}) that share one origin.",)


def names_by_origin(ids: Sequence[str], dependences: Sequence[Dependence],
                    articles: Mapping[str, Article], labels: Mapping[str, str] | None) -> str:
    """The outlets, one entry per independent origin, so that a reason's count equals the
    entries it lists: "Island Daily; Jakarta View and Quake News (one origin)"."""
    known = [a for a in ids if a in articles]
    groups: dict[str, list[str]] = {}
    for a, root in origins(known, dependences).items():
        groups.setdefault(root, []).append(outlet_name(articles, a, labels))
    if all(len(g) == 1 for g in groups.values()):
        return ", ".join(g[0] for g in groups.values())
    return "; ".join(g[0] if len(g) == 1 else " and ".join(g) + " (one origin)"
                     for g in groups.values())


def nothing_to_add(scope: ClaimScope, linked: set[str], passages: Mapping[str, Passage],
                   labels: Mapping[str, str]) -> str:
    """Why **G** (add the counterparts as evidence) adds nothing to a claim, in words the
    reviewer can act on: every counterpart is evidence already, or the claim's group holds
    passages that do not tell its words (each outlet named with why), or there is no group.
    ``linked``: the passage ids already evidence of the claim; ``labels``: source labels."""
    found = [cp for cp in scope.counterparts if cp.passage_id in linked]
    if found:
        return (f"All {len(found)} counterparts of this claim's words are evidence already")
    if scope.passed_over:
        def named(pid: str) -> str:
            p = passages.get(pid)
            return labels.get(p.article_id, p.article_id) if p is not None else pid

        why: dict[str, list[str]] = {}
        for pid, reason in scope.passed_over:
            why.setdefault(reason, []).append(named(pid))
        parts = "; ".join(f"{', '.join(dict.fromkeys(who))}: {reason}"
                          for reason, who in why.items())
        n = len(scope.passed_over)
        many = f"{n} passages of other articles share" if n > 1 else \
            "1 passage of another article shares"
        return (f"Nothing to add: {many} this claim's group but none tells its words "
                f"({parts}); link one by hand (select its words, then E) if it does")
    return ("Nothing to add: this claim's passage shares no group with another article and "
            "no other article prints its figure")


#: a figure as printed: a number (times "2:09", "1,200", "$1.2") with the word after it
#: ("a.m.", "miles"), which keeps a bare "12" from matching every other 12 in the story
_FIGURE = re.compile(r"[$\u00a3\u20ac]?\d+(?:[:.,]\d+)*"
                     r"(?:\s*(?:[ap]\.\s?m\.|[ap]m\b|%|(?P<word>[^\W\d_]+)))?",
                     re.IGNORECASE)
#: words after a number that say nothing of what it counts
_NOT_UNITS = frozenset(
    "a an and are as at be by for from in is of on or than the to was were with".split())  # noqa: SIM905


def _printed_figures(quote: str) -> list[str]:
    """The claim's figures as printed (``_FIGURE``), in order, each once: a number with its
    unit word, a time, an amount of money, or a number of three digits or with a decimal
    part; never a bare small count."""
    found = []
    for m in _FIGURE.finditer(quote):
        text, word = m.group(0), m.group("word")
        if word and word.lower() in _NOT_UNITS:
            text = text[: m.start("word") - m.start()].rstrip()
        digits = sum(c.isdigit() for c in text)
        if text[-1].isdigit() and text[0].isdigit() and ":" not in text \
                and digits < 3 and "." not in text:
            continue
        found.append(text)
    return list(dict.fromkeys(found))


def no_group_reason(claim: Claim, passages: Mapping[str, Sequence[Passage]],
                    label: Callable[[str], str]) -> str:
    """Why G added nothing to a claim whose passage shares no group, told truly (QA3 #8).

    Claim scoping (``ClaimScope``) looks outside the groups only for the distinctive
    figures it reads as quantities; a time of day such as "2:09 a.m." is not
    one, and its message then said "no other article prints its figure" while six did.
    This looks for the claim's figures as printed in the other articles' passages (a few
    regular-expression searches over the story's text, a few milliseconds) and names the
    articles that print them, so the reviewer can link the right one by hand."""
    figures = _printed_figures(claim.anchor.quote)
    head = "Nothing to add: this claim's passage shares no group with another article"
    if not figures:
        return (f"{head}, and its words give no figure to look for in other articles; link "
                "a passage that tells it by hand (select its words, then E)")
    own = claim.anchor.article_id
    found: dict[str, list[str]] = {}  # figure -> labels of the articles printing it
    for figure in figures:
        pattern = re.compile(r"(?<![\w.,:])" + r"\s*".join(
            re.escape(part) for part in figure.split()) + r"(?!\w)", re.IGNORECASE)
        for article_id, theirs in passages.items():
            if article_id != own and any(pattern.search(p.text) for p in theirs):
                found.setdefault(figure, []).append(label(article_id))
    if not found:
        return f"{head}, and no other article prints {_quoted(figures)}"
    told = "; ".join(f"{len(who)} other article{'s' if len(who) > 1 else ''} print "
                     f"\u201c{figure}\u201d: {_some(sorted(who))}"
                     for figure, who in found.items())
    return (f"{head}, and G links only the passages it matches to the claim's words: {told}. "
            "Link the one that tells this fact by hand (select its words, then E)")


def _quoted(figures: list[str]) -> str:
    return " or ".join(f"\u201c{f}\u201d" for f in figures)


def _some(names: list[str], shown: int = 8) -> str:
    """Names for the status bar: the first ``shown``, then how many more."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


# ---------------------------------------------------------------------------------------------
# A figure or a quotation told another way (QA pass 4, item 4): kept apart from the rules
# above. A passage that prints "almost three hours" does not print "two hours" though the
# hedge's range holds two; "an estimated $1 million" is not "more than $1 million"; a
# sentence with another remark of the same speaker does not print the claim's quotation.

#: two stated values this far apart (relative) are two readings, whatever hedges surround
#: them: "about 14,000" and "14,200" are one figure, "almost three hours" and "two hours" not
ROUNDING = 0.1
#: the words before a figure that say how it is given ("almost", "more than", "an estimated")
_HEDGE_BEFORE = re.compile(
    r"(?:\b(?:more|less|fewer)\s+than|\bat\s+(?:least|most)|\bup\s+to|\bclose\s+to|"
    r"\b(?:an\s+)?estimated|\babout|\baround|\bnearly|\balmost|\broughly|"
    r"\bapproximately|\bsome|\bover|\bunder|\babove|\bbelow|\bjust)\s+"
    r"[$\u00a3\u20ac]?(?:US)?[$]?$", re.IGNORECASE)

_SIGN_BEFORE = re.compile(r"(?:US)?[$\u00a3\u20ac]$")


def _one_sided(q: Quantity) -> bool:
    """A bound on one side only: "more than $1 million", "up to 167,000" (not a plain value,
    nor a figure the reader left open on both sides)."""
    return (q.low <= 0) != (q.high == math.inf)


def _as_said(text: str, q: Quantity) -> str:
    """Figure ``q`` of ``text`` with the words that hedge it, as printed ("almost three
    hours", "more than $1 million")."""
    m = _HEDGE_BEFORE.search(text, 0, q.start) or _SIGN_BEFORE.search(text, 0, q.start)
    return (text[m.start() : q.start] if m else "") + q.text


def _reading(x: Quantity, f: Quantity) -> bool:
    """Whether ``x`` (another passage's figure, which fits the claim's ``f`` by its range)
    is the same statement as ``f`` rather than another reading of it: a value and a bound on
    the same number ("an estimated $1 million" and "more than $1 million") are two
    statements; so are two stated values further apart than ``ROUNDING`` that meet only
    through a hedge's range ("almost three hours" and "two hours"). A value inside a bound
    ("45" for "more than 30") states it. Times of day are left to the figure reader's own
    ranges (a relative rounding means nothing for minutes since midnight)."""
    if x.unit == "time" or f.unit == "time":
        return True
    same = abs(x.value - f.value) <= 1e-9 * max(abs(x.value), abs(f.value), 1.0)
    if _one_sided(x) != _one_sided(f):
        return not same
    if _one_sided(x) or not (x.approx or f.approx):
        return True
    return abs(x.value - f.value) <= ROUNDING * max(abs(x.value), abs(f.value))


def _other_reading(theirs: Sequence[Quantity], text: str, figures: Sequence[Quantity],
                   said: Mapping[Quantity, str]) -> str | None:
    """Why a passage that prints some of the claim's figures does not state them all: it
    gives one only as another reading ("prints almost three hours, not the claim's two
    hours"), or leaves one out ("A 61-year-old man surrendered" does not say "after two
    hours"); None when it states every figure of the claim (``figures``: the firm ones)."""
    fitting = [(x, f) for x in theirs for f in figures if _fits(x, [f])]
    stated = [f for x, f in fitting if _reading(x, f)]
    if fitting and not stated:
        x, f = fitting[0]
        return f"prints {_as_said(text, x)}, not the claim's {_as_said(said.get(f, ''), f)}"
    missing = [f for f in figures if f not in stated]
    if fitting and missing:
        return ("does not print the claim's figure ("
                + ", ".join(dict.fromkeys(_as_said(said.get(f, ""), f) for f in missing)) + ")")
    return None


#: a quotation with fewer content words is a scare quote ("a 'very good' talk"): one word
#: must still be printed
QUOTE_SHARE = 0.5


#: a quotation in straight single quotes, as headlines print them ("'Putin wants to end
#: war': Trump on …"), which ``quote_spans`` leaves to apostrophes: a mark after no letter,
#: three or more words, a mark before no letter
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(\w[^']*?\s[^']*?\w[.,!?]?)'(?![\w'])")


def _quoted_stems(claim_text: str) -> tuple[str, set[str]] | None:
    """The claim's quotations (their first words, for the reason) and their content stems;
    None when the claim quotes nothing."""
    spans = quote_spans(claim_text) or [m.span(1) for m in _SINGLE_QUOTED.finditer(claim_text)]
    stems = set().union(*(_content_stems(claim_text[s:e]) for s, e in spans)) if spans \
        else set()
    if not stems:
        return None
    first = claim_text[spans[0][0] : spans[0][1]].strip()
    shown = " ".join(first.split()[:8]) + ("\u2026" if len(first.split()) > 8 else "")
    return shown, stems


def _unquoted(quoted: tuple[str, set[str]], stems: set[str]) -> str | None:
    """Why a passage does not tell a claim that quotes someone: it prints fewer than half of
    the quotation's content words (another remark of the same speaker, "He didn't want to
    wait" for "At least he didn't get a chance to flee to Mexico"); None when it prints them.
    A quoted claim is confirmed only by the quote's words, never by the speaker's name."""
    shown, wanted = quoted
    if len(wanted & stems) >= max(1.0, QUOTE_SHARE * len(wanted)):
        return None
    return f"does not print the claim's quotation (\u201c{shown}\u201d)"


def _not_counted(suggestion: tuple[str, tuple[str, ...]] | None,
                 uncounted: Sequence[tuple[str, str]], passages: Mapping[str, Passage],
                 articles: Mapping[str, Article], labels: Mapping[str, str]
                 ) -> tuple[str, tuple[str, ...]] | None:
    """The suggestion, with a reason naming each outlet left out because it tells the claim's
    figure or quotation another way: a reviewer must see why "almost three hours" did not
    count for "two hours" rather than find it out."""
    if suggestion is None or not uncounted:
        return suggestion
    why: dict[str, list[str]] = {}
    for pid, reason in uncounted:
        p = passages.get(pid)
        if p is not None:
            why.setdefault(reason, []).append(outlet_name(articles, p.article_id, labels))
    extra = tuple(f"Not counted: {', '.join(dict.fromkeys(who))} {_plural(reason, who)}."
                  for reason, who in why.items())
    return suggestion[0], suggestion[1] + extra


def _plural(reason: str, who: Sequence[str]) -> str:
    """A reason's verb for several outlets ("KMXT AP, UPI print …")."""
    if len(set(who)) < 2:
        return reason
    for one, many in (("prints ", "print "), ("does not ", "do not ")):
        if reason.startswith(one):
            return many + reason[len(one):]
    return reason
