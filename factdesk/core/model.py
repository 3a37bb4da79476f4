"""The nouns of a review, as frozen dataclasses shared by every layer.

Offsets are always character offsets into ``Article.text`` (a Python ``str``), so that
``article.text[p.start:p.end] == p.text`` holds for every passage, mark and anchor. Keeping the
text next to the offsets lets any anchor be checked and repaired later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class ArticleFormat(StrEnum):
    TEXT = "text"
    HTML = "html"
    MARKDOWN = "markdown"


class MarkKind(StrEnum):
    """Why a span of an article is not part of its passages."""

    METADATA = "metadata"  # a "date YYYY-MM-DD" line, a byline, a dateline header
    BOILERPLATE = "boilerplate"  # navigation, subscribe pleas, photo credits, disclaimers ...
    MARKUP = "markup"  # Markdown syntax such as "# " or "> " around the words


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the article text left out of the passages, with the reason shown to the user."""

    start: int
    end: int
    kind: MarkKind
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One imported article: its full text as read (never altered) plus editable metadata."""

    id: str
    path: str
    text: str
    sha256: str
    format: ArticleFormat = ArticleFormat.TEXT
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str | None = None  # ISO date "YYYY-MM-DD"
    marks: tuple[Mark, ...] = ()
    # A notice for the reviewer, shown until dismissed: "does not look like an article ..."
    warning: str = ""


class PassageKind(StrEnum):
    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    HEADING = "heading"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence-level unit of an article; ``text == article.text[start:end]``."""

    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    kind: PassageKind = PassageKind.SENTENCE


@dataclass(frozen=True, slots=True)
class GroupMember:
    passage_id: str
    score: float


class GroupOrigin(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


#: the group edit a join writes since 3 Dec: a group of exactly the passages named. Edits
#: stored as "join" before keep their meaning ("into the group the first one is shown in"),
#: so an older review file realigns as it did.
EXACT_JOIN = "group"


@dataclass(frozen=True, slots=True)
class AlignmentGroup:
    """Passages from different articles that report the same fact, event or quotation."""

    id: str
    members: tuple[GroupMember, ...]
    score: float
    origin: GroupOrigin = GroupOrigin.AUTO

    @property
    def passage_ids(self) -> list[str]:
        return [m.passage_id for m in self.members]


def primary_groups(groups: Sequence[AlignmentGroup]) -> dict[str, AlignmentGroup]:
    """The one group each passage is shown in.

    A passage that reports two facts (typically a lede) is a member of two groups; the panes
    colour it, the suggestions judge it and the conflict checks read all its numbers and
    dates in the group where its member score is highest (the earlier group on a tie), so every view
    agrees on one.
    """
    best: dict[str, tuple[float, AlignmentGroup]] = {}
    for g in groups:
        for m in g.members:
            if m.passage_id not in best or m.score > best[m.passage_id][0]:
                best[m.passage_id] = (m.score, g)
    return {pid: g for pid, (_, g) in best.items()}


class DiffKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # present only in b
    DELETE = "delete"  # present only in a


@dataclass(frozen=True, slots=True)
class DiffSpan:
    """One run of a word-level diff between passage a and passage b.

    ``a_start:a_end`` index passage a's text (empty for inserts), ``b_start:b_end`` passage b's
    text (empty for deletes).
    """

    kind: DiffKind
    text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


class ConflictKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    QUOTE_WORDING = "quote_wording"
    ATTRIBUTION = "attribution"
    ROLE = "role"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ConflictSpan:
    """Where one passage's differing words of a conflict are: offsets into ``Article.text``
    (like every span), with the words as written, so a claim or a pane can be matched against
    the exact words that disagree rather than against the whole sentence."""

    passage_id: str
    start: int
    end: int
    text: str


def spans_phrase(spans: Sequence[ConflictSpan]) -> str:
    """Differing words as a phrase: spans that touch (or stand one space apart) in the text are
    read together, spans apart are joined by an ellipsis, so no one reads words side by side
    that no outlet wrote side by side. Repeated spans are shown once."""
    ordered = sorted(dict.fromkeys((s.start, s.end, s.text) for s in spans))
    if not ordered:
        return ""
    runs = [ordered[0][2]]
    for (_, prev_end, _), (start, _, text) in zip(ordered, ordered[1:], strict=False):
        if start - prev_end <= 1:
            runs[-1] += " " * max(start - prev_end, 0) + text
        else:
            runs.append(text)
    return " … ".join(runs)


@dataclass(frozen=True, slots=True)
class Conflict:
    """One disagreement: outlets that tell one detail of a fact in ways that cannot both hold.

    ``sides`` lists the passages that agree with each other, one tuple per version ("very
    good": ANI | "reasonably good": Daily Beast, ABC, Reuters), and ``words`` the differing
    words of each side, in the same order. ``passages`` is every passage of every side, the
    first side first. ``spans`` anchors the disagreement to the exact differing words in each
    passage. Conflicts stored before sides existed have two passages and no sides; ``side_ids``
    reads both the same way.
    """

    id: str
    kind: ConflictKind
    severity: str  # "minor" | "major"
    passages: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]  # the differing words of each side
    detail: str
    group_id: str | None = None
    sides: tuple[tuple[str, ...], ...] = ()
    spans: tuple[ConflictSpan, ...] = ()

    @property
    def side_ids(self) -> tuple[tuple[str, ...], ...]:
        """The passages of each side (a two-passage conflict without sides: one each)."""
        if self.sides:
            return self.sides
        return tuple((pid,) for pid in self.passages)

    def side_of(self, passage_id: str) -> int | None:
        """Which side ``passage_id`` is on, or None when it is not part of the conflict."""
        return next((i for i, side in enumerate(self.side_ids) if passage_id in side), None)

    def spans_in(self, passage_id: str) -> tuple[ConflictSpan, ...]:
        """The differing words of the conflict inside one passage."""
        return tuple(s for s in self.spans if s.passage_id == passage_id)

    def side_phrase(self, side: int) -> str:
        """A side's differing words as a reader should see them: words that stand together in
        the passage read as one phrase, words apart are separated by an ellipsis ("very … on
        Tuesday", never "very on Tuesday", which no outlet wrote). Read from the side's first
        anchored passage; conflicts stored without spans fall back to the words in order."""
        if side >= len(self.side_ids):
            return ""
        for pid in self.side_ids[side]:
            spans = self.spans_in(pid)
            if spans:
                return spans_phrase(spans)
        return " ".join(self.words[side]) if side < len(self.words) else ""


