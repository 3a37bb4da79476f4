"""A small fixed report (and a large synthetic one) for tests, screenshots and benchmarks.

The sample goes through :func:`assemble_report` like a real review does, from three short
fictional articles, so golden files exercise the builder and every renderer together.
"""

from __future__ import annotations

import hashlib
import re

from factdesk.core.export.build import assemble_report
from factdesk.core.export.model import (
    ClaimItem,
    DiffPart,
    EvidenceItem,
    ExportOptions,
    Quote,
    Report,
    Source,
    SourceCount,
    StatusCount,
    Summary,
)
from factdesk.core.model import (
    AlignmentGroup,
    Anchor,
    Article,
    Claim,
    ClaimStatus,
    Conflict,
    ConflictKind,
    DiffKind,
    Evidence,
    EvidenceRelation,
    GroupMember,
    Passage,
)

GENERATED = "2026-03-14T09:30:00+00:00"

_TEXTS = {
    "a1": (
        "Northwire",
        "Lindenport shuts Harbour Bridge after inspectors find crack in main girder",
        "2026-03-12",
        "LINDENPORT, March 11 (Northwire) – The city of Lindenport closed the Harbour Bridge to "
        "all traffic on Wednesday after engineers found a 40-centimetre crack in one of its main "
        "steel girders, Mayor Tomas Reyes said.\n\n"
        "The closure will last at least six weeks while the girder is reinforced, the city's "
        "transport department said in a statement.\n\n"
        "About 38,000 vehicles cross the bridge on an average weekday, according to city figures."
        "\n\nChief engineer Ilse Baumann said the repair would cost an estimated 4.2 million "
        "euros.",
    ),
    "a2": (
        "Valley Courier & Post",
        'Harbour Bridge closed: "We will not reopen a bridge we cannot vouch for"',
        "2026-03-12",
        "The Harbour Bridge was closed on Wednesday after a 40 cm crack was found in a main "
        "girder, Mayor Tomas Reyes said.\n\n"
        "The bridge will stay shut for at least six weeks, according to the transport "
        "department.\n\n"
        "Roughly 38,000 vehicles use the bridge each weekday.",
    ),
    "a3": (
        "Lindenport Gazette",
        "Bridge closure to last a month, city says",
        "2026-03-13",
        "City officials said on Thursday the Harbour Bridge would be closed for four weeks while "
        "a cracked girder is repaired.\n\n"
        "Engineers found the crack, about 40 centimetres long, during a routine inspection on "
        "Monday.\n\n"
        "The repair will cost <5 million euros & will be paid from the city's reserve fund.",
    ),
}


def _article(aid: str) -> Article:
    outlet, title, date, text = _TEXTS[aid]
    return Article(
        id=aid,
        path=f"/home/reviewer/bridge/{aid}_{outlet.split()[0].lower()}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        outlet=outlet,
        published=date,
    )


def _passages(article: Article) -> list[Passage]:
    out = []
    for i, m in enumerate(re.finditer(r"[^\n]+?(?:[.!?](?=\s|$)|$)", article.text, re.M)):
        text = m.group().strip()
        if text:
            start = article.text.index(text, m.start())
            out.append(Passage(f"{article.id}p{i}", article.id, i, start, start + len(text), text))
    return out


def _anchor(articles: dict[str, Article], aid: str, words: str) -> Anchor:
    text = articles[aid].text
    start = text.index(words)
    return Anchor(aid, start, start + len(words), words, text[max(0, start - 32) : start])


def _passage_at(passages: list[Passage], aid: str, words: str) -> str:
    return next(p.id for p in passages if p.article_id == aid and words in p.text)


