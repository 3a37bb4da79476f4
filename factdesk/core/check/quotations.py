"""Quotations: where they are, how two outlets' versions of one quote differ, and who said it.

Outlets re-type, re-translate and trim the same spoken words, so quotes are matched fuzzily
(the longest run of shared words, grown over small gaps) and only the words inside the matched
stretch are compared. A difference is graded by what a reader would care about: contractions,
function words and word order are *minor*; a changed content word or pronoun is *major*;
punctuation alone is no difference at all.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

_OPEN, _CLOSE = "“", "”"
#: a word; an apostrophe written with a space either side ("AMD ’ s", "don ’ t": a web page
#: or a tokenised corpus) still joins its clitic to the word, as "AMD’s" does, so the lone
#: "s" is never a differing word of a quotation (ECB+ 43: "AMD ’ s" vs "AMD's")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+|\s['’]\s(?:s|t|re|ll|ve|d|m)\b)?"
                   r"(?:[-.][A-Za-z0-9]+)*")
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")

_FUNCTION_TEXT = """
a an the and or but nor so yet for of to in on at by with from into onto about as than then
that which who whom whose this these those there here do does did done doing have has had having
be been being is are was were am will would shall should can could may might must just
also too very much well oh now you know like um uh if because while when where how what
"""
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
_PRONOUN_TEXT = """
i me my mine we us our ours you your yours he him his she her hers they them their theirs it
its one someone
"""
PRONOUNS = frozenset(_PRONOUN_TEXT.split())
NEGATIONS = frozenset({"not", "never", "no", "none", "nothing", "nobody", "neither", "nor"})
_CONTRACTIONS = {
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "it's": "it is", "that's": "that is", "he's": "he is", "she's": "she is",
    "there's": "there is", "what's": "what is", "who's": "who is", "let's": "let us",
}
_SUFFIXES = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'m": "am", "'d": "would"}


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a passage: as written, its comparison key, and its offset in the passage."""

    text: str
    key: str
    start: int
    contracted: bool = False


@dataclass(frozen=True, slots=True)
class QuoteDiff:
    """How two versions of one quotation differ; ``severity`` is "" when only punctuation does."""

    severity: str
    words_a: tuple[str, ...]
    words_b: tuple[str, ...]
    shown: tuple[tuple[str, str], ...]  # ("reasonably good", "very good") for the detail line
    matched: int  # number of words the two versions share
    #: each difference as the comparison keys of both versions with two shared words of
    #: context either side ("had a reasonably good meeting with"), to look for elsewhere
    windows: tuple[tuple[str, str], ...] = ()
    #: a word of negation ("not", "never", "won't") is among the differing words
    negation: bool = False
    #: where the differing words are, as (start, end) in the texts the words were read from
    spans_a: tuple[tuple[int, int], ...] = ()
    spans_b: tuple[tuple[int, int], ...] = ()
    #: each difference on its own (nearby gaps merged), graded by itself: "go back" vs "get
    #: back" and "his" vs "their" in one long quotation are two disagreements, not one
    parts: tuple[QuoteDiff, ...] = ()


def name_key(word: str) -> str:
    """A spelling key that makes transliteration variants equal.

    Zelensky/Zelenskyy/Zelenskiy, Yuri/Yury and Witkoff/Whitkoff all get one key: accents gone,
    y read as i, "wh" as "w", doubled letters collapsed. Applied to every word, not only to
    names, so both sides of a comparison are treated the same way.
    """
    w = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    w = "".join(c for c in w if not unicodedata.combining(c))
    w = w.replace("wh", "w").replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", w)


