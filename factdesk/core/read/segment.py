"""Cutting an article into sentence-level passages, the units that get aligned and compared.

Passages cover the text between the marks, never a mark and never a paragraph break, and each
keeps exact offsets: ``article.text[p.start:p.end] == p.text``. Sentence boundaries come from
pysbd, run on one paragraph at a time (it is slow on long inputs and its offsets are easiest to
map back on short ones). On top of pysbd a few repairs keep a quotation with its attribution,
since a fact-checker compares "“…,” Trump said." as one claim.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import pysbd

from factdesk.core.model import Article, ArticleFormat, Mark, MarkKind, Passage, PassageKind
from factdesk.core.read.clean import (
    Line,
    ends_with_terminal,
    is_headline_like,
    lines_of,
    trim_span,
    word_count,
)

__all__ = ["first_passage", "passage_id", "split_passages"]

# pysbd builds a regular expression per abbreviation it meets (~1,700 distinct patterns over
# the ECB+ articles) and compiles them through the `re` module's cache, which holds 512 in
# CPython 3.11: the cache thrashed, and recompiling was a quarter of segmenting (300 ECB+
# articles: 4.2 s -> 3.2 s with room for them). pysbd has no way to pass compiled patterns,
# so the process's cache is made large enough; compiled patterns are small.
if getattr(re, "_MAXCACHE", 0) < 4096:
    re._MAXCACHE = 4096  # type: ignore[attr-defined]

# pysbd is run on pieces of at most this many characters: its run time grows with input
# length faster than linearly, and few real paragraphs are longer.
_CHUNK = 2_000
# A quotation left open is merged with what follows only up to this length, so one stray
# quote mark cannot swallow a whole paragraph.
_MAX_QUOTE_MERGE = 1_200

HEADING_MARKER = "heading marker"
# Mark reasons (from clean.py) of the furniture printed between a standfirst and the story.
_HEADER_REASONS = {
    "navigation",
    "navigation breadcrumb",
    "section label",
    "related-links list",
    "share widget",
    "repeated headline",
    "subscribe plea",
    "links to other pages",
}
HEADING_UNDERLINE = "heading underline"


def passage_id(article_id: str, index: int) -> str:
    """Stable passage id: the article id and the 1-based reading-order index."""
    return f"{article_id}.{index}"


@dataclass(slots=True)
class _Unit:
    """A run of text that no passage may cross out of: one line's unmarked piece, or several
    lines of one hard-wrapped paragraph."""

    start: int
    end: int
    first_line: int
    last_line: int
    paragraph: int  # changes at every blank line and every mark
    whole_line: bool  # alone on its line, with no mark on that line
    mark_before: bool  # a mark lies between the previous unit and this one
    header_before: bool = False  # ... and one of them is page-header furniture (byline, nav)
    heading_marked: bool = False  # Markdown "# " before it, or a setext underline after it


# --- units ---------------------------------------------------------------------------------


def _wrap_width(lines: list[Line]) -> int | None:
    """The column a hard-wrapped file is wrapped at, or None when each line is a paragraph.

    Web captures put a whole paragraph on one line; e-mails and some .txt files wrap at ~72
    columns, and there a single newline is just a space inside a sentence.
    """
    lengths = [len(ln.text) for ln in lines if not ln.blank]
    if len(lengths) < 3 or max(lengths) > 100:
        return None
    continued = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if not a.blank and not b.blank and not ends_with_terminal(a.text)
    )
    return max(lengths) if continued >= 2 else None


def _line_pieces(line: Line, marks: list[Mark], mark_ends: list[int]) -> tuple[list, bool]:
    """Unmarked pieces of one line as (start, end, after_mark), and whether a mark touched it."""
    at = bisect.bisect_right(mark_ends, line.start)
    pieces: list[tuple[int, int, bool]] = []
    cursor, after_mark, touched = line.start, False, False
    while at < len(marks) and marks[at].start < line.end:
        mark = marks[at]
        touched = True
        if mark.start > cursor:
            pieces.append((cursor, mark.start, after_mark))
        cursor, after_mark = max(cursor, mark.end), True
        at += 1
    if cursor < line.end:
        pieces.append((cursor, line.end, after_mark))
    return pieces, touched


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class _UnitBuilder:
    """Walks the lines once, cutting at marks, blank lines and (unless wrapped) newlines."""

    def __init__(self, text: str, marks: list[Mark]) -> None:
        self.text = text
        self.marks = marks
        self.mark_ends = [m.end for m in marks]
        self.lines = lines_of(text)
        self.width = _wrap_width(self.lines)
        self.units: list[_Unit] = []
        self.paragraph = 0
        self.pending_mark = False  # a mark was passed since the last unit
        self.pending_header = False  # ... and it was page-header furniture

    def build(self, limit: int | None = None) -> list[_Unit]:
        """All units, or (``limit``) stop once more than ``limit`` units are complete."""
        for line in self.lines:
            if limit is not None and len(self.units) > limit:
                break
            if line.blank:
                self._boundary(mark=self._marked_blank(line))
                continue
            pieces, touched = _line_pieces(line, self.marks, self.mark_ends)
            if touched:
                self._note_marks(line)
            if touched and not pieces:
                self._boundary(mark=True)
            for n, (start, end, after_mark) in enumerate(pieces):
                if after_mark:
                    self._boundary(mark=True)
                start, end = trim_span(self.text, start, end)
                if end > start and _has_word(self.text[start:end]):
                    self._add(line, start, end, whole=not touched, first_on_line=n == 0)
            if touched and pieces and pieces[-1][1] < line.end:
                self._boundary(mark=True)
        self._flag_headings()
        return self.units

    def _marked_blank(self, line: Line) -> bool:
        at = bisect.bisect_right(self.mark_ends, line.start)
        return at < len(self.marks) and self.marks[at].start <= line.start

    def _note_marks(self, line: Line) -> None:
        at = bisect.bisect_right(self.mark_ends, line.start)
        while at < len(self.marks) and self.marks[at].start < line.end:
            mark = self.marks[at]
            if mark.kind == MarkKind.METADATA or mark.reason in _HEADER_REASONS:
                self.pending_header = True
            at += 1

    def _boundary(self, mark: bool) -> None:
        self.paragraph += 1
        self.pending_mark = self.pending_mark or mark

    def _add(self, line: Line, start: int, end: int, whole: bool, first_on_line: bool) -> None:
        prev = self.units[-1] if self.units else None
        if prev and first_on_line and self._joins(prev, line, start):
            prev.end, prev.last_line, prev.whole_line = end, line.index, False
            return
        unit = _Unit(start, end, line.index, line.index, self.paragraph, whole, self.pending_mark)
        unit.header_before = self.pending_header
        self.units.append(unit)
        self.pending_mark = self.pending_header = False
        if not self.width:
            self.paragraph += 1  # one paragraph per line in unwrapped files

    def _joins(self, prev: _Unit, line: Line, start: int) -> bool:
        """In a hard-wrapped paragraph, a line continues the previous one unless that ended a
        sentence or was much shorter than the wrap width (a heading, a last line)."""
        if not self.width or prev.paragraph != self.paragraph or self.pending_mark:
            return False
        above = self.lines[line.index - 1]
        if prev.last_line != above.index or prev.end != above.end or start != line.start:
            return False
        prev_text = self.text[prev.start : prev.end]
        return not ends_with_terminal(prev_text) and len(above.text) >= 0.6 * self.width

    def _flag_headings(self) -> None:
        heading_ends = {
            m.end for m in self.marks if m.kind == MarkKind.MARKUP and m.reason == HEADING_MARKER
        }
        underlines = {
            self._line_of(m.start)
            for m in self.marks
            if m.kind == MarkKind.MARKUP and m.reason == HEADING_UNDERLINE
        }
        for unit in self.units:
            before = self.lines[unit.first_line].start
            marker_end = self._marker_end_before(unit.start, before)
            if marker_end in heading_ends or unit.last_line + 1 in underlines:
                unit.heading_marked = True

    def _marker_end_before(self, start: int, line_start: int) -> int | None:
        at = bisect.bisect_right(self.mark_ends, start) - 1
        while at >= 0 and self.marks[at].end >= line_start:
            mark = self.marks[at]
            if mark.reason == HEADING_MARKER:
                return mark.end
            at -= 1
        return None

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)


# --- kinds ----------------------------------------------------------------------------------


def _is_headline(unit: _Unit, article: Article) -> bool:
    text = article.text[unit.start : unit.end]
    if article.format == ArticleFormat.HTML and article.title and text == article.title.strip():
        return True
    if unit.heading_marked:
        return True
    single = unit.first_line == unit.last_line
    return unit.whole_line and single and is_headline_like(text)


def _is_heading(unit: _Unit, text: str) -> bool:
    """A sub-heading: one short line on its own with no sentence-final punctuation, starting
    with a capital letter ("Major obstacles remain to a peace agreement")."""
    if unit.heading_marked:
        return True
    if not (unit.whole_line and unit.first_line == unit.last_line):
        return False
    starts_well = text[0].isupper() or text[0].isdigit()
    return starts_well and is_headline_like(text, max_words=14, min_words=1)


def _is_standfirst(units: list[_Unit], text: str) -> bool:
    """The paragraph right under the headline, set apart from the body by page furniture
    (a byline, a date, navigation): the summary web pages print before the story."""
    if len(units) < 2 or units[1].mark_before:
        return False
    candidate = units[1]
    same_paragraph = [u for u in units if u.paragraph == candidate.paragraph]
    if len(same_paragraph) > 1 or word_count(text[candidate.start : candidate.end]) > 80:
        return False
    return len(units) == 2 or units[2].header_before


def _kinds(units: list[_Unit], article: Article) -> list[PassageKind]:
    kinds = [PassageKind.SENTENCE] * len(units)
    for i, unit in enumerate(units):
        text = article.text[unit.start : unit.end]
        if i == 0 and _is_headline(unit, article):
            kinds[i] = PassageKind.HEADLINE
        elif i > 0 and _is_heading(unit, text):
            kinds[i] = PassageKind.HEADING
    headed = bool(kinds) and kinds[0] == PassageKind.HEADLINE
    if headed and _is_standfirst(units, article.text) and kinds[1] == PassageKind.SENTENCE:
        kinds[1] = PassageKind.STANDFIRST
    return kinds


# --- sentences ------------------------------------------------------------------------------

# Speech verbs for attributions like "“…,” Trump said." / "“…” he told reporters.": pysbd has
# no notion of attribution, so this short hand-made list decides when to glue them back.
_SPEECH = (
    r"(said|says|told|added|asked|stressed|noted|wrote|explained|insisted|declared|continued"
    r"|replied|tweeted|posted|remarked|argued|warned|claimed|admitted|recalled|concluded"
    r"|according)"
)
_ATTRIBUTION_RE = re.compile(
    rf"^(?:(?:he|she|they|it|we|i|you)\s+{_SPEECH}\b"
    rf"|{_SPEECH}\b"
    rf"|(?:[A-Z][\w’'.\-]*\s+){{1,4}}{_SPEECH}\b)",
    re.IGNORECASE,
)
# Titles, ranks and month abbreviations never end a sentence in news copy; pysbd knows some,
# this catches what it misses before a capital or a digit ("Gen. Smith", "Sept. 3"). Ranks
# stack ("Lt. Col.", "Snr. Comr.", Indonesian "Col. Inf." = colonel of infantry), so every
# part of a stacked rank must be here: military, police and civil titles of English-language
# news in any country. Not "Jr." / "Sr." / "No.": they end sentences ("… King Jr. He said").
_TITLES = (
    "Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev|Maj|Brig|Adm|Cmdr|Cdr|Comdr"
    "|Cpl|Pvt|Pte|Spc|Ens|Lieut|Inf|Cav|Ret|Snr|Comr|Commr|Insp|Supt|Det|Const|Hon|Amb|Pres"
    "|Atty|Fr|Msgr|Sec|Gens|Sens|Reps|Govs|Drs|Profs"
)
_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_ABBREV_END_RE = re.compile(rf"\b(?:{_TITLES}|{_MONTHS})\.$")
_TITLE_END_RE = re.compile(rf"\b(?:{_TITLES})\.$")
_MONTH_END_RE = re.compile(rf"\b(?:{_MONTHS})\.$")
# Capitalised words that open sentences but are never a name after a title: "He met the
# Pres. The two men …" ends at "Pres.", while "Col. Inf. Irham" and "Gen. Motors" go on.
# Closed-class words only (articles, pronouns, determiners, conjunctions, prepositions), so
# the list is complete rather than a sample.
_NOT_A_NAME = frozenset(
    ["The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
     "Those", "There", "Here", "His", "Her", "Its", "Their", "Our", "My", "Your", "But", "And",
     "Or", "So", "Yet", "Nor", "If", "When", "While", "After", "Before", "As", "At", "In",
     "On", "Of", "For", "From", "To", "By", "With", "Since", "Until", "Although", "Though",
     "Because", "Meanwhile", "However", "Still", "Then", "Now", "Later", "Earlier", "Today",
     "Tonight", "Tomorrow", "Yesterday", "No", "Not", "Some", "Many", "Most", "All", "Both",
     "Each", "Every", "Such", "What", "Who", "Which", "Where", "Why", "How"]
)
# "9:27 a.m." ends a sentence before "The …", but not before the day, date or time zone it
# is followed by in news copy ("at 9:27 a.m. Sunday, according to …", "5 p.m. Sept. 3") —
# unless that day or zone is itself the subject of a new sentence ("… at 5 p.m. Monday was
# declared a holiday.", "… 4 p.m. GMT was used."). "Today", "Tomorrow" … are lowercase inside
# a sentence, so capitalised they open one.
_CLOCK_END_RE = re.compile(r"\b[AaPp]\.\s?[Mm]\.$")
_AFTER_CLOCK_RE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|[A-Z]{1,2}[SDP]?T|GMT|UTC)\b\.?\s*(?P<next>\S*)"
)
# what follows a sentence's subject: an auxiliary or a verb in the past or present tense
# ("Monday was", "GMT is", "Sunday marks", "Friday saw"); words in -s that are no verbs excepted
_VERB_RE = re.compile(
    r"(?:is|was|were|are|will|would|has|had|have|can|could|may|might|must|should|shall|did|does"
    r"|saw|became|began|brought|came|went|felt|left|made|took|gave|\w+ed|\w+s)\b"
)
_NOT_VERBS = frozenset(
    ["as", "us", "this", "thus", "his", "its", "plus", "across", "towards", "besides",
     "unless", "versus", "less", "news", "times", "hours", "minutes", "days", "weeks",
     "months", "years"]
)


def _clock_goes_on(nxt: str) -> bool:
    """True when the text after a clock time ("a.m."/"p.m.") continues its sentence."""
    if nxt[0].islower() or not nxt[0].isalpha():
        return True  # "… a.m. local time", "… p.m. (1600 GMT)"
    m = _AFTER_CLOCK_RE.match(nxt)
    if m is None:
        return False
    after = m.group("next")
    if not after or not after[0].isalpha():
        return True  # "Sunday, according to …", "Sept. 3", "Monday." at the end
    if not after[0].islower():
        return False  # "… 7 a.m. Monday Officials …": unlikely in copy, a new sentence
    word = re.match(r"[a-z]+", after)
    token = word.group(0) if word else after
    return token in _NOT_VERBS or not _VERB_RE.fullmatch(token)


# A company's or a name's suffix ("TallGrass Distributors Ltd.", "Apple Inc.", "Smith Bros.",
# "King Jr.") and the abbreviations of a department or a number: they end a sentence as often
# as they sit inside one, so what follows decides (:func:`_suffix_goes_on`).
_SUFFIX_END_RE = re.compile(r"\b(?:Ltd|Inc|Corp|Co|Bros|Jr|Sr|Dept|Plc|Pty|Cos|Assn|Ave|Blvd)\.$")
_NUMBER_END_RE = re.compile(r"\b(?:No|Nos|Vol|Fig|Art|Sec|Ch|Pt)\.$")
# irregular past tenses a sentence's subject is often followed by ("Police said", "Shares fell")
_IRREGULAR_VERBS = frozenset(
    ["said", "told", "fell", "rose", "won", "lost", "got", "hit", "cut", "put", "ran", "sat",
     "stood", "held", "kept", "found", "paid", "sold", "led", "met", "knew", "thought", "spoke",
     "wrote", "chose", "drew", "grew", "shot", "fled", "struck", "bought", "sent", "spent",
     "built", "meant", "heard", "let", "set", "say", "tell"]
)


#: lowercase words inside a proper name ("Department of Corrections", "Johnson and Johnson")
_NAME_JOINS = frozenset(["of", "and", "for", "de", "del", "la", "le", "von", "van"])


def _suffix_goes_on(prev: str, nxt: str) -> bool:
    """True when a company suffix ("Ltd.", "Inc.", "Corp.", "Co.", "Bros.", "Jr.", "Dept.")
    ending ``prev`` is continued by ``nxt`` (QA pass 4 item 11: UPI's "…the TallGrass
    Distributors Ltd." / "Christmas party as Benjamin Banky, 40, …" became a fragment that
    was grouped and suggested "confirmed").

    A lowercase word goes on ("Inc. for ten years"); a capitalised one goes on when it names
    something that the next word describes ("Ltd. Christmas party", "Corp. board members"):
    not a word that opens sentences ("Ltd. The company …"), nor a name with "of" in it ("Jr."
    / "Department of Corrections spokeswoman …"), and not a subject followed by its
    verb ("Corp. Shares fell", "Ltd. Police said") or by another capitalised word (a person's
    name: "Ltd. John Smith said")."""
    if nxt[0].isdigit():
        return bool(_NUMBER_END_RE.search(prev))  # "No. 23", "Vol. 2"
    if not _SUFFIX_END_RE.search(prev):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*|\S", nxt[:80])
    if not words or not words[0][0].isalpha():
        return False
    if words[0][0].islower():
        return True
    if words[0] in _NOT_A_NAME or len(words) < 2:
        return False
    after = words[1]
    if not after[0].isalpha() or not after[0].islower() or after in _NAME_JOINS:
        return False  # "Jr." + "Department of Corrections spokeswoman …": a new subject
    return not (after in _IRREGULAR_VERBS or (after not in _NOT_VERBS
                                                and _VERB_RE.fullmatch(after)))


def _abbreviation_goes_on(prev: str, nxt: str) -> bool:
    """True when a title or month abbreviation ending ``prev`` is continued by ``nxt``.

    A month joins only a day number ("Sept. 3"); a title or rank joins a capitalised name
    token ("Gen. Motors", "Col. Inf. Irham"), never a word that opens a sentence ("Pres. The").
    """
    if nxt[0].isdigit():
        return bool(_ABBREV_END_RE.search(prev))
    if not _TITLE_END_RE.search(prev) or not nxt[0].isupper():
        return False
    first = re.match(r"[^\W\d_]+", nxt)
    return first is not None and first.group(0) not in _NOT_A_NAME


_CLOSING_QUOTES = "”\"»’'"


def _quote_open(text: str) -> bool:
    """True when a quotation opened in ``text`` is not closed yet."""
    curly = text.count("“") - text.count("”")
    guillemets = text.count("«") - text.count("»")
    corners = text.count("「") - text.count("」") + text.count("『") - text.count("』")
    return curly > 0 or guillemets > 0 or corners > 0 or text.count('"') % 2 == 1


def _should_merge(prev: str, nxt: str) -> bool:
    if nxt[0] in ",;:)]}%":
        return True  # pysbd split before punctuation ("Putin., two officials said")
    if _quote_open(prev) and len(prev) + len(nxt) <= _MAX_QUOTE_MERGE:
        return True  # the split fell inside a quotation
    if prev[-1] in _CLOSING_QUOTES and word_count(nxt) <= 15 and _ATTRIBUTION_RE.match(nxt):
        return True  # "“…two to tango.” Trump told reporters."
    if _CLOCK_END_RE.search(prev) and _clock_goes_on(nxt):
        return True  # "… at 9:27 a.m." + "Sunday, according to …"
    return _abbreviation_goes_on(prev, nxt) or _suffix_goes_on(prev, nxt)


# A safe place to cut a long region before pysbd sees it: sentence-final punctuation after a
# lowercase word or a number, then a capital. Abbreviations are re-checked by _ABBREV_END_RE.
_CUT_RE = re.compile(r"[a-z0-9)]{2}[.!?][\"'”’)]*\s+(?=[A-Z“\"‘'])")


def _chunks(text: str) -> Iterable[tuple[int, int]]:
    """Cut a long region at likely sentence ends so pysbd, whose cost grows quickly with input
    length, only ever sees short pieces. A cut that turns out wrong merely ends a passage."""
    start = 0
    while len(text) - start > _CHUNK:
        window = text[start : start + _CHUNK]
        cut = window.rfind("\n") + 1
        if cut <= _CHUNK // 4:
            ends = [
                m.end()
                for m in _CUT_RE.finditer(window)
                if not _ABBREV_END_RE.search(window[: m.start() + 3].rstrip())
            ]
            cut = ends[-1] if ends else window.rfind(" ") + 1
        if cut <= 0:
            cut = _CHUNK
        yield start, start + cut
        start += cut
    yield start, len(text)


#: an article longer than this (characters) is cut into sentences by sentencex rather than
#: pysbd. pysbd costs ~6 s of CPU per MB of long paragraphs (a 4.5 MB page: 29 s) against
#: ~0.3 s for sentencex (a Rust core); on the seed corpus both give the very same 119
#: passages and keep every quotation with its attribution, but on ECB+ long paragraphs they
#: differ on ~16 % of passages (each better in places: benchmarks/splitter_compare.py), so
#: articles of news length keep the splitter the alignment was tuned with. 200,000 characters
#: is ~30,000 words: far beyond a news article, the size of a transcript or a dump.
FAST_SPLITTER_FROM = 200_000


class _FastSplitter:
    """sentencex in pysbd's place, for very long articles (see ``FAST_SPLITTER_FROM``)."""

    def starts(self, text: str) -> list[int]:
        import sentencex  # only very long articles need it

        starts: list[int] = []
        for sentence in sentencex.get_sentence_boundaries("en", text):
            at = int(sentence["start_index"])
            if text[at : int(sentence["end_index"])] != sentence["text"]:
                break  # offsets must never be guessed: the rest stays whole
            if sentence["text"].strip():
                starts.append(at + len(sentence["text"]) - len(sentence["text"].lstrip()))
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        return starts


