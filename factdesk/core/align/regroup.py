"""Where a reviewer can put a passage by hand: the groups and lone passages it may join, the
likely ones first.

The automatic alignment misses facts reworded with few shared words ("some proposals seem
acceptable" and "Putin accepted some U.S. proposals"); the reviewer then puts the passage into
the right group by hand, and the edit is replayed over every later alignment
(``core/reanalysis.py``). The options are ranked by the alignment's own pair score of the passage
against *every* passage of the other articles (the alignment itself scores only candidate
pairs): on the seed corpus the right place is among the first five options for three passages
in four that the alignment left out of their fact's group (``benchmarks/regroup_rank.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from factdesk.core.align.config import AlignConfig, article_codes
from factdesk.core.align.features import build_features, quote_containment
from factdesk.core.align.score import combine, pair_features
from factdesk.core.model import AlignmentGroup, Passage, PassageKind, primary_groups


@dataclass(frozen=True, slots=True)
class MatchOption:
    """One place for the passage: an existing group, or a new group with a lone passage."""

    #: the group to join; None for a new group made of ``anchor`` and the passage
    group_id: str | None
    #: the passage named first in the ``join`` edit: a member shown in that group (so the
    #: replayed edit lands in it), or the lone passage itself
    anchor: str
    #: best related score between the passage and the group's members (or the lone passage);
    #: 0 when the alignment did not relate them at all
    score: float
    #: the member that scored best (what the reviewer is shown: why the place is offered)
    closest: str = ""
    #: the group's members shown in it when offered (reading order): a join names them all,
    #: so the group the reviewer chose is kept as they saw it, whatever later alignments do
    members: tuple[str, ...] = ()


def rank_counterparts(passages: Sequence[Passage], passage_id: str,
                      config: AlignConfig | None = None) -> list[tuple[str, float]]:
    """``(passage id, pair score)`` of every passage of another article, best first.

    Scores one passage against all the others with the alignment's signals (the neighbour
    signal left out: it needs a first scoring of every pair). The features are fitted on the
    whole review, as in the alignment, so the cost is that of one alignment's feature step
    (0.1 s for five articles; a few seconds for hundreds).
    """
    config = config or AlignConfig()
    k = next((n for n, p in enumerate(passages) if p.id == passage_id), None)
    if k is None:
        raise KeyError(f"no passage {passage_id} in this review")
    art = article_codes(passages)
    others = np.flatnonzero(art != art[k])
    if len(others) == 0:
        return []
    feats = build_features([p.text for p in passages], config.min_quote_words)
    x = pair_features(feats, np.full(len(others), k), others,
                      quote_containment(feats, config.index_max_df), art=art)
    scores = combine(x, config)
    order = np.lexsort((others, -scores))
    return [(passages[int(others[m])].id, round(float(scores[m]), 4)) for m in order]


def match_options(passage_id: str, groups: Sequence[AlignmentGroup],
                  related: Sequence[tuple[str, float]],
                  passages: Mapping[str, Passage],
                  hidden: Collection[str] = ()) -> list[MatchOption]:
    """Every group the passage is not in, and every lone passage of another article, best
    related first, then in reading order (groups before lone passages; ``passages`` is taken
    to be in reading order, as ``Review.passages`` returns them).

    ``related`` is the passage's ``(other passage id, score)`` list (:func:`rank_counterparts`).
    A group is offered only if one of its members is shown in it (true of every group the
    alignment or a join makes), since a join lands in its first passage's shown group. Lone
    passages of ``hidden`` articles are not offered: the reviewer cannot see them.

    ``groups`` must be the review's current groups, with every stored edit replayed (an
    analysis that is not stale): the anchor is chosen among them.
    """
    own = passages[passage_id]
    score_of = dict(related)
    shown = {pid: g.id for pid, g in primary_groups(groups).items()}
    options: list[tuple[tuple[float, int, int], MatchOption]] = []
    grouped: set[str] = set()
    for rank, g in enumerate(groups):
        ids = g.passage_ids
        grouped.update(ids)
        if passage_id in ids:
            continue
        anchor = next((pid for pid in ids if shown.get(pid) == g.id), None)
        if anchor is None:
            continue
        # a lede shown in another group is not named: the join would move it out of there
        shown_here = tuple(pid for pid in ids if shown.get(pid) == g.id)
        best = max(score_of.get(pid, 0.0) for pid in ids)
        # the passage shown for the group is one shown *in* it: a lede in three groups named
        # for all three made them look alike (QA: g1, g2, g3 with one representative text)
        closest = max(shown_here, key=lambda pid: score_of.get(pid, 0.0))
        if score_of.get(closest, 0.0) == 0.0:
            closest = anchor
        options.append(((-best, 0, rank), MatchOption(g.id, anchor, best, closest, shown_here)))
    for k, (pid, p) in enumerate(passages.items()):  # the mapping is in reading order
        if (pid in grouped or p.article_id == own.article_id or p.article_id in hidden
                or p.kind == PassageKind.HEADING):
            continue
        best = score_of.get(pid, 0.0)
        options.append(((-best, 1, k), MatchOption(None, pid, best, pid)))
    options.sort(key=lambda item: item[0])
    return [option for _, option in options]


def join_edit(passage_id: str, option: MatchOption) -> list[str]:
    """The passages of the ``join`` edit that puts ``passage_id`` where ``option`` says: the
    group's members as offered and the passage. A join makes a group of exactly the passages
    it names (``reanalysis.apply_group_edits``), so naming them all keeps the group the
    reviewer chose, not whatever the next alignment puts beside its first passage."""
    others = [pid for pid in option.members if pid not in (option.anchor, passage_id)]
    return [option.anchor, *others, passage_id]
