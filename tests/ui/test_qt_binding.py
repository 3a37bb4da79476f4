"""Guard against a Qt binding that corrupts the interpreter while painting.

PySide6 6.12.0 on CPython 3.11 dropped a reference to ``None`` on every call of a void Qt
method, so a long session or a large PDF export aborted with "none_dealloc". pyproject
excludes that release; this test catches any other build with the same fault.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_painting_does_not_leak_references_to_none(qapp: object) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(500):
            painter.save()
            painter.drawLine(0, 0, 10, 10)
            painter.restore()
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert before - after < 100, f"None lost {before - after} references"


class _Emitter(QObject):
    ping = Signal(bool)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True/None are immortal from 3.12")
def test_signals_and_setters_do_not_leak_references(qapp: object) -> None:
    label, emitter = QLabel(), _Emitter()
    emitter.ping.connect(lambda _: None)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        label.setText("x")
        emitter.ping.emit(True)
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert before[0] - after[0] < 100 and before[1] - after[1] < 100, (before, after)
