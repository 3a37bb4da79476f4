"""Dates and weekdays in news prose, resolved against the article's publication date.

News writes "on Wednesday" for a day of the past week, so two outlets can only be compared once
each weekday is turned into a calendar day using that outlet's own publication date. A weekday
with a time of day ("Tuesday night", "early hours of Wednesday") keeps that part, because a
meeting that ran past midnight is honestly reported on either day.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_EXPLICIT = re.compile(
    rf"\b(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?(?:,?\s+\d{{4}})?)\b"
)
_WEEKDAY = re.compile(
    rf"\b(?P<pre>(?:early|late)\s+(?:on\s+)?|(?:the\s+)?early\s+hours\s+of\s+)?{_WD}"
    r"(?P<post>\s+(?:night|evening|morning|afternoon))?\b"
)
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+week|last\s+week|"
                       r"next\s+week|this\s+weekend|last\s+weekend)\b", re.IGNORECASE)
_FUTURE_CUES = re.compile(r"\b(?:will|would|'ll|’ll|scheduled|due|plans?|planned|set\s+to|"
                          r"expected|next|upcoming|to\s+meet|to\s+visit|invited|to\s+continue|"
                          # news writes coming events in the present: "routes start on Friday"
                          r"starts?|begins?|opens?|reopens?|resumes?|from)\b",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or weekday in a passage, resolved to the calendar days it may mean."""

    text: str
    start: int
    end: int
    low: date
    high: date
    part: str = ""  # "early" (small hours, morning) | "late" (evening, night) | ""
    speech: bool = False  # the date of a statement ("said on Wednesday"), not of an event
    #: the weekday named ("tuesday"), "" for other dates
    weekday: str = ""
    #: False for a weekday in an undated article: shown as written, never a calendar day
    #: (``low``/``high`` then span every day and it is never precise)
    calendar: bool = True
    #: the sentence looks ahead ("will meet on Thursday"): the next such weekday
    future: bool = False

    @property
    def precise(self) -> bool:
        return self.calendar and self.low == self.high

    def label(self) -> str:
        """ "Tuesday (2 Dec)" — the words as written plus the day they resolve to; a weekday
        of an undated article as written only: "Wednesday (undated article)"."""
        if not self.calendar:
            return f"{self.text} (undated article)"
        day = f"{self.low.day} {self.low:%b}"
        if not self.precise:
            day = f"{day}–{self.high.day} {self.high:%b}"
        return f"{self.text} ({day})"

    def compatible(self, other: DateMention) -> bool:
        """Same day, overlapping ranges, or adjacent days joined across midnight."""
        if self.low <= other.high and other.low <= self.high:
            return True
        first, second = (self, other) if self.high < other.low else (other, self)
        return (second.low - first.high).days == 1 and (
            first.part == "late" or second.part == "early"
        )


#: Publication years a news article can have. Outside them a date is a typo or a placeholder
#: ("0001-01-01", "9999-12-31"): resolving "Wednesday" against it would step past the calendar's
#: ends (OverflowError) and would be wrong anyway, so such a date is not used to read weekdays.
PLAUSIBLE_YEARS = range(1900, 2101)


@functools.lru_cache(maxsize=1024)  # asked once per passage; dateutil takes ~0.3 ms a call
def parse_published(published: str | None) -> date | None:
    """``Article.published`` ("YYYY-MM-DD", or anything dateutil reads) as a date; None when it
    is not a date or lies outside :data:`PLAUSIBLE_YEARS`."""
    if not published:
        return None
    try:
        day = date_parser.parse(published).date()
    except (ValueError, OverflowError):
        return None
    return day if day.year in PLAUSIBLE_YEARS else None


