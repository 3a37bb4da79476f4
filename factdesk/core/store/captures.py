"""Web captures, article versions and claims edited at the source, in the review file.

A page imported from the web keeps every fetch that changed its article text as a numbered
version (1 is the import). Replacing an article's text with a new version is one transaction:
the capture, the new text, marks and passages, the passage ids rewritten in the reviewer's
group edits and in claims/evidence (matched by their words, so an edit never lands on a
different sentence), and the stale flag for the alignment.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from factdesk.core.model import Article, ClaimChange, Passage

if TYPE_CHECKING:
    from factdesk.core.read.fetch import Capture


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class StoredCapture:
    """One stored version of a web article (the raw bytes are read separately, on demand)."""

    id: int
    article_id: str
    version: int
    url: str
    final_url: str
    status: int
    http_date: str | None
    headers: tuple[tuple[str, str], ...]
    fetched_at: str
    content_sha256: str
    text: str
    title: str
    stored_at: str
    size: int


_CAPTURE_COLUMNS = (
    "id, article_id, version, url, final_url, status, http_date, headers, fetched_at, "
    "content_sha256, text, title, stored_at, length(content) as size"
)


class CapturesRepository:
    """Mixin for :class:`~factdesk.core.store.review.Review`: captures and versions."""

    if TYPE_CHECKING:
        db: Database

        def transaction(self) -> contextlib.AbstractContextManager[Database]: ...

        def _rows(
            self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
        ) -> list[dict[str, Any]]: ...

        def has_sha256(self, sha256: str) -> bool: ...

        def add_article(self, article: Article, passages: Sequence[Passage]) -> bool: ...

        @staticmethod
        def _mark_stale(db: Database, stale: bool = True) -> None: ...

        @staticmethod
        def _clear_analysis(db: Database) -> None: ...

    # ------------------------------------------------------------------ reading
    def captures(
        self, article_id: str | None = None, *, with_text: bool = True
    ) -> list[StoredCapture]:
        """Every stored capture (of one article), oldest version first. ``with_text`` False
        leaves each version's text out (empty), for a listing that must stay light."""
        where = "where article_id = ?" if article_id else ""
        columns = _CAPTURE_COLUMNS if with_text else _CAPTURE_COLUMNS.replace(
            " text,", " '' as text,")
        rows = self._rows(
            f"select {columns} from captures {where} order by article_id, version",
            [article_id] if article_id else [],
        )
        return [_capture_from_row(r) for r in rows]

    def latest_capture(self, article_id: str) -> StoredCapture | None:
        rows = self._rows(
            f"select {_CAPTURE_COLUMNS} from captures where article_id = ? "
            "order by version desc limit 1",
            [article_id],
        )
        return _capture_from_row(rows[0]) if rows else None

    def capture_content(self, capture_id: int) -> bytes:
        """The raw bytes of one capture, exactly as the server sent them (after decompression)."""
        rows = self._rows("select content from captures where id = ?", [capture_id])
        if not rows:
            raise KeyError(capture_id)
        return bytes(rows[0]["content"])

    def capture_rows(self, article_id: str) -> list[dict[str, Any]]:
        """One article's captures as stored, raw bytes and all, oldest version first — what
        ``add_capture_rows`` takes (a merge carries a new article's versions with it)."""
        return self._rows("select * from captures where article_id = ? order by version",
                          [article_id])

    def add_capture_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Store captures read by ``capture_rows`` from another review (their ids are that
        review's, so new ones are handed out), in one transaction."""
        with self.transaction() as db:
            for row in rows:
                row = {k: v for k, v in row.items() if k != "id"}
                cols = ", ".join(f"[{k}]" for k in row)
                db.execute(f"insert into captures ({cols}) values ({', '.join('?' * len(row))})",
                           list(row.values()))

    def claim_changes(self, *, include_dismissed: bool = False) -> list[ClaimChange]:
        where = "" if include_dismissed else "where dismissed = 0"
        return [
            ClaimChange(
                r["id"], r["claim_id"], r["article_id"], r["from_version"], r["to_version"],
                r["kind"], r["old_quote"], r["new_quote"], r["at"], bool(r["dismissed"]),
            )
            for r in self._rows(f"select * from claim_changes {where} order by id")
        ]

    # ------------------------------------------------------------------ writing
    def add_web_article(
        self, article: Article, passages: Sequence[Passage], capture: Capture
    ) -> bool:
        """Store an article fetched from the web with its capture as version 1, in one
        transaction; False (nothing stored) when the same content is already there."""
        with self.transaction() as db:
            if not self.add_article(article, passages):
                return False
            _insert_capture(db, article.id, 1, capture, article)
        return True

    def add_first_version(self, article: Article, capture: Capture) -> None:
        """Record an article's current text as its version 1, for an article that came from
        a file and has no version yet (its next one is being stored)."""
        with self.transaction() as db:
            _insert_capture(db, article.id, 1, capture, article)

    def add_version(
        self,
        old: Article,
        new: Article,
        passages: Sequence[Passage],
        capture: Capture,
    ) -> int:
        """Replace an article's text with a newer version of its page, keeping its id.

        One transaction: the capture as the next version; the new text, sha256, marks and
        passages; passage ids in group edits, claims and evidence moved to the passage with the
        same words in the new version (dropped from a group edit when the words are gone); the
        alignment marked stale. Metadata the reviewer may have edited (outlet, author, date,
        title) is kept. Returns the new version number.
        """
        with self.transaction() as db:
            row = db.execute(
                "select coalesce(max(version), 0) from captures where article_id = ?", [old.id]
            ).fetchone()
            version = int(row[0]) + 1
            old_passages = {
                r[0]: r[1]
                for r in db.execute(
                    "select id, text from passages where article_id = ? order by idx", [old.id]
                )
            }
            mapping = _map_passages(old_passages, passages)
            self._clear_analysis(db)
            for pid in old_passages:
                db.execute("delete from suggestions where passage_id = ?", [pid])
            db.execute("delete from passages where article_id = ?", [old.id])
            db.execute("delete from marks where article_id = ?", [old.id])
            db.execute(
                "update articles set text = ?, sha256 = ?, format = ?, warning = ? where id = ?",
                [new.text, new.sha256, str(new.format), new.warning, old.id],
            )
            db["marks"].insert_all(
                {"article_id": old.id, "start": m.start, "end": m.end, "kind": str(m.kind),
                 "reason": m.reason}
                for m in new.marks
            )
            db["passages"].insert_all(
                {"id": p.id, "article_id": old.id, "idx": p.index, "start": p.start,
                 "end": p.end, "text": p.text, "kind": str(p.kind)}
                for p in passages
            )
            _rewrite_passage_ids(db, set(old_passages), mapping)
            _insert_capture(db, old.id, version, capture, new)
            self._mark_stale(db)
        return version

    def add_claim_change(
        self,
        claim_id: str,
        article_id: str,
        from_version: int,
        to_version: int,
        kind: str,
        old_quote: str,
        new_quote: str = "",
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "insert into claim_changes (claim_id, article_id, from_version, to_version, "
                "kind, old_quote, new_quote, at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [claim_id, article_id, from_version, to_version, kind, old_quote, new_quote,
                 _now()],
            )

    def dismiss_claim_change(self, change_id: int) -> None:
        """The reviewer has seen the edit: the flag goes, the record stays."""
        with self.transaction() as db:
            db.execute("update claim_changes set dismissed = 1 where id = ?", [change_id])

    def dismiss_warning(self, article_id: str) -> None:
        with self.transaction() as db:
            db.execute("update articles set warning = '' where id = ?", [article_id])


