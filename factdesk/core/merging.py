"""Merge review files of one story: an independent double-check, or a story split between checkers.

``merge_into(target, source)`` brings everything a reviewer wrote in ``source`` into ``target``
in one transaction, losing nothing and never duplicating:

* **articles** are matched by content hash (their ids are content hashes too; an article whose
  text was refreshed to a newer web version in one file is matched by id, and the other file's
  claims are found again in its text). An article only in ``source`` is added with its passages,
  marks and web captures; the review then says its alignment is out of date until re-aligned
  (``merge_files`` and the window re-align at once).
* **group edits** (the reviewers' corrections to the alignment) are added when not already
  there, after the target's own, so both reviewers' corrections apply; their passage ids (and
  those of the "Same fact?" answers) are mapped to the target's passages with the same words.
* **"Same fact?" answers** are added when the target has none about the pair; when both files
  answered a pair differently, neither wins by the clock: both are kept (``pair_disputes``),
  the pair is left undecided until a reviewer answers it again, and the report names it.
* **claims** are matched by anchor overlap: a source claim is the same claim as the target
  claim on the same article whose words overlap it most, when the overlap is at least half of
  the two spans together (Jaccard ≥ ``SAME_CLAIM``) — two reviewers who selected "38,000
  vehicles a day" and "38,000 vehicles" checked one claim. Each target claim takes at most one
  claim of a source. A claim only in ``source``, or overlapping less (a reviewer who split a
  sentence into two claims), is added as a claim of its own, with its evidence, decisions and
  history; a partial overlap is listed in the report.
* **decisions** (each reviewer's own verdict and note on a claim) are kept side by side, one per
  reviewer; of two decisions by the same reviewer the later one wins. The claim's status is
  then the settled status, else the verdict every reviewer agrees on, else unreviewed while
  they disagree (see ``claim_edits.standing``); when reviewers wrote different notes the claim's
  note shows each, signed, and each stays in its reviewer's decision.
* **evidence** is added unless the same span with the same relation is there; **history** rows
  are added unless the same row is there (a matched claim's history reads as both reviewers'
  work, in time order); an editor's **settlement** is kept, the later one if both files have one.

Merging the same file twice, or merging the output with one of its inputs again, changes
nothing (``tests/core/test_merge.py``).
"""

from __future__ import annotations

import bisect
import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factdesk.core.anchors import make_anchor, reanchor
from factdesk.core.claim_edits import standing
from factdesk.core.identity import display_name
from factdesk.core.leftovers import clean_beside, new_review_name
from factdesk.core.model import Anchor, Claim, ClaimStatus, Decision, HistoryEntry, Passage
from factdesk.core.progress import Cancelled, CancelToken, Progress, no_progress
from factdesk.core.store import PairAnswer, PairDispute, Review, ReviewFileError, pair_key
from factdesk.core.store.claims import CLAIM_ID_PREFIX

#: Two claims are one when their spans overlap by at least this share of their union.
SAME_CLAIM = 0.5