#: British and American spellings differ in a few regular endings, and a quotation re-typed
#: by an outlet of the other house follows its own: "offence"/"offense",
#: "practising"/"practicing", "colour"/"color", "organise"/"organize", "centre"/"center",
#: "catalogue"/"catalog", "programme"/"program", "judgement"/"judgment" ("travelled"/
#: "traveled" is already one key: :func:`name_key` collapses doubled letters). Rules on
#: endings rather than a word list: both versions of a word go through the same rules, so a
#: rule that touches an unrelated word ("promise" → "promize") changes both sides alike and
#: never makes two different words equal unless they differ only by such an ending.
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl) for pattern, repl in (
        (r"^(\w{2,})our(s|ed|ing|er|ers|ful|ite|ites|able|ist|ists)?$", r"\1or\2"),
        (r"^(\w{3,})tis(e|es|ed|ing)$", r"\1tic\2"),  # practise → practice (the verb)
        (r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$", r"\1iz\2"),
        (r"^(\w{2,})ys(e|es|ed|ing)$", r"\1yz\2"),
        (r"^(\w{2,})enc(e|es)$", r"\1ens\2"),  # offence, defence, licence, pretence
        (r"^(\w{2,}[^aeiou\W])([tb])re(s|d)?$", r"\1\2er\3"),  # centre, fibre
        (r"^(\w{2,})ogue(s)?$", r"\1og\2"),
        (r"^(\w*gram)me(s)?$", r"\1\2"),
        (r"^(\w*dg)ement(s)?$", r"\1ment\2"),
    ))


@functools.lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """``word`` (lower case) with its British or American ending made one: both spellings of
    a word get the same key (see ``_SPELLING_RULES``); other words are returned unchanged."""
    if len(word) < 5 or not word.isalpha():
        return word
    for pattern, repl in _SPELLING_RULES:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


