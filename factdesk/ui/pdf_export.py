"""The report as a PDF, drawn by Qt (the core never imports Qt, so the PDF lives here).

The core renders print-ready HTML in the subset Qt's rich text understands, in parts
(:func:`factdesk.core.export.print_html.render_print_html_parts`); this module lays each part
out on A4 pages with its own ``QTextDocument`` and paints the pages onto one ``QPdfWriter``
itself, so every page gets a footer ("report title · Page N of M") that
``QTextDocument.print_`` would not give.
Text stays text in the PDF (selectable, searchable).

Works without a window: a ``QApplication`` is created if none exists (use
``QT_QPA_PLATFORM=offscreen`` on a server). Only call it from the thread that owns the
application object, or from a worker while the GUI thread does not touch the same document.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)

from factdesk import __version__
from factdesk.core.export import temp_path_beside
from factdesk.core.export.build import build_report
from factdesk.core.export.model import ExportOptions, Report
from factdesk.core.export.print_html import CLAIMS_PER_PART, render_print_html_parts
from factdesk.core.progress import CancelToken, Progress, no_progress

RESOLUTION = 300  # dots per inch of the PDF's coordinate system (text stays vector)
MARGINS_MM = QMarginsF(16, 15, 16, 12)  # left, top, right, bottom (the footer sits inside)
FOOTER_PT = 8


def ensure_gui_app() -> QGuiApplication:
    """The running application, or a new one (offscreen when there is no display).

    A widgets ``QApplication``, not a bare ``QGuiApplication``: a window or dialog created
    later in the same process (the export dialog, a test) needs one, and Qt aborts if the
    process already holds the lesser kind.
    """
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1] or ["factdesk"])
    assert isinstance(app, QGuiApplication)
    return app


def export_review_pdf(
    review: object,
    out_path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Build the report for an open review and write it as a PDF; returns the page count."""
    report = build_report(review, options, progress=progress, cancel=cancel)  # type: ignore[arg-type]
    return export_pdf(report, out_path, progress=progress, cancel=cancel)


def export_pdf(
    report: Report,
    out_path: str | os.PathLike[str],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    claims_per_part: int = CLAIMS_PER_PART,
) -> int:
    """Write ``report`` as an A4 PDF at ``out_path`` (replaced only when complete)."""
    ensure_gui_app()
    target = Path(out_path)
    progress(0, 3, "Laying out the report")
    parts = render_print_html_parts(report, claims_per_part)
    tmp = temp_path_beside(target)
    try:
        pages = _write_pdf(report, parts, str(tmp), progress, cancel)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    progress(3, 3, "Done")
    return pages


@dataclass(slots=True)
class _Piece:
    """One laid-out part of the report: its first page continues the previous part's last."""

    doc: QTextDocument | None
    pages: int


def _write_pdf(
    report: Report, parts: list[str], path: str, progress: Progress, cancel: CancelToken | None
) -> int:
    """Lay out every part (to know the page count for the footers), then paint them in turn.

    One ``QTextDocument`` for a whole big report lays out and paints more and more slowly as it
    grows, so each part of :func:`render_print_html_parts` gets its own document. A part starts
    with blank space as tall as what the previous part used of its last page, and its first
    page is painted onto that same PDF page: the report flows on without a half-empty page at
    each seam. Each document is dropped once painted.
    """
    writer = QPdfWriter(path)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(report.summary.title)
    writer.setCreator(f"factdesk {__version__}")
    if report.summary.reviewer:
        writer.setAuthor(report.summary.reviewer)

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{path}: cannot write the PDF")
    try:
        area = writer.pageLayout().paintRectPixels(RESOLUTION)
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(FOOTER_PT)
        painter.setFont(footer_font)
        footer_h = painter.fontMetrics().height() * 2.2
        body = QSizeF(area.width(), area.height() - footer_h)

        pieces: list[_Piece] = []
        used = 0.0  # height taken on the current last page by the parts laid out so far
        for n, html in enumerate(parts):
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress(n / len(parts), 3, "Laying out the report")
            doc = _layout(html, writer, body, used)
            pieces.append(_Piece(doc, doc.pageCount()))
            used = _used_height(doc) - (doc.pageCount() - 1) * body.height()
        total = pieces[0].pages + sum(p.pages - 1 for p in pieces[1:])
        progress(1, 3, f"Writing {total} pages")

        footer_left = _footer_title(report)
        number = 0  # PDF pages begun so far
        for piece in pieces:
            doc = piece.doc
            assert doc is not None
            bottoms = _page_bottoms(doc, piece.pages, body.height())
            for page in range(piece.pages):
                if page or not number:  # a part's first page continues the previous page
                    if number:
                        writer.newPage()
                    number += 1
                    if cancel is not None and number % 20 == 0:
                        cancel.raise_if_cancelled()
                    _footer(
                        painter, footer_left, number, total, area.width(), area.height(), footer_h
                    )
                    progress(1 + number / total, 3, f"Writing {total} pages")
                _paint_page(painter, doc, page, body, bottoms[page])
            piece.doc = None  # bounded memory: this part is on paper now
        return total
    finally:
        painter.end()


