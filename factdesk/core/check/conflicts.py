"""Where sources disagree: conflicts between passages of one alignment group.

Every pair of passages from *different* articles in a group is checked for six kinds of
disagreement a reviewer would want to see: numbers (same unit, values that cannot both hold),
dates (weekdays resolved against each outlet's publication date), quotation wording, attribution
of one quotation to two speakers, roles that cannot both be right for one person, and places
that are neither equal nor one inside the other. The detectors are deliberately conservative:
a vaguer statement never contradicts a precise one, and spelling variants of names are equal.
The number and date readers live in ``quantities.py`` and ``when.py``, quotations in
``quotes.py``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

from factdesk.core.align.features import clause_spans
from factdesk.core.align.features import words as feature_words
from factdesk.core.check.dates import (
    WEEKDAYS,
    DateMention,
    conflicting_dates,
    extract_dates,
    own_clause,
)
from factdesk.core.check.quantities import (
    Quantity,
    conflicting_quantities,
    extract_quantities,
    is_vague,
    names_unit,
    unit_label,
)
from factdesk.core.check.quotations import (
    FUNCTION_WORDS,
    PRONOUNS,
    QuoteDiff,
    Word,
    compare_quotes,
    name_key,
    quote_spans,
    stem,
    words,
)
from factdesk.core.model import (
    AlignmentGroup,
    Article,
    Conflict,
    ConflictKind,
    ConflictSpan,
    GroupOrigin,
    Passage,
    primary_groups,
)

# --- roles -------------------------------------------------------------------------------------

_ROLE_HEADS = (r"advis[eo]r|aide|assistant|envoy|negotiator|representative|spokes(?:man|woman|"
               r"person)|secretary|minister|president|chancellor|director|chief|ambassador|"
               r"commander|governor|mayor|senator|counsel(?:l?or)?|official")
_NAME = r"[A-Z][a-zà-ÿ’'-]+(?:\s+[A-Z][a-zà-ÿ’'-]+){0,2}"
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:[A-Za-z’'-]+\s+){{0,5}}?(?i:{_ROLE_HEADS}))\s*,?\s+(?P<name>{_NAME})"
)
_ROLE_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+)?(?P<role>(?:[A-Za-z’'-]+\s+){{0,5}}?"
    rf"(?i:{_ROLE_HEADS}))\b"
)
# A person can hold several posts at once (Umerov is both NSDC secretary and chief negotiator),
# so only the *field* of a role is compared: "foreign policy adviser" and "economic envoy" cannot
# both be right, while "Kremlin aide" (no field) agrees with any precise title.
_ROLE_FIELDS = {
    "foreign": {"foreign", "diplomatic", "diplomacy", "international"},
    "economic": {"economic", "economy", "investment", "trade", "business", "finance",
                 "financial", "commerce", "treasury"},
    "security": {"security", "defense", "defence", "military", "army", "homeland",
                 "intelligence", "war"},
    "press": {"press", "communications", "media", "spokesman", "spokeswoman", "spokesperson"},
    "energy": {"energy"},
    "health": {"health"},
    "justice": {"justice", "legal", "attorney"},
}
_HEAD_FAMILY = {"adviser": "adviser", "advisor": "adviser", "aide": "adviser",
                "assistant": "adviser", "counsel": "adviser", "counselor": "adviser",
                "counsellor": "adviser", "envoy": "envoy", "negotiator": "envoy",
                "representative": "envoy", "ambassador": "envoy"}
_NOT_PEOPLE = {"kremlin", "white", "house", "oval", "office", "u.s.", "us", "moscow", "washington",
               "ukraine", "russia", "reuters", "afp", "ani", "abc", "news", "fox", "the", "he",
               "she", "they", "it", "we", "i", "but", "and", "a", "this", "that", "meanwhile",
               "however", "european", "ukrainian", "russian", "american", "council", "state",
               "security", "defense", "national", "department", "ministry", "nbc", "cnn", "bbc",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "june", "july", "august", "september",
               "october", "november", "december", "president", "prime", "minister"}


@dataclass(frozen=True, slots=True)
class RoleMention:
    person: str  # name as written
    key: str  # name_key of the surname
    role: str  # role words as written
    fields: frozenset[str]
    head: str


def _person_key(name: str) -> str | None:
    parts = [p for p in name.replace("’s", "").replace("'s", "").split()
             if p.lower() not in _NOT_PEOPLE]
    return name_key(parts[-1]) if parts else None


# Both role patterns need a role head word; most sentences have none, and looking for one is
# ~10x cheaper than the patterns' backtracking over every word (982 ECB+ articles: 2.5 -> 0.7 s)
_ANY_ROLE_HEAD = re.compile(rf"(?i:{_ROLE_HEADS})")


def extract_roles(text: str) -> list[RoleMention]:
    """(person, role) pairs written as "ROLE Name" or "Name, ROLE"."""
    out: list[RoleMention] = []
    if _ANY_ROLE_HEAD.search(text) is None:
        return out
    for pattern in (_ROLE_BEFORE, _ROLE_AFTER):
        for m in pattern.finditer(text):
            key = _person_key(m.group("name"))
            if key is None:
                continue
            role_words = [w.lower().strip("’'") for w in m.group("role").split()]
            fields = frozenset(f for f, vocab in _ROLE_FIELDS.items() if vocab & set(role_words))
            head = role_words[-1]
            out.append(RoleMention(m.group("name"), key, m.group("role").strip(), fields,
                                   _HEAD_FAMILY.get(head, head)))
    return out


def _role_conflict(a: list[RoleMention], b: list[RoleMention]
                   ) -> tuple[RoleMention, RoleMention, str] | None:
    for ra in a:
        for rb in b:
            if not _same_person(ra.key, rb.key) or not ra.fields or not rb.fields:
                continue
            if ra.fields & rb.fields:
                continue
            return ra, rb, "major" if ra.head != rb.head else "minor"
    return None


def _same_person(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85


# --- places ------------------------------------------------------------------------------------

# A small gazetteer of containment for the places news on this beat names most often: a city and
# the region or country that contains it are the same place at two levels of detail (Miami vs
# Florida), never a conflict. Unknown places are not compared at all.
GAZETTEER: dict[str, str] = {
    "oval office": "white house", "white house": "washington", "washington": "united states",
    "miami": "florida", "hallandale beach": "florida", "palm beach": "florida",
    "mar-a-lago": "florida", "florida": "united states", "new york": "united states",
    "alaska": "united states", "anchorage": "alaska", "geneva": "switzerland",
    "switzerland": "europe", "istanbul": "turkey", "ankara": "turkey", "turkey": "europe",
    "kremlin": "moscow", "moscow": "russia", "st petersburg": "russia", "kyiv": "ukraine",
    "kiev": "ukraine", "pokrovsk": "donetsk", "donetsk": "donbas", "luhansk": "donbas",
    "donbas": "ukraine", "kryvyi rih": "ukraine", "kharkiv": "ukraine", "odesa": "ukraine",
    "ukraine": "europe", "brussels": "belgium", "belgium": "europe", "paris": "france",
    "france": "europe", "london": "united kingdom", "united kingdom": "europe",
    "berlin": "germany", "germany": "europe", "new delhi": "india", "delhi": "india",
    "riyadh": "saudi arabia", "jeddah": "saudi arabia", "abu dhabi": "united arab emirates",
    "dubai": "united arab emirates", "doha": "qatar", "minsk": "belarus", "belarus": "europe",
}
_PLACE_ALIASES = {"u.s.": "united states", "us": "united states", "usa": "united states",
                  "america": "united states", "uk": "united kingdom", "britain": "united kingdom",
                  "kiev": "kyiv", "donbass": "donbas", "delhi": "new delhi"}
_PLACE_RE = re.compile(
    r"\b(?:in|at|to)\s+(?:the\s+)?(?P<place>"
    + "|".join(sorted((re.escape(p) for p in set(GAZETTEER) | set(GAZETTEER.values())
                       | set(_PLACE_ALIASES)), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def _ancestors(place: str) -> list[str]:
    chain = [place]
    while chain[-1] in GAZETTEER and len(chain) < 10:
        chain.append(GAZETTEER[chain[-1]])
    return chain


def extract_places(text: str) -> list[str]:
    """Gazetteer places named after "in/at/to", normalised ("Kiev" → "kyiv")."""
    found = []
    for m in _PLACE_RE.finditer(text):
        p = m.group("place").lower()
        found.append(_PLACE_ALIASES.get(p, p))
    return list(dict.fromkeys(found))


def places_related(a: str, b: str) -> bool:
    """Equal, or one contains the other (Miami ⊂ Florida ⊂ United States)."""
    return a in _ancestors(b) or b in _ancestors(a)


# --- attribution -------------------------------------------------------------------------------

_SPEECH = r"said|says|told|added|stressed|noted|asked|claimed|wrote|tweeted|called|insisted"
_SPEAKER_BEFORE = re.compile(rf"(?P<name>{_NAME})(?:\s+[a-z]+){{0,2}}?\s+(?:{_SPEECH})\b")
#: after these verbs the next name is the one spoken to, not the speaker: "…," he told The
#: Canadian Press; "asked reporters"
_ADDRESSED = r"told|asked"
_SPEAKER_AFTER = re.compile(
    rf"\b(?:(?!(?:{_ADDRESSED})\b)(?:{_SPEECH})|according\s+to)\s+"
    # "said to The Canadian Press", "said in an interview with CBC": the addressee follows
    r"(?:(?!(?:he|she|they|we|I|it|him|her|them|their|his|its|our|of|from|that|who|which|"
    r"believed|thought|to|with)\b)[A-Za-z’'-]+,?\s+){0,6}?"
    rf"(?P<name>{_NAME})"
    r"(?![’']s)\b"
    # "said Witkoff and Kushner briefed him": the subject of a reported clause, not a speaker
    r"(?!\s+(?:and|had|has|have|was|were|would|will|is|are|could|[a-z]+ed)\b)"
)


def _speakers(text: str) -> list[tuple[int, str, str]]:
    """(position, key, name) of named people attached to a speech verb."""
    out = []
    for pattern in (_SPEAKER_BEFORE, _SPEAKER_AFTER):
        for m in pattern.finditer(text):
            if m.group("name").endswith(("’s", "'s")):
                continue  # "one of Putin’s main concerns": a possessive, not the speaker
            key = _person_key(m.group("name"))
            if key:
                out.append((m.start("name"), key, m.group("name")))
    return out


def _speaker_of(text: str, quote: tuple[int, int], spans: list[tuple[int, int]]
                ) -> tuple[str, str] | None:
    """The named speaker nearest to ``quote``, ignoring names inside quotation marks."""
    candidates = [(abs(pos - (quote[0] if pos < quote[0] else quote[1])), key, name)
                  for pos, key, name in _speakers(text)
                  if not any(s <= pos < e for s, e in spans)]
    if not candidates:
        return None
    _, key, name = min(candidates)
    return key, name


# --- per-passage facts -------------------------------------------------------------------------


@dataclass(slots=True)
class _Facts:
    passage: Passage
    quantities: list[Quantity]
    dates: list[DateMention]
    quotes: list[tuple[tuple[int, int], list[Word]]]
    roles: list[RoleMention]
    short: list[tuple[tuple[int, int], list[Word]]]  # two- and three-word quotations
    places: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    # the speaker named earlier in the same paragraph: a quotation's second sentence
    # ("… ,” Reyes said. “Safety comes first.”) is still his
    paragraph_speaker: tuple[str, str] | None = None
    #: each date's happening words (``_event_words``), read once: a passage meets every
    #: other member of its group, and its dates were read again for each pair
    happening: dict[int, frozenset[str]] = field(default_factory=dict)
    #: when the passage starts inside a figure the segmenter cut at its decimal point ("5
    #: million contract." after "… to a three-year, $37."): the content words of the whole
    #: sentence that figure was written in, which say what it is the figure of
    cut: frozenset[str] | None = None

    def event_words(self, d: DateMention) -> frozenset[str]:
        """``_event_words`` of one of this passage's dates, read once."""
        found = self.happening.get(d.start)
        if found is None:
            found = self.happening[d.start] = _event_words(self.passage.text, d)
        return found


