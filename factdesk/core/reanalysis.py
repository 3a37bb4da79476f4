"""Recompute a review's analysis: alignment groups, the reviewer's group edits, conflicts,
source dependences and claim suggestions, stored together in one transaction.

The reviewer's manual changes to groups are kept as edits (join, split, remove) rather than as
a frozen copy of the groups, so that they are replayed on top of every fresh alignment, e.g.
after an article is added, and never silently lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factdesk.core.align.groups import align
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.check.independence import find_dependences
from factdesk.core.check.suggestions import suggest_claims
from factdesk.core.model import AlignmentGroup, GroupMember, GroupOrigin, Passage, PassageKind
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.store import AnalysisOutdated, GroupEdit, Review, ReviewFileError


@dataclass(frozen=True, slots=True)
class AnalysisSummary:
    groups: int
    conflicts: int
    dependences: int
    suggestions: int


#: how many times an analysis starts again because the review changed while it ran; each
#: restart means another writer committed meanwhile, so running out needs a steady stream of
#: edits, and the review is then left saying "alignment out of date", never wrong
MAX_ATTEMPTS = 5


class AnalysisKeptChanging(ReviewFileError):
    """The review changed under every attempt; the stored alignment is marked out of date."""


def analyse(
    review: Review, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> AnalysisSummary:
    """Align every passage of the review and store the result; cancelling keeps the old result.

    The inputs are read in one snapshot together with the review's generation, and the result
    is stored only if the review is still at that generation (inside the write transaction);
    if another process or the window changed it meanwhile, the analysis runs again on the new
    state, so what is stored always matches the articles and group edits on file.
    """
    for _attempt in range(MAX_ATTEMPTS):
        with review.snapshot():
            generation = review.generation
            passages = review.passages()
            articles = {a.id: a for a in review.articles()}
            edits = review.group_edits()
        by_id = {p.id: p for p in passages}
        # Section headings ("The damage") label a part of the article; they report no fact.
        facts = [p for p in passages if p.kind != PassageKind.HEADING]
        alignment = align(facts, progress=progress, cancel=cancel)
        groups = apply_group_edits(alignment.groups, edits, by_id)
        if cancel is not None:
            cancel.raise_if_cancelled()
        conflicts = find_conflicts(groups, by_id, articles, related=alignment.related)
        dependences = find_dependences(list(articles.values()), by_id)
        suggestions = suggest_claims(by_id, groups, conflicts, articles, dependences)
        try:
            with review.transaction():
                review.replace_analysis(groups, conflicts, dependences, generation=generation)
                review.replace_suggestions(suggestions)
        except AnalysisOutdated:
            continue
        return AnalysisSummary(len(groups), len(conflicts), len(dependences), len(suggestions))
    raise AnalysisKeptChanging(
        f"{review.path}: the review kept changing while it was being aligned "
        f"({MAX_ATTEMPTS} attempts); its alignment is marked out of date. Run "
        "`factdesk realign` when the other edits are done."
    )


def recheck(review: Review) -> AnalysisSummary:
    """Re-run the checks (conflicts, dependences, suggestions) on the stored groups, without
    re-aligning: what an edit of an article's date or outlet needs, at once.

    The related pairs the aligner found are not stored; the passages of each stored conflict
    outside any group stand for them (their checks are on quotations, which a date does not
    change), so those conflicts survive. Stored in one transaction, like :func:`analyse`.
    """
    passages = {p.id: p for p in review.passages()}
    articles = {a.id: a for a in review.articles()}
    groups = review.groups()
    related = [(a, b, 0.0) for c in review.conflicts() if c.group_id is None
               for i, side in enumerate(c.side_ids) for a in side
               for other in c.side_ids[i + 1 :] for b in other]
    conflicts = find_conflicts(groups, passages, articles, related=related)
    dependences = find_dependences(list(articles.values()), passages)
    suggestions = suggest_claims(passages, groups, conflicts, articles, dependences)
    with review.transaction():
        review.replace_checks(conflicts, dependences)
        review.replace_suggestions(suggestions)
    return AnalysisSummary(len(groups), len(conflicts), len(dependences), len(suggestions))


def apply_group_edits(
    groups: Sequence[AlignmentGroup],
    edits: Sequence[GroupEdit],
    passages: Mapping[str, Passage],
) -> list[AlignmentGroup]:
    """Replay the reviewer's edits, in order, over automatically computed groups.

    Edits naming passages that no longer exist (their article was removed) are skipped for
    those passages. A group left with fewer than two members disappears. A passage that the
    alignment placed in two groups (a lede reporting two facts) leaves both when it is
    removed, split off or moved into another group by a join: after a reviewer's edit it
    sits where the reviewer put it and nowhere else. The first passage of a join names the
    target group (its shown one) and keeps its memberships.
    """
    members: dict[str, dict[str, float]] = {
        g.id: {m.passage_id: m.score for m in g.members} for g in groups
    }
    scores = {g.id: g.score for g in groups}
    origin = {g.id: g.origin for g in groups}
    manual = 0

    def groups_of(pid: str) -> list[str]:
        return [gid for gid, ms in members.items() if pid in ms]

    def group_of(pid: str) -> str | None:
        """The group the passage is shown in (highest member score; see primary_groups)."""
        found = groups_of(pid)
        return max(found, key=lambda gid: members[gid][pid]) if found else None

    def new_group() -> str:
        nonlocal manual
        manual += 1
        gid = f"m{manual}"
        members[gid], scores[gid], origin[gid] = {}, 1.0, GroupOrigin.MANUAL
        return gid

    for edit in edits:
        pids = [p for p in edit.passages if p in passages]
        if edit.op == "remove":
            for pid in pids:
                for gid in groups_of(pid):
                    del members[gid][pid]
                    origin[gid] = GroupOrigin.MANUAL
        elif edit.op == "split" and pids:
            target = new_group()
            for pid in pids:
                left = groups_of(pid)
                for gid in left:
                    origin[gid] = GroupOrigin.MANUAL
                if left:
                    members[target][pid] = max(members[gid].pop(pid) for gid in left)
        elif edit.op == "join" and pids:
            target = group_of(pids[0]) or new_group()
            origin[target] = GroupOrigin.MANUAL
            members[target].setdefault(pids[0], 1.0)
            for pid in pids[1:]:  # the first passage names the group and stays as it is
                for gid in groups_of(pid):
                    if gid != target:
                        del members[gid][pid]
                        origin[gid] = GroupOrigin.MANUAL
                members[target].setdefault(pid, 1.0)

    result = []
    for gid, ms in members.items():
        ms = {pid: score for pid, score in ms.items() if pid in passages}
        articles = {passages[pid].article_id for pid in ms}
        if len(ms) < 2 or len(articles) < 2:
            continue
        ordered = sorted(ms, key=lambda pid: _reading_order(passages, pid))
        result.append(
            AlignmentGroup(
                gid, tuple(GroupMember(pid, ms[pid]) for pid in ordered), scores[gid], origin[gid]
            )
        )
    return result


def _reading_order(passages: Mapping[str, Passage], pid: str) -> tuple[str, int]:
    p = passages[pid]
    return (p.article_id, p.index)
