"""Build the report model from an open review (the only export code that reads the store).

``build_report`` reads the review once; ``assemble_report`` does the work on plain core objects,
so it can be tested (and benchmarked) without a database.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any, Protocol

import snowballstemmer

from factdesk.core.align.diff import diff_words
from factdesk.core.check.claimscope import ScopeIndex
from factdesk.core.check.factsheet import fact_sheet
from factdesk.core.export.model import (
    STATUS_ORDER,
    ClaimItem,
    ConflictItem,
    ConflictSide,
    DecisionItem,
    DependenceItem,
    DiffPart,
    EvidenceItem,
    ExportOptions,
    GroupItem,
    GroupMemberItem,
    Quote,
    Report,
    Source,
    SourceCount,
    StatusCount,
    Summary,
)
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Claim,
    ClaimChange,
    ClaimStatus,
    Conflict,
    Decision,
    Dependence,
    Passage,
    PassageKind,
    RemovedArticle,
    article_label,
    describe_change,
    file_label,
    primary_groups,
    source_labels,
)
from factdesk.core.progress import CancelToken, Progress, no_progress

CONTEXT_CHARS = 140
#: how many characters of context an anchor keeps each side (``factdesk.core.anchors.CONTEXT``,
#: a layer above export; a test keeps the two equal): a stored prefix this long was cut
ANCHOR_CONTEXT = 32
_SPACES = re.compile(r"\s+")
#: a report names each outlet whole: the window shortens a long one to fit its headers
#: ("Los Angeles Ti…"), a report is read at leisure (QA: the shortened name reached it)
_WHOLE = None
_HEADINGS = frozenset({PassageKind.HEADLINE, PassageKind.HEADING, PassageKind.STANDFIRST})


class _Dependence(Protocol):
    """A stored dependence; the article is ``article`` (core) or ``article_id`` (older store)."""

    source: str
    reason: str
    shared_chars: int


class _ReviewLike(Protocol):
    """The parts of :class:`factdesk.core.store.Review` a report reads."""

    @property
    def title(self) -> str: ...
    def articles(self) -> list[Article]: ...
    def passages(self) -> list[Passage]: ...
    def groups(self) -> list[AlignmentGroup]: ...
    def conflicts(self) -> list[Conflict]: ...
    def dependences(self) -> Sequence[Any]: ...
    def claims(self) -> list[Claim]: ...
    def decisions(self) -> list[Decision]: ...


class _CaptureLike(Protocol):
    article_id: str
    version: int
    fetched_at: str
    stored_at: str
    final_url: str




def build_report(
    review: _ReviewLike,
    options: ExportOptions | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Report:
    """Read a review's articles, analysis and claims into a :class:`Report`."""
    options = options or ExportOptions()
    progress(0, 1, "Reading the review")
    return assemble_report(
        title=options.title or review.title,
        articles=review.articles(),
        passages=review.passages(),
        groups=review.groups(),
        conflicts=review.conflicts(),
        dependences=review.dependences(),
        claims=review.claims(),
        decisions=review.decisions() if hasattr(review, "decisions") else (),
        options=options,
        progress=progress,
        cancel=cancel,
        # web captures and edited-claim flags (reviews before format 3 have none)
        captures=review.captures(with_text=False) if hasattr(review, "captures") else (),
        claim_changes=(review.claim_changes(include_dismissed=True)
                       if hasattr(review, "claim_changes") else ()),
        removed=review.removed_articles() if hasattr(review, "removed_articles") else (),
    )


