"""Fuzzed files through the command line (``factdesk new`` / ``add`` with many files at once):
no traceback, no exit 2, every file accounted for, a sound review. The long run (10,000 files)
is ``benchmarks/reliability.py --long``."""

from __future__ import annotations

import os
import random
from pathlib import Path

from cli_fuzz import check_run, fuzz_file

FILES = int(os.environ.get("FACTDESK_CLI_FUZZ_FILES", "40"))


def test_fuzzed_files_through_new_and_add(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    files = [fuzz_file(rng, tmp_path, n) for n in range(FILES)]
    # a readable article first, so that `new` has something to keep
    good = tmp_path / "good.txt"
    good.write_text("date 2026-03-04\n\nBridge\n\nThe council voted on Wednesday to close the "
                    "harbour bridge. Repairs begin on Monday.\n", "utf-8")
    review = tmp_path / "fuzz.factdesk"
    half = FILES // 2
    first = [good, *files[:half]]
    try:
        totals = check_run(["new", str(review), *map(str, first)], first, review)
        rest = files[half:]
        more = check_run(["add", str(review), *map(str, rest)], rest, review)
    except BaseException as exc:
        raise AssertionError(f"seed {seed} (random.Random(seed) rebuilds the files)") from exc
    assert totals["imported"] >= 1, f"seed {seed}"
    print(f"seed {seed}: {totals} then {more}")
