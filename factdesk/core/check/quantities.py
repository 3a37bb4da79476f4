"""Numbers with their units, read the way a reviewer reads them.

Two outlets rarely write a number the same way ("27-point set", "28 points", "five-hour-long
talks", "20%"), and an approximate figure ("nearly four-year", "about 30") is not a contradiction
of an exact one of the same size. So a number is kept together with its unit noun, an interval of
values it allows, and a version qualifier ("initial" vs "revised" plan): only numbers about the same
thing are ever compared, and only intervals that cannot overlap are called a conflict.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from factdesk.core.check.dates import is_stamp

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "dozen": 12}
_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
# Plural scale words are vague quantities: "thousands of soldiers" allows any count in the range.
_VAGUE = {"dozens": (24.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 999_999.0),
          "millions": (2e6, 999e6), "billions": (2e9, 999e9)}
_APPROX_BEFORE = {"about", "around", "nearly", "almost", "roughly", "approximately", "some",
                  "approaching", "circa", "~", "over", "under", "least", "than",
                  "to", "up", "within", "below"}
_BELOW = {"nearly", "almost", "approaching"}  # "nearly four" means at most four
_HEDGES_NOT_TO = frozenset(_APPROX_BEFORE - {"to"})
_HEDGES_COMPARED = frozenset(_APPROX_BEFORE | {"more", "less", "fewer", "at"})
#: a bound, not an estimate: "within 20 miles", "under 30" allow every value up to the figure
#: (17 miles is within 20), so they never contradict a smaller one (QA pass 2, item 1)
_UP_TO = {"within", "under", "below"}
_ABOVE = {"over", "least"}  # "over 30", "at least 30"
# Words that may sit between a number and the noun it counts ("28 U.S. draft peace proposals").
_SKIP_AFTER = {"u.s.", "us", "american", "russian", "ukrainian", "european", "more", "new",
               "additional", "other", "main", "key", "major", "senior", "top", "further",
               "separate", "different", "previous", "initial", "revised", "original", "updated",
               "draft", "peace", "extra", "full", "whole", "straight", "consecutive", "local"}
_NOT_UNITS = {"of", "to", "and", "or", "in", "on", "at", "by", "for", "the", "a", "an", "is",
              "was", "were", "are", "that", "who", "which", "as", "from", "with", "than", "i",
              "he", "she", "it", "we", "they", "you", "but", "if", "so", "day", "another",
              # verbs that follow a figure ("measuring 7.6 and 7.4, struck west"): the figure
              # counts nothing they name, and "7.6 struck" vs "7.4 struck" reads as nonsense
              "struck", "strikes", "hit", "hits", "shook", "shakes", "rattled", "rocked",
              "jolted", "occurred", "happened", "said", "says", "say", "told", "reported",
              "followed", "came", "comes", "left", "caused", "has", "have", "had", "will",
              "would", "could", "may", "might", "be", "been", "being", "did", "does", "do"}
_UNIT_SYNONYMS = {"percent": "%", "per": "%", "pct": "%", "persons": "people", "person": "people",
                  "hrs": "hour", "hr": "hour", "yrs": "year", "km": "kilometer",
                  "kilometres": "kilometer", "kilometre": "kilometer", "kilometers": "kilometer",
                  # "10 m", "10m", "10 metres" and "10 meters" are one height
                  "m": "meter", "metre": "meter", "metres": "meter", "meters": "meter",
                  # people counted by what befell them are people: "14,000 refugees" and
                  # "14,000 people fled" (the measure words tell them apart from the dead)
                  "refugees": "people", "refugee": "people", "evacuees": "people"}
_ORIGINAL = {"initial", "original", "first", "leaked", "earlier", "old", "previous", "former"}
_REVISED = {"revised", "updated", "new", "modified", "amended", "refined", "current", "latest",
            "reduced", "reduce", "cut", "counter", "shortened", "trimmed", "slimmed"}

_CURRENCY_SIGNS = frozenset("$£€¥₹")
#: the unit of a sum written with a sign and no scale word ("$1,099")
_CURRENCY_NOUNS = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "₹": "rupee"}
#: scale words that are already a sum's unit ("$2 billion", "£88m")
_MONEY_SCALES = frozenset({"million", "billion", "trillion", "thousand", "m", "bn", "b", "k",
                           "mn", "mln", "tn"})
#: a magnitude written as a letter (or two) after the figure: "$300K", "$10M", "€2.5bn",
#: "£88 mn", "300K people", "$1.2tn"; read as the spelled-out scale word, so "$300K" is
#: "$300,000" and never "$300", and "$10M" is "$10 million" (see ``_letter_scale``)
_LETTER_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mm": 1e6, "bn": 1e9,
                  "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
#: what a "5K" or "10k" is when it counts no money or people: a race's distance in kilometres
_RACES = frozenset({"run", "runs", "race", "races", "walk", "walks", "fun", "charity", "road",
                    "course", "runner", "runners", "event", "trail", "swim", "row"})
#: words after a glued lower-case "m" that make it metres, not millions: "a 10m wall",
#: "a 5m-high wave", "the 100m sprint"
_METRE_AFTER = frozenset({"high", "tall", "deep", "long", "wide", "away", "above", "below",
                          "under", "sprint", "dash", "hurdles", "freestyle", "backstroke",
                          "breaststroke", "butterfly", "medley", "relay", "final", "record",
                          "race", "from", "off", "of", "in", "into", "across", "down", "up",
                          "wave", "waves", "wall", "walls", "tsunami", "swell", "swells"})
#: nouns of events counted one by one: a figure in tenths before one is its size
_OCCURRENCE_NOUNS = frozenset({"quake", "earthquake", "aftershock", "tremor", "temblor",
                               "shock", "foreshock"})
#: currency nouns after a figure ("2 billion dollars"), lemmatised as units are
_MONEY_UNITS = frozenset({"dollar", "euro", "pound", "yen", "yuan", "rupee", "franc", "ruble",
                          "rouble"})
#: measures a sum of money never has: a figure in money near "city" or "killed" is no
#: population or toll
_NOT_MONEY = frozenset({"population", "dead", "injured", "displaced", "missing", "depth",
                        "height"})
#: words after a number that make it a time of day
_CLOCK_AFTER = frozenset({"am", "pm", "a.m", "p.m", "gmt", "utc", "edt", "est", "et", "cet",
                          "bst", "pdt", "pst", "cdt", "cst", "hrs"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec")
_TOKEN = re.compile(
    # "5. 9": a decimal point with a stray space after it (text tokenised and joined with
    # spaces, as ECB+'s "magnitude - 5. 9" and "$2. 6 million") is still one figure; read
    # as "5." and "9" it gave "1 magnitude vs 9 magnitude" and "5 million vs two million"
    r"\d+(?:,\d{3})*(?:\.(?: (?=\d))?\d+)?(?:-[A-Za-z]+)*|%|[A-Za-z][A-Za-z.'’]*(?:-[A-Za-z.']+)*"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, with its unit and the interval of values it allows."""

    text: str  # surface form, e.g. "27-point" or "five hours"
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str  # normalised unit noun ("point", "hour", "%", "age"); "" if unknown
    approx: bool
    qualifier: str = ""  # "original" | "revised" | "part" (of a total broken down) | ""
    #: what the figure measures, read from the words around it in its clause ("depth",
    #: "distance", "dead", "value", …; "" when nothing says): a depth and a distance in
    #: kilometres are two facts, not two versions of one
    measure: str = ""
    #: where the figure holds: "all" (many places, a total), "part" (one named place), ""
    #: when unsaid; only a total and a part are two facts, two names may be one place
    scope: str = ""
    #: the currency sign before the figure ("£", "$", "€"; "" when none): £88m and $136M may
    #: be one sum in two currencies, never a disagreement
    currency: str = ""
    #: whose figure it is. An age: the person named beside it ("Smith, 61,") or the noun it
    #: describes ("an 8-year-old daughter"). Another count: its holder ("Blackmore has 20
    #: wives": "blackmore"), else the names between it and its noun ("64 Intel Xeon
    #: processors": "intel xeon"). "" when nothing says. Two figures that say whose they
    #: are are compared only when they name the same one: "an 8-year-old daughter" and "a
    #: three-year-old girl" are two children (QA pass 2, item 1), Blackmore's wives are not
    #: Oler's; a figure that says nothing ("two women -- 68 and 48") may still meet "Gomes, 61"
    who: str = ""
    #: what a price is the price of, when its clause names it by a size or model written as
    #: a figure ("$1,099 for the base 13-inch version" -> "13-inch"); "" when unsaid. Two
    #: prices of two models are two facts: "$999" for the 11-inch and "$1,199" for the
    #: 13-inch never meet, "$1,099" and "$1,199" for the 13-inch do (QA pass 3, item 2)
    item: str = ""

    def comparable(self, other: Quantity) -> bool:
        """Whether both figures may measure the same attribute of the same thing: same unit,
        and neither the measure, the scope, the currency nor the priced item differ where
        both say it."""
        return (self.unit == other.unit
                and (not self.currency or not other.currency
                     or self.currency == other.currency)
                and (not self.item or not other.item or self.item == other.item)
                and (not self.measure or not other.measure or self.measure == other.measure)
                and {self.scope, other.scope} != {"all", "part"}
                and _same_who(self.who, other.who))

    def compatible(self, other: Quantity) -> bool:
        """True when both figures could describe the same true value."""
        return self.low <= other.high + 1e-9 and other.low <= self.high + 1e-9


class _Tok(NamedTuple):
    """A token with its offsets (a tuple: a passage has dozens and a frozen dataclass costs
    several times as much to make; 982 ECB+ articles made half a million)."""

    text: str
    start: int
    end: int