@dataclass(slots=True)
class _Index:
    """Lookups over one review's analysis, built once per report."""

    articles: dict[str, Article]
    passages: dict[str, Passage]
    starts: dict[str, list[int]]  # article id -> sorted passage starts
    ordered: dict[str, list[Passage]]  # article id -> passages by start
    groups_of: dict[str, list[AlignmentGroup]]  # the one it is shown in first (two-fact ledes)
    conflicts_of: dict[str, list[Conflict]]
    barriers: dict[str, list[tuple[int, int, bool]]]  # marks and headings, per article
    # Memos filled while the claims are collected: in a big review many claims and evidence
    # quotes share an anchor, a (claim, evidence) pair of texts, a conflict or a group.
    outlets: dict[str, str] = field(default_factory=dict)
    quotes: dict[Anchor, Quote] = field(default_factory=dict)
    diffs: dict[tuple[str, str], tuple[DiffPart, ...]] = field(default_factory=dict)
    conflict_items: dict[str, ConflictItem] = field(default_factory=dict)
    group_items: dict[str, GroupItem] = field(default_factory=dict)
    scopes: ScopeIndex | None = None  # which conflicts are about a claim's own words

    @classmethod
    def make(
        cls,
        articles: Iterable[Article],
        passages: Iterable[Passage],
        groups: Iterable[AlignmentGroup],
        conflicts: Iterable[Conflict],
    ) -> _Index:
        ordered: dict[str, list[Passage]] = defaultdict(list)
        by_id: dict[str, Passage] = {}
        for p in passages:
            ordered[p.article_id].append(p)
            by_id[p.id] = p
        for plist in ordered.values():
            plist.sort(key=lambda p: p.start)
        groups = list(groups)
        shown = primary_groups(groups)
        groups_of: dict[str, list[AlignmentGroup]] = defaultdict(list)
        for g in groups:
            for pid in g.passage_ids:
                groups_of[pid].append(g)
        for pid, gs in groups_of.items():
            gs.sort(key=lambda g: g is not shown[pid])
        conflicts_of: dict[str, list[Conflict]] = defaultdict(list)
        for c in conflicts:
            for pid in dict.fromkeys(c.passages):
                conflicts_of[pid].append(c)
        articles = list(articles)
        barriers: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
        for a in articles:
            barriers[a.id] += [(m.start, m.end, False) for m in a.marks]
        for aid, plist in ordered.items():
            barriers[aid] += [(p.start, p.end, True) for p in plist if p.kind in _HEADINGS]
        return cls(
            barriers=dict(barriers),
            articles={a.id: a for a in articles},
            passages=by_id,
            starts={aid: [p.start for p in plist] for aid, plist in ordered.items()},
            ordered=dict(ordered),
            groups_of=dict(groups_of),
            conflicts_of=dict(conflicts_of),
            outlets=source_labels(articles, _WHOLE),
        )

    def outlet(self, article_id: str) -> str:
        name = self.outlets.get(article_id)
        if name is None:
            a = self.articles.get(article_id)
            # an article removed before its name was kept: say so rather than show a hash
            name = self.outlets[article_id] = (
                display_name(a) if a else f"Article no longer in the review ({article_id})")
        return name

    def quote(self, anchor: Anchor) -> Quote:
        """:func:`quote_for` the anchor, computed once per distinct anchor."""
        q = self.quotes.get(anchor)
        if q is None:
            q = self.quotes[anchor] = quote_for(anchor, self.articles.get(anchor.article_id), self)
        return q

    def diff(self, a: str, b: str) -> tuple[DiffPart, ...]:
        """The word diff of two quotes, computed once per distinct pair of texts."""
        parts = self.diffs.get((a, b))
        if parts is None:
            parts = tuple(DiffPart(s.kind, s.text) for s in diff_words(a, b))
            self.diffs[(a, b)] = parts
        return parts

    def conflict_item(self, c: Conflict) -> ConflictItem:
        item = self.conflict_items.get(c.id)
        if item is None:
            item = self.conflict_items[c.id] = _conflict_item(c, self)
        return item

    def group_item(self, g: AlignmentGroup) -> GroupItem:
        item = self.group_items.get(g.id)
        if item is None:
            item = self.group_items[g.id] = _group_item(g, self)
        return item

    def bounds(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """How far context may reach: not into marked spans (bylines, datelines, boilerplate)
        nor across a headline or heading, and not out of one the quote sits in."""
        lo, hi = 0, len(self.articles[article_id].text)
        for b_start, b_end, is_passage in self.barriers.get(article_id, ()):
            if b_end <= start:
                lo = max(lo, b_end)
            elif b_start >= end:
                hi = min(hi, b_start)
            elif is_passage:
                lo, hi = max(lo, b_start), min(hi, b_end)
        return lo, hi

    def overlapping(self, anchor: Anchor) -> list[str]:
        """Ids of the passages of the anchor's article that share characters with it."""
        plist = self.ordered.get(anchor.article_id, [])
        i = max(bisect.bisect_right(self.starts.get(anchor.article_id, []), anchor.start) - 1, 0)
        out = []
        for p in plist[i:]:
            if p.start >= max(anchor.end, anchor.start + 1):
                break
            if p.end > anchor.start:
                out.append(p.id)
        return out


def assemble_report(
    *,
    title: str,
    articles: Sequence[Article],
    passages: Sequence[Passage],
    groups: Sequence[AlignmentGroup],
    conflicts: Sequence[Conflict],
    dependences: Sequence[_Dependence],
    claims: Sequence[Claim],
    options: ExportOptions,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    captures: Sequence[_CaptureLike] = (),
    claim_changes: Sequence[ClaimChange] = (),
    decisions: Sequence[Decision] = (),
    removed: Sequence[RemovedArticle] = (),
) -> Report:
    """Turn core objects into the report model (claims filtered by status, in reading order).

    ``removed`` are articles taken out of the review: a claim or evidence quote still quoting
    one names its outlet and title as they were, and it is listed among the sources as
    removed (only when something quotes it)."""
    by_claim: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        if d.status != ClaimStatus.UNREVIEWED or d.note:
            by_claim[d.claim_id].append(d)
    index = _Index.make(articles, passages, groups, conflicts)
    index.scopes = ScopeIndex.make(index.passages, list(groups), list(conflicts),
                                   index.articles, label_len=_WHOLE)
    gone = {r.id: r for r in removed if r.id not in index.articles}
    for r in gone.values():
        index.outlets[r.id] = article_label(_as_article(r), _WHOLE)
    position = {a.id: i for i, a in enumerate(articles)}
    chosen = sorted(
        (c for c in claims if options.includes(c.status)),
        key=lambda c: (position.get(c.anchor.article_id, len(position)), c.anchor.start, c.id),
    )
    items: list[ClaimItem] = []
    total = len(chosen)
    for n, claim in enumerate(chosen):
        if n % 200 == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress(n, total, "Collecting claims")
        items.append(_with_decisions(_claim_item(claim, index), claim,
                                     by_claim.get(claim.id, []), options.reviewers))
    progress(total, total, "Collecting claims")
    items = _with_versions(items, chosen, captures, claim_changes)
    items = _mark_removed_evidence(items, {r.id: r.removed_at for r in gone.values()})
    newest = {c.article_id: c for c in sorted(captures, key=lambda c: c.version)}

    sources = tuple(
        Source(
            id=a.id,
            outlet=index.outlet(a.id),
            title=a.title,
            author=a.author,
            published=a.published,
            path=a.path,
            sha256=a.sha256,
            text=a.text if options.full_text else None,
            publisher=a.outlet or file_label(a.path),
            headline=_headline(a, index),
            version=newest[a.id].version if a.id in newest else None,
            captured=newest[a.id].fetched_at if a.id in newest else "",
            final_url=newest[a.id].final_url if a.id in newest else "",
        )
        for a in articles
    )
    quoted = {i.quote.article_id for i in items} | {
        e.quote.article_id for i in items for e in i.evidence}
    sources += tuple(
        Source(id=r.id, outlet=index.outlet(r.id), title=r.title, author=r.author,
               published=r.published, path=r.path, sha256=r.sha256,
               publisher=r.outlet or file_label(r.path), headline=r.headline or r.title,
               removed=r.removed_at)
        for r in gone.values() if r.id in quoted
    )
    deps = tuple(
        DependenceItem(aid, index.outlet(aid), d.source, _named(d.reason, index), d.shared_chars)
        for d in dependences
        for aid in [str(getattr(d, "article", None) or getattr(d, "article_id", ""))]
    )
    summary = Summary(
        title=title,
        reviewer=options.reviewer,
        organization=options.organization,
        generated=options.generated or datetime.now(UTC).isoformat(timespec="seconds"),
        claims=len(items),
        by_status=_status_counts(c.status for c in items),
        by_source=_source_counts(articles, items),
        statuses_included=tuple(s for s in STATUS_ORDER if options.includes(s)),
        **_reviewers_summary(chosen, by_claim, options.reviewers),
    )
    return Report(
        summary=summary,
        sources=sources,
        claims=tuple(items),
        dependences=deps,
        claimreview_url=options.url,
        facts=fact_sheet(articles, index.passages, groups, conflicts, [
            Dependence(str(getattr(d, "article", None) or getattr(d, "article_id", "")),
                       d.source, d.reason, d.shared_chars) for d in dependences],
                         label_len=_WHOLE),
    )


_WORDS = re.compile(r"\w+")


def _named(reason: str, index: _Index) -> str:
    """A dependence's reason with every article id in it replaced by that article's outlet.

    The check writes reasons such as "wire copy of a0483f3e5: 20-word verbatim run", and
    reviews already store them that way; an editor knows the outlet, never the content hash,
    so the report names the outlet the "Depends on" column and every other section use."""
    return _WORDS.sub(lambda m: index.outlet(m.group()) if m.group() in index.articles
                      else m.group(), reason)


def _as_article(r: RemovedArticle) -> Article:
    """A removed article's record as an (empty) article, to be named like one."""
    return Article(r.id, r.path, "", r.sha256, title=r.title, outlet=r.outlet, author=r.author,
                   published=r.published)


def _headline(article: Article, index: _Index) -> str:
    """The article's title; when the title is its first passage cut short with "…" (a text
    file has no headline of its own), that whole passage, so a published headline never
    stops mid-sentence."""
    title = " ".join(article.title.split())
    if not title.endswith("…"):
        return title
    first = next(iter(index.ordered.get(article.id, ())), None)
    whole = " ".join(first.text.split()) if first is not None else ""
    return whole if whole.startswith(title[:-1].rstrip()) else title


def _with_decisions(item: ClaimItem, claim: Claim, decisions: Sequence[Decision],
                    show: bool) -> ClaimItem:
    """The settlement and, when the report shows reviewers, each one's decision."""
    verdicts = {d.status for d in decisions if d.status != ClaimStatus.UNREVIEWED}
    shown = tuple(DecisionItem(d.reviewer, d.status, d.note, d.at)
                  for d in sorted(decisions, key=lambda d: (d.reviewer, d.at))) if show else ()
    return replace(item, settled_by=claim.settled_by, settled_at=claim.settled_at,
                   settled_why=claim.settled_why,
                   disagreement=len(verdicts) > 1 and not claim.settled, decisions=shown)


def _reviewers_summary(claims: Sequence[Claim], by_claim: dict[str, list[Decision]],
                       show: bool) -> dict[str, Any]:
    if not show:
        return {}
    from factdesk.core.agreement import overall

    ids = {c.id for c in claims}
    mine = [d for cid, ds in by_claim.items() if cid in ids for d in ds]
    total = overall(mine)
    reviewers = tuple(sorted({d.reviewer for d in mine}))
    return {"reviewers": reviewers,
            "agreement": total.describe() if len(total.reviewers) >= 2 else ""}


def _status_counts(statuses: Iterable[Any]) -> tuple[StatusCount, ...]:
    counts = Counter(statuses)
    return tuple(StatusCount(s, counts.get(s, 0)) for s in STATUS_ORDER)


def _source_counts(
    articles: Sequence[Article], items: Sequence[ClaimItem]
) -> tuple[SourceCount, ...]:
    labels = source_labels(articles, _WHOLE)
    per_article: dict[str, list[ClaimItem]] = defaultdict(list)
    evidence: Counter[str] = Counter()
    for item in items:
        per_article[item.quote.article_id].append(item)
        evidence.update(e.quote.article_id for e in item.evidence)
    return tuple(
        SourceCount(
            article_id=a.id,
            outlet=labels.get(a.id) or display_name(a),
            title=a.title,
            claims=len(per_article.get(a.id, ())),
            by_status=_status_counts(c.status for c in per_article.get(a.id, ())),
            evidence=evidence.get(a.id, 0),
        )
        for a in articles
    )


def _claim_item(claim: Claim, index: _Index) -> ClaimItem:
    quote = index.quote(claim.anchor)
    evidence = tuple(
        EvidenceItem(
            id=e.id,
            relation=e.relation,
            quote=(q := index.quote(e.anchor)),
            diff=index.diff(quote.text, q.text),
            reviewer=e.reviewer,
            created=e.created_at,
            passage_id=e.passage_id,
        )
        for e in claim.evidence
    )
    own = list(dict.fromkeys([*index.overlapping(claim.anchor), *_opt(claim.passage_id)]))
    conflicts: dict[str, Conflict] = {}
    groups: dict[str, AlignmentGroup] = {}
    # only the conflicts about the claim's own words (or their counterparts), never the
    # rest of its sentence's group: a claim on "very good" lists no weekday conflict
    scoped = index.scopes.scope(claim.anchor, claim.passage_id).conflicts \
        if index.scopes is not None and not claim.orphaned else ()
    for c in scoped:
        conflicts.setdefault(c.id, c)
    for pid in own:
        for g in index.groups_of.get(pid, ()):  # a lede reporting two facts has two groups
            groups.setdefault(g.id, g)
    group_items = tuple(index.group_item(g) for g in groups.values())
    return ClaimItem(
        id=claim.id,
        status=claim.status,
        quote=quote,
        note=claim.note,
        reviewer=claim.reviewer,
        created=claim.created_at,
        updated=claim.updated_at or claim.created_at,
        orphaned=claim.orphaned,
        evidence=evidence,
        conflicts=tuple(index.conflict_item(c) for c in conflicts.values()),
        groups=group_items,
        wording=wording(quote, [index.passages[p] for p in own if p in index.passages],
                        group_items, list(index.articles), index.passages),
    )


#: words too common to say what a sentence is about (English; other languages' sentences are
#: compared by their numbers and longer words, which is what tells facts apart anyway)
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had",
    "has", "have", "he", "her", "his", "i", "in", "into", "is", "it", "its", "many", "more",
    "most", "not", "of", "on", "or", "our", "she", "some", "than", "that", "the", "their",
    "them", "there", "these", "they", "this", "those", "to", "was", "we", "were", "which",
    "while", "who", "will", "with", "would", "said", "says", "say", "told",
})
_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+")


