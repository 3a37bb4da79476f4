"""The report as CSV: one row per claim, for spreadsheets.

Written with the stdlib :mod:`csv` module (RFC 4180 quoting, CRLF rows) as UTF-8 with a byte
order mark, which is what spreadsheet programs need to read non-ASCII text correctly. Any cell
that a spreadsheet could take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return, or their fullwidth forms) is prefixed with a single quote, so an article
sentence such as ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import csv
import io
import unicodedata

from factdesk.core.export.model import STATUS_LABELS, Report
from factdesk.core.export.text import CONFLICT_LABELS, evidence_removed_note, one_line

COLUMNS = (
    "claim_id",
    "status",
    "quote",
    "outlet",
    "article_title",
    "published",
    "article_id",
    "start",
    "end",
    "context_before",
    "context_after",
    "note",
    "reviewer",
    "updated",
    "supporting",
    "contradicting",
    "evidence",
    "conflicts",
    "orphaned",
    "source_url",  # web articles: the page's address
    "checked_version",  # ... the version of the page the claim was checked against
    "edited_after_publication",  # ... how its words changed at the source since
    "settled_by",  # an editor's settlement: who
    "settled_why",  # ... and why
    "reviewers_disagree",  # "yes": different verdicts, not settled (the status is unreviewed)
    "reviewer_decisions",  # with --reviewers: "Name: status (note) | ..."
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def cell(value: object) -> str:
    """A cell value that no spreadsheet will evaluate.

    The first character is compared after NFKC normalisation, because spreadsheets in East Asian
    locales take a fullwidth ``＝`` (and ``＋ － ＠``, small forms like ``﹦``) for the ASCII one.
    """
    text = str(value)
    first = unicodedata.normalize("NFKC", text[:1])
    return "'" + text if first.startswith(FORMULA_START) else text


def rows(report: Report) -> list[list[str]]:
    sources = {s.id: s for s in report.sources}
    out = []
    for c in report.claims:
        src = sources.get(c.quote.article_id)
        evidence = " | ".join(
            f"{e.relation.value}: {e.quote.outlet}"
            + (f" ({evidence_removed_note(e.removed)})" if e.removed else "")
            + f": {one_line(e.quote.text)}" for e in c.evidence
        )
        conflicts = " | ".join(
            f"{CONFLICT_LABELS.get(k.kind, k.kind.value)} ({k.severity}): {one_line(k.detail)}"
            for k in c.conflicts
        )
        values: list[object] = [
            c.id,
            STATUS_LABELS[c.status],
            one_line(c.quote.text),
            c.quote.outlet,
            one_line(src.title) if src else "",
            (src.published if src else None) or "",
            c.quote.article_id,
            c.quote.start,
            c.quote.end,
            c.quote.before.strip(),
            c.quote.after.strip(),
            c.note,
            c.reviewer,
            c.updated,
            len(c.supporting),
            len(c.contradicting),
            evidence,
            conflicts,
            "yes" if c.orphaned else "no",
            (src.url if src else "") or "",
            "" if c.checked_version is None else c.checked_version,
            c.edited,
            c.settled_by,
            c.settled_why,
            "yes" if c.disagreement else "no",
            " | ".join(f"{d.reviewer}: {d.status.value}" + (f" ({one_line(d.note)})"
                                                             if d.note else "")
                       for d in c.decisions),
        ]
        out.append([cell(v) for v in values])
    return out


def render_csv(report: Report, *, bom: bool = True) -> str:
    """The CSV text (write it with ``newline=""`` or as UTF-8 bytes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows(report))
    return (BOM if bom else "") + buffer.getvalue()
