"""Leftovers of killed factdesk runs: temporary files named after the process that made them.

Every temporary file or folder factdesk makes outside the final target carries the maker's
process id in its name (``.story.factdesk.4242.new``, ``.report.pdf.4242.1a2b3c.part``,
``factdesk-pdf-4242-…``). A run that is killed cannot remove its own; the next run removes
those whose maker is gone. Only names of exactly these shapes are touched, never a file a
running factdesk is still writing, and never anything else in the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (a reused id reads as alive: nothing is removed)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a platform that cannot tell: leave it
    return True


def new_review_name(target: Path) -> Path:
    """Where ``factdesk new`` builds ``target`` before moving it into place."""
    return target.with_name(f".{target.name}.{os.getpid()}.new")


def part_name(target: Path, token: str) -> Path:
    """Where an export writes ``target`` before renaming it into place."""
    return target.with_name(f".{target.name}.{os.getpid()}.{token}.part")


PDF_FOLDER_PREFIX = "factdesk-pdf-"


def pdf_folder_prefix() -> str:
    return f"{PDF_FOLDER_PREFIX}{os.getpid()}-"


def _remove_dead(paths: list[tuple[Path, int]]) -> list[Path]:
    removed = []
    for path, pid in paths:
        if process_alive(pid):
            continue
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def clean_beside(target: str | os.PathLike[str]) -> list[Path]:
    """Remove a killed ``new``'s ``.NAME.PID.new`` (+ ``-wal``/``-shm``) and a killed export's
    ``.NAME.PID.TOKEN.part`` files next to ``target``; returns what was removed."""
    target = Path(target)
    pattern = re.compile(
        rf"^\.{re.escape(target.name)}\.(\d+)\.(?:new(?:-wal|-shm|-journal)?|[0-9a-f]+\.part)$"
    )
    try:
        names = os.listdir(target.parent if str(target.parent) else ".")
    except OSError:
        return []
    found = [(target.with_name(n), int(m.group(1))) for n in names if (m := pattern.match(n))]
    return _remove_dead(found)


def clean_pdf_folders() -> list[Path]:
    """Remove PDF helpers' ``factdesk-pdf-PID-…`` folders in the temporary folder whose
    export was killed."""
    root = Path(tempfile.gettempdir())
    pattern = re.compile(rf"^{re.escape(PDF_FOLDER_PREFIX)}(\d+)-")
    try:
        names = os.listdir(root)
    except OSError:
        return []
    return _remove_dead([(root / n, int(m.group(1))) for n in names if (m := pattern.match(n))])