def _passage_quote_spans(p: Passage, article: Article | None,
                         article_spans: dict[str, list[tuple[int, int]]] | None = None
                         ) -> list[tuple[int, int]]:
    """Quote spans relative to the passage; taken from the whole article when possible so that a
    sentence in the middle of a multi-sentence quotation still counts as quoted.

    ``article_spans`` keeps each article's spans for one run of the checks, which visit
    passages in group order (``quote_spans``'s own small cache missed across 982 articles)."""
    if article is not None and article.text[p.start : p.end] == p.text:
        if article_spans is None:
            spans = quote_spans(article.text)
        elif (spans := article_spans.get(article.id)) is None:
            spans = article_spans[article.id] = quote_spans(article.text)
        return [(max(s, p.start) - p.start, min(e, p.end) - p.start)
                for s, e in spans if s < p.end and e > p.start]
    return quote_spans(p.text)


#: how Dates are read in one article: its publication date, or (undated) the days it may have
#: appeared on
_When = tuple[str | None, tuple[date, date] | None]


def publication_bounds(article: Article | None, others: Sequence[str]) -> _When:
    """``Article.published``, and nothing for an undated article.

    An undated article's weekdays, "today" and yearless dates are never resolved to calendar
    days: the README promises dates are never guessed, and the review's other dates do not
    say when it appeared (QA pass 2, item 5: Asia Report's "Wednesday", 7 Jan, was read as
    31 Dec from the one dated article; Capital News's "today" became 7 Jan). Its weekdays then
    meet nobody's as calendar days, and only its dates with a year are compared. ``others``
    (the review's publication dates) is kept for callers; it no longer bounds anything.
    """
    del others
    if article is None:
        return None, None
    return article.published, None


#: the whole part of a figure a stray space split over two passages ("… for $1." + "6 billion
#: purchase of Opsware"), with its currency sign
_SPLIT_DECIMAL = re.compile(r"[$£€¥₹]?\d+\.\s*$")


def _split_figure(p: Passage, article: Article | None,
                  quantities: list[Quantity]) -> tuple[list[Quantity], frozenset[str] | None]:
    """``p``'s figures, its first one read whole when the segmenter cut it at its decimal
    point ("($2." | "6 million) booty" is $2.6 million, never 6 million: ECB+ 13_ecbplus read
    "5 billion vs 6 billion" for $4.5 and $1.6 billion), and, when the passage starts inside
    such a figure, the content words of the sentence it was written in (``_Facts.cut``)."""
    if article is None or article.text[p.start : p.end] != p.text:
        return quantities, None
    start, end = p.start, p.end
    if quantities and quantities[0].start == 0 and p.start > 0:
        m = _SPLIT_DECIMAL.search(article.text, max(0, p.start - 12), p.start)
        start = m.start() if m else start
    if _SPLIT_DECIMAL.search(p.text[-12:]):
        # the figure cut at the end: "… and most recently Opsware for $1." + "6 billion"
        m = _DECIMALS_AFTER.match(article.text, p.end)
        end = m.end() if m else end
    if (start, end) == (p.start, p.end):
        return quantities, None
    # one space at each cut, as the figure was written before the text was tokenised
    head = article.text[start : p.start].rstrip() + " " if start < p.start else ""
    tail = " " + article.text[p.end : end].lstrip() if end > p.end else ""
    shift = len(head)
    cut = None
    if head:
        # the cut figure's sentence: back to the line's or the last sentence's start
        floor = max(0, start - _CLAUSE_CHARS)
        lo = max([article.text.rfind("\n", floor, start) + 1,
                  *(m.end() for m in _SENTENCE_END.finditer(article.text, floor, start))])
        m = _SENTENCE_END.search(p.text)
        cut = frozenset(_figure_context(article.text[lo:start] + " "
                                        + p.text[: m.start() + 1 if m else len(p.text)]))
    return [replace(q, start=max(0, q.start - shift), end=min(len(p.text), q.end - shift))
            for q in extract_quantities(head + p.text + tail)
            if q.end > shift and q.start - shift < len(p.text)], cut


