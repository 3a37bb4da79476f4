"""Source independence: wire copy, agency signs, counting independent origins."""

from __future__ import annotations

import importlib.util
import random
from dataclasses import replace
from pathlib import Path

import pytest

from factdesk.core.check.independence import (
    MIN_RUN_WORDS,
    agency_signs,
    find_dependences,
    independent_sources,
    shared_runs,
    shared_text_dependence,
)
from factdesk.core.model import Article, Dependence

SEEDS = Path(__file__).resolve().parents[2].parent / "shared/corpus/seeds"
BENCH = Path(__file__).resolve().parents[2] / "benchmarks/conflicts_seed.py"

WIRE = ("The harbour authority closed the northern port on Monday after a tanker ran aground "
        "near the breakwater, spilling an unknown amount of fuel into the bay. Divers from the "
        "coast guard inspected the hull for most of the afternoon and said the leak had slowed "
        "by evening, while fishing boats were told to stay in the southern basin until further "
        "notice.")


def _art(aid: str, text: str, published: str = "2025-05-05") -> Article:
    return Article(aid, f"{aid}.txt", text, aid, published=published)


@pytest.fixture
def three() -> dict[str, Article]:
    return {
        "wire": _art("wire", f"PORTVILLE, May 5 (Reuters) - {WIRE}"),
        "reprint": _art("reprint", f"Port closed after spill\n\n{WIRE}\n\nShare this story.",
                        "2025-05-06"),
        "own": _art("own", "Our reporter at the harbour saw tugboats pull the grounded tanker "
                    "free on Monday evening; the harbour master told us the port stays shut."),
    }


def test_reprint_of_a_wire_story_depends_on_it_and_the_wire_on_its_agency(three) -> None:
    deps = find_dependences(list(three.values()))
    pairs = {(d.article, d.source) for d in deps}
    assert ("wire", "agency:Reuters") in pairs
    assert ("reprint", "wire") in pairs
    assert not any(d.article == "own" or d.source == "own" for d in deps)
    copied = next(d for d in deps if d.article == "reprint")
    assert copied.shared_chars > 200 and copied.reason.startswith("reprint of")


def test_wire_and_reprint_count_once_against_an_independent_report(three) -> None:
    deps = find_dependences(list(three.values()))
    assert independent_sources(["wire", "reprint", "own"], deps, three) == 2
    assert independent_sources(["wire", "reprint"], deps, three) == 1
    assert independent_sources(["wire", "own"], deps, three) == 2


def test_two_outlets_carrying_one_agency_are_dependent() -> None:
    arts = {"a": _art("a", "Officials spoke. AFP contributed reporting."),
            "b": _art("b", "Two officials told AFP the talks were over.")}
    deps = find_dependences(list(arts.values()))
    assert {d.source for d in deps} == {"agency:AFP"}
    assert independent_sources(["a", "b"], deps, arts) == 1


def test_shared_quotes_and_photo_credits_do_not_make_outlets_dependent() -> None:
    quote = ("“We will keep the port closed until every litre of fuel has been pumped out of "
             "the damaged tanker and the divers are satisfied,” the harbour master said.")
    arts = [_art("a", f"{quote} Photo: John Smith/via REUTERS"),
            _art("b", f"Speaking at noon, he repeated: {quote}")]
    assert find_dependences(arts) == []


