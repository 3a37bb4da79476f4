"""Marking (never deleting) the parts of a captured article that are not article content.

Web captures carry page furniture around the story: navigation and breadcrumbs, subscribe
pleas, share widgets, photo captions and credits, comment forms, wire disclaimers and reporting
credits. The reviewer must still see the file exactly as it was, so this module only returns
``Mark`` spans with a short reason; the passages are cut from the text between the marks.

Everything here works on lines (split on ``"\\n"`` only, never ``str.splitlines``, which would
also split on form feeds and U+2028 and so shift offsets), and every rule is a general sign of
page junk, never a list of one site's strings. No library does this line-level judgement for
plain text (trafilatura needs the HTML tree), so the heuristics are hand-written and commented.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown_it import MarkdownIt

from factdesk.core.model import ArticleFormat, Mark, MarkKind

__all__ = [
    "Line",
    "PageSignals",
    "is_headline_like",
    "lines_of",
    "mark_boilerplate",
    "merge_marks",
]

# Terminal punctuation, allowing closing quotes/brackets after it: `said.”` and `(yes).` end a
# sentence, `Trump says` does not. CJK full-width marks (。！？；：，、) and the Arabic question
# mark and Urdu full stop (؟ ۔) count as in their scripts.
_TERMINAL_RE = re.compile(r"[.!?…:;,。！？；：，、؟۔][\"'”’»)\]」』）】]*$")
_WORD_RE = re.compile(r"\w+(?:['’.\-]\w+)*")
# Scripts written without spaces between words: Han, kana, CJK compatibility ideographs,
# half-width kana. There a "word" found by \w+ is a whole clause or paragraph.
_CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
# A CJK word is about two characters long (Chinese averages ~1.6, Japanese text with kana
# more): counting two characters as a word keeps every word threshold here meaningful.
_CJK_CHARS_PER_WORD = 2
# Thai, Lao, Khmer and Myanmar also run words together (spaces end phrases); their words are
# longer in characters (vowel and tone marks are characters of their own).
_SEA_RE = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_SEA_CHARS_PER_WORD = 4


class Line(NamedTuple):
    """One line of the text: ``text`` is the content without surrounding whitespace.

    ``start``/``end`` bound that stripped content in the article text; for a blank line both
    equal the line's start offset and ``text`` is empty. (A NamedTuple: files have 100k lines.)
    """

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def lines_of(text: str) -> list[Line]:
    """Split on "\\n" only and record stripped offsets (see the module docstring for why)."""
    lines: list[Line] = []
    pos = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            lines.append(Line(index, start, start + len(stripped), stripped))
        else:
            lines.append(Line(index, pos, pos, ""))
        pos += len(raw) + 1
    return lines


def word_count(text: str) -> int:
    """Words as the rules count them; long lines (prose, past every threshold used here) are
    counted by whitespace, which is ten times faster on 5 MB files. In Chinese and Japanese,
    which have no spaces, every two characters count as a word."""
    if not text.isascii():
        cjk, sea = len(_CJK_RE.findall(text)), len(_SEA_RE.findall(text))
        if cjk or sea:
            rest = _SEA_RE.sub(" ", _CJK_RE.sub(" ", text))
            words = len(rest.split()) if len(rest) > 600 else len(_WORD_RE.findall(rest))
            return words + -(-cjk // _CJK_CHARS_PER_WORD) + -(-sea // _SEA_CHARS_PER_WORD)
    if len(text) > 600:
        return len(text.split())
    return len(_WORD_RE.findall(text))


def has_cjk(text: str) -> bool:
    """Written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Myanmar."""
    return not text.isascii() and bool(_CJK_RE.search(text) or _SEA_RE.search(text))


def starts_like_a_title(text: str) -> bool:
    """Upper case, a digit, an opening quote, or a letter of a script without case (Chinese,
    Arabic, Hebrew...): anything but a lowercase letter or stray punctuation."""
    first = text[0]
    if first.isupper() or first.isdigit() or first in "'‘\"“«「『":
        return True
    return first.isalpha() and not first.islower()


def ends_with_terminal(text: str) -> bool:
    return bool(_TERMINAL_RE.search(text.rstrip()))


def is_headline_like(text: str, max_words: int = 25, min_words: int = 2) -> bool:
    """A title line: short, starts like a sentence, and has no sentence-final punctuation.

    Question headlines ("Will the talks go on?") are allowed when short.
    """
    text = text.strip()
    words = word_count(text)
    if not min_words <= words <= max_words or len(text) > 200:
        return False
    if not starts_like_a_title(text):
        return False
    if text.endswith(("?", "？", "؟")) and words <= 15:
        return True
    return not ends_with_terminal(text)


# --- single-line signs ---------------------------------------------------------------------
# Each pattern is a general, site-independent sign of page furniture. Lines that match are
# short, so a real article sentence that merely mentions "subscribe" is left alone.

_I = re.IGNORECASE
# Per-language phrases, an addition to the language-independent evidence (links, position,
# repetition; see PageSignals): the page-furniture phrases of the languages news is most read
# in, as short exact openings of a line.
_SUBSCRIBE_WORLD = (
    r"|suscr[ií]bete\b|hazte (socio|suscriptor)|abonnez-vous\b|pour lire la suite"
    r"|(jetzt )?abonnieren\b|abonnieren sie\b|weiterlesen mit\b|abbonati\b"
    r"|assine\b|subskrybuj\b|zaprenumeruj\b|подпишитесь\b|подписывайтесь\b|اشترك\b"
    r"|הירשמו\b|订阅|購読|구독"
)
_SUBSCRIBE_RE = re.compile(
    r"^(support (our|independent|quality) journalism|subscribe\b|sign up (for|to)\b"
    r"|become a (member|subscriber|supporter)|already a subscriber|donate (now|today)\b"
    r"|get (our|the) newsletter" + _SUBSCRIBE_WORLD + r")"
    r"|\b(paid subscription|subscribe to (our|the)|support (our|independent) journalism"
    r"|readers like you)\b",
    _I,
)
_CALL_TO_ACTION_RE = re.compile(r"\bclick(ing)? here\b", _I)
_SHARE_RE = re.compile(
    r"^(follow us\b|share (this|on|via)\b|share\s*:?$|text size\s*:?|font size\s*:?"
    r"|copy link\b|listen to (this|the) (article|story)|print( this)?( article)?\s*$"
    r"|e-?mail\s*$|tweet\s*$|(facebook|twitter|whatsapp|linkedin|telegram)\s*$)"
    r"|\b(as a preferred source|preferred source on google)\b",
    _I,
)
_COMMENT_RE = re.compile(
    r"^(leave a (reply|comment)|post a comment|add a comment|please enter your"
    r"|save my name|you must be logged in|comments?\s*\(\d+\)\s*$|\d+\s+comments?\s*$"
    r"|join the conversation)",
    _I,
)
_RELATED_WORLD = (
    r"|le[ae] tambi[eé]n|te puede interesar|m[aá]s noticias|lo m[aá]s le[ií]do"
    r"|schon gelesen|lesen sie auch|mehr zum thema|auch interessant|meistgelesen"
    r"|(à|a) lire aussi|lire aussi|sur le m[eê]me sujet|les plus lus"
    r"|leggi anche|leia tamb[eé]m|veja tamb[eé]m|czytaj (także|też|również)|zobacz też"
    r"|читайте также|смотрите также|по теме|اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|مواضيع ذات صلة"
    r"|קראו גם|עוד באתר|כתבות נוספות|相关新闻|相關新聞|延伸阅读|延伸閱讀|推荐阅读|関連記事"
    r"|あわせて読みたい|관련기사|관련 기사"
)
_RELATED_RE = re.compile(
    r"^(most (popular|read|viewed|shared)|related( (stories|articles|news|coverage|content))?"
    r"|read (more|also|next)|also read|recommended( for you)?|trending( now| stories)?"
    r"|more (from|stories|news)|you (may|might) also like|top stories|editor['’]?s picks"
    r"|latest (news|stories|updates)" + _RELATED_WORLD + r")(?!\w)(?P<rest>.*)$",
    _I,
)
_ADVERT_RE = re.compile(
    r"^(advertisement|sponsored( content)?|story continues below( advertisement)?"
    r"|continue reading( below)?|scroll to continue( with content)?)\W*$",
    _I,
)
_DISCLAIMER_RE = re.compile(
    r"^\(?\s*disclaimer\b"
    r"|\b(auto[- ]?generated from|has not been edited by|published from (a |an )?"
    r"(syndicated|wire|agency|[A-Z]{2,})|syndicated (news )?feed)\b",
)
_CREDITS_RE = re.compile(
    r"^\(?\s*((with )?additional )?(reporting|writing|editing|research|compiled|edited"
    r"|written|produced|graphics|fact-checking) by\b",
    _I,
)
_CONTRIBUTED_RE = re.compile(
    r"\bcontributed( additional)? (reporting|to this (report|story|article))\b", _I
)
_BROWSER_RE = re.compile(
    r"\b(enable javascript|javascript is (disabled|required)|your browser does not support"
    r"|update your browser|turn off your ad ?blocker|accept (all )?cookies|cookie settings)\b",
    _I,
)
_COPYRIGHT_RE = re.compile(
    r"^(©|\(c\)\s|copyright\b|版权所有|版權所有|著作権)|\ball rights reserved\b"
    r"|todos los derechos reservados|alle rechte vorbehalten|tous droits réservés"
    r"|tutti i diritti riservati|все права защищены|جميع الحقوق محفوظة|כל הזכויות שמורות",
    _I,
)
_TRACKER_RE = re.compile(
    r"scorecardresearch|googletagmanager|doubleclick|google-analytics|comscore|chartbeat"
    r"|\bgtag\(|\bfbq\(|\bpixel\b|\bbeacon\b",
    _I,
)
_URL_RE = re.compile(r"^(https?://|www\.)\S+$|^\S+\.(js|css|php|gif|png|jpe?g|svg)(\?\S*)?$", _I)
_BREADCRUMB_RE = re.compile(
    r"^\w[\w ]{0,30}(\s*[>›»|]\s*\w[\w ]{0,30}){1,6}$|^home\s*/\s*\w[\w /]{0,60}$", _I
)
_CAMEL_GLUE_RE = re.compile(r"[a-z][A-Z]")

# A photo credit: photographer name(s), then "/"-separated agencies and/or "via Agency", e.g.
# "Jane Doe/AFP via Getty Images", "John Roe/EPA/Shutterstock", "Jo Poe/via REUTERS".
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|da|van|von|al|el|bin|le|la|di|du))*"
_AGENCY = r"(?:via\s+)?[A-Z][\w'’.&\-]*(?:\s+[A-Z][\w'’.&\-]*)*"
_CREDIT = (
    rf"(?:{_NAME}\s*/\s*{_AGENCY}(?:\s*/\s*{_AGENCY})*(?:\s+via\s+{_AGENCY})?"
    rf"|{_NAME}\s+via\s+{_AGENCY}"
    rf"|(?i:photo|image|picture|credit)s?(?:\s+(?i:credit))?\s*:\s*\S.{{0,60}})"
)
_CREDIT_LINE_RE = re.compile(rf"^\(?{_CREDIT}\)?$")
_CAPTION_CREDIT_RE = re.compile(rf"^(?P<caption>.+[.!?”\"])\s+\(?(?P<credit>{_CREDIT})\)?$")


def _could_be_credit(text: str) -> bool:
    """Cheap pre-check before the credit regexes: every credit has "/", "via" or a colon."""
    return "/" in text or " via " in text or ":" in text


def _is_credit(text: str) -> bool:
    if not _could_be_credit(text):
        return False
    return len(text) <= 90 and word_count(text) <= 12 and bool(_CREDIT_LINE_RE.match(text))


def _is_caption_with_credit(text: str) -> bool:
    if not _could_be_credit(text):
        return False
    match = _CAPTION_CREDIT_RE.match(text)
    return bool(match) and _is_credit(match.group("credit"))


def _short_line_reason(text: str) -> str | None:
    """Lone labels: "WORLD", "HomeWorld", "ANI", "Latest News".

    Only one to three capitalised words with no sentence punctuation count; a sub-heading such
    as "Major obstacles remain to a peace agreement" is longer and in sentence case, and stays.
    """
    words = text.split()
    if ends_with_terminal(text) and not text.endswith(":"):
        return None
    if not any(ch.isalpha() for ch in text):
        return None
    if has_cjk(text):
        # no spaces: "首页" is a label, a clause of twenty characters is not
        return "navigation" if word_count(text) <= 3 else None
    if len(words) == 1:
        if _CAMEL_GLUE_RE.search(text):
            return "navigation breadcrumb"
        if text.isupper():
            return "section label"
        return "navigation"
    if len(words) <= 3 and all(w[0].isupper() or not w[0].isalpha() for w in words):
        return "navigation"
    return None


@functools.lru_cache(maxsize=4096)  # page templates repeat lines ("Support Our Journalism")
def _line_reason(text: str) -> str | None:
    """The reason a line on its own is page furniture, or None when it may be content."""
    words = word_count(text)
    if words > 60:
        return None  # a long paragraph is prose; every sign below is for short lines
    checks: tuple[tuple[Callable[[], bool], str], ...] = (
        (lambda: words <= 6 and bool(_TRACKER_RE.search(text)), "tracking code"),
        (lambda: bool(_URL_RE.match(text)), "link"),
        (lambda: words <= 15 and bool(_COMMENT_RE.match(text)), "comment form"),
        (lambda: words <= 20 and bool(_SUBSCRIBE_RE.search(text)), "subscribe plea"),
        (lambda: words <= 10 and bool(_SHARE_RE.search(text)), "share widget"),
        (lambda: bool(_ADVERT_RE.match(text)), "advertisement"),
        (lambda: _is_related_heading(text), "related-links list"),
        (lambda: bool(_DISCLAIMER_RE.search(text)), "wire disclaimer"),
        (lambda: _is_reporting_credit(text), "reporting credits"),
        (lambda: words <= 15 and bool(_CONTRIBUTED_RE.search(text)), "reporting credit"),
        (lambda: words <= 25 and bool(_COPYRIGHT_RE.search(text)), "copyright notice"),
        (lambda: words <= 20 and bool(_BROWSER_RE.search(text)), "browser notice"),
        (lambda: _is_credit(text), "photo credit"),
        (lambda: _is_caption_with_credit(text), "photo caption and credit"),
        (lambda: words <= 12 and bool(_BREADCRUMB_RE.match(text)), "navigation breadcrumb"),
        (lambda: words <= 30 and bool(_CALL_TO_ACTION_RE.search(text)), "call to action"),
    )
    for hit, reason in checks:
        if hit():
            return reason
    return _short_line_reason(text)


def _is_related_heading(text: str) -> bool:
    """ "Most Popular", "Also read: <link title>" — but not "Read more about it here." """
    match = _RELATED_RE.match(text)
    if not match:
        return False
    rest = match.group("rest").strip()
    return (
        not rest
        or rest.startswith((":", "|", "»", "›", ">", "?", "：", "?", "؟"))
        or word_count(text) <= 4
    )


def _is_reporting_credit(text: str) -> bool:
    """ "(Reporting by A; Editing by B)" — a sentence that starts "Reporting by the Times
    found..." has neither the parenthesis, the semicolon nor an editing credit."""
    if not _CREDITS_RE.match(text) or word_count(text) > 60:
        return False
    lowered = text.lower()
    return text.startswith("(") or ";" in text or "editing by" in lowered or word_count(text) <= 8