#: words of a sum or a span of time itself, no word of what it is the sum of (as keys)
_SUM_WORDS = frozenset(stem(name_key(w)) for w in (
    "million", "millions", "billion", "billions", "thousand", "thousands", "trillion",
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "per", "cent", "percent", "year",
    "years", "month", "months", "week", "weeks", "day", "days"))


def _figure_context(text: str) -> set[str]:
    """The content words (stems) of ``text`` that say what a figure in it is of."""
    return {s for s in _content_stems(text) if s not in _SUM_WORDS and not s[:1].isdigit()}


#: the decimals and unit that carry a cut figure on: "6 billion"
_DECIMALS_AFTER = re.compile(r"\s*\d+[A-Za-z]{0,3}(?:[\s-]+[A-Za-z]+){0,2}")


def _facts(p: Passage, article: Article | None, published: _When,
           article_spans: dict[str, list[tuple[int, int]]] | None = None,
           quantities: list[Quantity] | None = None) -> _Facts:
    """The facts of ``p``; ``quantities`` when they were read already (the same text)."""
    spans = _passage_quote_spans(p, article, article_spans)
    quotes = [((s, e), words(p.text[s:e], s)) for s, e in spans]
    if quantities is None:
        quantities = extract_quantities(p.text)
    quantities, cut = _split_figure(p, article, quantities)
    return _Facts(
        passage=p,
        quantities=quantities,
        dates=extract_dates(p.text, published[0], spans, bounds=published[1]),
        quotes=[(span, ws) for span, ws in quotes if len(ws) >= 4],
        roles=extract_roles(p.text),
        short=[(span, ws) for span, ws in quotes if 2 <= len(ws) <= 3],
        places=extract_places(p.text),
        spans=spans,
        paragraph_speaker=_paragraph_speaker(p, article) if spans else None,
        cut=cut,
    )


def _paragraph_speaker(p: Passage, article: Article | None) -> tuple[str, str] | None:
    """The last named speaker before ``p`` in its paragraph, outside quotation marks."""
    if article is None or article.text[p.start : p.end] != p.text:
        return None
    para_start = article.text.rfind("\n\n", 0, p.start)
    para_start = 0 if para_start < 0 else para_start + 2
    before = article.text[para_start : p.start]
    if not before.strip():
        return None
    quoted = quote_spans(before)
    after_quotes = max((e for _, e in quoted), default=0)
    # "“…,” Reyes told reporters at City Hall." names the speaker first, the place after
    named = sorted((pos, key, name) for pos, key, name in _speakers(before)
                   if pos >= after_quotes)
    return (named[0][1], named[0][2]) if named else None


def _best_clause(p: Passage, other: Passage) -> Passage | None:
    """The clause of ``p`` (split as the aligner splits ledes) sharing most content words with
    ``other``, as a passage of its own with offsets into the article; None when ``p`` has one
    clause or two clauses tie."""
    spans = clause_spans(p.text)
    if not spans:
        return None
    theirs = {stem(w) for w in feature_words(other.text)} - FUNCTION_WORDS
    shared = sorted(((len({stem(w) for w in feature_words(p.text[a:b])} & theirs), (a, b))
                     for a, b in spans), reverse=True)
    if shared[0][0] == shared[1][0]:
        return None
    a, b = shared[0][1]
    return Passage(p.id, p.article_id, p.index, p.start + a, p.start + b, p.text[a:b], p.kind)


