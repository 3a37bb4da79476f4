"""Claims keep their place when an article's text changes, and typed quotes are found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.core.anchors import find_quote, make_anchor, reanchor

TEXT = "Junk line\nThe mayor said the bridge will close for six weeks. It reopens in June.\n"
QUOTE = "The mayor said the bridge will close for six weeks."


def anchor_of(text: str = TEXT, quote: str = QUOTE):
    start = text.index(quote)
    return make_anchor("a1", text, start, start + len(quote))


def span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_make_anchor_keeps_quote_and_context() -> None:
    a = anchor_of()
    assert (a.start, a.end, a.quote) == (10, 61, QUOTE)
    assert a.prefix == "Junk line\n" and a.suffix == " It reopens in June.\n"
    assert make_anchor("a1", TEXT, 20, 30, context=4).prefix == TEXT[16:20]


def test_find_quote_exact() -> None:
    assert find_quote(TEXT, "bridge will close") == (29, 46)
    assert find_quote(TEXT, "bridge will open") is None
    assert find_quote(TEXT, "   ") is None


def test_find_quote_ignores_whitespace_runs_and_typographic_marks() -> None:
    text = "He said \u201cit\u2019s  over\u201d \u2014 really,\n  truly over.\n"
    span = find_quote(text, 'said "it\'s over" - really, truly')
    assert span is not None
    # The offsets are the article's own: its curly quotes, double space and line break.
    assert span_text(text, span) == "said \u201cit\u2019s  over\u201d \u2014 really,\n  truly"
    assert find_quote("Wait\u2026 what", "Wait... what") == (0, 10)
    assert find_quote("a co\u00adoperative farm", "cooperative farm") == (2, 19)


def test_reanchor_keeps_an_unchanged_position() -> None:
    assert reanchor(anchor_of(), TEXT) == (10, 61)


def test_reanchor_follows_text_inserted_before_the_quote() -> None:
    text = "UPDATED 12:04. Breaking news from the council.\n" + TEXT
    span = reanchor(anchor_of(), text)
    assert span == (10 + 47, 61 + 47) and span_text(text, span) == QUOTE


def test_reanchor_prefers_the_occurrence_with_the_old_context() -> None:
    text = "Recap: The mayor said the bridge will close for six weeks. Earlier: " + TEXT
    span = reanchor(anchor_of(), text)
    assert span is not None and text[span[0] - 10 : span[0]] == "Junk line\n"


def test_reanchor_finds_a_slightly_changed_quote() -> None:
    text = "Correction appended.\n" + TEXT.replace("will close", "would close")
    assert span_text(text, reanchor(anchor_of(), text)) == (
        "The mayor said the bridge would close for six weeks."
    )
    text = "Xx " + TEXT.replace("The mayor said", "A mayor said")
    assert span_text(text, reanchor(anchor_of(), text)) == (
        "A mayor said the bridge will close for six weeks."
    )
    text = TEXT.replace("six weeks.", "eight weeks.")
    assert span_text(text, reanchor(anchor_of(), text)) == (
        "The mayor said the bridge will close for eight weeks."
    )


def test_reanchor_finds_a_changed_quote_moved_far_away() -> None:
    text = "Background. " * 500 + TEXT.replace("will close", "would close")
    assert span_text(text, reanchor(anchor_of(), text)) == (
        "The mayor said the bridge would close for six weeks."
    )


def test_reanchor_gives_none_when_the_quote_is_gone() -> None:
    assert reanchor(anchor_of(), "Junk line\nIt reopens in June.\n") is None
    rewritten = "Junk line\nThe mayor said nothing about the weather today. It reopens in June.\n"
    assert reanchor(anchor_of(), rewritten) is None
    assert reanchor(anchor_of(), "") is None


PIECE = st.text(st.characters(codec="utf-8"), max_size=80)


@settings(max_examples=200, deadline=None)
@given(
    before=PIECE,
    after=PIECE,
    base=st.text(min_size=1, max_size=120),
    data=st.data(),
)
def test_inserting_text_outside_the_quote_still_finds_the_quote(
    before: str, after: str, base: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(base) - 1))
    end = data.draw(st.integers(start + 1, len(base)))
    anchor = make_anchor("a1", base, start, end)
    at_before = data.draw(st.integers(0, start))
    at_after = data.draw(st.integers(end, len(base)))
    new = base[:at_before] + before + base[at_before:at_after] + after + base[at_after:]
    span = reanchor(anchor, new)
    assert span is not None
    assert new[span[0] : span[1]] == anchor.quote
    if new.count(anchor.quote) == 1:
        shift = len(before)
        assert span == (start + shift, end + shift)