# --- evidence from the page itself -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What an HTML page says about its extracted lines, whatever its language.

    ``links`` holds the (whitespace-normalised, case-folded) texts of the page's links. A short
    line that is mostly link text is a menu entry or a "related story"; a short line with no
    link — a sub-heading such as "Bus Routes", a list item such as "Harbour Loop" — is the
    author's structure, not navigation, however few its words.
    """

    links: frozenset[str] = field(default_factory=frozenset)
    _long_links: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def from_links(cls, texts: Collection[str]) -> PageSignals:
        keys = frozenset(k for k in (_normalise(t) for t in texts) if k)
        return cls(keys, tuple(sorted((k for k in keys if len(k) >= 3), key=len, reverse=True)))

    def link_share(self, text: str) -> float:
        """The share of a line's characters that are link text (0 for lines of prose)."""
        key = _normalise(text)
        if not key:
            return 0.0
        if key in self.links:
            return 1.0
        covered = 0
        for link in self._long_links:
            if len(link) <= len(key) and link in key:
                covered += len(link)
                if covered >= len(key):
                    break
        return min(1.0, covered / len(key))


_LINK_LINE_WORDS = 15  # a line of links: a menu entry, a related-story title
_LINK_LINE_SHARE = 0.6
_SHAPE_ONLY = {"navigation", "section label"}  # reasons found from a line's shape alone


