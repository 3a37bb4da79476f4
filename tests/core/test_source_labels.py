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


def test_reports_name_sources_by_their_label_and_publish_no_made_up_name(tmp_path) -> None:
    import json

    from factdesk.core import claim_edits
    from factdesk.core.export import export_review
    from factdesk.core.export.model import ExportOptions
    from factdesk.core.importing import import_files
    from factdesk.core.store import Review

    hashed = tmp_path / "001_eb5e6c2d4eb4df4a.txt"
    hashed.write_text("The council closed the old bridge on Tuesday for repairs, the mayor "
                      "said.\n", encoding="utf-8")
    named = tmp_path / "harbour_times.txt"
    named.write_text("The old bridge was closed on Tuesday, the mayor said.\n", encoding="utf-8")
    with Review.open(tmp_path / "r.factdesk", create=True) as review:
        import_files(review, [hashed, named])
        for article in review.articles():
            claim_edits.create_claim(review, article.id, 4, 11, reviewer="t",
                                     status="confirmed")
        md = tmp_path / "r.md"
        export_review(review, "md", md, ExportOptions())
        cr = tmp_path / "r.jsonld"
        export_review(review, "claimreview", cr,
                      ExportOptions(url="https://x.example/{claim}", organization="Desk"))
    text = md.read_text(encoding="utf-8")
    assert "Source 001" in text and "Harbour Times" in text
    assert "The council closed the old bridge" not in text.split("## ")[0]  # not as a name
    reviews = json.loads(cr.read_text(encoding="utf-8"))
    reviews = reviews if isinstance(reviews, list) else reviews.get("@graph", [reviews])
    assert len(reviews) == 2
    # a label made up from a file name is nobody's publisher
    assert all("Source 001" not in json.dumps(r) for r in reviews)
