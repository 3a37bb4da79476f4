"""A reviewer's manual changes to alignment groups survive every recomputation."""

from __future__ import annotations

from factdesk.core.model import AlignmentGroup, GroupMember, GroupOrigin, Passage, primary_groups
from factdesk.core.reanalysis import apply_group_edits
from factdesk.core.store import GroupEdit


def passages() -> dict[str, Passage]:
    out = {}
    for aid in ("a", "b", "c"):
        for i in (1, 2):
            pid = f"{aid}.{i}"
            out[pid] = Passage(pid, aid, i, 0, 1, "x")
    return out


AUTO = [
    AlignmentGroup(
        "g1", (GroupMember("a.1", 0.9), GroupMember("b.1", 0.8), GroupMember("c.1", 0.7)), 0.8
    ),
    AlignmentGroup("g2", (GroupMember("a.2", 0.9), GroupMember("b.2", 0.9)), 0.9),
]


def edit(op: str, *pids: str, n: int = 1) -> GroupEdit:
    return GroupEdit(n, op, pids, "2026-01-01T00:00:00")


def test_no_edits_keeps_the_automatic_groups() -> None:
    assert apply_group_edits(AUTO, [], passages()) == AUTO


def test_removing_a_passage_takes_it_out_and_a_lone_passage_is_no_group() -> None:
    result = apply_group_edits(
        AUTO, [edit("remove", "c.1"), edit("remove", "b.2", n=2)], passages()
    )
    assert [g.id for g in result] == ["g1"]
    assert result[0].passage_ids == ["a.1", "b.1"]
    assert result[0].origin == GroupOrigin.MANUAL


def test_joining_makes_a_group_of_exactly_the_named_passages() -> None:
    # a.2 sits in the automatic g2 beside b.2; the reviewer names a.2 and c.2 only (QA: a join
    # of three passages came out as a group of six, its first passage's automatic group)
    result = apply_group_edits(AUTO, [edit("group", "a.2", "c.2")], passages())
    made = [g for g in result if "c.2" in g.passage_ids]
    assert [g.passage_ids for g in made] == [["a.2", "c.2"]]
    assert made[0].origin == GroupOrigin.MANUAL
    assert all("a.2" not in g.passage_ids for g in result if g is not made[0])


def test_a_join_naming_a_group_and_a_passage_keeps_that_group_as_named() -> None:
    # the window's "Align with…" names the group's members and the passage
    result = apply_group_edits(AUTO, [edit("group", "a.2", "b.2", "c.2")], passages())
    assert [g.passage_ids for g in result if "c.2" in g.passage_ids] == [["a.2", "b.2", "c.2"]]


def test_a_reviewers_group_is_the_same_whatever_the_alignment_under_it() -> None:
    # after an added article the alignment puts other passages beside the join's first one;
    # the reviewer's group keeps exactly its members
    later = [AlignmentGroup("g7", (GroupMember("a.2", 0.9), GroupMember("b.1", 0.8),
                                   GroupMember("c.1", 0.8)), 0.8)]
    edits = [edit("group", "a.2", "c.2"), edit("group", "a.2", "b.2", n=2)]
    for auto in (AUTO, later):
        result = apply_group_edits(auto, edits, passages())
        mine = [g.passage_ids for g in result if "a.2" in g.passage_ids]
        assert mine == [["a.2", "b.2", "c.2"]]


def test_splitting_makes_a_group_of_its_own() -> None:
    result = apply_group_edits(AUTO, [edit("split", "b.1", "c.1")], passages())
    ids = {g.id: g.passage_ids for g in result}
    assert "g1" not in ids  # only a.1 was left
    assert ["b.1", "c.1"] in ids.values()


def test_edits_naming_vanished_passages_are_skipped() -> None:
    ps = passages()
    del ps["c.1"]
    result = apply_group_edits(AUTO, [edit("join", "c.1", "a.2")], ps)
    assert {g.id for g in result} == {"g1", "g2"}


# "a.1" is a lede that reports both facts: the alignment put it in g1 and, as a second
# membership with a lower score, in g2.
TWO_FACT_LEDE = [
    AUTO[0],
    AlignmentGroup(
        "g2",
        (GroupMember("a.1", 0.5), GroupMember("a.2", 0.9), GroupMember("b.2", 0.9)),
        0.8,
    ),
]


def test_a_lede_in_two_groups_is_shown_in_the_one_it_fits_best() -> None:
    shown = primary_groups(TWO_FACT_LEDE)
    assert shown["a.1"].id == "g1"
    assert shown["a.2"].id == "g2"


def test_removing_a_two_group_lede_takes_it_out_of_both() -> None:
    result = apply_group_edits(TWO_FACT_LEDE, [edit("remove", "a.1")], passages())
    assert all("a.1" not in g.passage_ids for g in result)
    assert {g.id for g in result} == {"g1", "g2"}


