"""A killed factdesk loses nothing it said was saved, and leaves a sound file.

A child process makes a stream of claim edits and prints "saved N ..." after each op returns;
the parent SIGKILLs it at a random moment and checks the reopened file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factdesk.core.model import Article, Passage
from factdesk.core.store import Review

TEXT = "Junk line\nThe mayor said the bridge will close for six weeks. It reopens in June.\n"

CHILD = r"""
import sys
from factdesk.core import claim_edits
from factdesk.core.store import Review

path, first = sys.argv[1], int(sys.argv[2])
statuses = ["confirmed", "conflicting", "unsourced"]  # each a change from unreviewed
review = Review.open(path)
claim_id = review.claims()[-1].id if review.claims() else None
for n in range(first, first + 100_000):
    if claim_id is None or n % 5 == 0:
        claim_id = claim_edits.create_claim(review, "a1", n % 50 + 10, n % 50 + 15, reviewer="w").id
        done = f"created {claim_id}"
    elif n % 5 == 1:
        claim_edits.set_status(review, claim_id, statuses[n % 3], reviewer="w")
        done = f"status {claim_id} {statuses[n % 3]}"
    elif n % 5 == 2:
        claim_edits.set_note(review, claim_id, f"note {n}", reviewer="w")
        done = f"note {claim_id} note {n}"
    elif n % 5 == 3:
        ev = claim_edits.add_evidence(review, claim_id, "a1.2", "supports", reviewer="w")
        done = f"evidence {claim_id} {ev.id}"
    else:
        claim_edits.delete_claim(review, claim_id, reviewer="w")
        done = f"deleted {claim_id}"
        claim_id = None
    print(f"saved {n} {done}", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_writer_keeps_every_reported_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.factdesk"
    with Review.open(path, create=True) as review:
        start, mid = TEXT.index("The mayor"), TEXT.index("It reopens")
        review.add_article(
            Article("a1", "/tmp/a1.txt", TEXT, "ab" * 32),
            [
                Passage("a1.1", "a1", 1, start, mid - 1, TEXT[start : mid - 1]),
                Passage("a1.2", "a1", 2, mid, len(TEXT) - 1, TEXT[mid:-1]),
            ],
        )
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    reported: list[list[str]] = []
    first = 0
    for _ in range(3):
        kill_after = rng.randint(20, 60)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(first)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        lines = 0
        deadline = time.monotonic() + 60
        while lines < kill_after and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reported.append(line.split())
            lines += 1
        time.sleep(rng.random() * 0.01)  # land anywhere, often inside a transaction
        child.send_signal(signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
        reported += [line.split() for line in rest.splitlines() if line.startswith("saved")]
        assert lines >= 20, f"seed {seed}: the writer stopped early: {err}"
        first = int(reported[-1][1]) + 1
        with Review.open(path) as review:
            check_saved(review, reported, seed)
    assert len(reported) >= 60


def check_saved(review: Review, reported: list[list[str]], seed: int) -> None:
    assert review.db.conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    history = {(h.claim_id, h.field, h.new) for h in review.history()}
    history |= {(h.claim_id, h.field, h.old) for h in review.history() if h.field == "deleted"}
    evidence = {h.new.split()[0] for h in review.history() if h.field == "evidence+"}
    deleted = {h.claim_id for h in review.history() if h.field == "deleted"}
    live = {c.id: c for c in review.claims()}
    for _, n, what, claim_id, *value in reported:
        where = f"seed {seed}: edit {n} ({what} {claim_id}) reported saved but missing"
        if what == "created":
            assert claim_id in live or claim_id in deleted, where
        elif what == "status":
            assert (claim_id, "status", value[0]) in history, where
        elif what == "note":
            assert (claim_id, "note", " ".join(value)) in history, where
        elif what == "evidence":
            assert f"#{value[0]}" in evidence, where
        else:
            assert claim_id in deleted and claim_id not in live, where
    # State and history were written together: each live claim is what its history says.
    for claim in live.values():
        statuses = [h.new for h in review.history(claim.id) if h.field == "status"]
        notes = [h.new for h in review.history(claim.id) if h.field == "note"]
        assert str(claim.status) == (statuses[-1] if statuses else "unreviewed")
        assert claim.note == (notes[-1] if notes else "")
        assert len(claim.evidence) == sum(h.field == "evidence+" for h in review.history(claim.id))
