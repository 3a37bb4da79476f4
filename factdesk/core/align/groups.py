"""Step 3 of alignment: groups, and :func:`align`, which runs the three steps.

Average-linkage agglomerative clustering over the sparse pair graph, first under a
cross-article constraint (one passage per article: one core per fact), then a second, stricter
phase that merges groups sharing an article when their cross-article links are strong, so a
lede and a later paragraph reporting the same fact join one group, then a third that lets a
passage reporting two facts (a lede) join a second group. Each merge needs links between a
share of the member pairs; unlike connected components this does not chain unrelated passages
through a common neighbour.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from factdesk.core.align.candidates import candidate_pairs
from factdesk.core.align.config import (
    FEATURE_NAMES,
    AlignConfig,
    article_codes,
    canonical_key,
    order_keys,
)
from factdesk.core.align.embed import embed
from factdesk.core.align.features import (
    build_features,
    quote_containment,
)
from factdesk.core.align.judge import (
    JUDGE_FEATURES,
    columns_of,
    embedding_features,
    judge_features,
    shipped_judge,
)
from factdesk.core.align.learn import (
    QUESTION_MARGIN,
    QUESTIONS_STORED,
    implied_answers,
    questions_by_impact,
    refit,
)
from factdesk.core.align.score import add_neighbour_support, combine, link_scores, pair_features
from factdesk.core.model import AlignmentGroup, GroupMember, Passage
from factdesk.core.progress import CancelToken, Progress, no_progress


@dataclass(frozen=True)
class Alignment:
    """The groups, and the scored pairs they were built from."""

    groups: list[AlignmentGroup]
    #: cross-article pairs ``(passage id, passage id, pair score)`` scoring at least
    #: ``AlignConfig.related_min``, best first: related passages, grouped or not
    related: list[tuple[str, str, float]]
    #: pairs worth asking the reviewer about, most informative first, with their probability
    #: after the reviewer's labels (see :mod:`factdesk.core.align.learn`)
    questions: list[tuple[str, str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class ScoredPairs:
    """The expensive part of an alignment — candidate pairs and the judge's probabilities — kept
    so the cheap part (grouping) can run again with the reviewer's labels."""

    passages: list[Passage]  # in canonical (content) order: rows of i and j
    keys: list[tuple[int, int, int]]  # each row's place in the caller's order
    art: np.ndarray
    i: np.ndarray
    j: np.ndarray
    p: np.ndarray  # the judge's (or the hand-set score's) link probability per pair
    x: np.ndarray | None  # the judge's features per pair (None for the hand-set score)
    related: list[tuple[str, str, float]]