def test_joining_a_two_group_lede_elsewhere_leaves_it_in_that_group_only() -> None:
    result = apply_group_edits(TWO_FACT_LEDE, [edit("group", "a.2", "b.2", "a.1")], passages())
    assert [g.passage_ids for g in result if "a.1" in g.passage_ids] == [["a.1", "a.2", "b.2"]]
    g1 = next(g for g in result if g.id == "g1")
    assert g1.passage_ids == ["b.1", "c.1"]


def test_a_join_on_a_passage_of_a_reviewers_group_grows_that_group() -> None:
    edits = [edit("split", "a.1", "b.2"), edit("group", "a.1", "c.2", n=2)]
    result = apply_group_edits(TWO_FACT_LEDE, edits, passages())
    assert [g.passage_ids for g in result if "a.1" in g.passage_ids] == [["a.1", "b.2", "c.2"]]
    # named second, a passage moves: out of the reviewer's group into the new one
    result = apply_group_edits(TWO_FACT_LEDE, [*edits, edit("group", "b.1", "a.1", n=3)],
                               passages())
    assert sorted(g.passage_ids for g in result if {"a.1", "b.2"} & set(g.passage_ids)) == [
        ["a.1", "b.1"], ["b.2", "c.2"]]


def test_a_date_edit_is_rechecked_without_realigning() -> None:
    from factdesk.core.model import AlignmentGroup, Article, GroupMember, Passage
    from factdesk.core.reanalysis import recheck
    from factdesk.core.store import Review

    review = Review.in_memory()
    texts = {"a": "Envoys met the president in Geneva on Tuesday for five hours.",
             "b": "Envoys met the president in Geneva on Wednesday for five hours."}
    for n, (aid, text) in enumerate(texts.items()):
        review.add_article(Article(aid, f"{aid}.txt", text, str(n) * 64, outlet=aid.upper(),
                                   published="2025-12-04"),
                           [Passage(f"{aid}.1", aid, 0, 0, len(text), text)])
    group = AlignmentGroup("m1", (GroupMember("a.1", 1.0), GroupMember("b.1", 1.0)), 1.0)
    review.replace_analysis([group], [])
    recheck(review)
    assert [c.detail for c in review.conflicts()] == [
        "date: Tuesday (2 Dec) vs Wednesday (3 Dec)"]
    # B appeared on Wednesday 3 Dec: its Wednesday is that day, A's Tuesday still 2 Dec
    review.update_article("b", published="2025-12-03")
    recheck(review)
    assert [c.kind.value for c in review.conflicts()] == ["date"]
    # both appeared a week later: the same words now mean 9 and 10 Dec
    review.update_article("a", published="2025-12-10")
    review.update_article("b", published="2025-12-10")
    recheck(review)
    assert "Tuesday (9 Dec) vs Wednesday (10 Dec)" in review.conflicts()[0].detail
    # the hand-made group is kept as it was: no re-alignment
    assert review.groups() == [group]


# Joins stored as "join" (before 3 Dec) keep their meaning: into the group the first passage is
# shown in, so an older review file realigns as it did (review of 3 Dec, item 4).
def test_an_older_join_moves_a_passage_into_the_first_passages_group() -> None:
    result = apply_group_edits(AUTO, [edit("join", "a.2", "c.2")], passages())
    g2 = next(g for g in result if g.id == "g2")
    assert g2.passage_ids == ["a.2", "b.2", "c.2"]


def test_an_older_join_anchored_on_a_two_group_lede_leaves_its_other_group_alone() -> None:
    # c.1 is already in g1, the lede's shown group: nothing changes
    result = apply_group_edits(TWO_FACT_LEDE, [edit("join", "a.1", "c.1")], passages())
    assert {g.id: g.passage_ids for g in result} == {
        "g1": ["a.1", "b.1", "c.1"], "g2": ["a.1", "a.2", "b.2"]}
    # c.2 joins the lede's shown group; the lede stays in g2 as well
    result = apply_group_edits(TWO_FACT_LEDE, [edit("join", "a.1", "c.2")], passages())
    assert {g.id: g.passage_ids for g in result} == {
        "g1": ["a.1", "b.1", "c.1", "c.2"], "g2": ["a.1", "a.2", "b.2"]}


def test_a_same_fact_answer_never_leaves_a_passage_in_two_of_the_reviewers_groups() -> None:
    """Review of 3 Dec: two exact joins, then "same" about one passage of each; the second
    passage stayed in its own group and joined the first's, two reviewer-made groups."""
    from factdesk.core.store import PairAnswer

    edits = [edit("group", "a.2", "b.2"), edit("group", "c.2", "b.1", n=2),
             PairAnswer(9, "a.2", "c.2", True, "2026-01-01T00:00:09")]
    result = apply_group_edits(AUTO, edits, passages())
    assert [g.passage_ids for g in result if "c.2" in g.passage_ids] == [["a.2", "b.2", "c.2"]]