@dataclass(frozen=True, slots=True)
class Dependence:
    """Wire copy: ``article`` depends on ``source`` (an article id or ``"agency:<name>"``),
    found by :mod:`factdesk.core.check.independence`, stored by the review."""

    article: str
    source: str
    reason: str
    shared_chars: int


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A file that could not be imported, with a reason a reviewer can act on."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportedVersion:
    """A file added again with changed text — the same file, or another one the reviewer named
    as a version of the article (``add --version-of``); a file name and outlet shared with
    another folder are not enough (two AP reprints both saved as article.txt became one
    article) —: the next version of the article it was, not a new outlet; the claims it
    changed are flagged."""

    path: str
    article_id: str
    version: int
    claims_changed: tuple[str, ...] = ()
    claims_vanished: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportReport:
    added: list[Article] = field(default_factory=list)
    #: files that were an article already in the review, changed: stored as its next version
    versions: list[ImportedVersion] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # paths whose content was already there
    problems: list[ImportProblem] = field(default_factory=list)
    realigned: bool = False  # the review was re-aligned (something new, or it was out of date)
    notes: list[ImportProblem] = field(default_factory=list)  # imported, with a doubt to check


class ClaimStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    CONFLICTING = "conflicting"
    UNSOURCED = "unsourced"


