"""Reading one article file into an ``Article``: checks, decoding, format, metadata and marks.

The text of a .txt or .md article is the file exactly as Python reads it (UTF-8, BOM removed,
universal newlines), because the export contract promises offsets into that text; nothing is
removed, page junk is only marked. An HTML page is reduced to its headline and article
paragraphs with trafilatura, working on the HTML string only (never a URL, never the network).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import warnings
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import charset_normalizer
import trafilatura
from dateutil import parser as date_parser
from markdown_it import MarkdownIt

from factdesk.core.model import Article, ArticleFormat, Mark, MarkKind
from factdesk.core.read.clean import (
    Line,
    PageSignals,
    lines_of,
    mark_boilerplate,
    merge_marks,
    word_count,
)
from factdesk.core.read.segment import HEADING_MARKER, HEADING_UNDERLINE, first_passage

__all__ = [
    "MAX_TEXT_BYTES",
    "NOT_AN_ARTICLE",
    "IngestError",
    "article_id_for",
    "detect_format",
    "parse_article",
    "read_article",
]

MAX_TEXT_BYTES = 5 * 1024 * 1024
NOT_AN_ARTICLE = "does not look like an article"  # how every such warning begins
_TITLE_CHARS = 100


class IngestError(Exception):
    """A file that cannot become an article; ``str(e)`` names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def article_id_for(sha256_hex: str) -> str:
    """Short, stable article id derived from the content hash (same bytes → same id)."""
    return "a" + sha256_hex[:8]


# --- reading and refusing ---------------------------------------------------------------------

# Leading bytes of common binary formats, so a renamed .docx or photo is refused by name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or .docx/.epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "an audio file"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_EXTENSIONS = {
    ".txt": ArticleFormat.TEXT,
    ".text": ArticleFormat.TEXT,
    ".html": ArticleFormat.HTML,
    ".htm": ArticleFormat.HTML,
    ".xhtml": ArticleFormat.HTML,
    ".md": ArticleFormat.MARKDOWN,
    ".markdown": ArticleFormat.MARKDOWN,
}


def read_article(path: str | os.PathLike, display_path: str | None = None) -> Article:
    """Read and parse one file; refuse it with ``IngestError`` when it is no usable article."""
    shown = display_path or str(path)
    file = Path(path)
    try:
        if file.is_dir():
            raise IngestError(shown, "is a folder, not a file")
        if file.stat().st_size > MAX_TEXT_BYTES:
            raise IngestError(shown, _too_big(file.stat().st_size))
        with file.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError:
        raise IngestError(shown, "file not found") from None
    except PermissionError:
        raise IngestError(shown, "permission denied (cannot read the file)") from None
    except OSError as exc:
        raise IngestError(shown, f"cannot read the file ({exc.strerror or exc})") from None
    return parse_article(data, shown, _EXTENSIONS.get(file.suffix.lower()))


def _too_big(size: int) -> str:
    return f"file is too large ({size / 1024 / 1024:.1f} MB; the limit is 5 MB)"


def parse_article(
    data: bytes, path: str, fmt: ArticleFormat | None = None, charset: str | None = None
) -> Article:
    """Turn file bytes into an ``Article`` (no I/O). ``fmt`` None: extension, then sniffing.
    ``charset``: the encoding a web server named in its Content-Type header, if any."""
    _refuse_non_text(data, path)
    sha = hashlib.sha256(data).hexdigest()
    if fmt is None:
        fmt = _EXTENSIONS.get(Path(path).suffix.lower())
    if b"\x00" in data and _html_with_stray_nuls(data):
        data = data.replace(b"\x00", b"")  # stray NULs are no text, and lxml refuses them
    text = decode_text(data, path, html=fmt == ArticleFormat.HTML, charset=charset)
    if not text.strip():
        raise IngestError(path, "file contains only whitespace, no text")
    if fmt is None:
        fmt = detect_format(text)
    elif fmt != ArticleFormat.HTML and _HTML_PAGE_RE.match(text):
        fmt = ArticleFormat.HTML  # a saved web page named .txt: never show its scripts as text
    elif fmt == ArticleFormat.HTML and not _HTML_TAG_RE.search(text):
        fmt = detect_format(text)  # plain text named .html: read it as the text it is
    base = Article(id=article_id_for(sha), path=path, text=text, sha256=sha, format=fmt)
    if fmt == ArticleFormat.HTML:
        return _html_article(base, text)
    return _plain_article(base)


def _refuse_non_text(data: bytes, path: str) -> None:
    if not data:
        raise IngestError(path, "file is empty")
    if len(data) > MAX_TEXT_BYTES:
        raise IngestError(path, _too_big(len(data)))
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(path, f"binary file ({what}), not a text article")
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise IngestError(path, "binary file (a media file), not a text article")
    if (
        not any(data.startswith(bom) for bom, _ in _BOMS)
        and b"\x00" in data[:65536]
        and _utf16_without_bom(data) is None
        and not _html_with_stray_nuls(data)
    ):
        raise IngestError(path, "binary file (contains NUL bytes), not a text article")


_HTML_START_RE = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_MAX_NUL_SHARE = 0.01
_FEW_NULS = 256


def _html_with_stray_nuls(data: bytes) -> bool:
    """An HTML page with a few NUL bytes (an ad server's glitch) is text, not a binary: it
    starts like a page and has at most 256 NULs, or under 1 % of its bytes. The NULs are
    dropped before parsing."""
    if not _HTML_START_RE.match(data[:4096]):
        return False
    nuls = data.count(0)
    return nuls <= _FEW_NULS or nuls <= _MAX_NUL_SHARE * len(data)


# --- decoding -------------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def decode_text(
    data: bytes, path: str = "", html: bool = False, charset: str | None = None
) -> str:
    """Bytes to text as Python's ``open(..., newline=None)`` would give it.

    Order: a BOM decides; else strict UTF-8; else UTF-8 with a few stray single-byte
    characters (repaired, see :func:`_mostly_utf8`); else the server's charset (``charset``);
    else (HTML only) the page's declared charset; else charset-normalizer's detection. The BOM
    is dropped and \\r\\n / \\r become \\n.
    """
    text = _decode(data, path, html, charset)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: str, html: bool, charset: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(path, f"cannot decode the text as {encoding}") from None
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_share(text) > 0.01:
            raise IngestError(path, "binary file (control characters), not a text article")
        return text
    mixed = _mostly_utf8(data, declared_utf8=_declares_utf8(data, html, charset))
    if mixed is not None:
        return mixed
    if charset and charset.replace("_", "-").lower() not in ("utf-8", "utf8"):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    if html:
        declared = _declared_charset(data)
        if declared:
            return declared
    text = _detected(data)
    if text is None:
        raise IngestError(path, "cannot decode the text (unknown character encoding)")
    if _control_share(text) > 0.01:
        raise IngestError(path, "binary file (control characters), not a text article")
    return text