# --- detectors on one pair ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """One disagreement between two passages, as a detector reports it; spans are (start, end)
    in the text of the facts' passage (a lede's clause has its own text)."""

    kind: ConflictKind
    severity: str
    words_a: tuple[str, ...]
    words_b: tuple[str, ...]
    detail: str
    spans_a: tuple[tuple[int, int], ...] = ()
    spans_b: tuple[tuple[int, int], ...] = ()


def _find_words(text: str, needle: str) -> tuple[tuple[int, int], ...]:
    """Where ``needle`` first occurs in ``text`` (case-insensitive), as one span, else none."""
    at = text.lower().find(needle.lower()) if needle else -1
    return ((at, at + len(needle)),) if at >= 0 else ()


#: an occurrence of the kind of thing news counts: with a marker before it ("the previous
#: quake", "a second tremor", "followed by a 2.3 magnitude tremor") it names another one
_OCCURRENCE = (r"(?:earth)?quakes?|tremors?|temblors?|aftershocks?|shocks?|attacks?|blasts?|"
               r"explosions?|bombings?|storms?|hurricanes?|typhoons?|cyclones?|floods?|fires?|"
               r"blazes?|eruptions?|crash(?:es)?|shootings?|one")
#: words that clearly name another occurrence than the story's main one: "it was followed by a
#: 2.3 magnitude tremor", "the last tremor measuring 3.0 … occurred", "a second quake of
#: 5.2", "days after a deadly one", an aftershock. Markers without such a noun say nothing of
#: the kind: "another 20" is an amount, "since 2015", "after the vote" and "a second attempt"
#: are not another quake (QA #15 item 1: those silenced real toll disagreements)
_OTHER_EVENT = re.compile(
    r"\b(?:(?:followed\s+by|(?:days?|hours?|weeks?|months?|years?)\s+(?:after|before)|"
    r"the\s+(?:previous|last|earlier)|an?\s+(?:earlier|previous|second|separate|"
    r"new)|another)\s+(?:[\w.,-]+\s+){0,3}?(?:" + _OCCURRENCE + r")|aftershocks?|"
    r"the\s+latest\s+(?:of|in)\b)\b",
    re.IGNORECASE)
#: a clause ends at a comma, semicolon, dash, sentence end or a coordinating word: "the quake
#: killed 12 people and was followed by aftershocks" keeps the 12 in the main event's clause
_CLAUSE_BREAK = re.compile(
    r"[;!?—–()]|[,:](?!\d)|(?<![ap]\.m)\.(?:\s|$)|\b(?:and|but|while|as|when|which)\b",
    re.IGNORECASE)
#: an appositive that places a day relative to something ("on Wednesday, two days after the
#: vote", "on Monday, the latest of many nights"): it belongs to the day's own clause
_DAY_APPOSITIVE = re.compile(
    r"\s*(?:just\s+|only\s+|some\s+)?(?:\w+\s+)?(?:days?|hours?|weeks?)\s+(?:after|before)\b"
    r"|\s*the\s+latest\b", re.IGNORECASE)


_CLAUSE_CHARS = 400


def _own_clause(text: str, start: int, end: int, *, appositive: bool = False) -> str:
    """The clause of ``text`` around the figure at ``start:end``; with ``appositive``, a
    following time-relation phrase too ("on Wednesday, two days after the vote")."""
    # Looked for within _CLAUSE_CHARS of the figure: a clause is far shorter, and searching
    # from the start of the text for every figure cost the square of a passage's length (a
    # 300 KB line without punctuation: minutes). A longer clause is cut, which can only show
    # a difference, never silence one.
    floor = max(0, start - _CLAUSE_CHARS)
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, floor, start)), default=floor)
    m = _CLAUSE_BREAK.search(text, end, end + _CLAUSE_CHARS)
    hi = m.start() if m else min(len(text), end + _CLAUSE_CHARS)
    if appositive and m is not None and m.group() == "," \
            and _DAY_APPOSITIVE.match(text, m.end()):
        nxt = _CLAUSE_BREAK.search(text, m.end(), m.end() + _CLAUSE_CHARS)
        hi = nxt.start() if nxt else min(len(text), m.end() + _CLAUSE_CHARS)
    return text[lo:hi]


def _other_event(text: str, start: int, end: int, *, appositive: bool = False) -> bool:
    """Whether the figure at ``start:end`` is told of another occurrence than the story's
    main one: a marker in its *own* clause that clearly names one ("the previous quake killed
    12", "a second quake of 5.2"). A marker elsewhere in the passage proves nothing about
    this figure, and when unsure the difference is shown, not silenced."""
    return _OTHER_EVENT.search(_own_clause(text, start, end, appositive=appositive)) is not None


def _number_detail(qa: Quantity, qb: Quantity) -> str:
    """ "number: 7.6 vs 7.4 magnitude"-style wording: the unit is named once, and only when
    the figures as written do not already name it ("27-point vs 28 points", never
    "(strucks)" or "(peoples)")."""
    label = unit_label(qa.unit)
    named = any(label.lower() in q.text.lower() or qa.unit.lower() in q.text.lower()
                or (qa.unit == "%" and "cent" in q.text.lower())
                or (q.currency != "" and q.text.startswith(q.currency))
                or names_unit(q) for q in (qa, qb))
    return f"number: {qa.text} vs {qb.text}" + ("" if named else f" ({label})")


def _numbers(a: _Facts, b: _Facts) -> list[_Found]:
    """Figures of the main event are compared with each other, and figures told of another
    occurrence ("the previous quake killed 12") with each other; two outlets that time one
    event differently still disagree on its toll (clock times are no evidence of two events)."""
    ta, tb = a.passage.text, b.passage.text
    other_a = [_other_event(ta, q.start, q.end) for q in a.quantities]
    other_b = [_other_event(tb, q.start, q.end) for q in b.quantities]
    pairs: list[tuple[Quantity, Quantity]] = []
    for flag in (False, True):
        qa = [q for q, o in zip(a.quantities, other_a, strict=True) if o is flag]
        qb = [q for q, o in zip(b.quantities, other_b, strict=True) if o is flag]
        if qa and qb:
            pairs += conflicting_quantities(qa, qb)
    # a passage that itself states both values sets neither against the other: "the
    # 6.1-magnitude quake ... since 7.6 and 7.5 magnitude quakes" knows two quakes, so its 7.5
    # never contradicts another outlet's 6.1 (QA pass 2, item 1)
    pairs = [(x, y) for x, y in pairs
             if not _states(b.quantities, x) and not _states(a.quantities, y)
             and (not x.unit.startswith("time")
                  or _same_moment(ta, x, a.quantities, tb, y, b.quantities))
             and _one_thing(a, x, b, y)
             and _year_told(ta, x) == _year_told(tb, y)]
    # where a quake struck is told of one quake: a distance or depth of "Wednesday's quake"
    # never meets one of the quake that "struck on Sunday" (QA pass 2: 135 vs 75 km)
    if any(x.measure.startswith(_WHERE) for x, _ in pairs) \
            and _days_apart(_event_days(a), _event_days(b)):
        pairs = [(x, y) for x, y in pairs if not x.measure.startswith(_WHERE)]
    return [_Found(ConflictKind.NUMBER, "major", (qa.text,), (qb.text,), _number_detail(qa, qb),
                   ((qa.start, qa.end),), ((qb.start, qb.end),))
            for qa, qb in pairs]


#: words beside a time of day that say nothing of what happened at it
_TIME_WORDS = frozenset(name_key(w) for w in (
    "local", "time", "shortly", "just", "about", "around", "after", "before", "approximately",
    "roughly", "nearly", "early", "late", "morning", "evening", "afternoon", "night",
    "today", "yesterday", "tonight", "hours", "gmt", "utc"))


def _time_event(text: str, q: Quantity, others: Sequence[Quantity] = ()) -> str:
    """The happening a time of day is the time of: the nearest content word before it in
    its sentence ("closed at 6 p.m." -> "close"; "struck" and "hit" one key; "cast their
    ballots as of 4:00 p.m." -> "ballot"), else the nearest after it ("At 2:19 a.m. the
    quake hit"); "" when its sentence names none. A time in brackets right after another
    (``others``: the passage's times) restates that one in another zone ("closed at 6:00
    p.m. local time (1300 GMT)") and is its happening's."""
    floor = max(0, q.start - _CLAUSE_CHARS)
    bracket = text.rfind("(", floor, q.start)
    if bracket >= 0 and not text[bracket + 1 : q.start].strip():
        told = [o for o in others if o.end <= bracket and bracket - o.end <= 25
                and o.unit.startswith("time")]
        if told:
            return _time_event(text, told[-1])
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, floor, q.start)), default=floor)
    lo = max(lo, text.rfind("\n", floor, q.start) + 1)
    m = _SENTENCE_END.search(text, q.end, q.end + _CLAUSE_CHARS)
    hi = m.start() if m else min(len(text), q.end + _CLAUSE_CHARS)
    ws = [w for w in words(text[lo:hi], lo) if len(w.key) > 2 and w.key not in _STOP
          and w.key not in _TIME_WORDS and w.key not in _DATE_WORDS and "." not in w.key
          and not w.key[:1].isdigit() and not any(o.start <= w.start < o.end
                                                  for o in (q, *others))]
    before = [w for w in ws if w.start < q.start]
    after = [w for w in ws if w.start >= q.end]
    word = before[-1] if before else after[0] if after else None
    return "" if word is None else _EVENT_SYNONYMS.get(word.key, stem(word.key))


#: a sentence that opens on a year tells of that year: "In 2007, the gang drove two cars
#: through the window of a jewellery store in Dubai … 11m euros of jewellery"
_IN_YEAR = re.compile(r"(?:In|Back in)\s+(?:(?:early|late|mid)[\s-]+)?(?:[A-Z][a-z]+\s+)?"
                      r"((?:19|20)\d\d)\b")


def _year_told(text: str, q: Quantity) -> str:
    """The year the sentence of figure ``q`` opens on ("In 2007, …"), "" when it opens on
    none. Figures of two such sentences, or of one and a sentence of the story itself, are
    of two happenings: the gang's 11m euros of 2007 never meets today's two million (ECB+
    24). Both sentences opening on one year are compared."""
    floor = max(0, q.start - _CLAUSE_CHARS)
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, floor, q.start)), default=floor)
    lo = max(lo, text.rfind("\n", floor, q.start) + 1)
    m = _IN_YEAR.match(text, lo + len(text[lo:q.start]) - len(text[lo:q.start].lstrip()))
    return m.group(1) if m and m.end() <= q.start else ""


def _one_thing(a: _Facts, x: Quantity, b: _Facts, y: Quantity) -> bool:
    """Whether a figure the segmenter cut at its decimal point ("$37." | "5 million
    contract.") may be the other's: its passage is a sentence's tail, aligned on little more
    than the figure, so the two are compared only when the sentences they were written in
    share a word of what they are figures of. "$27.5 million that third baseman Alex
    Rodriguez is guaranteed" and Lowell's "three-year, $37.5 million contract" share none
    (ECB+ 10: a row "27.5 million vs 37.5 million")."""
    cut_a = a.cut if a.cut is not None and x.start == 0 else None
    cut_b = b.cut if b.cut is not None and y.start == 0 else None
    if cut_a is None and cut_b is None:
        return True
    words_a = cut_a if cut_a is not None else _figure_context(a.passage.text)
    words_b = cut_b if cut_b is not None else _figure_context(b.passage.text)
    return bool(words_a & words_b)


