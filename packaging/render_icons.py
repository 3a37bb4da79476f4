"""Render the application icon's PNG sizes from its SVG with Qt's own SVG renderer.

The PNGs are committed (desktops, PyInstaller and the About dialog use them without needing an
SVG loader), so run this only after changing ``resources/icons/org.factdesk.FactDesk.svg``::

    .venv/bin/python packaging/render_icons.py

They land in a freedesktop ``hicolor`` tree, ``resources/icons/hicolor/NxN/apps/APP_ID.png``,
which ``packaging/linux/install-desktop.sh`` copies as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
APP_ID = "org.factdesk.FactDesk"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, sizes: tuple[int, ...] = SIZES, icons: Path = ICONS) -> list[Path]:
    # QtSvg and QtGui need no display for painting into a QImage; offscreen keeps it so.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG for Qt")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = png_path(size, icons)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"render_icons: could not write {out}")
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS / f"{APP_ID}.svg")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder holding hicolor/")
    args = parser.parse_args(argv)
    for path in render(args.svg, SIZES, args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
