"""The window's preferences and state in QSettings, as a typed table.

Only UI state lives here (geometry, splitter sizes, theme, recent files); everything about a
review is in its own file. Each key is declared once with its type and default, so a value
that comes back from the platform store as a string (INI files do that) is turned back into
the declared type in one place, and a bad stored value falls back to the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

T = TypeVar("T")

MAX_RECENT = 10


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    doc: str

    def get(self, store: QSettings | None = None) -> T:
        qs = store or QSettings()
        raw = qs.value(self.key, None)
        if raw is None:
            return self.default
        try:
            return _convert(raw, self.type)  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T, store: QSettings | None = None) -> None:
        (store or QSettings()).setValue(self.key, value)


def _convert(raw: Any, kind: type) -> Any:
    if kind is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in {"true", "1", "yes"}
    if kind is list:
        if raw in ("", None):
            return []
        return [str(x) for x in raw] if isinstance(raw, list | tuple) else [str(raw)]
    if kind is QByteArray:
        return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    if kind is int:
        return int(raw)
    return kind(raw)


GEOMETRY: Setting[QByteArray] = Setting(
    "window/geometry", QByteArray, QByteArray(), "main window size and position")
WINDOW_STATE: Setting[QByteArray] = Setting(
    "window/state", QByteArray, QByteArray(), "docks and toolbars")
PANE_WIDTHS: Setting[list] = Setting(
    "panes/widths", list, [], "pane widths in pixels, as last arranged (shared by all reviews)")
THEME: Setting[str] = Setting(
    "view/theme", str, "system", "system, light or dark")
HIDE_BOILERPLATE: Setting[bool] = Setting(
    "view/hide_boilerplate", bool, False, "hide boilerplate blocks instead of dimming them")
KEEP_READABLE: Setting[bool] = Setting(
    "view/keep_lines_readable", bool, True, "narrow panes beyond those that fit at about 45 "
    "characters a line to their overview strips (six or more outlets)")
RECENT: Setting[list] = Setting(
    "files/recent", list, [], "recently opened reviews, newest first")
LAST_REVIEW: Setting[str] = Setting(
    "files/last_review", str, "", "the review reopened at start")

REVIEWER: Setting[str] = Setting(
    "review/reviewer", str, "", "the reviewer's name written with every claim edit "
    "(empty: $FACTDESK_REVIEWER or the login name)")

ALL = (GEOMETRY, WINDOW_STATE, PANE_WIDTHS, THEME, HIDE_BOILERPLATE, RECENT, LAST_REVIEW,
       REVIEWER, KEEP_READABLE)


def add_recent(path: str, store: QSettings | None = None) -> list[str]:
    items = [p for p in RECENT.get(store) if p != path]
    items.insert(0, path)
    RECENT.set(items[:MAX_RECENT], store)
    return items[:MAX_RECENT]


#: set this environment variable to keep the demo review and new reviews elsewhere (tests do)
DATA_DIR_ENV = "FACTDESK_DATA_DIR"


def app_data_dir() -> Path:
    """Where the demo review and untitled reviews live: the platform's app-data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".factdesk")
