"""Claim suggestions and the check-worthiness score."""

from __future__ import annotations

from factdesk.core.check.suggestions import checkworthiness, suggest_claims
from factdesk.core.model import (
    AlignmentGroup,
    Article,
    Conflict,
    ConflictKind,
    Dependence,
    GroupMember,
    Passage,
)


def _setup(texts: dict[str, str]) -> tuple[dict[str, Article], dict[str, Passage]]:
    arts = {a: Article(a, f"{a}.txt", t, a, outlet=a.upper()) for a, t in texts.items()}
    ps = {f"{a}.1": Passage(f"{a}.1", a, 1, 0, len(t), t) for a, t in texts.items()}
    return arts, ps


def _group(*pids: str) -> AlignmentGroup:
    return AlignmentGroup("g1", tuple(GroupMember(p, 1.0) for p in pids), 1.0)


FACT = "The bridge reopened to traffic after a 14-month repair costing 30 million euros."


def test_two_independent_sources_agreeing_is_confirmed() -> None:
    arts, ps = _setup({"a": FACT, "b": FACT})
    out = suggest_claims(ps, [_group("a.1", "b.1")], [], arts, [])
    assert [(s.passage_id, s.status) for s in out] == [("a.1", "confirmed"), ("b.1", "confirmed")]
    assert "2 independent sources" in out[0].reason


def test_two_copies_of_one_wire_are_not_confirmation() -> None:
    arts, ps = _setup({"a": FACT, "b": FACT})
    deps = [Dependence("b", "a", "reprint of a", 300)]
    out = suggest_claims(ps, [_group("a.1", "b.1")], [], arts, deps)
    assert {s.status for s in out} == {"unsourced"}
    assert "share one origin" in out[0].reason


def test_a_conflict_makes_both_passages_conflicting() -> None:
    arts, ps = _setup({"a": FACT, "b": FACT.replace("14-month", "16-month")})
    c = Conflict("c1", ConflictKind.NUMBER, "major", ("a.1", "b.1"), (("14-month",),
                 ("16-month",)), "number: 14-month vs 16-month (months)", "g1")
    out = suggest_claims(ps, [_group("a.1", "b.1")], [c], arts, [])
    assert [s.status for s in out] == ["conflicting", "conflicting"]
    assert "14-month vs 16-month" in out[0].reason and "B" in out[0].reason


def test_single_source_without_attribution_is_unsourced_with_it_no_suggestion() -> None:
    arts, ps = _setup({"a": FACT, "b": FACT[:-1] + ", the city transport office said."})
    out = suggest_claims(ps, [], [], arts, [])
    assert [(s.passage_id, s.status) for s in out] == [("a.1", "unsourced")]
    assert out[0].checkworthy >= 0.5


def test_checkworthiness_prefers_factual_claims_over_opinion() -> None:
    claim = "Unemployment fell to 4.2 percent in 2019, the Labor Department said."
    chatter = "I think that's wonderful, thank you so much, folks."
    assert 0.0 <= checkworthiness(chatter) < 0.5 < checkworthiness(claim) <= 1.0
    assert checkworthiness("") == 0.0


def test_a_confirmed_reason_lists_one_entry_per_source_it_counts() -> None:
    # QA pass 2 item 4: "2 independent sources (Metro Tribune, Press Courier, Sydney Herald)"
    arts, ps = _setup({"a": FACT, "b": FACT, "c": FACT})
    deps = [Dependence("c", "b", "wire copy of b", 300)]
    out = suggest_claims(ps, [_group("a.1", "b.1", "c.1")], [], arts, deps)
    reason = out[0].reason
    assert out[0].status == "confirmed" and "2 independent sources" in reason
    assert reason[reason.index("(") + 1 : reason.rindex(")")].split("; ") == [
        "A", "B and C (one origin)"], reason
