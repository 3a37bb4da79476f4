"""Progress reporting and cancellation for long core work (imports, alignment, exports).

The core never knows whether a progress bar or a terminal is listening: it calls a plain
callable, and checks a token the caller may cancel from another thread.
"""

from __future__ import annotations

import threading
from typing import Protocol


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel; nothing half-done is kept."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def no_progress(done: int, total: int, message: str = "") -> None:
    """The default progress sink: ignores everything."""


class CancelToken:
    """Thread-safe flag checked by long-running core functions."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
