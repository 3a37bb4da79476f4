"""Recompute a review's analysis: alignment groups, the reviewer's group edits, conflicts,
source dependences and claim suggestions, stored together in one transaction.

The reviewer's manual changes to groups are kept as edits (join, split, remove) rather than as
a frozen copy of the groups, so that they are replayed on top of every fresh alignment, e.g.
after an article is added, and never silently lost. Their "same fact?" answers are kept the same
way. Both are labelled pairs for this story: the alignment re-fits the judge to them and
re-groups what the reviewer has not decided (``align.groups.group_scored``), then the edits and
answers are replayed in the order they were made, so the reviewer's decisions always stand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factdesk.core.align.groups import Alignment, group_scored, score_pairs
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.check.independence import find_dependences
from factdesk.core.check.suggestions import suggest_claims
from factdesk.core.model import (
    EXACT_JOIN,
    AlignmentGroup,
    GroupMember,
    GroupOrigin,
    Passage,
    PassageKind,
)
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.store import (
    AnalysisOutdated,
    GroupEdit,
    PairAnswer,
    Review,
    ReviewFileError,
    pair_key,
)


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
            answers = review.pair_answers()
        by_id = {p.id: p for p in passages}
        # Section headings ("The damage") label a part of the article; they report no fact.
        facts = [p for p in passages if p.kind != PassageKind.HEADING]
        alignment = align_learning(facts, edits, answers, by_id, progress=progress,
                                   cancel=cancel)
        groups = replay_decisions(alignment.groups, edits, answers, by_id)
        if cancel is not None:
            cancel.raise_if_cancelled()
        conflicts = find_conflicts(groups, by_id, articles, related=alignment.related)
        dependences = find_dependences(list(articles.values()), by_id)
        suggestions = suggest_claims(by_id, groups, conflicts, articles, dependences)
        try:
            with review.transaction():
                review.replace_analysis(groups, conflicts, dependences, generation=generation)
                review.replace_suggestions(suggestions)
                review.replace_pair_questions(alignment.questions)
        except AnalysisOutdated:
            continue
        return AnalysisSummary(len(groups), len(conflicts), len(dependences), len(suggestions))
    raise AnalysisKeptChanging(
        f"{review.path}: the review kept changing while it was being aligned "
        f"({MAX_ATTEMPTS} attempts); its alignment is marked out of date. Run "
        "`factdesk realign` when the other edits are done."
    )


def align_learning(
    facts: Sequence[Passage], edits: Sequence[GroupEdit], answers: Sequence[PairAnswer],
    passages: Mapping[str, Passage], *, progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Alignment:
    """Align, learning from the reviewer: their answers, and the pairs their group edits
    decided, re-fit the judge to this story before grouping.

    An edit's pairs depend on the groups it was made on (a split or remove says its passages
    are not what they left; a join grows a group the reviewer made earlier), so they are read
    by replaying the edits over an alignment made from the answers alone; the grouping itself
    is cheap, the scoring is done once."""
    scored = score_pairs(facts, progress=progress, cancel=cancel)
    if scored is None:
        progress(1, 1, "Nothing to align")
        return Alignment([], [])
    labels = {a.pair: a.same for a in answers}
    alignment = group_scored(scored, labels, cancel=cancel)
    if edits:
        decided = decided_pairs(alignment.groups, edits, answers, passages)
        if decided.keys() - labels.keys():
            alignment = group_scored(scored, decided, cancel=cancel)
    progress(1, 1, f"{len(alignment.groups)} groups")
    return alignment


def decided_pairs(groups: Sequence[AlignmentGroup], edits: Sequence[GroupEdit],
                  answers: Sequence[PairAnswer],
                  passages: Mapping[str, Passage]) -> dict[tuple[str, str], bool]:
    """Every pair of passages the reviewer decided, by answer or by a group edit, replayed in
    the order they were made (a later decision about a pair wins): a join says its passages
    report the group's fact; a split or remove says they report another fact than the
    members they left. Keys are :func:`~factdesk.core.store.pair_key` pairs of different
    articles."""
    labels: dict[tuple[str, str], bool] = {}
    replay_decisions(groups, edits, answers, passages, labels)
    return labels


def replay_decisions(
    groups: Sequence[AlignmentGroup], edits: Sequence[GroupEdit],
    answers: Sequence[PairAnswer], passages: Mapping[str, Passage],
    labels: dict[tuple[str, str], bool] | None = None,
) -> list[AlignmentGroup]:
    """:func:`apply_group_edits` with the reviewer's answers in their place in time: a "same"
    answer whose passages share no group puts the second in the first's group (or both in a
    new one); a "not same" answer whose passages share a group takes the one that fits it
    less out of it. The alignment respects both already (``group_scored``); the replay makes
    sure an edit made since does not undo an answer given after it. Ties in time: edits
    first (an edit's timestamp is to the second, as an answer's)."""
    events: list[tuple[str, int, GroupEdit | PairAnswer]] = \
        [(e.created_at, 0, e) for e in edits] + [(a.created_at, 1, a) for a in answers]
    events.sort(key=lambda t: (t[0], t[1], t[2].id))
    return apply_group_edits(groups, [e for _, _, e in events], passages, labels)


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
    edits: Sequence[GroupEdit | PairAnswer],
    passages: Mapping[str, Passage],
    labels: dict[tuple[str, str], bool] | None = None,
) -> list[AlignmentGroup]:
    """Replay the reviewer's edits, in order, over automatically computed groups.

    Edits naming passages that no longer exist (their article was removed) are skipped for
    those passages. A group left with fewer than two members disappears. A passage that the
    alignment placed in two groups (a lede reporting two facts) leaves both when it is
    removed, split off or moved into another group by a join: after a reviewer's edit it
    sits where the reviewer put it and nowhere else. A join makes a group of exactly the
    passages it names, or adds them to a group an earlier join or split made that holds its
    first passage (never to an automatic group, whose members change with each alignment).
    ``PairAnswer`` items are replayed as :func:`replay_decisions` says; ``labels``, when
    given, collects the pairs each step decided (see :func:`decided_pairs`).
    """
    members: dict[str, dict[str, float]] = {
        g.id: {m.passage_id: m.score for m in g.members} for g in groups
    }
    scores = {g.id: g.score for g in groups}
    origin = {g.id: g.origin for g in groups}
    manual = 0
    #: the groups the reviewer's joins and splits made: their members are only ever the
    #: passages the reviewer named, whatever the alignment under them did
    made: set[str] = set()

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
        made.add(gid)
        return gid

    def label(a: str, b: str, same: bool) -> None:
        if labels is not None and a != b \
                and passages[a].article_id != passages[b].article_id:
            labels[pair_key(a, b)] = same

    def left_behind(pid: str, gids: Sequence[str], keep: Sequence[str] = ()) -> None:
        """``pid`` leaves groups ``gids``: it reports another fact than who stays there."""
        for gid in gids:
            for other in members[gid]:
                if other not in keep:
                    label(pid, other, False)

    def move(pid: str, target: str, leave: Sequence[str], named: Sequence[str],
             labelled: bool = True) -> None:
        """``pid`` out of groups ``leave`` (labelled as another fact than who stays there,
        unless it only names the target) and into ``target``."""
        if labelled:
            left_behind(pid, leave, named)
        for gid in leave:
            del members[gid][pid]
            origin[gid] = GroupOrigin.MANUAL
        members[target].setdefault(pid, 1.0)

    def joined(pids: Sequence[str], target: str) -> None:
        """The joined passages are the same fact as everyone in their group."""
        for pid in pids:
            for other in members[target]:
                label(pid, other, True)

    for edit in edits:
        if isinstance(edit, PairAnswer):
            a, b = edit.passage_a, edit.passage_b
            if a not in passages or b not in passages:
                continue
            label(a, b, edit.same)
            shared = set(groups_of(a)) & set(groups_of(b))
            if edit.same and not shared:
                target = group_of(a) or group_of(b) or new_group()
                origin[target] = GroupOrigin.MANUAL
                for pid in (a, b):
                    if pid in members[target]:
                        continue
                    # the later decision wins: a passage moved by an answer leaves a group
                    # the reviewer made (it sits in one of the reviewer's groups only)
                    for gid in [g for g in groups_of(pid) if g in made]:
                        del members[gid][pid]
                    members[target].setdefault(pid, 1.0)
            elif not edit.same:
                for gid in sorted(shared):
                    # the one that fits the group less leaves it (ties: the later id)
                    out = min((b, a), key=lambda pid, g=gid: members[g][pid])
                    del members[gid][out]
                    origin[gid] = GroupOrigin.MANUAL
            continue
        pids = [p for p in edit.passages if p in passages]
        if edit.op == "remove":
            for pid in pids:
                left_behind(pid, groups_of(pid), pids)
                for gid in groups_of(pid):
                    del members[gid][pid]
                    origin[gid] = GroupOrigin.MANUAL
        elif edit.op == "split" and pids:
            target = new_group()
            for pid in pids:
                left = groups_of(pid)
                left_behind(pid, left, pids)
                for gid in left:
                    origin[gid] = GroupOrigin.MANUAL
                if left:
                    members[target][pid] = max(members[gid].pop(pid) for gid in left)
            for k, a in enumerate(pids):
                for b in pids[k + 1:]:
                    label(a, b, True)
        elif edit.op == "join" and pids:
            # A join stored before 3 Dec: "put these passages in the group the first one is
            # shown in" — kept with its meaning, so an older review file realigns as it did
            # (review of 3 Dec: replayed as an exact group, an old join took its first
            # passage out of a group the reviewer never touched)
            target = group_of(pids[0]) or new_group()
            origin[target] = GroupOrigin.MANUAL
            members[target].setdefault(pids[0], 1.0)
            for pid in pids[1:]:  # the first passage names the group and stays as it is
                move(pid, target, [g for g in groups_of(pid) if g != target], pids)
            joined(pids[1:], target)
        elif edit.op == EXACT_JOIN and len(pids) > 1:  # one passage is nothing to join
            # The reviewer's group is exactly the passages they named: a group they made
            # (by an earlier join or split) that holds the first passage grows by the others;
            # otherwise a new group of just these passages is made. An automatic group is
            # never the target, since its members change with every alignment (an added
            # article) and would pull unnamed passages in (QA: a 3-passage join shown as 6).
            target = next((g for g in groups_of(pids[0]) if g in made), None) or new_group()
            for k, pid in enumerate(pids):
                if pid in members[target]:
                    continue  # already in the reviewer's group: named again, not moved
                # the first passage leaves only the machine's groups (any other group the
                # reviewer made it a member of stands); the others move here from wherever
                # they were
                move(pid, target, [g for g in groups_of(pid)
                                   if g != target and (k > 0 or g not in made)],
                     pids, labelled=k > 0)
            joined(pids[1:], target)

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
