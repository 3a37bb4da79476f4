"""Start the Qt application (placeholder until the review window lands)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from factdesk import APP_NAME, __version__


def run_gui(
    inputs: Sequence[str] = (), screenshot: str | None = None, theme: str | None = None
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    window = QMainWindow()
    window.setWindowTitle(f"factdesk {__version__}")
    window.resize(1200, 800)
    window.show()
    if screenshot:

        def grab() -> None:
            window.grab().save(screenshot)
            app.quit()

        QTimer.singleShot(100, grab)
    return app.exec()
