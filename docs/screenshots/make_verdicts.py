"""Render docs/screenshots/verdicts-{conflicts,claim}-{light,dark}.png: the seed review's
Conflicts table (one row per disagreement, a column per side, the first row selected so its
differing words are selected in every pane) and the inspector of a claim made on ANI's "very
good" (its own conflict, its suggestion), offscreen at 1920x1080.

    .venv/bin/python docs/screenshots/make_verdicts.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from shots import ROOT, wait, window

from factdesk.core import claim_edits
from factdesk.core.importing import import_files
from factdesk.core.store import Review

SEEDS = ROOT.parent / "shared/corpus/seeds"
QUOTE = "very good"


def build(path: Path) -> None:
    with Review.open(path, create=True) as review:
        import_files(review, sorted(SEEDS.glob("*.txt")))
        passage = next(p for p in review.passages() if QUOTE in p.text)
        start = passage.start + passage.text.index(QUOTE)
        claim_edits.create_claim(review, passage.article_id, start, start + len(QUOTE),
                                 reviewer="m.okafor")


def shoot(theme: str, review: Path, out: Path) -> None:
    w = window(theme, review)
    docks = w.docks
    docks.tabs.setCurrentWidget(docks.conflict_table)
    w.resizeDocks([docks.details_dock], [330], Qt.Orientation.Vertical)
    docks.conflict_table.selectRow(0)
    docks.conflict_table.clicked.emit(w.conflicts_model.index(0, 0))
    wait(400)
    w.grab().save(str(out / f"verdicts-conflicts-{theme}.png"), "PNG")
    w.strips.expand(docks.claims)  # the reader clicks the Claims strip
    claim = next(iter(w.tagging.book.claims.values()))
    w.tagging.set_current(claim.id, scroll=True)
    wait(400)
    w.grab().save(str(out / f"verdicts-claim-{theme}.png"), "PNG")
    w.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        review = Path(tmp) / "seeds.factdesk"
        build(review)
        for theme in ("light", "dark"):
            shoot(theme, review, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