class EvidenceRelation(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote sits in an article, robust to a re-imported, slightly changed text.

    Kept like a web annotation's selectors: the offsets (fast path) plus the exact quote with
    some context before and after (to find it again when the offsets no longer fit).
    """

    article_id: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage (or any span) in another article that supports or contradicts a claim."""

    id: int
    claim_id: str
    anchor: Anchor
    relation: EvidenceRelation
    passage_id: str | None = None
    reviewer: str = ""
    created_at: str = ""
    orphaned: bool = False  # the quote could not be found again in a changed article text


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement the reviewer checks: the quoted words, the verdict, and the reasoning."""

    id: str
    anchor: Anchor
    status: ClaimStatus = ClaimStatus.UNREVIEWED
    note: str = ""
    reviewer: str = ""
    created_at: str = ""
    updated_at: str = ""
    passage_id: str | None = None  # set when the claim came from a (suggested) passage
    orphaned: bool = False  # the quote could not be found again in a changed article text
    evidence: tuple[Evidence, ...] = ()
    # An editor's decision that settles the claim (reviewers disagreed, or the desk wants one
    # word): who, when and why. Empty when nobody settled it; ``status`` is then the reviewers'
    # agreed status (see ``Decision``).
    settled_by: str = ""
    settled_at: str = ""
    settled_why: str = ""

    @property
    def settled(self) -> bool:
        return bool(self.settled_by)


@dataclass(frozen=True, slots=True)
class Decision:
    """One reviewer's own verdict on a claim, kept beside every other reviewer's.

    A claim checked twice (an independent double-check, merged) has a decision per reviewer; the
    claim's ``status`` is the settled status, else the status the reviewers agree on, else
    unreviewed while they disagree. ``reviewer`` is the signature edits are signed with
    ("Name <mail>").
    """

    claim_id: str
    reviewer: str
    status: ClaimStatus
    note: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change to a claim: who, when, what field, from what to what."""

    id: int
    claim_id: str
    at: str
    reviewer: str
    field: str  # "created", "status", "note", "evidence+", "evidence-", "deleted", "restored"
    old: str
    new: str


def article_label(article: Article, max_len: int | None = 40) -> str:
    """What to call an article's source, the same in the panes, the claims, the suggestions
    and the reports: its outlet (read from the page, or typed by the reviewer), else its file
    name without hash-like noise ("03_lindenport_gazette.txt" → "Lindenport Gazette"), else
    "Source" and what is left of the file name or the id. Never the first sentence: a name
    that reads like a claim is mistaken for one. ``max_len`` only bounds a long outlet, for
    the window's narrow headers; None keeps it whole (reports, which are read at leisure)."""
    outlet = " ".join(article.outlet.split())
    if outlet:
        if max_len is None or len(outlet) <= max_len:
            return outlet
        return outlet[: max_len - 1].rstrip() + "…"
    named = _file_name(article)
    if named:
        return named
    stem = article.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    number = next((t for t in _NAME_TOKENS.split(stem) if t.isdigit()), "")
    return f"Source {number or article.id[:6]}"


def needs_name(article: Article) -> bool:
    """The source has no outlet and its file name says nothing: the reviewer is asked."""
    return not article.outlet.strip() and not _file_name(article)


_WORDS_RE = re.compile(r"[^\W_]+")


def _file_name(article: Article) -> str:
    """:func:`file_label`, unless the file is named after the article's headline ("NASA Says
    Bridge Safe.txt", a page saved under its title): a headline in the source's place reads
    as a claim (QA pass 5 item 3), so the reviewer is asked for the outlet instead."""
    named = file_label(article.path)
    words = _WORDS_RE.findall(named.casefold())
    title = _WORDS_RE.findall(article.title.casefold())
    if len(words) >= 3 and title[: len(words)] == words:
        return ""
    return named


_NAME_TOKENS = re.compile(r"[\s_.\-+]+")
_HASHLIKE = re.compile(r"^(?=.*\d)(?=.*[a-z])[0-9a-f]{6,}$|^[0-9A-Za-z]{16,}$", re.IGNORECASE)


def file_label(path: str) -> str:
    """A file name as a source name, without numbering, dates, ids and hashes; "" when
    nothing that reads as a name is left (``001_eb5e6c2d4eb4df4a.txt``).

    What a reviewer reads there is the outlet, so what names a file in a collection goes: a
    leading story tag ("t38_abc7_kgo.txt" → "ABC7 KGO", as "03_" and "2024-05-01_" went
    already) and a site's domain ending ("cnn-com.txt" → "CNN") — except where the domain *is*
    the outlet's name: one plain word before it ("news_com_au.txt" → "news.com.au", not
    "News")."""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    tokens = [t for t in _NAME_TOKENS.split(stem) if t]
    words = [t for n, t in enumerate(tokens)
             if not t.isdigit() and not _HASHLIKE.match(t) and re.search(r"[^\W\d]", t)
             and not _is_date_token(tokens, n)]
    if len(words) > 1 and _STORY_TAG.match(words[0]):
        words = words[1:]
    domain = _as_domain(words)
    if domain:
        return domain
    words = _without_domain(words)
    if not words:
        return ""
    known = _OUTLET_STEMS.get("".join(words)) if "".join(words).islower() else None
    if known:
        return known  # "latimes" → "Los Angeles Times": the name the page itself prints
    name = " ".join(words)
    if not name.islower():
        return name  # "CNN_Asia", "TheGuardian", "AFP": the file name's own case is kept
    return " ".join(_cased(w, i, words[i - 1] if i else "") for i, w in enumerate(words))


# A date in a file name, in any common spelling: "jun26", "26jun2005", "june26", "jun_26",
# "2005-06-26" (numbers alone go anyway). A month's name alone stays ("may", "march" may be
# a name); beside a number, or with its day or year in the token, it is a date.
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
          r"april|june|july|august|september|october|november|december)")