def _splitter(article: Article) -> pysbd.Segmenter | _FastSplitter:
    if len(article.text) >= FAST_SPLITTER_FROM:
        return _FastSplitter()
    return pysbd.Segmenter(language="en", clean=False)  # per call: it keeps state


def _pysbd_starts(segmenter: pysbd.Segmenter | _FastSplitter, text: str) -> list[int]:
    """Start offsets of pysbd's sentences in ``text``.

    pysbd with clean=False returns substrings of its input, but it is regex-driven and may
    alter odd input; each sentence is therefore found again from a cursor, and where one cannot
    be found the rest stays whole (offsets must never be guessed).
    """
    if isinstance(segmenter, _FastSplitter):
        return segmenter.starts(text)
    try:
        sentences = segmenter.segment(text)
    except Exception:  # noqa: BLE001 - pysbd fails on some pathological input; keep it whole
        return [0]
    starts: list[int] = []
    cursor = 0
    for sentence in sentences:
        piece = str(sentence).strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:
            break
        starts.append(at)
        cursor = at + len(piece)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


_INNER_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*\s|[。！？؟۔]")
# Sentence ends of scripts pysbd's English rules do not know: the CJK full stop, exclamation and
# question marks (no space follows them) and the Arabic question mark / Urdu full stop, each
# with the closing quotes and brackets that belong to the sentence. pysbd has Chinese and
# Japanese rules too, but they do the same cut on the same marks and would need the language
# known per paragraph; one regex serves mixed text.
_WIDE_END_RE = re.compile(r"[。！？؟۔]+[」』”’）)】\"'»]*")