@cache
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)  # type: ignore[no-any-return]


def _tokens(text: str) -> dict[str, int]:
    """Content tokens with weights: numbers (separators dropped) count double, because a
    number is what tells one fact from the next; words by their Snowball stem ("killing" and
    "killed" alike), the stemmer alignment uses."""
    out: dict[str, int] = {}
    for t in _TOKEN.findall(text.lower()):
        if t[0].isdigit():
            out[t.replace(",", "").replace(".", "")] = 2
        elif t not in _STOP and len(t) > 1:
            out.setdefault(_stem(t), 1)
    return out


def wording(quote: Quote, own: Sequence[Passage], groups: Sequence[GroupItem],
            order: Sequence[str], passages: dict[str, Passage]) -> tuple[GroupMemberItem, ...]:
    """One "How the outlets worded it" for a claim whose sentence is in several groups.

    The groups' members are merged (each passage once, in the articles' order, then reading
    order). An outlet with several sentences in them keeps the ones closest to the claim: by
    the claim's own words first (numbers count double), then by its whole sentence; a sentence
    sharing nothing with either ("Many refugees have returned home" beside "some 14,000
    refugees") is left out. The claim's own sentence is always kept."""
    members: dict[str, GroupMemberItem] = {}
    for g in groups:
        for m in g.members:
            members.setdefault(m.passage_id, m)
    if not members:
        return ()
    own_ids = {p.id for p in own}
    quoted = _tokens(quote.text)
    sentence = _tokens(" ".join(p.text for p in own) or quote.text)

    def score(m: GroupMemberItem) -> tuple[int, int]:
        words = _tokens(m.text)
        return (sum(w for t, w in quoted.items() if t in words),
                sum(w for t, w in sentence.items() if t in words))

    scores = {pid: score(m) for pid, m in members.items()}
    best: dict[str, tuple[int, int]] = {}
    for pid, m in members.items():
        if pid not in own_ids:
            best[m.article_id] = max(best.get(m.article_id, (0, 0)), scores[pid])
    position = {aid: i for i, aid in enumerate(order)}
    kept = [m for pid, m in members.items()
            if pid in own_ids or (scores[pid] != (0, 0) and scores[pid] == best[m.article_id])]
    kept.sort(key=lambda m: (position.get(m.article_id, len(position)),
                             p.start if (p := passages.get(m.passage_id)) else 0))
    return tuple(kept)


