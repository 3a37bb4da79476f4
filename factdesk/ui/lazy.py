"""Core modules that pull in the store (sqlite-utils), imported on first use rather than at
start, so the window appears before the database layer has loaded."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _Lazy:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


claim_edits: Any = _Lazy("factdesk.core.claim_edits")
anchors: Any = _Lazy("factdesk.core.anchors")
