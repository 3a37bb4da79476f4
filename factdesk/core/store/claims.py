"""Claims, their evidence, their history and machine suggestions in the review file.

These are the storage primitives; a reviewer's intent (tag a claim, change its status ...) is
one function in :mod:`factdesk.core.claim_edits`, which combines several of these writes and the
history rows into a single transaction. Each primitive opens its own ``transaction()``, which
nests as a savepoint when an op already holds one, so every primitive is also safe on its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlite_utils import Database

from factdesk.core.identity import Reviewer
from factdesk.core.identity import may_settle as _may_settle
from factdesk.core.model import (
    Anchor,
    Claim,
    ClaimStatus,
    Decision,
    Evidence,
    EvidenceRelation,
    HistoryEntry,
)
from factdesk.core.store.schema import ClaimConflict

CLAIM_COUNTER_KEY = "claims.last_number"
# Plain dict look-ups: calling the enum for each of 10,000 rows is a noticeable part of a load.
_STATUS = {str(s): s for s in ClaimStatus}
_RELATION = {str(r): r for r in EvidenceRelation}
CLAIM_ID_PREFIX = "k"


def now() -> str:
    """A UTC time stamp with milliseconds, so edits within one second keep their order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# Evidence rows with a flag for evidence whose article was removed (shown as an orphan).
_EVIDENCE_COLUMNS = (
    "e.*, a.id is null as article_gone from e"
    "vidence e left join articles a on a.id = e.article_id"
)

class SuggestionLike(Protocol):
    passage_id: str
    status: Any
    reason: str
    checkworthy: float | None


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """A machine suggestion for one passage, kept apart from the reviewer's own claims."""

    passage_id: str
    status: ClaimStatus
    reason: str = ""
    checkworthy: float | None = None


