"""Reliability figures: SIGKILLs survived (import, alignment, claim edits), concurrent edits by
two processes on one review, and bad inputs tried — each with nothing lost.

    .venv/bin/python benchmarks/reliability.py [--kills 20] [--seconds 30] [--inputs 2000]

Uses the workers and property tests of tests/reliability (needs the dev extras: hypothesis).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
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
    path = folder / "import.factdesk"
    Review.open(path, create=True).close()
    files = rw.write_articles(folder / "in", kills * 3 + 10, paragraphs=30)
    ids = {f: article_id_for(hashlib.sha256(f.read_bytes()).hexdigest()) for f in files}
    acknowledged: set[str] = set()
    killed = 0
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
    killed = 0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs per kind of work")
    parser.add_argument("--seconds", type=float, default=30.0, help="concurrent editing time")
    parser.add_argument("--inputs", type=int, default=2000, help="examples per property")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    ctx = rw.context()
    print(f"seed {seed}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for title, run in [
            ("SIGKILL during import", lambda: import_kills(ctx, folder, args.kills, rng)),
            ("SIGKILL during alignment", lambda: align_kills(ctx, folder, args.kills, rng)),
            ("SIGKILL during claim edits", lambda: claim_kills(ctx, folder, args.kills, rng)),
            (
                f"two processes editing one review for {args.seconds:g} s",
                lambda: concurrent_edits(ctx, folder, args.seconds),
            ),
            ("bad inputs (no crash, offsets valid)", lambda: inputs_tried(args.inputs)),
        ]:
            started = time.monotonic()
            figures = run()
            print(f"\n{title} ({time.monotonic() - started:.0f} s): nothing lost")
            for key, value in figures.items():
                print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