#: who hears how far segmenting has gone: (characters of the article segmented, its length);
#: set by ``reporting`` around reading one file. A context variable, not a parameter through
#: every step: only pysbd's chunk loop reports, and it is per thread.
_STEP: ContextVar[Callable[[int, int], None] | None] = ContextVar("segment_step", default=None)


@contextlib.contextmanager
def reporting(step: Callable[[int, int], None]) -> Iterator[None]:
    """Within the block, ``step(done, total)`` is called after each piece pysbd segments
    (~2,000 characters): a 5 MB one-line article takes ~40 s, and a window or terminal
    showing nothing for that long looks hung. ``step`` may raise (Cancelled) to stop."""
    token = _STEP.set(step)
    try:
        yield
    finally:
        _STEP.reset(token)


def _sentence_spans(text: str, start: int, end: int,
                    segmenter: pysbd.Segmenter | _FastSplitter) -> list:
    """Sentence spans (absolute offsets, trimmed) of one unit, after the quotation repairs."""
    region = text[start:end]
    if not _INNER_END_RE.search(region):
        return [(start, end)]  # no sentence end inside: one sentence, pysbd not needed
    bounds: list[int] = []
    # pysbd treats a newline as a sentence end; inside a unit it is a soft wrap, so it becomes
    # a space of the same length (offsets stay valid).
    flat = region.replace("\n", " ")
    step = _STEP.get()
    for c_start, c_end in _chunks(flat):
        bounds += [c_start + s for s in _pysbd_starts(segmenter, flat[c_start:c_end])]
        if step is not None:
            step(start + c_end, len(text))
    bounds.append(len(region))
    bounds = sorted(set(bounds) | set(_wide_bounds(region)))
    spans: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        s, e = trim_span(region, a, b)
        if e <= s:
            continue
        if spans and (
            not _has_word(region[s:e])  # a closing quote or bracket left alone: it ends the
            # sentence before it (else it would be in neither a passage nor a mark)
            or _should_merge(region[spans[-1][0] : spans[-1][1]], region[s:e])
        ):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return [(start + s, start + e) for s, e in spans if _has_word(region[s:e])]


