"""Render docs/screenshots/desk-{light,dark}.png: a desk's merged review of the demo story.

Two reviewers check the demo apart (the demo's own reviewer, and Ben Okafor in a copy, who
judges two claims otherwise); ``factdesk merge`` combines the files and an editor settles one
of the disagreements. The window shows the claims list filtered to the disagreements, with the
selected claim's verdicts side by side in the inspector. Offscreen at 1920x1080.

    .venv/bin/python docs/screenshots/make_desk.py [OUT_DIR]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from shots import ROOT, save, wait, window

from factdesk.cli.main import main as cli
from factdesk.core import claim_edits
from factdesk.core.model import ClaimStatus
from factdesk.core.store.review import Review
from factdesk.ui import jobs
from factdesk.ui.app import make_app

BEN = "Ben Okafor <ben@desk.example>"
EDITOR = "Rosa Lindqvist <rosa@desk.example>"


def make_desk(folder: Path) -> Path:
    """The merged review: Ben disagrees on two of the demo's decided claims, one is settled."""
    demo = folder / "demo.factdesk"
    jobs.open_demo(str(demo)).review.close()
    ben = folder / "ben.factdesk"
    shutil.copy(demo, ben)
    with Review.open(ben, backup=False) as review:
        decided = [c for c in review.claims() if c.status is not ClaimStatus.UNREVIEWED]
        other = {ClaimStatus.CONFIRMED: ClaimStatus.CONFLICTING,
                 ClaimStatus.CONFLICTING: ClaimStatus.CONFIRMED,
                 ClaimStatus.UNSOURCED: ClaimStatus.CONFIRMED}
        for claim in decided[:2]:
            claim_edits.set_status(review, claim.id, other[claim.status], reviewer=BEN)
            claim_edits.set_note(review, claim.id, "The city's own notice reads otherwise.",
                                 reviewer=BEN)
        for claim in decided[2:]:  # Ben agrees with the rest
            claim_edits.set_status(review, claim.id, claim.status, reviewer=BEN)
        first = decided[0].id
    desk = folder / "desk.factdesk"
    assert cli(["merge", str(desk), str(demo), str(ben)]) == 0
    assert cli(["--reviewer", EDITOR, "--role", "editor", "claim", "settle", str(desk), first,
                "--status", "conflicting", "--why", "the council's minutes give two dates"]) == 0
    return desk


def shoot(theme: str, desk: Path, out: Path) -> None:
    w = window(theme, desk)
    panel = w.docks.claims_panel
    panel.disagree_button.click()
    wait(100)
    pending = w.snapshot.claims.claims if w.snapshot else {}
    shown = next((cid for cid, c in pending.items()
                  if c.status is ClaimStatus.UNREVIEWED and not c.settled_by), None)
    if shown is not None:
        panel.select_claim(shown, announce=True)
    wait(400)
    save(w, out)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots"
    QCoreApplication.setOrganizationName("factdesk-screenshots")
    folder = Path(tempfile.mkdtemp(prefix="factdesk-shots-"))
    os.environ["FACTDESK_DATA_DIR"] = str(folder)
    os.environ["FACTDESK_CONFIG_DIR"] = str(folder / "config")
    make_app()
    desk = make_desk(folder)
    for theme in ("light", "dark"):
        shoot(theme, desk, out / f"desk-{theme}.png")
        print(out / f"desk-{theme}.png")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
