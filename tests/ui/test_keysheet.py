"""Help > Keyboard and mouse (? or F1): every shortcut the window defines is on the sheet, the
README carries the same sheet, and M puts the caret in the current claim's note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from factdesk.core.model import ClaimStatus
from factdesk.ui.keysheet import sheet_keys, sheet_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def _window_shortcuts(window) -> set[str]:
    keys: set[str] = set()
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            text = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if text:
                keys.add(text)
    return keys


def test_every_shortcut_of_the_window_is_on_the_sheet(window) -> None:
    shortcuts = _window_shortcuts(window)
    assert {"J", "C", "M", "Ctrl+2", "?"} <= shortcuts  # the window's own, found
    missing = shortcuts - sheet_keys()
    assert not missing, f"shortcuts not on the key sheet: {sorted(missing)}"


def test_the_readme_carries_the_sheet() -> None:
    assert sheet_markdown() in README.read_text(encoding="utf-8"), \
        "README's key sheet is stale: python -m factdesk.ui.keysheet prints the current one"


def test_question_mark_opens_the_sheet(qtbot, window) -> None:
    window.activateWindow()
    window.view.area.panes[0].view.setFocus()
    qtbot.keyClick(window.view.area.panes[0].view, "?")
    dialog = window.actions_.keys_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Compare two outlets" in window.actions_.keys_text.toPlainText()
    dialog.close()


def test_m_edits_the_note_of_the_current_claim_and_esc_returns(qtbot, window) -> None:
    from factdesk.core import claim_edits

    snap = window.snapshot
    passage = snap.passages[snap.articles[0].id][1]
    claim = claim_edits.create_claim(window.review, passage.article_id, passage.start,
                                     passage.end, reviewer="t", status=ClaimStatus.CONFIRMED,
                                     passage_id=passage.id)
    window.tagging.claim_changed(claim.id)
    window.tagging.set_current(claim.id)
    window.docks.claims.hide()  # collapsed to its strip: M brings it back
    pane = window.view.area.panes[0]
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_M)
    note = window.tagging.inspector.note
    qtbot.waitUntil(note.hasFocus)
    assert not window.docks.claims.isHidden()
    qtbot.keyClicks(note, "Checked with the city")
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not note.hasFocus())
    qtbot.waitUntil(lambda: window.review.claim(claim.id).note == "Checked with the city")
