"""Bring files into a review: read, clean, segment and store each one, then re-align.

Each file is its own transaction, so a bad file, a duplicate or a cancel part-way never
changes what is already in the review; problems are collected, not raised, so one unreadable
file does not stop the others.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from factdesk.core.model import Article, ImportProblem, ImportReport, Passage
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.read.ingest import IngestError, read_article
from factdesk.core.read.segment import split_passages
from factdesk.core.reanalysis import analyse
from factdesk.core.store import Review


def prepare_file(
    path: str | os.PathLike[str], display_path: str | None = None
) -> tuple[Article, list[Passage]]:
    """Read and segment one file without touching any review (raises IngestError)."""
    article = read_article(path, display_path)
    return article, split_passages(article)


def import_files(
    review: Review,
    paths: Sequence[str | os.PathLike[str]],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    realign: bool = True,
) -> ImportReport:
    """Import files one by one; re-align the review when anything new came in."""
    report = ImportReport()
    total = len(paths)
    for done, path in enumerate(paths):
        if cancel is not None:
            cancel.raise_if_cancelled()
        name = os.fspath(path)
        progress(done, total, f"Reading {os.path.basename(name)}")
        try:
            article, passages = prepare_file(path, name)
        except IngestError as exc:
            report.problems.append(ImportProblem(name, exc.reason))
            continue
        if not passages:
            report.problems.append(ImportProblem(name, "no article sentences found"))
            continue
        if review.add_article(article, passages):
            report.added.append(article)
        else:
            report.duplicates.append(name)
    progress(total, total, "Aligning passages")
    if realign and report.added:
        analyse(review, progress=progress, cancel=cancel)
    return report
