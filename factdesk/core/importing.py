"""Bring files into a review: read, clean, segment and store each one, then re-align.

Each file is its own transaction, so a bad file, a duplicate or a cancel part-way never
changes what is already in the review; problems are collected, not raised, so one unreadable
file does not stop the others.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from factdesk.core.check.dates import PLAUSIBLE_YEARS, parse_published
from factdesk.core.model import Article, ArticleFormat, ImportProblem, ImportReport, Passage
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.read.fetch import Capture, FetchError, fetch_url, is_url
from factdesk.core.read.ingest import IngestError, parse_article, read_article
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
    """Import files one by one; re-align the review when anything new came in, or when its
    alignment is out of date (an earlier import was killed before it re-aligned), so running
    the same ``add`` again always finishes the job."""
    report = ImportReport()
    total = len(paths)
    for done, path in enumerate(paths):
        if cancel is not None:
            cancel.raise_if_cancelled()
        name = os.fspath(path)
        if is_url(name):
            _import_url(review, name, report, done, total, progress, cancel)
            continue
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
            if article.published and parse_published(article.published) is None:
                report.notes.append(ImportProblem(
                    name,
                    f"publication date {article.published} is outside "
                    f"{PLAUSIBLE_YEARS.start}-{PLAUSIBLE_YEARS.stop - 1}; kept as written, "
                    "not used to read weekdays or 'yesterday' (correct it if it is a typo)",
                ))
        else:
            report.duplicates.append(name)
    progress(total, total, "Aligning passages")
    report.realigned = bool(realign and (report.added or review.analysis_stale))
    if report.realigned:
        analyse(review, progress=progress, cancel=cancel)
    return report


def _import_url(
    review: Review,
    url: str,
    report: ImportReport,
    done: int,
    total: int,
    progress: Progress,
    cancel: CancelToken | None,
) -> None:
    """Fetch one page and store it with its capture as version 1 (problems into ``report``)."""
    progress(done, total, f"Fetching {url}")

    def step(got: int, size: int, message: str = "") -> None:
        progress(done, total, f"{message} ({got // 1024} KB)" if got else message)

    try:
        capture = fetch_url(url, progress=step, cancel=cancel)
        article, passages = prepare_capture(capture)
    except (FetchError, IngestError) as exc:
        report.problems.append(ImportProblem(url, exc.reason))
        return
    if not passages:
        report.problems.append(ImportProblem(url, "no article sentences found"))
        return
    if review.add_web_article(article, passages, capture):
        report.added.append(article)
    else:
        report.duplicates.append(url)


# schema.org's flag for a paywalled article, set by most news sites in their JSON-LD.
_PAYWALL_RE = re.compile(rb'"isAccessibleForFree"\s*:\s*"?(false|False)"?')


def prepare_capture(capture: Capture) -> tuple[Article, list[Passage]]:
    """Read and segment a fetched page without touching any review (raises IngestError).

    The article's path is the address as given; a page behind a paywall that yields no text is
    refused as such, and one that yields little is imported with a warning.
    """
    kind = capture.content_type.split(";")[0].strip().lower()
    fmt = {
        "text/plain": ArticleFormat.TEXT,
        "text/markdown": ArticleFormat.MARKDOWN,
        "text/x-markdown": ArticleFormat.MARKDOWN,
    }.get(kind, ArticleFormat.HTML if "html" in kind else None)
    paywalled = bool(_PAYWALL_RE.search(capture.content[:1_000_000]))
    try:
        article = parse_article(capture.content, capture.url, fmt, charset=capture.charset)
    except IngestError as exc:
        if paywalled and exc.reason == "no article text found":
            raise IngestError(
                capture.url,
                "only a paywall stub: the page says it is for subscribers; save it from a "
                "browser where you are logged in and import the file",
            ) from None
        raise
    if not article.outlet:
        # Named by its site when the page names no outlet: "bbc.co.uk" says more than the
        # last part of the address ("world-europe-123") the label would otherwise fall back to.
        host = (urlsplit(capture.final_url).hostname or "").removeprefix("www.")
        article = replace(article, outlet=host)
    passages = split_passages(article)
    if paywalled and not article.warning:
        words = sum(len(p.text.split()) for p in passages)
        if words < 250:
            article = replace(
                article,
                warning="the page is marked as for subscribers only (paywall); this may be "
                "only its opening",
            )
    return article, passages
