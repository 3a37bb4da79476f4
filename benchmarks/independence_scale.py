"""Source independence at scale: the inverted-index `find_dependences` against comparing every
pair of articles, on ECB+ (100 / 300 / 982 articles) and the seeds.

Articles are read as `factdesk` reads them (``read_article`` on one ``.txt`` per ECB+ article,
``factgold.article_text``). The reference is the algorithm before the index: for every pair of
articles, the first's 12-word runs looked up in the second's (here with each article's words
computed once, so the reference finishes in minutes rather than the old 580 s). The two must
give the same dependences, in the same order, with the same reasons; the script says whether
they do and exits 1 if not.

    .venv/bin/python benchmarks/independence_scale.py [--sizes 100 300 982] [--no-reference]
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

from factdesk.core.check import independence as ind  # noqa: E402
from factdesk.core.model import Article, Dependence  # noqa: E402
from factdesk.core.read.ingest import read_article  # noqa: E402


def reference(articles: list[Article]) -> list[Dependence]:
    """Every pair compared, as before the inverted index (words computed once per article)."""
    n = ind.MIN_RUN_WORDS
    out = [d for art in articles for d in ind.agency_signs(art)]
    words = [ind._unquoted_words(a.text) for a in articles]
    grams = [ind._shingles(ws, n) for ws in words]
    for x, a in enumerate(articles):
        wa = words[x]
        for y in range(x + 1, len(articles)):
            b, wb, sb = articles[y], words[y], grams[y]
            cover_a: set[int] = set()
            cover_b: set[int] = set()
            for i in range(len(wa) - n + 1):
                gram = tuple(w for w, _, _ in wa[i : i + n])
                for j in sb.get(gram, ()):
                    cover_a.update(range(i, i + n))
                    cover_b.update(range(j, j + n))
            longest = ind._longest_run(sorted(cover_a))
            if longest < n:
                continue
            chars_a = sum(wa[i][2] - wa[i][1] + 1 for i in cover_a)
            chars_b = sum(wb[j][2] - wb[j][1] + 1 for j in cover_b)
            dep = ind.shared_text_dependence(
                a, b, chars_a, chars_b, longest,
                runs=(ind._run_count(sorted(cover_a)), ind._run_count(sorted(cover_b))))
            if dep is not None:
                out.append(dep)
    return out


def compare(label: str, articles: list[Article], with_reference: bool) -> bool:
    t0 = time.perf_counter()
    got = ind.find_dependences(articles)
    dt = time.perf_counter() - t0
    line = (f"{label}: {len(articles)} articles, {len(got)} dependences "
            f"({sum(1 for d in got if not d.source.startswith('agency:'))} verbatim), "
            f"index {dt:.2f} s")
    same = True
    if with_reference:
        t0 = time.perf_counter()
        want = reference(articles)
        line += f", every pair {time.perf_counter() - t0:.2f} s"
        same = got == want
        line += ", identical" if same else ", DIFFERENT"
    print(line, flush=True)
    return same


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 982])
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()
    ok = True
    seeds = [read_article(p) for p in sorted(factgold.SEEDS.glob("*.txt"))]
    ok &= compare("seeds", seeds, not args.no_reference)
    with tempfile.TemporaryDirectory(prefix="factdesk-ind-") as tmp:
        paths = pipeline_scale.write_articles(Path(tmp))
        for size in args.sizes:
            articles = [read_article(paths[i]) for i in pipeline_scale.sample(size)]
            ok &= compare(f"ECB+ {size}", articles, not args.no_reference)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
