"""Pairwise precision / recall / F1 of an alignment against a gold annotation.

Gold (``tests/data/seed_alignment_gold.json``) keys each member by file name and a distinctive
exact substring (``quote``) of its sentence, so it does not depend on the segmenter. Each
predicted passage is mapped to the gold members of its file whose quote lies inside it (a
lede can report two facts, so a sentence may be a member of two groups), else to the one whose
quote span overlaps it most (at least half of the quote). A predicted cross-article pair is
right when the two passages map to members of one gold group. Recall counts distinct gold
cross-file member pairs that some predicted pair hits.

CLI::

    python benchmarks/pairwise_score.py ALIGN_OUTPUT.json tests/data/seed_alignment_gold.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted_pairs: int
    correct_pairs: int
    gold_pairs: int
    found_gold_pairs: int
    #: (gold group id, its cross-article pairs, how many of them were found)
    per_group: tuple[tuple[str, int, int], ...] = ()

    def line(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(predicted pairs {self.predicted_pairs}, correct {self.correct_pairs}, "
                f"gold pairs {self.gold_pairs}, found {self.found_gold_pairs})")


def _gold_items(gold: dict) -> tuple[list[tuple[str, str]], dict[int, int]]:
    """Flatten gold groups to items (file, quote) and item -> group index."""
    items: list[tuple[str, str]] = []
    group_of: dict[int, int] = {}
    for g, group in enumerate(gold["groups"]):
        for m in group["members"]:
            group_of[len(items)] = g
            items.append((m["file"], m["quote"]))
    return items, group_of


def map_passage(file: str, text: str, start: int, end: int, article_text: str | None,
                items: list[tuple[str, str]]) -> set[int]:
    """Gold items a predicted passage stands for: every item of its file whose quote lies
    inside it (a lede may report two facts), else the item whose quote overlaps it most."""
    squashed = _squash(text)
    inside = {k for k, (f, q) in enumerate(items) if f == file and _squash(q) in squashed}
    if inside or article_text is None:
        return inside
    best, best_overlap = None, 0
    for k, (f, q) in enumerate(items):
        if f != file:
            continue
        pos = article_text.find(q)
        if pos < 0:
            continue
        overlap = min(end, pos + len(q)) - max(start, pos)
        if overlap * 2 >= len(q) and overlap > best_overlap:
            best, best_overlap = k, overlap
    return set() if best is None else {best}


def score(output: dict, gold: dict) -> Score:
    """Score an ``align --json`` style document against the gold annotation."""
    items, group_of = _gold_items(gold)
    articles = {a["id"]: a for a in output["articles"]}
    texts: dict[str, str | None] = {}
    for a in output["articles"]:
        path = Path(a.get("path", ""))
        texts[a["id"]] = path.read_text(encoding="utf-8") if path.is_file() else a.get("text")
    passages = {p["id"]: p for p in output["passages"]}
    items_of: dict[str, set[int]] = {}
    for pid, p in passages.items():
        art = articles[p["article"]]
        file = Path(art.get("path", art["id"])).name
        items_of[pid] = map_passage(file, p["text"], p["start"], p["end"], texts[p["article"]],
                                    items)

    predicted: set[tuple[str, str]] = set()
    for group in output["alignments"]:
        for a, b in combinations(group["passages"], 2):
            if passages[a]["article"] != passages[b]["article"]:
                predicted.add((min(a, b), max(a, b)))
    gold_pairs = {(a, b) for a, b in combinations(range(len(items)), 2)
                  if group_of[a] == group_of[b] and items[a][0] != items[b][0]}
    correct = 0
    found: set[tuple[int, int]] = set()
    for a, b in predicted:
        hits = {(min(x, y), max(x, y)) for x in items_of[a] for y in items_of[b]} & gold_pairs
        correct += bool(hits)
        found |= hits
    prec = correct / len(predicted) if predicted else 0.0
    rec = len(found) / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    per_group = tuple(
        (gold["groups"][g]["id"], sum(1 for a, _ in gold_pairs if group_of[a] == g),
         sum(1 for a, _ in found if group_of[a] == g))
        for g in range(len(gold["groups"]))
    )
    return Score(prec, rec, f1, len(predicted), correct, len(gold_pairs), len(found), per_group)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("alignment", type=Path, help="output of `factdesk align --json`")
    parser.add_argument("gold", type=Path, help="gold annotation JSON")
    parser.add_argument("--per-group", action="store_true",
                        help="also print each gold group's pairs found")
    args = parser.parse_args(argv)
    result = score(json.loads(args.alignment.read_text(encoding="utf-8")),
                   json.loads(args.gold.read_text(encoding="utf-8")))
    print(result.line())
    if args.per_group:
        for gid, total, hit in result.per_group:
            print(f"  {gid:32s} {hit:3d} / {total:3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
