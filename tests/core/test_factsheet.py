"""The Facts view's table: a row per fact, a column per independent source, each cell states,
disagrees or omits; wire reprints share a column; rows sort three ways."""

from __future__ import annotations

from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.check.factsheet import CellState, fact_sheet
from factdesk.core.model import AlignmentGroup, Article, Dependence, GroupMember, Passage

STORY = {
    "A": ("2026-03-10", ["The bridge closed on Monday after a crack was found.",
                         "Repairs will cost 4.2 million euros."]),
    "B": ("2026-03-09", ["The bridge closed on Monday after a crack was found.",
                         "Repairs will cost 4.5 million euros."]),
    "C": ("2026-03-10", ["Repairs will cost 4.5 million euros, the city said."]),
    "D": ("2026-03-11", ["The bridge closed on Monday after engineers found a crack."]),
}


def _sheet(dependences=()):
    articles, passages = [], {}
    for aid, (date, sentences) in STORY.items():
        text = " ".join(sentences)
        articles.append(Article(aid, f"{aid}.txt", text, aid * 8, published=date,
                                outlet=f"Out{aid}"))
        pos = 0
        for n, s in enumerate(sentences):
            at = text.index(s, pos)
            passages[f"{aid}.{n}"] = Passage(f"{aid}.{n}", aid, n, at, at + len(s), s)
            pos = at + len(s)
    closed = AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in ("A.0", "B.0", "D.0")), 0.9)
    cost = AlignmentGroup("g2", tuple(GroupMember(p, 0.9) for p in ("A.1", "B.1", "C.0")), 0.9)
    groups = [closed, cost]
    conflicts = find_conflicts(groups, passages, {a.id: a for a in articles})
    return fact_sheet(articles, passages, groups, conflicts, dependences)


def test_cells_state_disagree_or_omit() -> None:
    sheet = _sheet()
    assert [c.label for c in sheet.columns] == ["OutA", "OutB", "OutC", "OutD"]
    closed, cost = sheet.rows
    assert [c.state for c in closed.cells] == [CellState.STATES, CellState.STATES,
                                               CellState.OMITS, CellState.STATES]
    assert [c.state for c in cost.cells] == [CellState.DISAGREES, CellState.DISAGREES,
                                             CellState.DISAGREES, CellState.OMITS]
    assert cost.cells[0].words == ("4.2",) and cost.cells[1].words == ("4.5",)
    assert closed.cells[0].wording.startswith("The bridge closed") and closed.cells[0].glyph == "✓"
    assert (closed.sources, closed.conflicts, closed.first) == (3, 0, "2026-03-09")


def test_wire_reprints_share_one_column_and_count_once() -> None:
    sheet = _sheet([Dependence("C", "agency:Wire", "wire", 0),
                    Dependence("B", "agency:Wire", "wire", 0)])
    assert [c.label for c in sheet.columns] == ["OutA", "OutB / OutC", "OutD"]
    cost = sheet.rows[1]
    assert cost.sources == 2 and cost.cells[1].passage_ids == ("B.1", "C.0")


def test_rows_sort_by_sources_conflicts_and_who_reported_first() -> None:
    sheet = _sheet()
    assert [r.group_id for r in sheet.sorted("conflicts")] == ["g2", "g1"]
    assert [r.group_id for r in sheet.sorted("sources")] == ["g1", "g2"]
    assert [r.first for r in sheet.sorted("first")] == ["2026-03-09", "2026-03-09"]


def test_a_lede_carrying_two_facts_never_names_both_rows() -> None:
    """A lede sits in the group of each fact it reports; each row is named by a sentence that
    reports that fact alone, so the reader never sees one sentence as two different facts."""
    lede = "The bridge closed on Monday and repairs will cost 4.2 million euros."
    texts = {"A": [lede], "B": ["The bridge closed on Monday.", "Repairs will cost 4.2 million."]}
    articles, passages = [], {}
    for aid, sentences in texts.items():
        text = " ".join(sentences)
        articles.append(Article(aid, f"{aid}.txt", text, aid * 8, outlet=f"Out{aid}"))
        for n, s in enumerate(sentences):
            at = text.index(s)
            passages[f"{aid}.{n}"] = Passage(f"{aid}.{n}", aid, n, at, at + len(s), s)
    groups = [AlignmentGroup("g1", (GroupMember("A.0", 0.9), GroupMember("B.0", 0.9)), 0.9),
              AlignmentGroup("g2", (GroupMember("A.0", 0.9), GroupMember("B.1", 0.9)), 0.9)]
    sheet = fact_sheet(articles, passages, groups, [])
    assert [r.label for r in sheet.rows] == ["The bridge closed on Monday.",
                                             "Repairs will cost 4.2 million."]
    assert sheet.rows[0].cells[0].wording == lede  # the lede still shows as how A words it