# Preferred among code pages that charset-normalizer finds equally good: Western news text in a
# legacy encoding is far more often Windows-1252 (or Latin-1) than, say, Windows-1250.
_TIE_BREAK = ("cp1252", "latin_1")


def _detected(data: bytes) -> str | None:
    """Decode with charset-normalizer's best match; among equally scored code pages (it
    reports ties, e.g. cp1250/cp1252 for "Zürich") take the Western one."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = [
        m
        for m in matches
        if m.percent_chaos == best.percent_chaos and m.percent_coherence == best.percent_coherence
    ]
    for encoding in _TIE_BREAK:
        if any(encoding in m.could_be_from_charset for m in tied):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return str(best)


# A page is "UTF-8 with stray bytes" when its invalid bytes are few beside many valid
# multi-byte sequences (a CMS pasted one Latin-1 snippet into a UTF-8 page). Read as a whole in a
# legacy code page, every one of its accented letters would turn into mojibake ("atakÃ³w").
_MAX_STRAY_SHARE = 0.2


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """codecs error handler: one undecodable byte read as Windows-1252 (its superset of
    Latin-1 that pages actually use), so the valid UTF-8 around it stays intact."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.start + 1]
    return bad.decode("cp1252", errors="replace"), error.start + 1


codecs.register_error("factdesk-stray-cp1252", _stray_as_cp1252)


#: this many stray bytes or fewer never outvote a page's declared UTF-8, nor, in a page without
#: a declaration, as many valid multi-byte sequences or more: a page in a legacy code page
#: almost never forms even one valid UTF-8 sequence by chance, whereas a small page (one
#: paragraph, three curly quotes) with one pasted Windows-1252 apostrophe is common, and a
#: share of the page's multi-byte characters alone turned it to Mac Roman mojibake.
_FEW_STRAY = 3


def _declares_utf8(data: bytes, html: bool, charset: str | None) -> bool:
    """True when the server's charset or (HTML) the page's own <meta charset> says UTF-8."""
    names = {"utf-8", "utf8"}
    if charset and charset.replace("_", "-").strip().lower() in names:
        return True
    if html:
        found = _META_CHARSET_RE.search(data[:4096])
        if found and found.group(1).decode("ascii", "replace").replace("_", "-").lower() in names:
            return True
    return False


def _mostly_utf8(data: bytes, declared_utf8: bool = False) -> str | None:
    """UTF-8 text with a few stray single-byte characters, repaired; None if it is not that.

    Few is relative to the page's valid multi-byte characters (a fifth of them), or absolute
    (``_FEW_STRAY``) when the page declares UTF-8 or has at least as many valid sequences, so
    the verdict does not depend on the page's size. The stray bytes are read as Windows-1252
    by a codecs error handler; ftfy then undoes any mojibake the page already carried (UTF-8
    read as Latin-1 once and saved again), which is the usual company of stray bytes in a page
    assembled from several sources.
    """
    replaced = data.decode("utf-8", errors="replace")
    stray = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    few = stray <= _FEW_STRAY and (declared_utf8 or stray <= multibyte)
    if not few and (not multibyte or stray > _MAX_STRAY_SHARE * multibyte):
        return None
    text = data.decode("utf-8", errors="factdesk-stray-cp1252")
    if _control_share(text) > 0.01:
        return None
    import ftfy  # lazily: only the rare mixed-encoding page needs it

    return ftfy.fix_encoding(text)


