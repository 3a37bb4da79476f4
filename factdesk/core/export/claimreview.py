"""Reviewed claims as schema.org ``ClaimReview`` JSON-LD (what search engines read).

One ``ClaimReview`` per claim with a verdict (unreviewed claims are left out), written as a
JSON array of self-contained objects, each with its own ``@context``, ready to paste into a
``<script type="application/ld+json">`` of the published fact-check page.

factdesk's statuses say how a claim stands against the other outlets' reporting of the same
story, not whether it is true, so the rating carries no number on a truth scale (where
"conflicting" would read as "false"): ``alternateName`` names the status in words and
``ratingExplanation`` says what it means. The publishing organisation is the review's
``author`` (with its site's address); the reviewer who tagged the claim is a ``contributor``.
Only the reviewer's name is published, never the e-mail address of their signature
(``"Ana Ruiz <ana@desk.example>"`` is how edits are signed inside the review). A claim whose
appearance is unknown (its article was removed before factdesk kept a removed article's
name and title) is left out rather than published as "confirmed" with an empty appearance:
:func:`left_out` says which, for the command line to report.
``url`` is the address of the published fact-check (``ExportOptions.url``, with ``{claim}``
replaced by the claim id); the ``example.org`` placeholder is refused, as is a missing
organisation, because a ClaimReview that names neither cannot be published.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from factdesk.core.export.model import ClaimItem, Report, Source
from factdesk.core.export.text import embeddable_json, one_line, when
from factdesk.core.identity import display_name
from factdesk.core.model import ClaimStatus, EvidenceRelation

#: what each status is called in a ClaimReview, and what it means there
RATING_NAMES: dict[ClaimStatus, str] = {
    ClaimStatus.CONFIRMED: "Confirmed by independent outlets",
    ClaimStatus.CONFLICTING: "Outlets' accounts conflict",
    ClaimStatus.UNSOURCED: "Unsourced",
}
_MEANING = ("This rating says how the claim stands against the other outlets' reporting of "
            "the same story, not whether it is true.")
RATING_EXPLANATIONS: dict[ClaimStatus, str] = {
    ClaimStatus.CONFIRMED: f"{_MEANING} Confirmed: independent outlets report it the same "
                           "way, and none contradicts it.",
    ClaimStatus.CONFLICTING: f"{_MEANING} Conflicting: other outlets report this detail "
                             "differently; at most one account can be right.",
    ClaimStatus.UNSOURCED: f"{_MEANING} Unsourced: no other outlet and no named source backs "
                           "it.",
}
#: the placeholder hosts no fact-check is ever published at (RFC 2606)
PLACEHOLDER_HOSTS = frozenset({"example.org", "example.com", "example.net"})


class ClaimReviewRefused(ValueError):
    """A ClaimReview that must not be written as it stands, with what to fix."""


def claimreview_problem(organization: str, url: str) -> str | None:
    """Why a ClaimReview with this publisher and fact-check address cannot be written, if so."""
    if not organization.strip():
        return ("ClaimReview needs the publishing organisation's name (the review's author); "
                "set it once in the export settings (--organization).")
    parts = urlsplit(url.replace("{claim}", "c1"))
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        return (f"ClaimReview needs the address your fact-checks are published at (an http(s) "
                f"URL, {{claim}} becoming the claim id), not {url!r}.")
    if host in PLACEHOLDER_HOSTS or host.endswith(tuple(f".{h}" for h in PLACEHOLDER_HOSTS)):
        return (f"ClaimReview refuses the placeholder address {url!r}: set the address your "
                "organisation publishes its fact-checks at (--url).")
    return None


def _site(url: str) -> str:
    parts = urlsplit(url.replace("{claim}", "c1"))
    return f"{parts.scheme}://{parts.netloc}/"


def _creative_work(src: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork",
                            "headline": one_line(src.headline or src.title)}
    if src.url or src.final_url:
        work["url"] = src.url or src.final_url
    if src.organization:
        work["publisher"] = {"@type": "Organization", "name": src.organization}
    if src.author:
        work["author"] = {"@type": "Person", "name": src.author}
    if src.published:
        work["datePublished"] = src.published
    if src.removed:  # still where the words appeared; the reader is told it left the review
        work["description"] = (f"Removed from the review on {when(src.removed)}; named as it "
                               "was when quoted.")
    return work


def _appearance(report: Report, claim: ClaimItem) -> list[dict[str, Any]]:
    """Where the claim appeared: its own article, then the articles of supporting evidence
    (each one known to the report, removed ones by the name and title they had)."""
    sources = {src.id: src for src in report.sources}
    appearing = [claim.quote.article_id] + [
        e.quote.article_id for e in claim.evidence if e.relation is EvidenceRelation.SUPPORTS
    ]
    return [_creative_work(sources[a]) for a in dict.fromkeys(appearing) if a in sources]


def claim_review(report: Report, claim: ClaimItem) -> dict[str, Any]:
    sources = {src.id: src for src in report.sources}
    appearance = _appearance(report, claim)
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
        "alternateName": RATING_NAMES[claim.status],
        "ratingExplanation": RATING_EXPLANATIONS[claim.status],
    }
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": report.claim_url(claim.id),
        "claimReviewed": one_line(claim.quote.text),
        "reviewRating": rating,
        "itemReviewed": claimed,
        "datePublished": report.summary.generated[:10],
        "author": {"@type": "Organization", "name": report.summary.organization,
                   "url": _site(report.claimreview_url)},
    }
    reviewer = claim.reviewer or report.summary.reviewer
    if reviewer:
        review["contributor"] = {"@type": "Person", "name": display_name(reviewer)}
    if claim.note:
        review["reviewBody"] = claim.note
    return review


def _publishable(report: Report, claim: ClaimItem) -> bool:
    return claim.status in RATING_NAMES and bool(_appearance(report, claim))


def claim_reviews(report: Report) -> list[dict[str, Any]]:
    return [claim_review(report, c) for c in report.claims if _publishable(report, c)]


def left_out(report: Report) -> list[str]:
    """Why each claim with a verdict is not in the ClaimReview (nothing says where it
    appeared), one line each, for the command line and the export dialog to show."""
    return [f"claim {c.id} is left out of the ClaimReview: nothing in the review says where "
            f"“{one_line(c.quote.text)}” appeared (its article was removed)"
            for c in report.claims if c.status in RATING_NAMES and not _publishable(report, c)]


def render_claimreview(report: Report) -> str:
    """The JSON-LD array; :class:`ClaimReviewRefused` when there is something to publish but
    no organisation or only the placeholder address to publish it under. ``<``, ``>`` and
    ``&`` are written ``\\u003c`` etc. so the text can be pasted into a
    ``<script type="application/ld+json">`` and never close it."""
    reviews = claim_reviews(report)
    problem = claimreview_problem(report.summary.organization, report.claimreview_url)
    if reviews and problem:
        raise ClaimReviewRefused(problem)
    return embeddable_json(reviews)
