"""The review file's schema and its ordered migrations.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the file as
a factdesk review, so a foreign SQLite file is told apart from a review. Each migration takes a
file from version N-1 to N inside one transaction; they are never edited once released, only
appended, so any older review can be brought forward step by step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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


def _v2(db: Database) -> None:
    """Claims the reviewer tags, their evidence, every change to them, and machine suggestions.

    Claims and evidence keep a quote selector (quote + prefix/suffix) beside the offsets so they
    can be found again in a changed text (see ``core/anchors.py``). ``article_id`` has no foreign
    key: a claim whose article went away is kept (and shown as an orphan), never dropped. History
    has no foreign key either, so the record of a deleted claim outlives it. Suggestions live in
    their own table keyed by passage and are never written into the reviewer's claims.
    """
    statements = [
        """CREATE TABLE [claims] (
            [id] TEXT PRIMARY KEY,
            [article_id] TEXT NOT NULL,
            [start] INTEGER NOT NULL,
            [end] INTEGER NOT NULL,
            [quote] TEXT NOT NULL,
            [prefix] TEXT NOT NULL DEFAULT '',
            [suffix] TEXT NOT NULL DEFAULT '',
            [status] TEXT NOT NULL DEFAULT 'unreviewed',
            [note] TEXT NOT NULL DEFAULT '',
            [reviewer] TEXT NOT NULL DEFAULT '',
            [created_at] TEXT NOT NULL,
            [updated_at] TEXT NOT NULL,
            [passage_id] TEXT,
            [orphaned] INTEGER NOT NULL DEFAULT 0,
            CHECK ([start] >= 0 AND [start] <= [end])
        )""",
        """CREATE TABLE [evidence] (
            [id] INTEGER PRIMARY KEY AUTOINCREMENT,
            [claim_id] TEXT NOT NULL REFERENCES [claims]([id]) ON DELETE CASCADE,
            [article_id] TEXT NOT NULL,
            [start] INTEGER NOT NULL,
            [end] INTEGER NOT NULL,
            [quote] TEXT NOT NULL,
            [prefix] TEXT NOT NULL DEFAULT '',
            [suffix] TEXT NOT NULL DEFAULT '',
            [relation] TEXT NOT NULL,
            [passage_id] TEXT,
            [reviewer] TEXT NOT NULL DEFAULT '',
            [created_at] TEXT NOT NULL,
            [orphaned] INTEGER NOT NULL DEFAULT 0,
            CHECK ([start] >= 0 AND [start] <= [end])
        )""",
        """CREATE TABLE [history] (
            [id] INTEGER PRIMARY KEY AUTOINCREMENT,
            [claim_id] TEXT NOT NULL,
            [at] TEXT NOT NULL,
            [reviewer] TEXT NOT NULL DEFAULT '',
            [field] TEXT NOT NULL,
            [old] TEXT NOT NULL DEFAULT '',
            [new] TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE [suggestions] (
            [passage_id] TEXT PRIMARY KEY,
            [status] TEXT NOT NULL,
            [reason] TEXT NOT NULL DEFAULT '',
            [checkworthy] REAL
        )""",
        "CREATE INDEX [idx_claims_article_id] ON [claims] ([article_id], [start])",
        "CREATE INDEX [idx_claims_passage_id] ON [claims] ([passage_id])",
        "CREATE INDEX [idx_claims_status] ON [claims] ([status])",
        "CREATE INDEX [idx_evidence_claim_id] ON [evidence] ([claim_id])",
        "CREATE INDEX [idx_evidence_article_id] ON [evidence] ([article_id])",
        "CREATE INDEX [idx_evidence_passage_id] ON [evidence] ([passage_id])",
        "CREATE INDEX [idx_history_claim_id] ON [history] ([claim_id])",
    ]
    # One statement at a time: executescript() would commit the migration's transaction.
    for sql in statements:
        db.execute(sql)


def _v3(db: Database) -> None:
    """A conflict is one disagreement with sides: the passages that agree with each other, the
    differing words of every side, and the exact spans of those words. ``passage_a``/``b``
    keep the first passage of the first two sides (older readers, foreign keys); a row written
    before this version has empty ``sides`` and reads as its two passages."""
    for column in ("sides", "side_words", "spans"):
        db.execute(f"ALTER TABLE [conflicts] ADD COLUMN [{column}] TEXT NOT NULL DEFAULT ''")


def _v4(db: Database) -> None:
    """Web captures and article versions; a warning per article; claims edited at the source.

    ``captures`` keeps every fetch of a page that changed the article (version 1 is the
    import): the raw bytes as served, the final URL, the HTTP status, date and headers, the
    fetch time and the article text extracted from it, so the review records what the page said
    when it was checked. ``claim_changes`` records a claim whose words changed or vanished in a
    later version ("edited after publication"), with both wordings, until the reviewer dismisses
    it. ``articles.warning`` is a notice the reviewer may dismiss ("does not look like an
    article").
    """
    statements = [
        """CREATE TABLE [captures] (
            [id] INTEGER PRIMARY KEY AUTOINCREMENT,
            [article_id] TEXT NOT NULL,
            [version] INTEGER NOT NULL,
            [url] TEXT NOT NULL,
            [final_url] TEXT NOT NULL,
            [status] INTEGER NOT NULL,
            [http_date] TEXT,
            [headers] TEXT NOT NULL DEFAULT '[]',
            [fetched_at] TEXT NOT NULL,
            [content] BLOB NOT NULL,
            [content_sha256] TEXT NOT NULL,
            [text] TEXT NOT NULL,
            [title] TEXT NOT NULL DEFAULT '',
            [stored_at] TEXT NOT NULL,
            UNIQUE ([article_id], [version])
        )""",
        """CREATE TABLE [claim_changes] (
            [id] INTEGER PRIMARY KEY AUTOINCREMENT,
            [claim_id] TEXT NOT NULL,
            [article_id] TEXT NOT NULL,
            [from_version] INTEGER NOT NULL,
            [to_version] INTEGER NOT NULL,
            [kind] TEXT NOT NULL,
            [old_quote] TEXT NOT NULL,
            [new_quote] TEXT NOT NULL DEFAULT '',
            [at] TEXT NOT NULL,
            [dismissed] INTEGER NOT NULL DEFAULT 0
        )""",
        "ALTER TABLE [articles] ADD COLUMN [warning] TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX [idx_captures_article_id] ON [captures] ([article_id], [version])",
        "CREATE INDEX [idx_claim_changes_claim_id] ON [claim_changes] ([claim_id])",
    ]
    for sql in statements:
        db.execute(sql)



#: What the alignment reads: a change to it makes the stored groups out of date. Metadata
#: (date, outlet, title) only feeds the checks, which ``reanalysis.recheck`` redoes over the
#: stored groups at once; ``hidden`` and ``position`` only change what the window shows.
_ANALYSED_ARTICLE_COLUMNS = "text"


def _v5(db: Database) -> None:
    """A generation counter: which state of the review the stored alignment was computed from.

    ``meta.generation`` goes up with every change to what the analysis reads (articles, their
    text and metadata, the reviewer's group edits); ``meta.analysed_generation`` is the
    generation the stored groups were computed from. An analysis stores its result only while
    the review is still at the generation it read (checked inside the write transaction, see
    ``Review.replace_analysis``), so a slower, older analysis can never overwrite a newer one,
    and a killed ``add`` leaves a review that says its alignment is out of date.

    The counter is bumped by triggers rather than by each write method: a write path added
    later cannot forget it, and a file written by any factdesk of this format keeps it true.
    The old ``analysis_stale`` flag becomes the starting difference between the two.
    """
    row = db.execute("select value from meta where key = 'analysis_stale'").fetchone()
    stale = bool(row and row[0] == "1")
    db.execute("delete from meta where key = 'analysis_stale'")
    db.execute("insert or replace into meta (key, value) values ('generation', '1')")
    db.execute(
        "insert or replace into meta (key, value) values ('analysed_generation', ?)",
        ["0" if stale else "1"],
    )
    bump = "update meta set value = cast(value as integer) + 1 where key = 'generation';"
    for name, event in [
        ("articles_insert", "AFTER INSERT ON articles"),
        ("articles_delete", "AFTER DELETE ON articles"),
        ("articles_update", f"AFTER UPDATE OF {_ANALYSED_ARTICLE_COLUMNS} ON articles"),
        ("group_edits_insert", "AFTER INSERT ON group_edits"),
        ("group_edits_delete", "AFTER DELETE ON group_edits"),
    ]:
        db.execute(f"CREATE TRIGGER [generation_{name}] {event} BEGIN {bump} END")


def _v6_pair_answers(db: Database) -> None:
    """The reviewer's "same fact?" answers, and the questions the last alignment would ask.

    ``pair_answers`` holds one answer per pair of passages (``passage_a`` < ``passage_b``;
    answering again replaces it): a decision of the reviewer, kept like the group edits across
    every re-alignment and replayed by it, so it bumps the generation as they do. Passage ids
    have no foreign key, as in ``group_edits``: an answer about an article removed and added
    again holds again. ``pair_questions`` is analysis output (the unsure pairs, most
    informative first), replaced with every alignment.
    """
    db.execute("""CREATE TABLE [pair_answers] (
        [id] INTEGER PRIMARY KEY AUTOINCREMENT,
        [passage_a] TEXT NOT NULL,
        [passage_b] TEXT NOT NULL,
        [same] INTEGER NOT NULL CHECK ([same] IN (0, 1)),
        [created_at] TEXT NOT NULL,
        CHECK ([passage_a] < [passage_b]),
        UNIQUE ([passage_a], [passage_b])
    )""")
    db.execute("""CREATE TABLE [pair_questions] (
        [rank] INTEGER PRIMARY KEY,
        [passage_a] TEXT NOT NULL,
        [passage_b] TEXT NOT NULL,
        [probability] REAL NOT NULL
    )""")
    bump = "update meta set value = cast(value as integer) + 1 where key = 'generation';"
    for name, event in [
        ("pair_answers_insert", "AFTER INSERT ON pair_answers"),
        ("pair_answers_delete", "AFTER DELETE ON pair_answers"),
        ("pair_answers_update", "AFTER UPDATE ON pair_answers"),
    ]:
        db.execute(f"CREATE TRIGGER [generation_{name}] {event} BEGIN {bump} END")


def _decisions(db: Database) -> None:
    """Each reviewer's own decision per claim, and an editor's settlement (#21).

    ``decisions`` holds one row per claim × reviewer (the signature edits are signed with): that
    reviewer's status and note, so claims checked by two people — merged from two files, or
    edited by both in one — keep both verdicts side by side. ``claims.status`` stays the one
    status a report shows: settled, else agreed, else unreviewed while reviewers disagree.
    ``claims.settled_*`` record an editor's settlement (who, when, why). Existing claims get
    their reviewer's decision, so an older review merges like a new one. No foreign key to
    ``claims``: a deleted claim's decisions go with its history, and a restore finds them.
    """
    statements = [
        """CREATE TABLE [decisions] (
            [claim_id] TEXT NOT NULL,
            [reviewer] TEXT NOT NULL,
            [status] TEXT NOT NULL DEFAULT 'unreviewed',
            [note] TEXT NOT NULL DEFAULT '',
            [at] TEXT NOT NULL,
            PRIMARY KEY ([claim_id], [reviewer])
        )""",
        "ALTER TABLE [claims] ADD COLUMN [settled_by] TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE [claims] ADD COLUMN [settled_at] TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE [claims] ADD COLUMN [settled_why] TEXT NOT NULL DEFAULT ''",
        # the verdict belongs to whoever last set the status (else wrote the note), as the
        # history says: claims.reviewer is whoever last touched the claim, even to link evidence
        """INSERT INTO [decisions] (claim_id, reviewer, status, note, at)
           SELECT c.id, coalesce((SELECT h.reviewer FROM history h
                                  WHERE h.claim_id = c.id AND h.reviewer != ''
                                    AND h.field = CASE WHEN c.status != 'unreviewed'
                                                       THEN 'status' ELSE 'note' END
                                  ORDER BY h.at DESC, h.id DESC LIMIT 1), c.reviewer),
                  c.status, c.note, c.updated_at
           FROM claims c
           WHERE c.reviewer != '' AND (c.status != 'unreviewed' OR c.note != '')""",
    ]
    for sql in statements:
        db.execute(sql)


def _removed_articles(db: Database) -> None:
    """What a removed article was called: a claim is a record of what an outlet said, so
    when its article is taken out of the review the claim (kept, as an orphan) still names
    the outlet, title, date and file it was made on, in every report and in ClaimReview.
    One row per removed article; no foreign keys (its article row is gone by design)."""
    db.execute(
        """CREATE TABLE [removed_articles] (
            [id] TEXT PRIMARY KEY,
            [path] TEXT NOT NULL DEFAULT '',
            [title] TEXT NOT NULL DEFAULT '',
            [outlet] TEXT NOT NULL DEFAULT '',
            [author] TEXT NOT NULL DEFAULT '',
            [published] TEXT,
            [sha256] TEXT NOT NULL DEFAULT '',
            [headline] TEXT NOT NULL DEFAULT '',
            [removed_at] TEXT NOT NULL
        )"""
    )


def _pair_disputes(db: Database) -> None:
    """Two reviewers' different "same fact?" answers about one pair, kept both-sided.

    A merge that finds one file saying "same fact" and the other "not" about a pair keeps
    neither as the answer (the pair is undecided, as a claim is unreviewed while its
    reviewers' verdicts differ) and both here, with when each was given and the file it came
    from, so nothing either reviewer did is lost and the disagreement can be shown until a
    reviewer answers the pair again (an answer newer than both settles it). Not analysis
    input: no generation trigger.
    """
    db.execute("""CREATE TABLE [pair_disputes] (
        [id] INTEGER PRIMARY KEY AUTOINCREMENT,
        [passage_a] TEXT NOT NULL,
        [passage_b] TEXT NOT NULL,
        [same] INTEGER NOT NULL CHECK ([same] IN (0, 1)),
        [created_at] TEXT NOT NULL,
        [source] TEXT NOT NULL DEFAULT '',
        CHECK ([passage_a] < [passage_b]),
        UNIQUE ([passage_a], [passage_b], [same], [created_at])
    )""")


MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6_pair_answers,
                                                   _decisions, _removed_articles,
                                                   _pair_disputes]
SCHEMA_VERSION = len(MIGRATIONS)

#: The tables each format version adds; a file at version N lacking one of versions ≤ N is
#: damaged (a dropped table, or factdesk's id on a file whose tables were never made).
TABLES_ADDED = {
    1: frozenset({"meta", "articles", "marks", "passages", "groups", "group_members",
                  "group_edits", "conflicts", "dependences"}),
    2: frozenset({"claims", "evidence", "history", "suggestions"}),
    4: frozenset({"captures", "claim_changes"}),
    MIGRATIONS.index(_v6_pair_answers) + 1: frozenset({"pair_answers", "pair_questions"}),
    MIGRATIONS.index(_decisions) + 1: frozenset({"decisions"}),
    MIGRATIONS.index(_removed_articles) + 1: frozenset({"removed_articles"}),
    MIGRATIONS.index(_pair_disputes) + 1: frozenset({"pair_disputes"}),
}


def tables_expected(version: int) -> frozenset[str]:
    """The tables a review at format ``version`` must have."""
    return frozenset().union(*(t for v, t in TABLES_ADDED.items() if v <= version))


SQLITE_HEADER = b"SQLite format 3\x00"


class ReviewFileError(Exception):
    """A review file that cannot be opened or written, with a message for the reviewer."""


class DamagedReviewError(ReviewFileError):
    """A review file SQLite finds damaged. The message is one paragraph for a reviewer (what,
    where the automatic backups are, how to restore one); ``detail`` keeps SQLite's own report
    (integrity-check lines, a dozen or more) for ``--verbose`` and the log, not the message."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class ClaimConflict(ReviewFileError):
    """Another reviewer (or the command line, or another window) changed a claim after this
    connection showed it; nothing was written. Raised by a server review always and by a file
    review whose ``check_versions`` is on (the window's)."""

    def __init__(self, claim_id: str, who: str, at: str) -> None:
        when = at[11:16] if len(at) >= 16 else at  # HH:MM of the stored UTC time
        who = who or "another reviewer"
        super().__init__(
            f"{who} changed claim {claim_id} at {when} UTC — reload and retry; "
            "your edit was not saved"
        )
        self.claim_id, self.who, self.at = claim_id, who, at
        #: the window re-reads the claim at once, so it says what it shows instead of "reload"
        self.in_window = (f"{who} changed claim {claim_id} at {when} UTC, after your window "
                          "showed it. Their edit is shown now; yours was not saved — do it "
                          "again if it still holds.")
        self.in_status = (f"{who} changed claim {claim_id} at {when} UTC; their edit is shown, "
                          "yours was not saved")


def has_sqlite_header(path: Path) -> bool:
    """Whether a file starts as an SQLite database does (raises OSError if it can't be read)."""
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
