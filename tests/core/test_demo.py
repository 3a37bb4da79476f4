"""The bundled demo review is written by the project: four articles and the claims a reviewer
left on them, one in every status, with notes and evidence, as the README's picture shows."""

from __future__ import annotations

from factdesk.core.demo import DEMO_TITLE, build_demo_review, demo_claims, is_current_demo
from factdesk.core.model import ClaimStatus, EvidenceRelation, article_label
from factdesk.core.store import Review


def test_demo_has_claims_in_every_status_with_notes_and_evidence(tmp_path) -> None:
    path = tmp_path / "demo.factdesk"
    report = build_demo_review(path)
    assert not report.problems
    with Review.open(path) as review:
        assert review.title == DEMO_TITLE and is_current_demo(review)
        claims = review.claims()
        assert len(claims) == len(demo_claims()["claims"])
        assert {c.status for c in claims} == set(ClaimStatus)
        reviewed = [c for c in claims if c.status != ClaimStatus.UNREVIEWED]
        assert all(c.note for c in reviewed)
        relations = {e.relation for c in claims for e in c.evidence}
        assert relations == {EvidenceRelation.SUPPORTS, EvidenceRelation.CONTRADICTS}
        for claim in claims:  # every anchor is the article's own words, on a passage
            text = review.article(claim.anchor.article_id).text
            assert text[claim.anchor.start:claim.anchor.end] == claim.anchor.quote
            assert claim.passage_id is not None
            for ev in claim.evidence:
                etext = review.article(ev.anchor.article_id).text
                assert etext[ev.anchor.start:ev.anchor.end] == ev.anchor.quote
                assert ev.anchor.article_id != claim.anchor.article_id
        # a conflicting claim is contradicted by another outlet's words
        conflicting = [c for c in claims if c.status == ClaimStatus.CONFLICTING]
        assert all(any(e.relation == EvidenceRelation.CONTRADICTS for e in c.evidence)
                   for c in conflicting)
        # every demo source has a name, none a file name with a number in it
        labels = [article_label(a) for a in review.articles()]
        assert labels == ["Northwire", "The Valley Courier (Northwire)", "Lindenport Gazette",
                          "Civic Radio"]
