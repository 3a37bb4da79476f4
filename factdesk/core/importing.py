"""Bring files into a review: read, clean, segment and store each one, then re-align.

Each file is its own transaction, so a bad file, a duplicate or a cancel part-way never
changes what is already in the review; problems are collected, not raised, so one unreadable
file does not stop the others.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from urllib.parse import urlsplit

from factdesk.core.check.dates import PLAUSIBLE_YEARS, parse_published
from factdesk.core.model import (
    Article,
    ArticleFormat,
    ImportedVersion,
    ImportProblem,
    ImportReport,
    Passage,
)
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.read import segment
from factdesk.core.read.fetch import Capture, FetchError, fetch_url, is_url
from factdesk.core.read.ingest import IngestError, parse_article, read_article
from factdesk.core.read.segment import split_passages
from factdesk.core.reanalysis import analyse
from factdesk.core.store import Review
from factdesk.core.versions import file_capture, store_version


def prepare_file(
    path: str | os.PathLike[str], display_path: str | None = None,
    step: Callable[[int, int], None] | None = None,
) -> tuple[Article, list[Passage]]:
    """Read and segment one file without touching any review (raises IngestError).

    ``step(done, total)``: characters segmented so far of the article's text, after every
    piece (a 5 MB article is ~40 s of segmenting); it may raise Cancelled."""
    if step is None:
        article = read_article(path, display_path)
        return article, split_passages(article)
    with segment.reporting(step):
        article = read_article(path, display_path)
        return article, split_passages(article)


#: an article longer than this (characters) reports how far its segmenting has gone
_REPORT_FROM_CHARS = 100_000

#: fewer files than this are read in this process: starting helpers would cost more than it saves
PARALLEL_FROM = 16

_Prepared = tuple[Article, list[Passage]] | str  # a file read and segmented, or why it was not


def _prepare_or_reason(path: str, step: Callable[[int, int], None] | None = None) -> _Prepared:
    try:
        return prepare_file(path, path, step)
    except IngestError as exc:
        return exc.reason


def _exit_with_parent(parent: int) -> None:
    """Helper initialiser: end this helper if the importing process dies (killed, say), so no
    orphan reader is left behind. Polled by hand: ``prctl(PR_SET_PDEATHSIG)`` is Linux-only."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="factdesk-parent-watch").start()


def _prepared(names: list[str], processes: int,
              step: Callable[[str, int, int], None] | None = None) -> Iterator[_Prepared]:
    """Each file read and segmented, in the order given.

    With ``processes`` > 1 and many files, reading and segmenting (pure Python, CPU-bound: a
    third of `align --json` on 982 articles) run in forked helpers while this process stores
    what is ready; only the reading is shared, every write stays here, one transaction per file
    in the order given, so the review is the same as with one process. Forked, so only from a
    process without other threads (the command line); a daemonic process (the window's child)
    cannot have helpers and reads alone.
    """
    parallel = (
        processes > 1
        and len(names) >= PARALLEL_FROM
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
        and "fork" in multiprocessing.get_all_start_methods()
    )
    if not parallel:  # read here: a long file reports how far its segmenting has gone
        for name in names:
            yield _prepare_or_reason(
                name, None if step is None else functools.partial(step, name))
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        results = pool.map(_prepare_or_reason, names, chunksize=4)
        try:
            yield from results
        finally:  # cancelled, or the caller stopped early: drop what is still queued
            pool.shutdown(wait=True, cancel_futures=True)


def import_files(
    review: Review,
    paths: Sequence[str | os.PathLike[str]],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    realign: bool = True,
    processes: int = 1,
    version_of: str | None = None,
) -> ImportReport:
    """Import files one by one; re-align the review when anything new came in, or when its
    alignment is out of date (an earlier import was killed before it re-aligned), so running
    the same ``add`` again always finishes the job.

    ``processes`` > 1 reads and segments many files in that many helper processes (see
    ``_prepared``); what is stored, and in which order, does not change.

    ``version_of`` (an article id): the one file given is the next version of that article,
    whatever its path — the reviewer's explicit word for "this changed copy elsewhere is
    article X", since only the same file is taken for a version on its own (see
    :meth:`KnownFiles.earlier_version`). :func:`version_target` says why it cannot be.
    """
    report = ImportReport()
    total = len(paths)
    names = [os.fspath(path) for path in paths]
    if version_of is not None and (why := version_target(review, version_of, names)):
        raise ValueError(why)
    files = [name for name in names if not is_url(name)]  # pages are fetched one by one
    current = 0
    known: KnownFiles | None = None

    def step(name: str, chars: int, length: int) -> None:
        if cancel is not None:
            cancel.raise_if_cancelled()
        # only a long article says how far it is (a short one is read in a blink)
        if length > _REPORT_FROM_CHARS:
            progress(current, total,
                     f"Reading {100 * chars // length} % of {os.path.basename(name)}")

    with contextlib.closing(_prepared(files, processes, step)) as prepared:
        for done, name in enumerate(names):
            current = done
            if cancel is not None:
                cancel.raise_if_cancelled()
            if is_url(name):
                _import_url(review, name, report, done, total, progress, cancel)
                continue
            progress(done, total, f"Reading {os.path.basename(name)}")
            result = next(prepared)
            if isinstance(result, str):
                report.problems.append(ImportProblem(name, result))
                continue
            article, passages = result
            if not passages:
                report.problems.append(ImportProblem(name, "no article sentences found"))
                continue
            if known is None:  # read once per import, not once per file
                known = KnownFiles(review.articles())
            # the lookup first: the file query runs only for a file added before
            earlier = version_of if version_of is not None \
                else known.earlier_version(article, name)
            if version_of is not None and review.has_sha256(article.sha256):
                report.duplicates.append(name)  # the same text: no new version
                continue
            if earlier is not None and not review.has_sha256(article.sha256):
                older = review.article(earlier)
                if version_of is not None and \
                        (share := shared_wording(older.text, article.text)) < VERSION_SHARE_MIN:
                    report.problems.append(ImportProblem(name, (
                        f"shares only {share:.0%} of its wording with article {earlier} "
                        f"({older.outlet or older.title}): a new version is the same article "
                        "changed, so it was not stored as one. If it is another article, add it "
                        "without --version-of")))
                    continue
                _store_file_version(review, older, article, name, report)
                continue
            if review.add_article(article, passages):
                report.added.append(article)  # never a version of a file of this import
                if version_of is None and (twin := known.namesake(article, name)) is not None:
                    report.notes.append(ImportProblem(name, (
                        f"the same file name and outlet as article {twin.id} (from "
                        f"{twin.path}): added as an article of its own. If it is a changed "
                        f"copy of that article, remove {article.id} and add the file again "
                        f"with --version-of {twin.id}")))
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
    report.realigned = bool(realign and (report.added or report.versions
                                         or review.analysis_stale))
    if report.realigned:
        analyse(review, progress=progress, cancel=cancel)
    return report


