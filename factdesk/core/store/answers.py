"""The reviewer's "same fact?" answers and the questions the alignment would ask next.

An answer is a labelled pair for this story: ``same`` (the two passages report one fact) or not.
It is the reviewer's decision, so it is stored like a group edit — one transaction, kept across
every re-alignment, replayed by it (``core/reanalysis``) — and never overwritten by the machine.
A pair is stored once with its passages in id order (``a < b``), whichever way it was asked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class PairAnswer:
    """The reviewer's answer to "do these two passages report the same fact?"."""

    id: int
    passage_a: str
    passage_b: str
    same: bool
    created_at: str

    @property
    def pair(self) -> tuple[str, str]:
        return (self.passage_a, self.passage_b)


@dataclass(frozen=True, slots=True)
class PairDispute:
    """One side of a disputed pair: an answer a merge found contradicted by another file's."""

    id: int
    passage_a: str
    passage_b: str
    same: bool
    created_at: str
    source: str  # the review file it came from (its name)

    @property
    def pair(self) -> tuple[str, str]:
        return (self.passage_a, self.passage_b)


@dataclass(frozen=True, slots=True)
class PairQuestion:
    """A pair the alignment is unsure of, with its probability after the reviewer's answers;
    ``rank`` 0 is the most informative."""

    rank: int
    passage_a: str
    passage_b: str
    probability: float


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The stored order of a pair: by passage id, so (a, b) and (b, a) are one pair."""
    if a == b:
        raise ValueError("a passage cannot be compared with itself")
    return (a, b) if a < b else (b, a)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _after(stamp: str) -> str:
    """A time one second after ``stamp`` (an ISO time as the store writes them), in UTC."""
    when = datetime.fromisoformat(stamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when.astimezone(UTC) + timedelta(seconds=1)).isoformat(timespec="seconds")


def _forget_answer(db: Any, key: tuple[str, str]) -> None:
    """Delete the stored answer about one pair (``key`` from :func:`pair_key`), if any."""
    db.execute("delete from pair_answers where passage_a = ? and passage_b = ?", list(key))


class AnswersRepository:
    """Mixin for :class:`~factdesk.core.store.review.Review`: answers and questions."""

    if TYPE_CHECKING:
        db: Database

        def transaction(self) -> contextlib.AbstractContextManager[Database]: ...

        def _rows(
            self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
        ) -> list[dict[str, Any]]: ...

    def pair_answers(self) -> list[PairAnswer]:
        """Every answer, oldest first."""
        return [_answer(r) for r in self._rows("select * from pair_answers order by id")]

    def pair_answer(self, a: str, b: str) -> PairAnswer | None:
        key = pair_key(a, b)
        rows = self._rows(
            "select * from pair_answers where passage_a = ? and passage_b = ?", list(key))
        return _answer(rows[0]) if rows else None

    def answer_pair(self, a: str, b: str, same: bool) -> tuple[PairAnswer | None, PairAnswer]:
        """Store one answer (one transaction, committed on return), replacing an earlier one
        about the same pair; returns ``(the answer it replaced or None, the new answer)`` — what
        undo needs to put things back. The generation triggers mark the alignment out of date
        until it is re-aligned.

        An answer about a disputed pair is its settlement (the reviewer was shown both sides):
        it is stamped at least a second after the newest side, so it is "newer than both"
        even when a side came from a machine whose clock runs ahead, or was given within the
        same second — stamped with this clock alone, such a settlement stayed open, asked
        again and again."""
        key = pair_key(a, b)
        with self.transaction() as db:
            old = self.pair_answer(*key)
            created = _now()
            sides = self._rows("select max(created_at) as newest from pair_disputes "
                               "where passage_a = ? and passage_b = ?", list(key))
            newest = sides[0]["newest"] if sides else None
            if newest is not None and created <= newest:
                created = _after(newest)
            if old is not None:
                db.execute("delete from pair_answers where id = ?", [old.id])
            cursor = db.execute(
                "insert into pair_answers (passage_a, passage_b, same, created_at) "
                "values (?, ?, ?, ?)", [key[0], key[1], int(same), created])
            return old, PairAnswer(int(cursor.lastrowid or 0), key[0], key[1], same, created)

    def restore_pair_answer(self, a: str, b: str, previous: PairAnswer | None) -> None:
        """Put a pair back as it was before an answer (undo): no answer, or ``previous``."""
        key = pair_key(a, b)
        with self.transaction() as db:
            _forget_answer(db, key)
            if previous is not None:
                db.execute(
                    "insert into pair_answers (id, passage_a, passage_b, same, created_at) "
                    "values (?, ?, ?, ?, ?)",
                    [previous.id, key[0], key[1], int(previous.same), previous.created_at])

    def pair_disputes(self) -> list[PairDispute]:
        """Every side of every disputed pair (see ``schema._pair_disputes``), oldest first;
        a pair is still open while no answer about it is newer than its sides
        (:meth:`open_pair_disputes`)."""
        return [PairDispute(int(r["id"]), r["passage_a"], r["passage_b"], bool(r["same"]),
                            r["created_at"], r["source"])
                for r in self._rows("select * from pair_disputes order by created_at, id")]

    def open_pair_disputes(self) -> dict[tuple[str, str], list[PairDispute]]:
        """The disputed pairs no reviewer has answered since: pair → its sides."""
        answers = {a.pair: a for a in self.pair_answers()}
        out: dict[tuple[str, str], list[PairDispute]] = {}
        for d in self.pair_disputes():
            out.setdefault(d.pair, []).append(d)
        return {pair: sides for pair, sides in out.items()
                if pair not in answers
                or answers[pair].created_at <= max(s.created_at for s in sides)}

    def dispute_pair(self, sides: Sequence[PairDispute]) -> None:
        """Keep two reviewers' different answers about a pair both-sided (a merge): each side
        recorded, the pair's applied answer removed, in one transaction."""
        with self.transaction() as db:
            for side in sides:
                key = pair_key(side.passage_a, side.passage_b)
                _forget_answer(db, key)
                db.execute(
                    "insert or ignore into pair_disputes (passage_a, passage_b, same, "
                    "created_at, source) values (?, ?, ?, ?, ?)",
                    [key[0], key[1], int(side.same), side.created_at, side.source])

    def put_pair_answers(self, answers: Sequence[PairAnswer]) -> None:
        """Store answers brought from another review of the story (a merge), each with the
        time it was given, replacing this review's answer about the same pair; one
        transaction. The answers' ids are the other review's: new ones are handed out."""
        with self.transaction() as db:
            for answer in answers:
                key = pair_key(answer.passage_a, answer.passage_b)
                _forget_answer(db, key)
                db.execute(
                    "insert into pair_answers (passage_a, passage_b, same, created_at) "
                    "values (?, ?, ?, ?)", [key[0], key[1], int(answer.same), answer.created_at])

    def replace_pair_questions(self, questions: Sequence[tuple[str, str, float]]) -> None:
        """The alignment's questions, most informative first; call inside the analysis's
        transaction so they always belong to the stored groups."""
        with self.transaction() as db:
            db.execute("delete from pair_questions")
            # told apart from "none left": a review aligned before this format has none yet
            db.execute("insert or replace into meta (key, value) "
                       "values ('pair_questions_stored', '1')")
            rows = []
            for rank, (a, b, p) in enumerate(questions):
                first, second = pair_key(a, b)
                rows.append({"rank": rank, "passage_a": first, "passage_b": second,
                             "probability": round(float(p), 4)})
            db["pair_questions"].insert_all(rows)  # sqlite-utils, or the server's adapter

    @property
    def pair_questions_stored(self) -> bool:
        """Whether an alignment has stored its questions (not yet, in a review aligned by an
        older factdesk: the queue then asks for a re-alignment rather than saying none is
        left)."""
        rows = self._rows("select value from meta where key = 'pair_questions_stored'")
        return bool(rows and rows[0]["value"] == "1")

    def pair_questions(self) -> list[PairQuestion]:
        """The stored questions not answered since, about passages that still exist."""
        return [PairQuestion(r["rank"], r["passage_a"], r["passage_b"], r["probability"])
                for r in self._rows(
                    "select q.* from pair_questions q "
                    "join passages pa on pa.id = q.passage_a "
                    "join passages pb on pb.id = q.passage_b "
                    "left join pair_answers x on x.passage_a = q.passage_a "
                    "and x.passage_b = q.passage_b "
                    "where x.id is null order by q.rank")]


def _answer(r: dict[str, Any]) -> PairAnswer:
    return PairAnswer(r["id"], r["passage_a"], r["passage_b"], bool(r["same"]), r["created_at"])
