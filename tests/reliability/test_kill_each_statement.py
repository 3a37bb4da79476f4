"""Every edit is one transaction: the real ``factdesk`` command, killed (SIGKILL) as it starts
each SQL statement of the edit, leaves the edit either wholly saved or not at all.

A trace hook (``sqlkill/sitecustomize.py`` on ``PYTHONPATH``) kills the process exactly before
its Nth statement; a first run counts the statements, then the command is run once per
statement of its write transactions, each time on a fresh copy of the review. Random kills
(tests/core/test_claims_crash.py) hit the gaps between transactions only by luck; this finds
every one. ``benchmarks/reliability.py --long`` runs the same over more edits.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk.core.store import Review

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

SQLKILL = Path(__file__).resolve().parent / "sqlkill"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
KILLED = -signal.SIGKILL


def factdesk_command() -> list[str]:
    """The installed ``factdesk`` script, as a user runs it (``python -m factdesk`` if absent)."""
    script = Path(sys.executable).with_name("factdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "factdesk"]


def cli(*args: str, kill_at: int = 0, trace: Path | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real command; ``timeout`` only guards against a hang (it is no speed check)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    env["FACTDESK_REVIEWER"] = "kill-test"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SQLKILL), env.get("PYTHONPATH")]))
    if kill_at:
        env["FACTDESK_KILL_AT_STATEMENT"] = str(kill_at)
    if trace is not None:
        env["FACTDESK_TRACE_STATEMENTS"] = str(trace)
    return subprocess.run([*factdesk_command(), *args], env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def copy_review(src: Path, dst: Path) -> Path:
    for side in ("", "-wal"):
        if Path(f"{src}{side}").exists():
            shutil.copyfile(f"{src}{side}", f"{dst}{side}")
    return dst


def write_statements(args: list[str], review: Path, work: Path) -> list[int]:
    """The 1-based numbers of the statements from the command's first write transaction's
    BEGIN IMMEDIATE to its last COMMIT: every moment at which the edit could be cut."""
    trace = work / "trace.txt"
    trace.unlink(missing_ok=True)
    probe = copy_review(review, work / "probe.factdesk")
    done = cli(*[str(probe) if a == "REVIEW" else a for a in args], trace=trace)
    assert done.returncode == 0, done.stderr
    lines = trace.read_text("utf-8").splitlines()
    begins = [i for i, s in enumerate(lines, 1) if s.startswith("BEGIN IMMEDIATE")]
    commits = [i for i, s in enumerate(lines, 1) if s.startswith("COMMIT")]
    assert begins and commits, lines
    return list(range(begins[0], commits[-1] + 1))


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.fail(f"the shared seed corpus is missing: {SEEDS}")
    work = tmp_path_factory.mktemp("kill-base")
    review = work / "base.factdesk"
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    made = cli("new", str(review), *map(str, seeds))
    assert made.returncode == 0, made.stderr
    with Review.open(review, backup=False) as r:
        article = r.articles()[0]
        passages = r.passages(article.id)
        other = r.passages(r.articles()[1].id)
    quote = passages[1].text[:40]
    made = cli("claim", "add", str(review), "--article", article.id, "--quote", quote)
    assert made.returncode == 0, made.stderr
    return {"review": str(review), "article": article.id, "quote": passages[2].text[:30],
            "claim": made.stdout.strip(), "passage": other[0].id}


def run_killed_at_each(args: list[str], base: dict[str, str], work: Path):
    """Yield (statement number, completed run, review path) for a kill at each statement."""
    points = write_statements(args, Path(base["review"]), work)
    for n in points:
        copy = copy_review(Path(base["review"]), work / f"k{n}.factdesk")
        run = cli(*[str(copy) if a == "REVIEW" else a for a in args], kill_at=n)
        assert run.returncode in (0, KILLED), run.stderr
        yield n, run, copy


def claim_state(path: Path, claim_id: str) -> tuple[str, str, list[str]] | None:
    with Review.open(path, backup=False) as review:
        assert review.integrity_ok()
        fields = [h.field for h in review.history() if h.claim_id == claim_id]
        if not review.has_claim(claim_id):
            return None
        claim = review.claim(claim_id)
        return str(claim.status), claim.note, fields


def test_claim_set_status_and_note_is_all_or_nothing(base, tmp_path: Path) -> None:
    args = ["claim", "set", "REVIEW", base["claim"], "--status", "conflicting", "--note",
            "two outlets give different tolls"]
    kills = 0
    for n, run, copy in run_killed_at_each(args, base, tmp_path):
        kills += run.returncode == KILLED
        state = claim_state(copy, base["claim"])
        before = ("unreviewed", "", ["created"])
        after = ("conflicting", "two outlets give different tolls",
                 ["created", "status", "note"])
        assert state in (before, after), f"killed at statement {n}: {state}"
        if run.returncode == 0:
            assert state == after
    assert kills >= 10  # the edit's transaction has at least this many statements


def test_claim_add_with_status_and_note_is_all_or_nothing(base, tmp_path: Path) -> None:
    args = ["claim", "add", "REVIEW", "--article", base["article"], "--quote", base["quote"],
            "--status", "unsourced", "--note", "no second source"]
    for n, run, copy in run_killed_at_each(args, base, tmp_path):
        with Review.open(copy, backup=False) as review:
            assert review.integrity_ok()
            added = [c for c in review.claims() if c.id != base["claim"]]
            fields = sorted(h.field for h in review.history() if h.claim_id != base["claim"])
        if not added:
            assert run.returncode == KILLED and fields == [], f"statement {n}: {fields}"
            continue
        (claim,) = added
        assert (str(claim.status), claim.note) == ("unsourced", "no second source"), n
        assert fields == ["created", "note", "status"], f"statement {n}: {fields}"


def test_claim_link_is_all_or_nothing(base, tmp_path: Path) -> None:
    args = ["claim", "link", "REVIEW", base["claim"], base["passage"], "--contradicts"]
    for n, run, copy in run_killed_at_each(args, base, tmp_path):
        with Review.open(copy, backup=False) as review:
            assert review.integrity_ok()
            evidence = review.claim(base["claim"]).evidence
            fields = [h.field for h in review.history() if h.claim_id == base["claim"]]
        assert (len(evidence), fields.count("evidence+")) in ((0, 0), (1, 1)), n
        if run.returncode == 0:
            assert len(evidence) == 1


def info(path: Path) -> dict:
    shown = cli("info", str(path), "--json")
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_add_killed_anywhere_never_leaves_a_silently_stale_alignment(base, tmp_path) -> None:
    """Killed at any statement, ``add`` leaves the article out, or in with an alignment that
    is current or says it is out of date; running the same ``add`` again finishes the job."""
    third = str(sorted(SEEDS.glob("*.txt"))[2])
    args = ["add", "REVIEW", third]
    points = write_statements(args, Path(base["review"]), tmp_path)
    # Every statement of the article's transaction and the transaction boundaries; the
    # analysis's inserts in between by a stride (all of them: benchmarks/reliability.py --long).
    trace = (tmp_path / "trace.txt").read_text("utf-8").splitlines()
    boundary = {n for n in points if trace[n - 1].startswith(("BEGIN", "COMMIT"))}
    chosen = [n for i, n in enumerate(points)
              if i % 12 == 0 or n in boundary or n - 1 in boundary]
    stale_seen = 0
    for n in chosen:
        copy = copy_review(Path(base["review"]), tmp_path / f"a{n}.factdesk")
        run = cli(*[str(copy) if a == "REVIEW" else a for a in args], kill_at=n)
        assert run.returncode in (0, KILLED), run.stderr
        with Review.open(copy, backup=False) as review:
            assert review.integrity_ok()
            analysed = review.analysed_generation == review.generation
            articles = len(review.articles())
        if articles == 3 and not analysed:
            assert info(copy)["alignment_out_of_date"]
            stale_seen += 1
            again = cli("add", str(copy), third)
            assert again.returncode == 0, again.stderr
            assert "skipped" in again.stderr and "re-aligned" in again.stderr
            assert not info(copy)["alignment_out_of_date"]
        else:
            assert articles == 2 or run.returncode == 0 or analysed, n
    assert stale_seen >= 1  # a kill between storing the article and re-aligning was tried


def test_killed_group_edit_says_out_of_date_until_realigned(base, tmp_path: Path) -> None:
    review = copy_review(Path(base["review"]), tmp_path / "g.factdesk")
    with Review.open(review, backup=False) as r:
        a, b = r.articles()[:2]
        pa, pb = r.passages(a.id)[-1].id, r.passages(b.id)[-1].id
    args = ["group", "join", "REVIEW", pa, pb]
    points = write_statements(args, review, tmp_path)
    trace = (tmp_path / "trace.txt").read_text("utf-8").splitlines()
    first_commit = next(n for n in points if trace[n - 1].startswith("COMMIT"))
    run = cli(*[str(review) if x == "REVIEW" else x for x in args], kill_at=first_commit + 1)
    assert run.returncode == KILLED
    assert info(review)["alignment_out_of_date"]
    shown = cli("info", str(review))
    assert "alignment is out of date" in shown.stdout
    exported = cli("export", str(review), "--format", "md", "-o", str(tmp_path / "r.md"))
    assert exported.returncode == 0 and "out of date" in exported.stderr
    fixed = cli("realign", str(review))
    assert fixed.returncode == 0, fixed.stderr
    assert not info(review)["alignment_out_of_date"]
    with Review.open(review, backup=False) as r:
        assert any({pa, pb} <= {m.passage_id for m in g.members} for g in r.groups())


def test_merge_into_a_new_out_killed_anywhere_leaves_no_out_or_a_whole_one(base, tmp_path):
    """QA3 #11: a ``merge`` into a new OUT killed while it copied the first review left a
    0-byte OUT (+ ``-journal``) that every retry refused ("an empty file (0 bytes), not a
    factdesk review"). Killed at statements spread over the whole run, the merge leaves no OUT
    or a complete one, and the same merge run again succeeds and leaves nothing beside it."""
    other = copy_review(Path(base["review"]), tmp_path / "other.factdesk")
    made = cli("claim", "add", str(other), "--article", base["article"], "--quote",
               base["quote"], "--status", "confirmed")
    assert made.returncode == 0, made.stderr
    trace = tmp_path / "trace.txt"
    probe = tmp_path / "probe" / "out.factdesk"
    probe.parent.mkdir()
    done = cli("merge", str(probe), base["review"], str(other), trace=trace)
    assert done.returncode == 0, done.stderr
    total = len(trace.read_text("utf-8").splitlines())
    claims = claim_ids(probe)
    assert len(claims) == 2
    # the first statements (the copy of the first review), then spread over the merge: every
    # kill runs the real command twice, so seven points (fifteen, tried once, were all whole)
    for n in sorted({1, 3, 8, total // 4, total // 2, 3 * total // 4, total - 1}):
        folder = tmp_path / f"m{n}"
        folder.mkdir()
        out = folder / "out.factdesk"
        run = cli("merge", str(out), base["review"], str(other), kill_at=n)
        assert run.returncode in (0, KILLED), run.stderr
        if out.exists():  # never a half-made review
            assert claim_ids(out) == claims, f"killed at statement {n}"
        again = cli("merge", str(out), base["review"], str(other))
        assert again.returncode == 0, f"statement {n}: {again.stderr}"
        assert claim_ids(out) == claims
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [], n


def claim_ids(path: Path) -> list[str]:
    with Review.open(path, backup=False) as review:
        assert review.integrity_ok()
        return sorted(c.anchor.quote for c in review.claims())