def _declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET_RE.search(data[:4096])
    if not found:
        return None
    try:
        return data.decode(found.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM (NUL high bytes beside nearly every Latin letter on
    one side only), else None, so it is read rather than refused as binary."""
    sample = data[:65536]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.4 and zeros_even < 0.05:
        encoding = "utf-16-le"
    elif zeros_even > 0.4 and zeros_odd < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _control_share(text) <= 0.01 else None


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / max(len(text), 1)


# --- format -----------------------------------------------------------------------------------

_HTML_SNIFF_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_HTML_PAGE_RE = re.compile(r"\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
_HTML_TAG_RE = re.compile(r"<(?:[a-zA-Z][\w:-]*|!doctype|!--)[\s>/]", re.IGNORECASE)
_MD_SIGNS_RE = re.compile(
    r"^#{1,6}\s+\S|^\s*[-*+]\s+\S|^>\s|^\s*```|\[[^\]\n]+\]\([^)\s]+\)|^!\[",
    re.MULTILINE,
)


def detect_format(text: str) -> ArticleFormat:
    """Sniff the format of a file whose extension said nothing."""
    head = text[:4096]
    if _HTML_SNIFF_RE.search(head):
        return ArticleFormat.HTML
    if len(_MD_SIGNS_RE.findall(text[:20_000])) >= 2:
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


# --- HTML -----------------------------------------------------------------------------------


def _extract(html: str, *, with_metadata: bool) -> Any:
    return trafilatura.bare_extraction(
        html,
        with_metadata=with_metadata,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )


def _html_article(base: Article, html: str) -> Article:
    """Headline + "\\n\\n" + article paragraphs from trafilatura; scripts and page chrome go.

    trafilatura's metadata step (htmldate) fails with bare ``AssertionError``s from lxml on
    some broken pages (found by the CLI fuzz: an ``<svg>`` after ``</html>``), so a failure
    there is retried without metadata, and a failure of the extraction itself refuses the file
    with a reason instead of ending the whole import with a traceback.
    """
    try:
        doc = _extract(html, with_metadata=True)
    except Exception:  # noqa: BLE001 - any error of a third-party parser on hostile input
        try:
            doc = _extract(html, with_metadata=False)
        except Exception as exc:  # noqa: BLE001
            raise IngestError(
                base.path, f"the HTML page could not be read ({type(exc).__name__})"
            ) from exc
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    paragraphs = [" ".join(p.split()) for p in body.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    title = " ".join((getattr(doc, "title", None) or "").split())
    while paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)  # the page's <h1> repeats the title we already put first
    if not paragraphs:
        raise IngestError(base.path, "no article text found")
    text = "\n\n".join(([title] if title else []) + paragraphs)
    meta = _text_metadata(text, ArticleFormat.HTML)
    page = PageSignals.from_links(_link_texts(html))
    marks = merge_marks(meta.marks + mark_boilerplate(text, ArticleFormat.HTML, page), text)
    warning = ""
    if not _has_unmarked_words(text, marks, skip=len(title)):
        if word_count(text[len(title) :]) <= _MIN_ARTICLE_WORDS:
            raise IngestError(base.path, "no article text found")  # "Home", "enable JavaScript"
        # The extractor found text, yet every line looks like page furniture (a home page: 30
        # menu links). The page is kept, its lines shown in its pane, but they stay marked as
        # junk: as passages they were aligned with the other outlets' facts. Only its title is
        # a passage (an article needs one to be imported), and the warning says so. A real
        # article never lands here: one line of prose is enough to leave this branch.
        warning = (
            f"{NOT_AN_ARTICLE}: every line of its text looks like page furniture "
            "(menus, links, labels), so all of it is marked as junk and only its title is a "
            "passage"
        )
    warning = warning or _not_an_article(text, marks, len(title), page,
                                         getattr(doc, "pagetype", None))
    outlet = (meta.source_name((getattr(doc, "sitename", None) or "").strip())
              or _title_suffix_outlet(html, title))
    article = replace(
        base,
        text=text,
        marks=tuple(marks),
        title=title,
        author=_clean_author(getattr(doc, "author", None), outlet) or meta.author,
        outlet=outlet,
        published=_page_date(html, getattr(doc, "date", None)) or meta.published,
        warning=warning,
    )
    return article if title else replace(article, title=_title_from_passages(article))


def _link_texts(html: str) -> list[str]:
    """The texts of the page's links (lxml, which trafilatura already parses pages with)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    return [a.text_content() for a in tree.iter("a")]


# Running text: a line of at least this many words that ends like a sentence.
_PROSE_LINE_WORDS = 8
_LONG_LINE_WORDS = 20
_MIN_PROSE_WORDS = 25  # below this no page is an article, whatever it says it is
_MIN_PROSE_WORDS_UNTYPED = 80  # ... nor one that calls itself a website, product, profile
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportage", "report", "news")


def _not_an_article(
    text: str, marks: list[Mark], skip: int, page: PageSignals, pagetype: str | None
) -> str:
    """A warning for a page that does not read like an article (a home page, a product page,
    a status page), or "". Evidence: how many words stand in sentence-like lines outside the
    marks, and the page's own declared type (og:type / schema.org), in any language."""
    prose = 0
    marked = [(m.start, m.end) for m in marks]
    for line in lines_of(text):
        if line.blank or line.end <= skip:
            continue
        if any(s <= line.start and line.end <= e for s, e in marked):
            continue
        words = word_count(line.text)
        # a long line is prose in any script (Thai ends sentences with a space, not a mark)
        if words >= _LONG_LINE_WORDS or (words >= _PROSE_LINE_WORDS and _ends_sentence(line.text)):
            prose += words
    kind = (pagetype or "").strip().lower().rsplit(":", 1)[-1]
    typed_other = bool(kind) and not kind.startswith(_ARTICLE_TYPES)
    if prose < _MIN_PROSE_WORDS or (typed_other and prose < _MIN_PROSE_WORDS_UNTYPED):
        what = f"the page calls itself a {kind}, and it " if typed_other else "it "
        return (
            f"{NOT_AN_ARTICLE}: {what}has only {prose} words of running text "
            "(a home page, product page or status page?)"
        )
    return ""


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in ".!?…。！？؟۔\"'”’»)」』"


_MIN_ARTICLE_WORDS = 5


def _has_unmarked_words(text: str, marks: list[Mark], skip: int) -> bool:
    """Are there a few words left outside the marks (after the headline)? A page whose only
    text is "Home" or a cookie notice has no article."""
    words, cursor = 0, skip
    for mark in marks:
        if mark.start > cursor:
            words += word_count(text[cursor : mark.start])
        cursor = max(cursor, mark.end)
    words += word_count(text[cursor:])
    return words >= _MIN_ARTICLE_WORDS


# Words of a byline that name a role or a desk, not a person: "By Staff Writer, The Press
# Democrat" reached the reports as the author "Staff Writer and The Press Democrat".
_ROLE_WORDS = frozenset((
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "contributor", "contributors", "contributing", "senior", "chief",
    "special", "columnist", "desk", "news", "newsroom", "web", "digital", "online", "team",
    "wire", "wires", "service", "services", "report", "and", "the", "of", "by",
))
# "Light quake hits Northern California - KTVU": the site's name after the headline in <title>
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•]+\s+")


def _clean_author(author: str | None, outlet: str = "") -> str:
    """The byline's people: trafilatura's "; "-joined names without role words ("Staff
    Writer") and without the outlet itself, which is no author; "" when no person is left."""
    if not author:
        return ""
    names = []
    for name in (n.strip() for n in author.split(";")):
        words = re.findall(r"[^\W\d_]+", name.casefold())
        if not words or all(w in _ROLE_WORDS for w in words):
            continue
        if outlet and name.casefold() in (outlet.casefold(), f"the {outlet.casefold()}"):
            continue
        names.append(name)
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _title_suffix_outlet(html: str, headline: str) -> str:
    """The site's name that ends the page's <title> ("… - KTVU", "… | Gulf Today"), when the
    page names itself nowhere better: short, capitalised, and not part of the headline."""
    found = _TITLE_RE.search(html[:20000])
    if not found:
        return ""
    import html as html_lib

    title = " ".join(html_lib.unescape(found.group(1)).split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return ""
    site = parts[-1].strip()
    head = " ".join(parts[:-1])
    if (not site or len(site) > 40 or len(site.split()) > 4 or not site[0].isupper()
            or len(head) < len(site) or site.casefold() in headline.casefold()):
        return ""
    return site


# --- plain text and Markdown ------------------------------------------------------------------


def _plain_article(base: Article) -> Article:
    text, fmt = base.text, base.format
    meta = _text_metadata(text, fmt)
    marks = meta.marks + mark_boilerplate(text, fmt)
    title = ""
    if fmt == ArticleFormat.MARKDOWN:
        markup, title = _markdown_markup(text)
        marks += markup
    article = replace(
        base,
        marks=tuple(merge_marks(marks, text)),
        author=meta.author,
        outlet=meta.source_name(),
        published=meta.published,
    )
    return replace(article, title=title or meta.title or _title_from_passages(article))


def _title_from_passages(article: Article) -> str:
    """The headline passage if there is one, else the first sentence cut to ~100 characters."""
    first = first_passage(article)
    if first is None:
        return ""
    text = " ".join(first.text.split())
    if len(text) <= _TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, _TITLE_CHARS)
    return text[: cut if cut > 40 else _TITLE_CHARS].rstrip(" ,;:–—-") + "…"


