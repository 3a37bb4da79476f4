"""What A (accept a suggestion) and the inspector offer for a passage once they stand on the
passage's own words (QA pass 4, item 1), and what that costs on the GUI thread.

For each review: the stored, group-level suggestions (``suggest_claims``, made at pipeline
time; what U walks) by status, against the claim-level check of the same passages
(``suggestions.check_passage``: the passage scoped as a claim on its whole words, computed on
demand for the one passage in front of the reviewer): how many stored "confirmed" stay
confirmed (what A may stamp), how many have nothing to suggest, how many turn conflicting.
CPU per check is the first check of each passage on an index prepared as the window's worker
prepares it (``ScopeIndex.prepare`` and the source labels), so the diffs against its group are
not memoised yet.

    .venv/bin/python benchmarks/passage_checks.py [--seeds] [--ecb N] [--show N] [REVIEW ...]

``--seeds`` builds the seed review as the app does; ``--ecb N`` makes a review of N ECB+
articles (spread over all topics; ``--keep DIR`` keeps it there for the next run); ``--show N``
prints N "confirmed" checks (fixed sample) to read by hand. Printed figures only; nothing is
asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from factdesk.core.check.suggestions import check_passage  # noqa: E402
from factdesk.core.contract import scope_index  # noqa: E402
from factdesk.core.store import Review  # noqa: E402


def ecb_review(n: int, folder: Path) -> Path:
    """``n`` ECB+ articles, read, aligned and checked as ``factdesk new`` does."""
    from pipeline_scale import sample, write_articles

    from factdesk.cli.main import main as cli

    path = folder / f"ecb{n}.factdesk"
    if path.exists():  # kept from an earlier run (--keep)
        return path
    paths = write_articles(folder)
    files = [str(paths[d]) for d in sample(n)]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        if cli(["new", str(path), *files]) != 0:
            raise SystemExit("factdesk new failed")
    return path


def measure(name: str, path: Path, show: int) -> None:
    with Review.open(path, backup=False, read_only=True) as review:
        stored = {s.passage_id: s for s in review.suggestions()}
        index = scope_index(review)
        index.prepare()
        index.labels  # noqa: B018  (read on the worker with the snapshot, as the window does)
        passages = index.passages
        cpu: list[float] = []
        checks = {}
        timed: dict[str, float] = {}
        for pid in stored:
            t = time.process_time()
            checks[pid] = check_passage(index, passages[pid])
            timed[pid] = (time.process_time() - t) * 1000
            cpu.append(timed[pid])
    now = Counter(str(c.suggestion[0]) if c.suggestion else "none" for c in checks.values())
    before = Counter(str(s.status) for s in stored.values())
    moved = Counter((str(stored[p].status), str(c.suggestion[0]) if c.suggestion else "none")
                    for p, c in checks.items())
    print(f"== {name}: {len(passages)} passages, {len(stored)} stored suggestions")
    print("   stored (group-level): " + ", ".join(f"{k} {v}" for k, v in sorted(before.items())))
    print("   checked on own words: " + ", ".join(f"{k} {v}" for k, v in sorted(now.items())))
    print("   stored -> checked:    " + ", ".join(f"{a}->{b} {v}"
                                                  for (a, b), v in sorted(moved.items())))
    cpu.sort()
    if cpu:
        print(f"   CPU per first check: median {statistics.median(cpu):.2f} ms, "
              f"p95 {cpu[int(0.95 * (len(cpu) - 1))]:.2f} ms, max {cpu[-1]:.2f} ms, "
              f"all {sum(cpu) / 1000:.2f} s")
    confirmed = sorted(p for p, c in checks.items()
                       if c.suggestion and c.suggestion[0] == "confirmed")
    slow = sorted(checks, key=lambda p: -timed[p])[:3]
    print("   slowest: " + ", ".join(f"{p} {timed[p]:.1f} ms" for p in slow))
    for pid in random.Random(4).sample(confirmed, min(show, len(confirmed))):
        c = checks[pid]
        print(f"   [{index.labels[passages[pid].article_id]}] {passages[pid].text[:160]!r}")
        print(f"      -> {' '.join(c.suggestion[1]) if c.suggestion else ''}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reviews", nargs="*", type=Path)
    ap.add_argument("--seeds", action="store_true")
    ap.add_argument("--ecb", type=int, default=0)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="build the ECB+ review in (or reuse it from) DIR")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = str(args.keep or tmp)
        todo = [(p.stem, p) for p in args.reviews]
        if args.seeds:
            from claim_suggestions_seed import build

            path = Path(tmp) / "seeds.factdesk"
            build(path)
            todo.insert(0, ("seeds", path))
        if args.ecb:
            todo.append((f"ECB+ {args.ecb} articles", ecb_review(args.ecb, Path(tmp))))
        for name, path in todo:
            measure(name, path, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
