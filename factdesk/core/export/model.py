"""The report model: everything a report shows, as plain frozen data, built once per export.

Every renderer (HTML, Markdown, CSV, JSON, ClaimReview, and the PDF in the UI package) reads
only this model, never the review file, so the formats cannot drift apart and each renderer can
be tested on a hand-made :class:`Report` without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factdesk.core.check.factsheet import FactSheet
from factdesk.core.model import ClaimStatus, ConflictKind, DiffKind, EvidenceRelation

#: The order statuses are listed in summaries and filters.
STATUS_ORDER: tuple[ClaimStatus, ...] = (
    ClaimStatus.CONFIRMED,
    ClaimStatus.CONFLICTING,
    ClaimStatus.UNSOURCED,
    ClaimStatus.UNREVIEWED,
)

#: Human labels for statuses, shared by every format (a badge must read without colour).
STATUS_LABELS: dict[ClaimStatus, str] = {
    ClaimStatus.CONFIRMED: "Confirmed",
    ClaimStatus.CONFLICTING: "Conflicting",
    ClaimStatus.UNSOURCED: "Unsourced",
    ClaimStatus.UNREVIEWED: "Unreviewed",
}

RELATION_LABELS: dict[EvidenceRelation, str] = {
    EvidenceRelation.SUPPORTS: "Supports",
    EvidenceRelation.CONTRADICTS: "Contradicts",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the user chose in the export dialog or on the command line.

    ``statuses`` empty means every status. ``url`` is the address the published fact-check will
    have; ``{claim}`` in it is replaced by the claim id (ClaimReview needs a URL per review).
    ``generated`` fixes the report time (ISO 8601) for reproducible output; empty means now.
    """

    statuses: frozenset[ClaimStatus] = frozenset()
    full_text: bool = False
    reviewer: str = ""
    organization: str = ""
    title: str = ""
    url: str = "https://example.org/fact-checks/{claim}"
    generated: str = ""
    #: show each reviewer's own decision and note beside the settled status
    reviewers: bool = False

    def includes(self, status: ClaimStatus) -> bool:
        return not self.statuses or status in self.statuses


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: ClaimStatus
    count: int


@dataclass(frozen=True, slots=True)
class SourceCount:
    """How many of the report's claims were tagged in one article, per status."""

    article_id: str
    outlet: str
    title: str
    claims: int
    by_status: tuple[StatusCount, ...]
    evidence: int = 0  # evidence quotes taken from this article


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    reviewer: str
    organization: str
    generated: str  # ISO 8601 with time zone
    claims: int
    by_status: tuple[StatusCount, ...]
    by_source: tuple[SourceCount, ...]
    statuses_included: tuple[ClaimStatus, ...]  # the filter used (all statuses if none given)
    #: with "each reviewer's decision": who decided claims, and how far they agree
    reviewers: tuple[str, ...] = ()
    agreement: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """One article of the review, identified so a reader can find (and verify) it again."""

    id: str
    outlet: str
    title: str
    author: str
    published: str | None
    path: str
    sha256: str
    text: str | None = None  # the full text, only when the user asked for it
    # A web article: the version in the review now, when it was captured, where it ended up
    version: int | None = None
    captured: str = ""
    final_url: str = ""
    # the outlet as read from the page, typed, or named by the file ("" when none of them
    # names it: ``outlet`` is then a "Source 3" label); None when not known apart from ``outlet``
    publisher: str | None = None
    #: the title, or the whole first sentence when the title is that sentence cut short
    #: (a headline for ClaimReview that never stops mid-sentence)
    headline: str = ""
    #: when the article was taken out of the review ("" while it is in it): a claim quoting
    #: it keeps the outlet and title it was made on
    removed: str = ""

    @property
    def organization(self) -> str:
        """The name to give as a publishing organisation (schema.org): never a made-up label."""
        return self.outlet if self.publisher is None else self.publisher

    @property
    def url(self) -> str:
        """The article's web address when it was imported from one, else ''."""
        lowered = self.path.lower()
        return self.path if lowered.startswith(("https://", "http://")) else ""


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words of an article with a little context on each side, as found in its text."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class DiffPart:
    """One run of a word diff of the claim quote (a) against another quote (b)."""

    kind: DiffKind  # DELETE: only in the claim; INSERT: only in the other quote
    text: str


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    id: int
    relation: EvidenceRelation
    quote: Quote
    diff: tuple[DiffPart, ...]
    reviewer: str = ""
    created: str = ""
    passage_id: str | None = None
    #: when the article it quotes was removed from the review ("" while it is there): every
    #: format marks the quote, as ``factdesk remove`` promises
    removed: str = ""