def _markdown_markup(text: str) -> tuple[list[Mark], str]:
    """MARKUP marks for block syntax ("# ", "> ", "- ", fences, rules) and the first heading.

    markdown-it gives each block's line range; the marker characters on those lines are found
    with small regexes, since the token stream does not carry their columns.
    """
    lines = lines_of(text)
    starts = _raw_line_starts(text)
    front = _front_matter_end(text)
    source = "\n" * text.count("\n", 0, starts[front]) + text[starts[front] :] if front else text
    marks: list[Mark] = []
    title = ""
    tokens = MarkdownIt("commonmark").parse(source)
    quote_lines: set[int] = set()
    for i, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = token.map[0], min(token.map[1], len(lines)) - 1
        if token.type == "blockquote_open":
            quote_lines.update(range(first, last + 1))
        elif token.type == "heading_open":
            marks += _heading_marks(text, starts, lines, first, last, token.markup)
            if not title and i + 1 < len(tokens):
                title = " ".join(tokens[i + 1].content.split())
        elif token.type == "list_item_open":
            marks += _prefix_mark(text, starts, first, r"\s*([-*+]|\d{1,9}[.)])\s+", "list marker")
        elif token.type in ("fence", "hr"):
            marks += _whole_lines(lines, [first, last] if token.type == "fence" else [first])
    for n in sorted(quote_lines):
        marks += _prefix_mark(text, starts, n, r"\s{0,3}(>\s?)+", "quote marker")
    return marks, title


def _raw_line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


def _front_matter_end(text: str) -> int:
    """Line count of a leading YAML front-matter block ("---" ... "---"), 0 if none."""
    lines = text.split("\n", 60)
    if not lines or lines[0].strip() != "---":
        return 0
    for n, line in enumerate(lines[1:60], start=1):
        if line.strip() in ("---", "..."):
            return n + 1
    return 0


def _heading_marks(
    text: str, starts: list[int], lines: list[Line], first: int, last: int, markup: str
) -> list[Mark]:
    if markup.startswith("#"):
        marks = _prefix_mark(text, starts, first, r"\s{0,3}#{1,6}(\s+|$)", HEADING_MARKER)
        line = lines[first]
        closing = re.search(r"\s+#+\s*$", text[line.start : line.end])
        if closing:
            start = line.start + closing.start() + 1
            marks.append(Mark(start, line.end, MarkKind.MARKUP, "heading marker (closing)"))
        return marks
    underline = lines[last]  # setext: "Title" then "=====" or "-----"
    return [Mark(underline.start, underline.end, MarkKind.MARKUP, HEADING_UNDERLINE)]


def _prefix_mark(text: str, starts: list[int], n: int, pattern: str, reason: str) -> list[Mark]:
    if n >= len(starts):
        return []
    end = text.find("\n", starts[n])
    line = text[starts[n] : end if end >= 0 else len(text)]
    found = re.match(pattern, line)
    if not found or not found.group().strip():
        return []
    lead = len(found.group()) - len(found.group().lstrip())
    return [Mark(starts[n] + lead, starts[n] + found.end(), MarkKind.MARKUP, reason)]


def _whole_lines(lines: list[Line], numbers: list[int]) -> list[Mark]:
    chosen = [lines[n] for n in numbers if n < len(lines) and not lines[n].blank]
    return [Mark(ln.start, ln.end, MarkKind.MARKUP, "code fence or rule") for ln in chosen]


# --- metadata found in the text ---------------------------------------------------------------


@dataclass(slots=True)
class _Meta:
    marks: list[Mark]
    title: str = ""
    author: str = ""
    outlet: str = ""  # a wire tag, dateline agency or the outlet of a contributor
    publisher: str = ""  # the outlet that reprinted a wire story, from its disclaimer
    published: str | None = None
    #: days the text prints year first ("2007-04-09", an address's "/2007/04/09/"): they
    #: tell which reading of a "4/9/2007" stamp is the article's (see :func:`_day_first`)
    printed_days: frozenset[str] = frozenset()

    def source_name(self, site: str = "") -> str:
        """One name for the source: the site or publisher, with the wire it carries in
        brackets when that is another agency ("ThePrint (Reuters)", "DNA (ANI)")."""
        own = site or self.publisher
        wire = self.outlet
        if own and wire and wire.casefold() not in own.casefold():
            return f"{own} ({wire})"
        return own or wire


