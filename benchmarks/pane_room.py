"""Characters a line in the article panes at 1920×1080, for 4 to 9, 12, 16 and 24 outlets.

    .venv/bin/python benchmarks/pane_room.py [--width 1920 --height 1080] [--font-size PT]

Opens the window offscreen (the system font as Qt finds it), builds a review of the seed
articles and then the demo's (``../shared/corpus/seeds``, ``resources/demo``), one more each
time, and prints for each count: how many panes are wide, how many sit on their overview strip,
whether the condensed face is on, the docks collapsed, and the fewest and most characters a
line a wide pane holds — with View › Keep lines readable on (the default) and off — and the
CPU time of switching every pane to the condensed face and back (``PaneArea.set_tight``, the
fitting's costly step, on the GUI thread), halved. 16 and 24 outlets repeat the nine files,
each copy with a first line of its own (so a new article). Prints figures, asserts nothing
(tests/ui/test_room_for_panes.py holds the behaviour).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
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
          "chars a line (min–max) | set_tight CPU ms")
    with tempfile.TemporaryDirectory() as tmp:
        copies = Path(tmp) / "copies"
        copies.mkdir()
        for n in range(len(files), 24):
            src = files[n % len(files)]
            extra = copies / f"{n:02d}-{src.name}"
            extra.write_text(f"Copy {n} of this story.\n\n{src.read_text(encoding='utf-8')}",
                             encoding="utf-8")
            files.append(extra)
        for count in [*range(4, 10), 12, 16, 24]:
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
                area = w.view.area
                started = time.process_time()
                area.set_tight(not area.tight)
                area.set_tight(not area.tight)
                switch = (time.process_time() - started) / 2 * 1000
                collapsed = [d.windowTitle() for d in (w.docks.articles, w.docks.claims)
                             if d.isHidden()]
                print(f"{count} | {'on' if keep else 'off'} | {len(wide)} | "
                      f"{len(panes) - len(wide)} | {'yes' if w.view.area.tight else 'no'} | "
                      f"{', '.join(collapsed) or '—'} | {min(chars):.1f}–{max(chars):.1f} | "
                      f"{switch:.0f}",
                      flush=True)
                w.close()
                w.deleteLater()
                app.processEvents()
    sys.exit(0)


if __name__ == "__main__":
    main()
