"""Every alignment-group colour stands out from the pane it is painted on: at least 3:1 (WCAG
non-text contrast) in the light and the dark theme, as the window really paints it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from factdesk.ui.palette import TOL_MUTED, contrast, group_colours


@pytest.fixture
def themed(qapp):
    """Put the application's look back after a test that changes the theme."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    # the untreated scheme fails on white: what this test guards against
    assert min(contrast(QColor(c), QColor("#ffffff")) for c in TOL_MUTED) < 2.0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_group_colour_has_3_to_1_against_the_pane(qtbot, window, themed, theme) -> None:
    window.actions_.set_theme(theme)  # View › Theme, as the reviewer switches
    qtbot.wait(20)  # the widgets' palettes follow the application's
    pane = window.view.area.panes[0].view
    background = pane.palette().color(QPalette.ColorRole.Base)
    assert (background.lightness() < 128) == (theme == "dark")
    colours = pane.colours
    assert colours.dark == (theme == "dark")
    for number in range(1, len(colours.edges) + 1):
        ratio = contrast(colours.edge(number), background)
        assert ratio >= 3.0, f"group {number} {colours.edge(number).name()}: {ratio:.2f}:1"
    # the bands between panes use the same colours
    assert [c.name() for c in group_colours(QApplication.palette()).edges] == \
        [c.name() for c in colours.edges]
