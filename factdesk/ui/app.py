"""Start the review window: the QApplication and its names, the theme, an exception hook that
shows a dialog instead of crashing, and the ``--screenshot`` mode used by docs and CI."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from factdesk import APP_ID, APP_NAME, REVIEW_SUFFIX, __version__
from factdesk.ui import settings
from factdesk.ui.palette import apply_theme

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = QSize(1920, 1080)
SCREENSHOT_TIMEOUT_MS = 120_000
ORGANIZATION = "factdesk"


def make_app() -> QApplication:
    """The one QApplication, with the names QSettings and QStandardPaths derive paths from."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        if not QCoreApplication.organizationName():
            QCoreApplication.setOrganizationName(ORGANIZATION)
            QCoreApplication.setOrganizationDomain("factdesk.org")
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(sys.argv[:1])
        app.setDesktopFileName(APP_ID)
        from factdesk.ui.about import app_icon

        app.setWindowIcon(app_icon())
    return app


def prepare_platform(*, screenshot: bool) -> str:
    """Before Qt loads a platform plugin: a screenshot renders offscreen by itself (it needs no
    display, and looks the same everywhere); a window checks that the xcb plugin's system
    libraries are there. Returns why the window cannot open, or "" when it can."""
    from factdesk import desktop_check

    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return ""
    found = desktop_check.check()
    if found.platform != "xcb":
        return ""
    if not desktop_check.has_display():
        return ("factdesk: no display here (DISPLAY and WAYLAND_DISPLAY are unset), so the "
                "window cannot open. `factdesk gui --screenshot out.png` renders it offscreen.\n")
    return found.message() if found.missing else ""


def install_excepthook() -> None:
    """Log an unexpected error and tell the reviewer, rather than let Qt abort the process."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unexpected error\n%s", text)
        sys.stderr.write(text)
        if QApplication.instance() is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                              f"Something went wrong: {exc}\n\nThe review file is safe: every "
                              "edit was saved when it was made.")
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook


def run_gui(
    inputs: Sequence[str] = (), screenshot: str | None = None, theme: str | None = None
) -> int:
    """Open the window on ``inputs`` (a review file, or articles for a temporary review).

    With no inputs the last review is reopened, or on a first start the bundled demo review
    (built into the app-data folder on first use). With ``screenshot`` the window waits until
    the alignment has been painted, selects the first aligned group, saves a PNG and exits.
    """
    from factdesk.ui.mainwindow import MainWindow

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if QApplication.instance() is None:
        refusal = prepare_platform(screenshot=screenshot is not None)
        if refusal:
            sys.stderr.write(refusal)
            return 2
    app = make_app()
    chosen = theme or (settings.THEME.get() if not screenshot else "light")
    apply_theme(app, chosen)
    if not screenshot:
        install_excepthook()
    window = MainWindow(remember=screenshot is None)
    # the PDF helpers' folders of an export that was killed: gone at the next start, not only
    # at the next PDF export (off the path to the first paint: a listing of the temp folder)
    QTimer.singleShot(0, _clean_pdf_leftovers)
    status = {"code": 0}
    if not screenshot:
        if window.first_start:  # five outlets need the whole screen to read side by side
            window.showMaximized()
        else:
            window.show()
        _open_inputs(window, list(inputs), temporary=False)
        QTimer.singleShot(0, window.ask_identity_once)  # the first start: who is reviewing?
        return app.exec()
    # A local event loop, not app.exec(): quitting the application would stop every later
    # event loop in this process, and the screenshot also runs in-process from tests.
    loop = QEventLoop()
    window.resize(SCREENSHOT_SIZE)
    _arm_screenshot(loop, window, screenshot, status)
    window.show()
    made = _open_inputs(window, list(inputs), temporary=True)
    loop.exec()
    window.close()  # closes the review, so its folder can go
    if made is not None:  # the screenshot's throwaway review: nothing of it is kept
        shutil.rmtree(made, ignore_errors=True)
    return status["code"]


def _clean_pdf_leftovers() -> None:
    from factdesk.core.leftovers import clean_pdf_folders

    for folder in clean_pdf_folders():
        log.info("removed %s, left by a PDF export that was killed", folder)


def _open_inputs(window: object, inputs: list[str], *, temporary: bool) -> Path | None:
    """Open what the command line named; returns the throwaway folder made for a screenshot's
    temporary review (else None)."""
    from factdesk.ui.mainwindow import MainWindow, _is_review_file

    assert isinstance(window, MainWindow)
    if len(inputs) == 1 and _is_review_file(inputs[0]):
        window.open_path(inputs[0])
    elif inputs:
        folder = Path(tempfile.mkdtemp(prefix="factdesk-")) if temporary \
            else settings.app_data_dir() / "reviews"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / ("Untitled review" + REVIEW_SUFFIX)
        if target.exists():
            target.unlink()
        window.new_review(str(target), [str(Path(p).resolve()) for p in inputs])
        return folder if temporary else None
    else:
        last = settings.LAST_REVIEW.get() if window.remember else ""
        if last and Path(last).exists():
            window.open_path(last)
        else:
            window.open_demo()
    return None


def _arm_screenshot(loop: QEventLoop, window: object, out: str, status: dict[str, int]) -> None:
    from factdesk.ui.mainwindow import MainWindow

    assert isinstance(window, MainWindow)
    deadline = QTimer(window)
    deadline.setSingleShot(True)

    def shoot() -> None:
        if window.view.selection.group_id is None:  # the demo opens on a claim already
            window.view.step_group(1)  # the first aligned group: counterparts and diffs show
        QTimer.singleShot(300, save)

    def save(force: bool = False) -> None:
        if status.get("saved"):
            return
        if not force and not window.settled():  # a big review's panes, underlines, details
            QTimer.singleShot(100, save)
            return
        if not force and not status.get("warmed"):
            # a paint measures the underlines of blocks no paint asked for yet in later turns:
            # one grab first, so the saved one has every underline (the demo's PNG missed one
            # claim's in 2 of 3 runs)
            status["warmed"] = 1
            window.grab()
            QTimer.singleShot(100, save)
            return
        status["saved"] = 1
        deadline.stop()
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(out, "PNG"):
            status["code"] = 1
        window.close()
        loop.quit()

    def failed(exc: BaseException) -> None:
        sys.stderr.write(f"factdesk: {exc}\n")
        status["code"] = 1
        QTimer.singleShot(200, lambda: save(force=True))

    def timeout() -> None:
        sys.stderr.write("factdesk: the review did not open in time; saving what is shown\n")
        status["code"] = 1
        save(force=True)

    def shown() -> None:
        if not status.get("armed"):  # shoot once, at the first painted review
            status["armed"] = 1
            QTimer.singleShot(300, shoot)

    window.review_shown.connect(shown)
    window.task_failed.connect(failed)
    deadline.timeout.connect(timeout)
    deadline.start(SCREENSHOT_TIMEOUT_MS)
