"""What the window shows, prepared from the core without Qt: a snapshot of a review and the
small pure functions behind the details area (word differences, conflict words, find hits).

Widgets never query the review or compute anything themselves; they are handed a
:class:`ReviewSnapshot` (built in the worker, so a large review never stalls the window) and
ask it questions by id. Keeping this module free of Qt also makes it testable without a display.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING

from factdesk.core.check.claimscope import ClaimScope, ScopeIndex
from factdesk.core.check.suggestions import PassageCheck, check_passage
from factdesk.core.model import (
    AlignmentGroup,
    Article,
    Claim,
    ClaimChange,
    Conflict,
    Dependence,
    DiffKind,
    Passage,
    describe_change,
    primary_groups,
    source_labels,
)
from factdesk.ui import gcpause, idlegate
from factdesk.ui.claimbook import ClaimBook, load_claims

if TYPE_CHECKING:  # the store (sqlite-utils) loads in the worker, not at start
    from factdesk.core.align.regroup import MatchOption
    from factdesk.core.store import PairDispute, Review

#: one stop of U's queue: (article's place, offset, 0 for a claim or 1 for a suggested
#: passage, its id), in reading order
QueueItem = tuple[int, int, int, str]
#: how long the lookup thread walks U's queue checking suggested passages before U stops at
#: the next one anyway (a check is 5-60 ms on a 300-article review; the reviewer is waiting)
U_WALK_S = 0.5


def _pause_beside_gui() -> None:
    """Between a scope's word diffs on a worker (the lookup thread, the reading worker): nap
    while the GUI thread works (``ui/idlegate``). A J / N / U press on a 300-article review
    waited 10-20 ms for the GIL while the lookup thread diffed; the check comes in a few
    turns later instead. Never naps on the GUI thread itself (G, A: the reviewer's edit)."""
    if threading.current_thread() is not threading.main_thread():
        idlegate.pause()


@dataclass(frozen=True, slots=True)
class WebSource:
    """Where an article came from: its address, and the version shown (of how many)."""

    url: str
    final_url: str
    version: int
    fetched_at: str
    http_date: str | None

    def describe(self) -> str:
        """"Version 2, captured 2026-12-03 09:12 UTC · example.org" (the version first: a
        narrow pane elides the end)."""
        host = PurePath(self.final_url.split("://", 1)[-1].split("/", 1)[0]).name
        when = self.fetched_at.replace("T", " ")[:16] + " UTC"
        version = f"Version {self.version}, captured" if self.version > 1 else "Captured"
        return f"{version} {when} · {host}"


@dataclass(slots=True)
class ReviewSnapshot:
    """Everything the window draws, read in one go; immutable by convention once built."""

    title: str
    path: str | None
    articles: list[Article]
    hidden: set[str]
    passages: dict[str, list[Passage]]  # article id -> passages in reading order
    groups: list[AlignmentGroup]
    conflicts: list[Conflict]
    stale: bool = False
    claims: ClaimBook = field(default_factory=ClaimBook)
    dependences: list[Dependence] = field(default_factory=list)
    passage_by_id: dict[str, Passage] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)  # passage id -> group shown in
    # passage id -> every group it is in (a lede reporting two facts is in two), in group order
    groups_of_passage: dict[str, list[str]] = field(default_factory=dict)
    group_number: dict[str, int] = field(default_factory=dict)  # group id -> 1-based number
    conflicts_of_passage: dict[str, list[Conflict]] = field(default_factory=dict)
    conflicts_of_group: dict[str, list[Conflict]] = field(default_factory=dict)
    # article id -> where and when its web page was captured (articles from URLs only)
    sources: dict[str, WebSource] = field(default_factory=dict)
    # claim id -> the flags "edited after publication" the reviewer has not dismissed
    claim_changes: dict[str, list[ClaimChange]] = field(default_factory=dict)
    #: the "Same fact?" queue: (passage, passage, probability), most informative first
    questions: list[tuple[str, str, float]] = field(default_factory=list)
    questions_stored: bool = True  # False: aligned by an older factdesk, none computed yet
    #: pairs two reviewers (merged files) answered differently, not settled since: asked first
    disputes: dict[tuple[str, str], list[PairDispute]] = field(default_factory=dict)
    _labels: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, Article] = field(default_factory=dict)
    _scopes: ScopeIndex | None = None
    _checks: dict[str, PassageCheck | None] = field(default_factory=dict)
    # by id: the tables ask for a group or conflict once per cell painted, and a scan of every
    # group per cell made painting the 300-article review's tables quadratic (~1 s)
    _group_by_id: dict[str, AlignmentGroup] = field(default_factory=dict)
    _conflict_by_id: dict[str, Conflict] = field(default_factory=dict)
    _ordered: tuple[tuple[int, int, int], list[Conflict]] | None = None

    def claim_scope(self, claim: Claim) -> ClaimScope:
        """What the claim's own words meet in the other articles: its conflicts, counterparts
        (the evidence G adds) and suggestion (see ``core/check/claimscope``)."""
        return self._scope_index().scope(claim.anchor, claim.passage_id)

    def passage_check(self, passage_id: str) -> PassageCheck | None:
        """What the window suggests for a passage without a claim, and what A saves: the
        claim-level check of its own words (``suggestions.check_passage``), on the same index
        as :meth:`claim_scope`, so the claim A makes is shown with the same suggestion."""
        # kept per passage: U checks the passages it walks over, and the inspector then shows
        # the one it landed on (a check is 5-40 ms at 300 articles)
        if passage_id not in self._checks:
            p = self.passage_by_id.get(passage_id)
            self._checks[passage_id] = (None if p is None
                                        else check_passage(self._scope_index(), p))
        return self._checks[passage_id]

    def scope_known(self, claim: Claim) -> bool:
        """Whether :meth:`claim_scope` of this claim is already worked out (free to ask)."""
        return self._scopes is not None and self._scopes.known(claim.anchor, claim.passage_id)

    def checked(self, passage_id: str) -> bool:
        """Whether :meth:`passage_check` of this passage is already worked out (free to ask)."""
        return passage_id in self._checks

    def next_stop(self, items: Sequence[QueueItem], after: int, *, known_only: bool = False,
                  budget_s: float = U_WALK_S) -> tuple[QueueItem, int] | None:
        """U's next stop from ``items[after]`` on (wrapping), and how many open suggestions it
        passed. An open suggestion is a group-level hint, so a passage whose own words earn no
        suggestion (:meth:`passage_check`) is passed. ``known_only``: ``None`` at the first
        passage whose check is not yet worked out (the GUI thread walks what is known, the
        lookup thread the rest, at 5-60 ms a check on a 300-article review). When
        ``budget_s`` runs out U stops at the next passage anyway, and the inspector says why."""
        start = time.monotonic()
        skipped = 0
        for n in range(len(items)):
            target = items[(after + n) % len(items)]
            if target[2] == 0 or time.monotonic() - start > budget_s:
                return target, skipped
            if known_only and target[3] not in self._checks:
                return None
            check = self.passage_check(target[3])
            if check is None or check.suggestion is not None:
                return target, skipped
            skipped += 1
        # nothing but suggestions with nothing to show: stop at the next, which says why
        return items[after % len(items)], skipped - 1

    @property
    def scope_index(self) -> ScopeIndex:
        """The claim-scope index of this snapshot (A passes it to ``accept_suggestion``)."""
        return self._scope_index()

    def _scope_index(self) -> ScopeIndex:
        if self._scopes is None:
            index = ScopeIndex.make(self.passage_by_id, self.groups, self.conflicts,
                                    {a.id: a for a in self.articles}, self.dependences)
            index.pause = _pause_beside_gui
            self._scopes = index
        return self._scopes

    def prepare_scopes(self) -> None:
        """Build the claim-scope index and read every passage's figures now, on the worker
        that reads the review: the first claim the inspector showed (U, a click) read them
        on the GUI thread, ~150-300 ms with 10,000 claims."""
        index = self._scope_index()
        index.prepare(pause=idlegate.pause)
        # the source labels every suggestion names outlets by: ~20 ms at 300 articles, paid
        # by the first passage the reviewer selected (benchmarks/passage_checks.py)
        index.labels  # noqa: B018

    def __post_init__(self) -> None:
        self.passage_by_id = {p.id: p for ps in self.passages.values() for p in ps}
        self.group_number = {g.id: n for n, g in enumerate(self.groups, start=1)}
        self.group_of = {pid: g.id for pid, g in primary_groups(self.groups).items()}
        for g in self.groups:
            for pid in g.passage_ids:
                self.groups_of_passage.setdefault(pid, []).append(g.id)
        for c in self.conflicts:
            gid = self.conflict_group(c) or ""
            self.conflicts_of_group.setdefault(gid, []).append(c)
            for pid in c.passages:
                self.conflicts_of_passage.setdefault(pid, []).append(c)

    # ------------------------------------------------------------------ lookups
    def edited_note(self, claim_id: str) -> str:
        """How a claim's words changed at the source, from its newest undismissed flag; ""."""
        changes = self.claim_changes.get(claim_id)
        return "; ".join(describe_change(c) for c in changes) if changes else ""

    def article(self, article_id: str) -> Article:
        if len(self._by_id) != len(self.articles):
            self._by_id = {a.id: a for a in self.articles}
        return self._by_id[article_id]

    def label(self, article_id: str) -> str:
        """The source's one label (:func:`~factdesk.core.model.source_labels`): the same in
        the panes, the details, the claims, the suggestions and the reports."""
        if not self._labels:
            self._labels.update(source_labels(self.articles))
        return self._labels.get(article_id, article_id[:8])

    def visible_articles(self) -> list[Article]:
        return [a for a in self.articles if a.id not in self.hidden]

    def group(self, group_id: str) -> AlignmentGroup | None:
        found = self._group_by_id.get(group_id)
        if found is None or len(self._group_by_id) != len(self.groups):
            self._group_by_id = {g.id: g for g in self.groups}
            found = self._group_by_id.get(group_id)
        return found

    def conflict(self, conflict_id: str) -> Conflict | None:
        found = self._conflict_by_id.get(conflict_id)
        if found is None or len(self._conflict_by_id) != len(self.conflicts):
            self._conflict_by_id = {c.id: c for c in self.conflicts}
            found = self._conflict_by_id.get(conflict_id)
        return found

    def shared_with(self, group_id: str) -> list[str]:
        """Other groups that share a passage with this one (through a two-fact lede)."""
        group = self.group(group_id)
        found = {other for pid in (group.passage_ids if group else ())
                 for other in self.groups_of_passage.get(pid, ()) if other != group_id}
        return sorted(found, key=lambda gid: self.group_number.get(gid, 0))

    def members_in_order(self, group_id: str) -> list[Passage]:
        """The group's passages, in the group's order (as members_in gives them per article)."""
        group = self.group(group_id)
        found = (self.passage_by_id.get(pid) for pid in group.passage_ids) if group else ()
        return [p for p in found if p is not None]

    def members_in(self, group_id: str, article_id: str) -> list[Passage]:
        group = self.group(group_id)
        if group is None:
            return []
        found = (self.passage_by_id.get(pid) for pid in group.passage_ids)
        return [p for p in found if p is not None and p.article_id == article_id]

    def passage_at(self, article_id: str, offset: int) -> Passage | None:
        """The passage covering ``offset`` (code points), or None in gaps and boilerplate."""
        for p in self.passages.get(article_id, ()):
            if p.start <= offset < p.end:
                return p
        return None

    def conflict_group(self, c: Conflict) -> str | None:
        """The group a conflict is shown with: its own, else the group of one of its passages
        (a quotation conflict between related passages has none of its own), else none."""
        return c.group_id or next((self.group_of[p] for p in c.passages if p in self.group_of),
                                  None)

    def ordered_conflicts(self) -> list[Conflict]:
        """Conflicts in the order J/K walks the groups, so N/P feel like the same road
        (conflicts between passages in no group come last). Sorted once per list of
        conflicts (every N sorted them again); do not change the list returned."""
        key = (id(self.conflicts), len(self.conflicts), id(self.group_number))
        if self._ordered is None or self._ordered[0] != key:
            order = self.group_number
            self._ordered = (key, sorted(
                self.conflicts, key=lambda c: order.get(self.conflict_group(c) or "", 10**9)))
        return self._ordered[1]

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.articles),
            "passages": len(self.passage_by_id),
            "groups": len(self.groups),
            "conflicts": len(self.conflicts),
        }

    def passage_of_claim(self, claim_id: str) -> Passage | None:
        """The passage a claim was made from, else the one its quote starts in."""
        claim = self.claims.claims.get(claim_id)
        if claim is None:
            return None
        if claim.passage_id and claim.passage_id in self.passage_by_id:
            return self.passage_by_id[claim.passage_id]
        if claim.orphaned:
            return None
        return self.passage_at(claim.anchor.article_id, claim.anchor.start)

    def aligned_count(self, article_id: str) -> int:
        return sum(1 for p in self.passages.get(article_id, ()) if p.id in self.group_of)

    # ------------------------------------------------------------------ after an edit
    def replace_article(self, article: Article, hidden: bool) -> None:
        """Take in one article as re-read from the review after a committed edit."""
        self.articles = [article if a.id == article.id else a for a in self.articles]
        self._labels.clear()
        self._by_id.clear()
        if hidden:
            self.hidden.add(article.id)
        else:
            self.hidden.discard(article.id)

    def reorder(self, ids: list[str]) -> None:
        by_id = {a.id: a for a in self.articles}
        self.articles = [by_id[i] for i in ids if i in by_id]
        self._labels.clear()
        self.claims.article_order = {a.id: n for n, a in enumerate(self.articles)}


