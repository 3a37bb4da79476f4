"""Rotating backups of a review file, and restoring one.

Backups live in a folder beside the review, ``<name>-backups/`` (for ``bridge.factdesk``:
``bridge.factdesk-backups/``), one self-contained SQLite file each, named by the UTC time it was
made: ``bridge-20260312T101500.123456Z.factdesk``. They are made with SQLite's online backup API
(a consistent copy even while the review is being edited) into a hidden temporary file that is
renamed into place only when complete, so the folder never holds a half-written backup.

``Review.open(path)`` calls :func:`make_backup` for an existing file: at most one backup per
:data:`BACKUP_INTERVAL` (opening a review again and again does not churn), the newest
:data:`BACKUP_KEEP` kept, older ones deleted. A backup that cannot be written never stops the
review from opening (the reason is logged).

:func:`restore_backup` puts a backup back: it first backs up the current file (or, if that is
damaged, moves a byte copy of it into the backups folder), then copies the backup in with the
backup API inside one SQLite transaction (or, for a damaged current file, writes a temporary
file and renames it over the old one), so a crash part-way leaves either the old or the restored
review, never a mixture. It refuses while the review is open anywhere else (another window,
another program): SQLite's exclusive lock is the test, so close the review everywhere first.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from factdesk.core.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    DamagedReviewError,
    ReviewFileError,
    has_sqlite_header,
)

__all__ = [
    "BACKUP_INTERVAL",
    "BACKUP_KEEP",
    "BackupInfo",
    "backup_folder",
    "damaged_review_error",
    "list_backups",
    "make_backup",
    "restore_backup",
]

BACKUP_KEEP = 5
BACKUP_INTERVAL = timedelta(minutes=10)
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAME_RE = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}T\d{6}\.\d{6}Z)(?P<tag>-[a-z-]+)?\.factdesk$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup: where, when (UTC), how big, and what it holds (None if unreadable)."""

    path: Path
    created: datetime
    size: int
    articles: int | None
    claims: int | None


def backup_folder(review_path: str | os.PathLike[str]) -> Path:
    """The folder holding a review's backups: ``<name>-backups`` beside the file."""
    path = Path(review_path)
    return path.with_name(path.name + "-backups")


def damaged_review_error(
    review_path: str | os.PathLike[str], detail: str = ""
) -> DamagedReviewError:
    """The error for a damaged review file: one paragraph naming the problem, the automatic
    backups folder and its newest sound backup, and the two commands that restore it (the
    window's Restore needs the review open, which a damaged file cannot be). SQLite's own report
    goes to ``detail``: a reviewer cannot act on "Rowid 0 out of order" lines."""
    path = Path(review_path)
    folder = backup_folder(path)
    sound = [b for b in list_backups(path) if b.articles is not None]
    text = (f"{path}: the review file is damaged (SQLite's check of it failed), so factdesk "
            "will not read it; nothing was changed.")
    if sound:
        newest = sound[0]
        text += (f" Automatic backups are kept in {folder}; the newest sound one is "
                 f"{newest.path.name} ({newest.created:%Y-%m-%d %H:%M} UTC, "
                 f"{newest.articles} articles, {newest.claims} claims). To restore it, move the "
                 f"damaged file aside and copy the backup in its place: mv '{path}' "
                 f"'{path}.damaged' && cp '{newest.path}' '{path}'.")
    else:
        text += (f" factdesk keeps automatic backups in {folder}, but there is no sound one "
                 "for this review; restore it from your own copy.")
    if detail:
        text += " SQLite's details: run the command again with --verbose."
    return DamagedReviewError(text, detail)


class BackupSource(Protocol):
    """What a backup needs of an open review (``Review`` is one): its file, and a way to copy
    itself consistently while open. Backups never import the review they back up."""

    @property
    def path(self) -> Path | None: ...

    def backup_to(self, target: str | Path) -> None: ...


def make_backup(
    review: BackupSource,
    *,
    keep: int = BACKUP_KEEP,
    interval: timedelta = BACKUP_INTERVAL,
    force: bool = False,
) -> Path | None:
    """Back up an open review; None when it has no file or a backup is younger than
    ``interval`` (unless ``force``). Raises ReviewFileError when the backup cannot be written.
    """
    if review.path is None:
        return None
    existing = _backup_files(review.path)
    if not force and existing:
        age = datetime.now(UTC) - existing[0][1]
        if timedelta(0) <= age < interval:
            return None
    target = _new_name(review.path)
    try:
        _write_atomically(target, review.backup_to)
    except (OSError, sqlite3.Error) as exc:
        raise ReviewFileError(
            f"{review.path}: could not write a backup to {target.parent} ({_reason(exc)})"
        ) from exc
    _prune(review.path, keep, protect=(target,))
    return target


def list_backups(review_path: str | os.PathLike[str]) -> list[BackupInfo]:
    """A review's backups, newest first, each with its article and claim counts."""
    infos = []
    for path, created in _backup_files(Path(review_path)):
        try:
            size = path.stat().st_size
        except OSError:
            continue  # deleted meanwhile (pruned by another window)
        articles, claims = _counts(path)
        infos.append(BackupInfo(path, created, size, articles, claims))
    return infos


