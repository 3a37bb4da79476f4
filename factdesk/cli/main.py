"""The ``factdesk`` command: review files from the terminal, on the same core as the window.

Exit codes: 0 success, 1 some input files could not be imported (the rest were), 2 the command
could not run at all (bad arguments, a review file that cannot be opened).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factdesk import REVIEW_SUFFIX, __version__
from factdesk.core.model import (
    Anchor,
    Claim,
    ClaimChange,
    ClaimStatus,
    Decision,
    EvidenceRelation,
    HistoryEntry,
    ImportReport,
    describe_change,
)
from factdesk.core.progress import Cancelled

if TYPE_CHECKING:
    from factdesk.core.identity import Reviewer
    from factdesk.core.store import Review

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2
#: an edit refused because another reviewer changed the claim first (a shared review): a
#: script may reload and retry; nothing was written
EXIT_CONFLICT = 3
COMMANDS = {
    "new",
    "add",
    "remove",
    "realign",
    "info",
    "passages",
    "align",
    "group",
    "questions",
    "answer",
    "claims",
    "claim",
    "export",
    "refresh",
    "gui",
    "open",
    "push",
    "pull",
    "role",
    "whoami",
    "merge",
    "agreement",
}


def _clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut at a word with "…" when it is longer: a
    sentence cut mid-word ("magnit") reads as a typo in the article, not as a cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factdesk",
        description="Align several outlets' articles about one story, see where they disagree, "
        "and tag claims. With no command, opens the review window.",
    )
    parser.add_argument("--version", action="version", version=f"factdesk {__version__}")
    parser.add_argument(
        "--reviewer", dest="as_reviewer", metavar='"NAME <MAIL>"',
        help="who signs this command's edits (default: $FACTDESK_REVIEWER, else the identity "
        "set with `factdesk whoami --set`)",
    )
    parser.add_argument(
        "--role", dest="as_role", choices=["reviewer", "editor"],
        help="this command's role (default: $FACTDESK_ROLE, else the one set with whoami); "
        "only an editor settles claims",
    )
    parser.add_argument(
        "--verbose", action="store_true",
        help="on an error, also print the full details (e.g. SQLite's integrity-check report of "
        "a damaged review); may also follow the command",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "whoami",
        help="show or set the reviewer name (and e-mail, role) every edit is signed with",
    )
    p.add_argument("--set", metavar='"NAME <MAIL>"', dest="set_to",
                   help="keep this identity for every later command and the window")
    p.add_argument("--role", dest="set_role", choices=["reviewer", "editor"],
                   help="with --set: reviewer (default) or editor (may settle claims)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser(
        "merge",
        help="merge review files of one story (an independent double-check) into OUT",
        description="Articles are matched by content, claims by the overlap of their words. "
        "Each claim keeps every reviewer's decision; merging again changes nothing. OUT may be "
        "new (it starts as a copy of the first file) or an existing review (merged into).",
    )
    p.add_argument("out", metavar="OUT", help="the merged review (.factdesk)")
    p.add_argument("inputs", metavar="REVIEW", nargs="+", help="review files to merge")
    p.add_argument("--any-story", action="store_true",
                   help="merge a review that shares no article with the others")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser(
        "agreement",
        help="how far the reviewers of a (merged) review agree: per claim and overall "
        "(Cohen's kappa for two, Krippendorff's alpha for more)",
    )
    p.add_argument("review")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("new", help="create a review file from articles")
    p.add_argument("review", help="the new review file (.factdesk)")
    p.add_argument("files", nargs="+", help="articles: .txt, .html, .md, or http(s) addresses")
    p.add_argument("--title", help="a title for the review")
    p.add_argument("--force", action="store_true", help="replace an existing review file")

    p = sub.add_parser("add", help="add articles to a review and re-align")
    p.add_argument("review")
    p.add_argument("files", nargs="+", help="articles: .txt, .html, .md, or http(s) addresses")
    p.add_argument("--version-of", metavar="ARTICLE",
                   help="the one FILE is a new version of this article (id or unambiguous "
                        "prefix), wherever it was saved: its claims are found again in the new "
                        "text and those whose words changed are flagged")

    p = sub.add_parser(
        "refresh",
        help="re-fetch the review's web articles; store a new version where the text changed",
    )
    p.add_argument("review")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("remove", help="remove an article from a review and re-align")
    p.add_argument("review")
    p.add_argument("article", help="article id (or an unambiguous prefix)")

    p = sub.add_parser(
        "realign",
        help="align a review's passages again (after an interrupted add, or when info says "
        "the alignment is out of date); group edits are kept",
    )
    p.add_argument("review")

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
        choices=["join", "split", "remove", "options"],
        help="join: make one group of exactly these passages (or grow the group an "
        "earlier join or split made with the first; kept through every re-alignment); "
        "split: give them a group of their own; remove: take them out of groups; "
        "options: list where one passage may belong, likely first, with the join that puts "
        "it there",
    )
    p.add_argument("review")
    p.add_argument("passages", nargs="+", help="passage ids")
    p.add_argument("--limit", type=int, default=10, help="options: how many (default 10)")
    p.add_argument("--json", action="store_true", help="options: print JSON")

    p = sub.add_parser("questions", help="the pairs of passages the alignment is least sure "
                       "of, most informative first: answer them with `factdesk answer`")
    p.add_argument("review")
    p.add_argument("--limit", type=int, default=10, help="how many (default 10; 0: all)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("answer", help="answer \"same fact?\" for two passages (kept across "
                       "re-alignment, and the alignment learns from it), then re-align")
    p.add_argument("review")
    p.add_argument("passage_a", help="passage id")
    p.add_argument("passage_b", help="passage id")
    p.add_argument("same", choices=["yes", "no", "forget"],
                   help="yes: the same fact; no: different facts; forget: take the answer back")

    p = sub.add_parser("claims", help="list a review's claims with evidence and history")
    p.add_argument("review")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--disagreements", action="store_true",
                   help="only claims the reviewers gave different verdicts (not yet settled)")

    _add_claim_parsers(sub)

    p = sub.add_parser("export", help="write an annotated report of a review's claims")
    p.add_argument("review")
    p.add_argument(
        "-f",
        "--format",
        choices=["html", "pdf", "md", "csv", "json", "claimreview"],
        default="html",
        help="html (default), pdf, md (Markdown), csv, json, claimreview (schema.org JSON-LD)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: beside REVIEW)")
    p.add_argument(
        "--status",
        nargs="+",
        action="extend",
        choices=[str(s) for s in ClaimStatus],
        metavar="S",
        help="only claims with these statuses (default: all)",
    )
    p.add_argument("--full-text", action="store_true", help="append the sources' full texts")
    p.add_argument("--title", help="report title (default: the review's title)")
    p.add_argument("--reviewer", help="who the report is by (default: your reviewer name)")
    p.add_argument("--reviewers", action="store_true", dest="each_reviewer",
                   help="show each reviewer's decision and note beside the settled status")
    p.add_argument("--organization", help="the publishing organization (ClaimReview author)")
    p.add_argument("--url", help="published fact-check address; {claim} becomes the claim id")

    p = sub.add_parser("gui", aliases=["open"], help="open the review window")
    p.add_argument("inputs", nargs="*", help="a review file or server URL "
                   "(postgresql://host/db?review=story), or articles to open as a new review")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window and exit")
    p.add_argument("--theme", choices=["system", "light", "dark"], default=None)
    _add_server_parsers(sub)
    return parser


def _add_server_parsers(sub: Any) -> None:
    """A desk's shared review on a PostgreSQL server (``store/server.py``)."""
    url_help = "the server review: postgresql://[user@]host[:port]/db?review=NAME"
    who = "who you are on the desk (default: $FACTDESK_REVIEWER, else the login name)"
    p = sub.add_parser("push", help="copy a review file to a new review on a server")
    p.add_argument("review", help="the review file")
    p.add_argument("url", help=url_help)
    p.add_argument("--reviewer", help=who + "; becomes the review's first editor")
    p = sub.add_parser("pull", help="copy a server review into a new review file")
    p.add_argument("review", metavar="url", help=url_help)
    p.add_argument("file", help="the new review file (must not exist)")
    p = sub.add_parser("role", help="make a reviewer an editor (or a reviewer) on a server review")
    p.add_argument("review", metavar="url", help=url_help)
    p.add_argument("name", help="the reviewer's name, as they sign their edits")
    p.add_argument("role", choices=["reviewer", "editor"])
    p.add_argument("--reviewer", help=who + "; must be an editor")


