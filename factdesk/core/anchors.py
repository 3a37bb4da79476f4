"""Text anchors that survive a changed article text, as web annotations do.

An :class:`~factdesk.core.model.Anchor` keeps two selectors, like Hypothesis: the character
offsets (the fast path) and the quote with up to 32 characters of context on either side. To
find a quote again, :func:`reanchor` tries, in order:

1. the old position, if the text there is still the quote;
2. an exact occurrence of the quote, preferring one with its old prefix and suffix around it,
   then the one nearest the old position;
3. a fuzzy search near the old position (diff-match-patch's Bitap ``match_main``), verified by
   comparing the whole quote with what was found.

When none succeeds the anchor is an orphan: the claim is kept and shown as such, never dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diff_match_patch import diff_match_patch

from factdesk.core.model import Anchor

if TYPE_CHECKING:
    from factdesk.core.store.review import Review

CONTEXT = 32
# diff-match-patch's Bitap ``match_main`` takes a pattern of any length in the current release
# (20241021: the "Pattern too long" check is gone, Python integers have no width), so a quote
# up to WHOLE_QUOTE_MAX characters is searched for whole. Its cost grows with the pattern's
# length, though: benchmarks/anchors_fuzzy.py measured the same results for sentence quotes
# (42–369 characters: 284 of 300 right either way, median 11 ms whole vs 20 ms in pieces) but
# 2.6 s median and 22 s at worst for paragraph quotes of 600–2,500 characters (0.16 s in
# pieces). So a longer quote is looked for by ≤32-character pieces (head, tail, middle) and
# then checked whole.
WHOLE_QUOTE_MAX = 400
FUZZY_PIECE = 32
MIN_SIMILARITY = 0.8
CONTEXT_KEY = 16  # characters of the old prefix/suffix looked up exactly for a moved quote
MAX_GUESSES = 20
WIDE_SEARCH_MAX = 20_000

# Characters a typed quote may have in a different form from the article text.
_EQUIVALENT = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
_IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # soft hyphen, zero-width chars


def make_anchor(article_id: str, text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of ``text[start:end]``, with ``context`` characters of prefix and suffix."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"not a span of the article text: [{start}:{end}] of {len(text)}")
    return Anchor(
        article_id,
        start,
        end,
        text[start:end],
        text[max(0, start - context) : start],
        text[end : end + context],
    )


# ---------------------------------------------------------------------- find a typed quote
def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote (as typed by a user) is in ``text``: exact, else loosely; first occurrence.

    The loose match ignores differences in runs of whitespace, typographic versus straight
    quotes, apostrophes and dashes, "…" versus "...", soft hyphens, and Unicode normalisation
    (both sides compared in NFC: an "á" typed precomposed matches "a" + a combining accent in
    a file saved decomposed, as macOS saves names); the offsets returned
    are always exact offsets into ``text``, so ``text[start:end]`` is the article's own wording.
    """
    if not quote.strip():
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    matches = find_quote_all(text, quote)
    return matches[0] if matches else None


def find_quote_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every loose occurrence of a quote (see :func:`find_quote`), as exact offsets."""
    needle, _, _ = _normalise(quote)
    needle = needle.strip()
    if not needle:
        return []
    hay, starts, ends = _normalise(text)
    out = []
    at = hay.find(needle)
    while at >= 0:
        out.append((starts[at], ends[at + len(needle) - 1]))
        at = hay.find(needle, at + 1)
    return out


def _normalise(text: str) -> tuple[str, list[int], list[int]]:
    """The loose form of ``text`` and, per loose character, the original span it came from."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _IGNORED:
            i += 1
            continue
        if ch.isspace():
            j = i + 1
            while j < n and (text[j].isspace() or text[j] in _IGNORED):
                j += 1
            chars.append(" ")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1  # a letter and its combining marks: one cluster, compared in NFC
        cluster = unicodedata.normalize("NFC", text[i:j]) if j > i + 1 else ch
        for composed in cluster:
            for out in _EQUIVALENT.get(composed, composed):
                chars.append(out)
                starts.append(i)
                ends.append(j)
        i = j
    return "".join(chars), starts, ends


