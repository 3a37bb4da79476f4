"""Child-process workers for the crash and concurrency tests (and benchmarks/reliability.py).

Each worker opens a review, makes a stream of changes and, after each change's function has
returned (so the change is committed), sends an acknowledgement down a pipe. The parent kills
the worker at a random moment, or lets two of them run side by side, and then checks the file
against the acknowledgements: everything acknowledged must be there, whole.

Workers run in a ``forkserver`` context whose server has already imported factdesk, so
starting one costs milliseconds rather than the seconds a fresh interpreter needs.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import multiprocessing.connection
import random
import time
from collections.abc import Iterable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from factdesk.core import claim_edits
from factdesk.core.demo import demo_files
from factdesk.core.importing import import_files
from factdesk.core.model import AlignmentGroup
from factdesk.core.read.segment import split_passages
from factdesk.core.reanalysis import analyse
from factdesk.core.store import Review

Ack = tuple[Any, ...]


def context() -> Any:
    """A forkserver context with factdesk preloaded (fork would copy the test runner's state)."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


# --- articles to import -----------------------------------------------------------------------

_EXTRA = [
    "Officials said the inspection found {n} cracked bearings on the eastern span.",
    "The council will meet on {day} to vote on a repair budget of {n} million.",
    "Commuters were advised to allow {n} extra minutes for the detour via Mill Road.",
    'A spokesperson said that "safety comes first" and that {n} crews were on site.',
    "Ferry operators added {n} sailings a day while the bridge stays closed.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_articles(folder: Path, count: int, paragraphs: int = 12) -> list[Path]:
    """``count`` distinct article files built from the demo articles plus generated
    paragraphs (so each import is a transaction with dozens of passages)."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [(p.suffix, p.read_text(encoding="utf-8")) for p in demo_files()]
    rng = random.Random(count)
    out = []
    for i in range(count):
        suffix, text = bases[i % len(bases)]
        extra = [
            " ".join(
                rng.choice(_EXTRA).format(n=rng.randint(2, 900), day=rng.choice(_DAYS))
                for _ in range(3)
            )
            for _ in range(paragraphs)
        ]
        body = text.rstrip("\n") + "\n\n" + "\n\n".join(extra) + f"\n\nReport number {i}.\n"
        path = folder / f"{i:03d}_article{suffix}"
        path.write_text(body, encoding="utf-8")
        out.append(path)
    return out


# --- workers ----------------------------------------------------------------------------------


def import_worker(path: str, files: Sequence[str], conn: Connection) -> None:
    """Import files one at a time; acknowledge each article added (after its commit)."""
    review = Review.open(path, backup=False)
    for name in files:
        report = import_files(review, [name], realign=False)
        for article in report.added:
            conn.send(("added", article.id))
        for dup in report.duplicates:
            conn.send(("duplicate", dup))
    conn.send(("done",))


def align_worker(path: str, seed: int, conn: Connection) -> None:
    """Alternate group edits and full re-analyses; acknowledge each edit and each analysis
    (with a digest of the stored groups)."""
    rng = random.Random(seed)
    review = Review.open(path, backup=False)
    passages = review.passages()
    while True:
        a, b = rng.sample(passages, 2)
        if a.article_id != b.article_id:
            edit = review.add_group_edit(rng.choice(["join", "split", "remove"]), [a.id, b.id])
            conn.send(("edit", edit.id))
        analyse(review)
        conn.send(("analysed", groups_digest(review.groups())))


def edit_worker(path: str, name: str, seconds: float, go: Any, conn: Connection,
                edits: int = 0, made: Any = None, me: int = 0) -> None:
    """Claim edits (create, status, note, evidence, delete) once ``go`` (an Event) is set, for
    ``seconds``, or (tests: a count, not a clock) at least ``edits`` of them and until an edit
    begun after every other editor's first one: ``made`` is a shared array of each editor's
    count, ``me`` this editor's place in it. Acknowledge each edit."""
    review = Review.open(path, backup=False)
    article = review.articles()[0]
    passages = review.passages(article.id)
    statuses = ["confirmed", "conflicting", "unsourced"]
    span = max(1, len(article.text) - 20)
    conn.send(("ready",))
    go.wait(60)
    deadline = time.monotonic() + seconds
    claim_id: str | None = None
    n = 0
    others_started = False
    while (n < edits or not others_started) if edits else (time.monotonic() < deadline):
        if made is not None:  # whether every other editor had committed an edit before this one
            others_started = all(made[i] > 0 for i in range(len(made)) if i != me)
        else:
            others_started = True
        if claim_id is None or n % 5 == 0:
            start = n * 7 % span
            claim_id = claim_edits.create_claim(review, article.id, start, start + 10, reviewer=name).id
            conn.send(("created", claim_id))
        elif n % 5 == 1:
            claim_edits.set_status(review, claim_id, statuses[n % 3], reviewer=name)
            conn.send(("status", claim_id, statuses[n % 3]))
        elif n % 5 == 2:
            claim_edits.set_note(review, claim_id, f"{name} note {n}", reviewer=name)
            conn.send(("note", claim_id, f"{name} note {n}"))
        elif n % 5 == 3:
            ev = claim_edits.add_evidence(review, claim_id, passages[-1].id, "supports", reviewer=name)
            conn.send(("evidence", claim_id, ev.id))
        else:
            claim_edits.delete_claim(review, claim_id, reviewer=name)
            conn.send(("deleted", claim_id))
            claim_id = None
        n += 1
        if made is not None:
            made[me] = n
    review.close()
    conn.send(("done",))


def restore_worker(path: str, backups: Sequence[str], conn: Connection) -> None:
    """Restore the backups in turn, over and over; acknowledge each restore."""
    from factdesk.core.store.backups import restore_backup

    for n in range(100_000):
        restore_backup(path, backups[n % len(backups)])
        conn.send(("restored", backups[n % len(backups)]))


# --- checks -----------------------------------------------------------------------------------


def run_editors(ctx: Any, path: str, names: Sequence[str], seconds: float,
                edits: int = 0) -> dict[str, list]:
    """Run one edit_worker per name on the same file at the same time; their acknowledgements.
    ``edits``: each makes at least that many edits, and goes on until its last edit began after
    the others' first, instead of editing for ``seconds`` (so they interleave on any machine)."""
    go = ctx.Event()
    made = ctx.Array("i", len(names))
    pipes, children = {}, []
    for me, name in enumerate(names):
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=edit_worker,
                            args=(path, name, seconds, go, send, edits, made, me), daemon=True)
        child.start()
        send.close()
        pipes[name], children = receive, [*children, child]
    acks: dict[str, list] = {name: [] for name in names}
    for name, receive in pipes.items():  # everyone has opened the review
        assert receive.recv() == ("ready",), f"{name} did not start"
    go.set()
    open_pipes = dict(pipes)
    deadline = time.monotonic() + seconds + 60 + edits  # a hang guard, not a speed limit
    while open_pipes and time.monotonic() < deadline:
        for receive in mp.connection.wait(list(open_pipes.values()), timeout=1):
            name = next(n for n, r in open_pipes.items() if r is receive)
            try:
                acks[name].append(receive.recv())
            except EOFError:
                del open_pipes[name]
    for child in children:
        child.join(30)
        assert child.exitcode == 0, f"an editor failed (exit {child.exitcode})"
    return acks


def run_and_kill(
    ctx: Any, target: Any, args: tuple, kill_after: int, rng: random.Random, max_pause: float
) -> tuple[list[Ack], int | None]:
    """Start a worker, wait for ``kill_after`` acknowledgements, pause a random moment, SIGKILL
    it; return every acknowledgement it made."""
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=target, args=(*args, send), daemon=True)
    child.start()
    send.close()
    acks: list[tuple] = []
    deadline = time.monotonic() + 60
    while len(acks) < kill_after and time.monotonic() < deadline:
        if receive.poll(0.05):
            acks.append(receive.recv())
        if any(a[0] == "done" for a in acks) or not child.is_alive():
            break
    time.sleep(rng.random() * max_pause)  # land anywhere: reading, segmenting, mid-transaction
    child.kill()
    child.join(10)
    drain(receive, acks)
    receive.close()
    return acks, child.exitcode


