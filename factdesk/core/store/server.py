"""A shared review on a PostgreSQL server: the same :class:`Review`, another database.

A desk opens ``postgresql://host/db?review=story`` where a lone reviewer opens a file. The
review's SQL is the file's SQL: :class:`ServerDatabase` is a small adapter with the part of
sqlite-utils' interface the store uses (``execute``, ``query``, ``db[table].insert/upsert``,
``atomic``), and it turns SQLite's spelling into PostgreSQL's in one place (:func:`translate`:
``?``/``:name`` parameters, ``[quoted]`` names, ``INSERT OR IGNORE/REPLACE``, ``ifnull``,
``last_pk`` by ``RETURNING``). So every read
and write of :class:`Review` and its mixins runs unchanged on both, and the store's tests run
against both (``tests/core/test_claims.py`` is parametrized over a file and a server).

The server's tables are *made from the file's*: the current migrations are run on an
in-memory SQLite review and its tables, columns, keys and indexes are read back
(:func:`server_ddl`), so a migration another engineer appends reaches the server with no
second schema to keep in step. Each review lives in its own PostgreSQL schema (``fd_<name>``)
so one database holds a desk's stories and the same unqualified SQL names the right tables.

What only a shared review needs, added here:

* **version check** — each claim has a ``version``; an edit is ``UPDATE … WHERE version =``
  the version this connection last *showed* (read outside a write transaction, as the window's
  snapshot does). If another reviewer changed the claim since, :class:`ClaimConflict` says who
  and when and nothing is written — no silent overwrite. Inside a write transaction the claim
  row is locked (``FOR UPDATE``) before it is read, so read-modify-write is atomic;
* **notifications** — triggers ``pg_notify`` the review's channel with the claim (or table)
  that changed, at commit; :class:`Listener` waits for them on its own connection;
* **roles** — a ``reviewers`` table (reviewer | editor). Whoever edits is on the desk as a
  reviewer; only an editor may settle a claim or change a role (:meth:`require_editor`).

psycopg is imported here only, and this module only when a ``postgresql://`` URL is opened,
so starting factdesk on a file loads no PostgreSQL code (#18's start-up budget).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from factdesk.core.identity import Reviewer
from factdesk.core.model import Claim
from factdesk.core.store.review import Review
from factdesk.core.store.schema import SCHEMA_VERSION, ClaimConflict, ReviewFileError

__all__ = ["ClaimConflict"]  # raised here and by a file review (defined in schema)

if TYPE_CHECKING:
    import psycopg

SERVER_SCHEMES = ("postgresql://", "postgres://")
ROLES = ("reviewer", "editor")
#: a review's name: what a desk types after ``review=``; also its schema and channel name
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")
CONNECT_TIMEOUT_S = 10


def is_server_url(location: object) -> bool:
    """Whether a review location names a server review rather than a file."""
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)


class RoleError(ReviewFileError):
    """The reviewer's role does not allow the action (say, a reviewer settling a claim)."""


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """Where a server review is: libpq's connection URL (without ``review=``) and the name."""

    conninfo: str
    review: str

    @property
    def schema(self) -> str:
        return f"fd_{self.review}"

    @property
    def channel(self) -> str:
        return self.schema

    @property
    def display(self) -> str:
        """The URL as shown to the reviewer: never with a password."""
        parts = urlsplit(self.conninfo)
        host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "localhost")
        port = f":{parts.port}" if parts.port else ""
        return f"{host}{port}{parts.path or '/'}?review={self.review}"