def _mark_removed_evidence(items: list[ClaimItem],
                           removed: Mapping[str, str]) -> list[ClaimItem]:
    """Each evidence quote from a removed article carries when it was removed, so every
    format marks it (the claims and the sources table already were; QA found the evidence
    under a claim unmarked)."""
    if not removed:
        return items
    return [
        replace(item, evidence=tuple(
            replace(ev, removed=removed[ev.quote.article_id])
            if ev.quote.article_id in removed else ev for ev in item.evidence))
        if any(ev.quote.article_id in removed for ev in item.evidence) else item
        for item in items
    ]


def _with_versions(
    items: list[ClaimItem],
    claims: Sequence[Claim],
    captures: Sequence[_CaptureLike],
    changes: Sequence[ClaimChange],
) -> list[ClaimItem]:
    """Which version of its web page each claim was checked against, and how its words were
    edited at the source since. A claim was checked against the newest version stored before
    its last change (its verdict, note or evidence); ISO time stamps compare as text."""
    if not captures:
        return items
    by_article: dict[str, list[_CaptureLike]] = defaultdict(list)
    for c in sorted(captures, key=lambda c: c.version):
        by_article[c.article_id].append(c)
    edited: dict[str, list[str]] = defaultdict(list)
    for ch in changes:
        edited[ch.claim_id].append(describe_change(ch))
    out = []
    for item, claim in zip(items, claims, strict=True):
        versions = by_article.get(claim.anchor.article_id)
        if not versions:
            out.append(item)
            continue
        when = claim.updated_at or claim.created_at
        checked = [c for c in versions if c.stored_at <= when] or versions[:1]
        out.append(replace(item, checked_version=checked[-1].version,
                           checked_captured=checked[-1].fetched_at,
                           edited="; ".join(edited.get(claim.id, ()))))
    return out