def _wide_bounds(region: str) -> list[int]:
    """Sentence starts after CJK / Arabic sentence ends (see ``_WIDE_END_RE``), never inside an
    open quotation: 「終わった。」と言った。 is one sentence."""
    out = []
    for match in _WIDE_END_RE.finditer(region):
        end = match.end()
        if end >= len(region) or _quote_open(region[:end]):
            continue
        if match.group()[-1] in _WIDE_CLOSERS and region[end] not in _WIDE_OPENERS:
            continue  # 「…。」と言った / “…。”他说: the words after the quotation go with it
        out.append(end)
    return out


_WIDE_CLOSERS = "」』”’）)】\"'»"
_WIDE_OPENERS = "「『“‘（(【\"'«"


# The first paragraph's sentences as first_passage found them (to title the article while it
# is read), so that split_passages, right after, does not run pysbd over that paragraph again:
# (the article text itself, start, end, spans). One entry, read and replaced whole.
_first_spans: tuple[str, int, int, list[tuple[int, int]]] = ("", 0, 0, [])


def _spans_with_kinds(article: Article, units: list[_Unit]) -> Iterable[tuple]:
    kinds = _kinds(units, article)
    segmenter = _splitter(article)
    first = _first_spans
    text = article.text
    held: tuple[int, int, PassageKind] | None = None  # the last sentence, not yet given out
    for unit, kind in zip(units, kinds, strict=True):
        if kind in (PassageKind.HEADLINE, PassageKind.HEADING):
            if held:
                yield held
                held = None
            yield unit.start, unit.end, kind
            continue
        if first[0] is text and (first[1], first[2]) == (unit.start, unit.end):
            spans = first[3]  # segmented a moment ago by first_passage
        else:
            spans = _sentence_spans(text, unit.start, unit.end, segmenter)
        for n, (s, e) in enumerate(spans):
            if (n == 0 and held and held[2] == kind and not unit.mark_before
                    and _suffix_goes_on(text[held[0] : held[1]], text[s:e])):
                # a line or paragraph break after "Ltd." inside one sentence (a copy that
                # breaks lines at its own sentence ends, as ECB+ does): one passage
                held = (held[0], e, kind)
                continue
            if held:
                yield held
            held = (s, e, kind)
    if held:
        yield held