def _page_reason(text: str, reason: str | None, page: PageSignals) -> str | None:
    """Re-judge a line of an HTML page with the page's links: shape-only reasons stand only
    for link text; a short line that is mostly links is page furniture in any language."""
    words = word_count(text)
    if words > 40:
        return reason
    share = page.link_share(text)
    if reason in _SHAPE_ONLY and share < 0.5:
        return None
    if reason is None and words <= _LINK_LINE_WORDS and share >= _LINK_LINE_SHARE:
        return "links to other pages"
    return reason


# --- context rules ---------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _markdown_content(text: str) -> str:
    """Line text without block markers, so "## Background" is judged as "Background"."""
    return re.sub(r"^(\s{0,3}>\s?)*(\s*([-*+]|\d{1,9}[.)])\s+)?(#{1,6}\s+)?", "", text).strip()


def _is_markdown_structure(text: str) -> bool:
    """Headings and list items are author structure in Markdown, never navigation labels."""
    return bool(re.match(r"^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s)", text))


def _first_content_line(lines: list[Line], reasons: dict[int, str]) -> Line | None:
    return next((ln for ln in lines if not ln.blank and ln.index not in reasons), None)


def _mark_repeats(lines: list[Line], reasons: dict[int, str]) -> None:
    """A line that is some short prefix glued to another line ("HomeWorld" + headline) is a
    breadcrumb strip. Later copies of a line are page furniture (a headline printed twice, a
    standfirst repeated as the first body paragraph); the first copy stays."""
    texts = {_normalise(ln.text): ln for ln in lines if not ln.blank and word_count(ln.text) >= 4}
    lengths = {len(key) for key in texts}
    for line in lines:
        free = not line.blank and line.index not in reasons
        if free and _glued_prefix(_normalise(line.text), texts, lengths, line):
            reasons[line.index] = "navigation breadcrumb"
    first = _first_content_line(lines, reasons)
    seen: dict[str, Line] = {}
    for line in lines:
        if line.blank or line.index in reasons or word_count(line.text) < 4:
            continue
        key = _normalise(line.text)
        original = seen.setdefault(key, line)
        if original is not line:
            headline = original is first and is_headline_like(original.text)
            reasons[line.index] = "repeated headline" if headline else "repeated text"


