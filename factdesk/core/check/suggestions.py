"""Claim suggestions: which passages are confirmed, conflicting or unsourced, and worth checking.

A suggestion is a hint for the reviewer, never a verdict. The stored ones
(:func:`suggest_claims`, made at pipeline time for every passage) are *group-level*:
*confirmed* means the passage's alignment group holds at least two independent origins (see
``independence.py``) and no conflict touches it — not that they print the passage's words;
*conflicting* means a detected conflict involves it; *unsourced* means one origin only and no
attribution in the sentence. What the window shows for a passage and what **A** saves is
:func:`check_passage`: the claim-level check of the passage's own words (``claimscope``),
computed on demand for that one passage. ``checkworthiness`` ranks sentences by cheap surface
features with weights fitted once on ClaimBuster (``benchmarks/checkworthy.py``) and copied
here, so the app needs no model file and no training at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from factdesk.core.check.claimscope import ScopeIndex, names_by_origin, outlet_name
from factdesk.core.check.independence import independent_sources
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Conflict,
    Dependence,
    Passage,
    primary_groups,
    source_labels,
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


def _names(ids: Iterable[str], articles: Mapping[str, Article],
           labels: Mapping[str, str] | None = None) -> str:
    return ", ".join(dict.fromkeys(outlet_name(articles, a, labels) for a in ids))


def suggest_claims(passages: Mapping[str, Passage] | Sequence[Passage],
                   groups: Sequence[AlignmentGroup], conflicts: Sequence[Conflict],
                   articles: Mapping[str, Article],
                   dependences: Sequence[Dependence]) -> list[Suggestion]:
    """A suggestion for every aligned or check-worthy passage that earns a status.

    Single-origin passages that *do* name their source get no suggestion: the attribution is
    the claim's sourcing, and the reviewer checks it like any quote. Order: article order of
    ``articles``, then passage index.
    """
    plist = list(passages.values()) if isinstance(passages, Mapping) else list(passages)
    by_passage: dict[str, list[Conflict]] = {}
    for c in conflicts:
        for pid in c.passages:
            by_passage.setdefault(pid, []).append(c)
    group_of = primary_groups(groups)
    pmap = {p.id: p for p in plist}
    order = {aid: n for n, aid in enumerate(articles)}
    labels = source_labels(list(articles.values()))
    out: list[Suggestion] = []
    for p in sorted(plist, key=lambda p: (order.get(p.article_id, len(order)), p.article_id,
                                          p.index)):
        score = checkworthiness(p.text)
        group = group_of.get(p.id)
        if group is None and score < CHECKWORTHY_MIN and p.id not in by_passage:
            continue
        suggestion = _suggest(p, score, group, by_passage.get(p.id, []), pmap, articles,
                              dependences, labels)
        if suggestion is not None:
            out.append(suggestion)
    return out


def _suggest(p: Passage, score: float, group: AlignmentGroup | None, touching: list[Conflict],
             pmap: Mapping[str, Passage], articles: Mapping[str, Article],
             dependences: Sequence[Dependence],
             labels: Mapping[str, str] | None = None) -> Suggestion | None:
    if touching:
        c = touching[0]
        mine = c.side_of(p.id)
        other = next((pid for i, side in enumerate(c.side_ids) if i != mine for pid in side),
                     p.id)
        who = outlet_name(articles, pmap[other].article_id if other in pmap else other, labels)
        more = f" (and {len(touching) - 1} more)" if len(touching) > 1 else ""
        return Suggestion(p.id, "conflicting", f"Disagrees with {who} on {c.detail}{more}.",
                          score)
    ids = [p.article_id]
    if group is not None:
        ids += [pmap[m].article_id for m in group.passage_ids if m in pmap]
    ids = list(dict.fromkeys(ids))
    n = independent_sources(ids, dependences, articles)
    if n >= 2:
        # one entry per origin, so the count equals the entries listed (QA pass 2 item 4)
        # a group-level hint: the group's outlets may not print this passage's words (QA
        # pass 4, item 1); the window and A use ``check_passage`` on its own words
        return Suggestion(p.id, "confirmed", f"In a group with {n} independent sources "
                          f"({names_by_origin(ids, dependences, articles, labels)}) and no "
                          "conflict found; not checked on this passage's own words.", score)
    if has_attribution(p.text):
        return None
    if len(ids) > 1:
        reason = (f"In a group with {len(ids)} outlets ({_names(ids, articles, labels)}) "
                  "that share one origin, and the sentence names no source.")
    else:
        reason = ("In no group with another source, and the sentence names no source for "
                  "it.")
    return Suggestion(p.id, "unsourced", reason, score)


# ---------------------------------------------------------------------------------------------
# The passage in front of the reviewer, checked on its own words (QA pass 4, item 1)


@dataclass(frozen=True, slots=True)
class PassageCheck:
    """What the window suggests for one passage and what **A** saves: the claim-level check
    (``claimscope``) of the passage's whole words, never its group's membership."""

    passage_id: str
    suggestion: tuple[str, tuple[str, ...]] | None  # (status, reasons); None: nothing to say
    #: with no suggestion: why, in words the reviewer can act on
    why: str = ""

    @property
    def note(self) -> str:
        """The reasons as one note (what **A** writes into the claim)."""
        return " ".join(self.suggestion[1]) if self.suggestion else ""


def check_passage(index: ScopeIndex, passage: Passage) -> PassageCheck:
    """The passage scoped as a claim on its whole text, computed on demand for this one
    passage (~1 ms; scoping all 16,000 passages of 982 articles at pipeline time cost 15 s,
    see benchmarks/README.md), so what the window shows for a passage, what **A** stamps and
    what ``claims --json`` then gives the claim are one check."""
    anchor = Anchor(passage.article_id, passage.start, passage.end, passage.text)
    scope = index.scope(anchor, passage.id)
    if scope.suggestion is not None:
        return PassageCheck(passage.id, scope.suggestion)
    head = "Nothing suggested on this passage's own words"
    if scope.passed_over:
        why: dict[str, list[str]] = {}
        for pid, reason in scope.passed_over:
            p = index.passages.get(pid)
            who = outlet_name(index.articles, p.article_id, index.labels) if p else pid
            why.setdefault(reason, []).append(who)
        parts = "; ".join(f"{', '.join(dict.fromkeys(who))}: {reason}"
                          for reason, who in why.items())
        n = len(scope.passed_over)
        many = f"{n} passages of other articles share" if n > 1 else \
            "1 passage of another article shares"
        return PassageCheck(passage.id, None, f"{head}: {many} its group but none tells them "
                            f"({parts}). Select the words to check and press C.")
    return PassageCheck(passage.id, None, f"{head}: no other article prints them. Select the "
                        "words to check and press C.")
