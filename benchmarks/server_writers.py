"""A desk on one shared review: concurrent writers on a real PostgreSQL server (#21 item 4).

W writer processes (default 5) each make E edits (default 1,000) as a reviewer does in the
window: read the claims (the window's snapshot), then change claims' notes and statuses, one
committed transaction per edit (``claim_edits.set_verdict``). The claims are shared between
the writers, so they collide; a refused edit (``ClaimConflict``: another reviewer changed the
claim since it was read) is re-read and retried, as the window's reviewer does after the
message. Every edit a writer was told is saved is recorded, and at the end checked against
the server: it must be in the history exactly once, and each claim must hold the last edit
made to it. Lost edits must be 0.

Meanwhile a probe in this process edits a claim of its own every 0.1 s on one connection and
a ``Listener`` on another connection (as the window's DeskWatch) times commit → notification →
the claim re-read: the latency for a reviewer to see another's edit, under the writers' load.

    python benchmarks/server_writers.py [--writers 5] [--edits 1000] [--claims 40] [--fresh]
                                        [--url URL]

Without ``--url`` a throwaway cluster is started as the tests do (tests/pgserver.py).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

STATUSES = ["confirmed", "conflicting", "unsourced", "unreviewed"]


def writer(url: str, name: str, edits: int, claim_ids: list[str], seed: int,
           fresh: bool, out: mp.Queue) -> None:
    import random

    from factdesk.core import claim_edits
    from factdesk.core.store import Review
    from factdesk.core.store.server import ClaimConflict

    rng = random.Random(seed)
    acknowledged: list[tuple[str, str]] = []
    conflicts = 0
    times: list[float] = []
    with Review.open(url) as review:
        review.claims()  # what the window shows first
        first = time.time()
        for n in range(edits):
            began = time.perf_counter()
            claim_id = rng.choice(claim_ids)
            note = f"{name}-{n}"
            if fresh:  # a window kept current by the notifications shows the latest claim
                review.claim(claim_id)
            while True:
                try:
                    claim_edits.set_verdict(review, claim_id, rng.choice(STATUSES), note,
                                            reviewer=name)
                    break
                except ClaimConflict:
                    conflicts += 1
                    review.claim(claim_id)  # reload, then retry
            acknowledged.append((claim_id, note))
            times.append(time.perf_counter() - began)
    out.put((name, acknowledged, conflicts, first, time.time(), times))


def probe(url: str, stop: threading.Event, latencies: list[float]) -> None:
    from factdesk.core import claim_edits
    from factdesk.core.store import Review
    from factdesk.core.store.server import Listener

    with Review.open(url) as editor, Review.open(url) as watcher:
        listener = Listener(watcher)
        claim_id = "k1"
        n = 0
        try:
            while not stop.is_set():
                n += 1
                note = f"probe-{n}"
                claim_edits.set_note(editor, claim_id, note, reviewer="probe")
                committed = time.perf_counter()
                seen = False
                while not seen and time.perf_counter() - committed < 5:
                    for change in listener.wait(1.0):
                        if change.claim_id == claim_id and watcher.claim(claim_id).note == note:
                            seen = True
                if seen:
                    latencies.append(time.perf_counter() - committed)
                stop.wait(0.1)
        finally:
            listener.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=40, help="claims the writers share")
    parser.add_argument("--fresh", action="store_true",
                        help="re-read a claim before editing it, as a window kept current by "
                        "the notifications does (default: edit from the first read, the worst "
                        "case for conflicts)")
    parser.add_argument("--url", help="a server review URL to create (default: a throwaway "
                        "cluster)")
    args = parser.parse_args()

    from factdesk.core import claim_edits
    from factdesk.core.model import Article, Passage
    from factdesk.core.store import Review
    from factdesk.core.store.server import ServerReview

    cluster = None
    if args.url:
        url = args.url
    else:
        from pgserver import Cluster

        cluster = Cluster()
        url = cluster.url("bench")
    try:
        sentences = [f"Sentence {i} reports a fact." for i in range(args.claims + 1)]
        text = " ".join(sentences)
        starts = [text.index(s) for s in sentences]
        with ServerReview.connect(url, create=True, reviewer="editor") as review:
            review.add_article(Article("a1", "a1.txt", text, "ab" * 32),
                               [Passage("a1.1", "a1", 1, 0, len(text), text)])
            ids = [claim_edits.create_claim(review, "a1", start, start + len(sentence),
                                            reviewer="editor").id
                   for start, sentence in zip(starts, sentences, strict=True)]
        probe_claim, shared = ids[0], ids[1:]
        assert probe_claim == "k1"

        ctx = mp.get_context("spawn")  # fresh processes: no connection inherited by a fork
        out = ctx.Queue()
        procs = [ctx.Process(target=writer, args=(url, f"w{i}", args.edits, shared, i,
                                                     args.fresh, out))
                 for i in range(args.writers)]
        stop, latencies = threading.Event(), []
        watcher = threading.Thread(target=probe, args=(url, stop, latencies), daemon=True)
        started = time.perf_counter()
        for p in procs:
            p.start()
        watcher.start()
        results = [out.get() for _ in procs]
        elapsed = time.perf_counter() - started
        for p in procs:
            p.join()
        stop.set()
        watcher.join(10)

        with Review.open(url) as review:
            history = [h for h in review.history() if h.field == "note" and h.claim_id != "k1"]
            by_note: dict[str, int] = {}
            for h in history:
                by_note[h.new] = by_note.get(h.new, 0) + 1
            last: dict[str, str] = {}
            for h in history:  # in commit order (ids from the server's sequence)
                last[h.claim_id] = h.new
            final = {c.id: c.note for c in review.claims()}
        acknowledged = [edit for r in results for edit in r[1]]
        conflicts = sum(r[2] for r in results)
        window = max(r[4] for r in results) - min(r[3] for r in results)
        per_edit = sorted(t for r in results for t in r[5])
        lost = sum(1 for _, note in acknowledged if by_note.get(note) != 1)
        wrong_final = sum(1 for cid, note in last.items() if final.get(cid) != note)
        import os

        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
        print(f"writers {args.writers} × edits {args.edits} on {len(shared)} shared claims "
              f"(PostgreSQL, one transaction per edit; "
              f"{'re-read before each edit' if args.fresh else 'edits from a stale read'})")
        print(f"acknowledged edits: {len(acknowledged)}; lost: {lost}; claims not holding "
              f"their last edit: {wrong_final}")
        print(f"version conflicts refused and retried: {conflicts} "
              f"({conflicts / max(len(acknowledged), 1):.1%} of edits)")
        print(f"throughput {len(acknowledged) / window:.0f} edits/s over all writers "
              f"({window:.1f} s from the first edit to the last; {elapsed:.1f} s with the "
              "writers' start-up)")
        print(f"one edit as its writer waits for it (retries included): median "
              f"{statistics.median(per_edit) * 1000:.1f} ms, p95 "
              f"{per_edit[int(0.95 * (len(per_edit) - 1))] * 1000:.1f} ms")
        if latencies:
            ordered = sorted(latencies)
            p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
            print(f"see another's edit (commit → notification → re-read), {len(ordered)} "
                  f"probes under load: median {statistics.median(ordered) * 1000:.1f} ms, "
                  f"p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")
        return 0 if lost == 0 and wrong_final == 0 else 1
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
