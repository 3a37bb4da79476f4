"""Moving a review between a file and a server: ``factdesk push FILE URL`` / ``pull URL FILE``.

Every table of the file format is copied, row for row and column for column, in one
transaction on each side, so push then pull gives back an equal review (the test compares
them table by table). Ids stay what they were: claim ids, evidence and history ids, so a
history entry still names its claim and a later pull is comparable with the file it came from.
What only the server has — the claims' versions and the desk's roles — stays on the server;
the pusher becomes the review's first editor.

Neither side is ever half-written: a push that fails leaves no review on the server (the
schema is made in the same transaction as the copy), and a pull writes a ``.part`` file
beside the target and renames it only when it is complete.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from factdesk.core.progress import Progress, no_progress
from factdesk.core.store.review import Review
from factdesk.core.store.schema import ReviewFileError
from factdesk.core.store.server import (
    ServerReview,
    _ident,
    connect,
    file_tables,
    parse_server_url,
    server_ddl,
)


def _order(identity: str | None) -> str:
    return identity or "rowid"  # the order the file stored its rows in


def push(source: Review, url: str, *, reviewer: str, progress: Progress = no_progress) -> int:
    """Copy a review file to a new review on the server; returns the number of rows copied.

    Refuses when the server already has a review of that name (nothing is overwritten: pull
    it, or choose another name)."""
    import psycopg

    address = parse_server_url(url)
    pg = connect(address)
    copied = 0
    shapes = file_tables()
    try:
        if pg.execute("select 1 from pg_namespace where nspname = %s",
                      [address.schema]).fetchone():
            raise ReviewFileError(
                f"{address.display}: the server already has a review {address.review!r}; "
                "nothing was changed (pull it to a file, or push under another name)")
        with pg.transaction(), source.snapshot():
            for sql in server_ddl(address.schema, address.channel):
                pg.execute(sql)
            pg.execute("set constraints all deferred")
            for n, shape in enumerate(shapes):
                progress(n, len(shapes), f"Copying {shape.name}")
                cols = ", ".join(_ident(c) for c in shape.columns)
                rows = source.db.conn.execute(
                    f"select {', '.join(f'[{c}]' for c in shape.columns)} from [{shape.name}] "
                    f"order by {_order(shape.identity)}")
                if shape.name == "meta":
                    pg.cursor().executemany(
                        "insert into meta (key, value) values (%s, %s) on conflict (key) "
                        "do update set value = excluded.value", list(rows))
                    continue
                with pg.cursor().copy(f"copy {_ident(shape.name)} ({cols}) from stdin") as copy:
                    for row in rows:
                        copy.write_row(row)
                        copied += 1
                if shape.identity:
                    seq = _sqlite_sequence(source, shape.name)
                    key = _ident(shape.identity)
                    pg.execute(
                        f"select setval(pg_get_serial_sequence(%s, %s), "
                        f"greatest(coalesce(max({key}), 0), %s) + 1, false) "
                        f"from {_ident(shape.name)}",
                        [f"{address.schema}.{shape.name}", shape.identity, seq])
            # after every table: the triggers that ran during the copy bumped the generation
            for key, value in source.db.conn.execute("select key, value from meta"):
                pg.execute("update meta set value = %s where key = %s", [value, key])
            pg.execute("insert into meta (key, value) values ('schema_version', %s) "
                       "on conflict (key) do update set value = excluded.value",
                       [str(source.schema_version)])
            if reviewer:
                pg.execute("insert into reviewers (name, role, added_at, changed_by) "
                           "values (%s, 'editor', now()::text, %s)", [reviewer, reviewer])
    except psycopg.Error as exc:
        raise ReviewFileError(f"{address.display}: the push failed, nothing was stored on the "
                              f"server ({str(exc).strip().splitlines()[0]})") from exc
    finally:
        pg.close()
    progress(len(shapes), len(shapes), "Pushed")
    return copied


def _sqlite_sequence(review: Review, table: str) -> int:
    """The highest id a file's AUTOINCREMENT table ever handed out (deleted ones included)."""
    with contextlib.suppress(sqlite3.Error):
        row = review.db.conn.execute("select seq from sqlite_sequence where name = ?",
                                     [table]).fetchone()
        return int(row[0]) if row else 0
    return 0


def pull(source: ServerReview, target: str | Path, *, progress: Progress = no_progress) -> int:
    """Copy a server review into a new review file; returns the number of rows copied.

    Refuses an existing target (nothing is overwritten). Built at ``TARGET.part`` and renamed
    when complete, so a failed pull leaves no half a review under the target's name."""
    target = Path(target)
    if target.exists():
        raise ReviewFileError(f"{target}: already exists; nothing was changed (pull to a new "
                              "file name)")
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    shapes = file_tables()
    copied = 0
    try:
        with Review.open(part, create=True, backup=False) as out, source.snapshot():
            pg = source.db.pg
            with out.transaction() as db:
                db.conn.execute("pragma defer_foreign_keys = on")
                db.execute("delete from meta")
                meta: list[tuple[Any, ...]] = []
                for n, shape in enumerate(shapes):
                    progress(n, len(shapes), f"Copying {shape.name}")
                    cols = ", ".join(_ident(c) for c in shape.columns)
                    rows = pg.execute(f"select {cols} from {_ident(shape.name)} "
                                      f"order by {_order(shape.identity)}").fetchall()
                    if shape.name == "meta":
                        rows = [r for r in rows if r[0] != "schema_version"]
                        meta = rows
                        continue
                    marks = ", ".join("?" * len(shape.columns))
                    db.conn.executemany(
                        f"insert into [{shape.name}] "
                        f"({', '.join(f'[{c}]' for c in shape.columns)}) values ({marks})",
                        [_from_server(r) for r in rows])
                    copied += len(rows)
                    if shape.identity:
                        _copy_sequence(pg, db.conn, shape.name, shape.identity)
                db.conn.executemany("insert or replace into meta (key, value) values (?, ?)",
                                    meta)
        os.replace(part, target)
    except BaseException:
        for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    progress(len(shapes), len(shapes), "Pulled")
    return copied


def _copy_sequence(pg: Any, conn: sqlite3.Connection, table: str, key: str) -> None:
    """The file hands out ids after the server's highest, deleted ones included."""
    name = pg.execute("select pg_get_serial_sequence(%s, %s)", [table, key]).fetchone()[0]
    last, called = pg.execute(f"select last_value, is_called from {name}").fetchone()
    used = int(last) if called else int(last) - 1
    if used <= 0:
        return
    if conn.execute("update sqlite_sequence set seq = max(seq, ?) where name = ?",
                    [used, table]).rowcount == 0:
        conn.execute("insert into sqlite_sequence (name, seq) values (?, ?)", [table, used])


def _from_server(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """psycopg gives bytea as ``bytes`` already; memoryviews (older drivers) become bytes."""
    return tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
