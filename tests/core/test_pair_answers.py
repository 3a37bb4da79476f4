"""The review learns from its reviewer: "same fact?" answers are stored, survive re-alignment
and reopening, are never overridden by the alignment, and teach it about the rest of the
story; joins, splits and removes count as labelled pairs too."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from factdesk.cli.main import EXIT_FAILED, main
from factdesk.core.align.groups import ScoredPairs, group_scored, score_pairs
from factdesk.core.align.judge import JUDGE_FEATURES
from factdesk.core.align.learn import implied_answers
from factdesk.core.importing import import_files
from factdesk.core.model import AlignmentGroup, GroupMember, Passage, PassageKind
from factdesk.core.read.ingest import read_article
from factdesk.core.read.segment import split_passages
from factdesk.core.reanalysis import analyse, decided_pairs, replay_decisions
from factdesk.core.store import GroupEdit, PairAnswer, Review


@pytest.fixture
def seeds(tmp_path: Path, seed_files: list[Path]) -> Path:
    path = tmp_path / "seeds.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, seed_files)
    return path


def together(review: Review, a: str, b: str) -> bool:
    return any(a in g.passage_ids and b in g.passage_ids for g in review.groups())


def test_a_no_splits_a_pair_the_judge_linked_and_survives_realigning_and_reopening(
        seeds: Path) -> None:
    with Review.open(seeds) as review:
        group = max(review.groups(), key=lambda g: len(g.members))
        a, b = group.passage_ids[0], group.passage_ids[1]
        assert together(review, a, b)
        review.answer_pair(b, a, False)  # either order: one pair
        assert review.analysis_stale  # the answer waits for an alignment
        analyse(review)
        assert not together(review, a, b)
        assert not review.analysis_stale
        analyse(review)  # again, as after adding an article
        assert not together(review, a, b)
    with Review.open(seeds) as review:
        [answer] = review.pair_answers()
        assert (answer.passage_a, answer.passage_b, answer.same) == (min(a, b), max(a, b), False)
        assert not together(review, a, b)


def test_a_yes_joins_a_pair_the_judge_left_apart_and_undo_puts_it_back(seeds: Path) -> None:
    with Review.open(seeds) as review:
        question = review.pair_questions()[0]
        a, b = question.passage_a, question.passage_b
        before = together(review, a, b)
        previous, _answer = review.answer_pair(a, b, not before)
        assert previous is None
        analyse(review)
        assert together(review, a, b) is (not before)
        assert (a, b) not in {(q.passage_a, q.passage_b) for q in review.pair_questions()}
        review.restore_pair_answer(a, b, previous)  # undo
        assert review.pair_answers() == []
        analyse(review)
        assert together(review, a, b) is before


def test_answering_again_replaces_the_answer_and_undo_restores_the_first(seeds: Path) -> None:
    with Review.open(seeds) as review:
        q = review.pair_questions()[0]
        _, first = review.answer_pair(q.passage_a, q.passage_b, True)
        replaced, second = review.answer_pair(q.passage_a, q.passage_b, False)
        assert replaced == first and [a.same for a in review.pair_answers()] == [False]
        review.restore_pair_answer(q.passage_a, q.passage_b, replaced)
        assert review.pair_answers() == [first]
        assert second.id != first.id


def test_an_answer_about_a_passage_and_itself_is_refused(seeds: Path) -> None:
    with Review.open(seeds) as review:
        pid = review.passages()[0].id
        with pytest.raises(ValueError):
            review.answer_pair(pid, pid, True)
        assert review.pair_answers() == []


def test_questions_are_unsure_pairs_each_passage_once_and_answers_leave_the_queue(
        seeds: Path) -> None:
    with Review.open(seeds) as review:
        asked = review.pair_questions()
        assert len(asked) >= 10
        probabilities = [q.probability for q in asked]
        assert all(0.05 < p < 0.75 for p in probabilities)  # neither sure link nor sure miss
        seen = [pid for q in asked for pid in (q.passage_a, q.passage_b)]
        assert len(seen) == len(set(seen))
        by_id = {p.id: p for p in review.passages()}
        assert all(by_id[q.passage_a].article_id != by_id[q.passage_b].article_id
                   for q in asked)
        review.answer_pair(asked[0].passage_a, asked[0].passage_b, False)
        assert review.pair_questions()[0] == asked[1]  # answered: gone at once


def test_the_answers_move_unanswered_pairs_too(seeds: Path) -> None:
    """The refit is per story: after answers, pairs nobody answered get new probabilities."""
    with Review.open(seeds) as review:
        facts = [p for p in review.passages() if p.kind != PassageKind.HEADING]
        scored = score_pairs(facts)
        assert scored is not None
        before = group_scored(scored, {})
        # both kinds: answers of one kind only leave the judge as it is (see learn.refit)
        labels = {(q[0], q[1]): k % 3 == 0 for k, q in enumerate(before.questions[:8])}
        after = group_scored(scored, labels)
    old = {(a, b): p for a, b, p in before.questions}
    new = {(a, b): p for a, b, p in after.questions}
    moved = [k for k in old.keys() & new.keys() if abs(old[k] - new[k]) > 0.01]
    assert moved, "eight answers changed no other pair's probability"
    assert not labels.keys() & new.keys()  # answered pairs are never asked again
    no_only = group_scored(scored, dict.fromkeys(labels, False))
    assert all(abs(old[k] - p) < 1e-9 for a, b, p in no_only.questions
               if (k := (a, b)) in old)


def test_answers_keep_groups_the_same_whatever_order_the_files_come_in(
        seed_files: list[Path]) -> None:
    by_article = [[p for p in split_passages(read_article(path))
                   if p.kind != PassageKind.HEADING] for path in seed_files]
    passages = [p for ps in by_article for p in ps]
    scored = score_pairs(passages)
    assert scored is not None
    first = group_scored(scored, {})
    labels = {(a, b): k % 2 == 0 for k, (a, b, _p) in enumerate(first.questions[:10])}
    expected = {frozenset(g.passage_ids) for g in group_scored(scored, labels).groups}
    for order in (by_article[::-1], random.Random(1).sample(by_article, len(by_article))):
        other = score_pairs([p for ps in order for p in ps])
        got = {frozenset(g.passage_ids) for g in group_scored(other, labels).groups}
        assert got == expected


# ------------------------------------------------------------------ wire copies
def _wire_story(pairs: list[tuple[int, int, float]]) -> ScoredPairs:
    """Four one-passage articles ``a0`` … ``a3`` with the judge's probabilities given per pair;
    ``a0`` and ``a2`` print one wire sentence (character cosine 0.97, 15 words each)."""
    passages = [Passage(f"a{k}:0", f"a{k}", 0, 0, 10, f"text {k}") for k in range(4)]
    i = np.array([a for a, _b, _p in pairs])
    j = np.array([b for _a, b, _p in pairs])
    x = np.zeros((len(pairs), len(JUDGE_FEATURES)))
    x[:, JUDGE_FEATURES.index("words_min")] = 15
    x[:, JUDGE_FEATURES.index("char")] = [0.97 if (a, b) == (0, 2) else 0.2
                                          for a, b, _p in pairs]
    return ScoredPairs(passages, [(k, 0, 0) for k in range(4)], np.arange(4), i, j,
                       np.array([p for _a, _b, p in pairs]), x, [])


def _together(groups: list[AlignmentGroup], a: str, b: str) -> bool:
    return any(a in g.passage_ids and b in g.passage_ids for g in groups)


def test_a_yes_on_a_passage_also_joins_its_wire_copy() -> None:
    """The judge put the wire copy ``a2`` with ``a3``; the reviewer says ``a1`` reports the
    same fact as ``a0``: then ``a1`` is the fact of ``a0``'s copy too, and one group holds all."""
    story = _wire_story([(0, 1, 0.2), (0, 2, 0.85), (1, 2, 0.05), (0, 3, 0.2), (1, 3, 0.05),
                         (2, 3, 0.95)])
    groups = group_scored(story, {("a0:0", "a1:0"): True}).groups
    assert _together(groups, "a1:0", "a2:0")
    # the reviewer's own word about the copy stands against what the copy implies
    groups = group_scored(story, {("a0:0", "a1:0"): True, ("a1:0", "a2:0"): False}).groups
    assert _together(groups, "a0:0", "a1:0") and not _together(groups, "a1:0", "a2:0")


