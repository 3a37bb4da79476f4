"""What the window's watch on its review file costs on the GUI thread (ui/filewatch.py).

Builds a file review of 10,000 claims (``claims_speed.build``: 50 articles × 200 claims), opens
a window-less :class:`FileWatch` over it as the window would, and times, in CPU milliseconds:

* one idle poll (``PRAGMA data_version`` unchanged: what runs every second);
* a poll after another connection changed one claim's verdict (versions compared, no re-read
  of the claim: the window's part, ``_show_pending_claims``, is measured by the tests' window);
* reading the generations and article names (what decides a reload).

Printed figures only; nothing is asserted.

    .venv/bin/python benchmarks/file_watch.py [--claims 10000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_speed import build  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from factdesk.core import claim_edits  # noqa: E402
from factdesk.core.model import ClaimStatus  # noqa: E402
from factdesk.core.store import Review  # noqa: E402
from factdesk.ui.claimbook import load_claims  # noqa: E402
from factdesk.ui.filewatch import FileWatch  # noqa: E402


def cpu_ms(fn, repeat: int) -> float:
    started = time.process_time()
    for _ in range(repeat):
        fn()
    return (time.process_time() - started) / repeat * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="factdesk-watch-bench-") as tmp:
        path = Path(tmp) / "bench.factdesk"
        build(path, args.claims)
        review = Review.open(path, backup=False)
        order = {a.id: n for n, a in enumerate(review.articles())}
        book = load_claims(review, order)
        pending: set[str] = set()
        window = SimpleNamespace(review=review, runner=SimpleNamespace(busy=False),
                                 tagging=SimpleNamespace(book=book), _pending_claims=pending,
                                 _show_pending_claims=lambda: None, run_job=None)
        watch = FileWatch.__new__(FileWatch)
        FileWatch.__init__(watch, None)
        watch.w = window
        watch.follow(review)
        watch.timer.stop()
        idle = cpu_ms(watch.poll, 2000)
        one = next(iter(book.claims))
        other = Review.open(path, backup=False)

        def changed() -> None:
            claim_edits.set_status(other, one, ClaimStatus.UNSOURCED, reviewer="cli")
            started = time.process_time()
            watch.poll()
            times.append((time.process_time() - started) * 1000)
            claim_edits.set_status(other, one, ClaimStatus.UNREVIEWED, reviewer="cli")
            watch.poll()
            pending.clear()

        times: list[float] = []
        for _ in range(20):
            changed()
        generations = cpu_ms(watch._read_generations, 200)
        print(f"{len(book.claims)} claims, {len(order)} articles")
        print(f"idle poll (data_version unchanged):      {idle:8.3f} ms CPU")
        print(f"poll after one claim changed elsewhere:  {sorted(times)[len(times) // 2]:8.3f} ms "
              "CPU (median of 20)")
        print(f"generations and article names:           {generations:8.3f} ms CPU")
        other.close()
        review.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
