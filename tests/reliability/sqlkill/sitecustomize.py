"""Kill this Python process (SIGKILL) as it starts its Nth SQL statement — a trace hook.

Put this folder on ``PYTHONPATH`` and set ``FACTDESK_KILL_AT_STATEMENT=N`` to run the real
``factdesk`` command and have it die exactly before its Nth statement on any SQLite connection
(``sqlite3.Connection.set_trace_callback`` fires as each statement starts). With
``FACTDESK_TRACE_STATEMENTS=FILE`` every statement is appended to FILE, one per line, so a test
first counts an edit's statements, then kills it at each one. Not imported unless one of the
two variables is set, so it changes nothing else.
"""

from __future__ import annotations

import os
import signal
import sqlite3

_KILL_AT = int(os.environ.get("FACTDESK_KILL_AT_STATEMENT", "0") or 0)
_TRACE = os.environ.get("FACTDESK_TRACE_STATEMENTS", "")

if _KILL_AT or _TRACE:
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

    def _traced_connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = _connect(*args, **kwargs)
        conn.set_trace_callback(_trace)
        return conn

    sqlite3.connect = _traced_connect
