"""Word-level differences between two passages, as typed spans with exact offsets.

We use diff-match-patch's "lines to chars" trick with words instead of lines: every token
(a number with its separators such as "38,000" or "4.2", a run of word characters, a run of
whitespace, or a single punctuation mark) is mapped to one
private character, the encoded strings are diffed, and the result is mapped back. A diff over
tokens can never cut a word in half, which is what a reviewer comparing two outlets expects
("27-point" vs "28-point" shows "27" deleted and "28" inserted, not "7" → "8").
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from factdesk.core.model import DiffKind, DiffSpan

# a number keeps its thousands and decimal separators: "38,000" against "45,000" is one number
# changed, not "38" changed with ",000" in common
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+\w*|\w+|\s+|[^\w\s]", re.UNICODE)
_SURROGATES = range(0xD800, 0xE000)
_OPS = {0: DiffKind.EQUAL, -1: DiffKind.DELETE, 1: DiffKind.INSERT}
#: Myers' diff (diff-match-patch with no timeout) costs O(N·D) in tokens: two unlike one-line
#: articles of 300 KB (one "sentence" each) never finished (30 KB: 12 s). Past
#: ``DIFF_PLAIN_MAX`` tokens in all (~800 words; a news sentence is ~60 tokens, so no article's
#: real sentences are cut this way), the texts after their common prefix and suffix are diffed
#: in matching windows of about ``DIFF_WINDOW`` tokens a side, so the cost grows linearly
#: (312 KB against 336 KB: 2.3 s CPU; benchmarks/README.md, "Long lines").
DIFF_PLAIN_MAX = 1_600
DIFF_WINDOW = 400


def _tokens(text: str) -> list[str]:
    """Split text into word, whitespace and punctuation tokens that concatenate back to it."""
    return _TOKEN.findall(text)


def _code_point(index: int) -> str:
    """A character standing for token number ``index``, skipping the surrogate block."""
    cp = index + 1  # never "\x00", as diff-match-patch itself avoids it
    if cp >= _SURROGATES.start:
        cp += len(_SURROGATES)
    return chr(cp)


def _encode(a: str, b: str) -> tuple[str, str, list[str]]:
    """Map each distinct token of a and b to one character (the lines-to-chars munge)."""
    table: dict[str, str] = {}
    vocab: list[str] = []

    def munge(text: str) -> str:
        out = []
        for tok in _tokens(text):
            ch = table.get(tok)
            if ch is None:
                ch = _code_point(len(vocab))
                table[tok] = ch
                vocab.append(tok)
            out.append(ch)
        return "".join(out)

    return munge(a), munge(b), vocab


def _decode(encoded: str, vocab: list[str]) -> str:
    return "".join(vocab[_decode_index(ch)] for ch in encoded)


def _decode_index(ch: str) -> int:
    cp = ord(ch)
    if cp >= _SURROGATES.stop:
        cp -= len(_SURROGATES)
    return cp - 1


def _diff_bounded(dmp: diff_match_patch, ea: str, eb: str) -> list[tuple[int, str]]:
    """diff-match-patch's diff and semantic clean-up, in windows when the texts are long.

    Past ``DIFF_PLAIN_MAX`` tokens in all, the common prefix and suffix are kept equal and
    the middles are cut into the same number of windows, proportionally, each pair diffed on its
    own: the cost is linear in length and never depends on load. A long passage's diff is then
    exact inside each window only, which is enough to find a claim's words in a parallel text.
    """
    if len(ea) + len(eb) <= DIFF_PLAIN_MAX:
        diffs = dmp.diff_main(ea, eb, False)
        dmp.diff_cleanupSemantic(diffs)
        return diffs
    head = dmp.diff_commonPrefix(ea, eb)
    tail = dmp.diff_commonSuffix(ea[head:], eb[head:])
    mid_a, mid_b = ea[head : len(ea) - tail], eb[head : len(eb) - tail]
    diffs = [(0, ea[:head])] if head else []
    windows = max(1, -(-(len(mid_a) + len(mid_b)) // (2 * DIFF_WINDOW)))
    for w in range(windows):
        piece_a = mid_a[len(mid_a) * w // windows : len(mid_a) * (w + 1) // windows]
        piece_b = mid_b[len(mid_b) * w // windows : len(mid_b) * (w + 1) // windows]
        part = dmp.diff_main(piece_a, piece_b, False)
        dmp.diff_cleanupSemantic(part)
        diffs += part
    if tail:
        diffs.append((0, ea[len(ea) - tail :]))
    return diffs


def diff_words(a: str, b: str) -> list[DiffSpan]:
    """Word-level diff of ``a`` against ``b`` as typed spans with offsets into both texts.

    ``Diff_Timeout`` is 0 so the result never depends on machine load, and the semantic cleanup
    runs on the token-encoded diff so that it merges tiny equalities between edits (a lone space
    between two changed words) without ever shifting an edit boundary inside a word.
    Adjacent spans of the same kind are merged; concatenating the equal+delete spans gives ``a``
    and the equal+insert spans gives ``b``.
    """
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    ea, eb, vocab = _encode(a, b)
    diffs = _diff_bounded(dmp, ea, eb)

    spans: list[DiffSpan] = []
    ia = ib = 0
    for op, chunk in diffs:
        text = _decode(chunk, vocab)
        if not text:
            continue
        kind = _OPS[op]
        a_end = ia + len(text) if kind is not DiffKind.INSERT else ia
        b_end = ib + len(text) if kind is not DiffKind.DELETE else ib
        prev = spans[-1] if spans else None
        if prev is not None and prev.kind is kind:
            spans[-1] = DiffSpan(kind, prev.text + text, prev.a_start, a_end, prev.b_start, b_end)
        else:
            spans.append(DiffSpan(kind, text, ia, a_end, ib, b_end))
        ia, ib = a_end, b_end
    return spans