def _opt(value: str | None) -> list[str]:
    return [value] if value else []


def _conflict_item(c: Conflict, index: _Index) -> ConflictItem:
    """One disagreement; each side is shown by its first passage and names every outlet that
    tells it that way ("reasonably good": Daily Beast, ABC News, Reuters)."""
    def side(i: int) -> ConflictSide:
        members = c.side_ids[i]
        p = index.passages.get(members[0])
        outlets = dict.fromkeys(index.outlet(q.article_id) for pid in members
                                if (q := index.passages.get(pid)) is not None)
        return ConflictSide(
            passage_id=members[0],
            article_id=p.article_id if p else "",
            outlet=", ".join(outlets),
            text=p.text if p else "",
            words=tuple(c.words[i]) if i < len(c.words) else (),
        )

    return ConflictItem(c.id, c.kind, c.severity, _without_kind(c),
                        tuple(side(i) for i in range(len(c.side_ids))), c.group_id)


def _without_kind(c: Conflict) -> str:
    """The detail without its leading "number: ": every report labels the kind itself."""
    head, sep, rest = c.detail.partition(": ")
    return rest if sep and head.lower() == c.kind.value.replace("_", " ") else c.detail


def _group_item(g: AlignmentGroup, index: _Index) -> GroupItem:
    members = []
    for m in g.members:
        p = index.passages.get(m.passage_id)
        if p is not None:
            members.append(GroupMemberItem(p.id, p.article_id, index.outlet(p.article_id), p.text))
    return GroupItem(g.id, g.score, tuple(members))


