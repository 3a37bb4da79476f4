"""Conflict detection on the ECB+ stories annotated at the fact level (docs/annotation.md).

For each story file under ``benchmarks/data/facts/`` (``--facts DIR`` for another folder; the
``.pass2`` files, second passes over a story, are skipped) the story's articles are read as
``factgold.article_text`` builds them, cut into passages, aligned and checked with the real
pipeline. Printed per story:

* disagreements found: a gold disagreement counts when one conflict sets two passages that lie
  in members of its fact, from articles on two different gold sides, on different sides;
* near misses flagged: a gold near miss counts when a conflict sets a passage holding quote a
  against a passage holding quote b (any kind): these must stay quiet;
* rows: conflicts found in the story, and how many of them touch an annotated fact at all.

ECB+ articles carry no publication date, so weekdays are not resolved (no guessed flags): the
date disagreements of the gold are out of reach unless an article spells the date out.

    .venv/bin/python benchmarks/conflicts_stories.py [--facts DIR] [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from factgold import FACTS, article_text  # noqa: E402

from factdesk.core.align.groups import align  # noqa: E402
from factdesk.core.check.conflicts import find_conflicts  # noqa: E402
from factdesk.core.model import Article, Conflict, Passage  # noqa: E402
from factdesk.core.read.segment import split_passages  # noqa: E402


def _span(item: dict, text: str) -> tuple[int, int] | None:
    if "start" in item and "end" in item:
        return item["start"], item["end"]
    at = text.find(item["quote"])
    return (at, at + len(item["quote"])) if at >= 0 else None


def _holds(p: Passage, span: tuple[int, int] | None) -> bool:
    return span is not None and p.start < span[1] and span[0] < p.end


def _sets_apart(c: Conflict, x: set[str], y: set[str]) -> bool:
    """Some passage of ``x`` and some of ``y`` are on different sides of ``c``."""
    sides = c.side_ids
    return any(i != j for i, side in enumerate(sides) for j, other in enumerate(sides)
               if set(side) & x and set(other) & y)


def story(path: Path) -> dict[str, Any]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    docs = gold["articles"]
    texts = {d: article_text(d) for d in docs}
    articles = {d: Article(d, f"{d}.txt", t, hashlib.sha256(t.encode()).hexdigest(), outlet=d)
                for d, t in texts.items()}
    passages = {p.id: p for a in articles.values() for p in split_passages(a)}
    t0 = time.perf_counter()
    result = align(list(passages.values()))
    conflicts = find_conflicts(result.groups, passages, articles, related=result.related)
    seconds = time.perf_counter() - t0
    by_doc: dict[str, list[Passage]] = {}
    for p in passages.values():
        by_doc.setdefault(p.article_id, []).append(p)

    def holding(doc: str, item: dict) -> set[str]:
        span = _span(item, texts.get(doc, ""))
        return {p.id for p in by_doc.get(doc, ()) if _holds(p, span)}

    members: dict[str, dict[str, set[str]]] = {}  # fact -> doc -> passages holding a member
    for fact in gold["facts"]:
        for m in fact["members"]:
            if m["doc"] in texts:
                members.setdefault(fact["id"], {}).setdefault(m["doc"], set()).update(
                    holding(m["doc"], m))
    found, missed = [], []
    for d in gold.get("disagreements", []):
        fact = members.get(d["fact"], {})
        side_passages = [{pid for doc in side for pid in fact.get(doc, ())}
                         for side in d["sides"]]
        hit = next((c for c in conflicts
                    for i, x in enumerate(side_passages) for y in side_passages[i + 1 :]
                    if x and y and _sets_apart(c, x, y)), None)
        (found if hit else missed).append((d, hit))
    flagged = []
    for n in gold.get("near_misses", []):
        x = holding(n["a"]["doc"], n["a"])
        y = holding(n["b"]["doc"], n["b"])
        hit = next((c for c in conflicts if x and y and _sets_apart(c, x, y)), None)
        if hit:
            flagged.append((n, hit))
    annotated = {pid for fact in members.values() for pids in fact.values() for pid in pids}
    return {"story": gold.get("story", path.stem), "found": found, "missed": missed,
            "flagged": flagged, "near_total": len(gold.get("near_misses", [])),
            "conflicts": conflicts, "passages": passages, "seconds": seconds,
            "on_facts": sum(1 for c in conflicts if annotated & set(c.passages))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=Path, default=FACTS)
    ap.add_argument("--show", action="store_true", help="print each story's conflicts")
    args = ap.parse_args()
    files = sorted(p for p in args.facts.glob("*.json") if ".pass" not in p.name)
    if not files:
        sys.exit(f"no annotated stories in {args.facts}")
    totals = [0, 0, 0, 0, 0]
    print(f"{'story':<14} {'disagreements found':>20} {'near misses flagged':>20} "
          f"{'rows (on facts)':>16}")
    for path in files:
        r = story(path)
        n_real = len(r["found"]) + len(r["missed"])
        print(f"{r['story']:<14} {len(r['found']):>12}/{n_real:<7} "
              f"{len(r['flagged']):>12}/{r['near_total']:<7} "
              f"{len(r['conflicts']):>8} ({r['on_facts']})")
        for i, v in enumerate((len(r["found"]), n_real, len(r["flagged"]), r["near_total"],
                               len(r["conflicts"]))):
            totals[i] += v
        if args.show:
            for d, c in r["found"]:
                print(f"    found  [{d['kind']}] {d['detail'][:70]}  <- {c.detail[:60]}")
            for d, _ in r["missed"]:
                print(f"    missed [{d['kind']}] {d['detail'][:90]}")
            for n, c in r["flagged"]:
                print(f"    FLAGGED near miss: {n['why'][:60]}  <- {c.detail[:60]}")
    print(f"{'all':<14} {totals[0]:>12}/{totals[1]:<7} {totals[2]:>12}/{totals[3]:<7} "
          f"{totals[4]:>8}")


if __name__ == "__main__":
    main()