def _lemma(word: str) -> str:
    """Crude singular for unit nouns; enough to match "points" with "point"."""
    w = word.lower().strip(".'’")
    w = _UNIT_SYNONYMS.get(w, w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _word_value(word: str) -> float | None:
    w = word.lower()
    if w in _SMALL:
        return float(_SMALL[w])
    if "-" in w:  # "twenty-five"
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
            return float(_SMALL[parts[0]] + _SMALL[parts[1]])
    return None


_DIGITS = re.compile(r"\d[\d,]*(?:\. ?\d+)?")


def _number_head(tok: str) -> tuple[float, list[str]] | None:
    """Split "27-point" / "five-hour-long" / "twenty-five" into (value, unit parts)."""
    parts = tok.split("-")
    # most tokens are plain words: neither a digit nor a number word can start them
    if not tok[:1].isdigit() and parts[0].lower() not in _SMALL:
        return None
    if _DIGITS.fullmatch(parts[0]):
        try:
            return float(parts[0].replace(",", "").replace(" ", "")), parts[1:]
        except ValueError:
            return None
    if len(parts) >= 2 and _word_value("-".join(parts[:2])) is not None:
        return _word_value("-".join(parts[:2])) or 0.0, parts[2:]
    value = _word_value(parts[0])
    if value is not None:
        return value, parts[1:]
    return None


#: words before a bare figure that make it a part of the figure before ("including one")
_PART_BEFORE = {"including", "includes", "included", "among"}
#: the word before "than" says which way: "more than 200" is 200 or more, "fewer than 20" less
_MORE = {"more", "greater", "higher", "over", "above"}
_LESS = {"less", "fewer", "lower", "under", "below"}
#: nouns that name a counted total: "a death toll of 12", "the tally rose to 15"
_TOTALS = {"toll", "tally", "count", "total", "number", "figure", "turnout", "death", "deaths",
           "casualties", "injured", "dead", "population"}
#: measures that count people, whatever noun names the total ("toll", "tally", "number")
_PEOPLE_MEASURES = {"dead", "injured", "displaced", "missing"}
#: verbs that count people: a bare figure right after one is that many people ("injured 40,
#: officials said"; QA #15 item 5)
_PEOPLE_VERBS = {"killed", "injured", "wounded", "arrested", "evacuated", "killing", "injuring",
                 "wounding", "detained", "rescued", "hospitalized", "hospitalised"}
#: words that may follow such a bare figure without being its noun ("wounded 20 at the school")
_AFTER_BARE = {"at", "in", "on", "and", "or", "when", "while", "after", "before", "during",
               "near", "across", "since", "as"}
#: verbs after which "to" gives the new level ("rose to 15"), never an "up to" bound
_LEVEL_VERBS = {"rose", "risen", "climbed", "fell", "fallen", "jumped", "increased", "decreased",
                "dropped", "grew", "grown", "soared", "surged", "declined", "slipped", "rising",
                "climbing", "falling", "increasing", "dropping", "growing", "raised", "lowered",
                "cut", "revised"}
#: words that open the phrase naming what a total counts ("the toll from the quake")
_OF_WHAT = {"from", "in", "of", "after"}
_TOTAL_LINK = {"of", "at", "to", "reached", "hit", "was", "is", "stood", "rose", "climbed",
               "fell", "jumped"}


#: words before "to" that make it a hedge: "close to 200" is about 200. Otherwise "to" is a
#: preposition and the figure exact: "home to 167,000 people" is a population of 167,000,
#: "amounting to", "compared to", "equal to" (read as "0 or more" they met nothing at all)
_NEAR_TO = {"close", "near", "nearer", "closer"}
_NEGATED = {"no", "not"}


def _interval(value: float, approx_word: str | None,
              before: str = "", before2: str = "") -> tuple[float, float, bool]:
    """The values a figure allows; ``before`` is the word ahead of the hedge ("more" in "more
    than 200") and ``before2`` the one ahead of it ("no" in "no more than 200"), so
    approximations are compared as ranges, never as strings.

    A hedge word is one only where it hedges: "to" after "close" (about), "up to" (a bound,
    see the caller), a range "40 to 70" (the caller); "than" after a comparative; "up" alone
    is a change's direction ("up 12 percent"), exact. Anywhere else the figure is exact."""
    if approx_word is None:
        return value, value, False
    if approx_word == "than" and before in _MORE:
        # "no more than 20" is at most 20
        return (0.0, value, True) if before2 in _NEGATED else (value, math.inf, True)
    if approx_word == "than" and before in _LESS:
        return (value, math.inf, True) if before2 in _NEGATED else (0.0, value, True)
    if approx_word == "than" or approx_word == "up" or (approx_word == "to"
                                                         and before not in _NEAR_TO
                                                         and before != "up"):
        return value, value, False
    # "about 38,000" and "some 45,000" must still disagree: a hedge covers rounding (a few
    # per cent), not a different figure; small counts ("nearly four years") get one unit.
    slack = max(value * 0.075, 1.0 if value < 10 else 0.0)
    if approx_word in _UP_TO:
        return 0.0, value, True
    if approx_word in _BELOW:
        return value - slack, value, True
    if approx_word in _ABOVE:
        return value, math.inf, True
    if approx_word == "to" and before == "up":  # "up to 40": a bound
        return 0.0, value, True
    return value - slack, value + slack, True  # "about", "close to"


def _qualifier(words_before: Iterable[str]) -> str:
    for w in words_before:
        lw = w.lower()
        if lw in _ORIGINAL:
            return "original"
        if lw in _REVISED:
            return "revised"
    return ""


def _unit_after(toks: list[_Tok], i: int, text: str = "") -> tuple[str, str]:
    """The noun counted by the number at toks[i] (lemma, as written): the first non-modifier,
    never across a comma or a full stop ("magnitude 7.6, struck at 4:43")."""
    if text and i + 1 < len(toks) and re.search(r"[,;.!?]", _gap(text, toks[i], toks[i + 1])):
        return "", ""
    for k in range(i + 1, min(i + 5, len(toks))):
        tok = toks[k]
        w = tok.text.lower().strip(".'’")
        if tok.text == "%":
            return "%", "%"
        if w in _SKIP_AFTER or (tok.text[:1].isupper() and "." in tok.text):
            continue
        if w in _NOT_UNITS or not w.isalpha():
            return "", ""
        if _proper_modifier(toks, k, text):
            continue  # "64 Intel Xeon processors" counts processors (which: _kind)
        head = _compound_head(toks, k)
        if head is not None:
            return _lemma(head.text), head.text.strip(".'’")
        return _lemma(w), tok.text.strip(".'’")
    return "", ""


def _proper_modifier(toks: list[_Tok], k: int, text: str) -> bool:
    """Whether toks[k] is a name modifying the noun after it ("Intel" and "Xeon" in "64 Intel
    Xeon processors"): capitalised, no weekday or month, one space before a word that goes
    on to a lower-case noun. A capitalised noun of its own ("12 Palestinians") is the unit."""
    tok = toks[k]
    if not tok.text[:1].isupper() or tok.text.lower().strip(".") in _NOT_PLACES \
            or k + 1 >= len(toks) or (text and _gap(text, tok, toks[k + 1]) != " "):
        return False
    nxt = toks[k + 1].text
    if nxt[:1].isupper():
        return k + 2 < len(toks) and (not text or _gap(text, toks[k + 1], toks[k + 2]) == " ") \
            and toks[k + 2].text[:1].islower() and toks[k + 2].text.replace("-", "").isalpha() \
            and toks[k + 2].text.lower() not in _NOT_UNITS and nxt.lower() not in _NOT_PLACES
    return nxt.replace("-", "").isalpha() and nxt.lower() not in _NOT_UNITS \
        and nxt.lower() not in _SKIP_AFTER


def _kind(text: str, toks: list[_Tok], i: int) -> str:
    """The names between a figure and its noun, lower case ("intel xeon" in "64 Intel Xeon
    processors"): "64 Intel Xeon processors" and "384 Intel Atom processors" count two
    machines' chips, never one figure told two ways (ECB+ 43: "64 Intel vs 384 Intel")."""
    names = []
    for k in range(i + 1, min(i + 4, len(toks))):
        if not _proper_modifier(toks, k, text):
            break
        names.append(toks[k].text.lower())
    return " ".join(names)


#: verbs of having: the subject before one holds the count after it ("Blackmore has 20
#: wives", "Oler, accused of having two wives", "Jeffs is believed to have 78 wives")
_HAVE = frozenset({"has", "have", "had", "having", "owns", "own", "owned", "owning", "keeps",
                   "kept", "employs", "employed", "fathered"})
_NOT_HOLDERS = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
                          "that", "these", "those", "his", "her", "its", "their", "our", "but",
                          "and", "in", "on", "at", "as", "after", "police", "officials",
                          "prosecutors", "authorities"})


