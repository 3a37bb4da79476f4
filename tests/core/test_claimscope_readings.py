"""A claim is confirmed only by outlets that state its figure and its quotation as the claim
gives them (QA pass 4, item 4): a hedged other value ("almost three hours" for "two hours"),
the bare value for a bound ("an estimated $3 million" for "more than $3 million"), a sentence
that leaves one of the claim's figures out, or another remark of the same speaker is not
counted, and the suggestion names what was left out and why.

Every story here is made up for the test (none of the QA files' sentences)."""

from __future__ import annotations

from test_claimscope_statement import _scope, _story


def _counted(scope) -> set[str]:
    return {cp.passage_id for cp in scope.counterparts}


def test_a_hedged_other_value_does_not_confirm_a_duration() -> None:
    story = _story({
        "A": ["Negotiators talked to the trapper for two hours before he put down the rifle."],
        "B": ["Negotiators talked to the trapper for almost three hours before he put down "
              "the rifle."],
        "C": ["Negotiators talked with the trapper for two hours before he put down the rifle, "
              "deputies said."],
    }, [["A.0", "B.0", "C.0"]])
    scope = _scope(story, "A", story[0]["A"].text)
    assert _counted(scope) == {"C.0"}
    assert scope.suggestion is not None and scope.suggestion[0] == "confirmed"
    reasons = " ".join(scope.suggestion[1])
    assert reasons.startswith("Reported by 2 independent sources (OutA, OutC)")
    # not silent: the outlet left out is named with what it prints
    assert "Not counted: OutB prints almost three hours, not the claim's two hours." in reasons
    # the other way round too: "almost three hours" is not confirmed by "two hours"
    other = _scope(story, "B", "for almost three hours")
    assert "A.0" not in _counted(other) and "C.0" not in _counted(other)


def test_a_sentence_that_leaves_one_of_the_claims_figures_out_does_not_confirm_it() -> None:
    story = _story({
        "A": ["After four hours a 52-year-old woman walked out of the pharmacy."],
        "B": ["A 52-year-old woman walked out of the pharmacy shortly after noon."],
        "C": ["The 52-year-old woman walked out of the pharmacy after four hours."],
    }, [["A.0", "B.0", "C.0"]])
    scope = _scope(story, "A", story[0]["A"].text)
    assert _counted(scope) == {"C.0"}
    assert dict(scope.passed_over)["B.0"] == "does not print the claim's figure (four hours)"
    assert scope.suggestion is not None
    assert "OutB" not in scope.suggestion[1][0]


def test_a_value_does_not_confirm_a_bound_on_it_nor_a_bound_the_value() -> None:
    story = _story({
        "A": ["The insurers put the storm losses at more than $3 million on Monday."],
        "B": ["The insurers put the storm losses at an estimated $3 million on Monday."],
        "C": ["The insurers put the storm losses at over $3 million on Monday, an agent said."],
        "D": ["The insurers put the storm losses at $4.5 million on Monday."],
    }, [["A.0", "B.0", "C.0", "D.0"]])
    scope = _scope(story, "A", story[0]["A"].text)
    # the same bound, and a value inside it, state the claim; the bound's edge does not
    assert _counted(scope) == {"C.0", "D.0"}
    assert scope.suggestion is not None and scope.suggestion[0] == "confirmed"
    assert ("Not counted: OutB prints an estimated $3 million, not the claim's more than "
            "$3 million.") in scope.suggestion[1]
    estimate = _scope(story, "B", story[0]["B"].text)
    assert "A.0" not in _counted(estimate) and "C.0" not in _counted(estimate)


def test_a_quoted_claim_is_confirmed_only_by_the_quotations_words() -> None:
    story = _story({
        "A": ['"This was a cowardly ambush of a ranger," Chief Dana Holt said on Friday.'],
        "B": ['"He hid in a tool shed for an hour," Chief Dana Holt said on Friday.'],
        "C": ['Chief Dana Holt called it "a cowardly ambush of a ranger" on Friday.'],
    }, [["A.0", "B.0", "C.0"]])
    scope = _scope(story, "A", story[0]["A"].text)
    assert _counted(scope) == {"C.0"}
    assert dict(scope.passed_over)["B.0"].startswith("does not print the claim's quotation")
    assert scope.suggestion is not None
    assert scope.suggestion[1][0].startswith("Reported by 2 independent sources (OutA, OutC)")
    # the speaker's other remark alone confirms nothing
    alone = _scope(_story({"A": story[0]["A"].text.split("\n"),
                           "B": story[0]["B"].text.split("\n")}, [["A.0", "B.0"]]),
                   "A", story[0]["A"].text)
    assert alone.suggestion is None


def test_a_headline_quoting_in_single_quotes_is_confirmed_only_by_those_words() -> None:
    story = _story({
        "A": ["'Mayor wants the pier rebuilt': council on Tuesday's storm vote"],
        "B": ["The council met on Tuesday after the storm and the vote was close, the mayor "
              "said."],
        "C": ["The mayor wants the pier rebuilt, the council heard at its storm vote on "
              "Tuesday."],
    }, [["A.0", "B.0", "C.0"]])
    scope = _scope(story, "A", story[0]["A"].text)
    assert "B.0" not in _counted(scope) and "C.0" in _counted(scope)
    assert dict(scope.passed_over).get("B.0", "").startswith(
        "does not print the claim's quotation")
