"""The core must run without Qt: the CLI, benchmarks and tests depend on it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import factdesk.core

BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6', 'PyQt5', 'PyQt6'}:
            raise ImportError('Qt is blocked in the core: ' + name)
sys.meta_path.insert(0, NoQt())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print('ok')
"""


def core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(factdesk.core.__path__, prefix="factdesk.core.")
    )


def test_every_core_module_imports_with_qt_blocked() -> None:
    modules = core_modules()
    assert "factdesk.core.store" in modules and len(modules) > 5
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *modules], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