def _same_moment(ta: str, x: Quantity, xs: Sequence[Quantity], tb: str, y: Quantity,
                 ys: Sequence[Quantity]) -> bool:
    """Two times of day are set against each other only when they time one happening:
    "polls closed at 6 p.m." never meets "polls opened at 8 a.m."; "struck at 2:09 a.m."
    meets "hit at 2:19 a.m." A time whose clause names no happening is compared."""
    ea, eb = _time_event(ta, x, xs), _time_event(tb, y, ys)
    return not ea or not eb or ea == eb


#: measures that say where a happening took place: two happenings, two places
_WHERE = ("distance", "depth")
#: a weekday after a time zone is the same moment told in another zone: "hit at 7:48 am (2248
#: GMT Tuesday)" is Wednesday's quake
_ZONE_BEFORE = re.compile(r"\b(?:GMT|UTC|EST|EDT|PST|PDT|CET|BST)\s*$")


def _event_days(f: _Facts) -> list[tuple[int, date | None]]:
    """The days of the happening ``f``'s passage tells (weekday index, and the calendar day
    when the article's date resolves it): its dates that are no statement's, no other
    occurrence's and no time zone's."""
    text = f.passage.text
    out: list[tuple[int, date | None]] = []
    for d in f.dates:
        if d.speech or _other_event(text, d.start, d.end, appositive=True) \
                or _ZONE_BEFORE.search(text, max(0, d.start - 8), d.start):
            continue
        if d.weekday:
            out.append((WEEKDAYS.index(d.weekday), d.low if d.precise else None))
        elif d.precise:
            out.append((d.low.weekday(), d.low))
    return out


def _days_apart(a: Sequence[tuple[int, date | None]], b: Sequence[tuple[int, date | None]]
                ) -> bool:
    """Whether two passages' happenings lie two days or more apart (a day either way is one
    happening told in two time zones or across midnight); False when either names none."""
    def near(x: tuple[int, date | None], y: tuple[int, date | None]) -> bool:
        if x[1] is not None and y[1] is not None:
            return abs((x[1] - y[1]).days) <= 1
        return (x[0] - y[0]) % 7 in (0, 1, 6)
    return bool(a) and bool(b) and not any(near(x, y) for x in a for y in b)


def _states(quantities: Sequence[Quantity], q: Quantity) -> bool:
    """Whether one of ``quantities`` gives ``q``'s value in its unit, whatever event or
    measure it was read as: the passage then prints the figure it would be set against.
    When the passage says which of its figures has ``q``'s measure ("a depth of 0.8 miles"),
    only those count: its "about 9 miles south-southwest of …" says nothing of the depth
    (QA pass 3, item 1: "depth of 1.2 miles" vs "12 miles" was dropped this way)."""
    said = [o for o in quantities if q.measure and o.unit == q.unit and o.measure == q.measure]
    return any(o.comparable(q) and not is_vague(o) and o.compatible(q)
               for o in (said or quantities))


#: magnitudes this far apart are two quakes, never one quake reported two ways (outlets
#: differ by a few tenths at most: 7.6 vs 7.5, 4.4 vs 4.2)
EVENT_MAGNITUDE_GAP = 1.0


_MAGNITUDE_WORDS = re.compile(r"magnitude|measuring|quake of", re.IGNORECASE)
#: a passage that speaks of "the quake" without its magnitude means the one its article named
_THE_QUAKE = re.compile(
    r"\bthe\s+(?:(?:earth)?quake|tremor|temblor|epicent(?:er|re))\b"
    # a quake named by its day is the one the article tells of: "Wednesday's shallow quake
    # hit at 7:48 am" in an article led by the 6.1 quake of Wednesday (QA pass 2: it was
    # set against the 7.6 quake's "135 km from Manokwari")
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+(?:[a-z]+\s+)?"
    r"(?:(?:earth)?quake|tremor|temblor)\b",
    re.IGNORECASE)


def _two_events(a: Sequence[float], b: Sequence[float]) -> bool:
    """Whether two passages tell of two quakes: each names (or its article last named) a
    magnitude, and none of one side's is near one of the other's."""
    return bool(a) and bool(b) and all(abs(x - y) >= EVENT_MAGNITUDE_GAP
                                       for x in a for y in b)


def _dates(a: _Facts, b: _Facts) -> list[_Found]:
    """A day told of another occurrence ("on Wednesday, days after a deadly one") is compared
    with nobody's; "two days after the vote" or "since 2015" elsewhere change nothing."""
    ta, tb = a.passage.text, b.passage.text
    da_main = [d for d in a.dates if not _other_event(ta, d.start, d.end, appositive=True)]
    db_main = [d for d in b.dates if not _other_event(tb, d.start, d.end, appositive=True)]
    pair = conflicting_dates(da_main, db_main, related=lambda x, y: _same_happening(
        a.event_words(x), b.event_words(y)))
    if pair is None:
        return []
    da, db = pair
    # a weekday of an undated article against a dated one's is doubtful (which week?):
    # shown, labelled, minor
    severity = "major" if da.calendar and db.calendar else "minor"
    return [_Found(ConflictKind.DATE, severity, (da.text,), (db.text,),
                   f"date: {da.label()} vs {db.label()}", ((da.start, da.end),),
                   ((db.start, db.end),))]


#: words that name one kind of happening: "killed" and "died", "struck" and "hit" tell of one
#: event; the rest of a clause's content words are compared as stems
_EVENT_SYNONYMS = {
    **dict.fromkeys(("killed", "kill", "kills", "killing", "died", "die", "dies", "dead",
                     "death", "deaths", "lost", "perished"), "die"),
    **dict.fromkeys(("struck", "strike", "strikes", "hit", "hits", "rocked", "jolted", "shook",
                     "rattled", "quake", "earthquake", "quakes", "earthquakes", "tremor",
                     "temblor"), "quake"),
    **dict.fromkeys(("met", "meet", "meets", "meeting", "talks", "held"), "meet"),
}
#: words of a date itself or of reporting, never the happening a date is the day of
_DATE_WORDS = frozenset(name_key(w) for w in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "today", "yesterday", "tonight", "last", "night", "morning",
    "evening", "afternoon", "early", "late", "week", "weekend", "day", "days", "hours",
    "according", "reported", "reports",
    # an age beside a date is no happening: "convicting 27-year-old Simpson … Thursday" and
    # "Trial is set for June 17 for 26-year-old Simpson" share only "year old" (ECB+ 45)
    "year", "years", "old", "aged", "month", "months"))


#: how many content words either side of a date may name its happening (within its sentence)
EVENT_WINDOW = 6
_SENTENCE_END = re.compile(r"[.!?;]\s")


def _event_words(text: str, d: DateMention) -> frozenset[str]:
    """The words of the happening a date is the day of: the content words within
    ``EVENT_WINDOW`` words of it in its sentence, names left out (Hamas, Israel take part in
    many happenings), synonyms of one happening under one key ("met" and "held talks")."""
    floor = max(0, d.start - _CLAUSE_CHARS)  # bounded, as _own_clause: long lines stay linear
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, floor, d.start)), default=floor)
    m = _SENTENCE_END.search(text, d.end, d.end + _CLAUSE_CHARS)
    hi = m.start() + 1 if m else min(len(text), d.end + _CLAUSE_CHARS)
    lo, hi = own_clause(text, d.start, d.end, lo, hi)  # the date's own clause (dates.py)
    ws = words(text[lo:hi], lo)
    first = ws[0].start if ws else -1
    content = [w for w in ws
               if len(w.key) > 2 and w.key not in _STOP and w.key not in _DATE_WORDS
               and not w.key[:1].isdigit() and (not w.text[:1].isupper() or w.start == first)]
    near = ([w for w in content if w.start < d.start][-EVENT_WINDOW:]
            + [w for w in content if w.start >= d.end][:EVENT_WINDOW])
    return frozenset(_EVENT_SYNONYMS.get(w.key, stem(w.key)) for w in near)


