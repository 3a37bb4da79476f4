"""Fact-level gold annotations: the article texts they index, a viewer and a checker.

The annotations under ``benchmarks/data/facts/`` group *exact spans* of article text that report
the same fact or quotation (see ``docs/annotation.md``). For ECB+ stories the article text is
built here, deterministically, from ``ecbplus_docs.jsonl``: one paragraph per ECB+ sentence,
separated by a blank line, so a span's offsets never depend on how factdesk cuts passages.

    python benchmarks/factgold.py show 1_ecbplus            # the story's articles, numbered
    python benchmarks/factgold.py fill FILE.json            # add start/end to members from quotes
    python benchmarks/factgold.py check [FILE.json ...]     # every span is in its text
    python benchmarks/factgold.py write 1_ecbplus OUTDIR    # the story's articles as .txt files
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ECBPLUS = SHARED / "benchmarks/ecbplus/ecbplus_docs.jsonl"
SEEDS = SHARED / "corpus/seeds"
FACTS = ROOT / "benchmarks/data/facts"


@cache
def ecbplus_docs() -> dict[str, dict]:
    """Every ECB+ article by doc_id."""
    with open(ECBPLUS, encoding="utf-8") as fh:
        return {d["doc_id"]: d for d in map(json.loads, fh)}


def cluster_docs(cluster: str) -> list[str]:
    """Doc ids of one ECB+ story (a topic's sub-topic, e.g. ``1_ecbplus``), in a stable order."""
    ids = [k for k, d in ecbplus_docs().items() if d["cluster"] == cluster]
    return sorted(ids, key=lambda k: (int(k.split("_")[1].rstrip("ecbplus")), k))


def article_text(doc_id: str) -> str:
    """The text an annotation's offsets index: an ECB+ article, or a seed file as read."""
    if doc_id in ecbplus_docs():
        return "\n\n".join(s["text"] for s in ecbplus_docs()[doc_id]["sentences"]) + "\n"
    path = SEEDS / doc_id
    return path.read_text(encoding="utf-8-sig")


def show(cluster: str) -> None:
    for doc_id in cluster_docs(cluster):
        text = article_text(doc_id)
        print(f"=== {doc_id} ({len(text)} chars)")
        pos = 0
        for s in ecbplus_docs()[doc_id]["sentences"]:
            print(f"  [{s['i']:>2} @{pos}] {s['text']}")
            pos += len(s["text"]) + 2
        print()


def _locate(text: str, member: dict) -> tuple[int, int] | str:
    """(start, end) of a member's quote, or a reason it cannot be placed."""
    quote = member["quote"]
    if "start" in member:
        s = member["start"]
        if text[s:s + len(quote)] != quote:
            return "start/end do not hold the quote"
        return s, s + len(quote)
    first = text.find(quote)
    if first < 0:
        return "quote not in the article text"
    nth = member.get("occurrence", 1)
    pos = first
    for _ in range(nth - 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return f"quote has no occurrence {nth}"
    if "occurrence" not in member and text.find(quote, first + 1) >= 0:
        return "quote occurs more than once: lengthen it or give 'occurrence'"
    return pos, pos + len(quote)


def members(doc: dict):
    """Every span-bearing member in an annotation file: facts, disagreement sides, near misses."""
    for fact in doc.get("facts", []):
        yield from fact["members"]
    for miss in doc.get("near_misses", []):
        yield miss["a"]
        yield miss["b"]


def problems(path: Path, fill: bool = False) -> list[str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    out = []
    known = set(doc.get("articles", []))
    fact_ids = {f["id"] for f in doc.get("facts", [])}
    if len(fact_ids) != len(doc.get("facts", [])):
        out.append("fact ids are not unique")
    for m in members(doc):
        if known and m["doc"] not in known:
            out.append(f"{m['doc']}: not among the story's articles")
            continue
        where = _locate(article_text(m["doc"]), m)
        if isinstance(where, str):
            out.append(f"{m['doc']}: {where}: {m['quote']!r}")
        else:
            if "start" in m and (m["start"], m.get("end")) != where:
                out.append(f"{m['doc']}: end does not match the quote: {m['quote']!r}")
            if fill:
                m["start"], m["end"] = where
    for d in doc.get("disagreements", []):
        if d["fact"] not in fact_ids:
            out.append(f"disagreement names unknown fact {d['fact']!r}")
    if fill and not out:
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("cluster")
    sub.add_parser("fill").add_argument("files", nargs="+", type=Path)
    sub.add_parser("check").add_argument("files", nargs="*", type=Path)
    w = sub.add_parser("write")
    w.add_argument("cluster")
    w.add_argument("outdir", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "show":
        show(args.cluster)
        return 0
    if args.cmd == "write":
        args.outdir.mkdir(parents=True, exist_ok=True)
        for doc_id in cluster_docs(args.cluster):
            (args.outdir / f"{doc_id}.txt").write_text(article_text(doc_id), encoding="utf-8")
        return 0
    files = args.files or sorted(FACTS.glob("*.json"))
    bad = 0
    for f in files:
        found = problems(f, fill=args.cmd == "fill")
        bad += len(found)
        for p in found:
            print(f"{f.name}: {p}")
    print(f"{len(files)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
