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
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)

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
