"""The alignment's settings and the small indexing helpers every step shares.

:class:`AlignConfig` holds every threshold and weight (the defaults are the measured ones);
:func:`article_codes` and :func:`order_keys` turn passages into the integer codes and the stable
order the other steps index by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factdesk.core.model import Passage

FEATURE_NAMES = ("word", "char", "content", "names", "numbers", "quote", "clause", "neighbour",
                 "other_event")
#: cosine distance (average linkage) at which a review's articles split into two events;
#: chosen with the signal's weight on ECB+ topics 1–35 by pair F1 (0.75 / 0.8 / 0.85 tried)
EVENT_CUT = 0.85


@dataclass(frozen=True)
class AlignConfig:
    """Thresholds and weights of the alignment; the defaults are the measured ones.

    Pairs are scored by the trained judge (:mod:`factdesk.core.align.judge`); the grouping
    thresholds are on its probabilities and were chosen by cross-validation over the annotated
    stories (``benchmarks/judge_train.py``). The hand-set logistic weights below still make the
    judge's ``base`` input, the related pairs and the hand-regrouping ranking: they lie between a
    logistic-regression fit on ECB+ topics 1–35 and one on the seed corpus; the other-event
    weight and cut were chosen on ECB+ topics 1–35. :data:`HAND_SET` is the previous
    alignment, the hand-set score grouped with its own thresholds, kept for comparison.
    Figures and commands: ``benchmarks/README.md`` (section Alignment).
    """

    #: shortest quotation (in words) treated as a quotation
    min_quote_words: int = 4
    #: best cross-article neighbours kept per passage as candidates
    max_neighbors: int = 12
    #: best neighbours kept per passage in *each* other article as candidates (0: none) ...
    max_per_article: int = 3
    #: ... as long as the passage has no more than this many candidates in all
    max_candidates: int = 40
    #: a review of more articles than this is a corpus, not one story: each passage keeps only
    #: its overall best neighbours scoring at least ``corpus_min_sim`` (per-article candidates
    #: there would cost quadratic time and find nothing a story review needs)
    story_max_articles: int = 20
    corpus_min_sim: float = 0.08
    #: index features used by more passages than this are skipped when finding candidates
    index_max_df: int = 200
    #: lowest word+char cosine (averaged) for a neighbour to become a candidate
    candidate_min_sim: float = 0.0
    #: logistic weights, in the order of ``FEATURE_NAMES``, and the intercept
    weights: tuple[float, ...] = (3.0, 4.5, 3.0, 1.0, 1.2, 2.0, 1.5, 2.0, 4.0)
    bias: float = -5.5
    #: quote containment (share of a quote's word bigrams found) that counts as the same quote
    quote_min: float = 0.6
    #: a pair that is each passage's best match in the other's article ("mutual best": in news,
    #: each outlet reports a fact once) is raised to ``mutual_score`` when it scores this much
    mutual_floor: float = 0.03
    mutual_score: float = 0.3
    #: pair score needed for a link in the grouping graph
    link_threshold: float = 0.3
    #: mean pair score (missing links count 0) needed to merge two groups
    merge_threshold: float = 0.25
    #: share of member pairs that must be linked for a merge
    min_link_share: float = 0.34
    #: second phase, groups that share an article: mean score over their cross-article pairs
    #: (missing links count 0) needed to merge, and share of those pairs that must be linked
    share_threshold: float = 0.5
    share_link_share: float = 0.5
    #: most passages of one article in a group (a lede and its later full quote)
    max_same_article: int = 2
    #: third phase: a passage already in one group is also made a member of another group
    #: (a lede that reports two facts) when its mean score to that group's members in other
    #: articles (missing links count 0) and its linked share reach these
    also_threshold: float = 0.35
    also_link_share: float = 0.5
    #: most groups a passage can join besides its own
    max_also: int = 2
    #: rows per chunk of the candidate sparse product (memory vs. speed)
    chunk_rows: int = 512
    #: score pairs with the trained judge (:mod:`factdesk.core.align.judge`) rather than the
    #: hand-set logistic score; the grouping thresholds above are then on its probabilities
    use_judge: bool = True
    #: in a review of one story (``story_max_articles`` or fewer), let the judge also read the
    #: passages' MiniLM sentence embeddings (:mod:`factdesk.core.align.embed`): +0.013 pair AP
    #: held out, ~1 s more for the seeds on two cores; off until it pays (benchmarks/README.md)
    use_embeddings: bool = False
    #: lowest pair score of a *related* pair: reported with the groups so that a quotation
    #: two outlets word differently is checked even when the passages sit in different groups
    related_min: float = 0.05


#: the alignment before the judge: the hand-set score, its candidates and thresholds
HAND_SET = AlignConfig(candidate_min_sim=0.08, max_per_article=0, merge_threshold=0.1,
                       share_threshold=0.3, also_threshold=0.3, max_also=1, use_judge=False)


def order_keys(passages: Sequence[Passage]) -> list[tuple[int, int, int]]:
    """(article rank by first appearance, passage index, input position) for each passage."""
    rank: dict[str, int] = {}
    for p in passages:
        rank.setdefault(p.article_id, len(rank))
    return [(rank[p.article_id], p.index, k) for k, p in enumerate(passages)]


def canonical_key(passage: Passage) -> tuple[str, int, str]:
    """A passage's place in an order that depends on content only: its article's id (a hash
    of the article's content), then its index. Alignment works in this order so that the
    order in which files were given never changes a group."""
    return passage.article_id, passage.index, passage.id


def article_codes(passages: Sequence[Passage]) -> np.ndarray:
    """A small integer per passage naming its article (0 for the first article seen, …)."""
    codes: dict[str, int] = {}
    return np.array([codes.setdefault(p.article_id, len(codes)) for p in passages], dtype=np.int64)