def stem(word: str) -> str:
    """Crude stem so "take"/"takes", "strong"/"strongly", "trading"/"trade" count as one word."""
    w = word.lower()
    # "li" is "ly" after name_key (y read as i), as comparison keys are stemmed too
    for suffix in ("ingly", "edly", "ingli", "edli", "ing", "ly", "li", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def words(text: str, offset: int = 0) -> list[Word]:
    """Words with contractions expanded ("he'd" → he would) and bracketed insertions dropped."""
    out: list[Word] = []
    cleaned = _BRACKETS.sub(lambda m: " " * len(m.group()), text)
    for m in _WORD.finditer(cleaned):
        raw = m.group()
        low = raw.lower().replace("’", "'").replace(" ", "")
        start = offset + m.start()
        if low in _CONTRACTIONS:
            out.extend(Word(raw, name_key(p), start, True) for p in _CONTRACTIONS[low].split())
            continue
        suffix = next((s for s in _SUFFIXES if low.endswith(s) and len(low) > len(s)), None)
        if suffix:
            base = low[: -len(suffix)]
            if base in PRONOUNS or suffix == "n't" or base in {"they", "we", "you", "i", "there"}:
                out.append(Word(raw, name_key(base), start, True))
                out.append(Word(raw, name_key(_SUFFIXES[suffix]), start, True))
                continue
        if low.endswith("'s"):
            low = low[:-2]  # possessive: "Trump's" compares as "Trump"
        out.append(Word(raw, name_key(spelling_key(low)), start))
    # "you know" is a spoken filler that transcripts keep or drop at will
    return [w for i, w in enumerate(out)
            if not (w.key == "iou" and i + 1 < len(out) and out[i + 1].key == "know")
            and not (w.key == "know" and i and out[i - 1].key == "iou")]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inside the marks) of quotations in ``text``, paired line by line.

    Curly marks pair as open/close; straight double quotes alternate. A quote left open at the
    end of a line (a multi-paragraph quote) ends with the line. Cached, because conflict
    detection asks for the same article's quotes once per passage.
    """
    return list(_quote_spans(text))


_QUOTE_MARK = re.compile(f"[{_OPEN}{_CLOSE}\"`']")


@functools.lru_cache(maxsize=64)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start: int | None = None
        # only the characters that can open or close a quotation change anything: visit them,
        # not every character (10x faster on long articles; conflict checks and source
        # independence ask for every article)
        for m in _QUOTE_MARK.finditer(line):
            i, ch = m.start(), m.group()
            # typewriter-era marks (`` and '', as in wire copy and tokenised corpora) pair like
            # curly ones
            if ch == "`" and line[i + 1 : i + 2] == "`" and start is None:
                start = i + 2
            elif ch == "'" and line[i + 1 : i + 2] == "'" and start is not None \
                    and line[i - 1 : i] != "'":
                spans.append((pos + start, pos + i))
                start = None
            elif ch == _OPEN and start is None:
                start = i + 1
            elif ch == '"' and _inch_mark(line, i, start is not None):
                continue  # "a 3.1\" touch screen", "the 13\" model": a size, no quotation
            elif (ch == _CLOSE or ch == '"') and start is not None:
                spans.append((pos + start, pos + i))
                start = None
            elif ch == '"':
                start = i + 1
        if start is not None and line[start:].strip():
            spans.append((pos + start, pos + len(line.rstrip())))
        pos += len(line)
    return tuple((s, e) for s, e in spans if e > s)


def _inch_mark(line: str, i: int, open_quote: bool) -> bool:
    """Whether the straight double quote at ``line[i]`` is an inch (or seconds) mark: right
    after a digit ("3.1\"", "15. 4\"", "5'11\""). Outside a quotation it never opens one;
    inside, it closes the quotation unless a word of the size follows ("13\" model") and
    another mark later on the line can close it instead."""
    if not i or not line[i - 1].isdigit():
        return False
    if not open_quote:
        return True
    rest = line[i + 1 :]
    return bool(re.match(r"[ -]?[a-z]", rest)) and '"' in rest


def _keys(vocab: frozenset[str]) -> frozenset[str]:
    return frozenset(name_key(w) for w in vocab)


_FUNCTION_KEYS = _keys(FUNCTION_WORDS)
_PRONOUN_KEYS = _keys(PRONOUNS)
_NEGATION_KEYS = _keys(NEGATIONS)


def _is_content(key: str) -> bool:
    return key not in _FUNCTION_KEYS and key not in _PRONOUN_KEYS


def _clusters(a: list[str], b: list[str]) -> list[list[tuple[int, int, int]]]:
    """Candidate matched stretches, most shared words first.

    Each stretch is a run of matching blocks grown from one seed block while the gaps stay
    small (≤ 4 words). Every block is tried as a seed because the longest shared run is often a
    stock phrase ("would like to") from another sentence of the same speech.
    """
    found: set[tuple[tuple[int, int, int], ...]] = set()
    for a_lo, b_lo in _windows(a, b):
        a_hi, b_hi = a_lo + len(a) + 5, b_lo + len(a) + 5
        sm = SequenceMatcher(None, a[a_lo:a_hi], b[b_lo:b_hi], autojunk=False)
        blocks = [(x + a_lo, y + b_lo, n) for x, y, n in sm.get_matching_blocks() if n]
        found.update(tuple(_grow(blocks, seed)) for seed in range(len(blocks)))
    return sorted((list(c) for c in found),
                  key=lambda c: (-sum(size for _, _, size in c), c[0][0], c[0][1]))


def _windows(a: list[str], b: list[str], limit: int = 40) -> list[tuple[int, int]]:
    """Start points for alignment: the whole of both, plus a window around every shared word
    pair, because one alignment of two long quotes can only follow one of several repeats."""
    starts = [(0, 0)]
    pairs = {(a[i], a[i + 1]): i for i in range(len(a) - 1)}
    for j in range(len(b) - 1):
        i = pairs.get((b[j], b[j + 1]))
        if i is not None:
            starts.append((max(0, i - 5), max(0, j - 5)))
    return list(dict.fromkeys(starts))[:limit]


def _grow(blocks: list[tuple[int, int, int]], seed: int) -> list[tuple[int, int, int]]:
    """Blocks next to ``blocks[seed]`` joined while both gaps stay at most four words."""
    chosen = [blocks[seed]]
    for cur in blocks[seed + 1 :]:
        pa, pb, pn = chosen[-1]
        if cur[0] - (pa + pn) > 4 or cur[1] - (pb + pn) > 4:
            break
        chosen.append(cur)
    for cur in reversed(blocks[:seed]):
        na, nb, _ = chosen[0]
        if na - (cur[0] + cur[2]) > 4 or nb - (cur[1] + cur[2]) > 4:
            break
        chosen.insert(0, cur)
    return chosen


def _grade(del_words: list[Word], ins_words: list[Word]) -> str:
    """ "minor" unless a content word, a negation or a pronoun really changed."""
    a_keys = [w.key for w in del_words]
    b_keys = [w.key for w in ins_words]
    only_a = [k for k in a_keys if k not in b_keys]  # words moved elsewhere are word order
    only_b = [k for k in b_keys if k not in a_keys]
    stems_a = {stem(k) for k in only_a}
    stems_b = {stem(k) for k in only_b}
    for k in only_a + only_b:
        other = stems_b if k in only_a else stems_a
        if k in _NEGATION_KEYS or (_is_content(k) and stem(k) not in other):
            return "major"
    pa = [k for k in only_a if k in _PRONOUN_KEYS]
    pb = [k for k in only_b if k in _PRONOUN_KEYS]
    return "major" if pa and pb else "minor"


def _raw(seq: list[Word]) -> str:
    """Words as written, a contraction shown once even though it expands to two keys."""
    out: list[str] = []
    for w in seq:
        if not (out and w.contracted and out[-1] == w.text):
            out.append(w.text)
    return " ".join(out)


def _merged(gaps: list[tuple[int, int, int, int]], within: int = 1) -> list[list[int]]:
    """Gaps ``within`` shared words apart or less, as one."""
    merged: list[list[int]] = []
    for a_lo, a_hi, b_lo, b_hi in gaps:
        if merged and a_lo - merged[-1][1] <= within and b_lo - merged[-1][3] <= within:
            merged[-1][1], merged[-1][3] = a_hi, b_hi
        else:
            merged.append([a_lo, a_hi, b_lo, b_hi])
    return merged


def _shown(qa: list[Word], qb: list[Word],
           gaps: list[tuple[int, int, int, int]]) -> tuple[tuple[str, str], ...]:
    """Nearby gaps merged, each with the next shared word as context: "reasonably good"."""
    return tuple((_raw(qa[a_lo : a_hi + 1]), _raw(qb[b_lo : b_hi + 1]))
                 for a_lo, a_hi, b_lo, b_hi in _merged(gaps))


def _gap_windows(qa: list[Word], qb: list[Word],
                 gaps: list[tuple[int, int, int, int]]) -> tuple[tuple[str, str], ...]:
    """Each merged gap's keys with two words of context either side, in both versions."""
    def keys(q: list[Word], lo: int, hi: int) -> str:
        return " ".join(w.key for w in q[max(0, lo - 2) : hi + 2])

    return tuple((keys(qa, a_lo, a_hi), keys(qb, b_lo, b_hi))
                 for a_lo, a_hi, b_lo, b_hi in _merged(gaps))


