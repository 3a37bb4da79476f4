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
import zlib

from diff_match_patch import diff_match_patch

from factdesk.core.model import DiffKind, DiffSpan

# a number keeps its thousands and decimal separators: "38,000" against "45,000" is one number
# changed, not "38" changed with ",000" in common
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+\w*|\w+|\s+|[^\w\s]", re.UNICODE)
_SURROGATES = range(0xD800, 0xE000)
_OPS = {0: DiffKind.EQUAL, -1: DiffKind.DELETE, 1: DiffKind.INSERT}
#: Myers' diff (diff-match-patch with no timeout) costs O(N·D) in tokens: two unlike one-line
#: articles of 300 KB (one "sentence" each) never finished (30 KB: 12 s). Up to
#: ``DIFF_PLAIN_MAX`` tokens in all (~800 words, every ordinary passage) the texts are diffed
#: word by word in one go. Longer texts get diff-match-patch's two-level speed-up: first a diff
#: of their sentences and lines (each munged to one character, like dmp's linesToChars), then a
#: word diff inside each changed run only. An inserted paragraph costs nothing extra and
#: unchanged sentences are never marked changed, wherever the edits are. Only a changed run
#: that is itself longer than ``DIFF_PLAIN_MAX`` tokens (a rewritten article, a 300 KB line
#: without full stops) is diffed in matching windows of about ``DIFF_WINDOW`` tokens a side, so
#: the cost stays linear (312 KB against 336 KB: 2.3 s CPU; benchmarks/README.md, "Long lines").
DIFF_PLAIN_MAX = 1_600
DIFF_WINDOW = 400
#: the sentence-level diff is windowed the same way past this many sentences in all (a 300 KB
#: text of short lines); ~1,000 sentences a side is far beyond any article
UNIT_PLAIN_MAX = 2_000
UNIT_WINDOW = 500
_SENTENCE_END = frozenset(".!?…")
#: a sentence or line longer than this many tokens (a transcript or dump without full stops) is
#: also cut after words chosen by their content (1 in ``_CUT_EVERY`` distinct words, by CRC-32),
#: so the cuts fall on the same words in both versions whatever was inserted before them
_LONG_UNIT = 200
_CUT_EVERY = 16
_CLOSERS = frozenset("\"'”’»)]")


def _tokens(text: str) -> list[str]:
    """Split text into word, whitespace and punctuation tokens that concatenate back to it."""
    return _TOKEN.findall(text)


#: the units :func:`diff_words` compares: an equal span is always a run of whole tokens
diff_tokens = _tokens


def _code_point(index: int) -> str:
    """A character standing for token number ``index``, skipping the surrogate block."""
    cp = index + 1  # never "\x00", as diff-match-patch itself avoids it
    if cp >= _SURROGATES.start:
        cp += len(_SURROGATES)
    return chr(cp)


def _munge(items: list[str], table: dict[str, str], vocab: list[str]) -> str:
    """One character per item, shared ``table``/``vocab`` (dmp's lines-to-chars munge)."""
    out = []
    for item in items:
        ch = table.get(item)
        if ch is None:
            ch = _code_point(len(vocab))
            table[item] = ch
            vocab.append(item)
        out.append(ch)
    return "".join(out)


def _encode(a: str, b: str) -> tuple[str, str, list[str]]:
    """Map each distinct token of a and b to one character (the lines-to-chars munge)."""
    table: dict[str, str] = {}
    vocab: list[str] = []
    return _munge(_tokens(a), table, vocab), _munge(_tokens(b), table, vocab), vocab


def _decode(encoded: str, vocab: list[str]) -> str:
    return "".join(vocab[_decode_index(ch)] for ch in encoded)


def _decode_index(ch: str) -> int:
    cp = ord(ch)
    if cp >= _SURROGATES.stop:
        cp -= len(_SURROGATES)
    return cp - 1