def _holder(text: str, toks: list[_Tok], i: int) -> str:
    """Whose count the figure at toks[i] is: the name a verb of having follows ("Blackmore has
    20 wives" -> "blackmore") or the name whose possessive it follows ("Jeffs' 78 wives");
    "" when it says no one's. Counts of two holders are two facts: "Blackmore has 20 wives
    and Oler has two" never sets Blackmore's 20 against another outlet's two for Oler (QA
    pass 2, item 1: "20 wives vs two wives")."""
    j = i - 1
    while j >= 0 and toks[j].text.lower() in _HEDGES_COMPARED:
        j -= 1
    if j < 0:
        return ""
    w = toks[j].text
    if w[:1].isupper() and w.endswith(("'s", "’s", "s'", "s’")) \
            and w.lower().rstrip("'’s") not in _NOT_HOLDERS:
        return _name_at(text, toks, j, max(0, j - 2)).rstrip("'’")
    if w.lower() not in _HAVE:
        return ""
    # the subject: the nearest name before the verb in its sentence, across an appositive
    # ("Blackmore, who has had 26 wives"; "Oler, accused of having two wives")
    for k in range(j - 1, max(-1, j - 8), -1):
        if re.search(r"[.!?;]\s", _gap(text, toks[k], toks[k + 1])):
            return ""
        t = toks[k].text
        if t[:1].isupper() and t.lower().strip(".") not in _NOT_HOLDERS \
                and t.lower().strip(".") not in _NOT_PLACES:
            return _name_at(text, toks, k, max(0, k - 3))
    return ""


#: words that are a unit of their own, whatever noun follows ("6.5 magnitude tremors")
_UNIT_WORDS = frozenset({"magnitude", "point", "percent", "degree", "meter", "metre",
                         "kilometer", "kilometre", "mile", "foot", "feet", "inch", "dollar",
                         "euro", "pound", "ton", "tonne", "hour", "minute", "day", "week",
                         "month", "year"})


def _compound_head(toks: list[_Tok], k: int) -> _Tok | None:
    """The plural noun that ends a compound begun at toks[k]: "42 government office
    buildings" counts buildings, not governments ("Hundreds of government and private
    buildings" then never meets them). Only singular words lead to a plural one, never a
    scale word ("4.2 million euros" stays "4.2 million")."""
    first = toks[k].text.lower().strip(".'’")
    if first.endswith("s") or first in _SCALE or first in _VAGUE or first in _UNIT_WORDS:
        return None
    prev = toks[k]
    for tok in toks[k + 1 : k + 3]:
        w = tok.text.lower().strip(".'’")
        if not w.isalpha() or w in _NOT_UNITS or w in _SKIP_AFTER or tok.text[:1].isupper() \
                or tok.start - prev.end != 1 or w.endswith(("ing", "ed")):
            return None  # one space apart, and no verb: "14,000 people taking shelters"
        prev = tok
        if w.endswith("s") and not w.endswith("ss") and not w.endswith(("ous", "is")):
            return tok
    return None


#: currency nouns by their sign: "two million euros" is €2 million, never $2.6 million
_CURRENCY_OF = {"euro": "€", "dollar": "$", "pound": "£", "sterling": "£", "yen": "¥",
                "rupee": "₹"}


def _currency_after(toks: list[_Tok], i: int) -> str:
    """The sign of the currency named after the figure at toks[i] ("2 million euros", "two
    million - euro", "two-million-euro"), "" when none is."""
    words = toks[i].text.lower().split("-")[1:]
    for t in toks[i + 1 : i + 3]:
        words += t.text.lower().strip(".").split("-")
    for w in words[:3]:
        if w in _SCALE:
            continue
        return _CURRENCY_OF.get(_lemma(w), "")
    return ""


def _spaced_age(text: str, toks: list[_Tok], i: int) -> bool:
    """ "27 - year - old": a hyphenated age written with spaces around its hyphens."""
    return i + 2 < len(toks) and toks[i + 1].text.lower() in {"year", "years"} \
        and toks[i + 2].text.lower() == "old" \
        and re.fullmatch(r"\s*-\s*", _gap(text, toks[i], toks[i + 1])) is not None \
        and re.fullmatch(r"\s*-\s*", _gap(text, toks[i + 1], toks[i + 2])) is not None


def _part_of_before(text: str, toks: list[_Tok], i: int) -> bool:
    """Whether "including", "among", "of which" or "of whom" comes right before the figure
    at toks[i] (hedges and a currency sign may sit between)."""
    j = i - 1
    while j >= 0 and toks[j].text.lower() in _APPROX_BEFORE:
        j -= 1
    if j < 0:
        return False
    w = toks[j].text.lower()
    return w in _PART_BEFORE or (w in {"which", "whom"} and j >= 1
                                 and toks[j - 1].text.lower() == "of")


_PAID_IN = {"cash", "stock", "shares", "equity"}
#: what a part is named a part of: "$281 million of the purchase price"
_WHOLES = {"price", "total", "sum", "amount", "deal", "consideration", "cost", "bill"}


def _in_cash(toks: list[_Tok], i: int) -> bool:
    """A sum followed by "in cash" (or stock) and not "in cash and stock", or by "of the
    (purchase) price": one part of a price ("AMD will pay $334 million, including $281
    million in cash"; "$281 million of the purchase price will be in cash")."""
    k = i + 1
    if k < len(toks) and (toks[k].text.lower().rstrip(".") in _SCALE
                          or toks[k].text.lower().rstrip(".") in _LETTER_SCALES
                          and toks[k].start == toks[i].end):  # "$281m in cash"
        k += 1
    after = [t.text.lower().rstrip(".,") for t in toks[k : k + 4]]
    if after[:1] == ["of"] and after[1:2] in (["the"], ["its"]) \
            and bool(_WHOLES & set(after[2:4])):
        return True
    if k + 1 >= len(toks) or toks[k].text.lower() != "in" \
            or toks[k + 1].text.lower().rstrip(".,") not in _PAID_IN:
        return False
    rest = [t.text.lower().rstrip(".,") for t in toks[k + 2 : k + 4]]
    return not (rest[:1] in (["and"], ["or"]) and rest[1:] and rest[1] in _PAID_IN)


#: where a web address starts: a scheme, "www.", or a domain ending before a path ("… .com /
#: 2012 / 02 / 29 / amd - buys", a line that opens with "com /" when the address was cut)
_ADDRESS = re.compile(r"https?\s*:\s*/|www\s*\.|\.\s*(?:com|org|net|gov|edu|uk)\s*/"
                      r"|^\s*(?:com|org|net|co\s*\.\s*uk)\s*/", re.IGNORECASE | re.MULTILINE)
#: an address ends at a line's end or where a sentence begins
_ADDRESS_END = re.compile(r"\n|[.!?]\s+[A-Z]")


