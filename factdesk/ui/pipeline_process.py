"""Run the core's long pipeline steps (import, alignment, the demo build) in a child process.

Why a process and not just the worker thread: parts of the pipeline (regular expressions,
sparse matrix products, scikit-learn's vectoriser) hold the GIL for 100-250 ms at a time, which
froze the window for as long even though the work ran on another thread. A child process has
its own GIL, so the window stays responsive however the core is written. The child opens the
review file itself; every write there is its own SQLite transaction, so cancelling by ending
the child leaves the file exactly as it was after the last committed step.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from typing import Any

from factdesk.core.progress import Cancelled, CancelToken, Progress, no_progress

POLL_S = 0.05


class PipelineError(Exception):
    """An error raised in the child, carried back as text (exceptions may not pickle)."""


def _child(kind: str, path: str, args: list[str], out: Any) -> None:
    last = 0.0

    def progress(done: int, total: int, message: str = "") -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= POLL_S or done >= total:
            last = now
            out.put(("progress", (done, total, message)))

    try:
        result: Any = None
        if kind == "demo":
            from factdesk.core.demo import build_demo_review

            build_demo_review(path, progress=progress)
        else:
            from factdesk.core.store import Review

            # ranking only reads: no new file, no backup
            reading = kind == "rank"
            with Review.open(path, create=not reading, backup=not reading) as review:
                if kind == "import":
                    from factdesk.core.importing import import_files

                    result = import_files(review, args, progress=progress)
                elif kind == "version":  # args: the file, the article it is a version of
                    from factdesk.core.importing import import_files

                    result = import_files(review, args[:1], progress=progress,
                                          version_of=args[1])
                elif kind == "align":
                    from factdesk.core.reanalysis import analyse

                    analyse(review, progress=progress)
                elif kind == "recheck":
                    from factdesk.core.reanalysis import recheck

                    recheck(review)
                elif kind == "refresh":
                    from factdesk.core.refresh import refresh_review

                    result = refresh_review(review, progress=progress)
                elif kind == "merge":
                    from factdesk.core.merging import merge_paths_into

                    result = merge_paths_into(review, args, progress=progress)
                elif kind == "rank":
                    from factdesk.core.align.regroup import rank_counterparts

                    result = rank_counterparts(review.passages(), args[0])
        out.put(("done", result))
    except BaseException as exc:  # reported to the parent, never raised into the void
        out.put(("error", (type(exc).__name__, str(exc))))


def run_in_child(kind: str, path: str | os.PathLike[str], args: list[str] | None = None, *,
                 progress: Progress = no_progress, cancel: CancelToken | None = None) -> Any:
    """Run one pipeline step in a fresh process; called from the window's worker thread."""
    ctx = mp.get_context("spawn")  # never fork a process that runs Qt threads
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(kind, os.fspath(path), list(args or []), out),
                       daemon=True)
    proc.start()
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                proc.terminate()
                raise Cancelled()
            try:
                what, value = out.get(timeout=POLL_S)
            except queue.Empty:
                if not proc.is_alive() and out.empty():
                    raise PipelineError(
                        f"the {kind} step stopped unexpectedly (exit code {proc.exitcode})"
                    ) from None
                continue
            if what == "progress":
                progress(*value)
            elif what == "done":
                return value
            else:
                name, text = value
                raise PipelineError(f"{text}" if name == "ReviewFileError" else f"{name}: {text}")
    finally:
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join()
        out.close()
