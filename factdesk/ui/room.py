"""How the window shares its width among the panes so that every wide pane reads at about 45
characters a line — without Qt, so the plan is tested on its own.

Five outlets at 45 characters need nearly all of a 1920-pixel screen; six and seven cannot all
have that at a readable type size (seven would need about 4.4 pixels a character). So the
window gives way in steps, each one only when the step before is not enough:

1. the side docks collapse to icon strips at the window's edges (:func:`plan_docks`);
2. when the reader's own font no longer gets about 45 characters, the panes go *tight*:
   their text in the semi-condensed face of the same family (DejaVu Sans Condensed on most
   Linux desktops, synthesised where a family has none), slimmer bands and document margins;
3. the panes beyond the number that fit are narrowed to their overview strips — a pane that
   repeats another shown outlet's wire copy first, then the last ones — still showing where
   their aligned passages and conflicts lie; ▸ on a strip swaps it in (another goes to a strip).

A reader who prefers every outlet wide at shorter lines turns step 3 off (View › Keep lines
readable); with more than :data:`MAX_FITTED` panes the panes scroll sideways as before (nine
outlets at 1920 pixels once did, the ninth a 40-pixel sliver: QA2 #12).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

STRIP_WIDTH = 26  # the strip (toolbar) a collapsed dock leaves at the window's edge
#: a line this long reads comfortably; the window gives the panes room for it where it can
READABLE_CHARS = 45
#: "about 45": a wide pane may read down to this many characters a line before the window
#: narrows a pane to a strip to make room — a newspaper column holds 30–40, so 40 in a
#: condensed face still reads as news is read; a strip costs a whole outlet's text
ENOUGH_CHARS = 40
#: above this many panes they scroll sideways and nothing is narrowed for them: re-setting
#: the font of hundreds of panes would stall the window, and no width makes them all readable.
#: Switching 12 panes to the condensed face costs ~43 ms of CPU on the GUI thread, 24 ~80 ms
#: (benchmarks/pane_room.py; benchmarks/README.md, "Nine to twelve outlets"), over the 50 ms
#: a turn of the event loop may take
MAX_FITTED = 12


@dataclass(frozen=True, slots=True)
class Chrome:
    """Pixels a pane layout spends beside the text."""

    per_pane: int  # a wide pane: its margin, document margins, overview strip and frame
    band: int  # the band between two panes
    strip: int  # a pane narrowed to its overview strip


@dataclass(frozen=True, slots=True)
class RoomPlan:
    collapse: frozenset[str]  # the docks to collapse to strips
    tight: bool  # condensed text, slim bands
    wide: int  # how many of the panes the reader left wide stay wide (the rest: strips)
    chars: float  # characters a line each wide pane then holds


def plan_docks(window_width: int, panes_need: int, docks: Sequence[tuple[str, int]],
               slack: int = 8) -> set[str]:
    """Which docks to collapse so the panes get ``panes_need`` pixels.

    ``docks`` are (name, width) in the order they give way (the first collapses first). The
    fewest docks are collapsed; when even all collapsed is not enough, all collapse (the panes
    then scroll sideways rather than be squeezed below their minimum)."""
    collapsed: set[str] = set()
    for count in range(len(docks) + 1):
        collapsed = {name for name, _ in docks[:count]}
        if _room(window_width, docks, collapsed, slack) >= panes_need:
            return collapsed
    return collapsed


def _room(window_width: int, docks: Sequence[tuple[str, int]], collapsed: set[str],
          slack: int) -> int:
    shown = sum(width for name, width in docks if name not in collapsed)
    return window_width - shown - STRIP_WIDTH * len(collapsed) - slack


def _need(wide: int, strips: int, chars: float, char_width: float, chrome: Chrome) -> int:
    """Pixels for ``wide`` panes at ``chars`` a line beside ``strips`` narrowed panes."""
    panes = wide + strips
    return (wide * (math.ceil(chars * char_width) + chrome.per_pane) + strips * chrome.strip
            + max(0, panes - 1) * chrome.band)


def chars_per_line(room: int, wide: int, strips: int, char_width: float,
                   chrome: Chrome) -> float:
    """Characters a line each of ``wide`` panes holds when they share ``room`` pixels."""
    if wide <= 0:
        return 0.0
    text = room - strips * chrome.strip - max(0, wide + strips - 1) * chrome.band
    return max(0.0, text / wide - chrome.per_pane) / char_width


def plan_room(window_width: int, wide: int, narrowed: int, docks: Sequence[tuple[str, int]],
              char_width: float, tight_char_width: float, normal: Chrome, tight: Chrome, *,
              auto_narrow: bool = True, slack: int = 8) -> RoomPlan:
    """The steps of the module's docstring for ``wide`` panes the reader left wide and
    ``narrowed`` panes the reader narrowed to strips: the most panes wide at ENOUGH_CHARS or
    more, each in the reader's own font where that reaches READABLE_CHARS, else condensed."""
    panes = wide + narrowed
    need = _need(wide, narrowed, READABLE_CHARS, char_width, normal)
    collapse = frozenset(plan_docks(window_width, need, docks, slack))
    room = _room(window_width, docks, set(collapse), slack)
    at_ease = READABLE_CHARS - 1  # a pixel short of 45 is rounding, not a cramped line

    def normal_chars(k: int) -> float:
        return chars_per_line(room, k, panes - k, char_width, normal)

    def tight_chars(k: int) -> float:
        return chars_per_line(room, k, panes - k, tight_char_width, tight)

    if wide <= 1 or panes > MAX_FITTED or normal_chars(wide) >= at_ease:
        return RoomPlan(collapse, False, wide, normal_chars(wide))
    for keep in range(wide, 1, -1) if auto_narrow else (wide,):
        if normal_chars(keep) >= at_ease:
            return RoomPlan(collapse, False, keep, normal_chars(keep))
        if tight_chars(keep) >= ENOUGH_CHARS:
            return RoomPlan(collapse, True, keep, tight_chars(keep))
    keep = 2 if auto_narrow else wide  # too narrow a window even for two: they scroll
    return RoomPlan(collapse, True, keep, tight_chars(keep))
