"""Kill this Python process (SIGKILL) as it starts its Nth SQL statement — a trace hook.

Put this folder on ``PYTHONPATH`` and set ``FACTDESK_KILL_AT_STATEMENT=N`` to run the real
``factdesk`` command and have it die exactly before its Nth statement on any SQLite connection
(``sqlite3.Connection.set_trace_callback`` fires as each statement starts). With
``FACTDESK_TRACE_STATEMENTS=FILE`` every statement is appended to FILE, one per line, so a test
first counts an edit's statements, then kills it at each one.

``FACTDESK_PAUSE_FILE=PATH`` with ``FACTDESK_PAUSE_AFTER=TEXT`` and ``FACTDESK_PAUSE_AT=TEXT``
holds the process, once, as it starts the first statement containing PAUSE_AT that follows one
containing PAUSE_AFTER: it creates ``PATH.paused`` and waits until ``PATH`` exists (at most two
minutes, so a test that fails cannot hang). A race test uses it to let other commands commit
at the one moment that matters (after an analysis read the review, before it stores its
result) instead of hoping the scheduler interleaves them so.

Does nothing unless one of these variables is set.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time

_KILL_AT = int(os.environ.get("FACTDESK_KILL_AT_STATEMENT", "0") or 0)
_TRACE = os.environ.get("FACTDESK_TRACE_STATEMENTS", "")
_PAUSE = os.environ.get("FACTDESK_PAUSE_FILE", "")
_PAUSE_AFTER = os.environ.get("FACTDESK_PAUSE_AFTER", "")
_PAUSE_AT = os.environ.get("FACTDESK_PAUSE_AT", "")
_pause_state = {"armed": False, "done": False}


def _maybe_pause(sql: str) -> None:
    if _pause_state["done"]:
        return
    if not _pause_state["armed"]:
        _pause_state["armed"] = _PAUSE_AFTER in sql
        return
    if _PAUSE_AT not in sql:
        return
    _pause_state["done"] = True
    with open(f"{_PAUSE}.paused", "w", encoding="utf-8") as fh:
        fh.write(sql)
    deadline = time.monotonic() + 120
    while not os.path.exists(_PAUSE) and time.monotonic() < deadline:
        time.sleep(0.02)


if _KILL_AT or _TRACE or _PAUSE:
    _connect = sqlite3.connect
    _seen = 0

    def _trace(sql: str) -> None:
        global _seen
        _seen += 1
        if _TRACE:
            with open(_TRACE, "a", encoding="utf-8") as fh:
                fh.write(" ".join(sql.split())[:200] + "\n")
        if _seen == _KILL_AT:
            os.kill(os.getpid(), signal.SIGKILL)
        if _PAUSE:
            _maybe_pause(sql)

    def _traced_connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = _connect(*args, **kwargs)
        conn.set_trace_callback(_trace)
        return conn

    sqlite3.connect = _traced_connect
