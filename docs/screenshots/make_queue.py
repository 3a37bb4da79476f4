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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from factdesk.cli.main import main as cli  # noqa: E402
from factdesk.ui import jobs  # noqa: E402
from factdesk.ui.app import SCREENSHOT_SIZE, make_app  # noqa: E402
from factdesk.ui.mainwindow import MainWindow  # noqa: E402
from factdesk.ui.palette import apply_theme  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(theme: str, review: Path, out: Path) -> None:
    app = make_app()
    apply_theme(app, theme)
    w = MainWindow(remember=False)
    w.resize(SCREENSHOT_SIZE)
    w.show()
    opened = jobs.open_review(str(review))
    w.set_review(opened.review, opened.snapshot)
    wait(300)
    w.open_queue()
    wait(600)
    out.parent.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(out), "PNG")
    w.close()
    wait(50)


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
