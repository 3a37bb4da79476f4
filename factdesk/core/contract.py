"""The JSON shapes printed by ``factdesk info --json``, ``passages --json`` and ``align --json``.

They are a public contract (scripts and evaluations read them), so they live in one place and
only ever gain keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from factdesk.core.check.independence import independent_sources
from factdesk.core.model import Article, Passage
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


def info_json(review: Review) -> dict[str, Any]:
    counts = review.passage_counts()
    latest = {}
    for capture in review.captures(with_text=False):
        latest[capture.article_id] = capture  # oldest first: the last one is the newest
    articles = []
    for a in review.articles():
        row = article_json(a, passages=counts.get(a.id, 0))
        row["warning"] = a.warning
        capture = latest.get(a.id)
        row["url"] = capture.url if capture else None
        row["final_url"] = capture.final_url if capture else None
        row["version"] = capture.version if capture else None
        row["fetched_at"] = capture.fetched_at if capture else None
        row["http_date"] = capture.http_date if capture else None
        articles.append(row)
    return {"title": review.title, "articles": articles, "counts": review.counts()}


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
    article_rows = []
    for a in articles.values():
        row = article_json(a, passages=counts.get(a.id, 0))
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
    conflicts = [
        {
            "id": c.id,
            "kind": str(c.kind),
            "passages": list(c.passages),
            "detail": c.detail,
            "severity": c.severity,
            "words": [list(c.words[0]), list(c.words[1])],
            "group": c.group_id,
        }
        for c in review.conflicts()
    ]
    suggestions = [
        {
            "passage": s.passage_id,
            "status": str(s.status),
            "reason": s.reason,
            "checkworthy": round(s.checkworthy, 3),
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
