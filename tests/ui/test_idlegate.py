"""Worker threads hold back while the GUI thread works (ui/idlegate): what a reviewer would
notice if it went wrong is a Facts tab or a details area that never fills — a worker waiting
for a GUI thread that is itself waiting for the worker — or facts that differ."""

from __future__ import annotations

import threading
import time

from factdesk.core.check.conflicts import find_conflicts
from factdesk.core.check.factsheet import fact_sheet
from factdesk.core.model import AlignmentGroup, Article, GroupMember, Passage
from factdesk.ui import idlegate


def story_inputs(outlets: int = 12, facts: int = 30) -> tuple[object, ...]:
    """A fact sheet's inputs: each outlet reports each fact, one toll in two outlets differs."""
    articles, passages, members = [], {}, {n: [] for n in range(facts)}
    for k in range(outlets):
        aid = f"a{k}"
        sentences = [f"Fact {n}: the flood left {1200 + (k % 2) * 100 * (n % 3)} people "
                     f"homeless in valley {n}." for n in range(facts)]
        text = " ".join(sentences)
        articles.append(Article(aid, f"{aid}.txt", text, aid * 8, outlet=f"Outlet {k}"))
        at = 0
        for n, sentence in enumerate(sentences):
            at = text.index(sentence, at)
            pid = f"{aid}.{n}"
            passages[pid] = Passage(pid, aid, n, at, at + len(sentence), sentence)
            members[n].append(GroupMember(pid, 0.9))
            at += len(sentence)
    groups = [AlignmentGroup(f"g{n}", tuple(m), 0.9) for n, m in members.items()]
    conflicts = find_conflicts(groups, passages, {a.id: a for a in articles})
    return articles, passages, groups, conflicts


def test_a_worker_that_pauses_finishes_while_the_gui_thread_waits_for_it() -> None:
    # the window's close (and the tests) block the GUI thread until a sheet is done: its CPU
    # clock stands still, so the worker must not take that for "busy" and wait on it
    idlegate.install()
    inputs = story_inputs()
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(
        fact_sheet(*inputs, pause=idlegate.pause)))
    worker.start()
    worker.join(60)  # a safety net against a hang, not a timing: the sheet is milliseconds
    assert not worker.is_alive()
    assert out == [fact_sheet(*inputs)]  # the same facts, paused or not


def test_a_worker_that_pauses_still_finishes_while_the_gui_thread_never_rests() -> None:
    # a GUI thread busy for seconds (a big review's panes made turn after turn) must not
    # starve the Facts tab: after a short wait the worker works a little, and so on
    idlegate.install()
    inputs = story_inputs()
    out: list[object] = []

    def work() -> None:
        for _ in range(20):
            out.append(fact_sheet(*inputs, pause=idlegate.pause))

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive() and len(out) < 20:
        spin = time.thread_time() + 0.05
        while time.thread_time() < spin:  # this thread busy, as the GUI thread making panes
            pass
    worker.join(60)
    assert not worker.is_alive()
    assert len(out) == 20