_DATE_PREFIX_RE = re.compile(r"^\s*(date\s+(\d{4}-\d{2}-\d{2}))\b", re.IGNORECASE)
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|da|van|von|al|el|bin|le|la|di|du))*"
_BYLINE_RE = re.compile(
    rf"^[*_]*(?:By|BY|by)\s+(?P<names>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?)"
    rf"(?:\s*[,|–—-]\s*(?P<org>[A-Z][\w &'’]{{1,40}}))?[*_]*$"
)
# "MOSCOW/WASHINGTON, Dec 3 (Reuters) – " at the start of the lede paragraph.
_DATELINE_RE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’ \-]*(?:/[A-Z][A-Z.'’ \-]*)*)"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|[\w ]{2,30}))?"
    r"\s*\((?P<agency>[A-Z][\w .&\-]{1,30})\)\s*[-–—:]+\s*"
)
_PUBLISHED_FROM_RE = re.compile(r"\bpublished from (?P<agency>[A-Z][\w&.\-]*(?: [A-Z]\w*){0,3})")
_CONTRIBUTOR_RE = re.compile(
    r"^(?P<outlet>[A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,3})['’]s?\s+(?:[A-Z][\w.'’\-]*\s+){1,4}"
    r"contributed to this (?:report|story|article)",
)
# A wire story reprinted by an outlet names the outlet in its disclaimer: "ThePrint holds no
# responsibility for its content", "This story has not been edited by DNA staff".
_OWN_NAME = r"(?P<pub>[A-Z][\w&.’'\-]*(?: [A-Z][\w&.’'\-]*){0,3})"
_PUBLISHER_RES = (
    re.compile(rf"\b{_OWN_NAME} (?:holds|takes|bears|accepts|assumes) no responsibility for "
               r"(?:its|the|this|their) (?:content|contents|report|story|article|views)"),
    re.compile(rf"\bnot been edited by {_OWN_NAME} (?:staff|editors|team)\b"),
)
# "AFP contributed reporting.", "The Associated Press contributed to this report."
_WIRE_CREDIT_RE = re.compile(
    r"^\(?(?P<agency>(?:The )?[A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,2}) contributed "
    r"(?:reporting|to this (?:report|story|article))\.?\)?$")
# "New Delhi [India], December 3 (ANI): " — a wire tag early in a lede paragraph
_LEDE_WIRE_RE = re.compile(  # a place, a comma, maybe a date, then the tag
    r"^[^()\n,]{2,40},[^()\n]{0,40}?\((?P<agency>[A-Z][A-Za-z.&]{1,11}(?: [A-Z][a-z]+)?)\)"
    r"\s*[-–—:]+\s+\S")
# "Copyright 2025 The Associated Press. All rights reserved." (a photo credit says less)
_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}\s*,?\s*)?(?P<org>[A-Z][\w&.’'\- ]{1,40}?)"
    r"\s*[.,]?\s*All rights reserved\.?$", re.IGNORECASE)
# "Source: AFP" on a line of its own; "This article originally appeared in The Conversation."
_SOURCE_LINE_RE = re.compile(  # a name of at most four words: not a "Source: …" headline
    r"^\(?(?:Source|Via)\s*:\s*(?P<org>[A-Z][\w&.’'\-]*(?: [A-Z][\w&.’'\-]*){0,3})\.?\)?$")
_ORIGINALLY_RE = re.compile(
    r"\boriginally (?:appeared|published|ran) (?:on|in|at) (?P<org>(?:the )?[A-Z][\w&.’'\-]*"
    r"(?: [A-Z][\w&.’'\-]*){0,3})")
_PICTURE_WORDS = re.compile(r"\b(?:photo|image|images|getty|picture|video|graphic)s?\b",
                            re.IGNORECASE)
# a byline's "By Jane Doe, City Desk" names a desk or a role, not an outlet
_NOT_OUTLETS = re.compile(r"\b(?:desk|staff|writer|reporter|correspondent|editor|team|"
                          r"contributor|bureau chief|columnist)s?\b", re.IGNORECASE)
_OUTLET_WORDS = re.compile(
    r"\b(?:news|times|post|herald|gazette|radio|journal|tribune|courier|press|agency|daily|"
    r"wire|tv|network|telegraph|guardian|observer|chronicle|monitor|record|review|weekly|"
    r"magazine|media|broadcasting|reuters|afp|ap|ani|pti|dpa|bloomberg)\b", re.IGNORECASE)
_DATE_WORDS_OK = 1  # one word more than a time stamp says: a place ("Paris, June 11, 2012")
_YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")
_DATE_LINE_CHARS = 80  # "Published: Tuesday, Dec. 20 2005 12:00 a.m. MST | Updated: …" fits
# What a publisher prints around the date of a time stamp ("posted Jun 11th, 2012 at 1:23 PM",
# "4 August 2013 Last updated at 19:47 GMT", "Story Created: …"): these words, and dateutil's
# own month, weekday, am/pm and joining words, say no more than that the line is a time stamp.
_STAMP_WORDS = frozenset((
    "posted", "updated", "published", "last", "first", "modified", "created", "edited",
    "revised", "filed", "released", "originally", "date", "time", "dated", "hrs", "local",
))
_DATEUTIL_INFO = date_parser.parserinfo()
_DATE_WORDS = frozenset(
    w for table in (_DATEUTIL_INFO.MONTHS, _DATEUTIL_INFO.WEEKDAYS, _DATEUTIL_INFO.AMPM,
                    _DATEUTIL_INFO.HMS)
    for names in table for w in (names if isinstance(names, tuple) else (names,))
) | frozenset(_DATEUTIL_INFO.JUMP + _DATEUTIL_INFO.UTCZONE)
_DATE_WORDS = frozenset(w.lower() for w in _DATE_WORDS)
_WORD_RE = re.compile(r"\b[^\W\d_]+\b")
_ZONE_RE = re.compile(r"^[A-Z]{2,5}$")  # "PDT", "BST", "IST", "AEST": as dateutil reads zones
_CLOCK_GAP_RE = re.compile(r"(?<=\d)\s*([:/])\s*(?=\d)")
_BRACKETS_RE = re.compile(r"[()\[\]{}]")
_PLACE_AT_RE = re.compile(r"\s*[,|–—-]")  # what follows a dateline's place ("Paris, …")
_NUMBER_RE = re.compile(r"\d+")
#: a clock time and a date in figures: their numbers are the stamp's own
_CLOCK_OR_NUMERIC_DATE_RE = re.compile(
    r"\d{1,2}\s*[:.]\s*\d{2}(?:\s*[:.]\s*\d{2})?|\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}")
_DAY_RE = re.compile(r"(?<![\w.,])\d{1,2}(?:st|nd|rd|th)?(?![\w,.]\d)\b", re.IGNORECASE)
#: a date all in figures, one separator twice: "12/14/2008", "2008-12-14", "14.12.2008", "05 /
#: 03 / 2013" (how ECB+'s tokenised copies print one); only to tell its order, dateutil reads it
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.])(?P<a>\d{1,4})\s*(?P<sep>[/.-])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*(?P<c>\d{2,4})(?!\d)")


def _text_metadata(text: str, fmt: ArticleFormat) -> _Meta:
    """METADATA marks (date prefix, bylines, date lines, datelines) and what they say."""
    meta = _Meta(marks=[], printed_days=_year_first_days(text))
    prefix = _DATE_PREFIX_RE.match(text)
    if prefix:
        meta.marks.append(Mark(prefix.start(1), prefix.end(1), MarkKind.METADATA, "date line"))
        meta.published = _iso_date(prefix.group(2))
    title: Line | None = None
    before: Line | None = None  # the last non-blank line
    for line in lines_of(text):
        if line.blank or (prefix and line.index == 0):
            continue
        marked = len(meta.marks)
        _line_metadata(line, meta, fmt)
        if (before is not None and before is not title and len(meta.marks) > marked
                and meta.marks[-1].reason == "date line"):
            _source_line(before, meta)
        title = title or line
        before = line
    meta.outlet = meta.outlet or _outlet_from_signs(text)
    meta.publisher = _publisher(text)
    if fmt == ArticleFormat.MARKDOWN:
        meta.marks += _front_matter(text, meta)  # an "outlet:" key names the publisher
    return meta


def _line_metadata(line: Line, meta: _Meta, fmt: ArticleFormat) -> None:
    byline = _BYLINE_RE.match(line.text)
    if byline and len(line.text) <= 100:
        meta.marks.append(Mark(line.start, line.end, MarkKind.METADATA, "byline"))
        names = " ".join(byline.group("names").split())
        org = " ".join((byline.group("org") or "").split())
        head, _, last = names.rpartition(",")
        # "By Jane Okafor, Harbour Times" / "…, City Desk": the part after the last comma is
        # an outlet or a desk when it says so, not a second author
        if head and (_OUTLET_WORDS.search(last) or _NOT_OUTLETS.search(last)):
            names, org = head.strip(), org or last.strip()
        meta.author = meta.author or names
        if org and not _NOT_OUTLETS.search(org):
            meta.outlet = meta.outlet or org
        return
    dateline = _DATELINE_RE.match(line.text)
    if dateline and len(line.text) > dateline.end():
        # "WASHINGTON, June 11 (Reuters) - ...": only the dateline is furniture, the lede stays
        end = line.start + len(dateline.group().rstrip())
        meta.marks.append(Mark(line.start, end, MarkKind.METADATA, "dateline"))
        meta.outlet = meta.outlet or dateline.group("agency").strip()
        return
    stamp = _sourced_date_line(line.text, meta.printed_days)
    if stamp:
        published, author, source = stamp
        meta.marks.append(Mark(line.start, line.end, MarkKind.METADATA, "date line"))
        meta.published = meta.published or published
        meta.author = meta.author or author
        meta.outlet = meta.outlet or source
        return
    wire = _LEDE_WIRE_RE.match(line.text)
    if wire and len(line.text) > 120:  # a lede paragraph, not a short caption
        meta.outlet = meta.outlet or wire.group("agency").strip()