def _glued_prefix(key: str, texts: dict[str, Line], lengths: set[int], line: Line) -> bool:
    """True when the line is a short label run straight into another line's text.

    Only cut points in the first 30 characters are tried (a dictionary look-up each), so this
    stays linear on long files.
    """
    if len(key) > 260:
        return False  # a breadcrumb glued to a headline is a short line
    for cut in range(1, min(31, len(key))):
        if len(key) - cut not in lengths and len(key) - cut - 1 not in lengths:
            continue  # no line is that long: skip the slice and the look-up
        other = texts.get(key[cut:].strip())
        if other is None or other is line:
            continue
        prefix = key[:cut].strip()
        if prefix and len(prefix.split()) <= 3 and not ends_with_terminal(prefix):
            return True
    return False


def _mark_captions(lines: list[Line], reasons: dict[int, str]) -> None:
    """The line directly above a photo credit (no blank line between) is its caption."""
    for line in lines:
        if reasons.get(line.index) != "photo credit" or line.index == 0:
            continue
        above = lines[line.index - 1]
        if not above.blank and above.index not in reasons and word_count(above.text) <= 60:
            reasons[above.index] = "photo caption"


_END_SIGNS = {"reporting credits", "reporting credit", "wire disclaimer", "comment form"}


def _mark_tail(lines: list[Line], reasons: dict[int, str], text_length: int) -> None:
    """Everything after the article's sign-off (reporting credits, a wire disclaimer, a comment
    form) is page footer: pleas, "Most Popular" lists, comment boxes.

    Only applied when the sign-off sits in the second half of the text and the tail is under
    40% of it, so a credit line quoted mid-article never blanks out the story.
    """
    for line in lines:
        if reasons.get(line.index) not in _END_SIGNS or line.start < text_length * 0.5:
            continue
        if text_length - line.end > text_length * 0.4:
            continue
        for later in lines[line.index + 1 :]:
            if not later.blank and later.index not in reasons:
                reasons[later.index] = "after the article's end"
        return


