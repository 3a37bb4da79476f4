"""The JSON shapes printed by ``factdesk info --json``, ``passages --json`` and ``align --json``.

They are a public contract (scripts and evaluations read them), so they live in one place and
only ever gain keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from factdesk.core.check.claimscope import ClaimScope, ScopeIndex
from factdesk.core.check.independence import independent_sources
from factdesk.core.model import Article, Conflict, Passage, source_labels
from factdesk.core.store import Review


def article_json(article: Article, *, passages: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published,
        "sha256": article.sha256,
        "format": str(article.format),
    }
    if passages is not None:
        out["passages"] = passages
    return out


def passage_json(p: Passage) -> dict[str, Any]:
    return {
        "id": p.id,
        "article": p.article_id,
        "index": p.index,
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "kind": str(p.kind),
    }


def conflict_json(c: Conflict) -> dict[str, Any]:
    """One disagreement: ``passages`` lists every passage of every side (first side first),
    ``sides`` the passages that agree with each other, ``words`` the differing words of each
    side and ``spans`` where those words are (offsets into the article text, like passages)."""
    return {
        "id": c.id,
        "kind": str(c.kind),
        "passages": list(c.passages),
        "detail": c.detail,
        "severity": c.severity,
        "words": [list(w) for w in c.words],
        "group": c.group_id,
        "sides": [list(side) for side in c.side_ids],
        "spans": [{"passage": s.passage_id, "start": s.start, "end": s.end, "text": s.text}
                  for s in c.spans],
    }


def scope_index(review: Review) -> ScopeIndex:
    """The review's analysis indexed once for scoping its claims (see ``check/claimscope``)."""
    return ScopeIndex.make({p.id: p for p in review.passages()}, review.groups(),
                           review.conflicts(), {a.id: a for a in review.articles()},
                           review.dependences())


def claim_scope_json(scope: ClaimScope) -> dict[str, Any]:
    """The keys ``claims --json`` adds to a claim: the conflicts about its own words and the
    suggestion that follows from them (null when there is nothing to suggest)."""
    return {
        "conflicts": [conflict_json(c) for c in scope.conflicts],
        "suggestion": ({"status": scope.suggestion[0], "reasons": list(scope.suggestion[1])}
                       if scope.suggestion else None),
    }


def info_json(review: Review) -> dict[str, Any]:
    counts = review.passage_counts()
    latest = {}
    for capture in review.captures(with_text=False):
        latest[capture.article_id] = capture  # oldest first: the last one is the newest
    articles = []
    listed = review.articles()
    # the name the panes, claims and reports give the source (the outlet, else the file name)
    labels = source_labels(listed)
    for a in listed:
        row = article_json(a, passages=counts.get(a.id, 0))
        row["source"] = labels[a.id]
        row["warning"] = a.warning
        capture = latest.get(a.id)
        row["url"] = (capture.url or None) if capture else None  # a file's versions: no url
        row["final_url"] = capture.final_url if capture else None
        row["version"] = capture.version if capture else None
        row["fetched_at"] = capture.fetched_at if capture else None
        row["http_date"] = capture.http_date if capture else None
        articles.append(row)
    return {
        "title": review.title,
        "articles": articles,
        "counts": review.counts(),
        # articles or group edits changed since the groups were computed (an interrupted add,
        # a group edit not yet replayed): the groups and conflicts are the old ones
        "alignment_out_of_date": review.analysis_stale,
    }


def passages_json(article: Article, passages: Sequence[Passage]) -> dict[str, Any]:
    return {
        "article": article_json(article, passages=len(passages)),
        "passages": [passage_json(p) for p in passages],
        "marks": [
            {"start": m.start, "end": m.end, "kind": str(m.kind), "reason": m.reason}
            for m in article.marks
        ],
    }


def align_json(review: Review, paths: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The ``align --json`` document; ``paths`` maps article id to the FILE as the user gave it."""
    articles = {a.id: a for a in review.articles()}
    counts = review.passage_counts()
    dependences = review.dependences()
    # the name the panes give the source, as info --json has it (QA pass 4 item 12d: a .txt
    # file's row had "outlet": "" and nothing else naming its source)
    labels = source_labels(list(articles.values()))
    article_rows = []
    for a in articles.values():
        row = article_json(a, passages=counts.get(a.id, 0))
        row["source"] = labels[a.id]
        if paths and a.id in paths:
            row["path"] = paths[a.id]
        row["depends_on"] = [
            {"source": d.source, "reason": d.reason} for d in dependences if d.article == a.id
        ]
        article_rows.append(row)
    passages = {p.id: p for p in review.passages()}
    alignments = []
    for g in review.groups():
        alignments.append(
            {
                "id": g.id,
                "passages": g.passage_ids,
                "score": round(g.score, 4),
                "members": [
                    {"passage": m.passage_id, "score": round(m.score, 4)} for m in g.members
                ],
                "origin": str(g.origin),
                "independent_sources": independent_sources(
                    {passages[pid].article_id for pid in g.passage_ids}, dependences, articles
                ),
            }
        )
    conflicts = [conflict_json(c) for c in review.conflicts()]
    # group-level hints (``check/suggestions``): "confirmed" there means the passage's group
    # holds two independent outlets, not that they print its words; "basis" says so, and
    # the claim-level check of a passage's words is what the window shows and A saves
    suggestions = [
        {
            "passage": s.passage_id,
            "status": str(s.status),
            "reason": s.reason,
            "checkworthy": round(s.checkworthy, 3),
            "basis": "group",
        }
        for s in review.suggestions()
    ]
    return {
        "articles": article_rows,
        "passages": [passage_json(p) for p in passages.values()],
        "alignments": alignments,
        "conflicts": conflicts,
        "suggestions": suggestions,
    }
