"""The bundled demo review: four short articles about a fictional bridge closure, written for
factdesk, with agreements, paraphrases, a reprinted wire story and real conflicts.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from factdesk.core.importing import import_files
from factdesk.core.model import ImportReport
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.store import Review

DEMO_TITLE = "Demo: Harbour Bridge closure (fictional)"


def demo_files() -> list[Path]:
    """The demo articles inside the installed package, in pane order."""
    folder = resources.files("factdesk.resources") / "demo"
    return sorted(Path(str(f)) for f in folder.iterdir() if f.name[0].isdigit())


def build_demo_review(
    path: str | os.PathLike[str],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Create (or recreate) the demo review file at ``path``."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    with Review.open(target, create=True) as review:
        review.set_meta("title", DEMO_TITLE)
        files = demo_files()
        return import_files(review, files, progress=progress, cancel=cancel)