_DATE_TOKEN = re.compile(rf"^(?:\d{{1,4}}(?:st|nd|rd|th)?)?{_MONTH}\d{{0,4}}$", re.IGNORECASE)
_MONTH_TOKEN = re.compile(rf"^{_MONTH}$", re.IGNORECASE)


def _is_date_token(tokens: list[str], n: int) -> bool:
    """Whether ``tokens[n]`` is (part of) a date: a month with its day or year in the token
    ("jun26", "26jun2005"), or a month's name beside a number ("jun", "26")."""
    token = tokens[n]
    if not _DATE_TOKEN.match(token):
        return False
    if not _MONTH_TOKEN.match(token):
        return True  # digits and a month in one token
    return any(0 <= m < len(tokens) and tokens[m].isdigit() for m in (n - 1, n + 1))


# The name an outlet prints, for file names that abbreviate it (QA pass 4 item 5: a reviewer
# saves the Los Angeles Times as "latimes_jun26.txt"); only where the file name's own words
# would not read as the name ("cnn" → "CNN" needs no entry).
_OUTLET_STEMS = {
    "latimes": "Los Angeles Times", "nytimes": "The New York Times",
    "wapo": "The Washington Post", "washpost": "The Washington Post",
    "washingtonpost": "The Washington Post",
    "usatoday": "USA Today", "sfgate": "San Francisco Chronicle", "sfchronicle":
    "San Francisco Chronicle", "chicagotribune": "Chicago Tribune", "bostonglobe":
    "The Boston Globe", "huffpost": "HuffPost", "huffingtonpost": "HuffPost",
    "torontostar": "Toronto Star", "thestar": "Toronto Star",
    "theglobeandmail": "The Globe and Mail", "globeandmail": "The Globe and Mail",
    "nypost": "New York Post", "dailymail": "Daily Mail", "theguardian": "The Guardian",
    "apnews": "Associated Press", "foxnews": "Fox News", "nbcnews": "NBC News", "cbsnews":
    "CBS News", "abcnews": "ABC News", "cbcnews": "CBC News", "bbcnews": "BBC News",
    "aljazeera": "Al Jazeera", "ft": "Financial Times", "economist": "The Economist",
}  # fmt: skip

# Other spellings of one outlet's name, for telling whether two articles come from one outlet
# (:func:`outlet_key`): a file's "ap" and a page's "Associated Press" are one source.
_OUTLET_ALIASES = {
    "ap": "associatedpress", "upi": "unitedpressinternational", "afp": "agencefrancepresse",
    "bbc": "bbcnews", "cnn": "cnn", "cbc": "cbcnews", "nyt": "newyorktimes",
    "smh": "sydneymorningherald", "wsj": "wallstreetjournal",
}


