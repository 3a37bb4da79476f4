"""pysbd against sentencex as factdesk's sentence splitter: the seeds' quotation cases, passage
counts, and the cost on long text.

sentencex (Wikimedia, a Rust core, ~300 languages) is a dependency since this comparison: it
splits articles of ``segment.FAST_SPLITTER_FROM`` characters or more (``--path`` adds a folder
holding another sentencex build to the path). Each splitter is put in the place pysbd has in
``core/read/segment.py`` (``_pysbd_starts``: a piece of at most 2,000 characters in, sentence
starts out), so factdesk's own repairs
(quotations glued to their attribution, abbreviations, CJK ends) run on both alike.

1. The seed corpus: passages per article, passages that differ, and the quotation cases that
   ``tests/core/test_segment.py`` checks (a quotation whole with its attribution; a closing
   quote then "Trump told reporters" merged back), plus the invented abbreviation and
   attribution cases of the same tests.
2. Speed: CPU seconds to segment the 4.5 MB one-paragraph article of ``segment_scale.py``
   (long paragraphs, where a splitter works hardest) through ``split_passages``.

    .venv/bin/python benchmarks/splitter_compare.py [--megabytes 4.5] [--path DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SEEDS = ROOT.parent / "shared/corpus/seeds"

#: (seed file prefix, a passage that must be there whole), from tests/core/test_segment.py
QUOTE_CASES = [
    ("000", "“What comes out of that meeting? I can’t tell you, because it does take two to "
            "tango,” Trump said in the Oval Office."),
    ("003", "“He would like to end the war,” Trump said of Putin."),
]
QUOTE_ENDS = [("002", 'does take two to tango." Trump told reporters in Oval Office.'),
              ("000", "should have never been started.”")]
INVENTED = [
    ("Gen. Ana Brill met Mr. Tomás Ferreira at St. Anne Street on Dec. 3 in the U.S. Capitol. "
     "The meeting lasted an hour. On Dec 3 the U.S. envoy left at 5 p.m. for Boston.\n", 3),
    ('"We will reopen the bridge on Monday." Engineers checked the cables twice. '
     '"It is safe now." she said. “Nobody was hurt.” he added.\n', 4),
]


def use(splitter: str) -> None:
    """Put ``splitter`` where pysbd sits in segment.py."""
    from factdesk.core.read import segment

    if not hasattr(segment, "_pysbd_original"):
        segment._pysbd_original = segment._pysbd_starts  # type: ignore[attr-defined]
    if splitter == "pysbd":
        segment._pysbd_starts = segment._pysbd_original  # type: ignore[attr-defined]
        return
    import sentencex

    def starts(_segmenter: object, text: str) -> list[int]:
        out, cursor = [], 0
        for sentence in sentencex.segment("en", text):
            piece = sentence.strip()
            if not piece:
                continue
            at = text.find(piece, cursor)
            if at < 0:
                break
            out.append(at)
            cursor = at + len(piece)
        return out if out and out[0] == 0 else [0, *out]

    segment._pysbd_starts = starts  # type: ignore[assignment]


def seeds_report() -> dict[str, list[str]]:
    from factdesk.core.read.ingest import read_article
    from factdesk.core.read.segment import split_passages

    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        out[path.name[:3]] = [p.text for p in split_passages(read_article(path))]
    return out


def invented_ok() -> int:
    from factdesk.core.model import Article, ArticleFormat
    from factdesk.core.read.segment import split_passages

    ok = 0
    for text, expected in INVENTED:
        article = Article("x", "x.txt", text, "0" * 64, ArticleFormat.TEXT)
        ok += len(split_passages(article)) == expected
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", help="folder sentencex is installed in")
    parser.add_argument("--megabytes", type=float, default=4.5)
    args = parser.parse_args()
    if args.path:
        sys.path.insert(0, args.path)
    import segment_scale

    from factdesk.core.model import Article, ArticleFormat
    from factdesk.core.read.segment import split_passages

    results = {}
    for splitter in ("pysbd", "sentencex"):
        use(splitter)
        results[splitter] = seeds_report()
    base = results["pysbd"]
    for splitter in ("pysbd", "sentencex"):
        use(splitter)
        got = results[splitter]
        n = sum(len(v) for v in got.values())
        differ = sum(len(set(got[k]) ^ set(base[k])) for k in got)
        whole = sum(text in got[k] for k, text in QUOTE_CASES)
        ends = sum(any(t.endswith(end) for t in got[k]) for k, end in QUOTE_ENDS)
        print(f"{splitter:9s} seeds: {n} passages ({differ} passages not in both), quotation "
              f"whole with its attribution {whole}/{len(QUOTE_CASES)}, quotation end merged "
              f"{ends}/{len(QUOTE_ENDS)}, invented abbreviation/attribution cases "
              f"{invented_ok()}/{len(INVENTED)}", flush=True)
    text = segment_scale.make_text(args.megabytes, long_paragraphs=True)
    article = Article("big", "big.txt", text, "0" * 64, ArticleFormat.TEXT)
    for splitter in ("pysbd", "sentencex"):
        use(splitter)
        t = time.process_time()
        passages = split_passages(article)
        print(f"{splitter:9s} {args.megabytes} MB of long paragraphs: "
              f"{time.process_time() - t:.1f} s CPU, {len(passages)} passages", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
