"""How the claims table copes with 10,000 claims: load into the model, sort, filter.

Builds a file-backed review with 10,000 claims (the same shape as ``claims_speed.py``: 50
articles × 200 claims, a third with evidence), then times, offscreen:

* reading every claim and suggestion from the file (``load_claims``, on the worker in the app);
* handing the ids to the table model and showing it in a QTableView (rows are built lazily:
  only those painted);
* sorting by each column (the proxy hands the sort to the model: one key per row);
* filtering by status, by article, and by a search text.

Printed figures only; nothing is asserted.

    .venv/bin/python benchmarks/claims_table.py [--claims 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_speed import build  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from factdesk.core import claim_edits  # noqa: E402
from factdesk.core.model import ClaimStatus  # noqa: E402
from factdesk.core.store import Review  # noqa: E402
from factdesk.ui.claimbook import load_claims  # noqa: E402
from factdesk.ui.claims_panel import ClaimsPanel  # noqa: E402
from factdesk.ui.models import ClaimTableModel  # noqa: E402
from factdesk.ui.models.claims import COLUMNS  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    """Median wall time of ``fn`` in milliseconds, with pending events processed."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        QApplication.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the review in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="factdesk-table-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.factdesk"
    if not path.exists():
        t0 = time.perf_counter()
        build(path, args.claims)
        print(f"built {args.claims} claims in {time.perf_counter() - t0:.1f} s: {path}")
    app = QApplication.instance() or QApplication([])
    with Review.open(path, backup=False) as review:
        # give some variety to sort and filter on
        ids = [c.id for c in review.claims()]
        statuses = list(ClaimStatus)
        with review.transaction():
            for n, cid in enumerate(ids[::7]):
                claim_edits.set_status(review, cid, statuses[n % 4], reviewer=f"r{n % 3}")
        order = {a.id: n for n, a in enumerate(review.articles())}
        t0 = time.perf_counter()
        book = load_claims(review, order)
        load_ms = (time.perf_counter() - t0) * 1000

    model = ClaimTableModel()
    panel = ClaimsPanel(model)
    panel.resize(600, 800)
    panel.show()
    app.processEvents()
    t0 = time.perf_counter()
    model.set_claims(book.ordered_ids(), book.claims.get, lambda aid: f"Outlet {aid}")
    panel.set_counts(book.counts())
    panel.set_choices([(a, f"Outlet {a}") for a in order], book.reviewers())
    app.processEvents()
    panel.table.viewport().repaint()
    show_ms = (time.perf_counter() - t0) * 1000
    print(f"{len(book.claims)} claims, {sum(len(c.evidence) for c in book.claims.values())} "
          "evidence links")
    print(f"read claims from the file (load_claims):       {load_ms:8.1f} ms")
    print(f"ids into the model, first paint:               {show_ms:8.1f} ms "
          f"({len(model._cache)} rows built)")
    for column, name in enumerate(COLUMNS):
        ms = timed(lambda c=column: panel.table.sortByColumn(c, Qt.SortOrder.AscendingOrder))
        print(f"sort by {name:<10}                             {ms:8.1f} ms")
    panel.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    ms = timed(lambda: (panel.set_status_filter(ClaimStatus.CONFIRMED),
                        panel.set_status_filter(None)))
    print(f"filter by status and back                      {ms:8.1f} ms")
    ms = timed(lambda: (panel.article_filter.setCurrentIndex(3),
                        panel.article_filter.setCurrentIndex(0)))
    print(f"filter by article and back                     {ms:8.1f} ms")
    ms = timed(lambda: (panel.search.setText("evacuated after"), panel.search.setText("")))
    print(f"search a text and clear                        {ms:8.1f} ms")
    one = book.ordered_ids()[5000]
    ms = timed(lambda: model.refresh(one), repeat=20)
    print(f"refresh one edited row                         {ms:8.3f} ms")
    panel.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
