"""Render docs/screenshots/align-with-light.png: the seed review with *Align passage with…* (L)
open on a passage the alignment left out ("Ushakov stressed that the discussions would remain
private"), its likely places listed first; offscreen, the dialog drawn over the window.

    .venv/bin/python docs/screenshots/make_align_with.py [OUT_DIR]

Needs the shared seed corpus beside the checkout (``../shared/corpus/seeds``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402

from factdesk.core.importing import import_files  # noqa: E402
from factdesk.core.store import Review  # noqa: E402
from factdesk.ui import jobs  # noqa: E402
from factdesk.ui.app import SCREENSHOT_SIZE, make_app  # noqa: E402
from factdesk.ui.mainwindow import MainWindow  # noqa: E402
from factdesk.ui.palette import apply_theme  # noqa: E402

SEEDS = ROOT.parent / "shared/corpus/seeds"


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots"
    QCoreApplication.setOrganizationName("factdesk-screenshots")
    folder = Path(tempfile.mkdtemp(prefix="factdesk-shots-"))
    os.environ["FACTDESK_DATA_DIR"] = str(folder)
    path = folder / "seeds.factdesk"
    with Review.open(path, create=True) as review:
        import_files(review, sorted(SEEDS.glob("*.txt")))
    app = make_app()
    apply_theme(app, "light")
    w = MainWindow(remember=False)
    w.resize(SCREENSHOT_SIZE)
    w.show()
    opened = jobs.open_review(str(path))
    w.set_review(opened.review, opened.snapshot)
    wait(200)
    snap = w.snapshot
    assert snap is not None
    pid = next(p.id for p in snap.passage_by_id.values()
               if p.text.startswith("Ushakov stressed that the discussions"))
    w.view.select_passage(pid)
    w.align_selected_with()
    while w.align_dialog is None or not w.align_dialog.isVisible():
        wait(50)
    dialog = w.align_dialog
    wait(300)
    shot = w.grab()
    painter = QPainter(shot)
    at = QPoint((shot.width() - dialog.width()) // 2, 140)
    painter.drawPixmap(at, dialog.grab())
    painter.setPen(QColor(90, 90, 90))  # the window frame an offscreen grab leaves out
    painter.drawRect(at.x() - 1, at.y() - 1, dialog.width() + 1, dialog.height() + 1)
    painter.end()
    out.mkdir(parents=True, exist_ok=True)
    target = out / "align-with-light.png"
    shot.save(str(target), "PNG")
    print(target)
    dialog.reject()
    w.close()
    wait(50)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
