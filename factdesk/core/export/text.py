"""Plain-text helpers shared by the renderers (each format escapes its own; the one shared
escape is :func:`embeddable_json`, for the two JSON formats)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from factdesk.core.export.model import STATUS_LABELS, ClaimItem, Quote
from factdesk.core.model import ClaimStatus, ConflictKind

#: A symbol per status, so a badge reads the same in black and white as in colour.
STATUS_SYMBOLS: dict[ClaimStatus, str] = {
    ClaimStatus.CONFIRMED: "✔",
    ClaimStatus.CONFLICTING: "⚠",
    ClaimStatus.UNSOURCED: "?",
    ClaimStatus.UNREVIEWED: "○",
}

CONFLICT_LABELS: dict[ConflictKind, str] = {
    ConflictKind.NUMBER: "Number",
    ConflictKind.DATE: "Date",
    ConflictKind.QUOTE_WORDING: "Quote wording",
    ConflictKind.ATTRIBUTION: "Attribution",
    ConflictKind.ROLE: "Role",
    ConflictKind.OTHER: "Other",
}


#: Explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
#: In text a report embeds (an article, a note, a name) they would reverse or reorder the
#: report's own words around them ("ereh txet" for "here text"), so the rendered formats show
#: each as a visible mark instead ("[U+202E]": a fact-checker should see that a source or a
#: note carried one). CSV and JSON are data and keep the text exactly as stored.
BIDI_CONTROLS = tuple(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_BIDI_VISIBLE = str.maketrans({c: f"[U+{ord(c):04X}]" for c in BIDI_CONTROLS})


def neutral_bidi(text: str) -> str:
    """``text`` with every explicit bidi control shown as a visible mark (see above)."""
    return text.translate(_BIDI_VISIBLE)


_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟۔])\s+")


def sentence_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut after each sentence end, as (sentence, the spaces after it) pairs: the
    spaces are set outside the isolation, or they would print on the far side of a
    right-to-left sentence.

    A quote's context often holds two sentences in two scripts (a Hebrew sentence, then
    "14,000 people fled to"): isolated as one run, the first strong letter makes the whole
    run right-to-left and "14,000" drifts away from "people"; isolated sentence by sentence,
    each keeps its own direction."""
    out, pos = [], 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = len(text) if m is None else m.end()
        run = text[pos:end]
        core = run.strip()
        if core:
            lead = run[: len(run) - len(run.lstrip())]
            if lead:
                out.append(("", lead))
            out.append((core, run[len(lead) + len(core):]))
        elif run:
            out.append(("", run))
        pos = end
    return out


def status_text(status: ClaimStatus) -> str:
    return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"


def when(iso: str) -> str:
    """An ISO 8601 time as a reader wants it: ``2026-03-14 09:30 UTC``; other text unchanged."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    if moment.utcoffset() == UTC.utcoffset(None):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC%z")


def one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces (for table cells, headings, CSV)."""
    return " ".join(text.split())


def shorten(text: str, width: int = 80) -> str:
    text = one_line(text)
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width - 1)
    return text[: cut if cut > width // 2 else width - 1] + "…"


def word_runs(text: str, words: Iterable[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into runs, flagging whole-word occurrences of ``words`` (case-insensitive)."""
    wanted = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    if not wanted:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in wanted), re.IGNORECASE)
    runs: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append((text[pos : m.start()], False))
        runs.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False))
    return runs


def source_line(quote: Quote, title: str, published: str | None) -> str:
    parts = [quote.outlet or quote.article_id]
    if title:
        parts.append(f"“{one_line(title)}”")
    if published:
        parts.append(published)
    return ", ".join(parts)


def removed_note(removed_at: str) -> str:
    """What a claim whose article was taken out of the review says about it (every format)."""
    return (f"This article was removed from the review on {when(removed_at)}; the claim is "
            "shown as it was made, with the outlet and title of that article.")


def evidence_removed_note(removed_at: str) -> str:
    """The mark beside an evidence quote whose article was taken out of the review."""
    return f"from an article removed from the review on {when(removed_at)}"


def claim_heading(number: int, claim: ClaimItem) -> str:
    return f"Claim {number}: {shorten(claim.quote.text, 90)}"


def paragraphs(text: str) -> list[str]:
    """An article's text cut at blank lines (what a reader sees as paragraphs)."""
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]


def dependence_source(source: str, outlets: dict[str, str]) -> str:
    """Name what an article depends on: another article's outlet, or a news agency."""
    if source in outlets:
        return outlets[source]
    if source.startswith("agency:"):
        return f"{source.removeprefix('agency:')} (news agency)"
    return source


#: how the Facts section of a report is introduced (HTML, PDF and Markdown say the same)
FACTS_INTRO = ("One row per fact the outlets report, one column per independent source (wire "
               "reprints of one origin share a column): ✓ states it, ⚠ states it differently "
               "(the differing words), — leaves it out. Most widely carried first.")


def fact_cell_text(cell: Any) -> str:
    """A Facts cell as words for any format: "✓", "⚠ very good", "—"."""
    return f"{cell.glyph} {' · '.join(cell.words)}".rstrip() if cell.words else cell.glyph


#: Characters that end or change an HTML ``<script>`` element (``</script>``, ``<!--``,
#: ``]]>``) and the two line separators that old JavaScript parsers take for a line break.
_SCRIPT_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def embeddable_json(data: object) -> str:
    """JSON that is safe to paste into an HTML ``<script>`` element and parses to the same data.

    ``json.dumps`` leaves ``</script>`` and ``<!--`` as they are, so article text could close
    the element and run as HTML. Outside strings JSON has none of these characters, so replacing
    each with its ``\\uXXXX`` escape changes only how strings are spelled, never what they hold.
    """
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_UNSAFE) + "\n"
