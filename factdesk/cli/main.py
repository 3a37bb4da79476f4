"""The ``factdesk`` command: review files from the terminal, on the same core as the window.

Exit codes: 0 success, 1 some input files could not be imported (the rest were), 2 the command
could not run at all (bad arguments, a review file that cannot be opened).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factdesk import REVIEW_SUFFIX, __version__
from factdesk.core.model import ImportReport
from factdesk.core.progress import Cancelled
from factdesk.core.store import Review, ReviewFileError

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
COMMANDS = {"new", "add", "remove", "info", "passages", "align", "group", "gui"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factdesk",
        description="Align several outlets' articles about one story, see where they disagree, "
        "and tag claims. With no command, opens the review window.",
    )
    parser.add_argument("--version", action="version", version=f"factdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create a review file from articles")
    p.add_argument("review", help="the new review file (.factdesk)")
    p.add_argument("files", nargs="+", help="articles: .txt, .html, .md")
    p.add_argument("--title", help="a title for the review")
    p.add_argument("--force", action="store_true", help="replace an existing review file")

    p = sub.add_parser("add", help="add articles to a review and re-align")
    p.add_argument("review")
    p.add_argument("files", nargs="+")

    p = sub.add_parser("remove", help="remove an article from a review and re-align")
    p.add_argument("review")
    p.add_argument("article", help="article id (or an unambiguous prefix)")

    p = sub.add_parser("info", help="list a review's articles")
    p.add_argument("review")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("passages", help="show how one file is read and cut into passages")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("align", help="align files in a temporary review and print the result")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true", help="print the JSON contract")

    p = sub.add_parser("group", help="correct the alignment by hand (kept across re-alignment)")
    p.add_argument(
        "op",
        choices=["join", "split", "remove"],
        help="join: put the passages in one "
        "group; split: give them a group of their own; remove: take them out of groups",
    )
    p.add_argument("review")
    p.add_argument("passages", nargs="+", help="passage ids")

    p = sub.add_parser("gui", help="open the review window")
    p.add_argument("inputs", nargs="*", help="a review file, or articles to open as a new review")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window and exit")
    p.add_argument("--theme", choices=["system", "light", "dark"], default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and not args_in[0].startswith("-")):
        # `factdesk` alone, or `factdesk REVIEW.factdesk` from a file manager: the window.
        args_in = ["gui", *args_in]
    args = build_parser().parse_args(args_in)
    handler = globals()[f"cmd_{args.command}"]
    try:
        return int(handler(args))
    except ReviewFileError as exc:
        print(f"factdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Cancelled:
        print(
            "factdesk: cancelled; the review is as it was before the cancelled step",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def _print_report(report: ImportReport) -> int:
    for article in report.added:
        print(f"added {article.id}  {article.outlet or '-'}  {article.title[:70]}", file=sys.stderr)
    for path in report.duplicates:
        print(f"skipped {path}: the same content is already in the review", file=sys.stderr)
    for problem in report.problems:
        print(f"error: {problem.path}: {problem.reason}", file=sys.stderr)
    return EXIT_PARTIAL if report.problems else EXIT_OK


def _terminal_progress(done: int, total: int, message: str = "") -> None:
    if sys.stderr.isatty():
        print(f"\r[{done}/{total}] {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def cmd_new(args: argparse.Namespace) -> int:
    from factdesk.core.importer import import_files

    path = Path(args.review)
    if path.suffix != REVIEW_SUFFIX:
        print(f"factdesk: note: review files usually end in {REVIEW_SUFFIX}", file=sys.stderr)
    if path.exists():
        if not args.force:
            print(f"factdesk: {path} already exists (use add, or --force)", file=sys.stderr)
            return EXIT_FAILED
        path.unlink()
    with Review.open(path, create=True) as review:
        if args.title:
            review.set_meta("title", args.title)
        report = import_files(review, args.files, progress=_terminal_progress)
    return _print_report(report)


def cmd_add(args: argparse.Namespace) -> int:
    from factdesk.core.importer import import_files

    with Review.open(args.review) as review:
        report = import_files(review, args.files, progress=_terminal_progress)
    return _print_report(report)


def cmd_remove(args: argparse.Namespace) -> int:
    from factdesk.core.analysis import analyse

    with Review.open(args.review) as review:
        try:
            article_id = review.resolve_article_id(args.article)
        except KeyError:
            print(f"factdesk: no article {args.article!r} in {args.review}", file=sys.stderr)
            return EXIT_FAILED
        review.remove_article(article_id)
        analyse(review)
    return EXIT_OK


def cmd_group(args: argparse.Namespace) -> int:
    from factdesk.core.analysis import analyse

    with Review.open(args.review) as review:
        for pid in args.passages:
            try:
                review.passage(pid)
            except KeyError:
                print(f"factdesk: no passage {pid!r} in {args.review}", file=sys.stderr)
                return EXIT_FAILED
        review.add_group_edit(args.op, args.passages)
        summary = analyse(review)
    print(f"{summary.groups} aligned groups after the change", file=sys.stderr)
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from factdesk.core.contract import info_json

    with Review.open(args.review) as review:
        info = info_json(review)
    if args.json:
        _print_json(
            {"articles": info["articles"], "title": info["title"], "counts": info["counts"]}
        )
        return EXIT_OK
    print(info["title"])
    for a in info["articles"]:
        print(
            f"{a['id']}  {a['published'] or '----------'}  {a['outlet'] or '-':<16.16} "
            f"{a['passages']:>4} passages  {a['title'][:60]}\n"
            f"           {a['path']}  sha256 {a['sha256'][:16]}…"
        )
    c = info["counts"]
    print(
        f"{c['articles']} articles · {c['passages']} passages · {c['groups']} aligned groups"
        f" · {c['conflicts']} conflicts"
    )
    return EXIT_OK


def cmd_passages(args: argparse.Namespace) -> int:
    from factdesk.core.contract import passages_json
    from factdesk.core.importer import prepare_file
    from factdesk.core.ingest import IngestError

    try:
        article, passages = prepare_file(args.file, args.file)
    except IngestError as exc:
        print(f"error: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        _print_json(passages_json(article, passages))
        return EXIT_OK
    print(f"{article.title}  ·  {article.outlet or '-'}  ·  {article.published or 'no date'}")
    for p in passages:
        print(f"{p.id:>14} [{p.start}:{p.end}] {p.kind:<10} {p.text}")
    return EXIT_OK


def cmd_align(args: argparse.Namespace) -> int:
    from factdesk.core.contract import align_json
    from factdesk.core.importer import import_files

    with Review.in_memory() as review:
        report = import_files(review, args.files)
        given = {a.id: a.path for a in report.added}
        document = align_json(review, given)
    status = _print_report_quietly(report)
    if args.json:
        _print_json(document)
    else:
        by_id = {p["id"]: p for p in document["passages"]}
        for g in document["alignments"]:
            print(f"{g['id']} score {g['score']:.2f}, {g['independent_sources']} independent")
            for pid in g["passages"]:
                print(f"    {pid:>14}  {by_id[pid]['text'][:100]}")
        for c in document["conflicts"]:
            print(f"{c['id']} {c['kind']}: {c['detail']}")
    return status


def _print_report_quietly(report: ImportReport) -> int:
    for path in report.duplicates:
        print(f"skipped {path}: the same content as another file", file=sys.stderr)
    for problem in report.problems:
        print(f"error: {problem.path}: {problem.reason}", file=sys.stderr)
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from factdesk.ui.app import run_gui
    except ImportError as exc:  # e.g. Qt's system libraries missing on a server
        print(f"factdesk: the window cannot start here: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return run_gui(inputs=args.inputs, screenshot=args.screenshot, theme=args.theme)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write(os.linesep)