def _units(article: Article, limit: int | None = None) -> list[_Unit]:
    marks = sorted(article.marks, key=lambda m: (m.start, m.end))
    return _UnitBuilder(article.text, marks).build(limit)


def split_passages(article: Article) -> list[Passage]:
    """Sentence-level passages of the unmarked text, numbered from 1 in reading order."""
    passages: list[Passage] = []
    for start, end, kind in _spans_with_kinds(article, _units(article)):
        index = len(passages) + 1
        passages.append(
            Passage(
                id=passage_id(article.id, index),
                article_id=article.id,
                index=index,
                start=start,
                end=end,
                text=article.text[start:end],
                kind=kind,
            )
        )
    return passages


def first_passage(article: Article) -> Passage | None:
    """The first passage only (for titles), without running pysbd over the whole article."""
    units = _units(article, limit=1)
    if not units:
        return None
    kinds = _kinds(units[:1], article)
    if kinds[0] == PassageKind.HEADLINE:
        spans = [(units[0].start, units[0].end)]
    else:
        global _first_spans
        segmenter = _splitter(article)
        spans = _sentence_spans(article.text, units[0].start, units[0].end, segmenter)
        _first_spans = (article.text, units[0].start, units[0].end, spans)
    if not spans:
        return None
    start, end = spans[0]
    return Passage(
        passage_id(article.id, 1), article.id, 1, start, end, article.text[start:end], kinds[0]
    )