def sample_report(options: ExportOptions | None = None) -> Report:
    """The fixed sample: four claims (one per status) over three articles."""
    options = options or ExportOptions(
        reviewer="Ada Reviewer", organization="Harbour Fact Desk", generated=GENERATED
    )
    articles = {aid: _article(aid) for aid in _TEXTS}
    passages = [p for a in articles.values() for p in _passages(a)]

    def anchor(aid: str, words: str) -> Anchor:
        return _anchor(articles, aid, words)

    def pid(aid: str, words: str) -> str:
        return _passage_at(passages, aid, words)

    groups = [
        AlignmentGroup(
            "g1",
            (GroupMember(pid("a1", "40-centimetre"), 1.0), GroupMember(pid("a2", "40 cm"), 0.82)),
            0.82,
        ),
        AlignmentGroup(
            "g2",
            (
                GroupMember(pid("a1", "six weeks"), 1.0),
                GroupMember(pid("a2", "six weeks"), 0.77),
                GroupMember(pid("a3", "four weeks"), 0.61),
            ),
            0.61,
        ),
    ]
    conflicts = [
        Conflict(
            "k1",
            ConflictKind.NUMBER,
            "major",
            (pid("a1", "six weeks"), pid("a3", "four weeks")),
            (("six", "weeks"), ("four", "weeks")),
            "duration: at least six weeks vs four weeks",
            "g2",
        )
    ]
    t = "2026-03-13T16:0{}:00+00:00"
    claims = [
        Claim(
            "c1",
            anchor("a1", "engineers found a 40-centimetre crack in one of its main steel girders"),
            ClaimStatus.CONFIRMED,
            note='Courier rounds to "40 cm"; Gazette says "about 40 centimetres". Same figure.',
            reviewer="Ada Reviewer",
            created_at=t.format(1),
            updated_at=t.format(2),
            evidence=(
                Evidence(
                    1,
                    "c1",
                    anchor("a2", "a 40 cm crack was found in a main girder"),
                    EvidenceRelation.SUPPORTS,
                    pid("a2", "40 cm"),
                    "Ada Reviewer",
                    t.format(2),
                ),
                Evidence(
                    2,
                    "c1",
                    anchor("a3", "Engineers found the crack, about 40 centimetres long"),
                    EvidenceRelation.SUPPORTS,
                    reviewer="Ada Reviewer",
                    created_at=t.format(2),
                ),
            ),
        ),
        Claim(
            "c2",
            anchor("a1", "The closure will last at least six weeks"),
            ClaimStatus.CONFLICTING,
            note="The Gazette reports four weeks; asked the transport department (no reply yet).",
            reviewer="Ada Reviewer",
            created_at=t.format(3),
            updated_at=t.format(5),
            evidence=(
                Evidence(
                    3,
                    "c2",
                    anchor("a2", "The bridge will stay shut for at least six weeks"),
                    EvidenceRelation.SUPPORTS,
                    reviewer="Ada Reviewer",
                    created_at=t.format(4),
                ),
                Evidence(
                    4,
                    "c2",
                    anchor("a3", "the Harbour Bridge would be closed for four weeks"),
                    EvidenceRelation.CONTRADICTS,
                    reviewer="Ada Reviewer",
                    created_at=t.format(5),
                ),
            ),
        ),
        Claim(
            "c3",
            anchor("a1", "the repair would cost an estimated 4.2 million euros"),
            ClaimStatus.UNSOURCED,
            note="Only Northwire gives a figure; the Gazette says <5 million & no source.",
            reviewer="Ben Checker",
            created_at=t.format(6),
            updated_at=t.format(7),
        ),
        Claim(
            "c4",
            anchor("a1", "About 38,000 vehicles cross the bridge on an average weekday"),
            ClaimStatus.UNREVIEWED,
            created_at=t.format(8),
        ),
        Claim(
            "c5",
            anchor("a3", "will be paid from the city's reserve fund"),
            ClaimStatus.UNSOURCED,
            note="No other outlet says how the repair is paid for.",
            reviewer="Ben Checker",
            created_at=t.format(9),
            updated_at=t.format(9),
        ),
    ]
    return assemble_report(
        title=options.title or "Harbour Bridge closure (fictional)",
        articles=list(articles.values()),
        passages=passages,
        groups=groups,
        conflicts=conflicts,
        dependences=[],
        claims=claims,
        options=options,
    )


def synthetic_report(n_claims: int, n_sources: int = 12) -> Report:
    """A large report for benchmarks: ``n_claims`` claims, two evidence quotes each."""
    statuses = [
        ClaimStatus.CONFIRMED,
        ClaimStatus.CONFLICTING,
        ClaimStatus.UNSOURCED,
        ClaimStatus.UNREVIEWED,
    ]
    sources = tuple(
        Source(
            f"s{i}",
            f"Outlet {i}",
            f"Story number {i}",
            "",
            "2026-03-12",
            f"/tmp/s{i}.txt",
            f"{i:064x}",
        )
        for i in range(n_sources)
    )
    base = "The council said the repair of the bridge would cost {n} million euros this year."
    other = "Council officials said repairing the bridge will cost {m} million euros in {y}."
    claims = []
    for i in range(n_claims):
        src = sources[i % n_sources]
        text = base.format(n=i % 97)
        ev = []
        for j in (1, 2):
            esrc = sources[(i + j) % n_sources]
            etext = other.format(m=(i + j) % 97, y=2026 + j)
            diff = (
                DiffPart(DiffKind.DELETE, "The council said the"),
                DiffPart(DiffKind.INSERT, "Council officials said"),
                DiffPart(DiffKind.EQUAL, " repair"),
                DiffPart(DiffKind.INSERT, "ing"),
                DiffPart(DiffKind.EQUAL, f" the bridge would cost {i % 97} million euros "),
            )
            relation = EvidenceRelation.SUPPORTS if j == 1 else EvidenceRelation.CONTRADICTS
            ev.append(
                EvidenceItem(i * 2 + j, relation, Quote(esrc.id, esrc.outlet, 10, 80, etext), diff)
            )
        claims.append(
            ClaimItem(
                id=f"c{i}",
                status=statuses[i % 4],
                quote=Quote(
                    src.id,
                    src.outlet,
                    100,
                    100 + len(text),
                    text,
                    "Earlier that day, at City Hall, ",
                    " A vote is due next month.",
                ),
                note="Checked against the council minutes." if i % 3 == 0 else "",
                reviewer="Benchmark",
                updated=GENERATED,
                evidence=tuple(ev),
            )
        )
    counts = tuple(StatusCount(s, sum(1 for c in claims if c.status is s)) for s in statuses)
    summary = Summary(
        title="Synthetic benchmark review",
        reviewer="Benchmark",
        organization="",
        generated=GENERATED,
        claims=len(claims),
        by_status=counts,
        by_source=tuple(
            SourceCount(s.id, s.outlet, s.title, n_claims // n_sources, ()) for s in sources
        ),
        statuses_included=tuple(statuses),
    )
    return Report(summary=summary, sources=sources, claims=tuple(claims))
