"""Reviewed claims as schema.org ``ClaimReview`` JSON-LD (what search engines read).

One ``ClaimReview`` per claim with a verdict (unreviewed claims are left out), written as a
JSON array of self-contained objects, each with its own ``@context``, ready to paste into a
``<script type="application/ld+json">`` of the published fact-check page.

The rating uses a stated three-point scale (worst 1, best 3): 3 Confirmed (independent sources
agree), 2 Unsourced (nothing found that backs or contradicts it), 1 Conflicting (sources
contradict it); ``alternateName`` carries the verdict as words, which is what readers see.
``url`` is the address of the published fact-check: a placeholder (``ExportOptions.url``, with
``{claim}`` replaced by the claim id) until the user sets the real one.
"""

from __future__ import annotations

import json
from typing import Any

from factdesk.core.export.model import STATUS_LABELS, ClaimItem, Report, Source
from factdesk.core.export.text import one_line
from factdesk.core.model import ClaimStatus, EvidenceRelation

RATINGS: dict[ClaimStatus, int] = {
    ClaimStatus.CONFIRMED: 3,
    ClaimStatus.UNSOURCED: 2,
    ClaimStatus.CONFLICTING: 1,
}
BEST, WORST = 3, 1
SCALE = (
    "Scale 1-3: 3 = Confirmed (independent sources agree), 2 = Unsourced (no source backs or "
    "contradicts it), 1 = Conflicting (sources contradict it)."
)


def _creative_work(src: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": one_line(src.title)}
    if src.url:
        work["url"] = src.url
    if src.organization:
        work["publisher"] = {"@type": "Organization", "name": src.organization}
    if src.author:
        work["author"] = {"@type": "Person", "name": src.author}
    if src.published:
        work["datePublished"] = src.published
    return work


def _author(report: Report, claim: ClaimItem) -> dict[str, Any] | None:
    s = report.summary
    if s.organization:
        org: dict[str, Any] = {"@type": "Organization", "name": s.organization}
        return org
    name = s.reviewer or claim.reviewer
    return {"@type": "Person", "name": name} if name else None


def claim_review(report: Report, claim: ClaimItem) -> dict[str, Any]:
    sources = {src.id: src for src in report.sources}
    appearing = [claim.quote.article_id] + [
        e.quote.article_id for e in claim.evidence if e.relation is EvidenceRelation.SUPPORTS
    ]
    appearance = [_creative_work(sources[a]) for a in dict.fromkeys(appearing) if a in sources]
    claimed: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    origin = sources.get(claim.quote.article_id)
    if origin is not None:
        if appearance:
            claimed["firstAppearance"] = appearance[0]
        if origin.organization:
            claimed["author"] = {"@type": "Organization", "name": origin.organization}
        if origin.published:
            claimed["datePublished"] = origin.published
    rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": RATINGS[claim.status],
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": STATUS_LABELS[claim.status],
        "description": SCALE,
    }
    if claim.note:
        rating["ratingExplanation"] = claim.note
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": report.claim_url(claim.id),
        "claimReviewed": one_line(claim.quote.text),
        "reviewRating": rating,
        "itemReviewed": claimed,
        "datePublished": report.summary.generated[:10],
    }
    author = _author(report, claim)
    if author is not None:
        review["author"] = author
    if claim.note:
        review["reviewBody"] = claim.note
    return review


def claim_reviews(report: Report) -> list[dict[str, Any]]:
    return [claim_review(report, c) for c in report.claims if c.status in RATINGS]


def render_claimreview(report: Report) -> str:
    return json.dumps(claim_reviews(report), ensure_ascii=False, indent=2) + "\n"
