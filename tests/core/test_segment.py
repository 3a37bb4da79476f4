"""Passages: exact offsets, quotations kept with their attribution, headlines on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.core.model import Article, ArticleFormat, Mark, MarkKind, PassageKind
from factdesk.core.read.clean import mark_boilerplate
from factdesk.core.read.ingest import read_article
from factdesk.core.read.segment import first_passage, passage_id, split_passages

SEEDS = Path(__file__).parents[2].parent / "shared/corpus/seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not present")


def article_of(text: str, marks: tuple[Mark, ...] = (), fmt=ArticleFormat.TEXT) -> Article:
    return Article(
        id="atest0001", path="t.txt", text=text, sha256="0" * 64, format=fmt, marks=marks
    )


def texts(article: Article) -> list[str]:
    return [p.text for p in split_passages(article)]


def assert_sound(article: Article) -> None:
    """The invariants every consumer relies on."""
    passages = split_passages(article)
    previous_end = 0
    for number, passage in enumerate(passages, start=1):
        assert article.text[passage.start : passage.end] == passage.text
        assert passage.text == passage.text.strip() and passage.text
        assert passage.start >= previous_end  # increasing, never overlapping
        previous_end = passage.end
        assert passage.index == number and passage.id == passage_id(article.id, number)
        assert passage.article_id == article.id
        assert "\n\n" not in passage.text  # never across a paragraph break
        for mark in article.marks:  # never inside or across a mark
            assert mark.end <= passage.start or mark.start >= passage.end, (mark, passage)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("shared seed corpus not present")
    return {path.name[:3]: read_article(path) for path in sorted(SEEDS.glob("*.txt"))}


@needs_seeds
def test_every_seed_passage_has_exact_offsets(seeds):
    for article in seeds.values():
        assert len(split_passages(article)) >= 10
        assert_sound(article)


@needs_seeds
def test_quotation_stays_with_its_attribution(seeds):
    found = texts(seeds["000"])
    assert (
        "“What comes out of that meeting? I can’t tell you, because it does take two to tango,” "
        "Trump said in the Oval Office." in found
    )
    # pysbd splits inside the quotation; the passage holds the whole quote
    assert any(
        t.startswith("He said, “I can tell you") and t.endswith("should have never been started.”")
        for t in found
    )
    # a closing straight quote, then the attribution as its own sentence: merged back
    assert any(
        t.endswith('does take two to tango." Trump told reporters in Oval Office.')
        for t in texts(seeds["002"])
    )
    assert "“He would like to end the war,” Trump said of Putin." in texts(seeds["003"])


@needs_seeds
def test_abbreviations_do_not_split(seeds):
    found = texts(seeds["000"])
    assert any(
        t.startswith("After the five-hour meeting in the Kremlin, the U.S. negotiators said")
        for t in found
    )
    assert not any(t.endswith("U.S.") for article in seeds.values() for t in texts(article))


@needs_seeds
def test_headline_standfirst_and_heading_kinds(seeds):
    reuters = split_passages(seeds["004"])
    assert reuters[0].kind == PassageKind.HEADLINE
    assert (
        reuters[0].text == "Next steps for Ukraine talks unclear after Moscow meeting, Trump says"
    )
    assert reuters[1].text.startswith("The path ahead for Ukraine peace talks")  # dateline marked
    assert reuters[1].kind == PassageKind.SENTENCE

    ani = split_passages(seeds["002"])
    assert ani[0].kind == PassageKind.HEADLINE
    assert [p.kind for p in ani[1:3]] == [PassageKind.STANDFIRST, PassageKind.STANDFIRST]
    assert ani[1].text.startswith("On Wednesday, US Special Envoy Steve Witkoff")
    assert all(p.kind == PassageKind.SENTENCE for p in ani[3:])

    abc = split_passages(seeds["003"])
    headings = [p.text for p in abc if p.kind == PassageKind.HEADING]
    assert headings == ["Major obstacles remain to a peace agreement"]
    assert abc[0].kind == PassageKind.SENTENCE  # a long first sentence is no headline

    first = split_passages(seeds["000"])[0]
    assert first.text.startswith("Donald Trump made an embarrassing admission")  # date prefix out


# Segmentation speed is a figure, not a test: benchmarks/segment_speed.py.


# --- fictional text -------------------------------------------------------------------------


def test_abbreviations_and_dates_stay_in_one_sentence():
    text = (
        "Gen. Ana Brill met Mr. Tomás Ferreira at St. Anne Street on Dec. 3 in the U.S. Capitol. "
        "The meeting lasted an hour. On Dec 3 the U.S. envoy left at 5 p.m. for Boston.\n"
    )
    assert texts(article_of(text)) == [
        "Gen. Ana Brill met Mr. Tomás Ferreira at St. Anne Street on Dec. 3 in the U.S. Capitol.",
        "The meeting lasted an hour.",
        "On Dec 3 the U.S. envoy left at 5 p.m. for Boston.",
    ]


def test_a_clock_time_before_its_day_and_stacked_ranks_do_not_end_a_sentence():
    """ "at 9:27 a.m." + "Sunday, according to …" and "Col. Inf." / "Snr. Comr." + a name
    were cut into fragments that then stood for facts of their own; a clock time that really
    ends a sentence still does."""
    text = (
        "The tremor was recorded at about 8:14 p.m. Friday, according to the survey office. "
        "A ferry left at 6 a.m. local time. "
        "Regional police spokesman Col. Inf. Dedi Prasetyo said two bridges fell. "
        "District chief Snr. Comr. Budi Santoso and Lt. Col. Maria Lopez told reporters nobody died. "
        "Maj. Gen. Ito and Insp. Gen. Tito arrived at 7 a.m. The rescue began an hour later.\n"
    )
    assert texts(article_of(text)) == [
        "The tremor was recorded at about 8:14 p.m. Friday, according to the survey office.",
        "A ferry left at 6 a.m. local time.",
        "Regional police spokesman Col. Inf. Dedi Prasetyo said two bridges fell.",
        "District chief Snr. Comr. Budi Santoso and Lt. Col. Maria Lopez told reporters nobody "
        "died.",
        "Maj. Gen. Ito and Insp. Gen. Tito arrived at 7 a.m.",
        "The rescue began an hour later.",
    ]


def test_a_day_or_zone_that_opens_a_sentence_and_a_title_before_the_ends_a_sentence():
    """A clock time keeps its day or zone only while the sentence goes on ("9:27 a.m. Sunday,
    according to …"); when the day or zone is the subject of a new sentence, or a title is
    followed by "The", the sentence ends there, as before the ranks and clocks were joined."""
    text = (
        "The fire started at 2 a.m. Today officials are still counting the damage. "
        "The meeting ended at 5 p.m. Monday was declared a holiday. "
        "The plane landed at 4 p.m. GMT was the time zone used. "
        "He met the Pres. The two men talked for an hour. "
        "The quake struck at 9:27 a.m. Sunday, according to the agency. "
        "Col. Inf. Irham Lubis and Gen. Ana Brill arrived at 3 p.m. Friday in the capital. "
        "The vote is set for Sept. 3 in the capital.\n"
    )
    assert texts(article_of(text)) == [
        "The fire started at 2 a.m.",
        "Today officials are still counting the damage.",
        "The meeting ended at 5 p.m.",
        "Monday was declared a holiday.",
        "The plane landed at 4 p.m.",
        "GMT was the time zone used.",
        "He met the Pres.",
        "The two men talked for an hour.",
        "The quake struck at 9:27 a.m. Sunday, according to the agency.",
        "Col. Inf. Irham Lubis and Gen. Ana Brill arrived at 3 p.m. Friday in the capital.",
        "The vote is set for Sept. 3 in the capital.",
    ]


def test_attribution_after_a_closing_quote_is_glued_back():
    text = (
        '"We will reopen the bridge on Monday." Engineers checked the cables twice. '
        '"It is safe now." she said. “Nobody was hurt.” he added.\n'
    )
    assert texts(article_of(text)) == [
        '"We will reopen the bridge on Monday."',
        "Engineers checked the cables twice.",
        '"It is safe now." she said.',
        "“Nobody was hurt.” he added.",
    ]


def test_passages_never_cross_blank_lines_or_marks():
    text = "The vote was held on Monday and\n\nthe result came on Tuesday.\n\nJane Doe/AP\nIt passed.\n"
    article = article_of(text, tuple(mark_boilerplate(text)))
    assert texts(article) == [
        "The vote was held on Monday and",
        "the result came on Tuesday.",
        "It passed.",
    ]
    assert_sound(article)


def test_hard_wrapped_paragraphs_are_joined_but_headings_are_not():
    text = (
        "Ferry service resumes\n\n"
        "The ferry between the old town and Marrow Island resumed on\n"
        "Monday after a week of storms, the operator said. Tickets\n"
        "bought last week remain valid for a month.\n\n"
        "Background\n"
        "The route opened in 1998 and carries about four hundred people\n"
        "a day in summer.\n"
    )
    passages = split_passages(article_of(text))
    assert [(p.kind, p.text.replace("\n", " ")) for p in passages] == [
        (PassageKind.HEADLINE, "Ferry service resumes"),
        (
            PassageKind.SENTENCE,
            "The ferry between the old town and Marrow Island resumed on Monday after a week of "
            "storms, the operator said.",
        ),
        (PassageKind.SENTENCE, "Tickets bought last week remain valid for a month."),
        (PassageKind.HEADING, "Background"),
        (
            PassageKind.SENTENCE,
            "The route opened in 1998 and carries about four hundred people a day in summer.",
        ),
    ]


def test_empty_and_junk_only_articles_have_no_passages():
    assert split_passages(article_of("")) == []
    assert split_passages(article_of("  \n\n \t\n")) == []
    text = "HomeWorld\n\nWORLD\n"
    assert split_passages(article_of(text, tuple(mark_boilerplate(text)))) == []
    assert first_passage(article_of("")) is None


def test_long_paragraph_is_chunked_and_stays_exact():
    text = " ".join(f"Mr. Brill, number {n}, says the dam held." for n in range(400))
    article = article_of(text)
    passages = split_passages(article)
    assert len(passages) == 400
    assert passages[-1].text == "Mr. Brill, number 399, says the dam held."
    assert_sound(article)


# --- property ----------------------------------------------------------------------------------

_ALPHABET = st.one_of(
    st.sampled_from(list("abc XYZ.?!,;:“”\"'’«»()-—…\n\n\r\t\x0b\x0c\x1c\x85\u2028")),
    st.sampled_from(["U.S.", "Mr.", "Dec.", " said.", "\r\n", "😀", "👍🏽", "שלום", "مرحبا"]),
    st.sampled_from(["e\u0301", "\u200f", "\u202e", "\ufeff", "\x00", "\x07"]),
    st.characters(),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_ALPHABET, max_size=120))
def test_any_text_segments_with_exact_offsets(parts):
    text = "".join(parts)
    assert_sound(article_of(text))
    article = article_of(text, tuple(mark_boilerplate(text)))
    assert_sound(article)
    marks = article.marks
    assert all(0 <= m.start < m.end <= len(text) for m in marks)
    assert all(a.end <= b.start for a, b in zip(marks, marks[1:], strict=False))
    assert all(m.kind == MarkKind.BOILERPLATE for m in marks)


def test_reading_and_segmenting_runs_the_splitter_once_per_paragraph(tmp_path, monkeypatch):
    """The title comes from the first sentence while the file is read; the passages, right
    after, reuse that paragraph's sentences instead of splitting it again."""
    import pysbd

    from factdesk.core.importing import prepare_file

    calls: list[str] = []
    original = pysbd.Segmenter.segment

    def counting(self, text):  # noqa: ANN001, ANN202
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(pysbd.Segmenter, "segment", counting)
    path = tmp_path / "story.txt"
    path.write_text(
        "The harbour closed on Monday. Divers inspected the hull. The leak slowed.\n\n"
        "Fishing boats waited outside. Officials said the port would reopen soon.\n\n"
        "A tanker had run aground near the breakwater. Nobody was hurt.\n",
        encoding="utf-8",
    )
    article, passages = prepare_file(path)
    assert article.title == "The harbour closed on Monday."
    assert [p.text for p in passages][:3] == [
        "The harbour closed on Monday.", "Divers inspected the hull.", "The leak slowed."]
    assert len(passages) == 7
    assert len(calls) == 3  # one per paragraph, the first one included once


@needs_seeds
def test_a_very_long_article_is_split_fast_and_keeps_quotations_with_their_attribution(seeds):
    """Past FAST_SPLITTER_FROM characters sentencex cuts the sentences (pysbd took ~6 s a MB);
    factdesk's repairs still apply: the seeds' quotations stay whole with their attribution."""
    from factdesk.core.read import segment

    body = "\n\n".join(seeds[k].text for k in ("000", "003"))
    copies = segment.FAST_SPLITTER_FROM // len(body) + 1
    text = "\n\n".join([body] * copies)
    assert len(text) >= segment.FAST_SPLITTER_FROM
    article = Article("big", "big.txt", text, "0" * 64, ArticleFormat.TEXT)
    assert isinstance(segment._splitter(article), segment._FastSplitter)
    found = [p.text for p in split_passages(article)]
    quote = ("“What comes out of that meeting? I can’t tell you, because it does take two to "
             "tango,” Trump said in the Oval Office.")
    assert found.count(quote) == copies
    assert found.count("“He would like to end the war,” Trump said of Putin.") == copies
    assert not any(t.endswith("U.S.") for t in found)
    assert_sound(article)
