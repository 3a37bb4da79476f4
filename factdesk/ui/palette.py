"""Colours: the application theme (system, light, dark) and the alignment-group palette.

Group colours come from Paul Tol's colour-blind-safe schemes: "muted" on light backgrounds and
"light" on dark ones; a colour below 3:1 against the pane (muted's sand, cyan, teal and olive
on white) is darkened, or on a dark pane lightened, keeping its hue, until it reaches 3:1.
Fills are laid at low alpha behind the text so black (or white) text stays readable, and
colour is never the only cue: every aligned passage also has a solid bar and its group number
in the margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

# Paul Tol, https://personal.sron.nl/~pault/ (grey left out: it reads as "unaligned")
TOL_MUTED = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99",
             "#999933", "#AA4499")
TOL_LIGHT = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33",
             "#AAAA00", "#DDAAEE")


@dataclass(frozen=True, slots=True)
class GroupColours:
    """Everything the panes paint, for one theme."""

    dark: bool
    edges: tuple[QColor, ...]
    fill_alpha: int
    selected_alpha: int
    conflict: QColor
    find: QColor
    dimmed_text: QColor
    band_alpha: int

    def edge(self, number: int) -> QColor:
        return QColor(self.edges[(number - 1) % len(self.edges)])

    def fill(self, number: int, selected: bool = False) -> QColor:
        c = self.edge(number)
        c.setAlpha(self.selected_alpha if selected else self.fill_alpha)
        return c

    def band(self, number: int, selected: bool = False) -> QColor:
        c = self.edge(number)
        c.setAlpha(min(255, self.band_alpha * (2 if selected else 1)))
        return c


#: the least contrast a group's bar may have against the pane (WCAG 2.1 1.4.11, graphics)
MIN_CONTRAST = 3.0


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance (sRGB). Written by hand: it is the standard's four-line
    formula, and no colour library is otherwise needed."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def with_contrast(colour: QColor, background: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """The colour, darkened (on a light background) or lightened (on a dark one) in small
    steps of HSL lightness, keeping its hue, until it stands out from the background."""
    c = QColor(colour)
    darken = relative_luminance(background) > 0.18
    h, s, lightness, a = c.getHslF()
    while contrast(c, background) < minimum and 0.0 < lightness < 1.0:
        lightness = max(0.0, lightness - 0.02) if darken else min(1.0, lightness + 0.02)
        c = QColor.fromHslF(h, s, lightness, a)
    return c


def group_colours(palette: QPalette | None = None) -> GroupColours:
    """The group palette that suits the current application palette (light or dark), every
    bar at least 3:1 against the pane's background (the palette's Base)."""
    pal = palette or QGuiApplication.palette()
    base = pal.color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    edges = tuple(QColor(c) for c in _edges(base, dark))
    if dark:
        return GroupColours(True, edges, 60, 125, QColor("#FF7F6E"), QColor(255, 210, 0, 110),
                            QColor(150, 150, 150), 70)
    return GroupColours(False, edges, 48, 115, QColor("#C0311F"), QColor(255, 200, 0, 150),
                        QColor(150, 150, 150), 55)


_edge_cache: dict[tuple[int, int, int, int, bool], tuple[QColor, ...]] = {}


def _edges(base: QColor, dark: bool) -> tuple[QColor, ...]:
    """The scheme's colours raised to 3:1 against ``base``, worked out once per background
    (every pane asks when it is made: ~1-2 ms each time); callers copy them."""
    exact = base.rgba64()
    key = (exact.red(), exact.green(), exact.blue(), exact.alpha(), dark)
    cached = _edge_cache.get(key)
    if cached is None:
        scheme = TOL_LIGHT if dark else TOL_MUTED
        cached = _edge_cache[key] = tuple(with_contrast(QColor(c), base) for c in scheme)
    return cached


def dark_palette() -> QPalette:
    """A Fusion dark palette with enough contrast for long reading."""
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(225, 225, 225)
    disabled = QColor(120, 120, 120)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(40, 40, 43),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"),
        QPalette.ColorRole.Highlight: QColor("#3d6fb4"),
        QPalette.ColorRole.HighlightedText: QColor(Qt.GlobalColor.white),
        QPalette.ColorRole.Light: QColor(70, 70, 74),
        QPalette.ColorRole.Midlight: QColor(60, 60, 64),
        QPalette.ColorRole.Mid: QColor(50, 50, 54),
        QPalette.ColorRole.Dark: QColor(25, 25, 27),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """"system" keeps the platform's look; "light"/"dark" use Fusion with a fixed palette so a
    screenshot or a reviewer's choice looks the same on every desktop."""
    if theme == "system":
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    if theme == "dark":
        app.setPalette(dark_palette())
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
    else:
        app.setPalette(app.style().standardPalette())
        app.styleHints().setColorScheme(Qt.ColorScheme.Light)


# Claim statuses: each also has its own underline style and glyph (see panes/view.py), so the
# colour only helps. Dark-theme variants are lighter to keep contrast on a dark background;
# "conflicting" is purple, kept apart from the red of the conflict markers.
_STATUS_LIGHT = {"confirmed": "#117733", "conflicting": "#AA3377", "unsourced": "#9A6A00",
                 "unreviewed": "#6E6E6E"}
_STATUS_DARK = {"confirmed": "#44BB99", "conflicting": "#EE99CC", "unsourced": "#DDCC77",
                "unreviewed": "#A8A8A8"}


def status_colour(status: object, dark: bool) -> QColor:
    return QColor((_STATUS_DARK if dark else _STATUS_LIGHT)[str(status)])