def _add_claim_parsers(sub: Any) -> None:
    statuses = [str(s) for s in ClaimStatus]
    claim = sub.add_parser("claim", help="tag a claim, give it a verdict, link evidence")
    actions = claim.add_subparsers(dest="action", metavar="ACTION", required=True)
    reviewer_help = ('who made the change, "Name <mail>" (default: $FACTDESK_REVIEWER, else '
                     "the identity set with `factdesk whoami --set`)")

    p = actions.add_parser("add", help="tag the words of an article as a claim; prints its id")
    p.add_argument("review")
    p.add_argument("--article", required=True, help="article id (or an unambiguous prefix)")
    p.add_argument("--quote", required=True, help="the claim's exact words in the article")
    p.add_argument("--status", choices=statuses, default=str(ClaimStatus.UNREVIEWED))
    p.add_argument("--note", default="", help="the reasoning behind the verdict")
    p.add_argument("--reviewer", help=reviewer_help)

    p = actions.add_parser("set", help="change a claim's status and/or note")
    p.add_argument("review")
    p.add_argument("claim_id", metavar="CLAIM_ID")
    p.add_argument("--status", choices=statuses)
    p.add_argument("--note")
    p.add_argument("--reviewer", help=reviewer_help)

    p = actions.add_parser("link", help="link a passage as evidence for or against a claim")
    p.add_argument("review")
    p.add_argument("claim_id", metavar="CLAIM_ID")
    p.add_argument("passage_id", metavar="PASSAGE_ID")
    relation = p.add_mutually_exclusive_group(required=True)
    relation.add_argument(
        "--supports", dest="relation", action="store_const", const=str(EvidenceRelation.SUPPORTS)
    )
    relation.add_argument(
        "--contradicts",
        dest="relation",
        action="store_const",
        const=str(EvidenceRelation.CONTRADICTS),
    )
    p.add_argument("--reviewer", help=reviewer_help)

    p = actions.add_parser(
        "settle",
        help="an editor's decision: settle a claim's status (with why), recorded in its history",
    )
    p.add_argument("review")
    p.add_argument("claim_id", metavar="CLAIM_ID")
    settle = p.add_mutually_exclusive_group(required=True)
    settle.add_argument("--status", choices=statuses)
    settle.add_argument("--clear", action="store_true",
                        help="withdraw the settlement: the reviewers' decisions decide again")
    p.add_argument("--why", help="the reason, kept with the decision (required with --status)")
    p.add_argument("--reviewer", help=reviewer_help)