def _same_happening(a: frozenset[str], b: frozenset[str]) -> bool:
    """Dates are compared only when one happening governs both: "the air war began 27
    December" and "the truce ended 20 December" share no word of what happened (QA pass 2,
    item 1). A clause with no such words says nothing either way, so its date is compared."""
    return not a or not b or bool(a & b)


#: Does an article quote these words (comparison keys), exactly, somewhere, and not from
#: another speaker than the one given (key, or None when unknown)?
_Attested = Callable[[str, str, str | None], bool]


def _quotes(a: _Facts, b: _Facts, attested: _Attested | None = None) -> list[_Found]:
    """Wording differences of matched quotes, merged into one conflict per passage pair, plus
    attribution when the two outlets name different speakers for the same words.

    A difference is no disagreement when the other outlet also prints this wording (the
    differing words with two words of context either side) in some quotation of the same
    speaker: a speaker who said "he would like to end the war" and, a moment later, "he would
    like to see the war ended" is quoted faithfully by an outlet that prints either. A
    difference in negation ("not going" / "going") is always shown.
    """
    wording: list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...],
                        tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]] = []
    found: list[_Found] = []
    for span_a, qa in a.quotes:
        for span_b, qb in b.quotes:
            diff = compare_quotes(qa, qb)
            if diff is None:
                continue
            sa = _speaker_of(a.passage.text, span_a, a.spans) or a.paragraph_speaker
            sb = _speaker_of(b.passage.text, span_b, b.spans) or b.paragraph_speaker
            for part in diff.parts or (diff,):
                said_elsewhere = (
                    attested is not None and part.windows and not part.negation
                    and all(attested(b.passage.article_id, wa, sa[0] if sa else None)
                            or attested(a.passage.article_id, wb, sb[0] if sb else None)
                            for wa, wb in part.windows))
                if part.severity and not said_elsewhere:
                    wording.append((part.severity, part.words_a, part.words_b, part.shown,
                                    part.spans_a, part.spans_b))
            if sa and sb and not _same_person(sa[0], sb[0]) and _one_remark(diff, qa, qb):
                opening = _written(qa[:6])
                found.append(_Found(ConflictKind.ATTRIBUTION, "major", (sa[1],), (sb[1],),
                                    f'attribution: "{opening}…" — {sa[1]} vs {sb[1]}',
                                    _find_words(a.passage.text, sa[1]) or (span_a,),
                                    _find_words(b.passage.text, sb[1]) or (span_b,)))
    # every changed content word is a disagreement of its own (anchored to its words); the
    # minor differences of one pair (function words, word order) are told as one
    batches = [[w] for w in wording if w[0] == "major"]
    minor = [w for w in wording if w[0] != "major"]
    if minor:
        batches.append(minor)
    for n, batch in enumerate(batches):
        severity = batch[0][0]
        words_a = tuple(dict.fromkeys(x for w in batch for x in w[1]))
        words_b = tuple(dict.fromkeys(x for w in batch for x in w[2]))
        shown = [s for w in batch for s in w[3]]
        short = [s for s in shown if max(len(s[0].split()), len(s[1].split())) <= 5] or shown
        # a word one version adds beside a changed one ("with" / "yesterday with") is not
        # what the row is about: the detail names the change
        short = [s for s in short if not _added_only(*s)] or short
        text = "; ".join(f'"{x}" vs "{y}"' for x, y in list(dict.fromkeys(short))[:2])
        found.insert(n, _Found(ConflictKind.QUOTE_WORDING, severity, words_a, words_b,
                               f"quote wording: {text}",
                               tuple(dict.fromkeys(x for w in batch for x in w[4])),
                               tuple(dict.fromkeys(x for w in batch for x in w[5]))))
    return found


#: share of the shorter quotation two versions must share before two speakers of it are a
#: disagreement: "would like to end the war" (Trump) and Zelensky's "… an opportunity to end
#: the war, …" share a stock phrase, not a remark
ONE_REMARK_SHARE = 0.8


def _written(ws: Sequence[Word]) -> str:
    """Words as written, a contraction read as two words ("we'll": we will) shown once."""
    out: list[str] = []
    last = -1
    for w in ws:
        if w.contracted and w.start == last:
            continue
        out.append(w.text)
        last = w.start
    return " ".join(out)


def _one_remark(diff: QuoteDiff, qa: list[Word], qb: list[Word]) -> bool:
    """Whether two matched quotations are one remark, enough to call two speakers of it a
    disagreement (wording differences are still compared on the shared stretch)."""
    return diff.matched >= ONE_REMARK_SHARE * min(len(qa), len(qb)) or diff.matched >= 10


def _short_quotes(a: _Facts, b: _Facts) -> list[_Found]:
    """A two- or three-word quotation ("very good") set against the same words in the other
    outlet's quotation with exactly one content word changed ("reasonably good meeting").

    Too short for :func:`compare_quotes` (which needs four shared words to know two quotations
    are one), a scare-quoted phrase is only compared when all its other words are shared in
    place, the changed word is a content word on one side at least, and neither side is a
    negation — so "very good" meets "reasonably good", never "good" alone.
    """
    found: list[_Found] = []
    for x, y, flip in ((a, b, False), (b, a, True)):
        for _span, short in x.short:
            n = len(short)
            for _other_span, ws in y.short + y.quotes:
                hit = _one_word_changed(short, ws)
                if hit is None:
                    continue
                i, j = hit
                mine, theirs = short[i], ws[j]
                sx = ((mine.start, mine.start + len(mine.text)),)
                sy = ((theirs.start, theirs.start + len(theirs.text)),)
                phrase = " ".join(w.text for w in short)
                other = " ".join(w.text for w in ws[j - i : j - i + n])
                f = (_Found(ConflictKind.QUOTE_WORDING, "major", (theirs.text,), (mine.text,),
                            f'quote wording: "{other}" vs "{phrase}"', sy, sx) if flip else
                     _Found(ConflictKind.QUOTE_WORDING, "major", (mine.text,), (theirs.text,),
                            f'quote wording: "{phrase}" vs "{other}"', sx, sy))
                found.append(f)
                break
    return found[:1]


def _one_word_changed(short: list[Word], ws: list[Word]) -> tuple[int, int] | None:
    """(index in ``short``, index in ``ws``) of the one changed word when ``short`` sits in
    ``ws`` with all its other words in place, at least one of them a content word."""
    n = len(short)
    keys = [w.key for w in short]
    for at in range(len(ws) - n + 1):
        window = [w.key for w in ws[at : at + n]]
        diff = [k for k in range(n) if keys[k] != window[k]]
        if len(diff) != 1:
            continue
        k = diff[0]
        if k == n - 1:
            # the last word of a short phrase is what it names: "data center solutions"
            # (a business unit) and "the cloud data center market" are two things, while
            # "very good" / "reasonably good" word one thing two ways (ECB+ 43)
            continue
        mine, theirs = keys[k], window[k]
        if stem(mine) == stem(theirs) or {mine, theirs} & _NEGATIONS:
            continue
        if not (_content(mine) or _content(theirs)):
            continue
        if not any(_content(keys[m]) for m in range(n) if m != k):
            continue
        return k, at + k
    return None


def _content(key: str) -> bool:
    return key not in _STOP and len(key) > 2


_NEGATIONS = frozenset(name_key(w) for w in ("not", "never", "no", "none", "nothing"))


