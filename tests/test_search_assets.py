"""The browser search index is rewritten compactly, keeps what search needs, and has a .gz twin."""

from __future__ import annotations

import gzip
import json

from mingbai.search_assets import compact_index, dumps, write_search_assets

ZW = "\u200b"
LABELS = ["征信知识", "逾期协商"]


def material_index() -> dict:
    """A small index shaped like Material 9.8 writes it (segmented with zero-width spaces)."""
    tags = ["征信异议", "征信报告"]
    return {
        "config": {"lang": ["zh"], "separator": "[\\s\\u200b]+", "pipeline": ["stemmer"], "fields": {}},
        "docs": [
            {"location": "credit-report/dispute/", "title": f"征信{ZW}报告{ZW}有错", "tags": tags,
             "text": f"<p>{ZW}先说{ZW}结论{ZW}</p>"},
            {"location": "credit-report/dispute/#how", "title": "怎么办", "tags": tags,
             "text": f"<ul> <li>{ZW}带上{ZW}身份证</li> <li>征信{ZW}知识{ZW}丨{ZW}这是{ZW}正文</li> </ul>"},
            {"location": "credit-report/dispute/#related", "title": "相关阅读", "tags": tags,
             "text": f"<ul> <li>{ZW}征信{ZW}知识{ZW}丨{ZW}怎么{ZW}查</li> </ul>"},
            {"location": "credit-report/", "title": "征信知识",
             "text": f"<p>说明</p> <ul> <li>{ZW}征信{ZW}知识{ZW}丨{ZW}征信{ZW}报告{ZW}有错</li> "
                     f"<li>逾期{ZW}协商丨{ZW}怎么{ZW}谈</li> </ul>"},
        ],
    }


def test_compact_index_drops_lists_and_section_tags_but_keeps_content() -> None:
    docs = {d["location"]: d for d in compact_index(material_index(), LABELS)["docs"]}
    assert list(docs) == ["credit-report/dispute/", "credit-report/dispute/#how", "credit-report/"]
    assert docs["credit-report/dispute/"]["tags"] == ["征信异议", "征信报告"]  # the page keeps its tags
    assert "tags" not in docs["credit-report/dispute/#how"]
    # a list item is dropped only when it is a 分类丨标题 entry (category label first)
    assert "身份证" in docs["credit-report/dispute/#how"]["text"]
    assert "征信\u200b知识\u200b丨\u200b这是" not in docs["credit-report/dispute/#how"]["text"]
    assert docs["credit-report/"]["text"] == "<p>说明</p>"
    assert docs["credit-report/"]["title"] == "征信知识"


def test_list_item_that_only_mentions_the_separator_is_kept() -> None:
    data = material_index()
    data["docs"][1]["text"] = "<ul><li>写作丨分隔符</li><li>征信知识其实丨不是开头</li></ul>"
    text = compact_index(data, LABELS)["docs"][1]["text"]
    assert text == data["docs"][1]["text"]


def test_dumps_writes_chinese_as_utf8_without_escapes() -> None:
    raw = dumps(material_index())
    assert b"\\u" not in raw.split(b'"docs"')[1]  # (the separator regex in config is written escaped)
    assert "征信".encode() in raw
    assert json.loads(raw) == material_index()


def test_write_search_assets_rewrites_in_place_with_a_reproducible_gz(tmp_path) -> None:
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps(material_index()), encoding="utf-8")  # ensure_ascii, like Material
    before = path.stat().st_size
    assets = write_search_assets(tmp_path, LABELS)
    assert assets is not None and assets.raw_bytes == path.stat().st_size < before
    packed = path.with_name("search_index.json.gz").read_bytes()
    assert gzip.decompress(packed) == path.read_bytes() and assets.gzip_bytes == len(packed)
    path.write_text(json.dumps(material_index()), encoding="utf-8")
    write_search_assets(tmp_path, LABELS)
    assert path.with_name("search_index.json.gz").read_bytes() == packed  # no timestamp inside
    assert not list(path.parent.glob("*.tmp"))


def test_write_search_assets_without_search_plugin_does_nothing(tmp_path) -> None:
    assert write_search_assets(tmp_path, LABELS) is None
    assert not (tmp_path / "search").exists()


def test_real_site_index_is_compact_and_complete(real_site) -> None:
    project, site = real_site
    path = site / "search" / "search_index.json"
    raw = path.read_bytes()
    assert gzip.decompress(path.with_name("search_index.json.gz").read_bytes()) == raw
    assert b"\\u" not in raw.replace(b"\\u200b", b"")  # only the separator regex in config has an escape
    data = json.loads(raw)
    locations = [d["location"] for d in data["docs"]]
    articles, _ = project.articles()
    assert {a.url.strip("/") + "/" for a in articles} <= set(locations)
    assert not [loc for loc in locations if loc.endswith("#related")]
    labels = [c.label for c in project.taxonomy.categories]
    for doc in data["docs"]:
        plain = doc["text"].replace("\u200b", "")
        assert not any(f"<li>{label}丨" in plain for label in labels), doc["location"]
        if "#" in doc["location"]:
            assert "tags" not in doc
