"""Check the review's web articles for later edits: re-fetch, store a new version, re-anchor.

A page checked on Monday may be quietly edited on Tuesday. For every article that came from a
URL, :func:`refresh_review` fetches the page again; when the extracted article text differs from
the stored one it stores the fetch as the next version (raw bytes, headers, time), swaps in the
new text and passages, finds every claim and evidence span again with the existing anchors
(:mod:`factdesk.core.anchors`), and flags each claim whose words changed or vanished ("edited
after publication"). A claim whose words are still there, wherever they moved, is untouched.
The alignment is recomputed once at the end when anything changed.

Each article's new version is its own transaction (and the re-anchoring one more), so a failed
fetch or a cancel never half-changes an article; a page that cannot be fetched is reported with
its reason and left as it was.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from factdesk.core.align.diff import diff_words
from factdesk.core.importing import prepare_capture
from factdesk.core.model import Article, DiffKind, DiffSpan
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.read.fetch import FetchError, fetch_url
from factdesk.core.read.ingest import NOT_AN_ARTICLE, IngestError
from factdesk.core.read.segment import split_passages
from factdesk.core.reanalysis import analyse
from factdesk.core.store import Review, ReviewFileError
from factdesk.core.versions import ChangedArticle, store_version

__all__ = ["ChangedArticle", "RefreshReport", "refresh_review", "version_changes", "version_diff"]


@dataclass(slots=True)
class RefreshReport:
    changed: list[ChangedArticle] = field(default_factory=list)
    unchanged: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """``{"changed": [{"article", "url", "versions", ...}], "unchanged": [...],
        "failed": [{"url", "reason"}]}`` — the shape ``factdesk refresh --json`` prints."""
        return {
            "changed": [
                {
                    "article": c.article,
                    "url": c.url,
                    "versions": c.versions,
                    "claims_changed": list(c.claims_changed),
                    "claims_vanished": list(c.claims_vanished),
                    "evidence_changed": list(c.evidence_changed),
                }
                for c in self.changed
            ],
            "unchanged": list(self.unchanged),
            "failed": list(self.failed),
        }


def refresh_review(
    review: Review,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    realign: bool = True,
) -> RefreshReport:
    """Re-fetch every web article of the review; see the module docstring."""
    report = RefreshReport()
    latest = {}
    for capture in review.captures(with_text=False):
        if capture.url:  # a re-added file's versions have no address to fetch
            latest[capture.article_id] = capture  # oldest first: the last one is the newest
    articles = [a for a in review.articles() if a.id in latest]
    for done, article in enumerate(articles):
        if cancel is not None:
            cancel.raise_if_cancelled()
        url = latest[article.id].url
        progress(done, len(articles), f"Checking {url}")
        try:
            changed = _refresh_one(review, article, url, cancel)
        except (FetchError, IngestError) as exc:
            report.failed.append({"article": article.id, "url": url, "reason": exc.reason})
            continue
        if changed is None:
            report.unchanged.append({"article": article.id, "url": url})
        else:
            report.changed.append(changed)
    progress(len(articles), len(articles), "Aligning passages")
    if realign and report.changed:
        analyse(review, progress=progress, cancel=cancel)
    return report


def _refresh_one(
    review: Review, article: Article, url: str, cancel: CancelToken | None
) -> ChangedArticle | None:
    capture = fetch_url(url, cancel=cancel)
    fresh, _ = prepare_capture(capture)
    if fresh.text == article.text:
        return None
    if fresh.warning.startswith(NOT_AN_ARTICLE) and not article.warning:
        # A removed story often redirects to the home page with "200 OK": that is no new
        # version of the article, and storing it would orphan every claim.
        moved = f" (it now leads to {capture.final_url})" if capture.final_url != url else ""
        raise IngestError(
            url, f"the page no longer looks like an article{moved}; kept the version we have"
        )
    new = replace(fresh, id=article.id)
    passages = split_passages(new)
    if not passages:
        raise IngestError(url, "the new version has no article sentences; kept the old one")
    try:
        return store_version(review, article, new, passages, capture, url)
    except (sqlite3.IntegrityError, ReviewFileError) as exc:
        if "UNIQUE" in str(exc) or isinstance(exc, sqlite3.IntegrityError):
            raise IngestError(
                url, "the page now has the same content as another article in the review"
            ) from None
        raise


def version_diff(review: Review, article_id: str, old: int | None = None, new: int | None = None
                 ) -> tuple[str, str, list[DiffSpan]]:
    """Two versions' texts (default: the last two) and their word diff (diff-match-patch over
    word tokens, as between outlets): equal + delete spans give the old text, equal + insert
    the new one."""
    captures = {c.version: c for c in review.captures(article_id)}
    if not captures:
        raise KeyError(article_id)
    versions = sorted(captures)
    new = new if new is not None else versions[-1]
    old = old if old is not None else (versions[-2] if len(versions) > 1 else new)
    a, b = captures[old].text, captures[new].text
    return a, b, diff_words(a, b)


_CONTEXT = 40


def version_changes(review: Review, article_id: str) -> list[str]:
    """The last two versions' differences as lines for a terminal:
    ``…context [-old words-]{+new words+} context…`` (the convention of ``git diff
    --word-diff``)."""
    a, _, spans = version_diff(review, article_id)
    lines: list[str] = []
    i = 0
    while i < len(spans):
        if spans[i].kind is DiffKind.EQUAL:
            i += 1
            continue
        before = _tail(spans[i - 1].text) if i > 0 else ""
        parts = []
        while i < len(spans) and (
            spans[i].kind is not DiffKind.EQUAL or (len(spans[i].text) < 12 and i + 1 < len(spans))
        ):
            span = spans[i]
            if span.kind is DiffKind.DELETE:
                parts.append(f"[-{span.text}-]")
            elif span.kind is DiffKind.INSERT:
                parts.append(f"{{+{span.text}+}}")
            else:
                parts.append(span.text)
            i += 1
        after = _head(spans[i].text) if i < len(spans) else ""
        line = " ".join((before + "".join(parts) + after).split())
        lines.append(f"…{line}…")
    return lines


def _tail(text: str) -> str:
    """The last words of ``text`` up to ~40 characters, never half a word."""
    if len(text) <= _CONTEXT:
        return text
    cut = text[-_CONTEXT:]
    return cut[cut.find(" ") + 1 :] if " " in cut else cut


def _head(text: str) -> str:
    if len(text) <= _CONTEXT:
        return text
    cut = text[:_CONTEXT]
    return cut[: cut.rfind(" ")] if " " in cut else cut
