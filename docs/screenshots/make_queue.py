"""Render docs/screenshots/queue-{light,dark}.png: the seed corpus with the "Same fact?" queue
open (Q), asking about the pair the alignment is least sure of. Offscreen at 1920x1080.

    .venv/bin/python docs/screenshots/make_queue.py [OUT_DIR] [ARTICLE...]

The articles default to the seed corpus beside the checkout (../shared/corpus/seeds).
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
from factdesk.ui.app import make_app


def shoot(theme: str, review: Path, out: Path) -> None:
    w = window(theme, review)
    w.open_queue()
    wait(600)
    save(w, out)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots"
    files = sys.argv[2:] or sorted(str(p) for p in (ROOT.parent / "shared/corpus/seeds")
                                   .glob("*.txt"))
    QCoreApplication.setOrganizationName("factdesk-screenshots")
    folder = Path(tempfile.mkdtemp(prefix="factdesk-shots-"))
    os.environ["FACTDESK_DATA_DIR"] = str(folder)
    os.environ["FACTDESK_CONFIG_DIR"] = str(folder / "config")
    review = folder / "seeds.factdesk"
    assert cli(["new", str(review), *files]) == 0
    make_app()
    for theme in ("light", "dark"):
        shoot(theme, review, out / f"queue-{theme}.png")
        print(out / f"queue-{theme}.png")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
