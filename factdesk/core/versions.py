"""Store a newer version of an article already in the review, for a re-fetched page
(``refresh``) and a re-added file (``importing``) alike.

A fact-checker who edits or re-saves a story and adds it again means "this article changed",
not "a new outlet": the new text replaces the old under the same article id, the old text is
kept as the earlier version, every claim and evidence span is found again with the existing
anchors, and each claim whose words changed or vanished is flagged ("edited after
publication"), as a refreshed web page is. One transaction for the version, one for the
re-anchoring and flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from factdesk.core.anchors import reanchor_claims
from factdesk.core.model import Article, Passage
from factdesk.core.read.fetch import Capture
from factdesk.core.store import Review

__all__ = ["ChangedArticle", "file_capture", "store_version"]


@dataclass(frozen=True, slots=True)
class ChangedArticle:
    article: str
    url: str
    versions: int  # how many versions the review now holds
    claims_changed: tuple[str, ...] = ()  # claims whose words were edited
    claims_vanished: tuple[str, ...] = ()  # claims whose words are gone
    # claims (in any article) whose evidence quoted from this article was edited or is gone
    evidence_changed: tuple[str, ...] = ()


def file_capture(content: bytes, fetched_at: str | None = None) -> Capture:
    """A local file's bytes as a version record. No address: it is never re-fetched by
    ``refresh`` and never published as the article's URL (ClaimReview, reports).
    ``fetched_at`` "" when unknown (the first version of a file imported earlier)."""
    return Capture(url="", final_url="", status=0, content=content,
                   fetched_at=fetched_at or datetime.now(UTC).isoformat(timespec="seconds"))


def store_version(review: Review, article: Article, new: Article, passages: list[Passage],
                  capture: Capture, url: str = "") -> ChangedArticle:
    """Swap in ``new`` (its id already ``article.id``) as the next version and flag what it
    changed for the claims; raises what ``Review.add_version`` raises."""
    before = {c.id: c for c in review.claims(article.id)}
    evidence_before = {e.id: e for e in review.evidence_in_article(article.id)}
    versions = review.captures(article.id, with_text=False)
    version = max((c.version for c in versions), default=0)
    if version == 0:
        # a file imported before: its text as read then is version 1, so the change shows
        review.add_first_version(article, file_capture(article.text.encode("utf-8"), ""))
        version = 1
    new_version = review.add_version(article, new, passages, capture)
    reanchor_claims(review, article.id)
    changed: list[str] = []
    vanished: list[str] = []
    evidence: list[str] = []
    with review.transaction():
        for ev in review.evidence_in_article(article.id):
            old_ev = evidence_before.get(ev.id)
            if old_ev is None or (ev.anchor.quote == old_ev.anchor.quote
                                  and ev.orphaned == old_ev.orphaned):
                continue
            gone = ev.orphaned and not old_ev.orphaned
            review.add_claim_change(
                ev.claim_id, article.id, version, new_version,
                "evidence_vanished" if gone else "evidence_changed",
                old_ev.anchor.quote, "" if gone else ev.anchor.quote,
            )
            evidence.append(ev.claim_id)
        for claim in review.claims(article.id):
            old = before.get(claim.id)
            if old is None:
                continue
            if claim.orphaned and not old.orphaned:
                vanished.append(claim.id)
                review.add_claim_change(
                    claim.id, article.id, version, new_version, "vanished", old.anchor.quote
                )
            elif not claim.orphaned and claim.anchor.quote != old.anchor.quote:
                changed.append(claim.id)
                review.add_claim_change(claim.id, article.id, version, new_version, "changed",
                                        old.anchor.quote, claim.anchor.quote)
    return ChangedArticle(article.id, url, new_version, tuple(changed), tuple(vanished),
                          tuple(dict.fromkeys(evidence)))