def _mistyped_command(word: str) -> bool:
    """Say so, and True, when ``word`` reads as a command that does not exist rather than a
    file to open: a bare lower-case word, no such file ("factdesk conflicts r.factdesk" had
    been taken for files to open in the window, and ended in "no display here")."""
    import re
    from difflib import get_close_matches

    if word in COMMANDS or not re.fullmatch(r"[a-z][a-z-]*", word) or Path(word).exists():
        return False
    near = get_close_matches(word, sorted(COMMANDS), n=1)
    hint = f" (did you mean `factdesk {near[0]}`?)" if near else ""
    print(f"factdesk: no command `{word}`{hint}; `factdesk --help` lists them", file=sys.stderr)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in and _mistyped_command(args_in[0]):
        return EXIT_FAILED
    if not args_in or (args_in[0] not in COMMANDS and not args_in[0].startswith("-")):
        # `factdesk` alone, or `factdesk REVIEW.factdesk` from a file manager: the window.
        args_in = ["gui", *args_in]
    # --verbose is accepted after the command too (`factdesk info r.factdesk --verbose`)
    verbose = "--verbose" in args_in[1:] and args_in[0] != "--verbose"
    if verbose:
        args_in = [a for a in args_in if a != "--verbose"]
    args = build_parser().parse_args(args_in)  # --version and --help end here, store unread
    verbose = verbose or args.verbose
    # The store (sqlite-utils) is imported only now: `factdesk --version` needs none of it.
    from factdesk.core.store import ReviewFileError, describe_sqlite_error
    from factdesk.core.store.schema import DamagedReviewError

    handler = globals()[f"cmd_{'gui' if args.command == 'open' else args.command}"]
    try:
        code = int(handler(args))
        sys.stdout.flush()  # a closed pipe shows here when the output was short
        return code
    except BrokenPipeError:
        # `factdesk claims r | head`: the reader has what it wanted. Exit quietly as Unix tools
        # do (128 + SIGPIPE), and point stdout at /dev/null so the interpreter's own final
        # flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13
    except ReviewFileError as exc:
        if type(exc).__name__ == "ClaimConflict":  # store/server.py, not imported for a file
            print(f"factdesk: {exc}", file=sys.stderr)
            return EXIT_CONFLICT
        print(f"factdesk: {exc}", file=sys.stderr)
        if isinstance(exc, DamagedReviewError) and exc.detail and verbose:
            print(f"factdesk: SQLite's report:\n{exc.detail}", file=sys.stderr)
        return EXIT_FAILED
    except sqlite3.DatabaseError as exc:  # a read path meeting a damaged file: no traceback
        where = getattr(args, "review", None) or "the review file"
        damaged = describe_sqlite_error(exc) == "the review file is damaged"
        if damaged and where != "the review file":
            from factdesk.core.store.backups import damaged_review_error

            print(f"factdesk: {damaged_review_error(where, str(exc))}", file=sys.stderr)
            if verbose:
                print(f"factdesk: SQLite's report: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"factdesk: {where}: {describe_sqlite_error(exc)} ({exc})", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:  # an output folder that is missing or not writable, a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"factdesk: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except Cancelled:
        print(
            "factdesk: cancelled; the review is as it was before the cancelled step",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


STALE_MESSAGE = (
    "the alignment is out of date: articles or group edits changed since it was computed, so "
    "its groups and conflicts are the old ones; run `factdesk realign {review}`"
)


def _print_report(report: ImportReport, *, named: bool = False) -> int:
    """What an import did; ``named``: its version was named by ``--version-of``."""
    for article in report.added:
        print(f"added {article.id}  {article.outlet or '-'}  {article.title[:70]}", file=sys.stderr)
    for v in report.versions:
        print(f"new version {v.version} of {v.article_id} from {v.path}: "
              + ("as --version-of named it" if named else
                 "the same file, its text changed since it was added"), file=sys.stderr)
        for claim_id in v.claims_changed:
            print(f"    claim {claim_id}: its words were edited", file=sys.stderr)
        for claim_id in v.claims_vanished:
            print(f"    claim {claim_id}: its words are gone from the new version",
                  file=sys.stderr)
    for path in report.duplicates:
        print(f"skipped {path}: the same content is already in the review", file=sys.stderr)
    if report.realigned and not (report.added or report.versions):
        print("re-aligned the review: its alignment was out of date (an earlier import was "
              "interrupted)", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note.path}: {note.reason}", file=sys.stderr)
    for problem in report.problems:
        print(f"error: {problem.path}: {problem.reason}", file=sys.stderr)
    return EXIT_PARTIAL if report.problems else EXIT_OK


def _terminal_progress(done: int, total: int, message: str = "") -> None:
    if sys.stderr.isatty():
        print(f"\r[{done}/{total}] {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def cmd_new(args: argparse.Namespace) -> int:
    """Build the review beside its target and move it into place only when at least one
    article came in, so a typo in a file name never costs an existing review (--force)."""
    from factdesk.core.importing import import_files
    from factdesk.core.leftovers import clean_beside, new_review_name
    from factdesk.core.store import Review

    if args.review.lower().startswith(("postgresql://", "postgres://")):
        return _fail("a shared review starts as a file: `factdesk new story.factdesk FILES…`, "
                     "then `factdesk push story.factdesk URL`")
    path = Path(args.review)
    if path.suffix != REVIEW_SUFFIX:
        print(f"factdesk: note: review files usually end in {REVIEW_SUFFIX}", file=sys.stderr)
    if path.is_dir():
        print(f"factdesk: {path} is a folder; give a review file name", file=sys.stderr)
        return EXIT_FAILED
    if path.exists() and not args.force:
        print(f"factdesk: {path} already exists (use add, or --force)", file=sys.stderr)
        return EXIT_FAILED
    clean_beside(path)  # what a killed `new` of the same file left
    building = new_review_name(path)
    try:
        with Review.open(building, create=True) as review:
            if args.title:
                review.set_meta("title", args.title)
            report = import_files(review, args.files, progress=_terminal_progress,
                                  processes=os.cpu_count() or 1)
        status = _print_report(report)
        if not report.added:
            print(f"factdesk: no article could be imported; {path} was not written",
                  file=sys.stderr)
            return EXIT_FAILED
        for side in ("-wal", "-shm"):  # an old review's journal must not meet the new file
            Path(f"{path}{side}").unlink(missing_ok=True)
        os.replace(building, path)
        return status
    finally:
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)


def cmd_add(args: argparse.Namespace) -> int:
    from factdesk.core.importing import import_files, version_target
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        version_of = None
        if args.version_of is not None:
            try:
                version_of = review.resolve_article_id(args.version_of)
            except KeyError as exc:
                matches = getattr(exc, "matches", ())
                return _fail(f"--version-of: {args.version_of} is "
                             + (f"ambiguous ({', '.join(matches)})" if matches else
                                f"no article of {args.review}")
                             + " (factdesk info lists the articles' ids)")
            if why := version_target(review, version_of, args.files):
                return _fail(f"--version-of: {why}")
        report = import_files(review, args.files, progress=_terminal_progress,
                              processes=os.cpu_count() or 1, version_of=version_of)
    return _print_report(report, named=version_of is not None)


def cmd_refresh(args: argparse.Namespace) -> int:
    """Exit 0 when every page could be checked, 1 when some could not (each named)."""
    from factdesk.core.refresh import refresh_review, version_changes
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        report = refresh_review(review, progress=_terminal_progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        if args.json:
            _print_json(report.as_json())
        else:
            for c in report.changed:
                print(f"changed {c.article}  {c.url}  now {c.versions} versions")
                for line in version_changes(review, c.article):
                    print(f"    {line}")
                for claim_id in c.claims_changed:
                    print(f"    claim {claim_id}: its words were edited after publication")
                for claim_id in c.claims_vanished:
                    print(f"    claim {claim_id}: its words are gone from the new version")
                for claim_id in c.evidence_changed:
                    print(f"    claim {claim_id}: evidence it cites from this page was edited")
            for u in report.unchanged:
                print(f"unchanged {u['article']}  {u['url']}")
            if not (report.changed or report.unchanged or report.failed):
                print("no article of this review came from a web address", file=sys.stderr)
    for f in report.failed:
        print(f"error: {f['url']}: {f['reason']}", file=sys.stderr)
    return EXIT_PARTIAL if report.failed else EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from factdesk.core.reanalysis import analyse
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        try:
            article_id = review.resolve_article_id(args.article)
        except KeyError as missing:
            print(f"factdesk: {_article_missing(missing, args)}", file=sys.stderr)
            return EXIT_FAILED
        removal = review.remove_article(article_id)
        analyse(review)
    print(_removal_message(removal))
    return EXIT_OK


def _article_missing(error: KeyError, args: argparse.Namespace) -> str:
    """Why an article id did not resolve: a prefix several articles share names them (the
    reviewer types one more character), else there is no such article."""
    from factdesk.core.store import AmbiguousArticleId

    if isinstance(error, AmbiguousArticleId):
        return f"{error} in {args.review}; type more of the id"
    return f"no article {args.article!r} in {args.review}"


def _removal_message(removal: Any) -> str:
    """What ``remove`` did, in words: the article, and what became of the claims quoting it
    (kept, as orphans that still name the outlet and title they were made on)."""
    a = removal.article
    title = f" “{' '.join(a.title.split())}”" if a.title.strip() else ""
    lines = [f"removed {removal.label}{title} ({a.id}, {a.path})"]
    if removal.claims:
        n = len(removal.claims)
        lines.append(
            f"{n} claim{'s' if n != 1 else ''} quoting it kept ({', '.join(removal.claims)}): "
            f"shown in reports as made, naming {removal.label}, marked as from a removed article")
    if removal.evidence:
        n = removal.evidence
        lines.append(
            f"{n} evidence quote{'s' if n != 1 else ''} from it kept on "
            f"{', '.join(removal.evidence_claims)}, marked as from a removed article")
    if not removal.claims and not removal.evidence:
        lines.append("no claim or evidence quoted it")
    return "\n".join(lines)


def cmd_realign(args: argparse.Namespace) -> int:
    from factdesk.core.reanalysis import analyse
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        summary = analyse(review, progress=_terminal_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"re-aligned: {summary.groups} aligned groups, {summary.conflicts} conflicts",
          file=sys.stderr)
    return EXIT_OK


def cmd_group(args: argparse.Namespace) -> int:
    from factdesk.core.reanalysis import analyse
    from factdesk.core.store import Review

    if args.op == "join" and len(set(args.passages)) < 2:
        print(f"factdesk: group join needs two or more passages to put in one group; to see "
              f"where one passage may belong: factdesk group options {args.review} "
              f"{args.passages[0]}", file=sys.stderr)
        return EXIT_FAILED
    with Review.open(args.review) as review:
        for pid in args.passages:
            try:
                review.passage(pid)
            except KeyError:
                print(f"factdesk: no passage {pid!r} in {args.review}", file=sys.stderr)
                return EXIT_FAILED
        if args.op == "options":
            return _print_group_options(review, args)
        from factdesk.core.model import EXACT_JOIN

        review.add_group_edit(EXACT_JOIN if args.op == "join" else args.op, args.passages)
        summary = analyse(review)
        if args.op == "join":
            # say what the group now is: exactly the passages named (or the reviewer's own
            # group the first one was in, grown by the others), never more
            mine = next((g for g in review.groups() if set(args.passages) <= set(g.passage_ids)),
                        None)
            if mine is not None:
                print(f"group {mine.id}: {', '.join(mine.passage_ids)}")
    print(f"{summary.groups} aligned groups after the change", file=sys.stderr)
    return EXIT_OK


def _print_group_options(review: Review, args: argparse.Namespace) -> int:
    """The window's Align with… list for one passage, for scripts and terminals."""
    from factdesk.core.align.regroup import join_edit, match_options, rank_counterparts

    if len(args.passages) != 1:
        print("factdesk: group options takes one passage id", file=sys.stderr)
        return EXIT_FAILED
    pid = args.passages[0]
    passages = review.passages()
    by_id = {p.id: p for p in passages}
    hidden = {a.id for a in review.articles() if review.is_hidden(a.id)}
    options = match_options(pid, review.groups(), rank_counterparts(passages, pid), by_id,
                            hidden)[: max(0, args.limit)]
    rows = [{"group": o.group_id, "score": o.score, "closest": o.closest,
             "join": join_edit(pid, o)} for o in options]
    if args.json:
        print(json.dumps(rows, indent=1))
        return EXIT_OK
    for row in rows:
        where = row["group"] or "new"
        text = " ".join(by_id[row["closest"]].text.split())
        print(f"{where:>5}  {row['score']:.2f}  {row['closest']}  {text[:90]}")
        print(f"       factdesk group join {args.review} {' '.join(row['join'])}")
    return EXIT_OK


def cmd_questions(args: argparse.Namespace) -> int:
    from factdesk.core.model import source_labels
    from factdesk.core.store import Review

    with Review.open(args.review, backup=False) as review:
        if not review.pair_questions_stored and review.groups():
            return _fail(f"{args.review} was aligned by an older factdesk, which stored no "
                         f"\"Same fact?\" questions: run `factdesk realign {args.review}` "
                         "first")
        if review.analysis_stale:
            print("factdesk: " + STALE_MESSAGE.format(review=args.review), file=sys.stderr)
        # as in the window's queue: no question about a hidden article's passages
        passages = {p.id: p for p in review.passages(visible_only=True)}
        asked = [q for q in review.pair_questions()
                 if q.passage_a in passages and q.passage_b in passages]
        shown = asked if args.limit <= 0 else asked[: args.limit]
        outlets = source_labels(review.articles())
        # pairs two reviewers answered differently (a merge): undecided until answered again
        disputed = [(pair, sides) for pair, sides in review.open_pair_disputes().items()
                    if pair[0] in passages and pair[1] in passages]
    if args.json:
        print(json.dumps({"left": len(asked), "disputed": [
            {"passage_a": a, "passage_b": b,
             "answers": [{"same": s.same, "at": s.created_at, "file": s.source} for s in sides]}
            for (a, b), sides in disputed], "questions": [
            {"passage_a": q.passage_a, "passage_b": q.passage_b, "probability": q.probability,
             "a": {"outlet": outlets[passages[q.passage_a].article_id],
                   "text": passages[q.passage_a].text},
             "b": {"outlet": outlets[passages[q.passage_b].article_id],
                   "text": passages[q.passage_b].text}}
            for q in shown]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for (pa, pb), sides in disputed:
        said = "; ".join(f"{s.source} said {'same fact' if s.same else 'not the same'}"
                         for s in sides)
        print(f"{pa} {pb}  same fact? DISPUTED: {said}")
        print(f"  {outlets[passages[pa].article_id]}: {_clip(passages[pa].text, 160)}")
        print(f"  {outlets[passages[pb].article_id]}: {_clip(passages[pb].text, 160)}")
    for q in shown:
        a, b = passages[q.passage_a], passages[q.passage_b]
        print(f"{q.passage_a} {q.passage_b}  same fact? (p={q.probability:.2f})")
        print(f"  {outlets[a.article_id]}: {_clip(a.text, 160)}")
        print(f"  {outlets[b.article_id]}: {_clip(b.text, 160)}")
    print(f"{len(asked)} questions left", file=sys.stderr)
    return EXIT_OK


def cmd_answer(args: argparse.Namespace) -> int:
    from factdesk.core.reanalysis import analyse
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        found = {p.id: p for p in review.passages()}
        for pid in (args.passage_a, args.passage_b):
            if pid not in found:
                print(f"factdesk: no passage {pid!r} in {args.review}", file=sys.stderr)
                return EXIT_FAILED
        a, b = found[args.passage_a], found[args.passage_b]
        if a.article_id == b.article_id:
            print("factdesk: both passages are in one article; answers compare two outlets",
                  file=sys.stderr)
            return EXIT_FAILED
        if args.same == "forget":
            review.restore_pair_answer(a.id, b.id, None)
        else:
            review.answer_pair(a.id, b.id, args.same == "yes")
        summary = analyse(review)
        left = len(review.pair_questions())
    print(f"{summary.groups} aligned groups after the answer; {left} questions left",
          file=sys.stderr)
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from factdesk.core.contract import info_json
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        info = info_json(review)
    if args.json:
        _print_json(
            {
                "articles": info["articles"],
                "title": info["title"],
                "counts": info["counts"],
                "alignment_out_of_date": info["alignment_out_of_date"],
            }
        )
        return EXIT_OK
    print(info["title"])
    for a in info["articles"]:
        print(
            f"{a['id']}  {a['published'] or '----------'}  {a['source']:<20.20} "
            f"{a['passages']:>4} passages  {a['title'][:60]}\n"
            f"           {a['path']}  sha256 {a['sha256'][:16]}…"
        )
        if a["url"]:
            print(f"           version {a['version']}, captured {a['fetched_at']}"
                  + (f" from {a['final_url']}" if a["final_url"] != a["url"] else ""))
        if a["warning"]:
            print(f"           warning: {a['warning']}")
    c = info["counts"]
    print(
        f"{c['articles']} articles · {c['passages']} passages · {c['groups']} aligned groups"
        f" · {c['conflicts']} conflicts"
    )
    if info["alignment_out_of_date"]:
        print(STALE_MESSAGE.format(review=args.review))
    return EXIT_OK


def cmd_passages(args: argparse.Namespace) -> int:
    from factdesk.core.contract import passages_json
    from factdesk.core.importing import prepare_file
    from factdesk.core.read.fetch import FetchError, is_url
    from factdesk.core.read.ingest import IngestError

    try:
        if is_url(args.file):
            from factdesk.core.importing import prepare_capture
            from factdesk.core.read.fetch import fetch_url

            article, passages = prepare_capture(fetch_url(args.file))
        else:
            article, passages = prepare_file(args.file, args.file)
    except (IngestError, FetchError) as exc:
        print(f"error: {exc}", file=sys.stderr)  # names the file or address and the reason
        return EXIT_FAILED
    if args.json:
        _print_json(passages_json(article, passages))
        return EXIT_OK
    print(f"{article.title}  ·  {article.outlet or '-'}  ·  {article.published or 'no date'}")
    if article.warning:
        print(f"warning: {article.warning}")
    for p in passages:
        print(f"{p.id:>14} [{p.start}:{p.end}] {p.kind:<10} {p.text}")
    return EXIT_OK


def cmd_align(args: argparse.Namespace) -> int:
    from factdesk.core.contract import align_json
    from factdesk.core.importing import import_files
    from factdesk.core.store import Review

    with Review.in_memory() as review:
        report = import_files(review, args.files, processes=os.cpu_count() or 1)
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
                print(f"    {pid:>14}  {_clip(by_id[pid]['text'], 100)}")
        for c in document["conflicts"]:
            print(f"{c['id']} {c['severity']} {c['detail']}")
    return status


def _print_report_quietly(report: ImportReport) -> int:
    for path in report.duplicates:
        print(f"skipped {path}: the same content as another file", file=sys.stderr)
    for problem in report.problems:
        print(f"error: {problem.path}: {problem.reason}", file=sys.stderr)
    return EXIT_PARTIAL if report.problems else EXIT_OK


def _fail(message: str) -> int:
    print(f"factdesk: {message}", file=sys.stderr)
    return EXIT_FAILED


def _anchor_json(anchor: Anchor) -> dict[str, Any]:
    return {
        "article": anchor.article_id,
        "start": anchor.start,
        "end": anchor.end,
        "quote": anchor.quote,
    }


def _edited_json(changes: Sequence[ClaimChange]) -> list[dict[str, Any]]:
    """A claim's words changed at the source since it was made (a newer version of its
    article, by ``refresh`` or a re-added file): what the exports call
    ``edited_after_publication``, one entry per change, old words and new."""
    return [{"kind": ch.kind, "from_version": ch.from_version, "to_version": ch.to_version,
             "from": ch.old_quote, "to": ch.new_quote, "article": ch.article_id, "at": ch.at,
             "dismissed": ch.dismissed, "says": describe_change(ch)} for ch in changes]


def _claim_json(claim: Claim, history: Sequence[HistoryEntry],
                scope: dict[str, Any] | None = None,
                decisions: Sequence[Decision] = (),
                changes: Sequence[ClaimChange] = ()) -> dict[str, Any]:
    return {
        "id": claim.id,
        "status": str(claim.status),
        "settled": ({"by": claim.settled_by, "at": claim.settled_at, "why": claim.settled_why}
                    if claim.settled else None),
        "decisions": [{"reviewer": d.reviewer, "status": str(d.status), "note": d.note,
                       "at": d.at} for d in decisions],
        **_anchor_json(claim.anchor),
        "passage": claim.passage_id,
        "note": claim.note,
        "reviewer": claim.reviewer,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
        "orphaned": claim.orphaned,
        "edited": _edited_json(changes),
        "evidence": [
            {
                "id": e.id,
                "relation": str(e.relation),
                "passage": e.passage_id,
                **_anchor_json(e.anchor),
                "reviewer": e.reviewer,
                "created_at": e.created_at,
                "orphaned": e.orphaned,
            }
            for e in claim.evidence
        ],
        "history": [
            {"at": h.at, "reviewer": h.reviewer, "field": h.field, "old": h.old, "new": h.new}
            for h in history
        ],
        **(scope or {}),
    }


def cmd_claims(args: argparse.Namespace) -> int:
    from factdesk.core.claim_edits import disagrees
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        claims = review.claims()
        history: dict[str, list[HistoryEntry]] = {}
        for entry in review.history():
            history.setdefault(entry.claim_id, []).append(entry)
        decisions: dict[str, list[Decision]] = {}
        for d in review.decisions():
            decisions.setdefault(d.claim_id, []).append(d)
        changes: dict[str, list[ClaimChange]] = {}
        for ch in review.claim_changes(include_dismissed=True):
            changes.setdefault(ch.claim_id, []).append(ch)
        if args.disagreements:
            claims = [c for c in claims
                      if not c.settled and disagrees(decisions.get(c.id, []))]
        counts = review.claim_counts()
        if args.disagreements:  # the counts add up to what is listed, not the whole review
            counts = {status: sum(1 for c in claims if c.status == status) for status in counts}
        if args.json:
            from factdesk.core.contract import claim_scope_json, scope_index

            index = scope_index(review)
            scopes = {c.id: claim_scope_json(index.scope(c.anchor, c.passage_id))
                      for c in claims if not c.orphaned}
    if args.json:
        _print_json(
            {
                "claims": [_claim_json(c, history.get(c.id, []),
                                       scopes.get(c.id, {"conflicts": [], "suggestion": None}),
                                       decisions.get(c.id, []), changes.get(c.id, []))
                           for c in claims],
                "counts": {str(k): v for k, v in counts.items()},
            }
        )
        return EXIT_OK
    for c in claims:
        quote = " ".join(c.anchor.quote.split())
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        flags = " ORPHANED" if c.orphaned else ""
        ev = f"  +{len(c.evidence)} evidence" if c.evidence else ""
        edited = " ✎" if changes.get(c.id) else ""  # as the window and the reports mark it
        print(
            f"{c.id:<6} {c.status:<11} {c.anchor.article_id:<12.12} "
            f'[{c.anchor.start}:{c.anchor.end}]  "{quote}"{edited}{ev}{flags}'
        )
        for ch in changes.get(c.id, []):
            print(f"{'':<7}✎ edited at the source: {describe_change(ch)}"
                  + (" (dismissed)" if ch.dismissed else ""))
        if c.note:
            # a merged note keeps one paragraph per reviewer: each line stays under the claim
            lines = [line for line in c.note.splitlines() if line.strip()]
            print(f"{'':<7}note: " + f"\n{'':<13}".join(lines))
        if c.settled:
            print(f"{'':<7}settled by {c.settled_by}: {c.settled_why}")
        mine = [d for d in decisions.get(c.id, []) if d.status != ClaimStatus.UNREVIEWED]
        if len(mine) > 1:
            print(f"{'':<7}decisions: " + "; ".join(f"{d.reviewer}: {d.status}" for d in mine))
    print(" · ".join(f"{n} {status}" for status, n in counts.items()) + f" · {len(claims)} claims")
    return EXIT_OK


def cmd_claim(args: argparse.Namespace) -> int:
    from factdesk.core import claim_edits
    from factdesk.core.anchors import find_quote, find_quote_all
    from factdesk.core.store import Review

    identity = _identity(args)
    if identity is None:
        return EXIT_FAILED
    reviewer = identity.signature
    with Review.open(args.review) as review:
        if args.action == "settle":
            return _settle(review, args, identity)
        if args.action == "add":
            try:
                article_id = review.resolve_article_id(args.article)
            except KeyError as missing:
                return _fail(_article_missing(missing, args))
            text = review.article(article_id).text
            span = find_quote(text, args.quote)
            if span is None:
                return _fail(
                    f"the quote is not in article {article_id}: {args.quote!r} "
                    "(give the article's own words; spacing, curly/straight quotes and Unicode "
                    "normalisation (accents typed precomposed or combined) may differ)"
                )
            if len(find_quote_all(text, args.quote)) > 1 or text.count(args.quote) > 1:
                print(
                    f"factdesk: note: the quote occurs more than once in {article_id}; "
                    f"tagged the first, at [{span[0]}:{span[1]}]",
                    file=sys.stderr,
                )
            claim = claim_edits.create_claim(
                review,
                article_id,
                *span,
                reviewer=reviewer,
                status=args.status,
                note=args.note,
            )
            print(claim.id)
            return EXIT_OK
        try:
            review.claim(args.claim_id)
        except KeyError:
            return _fail(f"no claim {args.claim_id!r} in {args.review}")
        if args.action == "set":
            if args.status is None and args.note is None:
                return _fail("nothing to change: give --status and/or --note")
            claim_edits.set_verdict(
                review, args.claim_id, args.status, args.note, reviewer=reviewer
            )
            claim = review.claim(args.claim_id)
            print(f"{claim.id} {claim.status}", file=sys.stderr)
            if args.status is not None and claim.status != args.status:
                why = (f"settled by {claim.settled_by}" if claim.settled
                       else "another reviewer decided otherwise; an editor settles it "
                       "(factdesk claim settle)")
                print(f"factdesk: note: your decision is {args.status}; the claim stays "
                      f"{claim.status}: {why}", file=sys.stderr)
            return EXIT_OK
        try:
            review.passage(args.passage_id)
        except KeyError:
            return _fail(f"no passage {args.passage_id!r} in {args.review}")
        evidence = claim_edits.add_evidence(
            review, args.claim_id, args.passage_id, args.relation, reviewer=reviewer
        )
        print(evidence.id)
        return EXIT_OK


def _identity(args: argparse.Namespace) -> Reviewer | None:
    """Who signs this command's edits; None (after saying why) for a malformed name."""
    from factdesk.core.identity import current_reviewer

    flag = (getattr(args, "reviewer", None) or "").strip() or args.as_reviewer
    try:
        who = current_reviewer(flag, args.as_role)
    except ValueError as exc:
        _fail(f"reviewer: {exc}")
        return None
    if who.source == "login":
        print(f"factdesk: note: edits are signed with the login name {who.name!r}; set your "
              'name once with: factdesk whoami --set "Name <mail>"', file=sys.stderr)
    return who


def _settle(review: Review, args: argparse.Namespace, editor: Reviewer) -> int:
    from factdesk.core import claim_edits

    try:
        review.claim(args.claim_id)
    except KeyError:
        return _fail(f"no claim {args.claim_id!r} in {args.review}")
    try:
        if args.clear:
            claim_edits.unsettle(review, args.claim_id, editor=editor)
        else:
            claim_edits.settle(review, args.claim_id, args.status, args.why or "",
                               editor=editor)
    except (claim_edits.NotAnEditor, ValueError) as exc:
        return _fail(str(exc))
    if args.clear:
        claim = review.claim(args.claim_id)
        print(f"{claim.id} {claim.status} (not settled)", file=sys.stderr)
        return EXIT_OK
    claim = review.claim(args.claim_id)
    print(f"{claim.id} {claim.status} (settled by {claim.settled_by})", file=sys.stderr)
    return EXIT_OK


def cmd_whoami(args: argparse.Namespace) -> int:
    from factdesk.core.identity import (
        current_reviewer,
        identity_file,
        parse_reviewer,
        save_reviewer,
    )

    if args.set_to is not None:
        try:
            who = parse_reviewer(args.set_to, args.set_role or args.as_role or "reviewer")
        except ValueError as exc:
            return _fail(str(exc))
        path = save_reviewer(who)
        print(f"edits are now signed {who.signature!r} ({who.role}); kept in {path}",
              file=sys.stderr)
    try:
        who = current_reviewer(args.as_reviewer, args.as_role)
    except ValueError as exc:
        return _fail(f"reviewer: {exc}")
    if args.json:
        _print_json({"name": who.name, "email": who.email, "role": who.role,
                     "signature": who.signature, "source": who.source,
                     "may_settle": who.is_editor, "file": str(identity_file())})
        return EXIT_OK
    print(f"{who.signature} ({who.role})")
    where = {"flag": "from --reviewer", "env": "from $FACTDESK_REVIEWER",
             "settings": f"from {identity_file()}",
             "login": 'the login name: not set; set it with factdesk whoami --set "Name <mail>"'}
    print(f"  {where[who.source]}", file=sys.stderr)
    return EXIT_OK


def _agreement_json(review: Review) -> dict[str, Any]:
    from factdesk.core.agreement import claim_agreements, overall

    claims = review.claims()
    ids = {c.id for c in claims}
    decisions = [d for d in review.decisions() if d.claim_id in ids]
    total = overall(decisions)
    name, value = total.measure
    per_claim = claim_agreements(decisions)
    return {
        "reviewers": list(total.reviewers),
        "compared": total.compared,
        "agreed": total.agreed,
        "disagreed": total.disagreed,
        "kappa": total.kappa,
        "alpha": total.alpha,
        "measure": name,
        "value": value,
        "claims": [
            {"id": c.id, "status": str(c.status), "settled_by": c.settled_by,
             "verdicts": {r: str(s) for r, s in per_claim[c.id].verdicts},
             "agreement": per_claim[c.id].share}
            for c in claims if c.id in per_claim and per_claim[c.id].compared
        ],
        "text": total.describe(),
    }


def cmd_agreement(args: argparse.Namespace) -> int:
    from factdesk.core.store import Review

    with Review.open(args.review, backup=False) as review:
        data = _agreement_json(review)
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(data["text"])
    for c in data["claims"]:
        if c["agreement"] < 1.0:
            verdicts = ", ".join(f"{r}: {s}" for r, s in c["verdicts"].items())
            settled = f" → settled {c['status']} by {c['settled_by']}" if c["settled_by"] else ""
            print(f"  {c['id']:<6} disagree ({verdicts}){settled}")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from factdesk.core.merging import merge_files
    from factdesk.core.store import Review

    out = Path(args.out)
    if out.suffix != REVIEW_SUFFIX:
        print(f"factdesk: note: review files usually end in {REVIEW_SUFFIX}", file=sys.stderr)
    for path in args.inputs:
        if not Path(path).is_file():
            return _fail(f"{path}: no such review file")
    report = merge_files(out, args.inputs, progress=_terminal_progress,
                         any_story=args.any_story)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    with Review.open(out, backup=False) as review:
        agreement = _agreement_json(review)
    if args.json:
        _print_json({"out": str(out), "sources": report.sources,
                     "articles_added": report.articles_added,
                     "claims_added": report.claims_added,
                     "claims_matched": report.claims_matched,
                     "decisions_added": report.decisions_added,
                     "evidence_added": report.evidence_added,
                     "settlements": report.settlements,
                     "answers_added": report.answers_added,
                     "answers_differing": report.answers_differing,
                     "partial_overlaps": [list(p) for p in report.partial_overlaps],
                     "near_duplicates": [list(p) for p in report.near_duplicates],
                     "answer_disputes": [
                         {"passages": list(sides[0].pair),
                          "answers": [{"same": s.same, "at": s.created_at, "file": s.source}
                                      for s in sides]}
                         for sides in report.answer_disputes],
                     "agreement": {k: v for k, v in agreement.items() if k != "claims"}})
        return EXIT_OK
    n = len(report.sources)
    print(f"merged {n} review{'' if n == 1 else 's'} into {out}: {report.describe()}")
    for new, old in report.partial_overlaps:
        print(f"  claim {new} overlaps {old} only partly: kept as two claims")
    for sides in report.answer_disputes:
        a, b = sides[0].pair
        said = "; ".join(f"{s.source} said {'same fact' if s.same else 'not the same'} "
                         f"({s.created_at})" for s in sides)
        print(f"  \"Same fact?\" {a} and {b}: {said}. Both kept, the pair undecided: "
              f"answer it again with factdesk answer {out} {a} {b} yes|no")
    for new, old in report.near_duplicates:
        print(f"  claim {new} is a near-duplicate of {old} (one's words hold the other's; "
              "the other was matched already): kept as two claims; delete one before "
              "publishing")
    print(agreement["text"])
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from factdesk.core.export import FORMATS, ExportOptions, export_review
    from factdesk.core.store import Review

    options = ExportOptions(
        statuses=frozenset(ClaimStatus(x) for x in args.status or ()),
        full_text=args.full_text,
        reviewer=args.reviewer or _report_author(args),
        reviewers=args.each_reviewer,
        organization=args.organization or "",
        title=args.title or "",
        url=args.url or ExportOptions().url,
    )
    if args.format == "claimreview":
        from factdesk.core.export.claimreview import claimreview_problem

        problem = claimreview_problem(options.organization, options.url)
        if problem:
            print(f"factdesk: {problem}", file=sys.stderr)
            return EXIT_FAILED
    extension = FORMATS[args.format].extension
    if args.review.lower().startswith(("postgresql://", "postgres://")):  # a shared review
        name = args.review.rsplit("review=", 1)[-1].split("&")[0] or "review"
        out = Path(args.output or f"{name}{extension}")
        review_path = None
    else:
        out = Path(args.output or Path(args.review).with_suffix(extension))
        review_path = Path(args.review).resolve()
    if review_path is not None and out.resolve() in {
            review_path, *(Path(f"{review_path}{x}") for x in ("-wal", "-shm"))}:
        print(f"factdesk: {out} is the review itself; choose another file", file=sys.stderr)
        return EXIT_FAILED
    if out.is_dir():
        print(f"factdesk: {out} is a folder; give a file name with -o", file=sys.stderr)
        return EXIT_FAILED
    with Review.open(args.review) as review:
        if review.analysis_stale:
            print(f"factdesk: warning: {STALE_MESSAGE.format(review=args.review)}",
                  file=sys.stderr)
        if args.format == "pdf":
            try:
                from factdesk.ui.pdf_export import export_review_pdf
            except ImportError as exc:  # Qt's system libraries missing on a server
                print(f"factdesk: PDF export needs Qt, which cannot start: {exc}", file=sys.stderr)
                return EXIT_FAILED
            export_review_pdf(review, out, options, progress=_terminal_progress)
        else:
            report = export_review(review, args.format, out, options,
                                   progress=_terminal_progress)
            if args.format == "claimreview":
                from factdesk.core.export.claimreview import left_out

                for line in left_out(report):
                    print(f"factdesk: note: {line}", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def _reviewer(args: argparse.Namespace) -> str:
    """The signature of whoever runs the command (its --reviewer, the global one, else the
    identity; see ``_identity``)."""
    from factdesk.core import claim_edits
    from factdesk.core.identity import current_reviewer

    flag = (getattr(args, "reviewer", None) or "").strip() or args.as_reviewer
    try:
        return current_reviewer(flag, args.as_role).signature
    except ValueError:  # a malformed name: signed as typed
        return flag or claim_edits.default_reviewer()


def cmd_push(args: argparse.Namespace) -> int:
    from factdesk.core.store import Review
    from factdesk.core.store.server import parse_server_url
    from factdesk.core.store.transfer import push

    where = parse_server_url(args.url).display  # never echo a password
    with Review.open(args.review, read_only=True, backup=False) as review:
        rows = push(review, args.url, reviewer=_reviewer(args), progress=_terminal_progress)
    print(f"pushed {args.review} to {where} ({rows} rows); {_reviewer(args)} is its editor",
          file=sys.stderr)
    return EXIT_OK


def cmd_pull(args: argparse.Namespace) -> int:
    from factdesk.core.store import Review
    from factdesk.core.store.transfer import pull

    with Review.open(args.review, read_only=True) as review:
        rows = pull(review, args.file, progress=_terminal_progress)
    print(f"pulled into {args.file} ({rows} rows)", file=sys.stderr)
    return EXIT_OK


def cmd_role(args: argparse.Namespace) -> int:
    from factdesk.core.store import Review

    with Review.open(args.review) as review:
        if not review.is_server:
            return _fail("roles belong to a shared review on a server; a file has one reviewer")
        review.set_role(args.name, args.role, by=_reviewer(args))  # type: ignore[attr-defined]
        print(f"{args.name} is now a {args.role}", file=sys.stderr)
    return EXIT_OK


def _report_author(args: argparse.Namespace) -> str:
    """The report's "by": the reviewer's name when one is set (never a login name)."""
    from factdesk.core.identity import current_reviewer

    try:
        who = current_reviewer(args.as_reviewer, args.as_role)
    except ValueError:
        return ""
    return "" if who.source == "login" else who.signature


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