def _insert_capture(
    db: Database, article_id: str, version: int, capture: Capture, article: Article
) -> None:
    db.execute(
        "insert into captures (article_id, version, url, final_url, status, http_date, "
        "headers, fetched_at, content, content_sha256, text, title, stored_at) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            version,
            capture.url,
            capture.final_url,
            capture.status,
            capture.http_date,
            json.dumps([list(h) for h in capture.headers], ensure_ascii=False),
            capture.fetched_at,
            capture.content,
            hashlib.sha256(capture.content).hexdigest(),
            article.text,
            article.title,
            _now(),
        ],
    )


def _map_passages(old: dict[str, str], new: Sequence[Passage]) -> dict[str, str]:
    """Old passage id → new passage id with the same words (each new passage used once, in
    reading order, so a repeated sentence maps to its own copy)."""
    free: dict[str, list[str]] = {}
    for p in new:
        free.setdefault(" ".join(p.text.split()), []).append(p.id)
    mapping: dict[str, str] = {}
    for pid, text in old.items():
        ids = free.get(" ".join(text.split()))
        if ids:
            mapping[pid] = ids.pop(0)
    return mapping


_MIN_EDIT_PASSAGES = {"join": 2, "group": 2, "split": 1, "remove": 1}  # "group": EXACT_JOIN


def _rewrite_passage_ids(db: Database, old_ids: set[str], mapping: dict[str, str]) -> None:
    """Point group edits, claims and evidence at the new passages with the same words."""
    for row in list(db.execute("select id, op, passages from group_edits")):
        edit_id, op, raw = row
        ids = json.loads(raw)
        if not old_ids.intersection(ids):
            continue
        kept = [mapping.get(pid, pid) if pid in old_ids else pid for pid in ids]
        kept = [pid for pid, was in zip(kept, ids, strict=True) if was not in old_ids
                or was in mapping]
        if len(kept) < _MIN_EDIT_PASSAGES.get(op, 1):
            db.execute("delete from group_edits where id = ?", [edit_id])
        else:
            db.execute(
                "update group_edits set passages = ? where id = ?", [json.dumps(kept), edit_id]
            )
    # the reviewer's "same fact?" answers follow their passages too; one about a passage
    # whose words are gone is dropped (it was about those words)
    for aid, a, b in list(db.execute("select id, passage_a, passage_b from pair_answers")):
        if a in old_ids or b in old_ids:
            new_a, new_b = (mapping.get(a) if a in old_ids else a,
                            mapping.get(b) if b in old_ids else b)
            if new_a is None or new_b is None or new_a == new_b:
                db.execute("delete from pair_answers where id = ?", [aid])
            else:
                lo, hi = sorted((new_a, new_b))
                db.execute("delete from pair_answers where passage_a = ? and passage_b = ? "
                           "and id != ?", [lo, hi, aid])
                db.execute("update pair_answers set passage_a = ?, passage_b = ? where id = ?",
                           [lo, hi, aid])
    for table in ("claims", "evidence"):
        for key, pid in list(db.execute(f"select id, passage_id from {table}")):
            if pid in old_ids:
                db.execute(
                    f"update {table} set passage_id = ? where id = ?", [mapping.get(pid), key]
                )


def _capture_from_row(r: dict[str, Any]) -> StoredCapture:
    return StoredCapture(
        id=r["id"],
        article_id=r["article_id"],
        version=r["version"],
        url=r["url"],
        final_url=r["final_url"],
        status=r["status"],
        http_date=r["http_date"],
        headers=tuple((k, v) for k, v in json.loads(r["headers"] or "[]")),
        fetched_at=r["fetched_at"],
        content_sha256=r["content_sha256"],
        text=r["text"],
        title=r["title"] or "",
        stored_at=r["stored_at"],
        size=int(r["size"] or 0),
    )
