"""The review file: the one way into a review's SQLite database.

Every write goes through :meth:`Review.transaction`, which takes SQLite's write lock up front
(``BEGIN IMMEDIATE``) and commits before returning, so when a caller is told an edit is done it
is on disk. The file runs in WAL mode with a busy timeout, so a second reader (or a second
factdesk window) waits for the lock rather than failing or corrupting anything.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from factdesk.core.leftovers import clean_beside
from factdesk.core.model import (
    EXACT_JOIN,
    AlignmentGroup,
    Article,
    ArticleFormat,
    Conflict,
    ConflictKind,
    ConflictSpan,
    Dependence,
    GroupMember,
    GroupOrigin,
    Mark,
    MarkKind,
    Passage,
    PassageKind,
    Removal,
    RemovedArticle,
    article_label,
)
from factdesk.core.store.answers import AnswersRepository
from factdesk.core.store.captures import CapturesRepository
from factdesk.core.store.claims import ClaimsRepository
from factdesk.core.store.schema import (  # noqa: F401  (ReviewFileError is re-exported)
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    ReviewFileError,
    has_sqlite_header,
    tables_expected,
)

_log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000

#: Opens a ``postgresql://`` location as a ``ServerReview`` (``store/server.py``). Set by the
#: package (``store/__init__.py``), because the server review is a subclass of this one and
#: this module must not import it back; None only while the package is being imported.
open_server: Callable[..., Review] | None = None


def is_server_location(location: object) -> bool:
    """Whether a review location is a server URL rather than a file path."""
    return isinstance(location, str) and location.lower().startswith(
        ("postgresql://", "postgres://"))


@dataclass(frozen=True, slots=True)
class GroupEdit:
    """A reviewer's change to the automatic alignment, replayed after every recomputation.

    ``op`` is ``join`` (put these passages in one group), ``split`` (take these passages out
    of their group into a group of their own) or ``remove`` (take them out of any group).
    """

    id: int
    op: str
    passages: tuple[str, ...]
    created_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class AnalysisOutdated(Exception):
    """An analysis finished after the review it read had changed; its result was not stored."""

    def __init__(self, read: int, current: int) -> None:
        super().__init__(f"the analysis read generation {read}; the review is at {current}")
        self.read, self.current = read, current


class AmbiguousArticleId(KeyError):
    """An article-id prefix that several articles share; ``matches`` names them all."""

    def __init__(self, prefix: str, matches: Sequence[str]) -> None:
        super().__init__(prefix)
        self.prefix, self.matches = prefix, tuple(matches)

    def __str__(self) -> str:
        return f"ambiguous: {self.prefix!r} matches {', '.join(self.matches)}"


class Review(ClaimsRepository, CapturesRepository, AnswersRepository):
    """An open review file. Thread-safe: one lock serialises every use of the connection."""

    #: a shared review on a server (``store/server.py``) rather than a file
    is_server = False

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self.read_only = False
        #: why edits are refused, for the message ("no permission to write it", "its folder…")
        self.read_only_reason = "no permission to write it"
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        backup: bool = True,
        read_only: bool | None = None,
    ) -> Review:
        """Open (or with ``create``, make) a review file, migrating an older one after a backup.

        ``backup``: keep a rotating backup of an existing file (see ``store/backups.py``; at most
        one per interval, a failure only logged). ``read_only`` None: decided by the file (no
        write permission); a read-only review can be read, and every edit is refused with
        ReviewFileError.

        ``path`` may also be a server URL, ``postgresql://host/db?review=story``: the same
        review, shared by a desk (see ``store/server.py``); ``backup`` does not apply there.
        """
        if is_server_location(path):
            assert open_server is not None
            return open_server(str(path), create=create, read_only=bool(read_only))
        path = Path(path)
        if path.is_dir():
            raise ReviewFileError(f"{path}: is a folder, not a review file")
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            if path.exists():
                raise ReviewFileError(f"{path}: an empty file (0 bytes), not a factdesk review")
            raise ReviewFileError(f"{path}: no such review file")
        if exists:
            _check_header(path)
        reason = "no permission to write it"
        if read_only is None:
            read_only = exists and _is_read_only(path)
            if exists and not read_only and not _folder_writable(path):
                # SQLite writes its journal (-wal, -shm) beside the file: a writable review in
                # a folder that cannot be written can be read, never edited
                read_only = True
                reason = (f"its folder {path.parent} cannot be written, and factdesk keeps a "
                          "journal beside the review; copy it to a writable folder to edit it")
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path, read_only)
            db = Database(conn)
            review = cls(db, path)
            review.read_only = read_only
            review.read_only_reason = reason
            review._prepare(new_ok=create)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if _describe_sqlite_error(exc) == _DAMAGED:
                from factdesk.core.store.backups import damaged_review_error

                raise damaged_review_error(path, str(exc)) from exc
            raise ReviewFileError(f"{path}: {_describe_sqlite_error(exc)}") from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        if not read_only:
            clean_beside(path)  # a killed `factdesk new` of this file left its build behind
        if backup and exists:
            from factdesk.core.store.backups import make_backup

            try:
                make_backup(review)
            except ReviewFileError as exc:
                _log.warning("%s", exc)
        return review

    @classmethod
    def in_memory(cls) -> Review:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        review = cls(Database(conn), None)
        review._prepare(new_ok=True)
        return review

    def _prepare(self, *, new_ok: bool) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        is_empty = not self.db.table_names()
        where = self.path or ":memory:"
        if app_id != APPLICATION_ID:
            if not is_empty:
                raise ReviewFileError(f"{where}: an SQLite database, but not a factdesk review")
            if not new_ok:
                raise ReviewFileError(f"{where}: an empty file, not a factdesk review")
            version = 0
        if version > SCHEMA_VERSION:
            raise ReviewFileError(
                f"{where}: made by a newer factdesk (review format {version}; this version reads "
                f"up to {SCHEMA_VERSION}). Open it with a newer factdesk; nothing was changed."
            )
        if self.path is not None:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                from factdesk.core.store.backups import damaged_review_error

                raise damaged_review_error(self.path, str(check))
            if self.read_only and version < SCHEMA_VERSION:
                raise ReviewFileError(
                    f"{where}: the review file is read-only and was made by an older factdesk "
                    f"(review format {version}), so it cannot be brought up to date. Make it "
                    "writable (or open a copy); nothing was changed."
                )
            if not self.read_only and self.db.journal_mode != "wal":
                self.db.enable_wal()
        if version < SCHEMA_VERSION:
            if version > 0:
                self._backup_before_migration(version)
            self._migrate(version)
        missing = sorted(tables_expected(SCHEMA_VERSION) - set(self.db.table_names()))
        if missing:  # a file with factdesk's id whose tables were dropped or never made
            raise ReviewFileError(
                f"{where}: the review file is damaged (missing {', '.join(missing)}); restore "
                f"a backup (File › Restore from backup, or a copy from {where}-backups/); "
                "nothing was changed"
            )

    def _migrate(self, version: int) -> None:
        for step, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                migration(self.db)
                self.db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.db.conn.execute(f"PRAGMA user_version = {step}")
                if step == 1:
                    self.db["meta"].insert({"key": "created_at", "value": _now()})

    def _backup_before_migration(self, version: int) -> None:
        assert self.path is not None
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        with contextlib.closing(sqlite3.connect(str(target))) as dest:
            self.db.conn.backup(dest)

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def __enter__(self) -> Review:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def location(self) -> str:
        """Where the review is, as the reviewer typed it: a file path or a server URL."""
        return str(self.path) if self.path is not None else ":memory:"

    # ------------------------------------------------------------------ roles
    def role_of(self, reviewer: str) -> str:
        """A reviewer's role: on a file, whoever has the file is its editor (one person's
        review); a server review keeps a desk's roles (``ServerReview``)."""
        return "editor"

    def require_editor(self, reviewer: str, action: str = "settle a claim") -> None:
        """Raise ``ReviewFileError`` (a ``RoleError`` on a server) unless ``reviewer`` may
        ``action`` — the one check an editor-only step (settling a claim) calls first."""
        if self.role_of(reviewer) != "editor":
            raise ReviewFileError(f"only an editor can {action}; {reviewer} is a reviewer")

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write: committed on success, rolled back on any error."""
        with self._lock:
            if self.read_only:
                raise ReviewFileError(
                    f"{self.path}: the review file is read-only ({self.read_only_reason}); "
                    "it can be read but not edited. Nothing was changed."
                )
            conn = self.db.conn
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise ReviewFileError(f"{self.path}: {_describe_sqlite_error(exc)}") from exc
            self._write_depth = 1  # reads now are an edit's, not what the window shows
            try:
                yield self.db
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):  # keep the first error's message
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise ReviewFileError(f"{self.path}: {_describe_sqlite_error(exc)}") from exc
                raise
            finally:
                self._write_depth = 0

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.query(sql, params))

    # ------------------------------------------------------------------ metadata
    def get_meta(self, key: str, default: str = "") -> str:
        rows = self._rows("select value from meta where key = ?", [key])
        return rows[0]["value"] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db["meta"].upsert({"key": key, "value": value}, pk="key")

    @property
    def title(self) -> str:
        return self.get_meta("title") or (self.path.stem if self.path else "Untitled review")

    # ------------------------------------------------------------------ articles
    def articles(self, *, include_hidden: bool = True) -> list[Article]:
        where = "" if include_hidden else "where hidden = 0"
        rows = self._rows(f"select * from articles {where} order by position, id")
        marks = self._marks_by_article()
        return [_article_from_row(r, marks.get(r["id"], ())) for r in rows]

    def article(self, article_id: str) -> Article:
        rows = self._rows("select * from articles where id = ?", [article_id])
        if not rows:
            raise KeyError(article_id)
        return _article_from_row(rows[0], self._marks_by_article(article_id).get(article_id, ()))

    def resolve_article_id(self, id_or_prefix: str) -> str:
        """Accept a full article id or an unambiguous prefix, as typed on the command line.

        A prefix several articles share raises :class:`AmbiguousArticleId` (a ``KeyError``
        naming them), so the terminal can say which ones instead of "no article"."""
        if not id_or_prefix:
            raise KeyError(id_or_prefix)
        rows = self._rows(  # not LIKE: "_" and "%" would be wildcards
            "select id from articles where substr(id, 1, length(?)) = ?", [id_or_prefix] * 2
        )
        exact = [r["id"] for r in rows if r["id"] == id_or_prefix]
        if exact:
            return exact[0]
        if len(rows) == 1:
            return str(rows[0]["id"])
        if rows:
            raise AmbiguousArticleId(id_or_prefix, sorted(str(r["id"]) for r in rows))
        raise KeyError(id_or_prefix)

    def is_hidden(self, article_id: str) -> bool:
        rows = self._rows("select hidden from articles where id = ?", [article_id])
        return bool(rows and rows[0]["hidden"])

    def has_sha256(self, sha256: str) -> bool:
        return bool(self._rows("select 1 from articles where sha256 = ?", [sha256]))

    def add_article(self, article: Article, passages: Sequence[Passage]) -> bool:
        """Store an article with its marks and passages; False if the same content is there."""
        with self.transaction() as db:
            if self.has_sha256(article.sha256):
                return False
            position = db.execute("select coalesce(max(position), -1) + 1 from articles")
            db["articles"].insert(
                {
                    "id": article.id,
                    "position": position.fetchone()[0],
                    "path": article.path,
                    "title": article.title,
                    "outlet": article.outlet,
                    "author": article.author,
                    "published": article.published,
                    "sha256": article.sha256,
                    "format": str(article.format),
                    "text": article.text,
                    "hidden": 0,
                    "added_at": _now(),
                    # only when there is one: the column's default is "" (and a file being
                    # built by the first migrations alone, as in a test, has no such column)
                    **({"warning": article.warning} if article.warning else {}),
                }
            )
            db["marks"].insert_all(
                {
                    "article_id": article.id,
                    "start": m.start,
                    "end": m.end,
                    "kind": str(m.kind),
                    "reason": m.reason,
                }
                for m in article.marks
            )
            db["passages"].insert_all(
                {
                    "id": p.id,
                    "article_id": p.article_id,
                    "idx": p.index,
                    "start": p.start,
                    "end": p.end,
                    "text": p.text,
                    "kind": str(p.kind),
                }
                for p in passages
            )
        return True

    def remove_article(self, article_id: str) -> Removal:
        """Remove an article and everything that points into it, in one transaction.

        Claims and evidence quoting it are kept (marked orphaned: their words are gone from
        the review) and the article's name, title, date and file are kept in
        ``removed_articles``, so they still say which outlet said what. Returns what was
        removed and which claims it touched, for the command line and the window to say."""
        with self.transaction() as db:
            article = self.article(article_id)
            first = next(iter(self.passages(article_id)), None)
            title = " ".join(article.title.split())
            whole = " ".join(first.text.split()) if first is not None else ""
            headline = whole if title.endswith("…") and whole.startswith(
                title[:-1].rstrip()) else title
            removed = RemovedArticle(article.id, article.path, article.title, article.outlet,
                                     article.author, article.published, article.sha256,
                                     headline, _now())
            db.execute(
                "insert or replace into removed_articles (id, path, title, outlet, author, "
                "published, sha256, headline, removed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [removed.id, removed.path, removed.title, removed.outlet, removed.author,
                 removed.published, removed.sha256, removed.headline, removed.removed_at],
            )
            claims = tuple(r[0] for r in db.execute(
                "select id from claims where article_id = ? order by id", [article_id]))
            ev_claims = [r[0] for r in db.execute(
                "select claim_id from evidence where article_id = ? order by claim_id",
                [article_id])]
            db.execute("update claims set orphaned = 1 where article_id = ?", [article_id])
            db.execute("update evidence set orphaned = 1 where article_id = ?", [article_id])
            ids = [
                r[0]
                for r in db.execute("select id from passages where article_id = ?", [article_id])
            ]
            self._clear_analysis(db)
            for pid in ids:
                db.execute("delete from group_members where passage_id = ?", [pid])
                db.execute("delete from suggestions where passage_id = ?", [pid])
            db.execute("delete from passages where article_id = ?", [article_id])
            db.execute("delete from marks where article_id = ?", [article_id])
            db.execute("delete from dependences where article_id = ?", [article_id])
            db.execute("delete from captures where article_id = ?", [article_id])
            db.execute("delete from articles where id = ?", [article_id])
        return Removal(removed, article_label(article), claims, len(ev_claims),
                       tuple(dict.fromkeys(ev_claims)))

    def removed_articles(self) -> list[RemovedArticle]:
        """The articles taken out of this review, as they were called when removed."""
        return [RemovedArticle(r["id"], r["path"], r["title"], r["outlet"], r["author"],
                               r["published"], r["sha256"], r["headline"], r["removed_at"])
                for r in self._rows("select * from removed_articles order by removed_at, id")]

    EDITABLE_FIELDS = frozenset({"title", "outlet", "author", "published", "hidden", "warning"})

    def update_article(self, article_id: str, **fields: Any) -> None:
        unknown = set(fields) - self.EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        with self.transaction() as db:
            db["articles"].update(article_id, fields)

    def move_article(self, article_id: str, new_index: int) -> None:
        """Reorder the articles (the order of the panes) in one transaction."""
        with self.transaction() as db:
            order = [r[0] for r in db.execute("select id from articles order by position, id")]
            order.remove(article_id)
            order.insert(max(0, min(new_index, len(order))), article_id)
            for position, aid in enumerate(order):
                db.execute("update articles set position = ? where id = ?", [position, aid])

    def _marks_by_article(self, article_id: str | None = None) -> dict[str, tuple[Mark, ...]]:
        sql = "select * from marks" + (" where article_id = ?" if article_id else "")
        out: dict[str, list[Mark]] = {}
        for r in self._rows(sql + " order by start", [article_id] if article_id else []):
            out.setdefault(r["article_id"], []).append(
                Mark(r["start"], r["end"], MarkKind(r["kind"]), r["reason"] or "")
            )
        return {k: tuple(v) for k, v in out.items()}

    # ------------------------------------------------------------------ passages
    def passages(
        self, article_id: str | None = None, *, visible_only: bool = False
    ) -> list[Passage]:
        """Passages in pane order (article position, then reading order)."""
        where = []
        params: list[Any] = []
        if article_id is not None:
            where.append("p.article_id = ?")
            params.append(article_id)
        if visible_only:
            where.append("a.hidden = 0")
        sql = (
            "select p.* from passages p join articles a on a.id = p.article_id "
            + ("where " + " and ".join(where) if where else "")
            + " order by a.position, a.id, p.idx"
        )
        return [_passage_from_row(r) for r in self._rows(sql, params)]

    def passage(self, passage_id: str) -> Passage:
        rows = self._rows("select * from passages where id = ?", [passage_id])
        if not rows:
            raise KeyError(passage_id)
        return _passage_from_row(rows[0])

    # ------------------------------------------------------------------ analysis
    def groups(self) -> list[AlignmentGroup]:
        members: dict[str, list[GroupMember]] = {}
        for r in self._rows(
            "select m.* from group_members m join passages p on p.id = m.passage_id "
            "join articles a on a.id = p.article_id order by a.position, p.idx"
        ):
            members.setdefault(r["group_id"], []).append(GroupMember(r["passage_id"], r["score"]))
        groups = [
            AlignmentGroup(
                r["id"], tuple(members.get(r["id"], ())), r["score"], GroupOrigin(r["origin"])
            )
            for r in self._rows("select * from groups")
        ]
        return sorted(groups, key=_group_sort_key)

    def conflicts(self) -> list[Conflict]:
        return [_conflict_from_row(r) for r in self._rows("select * from conflicts order by rowid")]

    def dependences(self) -> list[Dependence]:
        return [
            Dependence(r["article_id"], r["source"], r["reason"], r["shared_chars"])
            for r in self._rows("select * from dependences order by article_id, source")
        ]

    def replace_analysis(
        self,
        groups: Sequence[AlignmentGroup],
        conflicts: Sequence[Conflict] = (),
        dependences: Sequence[Dependence] = (),
        *,
        generation: int | None = None,
    ) -> None:
        """Swap in a freshly computed alignment, conflicts and dependences in one transaction.

        ``generation``: the review's generation the analysis read its passages at. If the
        review has moved on since (another process added an article, the reviewer made a
        group edit), nothing is stored and :class:`AnalysisOutdated` is raised, so an older
        result never overwrites a newer one. None stores the result as current (for callers
        that computed it inside the same transaction, and for tests).
        """
        with self.transaction() as db:
            current = self.generation
            if generation is not None and generation != current:
                raise AnalysisOutdated(generation, current)
            self._clear_analysis(db)
            db["meta"].upsert({"key": "analysed_generation", "value": str(current)}, pk="key")
            db["groups"].insert_all(
                {"id": g.id, "score": g.score, "origin": str(g.origin)} for g in groups
            )
            db["group_members"].insert_all(
                {"group_id": g.id, "passage_id": m.passage_id, "score": m.score}
                for g in groups
                for m in g.members
            )
            self._insert_checks(db, conflicts, dependences)

    def replace_checks(self, conflicts: Sequence[Conflict] = (),
                       dependences: Sequence[Dependence] = ()) -> None:
        """Swap in freshly computed conflicts and dependences over the stored groups (a date
        edit re-checks without re-aligning), in one transaction; staleness is left as it is."""
        with self.transaction() as db:
            for table in ("conflicts", "dependences"):
                db.execute(f"delete from {table}")
            self._insert_checks(db, conflicts, dependences)

    @staticmethod
    def _insert_checks(db: Database, conflicts: Sequence[Conflict],
                       dependences: Sequence[Dependence]) -> None:
        db["conflicts"].insert_all(
            {
                "id": c.id,
                "group_id": c.group_id,
                "kind": str(c.kind),
                "severity": c.severity,
                "passage_a": c.side_ids[0][0],
                "passage_b": c.side_ids[1][0] if len(c.side_ids) > 1 else c.side_ids[0][0],
                "words_a": json.dumps(list(c.words[0]) if c.words else []),
                "words_b": json.dumps(list(c.words[1]) if len(c.words) > 1 else []),
                "detail": c.detail,
                "sides": json.dumps([list(side) for side in c.sides]) if c.sides else "",
                "side_words": json.dumps([list(w) for w in c.words]),
                "spans": json.dumps([[s.passage_id, s.start, s.end, s.text] for s in c.spans]),
            }
            for c in conflicts
        )
        db["dependences"].insert_all(
            {
                "article_id": d.article,
                "source": d.source,
                "reason": d.reason,
                "shared_chars": d.shared_chars,
            }
            for d in dependences
        )

    @staticmethod
    def _mark_stale(db: Database, stale: bool = True) -> None:
        """Mark the stored alignment out of date, for a writer that changes passages without a
        change the generation triggers see (schema v5); ``stale=False`` does nothing (only an
        analysis that read the current generation may say it is current)."""
        if stale:
            db.execute(
                "update meta set value = cast(value as integer) + 1 where key = 'generation'"
            )

    @property
    def generation(self) -> int:
        """How many changes the analysis inputs have seen (bumped by triggers, see schema v5)."""
        return int(self.get_meta("generation", "0") or 0)

    @property
    def analysed_generation(self) -> int:
        """The generation the stored alignment was computed from."""
        return int(self.get_meta("analysed_generation", "0") or 0)

    @property
    def analysis_stale(self) -> bool:
        """True when articles or group edits changed since the stored alignment was computed
        (say, an ``add`` was killed between storing its articles and re-aligning)."""
        with self.snapshot():
            return self.generation != self.analysed_generation

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one state of the file, even while other processes write it.

        In WAL mode a read transaction sees the database as of its first read; without one,
        each query could see a different state (the passages before an ``add``, the articles
        after it). Inside a write transaction the reads are consistent already.
        """
        with self._lock:
            conn = self.db.conn
            if conn.in_transaction:
                yield
                return
            conn.execute("BEGIN")
            try:
                yield
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    @staticmethod
    def _clear_analysis(db: Database) -> None:
        for table in ("conflicts", "group_members", "groups", "dependences"):
            db.execute(f"delete from {table}")

    def add_group_edit(self, op: str, passage_ids: Sequence[str]) -> GroupEdit:
        if op not in {"join", EXACT_JOIN, "split", "remove"}:
            raise ValueError(f"unknown group edit: {op}")
        with self.transaction() as db:
            created = _now()
            table = db["group_edits"]
            table.insert(
                {"op": op, "passages": json.dumps(list(passage_ids)), "created_at": created}
            )
            # the generation triggers mark the stored groups out of date until re-analysed
            return GroupEdit(int(table.last_pk), op, tuple(passage_ids), created)

    def group_edits(self) -> list[GroupEdit]:
        return [
            GroupEdit(r["id"], r["op"], tuple(json.loads(r["passages"])), r["created_at"])
            for r in self._rows("select * from group_edits order by id")
        ]

    def remove_group_edit(self, edit_id: int) -> None:
        with self.transaction() as db:
            db.execute("delete from group_edits where id = ?", [edit_id])

    # ------------------------------------------------------------------ summary
    def counts(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return int(self._rows(sql)[0]["n"])

        return {
            "articles": count("select count(*) n from articles"),
            "passages": count("select count(*) n from passages"),
            "groups": count("select count(*) n from groups"),
            "conflicts": count("select count(*) n from conflicts"),
        }

    def passage_counts(self) -> dict[str, int]:
        return {
            r["article_id"]: r["n"]
            for r in self._rows("select article_id, count(*) n from passages group by article_id")
        }

    def integrity_ok(self) -> bool:
        return self._rows("pragma integrity_check")[0]["integrity_check"] == "ok"

    def backup_to(self, target: str | Path) -> None:
        """A consistent copy of the whole review (SQLite online backup), safe while in use."""
        with self._lock, contextlib.closing(sqlite3.connect(str(target))) as dest:
            self.db.conn.backup(dest)


def _group_sort_key(g: AlignmentGroup) -> tuple[int, int | str]:
    digits = g.id[1:]
    return (0, int(digits)) if g.id.startswith("g") and digits.isdigit() else (1, g.id)


def _article_from_row(r: dict[str, Any], marks: Sequence[Mark]) -> Article:
    return Article(
        id=r["id"],
        path=r["path"] or "",
        text=r["text"],
        sha256=r["sha256"],
        format=ArticleFormat(r["format"] or "text"),
        title=r["title"] or "",
        outlet=r["outlet"] or "",
        author=r["author"] or "",
        published=r["published"],
        marks=tuple(marks),
        warning=r.get("warning") or "",
    )


def _passage_from_row(r: dict[str, Any]) -> Passage:
    return Passage(
        id=r["id"],
        article_id=r["article_id"],
        index=r["idx"],
        start=r["start"],
        end=r["end"],
        text=r["text"],
        kind=PassageKind(r["kind"] or "sentence"),
    )


def _is_read_only(path: Path) -> bool:
    """No permission to write the file: its mode has no write bit (also for root, who could
    write anyway, so the owner's "read-only" is respected) or the OS refuses writing."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & 0o222) or not os.access(path, os.W_OK)


def _folder_writable(path: Path) -> bool:
    """Whether new files can be made beside ``path`` (SQLite's -wal and -shm)."""
    folder = path.resolve().parent
    return os.access(folder, os.W_OK | os.X_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    timeout = BUSY_TIMEOUT_MS / 1000
    if not read_only:
        return sqlite3.connect(str(path), check_same_thread=False, timeout=timeout)
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False, timeout=timeout)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise  # recent changes sit in the -wal: never read the file without them
        # A WAL file in a folder we cannot write either: its -shm cannot be made, so read it
        # as an immutable file (nobody can be writing it without write permission).
        return sqlite3.connect(
            f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False, timeout=timeout
        )


def _check_header(path: Path) -> None:
    try:
        is_sqlite = has_sqlite_header(path)
    except OSError as exc:
        raise ReviewFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not is_sqlite:
        raise ReviewFileError(f"{path}: not a factdesk review file (not an SQLite database)")


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """What an SQLite error means for the reviewer, in words (for any read or write path)."""
    return _describe_sqlite_error(exc)


_DAMAGED = "the review file is damaged"


def _describe_sqlite_error(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "the review is in use by another program and stayed locked; try again"
    if "readonly" in text or "read-only" in text:
        return "the review file is read-only; nothing was changed"
    if "disk is full" in text or "full" in text:
        return "the disk is full; nothing was changed"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return _DAMAGED
    if "disk I/O error" in text:
        return "the review file could not be written or read (disk I/O error); nothing was changed"
    if "unable to open" in text:
        return "the review file cannot be opened (no permission, or its folder is read-only)"
    return text


def _conflict_from_row(r: dict[str, Any]) -> Conflict:
    """A stored conflict; a row from before sides existed (schema 2) reads as two passages."""
    words = (tuple(json.loads(r["words_a"])), tuple(json.loads(r["words_b"])))
    if not r.get("sides"):
        return Conflict(r["id"], ConflictKind(r["kind"]), r["severity"],
                        (r["passage_a"], r["passage_b"]), words, r["detail"], r["group_id"])
    sides = tuple(tuple(side) for side in json.loads(r["sides"]))
    return Conflict(
        id=r["id"],
        kind=ConflictKind(r["kind"]),
        severity=r["severity"],
        passages=tuple(pid for side in sides for pid in side),
        words=tuple(tuple(w) for w in json.loads(r["side_words"])) if r["side_words"] else words,
        detail=r["detail"],
        group_id=r["group_id"],
        sides=sides,
        spans=tuple(ConflictSpan(pid, start, end, text)
                    for pid, start, end, text in json.loads(r["spans"] or "[]")),
    )