class ClaimsRepository:
    """Mixin for :class:`~factdesk.core.store.review.Review`: the claim tables.

    **Version check** (``check_versions``, on in the window): a claim's ``updated_at`` (with
    milliseconds, set by every edit) is its row version. The versions this connection showed
    — read outside a write transaction, or given by :meth:`remember_versions` — are kept, and
    an edit of a claim whose stored version differs (the command line or another window
    changed it since) raises :class:`ClaimConflict` with nothing written, as a server review
    does; the window then shows the other edit. Off for the command line, which reads and
    writes within one transaction anyway.
    """

    check_versions: bool = False

    if TYPE_CHECKING:
        db: Database

        def transaction(self) -> contextlib.AbstractContextManager[Database]: ...

        def _rows(
            self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
        ) -> list[dict[str, Any]]: ...

    # ------------------------------------------------------------------ versions
    def remember_versions(self, versions: Mapping[str, str]) -> None:
        """The claim versions (``updated_at``) the window shows, as its snapshot read them."""
        self._seen_versions().update(versions)

    def _seen_versions(self) -> dict[str, str]:
        seen: dict[str, str] | None = getattr(self, "_seen_at", None)
        if seen is None:
            seen = self._seen_at = {}
        return seen

    def _showing(self, rows: Iterable[dict[str, Any]]) -> None:
        """Remember the versions of claims read to be shown (not inside an edit)."""
        if self.check_versions and not getattr(self, "_write_depth", 0):
            self._seen_versions().update({r["id"]: r["updated_at"] for r in rows})

    def _own_versions(self) -> dict[str, str]:
        own: dict[str, str] | None = getattr(self, "_own_at", None)
        if own is None:
            own = self._own_at = {}
        return own

    def _check_version(self, db: Database, claim_id: str) -> None:
        """Inside the edit's transaction: refuse it when the claim changed since shown.

        A stored version this connection wrote itself is never another writer's edit, even
        when the window was handed an older one afterwards (QA3 #7: a re-alignment's snapshot,
        read before the reviewer's own undo, brought the claim's earlier version back into the
        window, and the next undo was refused as "alice changed claim k19" — alice being the
        window's own reviewer)."""
        if not self.check_versions:
            return
        seen = self._seen_versions().get(claim_id)
        row = db.execute("select updated_at, reviewer from claims where id = ?",
                         [claim_id]).fetchone()
        if seen is not None and row is not None and row[0] != seen \
                and self._own_versions().get(claim_id) != row[0]:
            raise ClaimConflict(claim_id, row[1], row[0])

    def _saw_own(self, db: Database, claim_id: str) -> None:
        """After this connection's own edit, its version is the one shown, and the last one
        this connection wrote (see :meth:`_check_version`)."""
        if self.check_versions:
            row = db.execute("select updated_at from claims where id = ?", [claim_id]).fetchone()
            if row is not None:
                self._seen_versions()[claim_id] = row[0]
                self._own_versions()[claim_id] = row[0]

    def own_versions(self) -> dict[str, str]:
        """The version of each claim this connection last wrote ("" for one it deleted):
        the window shows these without saying another writer changed them."""
        return dict(self._own_versions())

    # ------------------------------------------------------------------ reading
    def claims(self, article_id: str | None = None) -> list[Claim]:
        """Claims with their evidence, in reading order (article position, then offset)."""
        where, params = ("where c.article_id = ?", [article_id]) if article_id else ("", [])
        rows = self._rows(
            "select c.*, a.id is null as article_gone from claims c "
            "left join articles a on a.id = c.article_id "
            f"{where} order by coalesce(a.position, 1e9), c.article_id, c.start, "
            "cast(substr(c.id, 2) as integer), c.id",
            params,
        )
        evidence: dict[str, list[Evidence]] = {}
        ev_sql = f"select {_EVIDENCE_COLUMNS}"
        if article_id:
            ev_sql += " join claims c on c.id = e.claim_id where c.article_id = ?"
        for r in self._rows(ev_sql + " order by e.id", params):
            evidence.setdefault(r["claim_id"], []).append(_evidence_from_row(r))
        self._showing(rows)
        return [_claim_from_row(r, evidence.get(r["id"], ())) for r in rows]

    def claim(self, claim_id: str) -> Claim:
        rows = self._rows(
            "select c.*, a.id is null as article_gone from claims c "
            "left join articles a on a.id = c.article_id where c.id = ?",
            [claim_id],
        )
        if not rows:
            raise KeyError(claim_id)
        ev = self._rows(
            f"select {_EVIDENCE_COLUMNS} where e.claim_id = ? order by e.id", [claim_id]
        )
        self._showing(rows)
        return _claim_from_row(rows[0], [_evidence_from_row(r) for r in ev])

    def has_claim(self, claim_id: str) -> bool:
        return bool(self._rows("select 1 from claims where id = ?", [claim_id]))

    def claim_for_passage(self, passage_id: str) -> Claim | None:
        """The first claim made over a passage (e.g. an accepted suggestion), if any."""
        rows = self._rows(
            "select id from claims where passage_id = ? order by created_at, id limit 1",
            [passage_id],
        )
        return self.claim(rows[0]["id"]) if rows else None

    def evidence(self, evidence_id: int) -> Evidence:
        rows = self._rows(f"select {_EVIDENCE_COLUMNS} where e.id = ?", [evidence_id])
        if not rows:
            raise KeyError(evidence_id)
        return _evidence_from_row(rows[0])

    def evidence_in_article(self, article_id: str) -> list[Evidence]:
        """Evidence spans that point into an article (whatever article their claim is in)."""
        rows = self._rows(
            f"select {_EVIDENCE_COLUMNS} where e.article_id = ? order by e.id", [article_id]
        )
        return [_evidence_from_row(r) for r in rows]

    def history(self, claim_id: str | None = None) -> list[HistoryEntry]:
        where, params = ("where claim_id = ?", [claim_id]) if claim_id else ("", [])
        return [
            HistoryEntry(
                r["id"], r["claim_id"], r["at"], r["reviewer"], r["field"], r["old"], r["new"]
            )
            for r in self._rows(f"select * from history {where} order by id", params)
        ]

    def decisions(self, claim_id: str | None = None) -> list[Decision]:
        """Each reviewer's own decision (one claim's, or every claim's), oldest first."""
        where, params = ("where claim_id = ?", [claim_id]) if claim_id else ("", [])
        return [
            Decision(r["claim_id"], r["reviewer"], _STATUS[r["status"]], r["note"], r["at"])
            for r in self._rows(
                f"select * from decisions {where} order by claim_id, at, reviewer", params
            )
        ]

    def decision(self, claim_id: str, reviewer: str) -> Decision | None:
        rows = self._rows(
            "select * from decisions where claim_id = ? and reviewer = ?", [claim_id, reviewer]
        )
        if not rows:
            return None
        r = rows[0]
        return Decision(r["claim_id"], r["reviewer"], _STATUS[r["status"]], r["note"], r["at"])

    def put_decision(self, decision: Decision) -> None:
        """Store a reviewer's decision on a claim, replacing their earlier one."""
        with self.transaction() as db:
            db.execute(
                "insert or replace into decisions (claim_id, reviewer, status, note, at) "
                "values (?, ?, ?, ?, ?)",
                [decision.claim_id, decision.reviewer, str(decision.status), decision.note,
                 decision.at],
            )

    def put_decisions(self, decisions: Iterable[Decision]) -> None:
        """Many decisions in one statement (a merge brings thousands)."""
        with self.transaction() as db:
            _many(
                db,
                "insert or replace into decisions (claim_id, reviewer, status, note, at) "
                "values (?, ?, ?, ?, ?)",
                [(d.claim_id, d.reviewer, str(d.status), d.note, d.at) for d in decisions],
            )

    def add_history_many(self, entries: Iterable[HistoryEntry]) -> None:
        """Many history rows in one statement, in the order given (their ``id`` is ignored)."""
        with self.transaction() as db:
            _many(
                db,
                "insert into history (claim_id, at, reviewer, field, old, new) "
                "values (?, ?, ?, ?, ?, ?)",
                [(h.claim_id, h.at, h.reviewer, h.field, h.old, h.new) for h in entries],
            )

    def delete_decision(self, claim_id: str, reviewer: str) -> None:
        with self.transaction() as db:
            db.execute(
                "delete from decisions where claim_id = ? and reviewer = ?", [claim_id, reviewer]
            )

    def may_settle(self, reviewer: Reviewer) -> bool:
        """Whether ``reviewer`` may settle claims in this review. A local file trusts the role
        of the identity (settings or ``--role``); a shared server's store overrides this with
        the role it grants."""
        return _may_settle(reviewer)

    def claim_counts(self) -> dict[ClaimStatus, int]:
        """How many claims have each status; every status is present, zero or not."""
        counts = dict.fromkeys(ClaimStatus, 0)
        for r in self._rows("select status, count(*) n from claims group by status"):
            counts[ClaimStatus(r["status"])] = int(r["n"])
        return counts

    # ------------------------------------------------------------------ writing (primitives)
    def allocate_claim_id(self) -> str:
        """A fresh claim id ("k1", "k2" ...). Ids are never reused, even after a deletion."""
        with self.transaction() as db:
            number = self._claim_counter(db) + 1
            db["meta"].upsert({"key": CLAIM_COUNTER_KEY, "value": str(number)}, pk="key")
        return f"{CLAIM_ID_PREFIX}{number}"

    def last_claim_number(self) -> int:
        """The number of the last claim id handed out ("k41" → 41)."""
        rows = self._rows("select value from meta where key = ?", [CLAIM_COUNTER_KEY])
        return int(rows[0]["value"]) if rows else 0

    def insert_claims(self, claims: Sequence[Claim]) -> None:
        """Store many new claims with their evidence in a few statements (a merge adds
        thousands); ids are kept, evidence ids are new. Ids past the counter are never
        handed out again."""
        if not claims:
            return
        rows = [_claim_row(c) for c in claims]
        evidence = [_evidence_row(e) for c in claims for e in c.evidence]
        with self.transaction() as db:
            columns = list(rows[0])
            _many(
                db,
                f"insert into claims ({', '.join(f'[{k}]' for k in columns)}) "
                f"values ({', '.join('?' * len(columns))})",
                [[r[k] for k in columns] for r in rows],
            )
            if evidence:
                ev_columns = [k for k in evidence[0] if k != "id"]
                _many(
                    db,
                    f"insert into evidence ({', '.join(f'[{k}]' for k in ev_columns)}) "
                    f"values ({', '.join('?' * len(ev_columns))})",
                    [[r[k] for k in ev_columns] for r in evidence],
                )
            digits = [c.id[len(CLAIM_ID_PREFIX):] for c in claims
                      if c.id.startswith(CLAIM_ID_PREFIX)]
            numbers = [int(d) for d in digits if d.isdigit()]
            if numbers and max(numbers) > self._claim_counter(db):
                db["meta"].upsert({"key": CLAIM_COUNTER_KEY, "value": str(max(numbers))},
                                  pk="key")

    def insert_claim(self, claim: Claim) -> None:
        """Store a claim and its evidence exactly as given (ids included)."""
        with self.transaction() as db:
            db["claims"].insert(_claim_row(claim))
            for ev in claim.evidence:
                self.insert_evidence(ev)
            self._saw_own(db, claim.id)
            digits = claim.id[len(CLAIM_ID_PREFIX) :]
            number = int(digits) if claim.id.startswith(CLAIM_ID_PREFIX) and digits.isdigit() else 0
            if number > self._claim_counter(db):  # an id not handed out here: never hand it out
                db["meta"].upsert({"key": CLAIM_COUNTER_KEY, "value": str(number)}, pk="key")

    CLAIM_FIELDS = frozenset({"status", "note", "reviewer", "updated_at", "orphaned",
                              "settled_by", "settled_at", "settled_why"})

    def update_claim(self, claim_id: str, **fields: Any) -> None:
        unknown = set(fields) - self.CLAIM_FIELDS
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        values = {k: (str(v) if k == "status" else v) for k, v in fields.items()}
        with self.transaction() as db:
            self._check_version(db, claim_id)
            sets = ", ".join(f"[{k}] = :{k}" for k in values)
            cursor = db.execute(
                f"update claims set {sets} where id = :claim_id", {**values, "claim_id": claim_id}
            )
            if cursor.rowcount == 0:
                raise KeyError(claim_id)
            self._saw_own(db, claim_id)

    def delete_claim_row(self, claim_id: str) -> None:
        """Remove a claim and its evidence (history stays)."""
        with self.transaction() as db:
            self._check_version(db, claim_id)
            db.execute("delete from evidence where claim_id = ?", [claim_id])
            if db.execute("delete from claims where id = ?", [claim_id]).rowcount == 0:
                raise KeyError(claim_id)
            if self.check_versions:  # gone by this connection's hand ("" = no row)
                self._own_versions()[claim_id] = ""

    def insert_evidence(self, evidence: Evidence) -> Evidence:
        """Store evidence; ``id`` 0 takes a new id (never one used before), else it is kept."""
        row = _evidence_row(evidence)
        if evidence.id <= 0:
            del row["id"]
        with self.transaction() as db:
            cursor = db.execute(
                f"insert into evidence ({', '.join(f'[{k}]' for k in row)}) "
                f"values ({', '.join(f':{k}' for k in row)})",
                row,
            )
            new_id = int(cursor.lastrowid or 0) if evidence.id <= 0 else evidence.id
        return replace(evidence, id=new_id)

    def delete_evidence_row(self, evidence_id: int) -> None:
        with self.transaction() as db:
            if db.execute("delete from evidence where id = ?", [evidence_id]).rowcount == 0:
                raise KeyError(evidence_id)

    def add_history(
        self, claim_id: str, field: str, old: str, new: str, *, reviewer: str, at: str
    ) -> HistoryEntry:
        with self.transaction() as db:
            cursor = db.execute(
                "insert into history (claim_id, at, reviewer, field, old, new) "
                "values (?, ?, ?, ?, ?, ?)",
                [claim_id, at, reviewer, field, old, new],
            )
        return HistoryEntry(int(cursor.lastrowid or 0), claim_id, at, reviewer, field, old, new)

    def set_claim_anchor(self, claim_id: str, anchor: Anchor, *, orphaned: bool) -> None:
        with self.transaction() as db:
            db.execute(
                "update claims set start = ?, [end] = ?, quote = ?, prefix = ?, suffix = ?, "
                "orphaned = ? where id = ?",
                [*_anchor_values(anchor), int(orphaned), claim_id],
            )

    def set_evidence_anchor(self, evidence_id: int, anchor: Anchor, *, orphaned: bool) -> None:
        with self.transaction() as db:
            db.execute(
                "update evidence set start = ?, [end] = ?, quote = ?, prefix = ?, suffix = ?, "
                "orphaned = ? where id = ?",
                [*_anchor_values(anchor), int(orphaned), evidence_id],
            )

    # ------------------------------------------------------------------ suggestions
    def replace_suggestions(self, suggestions: Iterable[SuggestionLike]) -> None:
        """Swap in a fresh set of machine suggestions. The reviewer's claims are not touched."""
        rows = [
            {
                "passage_id": s.passage_id,
                "status": str(ClaimStatus(s.status)),
                "reason": s.reason or "",
                "checkworthy": None if s.checkworthy is None else float(s.checkworthy),
            }
            for s in suggestions
        ]
        with self.transaction() as db:
            db.execute("delete from suggestions")
            db["suggestions"].insert_all(rows, pk="passage_id", replace=True)

    def suggestions(self) -> list[StoredSuggestion]:
        return [
            _suggestion_from_row(r)
            for r in self._rows("select * from suggestions order by passage_id")
        ]

    def suggestion(self, passage_id: str) -> StoredSuggestion:
        rows = self._rows("select * from suggestions where passage_id = ?", [passage_id])
        if not rows:
            raise KeyError(passage_id)
        return _suggestion_from_row(rows[0])

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _claim_counter(db: Database) -> int:
        row = db.execute("select value from meta where key = ?", [CLAIM_COUNTER_KEY]).fetchone()
        return int(row[0]) if row else 0