@dataclass(frozen=True, slots=True)
class Marked:
    """What a pane paints for one passage."""

    passage: Passage
    group: int  # the group's number, 0 for unaligned
    conflict: bool
    conflict_spans: tuple[tuple[int, int], ...] = ()  # offsets into passage.text


def reading_order(snapshot: ReviewSnapshot) -> list[Passage]:
    """Every passage, article by article in pane order (the order the core's ranking wants)."""
    return [p for a in snapshot.articles for p in snapshot.passages.get(a.id, ())]


def describe_option(snapshot: ReviewSnapshot, option: MatchOption) -> tuple[int, str, str]:
    """(group number or 0, headline, passage text) of one place a passage can be put; for a
    group, the text is that of its member closest to the passage, after its outlet."""
    if option.group_id is None:
        lone = snapshot.passage_by_id[option.anchor]
        return 0, f"New group with {snapshot.label(lone.article_id)}", lone.text
    group = snapshot.group(option.group_id)
    assert group is not None
    outlets = list(dict.fromkeys(snapshot.label(snapshot.passage_by_id[pid].article_id)
                                 for pid in group.passage_ids if pid in snapshot.passage_by_id))
    number = snapshot.group_number[option.group_id]
    closest = snapshot.passage_by_id[option.closest or option.anchor]
    return (number, f"Group {number} · {', '.join(outlets)}",
            f"{snapshot.label(closest.article_id)}: {closest.text}")


