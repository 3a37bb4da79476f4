"""The report as a PDF, drawn by Qt (the core never imports Qt, so the PDF lives here).

The core renders print-ready HTML in the subset Qt's rich text understands, in parts
(:func:`factdesk.core.export.print_html.render_print_html_parts`); this module lays each part
out on A4 pages with its own ``QTextDocument`` and paints the pages onto a ``QPdfWriter``
itself, so every page gets a footer ("report title · Page N of M") that
``QTextDocument.print_`` would not give.
Text stays text in the PDF (selectable, searchable).

A big report is written by several processes, one per CPU: PySide6 holds the GIL while Qt
parses, lays out and paints, so threads do not help, but processes do. Each helper process
takes a run of consecutive parts, lays them out and paints them into a PDF of its own, and
the pieces are joined with pikepdf (qpdf). The text flows on from one helper's pages to the
next one's as it does from part to part: a helper lays its first part out once the helper
before it has said how much of its last page it used (parsing the HTML, the larger half of
the work before painting, does not wait for that), and the page numbers are handed out when
every helper has counted its pages. The file is the same as when one process writes it,
page for page. See :class:`_Helpers`.

Works without a window: a ``QApplication`` is created if none exists (use
``QT_QPA_PLATFORM=offscreen`` on a server). The helpers are started with multiprocessing's
"spawn", which imports the calling program's main module again: a script that calls
:func:`export_pdf` must do so under ``if __name__ == "__main__":`` (the ``factdesk`` command,
the window and ``python -m factdesk`` do), or pass ``processes=1``. Only call it from the thread
that owns the application object, or from a worker while the GUI thread does not touch the same
document.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import tempfile
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, BinaryIO

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
    QTextFormat,
)

from factdesk import __version__
from factdesk.core.export import temp_path_beside
from factdesk.core.export.build import build_report
from factdesk.core.export.model import ExportOptions, Report
from factdesk.core.export.print_html import CLAIMS_PER_PART, render_print_html_parts
from factdesk.core.leftovers import clean_pdf_folders, pdf_folder_prefix
from factdesk.core.progress import Cancelled, CancelToken, Progress, no_progress

RESOLUTION = 300  # dots per inch of the PDF's coordinate system (text stays vector)
MARGINS_MM = QMarginsF(16, 15, 16, 12)  # left, top, right, bottom (the footer sits inside)
FOOTER_PT = 8
_FIXED_HEIGHT = QTextBlockFormat.LineHeightTypes.FixedHeight.value
#: Helper processes at most (each starts Python and Qt, ~0.5 s, and the seams are settled one
#: helper after the other; only 2 have been measured, see benchmarks/README.md "Export").
MAX_PROCESSES = 4
#: Parts of the report per helper process at least: below that, starting a helper costs more
#: than it saves (4 parts are ~240 claims, ~0.5 s of work).
MIN_PARTS_PER_PROCESS = 4
#: How often the parent checks for Cancel while helpers work (seconds).
POLL_S = 0.05
#: How often (in pages) painting reports progress.
PAGES_PER_REPORT = 20


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
    processes: int | None = None,
) -> int:
    """Write ``report`` as an A4 PDF at ``out_path`` (replaced only when complete).

    ``processes`` is how many helper processes lay out and paint the report: ``None`` chooses
    from the CPUs this process may use and the report's size, 1 does everything here. The
    file is the same either way, page for page.
    """
    target = Path(out_path)
    step = max(claims_per_part, 1)
    n_parts = 2 + -(-len(report.claims) // step)  # the front, the claims' parts, the back
    helpers = _process_count(n_parts) if processes is None else max(1, min(processes, n_parts))
    meta = _Meta.of(report)
    tmp = temp_path_beside(target)
    progress(0, 3, "Laying out the report")
    try:
        if helpers > 1:
            # the helpers start first and load Qt while the HTML is rendered
            with open(tmp, "wb") as out, _Helpers(helpers) as pool:
                parts = render_print_html_parts(report, step)
                pages = pool.write(parts, meta, out, progress, cancel)
        else:
            ensure_gui_app()
            parts = render_print_html_parts(report, step)
            pages = _write_pdf(parts, meta, str(tmp), progress, cancel)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    progress(3, 3, "Done")
    return pages


def _process_count(parts: int) -> int:
    """Helper processes worth starting for a report of ``parts`` parts (1: none)."""
    try:
        cpus = len(os.sched_getaffinity(0))  # the CPUs this process may use (Linux)
    except AttributeError:
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_PROCESSES, parts // MIN_PARTS_PER_PROCESS))


@dataclass(frozen=True, slots=True)
class _Meta:
    """What every page and the PDF's document information carry besides the report's body."""

    title: str
    author: str
    footer: str

    @staticmethod
    def of(report: Report) -> _Meta:
        title = " ".join(report.summary.title.split())
        footer = title if len(title) <= 70 else title[:69] + "…"
        return _Meta(report.summary.title, report.summary.reviewer, footer)


def _write_pdf(
    parts: Sequence[str], meta: _Meta, path: str, progress: Progress, cancel: CancelToken | None
) -> int:
    """Lay out every part (to know the page count for the footers), then paint them in turn,
    all in this process."""
    sheet = _Sheet(path, meta)
    try:
        docs: deque[QTextDocument] = deque()
        used: float | None = None  # the report's first part has no space above it
        for n, html in enumerate(parts):
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress(n / len(parts), 3, "Laying out the report")
            doc = sheet.parse(html, spaced=n > 0)
            used = sheet.paginate(doc, used)
            docs.append(doc)
        total = _page_total(docs)
        progress(1, 3, f"Writing {total} pages")

        def painted(number: int) -> None:
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress(1 + number / total, 3, f"Writing {total} pages")

        sheet.paint(docs, 1, total, painted)
        return total
    finally:
        sheet.close()


def _page_total(docs: Sequence[QTextDocument]) -> int:
    """Pages that laid-out parts fill when each part's first page continues the previous one's
    last page."""
    return sum(doc.pageCount() for doc in docs) - len(docs) + 1


class _Sheet:
    """One ``QPdfWriter`` and its painter: lays parts out to its page size and paints them.

    A part after the report's first starts with a blank paragraph as tall as what the parts
    before it used of their last page, and its first page is painted onto that same PDF page:
    the report flows on without a half-empty page at each seam. (One ``QTextDocument`` for a
    whole big report lays out and paints more and more slowly as it grows, hence the parts.)
    """

    def __init__(self, path: str, meta: _Meta) -> None:
        self.meta = meta
        self.writer = writer = QPdfWriter(path)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                MARGINS_MM,
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(meta.title)
        writer.setCreator(f"factdesk {__version__}")
        if meta.author:
            writer.setAuthor(meta.author)
        self.painter = QPainter()
        if not self.painter.begin(writer):
            raise OSError(f"{path}: cannot write the PDF")
        self.area = writer.pageLayout().paintRectPixels(RESOLUTION)
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(FOOTER_PT)
        self.painter.setFont(footer_font)
        self.footer_h = self.painter.fontMetrics().height() * 2.2
        self.body = QSizeF(self.area.width(), self.area.height() - self.footer_h)
        self._scale = self._line_height_scale()

    def close(self) -> None:
        """Finish the PDF file."""
        self.painter.end()

    def parse(self, html: str, *, spaced: bool) -> QTextDocument:
        """One part as a document, not laid out yet. ``spaced``: it opens with a blank
        paragraph, made as tall as the space above it by :meth:`paginate` (a part after the
        report's first; a top margin would be dropped at the top of a page)."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(QFont("DejaVu Sans"))
        doc.setHtml(html)
        if spaced:
            QTextCursor(doc).insertBlock()
        _keep_glyphs(doc)
        return doc

    def paginate(self, doc: QTextDocument, top: float | None) -> float:
        """Lay ``doc`` out on pages, its content starting ``top`` pixels down its first page
        (``None``: not spaced); returns how far down its last page the content reaches.

        Done once per document, once ``top`` is known: Qt can lay a laid-out document out
        again after the blank paragraph changes, but moves the paragraphs that do not cross
        a page end as they were (keeping any gap an earlier page break left in them), so
        the pages would not always come out as from a fresh layout.
        """
        if top is not None:  # before the page size: see _set_spacer
            _set_spacer(doc, top / self._scale)
        _keep_headings_with_next(doc, self.body, self.writer)
        doc.setPageSize(self.body)  # paginates: the layout avoids cutting a line across pages
        return _used_height(doc) - (doc.pageCount() - 1) * self.body.height()

    def _line_height_scale(self) -> float:
        """How Qt scales a fixed line height on this writer: by its dpi over the screen's
        logical dpi (96 offscreen, more on some screens), measured on a two-line document."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDocumentMargin(0)
        doc.setPlainText("x")
        QTextCursor(doc).insertBlock()
        _set_spacer(doc, 100)
        doc.setPageSize(self.body)
        return doc.documentLayout().blockBoundingRect(doc.lastBlock()).top() / 100

    def paint(
        self,
        docs: deque[QTextDocument],
        first: int,
        total: int,
        painted: Callable[[int], None],
        *,
        footer_on_first: bool = True,
    ) -> None:
        """Paint laid-out parts, each part's first page onto the current PDF page, numbering
        the pages from ``first``; each document is dropped once painted (bounded memory).

        ``footer_on_first=False``: the writer's first page is the end of a page another
        process painted, footer included, and is laid over it when the pieces are joined.
        ``painted(number)`` is called every few pages (and may raise to stop).
        """
        number = first
        if footer_on_first:
            self._footer(number, total)
        while docs:
            doc = docs.popleft()
            pages = doc.pageCount()
            bottoms = _page_bottoms(doc, pages, self.body.height())
            for page in range(pages):
                if page:  # a part's first page continues the page the previous part ended on
                    self.writer.newPage()
                    number += 1
                    self._footer(number, total)
                    if number % PAGES_PER_REPORT == 0:
                        painted(number)
                _paint_page(self.painter, doc, page, self.body, bottoms[page])
        painted(number)

    def _footer(self, page: int, total: int) -> None:
        painter, width, h = self.painter, self.area.width(), self.footer_h
        painter.save()
        painter.setPen(QColor("#d1d9e0"))
        top = self.area.height() - h * 0.8
        painter.drawLine(0, int(top), int(width), int(top))
        painter.setPen(QColor("#59636e"))
        box = QRectF(0, top, width, h * 0.8)
        flags = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(box, flags | Qt.AlignmentFlag.AlignLeft, self.meta.footer)
        painter.drawText(box, flags | Qt.AlignmentFlag.AlignRight, f"Page {page} of {total}")
        painter.restore()


# ---------------------------------------------------------------------- helper processes
@dataclass(frozen=True, slots=True)
class _Share:
    """A helper's job: a run of consecutive parts of the report, and where to write them."""

    parts: list[str]
    meta: _Meta
    path: str
    first: bool  # holds the report's first part (nothing above it to flow on from)


class HelperError(RuntimeError):
    """A helper process failed; ``details`` is its traceback."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def _helper(conn: Connection) -> None:
    """A helper process: lay out a share of the report, then paint it into a PDF of its own.

    The conversation with :meth:`_Helpers.write`, over ``conn`` (→ sent, ← received):

    - ← a :class:`_Share`, whose parts it parses at once;
    - ← (unless it is the first share) how much of its last page the share before used,
      which the helper before knows once it has laid its parts out; → ``("laid", 1)`` after
      each part is laid out on pages;
    - → ``("pages", count, used)``: its page count (its first page is the previous share's
      last) and how much of its own last page it used, for the next helper;
    - ← ``(first, total)``: the number of its first page and of pages in the whole report;
    - → ``("painted", n)`` every few pages, then ``("done",)``; or ``("error", traceback)``.
    """
    try:
        share: _Share = conn.recv()
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the helper shows nothing
        if QGuiApplication.instance() is None:
            QGuiApplication(["factdesk"])  # fonts come from the application
        sheet = _Sheet(share.path, share.meta)
        try:
            # Parsing does not depend on where a part starts on its page: done at once.
            docs = deque(
                sheet.parse(html, spaced=n > 0 or not share.first)
                for n, html in enumerate(share.parts)
            )
            used = None if share.first else conn.recv()  # once the helper before knows
            for doc in docs:
                used = sheet.paginate(doc, used)
                conn.send(("laid", 1))
            conn.send(("pages", _page_total(docs), used))
            first, total = conn.recv()
            sheet.paint(
                docs,
                first,
                total,
                lambda number: conn.send(("painted", number)),
                footer_on_first=share.first,
            )
        finally:
            sheet.close()
        conn.send(("done",))
    except BaseException:  # reported to the parent, never raised into the void
        conn.send(("error", traceback.format_exc()))


class _Helpers:
    """Helper processes that write one report together (see the module's docstring).

    Started on creation, so that they load Python and Qt while the report's HTML is rendered.
    Leaving the ``with`` block ends any helper still running (after a failure or Cancel: at
    once) and removes the pieces they wrote.
    """

    def __init__(self, count: int) -> None:
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt threads
        clean_pdf_folders()  # those of exports that were killed (named by their process id)
        self._folder = tempfile.TemporaryDirectory(prefix=pdf_folder_prefix())
        self._conns: list[Connection] = []
        self._procs: list[Any] = []
        try:
            for _ in range(count):
                here, there = ctx.Pipe()
                self._conns.append(here)  # closed by __exit__, whatever happens next
                try:
                    proc = ctx.Process(target=_helper, args=(there,), daemon=True)
                    proc.start()
                finally:
                    there.close()  # so that a helper's death reads as the end of its pipe
                self._procs.append(proc)
        except BaseException as exc:  # the ones already started must not outlive this
            self.__exit__(type(exc), exc, None)
            raise

    def __enter__(self) -> _Helpers:
        return self

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        for proc in self._procs:
            if exc_type is not None:
                proc.kill()
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for conn in self._conns:
            conn.close()
        self._folder.cleanup()

    def write(
        self,
        parts: Sequence[str],
        meta: _Meta,
        out: BinaryIO,
        progress: Progress,
        cancel: CancelToken | None,
    ) -> int:
        """Have the helpers lay out and paint ``parts``, then join their pieces into ``out``;
        returns the page count."""
        n = len(self._conns)
        paths = [os.path.join(self._folder.name, f"{i}.pdf") for i in range(n)]
        for i, share in enumerate(_split(parts, n)):
            self._send(i, _Share(share, meta, paths[i], first=i == 0))
        laid = 0
        pages: list[int] = []  # per helper, as they report in order
        firsts: list[int] = []
        painted = [0] * n
        total = 0
        done = 0
        while done < n:
            i, message = self._receive(cancel)
            kind = message[0]
            if kind == "laid":
                laid += 1
                progress(laid / len(parts), 3, "Laying out the report")
            elif kind == "pages":
                pages.append(message[1])
                if i + 1 < n:
                    self._send(i + 1, message[2])  # where the next share starts
                else:  # all counted: number the pages
                    firsts = [1]
                    for count in pages[:-1]:
                        firsts.append(firsts[-1] + count - 1)
                    total = firsts[-1] + pages[-1] - 1
                    for k, first in enumerate(firsts):
                        self._send(k, (first, total))
                    progress(1, 3, f"Writing {total} pages")
            elif kind == "painted":
                # pages begun by helper i (its first page is the one before's last)
                painted[i] = message[1] - firsts[i] + (i == 0)
                progress(1 + sum(painted) / total, 3, f"Writing {total} pages")
            elif kind == "done":
                done += 1
            else:
                details = message[1]
                raise HelperError(f"PDF helper: {details.strip().splitlines()[-1]}", details)
        progress(2, 3, f"Joining {total} pages")
        _join(paths, out)
        return total

    def _send(self, i: int, message: object) -> None:
        try:
            self._conns[i].send(message)
        except OSError:  # the pipe is broken: the helper died
            raise self._died(i) from None

    def _died(self, i: int) -> HelperError:
        self._procs[i].join(1)
        code = self._procs[i].exitcode
        return HelperError(f"a PDF helper process stopped unexpectedly (exit code {code})")

    def _receive(self, cancel: CancelToken | None) -> tuple[int, tuple[Any, ...]]:
        """The next message from any helper, as (helper index, message); checks for Cancel
        meanwhile and notices a helper that died without a word."""
        conns = self._conns
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            live = [c for c in conns if not c.closed]
            for ready in wait(live, timeout=POLL_S):
                i = conns.index(ready)  # type: ignore[arg-type]
                try:
                    message = conns[i].recv()
                except (EOFError, OSError):  # the pipe's other end is gone
                    raise self._died(i) from None
                if message[0] == "done":
                    conns[i].close()
                return i, message


def _split(parts: Sequence[str], n: int) -> list[list[str]]:
    """``parts`` in ``n`` runs of consecutive parts, none empty, of about equal HTML length
    (which is about equal work)."""
    whole = sum(len(html) for html in parts) or 1
    shares: list[list[str]] = [[] for _ in range(n)]
    k = 0
    seen = 0
    for i, html in enumerate(parts):
        wanted = min(n - 1, int((seen + len(html) / 2) * n / whole))
        left = len(parts) - i  # parts not yet placed, this one included
        k = max(min(max(k, wanted), k + 1 if shares[k] else k), n - left)
        shares[k].append(html)
        seen += len(html)
    return shares


def _join(paths: Sequence[str], out: BinaryIO) -> None:
    """Join the helpers' PDFs into ``out``: each piece's first page is laid over the previous
    piece's last page (the report flows on across the seam), the rest appended."""
    import pikepdf  # a C++ library (qpdf): joins 1,800 pages in ~0.3 s (pypdf: 2.6 s)

    with ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(paths[0]))
        for path in paths[1:]:
            piece = stack.enter_context(pikepdf.open(path))
            pdf.pages[-1].add_overlay(piece.pages[0])
            pdf.pages.extend(piece.pages[1:])
        pdf.save(out)


# ---------------------------------------------------------------------- pages
def _set_spacer(doc: QTextDocument, height: float) -> None:
    """Give the blank paragraph that opens ``doc`` a fixed line height (in Qt's 96-dpi units).

    Only before the document has a page size: set on a document that has one but was never
    laid out (Qt lays out lazily), the paragraphs after it came out misplaced, lost or
    overlapping on paper.
    """
    spacer = QTextBlockFormat()
    spacer.setLineHeight(height, _FIXED_HEIGHT)
    QTextCursor(doc).setBlockFormat(spacer)


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


def _keep_headings_with_next(doc: QTextDocument, page: QSizeF, device: QPdfWriter) -> None:
    """Start on the next page each heading that a first layout leaves at a page's foot apart
    from what it heads (Qt's rich text has no keep-with-next: "HOW THE OTHER OUTLETS WORDED
    IT" stood alone at the foot of a page). The trial layout is of a copy: ``doc`` itself must
    be laid out once only, and fresh (see :meth:`_Sheet.paginate`)."""
    trial = doc.clone()
    trial.documentLayout().setPaintDevice(device)
    trial.setPageSize(page)
    layout, height = trial.documentLayout(), page.height()
    moves = []
    block = trial.begin()
    while block.isValid():
        after = block.next()
        # (an empty block is a part's spacer, which takes its format from the heading after it)
        if after.isValid() and block.blockFormat().headingLevel() and block.text().strip():
            page_of = layout.blockBoundingRect(block).top() // height
            if layout.blockBoundingRect(after).top() // height > page_of:
                moves.append(block.blockNumber())
        block = after
    for number in moves:
        target = doc.findBlockByNumber(number)
        fmt = target.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(target).setBlockFormat(fmt)


def _used_height(doc: QTextDocument) -> float:
    """How far down the document its content reaches (the end of its last block)."""
    return doc.documentLayout().blockBoundingRect(doc.lastBlock()).bottom()
