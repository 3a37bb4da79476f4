"""Source independence: which articles are copies of one origin and so confirm nothing.

Five outlets repeating one Reuters wire are one source, not five. Two kinds of evidence are used:
long verbatim runs shared by two articles outside quotation marks (wire copy and reprints keep
whole sentences; independent reporters only share the quotes), and what the text says about
itself ("(Reuters)", "AFP contributed reporting", "auto generated from the Reuters news service").
An agency is modelled as a virtual source ``"agency:Reuters"`` so that every article carrying it
is linked to every other one through it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from factdesk.core.check.quotations import quote_spans
from factdesk.core.model import (
    Article,
    Dependence,
    Passage,
    file_label,
    known_outlet,
    outlet_key,
)

#: shortest verbatim run (in words, outside quotations) taken as copied text
MIN_RUN_WORDS = 12

# The evidence a copy needs (QA2 #7). One shared sentence is not a reprint: on all 982 ECB+
# articles, the pairs sharing a single run shorter than a long sentence and under 30% of the
# copy's text shared a quotation printed without its marks, a name ("head of the
# Fundamentalist Church of Jesus Christ of Latter Day Saints"), a press-release line or one
# credited sentence ("…, the Associated Press reported"); two separate runs, a paragraph-long
# run or a large share were whole passages carried over (benchmarks/README.md, "Wire copy
# needs more than one shared sentence").
#: a share of the copy's text that is a copy however it is cut into runs
COPY_SHARE = 0.3
#: separate verbatim runs of ≥ MIN_RUN_WORDS that are copied passages, not a shared sentence
COPY_RUNS = 2
#: one run this long (in words) is a paragraph carried over, longer than a long sentence
COPY_RUN_WORDS = 25

AGENCIES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "ap": "AP",
    "associated press": "AP", "ani": "ANI", "pti": "PTI", "ians": "IANS", "xinhua": "Xinhua",
    "tass": "TASS", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "interfax": "Interfax", "ria novosti": "RIA Novosti",
    "ukrinform": "Ukrinform", "unian": "UNIAN", "bloomberg": "Bloomberg",
}  # fmt: skip
_AG = r"(?P<ag>Reuters|AFP|Agence France-Presse|AP|Associated Press|ANI|PTI|IANS|Xinhua|TASS|dpa|" \
      r"EFE|ANSA|Kyodo|Yonhap|Interfax|RIA Novosti|Ukrinform|UNIAN|Bloomberg)"
# (pattern, reason template). Photo credits ("Name/via REUTERS", "AFP via Getty Images") are
# deliberately absent: a wire photo says nothing about where the words came from.
_SIGNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"auto[- ]generated from the {_AG}(?: news service| feed)?", re.I),
     "reprint: auto-generated from the {ag} service"),
    (re.compile(rf"(?:published|reproduced|sourced) from {_AG}\b", re.I),
     "reprint: published from {ag}"),
    (re.compile(rf"\(\s*{_AG}\s*\)"), "wire copy of {ag} (dateline)"),
    (re.compile(rf"\b{_AG}\s+contributed(?: reporting| to this report)?", re.I),
     "carries {ag}: contributed reporting"),
    (re.compile(rf"\b(?:told|according to|said in a statement to|reported by) {_AG}\b"),
     "carries {ag}: sources quoted to the agency"),
)
# Any agency in a wire dateline, known or not: "LINDENPORT, March 11 (Northwire) –".
_DATELINE = re.compile(
    r"^[A-Z][A-Z/ .'-]+, [A-Z][a-z]{2,8}\.? \d{1,2} \((?P<ag>[A-Z][\w .&'-]{1,30})\) [–—-]",
    re.M,
)
# Reuters' house credit line; another agency's when the dateline names one.
_CREDIT_LINE = re.compile(r"\(Reporting by [^)]*\)", re.I)
_WORD = re.compile(r"[a-z0-9]+")


def agency_source(name: str) -> str:
    return f"agency:{AGENCIES.get(name.lower(), name)}"


def agency_signs(article: Article) -> list[Dependence]:
    """Dependences the text declares itself, one per agency (the first sign found wins)."""
    found: dict[str, Dependence] = {}
    dateline = _DATELINE.search(article.text)
    if dateline:
        ag = dateline.group("ag")
        found[agency_source(ag)] = Dependence(
            article.id, agency_source(ag), f"wire copy of {AGENCIES.get(ag.lower(), ag)} "
            "(dateline)", len(dateline.group())
        )
    credit = _CREDIT_LINE.search(article.text)
    if credit and not dateline:
        found[agency_source("Reuters")] = Dependence(
            article.id, agency_source("Reuters"), "wire copy of Reuters (credit line)",
            len(credit.group()),
        )
    for pattern, reason in _SIGNS:
        for m in pattern.finditer(article.text):
            ag = m.groupdict().get("ag") or "Reuters"
            source = agency_source(ag)
            if source not in found:
                found[source] = Dependence(article.id, source,
                                           reason.format(ag=AGENCIES.get(ag.lower(), ag)),
                                           len(m.group()))
    return list(found.values())


def _unquoted_words(text: str) -> list[tuple[str, int, int]]:
    """Lower-case words with offsets; words inside quotations are replaced by breaks (None-like
    sentinels) because independent reports legitimately share the same quotes verbatim."""
    spans = quote_spans(text)
    out: list[tuple[str, int, int]] = []
    k = 0
    for m in _WORD.finditer(text.lower()):
        while k < len(spans) and spans[k][1] <= m.start():
            k += 1
        inside = k < len(spans) and spans[k][0] <= m.start() < spans[k][1]
        out.append(("\0" if inside else m.group(), m.start(), m.end()))
    return out


def _grams(ws: list[tuple[str, int, int]], n: int) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(start, run of ``n`` words) for every run with no quoted word in it, in text order."""
    toks = [w for w, _, _ in ws]
    # zip over shifted copies builds each run in C: ~4x faster than a slice per position
    for i, gram in enumerate(zip(*(toks[k:] for k in range(n)), strict=False)):  # shorter ends
        if "\0" not in gram:
            yield i, gram


