"""Offsets between the core's Python strings and Qt's text documents.

The core counts code points (``str`` indices); QTextDocument counts UTF-16 code units, so every
character outside the Basic Multilingual Plane (emoji, some CJK, maths letters) is two positions
in Qt and one in Python. Qt also folds ``\\r\\n`` into one paragraph break, which would shift every
later offset by one; we hand Qt a display text of exactly the same length instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def display_text(text: str) -> str:
    """The article text as given to Qt: same length in code points, line breaks Qt keeps 1:1."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


class OffsetMap:
    """Converts between code-point offsets (core) and UTF-16 positions (Qt) for one text.

    Texts without astral characters (nearly all) map one to one and cost nothing; otherwise we
    keep the sorted code-point offsets of the astral characters and bisect.
    """

    __slots__ = ("_astral", "_astral_q")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Qt position of each astral character's first code unit
        self._astral_q = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """Qt position of the character at code-point ``offset`` (or the end)."""
        if not self._astral:
            return offset
        return offset + bisect_right(self._astral, offset - 1)

    def from_qt(self, position: int) -> int:
        """Code-point offset of the character at Qt ``position`` (a low surrogate rounds down)."""
        if not self._astral:
            return position
        fully_before = bisect_right(self._astral_q, position - 2)
        offset = position - fully_before
        if fully_before < len(self._astral_q) and self._astral_q[fully_before] == position - 1:
            offset -= 1  # the low surrogate of an astral character: round down to it
        return offset
