"""Reading and segmenting one large article: is the cost linear in its size?

Articles of 0.5 / 1 / 2 / 4.5 MB are made from ECB+ text in two shapes: one sentence per
paragraph (as ECB+ is given), and one whole ECB+ article per paragraph (long paragraphs,
several sentences and quotations each, which is where a sentence splitter works hardest). Each
is written as a ``.txt`` file and read (`read_article`: decode, metadata, boilerplate marks)
then cut into passages (`split_passages`: pysbd per paragraph piece, the quotation repairs), in
CPU seconds of this process. The growth exponent is the slope of log(CPU) on log(size).

    .venv/bin/python benchmarks/segment_scale.py [--sizes 0.5 1 2 4.5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import factgold  # noqa: E402
import pipeline_scale  # noqa: E402

from factdesk.core.read.ingest import read_article  # noqa: E402
from factdesk.core.read.segment import split_passages  # noqa: E402


def make_text(megabytes: float, long_paragraphs: bool) -> str:
    limit = int(megabytes * 1_000_000)
    paragraphs: list[str] = []
    size = 0
    lap = 0
    while size < limit:
        lap += 1
        for doc in factgold.ecbplus_docs().values():
            sentences = [s["text"] for s in doc["sentences"]]
            if lap > 1:  # the corpus is ~2 MB: later laps differ, or they would be marked as
                sentences = [f"In round {lap}, {s}" for s in sentences]  # repeated junk
            chunk = [" ".join(sentences)] if long_paragraphs else sentences
            paragraphs.extend(chunk)
            size += sum(len(p.encode()) + 2 for p in chunk)
            if size >= limit:
                break
    text = "date 2009-01-01\n\n" + "\n\n".join(paragraphs)
    return text.encode()[:limit].decode(errors="ignore").rsplit(" ", 1)[0] + ".\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4.5])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factdesk-seg-") as tmp:
        for long_paragraphs in (False, True):
            shape = "whole article per paragraph" if long_paragraphs else "sentence per paragraph"
            points = []
            for mb in args.sizes:
                path = Path(tmp) / f"big-{mb}-{long_paragraphs}.txt"
                path.write_text(make_text(mb, long_paragraphs), encoding="utf-8")
                t0 = time.process_time()
                article = read_article(path)
                t1 = time.process_time()
                passages = split_passages(article)
                t2 = time.process_time()
                points.append((len(article.text), t2 - t0))
                print(f"{shape}, {mb:4.1f} MB: read {t1 - t0:6.2f} s, segment {t2 - t1:6.2f} s "
                      f"CPU, {len(passages):6d} passages", flush=True)
            print(f"{shape}: growth exponent (CPU vs size) "
                  f"{pipeline_scale.exponent(points):.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