#: the least share of an article's wording a file named as its new version must keep: an edited
#: copy keeps most of it (corrections, an update paragraph); another outlet's article on the same
#: story shares a few quotes and names, and storing it as a version would orphan the claims on
#: the article and show one outlet's text under another's name
VERSION_SHARE_MIN = 0.5
_WORD = re.compile(r"\w+")


def shared_wording(old: str, new: str) -> float:
    """The share of the shorter text's three-word runs that the other text also has (word
    runs, not characters: reflowed lines and changed punctuation keep a copy a copy).
    ``independence.shared_runs`` is not used: it leaves quotations out on purpose (two
    outlets quoting one speaker are not copies), while a version keeps its quotations."""
    def runs(text: str) -> set[tuple[str, ...]]:
        words = _WORD.findall(text.lower())
        return {tuple(words[k : k + 3]) for k in range(max(0, len(words) - 2))}

    a, b = runs(old), runs(new)
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def version_target(review: Review, article_id: str, names: Sequence[str]) -> str:
    """Why ``names`` cannot be stored as the next version of ``article_id`` ("" when it can):
    one local file, of an article in the review that is not a web page (a page's versions
    come from ``refresh``, which fetches its address)."""
    if len(names) != 1:
        return f"a new version of {article_id} is one file; {len(names)} were given"
    if is_url(names[0]):
        return "a new version is a local file; a web article gets its versions by refresh"
    try:
        earlier = review.article(article_id)
    except KeyError:
        return f"no article {article_id} in this review (factdesk info lists their ids)"
    if is_url(earlier.path):
        return (f"{article_id} is a web article: its new versions come from `factdesk "
                "refresh`, which fetches its address")
    return ""


class KnownFiles:
    """The review's file articles by the path they were added from, to find the article a file
    being added is a newer version of (:meth:`earlier_version`) without a scan per file."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.by_path: dict[str, list[Article]] = {}
        self.by_name: dict[str, list[Article]] = {}
        for a in articles:
            if not is_url(a.path):  # web articles change by ``refresh``
                self.by_path.setdefault(a.path, []).append(a)
                self.by_name.setdefault(os.path.basename(a.path), []).append(a)

    def namesake(self, article: Article, name: str) -> Article | None:
        """An article added from another file of the same name and outlet: no longer taken
        for a version by itself (see :meth:`earlier_version`), but the reviewer is told, as
        it may be a changed copy (then ``add --version-of``) or another reprint."""
        found = [a for a in self.by_name.get(os.path.basename(name), ())
                 if a.id != article.id and a.path != name and a.outlet == article.outlet]
        return found[0] if len(found) == 1 else None

    def earlier_version(self, article: Article, name: str) -> str | None:
        """The id of the article a file being added is a newer version of, if any: the one
        added from the same file — a fact-checker who edits a saved story and adds it again
        means "this article changed", not "a new outlet" (QA: "Asia Report (2)").

        Only the same file counts, because storing another outlet's text as a version of an
        article loses that outlet and its disagreements (review of 3 Dec: two AP reprints
        both saved as ``article.txt`` in two folders became one article). The review keeps
        the path as it was typed, so a relative path only says "the same file" when the
        headline is the same too: the same relative name typed from another folder is often
        another story. A file name shared with another folder is never a match; two
        candidates are no answer (the file is then added as an article of its own)."""
        stored = self.by_path.get(name, [])
        if os.path.isabs(name):
            stored = stored or self.by_path.get(os.path.normpath(name), [])
        else:
            stored = [a for a in stored if " ".join(a.title.split()).lower()
                      == " ".join(article.title.split()).lower()]
        return stored[0].id if len(stored) == 1 else None


def _store_file_version(review: Review, earlier: Article, article: Article, name: str,
                        report: ImportReport) -> None:
    """``article`` (read from ``name``) as the next version of ``earlier``; see
    :mod:`factdesk.core.versions`."""
    new = replace(article, id=earlier.id)
    passages = split_passages(new)  # passage ids carry the article id
    try:
        with open(name, "rb") as f:
            raw = f.read()
    except OSError as exc:
        report.problems.append(ImportProblem(name, f"could not be read again: {exc.strerror}"))
        return
    changed = store_version(review, earlier, new, passages, file_capture(raw))
    report.versions.append(ImportedVersion(name, earlier.id, changed.versions,
                                           changed.claims_changed, changed.claims_vanished))


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
