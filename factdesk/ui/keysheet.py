"""Every key and mouse action of the window in one sheet: Help › Keyboard (and ``?``) shows it,
and the README's "Keys and mouse" section is this sheet as Markdown (a test keeps the two, and
the window's shortcuts, in step).

The sheet is data, not Qt: :func:`sheet_markdown` prints it for the README, and
``tests/ui/test_keysheet.py`` checks that every shortcut the window defines is listed.
"""

from __future__ import annotations

import html

#: (section, [(keys, what it does)]); keys as Qt writes them (QKeySequence.toString()),
#: several separated by " or ".
SHEET: list[tuple[str, list[tuple[str, str]]]] = [
    ("Follow a fact", [
        ("Click a passage", "Select its group: every pane scrolls its counterpart level with it; "
                            "click again on a passage in two groups to go on to the other"),
        ("J or K", "Next / previous aligned group"),
        ("N or P", "Next / previous conflict"),
        ("U", "Next unreviewed claim or suggested passage"),
        ("Ctrl+F", "Find in all articles (Enter: next hit, Esc: close)"),
        ("Click or drag an overview strip", "Scroll that pane there"),
        ("Click a row in Groups or Conflicts", "Go to that group or conflict"),
    ]),
    ("Claims", [
        ("Select words, then C", "New claim from the selection"),
        ("A", "Accept the suggestion for the selected passage as a claim"),
        ("1", "Mark the current claim confirmed"),
        ("2", "Mark it conflicting"),
        ("3", "Mark it unsourced"),
        ("0 or Backspace", "Mark it unreviewed"),
        ("M", "Edit the current claim's note (Esc: back to the panes; saved as you type)"),
        ("G", "Add the claim's aligned group as evidence (conflicting counterparts contradict)"),
        ("E", "Add the words selected in another pane as supporting evidence"),
        ("Shift+E", "Add them as contradicting evidence"),
        ("S", "Settle the current claim, as an editor, with why (reviewers disagreed)"),
        ("Del", "Delete the current claim (Ctrl+Z brings it back with its evidence)"),
        ("Right-click in a pane", "The same claim and alignment actions for the passage there"),
    ]),
    ("Alignment", [
        ("L", "Align the selected passage with a group, by hand (type to filter, Enter)"),
        ("Shift+L", "Take the selected passage out of its group"),
        ("Q", "Same fact? queue: the pairs the alignment is least sure of, one at a time "
              "(the panes scroll to them)"),
        ("Y", "In the queue: they report the same fact (saved; the alignment learns from it)"),
        ("N", "In the queue: not the same fact (elsewhere N is the next conflict)"),
        ("S", "In the queue: skip (asked again after the others)"),
        ("Ctrl+R", "Re-align the review (after edits made elsewhere)"),
    ]),
    ("Panes and window", [
        ("Ctrl+2", "Compare two outlets wide, the others narrowed to strips (again: show all)"),
        ("[", "Narrow the pane you are reading to its overview strip"),
        ("]", "Widen the panes you narrowed (and end Compare two)"),
        ("◂ / ▸ in a pane's header", "Narrow a pane to its overview strip, or widen it (a "
                                     "strip made for room swaps with another pane)"),
        ("Click a collapsed panel's icon", "Show the Articles or Claims panel again (they "
                                           "collapse to icons at the edges when the panes "
                                           "need the room)"),
        ("Ctrl+B", "Hide page junk instead of dimming it"),
        ("Alt+Up or Alt+Down", "Move the article selected in the Articles list left / right"),
        ("Double-click an outlet, title or date", "Rename it in the Articles list"),
        ("Untick an article", "Hide its pane"),
        ("Drag a band's edge", "Resize the panes beside it"),
        ("Drop files on the window", "Import them into the review"),
    ]),
    ("File and edit", [
        ("Ctrl+N", "New review from article files"),
        ("Ctrl+O", "Open a review"),
        ("Ctrl+I", "Add articles to this review"),
        ("Ctrl+Shift+I", "Add articles from web addresses, one per line (or drop links)"),
        ("Ctrl+Shift+U", "Check web articles for updates (new versions, claims edited at source)"),
        ("Ctrl+E", "Export a report (HTML, PDF, Markdown, CSV, JSON, ClaimReview)"),
        ("Ctrl+Z", "Undo"),
        ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
        ("Ctrl+,", "Preferences (your name, e-mail and role, signed on every edit)"),
        ("? or F1", "This sheet"),
        ("Ctrl+Q", "Quit (every edit is already saved)"),
    ]),
]


def sheet_keys() -> set[str]:
    """Every key sequence the sheet names (mouse actions left out)."""
    keys: set[str] = set()
    for _section, rows in SHEET:
        for what, _does in rows:
            for part in what.replace("Select words, then ", "").split(" or "):
                part = part.strip()
                if part and not any(w in part for w in ("Click", "click", "Drag", "Drop",
                                                        "Untick", "◂")):
                    keys.add(part)
    return keys


def sheet_html() -> str:
    """The sheet as an HTML table for the Help dialog; everything escaped."""
    e = html.escape
    out = ["<table cellspacing='0' cellpadding='3'>"]
    for section, rows in SHEET:
        out.append(f"<tr><td colspan='2'><br><b>{e(section)}</b></td></tr>")
        for keys, does in rows:
            out.append(f"<tr><td style='padding-right:16px'><code>{e(keys)}</code></td>"
                       f"<td>{e(does)}</td></tr>")
    out.append("</table>")
    return "".join(out)


def sheet_markdown() -> str:
    """The sheet as the README's Markdown tables."""
    out: list[str] = []
    for section, rows in SHEET:
        out += [f"**{section}**", "", "| Keys / mouse | What it does |", "| --- | --- |"]
        out += [f"| {keys} | {does} |" for keys, does in rows]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # print the README section: python -m factdesk.ui.keysheet
    print(sheet_markdown(), end="")
