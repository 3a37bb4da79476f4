"""A factdesk killed (SIGKILL) in the middle of an import or an alignment loses nothing it had
acknowledged, leaves a sound file, and never leaves half an article or half an analysis.

(Claim edits under SIGKILL: tests/core/test_claims_crash.py.) Seeds are printed on failure.
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import pytest
import reliability_workers as rw

from factdesk.core.importing import import_files
from factdesk.core.read.ingest import article_id_for
from factdesk.core.store import Review

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and forkserver")


def test_killed_import_keeps_every_acknowledged_article_whole(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    ctx = rw.context()
    path = tmp_path / "import.factdesk"
    Review.open(path, create=True).close()
    files = rw.write_articles(tmp_path / "in", 24, paragraphs=30)
    ids = {f: article_id_for(hashlib.sha256(f.read_bytes()).hexdigest()) for f in files}
    acknowledged: set[str] = set()
    kills = 0
    for _ in range(3):
        with Review.open(path, backup=False) as review:
            stored = {a.id for a in review.articles()}
        todo = [str(f) for f in files if ids[f] not in stored]
        acks, code = rw.run_and_kill(
            ctx, rw.import_worker, (str(path), todo), rng.randint(1, 3), rng, 0.15
        )
        kills += code == -9
        acknowledged |= {a[1] for a in acks if a[0] == "added"}
        with Review.open(path, backup=False) as review:
            assert rw.integrity(review) == "ok", f"seed {seed}"
            have = {a.id for a in review.articles()}
            assert acknowledged <= have, f"seed {seed}: lost {acknowledged - have}"
            rw.check_articles_whole(review)
    assert kills >= 2, f"seed {seed}: the importer finished before it could be killed"
    assert len(acknowledged) >= 3


def test_killed_alignment_keeps_edits_and_a_whole_analysis(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    ctx = rw.context()
    path = tmp_path / "align.factdesk"
    files = rw.write_articles(tmp_path / "in", 5, paragraphs=4)
    with Review.open(path, create=True) as review:
        import_files(review, files)
        last_digest = rw.groups_digest(review.groups())
    edits: set[int] = set()
    kills = 0
    for round_ in range(3):
        acks, code = rw.run_and_kill(
            ctx, rw.align_worker, (str(path), seed + round_), rng.randint(2, 5), rng, 0.3
        )
        kills += code == -9
        edits |= {a[1] for a in acks if a[0] == "edit"}
        analysed = [a[1] for a in acks if a[0] == "analysed"]
        last_digest = analysed[-1] if analysed else last_digest
        with Review.open(path, backup=False) as review:
            assert rw.integrity(review) == "ok", f"seed {seed}"
            stored_edits = {e.id for e in review.group_edits()}
            assert edits <= stored_edits, f"seed {seed}: lost group edits {edits - stored_edits}"
            # one whole analysis: of the edits up to some point, not older than the last
            # acknowledged one (an analysis may have committed just before the kill)
            last_digest = rw.check_whole_analysis(review, last_digest)
            assert all(len(g.members) >= 2 for g in review.groups())
    assert kills == 3
    assert edits, f"seed {seed}: no group edit was acknowledged"
