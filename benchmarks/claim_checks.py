"""What QA3's trust fixes cost on the GUI thread (ui/tagging.py, ui/filewatch.py), on the
10,000-claim review of ``claims_speed.build`` (50 articles x 200 sentences, every sentence
printing a figure: the worst case for G's search).

* **G's "nothing to add" reason** for a claim outside every group (``no_group_reason``): the
  claim's figures as printed, looked for in every other article's passages (here 9,800
  passages, 49 articles printing the figure);
* **C's duplicate check** (``Tagging._claim_on_words``): is a claim already on these words;
* **the window's catch-up when a snapshot is shown** (``FileWatch.follow``, with the claims
  this window wrote since: none here).

CPU milliseconds, median of repeated runs. Printed figures only; nothing is asserted.

    .venv/bin/python benchmarks/claim_checks.py [--claims 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_speed import build  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from factdesk.core.check.claimscope import no_group_reason  # noqa: E402
from factdesk.core.store import Review  # noqa: E402
from factdesk.ui.claimbook import load_claims  # noqa: E402
from factdesk.ui.filewatch import FileWatch  # noqa: E402
from factdesk.ui.presenter import load_snapshot  # noqa: E402
from factdesk.ui.tagging import Tagging  # noqa: E402


def cpu_ms(fn, repeat: int) -> float:
    """Median CPU milliseconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="factdesk-trust-bench-") as tmp:
        path = Path(tmp) / "bench.factdesk"
        build(path, args.claims)
        review = Review.open(path, backup=False)
        snap = load_snapshot(review)
        order = {a.id: n for n, a in enumerate(review.articles())}
        book = load_claims(review, order)
        claim = next(iter(book.claims.values()))
        reason = no_group_reason(claim, snap.passages, snap.label)
        g = cpu_ms(lambda: no_group_reason(claim, snap.passages, snap.label), 20)
        nowhere = replace(claim, anchor=replace(claim.anchor, quote="at 4:44 p.m. sharp"))
        g_miss = cpu_ms(lambda: no_group_reason(nowhere, snap.passages, snap.label), 20)
        host = SimpleNamespace(book=book, w=SimpleNamespace(snapshot=snap))
        a = claim.anchor
        c = cpu_ms(lambda: Tagging._claim_on_words(host, a.article_id, a.start, a.end), 50)
        c_miss = cpu_ms(lambda: Tagging._claim_on_words(host, a.article_id, a.start,
                                                        a.end - 1), 50)
        window = SimpleNamespace(review=review, runner=SimpleNamespace(busy=False),
                                 tagging=SimpleNamespace(book=book), _pending_claims=set(),
                                 _show_pending_claims=lambda: None, run_job=None, saved_at=None)
        watch = FileWatch.__new__(FileWatch)
        FileWatch.__init__(watch, None)
        watch.w = window
        follow = cpu_ms(lambda: watch.follow(review), 20)
        watch.timer.stop()
        catch_up = cpu_ms(lambda: watch._catch_up(review), 20)
        print(f"{len(book.claims)} claims, {len(order)} articles, "
              f"{len(snap.passage_by_id)} passages")
        print(f"G's reason, claim outside every group:   {g:8.2f} ms CPU  ")
        print(f"  said: {reason}")
        print(f"G's reason, a figure no article prints:  {g_miss:8.2f} ms CPU")
        print(f"C's duplicate check (a claim there):     {c:8.2f} ms CPU")
        print(f"C's duplicate check (none there):        {c_miss:8.2f} ms CPU")
        print(f"follow: versions remembered + catch-up:  {follow:8.2f} ms CPU")
        print(f"  of which the catch-up (nothing changed): {catch_up:6.2f} ms CPU")
        review.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
