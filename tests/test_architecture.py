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


def import_cycles(package: str) -> list[list[str]]:
    """Every set of modules that import each other round in a circle (Tarjan's strongly
    connected components over grimp's import graph, imports under TYPE_CHECKING included)."""
    import grimp

    graph = grimp.build_graph(package)
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        on_stack.add(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in on_stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            component = []
            while True:
                n = stack.pop()
                on_stack.discard(n)
                component.append(n)
                if n == m:
                    break
            # a package and its own __init__ re-exports are not a cycle a reader trips on
            if len(component) > 1 and not all(c.startswith(min(component)) for c in component):
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for m in modules:
        if m not in index:
            visit(m)
    return cycles


def test_no_module_imports_itself_round_a_circle() -> None:
    """A newcomer can read the modules bottom-up: the window's pieces receive the window as a
    protocol instead of importing it, the backups do not import the review they back up."""
    assert import_cycles("factdesk") == []