def drain(conn: Connection, acks: list[Ack], timeout: float = 0.0) -> None:
    """Move every acknowledgement already in the pipe into ``acks``."""
    try:
        while conn.poll(timeout):
            acks.append(conn.recv())
    except (EOFError, OSError):
        pass


def integrity(review: Review) -> str:
    return str(review.db.conn.execute("pragma integrity_check").fetchone()[0])


def groups_digest(groups: Iterable[AlignmentGroup]) -> str:
    key = sorted(tuple(sorted(m.passage_id for m in g.members)) for g in groups)
    return hashlib.sha256(repr(key).encode()).hexdigest()[:16]


def fresh_digest(review: Review) -> str:
    """What a full analysis of the review as it is now would store (run by ``analyse`` itself
    on a scratch copy, so the check follows whatever analysis does)."""
    assert review.path is not None
    scratch = review.path.with_name(review.path.name + ".scratch")
    for leftover in scratch.parent.glob(scratch.name + "*"):
        leftover.unlink()
    review.backup_to(scratch)
    with Review.open(scratch, backup=False) as copy:
        analyse(copy)
        return groups_digest(copy.groups())


def check_whole_analysis(review: Review, last_acknowledged: str) -> str:
    """The stored groups are one whole analysis: the last acknowledged one, or one that
    committed just before the kill (its acknowledgement unsent; no edit can follow it
    unacknowledged, since the worker acknowledges the analysis first), which is then what a
    fresh analysis gives. Returns their digest."""
    stored = groups_digest(review.groups())
    assert stored in {last_acknowledged, fresh_digest(review)}, "no whole, current analysis"
    group_ids = {g.id for g in review.groups()}
    # a conflict belongs to a stored group, or to none (a quotation worded differently by
    # related passages in different groups), and always to passages that exist
    assert {c.group_id for c in review.conflicts()} - {None} <= group_ids
    passage_ids = {p.id for p in review.passages()}
    assert all(set(c.passages) <= passage_ids for c in review.conflicts())
    return stored


