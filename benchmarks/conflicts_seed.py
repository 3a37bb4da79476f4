"""Conflict detection on the five seed articles, scored against tests/data/seed_conflicts_gold.json.

Runs the real pipeline (ingest → segment → align → find_conflicts). Modules that are not there yet
are replaced by stand-ins: ``read_article`` by a reader that takes the publication date from the
" date YYYY-MM-DD" line or the first full date in the first lines, ``split_passages`` by pysbd
over lines, ``align_passages`` by TF-IDF cosine linking. Two scores are printed:

* end-to-end: a gold item counts when a conflict of an allowed kind joins a passage of file a
  containing text a and a passage of file b containing text b (in either order);
* detector-only ("oracle groups"): the same, with each gold pair given to ``find_conflicts`` as
  a two-member group, so alignment misses do not hide detector quality.

    .venv/bin/python benchmarks/conflicts_seed.py [--show] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core.check.conflicts import find_conflicts  # noqa: E402
from factdesk.core.check.independence import find_dependences  # noqa: E402
from factdesk.core.model import (  # noqa: E402
    AlignmentGroup,
    Article,
    Conflict,
    GroupMember,
    Passage,
)

SEEDS = ROOT.parent / "shared/corpus/seeds"
GOLD = ROOT / "tests/data/seed_conflicts_gold.json"


# --- stand-ins ---------------------------------------------------------------------------------


def standin_read_article(path: str | Path) -> Article:
    """Whole file as text; published from the " date" line or the first dated header line."""
    from dateutil import parser as date_parser

    p = Path(path)
    text = p.read_text(encoding="utf-8")
    published = None
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})", text)
    if m:
        published = m.group(1)
    else:
        month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
        found = re.search(rf"{month}\s+\d{{1,2}},\s+\d{{4}}", text)
        if found:
            published = date_parser.parse(found.group()).date().isoformat()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=p.stem[:3], path=str(p), text=text, sha256=digest, published=published)


def standin_split_passages(article: Article) -> list[Passage]:
    """pysbd sentences within each non-empty line of five words or more."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    out: list[Passage] = []
    pos = 0
    for line in article.text.splitlines(keepends=True):
        if len(line.split()) >= 5:
            for span in seg.segment(line):
                raw = line[span.start : span.end]
                text = raw.strip()
                if len(text.split()) >= 4:
                    start = pos + span.start + len(raw) - len(raw.lstrip())
                    out.append(Passage(f"{article.id}.{len(out) + 1}", article.id, len(out),
                                       start, start + len(text), text))
        pos += len(line)
    return out


#: align with AlignConfig(use_embeddings=...) (``--embeddings``)
EMBEDDINGS = False