def _one_swap(chosen: list[tuple[int, int, int]], a: list[str], b: list[str]) -> bool:
    """Two blocks around exactly one swapped word ("that was their/his impression"): short
    quotes that differ in one word are still one quotation, as long as the word is not "not"."""
    if len(chosen) != 2:
        return False
    (ai, bi, size), (an, bn, _) = chosen
    gap_a, gap_b = a[ai + size : an], b[bi + size : bn]
    return (len(gap_a) == len(gap_b) == 1 and gap_a[0] not in _NEGATION_KEYS
            and gap_b[0] not in _NEGATION_KEYS
            and any(_is_content(k) for k in a[ai : ai + size] + a[an : an + chosen[1][2]]))


#: words that are no evidence that two quotations are one: shared "I haven't ... since"
#: makes "I haven't played it since I was nine" and "I haven't stopped laughing since" two
#: remarks, not one worded two ways (QA pass 3, item 5). Only the test of sameness leaves
#: them out; a difference in them is still graded as before ("not" is always major)
_WEAK_KEYS = _NEGATION_KEYS | _keys(frozenset({
    "since", "until", "ever", "still", "again", "only", "even", "all", "any", "some", "more",
    "most", "up", "out", "off", "down", "over", "back", "really", "always", "yet", "already"}))


