"""Claim suggestions: which passages are confirmed, conflicting or unsourced, and worth checking.

A suggestion is a hint for the reviewer, never a verdict, read off the passage's own words as a
claim on them is (``claimscope``): *confirmed* means at least two independent origins (see
``independence.py``) print its words (and its figures) and no conflict is about them;
*conflicting* means a conflict about its words, or another outlet printing another value of its
figure; *unsourced* means one origin only and no attribution in the sentence.
``checkworthiness`` ranks sentences by cheap surface features with weights fitted once on
ClaimBuster (``benchmarks/checkworthy.py``) and copied here, so the app needs no model file and
no training at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factdesk.core.check.claimscope import ScopeIndex
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Conflict,
    Dependence,
    Passage,
)

#: passages scoring at least this are suggested even when no other outlet reports them
CHECKWORTHY_MIN = 0.5

_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|"
                     r"half|twice|double|triple)\b", re.I)
_MONEY_PCT = re.compile(r"[$€£%]|\b(?:percent|per cent|dollars?|million|billion|trillion)\b",
                        re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_QUOTE = re.compile(r"[“”\"]")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|tells|according to|reported|announced|confirmed|stated|added|"
    r"quoted|cited|spokes(?:man|woman|person)|official|officials|ministry|agency|statement|"
    r"Reuters|AFP|AP|ANI|TASS|Kremlin|White House)\b", re.I)
_FACTUAL = re.compile(
    r"\b(?:is|are|was|were|has|have|had|increased|decreased|rose|fell|cut|raised|voted|passed|"
    r"signed|lost|created|killed|won|spent|paid|cost|grew|doubled|tripled|reduced|more|less|"
    r"fewer|than|most|largest|highest|lowest|first|only|every|never|always|since|percent)\b",
    re.I)
_OPINION = re.compile(
    r"\b(?:think|believe|feel|hope|should|must|great|wonderful|terrible|horrible|love|want|"
    r"going to|let me|thank|thanks|please|maybe|perhaps|probably|wish|ought|agree|disagree|"
    r"good|bad|beautiful|tremendous|incredible|nice|folks|okay|yes|well)\b", re.I)
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'll|me|my|we|we're|we've|us|our|you|your)\b")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")

# Logistic weights fitted by ``benchmarks/checkworthy.py --fit`` on ClaimBuster train
# (7,976 sentences, class_weight=balanced) and rounded; order as in ``_features``, the last
# value is the intercept.
WEIGHTS: tuple[float, ...] = (
    1.51, 2.1, 0.51, -0.94, 1.21, 1.27, 1.32, -2.57, -1.36, -1.6, 1.17, -1.48,
)
FEATURE_NAMES = ("number", "money_or_percent", "year", "quote", "attribution", "names",
                 "factual", "opinion", "personal", "question", "length")


def _features(text: str) -> list[float]:
    """Cheap features in [0, 1]; see FEATURE_NAMES."""
    n_words = len(text.split())
    return [
        float(bool(_NUMBER.search(text))),
        float(bool(_MONEY_PCT.search(text))),
        float(bool(_YEAR.search(text))),
        float(bool(_QUOTE.search(text))),
        float(bool(_ATTRIBUTION.search(text))),
        min(len(_CAPITAL.findall(text)), 3) / 3,
        min(len(_FACTUAL.findall(text)), 3) / 3,
        min(len(_OPINION.findall(text)), 3) / 3,
        min(len(_PERSONAL.findall(text)), 3) / 3,
        float(text.rstrip().endswith("?")),
        min(n_words, 30) / 30,
    ]


def checkworthiness(text: str) -> float:
    """How much ``text`` looks like a checkable factual claim, in [0, 1].

    Numbers, dates, names and factual verbs raise it; opinion words, first/second person and
    questions lower it. Measured on ClaimBuster test in benchmarks/README.md.
    """
    if not text.strip():
        return 0.0
    z = WEIGHTS[-1] + sum(w * x for w, x in zip(WEIGHTS, _features(text), strict=False))
    return 1.0 / (1.0 + math.exp(-z))


def has_attribution(text: str) -> bool:
    """A named or official source in the sentence: "said", "according to", an agency…"""
    return _ATTRIBUTION.search(text) is not None


@dataclass(frozen=True)
class Suggestion:
    passage_id: str
    status: str  # "confirmed" | "conflicting" | "unsourced"
    reason: str
    checkworthy: float


def suggest_claims(passages: Mapping[str, Passage] | Sequence[Passage],
                   groups: Sequence[AlignmentGroup], conflicts: Sequence[Conflict],
                   articles: Mapping[str, Article],
                   dependences: Sequence[Dependence]) -> list[Suggestion]:
    """A suggestion for every aligned or check-worthy passage that earns a status.

    The status is read off the passage's own words exactly as a claim on the whole passage is
    (``claimscope``: the same counterparts **G** would add, the same conflicts), so accepting a
    suggestion (**A**) never makes a claim whose own suggestion says otherwise, and a group
    mate that gives another figure, or none of the passage's figure, never counts as
    confirmation (group membership alone did: #15 part 4). Single-origin passages that *do*
    name their source get no suggestion: the attribution is the claim's sourcing, and the
    reviewer checks it like any quote. Order: article order of ``articles``, then passage
    index.
    """
    plist = list(passages.values()) if isinstance(passages, Mapping) else list(passages)
    pmap = {p.id: p for p in plist}
    touched = {pid for c in conflicts for pid in c.passages}
    grouped = {pid for g in groups for pid in g.passage_ids}
    order = {aid: n for n, aid in enumerate(articles)}
    index = ScopeIndex.make(pmap, groups, conflicts, articles, dependences)
    out: list[Suggestion] = []
    for p in sorted(plist, key=lambda p: (order.get(p.article_id, len(order)), p.article_id,
                                          p.index)):
        score = checkworthiness(p.text)
        if p.id not in grouped and score < CHECKWORTHY_MIN and p.id not in touched:
            continue
        suggestion = _suggest(p, score, index)
        if suggestion is not None:
            out.append(suggestion)
    return out


def _suggest(p: Passage, score: float, index: ScopeIndex) -> Suggestion | None:
    """The passage's suggestion from the scope of a claim on all of its words."""
    scope = index.scope(Anchor(p.article_id, p.start, p.end, p.text), p.id)
    if scope.suggestion is not None:
        status, reasons = scope.suggestion
        if status == "unsourced" and has_attribution(p.text):
            return None  # outlets of one origin, but the sentence names its source
        if status == "conflicting":
            return Suggestion(p.id, status, "Disagrees: " + "; ".join(reasons) + ".", score)
        return Suggestion(p.id, status, " ".join(reasons), score)
    if has_attribution(p.text):
        return None
    reason = "Only one source reports this, and the sentence names no source for it."
    if scope.passed_over:
        figures = ", ".join(dict.fromkeys(q.text for q in index.figures(p)))
        # its group holds other outlets, which do not tell its words: say which and why, so
        # the reviewer sees why the group is not a confirmation
        why: dict[str, list[str]] = {}
        for pid, because in scope.passed_over:
            q = index.passages.get(pid)
            who = index.labels.get(q.article_id, q.article_id) if q is not None else pid
            why.setdefault(because, []).append(who)
        reason = ("Only one source reports these words" + (f" ({figures})" if figures else "")
                  + ", and the sentence names no source for them; the other outlets of its "
                  "group do not tell them ("
                  + "; ".join(f"{', '.join(dict.fromkeys(who))}: {because}"
                              for because, who in why.items()) + ").")
    return Suggestion(p.id, "unsourced", reason, score)