def standin_align(passages: Sequence[Passage], threshold: float = 0.3) -> list[AlignmentGroup]:
    """Greedy linking of the most similar cross-article pairs (TF-IDF cosine), one passage per
    article per group."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [p.text for p in passages]
    m = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english").fit_transform(
        texts)
    sim = (m @ m.T).toarray()
    pairs = sorted(((sim[i, j], i, j) for i in range(len(passages))
                    for j in range(i + 1, len(passages))
                    if passages[i].article_id != passages[j].article_id
                    and sim[i, j] >= threshold), reverse=True)
    group_of: dict[int, int] = {}
    groups: dict[int, set[int]] = {}
    for _, i, j in pairs:
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is not None and gi == gj:
            continue
        a = groups.get(gi, {i}) if gi is not None else {i}
        b = groups.get(gj, {j}) if gj is not None else {j}
        if {passages[k].article_id for k in a} & {passages[k].article_id for k in b}:
            continue
        new = min(a | b)
        for k in a | b:
            group_of[k] = new
        for old in (gi, gj):
            if old is not None:
                groups.pop(old, None)
        groups[new] = a | b
    return [AlignmentGroup(f"g{n + 1}", tuple(GroupMember(passages[k].id, 1.0)
                                              for k in sorted(members)), 1.0)
            for n, (_, members) in enumerate(sorted(groups.items()))]


def pipeline() -> tuple[Callable[..., Article], Callable[[Article], list[Passage]],
                        Callable[[Sequence[Passage]], tuple[list[AlignmentGroup], list]],
                        list[str]]:
    """The real modules where importable, stand-ins otherwise; also says which were used."""
    used = []
    try:
        from factdesk.core.read.ingest import read_article  # type: ignore[import-not-found]

        used.append("ingest: real")
    except ImportError:
        read_article = standin_read_article
        used.append("ingest: stand-in")
    try:
        from factdesk.core.read.segment import split_passages

        used.append("segment: real")
    except ImportError:
        split_passages = standin_split_passages
        used.append("segment: stand-in")
    try:
        from factdesk.core.align.config import AlignConfig
        from factdesk.core.align.groups import align

        def align_passages(passages: Sequence[Passage]) -> tuple[list[AlignmentGroup], list]:
            result = align(passages, config=AlignConfig(use_embeddings=EMBEDDINGS))
            return result.groups, result.related

        used.append("align: real")
    except ImportError:
        def align_passages(passages: Sequence[Passage]) -> tuple[list[AlignmentGroup], list]:
            return standin_align(passages), []

        used.append("align: stand-in")
    return read_article, split_passages, align_passages, used


# --- scoring -----------------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return " ".join(text.lower().split())


def file_of(article: Article) -> str:
    return Path(article.path).name[:3]


def _flat(text: str) -> str:
    """Quote marks made straight, letter for letter (offsets kept), lower case."""
    return (text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
            .lower())


def _matches(item: dict, c: Conflict, passages: dict[str, Passage],
             files: dict[str, str], words: bool = False) -> bool:
    """A conflict covers a gold pair when the two passages sit on different sides of it;
    with ``words``, also its differing words in each passage must lie in the gold text there
    (when the conflict has spans and the text is found as written), so that two differences in
    one pair of passages ("go back" vs "get back", "his" vs "their") count as the two
    disagreements they are."""
    def has(side: dict, pid: str) -> bool:
        p = passages[pid]
        if files[p.article_id] != side["file"] or _norm(side["text"]) not in _norm(p.text):
            return False
        spans = c.spans_in(pid)
        flat, needle = _flat(p.text), _flat(side["text"])
        starts = [m.start() for m in re.finditer(re.escape(needle), flat)]
        if not words or not spans or not starts:
            return True
        return any(s.start < p.start + at + len(needle) and p.start + at < s.end
                   for s in spans for at in starts)

    sides = c.side_ids
    for i, x in enumerate(sides):
        for y in sides[i + 1 :]:
            for pa in x:
                for pb in y:
                    if (has(item["a"], pa) and has(item["b"], pb)) or (
                            has(item["a"], pb) and has(item["b"], pa)):
                        return True
    return False


def _hit(item: dict, conflicts: list[Conflict], passages: dict[str, Passage],
         files: dict[str, str], kinds: set[str] | None) -> Conflict | None:
    return next(iter(_hits(item, conflicts, passages, files, kinds)), None)


def _hits(item: dict, conflicts: list[Conflict], passages: dict[str, Passage],
          files: dict[str, str], kinds: set[str] | None) -> list[Conflict]:
    return [c for c in conflicts if (kinds is None or c.kind.value in kinds)
            and _matches(item, c, passages, files, words=kinds is not None)]


def _find(side: dict, passages: dict[str, Passage], files: dict[str, str]) -> Passage | None:
    return next((p for p in passages.values() if files[p.article_id] == side["file"]
                 and _norm(side["text"]) in _norm(p.text)), None)


def score(conflicts: list[Conflict], gold: dict, passages: dict[str, Passage],
          files: dict[str, str]) -> dict[str, Any]:
    real = [(g, _hits(g, conflicts, passages, files, set(g["kinds"]))) for g in gold["real"]]
    near = [(g["id"], _hit(g, conflicts, passages, files, None)) for g in gold["near_misses"]]
    # duplicates: rows about a real disagreement beyond one per disagreement ("takes two" vs
    # "does take two" flagged once per pair of outlets would count three here)
    rows: dict[str, set[str]] = {}
    for g, cs in real:
        for c in cs:
            rows.setdefault(c.id, set()).add(g.get("disagreement", g["id"]))
    covered = {d for ds in rows.values() for d in ds}
    return {"found": [g["id"] for g, cs in real if cs],
            "missed": [g["id"] for g, cs in real if not cs],
            "false_flags": [(i, c.detail) for i, c in near if c],
            "real_total": len(real), "near_total": len(near),
            "disagreements_total": len({g.get("disagreement", g["id"]) for g, _ in real}),
            "disagreements_found": len(covered), "rows": len(rows),
            "duplicate_rows": len(rows) - len(covered)}


def oracle(gold: dict, passages: dict[str, Passage], articles: dict[str, Article],
           files: dict[str, str]) -> dict[str, Any]:
    """Detector-only score: every gold pair as its own two-member group."""
    groups = []
    unsegmented = []
    for item in gold["real"] + gold["near_misses"]:
        pa, pb = _find(item["a"], passages, files), _find(item["b"], passages, files)
        if pa is None or pb is None:
            unsegmented.append(item["id"])
            continue
        groups.append(AlignmentGroup(item["id"], (GroupMember(pa.id, 1.0),
                                                  GroupMember(pb.id, 1.0)), 1.0))
    # one call per pair: a passage in several gold pairs would otherwise sit in several
    # groups at once, and find_conflicts treats all but its first as a second membership
    found = [replace(c, id=f"{g.id}.{c.id}") for g in groups
             for c in find_conflicts([g], passages, articles)]
    result = score(found, gold, passages, files)
    result["rows"] = result["duplicate_rows"] = None  # one pair per call: rows do not merge
    result["not_in_one_passage"] = unsegmented
    return result


def run(seeds: Path = SEEDS, gold_path: Path = GOLD) -> dict[str, Any]:
    """The whole benchmark as a dict (used by tests/core/test_conflicts.py)."""
    read_article, split_passages, align_passages, used = pipeline()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    articles = [read_article(p) for p in sorted(seeds.glob("*.txt"))]
    plist = [p for a in articles for p in split_passages(a)]
    t1 = time.perf_counter()
    groups, related = align_passages(plist)
    t2 = time.perf_counter()
    passages = {p.id: p for p in plist}
    by_id = {a.id: a for a in articles}
    conflicts = find_conflicts(groups, passages, by_id, related=related)
    t3 = time.perf_counter()
    files = {a.id: file_of(a) for a in articles}
    return {
        "used": used, "articles": articles, "passages": passages, "groups": groups,
        "conflicts": conflicts, "files": files,
        "end_to_end": score(conflicts, gold, passages, files),
        "oracle": oracle(gold, passages, by_id, files),
        "dependences": find_dependences(articles, passages),
        "seconds": {"ingest+segment": t1 - t0, "align": t2 - t1, "conflicts": t3 - t2},
    }


def _report(name: str, r: dict[str, Any]) -> None:
    print(f"{name}: real found {len(r['found'])}/{r['real_total']} "
          f"(recall {len(r['found']) / r['real_total']:.2f}); "
          f"near misses flagged {len(r['false_flags'])}/{r['near_total']}")
    if r["rows"] is not None:
        print(f"  distinct disagreements found {r['disagreements_found']}/"
              f"{r['disagreements_total']} in {r['rows']} rows "
              f"(duplicate rows {r['duplicate_rows']})")
    print(f"  missed: {', '.join(r['missed']) or '-'}")
    for i, detail in r["false_flags"]:
        print(f"  false flag {i}: {detail}")
    if r.get("not_in_one_passage"):
        print(f"  gold texts not inside one passage: {', '.join(r['not_in_one_passage'])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--show", action="store_true", help="print every conflict found")
    ap.add_argument("--embeddings", action="store_true",
                    help="the judge that also reads MiniLM sentence embeddings (not the default)")
    args = ap.parse_args()
    global EMBEDDINGS
    EMBEDDINGS = args.embeddings
    r = run(args.seeds)
    print("pipeline:", ", ".join(r["used"]))
    print(f"{len(r['articles'])} articles, {len(r['passages'])} passages, "
          f"{len(r['groups'])} groups, {len(r['conflicts'])} conflicts; "
          + ", ".join(f"{k} {v:.2f}s" for k, v in r["seconds"].items()))
    _report("end-to-end", r["end_to_end"])
    _report("detector-only (oracle groups)", r["oracle"])
    files = r["files"]
    for d in r["dependences"]:
        src = files.get(d.source, d.source)
        print(f"dependence: {files[d.article]} -> {src} ({d.reason}; {d.shared_chars} chars)")
    if args.show:
        passages = r["passages"]
        for c in r["conflicts"]:
            sides = " | ".join(",".join(files[passages[p].article_id] for p in side)
                               for side in c.side_ids)
            print(f"{c.id} [{c.kind.value}/{c.severity}] {sides} {c.detail}")
            for side, words in zip(c.side_ids, c.words, strict=False):
                p = passages[side[0]]
                print(f"    {' '.join(words)[:40]!r}: {p.text[:100]}")


if __name__ == "__main__":
    main()
