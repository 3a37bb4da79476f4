"""Render docs/screenshots/claims-{light,dark}.png: the demo review with a few claims made
(confirmed with supporting evidence, conflicting with contradicting evidence, unsourced,
unreviewed; the demo's own claims, made here only for an older demo), offscreen at
the screenshot size (1920x1080).

    .venv/bin/python docs/screenshots/make_claims.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from shots import ROOT, save, wait, window

from factdesk.core.model import ClaimStatus
from factdesk.ui import jobs
from factdesk.ui.app import make_app


def shoot(theme: str, demo: str, out: Path) -> None:
    w = window(theme, demo, settle_ms=200)
    w.tagging.reviewer_name = "m.okafor"
    snap, t = w.snapshot, w.tagging
    assert snap is not None
    if not snap.claims.claims:  # first theme: make the claims (they stay in the copy)
        conflict = snap.ordered_conflicts()[0]
        first = snap.passage_by_id[conflict.passages[0]]
        others = [g for g in snap.groups if g.id != (conflict.group_id or snap.group_of[first.id])
                  and len({snap.passage_by_id[p].article_id for p in g.passage_ids}) >= 3]

        def claim(passage, status, words=None, note=""):
            start, end = passage.start, passage.end
            if words and words in passage.text:
                start = passage.start + passage.text.index(words)
                end = start + len(words)
            pane = w.view.area.pane_for(passage.article_id)
            pane.view.setTextCursor(pane.view.cursor_for(start, end))
            t.new_claim_from_selection()
            t.set_status(status)
            if note:
                t.save_note(t.current, note)
            return t.current

        ok = snap.passage_by_id[others[0].passage_ids[0]]
        claim(ok, ClaimStatus.CONFIRMED, note="Same wording in three outlets.")
        t.add_group_evidence()
        unsourced = next((p for a in snap.articles for p in snap.passages[a.id]
                          if p.id not in snap.group_of and len(p.text) > 60),
                         snap.passage_by_id[others[-1].passage_ids[-1]])
        claim(unsourced, ClaimStatus.UNSOURCED, note="No outlet names a source for this.")
        second = snap.passage_by_id[others[1].passage_ids[0]] if len(others) > 1 else None
        if second is not None:
            claim(second, ClaimStatus.UNREVIEWED)
        claim(first, ClaimStatus.CONFLICTING,
              note=f"Outlets disagree: {conflict.detail}. Checking the council's statement.")
        t.add_group_evidence()
    # show the conflicting claim, with its evidence tab
    conflicting = next(c for c in snap.claims.claims.values()
                       if c.status is ClaimStatus.CONFLICTING)
    w.docks.claims_panel.select_claim(conflicting.id, announce=True)
    w.docks.claims_panel.inspector.tabs.setCurrentIndex(1)
    wait(400)
    save(w, out)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots"
    QCoreApplication.setOrganizationName("factdesk-screenshots")
    folder = Path(tempfile.mkdtemp(prefix="factdesk-shots-"))
    os.environ["FACTDESK_DATA_DIR"] = str(folder)
    demo = str(folder / "demo.factdesk")
    make_app()
    jobs.open_demo(demo).review.close()
    for theme in ("light", "dark"):
        shoot(theme, demo, out / f"claims-{theme}.png")
        print(out / f"claims-{theme}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
