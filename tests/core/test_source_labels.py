"""One label per source: outlet from the page, else the file name without hash-like noise, else
"Source …" (and the window asks); repeats numbered; never the first sentence."""

from __future__ import annotations

from factdesk.core.model import Article, article_label, file_label, needs_name, source_labels


def _article(aid: str, path: str, outlet: str = "", title: str = "") -> Article:
    return Article(id=aid, path=path, text="x", sha256=aid, outlet=outlet,
                   title=title or "Donald Trump made an embarrassing admission about talks")


def test_file_names_lose_numbering_dates_and_hashes() -> None:
    assert file_label("/corpus/001_eb5e6c2d4eb4df4a.txt") == ""
    assert file_label("resources/demo/03_lindenport_gazette.txt") == "Lindenport Gazette"
    assert file_label("reuters-2025-12-03-a1b2c3d4e5.html") == "Reuters"
    assert file_label("BBC News.html") == "BBC News"
    assert file_label("C:\\Users\\me\\Downloads\\le_monde_8f3a2c91d0.htm") == "Le Monde"


def test_label_is_the_outlet_else_the_file_else_a_source_number_never_the_title() -> None:
    assert article_label(_article("a1", "/x/001_eb5e6c2d4eb4df4a.txt", "DNA (ANI)")) \
        == "DNA (ANI)"
    assert article_label(_article("a2", "/x/03_lindenport_gazette.txt")) == "Lindenport Gazette"
    hashed = _article("a3b4c5d6", "/x/001_eb5e6c2d4eb4df4a.txt")
    assert article_label(hashed) == "Source 001"
    assert "Trump" not in article_label(hashed)
    assert needs_name(hashed) and not needs_name(_article("a2", "/x/civic_radio.md"))


def test_repeats_are_numbered_in_article_order() -> None:
    labels = source_labels([_article("a", "/1.txt", "Reuters"), _article("b", "/2.txt", "AP"),
                            _article("c", "/3.txt", "Reuters")])
    assert labels == {"a": "Reuters", "b": "AP", "c": "Reuters (2)"}