def _markdown_junk(text: str) -> list[tuple[int, int, str]]:
    """Image-only paragraphs and HTML comments, found with markdown-it's block map."""
    lines = lines_of(text)
    found: list[tuple[int, int, str]] = []
    tokens = MarkdownIt("commonmark").parse(text)
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map[0], min(token.map[1], len(lines)) - 1
        if token.type == "html_block":
            reason = "HTML comment" if token.content.lstrip().startswith("<!--") else "HTML"
            found.append((lines[first].start, lines[last].end, reason))
        elif token.type == "inline" and _only_images(token):
            found.append((lines[first].start, lines[last].end, "image"))
    return [(s, e, r) for s, e, r in found if e > s]


def _only_images(token) -> bool:  # noqa: ANN001 - markdown_it Token
    kinds = {child.type for child in token.children or []}
    if "image" not in kinds:
        return False
    others = kinds - {"image", "softbreak", "hardbreak", "link_open", "link_close"}
    if others == {"text"}:
        return all(not c.content.strip() for c in token.children if c.type == "text")
    return not others


def mark_boilerplate(
    text: str, fmt: ArticleFormat = ArticleFormat.TEXT, page: PageSignals | None = None
) -> list[Mark]:
    """Mark page furniture in ``text``; the text itself is never changed.

    Returns BOILERPLATE marks, sorted and non-overlapping, each over the stripped content of
    whole lines, with a short reason a reviewer understands. ``page``: what the HTML page the
    text was extracted from says about its lines (see :class:`PageSignals`).
    """
    lines = lines_of(text)
    markdown = fmt == ArticleFormat.MARKDOWN
    reasons: dict[int, str] = {}
    for line in lines:
        if line.blank:
            continue
        content = _markdown_content(line.text) if markdown else line.text
        if not content:
            continue
        reason = _line_reason(content)
        if page is not None:
            reason = _page_reason(content, reason, page)
        if reason and markdown and _is_markdown_structure(line.text):
            # a "## Background" heading or a "- Apples" list item is structure, not a label
            reason = None if reason in {"navigation", "section label"} else reason
        if reason:
            reasons[line.index] = reason
    _mark_repeats(lines, reasons)
    _mark_captions(lines, reasons)
    _mark_tail(lines, reasons, len(text))
    # Markdown's own findings go first so that their reason ("image") wins on the same span.
    found = _markdown_junk(text) if markdown else []
    marks = [Mark(s, e, MarkKind.BOILERPLATE, r) for s, e, r in found]
    marks += [
        Mark(lines[i].start, lines[i].end, MarkKind.BOILERPLATE, reason)
        for i, reason in reasons.items()
    ]
    return merge_marks(marks)


