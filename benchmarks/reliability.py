"""Reliability figures: SIGKILLs survived (import, alignment, claim edits), concurrent edits by
two processes on one review, and bad inputs tried — each with nothing lost.

    .venv/bin/python benchmarks/reliability.py [--kills 20] [--seconds 30] [--inputs 2000]
    .venv/bin/python benchmarks/reliability.py --long     # ≥ 1,000 kills, ≥ 10,000 fuzzed files

Besides the in-process workers, the real ``factdesk`` command is killed at every SQL statement
of its edits (a trace hook, tests/reliability/sqlkill) and fed fuzzed files many at a time.

Uses the workers and property tests of tests/reliability (needs the dev extras: hypothesis).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "reliability")]

import reliability_workers as rw  # noqa: E402

from factdesk.core.importing import import_files  # noqa: E402
from factdesk.core.read.ingest import IngestError, article_id_for  # noqa: E402
from factdesk.core.store import Review  # noqa: E402


def import_kills(ctx, folder: Path, kills: int, rng: random.Random) -> dict[str, int]:
    """Kills in rounds of 20 on a fresh review each (the whole-article check re-segments every
    stored article, so one ever-growing review made a long run quadratic)."""
    totals = {"kills": 0, "articles acknowledged": 0, "articles whole": 0}
    for n in range(0, kills, 20):
        got = _import_kills(ctx, folder / f"import{n}", min(20, kills - n), rng)
        for key, value in got.items():
            totals[key] += value
    return totals


def _import_kills(ctx, folder: Path, kills: int, rng: random.Random) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "import.factdesk"
    Review.open(path, create=True).close()
    files = rw.write_articles(folder / "in", kills * 3 + 10, paragraphs=30)
    ids = {f: article_id_for(hashlib.sha256(f.read_bytes()).hexdigest()) for f in files}
    acknowledged: set[str] = set()
    killed = whole = 0
    for _ in range(kills):
        with Review.open(path, backup=False) as review:
            stored = {a.id for a in review.articles()}
        todo = [str(f) for f in files if ids[f] not in stored]
        if not todo:
            break
        acks, code = rw.run_and_kill(
            ctx, rw.import_worker, (str(path), todo), rng.randint(1, 3), rng, 0.15
        )
        killed += code == -9
        acknowledged |= {a[1] for a in acks if a[0] == "added"}
        with Review.open(path, backup=False) as review:
            assert rw.integrity(review) == "ok"
            have = {a.id for a in review.articles()}
            assert acknowledged <= have, f"lost articles {acknowledged - have}"
            whole = rw.check_articles_whole(review)
    return {"kills": killed, "articles acknowledged": len(acknowledged), "articles whole": whole}


def align_kills(ctx, folder: Path, kills: int, rng: random.Random) -> dict[str, int]:
    path = folder / "align.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, rw.write_articles(folder / "align-in", 5, paragraphs=4))
        last = rw.groups_digest(review.groups())
    edits: set[int] = set()
    analyses = killed = 0
    for n in range(kills):
        acks, code = rw.run_and_kill(
            ctx, rw.align_worker, (str(path), n), rng.randint(2, 5), rng, 0.3
        )
        killed += code == -9
        edits |= {a[1] for a in acks if a[0] == "edit"}
        digests = [a[1] for a in acks if a[0] == "analysed"]
        analyses += len(digests)
        last = digests[-1] if digests else last
        with Review.open(path, backup=False) as review:
            assert rw.integrity(review) == "ok"
            assert edits <= {e.id for e in review.group_edits()}, "lost group edits"
            last = rw.check_whole_analysis(review, last)
    return {"kills": killed, "group edits acknowledged": len(edits), "analyses": analyses}


def claim_kills(ctx, folder: Path, kills: int, rng: random.Random) -> dict[str, int]:
    path = folder / "claims.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, rw.write_articles(folder / "claims-in", 1, paragraphs=2))
    acknowledged: list = []
    killed = checked = 0
    for n in range(kills):
        acks, code = rw.run_and_kill(
            ctx, rw.edit_worker, (str(path), f"w{n}", 3600.0, _Go()), rng.randint(20, 80), rng, 0.01
        )
        killed += code == -9
        acknowledged += acks
        with Review.open(path, backup=False) as review:
            assert rw.integrity(review) == "ok"
            checked = rw.check_claim_acks(review, acknowledged)
    return {"kills": killed, "claim edits acknowledged": checked}


class _Go:
    """An always-set event (a killed editor needs no start signal)."""

    def wait(self, timeout: float | None = None) -> bool:
        return True


def concurrent_edits(ctx, folder: Path, seconds: float) -> dict[str, int]:
    path = folder / "shared.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, rw.write_articles(folder / "shared-in", 1, paragraphs=2))
    acks = rw.run_editors(ctx, str(path), ["alice", "bob"], seconds)
    with Review.open(path, backup=False) as review:
        assert rw.integrity(review) == "ok"
        checked = rw.check_claim_acks(review, acks["alice"] + acks["bob"])
    made = {k: sum(a[0] not in ("ready", "done") for a in v) for k, v in acks.items()}
    return {**{f"edits by {k}": v for k, v in made.items()}, "edits found": checked}


def inputs_tried(examples: int) -> dict[str, int]:
    os.environ["FACTDESK_FUZZ_EXAMPLES"] = str(examples)
    import test_fuzz_inputs as fuzz

    out = {}
    for name in sorted(dir(fuzz)):
        test = getattr(fuzz, name)
        if name.startswith("test_") and callable(test):
            test()
            n = examples // 4 if "aligning" in name else examples
            out[name.removeprefix("test_")] = n
    nasty = REPO / "tests" / "data" / "nasty"
    from factdesk.core.importing import prepare_file

    refused = imported = 0
    for f in sorted(nasty.iterdir()):
        try:
            prepare_file(f)
            imported += 1
        except IngestError:
            refused += 1
    out["nasty corpus files refused with a reason"] = refused
    out["nasty corpus files imported safely"] = imported
    return out


def cli_statement_kills(folder: Path, rounds: int) -> dict[str, int]:
    """The real command killed at every statement of each edit's write transactions, ``rounds``
    times over; each kill checked as tests/reliability/test_kill_each_statement.py does."""
    import test_kill_each_statement as tk

    class _Factory:
        def mktemp(self, name: str) -> Path:
            path = folder / name
            path.mkdir(parents=True, exist_ok=True)
            return path

    base = tk.base.__wrapped__(_Factory())
    kills = 0
    third = str(sorted(tk.SEEDS.glob("*.txt"))[2])
    for n in range(rounds):
        work = folder / f"round{n}"
        work.mkdir()
        for test in (tk.test_claim_set_status_and_note_is_all_or_nothing,
                     tk.test_claim_add_with_status_and_note_is_all_or_nothing,
                     tk.test_claim_link_is_all_or_nothing):
            sub = work / test.__name__
            sub.mkdir()
            test(base, sub)
            kills += len(list(sub.glob("k*.factdesk")))
        if n:  # add is slow (it re-aligns): every statement once, not every round
            continue
        # add: every statement (the test takes a stride), checked the same way
        args = ["add", "REVIEW", third]
        for point in tk.write_statements(args, Path(base["review"]), work):
            copy = tk.copy_review(Path(base["review"]), work / f"a{point}.factdesk")
            run = tk.cli("add", str(copy), third, kill_at=point)
            assert run.returncode in (0, tk.KILLED), run.stderr
            kills += run.returncode == tk.KILLED
            with Review.open(copy, backup=False) as review:
                assert review.integrity_ok()
                stale = review.analysed_generation != review.generation
                if len(review.articles()) == 3 and stale:
                    assert tk.info(copy)["alignment_out_of_date"]
                    again = tk.cli("add", str(copy), third)
                    assert again.returncode == 0 and "re-aligned" in again.stderr
            copy.unlink()
    return {"kills of the real command at an SQL statement": kills,
            "edits with a half-saved state found": 0}


def cli_fuzz(folder: Path, files: int, rng: random.Random, batch: int = 100) -> dict[str, int]:
    """Fuzzed files through `factdesk new` (a fresh review per ``batch`` files: the cost of
    aligning grows with the review, and this measures robustness, not scale)."""
    from cli_fuzz import check_run, fuzz_file

    totals = {"files": 0, "imported": 0, "duplicates": 0, "refused": 0, "runs": 0}
    good = folder / "good.txt"
    folder.mkdir(parents=True, exist_ok=True)
    good.write_text("date 2026-03-04\n\nBridge\n\nThe council voted on Wednesday to close "
                    "the harbour bridge. Repairs begin on Monday.\n", "utf-8")
    for n in range(0, files, batch):
        sub = folder / f"fuzz{n}"
        sub.mkdir()
        made = [fuzz_file(rng, sub, n + i) for i in range(min(batch, files - n))]
        review = sub / "fuzz.factdesk"
        got = check_run(["new", str(review), str(good), *map(str, made)], [good, *made], review)
        got["files"] -= 1
        got["imported"] -= 1
        for key, value in got.items():
            totals[key] += value
        totals["runs"] += 1
        shutil.rmtree(sub)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs per kind of work")
    parser.add_argument("--seconds", type=float, default=30.0, help="concurrent editing time")
    parser.add_argument("--inputs", type=int, default=2000, help="examples per property")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--cli-rounds", type=int, default=1,
                        help="times the real command is killed at each statement of each edit")
    parser.add_argument("--cli-files", type=int, default=1000, help="fuzzed files via the CLI")
    parser.add_argument("--long", action="store_true",
                        help="the long run: 100 kills of import and of alignment, 400 of claim "
                        "edits, 3 rounds of statement kills (about 1,000 kills in all), "
                        "10,000 fuzzed files through the CLI, 2,000 examples per property")
    args = parser.parse_args()
    if args.long:
        args.kills, args.cli_rounds = max(args.kills, 100), max(args.cli_rounds, 3)
        args.cli_files, args.inputs = max(args.cli_files, 10_000), max(args.inputs, 2000)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    ctx = rw.context()
    print(f"seed {seed}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for title, run in [
            ("SIGKILL during import", lambda: import_kills(ctx, folder, args.kills, rng)),
            ("SIGKILL during alignment", lambda: align_kills(ctx, folder, args.kills, rng)),
            ("SIGKILL during claim edits",
             lambda: claim_kills(ctx, folder, args.kills * (4 if args.long else 1), rng)),
            (
                f"two processes editing one review for {args.seconds:g} s",
                lambda: concurrent_edits(ctx, folder, args.seconds),
            ),
            ("bad inputs (no crash, offsets valid)", lambda: inputs_tried(args.inputs)),
            ("the real command killed at each SQL statement of its edits",
             lambda: cli_statement_kills(folder / "cli-kills", args.cli_rounds)),
            (f"{args.cli_files} fuzzed files through factdesk new / add",
             lambda: cli_fuzz(folder / "cli-fuzz", args.cli_files, rng)),
        ]:
            started = time.monotonic()
            figures = run()
            print(f"\n{title} ({time.monotonic() - started:.0f} s): nothing lost")
            for key, value in figures.items():
                print(f"  {key}: {value}", flush=True)


if __name__ == "__main__":
    main()