def align_passages(passages: Sequence[Passage], *, config: AlignConfig = AlignConfig(),
                   progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> list[AlignmentGroup]:
    """Group passages of different articles that report the same fact or quotation.

    Groups have at least two members from at least two articles (two passages of one article
    only when both link strongly to the group's other articles), and ids ``g1, g2, …`` in
    order of their earliest member (article order of first appearance, then passage index).
    The same input always gives the same output.
    """
    return align(passages, config=config, progress=progress, cancel=cancel).groups


def align(passages: Sequence[Passage], *, config: AlignConfig = AlignConfig(),
          progress: Progress = no_progress, cancel: CancelToken | None = None,
          labels: Mapping[tuple[str, str], bool] | None = None) -> Alignment:
    """:func:`align_passages`, also returning the related pairs (for the conflict checks) and
    the questions to ask; ``labels`` are the reviewer's pairs (see :func:`group_scored`)."""
    scored = score_pairs(passages, config=config, progress=progress, cancel=cancel)
    if scored is None:
        progress(1, 1, "Nothing to align")
        return Alignment([], [])
    alignment = group_scored(scored, labels or {}, config=config, cancel=cancel)
    progress(1, 1, f"{len(alignment.groups)} groups")
    return alignment


def score_pairs(passages: Sequence[Passage], *, config: AlignConfig = AlignConfig(),
                progress: Progress = no_progress,
                cancel: CancelToken | None = None) -> ScoredPairs | None:
    """Candidates and their link probabilities (None when fewer than two articles)."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    if len({p.article_id for p in passages}) < 2:
        return None
    given = order_keys(passages)
    # Work in an order that depends on content only (article ids are content hashes), so the
    # same files given in any order make the same groups: ties between equal scores (the
    # mutual-best boost makes many) are broken by these rows, never by the order of import.
    rows = sorted(range(len(passages)), key=lambda k: canonical_key(passages[k]))
    keys = [given[k] for k in rows]
    passages = [passages[k] for k in rows]
    feats = build_features([p.text for p in passages], config.min_quote_words)
    art = article_codes(passages)
    i, j = candidate_pairs(feats, art, config, progress, cancel)
    x = pair_features(feats, i, j, quote_containment(feats, config.index_max_df), art=art)
    x = add_neighbour_support(passages, i, j, x, config)
    xj = None
    if config.use_judge:
        fx = judge_features(passages, feats, art, i, j, x, combine(x, config))
        story = int(art.max()) + 1 <= config.story_max_articles
        if config.use_embeddings and story and len(i):
            emb = embed([p.text for p in passages], progress, cancel)
            fx = np.hstack([fx, embedding_features(emb, art, i, j)])
        judge = shipped_judge(fx.shape[1] > len(JUDGE_FEATURES))
        s = judge.predict(fx[:, columns_of(judge.features)])
        xj = fx  # the refit reads its JUDGE_FEATURES columns, which come first
    else:
        s = link_scores(passages, art, i, j, x, config)
    # related pairs are for the quotation checks: a quote is the same quote whatever else
    # the two articles say, so the articles' events do not count here
    pair_score = combine(np.where(np.arange(x.shape[1]) == FEATURE_NAMES.index("other_event"),
                                  0.0, x), config)
    near = np.flatnonzero(pair_score >= config.related_min)
    near = near[np.lexsort((j[near], i[near], -pair_score[near]))]
    related = [(passages[i[k]].id, passages[j[k]].id, round(float(pair_score[k]), 4))
               for k in near.tolist()]
    return ScoredPairs(passages, keys, art, i, j, s, xj, related)


def group_scored(scored: ScoredPairs, labels: Mapping[tuple[str, str], bool], *,
                 config: AlignConfig = AlignConfig(),
                 cancel: CancelToken | None = None) -> Alignment:
    """Group the scored pairs, learning from the reviewer's ``labels`` ((passage id, passage
    id) → same fact?).

    The labelled candidate pairs re-fit the judge to this story (:func:`learn.refit`), which
    moves every unlabelled pair's probability; then a "same" pair is a link of 1 (added if it
    was no candidate) and a "not same" pair may never end in one group: no merge of two
    clusters that hold such a pair, no second membership beside it. A label also holds for the
    pairs it implies with little doubt (:func:`learn.implied_answers`: a passage's wire
    copies in other articles), unless the reviewer labelled those themselves. Labels are
    looked up by content-derived rows, so the result does not depend on the order of the
    files."""
    passages, art, i, j = scored.passages, scored.art, scored.i, scored.j
    row_of = {p.id: r for r, p in enumerate(passages)}
    pair_row = {(a, b): k for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True))}
    given: dict[tuple[int, int], bool] = {}
    for (pa, pb), same in labels.items():
        if pa not in row_of or pb not in row_of or pa == pb:
            continue
        a, b = sorted((row_of[pa], row_of[pb]))
        if art[a] != art[b]:  # passages of one article are never a pair of the judge
            given[(a, b)] = bool(same)
    if scored.x is not None:
        # an answer also settles its wire twins' pairs (learn_curve.py: ECB+ F1 after 10 / 20
        # answers 0.548 / 0.554 -> 0.552 / 0.558, the seeds unchanged: they have no twins)
        given |= implied_answers(i, j, art, scored.x, given)
    answered: dict[int, bool] = {}
    extra: list[tuple[int, int]] = []
    cannot: dict[int, set[int]] = {}
    # in content order (rows are canonical), so the result does not depend on the files' order
    for (a, b), same in sorted(given.items()):
        if (a, b) in pair_row:
            answered[pair_row[(a, b)]] = same
        elif same:
            extra.append((a, b))
        if not same:
            cannot.setdefault(a, set()).add(b)
            cannot.setdefault(b, set()).add(a)
    s = scored.p
    if answered:
        if scored.x is not None:
            s = refit(scored.p, scored.x, answered)
        else:
            s = scored.p.copy()
            for k, same in answered.items():
                s[k] = float(same)
    if extra:
        i = np.r_[i, np.array([a for a, _ in extra], dtype=i.dtype)]
        j = np.r_[j, np.array([b for _, b in extra], dtype=j.dtype)]
        s = np.r_[s, np.ones(len(extra))]
    keep = s >= config.link_threshold
    clusters = group_pairs(art, i[keep], j[keep], s[keep], config, cancel, cannot)
    clusters = add_second_memberships(clusters, art, i, j, s, config, cannot)
    groups = _to_groups(passages, scored.keys, clusters, i[keep], j[keep], s[keep])
    n = len(scored.i)
    # the answers expected to change the groups most first (learn_curve.py: F1 after 5 / 10 /
    # 20 answers 0.542 / 0.548 / 0.563 on ECB+, against 0.523 / 0.538 / 0.552 asking the
    # pairs closest to the threshold first)
    ask = questions_by_impact(s[:n], scored.i, scored.j, config.link_threshold, clusters,
                              set(answered), limit=QUESTIONS_STORED, margin=QUESTION_MARGIN)
    asked = [(passages[scored.i[k]].id, passages[scored.j[k]].id, round(float(s[k]), 4))
             for k in ask]
    return Alignment(groups, scored.related, asked)


def group_pairs(art: np.ndarray, i: np.ndarray, j: np.ndarray, s: np.ndarray,
                config: AlignConfig, cancel: CancelToken | None = None,
                cannot: Mapping[int, set[int]] | None = None) -> list[list[int]]:
    """Average-linkage clustering of the link graph, in two phases.

    1. Under the cross-article constraint (no two passages of one article): merge while the
       mean pair score (missing links count 0) is at least ``merge_threshold`` and at least
       ``min_link_share`` of the member pairs are linked. This builds one core per fact.
    2. Without it: merge groups, or a lone passage into a group, even when they share an
       article, but only on stronger evidence — the mean score over their *cross-article*
       pairs (pairs within one article do not count; missing links count 0) is at least
       ``share_threshold`` and at least ``share_link_share`` of those pairs are linked. A lede
       and a later paragraph of one article that report the same fact then end up in one
       group; two passages of one article that merely share names do not, since neither
       links strongly to the other's group.

    Link sums between clusters are kept in dictionaries keyed by cluster id, so the work is
    proportional to the number of links, not to the square of the passages.
    """
    clusters = _Clusters(art, config.max_same_article, cannot)
    for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True):
        clusters.link(a, b, v)
    clusters.agglomerate(config.merge_threshold, config.min_link_share, False, cancel)
    clusters.agglomerate(config.share_threshold, config.share_link_share, True, cancel)
    return [sorted(m) for c, m in clusters.members.items()
            if len(m) >= 2 and len(clusters.arts[c]) >= 2]


def add_second_memberships(clusters: list[list[int]], art: np.ndarray, i: np.ndarray,
                           j: np.ndarray, s: np.ndarray, config: AlignConfig,
                           cannot: Mapping[int, set[int]] | None = None) -> list[list[int]]:
    """Let a passage that reports two facts belong to a second group.

    A lede often packs two facts into one sentence ("the dam burst on Sunday, and the mayor
    said repairs would cost 40 million"); the clustering gives it one group, and the other
    outlets' sentences on the second fact then miss it. A passage joins a further group when
    it links to most of the other articles in that group and its mean score to them (missing
    links count 0) is high: the evidence a lone passage needs in the second phase. Each other
    article counts once, by its best member: an outlet that reports the fact twice (a
    paraphrase in its lede, the full quote further down) must not dilute the evidence that
    its quote gives (seed F1 0.567 -> 0.598, ECB+ grouped 0.306 -> 0.312).

    Joins are taken strongest first, and a member that already shares a group with the
    passage is no evidence: once the lede has joined the second group, a sentence there that
    matched only the lede does not follow it back into the first. Only groups of a passage's
    linked neighbours are looked at, so the cost follows the number of links.
    """
    if config.max_also <= 0 or not clusters:
        return clusters
    score: dict[tuple[int, int], float] = {}
    linked: dict[int, list[int]] = {}
    for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True):
        score[(a, b)] = score[(b, a)] = v
        if v >= config.link_threshold:
            linked.setdefault(a, []).append(b)
            linked.setdefault(b, []).append(a)
    members = [list(m) for m in clusters]
    groups_of: dict[int, set[int]] = {}
    for k, rows in enumerate(members):
        for r in rows:
            groups_of.setdefault(r, set()).add(k)

    def evidence(r: int, k: int) -> float | None:
        """Mean over the other articles of group ``k`` of ``r``'s best score to their members,
        if enough of those articles link."""
        mine = groups_of[r]
        if cannot and r in cannot and cannot[r].intersection(members[k]):
            return None  # the reviewer said r reports another fact than one of them
        best: dict[int, float] = {}
        for m in members[k]:
            if art[m] != art[r] and not groups_of[m] & mine:
                best[art[m]] = max(best.get(art[m], 0.0), score.get((r, m), 0.0))
        vals = list(best.values())
        if not vals:
            return None
        mean = sum(vals) / len(vals)
        share = sum(v >= config.link_threshold for v in vals) / len(vals)
        ok = mean >= config.also_threshold and share >= config.also_link_share
        return mean if ok else None

    offers = []
    for r, nbrs in linked.items():
        if r not in groups_of:
            continue  # a passage in no group had its chance in the second phase
        for k in {k for n in nbrs for k in groups_of.get(n, ())} - groups_of[r]:
            if (mean := evidence(r, k)) is not None:
                offers.append((-mean, r, k))
    joined: dict[int, int] = {}
    for _, r, k in sorted(offers):
        if joined.get(r, 0) < config.max_also and k not in groups_of[r] \
                and evidence(r, k) is not None:
            members[k].append(r)
            groups_of[r].add(k)
            joined[r] = joined.get(r, 0) + 1
    return [sorted(m) for m in members]


class _Clusters:
    """Clusters of passages with the summed link scores between them (sparse)."""

    def __init__(self, art: np.ndarray, max_same_article: int = 2,
                 cannot: Mapping[int, set[int]] | None = None) -> None:
        self.art = art
        self.max_same_article = max_same_article
        #: the reviewer's "not the same fact" pairs, and per cluster its rows that have one
        self.cannot = cannot or {}
        self.constrained: dict[int, set[int]] = {}
        self.members: dict[int, list[int]] = {}
        self.arts: dict[int, dict[int, int]] = {}  # cid -> article -> member count
        self.links: dict[int, dict[int, list[float]]] = {}  # cid -> other cid -> [sum, count]
        self.next_id = len(art)

    def link(self, a: int, b: int, v: float) -> None:
        for x, y in ((a, b), (b, a)):
            if x not in self.members:
                self.members[x] = [x]
                self.arts[x] = {int(self.art[x]): 1}
                self.links[x] = {}
                if x in self.cannot:
                    self.constrained[x] = {x}
            self.links[x][y] = [v, 1.0]

    def cross_pairs(self, a: int, b: int) -> int:
        """Member pairs of ``a`` x ``b`` whose passages lie in different articles."""
        small, big = sorted((self.arts[a], self.arts[b]), key=len)
        same = sum(n * big.get(k, 0) for k, n in small.items())
        return len(self.members[a]) * len(self.members[b]) - same

    def _entry(self, a: int, b: int, allow_shared: bool) -> tuple[float, int, int] | None:
        shared = self.arts[a].keys() & self.arts[b].keys()
        if shared and (not allow_shared or any(
                self.arts[a][k] + self.arts[b][k] > self.max_same_article for k in shared)):
            return None
        if self.constrained and self._kept_apart(a, b):
            return None
        pairs = self.cross_pairs(a, b)
        if pairs == 0:
            return None
        return (-self.links[a][b][0] / pairs, min(a, b), max(a, b))

    def _kept_apart(self, a: int, b: int) -> bool:
        """Whether the reviewer said a member of ``a`` and one of ``b`` are not one fact."""
        mine, theirs = self.constrained.get(a), self.constrained.get(b)
        if not mine or not theirs:
            return False
        return any(not self.cannot[r].isdisjoint(theirs) for r in mine)

    def agglomerate(self, threshold: float, min_share: float, allow_shared: bool,
                    cancel: CancelToken | None) -> None:
        """Merge best-first while the mean cross-article link and the linked share suffice."""
        heap = [e for a, nbrs in self.links.items() for b in nbrs if a < b
                if (e := self._entry(a, b, allow_shared)) is not None and -e[0] >= threshold]
        heapq.heapify(heap)
        steps = 0
        while heap:
            entry = heapq.heappop(heap)
            steps += 1
            if cancel is not None and steps % 1024 == 0:
                cancel.raise_if_cancelled()
            neg, a, b = entry
            if a not in self.members or b not in self.members or b not in self.links[a]:
                continue
            if self._entry(a, b, allow_shared) != entry:
                continue  # stale entry; a fresher one is (or was) on the heap
            if self.links[a][b][1] < min_share * self.cross_pairs(a, b):
                continue
            c = self._merge(a, b)
            for other in self.links[c]:
                e = self._entry(c, other, allow_shared)
                if e is not None and -e[0] >= threshold:
                    heapq.heappush(heap, e)

    def _merge(self, a: int, b: int) -> int:
        c, self.next_id = self.next_id, self.next_id + 1
        self.members[c] = self.members.pop(a) + self.members.pop(b)
        arts = self.arts.pop(a)
        for k, n in self.arts.pop(b).items():
            arts[k] = arts.get(k, 0) + n
        self.arts[c] = arts
        held = self.constrained.pop(a, set()) | self.constrained.pop(b, set())
        if held:
            self.constrained[c] = held
        merged: dict[int, list[float]] = {}
        for old in (a, b):
            for other, (tot, cnt) in self.links.pop(old).items():
                if other in (a, b):
                    continue
                acc = merged.setdefault(other, [0.0, 0.0])
                acc[0] += tot
                acc[1] += cnt
                self.links[other].pop(old, None)
        self.links[c] = merged
        for other, acc in merged.items():
            self.links[other][c] = acc
        return c


def _to_groups(passages: Sequence[Passage], keys: Sequence[tuple[int, int, int]],
               clusters: list[list[int]], i: np.ndarray, j: np.ndarray,
               s: np.ndarray) -> list[AlignmentGroup]:
    """Number groups by earliest member in the caller's order (``keys``, per row) and score
    them by mean link (missing links count 0).

    A member's score is its mean link to the members of *other* articles.
    """
    pair_score = {(a, b): v for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True)}
    ordered = sorted((sorted(c, key=lambda r: keys[r]) for c in clusters),
                     key=lambda c: keys[c[0]])
    groups = []
    for n, rows in enumerate(ordered, start=1):
        member_scores = []
        for r in rows:
            others = [pair_score.get((min(r, o), max(r, o)), 0.0) for o in rows
                      if passages[o].article_id != passages[r].article_id]
            member_scores.append(sum(others) / len(others))
        members = tuple(GroupMember(passages[r].id, round(float(v), 4))
                        for r, v in zip(rows, member_scores, strict=True))
        score = round(float(sum(member_scores) / len(member_scores)), 4)
        groups.append(AlignmentGroup(f"g{n}", members, min(1.0, max(0.0, score))))
    return groups

