"""How far down the "Align with…" list the right place is, for passages the alignment missed.

Imports the five seed articles into a temporary review (alignment included), then, for every
passage whose gold counterparts in other articles do not share a group with it, ranks the
options the window offers (``core/align/regroup.py``) and finds the first right one: a group holding
a gold counterpart, or a lone gold counterpart. Prints the rank distribution, with the same
figures for the alignment's own related pairs as the ranking (scores of its candidate pairs
only: what the window would offer without scoring the passage against every other).

    .venv/bin/python benchmarks/regroup_rank.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairwise_score import _gold_items, map_passage  # noqa: E402

from factdesk.core.align.groups import align  # noqa: E402
from factdesk.core.align.regroup import match_options, rank_counterparts  # noqa: E402
from factdesk.core.importing import import_files  # noqa: E402
from factdesk.core.store import Review  # noqa: E402

SEEDS = ROOT.parent / "shared/corpus/seeds"
GOLD = ROOT / "tests/data/seed_alignment_gold.json"


def main() -> int:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    items, group_of = _gold_items(gold)
    with tempfile.TemporaryDirectory() as tmp, \
            Review.open(Path(tmp) / "seeds.factdesk", create=True) as review:
        import_files(review, sorted(SEEDS.glob("*.txt")))
        plist = review.passages()
        passages = {p.id: p for p in plist}
        articles = {a.id: a for a in review.articles()}
        facts = {}
        for pid, p in passages.items():
            a = articles[p.article_id]
            facts[pid] = {group_of[k] for k in map_passage(Path(a.path).name, p.text, p.start,
                                                           p.end, a.text, items)}
        groups = review.groups()
        related_pairs: dict[str, list[tuple[str, float]]] = {}
        for a, b, score in align(plist).related:
            related_pairs.setdefault(a, []).append((b, score))
            related_pairs.setdefault(b, []).append((a, score))
        members = {g.id: set(g.passage_ids) for g in groups}
        ranks: dict[str, list[int]] = {"full": [], "candidates": []}
        seconds = []
        for pid, mine in facts.items():
            own = [g for g in groups if pid in g.passage_ids]
            want = {q for q, theirs in facts.items()
                    if mine & theirs and passages[q].article_id != passages[pid].article_id
                    and not any(q in g.passage_ids for g in own)}
            if not want:
                continue
            t0 = time.perf_counter()
            full = rank_counterparts(plist, pid)
            seconds.append(time.perf_counter() - t0)
            for name, related in (("full", full), ("candidates", related_pairs.get(pid, []))):
                options = match_options(pid, groups, related, passages)
                ranks[name].append(1 + next(
                    k for k, o in enumerate(options)
                    if (o.anchor in want if o.group_id is None else members[o.group_id] & want)))
    for name, label in (("full", "scored against every passage (shipped)"),
                        ("candidates", "alignment's candidate pairs only")):
        r = ranks[name]
        tops = "  ".join(f"top-{k} {sum(x <= k for x in r)}/{len(r)}" for k in (1, 3, 5, 10))
        print(f"{label:42s} median rank {statistics.median(r):g}  {tops}")
    print(f"ranking one passage: median {statistics.median(seconds):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