def _diff_bounded(
    dmp: diff_match_patch, ea: str, eb: str, plain_max: int = DIFF_PLAIN_MAX,
    window: int = DIFF_WINDOW, semantic: bool = True,
) -> list[tuple[int, str]]:
    """diff-match-patch's diff (and semantic clean-up), in windows when the texts are long.

    Past ``plain_max`` characters in all, the common prefix and suffix are kept equal and the
    middles are cut into the same number of windows, proportionally, each pair diffed on its
    own: the cost is linear in length and never depends on load. Such a diff is exact inside
    each window only, so it is applied to huge changed runs alone (see ``_diff_two_level``).
    """
    if len(ea) + len(eb) <= plain_max:
        diffs = dmp.diff_main(ea, eb, False)
        if semantic:
            dmp.diff_cleanupSemantic(diffs)
        return diffs
    head = dmp.diff_commonPrefix(ea, eb)
    tail = dmp.diff_commonSuffix(ea[head:], eb[head:])
    mid_a, mid_b = ea[head : len(ea) - tail], eb[head : len(eb) - tail]
    diffs = [(0, ea[:head])] if head else []
    windows = max(1, -(-(len(mid_a) + len(mid_b)) // (2 * window)))
    for w in range(windows):
        piece_a = mid_a[len(mid_a) * w // windows : len(mid_a) * (w + 1) // windows]
        piece_b = mid_b[len(mid_b) * w // windows : len(mid_b) * (w + 1) // windows]
        part = dmp.diff_main(piece_a, piece_b, False)
        if semantic:
            dmp.diff_cleanupSemantic(part)
        diffs += part
    if tail:
        diffs.append((0, ea[len(ea) - tail :]))
    return diffs


def _units(encoded: str, vocab: list[str]) -> list[str]:
    """Cut a token-encoded text into sentences and lines (each a run of token characters).

    A unit ends with the whitespace after a full stop, question or exclamation mark (closing
    quotes allowed in between) or with any whitespace holding a line break; past ``_LONG_UNIT``
    tokens also after a word picked by its content (content-defined chunking), so that a
    300 KB line without full stops still lines up around an insertion. Abbreviations cut too
    ("a.m. Today"): units only set the granularity of the first diff, the word diff inside
    changed runs is exact, so a wrong cut costs nothing but a little speed.
    """
    cut_after = [zlib.crc32(tok.encode("utf-8", "surrogatepass")) % _CUT_EVERY == 0
                 and not tok.isspace() for tok in vocab]
    units: list[str] = []
    start = 0
    after_end = after_cut_word = False
    for i, ch in enumerate(encoded):
        index = _decode_index(ch)
        tok = vocab[index]
        if tok.isspace():
            if after_end or "\n" in tok or (after_cut_word and i - start >= _LONG_UNIT):
                units.append(encoded[start : i + 1])
                start = i + 1
            after_end = after_cut_word = False
            continue
        after_cut_word = cut_after[index]
        if tok in _SENTENCE_END:
            after_end = True
        elif not (after_end and tok in _CLOSERS):
            after_end = False
    if start < len(encoded):
        units.append(encoded[start:])
    return units


def _diff_two_level(
    dmp: diff_match_patch, ea: str, eb: str, vocab: list[str],
) -> list[tuple[int, str]]:
    """Sentence-level diff first, then a word diff inside each changed run (dmp's speed-up).

    Unchanged sentences stay equal whatever was inserted before them; the cost is that of a
    diff over a few hundred sentence characters plus word diffs of the changed stretches only.
    """
    table: dict[str, str] = {}
    unit_vocab: list[str] = []
    ca = _munge(_units(ea, vocab), table, unit_vocab)
    cb = _munge(_units(eb, vocab), table, unit_vocab)
    top = _diff_bounded(dmp, ca, cb, UNIT_PLAIN_MAX, UNIT_WINDOW, semantic=False)
    diffs: list[tuple[int, str]] = []
    run_a: list[str] = []
    run_b: list[str] = []

    def flush() -> None:
        piece_a, piece_b = "".join(run_a), "".join(run_b)
        run_a.clear()
        run_b.clear()
        if piece_a and piece_b:
            diffs.extend(_diff_bounded(dmp, piece_a, piece_b))
        elif piece_a:
            diffs.append((-1, piece_a))
        elif piece_b:
            diffs.append((1, piece_b))

    for op, chunk in top:
        text = "".join(unit_vocab[_decode_index(ch)] for ch in chunk)
        if op == 0:
            flush()
            diffs.append((0, text))
        else:
            (run_a if op == -1 else run_b).append(text)
    flush()
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
    if len(ea) + len(eb) <= DIFF_PLAIN_MAX:
        diffs = _diff_bounded(dmp, ea, eb)
    else:
        diffs = _diff_two_level(dmp, ea, eb, vocab)

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
