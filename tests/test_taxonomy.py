"""The taxonomy is the single source: derived tags_allowed, jieba dictionary and nav come from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import ROOT

from mingbai.cli import main
from mingbai.project import Project
from mingbai.taxonomy import Taxonomy, TaxonomyError


def test_real_taxonomy_shape() -> None:
    taxonomy = Taxonomy.load(ROOT / "taxonomy.yml")
    assert [c.folder for c in taxonomy.categories] == [
        "basics", "repayment", "platforms", "cards", "negotiation", "instalments", "credit-report", "rights", "news"]
    assert len(taxonomy.glossary) >= 40
    assert len(taxonomy.synonyms) >= 30
    assert all(2 <= len(group) for group in taxonomy.synonyms)


def test_jieba_dictionary_is_derived_from_tags_glossary_and_synonyms() -> None:
    taxonomy = Taxonomy.load(ROOT / "taxonomy.yml")
    lines = taxonomy.jieba_userdict().splitlines()
    words = [line.split()[0] for line in lines]
    assert len(words) == len(set(words))
    for word in ("停息挂账", "个性化分期", "征信报告", "诉前调解"):
        assert word in words
    assert set(taxonomy.tags) <= set(words)
    assert {g.term for g in taxonomy.glossary} <= set(words)
    assert all(len(line.split()) == 2 for line in lines)


def test_duplicates_are_rejected_all_at_once_with_their_lines(tmp_path: Path) -> None:
    text = (ROOT / "taxonomy.yml").read_text(encoding="utf-8").replace("  - 网贷\n", "  - 网贷\n  - 网贷\n", 1)
    text = text.replace("  - term: 逾期\n", "  - term: 逾期\n    definition: 重复。\n  - term: 逾期\n", 1)
    (tmp_path / "taxonomy.yml").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    with pytest.raises(TaxonomyError) as error:
        Taxonomy.load(tmp_path / "taxonomy.yml")
    tag_line = lines.index("  - 网贷", lines.index("  - 网贷") + 1) + 1
    term_line = lines.index("  - term: 逾期", lines.index("  - term: 逾期") + 1) + 1
    assert error.value.problems == [f"taxonomy.yml:{tag_line}: duplicate tag '网贷'",
                                    f"taxonomy.yml:{term_line}: duplicate glossary term '逾期'"]


def test_broken_yaml_is_located_not_a_traceback(tmp_path: Path, capsys) -> None:
    shutil.copytree(ROOT / "docs" / "about", tmp_path / "docs" / "about")
    (tmp_path / "taxonomy.yml").write_text("categories:\n  - label: [逾期\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("taxonomy.yml:3: invalid YAML: ") and err.rstrip().endswith("1 problem(s) found.")


def test_built_site_derives_tags_allowed_and_nav(real_site) -> None:
    project, site = real_site
    assert isinstance(project, Project)
    home = (site / "index.html").read_text(encoding="utf-8")
    for category in project.taxonomy.categories:
        assert f'href="{category.folder}/"' in home or f'href="./{category.folder}/"' in home
    from material.plugins.tags.structure.tag import Tag
    from mkdocs.config import load_config

    from mingbai.plugin import MingbaiPlugin

    config = load_config(str(project.mkdocs_yml))
    plugin = config.plugins["mingbai"]
    assert isinstance(plugin, MingbaiPlugin)
    config = plugin.on_config(config)
    assert config.plugins["material/tags"].config.tags_allowed == {Tag(t) for t in project.taxonomy.tags}
    assert project.user_dictionary().read_text(encoding="utf-8") == project.taxonomy.jieba_userdict()
    # The browser index is cut with that dictionary: taxonomy words stay whole between zero-width spaces
    # (jieba's own dictionary alone splits 停息挂账 into 停息 + 挂账).
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "".join(d["title"] + d["text"] for d in docs)
    for word in ("停息挂账", "个性化分期"):
        assert f"\u200b{word}\u200b" in text
