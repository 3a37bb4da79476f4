"""Fuzzy re-anchoring: 32-character pieces of the quote versus the whole quote in one
diff-match-patch ``match_main`` call.

    .venv/bin/python benchmarks/anchors_fuzzy.py [--quotes 400] [--seed 1]

``core/anchors.py`` searched for ≤ 32-character pieces because older diff-match-patch raised
"Pattern too long" for longer patterns (Match_MaxBits = 32). The current release (20241021)
has that check commented out (Python integers have no width), so the whole quote can be one
Bitap pattern. For sentences of the seed corpus, each quote is edited (1–3 words replaced, a
spelling changed) and/or moved (a preamble of 0–3,000 characters inserted before it); a
re-anchor counts as right when it returns exactly the edited quote's span. Prints, for each
way, how many were right, wrong (another span) and lost (an orphan), and the time per quote.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

from factdesk.core import anchors  # noqa: E402
from factdesk.core.read.ingest import read_article  # noqa: E402
from factdesk.core.read.segment import split_passages  # noqa: E402

SWAPS = {"said": "stated", "the": "a", "bridge": "crossing", "on": "upon", "Trump": "Trump's",
         "President": "Pres.", "Russia": "Moscow", "peace": "ceasefire", "war": "conflict"}


def edit_quote(rng: random.Random, quote: str) -> str:
    words = quote.split(" ")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        words[i] = SWAPS.get(words[i], words[i][::-1] if len(words[i]) > 3 else words[i] + "s")
    return " ".join(words)


def cases(quotes: int, rng: random.Random):
    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    passages = [(a, p) for a in articles for p in split_passages(a) if len(p.text) >= 20]
    for _ in range(quotes):
        article, p = rng.choice(passages)
        anchor = anchors.make_anchor(article.id, article.text, p.start, p.end)
        mode = rng.choice(["edit", "move", "both"])
        new_quote = edit_quote(rng, p.text) if mode != "move" else p.text
        preamble = "Earlier coverage. " * (rng.randint(0, 170) if mode != "edit" else 0)
        text = preamble + article.text[: p.start] + new_quote + article.text[p.end :]
        start = len(preamble) + p.start
        yield anchor, text, (start, start + len(new_quote)), mode


def paragraph_cases(quotes: int, rng: random.Random):
    """Long quotes: slices of 600-2,500 characters, edited and moved as above."""
    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    for _ in range(quotes):
        article = rng.choice(articles)
        length = rng.choice([600, 1000, 1500, 2500])
        start = rng.randrange(0, max(1, len(article.text) - length))
        end = min(len(article.text), start + length)
        anchor = anchors.make_anchor(article.id, article.text, start, end)
        new_quote = edit_quote(rng, article.text[start:end])
        preamble = "Earlier coverage. " * rng.randint(0, 170)
        text = preamble + article.text[:start] + new_quote + article.text[end:]
        at = len(preamble) + start
        yield anchor, text, (at, at + len(new_quote)), "paragraph"


def run(whole_max: int, data) -> dict[str, float]:
    anchors.WHOLE_QUOTE_MAX = whole_max
    right = wrong = lost = 0
    times = []
    for anchor, text, expected, _mode in data:
        started = time.perf_counter()
        got = anchors.reanchor(anchor, text)
        times.append(time.perf_counter() - started)
        if got is None:
            lost += 1
        elif got == expected:
            right += 1
        else:
            wrong += 1
    return {"right": right, "wrong": wrong, "lost": lost,
            "median ms": 1000 * statistics.median(times), "max ms": 1000 * max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--paragraphs", action="store_true",
                        help="quotes of 600-2,500 characters (slices of the text) instead")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data = list(paragraph_cases(args.quotes, rng) if args.paragraphs else cases(args.quotes, rng))
    lengths = [len(a.quote) for a, *_ in data]
    print(f"{len(data)} quotes, {min(lengths)}-{max(lengths)} characters "
          f"(median {statistics.median(lengths):.0f}), seed {args.seed}")
    shipped = anchors.WHOLE_QUOTE_MAX
    for name, whole_max in [("32-character pieces", 0), ("whole quote", 10**9),
                            (f"as shipped (whole ≤ {shipped})", shipped)]:
        r = run(whole_max, data)
        print(f"{name:>20}: right {r['right']}, wrong {r['wrong']}, lost {r['lost']}; "
              f"median {r['median ms']:.2f} ms, max {r['max ms']:.0f} ms per quote")


if __name__ == "__main__":
    main()
