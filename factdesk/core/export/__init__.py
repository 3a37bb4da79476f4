"""Annotated reports: one report model, one renderer per format.

``build_report`` reads a review into a :class:`Report`; each renderer turns a Report into text.
:func:`export_review` does both and writes the file (for every format but PDF, which needs Qt
and lives in :mod:`factdesk.ui.pdf_export`). The export dialog lists :data:`FORMATS`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factdesk.core.export.build import assemble_report, build_report
from factdesk.core.export.claimreview import render_claimreview
from factdesk.core.export.csv import render_csv
from factdesk.core.export.html import render_html
from factdesk.core.export.json import render_json, report_schema, report_to_json
from factdesk.core.export.markdown import render_markdown
from factdesk.core.export.model import ExportOptions, Report
from factdesk.core.leftovers import clean_beside, part_name
from factdesk.core.progress import CancelToken, Progress, no_progress


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    extension: str  # with the dot
    description: str
    needs_qt: bool = False


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("html", ".html", "Web page (one self-contained file, prints well)"),
        ExportFormat("pdf", ".pdf", "PDF document (A4)", needs_qt=True),
        ExportFormat("md", ".md", "Markdown (reads well on GitHub or GitLab)"),
        ExportFormat("csv", ".csv", "Spreadsheet (CSV, one row per claim)"),
        ExportFormat("json", ".json", "JSON (everything, with a published schema)"),
        ExportFormat(
            "claimreview", ".jsonld", "schema.org ClaimReview (JSON-LD for search engines)"
        ),
    )
}

RENDERERS: dict[str, Callable[[Report], str]] = {
    "html": render_html,
    "md": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "claimreview": render_claimreview,
}


class ExportError(Exception):
    """An export that cannot be done here, with a message for the user."""


def renderer_for(fmt: str) -> Callable[[Report], str]:
    """The renderer of a non-PDF format; :class:`ExportError` for PDF or an unknown name."""
    try:
        return RENDERERS[fmt]
    except KeyError:
        if fmt == "pdf":
            raise ExportError(
                "PDF is drawn by Qt: use factdesk.ui.pdf_export.export_review_pdf"
            ) from None
        raise ExportError(f"unknown export format: {fmt!r}") from None


def render(report: Report, fmt: str) -> str:
    """The report as text in one of the non-PDF formats."""
    return renderer_for(fmt)(report)


def temp_path_beside(target: Path) -> Path:
    """A fresh name in the target's folder (so the final rename is atomic), carrying this
    process's id so that the next export removes it if this one is killed; leftovers of
    earlier killed exports to the same target are removed here."""
    clean_beside(target)
    return part_name(target, uuid.uuid4().hex[:10])


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text so that ``path`` is either the old file or the complete new one.

    The temporary file is opened normally (not with ``mkstemp``), so the result gets the
    usual permissions from the user's umask rather than owner-only ones.
    """
    target = Path(path)
    tmp = temp_path_beside(target)
    try:
        with tmp.open("x", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_review(
    review: Any,
    fmt: str,
    out_path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Report:
    """Build the report for ``review`` and write it to ``out_path`` as ``fmt``.

    Raises :class:`ExportError` for ``"pdf"`` (the UI calls
    :func:`factdesk.ui.pdf_export.export_review_pdf`) and for unknown formats; raises
    :class:`~factdesk.core.progress.Cancelled` if ``cancel`` fires (nothing is written then).
    """
    renderer = renderer_for(fmt)
    report = build_report(review, options, progress=progress, cancel=cancel)
    if cancel is not None:
        cancel.raise_if_cancelled()
    progress(0, 1, f"Writing {FORMATS[fmt].description.split(' (')[0]}")
    write_text_atomically(out_path, renderer(report))
    progress(1, 1, "Done")
    return report


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportFormat",
    "ExportOptions",
    "Report",
    "assemble_report",
    "build_report",
    "export_review",
    "render",
    "renderer_for",
    "report_schema",
    "report_to_json",
]