def test_a_no_on_a_passage_also_keeps_it_from_its_wire_copy() -> None:
    """The judge links ``a1`` most to the copy ``a2``; after the reviewer's "not the same fact"
    about ``a0`` and ``a1``, ``a1`` does not end up beside the same sentence in ``a2``."""
    story = _wire_story([(0, 1, 0.6), (0, 2, 0.8), (1, 2, 0.9), (0, 3, 0.05), (1, 3, 0.05),
                         (2, 3, 0.05)])
    assert _together(group_scored(story, {}).groups, "a1:0", "a2:0")
    groups = group_scored(story, {("a1:0", "a0:0"): False}).groups
    assert not _together(groups, "a1:0", "a2:0") and _together(groups, "a0:0", "a2:0")


def test_only_long_near_copies_carry_an_answer_and_two_answers_that_disagree_settle_none() -> None:
    art = np.arange(4)
    i, j = np.array([0, 1, 0]), np.array([2, 3, 1])  # 0 and 2 alike, 1 and 3 alike
    x = np.zeros((3, len(JUDGE_FEATURES)))
    x[:, JUDGE_FEATURES.index("char")] = [0.97, 0.97, 0.3]
    x[:, JUDGE_FEATURES.index("words_min")] = [15, 3, 15]  # 1 and 3: alike, but a fragment
    assert implied_answers(i, j, art, x, {(0, 1): True}) == {(1, 2): True}
    x[1, JUDGE_FEATURES.index("words_min")] = 15  # now 1 and 3 are copies too
    assert implied_answers(i, j, art, x, {(0, 1): False}) == {
        (1, 2): False, (0, 3): False, (2, 3): False}
    # "same" for 0-1 and "not same" for their copies 2-3 say opposite things of 0-3 and 1-2:
    # those are left to the judge
    assert implied_answers(i, j, art, x, {(0, 1): True, (2, 3): False}) == {}


