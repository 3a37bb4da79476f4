"""Claim-scoped verdicts: a claim's conflicts, counterparts (G evidence) and suggestion follow
from its own words, never from the rest of its sentence's group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.core.check.claimscope import claim_scope
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.model import AlignmentGroup, Anchor, Article, GroupMember, Passage

SEEDS = Path(__file__).resolve().parents[2].parent / "shared/corpus/seeds"

TEXTS = {
    "A": 'The mayor on Thursday said the talks were "very good" and would go on.',
    "B": 'The mayor said on Wednesday the talks were "reasonably good" and would go on.',
    "C": 'The mayor said Wednesday that the talks were "reasonably good" and would go on.',
}


def _story() -> tuple[dict, dict, list, list]:
    articles = {k: Article(k, f"{k}.txt", t, k * 8, published="2026-03-12", outlet=f"Out{k}")
                for k, t in TEXTS.items()}
    passages = {f"{k}.1": Passage(f"{k}.1", k, 1, 0, len(t), t) for k, t in TEXTS.items()}
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    return articles, passages, groups, find_conflicts(groups, passages, articles)


def _anchor(aid: str, words: str) -> Anchor:
    at = TEXTS[aid].index(words)
    return Anchor(aid, at, at + len(words), words)


def test_one_row_per_disagreement_with_every_outlet_on_its_side() -> None:
    _, _, _, conflicts = _story()
    by_kind = {c.kind.value: c for c in conflicts}
    assert set(by_kind) == {"date", "quote_wording"}
    wording = by_kind["quote_wording"]
    assert wording.sides == (("A.1",), ("B.1", "C.1"))
    assert [s.text for s in wording.spans] == ["very", "reasonably", "reasonably"]


def test_a_claim_on_the_quoted_words_carries_the_wording_conflict_only() -> None:
    articles, passages, groups, conflicts = _story()
    scope = claim_scope(_anchor("A", '"very good"'), passages, groups, conflicts, articles)
    assert [c.kind.value for c in scope.conflicts] == ["quote_wording"]
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    assert "OutB" in scope.suggestion[1][0] and "Thursday" not in scope.suggestion[1][0]
    # G brings the counterparts, contradicting by the wording conflict
    assert {(cp.passage_id, cp.relation.value) for cp in scope.counterparts} == {
        ("B.1", "contradicts"), ("C.1", "contradicts")}


def test_a_claim_on_words_all_agree_on_is_confirmed_whatever_the_sentence_says() -> None:
    articles, passages, groups, conflicts = _story()
    scope = claim_scope(_anchor("A", "would go on"), passages, groups, conflicts, articles)
    assert scope.conflicts == ()
    assert scope.suggestion is not None and scope.suggestion[0] == "confirmed"
    assert {cp.relation.value for cp in scope.counterparts} == {"supports"}


def test_a_claim_on_the_weekday_carries_the_date_conflict_only() -> None:
    articles, passages, groups, conflicts = _story()
    scope = claim_scope(_anchor("A", "The mayor on Thursday said"), passages, groups,
                        conflicts, articles)
    assert [c.kind.value for c in scope.conflicts] == ["date"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed corpus is not here")
def test_claims_json_gives_the_very_good_claim_its_conflict_and_no_date(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from factdesk.cli.main import main

    def run(*args: str) -> str:
        capsys.readouterr()
        assert main(list(args)) == 0
        return capsys.readouterr().out

    review = str(tmp_path / "seeds.factdesk")
    run("new", review, *map(str, sorted(SEEDS.glob("*.txt"))))
    ids = {Path(a["path"]).name[:3]: a["id"]
           for a in json.loads(run("info", review, "--json"))["articles"]}
    for file, quote in (("002", '"very good" talk'), ("000", "reasonably good meeting")):
        run("claim", "add", review, "--article", ids[file], "--quote", quote)
    claims = json.loads(run("claims", review, "--json"))["claims"]
    assert len(claims) == 2
    for claim in claims:
        kinds = [c["kind"] for c in claim["conflicts"]]
        assert "quote_wording" in kinds and "date" not in kinds, claim["quote"]
        assert claim["suggestion"]["status"] == "conflicting", claim["suggestion"]
        wording = next(c for c in claim["conflicts"] if c["kind"] == "quote_wording")
        assert len(wording["sides"]) == 2 and wording["spans"]


# --- a claim that gives a figure (issue 15, QA item 3) ------------------------------------------

FIGURES = {
    "A": ["About 2,400 people fled their homes after the flood, the agency said.",
          "Water rose in the old town."],
    "B": ["People fled their homes across the valley after the flood.",
          "Some 2,400 refugees sheltered in schools."],
    "C": ["Around 2,400 people fled to camps on higher ground."],
    "D": ["Flood of 6.2 metres hits Riverton.",
          "The river crested at 6.2 metres on Sunday."],
    "E": ["The river crested at 6.8 metres on Sunday, officials said."],
}


def _figure_story() -> tuple[dict, dict, list, list]:
    articles, passages = {}, {}
    for aid, sentences in FIGURES.items():
        text = " ".join(sentences)
        articles[aid] = Article(aid, f"{aid}.txt", text, aid * 8, published="2026-03-12",
                                outlet=f"Out{aid}")
        for n, s in enumerate(sentences):
            at = text.index(s)
            passages[f"{aid}.{n}"] = Passage(f"{aid}.{n}", aid, n, at, at + len(s), s)
    # the aligner files the fleeing under one fact with a sentence that gives no figure, the
    # 2,400 refugees and the camps apart; the crest heights together, the headline alone
    groups = [AlignmentGroup("g1", (GroupMember("A.0", 0.9), GroupMember("B.0", 0.9)), 0.9),
              AlignmentGroup("g2", (GroupMember("D.1", 0.9), GroupMember("E.0", 0.9)), 0.9)]
    return articles, passages, groups, find_conflicts(groups, passages, articles)


def _figure_anchor(articles: dict, aid: str, words: str) -> Anchor:
    at = articles[aid].text.index(words)
    return Anchor(aid, at, at + len(words), words)


def test_a_claims_figure_is_confirmed_by_the_outlets_that_print_it_wherever_they_are_filed(
) -> None:
    articles, passages, groups, conflicts = _figure_story()
    scope = claim_scope(_figure_anchor(articles, "A", "About 2,400 people fled their homes"),
                        passages, groups, conflicts, articles)
    # B's "People fled their homes" gives no figure; B's 2,400 refugees and C's camps do
    assert {cp.passage_id for cp in scope.counterparts} == {"B.1", "C.0"}
    assert scope.suggestion is not None and scope.suggestion[0] == "confirmed"
    assert "OutC" in scope.suggestion[1][0]


def test_a_claims_figure_disputed_elsewhere_is_never_confirmed() -> None:
    articles, passages, groups, conflicts = _figure_story()
    assert [c.detail for c in conflicts] == ["number: 6.2 metres vs 6.8 metres"]
    scope = claim_scope(_figure_anchor(articles, "D", "Flood of 6.2 metres hits Riverton"),
                        passages, groups, conflicts, articles)
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    assert "OutE" in scope.suggestion[1][0]


# --- QA #15 follow-up: a source giving another value is never dropped -------------------------


def _three(texts: dict[str, str], aid: str, words: str):
    articles = {k: Article(k, f"{k}.txt", t, k * 8, published="2026-03-12", outlet=f"Out{k}")
                for k, t in texts.items()}
    passages = {f"{k}.1": Passage(f"{k}.1", k, 1, 0, len(t), t) for k, t in texts.items()}
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    conflicts = find_conflicts(groups, passages, articles)
    return claim_scope(_figure_anchor(articles, aid, words), passages, groups, conflicts,
                       articles)


@pytest.mark.parametrize("c_text", [
    "The gunman killed 15 people and wounded another 20.",
    "The gunman killed 15 people, the deadliest attack since 2015.",
    # no conflict row is made for a passage on a second attack, yet its value is shown
    "A second attack killed 15 people, police said.",
])
def test_a_counterpart_giving_another_value_contradicts_and_withholds_confirmed(
        c_text: str) -> None:
    scope = _three({"A": "The gunman killed 12 people and wounded 20.",
                    "B": "The gunman killed 12 people and wounded 20.",
                    "C": c_text}, "A", "killed 12 people")
    relations = {cp.passage_id: cp.relation.value for cp in scope.counterparts}
    assert relations == {"B.1": "supports", "C.1": "contradicts"}
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    assert "OutC" in scope.suggestion[1][0] and "15" in scope.suggestion[1][0]


# --- QA pass 2, items 3, 4 and 14: a suggestion stands on the claim's own words ------------


def test_a_source_printing_one_figure_and_another_value_of_the_second_contradicts() -> None:
    # "7.6 and 7.5" against the claim's "7.6 and 7.4": the shared 7.6 confirms nothing. B
    # sits in no group (found by the claim's magnitude), so no conflict row pairs them
    texts = {"A": "Two quakes, measuring 7.6 and 7.4, struck west of the city on Sunday.",
             "B": "Residents fled after the 7.6 and 7.5 magnitude quakes hit on Sunday.",
             "C": "Two quakes, measuring 7.6 and 7.4, struck west of the city on Sunday."}
    articles = {k: Article(k, f"{k}.txt", t, k * 8, published="2026-03-12", outlet=f"Out{k}")
                for k, t in texts.items()}
    passages = {f"{k}.1": Passage(f"{k}.1", k, 1, 0, len(t), t) for k, t in texts.items()}
    groups = [AlignmentGroup("g1", (GroupMember("A.1", 0.9), GroupMember("C.1", 0.9)), 0.9)]
    scope = claim_scope(_figure_anchor(articles, "A", "Two quakes, measuring 7.6 and 7.4"),
                        passages, groups, find_conflicts(groups, passages, articles), articles)
    relations = {cp.passage_id: cp.relation.value for cp in scope.counterparts}
    assert relations == {"B.1": "contradicts", "C.1": "supports"}
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    reason = " ".join(scope.suggestion[1])
    assert "OutB" in reason and "7.5" in reason and "7.4" in reason and "OutC" not in reason


def test_a_group_member_that_prints_none_of_the_claims_words_is_no_counterpart() -> None:
    scope = _three({"A": "Several stories of the Mutiara Hotel collapsed in the main city.",
                    "B": "Part of the Mutiara Hotel collapsed in the main city, witnesses said.",
                    "C": "Doctors treated the wounded at an emergency unit on Sunday."},
                   "A", "Several stories of the Mutiara Hotel collapsed in the main city.")
    assert [cp.passage_id for cp in scope.counterparts] == ["B.1"]
    assert scope.suggestion is not None and "OutC" not in " ".join(scope.suggestion[1])
    assert dict(scope.passed_over) == {"C.1": "prints too few of the claim's words"}


def test_the_reason_names_the_claims_figure_against_each_other_value() -> None:
    # the claim says five; the others say one and four: never "one person vs four people"
    scope = _three({"A": "Five people were killed by the quake on Sunday, officials said.",
                    "B": "One person was killed by the quake on Sunday, officials said.",
                    "C": "Four people were killed by the quake on Sunday, officials said."},
                   "A", "Five people were killed")
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    reasons = scope.suggestion[1]
    assert all("Five people" in r or "five people" in r.lower() for r in reasons), reasons
    assert any("OutB" in r and "One person" in r for r in reasons), reasons
    assert any("OutC" in r and "Four people" in r for r in reasons), reasons
    assert not any(r.startswith("OutA") for r in reasons), reasons


def test_the_other_side_is_never_labelled_with_the_claims_own_outlet_name() -> None:
    texts = {"A": "The quake destroyed seven bridges in the province, officials said.",
             "B": "The quake destroyed nine bridges in the province, officials said."}
    articles = {k: Article(k, f"{k}.txt", t, k * 8, published="2026-03-12",
                           outlet="Asia Report") for k, t in texts.items()}
    passages = {f"{k}.1": Passage(f"{k}.1", k, 1, 0, len(t), t) for k, t in texts.items()}
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    scope = claim_scope(_figure_anchor(articles, "A", "seven bridges"), passages, groups,
                        find_conflicts(groups, passages, articles), articles)
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    assert scope.suggestion[1] == ("Asia Report (2): number: nine bridges vs seven bridges",)


def test_a_confirmed_reason_lists_as_many_entries_as_the_sources_it_counts() -> None:
    from factdesk.core.model import Dependence

    text = "The museum reopened its doors to the public on Sunday morning."
    articles = {k: Article(k, f"{k}.txt", text, k * 8, published="2026-03-12",
                           outlet=f"Out{k}") for k in "ABC"}
    passages = {f"{k}.1": Passage(f"{k}.1", k, 1, 0, len(text), text) for k in "ABC"}
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    wire = [Dependence("C", "B", "wire copy", 60)]
    scope = claim_scope(Anchor("A", 0, len(text), text), passages, groups, [], articles, wire)
    assert scope.suggestion is not None and scope.suggestion[0] == "confirmed"
    reason = scope.suggestion[1][0]
    assert "2 independent sources" in reason
    listed = reason[reason.index("(") + 1 : reason.rindex(")")]
    assert listed.split("; ") == ["OutA", "OutB and OutC (one origin)"], reason


def test_g_on_a_vague_figure_finds_the_passages_that_tell_it() -> None:
    # QA pass 2 item 14: "hundreds injured" is a figure no passage prints exactly; its
    # counterparts are the passages that say hundreds were injured, not nothing
    scope = _three({"A": "Five people were killed and hundreds injured at the weekend.",
                    "B": "Hundreds were injured at the weekend and five people were killed.",
                    "C": "Five people were killed and hundreds injured at the weekend."},
                   "A", "hundreds injured at the weekend")
    assert {cp.passage_id for cp in scope.counterparts} == {"B.1", "C.1"}
    assert scope.suggestion is not None and scope.suggestion[0] == "confirmed"


def test_g_says_which_grouped_passages_it_passed_over_and_why() -> None:
    from factdesk.core.check.claimscope import nothing_to_add

    texts = {"A": "Several stories of the Mutiara Hotel collapsed in the main city.",
             "B": "Doctors treated the wounded at an emergency unit on Sunday."}
    articles = {k: Article(k, f"{k}.txt", t, k * 8, published="2026-03-12", outlet=f"Out{k}")
                for k, t in texts.items()}
    passages = {f"{k}.1": Passage(f"{k}.1", k, 1, 0, len(t), t) for k, t in texts.items()}
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    scope = claim_scope(Anchor("A", 0, len(texts["A"]), texts["A"]), passages, groups, [],
                        articles)
    assert scope.counterparts == ()
    why = nothing_to_add(scope, set(), passages, {"A": "OutA", "B": "OutB"})
    assert "1 passage of another article shares" in why
    assert "OutB: prints too few of the claim's words" in why


def test_a_group_member_printing_another_value_in_other_words_is_a_labelled_contradiction(
        ) -> None:
    # house rule: never "confirmed" while an aligned source prints another value of the
    # claim's figure, even when it tells the claim's other words differently
    scope = _three({"A": "The attack began when two artillery shells landed near the school.",
                    "B": "Two Israeli tank shells struck the school in the camp, witnesses said.",
                    "C": "Three shells hit the school, the UN said on Wednesday."},
                   "A", "two artillery shells")
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    (reason,) = [r for r in scope.suggestion[1] if "OutC" in r]
    assert "Three shells vs two shells" in reason