def parse_server_url(url: str) -> ServerAddress:
    """Split ``postgresql://…?review=name`` into libpq's URL and the review's name."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = [v for k, v in query if k == "review"]
    if not names or not names[0]:
        raise ReviewFileError(
            f"{url}: say which review on the server, e.g. postgresql://host/db?review=story"
        )
    name = names[0].strip().lower()
    if not _NAME.match(name):
        raise ReviewFileError(
            f"{url}: a review's name is up to 48 lower-case letters, digits, '-' or '_' "
            f"(got {names[0]!r})"
        )
    rest = urlencode([(k, v) for k, v in query if k != "review"])
    return ServerAddress(urlunsplit(parts._replace(query=rest)), name)


def connect(address: ServerAddress) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (transactions are begun explicitly, as on the file)."""
    import psycopg

    try:
        return psycopg.connect(
            address.conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
            application_name="factdesk",
        )
    except psycopg.Error as exc:
        raise ReviewFileError(
            f"{address.display}: cannot connect to the server ({_first_line(exc)})"
        ) from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------- the SQL dialect
_TOKENS = re.compile(r"'(?:[^']|'')*'|\[([^\]]+)\]|\?|(?<!:):([A-Za-z_]\w*)|%|"
                     r"\b(ifnull)\s*\(", re.IGNORECASE)
_INSERT = re.compile(r"^\s*insert\s+into\s+\[?\"?(\w+)", re.IGNORECASE)
_INSERT_OR = re.compile(r"^\s*insert\s+or\s+(ignore|replace)\s+into\s+\[?\"?(\w+)\]?\"?"
                        r"\s*(?:\(([^)]*)\))?", re.IGNORECASE)


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite's spelling of a statement in PostgreSQL's: ``?`` → ``%s``, ``:name`` →
    ``%(name)s``, ``[name]`` → ``"name"``, a literal ``%`` doubled; quoted strings untouched.
    Written by hand: the store's SQL is plain SQL-92 apart from these, and a general SQL
    translator (sqlglot) would be a large dependency for four substitutions."""

    def sub(m: re.Match[str]) -> str:
        text = m.group(0)
        if text.startswith("'"):
            return text
        if m.group(1) is not None:
            return _ident(m.group(1))
        if text == "?":
            return "%s"
        if m.group(2):
            return f"%({m.group(2)})s"
        if m.group(3):
            return "coalesce("
        return "%%"

    conflict = ""
    upsert = _INSERT_OR.match(sql)
    if upsert:  # SQLite's INSERT OR IGNORE / OR REPLACE: PostgreSQL's ON CONFLICT
        kind, table, columns = upsert.group(1).lower(), upsert.group(2), upsert.group(3)
        sql = re.sub(r"^\s*insert\s+or\s+\w+\s+into", "insert into", sql, flags=re.IGNORECASE)
        keys = _primary_keys().get(table, ())
        names = [c.strip().strip('[]"') for c in (columns or "").split(",") if c.strip()]
        if kind == "ignore":
            conflict = " on conflict do nothing"
        elif not keys or not names:
            raise NotImplementedError(f"INSERT OR REPLACE into {table} needs its column list "
                                      "and a primary key to run on the server")
        else:
            rest = [c for c in names if c not in keys]
            conflict = f" on conflict ({', '.join(map(_ident, keys))}) " + (
                "do update set " + ", ".join(f"{_ident(c)} = excluded.{_ident(c)}"
                                             for c in rest) if rest else "do nothing")
    return _TOKENS.sub(sub, sql).rstrip().rstrip(";") + conflict


class _Cursor:
    """What the store reads from a cursor: rows, ``rowcount`` and ``lastrowid``."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


class _Conn:
    """``db.conn`` as the store uses it: ``execute`` and ``in_transaction``."""

    def __init__(self, db: ServerDatabase) -> None:
        self._db = db

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._db.pg.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> _Cursor:
        return self._db.execute(sql, params)

    def close(self) -> None:
        self._db.pg.close()