# ------------------------------------------------------------------ group edits as labels
def _passages() -> dict[str, Passage]:
    return {f"{a}.{i}": Passage(f"{a}.{i}", a, i, 0, 1, "x") for a in "abc" for i in (1, 2)}


AUTO = [AlignmentGroup("g1", (GroupMember("a.1", 0.9), GroupMember("b.1", 0.8),
                              GroupMember("c.1", 0.7)), 0.8),
        AlignmentGroup("g2", (GroupMember("a.2", 0.9), GroupMember("b.2", 0.9)), 0.9)]


def test_joins_splits_and_removes_are_labelled_pairs() -> None:
    edits = [GroupEdit(1, "remove", ("c.1",), "2026-01-01T00:00:00"),
             GroupEdit(2, "group", ("a.2", "c.2"), "2026-01-01T00:00:01")]
    labels = decided_pairs(AUTO, edits, [], _passages())
    assert labels[("a.1", "c.1")] is False and labels[("b.1", "c.1")] is False
    assert labels[("a.2", "c.2")] is True
    # a join is a group of the passages it names: b.2 beside a.2 was not named
    assert ("a.1", "b.1") not in labels and ("b.2", "c.2") not in labels


def test_the_later_decision_about_a_pair_wins() -> None:
    join = GroupEdit(1, "join", ("a.2", "c.2"), "2026-01-01T00:00:00")
    no = PairAnswer(1, "a.2", "c.2", False, "2026-01-01T00:00:05")
    groups = replay_decisions(AUTO, [join], [no], _passages())
    assert not any({"a.2", "c.2"} <= set(g.passage_ids) for g in groups)
    early_no = PairAnswer(1, "a.2", "c.2", False, "2025-12-31T00:00:00")
    groups = replay_decisions(AUTO, [join], [early_no], _passages())
    assert any({"a.2", "c.2"} <= set(g.passage_ids) for g in groups)


def test_a_yes_about_two_lone_passages_makes_a_group_and_a_no_takes_the_weaker_out() -> None:
    yes = PairAnswer(1, "a.2", "c.2", True, "2026-01-01T00:00:00")
    no = PairAnswer(2, "a.1", "c.1", False, "2026-01-01T00:00:00")
    groups = {frozenset(g.passage_ids) for g in replay_decisions(
        [AUTO[0]], [], [yes, no], _passages())}
    assert groups == {frozenset({"a.2", "c.2"}), frozenset({"a.1", "b.1"})}


