"""The claims the window shows, held without Qt: every claim by id, the machine suggestions by
passage, and the questions the panes, the claims table and the keys ask of them.

Loaded in one go on the database worker (with the snapshot); after each committed edit the window
re-reads just the claim it touched (:meth:`ClaimBook.put` / :meth:`ClaimBook.drop`), so what is
shown is what is in the file.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factdesk.core.model import Claim, ClaimStatus, Decision, EvidenceRelation, Passage

if TYPE_CHECKING:  # the store (sqlite-utils) loads in the worker, not at start
    from factdesk.core.store import Review
    from factdesk.core.store.claims import StoredSuggestion

#: the glyph each status has in the margin, the table and on the buttons: shape, not colour only
GLYPH = {
    ClaimStatus.CONFIRMED: "✓",
    ClaimStatus.CONFLICTING: "✗",
    ClaimStatus.UNSOURCED: "?",
    ClaimStatus.UNREVIEWED: "○",
}
#: the key that sets each status (0 and Backspace go back to unreviewed)
STATUS_KEY = {
    ClaimStatus.CONFIRMED: "1",
    ClaimStatus.CONFLICTING: "2",
    ClaimStatus.UNSOURCED: "3",
    ClaimStatus.UNREVIEWED: "0",
}
STATUS_ORDER = (ClaimStatus.CONFIRMED, ClaimStatus.CONFLICTING, ClaimStatus.UNSOURCED,
                ClaimStatus.UNREVIEWED)


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """What a pane paints for one claim: its exact span and status."""

    claim_id: str
    start: int
    end: int
    status: ClaimStatus


@dataclass(slots=True)
class ClaimBook:
    claims: dict[str, Claim] = field(default_factory=dict)
    suggestions: dict[str, StoredSuggestion] = field(default_factory=dict)
    article_order: dict[str, int] = field(default_factory=dict)  # article id -> position
    #: each reviewer's own decision per claim id (a claim checked by two has two)
    decisions: dict[str, list[Decision]] = field(default_factory=dict)
    #: Krippendorff's α over three or more reviewers, computed when the book is loaded (on the
    #: worker: it needs numpy); κ for two is recomputed after every edit
    alpha: float | None = None
    _by_article: dict[str, list[Claim]] | None = None
    #: reading order and the double-checked count, kept until a claim or decision changes
    #: (computed on the worker when the book is loaded: with 10,000 claims they were ~15 ms
    #: of the GUI thread's opening step)
    _ordered: list[str] | None = None
    _double: int | None = None
    _counts: dict[ClaimStatus, int] | None = None
    #: U's road (see review_queue) and the visible articles it was made for
    _queue: tuple[tuple[tuple[str, int], ...], list[tuple[int, int, int, str]]] | None = None
    #: who edited or decided, and each claim's version, kept until a claim or decision
    #: changes (worked out on the worker: with 10,000 claims ~4 ms of the opening step)
    _reviewers: list[str] | None = None
    _versions: dict[str, str] | None = None

    # ------------------------------------------------------------------ changes
    def put(self, claim: Claim) -> None:
        self.claims[claim.id] = claim
        self._by_article = self._ordered = self._double = self._counts = self._queue = None
        self._reviewers = self._versions = None

    def drop(self, claim_id: str) -> None:
        self.claims.pop(claim_id, None)
        self._by_article = self._ordered = self._double = self._counts = self._queue = None
        self._reviewers = self._versions = None

    def put_decisions(self, claim_id: str, decisions: list[Decision]) -> None:
        self._double = self._reviewers = None
        if decisions:
            self.decisions[claim_id] = decisions
        else:
            self.decisions.pop(claim_id, None)

    # ------------------------------------------------------------------ reviewers
    def verdicts(self, claim_id: str) -> list[Decision]:
        """The reviewers' real verdicts on a claim (``unreviewed`` is no verdict)."""
        return [d for d in self.decisions.get(claim_id, ())
                if d.status is not ClaimStatus.UNREVIEWED]

    def disagreement(self, claim_id: str) -> bool:
        """Reviewers gave the claim different verdicts and no editor settled it."""
        claim = self.claims.get(claim_id)
        return (claim is not None and not claim.settled
                and len({d.status for d in self.verdicts(claim_id)}) > 1)

    def double_checked(self) -> int:
        """How many claims two or more reviewers decided (the Disagreements filter shows then)."""
        if self._double is None:
            self._double = sum(1 for cid in self.decisions if len(self.verdicts(cid)) > 1)
        return self._double

    def agreement(self) -> str:
        """"κ 0.63" (two reviewers) or "α 0.58" (more), over the claims two or more decided."""
        from factdesk.core.agreement import overall

        total = overall([d for cid, ds in self.decisions.items() if cid in self.claims
                         for d in ds], alpha=False)
        if len(total.reviewers) < 2 or not total.compared:
            return ""
        if len(total.reviewers) == 2:
            return f"κ {total.kappa:.2f}" if total.kappa is not None else ""
        return f"α {self.alpha:.2f}" if self.alpha is not None else ""

    def disagreements(self) -> int:
        return sum(1 for cid in self.decisions if self.disagreement(cid))

    def own_decision(self, claim_id: str, reviewer: str) -> ClaimStatus | None:
        """The reviewer's own recorded verdict, None when they have not decided it."""
        own = next((d for d in self.decisions.get(claim_id, ()) if d.reviewer == reviewer), None)
        return own.status if own is not None else None

    def own_status(self, claim: Claim, reviewer: str) -> ClaimStatus:
        """The reviewer's own verdict on a claim, as ``claim_edits.set_status`` reads it."""
        decisions = self.decisions.get(claim.id, [])
        own = next((d for d in decisions if d.reviewer == reviewer), None)
        if own is not None:
            return own.status
        return ClaimStatus.UNREVIEWED if decisions else claim.status

    # ------------------------------------------------------------------ questions
    def sort_key(self, claim: Claim) -> tuple[int, str, int, int]:
        """Reading order: the article's place, then the offset, then creation (k1 < k2)."""
        digits = claim.id[1:]
        return (self.article_order.get(claim.anchor.article_id, 10**9), claim.anchor.article_id,
                claim.anchor.start, int(digits) if digits.isdigit() else 0)

    def ordered_ids(self) -> list[str]:
        if self._ordered is None:
            self._ordered = [c.id for c in sorted(self.claims.values(), key=self.sort_key)]
        return list(self._ordered)

    def insert_position(self, ids: list[str], claim: Claim) -> int:
        """Where a new claim goes in a list of ids kept in reading order."""
        keys = [self.sort_key(self.claims[i]) for i in ids if i in self.claims]
        return bisect_left(keys, self.sort_key(claim))

    def in_article(self, article_id: str) -> list[Claim]:
        if self._by_article is None:
            grouped: dict[str, list[Claim]] = {}
            for c in self.claims.values():
                grouped.setdefault(c.anchor.article_id, []).append(c)
            for items in grouped.values():
                items.sort(key=lambda c: (c.anchor.start, c.anchor.end))
            self._by_article = grouped
        return self._by_article.get(article_id, [])

    def marks(self, article_id: str) -> list[ClaimMark]:
        """The claims to paint in one article; orphans have no place in the text to paint."""
        return [ClaimMark(c.id, c.anchor.start, c.anchor.end, c.status)
                for c in self.in_article(article_id) if not c.orphaned]

    def claim_at(self, article_id: str, offset: int) -> Claim | None:
        """The innermost (shortest) claim covering ``offset``, if any."""
        found = [c for c in self.in_article(article_id)
                 if not c.orphaned and c.anchor.start <= offset < c.anchor.end]
        return min(found, key=lambda c: c.anchor.end - c.anchor.start) if found else None

    def claim_on_passage(self, passage_id: str) -> Claim | None:
        return next((c for c in self.claims.values() if c.passage_id == passage_id), None)

    def counts(self) -> dict[ClaimStatus, int]:
        if self._counts is None:
            counts = dict.fromkeys(STATUS_ORDER, 0)
            for c in self.claims.values():
                counts[c.status] += 1
            self._counts = counts
        return dict(self._counts)

    def reviewed(self) -> int:
        """Claims with a verdict (the status bar's count, asked at every opening)."""
        return len(self.claims) - self.counts().get(ClaimStatus.UNREVIEWED, 0)

    def reviewers(self) -> list[str]:
        """Everyone who edited or decided a claim (for the reviewer filter)."""
        if self._reviewers is None:
            self._reviewers = sorted(
                {c.reviewer for c in self.claims.values() if c.reviewer}
                | {d.reviewer for ds in self.decisions.values() for d in ds})
        return list(self._reviewers)

    def versions(self) -> Mapping[str, str]:
        """Each claim's version (``updated_at``): what the window shows, which the file watch
        compares with the file (read-only: the book keeps it)."""
        if self._versions is None:
            self._versions = {cid: c.updated_at for cid, c in self.claims.items()}
        return self._versions

    def review_queue(self, order: dict[str, int], passages: Mapping[str, Passage]
                     ) -> list[tuple[int, int, int, str]]:
        """What U walks: unreviewed claims (kind 0, by claim id) and open suggestions (kind 1,
        by passage id) in the visible articles, as (article's place, offset, kind, id) in
        reading order; kept until a claim changes or the visible articles do (every press
        collected and sorted them all: ~10 ms with 10,000 claims)."""
        key = tuple(order.items())
        if self._queue is None or self._queue[0] != key:
            items: list[tuple[int, int, int, str]] = []
            for c in self.claims.values():
                if c.status is ClaimStatus.UNREVIEWED and not c.orphaned \
                        and c.anchor.article_id in order:
                    items.append((order[c.anchor.article_id], c.anchor.start, 0, c.id))
            for pid in self.open_suggestions():
                p = passages.get(pid)
                if p is not None and p.article_id in order:
                    items.append((order[p.article_id], p.start, 1, pid))
            items.sort()
            self._queue = (key, items)
        return self._queue[1]

    def open_suggestions(self) -> dict[str, StoredSuggestion]:
        """Suggestions on passages that no claim was made from yet."""
        taken = {c.passage_id for c in self.claims.values() if c.passage_id}
        return {pid: s for pid, s in self.suggestions.items() if pid not in taken}


def load_claims(review: Review, article_order: dict[str, int]) -> ClaimBook:
    """Read every claim (with its evidence) and every suggestion; runs on the database worker."""
    book = ClaimBook(article_order=article_order)
    book.claims = {c.id: c for c in review.claims()}
    book.suggestions = {s.passage_id: s for s in review.suggestions()}
    for d in review.decisions():
        if d.claim_id in book.claims:
            book.decisions.setdefault(d.claim_id, []).append(d)
    if len({d.reviewer for ds in book.decisions.values() for d in ds}) > 2:
        from factdesk.core.agreement import overall

        book.alpha = overall([d for ds in book.decisions.values() for d in ds]).alpha
    # what the window asks for first, worked out here rather than on the GUI thread
    book.ordered_ids()
    book.in_article("")
    book.double_checked()
    book.counts()
    return book


def relation_for(conflicting: bool) -> EvidenceRelation:
    return EvidenceRelation.CONTRADICTS if conflicting else EvidenceRelation.SUPPORTS