class _Table:
    """``db[table]`` with the sqlite-utils methods the store calls."""

    def __init__(self, db: ServerDatabase, name: str) -> None:
        self.db, self.name = db, name
        self.last_pk: Any = None

    def insert(self, row: dict[str, Any]) -> _Table:
        self.last_pk = self._write([row], None, returning=self.db.identity_tables.get(self.name))
        return self

    def insert_all(self, rows: Iterable[dict[str, Any]], pk: str | None = None,
                   replace: bool = False, **_: Any) -> _Table:
        self._write(list(rows), pk if replace else None)
        return self

    def upsert(self, row: dict[str, Any], pk: str) -> _Table:
        self._write([row], pk)
        return self

    def update(self, pk_value: Any, updates: dict[str, Any]) -> _Table:
        if updates:
            sets = ", ".join(f"{_ident(k)} = %s" for k in updates)
            self.db.pg.execute(f"update {_ident(self.name)} set {sets} where id = %s",
                               [*updates.values(), pk_value])
        return self

    def _write(self, rows: list[dict[str, Any]], conflict_key: str | None, *,
               returning: str | None = None) -> Any:
        if not rows:
            return None
        columns = list(rows[0])
        sql = (f"insert into {_ident(self.name)} ({', '.join(map(_ident, columns))}) "
               f"values ({', '.join(['%s'] * len(columns))})")
        if conflict_key:
            others = [c for c in columns if c != conflict_key]
            sql += f" on conflict ({_ident(conflict_key)}) " + (
                "do update set " + ", ".join(f"{_ident(c)} = excluded.{_ident(c)}" for c in others)
                if others else "do nothing")
        if returning:
            row = self.db.pg.execute(sql + f" returning {_ident(returning)}",
                                     [rows[0][c] for c in columns])
            return row.fetchone()[0]  # type: ignore[index]
        with self.db.pg.cursor() as cur:
            cur.executemany(sql, [[r.get(c) for c in columns] for r in rows])
        return None


class ServerDatabase:
    """The part of sqlite-utils' ``Database`` the store uses, over a psycopg connection."""

    def __init__(self, pg: psycopg.Connection[Any], identity_tables: dict[str, str]) -> None:
        self.pg = pg
        self.identity_tables = identity_tables
        self.conn = _Conn(self)
        self._savepoints = 0

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> _Cursor:
        text = translate(sql)
        match = _INSERT.match(sql)
        key = self.identity_tables.get(match.group(1)) if match else None
        wants_id = bool(key and "returning" not in sql.lower())
        cur = self.pg.execute(text + (f" returning {_ident(key)}" if wants_id and key else ""),
                              params or None)
        rows = cur.fetchall() if cur.description else []
        lastrowid = rows[0][0] if wants_id and rows else None
        return _Cursor([] if wants_id else rows, cur.rowcount, lastrowid)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[dict]:
        from psycopg.rows import dict_row

        with self.pg.cursor(row_factory=dict_row) as cur:
            cur.execute(translate(sql), params or None)
            yield from cur.fetchall()

    def __getitem__(self, name: str) -> _Table:
        return _Table(self, name)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[ServerDatabase]:
        """A savepoint inside the running transaction (a nested ``transaction()``)."""
        self._savepoints += 1
        name = f"fd_sp{self._savepoints}"
        self.pg.execute(f"savepoint {name}")
        try:
            yield self
            self.pg.execute(f"release savepoint {name}")
        except BaseException:
            self.pg.execute(f"rollback to savepoint {name}")
            raise
        finally:
            self._savepoints -= 1

    def table_names(self) -> list[str]:
        return [r[0] for r in self.pg.execute(
            "select table_name from information_schema.tables "
            "where table_schema = current_schema() order by table_name")]

    def close(self) -> None:
        self.pg.close()


# ---------------------------------------------------------------------------- the schema
@dataclass(frozen=True, slots=True)
class TableShape:
    """One table of the file, as read back from SQLite (its columns in order)."""

    name: str
    columns: tuple[str, ...]
    identity: str | None  # its INTEGER PRIMARY KEY, handed out by the database (SQLite's rowid)
    keys: tuple[str, ...] = ()  # its primary key


@lru_cache(maxsize=1)
def _primary_keys() -> dict[str, tuple[str, ...]]:
    return {t.name: t.keys for t in file_tables()}


_TYPES = {"INTEGER": "bigint", "INT": "bigint", "TEXT": "text", "REAL": "double precision",
          "FLOAT": "double precision", "BLOB": "bytea", "": "text"}