# ---------------------------------------------------------------------- re-anchor
def reanchor(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Where the anchored quote is in a (possibly changed) ``text``; None if it is gone."""
    quote, start, end = anchor.quote, anchor.start, anchor.end
    if not quote:
        return None
    if 0 <= start <= end <= len(text) and text[start:end] == quote:
        return start, end
    exact = _best_exact(anchor, text)
    if exact is not None:
        return exact, exact + len(quote)
    return _fuzzy(anchor, text)


def _occurrences(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _best_exact(anchor: Anchor, text: str) -> int | None:
    """The exact occurrence with the most of its old context around it, then the nearest."""
    quote, prefix, suffix = anchor.quote, anchor.prefix, anchor.suffix
    best: tuple[int, int] | None = None
    best_at: int | None = None
    for at in _occurrences(text, quote):
        after = at + len(quote)
        context = int(text[max(0, at - len(prefix)) : at] == prefix) + int(
            text[after : after + len(suffix)] == suffix
        )
        key = (-context, abs(at - anchor.start))
        if best is None or key < best:
            best, best_at = key, at
    return best_at


def _fuzzy(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Bitap for the quote (or, when long, ≤32-character pieces of it), then verify it whole.

    First near the old place (Bitap's usual distance penalty). For a quote both edited and moved
    far (a long new preamble): next where its old context still is, then (in texts up to
    ``WIDE_SEARCH_MAX`` characters, as it costs up to ~0.3 s) Bitap over the whole text with a
    small distance penalty. Only a quote that would otherwise be an orphan gets that far.
    """
    if not text.strip():
        return None
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.2
    found = _fuzzy_pass(dmp, anchor, text)
    if found is None:
        found = _by_context(dmp, anchor, text)
    if found is None and dmp.Match_Distance < len(text) <= WIDE_SEARCH_MAX:
        dmp.Match_Distance = 4 * len(text)  # proximity costs at most 0.25 of the 0.5 threshold
        found = _fuzzy_pass(dmp, anchor, text)
    return found


def _by_context(dmp: diff_match_patch, anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Look where the old prefix or suffix still is, word for word, however far it moved."""
    slack = max(8, len(anchor.quote) // 4)
    guesses: list[int] = []
    head, tail = anchor.prefix[-CONTEXT_KEY:], anchor.suffix[:CONTEXT_KEY]
    if len(head) == CONTEXT_KEY:
        guesses += [at + len(head) for at in _occurrences(text, head)][:MAX_GUESSES]
    if len(tail) == CONTEXT_KEY:
        guesses += [at - len(anchor.quote) for at in _occurrences(text, tail)][:MAX_GUESSES]
    best: tuple[float, int, int] | None = None
    for guess in guesses:
        span = _span_near(dmp, text, anchor, guess, slack)
        if span is not None:
            score = _similarity(dmp, anchor.quote, text[span[0] : span[1]])
            if best is None or score > best[0]:
                best = (score, *span)
    if best is None or best[0] < MIN_SIMILARITY:
        return None
    return best[1], best[2]


def _fuzzy_pass(dmp: diff_match_patch, anchor: Anchor, text: str) -> tuple[int, int] | None:
    quote = anchor.quote
    piece = len(quote) if len(quote) <= WHOLE_QUOTE_MAX else min(FUZZY_PIECE, len(quote))
    offsets = sorted({0, len(quote) - piece, (len(quote) - piece) // 2})
    slack = max(8, len(quote) // 4)
    best: tuple[float, int, int] | None = None
    tried: set[int] = set()
    for offset in offsets:
        loc = dmp.match_main(text, quote[offset : offset + piece], anchor.start + offset)
        if loc < 0 or loc - offset in tried:
            continue
        tried.add(loc - offset)
        span = _span_near(dmp, text, anchor, loc - offset, slack)
        if span is None:
            continue
        score = _similarity(dmp, quote, text[span[0] : span[1]])
        if best is None or score > best[0]:
            best = (score, *span)
    if best is None or best[0] < MIN_SIMILARITY:
        return None
    return best[1], best[2]


def _span_near(
    dmp: diff_match_patch, text: str, anchor: Anchor, guess: int, slack: int
) -> tuple[int, int] | None:
    """The span of ``text`` around ``guess`` that lines up with the anchor's quote.

    Diff prefix + quote + suffix against a window of the text with some slack on both sides and
    map where the quote began and ended in the first into the second: the context, usually
    unchanged when only the quote was edited, pins down the edges of the edited words.
    """
    quote, prefix, suffix = anchor.quote, anchor.prefix, anchor.suffix
    lo = max(0, guess - len(prefix) - slack)
    hi = min(len(text), guess + len(quote) + len(suffix) + slack)
    diffs = dmp.diff_main(prefix + quote + suffix, text[lo:hi], False)
    dmp.diff_cleanupSemantic(diffs)
    s = lo + dmp.diff_xIndex(diffs, len(prefix))
    e = lo + dmp.diff_xIndex(diffs, len(prefix) + len(quote))
    s, e = max(lo, min(s, hi)), max(lo, min(e, hi))
    # A quote that begins (ends) with a whole word should begin (end) with a whole word here.
    if quote[0].isalnum():
        while s > lo and text[s - 1].isalnum() and text[s].isalnum():
            s -= 1
    if quote[-1].isalnum():
        while e < hi and text[e].isalnum() and text[e - 1].isalnum():
            e += 1
    while s < e and text[s].isspace() and not quote[0].isspace():
        s += 1
    while e > s and text[e - 1].isspace() and not quote[-1].isspace():
        e -= 1
    return (s, e) if s < e else None


def _similarity(dmp: diff_match_patch, a: str, b: str) -> float:
    diffs = dmp.diff_main(a, b, False)
    return 1.0 - dmp.diff_levenshtein(diffs) / max(len(a), len(b), 1)


# ---------------------------------------------------------------------- whole review
@dataclass(frozen=True, slots=True)
class ReanchorReport:
    """What happened to the claims and evidence of one article after its text changed."""

    claims_moved: tuple[str, ...] = ()
    claims_orphaned: tuple[str, ...] = ()
    evidence_moved: tuple[int, ...] = ()
    evidence_orphaned: tuple[int, ...] = ()


def reanchor_claims(review: Review, article_id: str) -> ReanchorReport:
    """Find every claim and evidence span of an article again in its current text.

    Found spans get fresh offsets, quote and context (``orphaned`` cleared); the rest keep their
    old anchor and are marked ``orphaned``. One transaction for the whole article.
    """
    text = review.article(article_id).text
    moved: list[str] = []
    lost: list[str] = []
    ev_moved: list[int] = []
    ev_lost: list[int] = []
    with review.transaction():
        for claim in review.claims(article_id):
            new, orphaned = _refresh(claim.anchor, text)
            if new != claim.anchor or orphaned != claim.orphaned:
                review.set_claim_anchor(claim.id, new, orphaned=orphaned)
                (lost if orphaned else moved).append(claim.id)
        for ev in review.evidence_in_article(article_id):
            new, orphaned = _refresh(ev.anchor, text)
            if new != ev.anchor or orphaned != ev.orphaned:
                review.set_evidence_anchor(ev.id, new, orphaned=orphaned)
                (ev_lost if orphaned else ev_moved).append(ev.id)
    return ReanchorReport(tuple(moved), tuple(lost), tuple(ev_moved), tuple(ev_lost))


def _refresh(anchor: Anchor, text: str) -> tuple[Anchor, bool]:
    span = reanchor(anchor, text)
    if span is None:
        return anchor, True
    return make_anchor(anchor.article_id, text, span[0], span[1]), False