_PRIORITY = {MarkKind.METADATA: 0, MarkKind.BOILERPLATE: 1, MarkKind.MARKUP: 2}


def merge_marks(marks: list[Mark], text: str | None = None) -> list[Mark]:
    """Sorted, non-overlapping marks: where two overlap, metadata beats boilerplate beats
    markup (and, within a kind, the earlier one in the input), and the loser keeps only its
    parts outside the winner.

    With ``text`` given, leftover pieces are trimmed of whitespace and dropped when empty.
    """
    taken: list[tuple[int, int]] = []  # sorted, disjoint spans of the kinds already placed
    kept: list[Mark] = []
    for kind in sorted(_PRIORITY, key=_PRIORITY.__getitem__):
        level = sorted((m for m in marks if m.kind == kind), key=lambda m: (m.start, -m.end))
        placed = _place_level(level, taken, text)
        kept += placed
        taken = sorted(taken + [(m.start, m.end) for m in placed])
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def _place_level(level: list[Mark], taken: list[tuple[int, int]], text: str | None) -> list[Mark]:
    """One kind's marks (sorted by start) minus the taken spans and minus each other.

    A single forward sweep: starts only grow, so the pointer into ``taken`` never goes back.
    """
    placed: list[Mark] = []
    cursor, j = 0, 0
    for mark in level:
        start = max(mark.start, cursor)
        while j < len(taken) and taken[j][1] <= start:
            j += 1
        k = j
        while start < mark.end:
            if k < len(taken) and taken[k][0] < mark.end:
                piece_end = min(taken[k][0], mark.end)
                next_start = taken[k][1]
                k += 1
            else:
                piece_end, next_start = mark.end, mark.end
            s, e = trim_span(text, start, piece_end) if text is not None else (start, piece_end)
            if e > s:
                placed.append(Mark(s, e, mark.kind, mark.reason))
            start = max(start, next_start)
        cursor = max(cursor, mark.end)
    return placed


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the white space at either end (offsets stay exact)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