def file_tables() -> list[TableShape]:
    """The tables of a review file at the current format, in creation order."""
    shapes, _ = _schema_from_file()
    return shapes


@lru_cache(maxsize=1)
def _schema_from_file() -> tuple[list[TableShape], tuple[str, ...]]:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    from sqlite_utils import Database

    review = Review(Database(conn), None)
    review._prepare(new_ok=True)
    shapes: list[TableShape] = []
    ddl: list[str] = []
    later: list[str] = []
    tables = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
        "order by rowid")]
    for table in tables:
        info = conn.execute(f"pragma table_info([{table}])").fetchall()
        pks = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
        identity = pks[0] if len(pks) == 1 and any(
            row[1] == pks[0] and row[2].upper().startswith("INT") for row in info) else None
        cols = []
        for _cid, name, typ, notnull, default, _pk in info:
            pg_type = _TYPES.get(typ.upper().split("(")[0], "text")
            if name == identity:
                cols.append(f"{_ident(name)} bigint generated by default as identity")
                continue
            col = f"{_ident(name)} {pg_type}"
            if notnull:
                col += " not null"
            if default is not None:
                col += f" default {default}"
            cols.append(col)
        if not identity:
            # the file's implicit rowid: the order rows were stored in ("order by rowid")
            cols.append('"rowid" bigint generated always as identity')
        if pks:
            cols.append(f"primary key ({', '.join(map(_ident, pks))})")
        if table == "claims":
            cols.append('"version" bigint not null default 1')
        ddl.append(f"create table {_ident(table)} ({', '.join(cols)})")
        for idx in conn.execute(f"pragma index_list([{table}])").fetchall():
            _seq, iname, unique, origin, _partial = idx
            if origin == "pk":
                continue
            icols = [r[2] for r in conn.execute(f"pragma index_info([{iname}])")]
            kind = "unique index" if unique else "index"
            ddl.append(f"create {kind} on {_ident(table)} ({', '.join(map(_ident, icols))})")
        for fk in conn.execute(f"pragma foreign_key_list([{table}])").fetchall():
            _id, _seq, ref, src, dst, _upd, on_delete, _match = fk
            action = f" on delete {on_delete.lower()}" if on_delete not in ("NO ACTION", "") else ""
            later.append(
                f"alter table {_ident(table)} add foreign key ({_ident(src)}) "
                f"references {_ident(ref)} ({_ident(dst or 'id')}){action} "
                "deferrable initially immediate")
        shapes.append(TableShape(table, tuple(r[1] for r in info), identity, tuple(pks)))
    # the rows the migrations put in a new review (the generation counters of v5, …)
    now = """to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')"""
    seeds = [
        f"insert into meta (key, value) values ({_literal(key)}, "
        f"{now if key == 'created_at' else _literal(value)}) on conflict (key) do nothing"
        for key, value in conn.execute("select key, value from meta order by key")
    ]
    conn.close()
    return shapes, tuple(ddl + later + seeds)


def _announced_tables() -> list[str]:
    """The tables whose changes make other windows reload: every table of the file (so one a
    later migration adds is announced too) but the claim's own rows, announced one by one
    with the claim (a reviewer's decisions too), its history (which only ever comes with a
    claim's change) and meta."""
    quiet = {"claims", "evidence", "decisions", "history", "meta"}
    return [t.name for t in file_tables() if t.name not in quiet]