def _acceptable(chosen: list[tuple[int, int, int]], a: list[str], b: list[str],
                min_words: int) -> bool:
    """Enough shared words, densely enough, with at least two shared content words (or one
    swapped word in an otherwise identical short quote) to be the same quotation."""
    matched = sum(size for _, _, size in chosen)
    swap = _one_swap(chosen, a, b)
    if matched < min_words and not (matched >= 3 and swap):
        return False
    a_lo, b_lo = chosen[0][0], chosen[0][1]
    a_hi, b_hi = chosen[-1][0] + chosen[-1][2], chosen[-1][1] + chosen[-1][2]
    if matched < 0.6 * max(a_hi - a_lo, b_hi - b_lo):
        return False
    content = sum(1 for i, _, size in chosen for k in a[i : i + size]
                  if _is_content(k) and k not in _WEAK_KEYS)
    return content >= 2 or swap


def compare_quotes(qa: list[Word], qb: list[Word], min_words: int = 4) -> QuoteDiff | None:
    """Compare two quotations; None when they are not versions of the same words.

    Only the matched stretch is compared: one outlet quoting more of a sentence than another is
    not a wording difference.
    """
    a = [w.key for w in qa]
    b = [w.key for w in qb]
    chosen = next((c for c in _clusters(a, b) if _acceptable(c, a, b, min_words)), None)
    if chosen is None:
        return None
    matched = sum(size for _, _, size in chosen)
    dels: list[Word] = []
    ins: list[Word] = []
    gaps: list[tuple[int, int, int, int]] = []
    for (ai, bi, size), (an, bn, _) in zip(chosen, chosen[1:], strict=False):
        gap_a, gap_b = qa[ai + size : an], qb[bi + size : bn]
        if _joined(gap_a) == _joined(gap_b):
            continue  # "men-parents-slapping" / "men parents slapping", "per cent" / "percent"
        if gap_a or gap_b:
            dels.extend(gap_a)
            ins.extend(gap_b)
            gaps.append((ai + size, an, bi + size, bn))
    if not dels and not ins:
        # identical words once contractions are expanded: "he'd like" and "he would like" are
        # one wording (a transcript's or a house style's choice), punctuation and spelling too
        return QuoteDiff("", (), (), (), matched)
    return _diff(qa, qb, gaps, matched, tuple(_diff(qa, qb, [g for g in gaps if lo <= g[0]
                                                     and g[1] <= hi], matched)
                                              for lo, hi, _, _ in _merged(gaps, 3)))


def _joined(seq: list[Word]) -> str:
    """The words' keys run together without hyphens: one word written as one, two or
    hyphenated ("e-mail", "email"; "health care", "healthcare") is house style, not wording."""
    return "".join(w.key for w in seq).replace("-", "").replace(".", "")


def _diff(qa: list[Word], qb: list[Word], gaps: list[tuple[int, int, int, int]], matched: int,
          parts: tuple[QuoteDiff, ...] = ()) -> QuoteDiff:
    dels = [w for a_lo, a_hi, _, _ in gaps for w in qa[a_lo:a_hi]]
    ins = [w for _, _, b_lo, b_hi in gaps for w in qb[b_lo:b_hi]]
    severity = _grade(dels, ins)
    if all(a_lo == a_hi or b_lo == b_hi for a_lo, a_hi, b_lo, b_hi in gaps):
        # words one version has and the other lacks, nothing replaced: "told him that they"
        # vs "told him they" is house style, "a very good meeting yesterday" adds a detail
        # without denying one; only a dropped or added negation turns the meaning round, and
        # a word moved ("have never been" / "never have") is word order, still shown as minor
        moved = {w.key for w in dels} & {w.key for w in ins}
        if any(w.key in _NEGATION_KEYS and w.key not in moved for w in dels + ins):
            severity = "major"
        elif all(not _is_content(w.key) for w in dels + ins) and not moved:
            severity = ""
        else:
            severity = "minor"
    return QuoteDiff(severity, tuple(dict.fromkeys(w.text for w in dels)),
                     tuple(dict.fromkeys(w.text for w in ins)), _shown(qa, qb, gaps), matched,
                     _gap_windows(qa, qb, gaps),
                     any(w.key in _NEGATION_KEYS for w in dels + ins),
                     _word_spans(dels), _word_spans(ins), parts)


def _word_spans(seq: list[Word]) -> tuple[tuple[int, int], ...]:
    """Each word's (start, end), a contraction (two keys, one written word) once."""
    return tuple(dict.fromkeys((w.start, w.start + len(w.text)) for w in seq))
