"""How far independent reviewers agree: per claim and overall (Cohen's κ, Krippendorff's α).

A desk double-checks a story by having two (or more) reviewers decide the same claims apart
and merging their files (``core/merging.py``). Only real verdicts count: a reviewer's
``unreviewed`` is no decision, so a claim one reviewer has not reached yet is neither agreement
nor disagreement.

For two reviewers the overall figure is Cohen's κ over the claims both decided; for three or
more it is Krippendorff's α (nominal), which also copes with a reviewer who skipped a claim.
α comes from the ``krippendorff`` package. κ is the five-line textbook formula written here,
because the library that has it (scikit-learn) is not a run-time dependency (its import alone
costs ~1.8 s); ``tests/core/test_merge.py`` checks it against scikit-learn's
``cohen_kappa_score``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from factdesk.core.model import ClaimStatus, Decision


@dataclass(frozen=True, slots=True)
class ClaimAgreement:
    """The verdicts on one claim: who decided what, and whether they agree."""

    claim_id: str
    verdicts: tuple[tuple[str, ClaimStatus], ...]  # (reviewer, status), by reviewer

    @property
    def compared(self) -> bool:
        """At least two reviewers decided it."""
        return len(self.verdicts) >= 2

    @property
    def disagreement(self) -> bool:
        return len({s for _, s in self.verdicts}) > 1

    @property
    def share(self) -> float | None:
        """The share of reviewer pairs that agree (1.0 all agree), None with fewer than two."""
        n = len(self.verdicts)
        if n < 2:
            return None
        counts = Counter(s for _, s in self.verdicts)
        return sum(c * (c - 1) for c in counts.values()) / (n * (n - 1))


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement over a review: how many claims two or more reviewers decided, how many of them
    they agree on, and the chance-corrected figure (κ for two reviewers, α for more)."""

    reviewers: tuple[str, ...]
    compared: int  # claims decided by at least two reviewers
    agreed: int
    kappa: float | None  # Cohen's κ, exactly two reviewers
    alpha: float | None  # Krippendorff's α (nominal), two or more

    @property
    def disagreed(self) -> int:
        return self.compared - self.agreed

    @property
    def measure(self) -> tuple[str, float | None]:
        """The figure to show: ("Cohen's κ", value) for two reviewers, else α."""
        if len(self.reviewers) == 2:
            return "Cohen's κ", self.kappa
        return "Krippendorff's α", self.alpha

    def describe(self) -> str:
        name, value = self.measure
        if len(self.reviewers) < 2:
            return "one reviewer: nothing to compare"
        figure = f"{value:.2f}" if value is not None else "not defined (too few varied verdicts)"
        return (f"{len(self.reviewers)} reviewers · {self.compared} claims decided by two or "
                f"more · {self.agreed} agreed, {self.disagreed} disagreed · {name} {figure}")


def verdicts(decisions: Iterable[Decision]) -> dict[str, dict[str, ClaimStatus]]:
    """claim id → reviewer → their verdict, leaving out ``unreviewed`` (no decision)."""
    table: dict[str, dict[str, ClaimStatus]] = {}
    for d in decisions:
        if d.status != ClaimStatus.UNREVIEWED:
            table.setdefault(d.claim_id, {})[d.reviewer] = d.status
    return table


def claim_agreements(decisions: Iterable[Decision]) -> dict[str, ClaimAgreement]:
    return {
        claim_id: ClaimAgreement(claim_id, tuple(sorted(by.items())))
        for claim_id, by in verdicts(decisions).items()
    }


def overall(decisions: Iterable[Decision], claim_ids: Iterable[str] | None = None, *,
            alpha: bool = True) -> Agreement:
    """Agreement over the given claims (all claims with decisions when None); ``alpha``
    False leaves α out (it needs numpy; the window's GUI thread asks for κ alone)."""
    table = verdicts(decisions)
    if claim_ids is not None:
        keep = set(claim_ids)
        table = {k: v for k, v in table.items() if k in keep}
    reviewers = tuple(sorted({r for by in table.values() for r in by}))
    compared = [by for by in table.values() if len(by) >= 2]
    agreed = sum(1 for by in compared if len(set(by.values())) == 1)
    kappa = None
    if len(reviewers) == 2:
        a, b = reviewers
        pairs = [(by[a], by[b]) for by in compared]
        kappa = cohen_kappa([p[0] for p in pairs], [p[1] for p in pairs])
    value = krippendorff_alpha(table, reviewers) if alpha and len(reviewers) >= 2 else None
    return Agreement(reviewers, len(compared), agreed, kappa, value)


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> float | None:
    """Cohen's κ of two raters' labels on the same items; None when it is not defined (no
    items, or chance agreement is total: both gave one and the same label throughout)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[label] * cb[label] for label in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(
    table: dict[str, dict[str, Any]], reviewers: Sequence[str]
) -> float | None:
    """Krippendorff's α (nominal) with the ``krippendorff`` package over unit → reviewer →
    label; a missing verdict is a gap. None when it is not defined (fewer than two pairable
    values, or one value only)."""
    units = [by for by in table.values() if len(by) >= 2]
    labels = sorted({str(s) for by in units for s in by.values()})
    if not units or len(labels) < 2:
        return None
    import krippendorff  # numpy inside: imported only when a merged review is measured
    import numpy as np

    code = {label: i for i, label in enumerate(labels)}
    data = np.full((len(reviewers), len(units)), np.nan)
    for j, by in enumerate(units):
        for i, r in enumerate(reviewers):
            if r in by:
                data[i, j] = code[str(by[r])]
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return None
