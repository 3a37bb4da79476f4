"""The report as JSON: everything in the model, versioned, described by a JSON Schema.

The document names its schema (``"schema"``) and a ``"version"`` that changes only when a
key is removed or changes meaning; new keys may appear in any version, so readers should
ignore keys they do not know. The schema ships as ``resources/report/report.schema.json``
and is documented in ``docs/report-schema.md``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from factdesk import __version__
from factdesk.core.export.model import (
    ClaimItem,
    ConflictItem,
    EvidenceItem,
    GroupItem,
    Quote,
    Report,
    StatusCount,
)
from factdesk.core.export.text import embeddable_json

SCHEMA_URL = "https://factdesk.org/schemas/report-1.json"
VERSION = 1


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) the output of :func:`report_to_json` follows."""
    path = resources.files("factdesk.resources") / "report" / "report.schema.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _counts(counts: tuple[StatusCount, ...]) -> dict[str, int]:
    return {sc.status.value: sc.count for sc in counts}


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "article": q.article_id,
        "outlet": q.outlet,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "before": q.before,
        "after": q.after,
    }


def _evidence(e: EvidenceItem) -> dict[str, Any]:
    return {
        "id": e.id,
        "relation": e.relation.value,
        "quote": _quote(e.quote),
        "diff": [{"op": p.kind.value, "text": p.text} for p in e.diff],
        "passage": e.passage_id,
        "reviewer": e.reviewer,
        "created": e.created,
        **({"removed": e.removed} if e.removed else {}),
    }


def _conflict(k: ConflictItem) -> dict[str, Any]:
    return {
        "id": k.id,
        "kind": k.kind.value,
        "severity": k.severity,
        "detail": k.detail,
        "group": k.group_id,
        "sides": [
            {
                "passage": s.passage_id,
                "article": s.article_id,
                "outlet": s.outlet,
                "text": s.text,
                "words": list(s.words),
            }
            for s in k.sides
        ],
    }


def _group(g: GroupItem) -> dict[str, Any]:
    return {
        "id": g.id,
        "score": round(g.score, 4),
        "members": [
            {"passage": m.passage_id, "article": m.article_id, "outlet": m.outlet, "text": m.text}
            for m in g.members
        ],
    }


def _claim(c: ClaimItem) -> dict[str, Any]:
    return {
        "id": c.id,
        "status": c.status.value,
        "quote": _quote(c.quote),
        "note": c.note,
        "reviewer": c.reviewer,
        "created": c.created,
        "updated": c.updated,
        "orphaned": c.orphaned,
        "evidence": [_evidence(e) for e in c.evidence],
        "conflicts": [_conflict(k) for k in c.conflicts],
        "groups": [_group(g) for g in c.groups],
        # claims in web articles only (new keys; readers ignore keys they do not know)
        **(
            {
                "checked_version": c.checked_version,
                "checked_captured": c.checked_captured,
                "edited_after_publication": c.edited,
            }
            if c.checked_version is not None
            else {}
        ),
        # settled, disagreeing and double-checked claims only (new keys, #21)
        **({"settled": {"by": c.settled_by, "at": c.settled_at, "why": c.settled_why}}
           if c.settled_by else {}),
        **({"disagreement": True} if c.disagreement else {}),
        **({"decisions": [{"reviewer": d.reviewer, "status": d.status.value, "note": d.note,
                           "at": d.at} for d in c.decisions]} if c.decisions else {}),
    }


def report_to_json(report: Report) -> dict[str, Any]:
    s = report.summary
    return {
        "schema": SCHEMA_URL,
        "version": VERSION,
        "generator": f"factdesk {__version__}",
        "summary": {
            "title": s.title,
            "reviewer": s.reviewer,
            "organization": s.organization,
            "generated": s.generated,
            "claims": s.claims,
            "statuses_included": [x.value for x in s.statuses_included],
            "by_status": _counts(s.by_status),
            "by_source": [
                {
                    "article": row.article_id,
                    "outlet": row.outlet,
                    "title": row.title,
                    "claims": row.claims,
                    "evidence": row.evidence,
                    "by_status": _counts(row.by_status),
                }
                for row in s.by_source
            ],
            **({"reviewers": list(s.reviewers)} if s.reviewers else {}),
            **({"agreement": s.agreement} if s.agreement else {}),
        },
        "sources": [
            {
                "id": src.id,
                "outlet": src.outlet,
                "title": src.title,
                "author": src.author,
                "published": src.published,
                "path": src.path,
                "url": src.url or None,
                "sha256": src.sha256,
                "text": src.text,
                **(
                    {"version": src.version, "captured": src.captured,
                     "final_url": src.final_url}
                    if src.version is not None
                    else {}
                ),
                **({"removed": src.removed} if src.removed else {}),
            }
            for src in report.sources
        ],
        "claims": [_claim(c) for c in report.claims],
        "dependences": [
            {
                "article": d.article_id,
                "outlet": d.outlet,
                "source": d.source,
                "reason": d.reason,
                "shared_chars": d.shared_chars,
            }
            for d in report.dependences
        ],
    }


def render_json(report: Report) -> str:
    """The document, with ``<``, ``>`` and ``&`` escaped (``\\u003c``…): the same data for a
    JSON reader, and safe inside a page's ``<script type="application/json">`` data island."""
    return embeddable_json(report_to_json(report))
