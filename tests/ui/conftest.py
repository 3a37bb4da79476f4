"""Qt tests run offscreen, with QSettings and the app-data folder isolated in a temp dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest  # noqa: E402
from handmade import build_review, window_on  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

_SETTINGS_DIR = Path(os.environ.get("TMPDIR", "/tmp")) / f"factdesk-ui-tests-{os.getpid()}"


def pytest_configure(config: pytest.Config) -> None:
    QCoreApplication.setOrganizationName("factdesk-tests")
    QCoreApplication.setApplicationName("factdesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_SETTINGS_DIR))


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fresh settings and app-data folder for every test."""
    monkeypatch.setenv("FACTDESK_DATA_DIR", str(tmp_path / "appdata"))
    QSettings().clear()


@pytest.fixture
def review():
    r = build_review()
    yield r
    r.close()


@pytest.fixture
def window(qtbot, review):
    w = window_on(qtbot, review)
    qtbot.wait(10)
    return w