def known_outlet(name: str) -> bool:
    """Whether ``name`` (a file's label) is an outlet known by its name alone."""
    key = outlet_key(name)
    return key in _KNOWN_KEYS


def outlet_key(name: str) -> str:
    """One spelling per outlet, to compare two names: "Los Angeles Times", "latimes" and "LA
    Times (AP)"'s own part compare alike; "The Guardian" and "Guardian" too. "" for no name."""
    name = name.split(" (")[0]  # "ThePrint (Reuters)": the outlet that printed it
    key = re.sub(r"[^\w]+", "", name.casefold())
    key = key.removeprefix("the") if len(key) > 6 else key
    known = _OUTLET_STEMS.get(key)
    if known:
        key = re.sub(r"[^\w]+", "", known.casefold()).removeprefix("the")
    return _OUTLET_ALIASES.get(key, key)


_KNOWN_KEYS = frozenset(
    [outlet_key(n) for n in _OUTLET_STEMS.values()] + list(_OUTLET_ALIASES.values())
    + ["reuters", "bloomberg", "xinhua", "upi", "usatoday", "npr", "politico", "axios"])


# "t38_", "s01-": a letter or two and a number of two digits or more before the name tag a
# story or a batch, not the outlet; a channel's own short number stays ("tf1_info", "e4_news",
# "abc7_kgo")
_STORY_TAG = re.compile(r"^[a-z]{1,2}\d{2,4}$", re.IGNORECASE)

# A saved page is often named after its site ("cnn-com.txt", "www.bbc.co.uk.html"): the domain's
# "www" and its top-level parts ("com", "co.uk", "net.au") are no part of the outlet's name.
_DOMAIN_ENDS = frozenset(("com", "net", "org", "co", "gov", "edu", "info", "io"))


def _domain_end(words: list[str]) -> int:
    """How many trailing words are a domain ending ("com"; "co", "uk"; "com", "au"), 0 if
    none; the name before them is kept, so at most ``len(words) - 1``."""
    end = 0
    if (len(words) > 2 and len(words[-1]) == 2 and words[-1].isalpha()
            and words[-2].lower() in _DOMAIN_ENDS):
        end = 1  # a country code after "co" / "com" / "net": "co.uk", "com.au"
    while len(words) - end > 1 and words[-1 - end].lower() in _DOMAIN_ENDS:
        end += 1
    return end


def _as_domain(words: list[str]) -> str:
    """The site's address as its name when one plain word stands before the domain ending
    ("news", "com", "au" → "news.com.au"; "nytimes", "com" → "nytimes.com"): alone, "News"
    names nobody. Initials keep the short name ("cnn", "com" → "" here, "CNN" later)."""
    kept = words[1:] if len(words) > 1 and words[0].lower() == "www" else words
    end = _domain_end(kept)
    if not end or len(kept) - end != 1:
        return ""
    name = kept[0]
    if name.islower() and _is_initials(name):
        return ""
    return ".".join(kept)


def _without_domain(words: list[str]) -> list[str]:
    """``words`` without a leading "www" and trailing domain parts, keeping at least one word:
    ["cnn", "com"] → ["cnn"], ["www", "bbc", "co", "uk"] → ["bbc"], ["abc", "net", "au"] →
    ["abc"]; a name that is only "org" stays."""
    kept = list(words)
    if len(kept) > 1 and kept[0].lower() == "www":
        kept = kept[1:]
    end = _domain_end(kept)
    return kept[: len(kept) - end] if end else kept


# Short words of outlet names that are words, not initials; any other token of three letters
# or fewer ("afp", "cnn", "abc", "ap", "ani") is an acronym, as is one with no vowel ("nyt").
_SHORT_WORDS = frozenset((
    "the", "of", "and", "for", "in", "on", "at", "by", "to", "a", "an", "de", "du", "la", "le",
    "el", "al", "das", "der", "die", "del", "di", "da", "new", "sun", "age", "day", "bay",
    "net", "web", "hub", "big", "red", "top", "one", "now", "sky", "fox", "eye", "war", "gulf",
))
_LOWER_INSIDE = frozenset(("of", "and", "for", "in", "on", "at", "by", "to", "de", "du", "la",
                           "le", "el", "al", "das", "der", "die", "del", "di", "da"))