def pane_marks(snapshot: ReviewSnapshot, article_id: str) -> list[Marked]:
    """The passages of one article with their group number and conflict words."""
    out = []
    for p in snapshot.passages.get(article_id, ()):
        gid = snapshot.group_of.get(p.id)
        conflicts = p.id in snapshot.conflicts_of_passage
        out.append(Marked(p, snapshot.group_number.get(gid, 0) if gid else 0, conflicts,
                          tuple(conflict_spans(snapshot, p)) if conflicts else ()))
    return out


def load_snapshot(review: Review) -> ReviewSnapshot:
    """Read a review for display; runs on the database worker. No garbage collection while it
    reads, and what it read is kept out of later collections (see ``ui/gcpause``)."""
    with gcpause.reading():
        snapshot = _load_snapshot(review)
        # a claim's inspector and a suggested passage's check (what A saves) both read every
        # passage's figures: ~1 s on the GUI thread at the first U of a 300-article review
        if snapshot.claims.claims or snapshot.claims.suggestions:
            snapshot.prepare_scopes()
        # what the window asks for as it shows the review and at the first N or U, worked
        # out here rather than on the GUI thread (300 articles: the sources' labels ~3 ms,
        # U's queue of claims and suggestions ~8 ms at the first press)
        snapshot.label("")
        snapshot.ordered_conflicts()
        snapshot.claims.review_queue(
            {a.id: n for n, a in enumerate(snapshot.articles) if a.id not in snapshot.hidden},
            snapshot.passage_by_id)
        snapshot.claims.reviewers()
        snapshot.claims.versions()
        return snapshot