def server_ddl(schema: str, channel: str) -> list[str]:
    """Every statement that makes an empty review in ``schema``: the file's tables, plus the
    claim version, the desk's reviewers, the generation triggers and the notifications."""
    _, tables = _schema_from_file()
    s = _ident(schema)
    return [
        f"create schema {s}",
        f"set local search_path to {s}",
        *tables,
        """create table "reviewers" ("name" text primary key,
            "role" text not null default 'reviewer' check ("role" in ('reviewer', 'editor')),
            "added_at" text not null default '', "changed_by" text not null default '')""",
        "insert into meta (key, value) values ('claims.last_number', '0') "
        "on conflict (key) do nothing",
        # the file's generation triggers (schema v5), in PostgreSQL's form
        f"""create function {s}.bump_generation() returns trigger language plpgsql
            set search_path to {s} as $$ begin
            update meta set value = (value::bigint + 1)::text where key = 'generation';
            return null; end $$""",
        "create trigger generation_articles after insert or delete on articles "
        "for each row execute function bump_generation()",
        "create trigger generation_articles_text after update of text on articles "
        "for each row execute function bump_generation()",
        "create trigger generation_group_edits after insert or delete on group_edits "
        "for each row execute function bump_generation()",
        "create trigger generation_pair_answers after insert or update or delete on "
        "pair_answers for each row execute function bump_generation()",
        # every changed claim is announced on the review's channel, at commit
        f"""create function {s}.notify_claim() returns trigger language plpgsql as $$ begin
            perform pg_notify(TG_ARGV[0], json_build_object('table', TG_TABLE_NAME, 'claim',
              (case when TG_OP = 'DELETE' then to_jsonb(OLD) else to_jsonb(NEW) end)
              ->> TG_ARGV[1])::text);
            return null; end $$""",
        f"""create function {s}.notify_table() returns trigger language plpgsql as $$ begin
            perform pg_notify(TG_ARGV[0], json_build_object('table', TG_TABLE_NAME)::text);
            return null; end $$""",
        *[f"create trigger notify_{t} after insert or update or delete on {t} for each row "
          f"execute function notify_claim('{channel}', '{col}')"
          for t, col in (("claims", "id"), ("evidence", "claim_id"),
                         ("decisions", "claim_id"))],
        *[f"create trigger notify_{t} after insert or update or delete on {t} "
          f"for each statement execute function notify_table('{channel}')"
          for t in _announced_tables()],
    ]