def _shingles(ws: list[tuple[str, int, int]], n: int) -> dict[tuple[str, ...], list[int]]:
    """Every run of ``n`` words with no quoted word in it → the word positions it starts at."""
    index: dict[tuple[str, ...], list[int]] = {}
    for i, gram in _grams(ws, n):
        index.setdefault(gram, []).append(i)
    return index


def _cover(starts: Iterable[int], n: int) -> list[int]:
    """Sorted word positions covered by runs of ``n`` words starting at ``starts``."""
    covered: set[int] = set()
    for i in starts:
        covered.update(range(i, i + n))
    return sorted(covered)


def _chars(ws: list[tuple[str, int, int]], covered: Iterable[int]) -> int:
    return sum(ws[i][2] - ws[i][1] + 1 for i in covered)


def shared_runs(a: Article, b: Article,
                n: int = MIN_RUN_WORDS) -> tuple[int, int, int, int, int]:
    """(chars of a covered by runs of ≥ n words also in b, same for b, longest run in words,
    separate runs in a, separate runs in b)."""
    wa, wb = _unquoted_words(a.text), _unquoted_words(b.text)
    sa, sb = _shingles(wa, n), _shingles(wb, n)
    shared = sa.keys() & sb.keys()
    cover_a = _cover((i for g in shared for i in sa[g]), n)
    cover_b = _cover((j for g in shared for j in sb[g]), n)
    return (_chars(wa, cover_a), _chars(wb, cover_b), _longest_run(cover_a),
            _run_count(cover_a), _run_count(cover_b))


def _run_count(indices: list[int]) -> int:
    """How many separate runs the sorted word positions make."""
    return sum(1 for x, i in enumerate(indices) if x == 0 or indices[x - 1] != i - 1)


def _longest_run(indices: list[int]) -> int:
    best = run = 0
    prev = -2
    for i in indices:
        run = run + 1 if i == prev + 1 else 1
        best = max(best, run)
        prev = i
    return best


def _copy_direction(a: Article, b: Article, chars_a: int, chars_b: int) -> tuple[Article, Article]:
    """(copy, original): the later article copies the earlier; on the same day (or undated),
    a news agency's own article is what the other carries; else the one whose text is more
    covered by the shared runs (the thinner reprint) is the copy."""
    if a.published and b.published and a.published != b.published:
        return (a, b) if a.published > b.published else (b, a)
    own_a, own_b = _agency_own(a), _agency_own(b)
    if own_a != own_b:
        # QA pass 6: AP's story and HuffPost's print of it, undated, shared nearly all their
        # words, and AP's (the more covered) was named "wire copy of" HuffPost's
        return (b, a) if own_a else (a, b)
    share_a = chars_a / max(1, len(a.text))
    share_b = chars_b / max(1, len(b.text))
    return (a, b) if (share_a, b.id) >= (share_b, a.id) else (b, a)


