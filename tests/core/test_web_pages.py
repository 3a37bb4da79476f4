"""Pages in every script and charset (tests/data/web, written by make_pages.py): the article
text keeps what it must and drops what it must not, nothing is left in neither a passage nor
a mark, and a page that is no article is imported with a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.core.importing import prepare_file
from factdesk.core.read.clean import word_count
from factdesk.core.read.ingest import parse_article
from factdesk.core.read.segment import split_passages

WEB = Path(__file__).resolve().parents[1] / "data" / "web"
CHECKS = json.loads((WEB / "checks.json").read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_article_text_of_each_page(name: str) -> None:
    check = CHECKS[name]
    article, passages = prepare_file(WEB / name, name)
    text = _flat("\n".join(p.text for p in passages))
    for snippet in check["must_contain"]:
        assert _flat(snippet) in text, f"{name}: lost {snippet!r}"
    for snippet in check["must_not_contain"]:
        assert _flat(snippet) not in text, f"{name}: kept junk {snippet!r}"
    covered = bytearray(len(article.text))
    for span in [*passages, *article.marks]:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    orphans = [c for i, c in enumerate(article.text) if not covered[i] and not c.isspace()]
    assert orphans == [], f"{name}: characters in neither a passage nor a mark"
    if check["article"]:
        assert article.warning == "", f"{name}: an article was warned about"
    else:
        assert article.warning.startswith("does not look like an article")


def test_chinese_and_japanese_sentences_end_at_full_width_marks() -> None:
    _, passages = prepare_file(WEB / "zh_bridge.html", "zh")
    sentences = [p.text for p in passages if p.kind == "sentence"]
    assert "工程人员在例行检查中发现东侧桥跨的支座出现裂缝。" in sentences
    assert "市政府表示，维修费用预计约为一千二百万元。" in sentences
    assert "交通部门提醒市民提前规划出行路线！" in sentences
    _, passages = prepare_file(WEB / "ja_bridge.html", "ja")
    # a quotation and what follows it stay one sentence
    assert "市の担当者は「安全を最優先に考えた」と話しています。" in [p.text for p in passages]
    assert word_count("工程人员在例行检查中发现东侧桥跨的支座出现裂缝。") > 10


def test_arabic_question_mark_ends_a_sentence() -> None:
    _, passages = prepare_file(WEB / "ar_bridge.html", "ar")
    texts = [p.text for p in passages]
    assert "هل ستضيف شركات العبارات رحلات جديدة؟" in texts
    assert "قالت الشركات إنها ستفعل ذلك." in texts


def test_utf8_page_with_stray_latin1_bytes_is_repaired_not_garbled() -> None:
    data = (WEB / "pl_mixed.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the page really is mixed
    article = parse_article(data, "pl_mixed.html")
    assert "Seria ataków na infrastrukturę" in article.text
    assert "Ã" not in article.text


@pytest.mark.parametrize("paragraphs", [1, 40])
def test_a_small_or_large_utf8_page_with_one_stray_byte_keeps_its_declared_utf8(
    paragraphs: int,
) -> None:
    """One pasted Windows-1252 apostrophe in a short UTF-8 page (three curly quotes) turned the
    whole page to Mac Roman mojibake ("Iranís", "‚Äútwo"), while a longer page was repaired:
    the declared charset and a UTF-8 decode with one error win whatever the page's size."""
    body = "".join(
        "<p>The governor said \u201ctwo villages\u201d were damaged near the coast \u2013 "
        f"report {i}.</p>" for i in range(paragraphs)
    )
    for declared in ('<meta charset="utf-8">', ""):
        page = (f"<html><head>{declared}<title>Quake jolts island</title></head><body><article>"
                f"<p>A quake jolted the island on Sunday, Iran\x00s state media said.</p>{body}"
                "</article></body></html>").encode().replace(b"\x00", b"\x92")
        article = parse_article(page, "quake.html")
        assert "Iran\u2019s state media" in article.text, (paragraphs, declared)
        assert "\u201ctwo villages\u201d" in article.text
        assert "\u201a" not in article.text and "\u00c4" not in article.text


def test_a_page_of_links_only_is_kept_with_its_lines_marked_as_junk() -> None:
    """A home page of 30 story links came in as 31 passages that were aligned with the other
    outlets' facts, though its warning said every line looked like page furniture."""
    links = "".join(f'<li><a href="/s/{i}">Council votes on budget item number {i}</a></li>'
                    for i in range(30))
    page = (f"<html><head><title>City News Home</title></head><body><main><ul>{links}</ul>"
            "</main></body></html>").encode()
    article = parse_article(page, "home.html")
    passages = split_passages(article)
    assert [p.text for p in passages] == ["City News Home"]
    assert "marked as junk" in article.warning
    marked = [article.text[m.start : m.end] for m in article.marks]
    assert "Council votes on budget item number 7" in marked


def test_legacy_charsets_still_read() -> None:
    for name in ("ru_cp1251.html", "ru_koi8r.html", "en_utf16.html"):
        article, _ = prepare_file(WEB / name, name)
        assert "\ufffd" not in article.text and "Ð" not in article.text, name
    article, _ = prepare_file(WEB / "ru_cp1251.html", "ru")
    assert "трещины в опорах" in article.text


def test_stray_nuls_in_a_page_are_tolerated_but_a_binary_is_not() -> None:
    data = (WEB / "en_nuls.html").read_bytes()
    assert data.count(0) == 22
    article = parse_article(data, "en_nuls.html")
    assert "cracked bearings" in article.text and "\x00" not in article.text
    from factdesk.core.read.ingest import IngestError

    with pytest.raises(IngestError, match="NUL"):
        parse_article(b"\x00\x01binary" * 100 + b"<html>", "blob.html")
