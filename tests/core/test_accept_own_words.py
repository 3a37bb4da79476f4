"""A (accept a suggestion) saves the check of the passage's own words, the one the inspector
and ``claims --json`` give the claim afterwards, never the stored group-level hint (QA pass 4,
item 1): a passage filed with five outlets that print none of its words was saved "confirmed
by 5 independent sources". Where the check has nothing to suggest, A writes nothing and says
why. Every story here is made up for the test."""

from __future__ import annotations

import pytest

from factdesk.core import claim_edits
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.check.suggestions import check_passage, suggest_claims
from factdesk.core.contract import align_json, scope_index
from factdesk.core.model import AlignmentGroup, Article, ClaimStatus, GroupMember, Passage
from factdesk.core.store import Review

STORY = {
    "A": ["The warehouse fire was reported at 5 p.m. on Sunday, officials said.",
          "Lena Ortiz said she watched the smoke rise from her bakery across the road."],
    "B": ["The warehouse fire was reported at 5 p.m. on Sunday, the fire chief said."],
    "C": ["The warehouse fire was reported at 5 p.m. on Sunday, a city spokesman said."],
}


@pytest.fixture
def review() -> Review:
    review = Review.in_memory()
    articles: dict[str, Article] = {}
    passages: dict[str, Passage] = {}
    for aid, sentences in STORY.items():
        text = " ".join(sentences)
        mine = []
        for n, s in enumerate(sentences):
            at = text.index(s)
            mine.append(Passage(f"{aid}.{n}", aid, n, at, at + len(s), s))
        articles[aid] = Article(aid, f"/tmp/{aid}.txt", text, aid * 64, outlet=f"Out{aid}")
        review.add_article(articles[aid], mine)
        passages.update({p.id: p for p in mine})
    # the aligner filed the bakery sentence with the fact of the lede (a lede's second group)
    groups = [AlignmentGroup("g0", tuple(GroupMember(p, 0.9) for p in ("A.0", "B.0", "C.0")),
                             0.9),
              AlignmentGroup("g1", tuple(GroupMember(p, 0.6) for p in ("A.1", "B.0", "C.0")),
                             0.6)]
    conflicts = find_conflicts(groups, passages, articles)
    review.replace_analysis(groups, conflicts)
    review.replace_suggestions(suggest_claims(passages, groups, conflicts, articles, []))
    return review


def test_a_passage_whose_group_prints_none_of_its_words_gets_no_status_from_a(
        review: Review) -> None:
    stored = review.suggestion("A.1")
    # the stored hint is about the group, and says so
    assert stored.status is ClaimStatus.CONFIRMED
    assert stored.reason.startswith("In a group with 3 independent sources")
    assert "not checked on this passage's own words" in stored.reason
    check = check_passage(scope_index(review), review.passage("A.1"))
    assert check.suggestion is None
    assert check.why.startswith("Nothing suggested on this passage's own words: 2 passages")
    assert "OutB, OutC: prints too few of the claim's words" in check.why
    with pytest.raises(claim_edits.NothingToAccept, match="Nothing suggested"):
        claim_edits.accept_suggestion(review, "A.1", reviewer="ann")
    assert review.claims() == []


def test_a_saves_what_claims_json_then_gives_the_claim(review: Review) -> None:
    claim = claim_edits.accept_suggestion(review, "A.0", reviewer="ann")
    scope = scope_index(review).scope(claim.anchor, claim.passage_id)
    assert scope.suggestion is not None
    assert (claim.status, claim.note) == (ClaimStatus(scope.suggestion[0]),
                                          " ".join(scope.suggestion[1]))
    assert claim.status is ClaimStatus.CONFIRMED
    assert claim.note.startswith("Reported by 3 independent sources (OutA, OutB, OutC)")


def test_align_json_labels_its_suggestions_as_group_level(review: Review) -> None:
    rows = {s["passage"]: s for s in align_json(review)["suggestions"]}
    assert {s["basis"] for s in rows.values()} == {"group"}
    assert not any(s["reason"].startswith("Reported by") for s in rows.values())