def _added_only(x: str, y: str) -> bool:
    """One version is the other with words added at one end."""
    return x != y and (x.endswith(f" {y}") or y.endswith(f" {x}") or x.startswith(f"{y} ")
                       or y.startswith(f"{x} "))


def _roles(a: _Facts, b: _Facts) -> list[_Found]:
    hit = _role_conflict(a.roles, b.roles)
    if hit is None:
        return []
    ra, rb, severity = hit
    return [_Found(ConflictKind.ROLE, severity, tuple(ra.role.split()), tuple(rb.role.split()),
                   f"role: {ra.person} is \"{ra.role}\" vs \"{rb.role}\"",
                   _find_words(a.passage.text, ra.role), _find_words(b.passage.text, rb.role))]


def _content_stems(text: str) -> set[str]:
    return {stem(w.key) for w in words(text) if len(w.key) > 2 and w.key not in _STOP}


def _places(a: _Facts, b: _Facts) -> list[_Found]:
    """Only passages naming exactly one place, and otherwise telling the same thing (half their
    content words shared), are compared: aligned sentences often mention where *different*
    meetings happened, and a false alarm costs the reviewer more than a miss here."""
    if len(a.places) != 1 or len(b.places) != 1 or places_related(a.places[0], b.places[0]):
        return []
    sa, sb = _content_stems(a.passage.text), _content_stems(b.passage.text)
    if len(sa & sb) < PLACE_MIN_OVERLAP * min(len(sa), len(sb)):
        return []
    pa, pb = a.places[0], b.places[0]
    return [_Found(ConflictKind.OTHER, "major", (pa,), (pb,), f"place: {pa} vs {pb}",
                   _find_words(a.passage.text, pa), _find_words(b.passage.text, pb))]


#: share of the smaller passage's content words the other must share before places are compared
PLACE_MIN_OVERLAP = 0.5
_STOP = frozenset(name_key(w) for w in FUNCTION_WORDS | PRONOUNS | {"said", "told", "says"})

_DETECTORS = (_numbers, _dates, _quotes, _roles, _places)