@dataclass
class MergeReport:
    """What a merge brought in, for the terminal and the window's message."""

    sources: list[str] = field(default_factory=list)
    articles_added: int = 0
    group_edits_added: int = 0
    claims_added: int = 0
    claims_matched: int = 0
    decisions_added: int = 0
    evidence_added: int = 0
    history_added: int = 0
    settlements: int = 0
    answers_added: int = 0  # "Same fact?" answers new to the target (or replacing older ones)
    #: pairs both files answered differently: both answers kept, the pair undecided
    answers_differing: int = 0
    #: each such pair's two sides (the target's, the source's)
    answer_disputes: list[tuple[PairDispute, ...]] = field(default_factory=list)
    #: (new claim id, existing claim id) whose words overlap partly: kept as two claims
    partial_overlaps: list[tuple[str, str]] = field(default_factory=list)
    #: (new claim id, existing claim id) whose words hold or are held by the other's, kept as
    #: two claims because the existing one was matched already (one reviewer made both):
    #: near-duplicates a desk should settle before publishing
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: articles of a source that could not be brought in, with the reason
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any((self.articles_added, self.group_edits_added, self.claims_added,
                    self.decisions_added, self.evidence_added, self.history_added,
                    self.settlements, self.answers_added))

    def describe(self) -> str:
        differ = (f"{self.answers_differing} \"Same fact?\" "
                  f"{'answer differs' if self.answers_differing == 1 else 'answers differ'} "
                  "between the files: both kept, the pair undecided until answered again"
                  ) if self.answers_differing else ""
        if not self.changed:
            return ("nothing new: every claim, decision, note and answer was already in the "
                    "review" + (f" ({differ})" if differ else ""))
        parts = [
            f"{self.claims_matched} claims matched",
            f"{self.claims_added} claims added",
            f"{self.decisions_added} decisions",
            f"{self.evidence_added} evidence",
            f"{self.articles_added} articles added",
        ]
        if self.group_edits_added:
            parts.append(f"{self.group_edits_added} alignment corrections")
        if self.settlements:
            parts.append(f"{self.settlements} settlements")
        if self.answers_added:
            parts.append(f"{self.answers_added} \"Same fact?\" "
                         f"answer{'' if self.answers_added == 1 else 's'}")
        if differ:
            parts.append(differ)
        if self.near_duplicates:
            parts.append("near-duplicate claims kept apart: " + ", ".join(
                f"{new} ≈ {old}" for new, old in self.near_duplicates))
        return " · ".join(parts)


def _contains(a: Anchor, b: Anchor) -> bool:
    """One span holds the other ("magnitude 6.1 earthquake" in "… earthquake today")."""
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def jaccard(a: Anchor, b: Anchor) -> float:
    """How much two spans of one article overlap, as a share of both together."""
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union else 1.0


@contextlib.contextmanager
def opened_copy(path: str | Path) -> Any:
    """A source review opened from a private copy: a reviewer's file is only ever read (never
    migrated, backed up or locked for writing by a merge). Yields the open Review."""
    path = Path(path)
    if not path.is_file():
        raise ReviewFileError(f"{path}: no such review file")
    with tempfile.TemporaryDirectory(prefix="factdesk-merge-") as tmp:
        copy = Path(tmp) / path.name
        sides = [Path(f"{path}{side}") for side in ("-wal", "-shm")]
        had_sides = any(side.exists() for side in sides)
        try:
            with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as src, \
                    contextlib.closing(sqlite3.connect(str(copy))) as dest:
                src.backup(dest)
        except sqlite3.DatabaseError as exc:
            raise ReviewFileError(f"{path}: cannot be read as a review ({exc})") from exc
        finally:
            if not had_sides:
                _tidy_sides(path, sides)
        review = Review.open(copy, backup=False)
        try:
            yield review
        finally:
            review.close()


