"""How fast claim edits reach the disk, and how fast the claims table loads.

Builds a file-backed review with ~10,000 claims (50 articles × 200 claims, a third with
evidence), then times ``claim_edits.set_status`` (one committed transaction with its history
row: the time from the click to "saved") and ``Review.claims()`` (every claim with its
evidence, as the claims table loads them). Target: a status change is saved in < 20 ms.

    .venv/bin/python benchmarks/claims_speed.py [--claims 10000] [--edits 300] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core import claim_edits  # noqa: E402
from factdesk.core.model import Article, ClaimStatus, Passage  # noqa: E402
from factdesk.core.store import Review  # noqa: E402

SENTENCE = "The council said {n} homes were evacuated after the barrier failed on Sunday. "
ARTICLES = 50


def build(path: Path, n_claims: int) -> list[str]:
    per_article = max(1, n_claims // ARTICLES)
    ids: list[str] = []
    with Review.open(path, create=True) as review, review.transaction():
        for a in range(ARTICLES):
            aid = f"a{a}"
            text = "".join(SENTENCE.format(n=100 + i) for i in range(per_article))
            passages, at = [], 0
            for i in range(per_article):
                length = len(SENTENCE.format(n=100 + i)) - 1
                passages.append(
                    Passage(f"{aid}.{i}", aid, i, at, at + length, text[at : at + length])
                )
                at += length + 1
            review.add_article(Article(aid, f"/tmp/{aid}.txt", text, f"{a:064x}"), passages)
            for i, p in enumerate(passages):
                claim = claim_edits.create_claim(review, aid, p.start, p.start + 40,
                                                 reviewer="bench")
                ids.append(claim.id)
                if i % 3 == 0:  # a third get evidence: the same sentence one article back
                    other = f"a{max(a - 1, 0)}.{i}"
                    claim_edits.add_evidence(review, claim.id, other, "supports", reviewer="bench")
    return ids


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build the review in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="factdesk-claims-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.factdesk"
    path.unlink(missing_ok=True)

    t0 = time.perf_counter()
    ids = build(path, args.claims)
    print(f"built {len(ids)} claims in {time.perf_counter() - t0:.1f} s: {path}")

    statuses = [ClaimStatus.CONFIRMED, ClaimStatus.CONFLICTING, ClaimStatus.UNSOURCED]
    with Review.open(path) as review:
        sync = review.db.conn.execute("pragma synchronous").fetchone()[0]
        mode = review.db.journal_mode
        saves = []
        for i in range(args.edits):
            claim_id = ids[(i * 7919) % len(ids)]
            t = time.perf_counter()
            claim_edits.set_status(review, claim_id, statuses[i % 3], reviewer="bench")
            saves.append((time.perf_counter() - t) * 1000)
        loads = []
        for _ in range(5):
            t = time.perf_counter()
            claims = review.claims()
            loads.append((time.perf_counter() - t) * 1000)
        history = len(review.history())

    print(f"journal {mode}, synchronous={sync}, {len(claims)} claims, {history} history rows")
    print(
        f"status change saved: median {statistics.median(saves):.2f} ms, "
        f"p95 {percentile(saves, 0.95):.2f} ms, max {max(saves):.2f} ms "
        f"({args.edits} edits; target < 20 ms)"
    )
    print(
        f"read all {len(claims)} claims with evidence: median {statistics.median(loads):.0f} ms, "
        f"max {max(loads):.0f} ms (5 reads)"
    )
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if percentile(saves, 0.95) < 20 else 1


if __name__ == "__main__":
    sys.exit(main())