def quote_for(anchor: Anchor, article: Article | None, index: _Index | None = None) -> Quote:
    """The anchored words with context, re-found by quote when the offsets no longer fit."""
    outlet = index.outlet(anchor.article_id) if index else (article.outlet if article else "")
    if article is not None:
        text = article.text
        start, end = anchor.start, anchor.end
        if text[start:end] != anchor.quote and anchor.quote:
            found = text.find(anchor.prefix + anchor.quote) if anchor.prefix else -1
            start = found + len(anchor.prefix) if found >= 0 else text.find(anchor.quote)
            end = start + len(anchor.quote)
        if 0 <= start <= end <= len(text):
            lo, hi = index.bounds(article.id, start, end) if index else (0, len(text))
            before, after = context_around(text, start, end, lo=min(lo, start), hi=max(hi, end))
            return Quote(anchor.article_id, outlet, start, end, text[start:end], before, after)
    return Quote(
        anchor.article_id,
        outlet,
        anchor.start,
        anchor.end,
        anchor.quote,
        _whole_words(anchor.prefix, before=True),
        _whole_words(anchor.suffix, before=False),
    )


def _whole_words(context: str, *, before: bool) -> str:
    """An anchor's stored context with the word its fixed-width window cut in two left out
    ("selon les autorité" → "selon les…"): shown when the article is gone, it must not read
    as a misspelt quote. Context shorter than the window reached the text's edge: kept."""
    if len(context) < ANCHOR_CONTEXT:
        return _squash(context)
    if before:
        cut = re.search(r"\s", context)
        kept = context[cut.end():] if cut and context[0].isalnum() else context
        return _squash("…" + kept.lstrip())
    cut = max(context.rfind(" "), context.rfind("\n"))
    kept = context[:cut] if cut > 0 and context[-1].isalnum() else context
    return _squash(kept.rstrip() + "…")


