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
    # the row is worded by OutA's "4.2 million": OutA states it, the 4.5 million sources
    # state it differently
    assert [c.state for c in cost.cells] == [CellState.STATES, CellState.DISAGREES,
                                             CellState.DISAGREES, CellState.OMITS]
    assert cost.label.startswith("Repairs will cost 4.2")
    assert cost.cells[1].words == ("4.5",) and cost.cells[2].words == ("4.5",)
    assert closed.cells[0].wording.startswith("The bridge closed") and closed.cells[0].glyph == "✓"
    assert (closed.sources, closed.conflicts, closed.first) == (3, 0, "2026-03-09")


def test_outlets_quoting_one_agency_keep_their_own_columns() -> None:
    """Two outlets that each quote a news agency are one origin for the source count, but
    neither reprints the other: the table never merges them (QA2 #7: "JV/QN")."""
    quoted = "carries Xinhua: sources quoted to the agency"
    sheet = _sheet([Dependence("C", "agency:Xinhua", quoted, 0),
                    Dependence("B", "agency:Xinhua", quoted, 0)])
    assert [c.label for c in sheet.columns] == ["OutA", "OutB", "OutC", "OutD"]
    assert sheet.rows[1].sources == 2  # B and C still count once


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


def _one_row(texts: dict[str, str]):
    """A one-group sheet: each article one passage, all aligned, conflicts found for real."""
    articles, passages = [], {}
    for aid, text in texts.items():
        articles.append(Article(aid, f"{aid}.txt", text, aid * 8, outlet=f"Out{aid}"))
        passages[f"{aid}.0"] = Passage(f"{aid}.0", aid, 0, 0, len(text), text)
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    conflicts = find_conflicts(groups, passages, {a.id: a for a in articles})
    return fact_sheet(articles, passages, groups, conflicts).rows[0]


def test_the_source_whose_sentence_is_the_fact_is_never_flagged_in_its_row() -> None:
    row = _one_row({"A": "The flood left 1,200 people homeless in the valley.",
                    "B": "The flood left 900 people homeless in the valley.",
                    "C": "The flood left some 1,200 people homeless in the valley."})
    assert row.label.startswith("The flood left 1,200") and row.conflicts == 1
    assert [c.state for c in row.cells] == [CellState.STATES, CellState.DISAGREES,
                                            CellState.STATES]
    assert row.cells[1].words == ("900",)


def test_a_passage_giving_none_of_the_disputed_figures_does_not_state_the_fact() -> None:
    row = _one_row({"A": "The flood left 1,200 people homeless in the valley.",
                    "B": "The flood hit the valley hard, officials said.",
                    "C": "About 1,200 people were left homeless by the flood.",
                    "D": "The flood left 700 people homeless in the valley."})
    assert [c.state for c in row.cells] == [CellState.STATES, CellState.OMITS,
                                            CellState.STATES, CellState.DISAGREES]
    assert row.cells[1].passage_ids == ("B.0",)  # still attached for the reader


def test_a_passage_giving_the_facts_figure_another_value_does_not_state_it() -> None:
    # timed differently is no proof of another tremor: the distances disagree (QA #15 item 3),
    # and so do the times of day, which are read as times since
    row = _one_row({"A": "The tremor struck at 7:50 a.m., 75 kilometers west of Portville.",
                    "B": "The tremor struck at 4:40 a.m., 130 kilometers from Portville.",
                    "C": "The tremor hit the coast near Portville, officials said."})
    assert row.conflicts == 2
    assert [c.state for c in row.cells] == [CellState.STATES, CellState.DISAGREES,
                                            CellState.OMITS]
    # told of a second tremor, no conflict is made, yet the other value is shown, not "—"
    row = _one_row({"A": "The tremor struck at 7:50 a.m., 75 kilometers west of Portville.",
                    "B": "A second tremor struck 130 kilometers from Portville at 4:40 a.m.",
                    "C": "The tremor hit the coast near Portville, officials said."})
    assert row.conflicts == 0
    assert [c.state for c in row.cells] == [CellState.STATES, CellState.DISAGREES,
                                            CellState.STATES]
    assert row.cells[1].words == ("130 kilometers", "4:40 a.m.")


def test_a_source_giving_another_value_of_the_rows_figure_shows_it() -> None:
    # QA #15: "since 2015" elsewhere in C's sentence once made its 15 a "—"
    row = _one_row({"A": "The fire killed 12 people, officials said.",
                    "B": "The fire killed 12 people, officials said.",
                    "C": "The fire killed 15 people, the deadliest blaze since 2015."})
    assert [c.state for c in row.cells] == [CellState.STATES, CellState.STATES,
                                            CellState.DISAGREES]
    assert row.cells[2].words == ("15",)


def _story(texts: dict[str, list[str]]):
    """Articles and passages of one sentence list per outlet."""
    articles, passages = [], {}
    for aid, sentences in texts.items():
        text = " ".join(sentences)
        articles.append(Article(aid, f"{aid}.txt", text, aid * 8, outlet=f"Out{aid}"))
        pos = 0
        for n, s in enumerate(sentences):
            at = text.index(s, pos)
            passages[f"{aid}.{n}"] = Passage(f"{aid}.{n}", aid, n, at, at + len(s), s)
            pos = at + len(s)
    return articles, passages


def test_no_two_rows_read_the_same_sentence() -> None:
    """A reprint repeats another outlet's sentence word for word; two facts it sits under are
    still named by two different sentences (QA2 #11: rows 1 and 2 of the PDF read alike)."""
    lede = "The bridge closed on Monday and repairs will cost 4.2 million euros."
    articles, passages = _story({"A": [lede], "C": [lede],
                                 "B": ["The bridge closed on Monday, repairs cost millions."]})
    groups = [AlignmentGroup("g1", (GroupMember("A.0", 0.9), GroupMember("B.0", 0.9)), 0.9),
              AlignmentGroup("g2", (GroupMember("C.0", 0.9), GroupMember("B.0", 0.9)), 0.9)]
    sheet = fact_sheet(articles, passages, groups, [])
    labels = [r.label for r in sheet.rows]
    assert len(set(labels)) == len(labels) == 2


def test_a_cell_is_flagged_only_for_the_rows_own_figure() -> None:
    """Two outlets disputing how many were injured do not disagree with a row that says how
    many died: under that row both state the fact, no "⚠ 40" (QA2 #11: "⚠ five" on the
    2004-tsunami row). A source giving another toll still disagrees."""
    articles, passages = _story({
        "A": ["The quake killed five people in the city."],
        "B": ["The quake killed five people in the city and injured 40 others."],
        "C": ["The quake killed five people in the city and injured 300 others."],
        "D": ["The quake killed nine people in the city."],
    })
    groups = [AlignmentGroup("g1", tuple(GroupMember(p, 0.9) for p in passages), 0.9)]
    conflicts = find_conflicts(groups, passages, {a.id: a for a in articles})
    assert any("40 others" in " ".join(w for side in c.words for w in side) for c in conflicts)
    row = fact_sheet(articles, passages, groups, conflicts).rows[0]
    assert row.label == "The quake killed five people in the city."
    states = [c.state for c in row.cells]
    assert states == [CellState.STATES, CellState.STATES, CellState.STATES, CellState.DISAGREES]
    assert row.cells[3].words == ("nine",)