@dataclass(frozen=True, slots=True)
class ConflictSide:
    passage_id: str
    article_id: str
    outlet: str
    text: str
    words: tuple[str, ...]  # the words that differ from the other side


@dataclass(frozen=True, slots=True)
class ConflictItem:
    id: str
    kind: ConflictKind
    severity: str
    detail: str
    sides: tuple[ConflictSide, ...]  # one per version, two as a rule
    group_id: str | None = None


@dataclass(frozen=True, slots=True)
class GroupMemberItem:
    passage_id: str
    article_id: str
    outlet: str
    text: str


@dataclass(frozen=True, slots=True)
class GroupItem:
    """An aligned group: how each outlet worded the same fact."""

    id: str
    score: float
    members: tuple[GroupMemberItem, ...]


@dataclass(frozen=True, slots=True)
class DecisionItem:
    """One reviewer's own verdict and note on a claim (shown with ``--reviewers``)."""

    reviewer: str
    status: ClaimStatus
    note: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True)
class ClaimItem:
    id: str
    status: ClaimStatus
    quote: Quote
    note: str = ""
    reviewer: str = ""
    created: str = ""
    updated: str = ""
    orphaned: bool = False
    evidence: tuple[EvidenceItem, ...] = ()
    conflicts: tuple[ConflictItem, ...] = ()
    groups: tuple[GroupItem, ...] = ()
    # A claim in a web article: the version of the page its verdict was last set against
    # (the newest version stored before the claim's last change) and that version's capture
    # time; ``edited`` says how its words changed at the source since, if they did.
    checked_version: int | None = None
    checked_captured: str = ""
    edited: str = ""
    # An editor's settlement (who, when, why); ``disagreement``: reviewers gave different
    # verdicts and nobody settled it (its status is then unreviewed); ``decisions``: each
    # reviewer's own verdict, filled only when the report shows reviewers.
    settled_by: str = ""
    settled_at: str = ""
    settled_why: str = ""
    disagreement: bool = False
    decisions: tuple[DecisionItem, ...] = ()
    #: "How the outlets worded it": the members of every group the claim's sentence is in,
    #: merged (a lede in two groups gets one section, not two alike), each passage once, in
    #: the articles' order, without the sentences that share nothing with the claim and the
    #: weaker extra sentences of an outlet (see ``build.wording``)
    wording: tuple[GroupMemberItem, ...] = ()

    @property
    def settled(self) -> str:
        """"Settled by Cleo Marsh on 2026-12-03: why", or ""."""
        if not self.settled_by:
            return ""
        from factdesk.core.identity import display_name

        on = f" on {self.settled_at[:10]}" if self.settled_at else ""
        why = f": {self.settled_why}" if self.settled_why else ""
        return f"Settled by {display_name(self.settled_by)}{on}{why}"

    @property
    def checked(self) -> str:
        """"version 1 of the page, captured 2026-12-03 09:12 UTC", or ""."""
        if self.checked_version is None:
            return ""
        when = self.checked_captured.replace("T", " ")[:16]
        return f"version {self.checked_version} of the page, captured {when} UTC"

    @property
    def supporting(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for e in self.evidence if e.relation is EvidenceRelation.SUPPORTS)

    @property
    def contradicting(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for e in self.evidence if e.relation is EvidenceRelation.CONTRADICTS)


@dataclass(frozen=True, slots=True)
class DependenceItem:
    """An article that is really another source (a reprinted wire story, shared copy)."""

    article_id: str
    outlet: str
    source: str
    reason: str
    shared_chars: int


@dataclass(frozen=True, slots=True)
class Report:
    summary: Summary
    sources: tuple[Source, ...]
    claims: tuple[ClaimItem, ...]
    dependences: tuple[DependenceItem, ...] = ()
    claimreview_url: str = "https://example.org/fact-checks/{claim}"
    generator: str = field(default="factdesk")
    #: the story at a glance: a row per aligned fact, a column per independent source
    facts: FactSheet | None = None

    def source(self, article_id: str) -> Source | None:
        for s in self.sources:
            if s.id == article_id:
                return s
        return None

    def claim_url(self, claim_id: str) -> str:
        return self.claimreview_url.replace("{claim}", claim_id)
