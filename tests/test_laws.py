"""Law lookup and verbatim quote matching."""

from __future__ import annotations

import pytest
from support import FIXTURES, LAWS

from mingbai.laws import LawLibrary, law_key, quote_in, split_articles


def test_quote_with_ellipsis_must_keep_order() -> None:
    text = "第一条 甲乙丙。丁戊己。庚辛壬。"
    assert quote_in("甲乙丙。……庚辛壬。", text)
    assert not quote_in("庚辛壬。……甲乙丙。", text)
    assert not quote_in("甲乙丙。……癸。", text)


def test_whitespace_and_half_width_brackets_are_ignored() -> None:
    assert quote_in("（一） 使用暴力、胁迫方法的；", "(一)使用暴力、胁迫方法的；")


def test_articles_split_including_zhi_yi_and_sections() -> None:
    text = "第二百九十三条 甲。\n\n续行。\n第二百九十三条之一 乙。\n## 第二章\n一、丙。\n"
    articles = split_articles(text)
    assert articles["第二百九十三条"].strip().endswith("续行。")
    assert articles["第二百九十三条之一"].startswith("第二百九十三条之一 乙。")
    assert articles["一"].startswith("一、丙")


def test_law_names_are_normalised() -> None:
    assert law_key("《中华人民共和国个人信息保护法》") == "个人信息保护法"


def test_fixture_library_finds_article_and_reports_misattribution() -> None:
    library = LawLibrary(FIXTURES / "laws")
    law = library.get("征信业管理条例")
    assert law is not None
    assert quote_in("个人信息主体有权每年两次免费获取本人的信用报告。", law.article_text("第十七条") or "")
    assert law.find_article("自不良行为或者事件终止之日起为5年") == "第十六条"
    assert law.article_text("第九十九条") is None
    assert library.get("不存在的法") is None


@pytest.mark.skipif(not LAWS.is_dir(), reason="the shared law texts are not beside the project")
def test_civil_code_is_read_across_its_books() -> None:
    law = LawLibrary(LAWS).get("民法典")
    assert law is not None
    assert quote_in("诉讼时效期间为三年", law.article_text("第一百八十八条") or "")
    assert quote_in("禁止高利放贷", law.article_text("第六百八十条") or "")
    assert quote_in("私人生活安宁", law.article_text("第一千零三十三条") or "")
    # the books added to laws/ later (物权、婚姻家庭、继承、侵权责任) are part of the same law
    assert quote_in("属于夫妻共同债务", law.article_text("第一千零六十四条") or "")
    assert quote_in("以所得遗产实际价值为限", law.article_text("第一千一百六十一条") or "")