def _cased(word: str, index: int, before: str = "") -> str:
    """One word of an all-lowercase file name, as a name: initials in capitals ("afp" → "AFP",
    never "Afp"; "abc7" → "ABC7"), joining words lowercase inside ("voice of america"), others
    capitalised. A short word that reads as one ("mac", "spy") after the first word is a word
    ("Cult of Mac", "Digital Spy"): outlets open with their initials, not end with them."""
    if word in _SHORT_WORDS:
        return word if index and word in _LOWER_INSIDE else word.capitalize()
    if index and _SAYABLE.match(word) and before not in ("", "the"):
        return word.capitalize()
    letters = re.match(r"[^\W\d_]+", word)
    rest = word[len(letters.group()):] if letters else word
    if letters and _is_initials(letters.group()) and (not rest or rest.isdigit()):
        return word.upper()  # "kgo", "nyt", "abc7"
    return re.sub(r"[^\W\d_]", lambda m: m.group().upper(), word, count=1)  # "1ecb" → "1Ecb"


# Three letters that are said as a word: consonant, vowel, consonant ("mac", "sun", "pop")
# or two consonants and a "y" ("spy", "sky").
_SAYABLE = re.compile(r"^(?:[b-df-hj-np-tv-z][aeiou][b-df-hj-np-tv-z]|[b-df-hj-np-tv-xz]{2}y)$")


def _is_initials(word: str) -> bool:
    """Three letters or fewer, or no vowel: "afp", "cnn", "abc", "nyt" are said letter by
    letter (``_SHORT_WORDS`` and :data:`_SAYABLE` words after the first excepted)."""
    return len(word) <= 3 or not re.search(r"[aeiouy]", word)


def source_labels(articles: Sequence[Article], max_len: int | None = 40) -> dict[str, str]:
    """One label per source, in the articles' order: :func:`article_label`, with repeats
    numbered ("Reuters", "Reuters (2)"), as two reprints of one wire often carry one name.
    ``max_len`` as there: None for the whole outlet (reports)."""
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for article in articles:
        base = article_label(article, max_len)
        seen[base] = seen.get(base, 0) + 1
        labels[article.id] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return labels


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim whose words changed (or vanished) between two versions of its article, or whose
    evidence quoted from another web article did (``evidence_*``, ``article_id`` that one)."""

    id: int
    claim_id: str
    article_id: str
    from_version: int
    to_version: int
    kind: str  # "changed" | "vanished" | "evidence_changed" | "evidence_vanished"
    old_quote: str
    new_quote: str
    at: str
    dismissed: bool = False


def describe_change(c: ClaimChange) -> str:
    """One sentence for the window and the reports: what changed at the source, and where."""
    if c.kind == "vanished":
        return f"its words are gone from version {c.to_version} (they were “{c.old_quote}”)"
    if c.kind == "evidence_vanished":
        return (f"evidence it cites is gone from version {c.to_version} of its page (it was "
                f"“{c.old_quote}”)")
    if c.kind == "evidence_changed":
        return (f"evidence it cites changed: version {c.from_version} of its page said "
                f"“{c.old_quote}”, version {c.to_version} says “{c.new_quote}”")
    return (f"version {c.from_version} said “{c.old_quote}”, version {c.to_version} says "
            f"“{c.new_quote}”")


@dataclass(frozen=True, slots=True)
class RemovedArticle:
    """What an article taken out of a review was called, kept for the claims that quote it:
    a claim records what an outlet said, and keeps saying which outlet after the article goes.
    ``headline`` is the title, or the whole first sentence when the title was it cut short."""

    id: str
    path: str
    title: str
    outlet: str
    author: str
    published: str | None
    sha256: str
    headline: str
    removed_at: str


@dataclass(frozen=True, slots=True)
class Removal:
    """What ``remove_article`` did: the article's label, and the claims and evidence quotes
    that quoted it (kept as orphans, naming the outlet and title they were made on)."""

    article: RemovedArticle
    label: str
    claims: tuple[str, ...] = ()
    evidence: int = 0
    evidence_claims: tuple[str, ...] = ()