def restore_backup(
    review_path: str | os.PathLike[str], backup_path: str | os.PathLike[str]
) -> None:
    """Replace the review's content by a backup's, keeping a backup of what was there.

    The review must not be open anywhere (this process included): close it first, restore,
    then open it again. Raises ReviewFileError (nothing changed) when the backup is not a sound
    factdesk review or the review is in use.
    """
    review_path, backup_path = Path(review_path), Path(backup_path)
    _check_backup(backup_path)
    if not review_path.exists():
        _write_atomically(review_path, lambda tmp: _copy_db(backup_path, tmp))
        return
    dest = _lock_exclusively(review_path)
    if dest is None:  # damaged: keep its bytes, then put a fresh file in its place
        _set_aside_damaged(review_path)
        _write_atomically(
            review_path,
            lambda tmp: _copy_db(backup_path, tmp),
            # a stale -wal beside the new file would be replayed into it
            before_replace=lambda: _remove_sidecars(review_path),
        )
        return
    try:
        before = _new_name(review_path, "-before-restore")
        _write_atomically(before, lambda tmp: _backup(dest, tmp))
        with contextlib.closing(_connect_ro(backup_path)) as src:
            src.backup(dest)  # one transaction on the destination: all pages or none
    except (OSError, sqlite3.Error) as exc:
        raise ReviewFileError(
            f"{review_path}: could not restore the backup ({_reason(exc)}); nothing was changed"
        ) from exc
    finally:
        dest.close()
    _prune(review_path, BACKUP_KEEP, protect=(before, backup_path.resolve(), backup_path))


# --- helpers ----------------------------------------------------------------------------------


def _backup_files(review_path: Path) -> list[tuple[Path, datetime]]:
    folder = backup_folder(review_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        match = _NAME_RE.match(name)
        if match and match.group("stem") == review_path.stem:
            created = datetime.strptime(match.group("stamp"), _STAMP).replace(tzinfo=UTC)
            found.append((folder / name, created))
    return sorted(found, key=lambda item: item[1], reverse=True)


def _new_name(review_path: Path, tag: str = "") -> Path:
    stamp = datetime.now(UTC).strftime(_STAMP)
    return backup_folder(review_path) / f"{review_path.stem}-{stamp}{tag}.factdesk"


def _write_atomically(
    target: Path,
    write: Callable[[Path], None],
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Call ``write(tmp)`` for a temporary file beside ``target``, make it a single-file
    (rollback-journal) database, flush it to disk and rename it to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with contextlib.closing(sqlite3.connect(str(tmp))) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _remove_sidecars(review_path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{review_path}{suffix}").unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _prune(review_path: Path, keep: int, protect: tuple[Path, ...]) -> None:
    for path, _ in _backup_files(review_path)[max(keep, 1) :]:
        if path not in protect:
            with contextlib.suppress(OSError):
                path.unlink()
    # temporary files of backups that were interrupted (a crash, a kill) over an hour ago
    cutoff = datetime.now(UTC).timestamp() - 3600
    for tmp in backup_folder(review_path).glob(".*.tmp*"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    with contextlib.closing(sqlite3.connect(str(target))) as out:
        conn.backup(out)


def _copy_db(source: Path, target: Path) -> None:
    with contextlib.closing(_connect_ro(source)) as src:
        _backup(src, target)


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        with contextlib.closing(_connect_ro(path)) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
            articles = conn.execute("select count(*) from articles").fetchone()[0]
            claims = (
                conn.execute("select count(*) from claims").fetchone()[0]
                if "claims" in tables
                else 0
            )
            return int(articles), int(claims)
    except sqlite3.Error:
        return None, None


def _check_backup(path: Path) -> None:
    try:
        is_sqlite = has_sqlite_header(path)
    except OSError as exc:
        raise ReviewFileError(f"{path}: cannot read the backup ({_reason(exc)})") from exc
    if not is_sqlite:
        raise ReviewFileError(f"{path}: not a factdesk backup (not an SQLite database)")
    try:
        with contextlib.closing(_connect_ro(path)) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise ReviewFileError(f"{path}: the backup is damaged ({_reason(exc)})") from exc
    if check != "ok":
        raise ReviewFileError(f"{path}: the backup is damaged ({check})")
    if app_id != APPLICATION_ID:
        raise ReviewFileError(f"{path}: not a factdesk review backup")
    if version > SCHEMA_VERSION:
        raise ReviewFileError(f"{path}: the backup was made by a newer factdesk")


def _lock_exclusively(review_path: Path) -> sqlite3.Connection | None:
    """A connection holding the review's exclusive lock; None if the file is damaged."""
    try:
        if not has_sqlite_header(review_path):
            return None
    except OSError as exc:
        raise ReviewFileError(f"{review_path}: cannot be read ({_reason(exc)})") from exc
    conn = sqlite3.connect(str(review_path), timeout=0.5, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        damaged = conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        conn.execute("COMMIT")  # the exclusive lock stays until the connection closes
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise ReviewFileError(
                f"{review_path}: the review is open in another window or program; close it "
                "there first. Nothing was changed."
            ) from exc
        damaged = True
    except sqlite3.DatabaseError:
        conn.close()
        damaged = True
    if damaged:
        conn.close()
        return None
    return conn


def _set_aside_damaged(review_path: Path) -> None:
    folder = backup_folder(review_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(_STAMP)
    for suffix in ("", "-wal", "-journal"):
        source = Path(f"{review_path}{suffix}")
        if source.exists():
            shutil.copy2(source, folder / f"{review_path.stem}-{stamp}-damaged.bin{suffix}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
