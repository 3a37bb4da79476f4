"""The long jobs the window hands to its worker: open, import, re-align, build the demo.

Each is a plain function of ``(progress, cancel)`` plus its inputs and returns a result object
for the GUI thread; none touches Qt. The core's pipeline (reading, alignment, conflicts) is
imported lazily so the window still opens existing reviews when part of it is missing, and for
review files runs in a child process (see :mod:`factdesk.ui.pipeline_process`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factdesk.core.model import ImportReport, Passage
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.ui.pipeline_process import run_in_child
from factdesk.ui.presenter import ReviewSnapshot, load_snapshot

if TYPE_CHECKING:
    from factdesk.core.merging import MergeReport
    from factdesk.core.model import DiffSpan
    from factdesk.core.refresh import RefreshReport
    from factdesk.core.store import Review


@dataclass(slots=True)
class Opened:
    review: Review
    snapshot: ReviewSnapshot
    report: ImportReport = field(default_factory=ImportReport)
    refreshed: RefreshReport | None = None  # set by Check for updates
    merged: MergeReport | None = None  # set by Merge reviews


def open_review(path: str, *, create: bool = False, progress: Progress = no_progress,
                cancel: CancelToken | None = None) -> Opened:
    from factdesk.core.store import Review

    shared = path.lower().startswith(("postgresql://", "postgres://"))
    progress(0, 1, "Connecting to the server" if shared else f"Opening {os.path.basename(path)}")
    review = Review.open(path, create=create)
    return Opened(review, load_snapshot(review))


def import_articles(review: Review, paths: list[str], *, progress: Progress = no_progress,
                    cancel: CancelToken | None = None) -> Opened:
    """Import files and re-align; a cancel keeps each fully imported file (own transaction)."""
    if review.path is not None:
        report = run_in_child("import", review.path, paths, progress=progress, cancel=cancel)
    else:  # an in-memory review cannot be shared with another process
        from factdesk.core.importing import import_files

        report = import_files(review, paths, progress=progress, cancel=cancel)
    return Opened(review, load_snapshot(review), report)


def import_version(review: Review, path: str, article_id: str, *,
                   progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> Opened:
    """One file as the next version of ``article_id`` (File › Add a new version of an
    article; ``factdesk add --version-of``), then re-align."""
    if review.path is not None:
        report = run_in_child("version", review.path, [path, article_id], progress=progress,
                              cancel=cancel)
    else:
        from factdesk.core.importing import import_files

        report = import_files(review, [path], progress=progress, cancel=cancel,
                              version_of=article_id)
    return Opened(review, load_snapshot(review), report)


def new_review_from_files(target: str, paths: list[str], *, progress: Progress = no_progress,
                          cancel: CancelToken | None = None) -> Opened:
    from factdesk.core.store import Review

    review = Review.open(target, create=True)
    return import_articles(review, paths, progress=progress, cancel=cancel)


def realign(review: Review, *, progress: Progress = no_progress,
            cancel: CancelToken | None = None) -> Opened:
    if review.path is not None:
        run_in_child("align", review.path, progress=progress, cancel=cancel)
    else:
        from factdesk.core.reanalysis import analyse

        analyse(review, progress=progress, cancel=cancel)
    return Opened(review, load_snapshot(review))


def recheck(review: Review, *, progress: Progress = no_progress,
            cancel: CancelToken | None = None) -> Opened:
    """Conflicts and suggestions again over the stored groups (after a date edit)."""
    progress(0, 1, "Checking again")
    if review.path is not None:
        run_in_child("recheck", review.path, progress=progress, cancel=cancel)
    else:
        from factdesk.core.reanalysis import recheck as recheck_review

        recheck_review(review)
    return Opened(review, load_snapshot(review))


#: reviews with more passages than this rank a passage's matches in a child process: the
#: feature fitting holds the GIL (measured 0.16 s for 226 passages, 0.24 s for 421, 0.45 s
#: for 881, 1.2 s for 1,899), and a child costs about a second to start
RANK_IN_THREAD_MAX = 500


def rank_matches(review: Review, passages: list[Passage], passage_id: str, *,
                 progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> list[tuple[str, float]]:
    """Every passage of the other articles scored against ``passage_id``, best first."""
    progress(0, 1, "Finding likely matches")
    if review.path is not None and len(passages) > RANK_IN_THREAD_MAX:
        ranked = run_in_child("rank", review.path, [passage_id], progress=progress,
                              cancel=cancel)
    else:
        from factdesk.core.align.regroup import rank_counterparts

        ranked = rank_counterparts(passages, passage_id)
    if cancel is not None:
        cancel.raise_if_cancelled()
    progress(1, 1, "Finding likely matches")
    return ranked


def check_for_updates(review: Review, *, progress: Progress = no_progress,
                      cancel: CancelToken | None = None) -> Opened:
    """Re-fetch the web articles (a child process: fetching, reading and re-aligning); each
    new version is its own transaction, so a cancel keeps the articles already updated."""
    if review.path is not None:
        report = run_in_child("refresh", review.path, progress=progress, cancel=cancel)
    else:
        from factdesk.core.refresh import refresh_review

        report = refresh_review(review, progress=progress, cancel=cancel)
    return Opened(review, load_snapshot(review), refreshed=report)


def merge_reviews(review: Review, paths: list[str], *, progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> Opened:
    """File › Merge reviews: each file merged into the open review (one transaction each,
    the reviewers' files only read) and re-aligned when articles or alignment corrections
    came in — in a child process, as an import is: a big merge's transaction would otherwise
    hold the review (and the window's reads) for seconds."""
    if review.path is not None:
        total = run_in_child("merge", review.path, paths, progress=progress, cancel=cancel)
    else:
        from factdesk.core.merging import merge_paths_into

        total = merge_paths_into(review, paths, progress=progress, cancel=cancel)
    return Opened(review, load_snapshot(review), merged=total)


@dataclass(frozen=True, slots=True)
class VersionPair:
    """Two versions of one web article and their word diff, for the Versions dialog."""

    article_id: str
    versions: list[int]
    old: int
    new: int
    old_text: str
    new_text: str
    spans: list[DiffSpan]
    captured: dict[int, str]  # version -> fetch time


def compare_versions(review: Review, article_id: str, old: int | None = None,
                     new: int | None = None, *, progress: Progress = no_progress,
                     cancel: CancelToken | None = None) -> VersionPair:
    """The word diff of two versions, computed off the GUI thread (long articles take a while)."""
    from factdesk.core.refresh import version_diff

    progress(0, 1, "Comparing versions")
    captures = review.captures(article_id)
    versions = [c.version for c in captures]
    new = new if new is not None else versions[-1]
    old = old if old is not None else (versions[-2] if len(versions) > 1 else new)
    a, b, spans = version_diff(review, article_id, old, new)
    return VersionPair(article_id, versions, old, new, a, b, spans,
                       {c.version: c.fetched_at for c in captures})


def reload(review: Review, *, progress: Progress = no_progress,
           cancel: CancelToken | None = None) -> Opened:
    return Opened(review, load_snapshot(review))


def open_demo(path: str, *, progress: Progress = no_progress,
              cancel: CancelToken | None = None) -> Opened:
    """Open the bundled demo review, building it on first use (takes a few seconds).

    File › Open Demo always reaches it: a demo file from an older factdesk, or one that no
    longer opens, is put aside (``demo.previous.factdesk``, never deleted) and built again."""
    if Path(path).exists() and not _is_current_demo(path):
        aside = Path(path).with_name("demo.previous" + Path(path).suffix)
        os.replace(path, aside)
        for side in ("-wal", "-shm"):
            Path(path + side).unlink(missing_ok=True)
    if not Path(path).exists():
        tmp = path + ".building"
        run_in_child("demo", tmp, progress=progress, cancel=cancel)
        os.replace(tmp, path)  # a cancelled or failed build never leaves a half demo behind
    return open_review(path, progress=progress, cancel=cancel)


def _is_current_demo(path: str) -> bool:
    from factdesk.core.demo import is_current_demo
    from factdesk.core.store import Review

    try:
        with Review.open(path, backup=False) as review:
            return is_current_demo(review)
    except Exception:  # damaged, foreign or newer: build a fresh demo beside it
        return False
