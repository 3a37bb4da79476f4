"""The annotated stories as factdesk reads them, and their fact-level gold, for benchmarks.

A story is one annotation file under ``benchmarks/data/facts/`` (ECB+ clusters) or the seed
corpus with ``tests/data/seed_alignment_gold.json``. Its articles are written to a temporary
folder as the files a user would import (``factgold.article_text``), read and segmented by
factdesk's own ``read`` package, and the gold is given in the ``(file, quote)`` shape that
``pairwise_score.py`` scores, so every story is scored exactly as the seeds are.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import factgold  # noqa: E402

from factdesk.core.model import Article, Passage, PassageKind  # noqa: E402
from factdesk.core.read.ingest import read_article  # noqa: E402
from factdesk.core.read.segment import split_passages  # noqa: E402

SEED_GOLD = ROOT / "tests/data/seed_alignment_gold.json"
_TMP = Path(tempfile.mkdtemp(prefix="factdesk-stories-"))


@dataclass(frozen=True)
class Story:
    name: str
    articles: tuple[Article, ...]
    #: the fact passages, as the review's re-analysis hands them to alignment (no headings)
    passages: tuple[Passage, ...]
    #: ``{"groups": [{"id", "members": [{"file", "quote"}]}]}`` for ``pairwise_score.score``
    gold: dict
    annotation: dict


def story_names(include_seeds: bool = True) -> list[str]:
    names = sorted((p.stem for p in factgold.FACTS.glob("*.json") if ".pass" not in p.name),
                   key=lambda s: (int(s.split("_")[0]), s))
    return (["seeds"] if include_seeds else []) + names


def _read(paths: list[Path]) -> tuple[tuple[Article, ...], tuple[Passage, ...]]:
    articles = tuple(read_article(p) for p in paths)
    passages = tuple(p for a in articles for p in split_passages(a)
                     if p.kind != PassageKind.HEADING)
    return articles, passages


@cache
def load_story(name: str, annotation_file: Path | None = None) -> Story:
    if name == "seeds":
        paths = sorted(factgold.SEEDS.glob("*.txt"))
        gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
        articles, passages = _read(paths)
        return Story(name, articles, passages, gold, gold)
    path = annotation_file or factgold.FACTS / f"{name}.json"
    ann = json.loads(path.read_text(encoding="utf-8"))
    folder = _TMP / name
    folder.mkdir(exist_ok=True)
    paths = []
    for doc in ann["articles"]:
        file = folder / f"{doc}.txt"
        file.write_text(factgold.article_text(doc), encoding="utf-8")
        paths.append(file)
    gold = {"groups": [{"id": f["id"], "members": [{"file": f"{m['doc']}.txt",
                                                     "quote": m["quote"]}
                                                    for m in f["members"]]}
                       for f in ann["facts"]]}
    articles, passages = _read(paths)
    return Story(name, articles, passages, gold, ann)


def to_document(story: Story, groups: list) -> dict:
    """The ``align --json`` shape ``pairwise_score.score`` reads."""
    return {
        "articles": [{"id": a.id, "path": a.path} for a in story.articles],
        "passages": [{"id": p.id, "article": p.article_id, "start": p.start, "end": p.end,
                      "text": p.text} for p in story.passages],
        "alignments": [{"id": g.id, "passages": list(g.passage_ids)} for g in groups],
    }
