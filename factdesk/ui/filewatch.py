"""A review file in the window notices what other processes wrote to it.

The command line (``factdesk claim set``, ``group join``, ``add``) and a second window write the
same file while this window shows it. SQLite says when that happened: ``PRAGMA data_version``
on this window's connection changes only when *another* connection committed, and reading it is
a few microseconds, so a timer polls it on the GUI thread (no file watcher, which sees the
WAL's every write, ours too). When it changed, the window compares what it shows with the file:

* the claims' versions (``updated_at``, with milliseconds) against the claim book: the changed,
  added and deleted claims are re-read one by one, as a desk's other reviewers' edits are
  (:meth:`MainWindow._show_pending_claims`) — the reviewer keeps their place and selection;
* the review's generation and the alignment's (articles, group edits, a re-alignment) and
  the articles' names: the snapshot is read again in the worker and shown in place, as after
  an import.

An edit made in the window after another process changed the same claim is refused by the
store's version check (``ClaimsRepository.check_versions``, turned on here), so it never
silently overwrites the newer edit; the window shows the other edit and says so.

Only while the worker is idle (it shares the connection; the window's own imports and
alignments write from a child process and show their result when done).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from factdesk.core.store import Review

log = logging.getLogger(__name__)

#: how often the file is asked whether another process committed
POLL_MS = 1000


class FileWatch(QObject):
    """Polls the shown review file for other processes' commits and shows them."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.review: Review | None = None
        self._version: int | None = None
        self._generations: tuple[int, int, int] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    # ------------------------------------------------------------------ following a review
    def follow(self, review: Review | None) -> None:
        """Watch ``review`` (a file review; a server review has its own notifications) from
        the state the window shows now."""
        if review is None or getattr(review, "is_server", False) or review.path is None:
            self.review = None
            self.timer.stop()
            return
        self.review = review
        review.check_versions = True
        book = self.w.tagging.book
        if book is not None:  # the versions the window shows are the snapshot's
            review.remember_versions(book.versions())
        self._version = self._data_version()
        self._generations = self._read_generations()
        self._catch_up(review)
        if not self.timer.isActive():
            self.timer.start()

    def _catch_up(self, review: Review) -> None:
        """Claims this window wrote after the shown snapshot was read: a re-alignment's
        snapshot is read on the worker, and the reviewer's own undo or edit may commit before
        it is shown (QA3 #7), which showed the claim's earlier words and status. Only the
        claims this connection wrote whose shown version is not its last are looked at (a
        few, not every claim: comparing 10,000 cost ~22 ms of CPU), and shown quietly when
        the file still holds that write; if another process wrote after it, as its edits are
        shown, with who made them."""
        book = self.w.tagging.book
        if book is None:
            return
        own = review.own_versions()
        behind = sorted(cid for cid, at in own.items()
                        if (c := book.claims.get(cid)) is None and at
                        or c is not None and c.updated_at != at)
        if not behind or not review._lock.acquire(blocking=False):
            return
        try:
            marks = ",".join("?" * len(behind))
            stored = dict(review.db.execute(
                f"select id, updated_at from claims where id in ({marks})", behind).fetchall())
        finally:
            review._lock.release()
        others: set[str] = set()
        for claim_id in behind:
            if stored.get(claim_id, "") == own[claim_id]:
                self.w.tagging.claim_changed(claim_id)
            else:
                others.add(claim_id)
        if others:
            self.w._pending_claims |= others
            self.w._show_pending_claims()

    def stop(self) -> None:
        self.timer.stop()
        self.review = None

    # ------------------------------------------------------------------ polling
    def poll(self) -> None:
        """One look: did another connection commit since the last? If so, show what."""
        review = self.review
        if review is None or review is not self.w.review or self.w.runner.busy:
            return
        # the file's lock (re-entrant) is held for the whole look, taken without waiting:
        # the GUI thread never queues behind a worker's write (it looks again next second)
        if not review._lock.acquire(blocking=False):
            return
        try:
            self._look(review)
        finally:
            review._lock.release()

    def _look(self, review: Review) -> None:
        version = self._data_version()
        if version is None or version == self._version:
            return
        self._version = version
        generations = self._read_generations()
        if generations != self._generations:
            self._generations = generations
            from factdesk.ui import jobs

            log.info("the review file changed outside the window: reloading")
            self.w.run_job(lambda **kw: jobs.reload(review, **kw),
                           "The review file was changed outside this window; showing it…")
            return
        changed = self._changed_claims()
        if changed:
            self.w._pending_claims |= changed
            self.w._show_pending_claims()

    def _data_version(self) -> int | None:
        """``PRAGMA data_version`` without waiting: None while the worker holds the file."""
        review = self.review
        if review is None or not review._lock.acquire(blocking=False):
            return None
        try:
            row = review.db.execute("PRAGMA data_version").fetchone()
            return int(row[0]) if row else None
        except Exception as exc:  # noqa: BLE001 - a closed or vanished file: stop asking
            log.info("cannot ask the review file for changes: %s", exc)
            self.stop()
            return None
        finally:
            review._lock.release()

    def _read_generations(self) -> tuple[int, int, int] | None:
        """What a reload shows beyond claims: the generation the analysis reads (articles'
        text, group edits, answers), the alignment's, and the articles' names and order (an
        outlet renamed by ``factdesk`` counts for no generation)."""
        review = self.review
        if review is None:
            return None
        with review.snapshot():
            names = review._rows("select id, outlet, title, position from articles order by id")
            return (review.generation, review.analysed_generation,
                    hash(tuple(tuple(r.values()) for r in names)))

    def _changed_claims(self) -> set[str]:
        """Claims whose stored version differs from the one shown, and those added or gone."""
        review, book = self.review, self.w.tagging.book
        if review is None or book is None:
            return set()
        with review._lock:  # plain tuples: 10,000 claims as dicts took ~40 ms
            stored = dict(review.db.execute("select id, updated_at from claims").fetchall())
        shown = book.claims
        changed = {cid for cid, at in stored.items()
                   if (c := shown.get(cid)) is None or c.updated_at != at}
        return changed | (shown.keys() - stored.keys())
