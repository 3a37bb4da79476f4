"""What the ``make_*.py`` scripts here share: an offscreen window at the screenshot size
(1920x1080) in a theme, opened on a review, and a wait that lets Qt lay out and paint."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from factdesk.ui import jobs  # noqa: E402
from factdesk.ui.app import SCREENSHOT_SIZE, make_app  # noqa: E402
from factdesk.ui.mainwindow import MainWindow  # noqa: E402
from factdesk.ui.palette import apply_theme  # noqa: E402


def wait(ms: int) -> None:
    """Run Qt's event loop for ``ms`` milliseconds (layout, workers' results, paints)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def window(theme: str, review: Path | str, settle_ms: int = 300) -> MainWindow:
    """A shown window in ``theme`` at the screenshot size, with ``review`` open in it."""
    app = make_app()
    apply_theme(app, theme)
    w = MainWindow(remember=False)
    w.resize(SCREENSHOT_SIZE)
    w.show()
    opened = jobs.open_review(str(review))
    w.set_review(opened.review, opened.snapshot)
    wait(settle_ms)
    return w


def save(w: MainWindow, out: Path) -> None:
    """The window as a PNG at ``out``; the window is closed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(out), "PNG")
    w.close()
    wait(50)