def test_seed_reuters_reprint_is_recognised() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed corpus is not beside this checkout")
    spec = importlib.util.spec_from_file_location("conflicts_seed_dep", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    read_article = module.pipeline()[0]
    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    by_file = {Path(a.path).name[:3]: a.id for a in articles}
    deps = {(d.article, d.source) for d in find_dependences(articles)}
    assert (by_file["004"], "agency:Reuters") in deps
    assert (by_file["001"], "agency:AFP") in deps
    assert (by_file["000"], "agency:Reuters") not in deps  # only a "via REUTERS" photo credit
    by_id = {a.id: a for a in articles}
    assert independent_sources(by_id, find_dependences(articles), by_id) == 5


def test_a_dateline_names_the_wire_even_when_the_agency_is_unknown() -> None:
    from factdesk.core.check.independence import agency_signs
    from factdesk.core.model import Article

    text = (
        "PORTVALE, June 2 (Coastwire) – The harbour closed on Monday, officials said.\n\n"
        "(Reporting by Ann Lee; Editing by Bo Kim)\n"
    )
    signs = agency_signs(Article("x1", "x.txt", text, "0" * 64))
    assert [d.source for d in signs] == ["agency:Coastwire"]
    plain = Article("x2", "y.txt", "The harbour closed.\n\n(Reporting by Ann Lee)\n", "1" * 64)
    assert [d.source for d in agency_signs(plain)] == ["agency:Reuters"]


def _every_pair(articles: list[Article]) -> list[Dependence]:
    """The result as defined: every pair of articles compared on its own (``shared_runs``)."""
    out = [d for art in articles for d in agency_signs(art)]
    for x, a in enumerate(articles):
        for b in articles[x + 1 :]:
            chars_a, chars_b, longest, runs_a, runs_b = shared_runs(a, b)
            if longest < MIN_RUN_WORDS:
                continue
            dep = shared_text_dependence(a, b, chars_a, chars_b, longest, runs=(runs_a, runs_b))
            if dep is not None:
                out.append(dep)
    return out


def _spliced_corpus(sources: list[str], count: int, seed: int) -> list[Article]:
    """Articles made of paragraphs taken from ``sources``: many pairs share whole paragraphs
    (wire copy), some several, some in another order, some only a quotation."""
    rng = random.Random(seed)
    paragraphs = [p for text in sources for p in text.split("\n\n") if len(p.split()) >= 8]
    out = []
    for k in range(count):
        picked = rng.sample(paragraphs, rng.randint(1, 6))
        own = f"Reporter {k} adds a sentence of her own about day {k} of the story."
        day = f"2025-05-{1 + rng.randint(0, 3):02d}"
        out.append(_art(f"s{k:02d}", "\n\n".join([own, *picked]), day))
    return out


def test_the_index_finds_exactly_what_comparing_every_pair_finds() -> None:
    """Shingles computed once and an inverted index must not change a single dependence,
    reason or order — against every pair compared, on 40 articles sharing paragraphs."""
    sources = [WIRE, "“We will keep the port closed until every litre of fuel has been pumped "
               "out of the damaged tanker and the divers are satisfied,” the harbour master "
               "said on Monday evening.\n\nOfficials said the tanker had been carrying "
               "thirty thousand tonnes of diesel from the refinery at Eastmouth to the islands "
               "when its engine failed in the storm."]
    if SEEDS.is_dir():
        sources += [p.read_text(encoding="utf-8-sig") for p in sorted(SEEDS.glob("*.txt"))]
    corpus = _spliced_corpus(sources, 40, seed=18)
    want = _every_pair(corpus)
    verbatim = [d for d in want if not d.source.startswith("agency:")]
    assert len(verbatim) >= 20  # the corpus does exercise shared runs
    assert find_dependences(corpus) == want


def test_seed_dependences_are_those_of_every_pair_compared() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed corpus is not beside this checkout")
    from factdesk.core.read.ingest import read_article

    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert find_dependences(articles) == _every_pair(articles)


AP_SENTENCE = ("One of the quakes, a strong tremor, was felt as far away as Australia and sent "
               "small tsunamis into the southeastern coast of Japan")


def test_one_sentence_credited_to_a_wire_is_not_a_copy_of_it() -> None:
    """An outlet that quotes one sentence of an agency story, credited, has done its own
    reporting (QA2 #7: "wire copy of Jakarta View: 20-word verbatim run, 15% shared"); the
    same outlet running two passages of the story is a wire copy."""
    own = ("A series of powerful earthquakes rocked the provincial capital on Sunday, killing "
           "four people, injuring dozens and destroying hundreds of buildings. "
           f"{AP_SENTENCE}, the Associated Press reported. Our correspondent found the "
           "airport shut and the harbour full of families who had slept in their boats, "
           "waiting for word from the villages along the coast road, where the bridges fell.")
    wire = (f"A series of earthquakes killed a girl and injured dozens on Sunday. {AP_SENTENCE}. "
            "Residents near the epicenter rushed from their homes in search of higher ground "
            "shortly after the first quake struck, afraid that huge waves might wash over the "
            "island. The epicenter was about 85 miles from the provincial capital. The "
            "government sent two navy ships with tents, water and medicine, and the national "
            "disaster agency said teams were still trying to reach three villages cut off by "
            "landslides. Schools in the region will stay closed for the rest of the week while "
            "engineers check every building for cracks, the education office said.")
    arts = {"own": _art("own", own), "wire": _art("wire", wire)}
    assert find_dependences(list(arts.values())) == []
    assert independent_sources(arts, [], arts) == 2
    second = ("Residents near the epicenter rushed from their homes in search of higher ground "
              "shortly after the first quake struck")
    copied = _art("copied", own.replace("Our correspondent", f"{second}. Our correspondent"))
    deps = find_dependences([copied, arts["wire"]])
    assert [(d.article, d.source) for d in deps] == [("copied", "wire")]
    assert "2 verbatim runs" in deps[0].reason


def test_an_agencys_own_story_is_the_original_of_an_undated_print_of_it() -> None:
    """Undated, an outlet's print of an AP story that adds its own lines is less covered by
    the shared text than AP's own article, which the old rule then named the copy (QA pass 6:
    AP's story "wire copy of" HuffPost's). An agency's own article is what others carry."""
    extra = ("Follow our live coverage of the harbour for updates through the night. "
             "Readers can send photos of the spill to our newsroom. ")
    ap = replace(_art("ap", f"{WIRE}\n\nMore divers are expected on Tuesday.", ""),
                 outlet="Associated Press")
    print_ = replace(_art("print", f"{extra}\n\n{WIRE}\n\nMore divers are expected on "
                                   f"Tuesday.\n\n{extra}", ""), outlet="HuffPost")
    (dep,) = find_dependences([ap, print_])
    assert (dep.article, dep.source) == ("print", "ap")
    plain = replace(ap, outlet="Harbour Weekly")  # no agency: the thinner reprint rule stands
    (dep,) = find_dependences([plain, print_])
    assert (dep.article, dep.source) == ("ap", "print")
