"""Sharing across builds: unchanged cards are not redrawn, short links survive a rename, popular guides."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingbai.build import build_site
from mingbai.share import cards, poster
from mingbai.share.popular import check_popular
from mingbai.urls import load_registry, update_registry

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LAWS = FIXTURES / "laws"


def valid_article() -> str:
    """The valid check fixture with the shared body in place (as ``conftest.fixture_article`` does)."""
    body = (FIXTURES / "body.md").read_text(encoding="utf-8")
    return (FIXTURES / "check" / "valid.md").read_text(encoding="utf-8").replace("<!-- body -->", body)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Record every card and poster actually drawn (cache misses), by title."""
    drawn: dict[str, list[str]] = {"cards": [], "posters": []}
    render_card, render_poster = cards.render_card, poster.render_poster

    def card(kicker: str, title: str, *args):
        drawn["cards"].append(title)
        return render_card(kicker, title, *args)

    def poster_(category: str, title: str, *args):
        drawn["posters"].append(title)
        return render_poster(category, title, *args)

    monkeypatch.setattr(cards, "render_card", card)
    monkeypatch.setattr(poster, "render_poster", poster_)
    monkeypatch.delenv("MINGBAI_SITE_URL", raising=False)
    return drawn


def test_unchanged_rebuild_draws_no_card_and_a_title_change_redraws_one(make_project, counted) -> None:
    project = make_project({"credit-report/retention.md": valid_article()})
    build_site(project, LAWS)
    pages = len(list((project.root / "site" / "assets" / "cards").rglob("*.png")))
    assert len(counted["cards"]) == pages >= 5 and counted["posters"] == ["不良记录会保存多久"]

    counted["cards"].clear(), counted["posters"].clear()
    build_site(project, LAWS)
    assert counted == {"cards": [], "posters": []}
    assert len(list((project.root / "site" / "assets" / "cards").rglob("*.png"))) == pages  # copied from cache

    article = project.docs / "credit-report" / "retention.md"
    article.write_text(article.read_text(encoding="utf-8").replace("title: 不良记录会保存多久",
                                                                   "title: 不良记录要保存几年"), encoding="utf-8")
    build_site(project, LAWS)
    assert counted == {"cards": ["不良记录要保存几年"], "posters": ["不良记录要保存几年"]}


def test_short_link_keeps_working_after_a_slug_rename(make_project, counted) -> None:
    project = make_project({"credit-report/retention.md": valid_article()})
    old_id = load_registry(project.registry)[0]["/credit-report/retention/"]
    (project.docs / "credit-report" / "retention.md").rename(project.docs / "credit-report" / "retention-period.md")
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "redirect_maps: {}" in text
    config.write_text(text.replace("redirect_maps: {}", "redirect_maps:\n        credit-report/retention.md: "
                                   "credit-report/retention-period.md"), encoding="utf-8")
    project.__dict__.pop("mkdocs_config", None)
    update_registry(project.registry, project.current_urls(project.articles()[0]))
    new_id = load_registry(project.registry)[0]["/credit-report/retention-period/"]
    build_site(project, LAWS)
    site = project.root / "site"
    for sid in (old_id, new_id):
        html = (site / "s" / sid / "index.html").read_text(encoding="utf-8")
        assert 'content="0; url=../../credit-report/retention-period/"' in html
        assert 'rel="canonical" href="http://127.0.0.1:8000/credit-report/retention-period/"' in html
    assert (site / "credit-report" / "retention-period" / "index.html").is_file()


def test_unknown_popular_guide_is_a_located_warning(make_project, counted) -> None:
    project = make_project({"credit-report/retention.md": valid_article()})
    taxonomy = project.root / "taxonomy.yml"
    lines = taxonomy.read_text(encoding="utf-8").splitlines()
    line = lines.index("popular:") + 2
    problems = check_popular(taxonomy, project.root, project.taxonomy.popular, project.articles()[0])
    assert problems and all(p.warning for p in problems)
    assert str(problems[0]) == f"taxonomy.yml:{line}: warning: popular guide '{project.taxonomy.popular[0]}' " \
        "is not an article"
    # The 404 page still lists something: the newest articles stand in for guides it cannot find.
    build_site(project, LAWS)
    page = (project.root / "site" / "404.html").read_text(encoding="utf-8")
    assert '<a href="/credit-report/retention/">征信知识丨不良记录会保存多久</a>' in page


def test_popular_keys_must_name_a_category_folder(tmp_path: Path) -> None:
    from mingbai.taxonomy import Taxonomy

    path = tmp_path / "taxonomy.yml"
    path.write_text("categories: [{label: 征信知识, folder: credit-report, scope: x}]\ntags: [a]\n"
                    "popular: [credit/retention]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="popular guide 'credit/retention' must be folder/slug"):
        Taxonomy.load(path)