def _layout(html: str, writer: QPdfWriter, body: QSizeF, used: float) -> QTextDocument:
    """A paginated document for one part, starting ``used`` pixels down its first page."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(QFont("DejaVu Sans"))
    doc.setHtml(html)
    if used > 0:
        QTextCursor(doc).insertBlock()
    _keep_glyphs(doc)
    if used > 0:
        # An empty first line ``used`` high (a top margin would be dropped at the page top).
        # Qt scales a fixed line height from 96 dpi to the paint device: check, in case.
        cursor = QTextCursor(doc)
        scale = writer.logicalDpiY() / 96
        for _attempt in range(3):
            spacer = QTextBlockFormat()
            spacer.setLineHeight(used / scale, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            cursor.setBlockFormat(spacer)
            doc.setPageSize(body)  # paginates (each call lays the whole document out again)
            top = doc.documentLayout().blockBoundingRect(doc.firstBlock().next()).top()
            if abs(top - used) <= 1 or top <= 0:
                break
            scale *= top / used
    else:
        doc.setPageSize(body)  # paginates: the layout avoids cutting a line across pages
    return doc


def _keep_glyphs(doc: QTextDocument) -> None:
    """Have every paragraph keep its shaped glyphs from layout to painting.

    Qt frees a paragraph's glyphs once it is laid out and shapes its text again to paint it;
    kept, painting is much cheaper (the part's document is dropped once painted)."""
    block = doc.begin()
    while block.isValid():
        block.layout().setCacheEnabled(True)
        block = block.next()


#: Lines are laid out to end on or start at a page boundary; Qt draws every line touching the
#: clip rectangle, so the clip given to the layout stays this far (device pixels) inside the page.
_EDGE = 0.5


def _paint_page(
    painter: QPainter, doc: QTextDocument, page: int, body: QSizeF, bottom: float
) -> None:
    """Paint one page of ``doc`` at the top of the current PDF page, stopping at ``bottom``.

    Qt's own ``drawContents`` draws every block its clip touches, and of such a block a line
    or two beyond the clip: invisible (clipped) but still written into the PDF, so the text
    below a page's end or above its start was found twice by a search or ``pdftotext``. So the
    layout gets a clip a little inside the page, and a paragraph carried over from the
    previous page is left out of it and has only its lines on this page drawn here.
    """
    top = page * body.height()
    end = top + body.height()
    painter.save()
    painter.translate(0, -top)
    painter.setClipRect(QRectF(0, top, body.width(), bottom - top))
    ctx = QAbstractTextDocumentLayout.PaintContext()
    clip_top = top + _EDGE
    carried = _block_across(doc, top) if page else None
    if carried is not None:
        rect = doc.documentLayout().blockBoundingRect(carried)
        clip_top = max(clip_top, rect.bottom() + _EDGE)
        background = carried.blockFormat().background()
        if background.style() != Qt.BrushStyle.NoBrush:
            band = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
            painter.fillRect(band, background)
        painter.setPen(ctx.palette.color(QPalette.ColorRole.Text))
        lines = carried.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            y = rect.top() + line.y()
            if y >= top - _EDGE and y + line.height() <= end + _EDGE:
                line.draw(painter, rect.topLeft())
    ctx.clip = QRectF(0, clip_top, body.width(), end - _EDGE - clip_top)
    if ctx.clip.height() > 0:
        doc.documentLayout().draw(painter, ctx)
    painter.restore()


def _block_across(doc: QTextDocument, y: float) -> QTextBlock | None:
    """The paragraph of the main text flow (not a table cell) that crosses height ``y``."""
    block = _last_block_starting_before(doc, y)
    if block is None or QTextCursor(block).currentFrame() != doc.rootFrame():
        return None
    rect = doc.documentLayout().blockBoundingRect(block)
    return block if rect.bottom() > y + _EDGE else None


def _page_bottoms(doc: QTextDocument, pages: int, height: float) -> list[float]:
    """Where painting must stop on each page of ``doc`` (document coordinates).

    When a paragraph does not fit at the foot of a page, Qt moves its lines to the next page
    but the paragraph's box (and so its background colour) still starts where it would have:
    painted as is, a strip of the next claim's colour shows above the footer. So each page
    stops after the last line that is really on it, when a paragraph crosses the page end.
    """
    layout = doc.documentLayout()
    bottoms = []
    for page in range(pages):
        end = (page + 1) * height
        bottom = end
        block = _block_across(doc, end)
        if block is not None:
            rect = layout.blockBoundingRect(block)
            bottom = rect.top()
            lines = block.layout()
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                line_bottom = rect.top() + line.y() + line.height()
                if line_bottom > end + _EDGE:
                    break
                bottom = line_bottom
        bottoms.append(bottom)
    return bottoms


def _last_block_starting_before(doc: QTextDocument, y: float) -> QTextBlock | None:
    """The last block whose box starts above ``y`` (a binary search: boxes go down the page)."""
    layout = doc.documentLayout()
    lo, hi = 0, doc.blockCount() - 1
    found = None
    while lo <= hi:
        mid = (lo + hi) // 2
        block = doc.findBlockByNumber(mid)
        if layout.blockBoundingRect(block).top() < y:
            found, lo = block, mid + 1
        else:
            hi = mid - 1
    return found


def _used_height(doc: QTextDocument) -> float:
    """How far down the document its content reaches (the end of its last block)."""
    return doc.documentLayout().blockBoundingRect(doc.lastBlock()).bottom()


def _footer_title(report: Report) -> str:
    title = " ".join(report.summary.title.split())
    return title if len(title) <= 70 else title[:69] + "…"


def _footer(
    painter: QPainter, title: str, page: int, total: int, width: float, height: float, h: float
) -> None:
    painter.save()
    painter.setPen(QColor("#d1d9e0"))
    top = height - h * 0.8
    painter.drawLine(0, int(top), int(width), int(top))
    painter.setPen(QColor("#59636e"))
    box = QRectF(0, top, width, h * 0.8)
    flags = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(box, flags | Qt.AlignmentFlag.AlignLeft, title)
    painter.drawText(box, flags | Qt.AlignmentFlag.AlignRight, f"Page {page} of {total}")
    painter.restore()