# ---------------------------------------------------------------------------- the review
class ServerReview(Review):
    """A review in a schema of a PostgreSQL database, used exactly as a review file is."""

    is_server = True

    def __init__(self, db: Any, address: ServerAddress, location: str) -> None:
        super().__init__(db, None)
        self.address = address
        self._location = location
        self._seen: dict[str, int] = {}  # claim id → the version this connection last showed
        self._on_desk: set[str] = set()  # reviewers this connection has put on the desk
        self._writing = 0

    @classmethod
    def connect(cls, url: str, *, create: bool = False, read_only: bool = False,
                reviewer: str = "") -> ServerReview:
        """Open the review ``url`` names; with ``create``, make it (empty) if it is not there."""
        address = parse_server_url(url)
        pg = connect(address)
        try:
            identity = {t.name: t.identity for t in file_tables() if t.identity}
            review = cls(ServerDatabase(pg, identity), address, url)
            review.read_only = read_only
            review.read_only_reason = "opened read-only"
            review._open_schema(create=create, reviewer=reviewer)
        except BaseException:
            pg.close()
            raise
        return review

    def _open_schema(self, *, create: bool, reviewer: str) -> None:
        import psycopg

        pg = self.db.pg
        where = self.address.display
        exists = pg.execute("select 1 from pg_namespace where nspname = %s",
                            [self.address.schema]).fetchone()
        if not exists:
            if not create:
                raise ReviewFileError(
                    f"{where}: no review {self.address.review!r} on this server; put one there "
                    f"with `factdesk push FILE URL`")
            try:
                with pg.transaction():
                    for sql in server_ddl(self.address.schema, self.address.channel):
                        pg.execute(sql)
                    pg.execute(f"set local search_path to {_ident(self.address.schema)}")
                    pg.execute("insert into meta (key, value) values ('schema_version', %s) "
                               "on conflict (key) do update set value = excluded.value",
                               [str(SCHEMA_VERSION)])
                    if reviewer:  # whoever puts a review on the server is its first editor
                        pg.execute("insert into reviewers (name, role, added_at, changed_by) "
                                   "values (%s, 'editor', now()::text, %s)", [reviewer, reviewer])
            except psycopg.errors.DuplicateSchema:
                pass  # another reviewer made it at the same moment: use theirs
            except psycopg.Error as exc:
                raise ReviewFileError(f"{where}: could not make the review ({_first_line(exc)})"
                                      ) from exc
        pg.execute(f"set search_path to {_ident(self.address.schema)}")
        row = pg.execute("select value from meta where key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise ReviewFileError(
                f"{where}: made by a newer factdesk (review format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Open it with a newer factdesk; nothing was "
                "changed.")
        if version < SCHEMA_VERSION:
            raise ReviewFileError(
                f"{where}: made by an older factdesk (review format {version}). `factdesk pull` "
                "it to a file, open that file once (it is brought up to date), and push it "
                "as a new review; nothing was changed.")

    # ------------------------------------------------------------------ what differs
    @property
    def location(self) -> str:
        return self._location

    @property
    def schema_version(self) -> int:
        return int(self.get_meta("schema_version", "0") or 0)

    @property
    def title(self) -> str:
        return self.get_meta("title") or self.address.review

    def close(self) -> None:
        with self._lock:
            self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One server transaction, committed before returning; nested ones are savepoints."""
        import psycopg

        with self._lock:
            if self.read_only:
                raise ReviewFileError(
                    f"{self.address.display}: the review is {self.read_only_reason}; it can "
                    "be read but not edited. Nothing was changed.")
            if self.db.conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            self._writing += 1
            try:
                pg = self._begin("begin")
                try:
                    yield self.db
                    pg.execute("commit")
                except BaseException as exc:
                    with contextlib.suppress(psycopg.Error):
                        pg.execute("rollback")
                    busy = (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected,
                            psycopg.errors.SerializationFailure)
                    if isinstance(exc, busy):
                        raise ReviewFileError(
                            f"{self.address.display}: another reviewer saved at the same moment; "
                            "try again (nothing was changed)") from exc
                    if isinstance(exc, psycopg.OperationalError):
                        raise ReviewFileError(
                            f"{self.address.display}: the connection to the server was lost "
                            f"({_first_line(exc)}); nothing was changed") from exc
                    if isinstance(exc, psycopg.Error):  # as the file's errors: with a reason
                        raise ReviewFileError(
                            f"{self.address.display}: the server refused the change "
                            f"({_first_line(exc)}); nothing was changed") from exc
                    raise
            finally:
                self._writing -= 1

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one committed state of the review (REPEATABLE READ, read only)."""
        with self._lock:
            if self.db.conn.in_transaction:
                yield
                return
            self._begin("begin isolation level repeatable read read only")
            try:
                yield
            finally:
                if self.db.conn.in_transaction:
                    self.db.pg.execute("commit")

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        import psycopg

        with self._lock:
            outside = not self.db.conn.in_transaction
            if outside:
                self._connected()
            try:
                return super()._rows(sql, params)
            except psycopg.OperationalError as exc:
                if outside and self.db.pg.broken:  # the server restarted: once more, anew
                    with contextlib.suppress(ReviewFileError, psycopg.OperationalError):
                        self._connected()
                        return super()._rows(sql, params)
                raise ReviewFileError(f"{self.address.display}: the connection to the server "
                                      f"was lost ({_first_line(exc)})") from exc

    def _begin(self, sql: str) -> Any:
        """Begin a transaction; a connection found broken only now (nothing sent in this
        transaction yet) is made again and the transaction begun on the new one, once."""
        import psycopg

        pg = self._connected()
        try:
            pg.execute(sql)
        except psycopg.OperationalError as exc:
            if not pg.broken:
                raise ReviewFileError(f"{self.address.display}: {_first_line(exc)}; nothing "
                                      "was changed") from exc
            try:
                pg = self._connected()
                pg.execute(sql)
            except psycopg.OperationalError as again:
                raise ReviewFileError(f"{self.address.display}: the server cannot be reached "
                                      f"({_first_line(again)}); nothing was changed") from again
        return pg

    def _connected(self) -> Any:
        """The connection, made again if the last one broke (a server restart, a network
        drop): the next edit or read after an outage works without reopening the review. The
        versions this window has seen stay valid — they are the server's."""
        pg = self.db.pg
        if pg.broken or pg.closed:
            fresh = connect(self.address)
            fresh.execute(f"set search_path to {_ident(self.address.schema)}")
            self.db.pg = fresh
            with contextlib.suppress(Exception):
                pg.close()
            pg = fresh
        return pg

    def integrity_ok(self) -> bool:
        """PostgreSQL keeps its own pages whole; what can go wrong is a missing table."""
        return set(t.name for t in file_tables()) <= set(self.db.table_names())

    def backup_to(self, target: Any) -> None:
        """The server keeps the review (its own backups are the server's administrator's);
        a copy as a file is ``factdesk pull`` (``store/transfer.py``)."""
        raise ReviewFileError(f"{self.address.display}: a shared review is copied to a file "
                              "with `factdesk pull URL FILE`")

    # ------------------------------------------------------------------ claims: versions
    def claims(self, article_id: str | None = None) -> list[Claim]:
        with self.snapshot():
            claims = super().claims(article_id)
            if not self._writing:
                self._remember(claim.id for claim in claims)
        return claims

    def claim(self, claim_id: str) -> Claim:
        with self._lock:
            if self._writing:
                # lock the row first: a read-modify-write in this transaction is atomic
                self.db.pg.execute("select 1 from claims where id = %s for update", [claim_id])
                return super().claim(claim_id)
            with self.snapshot():
                claim = super().claim(claim_id)
                self._remember([claim_id])
            return claim

    def _remember(self, ids: Iterable[str]) -> None:
        wanted = list(ids)
        if wanted:
            rows = self.db.pg.execute("select id, version from claims where id = any(%s)",
                                      [wanted]).fetchall()
            self._seen.update({cid: int(v) for cid, v in rows})

    def update_claim(self, claim_id: str, **fields: Any) -> None:
        unknown = set(fields) - self.CLAIM_FIELDS
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        values = {k: (str(v) if k == "status" else v) for k, v in fields.items()}
        sets = ", ".join(f"{_ident(k)} = %({k})s" for k in values)
        seen = self._seen.get(claim_id)
        with self.transaction() as db:
            check = "" if seen is None else " and version = %(seen)s"
            row = db.pg.execute(
                f"update claims set {sets}, version = version + 1 "
                f"where id = %(claim_id)s{check} returning version",
                {**values, "claim_id": claim_id, "seen": seen}).fetchone()
            if row is None:
                self._refuse(claim_id)
            self._seen[claim_id] = int(row[0])  # type: ignore[index]

    def delete_claim_row(self, claim_id: str) -> None:
        seen = self._seen.get(claim_id)
        with self.transaction() as db:
            if seen is not None:
                now = db.pg.execute("select version from claims where id = %s for update",
                                    [claim_id]).fetchone()
                if now is not None and int(now[0]) != seen:
                    self._refuse(claim_id)
            super().delete_claim_row(claim_id)
            self._seen.pop(claim_id, None)

    def insert_claim(self, claim: Claim) -> None:
        super().insert_claim(claim)
        self._seen[claim.id] = 1

    def _refuse(self, claim_id: str) -> None:
        row = self.db.pg.execute("select reviewer, updated_at from claims where id = %s",
                                 [claim_id]).fetchone()
        if row is None:
            raise KeyError(claim_id)
        raise ClaimConflict(claim_id, row[0], row[1])

    @staticmethod
    def _claim_counter(db: Any) -> int:
        """The claim counter, locked: two reviewers creating claims get different ids."""
        row = db.pg.execute("select value from meta where key = 'claims.last_number' "
                            "for update").fetchone()
        return int(row[0]) if row else 0

    def add_history(self, claim_id: str, field: str, old: str, new: str, *, reviewer: str,
                    at: str) -> Any:
        with self.transaction() as db:
            if reviewer and reviewer not in self._on_desk:  # whoever edits is on the desk
                db.pg.execute("insert into reviewers (name, role, added_at) "
                              "values (%s, 'reviewer', %s) on conflict (name) do nothing",
                              [reviewer, at])
            entry = super().add_history(claim_id, field, old, new, reviewer=reviewer, at=at)
        if reviewer:  # once per connection (if that transaction is rolled back, the name
            self._on_desk.add(reviewer)  # waits for another connection; role_of says reviewer)
        return entry

    # ------------------------------------------------------------------ roles
    def role_of(self, reviewer: str) -> str:
        row = self.db.pg.execute("select role from reviewers where name = %s",
                                 [reviewer]).fetchone()
        return str(row[0]) if row else "reviewer"

    def reviewers(self) -> dict[str, str]:
        return {name: role for name, role in
                self.db.pg.execute("select name, role from reviewers order by name")}

    def set_role(self, reviewer: str, role: str, *, by: str) -> None:
        """Make ``reviewer`` an editor or a reviewer; only an editor may (the first editor of a
        review with none is whoever asks, so a desk can start)."""
        if role not in ROLES:
            raise ValueError(f"a role is one of {', '.join(ROLES)}, not {role!r}")
        with self.transaction() as db:
            editors = [r[0] for r in db.pg.execute(
                "select name from reviewers where role = 'editor' for update")]
            if editors and by not in editors:
                raise RoleError(f"{self.address.display}: only an editor can change roles, and "
                                f"{by} is a reviewer (editors: {', '.join(editors)})")
            if role == "reviewer" and editors == [reviewer]:
                raise RoleError(f"{self.address.display}: {reviewer} is the only editor; make "
                                "someone else an editor first")
            db.pg.execute(
                "insert into reviewers (name, role, added_at, changed_by) "
                "values (%s, %s, now()::text, %s) on conflict (name) do update "
                "set role = excluded.role, changed_by = excluded.changed_by",
                [reviewer, role, by])

    def may_settle(self, reviewer: Reviewer) -> bool:
        """On a shared review the server's role decides (not the reviewer's own setting):
        ``claim_edits.settle`` asks this before an editor's decision is written."""
        return self.role_of(reviewer.signature) == "editor"

    def require_editor(self, reviewer: str, action: str = "settle a claim") -> None:
        if self.role_of(reviewer) != "editor":
            raise RoleError(f"{self.address.display}: only an editor can {action}; "
                            f"{reviewer} is a reviewer on this desk")


