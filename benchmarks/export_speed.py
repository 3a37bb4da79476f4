"""How long exporting a big review takes, per format.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/export_speed.py [--claims 5000]
        [--no-real] [--only pdf] [--processes 1]

1. A synthetic report model with N claims (two evidence quotes each, twelve sources): render
   and write every format (targets: HTML < 3 s, PDF < 10 s).
2. If the claims store is available: a real review (the demo articles) with N claims made
   through ``core.claim_edits``, timing ``build_report`` (reading the store, diffs, context)
   and then the HTML export.

``--only`` picks formats (e.g. ``--only pdf``); ``--processes N`` makes the PDF export use N
processes (1: all in this process, as before helper processes; default: one per CPU).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factdesk.core.export import FORMATS, build_report, render, write_text_atomically  # noqa: E402
from factdesk.core.export.model import ExportOptions, Report  # noqa: E402
from factdesk.core.export.sample import synthetic_report  # noqa: E402


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"  {label:<34} {time.perf_counter() - t0:7.2f} s", flush=True)
    return result


TEXT_FORMATS = ("html", "md", "csv", "json", "claimreview")


def export_all(
    report: Report, folder: Path, only: list[str] | None = None, processes: int | None = None
) -> None:
    for fmt in TEXT_FORMATS:
        if only and fmt not in only:
            continue
        out = folder / f"report{FORMATS[fmt].extension}"
        timed(f"{fmt}", lambda f=fmt, o=out: write_text_atomically(o, render(report, f)))
        print(f"  {'':<34} {out.stat().st_size / 1e6:7.2f} MB")
    if only and "pdf" not in only:
        return
    try:
        from factdesk.ui.pdf_export import export_pdf
    except ImportError as exc:
        print(f"  pdf: skipped ({exc})")
        return
    out = folder / "report.pdf"
    label = "pdf" if processes is None else f"pdf ({processes} process{'es' * (processes > 1)})"
    pages = timed(label, export_pdf, report, out, processes=processes)
    print(f"  {'':<34} {out.stat().st_size / 1e6:7.2f} MB, {pages} pages")


def real_review(
    n: int, folder: Path, only: list[str] | None = None, processes: int | None = None
) -> None:
    try:
        from factdesk.core import claim_edits
        from factdesk.core.demo import build_demo_review
        from factdesk.core.store import Review
    except ImportError as exc:
        print(f"real review: skipped ({exc})")
        return
    path = folder / "big.factdesk"
    build_demo_review(path)
    with Review.open(path) as review:
        passages = [p for p in review.passages() if p.end - p.start > 20]
        statuses = ["confirmed", "conflicting", "unsourced", "unreviewed"]
        t0 = time.perf_counter()
        with review.transaction():
            for i in range(n):
                p = passages[i % len(passages)]
                claim = claim_edits.create_claim(
                    review,
                    p.article_id,
                    p.start,
                    p.end,
                    reviewer="bench",
                    status=statuses[i % 4],
                    note="benchmark claim",
                )
                other = passages[(i * 7 + 3) % len(passages)]
                claim_edits.add_evidence(review, claim.id, other.id, "supports", reviewer="bench")
        print(f"real review: {n} claims made in {time.perf_counter() - t0:.1f} s (setup)")
        report = timed("build_report (store -> model)", build_report, review, ExportOptions())
    export_all(report, folder, only, processes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--no-real", action="store_true", help="skip the real-review part")
    parser.add_argument(
        "--only", nargs="+", choices=[*TEXT_FORMATS, "pdf"], help="formats to time (all)"
    )
    parser.add_argument("--processes", type=int, help="processes for the PDF (default: auto)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"synthetic report model: {args.claims} claims")
        export_all(synthetic_report(args.claims), folder, args.only, args.processes)
        if not args.no_real:
            real_review(args.claims, folder, args.only, args.processes)


if __name__ == "__main__":
    main()