def _load_snapshot(review: Review) -> ReviewSnapshot:
    articles = review.articles()
    visible = {a.id for a in review.articles(include_hidden=False)}
    by_article: dict[str, list[Passage]] = {a.id: [] for a in articles}
    for p in review.passages():
        by_article.setdefault(p.article_id, []).append(p)
    sources = {
        c.article_id: WebSource(c.url, c.final_url, c.version, c.fetched_at, c.http_date)
        for c in review.captures(with_text=False)  # oldest first: the newest version wins
    }
    changes: dict[str, list[ClaimChange]] = {}
    for change in review.claim_changes():
        changes.setdefault(change.claim_id, []).append(change)
    return ReviewSnapshot(
        title=review.title,
        path=str(review.path) if review.path else None,
        articles=articles,
        hidden={a.id for a in articles} - visible,
        passages=by_article,
        groups=review.groups(),
        conflicts=review.conflicts(),
        stale=review.analysis_stale,
        claims=load_claims(review, {a.id: n for n, a in enumerate(articles)}),
        dependences=review.dependences(),
        sources=sources,
        claim_changes=changes,
        questions=[(q.passage_a, q.passage_b, q.probability) for q in review.pair_questions()],
        questions_stored=review.pair_questions_stored,
        disputes=review.open_pair_disputes(),
    )