def _agency_own(article: Article) -> bool:
    """Whether the article is a news agency's own ("AP", "Associated Press", "Reuters", "AP
    News"), not an outlet's print of it ("DNA (ANI)", "HuffPost")."""
    name = article.outlet.strip().casefold()
    name = re.sub(r"^the\s+|\s+news$|\.com$", "", name)
    return name in AGENCIES


def _sharing_pairs(
    words: Sequence[list[tuple[str, int, int]]], n: int
) -> dict[tuple[int, int], tuple[set[int], set[int]]]:
    """(i, j) with i < j → (run starts in article i, run starts in article j) of every run of
    ``n`` words the two share.

    One inverted index over all articles' runs, each article's computed once: only articles
    that share a run ever meet, so the work grows with the text plus the shared runs, not with
    the number of article pairs (982 ECB+ articles: 481k pairs, a few dozen of which share
    anything). Exact, and so the same result as comparing every pair.
    """
    # Keyed by the run's hash, each first occurrence packed in one int (article << 32 | word):
    # a 5 MB article has ~800,000 runs, and a tuple of 12 words plus a list per run took
    # ~400 MB. Runs whose hash recurs are then grouped by their words, so a hash collision
    # can never make two articles share a run (exact, as before).
    postings: dict[int, int | list[int]] = {}
    for k, ws in enumerate(words):
        for i, gram in _grams(ws, n):
            h = hash(gram)
            packed = (k << 32) | i
            first = postings.get(h)
            if first is None:
                postings[h] = packed
            elif isinstance(first, int):
                postings[h] = [first, packed]
            else:
                first.append(packed)
    pairs: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    for packed_all in postings.values():
        if isinstance(packed_all, int) or packed_all[0] >> 32 == packed_all[-1] >> 32:
            continue  # in one article only (occurrences are in article order)
        by_run: dict[tuple[str, ...], dict[int, list[int]]] = {}
        for packed in packed_all:
            k, i = packed >> 32, packed & 0xFFFFFFFF
            run = tuple(w for w, _, _ in words[k][i : i + n])
            by_run.setdefault(run, {}).setdefault(k, []).append(i)
        for starts in by_run.values():
            holders = list(starts)
            for x, i in enumerate(holders):
                for j in holders[x + 1 :]:
                    starts_i, starts_j = pairs.setdefault((i, j), (set(), set()))
                    starts_i.update(starts[i])
                    starts_j.update(starts[j])
    return pairs


def find_dependences(articles: Sequence[Article],
                     passages: Mapping[str, Passage] | None = None) -> list[Dependence]:
    """Every article → source dependence found, agencies first, in article order.

    ``passages`` is accepted for interface symmetry; the whole article text is used so that
    boilerplate disclaimers ("auto generated from the Reuters news service") count as evidence.
    Each article's words and shingles are computed once; pairs come from an inverted index.
    """
    n = MIN_RUN_WORDS
    out: list[Dependence] = []
    for art in articles:
        out.extend(agency_signs(art))
    out.extend(same_outlet(articles))
    if len(articles) < 2:  # no pair to compare (a 5 MB article alone: 6 s and 400 MB)
        return out
    words = [_unquoted_words(a.text) for a in articles]
    for (i, j), (starts_a, starts_b) in sorted(_sharing_pairs(words, n).items()):
        a, b = articles[i], articles[j]
        cover_a, cover_b = _cover(starts_a, n), _cover(starts_b, n)
        chars_a, chars_b = _chars(words[i], cover_a), _chars(words[j], cover_b)
        longest = _longest_run(cover_a)
        dep = shared_text_dependence(a, b, chars_a, chars_b, longest,
                                     runs=(_run_count(cover_a), _run_count(cover_b)))
        if dep is not None:
            out.append(dep)
    return out