def _addresses(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that are web addresses, read once per text: their numbers are
    dates and ids ("item / 10470 - jury - convicts"), never counts (ECB+ 42-45: five rows of
    address numbers). An address runs to its line's end or a sentence's start."""
    if "/" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _ADDRESS.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        end = _ADDRESS_END.search(text, m.end())
        out.append((m.start(), end.start() if end else len(text)))
    return out


def _is_date_number(toks: list[_Tok], i: int, text: str,
                    addresses: list[tuple[int, int]] | None = None) -> bool:
    """Days and years belong to dates (see when.py), clock times to times: not counted things."""
    tok = toks[i].text
    if re.fullmatch(r"(1[89]|20)\d\d", tok):
        return True
    prev = toks[i - 1].text.lower().rstrip(".") if i else ""
    nxt = toks[i + 1].text.lower().rstrip(".") if i + 1 < len(toks) else ""
    if prev[:3] in _MONTHS or nxt[:3] in _MONTHS:
        return tok[:1].isdigit()
    if nxt in _CLOCK_AFTER or re.search(r"\d\s?:\s?$",
                                        text[max(0, toks[i].start - 4) : toks[i].start]):
        # "7: 35 am", "6: 50pm", "(1300 GMT)": a time of day, never a count (byline times
        # would otherwise meet as "35 am vs 55 am")
        return True
    if addresses and any(a <= toks[i].start < b for a, b in addresses):
        return True
    gap_before = text[toks[i - 1].end if i else 0 : toks[i].start]
    gap_after = text[toks[i].end : toks[i + 1].start if i + 1 < len(toks) else len(text)]
    if ("-" in gap_after and nxt == "by") or ("-" in gap_before and prev == "by"):
        return True  # "a four-by-four car", "two - by - four": a kind of thing, no count
    if "/" in gap_before or "/" in gap_after:
        # a web address or path ("com / 2012 / 02 / 29 / amd - buys", "article / 251191 /"):
        # its numbers count nothing (ECB+ 42-45: five rows of URL numbers set against each
        # other)
        return True
    return ":" in (text[toks[i].end : toks[i].end + 1], text[toks[i].start - 1 : toks[i].start])


#: acronyms before a figure that are places or bodies, not a product line ("the UN 40")
_NOT_MODEL_PREFIX = frozenset({"US", "UK", "EU", "UN", "AM", "PM", "GMT", "UTC"})
#: currency codes and the short signs written glued to a sum ("USD 50 million", "R50 billion",
#: "Rs500 crore"): the figure is money, never part of a name
_CURRENCY_CODES = frozenset({
    "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "RMB", "INR", "AUD", "CAD", "NZD", "HKD", "SGD",
    "ZAR", "BRL", "MXN", "RUB", "TRY", "KRW", "SEK", "NOK", "DKK", "PLN", "ILS", "AED", "SAR",
    "NGN", "KES", "EGP", "PKR", "IDR", "THB", "PHP", "UAH", "R", "Rs", "Rp", "RM", "Ksh", "Sh",
    "Tk", "Dh", "Fr",
})


#: the sign of a currency written as its code before a sum ("USD 50m", "EUR 2.5bn")
_CODE_SIGNS = {"USD": "$", "US$": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
_CODE_BEFORE = re.compile(r"\b(USD|EUR|GBP|JPY|INR)\s?$")


def _code_before(text: str, tok: _Tok) -> str:
    """The sign of a currency code written right before the figure ("USD 50m"), or ""."""
    m = _CODE_BEFORE.search(text, max(0, tok.start - 5), tok.start)
    return _CODE_SIGNS[m.group(1)] if m else ""


def _in_name(text: str, toks: list[_Tok], i: int) -> bool:
    """Whether the figure at toks[i] is part of a name, not a quantity: glued to letters
    ("Core i7", "MH17"), hyphened to a capitalised word ("F-16", "COVID-19"), or right after
    an acronym ("HD 4000", "GT 650M"). "i7" against "i5" are two processors, never seven
    against five of something (QA pass 3, item 4)."""
    start = toks[i].start
    before = text[max(0, start - 1) : start]
    if before.isalpha():
        glued = re.search(r"[A-Za-z]+$", text[max(0, start - 4) : start])
        return glued is None or glued.group() not in _CURRENCY_CODES  # "R50 billion" is money
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        word = re.search(r"[A-Za-z]+$", text[max(0, start - 20) : start - 1])
        return word is not None and word.group()[:1].isupper()
    if i and before == " " and toks[i - 1].end == start - 1:
        prev = toks[i - 1].text
        if len(prev) < 2 or not prev.isalpha() or not prev.isupper() \
                or prev in _NOT_MODEL_PREFIX or prev in _CURRENCY_CODES:
            return False
        # a headline in capitals ("QUAKE KILLED 12 PEOPLE") has no acronym before a figure
        letters = [c for c in text[max(0, start - 30) : start + 30] if c.isalpha()]
        return sum(c.isupper() for c in letters) <= 0.7 * len(letters)
    return False


#: a size or model written as a figure ("13-inch", "15-inch", "64-bit"): what a price in its
#: clause may be the price of
_ITEM = re.compile(r"\d+(?:\.\d+)?-[A-Za-z]+")
#: words between a price and the item it is "for": "$1,099 for the base 13-inch version"
_FOR_ITEM = frozenset({"for", "the", "a", "an", "base", "entry-level", "basic", "cheapest",
                      "upgraded", "new", "top"})


def _priced_item(text: str, toks: list[_Tok], i: int) -> str:
    """The item a price at toks[i] is of, written as a figure ("13-inch"): the one it is "for"
    ("$1,099 for the base 13-inch version"), else the nearest one before it in its clause
    ("the 15-inch will sell for $1499"), else the nearest after it; "" when none."""
    lo, hi = _clause(text, toks, i)
    if i + 1 < hi and toks[i + 1].text.lower() == "for":
        for k in range(i + 2, min(hi, i + 6)):
            if _item_key(toks[k].text):
                return _item_key(toks[k].text)
            if toks[k].text.lower() not in _FOR_ITEM:
                break
    for k in [*range(i - 1, lo - 1, -1), *range(i + 1, hi)]:
        if _item_key(toks[k].text):
            return _item_key(toks[k].text)
    return ""


#: what an item's unit may not be: a duration or an age says how long, never which product
#: ("$999 with a 1-year warranty", "$50 for the 3-day festival" are two prices of one thing
#: that may differ, not prices of two things)
_NOT_ITEM_UNITS = frozenset({
    "year", "years", "yr", "month", "months", "week", "weeks", "day", "days", "night",
    "nights", "hour", "hours", "hr", "minute", "minutes", "min", "second", "seconds", "old",
    "time", "times", "percent", "point", "game", "match", "season", "round", "way", "man",
    "person", "people", "member", "seat", "story", "storey", "page"})
#: spellings of one size unit: "13-inch", "13-in." and "13in" are one size
_ITEM_UNITS = {"in": "inch", "inches": "inch", "inch": "inch", "cm": "cm", "mm": "mm",
               "gb": "gb", "tb": "tb"}


def _item_key(word: str) -> str:
    """The key of a size or model written as a figure ("13-inch", "13.3-inch", "13-in" all
    "13-inch"; "64-bit" as it is), or "" when ``word`` is none or a duration."""
    if not _ITEM.fullmatch(word):
        return ""
    number, _, unit = word.lower().partition("-")
    if unit in _NOT_ITEM_UNITS:
        return ""
    unit = _ITEM_UNITS.get(unit, unit)
    # a display is sold by its whole inches: the "13.3-inch" screen is the "13-inch" model
    value = round(float(number)) if unit == "inch" else float(number)
    return f"{value:g}-{unit}"


#: nouns an age describes that name no one in particular: never enough to say two ages are of
#: one person ("a 61-year-old woman" and "a 68-year-old woman" may be two women)
_AGE_NOUNS = frozenset({"old", "year", "years"})


def _same_who(a: str, b: str) -> bool:
    """Whether two ages' people may be one: either unsaid, the same words, or a surname alone
    against a full name ending in it ("Gomes" and "Gary Gomes"; never "Gary Gomes" and
    "Kathryn Gomes", mother and son)."""
    if not a or not b or a == b:
        return True
    short, full = sorted((a, b), key=len)
    return " " not in short and full.endswith(" " + short)


def _name_at(text: str, toks: list[_Tok], last: int, first: int) -> str:
    """The capitalised words toks[first..last] that end at ``last``, as one lower-case name."""
    k = last
    while k - 1 >= first and toks[k - 1].text[:1].isupper() \
            and not _gap(text, toks[k - 1], toks[k]).strip():
        k -= 1
    return " ".join(re.sub(r"[’']s$", "", t.text).lower() for t in toks[k : last + 1])


def _age_of(text: str, toks: list[_Tok], i: int) -> str:
    """Whose age the figure at toks[i] gives: a name right before it ("Jane Mendes, 61,",
    "Jane Mendes (61)"), else a name just after "old" ("68-year-old Robyn Mendes"), else the
    noun it describes ("an 8-year-old daughter" -> "daughter"); "" when none is said."""
    j = i - 1
    if j >= 0 and toks[j].text[:1].isupper() and re.fullmatch(r"\s*[,(]\s*",
                                                             _gap(text, toks[j], toks[i])):
        return _name_at(text, toks, j, max(0, j - 3))
    k = i + 1
    while k < len(toks) and toks[k].text.lower().strip(".") in {"year", "years", "old", "-"}:
        k += 1
    if k < len(toks) and not _gap(text, toks[k - 1], toks[k]).strip():
        w = toks[k].text
        if w[:1].isupper():
            # "68-year-old Robyn Mendes": the surname names the person
            m = k
            while m + 1 < len(toks) and m - k < 3 and toks[m + 1].text[:1].isupper() \
                    and not _gap(text, toks[m], toks[m + 1]).strip():
                m += 1
            return _name_at(text, toks, m, k)
        lw = w.lower().strip(".'’")
        if lw.isalpha() and lw not in _NOT_UNITS and lw not in _AGE_NOUNS:
            return _lemma(lw)
    return ""


def _gap(text: str, a: _Tok, b: _Tok) -> str:
    return text[a.end : b.start]


_DASH = re.compile(r"\s?[-–]\s?[$£€]?")


def _range_end(text: str, toks: list[_Tok], i: int, value: float) -> int | None:
    """The index of the figure that closes a range the bare figure at toks[i] opens, when
    the second is larger: "$140-150 million", "7–10 people", "$5-$6 billion", "between $140
    and $150 million", "$140 to $150 million"; None otherwise — never a score ("won 2-1")
    or a date ("2012-13"), whose second figure is not larger."""
    j = i + 1
    if j < len(toks) and toks[j].text.lower() in {"to", "and"} \
            and (toks[j].text.lower() == "to" or toks[i - 1].text.lower() == "between"):
        j += 1
        if j >= len(toks) or not re.fullmatch(r"\s[$£€]?", _gap(text, toks[j - 1], toks[j])):
            return None
    elif j >= len(toks) or not _DASH.fullmatch(_gap(text, toks[i], toks[j])):
        return None
    second = _number_head(toks[j].text)
    if second is None or second[0] <= value or not toks[j].text[:1].isdigit():
        return None
    return j


def _scaled(text: str, toks: list[_Tok], j: int) -> bool:
    """Whether the figure at toks[j] has a scale word or letter after it ("150 million")."""
    return j + 1 < len(toks) and (toks[j + 1].text.lower().rstrip(".") in _SCALE
                                  or _letter_scale(text, toks, j) is not None)


def _letter_scale(text: str, toks: list[_Tok], i: int) -> float | str | None:
    """What a letter written after the figure at toks[i] makes of it: a multiplier ("$300K"
    1,000; "$10M", "€2.5bn", "300K people"), "kilometer" (a "5K run") or "meter" ("a 10m
    wall"), "name" when the figure is part of a name ("9400M"), None when no letter follows.

    Money is sure: after a currency sign (or before a currency noun) every such letter is a
    scale, also with a space ("£88 mn"). Without money, only a glued letter counts, and the
    ambiguous ones are read by what follows: "K" is a thousand before a noun it counts ("300K
    people") and a race's kilometres otherwise ("a 5K run", "won the 10K."); a capital "M" is
    a million before a plural noun ("10M users") and else a model's name ("GeForce 9400M"),
    a small "m" metres ("a 10m wall") unless a plural noun follows
    ("3m people"); "b" only as a capital before a noun ("1.2B users"); "bn", "mn", "tn" are
    always scales. "10 m" (spaced) is ten metres, as it always was."""
    if i + 1 >= len(toks) or "-" in toks[i].text:
        return None
    nxt = toks[i + 1]
    word = nxt.text.rstrip(".")
    low = word.lower()
    if low not in _LETTER_SCALES:
        return None
    gap = text[toks[i].end : nxt.start]
    after = toks[i + 2].text.lower().strip(".,") if i + 2 < len(toks) \
        and not re.search(r"[,;:!?]|\.\s", text[nxt.end : toks[i + 2].start]) else ""
    money = text[toks[i].start - 1 : toks[i].start] in _CURRENCY_SIGNS \
        or _lemma(after) in _MONEY_UNITS or _CURRENCY_OF.get(_lemma(after), "") != "" \
        or bool(re.search(r"\b(?:" + "|".join(_CURRENCY_CODES) + r")\s?$",
                          text[max(0, toks[i].start - 5) : toks[i].start]))
    if gap not in ("", " ") or (gap and not money):
        return None
    if money:
        return _LETTER_SCALES[low]
    noun = after.isalpha() and after not in _NOT_UNITS
    if low == "k":
        return "kilometer" if not noun or after in _RACES else 1e3
    if low == "m":
        if word == "M":
            # "10M users" is ten million; "GeForce 9400M", "GT 650M" name a chip
            return 1e6 if noun and after not in _METRE_AFTER and after.endswith("s") \
                else "name"
        plural = noun and after.endswith("s") and not after.endswith("ss") \
            and after not in _METRE_AFTER
        return 1e6 if plural or after == "people" else "meter"
    if low == "b":
        return 1e9 if word == "B" and noun else None
    if low in {"mm", "mil"}:
        return None  # "5mm" is millimetres; "$160MM" (money) is read above
    return _LETTER_SCALES[low]


def extract_quantities(text: str) -> list[Quantity]:
    """Every counted number in ``text`` with its unit; unitless and date numbers are dropped."""
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    addresses = _addresses(text)
    found: list[Quantity] = []
    pending: list[tuple[int, float, str | None, str]] = []  # numbers waiting for a unit
    #: the low end of "140-150 million": (the closing figure's index, value, its own index)
    dash_from: tuple[int, float, int] | None = None
    for i, tok in enumerate(toks):
        low_text = tok.text.lower()
        if low_text in _VAGUE:
            lo, hi = _VAGUE[low_text]
            unit, _ = _unit_after(toks, i + 1 if i + 1 < len(toks) and
                                  toks[i + 1].text == "of" else i)
            # "hundreds of people were sheltering" measures the sheltered, never the dead
            found.append(Quantity(tok.text, tok.start, tok.end, lo, lo, hi, unit, True,
                                  measure=_measure(text, toks, i),
                                  scope=_scope(text, toks, i)))
            continue
        if low_text in _ORDINAL and i + 1 < len(toks):
            unit, _ = _unit_after(toks, i)
            if unit in {"year", "month", "week", "day"}:  # "its fourth year": 3..4 years
                v = float(_ORDINAL[low_text])
                found.append(Quantity(f"{tok.text} {toks[i + 1].text}", tok.start,
                                      toks[i + 1].end, v, v - 1, v, unit, True))
            continue
        head = _number_head(tok.text)
        if head is None or _is_date_number(toks, i, text, addresses) or head[1][:1] == ["by"] \
                or (_in_name(text, toks, i) and not _magnitude_before(toks, i)):
            continue  # "four-by-four": see _is_date_number; "Core i7": see _in_name
        closes = None if head[1] else _range_end(text, toks, i, head[0])
        if closes is not None and (i + 1 == closes or _scaled(text, toks, closes)):
            # "$140-150 million", "between $140 and $150 million": the first figure is the
            # range's low end, in the scale and currency of the second (read alone it was
            # $140, which met "$140 million")
            dash_from = (closes, head[0], i)
            continue
        before = [t.text for t in toks[max(0, i - 4) : i]]
        # only the word right before counts: "about 30" is approximate, "about his 28" is not
        approx_word = before[-1].lower() if before and before[-1].lower() in _APPROX_BEFORE \
            else None
        value, unit_parts = head
        # "billion-per-year": the scale word leads a compound ("$54 billion-per-year arm")
        scale_word = toks[i + 1].text.lower().rstrip(".").split("-")[0] \
            if i + 1 < len(toks) else ""
        letter = None if unit_parts else _letter_scale(text, toks, i)
        if letter == "name":
            continue
        if isinstance(letter, float):
            value *= letter  # "$300K", "€2.5bn", "300K people"
        elif scale_word in _SCALE and not unit_parts:
            # "for about $5.4 billion." ends a sentence: the scale word carries the full stop
            # (read as 5.4 it met every "$5.4 billion" as a disagreement)
            value *= _SCALE[scale_word]
        elif unit_parts and unit_parts[0].lower() in _SCALE:
            value *= _SCALE[unit_parts[0].lower()]  # "$140-million bid" is 140 million
        unit_parts = [p for p in unit_parts if p.lower() not in {"long", "strong", "odd"}]
        shown = tok.text
        if unit_parts:
            unit = "age" if unit_parts[-1].lower() == "old" else _lemma(unit_parts[0])
        elif _spaced_age(text, toks, i):
            # "27 - year - old" (text tokenised, then joined with spaces): an age, as
            # "27-year-old" is; read as 27 years it met the victim's "20 - year - old"
            unit, shown = "age", text[tok.start : toks[i + 2].end]
        elif isinstance(letter, str):
            # "5K run", "10m wall"
            unit, shown = letter, text[tok.start : toks[i + 1].end].rstrip(".")
        elif letter is not None:
            # the noun after the letter ("300K people"); money takes its currency below
            unit, unit_word = _unit_after(toks, i + 1, text)
            shown = text[tok.start : toks[i + 1].end].rstrip(".") + (
                f" {unit_word}" if unit_word else "")
            unit = unit or "count"
        else:
            unit, unit_word = _unit_after(toks, i, text)
            if unit_word.lower() == "per" and i + 2 < len(toks) \
                    and toks[i + 2].text.lower() == "cent":
                unit_word = "per cent"
            shown = f"{tok.text} {unit_word}" if unit_word else tok.text
        if text[tok.end : tok.end + 1] == "%":
            unit, shown = "%", tok.text + "%"
        sign = text[tok.start - 1 : tok.start] if tok.start else ""
        if sign in _CURRENCY_SIGNS and letter is not None:
            unit, shown = _CURRENCY_NOUNS[sign], text[tok.start - 1 : toks[i + 1].end].rstrip(".")
        elif sign in _CURRENCY_SIGNS and unit not in _MONEY_SCALES \
                and unit not in _MONEY_UNITS:
            # "$1,099 for the base 13-inch", "$1,799 versions": a sum of money, whatever
            # follows it; without this the figure had no unit (never compared) or took the
            # next noun's ("1,799 versions"; QA pass 3, item 2)
            unit, shown = _CURRENCY_NOUNS[sign], sign + tok.text
        elif unit in _OCCURRENCE_NOUNS and "." in tok.text:
            # "a 2.9 aftershock", "a 4.4 quake": nobody counts quakes in tenths, so the
            # figure is a size, never a count to set against "two aftershocks" (QA pass 3)
            unit = "magnitude"
        if unit != "magnitude" and _magnitude_before(toks, i):
            # "magnitude 7.6", "magnitude-5.2 quake", "measuring 7.6 and 7.4": the size of a
            # quake, whatever noun follows ("7.6 quake" and "7.6 struck" are not units)
            unit, shown = "magnitude", f"magnitude {tok.text}"
        qual = _qualifier(reversed(before))
        if not unit:
            unit = _total_before(toks, i, text)
            shown = tok.text
        part_of = None
        if not unit and found and i >= 1 and toks[i - 1].text.lower() in _PART_BEFORE \
                and not re.search(r"[.!?]\s", text[found[-1].end : tok.start]):
            # "at least five rockets ..., including one that hit Gadera": a part of the
            # figure before, in its unit and measure; the passage then states both values
            part_of = len(found) - 1
            unit, shown = found[-1].unit, f"{tok.text} {_lemma(found[-1].unit)}"
        elif not unit and found and [t.text.lower() for t in toks[i + 1 : i + 3]] in (
                ["of", "them"], ["of", "whom"], ["of", "those"]):
            # "killed 230,000 people, over 170,000 of them in Aceh": a part of the figure
            # before, counted in its unit; that figure is then the wider total, whose scope
            # is never the part's
            part_of = len(found) - 1
            unit, shown = found[-1].unit, f"{tok.text} of them"
            if not found[-1].scope:
                found[-1] = replace(found[-1], scope="all")
        if unit and found and found[-1].unit == unit and found[-1].value > value \
                and _part_of_before(text, toks, i) \
                and not re.search(r"[.!?]\s", text[found[-1].end : tok.start]):
            # "$334 million, including $281 million in cash", "of which $281 million":
            # a part of the figure before, compared only with parts
            qual = "part"
        elif unit and _in_cash(toks, i):
            qual = "part"  # "$281 million in cash" is the cash part of a price
        if unit and approx_word in {"to", "than"} and unit in _TOTALS:
            approx_word = None  # "the toll rose to 12": "to" links the total, no hedge
        elif approx_word == "to" and len(before) >= 2 and before[-2].lower() in _LEVEL_VERBS:
            approx_word = None  # "sales rose to $15 million": the new level, no hedge
        if not unit:
            nxt_gap = _gap(text, tok, toks[i + 1]) if i + 1 < len(toks) else ""
            coordinated = (i + 2 < len(toks) and toks[i + 1].text.lower() in {"and", "or"}
                           and _number_head(toks[i + 2].text) is not None)
            # "these 28, I think 27, points", "7.6 and 7.5 magnitude": borrow the later unit
            if "," in nxt_gap or coordinated:
                pending.append((i, value, approx_word, qual))
            continue
        lo, hi, approx = _interval(value, approx_word,
                                   before[-2].lower() if len(before) >= 2 else "",
                                   before[-3].lower() if len(before) >= 3 else "")
        if [w.lower() for w in before[-2:]] == ["up", "to"]:
            lo, hi, approx = 0.0, value, True
        elif approx_word == "to" and i >= 2 and _number_head(toks[i - 2].text):
            lo, hi, approx = (_number_head(toks[i - 2].text) or (0.0, []))[0], value, True
        elif approx_word == "to" and found and found[-1].unit == unit \
                and toks[i - 1].start - found[-1].end <= 12:
            # "40 percent to 70 percent": one range, not an exact 40 and an open-ended 70
            first = found.pop()
            lo, hi, approx = first.value, value, True
        start = tok.start
        if dash_from is not None and dash_from[0] == i and head[0] > 0:
            first = toks[dash_from[2]]
            lo, hi, approx = dash_from[1] * value / head[0], value, True
            start = first.start - (text[first.start - 1 : first.start] in _CURRENCY_SIGNS)
            shown = text[start : tok.start] + (shown[1:] if shown[:1] in _CURRENCY_SIGNS
                                               else shown)
        range_from = next((pv for j, pv, _, _ in pending
                           if j >= 1 and toks[j - 1].text.lower() == "between"), None)
        if range_from is not None:
            # "between 50 and 70 percent": one range
            lo, hi, approx, pending = range_from, value, True, []
        # a magnitude is its own measure: the words around it tell what the quake did
        measure = "" if unit == "magnitude" else _measure(text, toks, i)
        if part_of is not None:
            # a part measures what its whole measures ("five rockets ..., including one
            # that hit the town": the town is no population of rockets)
            measure = found[part_of].measure if toks[i - 1].text.lower() in _PART_BEFORE \
                else measure or found[part_of].measure
        if unit in _TOTALS and not measure:
            measure = _MEASURE_OF.get(unit, "")  # the total's own noun: "toll", "injured"
        if unit in _TOTALS and (measure in _PEOPLE_MEASURES or unit == "population"):
            # "a death toll of 15" counts what "killed 12 people" counts; "population
            # 167,000" what "a city of 160,000 people" counts
            unit = "people"
        scope = _scope(text, toks, i)
        sign = text[start] if start < tok.start else ""  # a range's sign: "$140-150m"
        sign = sign if sign in _CURRENCY_SIGNS \
            else text[tok.start - 1 : tok.start] if tok.start else ""
        if sign not in _CURRENCY_SIGNS:
            sign = _currency_after(toks, i + (letter is not None)) or _code_before(text, tok)
        if (sign in _CURRENCY_SIGNS or unit in _MONEY_UNITS) and measure in _NOT_MONEY:
            measure = ""  # "$2 billion" beside "the city" is no population, nor a toll
        if sign in _CURRENCY_SIGNS and (unit in _SCALE or unit in _MONEY_SCALES
                                        or unit in _MONEY_UNITS or unit == "count"):
            # a sum is counted in its currency whatever scale it was written with: "$10M",
            # "$10 million", "10 million dollars" and "$10,000,000" are one figure (the
            # scale is in the value), and "$300K" never meets "$300"
            unit = _CURRENCY_NOUNS.get(sign, unit)
        found.append(Quantity(shown, start, tok.end, value, lo, hi, unit, approx, qual,
                              measure, scope, sign if sign in _CURRENCY_SIGNS else "",
                              _age_of(text, toks, i) if unit == "age"
                              else _holder(text, toks, i)
                              or _kind(text, toks, i + (letter is not None)),
                              _priced_item(text, toks, i) if sign in _CURRENCY_SIGNS
                              else ""))
        for j, pv, pa, pq in pending:
            if i - j <= 6:
                plo, phi, papprox = _interval(
                    pv, pa, toks[j - 2].text.lower() if j >= 2 else "",
                    toks[j - 3].text.lower() if j >= 3 else "")
                label = shown[len(tok.text):].strip(" -") or unit_label(unit)
                # "Klitschko, 36, stopped the 40-year-old Thompson": an age borrowed from
                # the next figure is still its own person's
                found.append(Quantity(f"{toks[j].text} {label}", toks[j].start,
                                      toks[j].end, pv, plo, phi, unit, papprox, pq,
                                      measure,
                                      scope or _scope(text, toks, j),
                                      who=_age_of(text, toks, j) if unit == "age" else ""))
        pending = []
    # a size that names what a price is of ("the 15-inch will sell for $1499") is the
    # product's name there, not a claim about its size: "the 13-inch ... costs $1199" never
    # contradicts "a 15-inch display" (QA pass 3, item 4)
    items = {q.item for q in found if q.item}
    if items:
        found = [q for q in found if _item_key(q.text) not in items]
    found = _mark_breakdowns(text, toks, sorted(found, key=lambda q: q.start))
    times = clock_times(text, addresses)
    return sorted([*found, *times], key=lambda q: q.start) if times else found


#: a time of day: "2:09 a.m.", "7 p.m.", "7: 35 am", "6.50pm", "14:30 GMT", "(1300 GMT)",
#: "08.33 BST", "0800 hrs", "7:48 a.m. PDT"; a bare "2:09" (a race time, a score) is none
_ZONES = ("GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|WIB|WITA|WIT|JST|KST|HKT|SGT|AEST|AEDT|"
          "ACST|AWST|NZST|NZDT|EDT|EST|CDT|CST|MDT|MST|PDT|PST|AKST|AKDT|HST|ET|PT|CT|Z")
_CLOCK = re.compile(
    r"(?<![\w:.,/$£€])(?:"
    r"(?P<h12>1[0-2]|0?[1-9])(?:\s?[:.]\s?(?P<m12>[0-5]\d))?\s?(?P<ap>[aApP])\.?\s?[mM]\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3])\s?[:.]\s?(?P<m24>[0-5]\d)(?=\s?(?:hrs\b|h\b|(?:" + _ZONES
    + r")\b))"
    r"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)\s?(?=(?:hrs\b|(?:" + _ZONES + r")\b))"
    r")(?:\s?(?:hrs\b|h\b))?(?:\s?\(?(?P<zone>" + _ZONES + r")\b)?(?![:.]?\d)")
#: words before a time that make it the edge of a span or a deadline, not a moment something
#: happened ("from 9 a.m. to 5 p.m.", "until 7 p.m.", "by 6 p.m."): not compared
_SPAN_BEFORE = frozenset({"from", "until", "till", "til", "by", "between", "to", "and",
                          "through", "before"})
_SPAN_AFTER = re.compile(r"\s*(?:-|–|—|to\b|and\b|until\b|till\b)\s*\d")
#: hedges of a time: "about 2 a.m." allows half an hour either way, "shortly after 2 a.m."
#: the hour after it
_ABOUT_TIME = frozenset({"about", "around", "approximately", "roughly", "nearly", "almost",
                         "some", "circa", "~", "approx"})
_AFTER_TIME = frozenset({"after", "past"})
_ZONE_KEYS = {"GMT": "utc", "UTC": "utc", "Z": "utc"}
_ANY_DIGIT = re.compile(r"\d")
#: a stamp word shortly before a time ("First Posted: 08 / 04 / 11 06: 44 PM ET")
_POSTED = re.compile(r"\b(?:posted|updated|published|modified|filed)\b[^\n.]*$",
                     re.IGNORECASE)


def clock_times(text: str, addresses: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """The times of day ``text`` gives as moments ("struck at 2:09 a.m.", "at 14:30 GMT"),
    each a ``Quantity`` in minutes after midnight, unit "time" (local, or unsaid) or "time
    <zone>" ("time utc" for GMT and UTC): two outlets' "2:09 a.m." and "2:19 a.m." for one
    quake then differ as two counts do, and a claim's time is confirmed only by the same
    time. Times in two zones, or one in a zone and one unsaid, are never compared (7:48
    a.m. local is 22:48 GMT the day before). A time on the hour ("7 p.m.") allows from a
    quarter before to three quarters after (it is often rounded), "about" half an hour
    more either way; the edges of a span ("from 9 a.m. to 5 p.m.", "until 7 p.m.") and
    web addresses give none."""
    if _ANY_DIGIT.search(text) is None:  # most passages print no figure: a C-speed look
        return []
    out: list[Quantity] = []
    for m in _CLOCK.finditer(text):
        if addresses and any(a <= m.start() < b for a, b in addresses) \
                or is_stamp(text, m.start(), m.end()):
            continue  # a web address's numbers, a page's own "posted at 10:27 am"
        if _POSTED.search(text, max(0, m.start() - 40), m.start()):
            continue  # "Updated: 10 / 04 / 11 06: 12 AM ET": the page's stamp
        if m.group("h12"):
            hour, minute = int(m.group("h12")) % 12, m.group("m12")
            hour += 12 if m.group("ap").lower() == "p" else 0
        elif m.group("h24"):
            hour, minute = int(m.group("h24")), m.group("m24")
        else:
            hour, minute = int(m.group("h4")), m.group("m4")
        before = re.findall(r"[\w~]+", text[max(0, m.start() - 30) : m.start()])[-2:]
        prev = before[-1].lower() if before else ""
        if prev in _SPAN_BEFORE or _SPAN_AFTER.match(text, m.end()):
            continue
        value = hour * 60.0 + (int(minute) if minute else 0)
        lo, hi = (value, value) if minute else (value - 15, value + 45)
        approx = not minute
        if prev in _ABOUT_TIME:
            lo, hi, approx = lo - 30, hi + 30, True
        elif prev in _AFTER_TIME:
            lo, hi, approx = value, max(hi, value + 60), True
        zone = m.group("zone") or ""
        unit = "time" + (f" {_ZONE_KEYS.get(zone, zone.lower())}" if zone else "")
        out.append(Quantity(m.group().strip().rstrip("(").strip(), m.start(), m.end(), value,
                            lo, hi, unit, approx))
    return out


def _mark_breakdowns(text: str, toks: list[_Tok], found: list[Quantity]) -> list[Quantity]:
    """Figures that break a total down ("At least 12 of one family, seven children, three
    women and two men, were killed": 7 + 3 + 2 = 12) are parts of that total: qualified
    "part", they are compared only with other parts, never with a figure of another group of
    people ("the three men who were killed" at the school; QA pass 2, item 1). A part is
    recognised by arithmetic: figures of two or more different units, later in the same
    sentence, that add up to a number written before them that counts nothing itself (a
    list of damage after "42 government buildings" is no breakdown of the 42)."""
    if len(found) < 2:
        return found
    out = list(found)
    counted = {q.start for q in found}
    starts = [q.start for q in out]
    for tok in toks:
        head = _number_head(tok.text)
        if head is None or head[0] < 2 or tok.start in counted or head[1]:
            continue
        total = head[0]
        # only the figures within 160 characters after it (bisect: long lines stay linear)
        window = range(bisect.bisect_right(starts, tok.end), bisect.bisect_right(starts,
                                                                          tok.end + 160))
        after = [n for n in window if (q := out[n]) and not q.approx
                 and not re.search(r"[.!?;]\s", text[tok.end : q.start])
                 and q.unit and q.value < total]
        for size in range(2, min(len(after), 5) + 1):
            hit = next((combo for combo in itertools.combinations(after, size)
                        if len({out[n].unit for n in combo}) == size
                        and math.isclose(sum(out[n].value for n in combo), total)), None)
            if hit is not None:
                for n in hit:
                    out[n] = replace(out[n], qualifier="part")
                break
    return out


#: words that say what a figure measures, by attribute. Read in the figure's clause, nearest
#: first: "at a depth of 35 kilometers" and "75 kilometers west of Manokwari" are both in
#: kilometres, but one is how deep and the other how far, so they are never compared.
_MEASURE_WORDS: dict[str, frozenset[str]] = {
    "depth": frozenset({"depth", "deep", "depths"}),
    "height": frozenset({"high", "tall", "height", "elevation", "altitude"}),
    "dead": frozenset({"killed", "killing", "kill", "kills", "dead", "died", "die", "dies",
                       "death", "deaths", "toll", "fatalities", "fatality", "lives",
                       "perished", "bodies"}),
    "injured": frozenset({"injured", "injuring", "injuries", "injures", "wounded", "wounding",
                          "hurt", "hospitalised", "hospitalized", "treated", "treatment"}),
    "displaced": frozenset({"fled", "flee", "fleeing", "refugees", "refugee", "homeless",
                            "evacuated", "evacuees", "displaced", "shelter", "shelters",
                            "camps", "camp", "tents", "sheltering", "sheltered", "refuge",
                            "evacuate", "evacuation", "housed"}),
    "missing": frozenset({"missing"}),
    "population": frozenset({"population", "inhabitants", "city", "town"}),
    "revenue": frozenset({"revenue", "revenues", "sales", "turnover"}),
    "value": frozenset({"value", "worth", "valuation", "valued", "capitalization",
                        "capitalisation"}),
    "change": frozenset({"increase", "increased", "rise", "rose", "gain", "gained", "jump",
                         "jumped", "drop", "dropped", "fall", "fell", "decline", "declined",
                         "growth", "surge", "surged"}),
    "price": frozenset({"price", "prices", "per-share"}),
    "cost": frozenset({"cost", "costs", "spent", "spending", "budget"}),
    "profit": frozenset({"profit", "profits", "earnings", "income"}),
}
_MEASURE_OF = {w: m for m, ws in _MEASURE_WORDS.items() for w in ws}
#: a direction or "from" *after* a figure makes it a distance ("75 km west of", "two miles
#: from"); before it ("up from 12") it says nothing of the kind
_POINTS = ("north", "east", "south", "west")
#: the sixteen points of the compass as words, with and without hyphens ("north-northeast",
#: "northnortheast", "west-southwest", "north-east"): "3 miles north-northeast of The Geysers"
#: is a distance as "3 miles north of" is (the USGS writes every quake's place this way)
_COMPASS_WORDS = frozenset(
    [*_POINTS]
    + [f"{a}{sep}{b}" for a in ("north", "south") for b in ("east", "west") for sep in ("", "-")]
    + [f"{a}{sep}{a}{b}" for a in ("north", "south") for b in ("east", "west")
       for sep in ("", "-")]
    + [f"{b}{sep}{a}{b}" for a in ("north", "south") for b in ("east", "west")
       for sep in ("", "-")])
#: the same as capital letters ("3 miles NNE of The Geysers"); one letter only before "of"
_COMPASS_LETTERS = frozenset({"NE", "NW", "SE", "SW", "NNE", "ENE", "ESE", "SSE", "SSW", "WSW",
                              "WNW", "NNW"})
_DISTANCE_AFTER = frozenset({"from", "off", "away", "offshore", "outside", "inland"}
                            | _COMPASS_WORDS)
_RATE_NOUNS = frozenset({"year", "month", "week", "day", "hour", "game", "carry", "season",
                         "share", "head", "person", "minute", "second", "night", "match"})
_CLAUSE_END = re.compile(r"[,;:!?—–]|\.\s")


_CLAUSE_REACH = 40


def _clause(text: str, toks: list[_Tok], i: int) -> tuple[int, int]:
    """Token range [lo, hi) of the clause around toks[i]: a figure's measure and scope are
    read only there ("killing four people, injuring dozens": four dead, dozens injured)."""
    # Read at most _CLAUSE_REACH tokens either side: every caller looks only a few words
    # around the figure, and an unbounded walk made a 300 KB line with no punctuation cost
    # the square of its length (``factdesk new`` never finished on one).
    lo = i
    floor = max(0, i - _CLAUSE_REACH)
    while lo > floor and not _CLAUSE_END.search(_gap(text, toks[lo - 1], toks[lo])):
        lo -= 1
    hi = i + 1
    ceiling = min(len(toks), i + 1 + _CLAUSE_REACH)
    while hi < ceiling and not _CLAUSE_END.search(_gap(text, toks[hi - 1], toks[hi])):
        hi += 1
    return lo, hi


def _measure(text: str, toks: list[_Tok], i: int) -> str:
    """What the figure at toks[i] measures (see ``_MEASURE_WORDS``), "" when its clause does
    not say: the nearest measure word within five words either side wins."""
    lo, hi = _clause(text, toks, i)
    j = i - 1
    while j > 0 and toks[j].text.lower() in _HEDGES_NOT_TO:
        j -= 1  # "home to over 170,000"
    if j >= 1 and toks[j].text.lower() in {"to", "by"} and toks[j - 1].text.lower() == "home":
        return "population"  # "a city home to 167,000 people": how many live there
    after = [t.text.lower().strip(".") for t in toks[i + 1 : min(hi, i + 5)]]
    for n, w in enumerate(after[:-1]):
        # "3.8 yards per carry", "$23 million a year": a rate is never a total
        if (w == "per" and after[n + 1] != "cent") or (
                w in {"a", "an", "each"} and after[n + 1] in _RATE_NOUNS):
            return "rate"
    best: tuple[int, str] | None = None
    for j in range(max(lo, i - 5), min(hi, i + 7)):
        if j == i:
            continue
        w = toks[j].text.lower().strip(".'’")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        m = _MEASURE_OF.get(w) or (
            "distance" if j > i and (w in _DISTANCE_AFTER or _compass_letters(toks, j))
            # "children aged from one to 12", "prices ranging from": no distance
            and toks[j - 1].text.lower() not in {"aged", "ranging", "ranged", "ages"}
            else None)
        if m is None:
            for part in w.split("-")[1:]:  # "billion-per-year" names no measure, "6-feet-deep"
                m = _MEASURE_OF.get(part)
                if m:
                    break
        if m == "change" and j == i - 2 and toks[i - 1].text.lower() == "to":
            m = None  # "the toll rose to 15": the new level, not the size of a change
        if m is not None and (best is None or abs(j - i) < best[0]):
            best = (abs(j - i), m if m != "distance" else f"distance{_reference(toks, j)}")
    return best[1] if best else ""


def _compass_letters(toks: list[_Tok], j: int) -> bool:
    """Whether toks[j] is a bearing in capital letters: "NNE", "SW", or "N" / "E" before
    "of" ("5 km N of Cobb")."""
    word = toks[j].text.rstrip(".")
    if word in _COMPASS_LETTERS:
        return True
    return word in {"N", "E", "S", "W"} and j + 1 < len(toks) \
        and toks[j + 1].text.lower() == "of"


def _reference(toks: list[_Tok], j: int) -> str:
    """":manokwari" for the place a distance is measured from ("west of the region's main
    city of Manokwari"): distances from two places are two facts ("13 miles east of
    Cloverdale", "23 miles north of Santa Rosa")."""
    for tok in toks[j + 1 : j + 8]:
        if tok.text[:1].isupper() and tok.text.lower() not in _NOT_PLACES:
            return ":" + re.sub(r"[’']s$", "", tok.text).lower().strip(".")
    return ""


_SCOPE_WORDS = {"in", "across", "throughout"}
#: nouns that make an "in …" an aggregate of several places ("in a dozen countries")
_AGGREGATE_NOUNS = {"countries", "nations", "regions", "provinces", "states", "world",
                    "districts", "islands", "villages", "counties", "areas", "cities",
                    "towns", "continents"}
#: words after a figure that say it is a total over many places or over everything
_AGGREGATE_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,6}?(?:worldwide|nationwide|globally|in\s+total|in\s+all\b"
    r"|overall|across\s+the\s+(?:country|nation|region|world|globe)"
    # a total over a span of time: "640 killed since the assault began", "so far", "to date",
    # "in the 12 days of the offensive" — the campaign's toll, never one strike's
    r"|since\b|so\s+far\b|to\s+date\b|in\s+the\s+(?:[\w-]+\s+){0,2}(?:days|weeks|months)\s+of\b"
    r"|(?:during|throughout)\s+the\s+(?:[\w-]+\s+){0,2}(?:campaign|offensive|war|conflict"
    r"|assault|operation|fighting)\b)", re.IGNORECASE)
_NOT_PLACES = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "today",
               "yesterday", "tonight", "last", "this", "next"}


def _scope(text: str, toks: list[_Tok], i: int) -> str:
    """Whether the figure at toks[i] holds over many places ("all") or over one named place
    ("part"), from the words after it in its clause; "" when the clause does not say.

    Only this contrast makes two figures incomparable: a national toll and a provincial one
    are two facts ("40,000 in a dozen countries" vs "9,000 in Northland province"). Two
    different names are *not* evidence of two places: "Gaza" and "the Gaza Strip", "New York"
    and "New York City", "Kabul" and "the Afghan capital" name one place, and silencing a
    toll disagreement because of how an outlet names the place would hide a real conflict
    (QA #15 item 2). Weekdays, months and possessive time words ("Tuesday's attack") are
    never places."""
    _, hi = _clause(text, toks, i)
    if hi > i + 1 and _AGGREGATE_AFTER.match(text[toks[i].end : toks[hi - 1].end]):
        return "all"
    for j in range(i + 1, min(hi, i + 9)):
        if toks[j].text.lower() not in _SCOPE_WORDS:
            continue
        k = j + 1
        while k < len(toks) and (toks[k].text.lower() in {"the", "a", "an", "dozen", "some",
                                                          "several", "many", "all"}
                                 or toks[k].text[:1].isdigit()):
            k += 1
        if k >= len(toks):
            return ""
        word = re.sub(r"[’']s$", "", toks[k].text).lower().strip(".")
        if word in _AGGREGATE_NOUNS:
            return "all"
        if toks[k].text[:1].isupper() and word not in _NOT_PLACES:
            # a list of places ("in Indonesia, Sri Lanka, India") is many places
            m = k
            while m + 1 < len(toks) and toks[m + 1].text[:1].isupper() \
                    and not _gap(text, toks[m], toks[m + 1]).strip():
                m += 1
            after = text[toks[m].end : toks[m].end + 3]
            if after.startswith(",") and m + 1 < len(toks) and toks[m + 1].text[:1].isupper() \
                    and toks[m + 1].text.lower() not in _NOT_PLACES:
                return "all"
            return "part"
        return ""
    return ""


def _magnitude_before(toks: list[_Tok], i: int) -> bool:
    """Whether "magnitude" or "measuring" comes right before the figure at toks[i], or before
    the figures coordinated with it ("measuring 7.6 and 7.4")."""
    j = i - 1
    while j >= 0 and (toks[j].text.lower() in {"and", "or"}
                      or _number_head(toks[j].text) is not None):
        j -= 1
    if j >= 1 and toks[j].text.lower() == "of" and toks[j - 1].text.lower().strip(".") in {
            "quake", "earthquake", "temblor", "tremor", "shock", "aftershock", "magnitude"}:
        return True  # "Quake of 4.2 shakes Sonoma County", "a magnitude of 5.6"
    return j >= 0 and j >= i - 4 and toks[j].text.lower() in {"magnitude", "measuring"}


def _total_before(toks: list[_Tok], i: int, text: str = "") -> str:
    """The total a bare figure gives, named just before it: "death toll of 12", "the tally rose
    to 15", or people counted by the verb before them: "injured 40, officials said" is 40
    injured people (a number with no noun after it is otherwise not compared at all)."""
    j = i - 1
    while j >= 0 and toks[j].text.lower() in {"another", "least", "at", "some", "about"}:
        j -= 1
    if j >= 0 and toks[j].text.lower() in _PEOPLE_VERBS and (
            i + 1 >= len(toks) or (text and re.search(r"[,;:.!?—–]", _gap(text, toks[i],
                                                                        toks[i + 1])))
            or toks[i + 1].text.lower() in _AFTER_BARE):
        return "people"
    j = i - 1
    links = 0
    while j >= 0 and toks[j].text.lower() in _TOTAL_LINK and links < 2:
        j -= 1
        links += 1
    if links == 0 and j >= 0 and toks[j].text.lower() == "population":
        return "population"  # "Manokwari, population 167,000": a label, no link word
    if links == 0 or j < 0:
        return ""
    word = toks[j].text.lower()
    if word in _TOTALS:
        return _lemma(word)
    # "the death toll from the quake rose to 15": the total, then a short phrase saying of what
    for k in range(j - 1, max(-1, j - 5), -1):
        if toks[k].text.lower() in _TOTALS and toks[k + 1].text.lower() in _OF_WHAT:
            return _lemma(toks[k].text.lower())
    return ""


def names_unit(q: Quantity) -> bool:
    """Whether the figure as written already says its unit: a word of it is the unit ("6.2
    metres" for meters, "4.2 million" for a sum: its scale says it is money), a time says
    a.m. or its zone, a sum starts with its sign."""
    if q.unit.startswith("time"):
        return not q.text[-1:].isdigit()
    written = [w for w in re.split(r"[\s-]+", q.text.lower()) if w]
    if q.unit in _MONEY_UNITS and (q.currency and q.text.startswith(q.currency)
                                   or any(w.strip(".") in _SCALE for w in written)):
        return True
    return any(_lemma(w) == q.unit for w in written)


def is_vague(q: Quantity) -> bool:
    """A plural scale word ("thousands of people"): it fits many figures and prints none."""
    return q.text.lower() in _VAGUE


def unit_label(unit: str) -> str:
    """A unit as shown in a conflict detail: "points", "hours", "%", "years of age"."""
    if unit in {"%", ""}:
        return unit or "count"
    if unit.startswith("time"):
        return "time of day"
    if unit == "age" or unit in _TOTALS or unit in {"people", "magnitude"}:
        return unit
    return unit + ("" if unit.endswith("s") else "s")


def _same_version(x: Quantity, y: Quantity) -> bool:
    """Whether two figures may be about the same version of a thing.

    An unqualified figure is read as the main (original) one, so it is compared with an
    "initial" one but not with a "revised"/"new"/"reduced" one.
    """
    return (x.qualifier or "original") == (y.qualifier or "original")


def conflicting_quantities(a: list[Quantity], b: list[Quantity]) -> list[tuple[Quantity,
                                                                               Quantity]]:
    """Pairs (qa, qb) measuring the same thing where no figure of one side fits any of the other.

    Only figures that may measure the same attribute of the same thing are compared
    (:meth:`Quantity.comparable`): a depth never meets a distance, a toll "in Aceh" never a
    toll "in a dozen countries", a market value never an increase of it. A passage that gives
    several values for one unit ("28, I think 27, points") is read as a set: it conflicts only
    with a figure that fits none of them; two passages that each give the same number of values
    ("7.6 and 7.4" vs "7.6 and 7.5") are compared value by value, smallest with smallest.
    Figures about a different version of the thing ("initial 28-point plan" vs "revised
    19-point plan") are never compared.
    """
    out: list[tuple[Quantity, Quantity]] = []
    for unit, measure in _unit_measures(a, b):
        # one measure at a time: 20 injured agreeing says nothing of 12 vs 15 dead
        qa = [q for q in a if q.unit == unit and q.measure in (measure, "")]
        qb = [q for q in b if q.unit == unit and q.measure in (measure, "")]
        said_a = [q for q in qa if measure and q.measure == measure]
        said_b = [q for q in qb if measure and q.measure == measure]
        if said_a and said_b:
            # both say which figure is the depth: those two are compared, and a figure that
            # says nothing ("about 14 miles north-northeast of ...") neither stands in for
            # one nor matches one ("a depth of 1.2 miles" vs "a depth of 12 miles" was read
            # as 14 vs 12 and then dropped: QA pass 3, item 1)
            qa, qb = said_a, said_b
        if not qa or not qb:
            continue
        if len(qa) == len(qb) >= 2 and all(x.comparable(y) and _same_version(x, y)
                                           and not x.approx and not y.approx
                                           for x in qa for y in qb):
            ordered = zip(sorted(qa, key=lambda q: q.value), sorted(qb, key=lambda q: q.value),
                          strict=True)
            clash = [(x, y) for x, y in ordered if not x.compatible(y)]
            if clash:
                out.append(clash[0])
            continue
        comparable = [(x, y) for x in qa for y in qb if x.comparable(y)]
        if not comparable or any(x.compatible(y) for x, y in comparable):
            continue
        pairs = [(x, y) for x, y in comparable if _same_version(x, y)]
        if pairs:
            out.append(min(pairs, key=lambda p: abs(p[0].value - p[1].value)))
    return list(dict.fromkeys(out))


def _unit_measures(a: list[Quantity], b: list[Quantity]) -> list[tuple[str, str]]:
    """(unit, measure) groups to compare: each measure either side names in a shared unit, or
    the unit alone ("") when neither names one; a figure with no measure joins every group."""
    out: list[tuple[str, str]] = []
    for unit in sorted({q.unit for q in a} & {q.unit for q in b}):
        measures = sorted({q.measure for q in (*a, *b) if q.unit == unit and q.measure})
        out += [(unit, m) for m in measures or [""]]
    return out