# ------------------------------------------------------------------ the command line
def test_the_command_line_lists_questions_and_takes_answers(seeds: Path, capsys) -> None:
    assert main(["questions", str(seeds), "--json", "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["questions"]) == 3 and out["left"] >= 3
    q = out["questions"][0]
    assert q["a"]["outlet"] and q["b"]["text"]
    assert main(["answer", str(seeds), q["passage_a"], q["passage_b"], "yes"]) == 0
    with Review.open(seeds) as review:
        assert together(review, q["passage_a"], q["passage_b"])
        assert [a.same for a in review.pair_answers()] == [True]
    assert main(["answer", str(seeds), q["passage_a"], q["passage_b"], "forget"]) == 0
    assert main(["answer", str(seeds), q["passage_a"], "nope", "no"]) == EXIT_FAILED
    assert "no passage 'nope'" in capsys.readouterr().err
    with Review.open(seeds) as review:
        assert review.pair_answers() == []


def test_the_queue_asks_first_what_would_change_the_groups_most() -> None:
    """Two pairs equally unsure: the one that would join two groups of three outlets comes
    before the one between two lone passages; each passage is asked about once."""
    import numpy as np

    from factdesk.core.align.learn import questions_by_impact

    i = np.array([6, 0, 0])  # row 0: two lone passages, row 1: across the two groups
    j = np.array([7, 3, 7])
    p = np.array([0.29, 0.27, 0.9])  # row 0 is even a little closer to the threshold
    clusters = [[0, 1, 2], [3, 4, 5]]
    assert questions_by_impact(p, i, j, 0.3, clusters) == [1, 0]  # row 2: sure, not asked
    assert questions_by_impact(p, i, j, 0.3, clusters, asked={1}) == [0]


def test_answers_and_questions_on_a_shared_server_review(seeds: Path, server_url: str) -> None:
    """A desk's review on PostgreSQL keeps answers and questions as a file does: pushed with
    the review, answered there (one transaction, marking the alignment out of date), and
    learned from by its re-alignment."""
    from factdesk.core.store.transfer import push

    with Review.open(seeds) as review:
        q = review.pair_questions()
        review.answer_pair(q[0].passage_a, q[0].passage_b, False)
        analyse(review)
        push(review, server_url, reviewer="ann")
    with Review.open(server_url) as shared:
        assert [a.same for a in shared.pair_answers()] == [False]
        assert shared.pair_questions_stored and shared.pair_questions()
        a, b = q[1].passage_a, q[1].passage_b
        previous, answer = shared.answer_pair(a, b, True)
        assert previous is None and answer.same and shared.analysis_stale
        analyse(shared)
        assert together(shared, a, b) and not together(shared, q[0].passage_a, q[0].passage_b)
        shared.restore_pair_answer(a, b, None)
        assert [x.same for x in shared.pair_answers()] == [False]


def test_questions_on_a_review_aligned_by_an_older_factdesk_ask_for_a_realign(
        seeds: Path, capsys) -> None:
    """No stored questions is not "none left": the terminal says what to do, as the queue."""
    with Review.open(seeds) as review:
        review.set_meta("pair_questions_stored", "0")  # as a review aligned before format 6
    assert main(["questions", str(seeds)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"factdesk realign {seeds}" in err and "0 questions left" not in err
    assert main(["realign", str(seeds)]) == 0
    capsys.readouterr()
    assert main(["questions", str(seeds), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["left"] >= 1


def test_questions_leave_out_hidden_articles_as_the_window_does(seeds: Path, capsys) -> None:
    assert main(["questions", str(seeds), "--json", "--limit", "0"]) == 0
    before = json.loads(capsys.readouterr().out)
    with Review.open(seeds) as review:
        by_id = {p.id: p.article_id for p in review.passages()}
        hidden = by_id[before["questions"][0]["passage_a"]]
        review.update_article(hidden, hidden=1)
    assert main(["questions", str(seeds), "--json", "--limit", "0"]) == 0
    after = json.loads(capsys.readouterr().out)
    about = {by_id[q[k]] for q in after["questions"] for k in ("passage_a", "passage_b")}
    assert hidden not in about and after["questions"]
    assert after["left"] == len(after["questions"]) < before["left"]


def test_an_answer_settles_a_dispute_whose_side_came_from_a_clock_running_ahead() -> None:
    """#15 part 4: a disputed pair is open until an answer newer than both sides. A side
    stamped by a machine whose clock runs ahead (or given within the same second) left the
    reviewer's answer "older", so the pair stayed disputed and was asked again; the answer is
    the settlement, and undoing it opens the dispute again."""
    from factdesk.core.model import Article
    from factdesk.core.store import PairDispute

    with Review.in_memory() as review:
        for aid, text in (("a", "The bridge reopened on Monday."),
                          ("b", "The bridge was reopened on Monday.")):
            review.add_article(Article(aid, f"{aid}.txt", text, aid),
                               [Passage(f"{aid}.1", aid, 1, 0, len(text), text)])
        ahead = "2999-01-01T10:00:00+00:00"
        review.dispute_pair([PairDispute(0, "a.1", "b.1", True, "2026-03-01T10:00:00+00:00",
                                         "ana.factdesk"),
                             PairDispute(0, "a.1", "b.1", False, ahead, "ben.factdesk")])
        assert list(review.open_pair_disputes()) == [("a.1", "b.1")]
        previous, settled = review.answer_pair("b.1", "a.1", False)
        assert previous is None and settled.created_at > ahead
        assert review.open_pair_disputes() == {}
        assert len(review.pair_disputes()) == 2  # both sides stay on record
        review.restore_pair_answer("a.1", "b.1", previous)  # undo
        assert list(review.open_pair_disputes()) == [("a.1", "b.1")]
