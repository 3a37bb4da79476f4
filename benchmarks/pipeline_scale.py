"""The whole pipeline at scale: `factdesk align --json` and `factdesk new` on 100 / 300 / 982
ECB+ articles, end to end (a fresh process each), and per stage (in process).

Every ECB+ article becomes one ``.txt`` file (``factgold.article_text``: one paragraph per
sentence), written once to a temporary folder; the 100- and 300-article samples are spread over
all topics. End to end, each command runs in its own process: wall time, CPU time (user + sys)
and peak RSS come from ``os.wait4`` on that child alone. The growth exponent is the
least-squares slope of log(time) against log(passages) over the sizes run (1.0 is linear).
The stage figures run the same steps in this process, one after another without helper
processes, each timed in CPU seconds (steady when other jobs share the machine): read +
segment (``prepare_file``), store (``add_article``), align, conflicts, independence,
suggestions, storing the analysis, and the JSON contract.

    .venv/bin/python benchmarks/pipeline_scale.py [--sizes 100 300 982] [--commands align new]
        [--no-stages] [--no-end-to-end]
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import factgold  # noqa: E402


def sample(limit: int) -> list[str]:
    """``limit`` doc ids spread over all topics (the same sample as align_speed.py)."""
    docs = sorted(factgold.ecbplus_docs().values(), key=lambda d: (d["topic"], d["doc_id"]))
    if limit >= len(docs):
        return [d["doc_id"] for d in docs]
    step = len(docs) / limit
    return [docs[int(k * step)]["doc_id"] for k in range(limit)]


def write_articles(folder: Path) -> dict[str, Path]:
    paths = {}
    for doc_id in factgold.ecbplus_docs():
        path = folder / f"{doc_id}.txt"
        path.write_text(factgold.article_text(doc_id), encoding="utf-8")
        paths[doc_id] = path
    return paths


def run_child(argv: list[str]) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak RSS MB, exit code) of one command in a fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, proc.returncode


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    if len(points) < 2:
        return float("nan")
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def passages_of(ids: list[str]) -> int:
    return sum(len(factgold.ecbplus_docs()[i]["sentences"]) for i in ids)


def stages(files: list[Path]) -> dict[str, float]:
    """Each step of `align --json`, in this process."""
    from factdesk.core.align.groups import align
    from factdesk.core.check.conflicts import find_conflicts
    from factdesk.core.check.independence import find_dependences
    from factdesk.core.check.suggestions import suggest_claims
    from factdesk.core.contract import align_json
    from factdesk.core.importing import prepare_file
    from factdesk.core.model import PassageKind
    from factdesk.core.reanalysis import apply_group_edits
    from factdesk.core.store import Review

    out: dict[str, float] = {}

    def lap(name: str, t0: float) -> float:
        """CPU seconds of this process since ``t0`` (steady under other jobs' load)."""
        t1 = time.process_time()
        out[name] = out.get(name, 0.0) + t1 - t0
        return t1

    with Review.in_memory() as review:
        t = time.process_time()
        prepared = []
        for f in files:
            prepared.append(prepare_file(f, str(f)))
        t = lap("read + segment", t)
        for article, passages in prepared:
            review.add_article(article, passages)
        t = lap("store articles", t)
        passages = review.passages()
        articles = {a.id: a for a in review.articles()}
        by_id = {p.id: p for p in passages}
        facts = [p for p in passages if p.kind != PassageKind.HEADING]
        t = lap("load", t)
        alignment = align(facts)
        groups = apply_group_edits(alignment.groups, review.group_edits(), by_id)
        t = lap("align", t)
        conflicts = find_conflicts(groups, by_id, articles, related=alignment.related)
        t = lap("conflicts", t)
        dependences = find_dependences(list(articles.values()), by_id)
        t = lap("independence", t)
        suggestions = suggest_claims(by_id, groups, conflicts, articles, dependences)
        t = lap("suggestions", t)
        with review.transaction():
            review.replace_analysis(groups, conflicts, dependences)
            review.replace_suggestions(suggestions)
        t = lap("store analysis", t)
        align_json(review, {a.id: a.path for a in articles.values()})
        lap("JSON contract", t)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 982])
    parser.add_argument("--commands", nargs="+", default=["align", "new"],
                        choices=["align", "new"])
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--no-end-to-end", action="store_true")
    args = parser.parse_args()
    factdesk = [sys.executable, "-m", "factdesk"]
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="factdesk-scale-") as tmp:
        paths = write_articles(Path(tmp))
        if not args.no_end_to_end:
            for command in args.commands:
                points, cpu_points = [], []
                for size in args.sizes:
                    ids = sample(size)
                    files = [str(paths[i]) for i in ids]
                    if command == "align":
                        argv = [*factdesk, "align", "--json", *files]
                    else:
                        target = Path(tmp) / f"scale-{size}.factdesk"
                        argv = [*factdesk, "new", "--force", str(target), *files]
                    wall, cpu, rss, code = run_child(argv)
                    n = passages_of(ids)
                    points.append((n, wall))
                    cpu_points.append((n, cpu))
                    print(f"factdesk {command:5s} {len(ids):4d} articles {n:6d} passages: "
                          f"wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak {rss:6.0f} MB"
                          f"  exit {code}", flush=True)
                print(f"factdesk {command}: growth exponent vs passages, wall "
                      f"{exponent(points):.2f}, CPU {exponent(cpu_points):.2f}", flush=True)
        if not args.no_stages:
            for size in args.sizes:
                ids = sample(size)
                t0 = time.perf_counter()
                got = stages([paths[i] for i in ids])
                total = time.perf_counter() - t0
                parts = ", ".join(f"{k} {v:.2f}" for k, v in got.items())
                print(f"stages, {len(ids)} articles, CPU s in one process (wall {total:.1f} s):"
                      f" {parts}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"(this process's peak, stages included: {peak:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