def same_outlet(articles: Sequence[Article]) -> list[Dependence]:
    """Articles of one outlet are one source: each later one depends on the first (QA pass 4
    item 5: "latimes_jun26.txt" and a page of the Los Angeles Times were "2 independent
    sources"). The outlet is the one the article names (its page, a source or date line, the
    reviewer), else its file name; file names alone count only when they name a known outlet
    ("latimes", "cnn"), so "article_1.txt" and "article_2.txt" stay two sources."""
    first: dict[str, Article] = {}
    out: list[Dependence] = []
    for art in articles:
        named = " ".join(art.outlet.split())
        name = named or file_label(art.path)
        key = outlet_key(name)
        if not key or not (named or known_outlet(name)):
            continue
        if key in first:
            # the id, as "reprint of ‹id›" has it: reports and panes put the outlet's name
            out.append(Dependence(art.id, first[key].id, f"same outlet as {first[key].id}", 0))
        else:
            first[key] = art
    return out


def shared_text_dependence(a: Article, b: Article, chars_a: int, chars_b: int,
                           longest: int, *, runs: tuple[int, int]) -> Dependence | None:
    """The dependence two articles sharing verbatim runs make: which one copied (by
    ``_copy_direction``), how much of the copy is shared, and the reason shown to the reviewer;
    None when what they share is not evidence of a copy (:func:`is_copy_evidence`). ``runs``
    is the number of separate shared runs in ``a`` and in ``b``. One place, so the indexed
    search and the every-pair reference describe a pair alike."""
    copy, original = _copy_direction(a, b, chars_a, chars_b)
    shared = chars_a if copy is a else chars_b
    share = shared / max(1, len(copy.text))
    count = runs[0] if copy is a else runs[1]
    if not is_copy_evidence(share, count, longest):
        return None
    kind = "reprint of" if share >= 0.6 else "wire copy of"
    several = f", {count} verbatim runs" if count > 1 else ""
    return Dependence(copy.id, original.id,
                      f"{kind} {original.id}: {longest}-word verbatim run{several}, "
                      f"{share:.0%} of the text shared", shared)


def is_copy_evidence(share: float, runs: int, longest: int) -> bool:
    """Whether shared verbatim text makes one article a copy of the other: a large share of
    the copy's text, several separate runs, or one paragraph-long run. A single shared
    sentence (a quotation printed without its marks, a credited agency sentence) is not."""
    return share >= COPY_SHARE or runs >= COPY_RUNS or longest >= COPY_RUN_WORDS


def copies(dependences: Sequence[Dependence]) -> list[Dependence]:
    """The dependences that make one article a reprint or wire copy of another (shared text,
    a wire dateline or credit line, "auto-generated from", "published from"), without those
    that only say an article *carries* an agency's reporting ("AFP contributed reporting",
    "told Xinhua"): two outlets that each quote Xinhua count as one origin, but neither
    reprints the other, so the story-at-a-glance keeps them in columns of their own."""
    return [d for d in dependences if not d.reason.startswith("carries ")]


def _find(parent: dict[str, str], x: str) -> str:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def origins(article_ids: Iterable[str], dependences: Sequence[Dependence]) -> dict[str, str]:
    """Each article id → a representative of its origin (connected component of dependences)."""
    roots = _roots(dependences)
    return {a: roots.get(a, a) for a in article_ids}


# The last dependences seen and their components: suggestions and the JSON contract ask once
# per aligned group with the same list, and rebuilding the components every time made the
# count quadratic (4,250 groups × every dependence on 300 articles: 3.1 s of 17 s).
_last_roots: tuple[tuple[Dependence, ...], dict[str, str]] = ((), {})


def _roots(dependences: Sequence[Dependence]) -> dict[str, str]:
    """Every id named by a dependence → its component's representative (the smallest id)."""
    global _last_roots
    key = tuple(dependences)
    cached_key, cached = _last_roots
    if key == cached_key:  # element identity is compared first: a pointer walk in C
        return cached
    parent: dict[str, str] = {}
    for d in dependences:
        ra, rb = _find(parent, d.article), _find(parent, d.source)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = {x: _find(parent, x) for x in list(parent)}
    _last_roots = (key, roots)
    return roots


def independent_sources(article_ids: Iterable[str], dependences: Sequence[Dependence],
                        articles: Mapping[str, Article]) -> int:
    """How many distinct independent origins the given articles come from.

    Articles linked by any chain of dependences (a reprint of each other, or both carrying the
    same agency) count once. Ids not in ``articles`` are ignored, so a stale id cannot inflate
    the count.
    """
    ids = [a for a in dict.fromkeys(article_ids) if a in articles]
    return len(set(origins(ids, dependences).values()))
