"""The review file's schema and its ordered migrations.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the file as
a factdesk review, so a foreign SQLite file is told apart from a review. Each migration takes a
file from version N-1 to N inside one transaction; they are never edited once released, only
appended, so any older review can be brought forward step by step.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

# "FDSK" read as a big-endian 32-bit integer.
APPLICATION_ID = 0x4644534B


def _v1(db: Database) -> None:
    """Articles, their marks and passages; alignment groups with manual edits; conflicts."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["articles"].create(
        {
            "id": str,
            "position": int,
            "path": str,
            "title": str,
            "outlet": str,
            "author": str,
            "published": str,
            "sha256": str,
            "format": str,
            "text": str,
            "hidden": int,
            "added_at": str,
        },
        pk="id",
        not_null={"text", "sha256", "position"},
        defaults={"hidden": 0, "title": "", "outlet": "", "author": ""},
    )
    db["articles"].create_index(["sha256"], unique=True)
    db["marks"].create(
        {"id": int, "article_id": str, "start": int, "end": int, "kind": str, "reason": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["passages"].create(
        {
            "id": str,
            "article_id": str,
            "idx": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["groups"].create({"id": str, "score": float, "origin": str}, pk="id")
    db["group_members"].create(
        {"group_id": str, "passage_id": str, "score": float},
        pk=("group_id", "passage_id"),
        foreign_keys=[("group_id", "groups", "id"), ("passage_id", "passages", "id")],
    )
    db["group_edits"].create({"id": int, "op": str, "passages": str, "created_at": str}, pk="id")
    db["conflicts"].create(
        {
            "id": str,
            "group_id": str,
            "kind": str,
            "severity": str,
            "passage_a": str,
            "passage_b": str,
            "words_a": str,
            "words_b": str,
            "detail": str,
        },
        pk="id",
        foreign_keys=[("passage_a", "passages", "id"), ("passage_b", "passages", "id")],
    )
    db["dependences"].create(
        {"article_id": str, "source": str, "reason": str, "shared_chars": int},
        pk=("article_id", "source"),
    )
    for table, column in [
        ("marks", "article_id"),
        ("passages", "article_id"),
        ("group_members", "passage_id"),
        ("conflicts", "group_id"),
    ]:
        db[table].create_index([column])


MIGRATIONS: list[Callable[[Database], None]] = [_v1]
SCHEMA_VERSION = len(MIGRATIONS)
