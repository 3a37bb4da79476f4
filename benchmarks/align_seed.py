"""Align the five seed articles and score them against the hand-made gold annotation.

Uses ``factdesk.core.read.ingest.read_article`` + ``factdesk.core.read.segment.split_passages``
when those modules exist, otherwise a stand-in segmenter (pysbd over non-empty lines, lines
of fewer than five words dropped as page junk).

    .venv/bin/python benchmarks/align_seed.py [--json out.json] [--show] [--per-group]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairwise_score import score  # noqa: E402

from factdesk.core.align.config import AlignConfig  # noqa: E402
from factdesk.core.align.groups import align_passages  # noqa: E402
from factdesk.core.model import Article, Passage  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared/corpus/seeds"
GOLD = ROOT / "tests/data/seed_alignment_gold.json"


def fallback_article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=path.stem, path=str(path), text=text, sha256=digest)


def fallback_passages(article: Article, min_words: int = 5) -> list[Passage]:
    """Sentences by pysbd within each non-empty line, with offsets into the article text."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    out: list[Passage] = []
    pos = 0
    for line in article.text.splitlines(keepends=True):
        if line.strip():
            for span in seg.segment(line):
                raw = line[span.start:span.end]
                lead = len(raw) - len(raw.lstrip())
                text = raw.strip()
                if len(text.split()) >= min_words:
                    start = pos + span.start + lead
                    out.append(Passage(f"{article.id}:{len(out)}", article.id, len(out), start,
                                       start + len(text), text))
        pos += len(line)
    return out


def load(paths: list[Path]) -> tuple[list[Article], list[Passage]]:
    """Articles and passages, through the real ingest/segment modules when available."""
    try:
        from factdesk.core.read.ingest import read_article  # type: ignore[import-not-found]
        from factdesk.core.read.segment import split_passages  # type: ignore[import-not-found]
    except ImportError:
        read_article, split_passages = fallback_article, fallback_passages
    articles = [read_article(p) for p in paths]
    passages = [p for a in articles for p in split_passages(a)]
    return articles, passages


def to_json(articles: list[Article], passages: list[Passage], groups: list) -> dict:
    """The ``align --json`` document shape read by ``pairwise_score.py``."""
    return {
        "articles": [{"id": a.id, "path": a.path} for a in articles],
        "passages": [{"id": p.id, "article": p.article_id, "start": p.start, "end": p.end,
                      "text": p.text} for p in passages],
        "alignments": [{"id": g.id, "passages": g.passage_ids, "score": g.score}
                       for g in groups],
    }


def run(config: AlignConfig | None = None, show: bool = False) -> tuple[dict, dict]:
    config = config or AlignConfig()
    articles, passages = load(sorted(SEEDS.glob("*.txt")))
    t0 = time.perf_counter()
    groups = align_passages(passages, config=config)
    elapsed = time.perf_counter() - t0
    doc = to_json(articles, passages, groups)
    if show:
        text = {p.id: p.text for p in passages}
        for g in groups:
            print(f"{g.id} {g.score:.2f}")
            for m in g.members:
                print(f"   {m.score:.2f} {m.passage_id:>28}  {text[m.passage_id][:110]}")
    return doc, {"passages": len(passages), "groups": len(groups), "seconds": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, help="also write the alignment document here")
    parser.add_argument("--show", action="store_true", help="print the groups")
    parser.add_argument("--per-group", action="store_true",
                        help="print each gold group's pairs found")
    args = parser.parse_args()
    doc, info = run(show=args.show)
    if args.json:
        args.json.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    result = score(doc, json.loads(GOLD.read_text(encoding="utf-8")))
    print(f"seed corpus: {info['passages']} passages, {info['groups']} groups, "
          f"{info['seconds']:.3f} s")
    print(result.line())
    if args.per_group:
        for gid, total, hit in result.per_group:
            print(f"  {gid:32s} {hit:3d} / {total:3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