def resolve_weekday(weekday: str, published: date, future: bool = False,
                    nearest: bool = False) -> date:
    """The calendar day a weekday name means in an article published on ``published``.

    Hand-written rather than left to dateutil: ``dateutil.parser.parse("Wednesday",
    default=...)`` always moves *forward* to the next such day, whereas news prose means the most
    recent one on or before the publication date ("said on Wednesday" in Thursday's paper is
    yesterday) unless the sentence looks ahead ("will meet on Thursday"). With ``nearest`` (the
    publication date is only an estimate) the closest such day either way is taken.
    """
    target = WEEKDAYS.index(weekday.lower())
    delta = (published.weekday() - target) % 7
    if nearest and delta > 3:
        return published + timedelta(days=7 - delta)
    if future:
        return published + timedelta(days=(target - published.weekday()) % 7)
    return published - timedelta(days=delta)


def _part(pre: str, post: str) -> str:
    words = f"{pre} {post}".lower()
    if "early" in words or "morning" in words:
        return "early"
    if "late" in words or "night" in words or "evening" in words:
        return "late"
    return ""


def _explicit(text: str, published: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _EXPLICIT.finditer(text):
        has_year = re.search(r"\d{4}", m.group()) is not None
        if not has_year and published is None:
            continue
        base = published or date(2000, 1, 1)
        try:
            day = date_parser.parse(m.group().replace(".", ""),
                                    default=datetime(base.year, base.month, 1)).date()
        except (ValueError, OverflowError):
            continue
        if not has_year and published and day > published + timedelta(days=60):
            day = day.replace(year=day.year - 1)  # "Dec 30" read in a January paper
        out.append(DateMention(m.group(), m.start(), m.end(), day, day))
    return out


def _relative(m: re.Match[str], published: date) -> DateMention:
    rel = " ".join(m.group("rel").lower().split())
    offsets = {"yesterday": (-1, -1, ""), "today": (0, 0, ""), "tonight": (0, 0, "late"),
               "last night": (-1, -1, "late"), "this week": (-published.weekday(), 0, ""),
               "last week": (-published.weekday() - 7, -published.weekday() - 1, ""),
               "next week": (7 - published.weekday(), 13 - published.weekday(), ""),
               "this weekend": (-2, 6, ""), "last weekend": (-9, -1, "")}
    lo, hi, part = offsets[rel]
    return DateMention(m.group(), m.start(), m.end(), published + timedelta(days=lo),
                       published + timedelta(days=hi), part)


# past-tense verbs that tie a weekday to something done ("met", "held", "resigned"); the
# future cues above that end in -ed ("scheduled", "invited", "expected") are not among them
_PAST = re.compile(r"\b(?:met|held|said|told|was|were|had|spoke|took|left|went|gave|made|"
                   r"came|began|ran|did|[a-z]+ed)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;!?]\s|\n")


def looks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the weekday at ``text[start:end]`` is the next one, by the sentence's tense.

    A speech verb next to it ("said Wednesday", "on Thursday said") dates a statement: the
    past. Otherwise the last cue before it in its sentence decides: a future one ("will meet
    … in Miami on Thursday", "invited … to Miami on Thursday", "due to visit", "scheduled
    for") looks ahead unless a past-tense verb comes after it ("were due to meet but met on
    Tuesday").
    """
    if _is_speech(text, start, end):
        return False
    lo = max(0, start - 160)
    cut = [m.end() for m in _CLAUSE_START.finditer(text, lo, start)]
    before = text[cut[-1] if cut else lo : start]
    # "from" looks ahead only right before the day ("open from Friday"): "smoke was coming
    # from the church Friday evening" is a place (QA pass 4: it read as the next Friday)
    futures = [m.end() for m in _FUTURE_CUES.finditer(before)
               if m.group().lower() != "from" or not before[m.end():].strip()]
    if not futures:
        return False
    pasts = [m.end() for m in _PAST.finditer(before)
             if not _FUTURE_CUES.fullmatch(m.group())]
    return futures[-1] > max(pasts, default=-1)


_SPEECH_NEAR = re.compile(r"\b(?:said|says|told|tells|added|admitted|announced|stated|claimed|"
                          r"warned|insisted|stressed|telling|saying|speaking|reported|reports|"
                          r"wrote|quoted)\b", re.IGNORECASE)
#: "the fire was reported Friday": a passive report dates the happening (the call), not a story
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|first)\s+$", re.IGNORECASE)


def _is_speech(text: str, start: int, end: int) -> bool:
    """A speech or reporting verb right next to the date: "Trump on Thursday said", "said on
    Wednesday", "the Anchorage Daily News reported Sunday" — the day of a statement or of a
    report, not of the happening it tells (QA pass 4 item 2: "reported Sunday" was set against
    another outlet's "5 a.m. Saturday" of the fire)."""
    before = text[max(0, start - 12) : start]
    after = text[end : end + 8]
    found = _SPEECH_NEAR.search(before)
    if found and _PASSIVE_BEFORE.search(text, max(0, start - 40), start - len(before)
                                        + found.start()):
        found = None
    return bool(found or _SPEECH_NEAR.match(after.strip()))


# A date's own clause: where a comma, a relative pronoun or a subordinating word opens another
# (", said …", "that occurred …", "since she became …", "and were searching …"). The words
# that tell which happening a date is the day of are looked for inside it only.
_CLAUSE_EDGE = re.compile(
    r"(?<!\d)[,;:()](?!\d)|\b(?:that|which|who|whom|whose|since|after|before|because|although"
    r"|though|while|whereas|if|unless|until|when|where)\b"
    r"|\band\b(?=\s+(?:was|were|is|are|has|had|have|will|would|did|[a-z]+ed)\b)",
    re.IGNORECASE)


def own_clause(text: str, start: int, end: int, lo: int = 0, hi: int | None = None
               ) -> tuple[int, int]:
    """The bounds of the clause the date at ``start:end`` sits in, within ``lo:hi``.

    QA pass 4 item 2: "searching for the suspect Friday night" was set against "a suspect in
    a shooting that occurred in the neighborhood Monday", and "since she became a
    vice-presidential candidate on Aug. 29" against "apologized … Saturday": the words that
    tied them ("suspect", "church") were another clause's. A date dates its own clause's
    happening, so the conflicts check compares the words of that clause only."""
    hi = len(text) if hi is None else hi
    opened = lo
    for m in _CLAUSE_EDGE.finditer(text, lo, start):
        opened = m.end()
    closed = _CLAUSE_EDGE.search(text, end, hi)
    return opened, closed.start() if closed else hi


#: "9:40 p.m. Friday (1:40 a.m. ET Saturday)": the bracket gives the same moment in another
#: time zone, which is no second date of the happening
_CONVERTED = re.compile(r"\d\s*[ap]\.?\s?m\.?[^()]{0,40}\(\s*\d{1,2}(?:[:.]\d{2})?\s*"
                        r"(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{1,4}\s*)?(?:on\s+)?$", re.IGNORECASE)


def _converted(text: str, d: DateMention) -> bool:
    """Whether ``d`` is the other time zone's day of a time just given ("(1:40 a.m. ET
    Saturday)" after "9:40 p.m. Friday")."""
    return _CONVERTED.search(text, max(0, d.start - 90), d.start) is not None


def _with_speech(text: str, d: DateMention) -> DateMention:
    if not _is_speech(text, d.start, d.end):
        return d
    return replace(d, speech=True)


def _span(weekday: str, lo: date, hi: date, future: bool) -> tuple[date, date]:
    """The days a weekday may mean when the article appeared some day in ``lo..hi``."""
    return resolve_weekday(weekday, lo, future), resolve_weekday(weekday, hi, future)


def extract_dates(text: str, published: str | None,
                  skip: list[tuple[int, int]] | None = None,
                  estimated: bool = False,
                  bounds: tuple[date, date] | None = None) -> list[DateMention]:
    """All dates in ``text``; relative ones ("Wednesday", "yesterday") need ``published``.

    ``skip`` lists spans (quotations) where relative words are ignored: "yesterday" inside a
    quote is relative to the day the words were spoken, which the article rarely states.
    ``estimated`` says ``published`` is a guess, so weekdays go to the nearest such day.
    ``bounds`` (an undated article: the days it may have appeared on) resolves each weekday
    and relative word to every day it may mean; it is precise only when that is one day, so
    an undated article never raises a guessed conflict.
    """
    if bounds is not None and published is None:
        return _bounded(text, bounds, skip or [])
    pub = parse_published(published)
    found = _explicit(text, pub)
    if pub is not None:
        inside = skip or []

        def quoted(pos: int) -> bool:
            return any(s <= pos < e for s, e in inside)

        for m in _WEEKDAY.finditer(text):
            if quoted(m.start("wd")):
                continue
            future = looks_ahead(text, m.start(), m.end())
            day = resolve_weekday(m.group("wd"), pub, future, nearest=estimated)
            found.append(DateMention(m.group().strip(), m.start(), m.end(), day, day,
                                     _part(m.group("pre") or "", m.group("post") or ""),
                                     weekday=m.group("wd").lower(), future=future))
        found.extend(_relative(m, pub) for m in _RELATIVE.finditer(text) if not quoted(m.start()))
    elif bounds is None:
        # undated: a weekday is kept as written, never turned into a calendar day (README:
        # dates are never guessed); "today", "yesterday" say nothing without a date
        for m in _WEEKDAY.finditer(text):
            if any(s <= m.start("wd") < e for s, e in skip or []):
                continue
            found.append(DateMention(m.group().strip(), m.start(), m.end(), date.min, date.max,
                                     _part(m.group("pre") or "", m.group("post") or ""),
                                     weekday=m.group("wd").lower(), calendar=False,
                                     future=looks_ahead(text, m.start(), m.end())))
    return sorted((_with_speech(text, d) for d in found
                   if not _stamp(text, d) and not _converted(text, d)),
                  key=lambda d: d.start)


#: words of a page's own time stamp: "posted Apr 24th, 2013 at 12:28 PM", "Updated: May 14"
_STAMP_BEFORE = re.compile(r"\b(?:posted|published|updated|modified|filed|created)\b"
                           r"(?:\s+(?:on|at|:|\d{1,2}\s*:\s*\d{2}\s*(?:[ap]\.?m\.?)?))*\s*:?\s*$",
                           re.IGNORECASE)


#: what else a dateline holds besides its date: a weekday, a clock time, a zone
_DATELINE_REST = re.compile(
    r"(?:\s|[,.:|–—-]|\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?|[ap]\.?\s?m\.?|GMT|UTC|ET|EST|EDT|"
    r"PST|PDT|CET|BST|CST|CDT|\+\d+|on|at|last|updated|posted|published|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    # a stamp's short weekday ("9: 53 AM, MON 22 JUL 2013")
    r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|"
    rf"\d{{1,4}}(?:st|nd|rd|th)?|{_MONTH})*",
    re.IGNORECASE)


def _stamp(text: str, d: DateMention) -> bool:
    """Whether ``d`` is when the page was posted or updated, not the day of anything it tells:
    two outlets' posting days or datelines are no disagreement (ECB+ 42: "posted Apr 24th,
    2013" vs "posted at 10:04 am on May 14, 2013"; ECB+ 10: a line "December 15th, 2008,
    7: 35 am" against another page's "16 December 2008")."""
    return is_stamp(text, d.start, d.end)


def is_stamp(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a date or a time of day) is part of the page's own time
    stamp: after "posted", "updated" and the like, or on a short line of date and clock words
    only. Two pages' stamps are no disagreement, neither their days nor their times."""
    if _STAMP_BEFORE.search(text, max(0, start - 40), start) is not None:
        return True
    # a dateline is a short line: looked for within 80 characters (long lines stay linear)
    lo = text.rfind("\n", max(0, start - 81), start) + 1
    hi = text.find("\n", end, end + 81)
    hi = len(text) if hi < 0 and len(text) - end <= 80 else hi
    if lo == 0 and start > 80 or hi < 0 or hi - lo > 80 \
            or not any(c.isdigit() for c in text[lo:hi]):
        return False
    return all(_DATELINE_REST.fullmatch(part) for part in (text[lo:start], text[end:hi]))


def _bounded(text: str, bounds: tuple[date, date],
             inside: list[tuple[int, int]]) -> list[DateMention]:
    lo, hi = bounds
    found = _explicit(text, hi)
    for m in _WEEKDAY.finditer(text):
        if any(s <= m.start("wd") < e for s, e in inside):
            continue
        low, high = _span(m.group("wd"), lo, hi, looks_ahead(text, m.start(), m.end()))
        found.append(DateMention(m.group().strip(), m.start(), m.end(), low, high,
                                 _part(m.group("pre") or "", m.group("post") or "")))
    for m in _RELATIVE.finditer(text):
        if any(s <= m.start() < e for s, e in inside):
            continue
        first, last = _relative(m, lo), _relative(m, hi)
        found.append(DateMention(first.text, first.start, first.end, first.low, last.high,
                                 first.part))
    return sorted((_with_speech(text, d) for d in found), key=lambda d: d.start)


def _other_year(x: DateMention, y: DateMention) -> bool:
    """A date written with its year ("Oct. 10, 2002") in another year than the date it is set
    against tells of another event, not of this week's happening told wrongly."""
    written = [d for d in (x, y) if _YEAR.search(d.text)]
    return bool(written) and x.low.year != y.low.year


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def conflicting_dates(a: list[DateMention], b: list[DateMention],
                      related: Callable[[DateMention, DateMention], bool] | None = None
                      ) -> tuple[DateMention, DateMention] | None:
    """The closest pair of precise dates when no date of ``a`` fits any date of ``b``.

    Dates of statements ("Trump said on Wednesday") are compared only with dates of statements,
    dates of events only with dates of events: an aligned pair often tells when something
    happened in one outlet and when it was said in the other. Vague ranges ("this week") never
    conflict, because a vaguer statement agrees with a precise one. Only pairs that may be
    the day of one happening are compared: never a date of another year written as such
    (QA pass 2, item 5), and with ``related`` (text-aware) only dates it relates.
    """
    for speech in (False, True):
        pa = [d for d in a if d.precise and d.speech == speech]
        pb = [d for d in b if d.precise and d.speech == speech]
        # a weekday of an undated article meets a dated outlet's weekday by name only
        # ("Tuesday (2 Dec)" vs "Wednesday (undated article)"); two undated articles'
        # weekdays are never compared: each may have appeared on another day
        wa = [d for d in a if not d.calendar and d.speech == speech]
        wb = [d for d in b if not d.calendar and d.speech == speech]
        named = [(x, y) for x, y in [*((x, y) for x in wa for y in pb),
                                     *((x, y) for x in pa for y in wb)]
                 if x.weekday and y.weekday and not x.future and not y.future]
        pairs = [(x, y) for x in pa for y in pb
                 if not _other_year(x, y)] + named
        # the day of a statement is the statement's: its words are what was said
        pairs = [(x, y) for x, y in pairs if speech or related is None or related(x, y)]
        if pairs and not any(_agree(x, y) for x, y in pairs):
            return min(pairs, key=lambda p: abs((p[0].low - p[1].low).days)
                       if p[0].calendar and p[1].calendar else 0)
    return None


def _agree(x: DateMention, y: DateMention) -> bool:
    """Same day (or adjacent across midnight); a weekday of an undated article agrees with
    a weekday of the same name, or the next or previous one told as night and morning."""
    if x.calendar and y.calendar:
        return x.compatible(y)
    if x.weekday == y.weekday:
        return True
    gap = (WEEKDAYS.index(y.weekday) - WEEKDAYS.index(x.weekday)) % 7
    if gap == 1:
        return x.part == "late" or y.part == "early"
    if gap == 6:
        return y.part == "late" or x.part == "early"
    return False
