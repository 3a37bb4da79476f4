"""Putting a passage into a group by hand: the options offered, and the edit surviving."""

from __future__ import annotations

from pathlib import Path

from factdesk.core.align.regroup import join_edit, match_options, rank_counterparts
from factdesk.core.importing import import_files
from factdesk.core.model import AlignmentGroup, GroupMember, Passage, PassageKind
from factdesk.core.reanalysis import analyse
from factdesk.core.store import Review


def _passages() -> dict[str, Passage]:
    out = {}
    for aid in ("a", "b", "c"):
        for i in (1, 2, 3):
            pid = f"{aid}.{i}"
            out[pid] = Passage(pid, aid, i, 0, 1, "x")
    out["c.4"] = Passage("c.4", "c", 4, 0, 1, "The damage", PassageKind.HEADING)
    return out


# a.1 is a lede in two groups, shown in g1 (its higher member score)
GROUPS = [
    AlignmentGroup("g1", (GroupMember("a.1", 0.9), GroupMember("b.1", 0.8)), 0.8),
    AlignmentGroup("g2", (GroupMember("a.1", 0.4), GroupMember("a.2", 0.9),
                          GroupMember("b.2", 0.9)), 0.8),
]


def test_options_rank_related_places_first_and_leave_out_the_impossible_ones() -> None:
    related = [("b.3", 0.35), ("b.2", 0.2), ("a.2", 0.1)]
    options = match_options("c.1", GROUPS, related, _passages())
    # best related first: the lone passage b.3, then g2 (through b.2), then the rest
    assert [(o.group_id, o.anchor) for o in options[:2]] == [(None, "b.3"), ("g2", "a.2")]
    assert options[1].score == 0.2  # the group's best member counts, and is the one shown
    assert options[1].closest == "b.2"
    rest = [(o.group_id, o.anchor) for o in options[2:]]
    # then groups in order, then lone passages of other articles in reading order; never a
    # passage of c's own article, a heading, or a passage already in a group
    assert rest == [("g1", "a.1"), (None, "a.3")]
    # the join names the members shown in g2 and the passage, so the group is kept as the
    # reviewer chose it; a.1 is shown in g1, so naming it would move it out of there
    assert join_edit("c.1", options[1]) == ["a.2", "b.2", "c.1"]
    assert join_edit("c.1", options[0]) == ["b.3", "c.1"]


def test_lone_passages_of_hidden_articles_are_not_offered() -> None:
    options = match_options("c.1", GROUPS, [], _passages(), hidden={"b"})
    assert "b.3" not in {o.anchor for o in options}
    assert {o.group_id for o in options} == {"g1", "g2", None}  # groups stay offered


def test_a_passage_is_not_offered_the_groups_it_is_in() -> None:
    options = match_options("a.1", GROUPS, [], _passages())
    assert all(o.group_id is None for o in options)
    assert {o.anchor for o in options} == {"b.3", "c.1", "c.2", "c.3"}


def test_a_hand_join_on_the_seeds_is_ranked_stored_and_survives_realignment(
        tmp_path: Path, seed_files: list[Path]) -> None:
    with Review.open(tmp_path / "seeds.factdesk", create=True) as review:
        import_files(review, seed_files)
        passages = {p.id: p for p in review.passages()}
        secret = next(p.id for p in passages.values() if "sworn to secrecy" in p.text)
        private = next(p.id for p in passages.values()
                       if p.text.startswith("Ushakov stressed that the discussions would"))
        groups = review.groups()
        assert not any(secret in g.passage_ids and private in g.passage_ids for g in groups)
        ranked = rank_counterparts(list(passages.values()), private)
        assert {pid for pid, _ in ranked} == {
            pid for pid, p in passages.items()
            if p.article_id != passages[private].article_id}
        assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
        options = match_options(private, groups, ranked, passages)
        members = {g.id: g.passage_ids for g in groups}
        target = next(o for o in options
                      if o.anchor == secret or secret in members.get(o.group_id or "", ()))
        # the reworded counterpart, which shares almost no words with it, is still among
        # the first options the reviewer is offered (11th with the judge of 4 Dec, which
        # reads prose_min; over all the seeds' ungrouped passages benchmarks/regroup_rank.py
        # left 7 outside the first 10 before it and 5 after)
        assert options.index(target) < 12, [(o.group_id, o.anchor) for o in options[:12]]

        review.add_group_edit("join", join_edit(private, target))
        assert review.analysis_stale  # until the analysis has replayed the edit
        analyse(review)
        assert not review.analysis_stale
        together = [g for g in review.groups()
                    if secret in g.passage_ids and private in g.passage_ids]
        assert len(together) == 1
        analyse(review)  # a later recomputation replays the edit
        assert any(secret in g.passage_ids and private in g.passage_ids for g in review.groups())


def test_each_group_is_shown_by_a_passage_of_its_own() -> None:
    """QA2 item 14: ``group options`` listed three groups with one representative passage (a
    lede that sits in all three), so the reviewer could not tell them apart."""
    related = [("a.1", 0.9), ("b.2", 0.2), ("a.2", 0.1)]
    options = {o.group_id: o for o in match_options("c.1", GROUPS, related, _passages())}
    assert options["g1"].closest == "a.1" and options["g2"].closest == "b.2"
    assert options["g2"].score == 0.9  # the lede still ranks the group
