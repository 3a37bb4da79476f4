"""Conflict detection on every ECB+ article at once (982 articles, one review): rows and time.

    .venv/bin/python benchmarks/conflicts_speed.py

Prints the alignment and conflict times and how many conflict rows (one per disagreement) hold
how many passages. Times depend on the machine's load; compare runs made one after the other.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factgold import article_text, ecbplus_docs  # noqa: E402

from factdesk.core.align.groups import align  # noqa: E402
from factdesk.core.check.conflicts import find_conflicts  # noqa: E402
from factdesk.core.model import Article  # noqa: E402
from factdesk.core.read.segment import split_passages  # noqa: E402


def main() -> None:
    docs = list(ecbplus_docs())
    arts = {d: Article(d, d, t, hashlib.sha256(t.encode()).hexdigest())
            for d in docs for t in [article_text(d)]}
    passages = {p.id: p for a in arts.values() for p in split_passages(a)}
    t = time.perf_counter()
    result = align(list(passages.values()))
    aligned = time.perf_counter() - t
    t = time.perf_counter()
    found = find_conflicts(result.groups, passages, arts, related=result.related)
    checked = time.perf_counter() - t
    print(f"{len(arts)} articles, {len(passages)} passages, {len(result.groups)} groups; "
          f"align {aligned:.1f} s; conflicts {checked:.1f} s, {len(found)} rows holding "
          f"{sum(len(c.passages) for c in found)} passages")


if __name__ == "__main__":
    main()
