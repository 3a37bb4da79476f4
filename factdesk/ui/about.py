"""The About dialog: what factdesk this is, under which licence, on which Qt and libraries.

``about_text()`` builds the same facts as plain text without a display (tests, bug reports);
``show_about(parent)`` opens the dialog. Library versions are read with importlib.metadata and
fall back to the module's ``__version__`` (a frozen bundle may not carry every dist-info), so a
missing library reads "not installed" instead of failing.
"""

from __future__ import annotations

import importlib
import platform
import sqlite3
import sys
from importlib import metadata, resources

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from factdesk import APP_ID, APP_NAME, __version__

LICENSE = "GPL-3.0-or-later"
LICENSE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"
SUMMARY = (
    "Compare several outlets' reports of one story: aligned passages, disagreements, "
    "and claims tagged confirmed, conflicting or unsourced."
)
ICON_SIZES = (16, 32, 48, 64, 128, 256)

# (name shown, distribution name on PyPI, import name for the __version__ fallback)
LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("sqlite-utils", "sqlite-utils", "sqlite_utils"),
    ("diff-match-patch", "diff-match-patch", "diff_match_patch"),
    ("pysbd", "pysbd", "pysbd"),
    ("trafilatura", "trafilatura", "trafilatura"),
    ("NumPy", "numpy", "numpy"),
    ("SciPy", "scipy", "scipy"),
    ("charset-normalizer", "charset-normalizer", "charset_normalizer"),
    ("python-dateutil", "python-dateutil", "dateutil"),
    ("markdown-it-py", "markdown-it-py", "markdown_it"),
)
NOT_INSTALLED = "not installed"


def library_version(distribution: str, module: str | None = None) -> str:
    """The installed version of ``distribution``, or ``NOT_INSTALLED``."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pass
    if module:
        try:
            version = getattr(importlib.import_module(module), "__version__", None)
        except Exception:  # a broken optional library must not break the About dialog
            version = None
        if version:
            return str(version)
    return NOT_INSTALLED


def versions() -> list[tuple[str, str]]:
    """(component, version) pairs, runtime first, then the libraries factdesk uses."""
    pairs = [
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Qt", qVersion()),
        ("PySide6", PYSIDE_VERSION),
        ("SQLite", sqlite3.sqlite_version),
    ]
    pairs += [(name, library_version(dist, module)) for name, dist, module in LIBRARIES]
    return pairs


def about_text(*, header: bool = True) -> str:
    """The About facts as plain text, e.g. for a bug report; needs no display.

    ``header=False`` leaves out the name, summary, licence and id lines (the dialog shows them
    above the text).
    """
    frozen = " (stand-alone bundle)" if getattr(sys, "frozen", False) else ""
    pairs = versions()
    width = max(len(name) for name, _ in pairs)
    lines = []
    if header:
        lines += [
            f"{APP_NAME} {__version__}{frozen}",
            SUMMARY,
            "",
            f"Licence: {LICENSE} ({LICENSE_URL})",
            f"Application id: {APP_ID}",
        ]
    lines += [f"Platform: {platform.platform()}{frozen}", "", "Versions:"]
    lines += [f"  {name:<{width}}  {version}" for name, version in pairs]
    return "\n".join(lines) + "\n"


def icon_path(size: int | None = None) -> str:
    """File path of the application icon: a PNG of ``size`` pixels, or the SVG."""
    icons = resources.files("factdesk.resources") / "icons"
    if size is None:
        return str(icons / f"{APP_ID}.svg")
    return str(icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")


def app_icon() -> QIcon:
    """The application icon with all its PNG sizes (no SVG plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(icon_path(size))
    return icon


class AboutDialog(QDialog):
    """Icon, name, version and licence on top; the versions as selectable text below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setWindowIcon(app_icon())

        icon = QLabel()
        icon.setObjectName("aboutIcon")
        pixmap = QPixmap(icon_path(128))
        if not pixmap.isNull():
            ratio = self.devicePixelRatioF()
            if ratio > 1 and not QPixmap(icon_path(256)).isNull():
                pixmap = QPixmap(icon_path(256))
                pixmap.setDevicePixelRatio(2.0)
            icon.setPixmap(pixmap)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        heading = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            f"<p>{SUMMARY}</p>"
            f'<p>Licence: <a href="{LICENSE_URL}">{LICENSE}</a><br>'
            f"Application id: {APP_ID}</p>"
        )
        heading.setObjectName("aboutHeading")
        heading.setWordWrap(True)
        heading.setOpenExternalLinks(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        details = QPlainTextEdit(about_text(header=False))
        details.setObjectName("aboutDetails")
        details.setReadOnly(True)
        details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = details.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        details.setFont(font)
        details.setMinimumHeight(200)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(details, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)


def show_about(parent: QWidget | None = None) -> None:
    """Open the About dialog, modal to ``parent``."""
    dialog = AboutDialog(parent)
    dialog.exec()
