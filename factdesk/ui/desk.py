"""A shared review in the window: other reviewers' edits arrive while it is open.

:class:`DeskWatch` listens to the server review's notifications (``store/server.Listener``) on
a Python thread of its own — a wait on the network never runs on the GUI thread — and hands
each batch of changes to the window through a queued Qt signal. The window then re-reads only
the claims that changed (a few rows), or reloads the snapshot in the worker when articles or
the alignment changed. A change reaches the window within the listener's wait (0.5 s) plus
the round trip, well inside the two seconds a desk was promised (``tests/ui/test_desk.py``).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from factdesk.core.store.server import ServerReview

log = logging.getLogger(__name__)
WAIT_S = 0.5
RETRY_S = 2.0  # after the server went away, how often to try listening again


class DeskWatch(QObject):
    """Listens for a server review's changes until :meth:`stop`; emits ``changed(list)``."""

    changed = Signal(object)  # list[store.server.Change], another connection's
    lost = Signal(str)  # the listening connection failed: why

    def __init__(self, review: ServerReview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="factdesk-desk-watch",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from factdesk.core.store.server import Change, Listener

        lost = False
        while not self._stop.is_set():
            listener: Listener | None = None
            try:
                listener = Listener(self.review)  # connects on this thread, never the GUI's
                if lost:  # back after an outage: what was said meanwhile was not heard
                    lost = False
                    self.changed.emit([Change("reconnected", None, 0)])
                while not self._stop.is_set():
                    changes = listener.wait(WAIT_S)
                    if changes and not self._stop.is_set():
                        self.changed.emit(changes)
            except Exception as exc:  # noqa: BLE001 - a lost connection is shown, not raised
                if not self._stop.is_set() and not lost:
                    lost = True
                    log.warning("listening to the server stopped", exc_info=exc)
                    self.lost.emit(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
                self._stop.wait(RETRY_S)  # then try again, until the window stops it
            finally:
                if listener is not None:
                    listener.close()  # by the thread that used the connection

    def stop(self) -> None:
        """Stop listening; returns at once (the thread ends within one wait)."""
        self._stop.set()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)