# ---------------------------------------------------------------------- details area
class RunStyle(Enum):
    SAME = "same"
    ADDED = "added"  # words this outlet has and the reference does not
    REMOVED = "removed"  # the reference's words this outlet lacks (shown struck through)


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    style: RunStyle
    conflict: bool = False  # one of the words a conflict is about


@dataclass(frozen=True, slots=True)
class MemberWording:
    passage: Passage
    outlet: str
    is_reference: bool
    runs: tuple[Run, ...]


def word_spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where a conflict's words occur in a passage (whole words, case-insensitive).

    Conflicts name the differing words, not their offsets; finding them again here keeps the
    emphasis on the words the reader sees even if the conflict finder normalised them.
    """
    spans: list[tuple[int, int]] = []
    for w in words:
        if not w.strip():
            continue
        pattern = r"(?<!\w)" + re.escape(w) + r"(?!\w)"
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            spans.append((m.start(), m.end()))
    return spans


def _conflict_flags(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    flags = [False] * len(text)
    for s, e in spans:
        for i in range(s, e):
            flags[i] = True
    return flags


def _split_runs(text: str, style: RunStyle, flags: list[bool], base: int) -> list[Run]:
    """Cut a diff span where the conflict emphasis starts or stops."""
    out: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or flags[base + i] != flags[base + start]:
            out.append(Run(text[start:i], style, flags[base + start] if text else False))
            start = i
    return out


def conflict_spans(snapshot: ReviewSnapshot, passage: Passage) -> list[tuple[int, int]]:
    """Offsets (into the passage text) of the words its conflicts are about."""
    spans: list[tuple[int, int]] = []
    for c in snapshot.conflicts_of_passage.get(passage.id, ()):
        own = c.spans_in(passage.id)
        if own:  # the exact differing words, as the detector found them
            spans += [(s.start - passage.start, s.end - passage.start) for s in own]
            continue
        side = c.side_of(passage.id)
        if side is not None and side < len(c.words):
            spans += word_spans(passage.text, c.words[side])
    return spans


def group_members(
    snapshot: ReviewSnapshot, group_id: str | None, reference_id: str | None = None,
    also: Sequence[str] = (),
) -> tuple[list[Passage], Passage | None]:
    """The passages one group shows (members, then ``also``) and its reference passage
    (``reference_id`` when it is one of them, else the first); cheap, no diff."""
    group = snapshot.group(group_id) if group_id else None
    if group is None and not also:
        return [], None
    ids = list(dict.fromkeys([*(group.passage_ids if group else ()), *also]))
    members = [snapshot.passage_by_id[pid] for pid in ids if pid in snapshot.passage_by_id]
    if not members:
        return [], None
    return members, next((p for p in members if p.id == reference_id), members[0])


def member_labels(snapshot: ReviewSnapshot, members: Sequence[Passage]) -> dict[str, str]:
    """Each shown passage's row label: its outlet, and where a group holds two passages of one
    article, which passage ("Reuters, passage 7"), so the reference and a compared row of the
    same outlet are never two rows of one name (QA pass 5)."""
    per_article: dict[str, int] = {}
    for p in members:
        per_article[p.article_id] = per_article.get(p.article_id, 0) + 1
    return {p.id: snapshot.label(p.article_id)
            + (f", passage {p.index + 1}" if per_article[p.article_id] > 1 else "")
            for p in members}


def group_wordings(
    snapshot: ReviewSnapshot, group_id: str | None, reference_id: str | None = None,
    also: Sequence[str] = (),
) -> list[MemberWording]:
    """Each outlet's wording of one group, marked word by word against a reference passage.

    ``also``: passages to show besides the members (the two sides of a selected conflict, one
    of which may be filed under another group). A word diff per member: ~1-2 ms each, ~20 ms
    for a 15-outlet group, so the details panel computes them a few at a time between events
    (`iter_group_wordings`).
    """
    return list(iter_group_wordings(snapshot, group_id, reference_id, also))


def iter_group_wordings(
    snapshot: ReviewSnapshot, group_id: str | None, reference_id: str | None = None,
    also: Sequence[str] = (),
) -> Iterator[MemberWording]:
    """`group_wordings` one outlet at a time, each word diff computed only when asked for: the
    details panel takes as many as fit in a short slice, so a 15-outlet group never holds the
    window for the whole group's diffs at once."""
    from factdesk.core.align.diff import diff_words

    members, ref = group_members(snapshot, group_id, reference_id, also)
    if ref is None:
        return
    ref_flags = _conflict_flags(ref.text, conflict_spans(snapshot, ref))
    labels = member_labels(snapshot, members)
    for p in members:
        flags = _conflict_flags(p.text, conflict_spans(snapshot, p))
        if p.id == ref.id:
            runs = _split_runs(p.text, RunStyle.SAME, flags, 0)
        else:
            runs = []
            for span in diff_words(ref.text, p.text):
                if span.kind is DiffKind.EQUAL:
                    runs += _split_runs(span.text, RunStyle.SAME, flags, span.b_start)
                elif span.kind is DiffKind.INSERT:
                    runs += _split_runs(span.text, RunStyle.ADDED, flags, span.b_start)
                else:
                    runs += _split_runs(span.text, RunStyle.REMOVED, ref_flags, span.a_start)
        yield MemberWording(p, labels[p.id], p.id == ref.id, tuple(runs))


# ---------------------------------------------------------------------- find
def find_hits(snapshot: ReviewSnapshot, query: str) -> dict[str, list[tuple[int, int]]]:
    """Case-insensitive matches of ``query`` in every article, as code-point spans.

    A regex on the original text (not a case-folded copy) keeps the offsets exact even where
    folding would change a string's length (ß → ss).
    """
    if not query:
        return {}
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    hits: dict[str, list[tuple[int, int]]] = {}
    for a in snapshot.articles:
        found = [(m.start(), m.end()) for m in pattern.finditer(a.text)]
        if found:
            hits[a.id] = found
    return hits