def _tidy_sides(path: Path, sides: Sequence[Path]) -> None:
    """Remove the empty ``-wal`` / ``-shm`` files our read-only reading made beside an input.

    A read-only SQLite connection to a WAL-mode file creates them and may not delete them
    when it closes (only a connection that may write checkpoints and removes them), so every
    merge left two stray files beside each reviewer's review in the shared folder. Called
    only when neither existed before we read: then they are ours and empty, and a plain
    connection opened and closed removes them the way SQLite itself does — never while
    another program (the window) has the review open, as SQLite keeps them for it. A
    folder we may not write leaves them as they are."""
    if not any(side.exists() for side in sides):
        return
    with contextlib.suppress(sqlite3.Error), \
            contextlib.closing(sqlite3.connect(f"file:{path}?mode=rw", uri=True)) as conn:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def merge_files(
    out: str | Path,
    inputs: Sequence[str | Path],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    any_story: bool = False,
) -> MergeReport:
    """``factdesk merge OUT A B...``: merge the inputs into OUT and re-align if anything came
    in that the alignment reads. OUT may exist (it is merged into, after a backup) or be new (it
    starts as a copy of the first input, built beside OUT as ``.OUT.PID.new`` and renamed into
    place when complete, so a killed merge leaves no OUT or a whole one; the next merge
    removes what a killed one left, and replaces a 0-byte OUT an older factdesk left). Every
    input is read and checked before anything is written: a file that is not a review or does
    not tell the same story (no article in common) raises ReviewFileError with OUT unchanged
    (or not made)."""
    out = Path(out)
    inputs = [Path(p) for p in inputs]
    if not inputs:
        raise ReviewFileError("give at least one review file to merge")
    clean_beside(out)  # what a killed merge (or `new`) of the same OUT left beside it
    created = not out.exists() or _left_empty(out)
    # a new OUT is built beside it and renamed into place when complete (QA3 #11: a merge
    # killed while it copied the first input left a 0-byte OUT that every retry refused)
    target_path = new_review_name(out) if created else out
    try:
        if created:
            with opened_copy(inputs[0]) as first:
                first.backup_to(target_path)
        with Review.open(target_path, backup=not created) as target:
            rest = [p for p in inputs if p != inputs[0]] if created else inputs
            # the target's own answers are the first input's when it starts as its copy
            total = _merge_all(target, rest, progress=progress, cancel=cancel,
                               any_story=any_story,
                               target_label=inputs[0].name if created else out.name)
        if created:
            for side in ("-wal", "-shm", "-journal"):  # never beside the new file
                Path(f"{out}{side}").unlink(missing_ok=True)
            os.replace(target_path, out)
    except BaseException as exc:
        if created and isinstance(exc, MergeIncomplete) and exc.merged:
            raise ReviewFileError(f"{exc.failed}: {exc.reason}; nothing was merged "
                                  f"({out} was not made)") from exc
        raise
    finally:
        if created:
            for leftover in (target_path, *(Path(f"{target_path}{side}")
                                            for side in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
    if created:
        total.sources.insert(0, str(inputs[0]))
    return total


def _left_empty(out: Path) -> bool:
    """An OUT of 0 bytes holds no review: what a merge killed before this one built beside
    its target left (with a ``-journal``). It is replaced as a new OUT would be."""
    try:
        return out.is_file() and out.stat().st_size == 0
    except OSError:
        return False


def merge_paths_into(
    target: Review,
    paths: Sequence[str | Path],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    any_story: bool = False,
) -> MergeReport:
    """Merge review files into an open review (the window's File › Merge reviews), each from
    a private copy in its own transaction, then re-align if articles, alignment corrections or
    answers came in. Every file is checked before any is merged (see ``merge_files``)."""
    return _merge_all(target, [Path(p) for p in paths], progress=progress, cancel=cancel,
                      any_story=any_story)


class MergeIncomplete(ReviewFileError):
    """A merge that failed after some sources went in (each source is one transaction): the
    message names the files merged and kept, the one that failed and those not tried."""

    def __init__(self, message: str, *, merged: Sequence[str], failed: str, reason: str):
        super().__init__(message)
        self.merged, self.failed, self.reason = list(merged), failed, reason


def _merge_all(
    target: Review,
    paths: Sequence[Path],
    *,
    progress: Progress,
    cancel: CancelToken | None,
    any_story: bool,
    target_label: str = "",
) -> MergeReport:
    """Open every source, check them all (readable, the same story), then merge each in its
    own transaction and re-align once."""
    total = MergeReport()
    where = str(target.path or target.location)
    with contextlib.ExitStack() as stack:
        sources: list[tuple[str, Review]] = []
        known = _article_keys(target)
        for path in paths:
            source = stack.enter_context(opened_copy(path))
            theirs = _article_keys(source)
            _check_story(str(path), known, theirs, any_story)
            known |= theirs  # a later file may share an article only with an earlier one
            sources.append((str(path), source))
        if sources and target.read_only:
            raise ReviewFileError(f"{where}: the review file is read-only "
                                  f"({target.read_only_reason}); nothing was merged")
        done: list[str] = []
        for n, (name, source) in enumerate(sources):
            try:
                report = merge_into(target, source, progress=progress, cancel=cancel,
                                    name=name, any_story=True,  # checked above
                                    target_label=target_label)
            except Cancelled:
                raise
            except Exception as exc:
                raise _incomplete(where, done, name, [s for s, _ in sources[n + 1:]],
                                  str(exc)) from exc
            _add(total, report)
            done.append(name)
    if target.analysis_stale:  # new articles, alignment corrections or answers came in
        from factdesk.core.reanalysis import analyse  # the aligner: only when needed

        try:
            analyse(target, progress=progress, cancel=cancel)
        except Cancelled:
            raise
        except Exception as exc:
            raise MergeIncomplete(
                f"{where}: merged {', '.join(done)}, but re-aligning failed ({exc}); "
                f"the merge is kept: run `factdesk realign {where}`",
                merged=done, failed="re-aligning", reason=str(exc)) from exc
    return total


def _incomplete(where: str, done: list[str], failed: str, untried: list[str],
                reason: str) -> MergeIncomplete:
    if done:
        went_in = (f"already merged into {where} and kept: {', '.join(done)}; "
                   f"not merged: {', '.join([failed, *untried])}; the alignment was not "
                   f"re-run (`factdesk realign {where}`)")
    else:
        went_in = "nothing was merged"
    return MergeIncomplete(f"{failed}: the merge failed ({reason}); {went_in}",
                           merged=done, failed=failed, reason=reason)


def _article_keys(review: Review) -> set[tuple[str, str]]:
    return {(a.id, a.sha256) for a in review.articles()}


def _check_story(name: str, mine: set[tuple[str, str]], theirs: set[tuple[str, str]],
                 any_story: bool) -> None:
    """Refuse a source that shares no article (by id or content) with the target."""
    shared = {i for i, _ in mine} & {i for i, _ in theirs} or (
        {s for _, s in mine} & {s for _, s in theirs})
    if mine and theirs and not shared and not any_story:
        raise ReviewFileError(
            f"{name}: shares no article with this review, so it is not a review of the same "
            "story; nothing was merged (merge anyway with --any-story)"
        )


def _add(total: MergeReport, report: MergeReport) -> None:
    total.sources += report.sources
    for name in ("articles_added", "group_edits_added", "claims_added", "claims_matched",
                 "decisions_added", "evidence_added", "history_added", "settlements",
                 "answers_added", "answers_differing"):
        setattr(total, name, getattr(total, name) + getattr(report, name))
    total.partial_overlaps += report.partial_overlaps
    total.near_duplicates += report.near_duplicates
    total.answer_disputes += report.answer_disputes
    total.problems += report.problems


def merge_into(
    target: Review,
    source: Review,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    name: str = "",
    any_story: bool = False,
    target_label: str = "",
) -> MergeReport:
    """Bring everything of ``source`` into ``target`` in one transaction (see the module).
    ``target_label`` names where the target's own "Same fact?" answers came from when two
    disagree (default: the target file's name).

    A source that shares no article with a target that has some is refused (ReviewFileError)
    unless ``any_story``: it is almost surely another story's review picked by mistake.
    """
    report = MergeReport(sources=[name or str(source.path or "")])
    name = name or str(source.path or "the other review")
    _check_story(name, _article_keys(target), _article_keys(source), any_story)
    with target.transaction():
        article_map = _merge_articles(target, source, report)
        passage_map = _passage_map(target, source, article_map)
        _merge_group_edits(target, source, passage_map, report)
        _merge_answers(target, source, passage_map, report,
                       Path(name).name, target_label or Path(str(target.path or "")).name)
        _merge_claims(target, source, article_map, report, progress, cancel)
    return report


# ---------------------------------------------------------------------- articles, group edits
def _merge_articles(target: Review, source: Review, report: MergeReport) -> dict[str, str]:
    """source article id → target article id (same content, or the same article refreshed)."""
    by_sha = {a.sha256: a.id for a in target.articles()}
    target_ids = set(by_sha.values())
    mapping: dict[str, str] = {}
    for article in source.articles():
        if article.sha256 in by_sha:
            mapping[article.id] = by_sha[article.sha256]
        elif article.id in target_ids:  # one web article, refreshed to another version in one
            mapping[article.id] = article.id
        else:
            passages = source.passages(article.id)
            target.add_article(article, passages)
            if source.is_hidden(article.id):
                target.update_article(article.id, hidden=1)
            target.add_capture_rows(source.capture_rows(article.id))
            mapping[article.id] = article.id
            by_sha[article.sha256] = article.id
            target_ids.add(article.id)
            report.articles_added += 1
    return mapping


def _passage_map(target: Review, source: Review, article_map: dict[str, str]) -> dict[str, str]:
    """source passage id → the target passage with the same words in the mapped article (in
    reading order, so a repeated sentence maps to its own copy); a passage whose words the
    target's article does not have (a refreshed version) is left out."""
    mine: dict[str, list[Passage]] = {}
    for p in target.passages():
        mine.setdefault(p.article_id, []).append(p)
    free: dict[str, dict[str, list[str]]] = {}
    mapping: dict[str, str] = {}
    for p in source.passages():
        article_id = article_map.get(p.article_id)
        if article_id is None:
            continue
        if article_id not in free:
            free[article_id] = {}
            for q in mine.get(article_id, ()):
                free[article_id].setdefault(" ".join(q.text.split()), []).append(q.id)
        ids = free[article_id].get(" ".join(p.text.split()))
        if ids:
            mapping[p.id] = ids.pop(0)
    return mapping


def _merge_group_edits(
    target: Review, source: Review, passage_map: dict[str, str], report: MergeReport
) -> None:
    have = {(e.op, e.passages) for e in target.group_edits()}
    for edit in source.group_edits():
        if not all(p in passage_map for p in edit.passages):
            continue  # about words the target's articles do not have
        key = (edit.op, tuple(passage_map[p] for p in edit.passages))
        if key in have:
            continue
        target.add_group_edit(*key)
        have.add(key)
        report.group_edits_added += 1


def _merge_answers(
    target: Review, source: Review, passage_map: dict[str, str], report: MergeReport,
    source_name: str = "", target_name: str = "",
) -> None:
    """The source's "Same fact?" answers, about the target's passages. Two different answers
    about one pair are a disagreement between reviewers, not a race: both are kept as the
    pair's dispute (``pair_disputes``, named by the file each came from) and the pair has no
    answer until a reviewer gives one again — the clock never picks a winner."""
    have = {a.pair: a for a in target.pair_answers()}
    recorded = {(d.pair, d.same, d.created_at) for d in target.pair_disputes()}
    #: pairs left undecided by a dispute: a merged answer is one more side, never the
    #: settlement (only a reviewer answering in the review settles one), so three files
    #: merged give the same result in any order
    disputed = set(target.open_pair_disputes())
    source_name = source_name or "the other review"
    target_name = target_name or "this review"
    put: list[PairAnswer] = []

    def flush() -> None:
        """Store the answers gathered so far (before a dispute is written over one)."""
        if put:
            target.put_pair_answers(list(put))
            put.clear()
    for answer in source.pair_answers():
        a, b = passage_map.get(answer.passage_a), passage_map.get(answer.passage_b)
        if a is None or b is None or a == b:
            continue
        key = pair_key(a, b)
        theirs = replace(answer, passage_a=key[0], passage_b=key[1])
        if (key, theirs.same, theirs.created_at) in recorded:
            continue  # already one side of a disagreement kept here
        if key in disputed:
            flush()
            side = PairDispute(0, *key, theirs.same, theirs.created_at, source_name)
            target.dispute_pair([side])
            recorded.add((key, side.same, side.created_at))
            continue
        mine = have.get(key)
        if mine is None:
            put.append(theirs)
            have[key] = theirs
            report.answers_added += 1
        elif mine.same != theirs.same:
            # two reviewers disagree: neither wins by the clock; both kept, the pair left
            # undecided until someone answers it again (as a claim's verdicts are)
            sides = [PairDispute(0, *key, mine.same, mine.created_at, target_name),
                     PairDispute(0, *key, theirs.same, theirs.created_at, source_name)]
            flush()
            target.dispute_pair(sides)
            del have[key]
            disputed.add(key)
            recorded.update((key, s.same, s.created_at) for s in sides)
            report.answers_differing += 1
            report.answer_disputes.append(tuple(sides))
    flush()


# ---------------------------------------------------------------------- claims
class _TargetIndex:
    """The target's claims per article, sorted by start, to find overlapping ones fast."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.by_article: dict[str, list[Claim]] = {}
        for c in claims:
            self.by_article.setdefault(c.anchor.article_id, []).append(c)
        self.starts: dict[str, list[int]] = {}
        self.longest: dict[str, int] = {}
        for article_id, items in self.by_article.items():
            items.sort(key=lambda c: (c.anchor.start, c.anchor.end, c.id))
            self.starts[article_id] = [c.anchor.start for c in items]
            self.longest[article_id] = max(c.anchor.end - c.anchor.start for c in items)

    def add(self, claim: Claim) -> None:
        article_id = claim.anchor.article_id
        items = self.by_article.setdefault(article_id, [])
        starts = self.starts.setdefault(article_id, [])
        i = bisect.bisect_left(starts, claim.anchor.start)
        items.insert(i, claim)
        starts.insert(i, claim.anchor.start)
        self.longest[article_id] = max(self.longest.get(article_id, 0),
                                       claim.anchor.end - claim.anchor.start)

    def overlapping(self, anchor: Anchor) -> list[Claim]:
        items = self.by_article.get(anchor.article_id, [])
        if not items:
            return []
        starts = self.starts[anchor.article_id]
        lo = bisect.bisect_left(starts, anchor.start - self.longest[anchor.article_id])
        hi = bisect.bisect_right(starts, anchor.end)
        same_point = [c for c in items[lo:hi] if c.anchor.start == c.anchor.end == anchor.start]
        return [c for c in items[lo:hi] if jaccard(c.anchor, anchor) > 0] + same_point


def _merge_claims(
    target: Review,
    source: Review,
    article_map: dict[str, str],
    report: MergeReport,
    progress: Progress,
    cancel: CancelToken | None,
) -> None:
    index = _TargetIndex(target.claims())
    decisions: dict[str, dict[str, Decision]] = {}
    for d in target.decisions():
        decisions.setdefault(d.claim_id, {})[d.reviewer] = d
    history_keys: dict[str, set[tuple[str, str, str, str, str]]] = {}
    for h in target.history():
        history_keys.setdefault(h.claim_id, set()).add(_history_key(h))
    source_decisions: dict[str, list[Decision]] = {}
    for d in source.decisions():
        source_decisions.setdefault(d.claim_id, []).append(d)
    source_history: dict[str, list[HistoryEntry]] = {}
    for h in source.history():
        source_history.setdefault(h.claim_id, []).append(h)
    texts: dict[str, str] = {}
    taken: set[str] = set()  # target claims this source already matched (one each)
    out = _Pending(last_number=target.last_claim_number())

    claims = sorted(source.claims(), key=lambda c: (_number(c.id), c.id))
    # A claim merged before carries its "created" history row into the claim it joined (or
    # became): that claim is its match again, whatever else overlaps it now — so merging the
    # same file twice, or the output with its inputs, changes nothing even where one reviewer
    # made two claims that overlap each other.
    created: dict[tuple[str, str, str], str] = {}
    for claim_id, keys in history_keys.items():
        for at, who, field_, _old, new in keys:
            if field_ == "created":
                created.setdefault((at, who, new), claim_id)
    by_id = {c.id: c for items in index.by_article.values() for c in items}
    earlier: dict[str, Claim] = {}
    for claim in claims:
        first = next((h for h in source_history.get(claim.id, ()) if h.field == "created"), None)
        known = created.get((first.at, first.reviewer, first.new)) if first else None
        if known is not None and known in by_id and known not in taken:
            earlier[claim.id] = by_id[known]
            taken.add(known)
    for i, claim in enumerate(claims):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if i % 250 == 0:
            progress(i, len(claims), f"merging claims from {Path(report.sources[0]).name}")
        claim = _moved(target, claim, article_map, texts)
        if claim.id in earlier:
            mine = earlier[claim.id]
            report.claims_matched += 1
            _merge_claim(target, mine, claim, _decisions_of(claim, source_decisions.get(
                claim.id, [])), source_history.get(claim.id, []),
                decisions.setdefault(mine.id, {}), history_keys.setdefault(mine.id, set()),
                report, out)
            continue
        best, best_overlap, partial, near = None, 0.0, None, None
        for other in index.overlapping(claim.anchor):
            overlap = jaccard(other.anchor, claim.anchor) if other.anchor != claim.anchor else 1.0
            if other.id not in taken and overlap >= SAME_CLAIM \
                    and (overlap, other.id == claim.id) > (best_overlap, False):
                best, best_overlap = other, overlap
            elif overlap > 0:
                # a claim already matched (one reviewer made both) still names the new one's
                # neighbour: words inside the other's, or around them, are a near-duplicate
                if near is None and _contains(other.anchor, claim.anchor):
                    near = other
                elif partial is None:
                    partial = other
        own = _decisions_of(claim, source_decisions.get(claim.id, []))
        if best is None:
            new = _add_claim(target, claim, own, source_history.get(claim.id, []), report, out)
            index.add(new)
            taken.add(new.id)
            decisions[new.id] = {d.reviewer: replace(d, claim_id=new.id) for d in own}
            if near is not None:
                report.near_duplicates.append((new.id, near.id))
            elif partial is not None:
                report.partial_overlaps.append((new.id, partial.id))
            continue
        taken.add(best.id)
        report.claims_matched += 1
        _merge_claim(target, best, claim, own, source_history.get(claim.id, []),
                     decisions.setdefault(best.id, {}), history_keys.setdefault(best.id, set()),
                     report, out)
    target.insert_claims(out.claims)
    target.put_decisions(out.decisions)
    target.add_history_many(out.history)
    progress(len(claims), len(claims), "merged")


@dataclass
class _Pending:
    """Decisions and history rows written in two statements at the end of a merge (thousands
    of single inserts cost most of a big merge's time)."""

    last_number: int = 0  # the last claim number handed out ("k41" → 41)
    claims: list[Claim] = field(default_factory=list)  # new claims, with their evidence
    decisions: list[Decision] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)


def _number(claim_id: str) -> int:
    digits = claim_id[1:]
    return int(digits) if digits.isdigit() else 0


def _moved(target: Review, claim: Claim, article_map: dict[str, str],
           texts: dict[str, str]) -> Claim:
    """The source claim with its anchors in the target's article (ids and, for an article
    refreshed to another version in one file, offsets found again in the target's text)."""

    def move(anchor: Anchor) -> Anchor:
        article_id = article_map.get(anchor.article_id, anchor.article_id)
        if article_id not in texts:
            try:
                texts[article_id] = target.article(article_id).text
            except KeyError:
                texts[article_id] = ""
        text = texts[article_id]
        if text[anchor.start:anchor.end] == anchor.quote or not text:
            return replace(anchor, article_id=article_id)
        span = reanchor(replace(anchor, article_id=article_id), text)
        if span is None:
            return replace(anchor, article_id=article_id)
        return make_anchor(article_id, text, *span)

    evidence = tuple(replace(e, anchor=move(e.anchor)) for e in claim.evidence)
    return replace(claim, anchor=move(claim.anchor), evidence=evidence)


def _decisions_of(claim: Claim, decisions: list[Decision]) -> list[Decision]:
    """A claim's decisions; a claim from a file that recorded none (an older factdesk, or a
    claim tagged without a reviewer name) gets its reviewer's, so its verdict is not lost."""
    if decisions or (claim.status == ClaimStatus.UNREVIEWED and not claim.note):
        return decisions
    return [Decision(claim.id, claim.reviewer or "unknown reviewer", claim.status, claim.note,
                     claim.updated_at)]


def _history_key(h: HistoryEntry) -> tuple[str, str, str, str, str]:
    return (h.at, h.reviewer, h.field, h.old, h.new)


def _add_claim(target: Review, claim: Claim, decisions: list[Decision],
               history: list[HistoryEntry], report: MergeReport, out: _Pending) -> Claim:
    out.last_number += 1
    new_id = f"{CLAIM_ID_PREFIX}{out.last_number}"
    evidence = tuple(replace(e, id=0, claim_id=new_id) for e in claim.evidence)
    new = replace(claim, id=new_id, evidence=evidence)
    out.claims.append(new)
    out.decisions += [replace(d, claim_id=new_id) for d in decisions]
    out.history += [replace(h, claim_id=new_id) for h in history]
    report.claims_added += 1
    report.decisions_added += len(decisions)
    report.evidence_added += len(evidence)
    report.history_added += len(history)
    report.settlements += int(claim.settled)
    return new


def _merge_claim(
    target: Review,
    mine: Claim,
    theirs: Claim,
    their_decisions: list[Decision],
    their_history: list[HistoryEntry],
    decisions: dict[str, Decision],
    history_keys: set[tuple[str, str, str, str, str]],
    report: MergeReport,
    out: _Pending,
) -> None:
    """Bring one matched claim's decisions, evidence, history and settlement into ``mine``."""
    changed = False
    for d in their_decisions:
        have = decisions.get(d.reviewer)
        if have is None or (d.at, d.status, d.note) > (have.at, have.status, have.note):
            decision = replace(d, claim_id=mine.id)
            out.decisions.append(decision)
            decisions[d.reviewer] = decision
            report.decisions_added += 1
            changed = True
    spans = {(e.anchor.article_id, e.anchor.start, e.anchor.end, e.relation)
             for e in mine.evidence}
    for e in theirs.evidence:
        key = (e.anchor.article_id, e.anchor.start, e.anchor.end, e.relation)
        if key not in spans:
            target.insert_evidence(replace(e, id=0, claim_id=mine.id))
            spans.add(key)
            report.evidence_added += 1
    for h in their_history:
        key = _history_key(h)
        if key not in history_keys:
            out.history.append(replace(h, claim_id=mine.id))
            history_keys.add(key)
            report.history_added += 1
    if theirs.anchor != mine.anchor:  # their own selection is kept in the history, signed
        key = (theirs.created_at, theirs.reviewer, "merged", "", theirs.anchor.quote)
        if key not in history_keys:
            out.history.append(HistoryEntry(0, mine.id, theirs.created_at, theirs.reviewer,
                                            "merged", "", theirs.anchor.quote))
            history_keys.add(key)
            report.history_added += 1
    fields: dict[str, Any] = {}
    if theirs.settled and (not mine.settled or theirs.settled_at > mine.settled_at):
        fields.update(status=theirs.status, settled_by=theirs.settled_by,
                      settled_at=theirs.settled_at, settled_why=theirs.settled_why)
        report.settlements += 1
    elif changed:
        status = standing(mine, list(decisions.values()))
        if status != mine.status:
            fields["status"] = status
    note = combined_note(mine.note, list(decisions.values()))
    if note != mine.note:
        fields["note"] = note
    if fields:
        target.update_claim(mine.id, **fields)


def combined_note(current: str, decisions: Sequence[Decision]) -> str:
    """The claim's note after a merge: the one note when reviewers wrote one (or the same),
    else each reviewer's note signed, one paragraph each (every note also stays in its
    reviewer's decision)."""
    notes: dict[str, str] = {}
    for d in sorted(decisions, key=lambda d: d.reviewer):
        text = d.note.strip()
        if text and text not in notes.values():
            notes[d.reviewer] = text
    if len(notes) <= 1:
        return current or next(iter(notes.values()), "")
    return "\n\n".join(f"{display_name(r)}: {n}" for r, n in notes.items())