def check_articles_whole(review: Review) -> int:
    """Every stored article has exactly the passages segmentation gives it; returns count."""
    articles = review.articles()
    for article in articles:
        stored = review.passages(article.id)
        assert stored == split_passages(article), f"{article.id}: passages incomplete"
        assert all(article.text[p.start : p.end] == p.text for p in stored)
        assert stored, f"{article.id}: an article without passages"
    return len(articles)


def check_claim_acks(review: Review, acks: Sequence[Ack]) -> int:
    """Every acknowledged claim edit is in the file; returns how many were checked."""
    history = review.history()
    entries = {(h.claim_id, h.field, h.new) for h in history}
    deleted = {h.claim_id for h in history if h.field == "deleted"}
    evidence = {h.new.split()[0] for h in history if h.field == "evidence+"}
    live = {c.id: c for c in review.claims()}
    checked = 0
    for what, *rest in acks:
        if what in ("done", "ready"):
            continue
        claim_id = rest[0]
        lost = f"{what} {rest} acknowledged but missing"
        if what == "created":
            assert claim_id in live or claim_id in deleted, lost
        elif what == "status":
            assert (claim_id, "status", rest[1]) in entries, lost
        elif what == "note":
            assert (claim_id, "note", rest[1]) in entries, lost
        elif what == "evidence":
            assert f"#{rest[1]}" in evidence, lost
        elif what == "deleted":
            assert claim_id in deleted and claim_id not in live, lost
        checked += 1
    for claim in live.values():  # state and history were written together
        mine = [h for h in history if h.claim_id == claim.id]
        statuses = [h.new for h in mine if h.field == "status"]
        notes = [h.new for h in mine if h.field == "note"]
        assert str(claim.status) == (statuses[-1] if statuses else "unreviewed")
        assert claim.note == (notes[-1] if notes else "")
    return checked
