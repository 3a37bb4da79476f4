"""A claim's suggestion stands on the claim's own statement (QA pass 3, items 1-3 and 6): its
figure is compared with the same attribute only, a size naming which product is a qualifier
rather than the claim's figure, an outlet is credited only with values its text holds, and
one shared number elsewhere in the story does not confirm a claim that states more.

Every story here is made up for the test (none of the QA files' sentences)."""

from __future__ import annotations

from factdesk.core.check.claimscope import claim_scope
from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.model import AlignmentGroup, Anchor, Article, GroupMember, Passage


def _story(texts: dict[str, list[str]], groups: list[list[str]]):
    """Articles of one or more sentences each ("A.0" is A's first); ``groups``: passage ids
    the aligner filed together; conflicts as the conflict module finds them."""
    articles, passages = {}, {}
    for aid, sentences in texts.items():
        text = " ".join(sentences)
        articles[aid] = Article(aid, f"{aid}.txt", text, aid * 8, published="2026-05-02",
                                outlet=f"Out{aid}")
        for n, s in enumerate(sentences):
            at = text.index(s)
            passages[f"{aid}.{n}"] = Passage(f"{aid}.{n}", aid, n, at, at + len(s), s)
    made = [AlignmentGroup(f"g{n}", tuple(GroupMember(p, 0.9) for p in ids), 0.9)
            for n, ids in enumerate(groups)]
    return articles, passages, made, find_conflicts(made, passages, articles)


def _scope(story, aid: str, words: str):
    articles, passages, groups, conflicts = story
    at = articles[aid].text.index(words)
    return claim_scope(Anchor(aid, at, at + len(words), words), passages, groups, conflicts,
                       articles)


def test_a_depth_is_set_against_the_other_depth_never_a_distance() -> None:
    story = _story({
        "A": ["The landslide began 9 feet south-southeast of the new bridge at a depth of 30 "
              "feet, crews said."],
        "B": ["The landslide began 40 feet north-northwest of the old bridge at a depth of 3 "
              "feet, crews said."],
    }, [["A.0", "B.0"]])
    scope = _scope(story, "A", "at a depth of 30 feet")
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    reasons = " ".join(scope.suggestion[1])
    assert "3 feet vs 30 feet" in reasons
    assert "40 feet" not in reasons


def test_a_size_naming_which_product_is_no_figure_of_a_claim_on_its_price() -> None:
    story = _story({
        "A": ["The shop will ask 899 dollars for the base 12-inch tablet, and more for others."],
        "B": ["The 12-inch tablet starts at 999 dollars, and more for others, the shop said."],
        "C": ["The 14-inch tablet starts at 899 dollars, and more for others, the shop said."],
    }, [["A.0", "B.0", "C.0"]])
    scope = _scope(story, "A", "899 dollars for the base 12-inch tablet")
    assert scope.suggestion is not None and scope.suggestion[0] == "conflicting"
    reasons = " ".join(scope.suggestion[1])
    # the price is the claim's figure, named against the other price of the same tablet
    assert "OutB: number: 999 dollars vs 899 dollars" in reasons
    # the 14-inch tablet is another product: never a disagreement, never a confirmation
    assert "inch" not in reasons and "OutC" not in reasons
    assert "C.0" not in {cp.passage_id for cp in scope.counterparts}
    assert all(c.kind.value != "number" or "inch" not in c.detail for c in scope.conflicts)


def test_a_price_the_figure_reader_leaves_unread_still_keeps_other_sizes_out() -> None:
    # the size names which product the price is of (quantities reads "$649 for the base
    # 10-inch" as a price of the 10-inch; before, it left "$649 for" unread and the size was a
    # qualifier here): either way a passage about another size tells of another product
    story = _story({
        "A": ["The shop will ask $649 for the base 10-inch tablet, and more for others."],
        "B": ["The shop will ask $649 for the 12-inch tablet, and more for others."],
    }, [["A.0", "B.0"]])
    scope = _scope(story, "A", "$649 for the base 10-inch tablet")
    assert scope.suggestion is None or "inch" not in " ".join(scope.suggestion[1])
    assert scope.suggestion is None or scope.suggestion[0] != "conflicting"
    assert [cp.passage_id for cp in scope.counterparts] == []
    assert "B.0" in dict(scope.passed_over)


def test_one_shared_figure_does_not_confirm_what_a_claim_states_of_it() -> None:
    story = _story({
        "A": ["Residents felt the tremor in Dunmore.",
              'The survey office rates 5.3 magnitude as a "moderate" tremor.'],
        "B": ["A magnitude 5.3 tremor shook Dunmore on Sunday."],
        "C": ["The 5.3 magnitude quake woke residents of Pellham."],
        "D": ['The survey office rates the 5.3 magnitude tremor as "moderate", it said.'],
    }, [["A.0", "B.0"]])
    claim = 'The survey office rates 5.3 magnitude as a "moderate" tremor.'
    scope = _scope(story, "A", claim)
    # B and C print the 5.3 and nothing of the rating: no counterparts; D states it
    assert [cp.passage_id for cp in scope.counterparts] == ["D.0"]
    assert scope.suggestion is not None
    assert scope.suggestion[1][0].startswith("Reported by 2 independent sources (OutA, OutD)")
    # a claim that says little beside its figure is still told by the figure alone
    short = _scope(story, "B", "A magnitude 5.3 tremor")
    assert {"C.0", "D.0"} <= {cp.passage_id for cp in short.counterparts}


def test_a_conflict_row_credits_each_outlet_with_the_value_its_own_words_hold() -> None:
    from factdesk.core.model import Conflict, ConflictKind, ConflictSpan

    articles, passages, groups, _ = _story({
        "A": ["The 15-inch laptop starts off at the low end of the range."],
        "B": ["The 13-inch laptop starts off at the low end of the range."],
    }, [["A.0", "B.0"]])
    # a row as a review stores it: the claim's outlet on the first side, the detail reading
    # first side against second
    row = Conflict("c1", ConflictKind.NUMBER, "major", ("A.0", "B.0"),
                   (("15-inch laptop",), ("13-inch laptop",)), "number: 15-inch vs 13-inch",
                   "g0", (("A.0",), ("B.0",)),
                   (ConflictSpan("A.0", 4, 18, "15-inch laptop"),
                    ConflictSpan("B.0", 4, 18, "13-inch laptop")))
    words = "laptop starts off"
    at = articles["A"].text.index(words)
    scope = claim_scope(Anchor("A", at, at + len(words), words), passages, groups, [row],
                        articles)
    assert scope.suggestion is not None
    assert scope.suggestion[1] == ("OutB: number: 13-inch vs 15-inch",)