# "Toronto Star, December 14, 2008", "News1130 - Dec. 13, 2008", "streetgangs.com - June 24,
# 2005", "By Jane Doe, Toronto Star, December 14, 2008": a source (and a byline) before the
# time stamp. A name is a few capitalised words, initials, a word with digits or a site's
# address, joined by "of", "the", "and" or "&"; what follows the separator must be a time stamp
# by :func:`_date_line` on its own.
_SOURCE_WORD = (r"(?:[A-Z][\w&'’.]*|[a-z0-9][\w\-]*(?:\.[a-z]{2,})+|\d[\w]*|of|the|and|de|&)")
_SOURCE_NAME = rf"[A-Z0-9a-z][\w&'’.\-]*(?:\s+{_SOURCE_WORD}){{0,4}}"
_SOURCE_DATE_RE = re.compile(
    rf"^(?:By\s+(?P<author>{_NAME})\s*(?:[,|–—]|\s-)\s*)?"
    rf"(?:(?P<source>{_SOURCE_NAME})\s*(?P<sep>[,|–—]|\s-|-\s))?\s*(?P<stamp>\S.*)$")
_SOURCE_SHAPE_RE = re.compile(rf"^{_SOURCE_WORD}(?:\s+{_SOURCE_WORD}){{0,4}}$")
# a source is named as one when the line says so: a dash or bar before the stamp, or a name
# that reads as an outlet's (initials, digits, a site, an outlet word) — "Paris, June 11" is a
# dateline's place, "Toronto Star, December 14" an outlet
_INITIALS_RE = re.compile(r"^[A-Z][A-Z&]{1,4}$")
_DOMAIN_RE = re.compile(r"\b[a-z0-9][\w\-]*(?:\.[a-z]{2,})+$")
_SOURCE_WORDS_EXTRA = re.compile(
    r"\b(?:star|sun|mail|express|examiner|inquirer|bulletin|dispatch|independent|mirror|"
    r"standard|globe|register|sentinel|times|online|report|page|leader|citizen|province|"
    r"statesman|enquirer|courant|free press|advertiser|post|tv|fm|am)\b", re.IGNORECASE)


def _sourced_date_line(text: str, printed_days: frozenset[str] = frozenset(),
                       ) -> tuple[str, str, str] | None:
    """(ISO date, author, source) of a time-stamp line that may open with a source and a
    byline ("Toronto Star, December 14, 2008", "Associated Press - Saturday, December 13,
    2008", "By Jane Doe, Toronto Star, …"), else None. The source is "" when the words before
    the stamp are a dateline's place ("Paris, June 11, 2012").

    QA pass 4 item 6: a name of more than one word, or one with digits, left such a line
    undated and made it a passage — 7 of 19 articles undated, the line suggested as
    "unsourced", "streetgangs.com - June 24, 2005" a row of the Facts table."""
    if len(text) > _DATE_LINE_CHARS + 40 or not _YEAR_RE.search(text):
        return None
    whole = _date_line(text, printed_days)
    found = _SOURCE_DATE_RE.match(text.strip())
    if found is None:
        return (whole, "", "") if whole else None
    source = (found.group("source") or "").strip()
    author = " ".join((found.group("author") or "").split())
    if source and not _SOURCE_SHAPE_RE.match(source):
        source = ""
    if not whole:
        if not (source or author):
            return None
        if source and not author and not _names_a_source(source, found.group("sep") or ""):
            return None  # "Palin Church Burns, December 14, 2008": a headline, not a source
        whole = _date_line(found.group("stamp"), printed_days)
        if not whole:
            return None
    if source and (source.lower() in _NO_NAMES
                   or not _names_a_source(source, found.group("sep") or "")):
        source = ""
    return whole, author, source


def _source_line(line: Line, meta: _Meta) -> None:
    """A line of its own just above a time stamp that is only an outlet's name ("Los Angeles
    Times" / "June 26, 2005") is the article's source, not a passage (QA pass 4 item 5: the
    line was dropped and the file name, "Latimes JUN26", named the source)."""
    name = line.text.strip()
    if (len(name) > 40 or not _SOURCE_SHAPE_RE.match(name) or name.lower() in _NO_NAMES
            or any(m.start <= line.start < m.end for m in meta.marks)
            or not _names_a_source(name, "")):
        return
    meta.marks.append(Mark(line.start, line.end, MarkKind.METADATA, "source line"))
    meta.outlet = meta.outlet or name


#: one word before a time stamp that names nobody ("News - December 13, 2008")
_NO_NAMES = frozenset(("news", "home", "world", "local", "latest", "breaking", "update", "report",
                       "online", "the", "page"))


def _names_a_source(name: str, sep: str) -> bool:
    """Whether the words before a time stamp name its source rather than a place."""
    digits = any(c.isdigit() for c in name)
    for word in name.split():
        w = word.strip(".,").lower()
        if w in _STAMP_WORDS or w.isdigit() or (w in _DATE_WORDS and (
                len(w) > 3 or word.endswith(".") or digits or word == name)):
            # "Saturday, December 13, 2008", "Posted - June 24, 2005", "Nov. 30", "Fri.",
            # "Sun, 15 Sep 2013" — but a "Sun" is a newspaper ("Toronto Sun - Sunday, …")
            return False
    if _reads_as_headline(name):
        return False
    if sep.strip() in ("-", "|", "–", "—"):
        return True
    return bool(_INITIALS_RE.match(name) or any(c.isdigit() for c in name)
                or _DOMAIN_RE.search(name) or _OUTLET_WORDS.search(name)
                or _SOURCE_WORDS_EXTRA.search(name))


#: initials, "U.S.": a headline's subject as often as an outlet's name ("NASA Says …")
_INITIALS_WORD_RE = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$")
#: a second word in -s after initials that names a desk, not a verb ("CBS Sports")
_DESK_WORDS = frozenset(("sports", "news", "films", "pictures", "studios", "games", "records",
                         "books", "events", "networks", "systems", "nets", "labs"))