def _many(db: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """One statement for many rows on SQLite; row by row where the connection has no
    ``executemany`` (the PostgreSQL store's adapter, which translates each statement)."""
    many = getattr(db.conn, "executemany", None)
    if many is not None:
        many(sql, rows)
        return
    for row in rows:
        db.execute(sql, row)


def _anchor_values(a: Anchor) -> list[Any]:
    return [a.start, a.end, a.quote, a.prefix, a.suffix]


def _anchor_from_row(r: dict[str, Any]) -> Anchor:
    return Anchor(r["article_id"], r["start"], r["end"], r["quote"], r["prefix"], r["suffix"])


def _claim_row(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "article_id": c.anchor.article_id,
        "start": c.anchor.start,
        "end": c.anchor.end,
        "quote": c.anchor.quote,
        "prefix": c.anchor.prefix,
        "suffix": c.anchor.suffix,
        "status": str(c.status),
        "note": c.note,
        "reviewer": c.reviewer,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "passage_id": c.passage_id,
        "orphaned": int(c.orphaned),
        "settled_by": c.settled_by,
        "settled_at": c.settled_at,
        "settled_why": c.settled_why,
    }


def _claim_from_row(r: dict[str, Any], evidence: Iterable[Evidence]) -> Claim:
    return Claim(
        id=r["id"],
        anchor=_anchor_from_row(r),
        status=_STATUS[r["status"]],
        note=r["note"],
        reviewer=r["reviewer"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        passage_id=r["passage_id"],
        orphaned=bool(r["orphaned"] or r.get("article_gone")),  # its article was removed
        evidence=tuple(evidence),
        settled_by=r.get("settled_by") or "",
        settled_at=r.get("settled_at") or "",
        settled_why=r.get("settled_why") or "",
    )


def _evidence_row(e: Evidence) -> dict[str, Any]:
    return {
        "id": e.id,
        "claim_id": e.claim_id,
        "article_id": e.anchor.article_id,
        "start": e.anchor.start,
        "end": e.anchor.end,
        "quote": e.anchor.quote,
        "prefix": e.anchor.prefix,
        "suffix": e.anchor.suffix,
        "relation": str(e.relation),
        "passage_id": e.passage_id,
        "reviewer": e.reviewer,
        "created_at": e.created_at,
        "orphaned": int(e.orphaned),
    }


def _evidence_from_row(r: dict[str, Any]) -> Evidence:
    return Evidence(
        id=r["id"],
        claim_id=r["claim_id"],
        anchor=_anchor_from_row(r),
        relation=_RELATION[r["relation"]],
        passage_id=r["passage_id"],
        reviewer=r["reviewer"],
        created_at=r["created_at"],
        orphaned=bool(r["orphaned"] or r.get("article_gone")),  # its article was removed
    )


def _suggestion_from_row(r: dict[str, Any]) -> StoredSuggestion:
    return StoredSuggestion(
        r["passage_id"], ClaimStatus(r["status"]), r["reason"], r["checkworthy"]
    )
