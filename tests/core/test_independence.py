"""Source independence: wire copy, agency signs, counting independent origins."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from factdesk.core.check.independence import find_dependences, independent_sources
from factdesk.core.model import Article

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