def _reads_as_headline(name: str) -> bool:
    """Whether words that have an outlet's shape read as a headline instead (QA pass 5 item
    3: "NASA Says Bridge Safe - December 14, 2008" named the source "NASA Says Bridge Safe").

    An outlet's name is short or ends in an outlet's word ("The New York Times", "Sydney
    Morning Herald", "NBC Bay Area"); four words or more that end in another word are a
    headline ("U.S. Charges Bridge Builder", "Times Square Bomb Plot Foiled"), and so are
    initials followed by a verb in -s ("FBI Arrests Two", "NASA Says")."""
    words = name.split()
    if any(c.isdigit() for c in name) or _DOMAIN_RE.search(name):
        return False  # "ABC7 KGO", "streetgangs.com"
    last = words[-1].strip(".,")
    if len(words) >= 4 and not (_OUTLET_WORDS.fullmatch(last) or _SOURCE_WORDS_EXTRA.search(last)):
        return True
    if len(words) >= 2 and _INITIALS_WORD_RE.match(words[0]):
        second = words[1]
        return (len(second) > 3 and second[0].isupper() and second[1:].islower()
                and second.endswith("s") and not second.endswith("ss")
                and second.lower() not in _DESK_WORDS and not _OUTLET_WORDS.fullmatch(second))
    return False


def _date_line(text: str, printed_days: frozenset[str] = frozenset()) -> str | None:
    """ISO date of a line that is only a time stamp ("Thursday, December 4, 2025", "Updated :
    Dec 04, 2025, 07:06 AM IST", "posted Jun 11th, 2012 at 1:23 PM", "(10:27 am PDT, Jun 11th
    2012)", "4 August 2013 Last updated at 19:47 GMT"), else None.

    Such a line is page furniture: it dates the article, and as a passage it was aligned with
    another outlet's time stamp and suggested as a claim "confirmed by 2 sources". The words
    decide first (cheap, and most lines are prose): beside its date a stamp has only month,
    weekday and clock words, zone names, :data:`_STAMP_WORDS` and at most one other word (a
    place). Then a library reads the date — dateutil, else dateparser (for what dateutil
    cannot read: "Monday 5 August 2013 08.33 BST") — and the line counts only when its day,
    month and year are all printed on it.
    """
    if len(text) > _DATE_LINE_CHARS or not _YEAR_RE.search(text):
        return None
    others = [m for m in _WORD_RE.finditer(text)
              if len(m.group()) > 1 and m.group().lower() not in _DATE_WORDS
              and m.group().lower() not in _STAMP_WORDS and not _ZONE_RE.match(m.group())]
    if len(others) > _DATE_WORDS_OK or not (_DAY_RE.search(text) or _NUMERIC_DATE_RE.search(text)):
        return None  # prose, a headline, or no day of the month ("June 2012")
    if others and not _PLACE_AT_RE.match(text, others[0].end()) \
            and not others[0].group().isupper():
        # the one other word is a place only as a dateline writes one ("Paris, June 11, 2012",
        # "KYIV June 11"): "Suspect released June 12, 2024", "Born: 12 March 1936" and "June
        # 11, 2012 - 9 dead" are facts of the story, not the page's time stamp
        return None
    if len(_NUMBER_RE.findall(_CLOCK_OR_NUMERIC_DATE_RE.sub(" ", text))) > 2:
        return None  # a number beside the day and the year: "June 11, 2012 - 9 dead"
    # brackets say nothing of the date, and dateutil read "Jun 11th 2012)" as a made-up year;
    # "1: 23 PM", "05 / 03 / 2013" are how tokenised copies (ECB+) print a time and a date
    tidy = _CLOCK_GAP_RE.sub(r"\1", _BRACKETS_RE.sub(" ", text))
    day_first = _day_first(tidy, printed_days)
    if day_first is None:
        return None  # "01/02/2008": no reader may guess (dateparser would)
    day = _dateutil_day(tidy, day_first) or _dateparser_day(tidy)
    return day.isoformat() if day else None


_US_ZONE_RE = re.compile(r"\b(?:(?:E|C|M|P|AK|H)[SD]T|[ECMP]T)\b")


def _year_first_days(text: str) -> frozenset[str]:
    """The days a text prints year first, as ISO dates: "2007-04-09", "2007 / 04 / 09" (an
    address in a tokenised copy); the order of such a date is never in doubt."""
    days = set()
    for found in _NUMERIC_DATE_RE.finditer(text):
        if len(found.group("a")) == 4 and found.group("sep") != ".":
            try:
                days.add(date(int(found.group("a")), int(found.group("b")),
                              int(found.group("c"))).isoformat())
            except ValueError:
                continue
    return frozenset(days)


def _day_first(text: str, printed_days: frozenset[str] = frozenset()) -> bool | None:
    """How dateutil must read a date in figures on a line: day first (True) or month first
    (False); None when nothing decides and the two readings are two different days.

    "2008-01-02" puts the year first and is year, month, day (ISO 8601) wherever it is
    written. A date with dots ("02.01.2008") is written day first in every country that
    writes one that way (Germany, Russia, Poland, Switzerland, ...): 2 January. With slashes
    or dashes "12/14/2008" and "14/12/2008" have only one reading, but "01/02/2008" is 2
    January in New York and 1 February in London, and nothing on the line says which: QA pass
    5 item 2 chose no date over a wrong one (a wrong date gives a wrong "date: … vs …"
    conflict, no date only an article the reviewer dates by hand) — unless the line's clock
    is in a North American zone ("EDT", "PT"): there dates are written month first; or the
    weekday on the line is one reading's only ("Tue, 04/09/2012"); or the
    text prints one of the two days year first (``printed_days``: the page's address
    ".../2007-04-09-office-shooting" above "Updated 4/9/2007"). A line
    without such a date is read month first, as before."""
    found = _NUMERIC_DATE_RE.search(text)
    if found is None or len(found.group("a")) > 2:
        return False
    if found.group("sep") == ".":
        return True
    first, second = int(found.group("a")), int(found.group("b"))
    if first > 12 or second > 12 or first == second:
        return False  # one reading only: dateutil swaps "14/12/2008" itself
    if _US_ZONE_RE.search(text):
        return False  # "08/02/2013 11:10 am EDT": a North American clock, a month-first date
    year = int(found.group("c")) if len(found.group("c")) == 4 else None
    if year is None:
        return None
    readings = (date(year, first, second), date(year, second, first))  # month, day first
    weekday = next((n for word in _WORD_RE.findall(text)
                    for n, names in enumerate(_DATEUTIL_INFO.WEEKDAYS)
                    if word.lower() in (w.lower() for w in names)), None)
    if weekday is not None:  # "Tue, 04/09/2012": 4 September was a Tuesday, 9 April not
        fits = [r.weekday() == weekday for r in readings]
        return fits[1] if fits[0] != fits[1] else None
    printed = [r.isoformat() in printed_days for r in readings]
    if printed[0] != printed[1]:  # "Updated 4/9/2007" under ".../2007-04-09-shooting"
        return printed[1]
    return None