# ---------------------------------------------------------------------------- listening
@dataclass(frozen=True, slots=True)
class Change:
    """What another connection changed: a table, and the claim when it was one."""

    table: str
    claim_id: str | None
    by_pid: int


class Listener:
    """Waits for a review's notifications on its own connection (run it off the GUI thread).

    ``wait(timeout)`` returns the changes that arrived, those of ``own_pid`` (the review's own
    connection: edits this window made) left out; ``close()`` from any thread ends a wait.
    """

    def __init__(self, review: ServerReview) -> None:
        self.address = review.address
        self._review = review
        self._pg = connect(self.address)
        self._pg.execute(f"listen {_ident(self.address.channel)}")
        self._closed = threading.Event()

    def wait(self, timeout: float = 1.0) -> list[Change]:
        import psycopg

        changes: list[Change] = []
        if self._closed.is_set():
            return changes
        try:
            for note in self._pg.notifies(timeout=timeout, stop_after=1):
                changes.append(_change(note.payload, note.pid))
            # whatever else came with it, without waiting again
            for note in self._pg.notifies(timeout=0):
                changes.append(_change(note.payload, note.pid))
        except psycopg.Error:
            if self._closed.is_set():
                return changes
            raise
        own = self.own_pid
        return [c for c in changes if c.by_pid != own]

    @property
    def own_pid(self) -> int:
        """The review's own connection (made again after an outage: a new server process)."""
        return int(self._review.db.pg.info.backend_pid)

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(Exception):
            self._pg.close()


def _change(payload: str, pid: int) -> Change:
    try:
        data = json.loads(payload)
    except ValueError:
        data = {}
    return Change(str(data.get("table", "")), data.get("claim"), pid)
