"""Article text from web pages in many scripts and charsets: factdesk against trafilatura.

For each page of a set (default: tests/data/web, invented pages in Chinese, Japanese, Arabic,
Hebrew, Polish, Russian, Spanish, German, French and English, in UTF-8, UTF-16, windows-1251,
KOI8-R, UTF-8 with stray Latin-1 bytes and with NULs; plus a home page, a product page and a
status page) the checks list snippets the article text must contain and must not contain.

- factdesk's article text: the passages of ``prepare_file`` (what a reviewer aligns and tags);
- trafilatura's: ``bare_extraction(raw bytes)`` with the options factdesk uses, its own decoding.

A found must-contain snippet is a true positive, a missing one a false negative, a present
must-not-contain snippet a false positive; F1 = 2TP / (2TP + FP + FN). Also printed: pages
refused by each, pages with characters in neither a passage nor a mark ("orphans"), and which
non-article pages got factdesk's warning.

    .venv/bin/python benchmarks/web_text.py [DIR_WITH_checks.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from factdesk.core.importing import prepare_file  # noqa: E402
from factdesk.core.read.ingest import IngestError  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split())


def factdesk_text(path: Path) -> tuple[str | None, str, int]:
    """(article text or None when refused, warning, orphan characters)."""
    try:
        article, passages = prepare_file(path, str(path))
    except IngestError:
        return None, "", 0
    covered = bytearray(len(article.text))
    for span in [*passages, *article.marks]:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    orphans = sum(1 for i, ch in enumerate(article.text) if not covered[i] and not ch.isspace())
    return "\n".join(p.text for p in passages), article.warning, orphans


def trafilatura_text(path: Path) -> str | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        path.read_bytes(), with_metadata=True, include_comments=False, include_images=False,
        include_links=False, include_formatting=False,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return text or None


def score(text: str | None, must: list[str], must_not: list[str]) -> tuple[int, int, int]:
    flat = _norm(text or "")
    tp = sum(1 for s in must if _norm(s) in flat)
    fp = sum(1 for s in must_not if _norm(s) in flat)
    return tp, fp, len(must) - tp


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(1, 2 * tp + fp + fn)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "tests" / "data" / "web"
    checks = json.loads((folder / "checks.json").read_text(encoding="utf-8"))
    totals = {"factdesk": [0, 0, 0], "trafilatura": [0, 0, 0]}
    refused = {"factdesk": [], "trafilatura": []}
    orphan_pages, warned, unwarned = [], [], []
    print(f"{'page':<22} {'factdesk TP/FP/FN':>18} {'trafilatura TP/FP/FN':>21}  notes")
    for name, check in checks.items():
        path = folder / name
        ours, warning, orphans = factdesk_text(path)
        theirs = trafilatura_text(path)
        row = []
        for who, text in (("factdesk", ours), ("trafilatura", theirs)):
            if text is None and check["article"]:
                refused[who].append(name)
            counts = score(text, check["must_contain"], check["must_not_contain"])
            totals[who] = [a + b for a, b in zip(totals[who], counts, strict=True)]
            row.append("/".join(map(str, counts)))
        if orphans:
            orphan_pages.append(name)
        if not check["article"]:
            (warned if warning or ours is None else unwarned).append(name)
        notes = "refused " if ours is None else ""
        notes += f"warning: {warning[:48]}" if warning else ""
        print(f"{name:<22} {row[0]:>18} {row[1]:>21}  {notes}")
    for who, (tp, fp, fn) in totals.items():
        print(f"{who:<12} TP {tp} FP {fp} FN {fn}  F1 {f1(tp, fp, fn):.3f}  "
              f"articles refused {len(refused[who])} {refused[who]}")
    print(f"pages with characters in neither a passage nor a mark: {len(orphan_pages)} "
          f"{orphan_pages}")
    print(f"non-article pages warned or refused: {len(warned)} of {len(warned) + len(unwarned)}"
          f"{'  not warned: ' + str(unwarned) if unwarned else ''}")


if __name__ == "__main__":
    main()
