"""Characters a line in the article panes at 1920×1080, for 4 to 8 outlets side by side.

    .venv/bin/python benchmarks/pane_room.py [--width 1920 --height 1080] [--font-size PT]

Opens the window offscreen (the system font as Qt finds it), builds a review of the seed
articles and then the demo's (``../shared/corpus/seeds``, ``resources/demo``), one more each
time, and prints for each count: how many panes are wide, how many sit on their overview strip,
whether the condensed face is on, the docks collapsed, and the fewest and most characters a
line a wide pane holds — with View › Keep lines readable on (the default) and off. Prints
figures, asserts nothing (tests/ui/test_room_for_panes.py holds the behaviour).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
DEMO = REPO / "resources" / "demo"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument("--font-size", type=float, default=0.0,
                        help="the application font's point size (default: as the system has it)")
    args = parser.parse_args()
    os.environ.setdefault("FACTDESK_DATA_DIR", tempfile.mkdtemp(prefix="pane-room-"))

    from PySide6.QtWidgets import QApplication

    from factdesk.core.importing import import_files
    from factdesk.core.store import Review
    from factdesk.ui.app import make_app
    from factdesk.ui.mainwindow import MainWindow
    from factdesk.ui.presenter import load_snapshot

    app = make_app()
    if args.font_size:
        font = app.font()
        font.setPointSizeF(args.font_size)
        app.setFont(font)
    files = sorted(SEEDS.glob("*.txt")) + sorted(p for p in DEMO.glob("0*"))
    print(f"window {args.width}×{args.height}, font {app.font().family()} "
          f"{app.font().pointSizeF():g} pt, files: {len(files)}")
    print("outlets | keep readable | wide | strips | condensed | docks collapsed | "
          "chars a line (min–max)")
    with tempfile.TemporaryDirectory() as tmp:
        for count in range(4, 9):
            path = Path(tmp) / f"r{count}.factdesk"
            with Review.open(path, create=True, backup=False) as review:
                import_files(review, files[:count])
            for keep in (True, False):
                review = Review.open(path, backup=False)
                w = MainWindow(remember=False)
                w.keep_readable = keep
                w.resize(args.width, args.height)
                w.show()
                w.set_review(review, load_snapshot(review))
                for _ in range(20):  # let the layout and the fitting settle
                    app.processEvents()
                    QApplication.sendPostedEvents()
                panes = w.view.area.visible_panes()
                wide = [p for p in panes if not p.narrow]
                chars = [p.chars_per_line() for p in wide]
                collapsed = [d.windowTitle() for d in (w.docks.articles, w.docks.claims)
                             if d.isHidden()]
                print(f"{count} | {'on' if keep else 'off'} | {len(wide)} | "
                      f"{len(panes) - len(wide)} | {'yes' if w.view.area.tight else 'no'} | "
                      f"{', '.join(collapsed) or '—'} | {min(chars):.1f}–{max(chars):.1f}",
                      flush=True)
                w.close()
                w.deleteLater()
                app.processEvents()
    sys.exit(0)


if __name__ == "__main__":
    main()