def context_around(
    text: str, start: int, end: int, width: int = CONTEXT_CHARS, *, lo: int = 0, hi: int = -1
) -> tuple[str, str]:
    """Up to ``width`` characters each side, inside ``lo:hi`` and the paragraph, cut at a word."""
    hi = len(text) if hi < 0 else hi
    before = text[max(lo, start - width) : start]
    para = before.rfind("\n\n")
    if para >= 0:
        before = before[para + 2 :]
    elif start - width > lo:
        cut = re.search(r"\s", before)
        before = "…" + before[cut.end() :] if cut else before
    after = text[end : min(hi, end + width)]
    para = after.find("\n\n")
    if para >= 0:
        after = after[:para]
    elif end + width < hi:
        cut = max(after.rfind(" "), after.rfind("\n"))
        after = (after[:cut] if cut > 0 else after) + "…"
    return _squash(before.lstrip(), strip_end=False), _squash(after.rstrip(), strip_end=False)


def display_name(article: Article) -> str:
    """What to call an article's source: its whole outlet, else its file name, else its id."""
    return article_label(article, _WHOLE)


def _squash(text: str, *, strip_end: bool = True) -> str:
    """Whitespace runs (line breaks too) to one space; keeps a space that touches the quote."""
    squashed = _SPACES.sub(" ", text)
    return squashed.strip() if strip_end else squashed