def _dateutil_day(text: str, day_first: bool = False) -> date | None:
    """The day a time stamp prints, read by dateutil; None when dateutil cannot read it or had
    to make up its day, month or year (two different defaults give two different answers)."""
    days = []
    for default in (datetime(1904, 1, 1), datetime(1908, 2, 2)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unknown zones like "IST" only warn
                days.append(date_parser.parse(text, fuzzy=True, default=default,
                                              dayfirst=day_first).date())
        except (ValueError, OverflowError, date_parser.ParserError):
            return None
    if days[0] != days[1] or str(days[0].year) not in text:
        return None
    return days[0]


def _dateparser_day(text: str) -> date | None:
    """The same with dateparser, told to require the day, month and year. Imported lazily:
    its first call costs ~0.25 s (it loads its language tables), and only the few stamps
    dateutil cannot read need it."""
    import dateparser
    from dateparser.search import search_dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = dateparser.parse(text.strip("()[] "), languages=["en"], settings=settings)
            if found is None:
                hits = search_dates(text, languages=["en"], settings=settings) or []
                found = next((d for _, d in hits if str(d.year) in text), None)
    except Exception:  # noqa: BLE001 - a third-party parser on any file's line: no date then
        return None
    if found is None or str(found.year) not in text:
        return None
    return found.date()


def _outlet_from_signs(text: str) -> str:
    """Outlet from sign-off lines: "(… published from ANI)", "ABC News’ X contributed to this
    report"; else a wire credited alone ("AFP contributed reporting"), named "via AFP", as
    the outlet that took its reporting is not named; else the copyright line's owner, a
    "Source: AFP" line or where the story "originally appeared"."""
    credit = ""
    for line in lines_of(text):
        found = _PUBLISHED_FROM_RE.search(line.text) or _CONTRIBUTOR_RE.match(line.text)
        if found:
            return (found.groupdict().get("agency") or found.group("outlet")).strip()
        wire = _WIRE_CREDIT_RE.match(line.text.strip())
        if wire and not credit:
            credit = "via " + re.sub(r"^The ", "", wire.group("agency").strip())
        owner = (_COPYRIGHT_RE.match(line.text.strip())
                 or _SOURCE_LINE_RE.match(line.text.strip())
                 or _ORIGINALLY_RE.search(line.text))
        if owner and not credit and not _PICTURE_WORDS.search(owner.group("org")):
            credit = owner.group("org").strip().rstrip(".,;:")
    return credit


def _publisher(text: str) -> str:
    """The outlet that reprinted a wire story, from its disclaimer (last lines first)."""
    for line in reversed(lines_of(text)):
        for pattern in _PUBLISHER_RES:
            found = pattern.search(line.text)
            if found:
                return re.sub(r"^(?:This|The story|Disclaimer:?)\s+", "",
                              found.group("pub")).strip()
    return ""


def _front_matter(text: str, meta: _Meta) -> list[Mark]:
    """A YAML front-matter block is metadata; its title/author/date keys fill the fields."""
    count = _front_matter_end(text)
    if not count:
        return []
    block_lines = lines_of(text)[:count]
    for line in block_lines[1:-1]:
        key, _, value = line.text.partition(":")
        value = value.strip().strip("\"'")
        key = key.strip().lower()
        if key == "title" and value:
            meta.title = value
        elif key in ("author", "authors", "byline") and value:
            meta.author = meta.author or value
        elif key in ("date", "published") and value:
            meta.published = meta.published or _iso_date(value)
        elif key in ("outlet", "publisher", "source", "site", "site_name", "sitename") and value:
            meta.publisher = meta.publisher or value
    first, last = block_lines[0], block_lines[-1]
    return [Mark(first.start, last.end, MarkKind.METADATA, "front matter")]


def _page_date(html: str, found: str | None) -> str | None:
    """The date trafilatura's metadata step (htmldate) read for a page, when the page prints
    that day somewhere (a meta tag, a ``<time datetime>``, its address, its text); else None.

    htmldate gives a whole date for a year alone — 1 January for a copyright line "© 2008",
    a headline or address with a year, a meta tag "2008" — and today's day for "2008-12" (QA
    pass 5 item 1: such pages were "published" on 1 January). It says nothing of the parts it
    made up, so the day it gives must be printed on the page, in figures or in words."""
    day = _iso_date(found)
    if day is None:
        return None
    year, month, dom = (int(part) for part in day.split("-"))
    return day if any(p.search(html) for p in _printed_day_res(year, month, dom)) else None


@cache
def _printed_day_res(year: int, month: int, dom: int) -> tuple[re.Pattern[str], ...]:
    """How a page may print one day: "2008-12-14" (also with "/" or "." and in an address),
    "20081214", "12/14/2008", "14.12.08", "Dec. 14, 2008", "Sunday 14th December 2008",
    "14-Dec-2008", "Dec 14th '08". Searching a 1 MB page for a day it does not print costs
    ~0.12 s (every pattern scans it all); a printed day is found in its head at once."""
    names = _DATEUTIL_INFO.MONTHS[month - 1]
    name = "(?:" + "|".join(names if isinstance(names, tuple) else (names,)) + r")\.?"
    d, m, y = rf"0?{dom}", rf"0?{month}", rf"(?:{year}|{year % 100:02d})"
    th = rf"{d}(?:st|nd|rd|th)?"
    gap, to_year = r"[\s\-/]+", rf"(?:,?[\s\-/]+{year}|\s*'{year % 100:02d})"
    return tuple(re.compile(p, re.IGNORECASE) for p in (
        rf"(?<!\d){year}\s*([-/.])\s*{m}\s*\1\s*{d}(?!\d)",
        rf"(?<!\d){year}{month:02d}{dom:02d}(?!\d)",
        rf"(?<!\d){m}\s*([-/.])\s*{d}\s*\1\s*{y}(?!\d)",
        rf"(?<!\d){d}\s*([-/.])\s*{m}\s*\1\s*{y}(?!\d)",
        rf"\b{name}{gap}{th}{to_year}(?!\d)",
        rf"(?<![\d.]){th}{gap}(?:of\s+)?{name}{to_year}(?!\d)",
    ))


def _iso_date(value: str | date | None) -> str | None:
    """Normalise a date string to "YYYY-MM-DD" (dateutil), or None when it is not one: a
    value that does not give its day, month and year ("2008", "2008-12": dateutil filled the
    rest from today, QA pass 5 item 1) or whose figures can be read two ways ("01/02/2008")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    day_first = _day_first(text)
    day = _dateutil_day(text, day_first) if day_first is not None else None
    return day.isoformat() if day else None
