"""The stored alignment is never silently stale: a generation counter says which state of the
review it was computed from, an analysis that read an older state re-runs instead of
overwriting a newer one, and concurrent ``add`` / ``remove`` / group edits from several
``factdesk`` processes end with the alignment of the review as it is.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from test_kill_each_statement import SEEDS, cli, info

from factdesk.core.importing import import_files
from factdesk.core.model import AlignmentGroup, GroupMember
from factdesk.core.reanalysis import MAX_ATTEMPTS, AnalysisKeptChanging, analyse
from factdesk.core.store import AnalysisOutdated, Review
from factdesk.core.store.schema import MIGRATIONS


@pytest.fixture
def seeds() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.fail(f"the shared seed corpus is missing: {SEEDS}")
    return sorted(SEEDS.glob("*.txt"))


def groups_as_sets(review: Review) -> set[frozenset[str]]:
    return {frozenset(m.passage_id for m in g.members) for g in review.groups()}


def fresh_groups(path: Path, tmp: Path) -> set[frozenset[str]]:
    """What a full analysis of the review as it is now stores (on a copy)."""
    copy = tmp / f"fresh-{path.name}"
    with Review.open(path, backup=False) as review:
        review.backup_to(copy)
    with Review.open(copy, backup=False) as review:
        analyse(review)
        return groups_as_sets(review)


def test_every_change_to_what_is_aligned_bumps_the_generation(seeds, tmp_path) -> None:
    with Review.open(tmp_path / "g.factdesk", create=True) as review:
        import_files(review, seeds[:2])
        assert not review.analysis_stale
        start = review.generation
        a, b = review.articles()
        review.update_article(a.id, hidden=1)  # only what is shown: the alignment holds
        review.move_article(b.id, 0)
        assert review.generation == start and not review.analysis_stale
        review.update_article(a.id, published="2025-01-01")  # re-checked, not re-aligned
        assert review.generation == start and not review.analysis_stale
        with review.transaction() as db:  # a new version of a web article changes its text
            db.execute("update articles set text = text || ' ' where id = ?", [a.id])
        assert review.generation == start + 1 and review.analysis_stale
        analyse(review)
        edit = review.add_group_edit("remove", [review.passages(a.id)[0].id])
        assert review.analysis_stale
        analyse(review)
        review.remove_group_edit(edit.id)
        assert review.analysis_stale
        review.remove_article(b.id)
        assert review.generation == start + 4 and review.analysis_stale


def test_an_older_analysis_is_refused_and_stores_nothing(seeds, tmp_path) -> None:
    with Review.open(tmp_path / "o.factdesk", create=True) as review:
        import_files(review, seeds[:2])
        before = review.groups()
        read_at = review.generation
        pid = review.passages()[0].id
        review.add_group_edit("remove", [pid])
        stale = AlignmentGroup("g9", (GroupMember(pid, 1.0), GroupMember("x", 1.0)), 1.0)
        with pytest.raises(AnalysisOutdated):
            review.replace_analysis([stale], generation=read_at)
        assert review.groups() == before and review.analysis_stale


def test_an_edit_made_while_aligning_is_in_the_stored_result(seeds, tmp_path) -> None:
    """The window's case: a group edit lands (another connection) while a re-alignment runs.
    The analysis that read the review before the edit must not store groups without it."""
    path = tmp_path / "w.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, seeds[:3])
        grouped = review.groups()[0].members[0].passage_id
    edited = []

    def progress(done: int, total: int, message: str = "") -> None:
        if not edited:
            with Review.open(path, backup=False) as other:
                other.add_group_edit("remove", [grouped])
            edited.append(grouped)

    with Review.open(path, backup=False) as review:
        analyse(review, progress=progress)
        assert edited and not review.analysis_stale
        assert all(grouped not in g for g in groups_as_sets(review))


def test_a_review_that_never_stops_changing_is_left_out_of_date(seeds, tmp_path) -> None:
    path = tmp_path / "busy.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, seeds[:2])
        pid = review.passages()[0].id
    calls = []

    def progress(done: int, total: int, message: str = "") -> None:
        calls.append(done)  # another window saves an edit at every step of every attempt
        with Review.open(path, backup=False) as other:
            other.add_group_edit("remove", [pid])

    with Review.open(path, backup=False) as review:
        with pytest.raises(AnalysisKeptChanging, match="realign"):
            analyse(review, progress=progress)
        assert review.analysis_stale
    assert info(path)["alignment_out_of_date"]
    assert len(calls) >= MAX_ATTEMPTS


def test_a_stale_v2_review_stays_stale_after_the_migration(seeds, tmp_path) -> None:
    path = tmp_path / "v2.factdesk"
    later = MIGRATIONS[2:]
    del MIGRATIONS[2:]
    try:
        import factdesk.core.store.review as review_module

        saved, review_module.SCHEMA_VERSION = review_module.SCHEMA_VERSION, 2
        try:
            with Review.open(path, create=True) as review:
                import_files(review, seeds[:2], realign=False)
                review.set_meta("analysis_stale", "1")  # what a v2 factdesk wrote
        finally:
            review_module.SCHEMA_VERSION = saved
    finally:
        MIGRATIONS.extend(later)
    assert info(path)["alignment_out_of_date"]
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("select name from sqlite_master where type='trigger'")}
    assert "generation_articles_insert" in names


def _paused_add(path: Path, article: Path, pause: Path) -> subprocess.Popen:
    """``factdesk add`` that holds, once, after its analysis read the review (the snapshot ends
    with the group edits) and before it opens the transaction that stores the result: the
    moment at which another command's commit makes that result old."""
    from test_kill_each_statement import SQLKILL, factdesk_command

    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    env["FACTDESK_REVIEWER"] = "race-test"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SQLKILL), env.get("PYTHONPATH")]))
    env |= {"FACTDESK_PAUSE_FILE": str(pause), "FACTDESK_PAUSE_AFTER": "from group_edits",
            "FACTDESK_PAUSE_AT": "BEGIN IMMEDIATE"}
    return subprocess.Popen([*factdesk_command(), "add", str(path), str(article)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)


def _wait_for(flag: Path, proc: subprocess.Popen) -> None:
    """Until the paused command says it holds (the loop only guards against a hang)."""
    for _ in range(6000):
        if flag.exists() or proc.poll() is not None:
            break
        time.sleep(0.02)
    assert flag.exists(), f"the add never reached its analysis: {proc.communicate()}"


@pytest.mark.parametrize("meanwhile", ["remove and join", "add and realign"])
def test_concurrent_add_remove_and_group_edits_end_current(seeds, tmp_path, meanwhile) -> None:
    """Three ``factdesk`` processes on one review, as users run them: an ``add`` has read the
    review for its alignment when a ``remove`` and a ``group join``, or another ``add`` and a
    ``realign``, commit theirs. None fails, and the review ends with the alignment a fresh
    analysis of its final state gives — without the generation check the held ``add`` stores
    groups of the removed article (a foreign key error, exit 2) or groups without the other
    ``add``'s article, marked current.

    The interleaving is forced (the ``add`` holds at that moment until the others are done:
    tests/reliability/sqlkill), not left to the scheduler, so the test fails every time the
    check is missing rather than now and then."""
    path = tmp_path / "race.factdesk"
    made = cli("new", str(path), *map(str, seeds[:3]))
    assert made.returncode == 0, made.stderr
    with Review.open(path, backup=False) as review:
        victim = review.articles()[1].id
        keep = [review.passages(a.id)[-1].id for a in review.articles() if a.id != victim]
    others = ([["remove", str(path), victim], ["group", "join", str(path), *keep]]
              if meanwhile == "remove and join"
              else [["add", str(path), str(seeds[4])], ["realign", str(path)]])
    pause = tmp_path / "go"
    held = _paused_add(path, seeds[3], pause)
    _wait_for(Path(f"{pause}.paused"), held)
    for args in others:
        done = cli(*args)
        assert done.returncode == 0, done.stderr
    pause.touch()
    _out, err = held.communicate(timeout=300)
    assert held.returncode == 0, err
    assert "Traceback" not in err
    assert not info(path)["alignment_out_of_date"]
    with Review.open(path, backup=False) as review:
        stored = groups_as_sets(review)
        assert review.integrity_ok()
        in_a_group = {p for g in stored for p in g}
        # every article the review holds is aligned (none left out by an older result)
        assert all(any(p.id in in_a_group for p in review.passages(a.id))
                   for a in review.articles())
        if meanwhile == "remove and join":
            assert any(set(keep) <= g for g in stored)  # the join survived
    assert stored == fresh_groups(path, tmp_path)
    shutil.rmtree(tmp_path / "in", ignore_errors=True)