def find_conflicts(groups: Sequence[AlignmentGroup], passages: Mapping[str, Passage],
                   articles: Mapping[str, Article], *,
                   related: Sequence[tuple[str, str, float]] = ()) -> list[Conflict]:
    """All disagreements between passages of different articles inside each group, and the
    quotations worded or attributed differently by ``related`` passages in different groups.

    A quotation is the one detail that says for itself that two passages report the same
    thing, whatever else they say: "I can tell you they had a reasonably good meeting" and
    "Putin had a very good meeting yesterday" are one remark quoted two ways even when the
    aligner files the two sentences under different facts (the second goes on to another
    quote). So related pairs (a low pair score suffices, see ``AlignConfig.related_min``)
    that share no group get the quotation checks only; their conflicts have no group. Numbers,
    dates, roles and places are compared inside groups only: across unrelated facts they
    would differ by design.

    Ids are "c1", "c2", … in group order, then pair order (members sorted by article and
    position), then detector order, then the related pairs in their order, so the same input
    always gives the same ids.
    """
    cache: dict[str, _Facts] = {}
    clause_cache: dict[tuple[str, int, int], _Facts] = {}
    figures: dict[str, list[Quantity]] = {}  # each passage's figures, read once

    def figures_of(pid: str) -> list[Quantity]:
        if pid not in figures:
            figures[pid] = extract_quantities(passages[pid].text)
        return figures[pid]
    article_spans: dict[str, list[tuple[int, int]]] = {}
    published: dict[str, _When] = {}
    dated = [a.published for a in articles.values() if a.published]

    def facts(pid: str) -> _Facts:
        if pid not in cache:
            p = passages[pid]
            article = articles.get(p.article_id)
            if p.article_id not in published:
                published[p.article_id] = publication_bounds(article, dated)
            cache[pid] = _facts(p, article, published[p.article_id], article_spans,
                                figures_of(pid))
        return cache[pid]

    by_article: dict[str, list[str]] = {}
    for p in passages.values():
        by_article.setdefault(p.article_id, []).append(p.id)
    # article id -> each quotation's comparison keys, with the passage and span it is in
    quoted: dict[str, list[tuple[str, str, tuple[int, int]]]] = {}

    def attested(article_id: str, keys: str, speaker: str | None) -> bool:
        if article_id not in quoted:
            quoted[article_id] = [
                (f" {' '.join(w.key for w in words(passages[pid].text[s:e], s))} ", pid, (s, e))
                for pid in by_article.get(article_id, ())
                for s, e in _passage_quote_spans(passages[pid], articles.get(article_id),
                                                 article_spans)]
        for text, pid, span in quoted[article_id]:
            if f" {keys} " not in text:
                continue
            if speaker is None:
                return True
            f = facts(pid)  # only for a quotation that matches: who says it there?
            there = _speaker_of(f.passage.text, span, f.spans) or f.paragraph_speaker
            if there is None or _same_person(there[0], speaker):
                return True
        return False

    def quotes(a: _Facts, b: _Facts) -> list[_Found]:
        return _quotes(a, b, attested) + _short_quotes(a, b)

    def clause_facts(p: Passage, other: Passage) -> _Facts | None:
        """The facts of ``p``'s clause that shares most words with ``other`` (None: ``p`` has
        one clause, or two clauses match equally well)."""
        found = _best_clause(p, other)
        if found is None:
            return None
        key = (p.id, found.start, found.end)  # a lede meets many members of its second group
        if key not in clause_cache:
            article = articles.get(p.article_id)
            if p.article_id not in published:
                published[p.article_id] = publication_bounds(article, dated)
            clause_cache[key] = _facts(found, article, published[p.article_id],
                                        article_spans)
        return clause_cache[key]

    detectors = tuple(quotes if d is _quotes else d for d in _DETECTORS)
    told_apart = tuple(d for d in detectors if d not in (_numbers, _dates))
    magnitudes: dict[str, tuple[float, ...]] = {}

    def event_magnitudes(pid: str) -> tuple[float, ...]:
        """The magnitudes of the quake(s) ``pid`` tells of: its own, else (when it speaks of
        "the quake") the one its article named last before it, first in its passage ("The
        quake struck off the coast at 7:48 a.m." in an article led by "a magnitude 6.1
        earthquake today" is the 6.1 quake)."""
        if pid not in magnitudes:
            article_id = passages[pid].article_id
            last: tuple[float, ...] = ()
            for other in sorted((passages[x] for x in by_article.get(article_id, ())),
                                key=lambda p: p.index):
                if _MAGNITUDE_WORDS.search(other.text):
                    # only a magnitude written with its tenths ("7.6") identifies a
                    # quake: "a magnitude 6 quake can cause severe damage" is any quake,
                    # and text split as "5. 9" reads as magnitude 9
                    own = tuple(q.value for q in figures_of(other.id)
                                if q.unit == "magnitude" and not q.value.is_integer())
                    if own:
                        magnitudes[other.id] = own
                        # the quake a passage is about comes first: "The 6.1-magnitude
                        # quake was the latest ... since 7.6 and 7.5 magnitude quakes"
                        last = own[:1]
                        continue
                # only "the quake" goes back to the article's quake: "the Asian tsunami
                # that killed 168,000" or "the tremors" of 2002 are no part of it
                magnitudes[other.id] = last if _THE_QUAKE.search(other.text) else ()
        return magnitudes.get(pid, ())
    pairs: list[_Pair] = []
    seen: set[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = set()

    def add(found: list[_Found], fa: _Facts, fb: _Facts, group_id: str | None) -> None:
        pa, pb = fa.passage, fb.passage
        for f in found:
            key = (f.kind.value, pa.id, pb.id, f.words_a, f.words_b)
            if key not in seen:
                seen.add(key)
                pairs.append(_Pair(f, pa.id, pb.id, group_id,
                                   _spans(pa, f.spans_a), _spans(pb, f.spans_b)))

    shown_in = {pid: g.id for pid, g in primary_groups(groups).items()}
    for group in groups:
        members = sorted((passages[pid] for pid in group.passage_ids if pid in passages),
                         key=lambda p: (p.article_id, p.index))
        for i, pa in enumerate(members):
            for pb in members[i + 1 :]:
                if pa.article_id == pb.article_id:
                    continue
                # a lede in its second group also carries its first fact's numbers and
                # dates: compare only its clause that reports this group's fact
                fa = facts(pa.id) if shown_in.get(pa.id) == group.id else clause_facts(pa, pb)
                fb = facts(pb.id) if shown_in.get(pb.id) == group.id else clause_facts(pb, pa)
                if group.origin is GroupOrigin.MANUAL:
                    # the reviewer put them together: they tell this fact, whatever else
                    fa, fb = fa or facts(pa.id), fb or facts(pb.id)
                whole = fa is not None and fb is not None
                # two quakes in one group (an aftershock beside the main shock): their
                # figures and days are two events' (QA pass 2, item 1: 135 vs 75 km)
                apart = _two_events(event_magnitudes(pa.id), event_magnitudes(pb.id))
                for detector in (told_apart if apart else detectors) if whole else (quotes,):
                    xa, xb = fa or facts(pa.id), fb or facts(pb.id)
                    add(detector(xa, xb), xa, xb, group.id)
    together = {(a, b) for g in groups for a in g.passage_ids for b in g.passage_ids}
    for x, y, _score in related:
        if x not in passages or y not in passages or (x, y) in together:
            continue
        pa, pb = sorted((passages[x], passages[y]), key=lambda p: (p.article_id, p.index))
        if pa.article_id == pb.article_id:
            continue
        add(quotes(facts(pa.id), facts(pb.id)), facts(pa.id), facts(pb.id), None)
    return merge_pairs(pairs, passages)


# --- one row per disagreement ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pair:
    """A disagreement found between two passages, before pairs telling the same one merge."""

    found: _Found
    a: str
    b: str
    group_id: str | None
    spans_a: tuple[ConflictSpan, ...]
    spans_b: tuple[ConflictSpan, ...]


def _spans(p: Passage, spans: Sequence[tuple[int, int]]) -> tuple[ConflictSpan, ...]:
    """Spans relative to ``p``'s text as spans of the article (``p.start`` is an article
    offset, also for a lede's clause)."""
    return tuple(ConflictSpan(p.id, p.start + s, p.start + e, p.text[s:e])
                 for s, e in spans if 0 <= s < e <= len(p.text))


def _overlap(x: Sequence[ConflictSpan], y: Sequence[ConflictSpan]) -> bool:
    return any(a.start < b.end and b.start < a.end for a in x for b in y)


def _word_key(words_: Sequence[str]) -> frozenset[str]:
    return frozenset(_figure_key(w) for w in words_)


@functools.lru_cache(maxsize=4096)
def _figure_key(written: str) -> str:
    """The key of a conflict's differing words: a figure by its value, however written
    ("$184M" and "184 million" are one reading, one side of a row), other words spelled."""
    found = extract_quantities(written) if any(c.isdigit() for c in written) else []
    if len(found) == 1 and found[0].start == 0:
        return f"#{found[0].value:g}"
    return name_key(written)


def merge_pairs(pairs: Sequence[_Pair], passages: Mapping[str, Passage]) -> list[Conflict]:
    """One conflict per disagreement, with every outlet on each side.

    Five outlets quoting "it does take two" against one printing "it takes two" are four
    pairs but one disagreement. Two pairs are the same disagreement when they are of one kind
    and share a passage whose differing words overlap (the same words set against two other
    outlets), or when, inside one group, they set the same words against the same words. The
    passages of a merged disagreement are split into sides by who is set against whom (two
    colours of the pairs' graph); when three or more versions clash pairwise (27 vs 28 vs 30),
    passages with the same differing words form a side.
    """
    parent = list(range(len(pairs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_passage: dict[tuple[str, str], list[tuple[int, tuple[ConflictSpan, ...], str]]] = {}
    by_words: dict[tuple[str, str, frozenset[frozenset[str]]], int] = {}
    for i, pr in enumerate(pairs):
        kind = pr.found.kind.value
        for pid, spans, words_ in ((pr.a, pr.spans_a, pr.found.words_a),
                                   (pr.b, pr.spans_b, pr.found.words_b)):
            key = " ".join(sorted(_word_key(words_)))
            for j, other_spans, other_key in by_passage.get((kind, pid), ()):
                if _overlap(spans, other_spans) or (not spans and not other_spans
                                                     and key == other_key):
                    join(i, j)
            by_passage.setdefault((kind, pid), []).append((i, spans, key))
        if pr.group_id is not None:
            wkey = (kind, pr.group_id, frozenset({_word_key(pr.found.words_a),
                                                  _word_key(pr.found.words_b)}))
            if wkey in by_words:
                join(i, by_words[wkey])
            else:
                by_words[wkey] = i

    clusters: dict[int, list[int]] = {}
    for i in range(len(pairs)):
        clusters.setdefault(root(i), []).append(i)
    out: list[Conflict] = []
    for members in clusters.values():  # in order of their first pair
        out.append(_merged(f"c{len(out) + 1}", [pairs[i] for i in members], passages))
    return out


def _merged(cid: str, group: list[_Pair], passages: Mapping[str, Passage]) -> Conflict:
    """One conflict from the pairs of one disagreement (see :func:`merge_pairs`)."""
    first = group[0]
    words_of: dict[str, tuple[str, ...]] = {}
    spans_of: dict[str, list[ConflictSpan]] = {}
    against: dict[str, set[str]] = {}
    for pr in group:
        for pid, other, words_, spans in ((pr.a, pr.b, pr.found.words_a, pr.spans_a),
                                          (pr.b, pr.a, pr.found.words_b, pr.spans_b)):
            words_of[pid] = tuple(dict.fromkeys(words_of.get(pid, ()) + words_))
            spans_of.setdefault(pid, [])
            spans_of[pid] += [s for s in spans if s not in spans_of[pid]]
            against.setdefault(pid, set()).add(other)
    colour: dict[str, int] = {first.a: 0}
    queue = [first.a]
    bipartite = True
    while queue:
        pid = queue.pop()
        for other in sorted(against[pid]):
            if other not in colour:
                colour[other] = 1 - colour[pid]
                queue.append(other)
            elif colour[other] == colour[pid]:
                bipartite = False
    if bipartite and len(colour) == len(against):
        side_lists: list[list[str]] = [[p for p in against if colour[p] == 0],
                                       [p for p in against if colour[p] == 1]]
    else:
        by_key: dict[frozenset[str], list[str]] = {}
        for pid in [first.a, first.b, *against]:
            key = _word_key(words_of[pid])
            if pid not in [x for v in by_key.values() for x in v]:
                by_key.setdefault(key, []).append(pid)
        side_lists = list(by_key.values())

    def reading(pid: str) -> tuple[str, int]:
        p = passages.get(pid)
        return (p.article_id, p.index) if p else (pid, 0)

    sides = tuple(tuple(sorted(side, key=reading)) for side in side_lists if side)
    side_words = tuple(tuple(dict.fromkeys(w for pid in side for w in words_of[pid]))
                       for side in sides)
    spans = tuple(s for side in sides for pid in side for s in sorted(
        spans_of[pid], key=lambda s: s.start))
    severity = "major" if any(pr.found.severity == "major" for pr in group) else "minor"
    group_id = next((pr.group_id for pr in group if pr.group_id is not None), None)
    return Conflict(cid, first.found.kind, severity, tuple(p for side in sides for p in side),
                    side_words, first.found.detail, group_id, sides, spans)
