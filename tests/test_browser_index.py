"""The browser search's static index (issue 15): derived from taxonomy.yml and the Whoosh analyzer,
complete, and read by the client (search.js) the way the Whoosh search reads its own index."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from support import ROOT
from whoosh.index import open_dir
from whoosh.query import Term

from mingbai.project import Project
from mingbai.search import analysis
from mingbai.search.browser_index import FIELDS, FOLDER, SCALE, fnv1a, shard_count
from mingbai.search.evaluate import load_questions
from mingbai.search.query import reader_words
from mingbai.search.schema import FIELD_WEIGHTS
from mingbai.search.scoring import SharedIdfBM25F

NODE = shutil.which("node")
CUT = ROOT / "tests" / "js" / "search_cut.cjs"


def built(real_site) -> tuple[Project, Path, dict]:
    project, site = real_site
    folder = site / FOLDER
    return project, folder, json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))


def client(lexicon_path: Path, texts: list[str]) -> dict:
    """What search.js makes of ``texts``: search-mode tokens, weighted reader words, FNV-1a hashes."""
    if NODE is None:
        pytest.fail("node not found: install Debian's nodejs (make test needs it for tests/js too)")
    done = subprocess.run([NODE, str(CUT), str(lexicon_path)], input=json.dumps(texts), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_shard_counts_grow_with_the_site() -> None:
    assert shard_count(10) == 16 and shard_count(66) == 128 and shard_count(2014) == 2048
    assert shard_count(100_000) == 4096
    assert fnv1a("") == 0x811C9DC5 and fnv1a("a") == 0xE40C292C  # the published FNV-1a test vectors


def test_lexicon_is_derived_from_the_taxonomy(real_site) -> None:
    project, _, lexicon = built(real_site)
    taxonomy = project.taxonomy
    assert lexicon["stop_words"] == sorted({analysis.normalize(w) for w in taxonomy.stop_words})
    for group in taxonomy.synonyms:
        for word in group:
            others = lexicon["synonyms"][analysis.normalize(word)]
            assert {analysis.normalize(w) for w in group} - {analysis.normalize(word)} <= set(others), word
    vocabulary = dict(line.split("\t") for line in lexicon["vocabulary"].split("\n"))
    for word in taxonomy.dictionary_words():
        if any("\u4e00" <= c <= "\u9fff" for c in word):
            assert analysis.normalize(word) in vocabulary, word
    assert lexicon["fields"] == {FIELDS[name]: weight for name, weight in FIELD_WEIGHTS.items()} | {"g": 2.0}


def test_every_shard_and_document_file_is_written_with_its_gzip(real_site) -> None:
    project, folder, lexicon = built(real_site)
    shards = sorted(folder.glob("t/*.json"))
    assert len(shards) == lexicon["shards"]
    docs = lexicon["docs"]
    assert len(docs) == lexicon["articles"] + lexicon["others"]
    assert len(list(folder.glob("d/*.json"))) == len(docs)
    for path in [*shards, folder / "lexicon.json"]:
        assert path.with_name(path.name + ".gz").is_file(), path
    for path in shards:  # each term sits in the shard its hash names
        for term in json.loads(path.read_text(encoding="utf-8")):
            assert fnv1a(term) % lexicon["shards"] == int(path.stem, 16), term


def test_articles_come_first_and_redirect_pages_never(real_site) -> None:
    project, folder, lexicon = built(real_site)
    _, site = real_site
    articles, _ = project.articles()
    docs = lexicon["docs"]
    assert [(d[0], d[1], "/" + d[2], d[3]) for d in docs[:len(articles)]] == [
        (a.title, a.category, a.url, 0) for a in articles]
    others = docs[len(articles):]
    assert others and all(d[3] == 1 for d in others)
    assert {"分类", "标签"} <= {d[1] for d in others}
    for _, _, url, _ in docs:
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' not in page[:2000], url
    assert not any(d[2].startswith("s/") or d[2] in ("", "404.html") for d in docs)


def _decode(row: list[int]) -> list[tuple[int, int]]:
    doc, out = 0, []
    for i in range(0, len(row), 2):
        doc += row[i]
        out.append((doc, row[i + 1]))
    return out


def test_postings_score_as_the_whoosh_index_does(real_site) -> None:
    """idf × the stored BM25 part × the field weight is Whoosh's score of a one-term query (Whoosh keeps
    field lengths in one byte, so a small difference is allowed)."""
    project, folder, lexicon = built(real_site)
    analysis.setup_project(project)
    index = open_dir(str(real_site[1].parent / "search_index"))
    articles = lexicon["articles"]
    keys = [a.key for a in project.articles()[0]]
    checked = 0
    with index.searcher(weighting=SharedIdfBM25F()) as searcher:
        for term in ("信用卡", "征信", "停息挂账", "催收", "滞纳金"):
            shard = json.loads((folder / f"t/{fnv1a(term) % lexicon['shards']:x}.json").read_text(encoding="utf-8"))
            fields = shard[term]
            body_df = sum(1 for doc, _ in _decode(fields.get("b", [])) if doc < articles)
            for name, key in FIELDS.items():
                mine = {keys[doc]: q / SCALE for doc, q in _decode(fields.get(key, [])) if doc < articles}
                if name == "tags" or not mine:
                    continue
                idf = math.log(articles / (max(len(mine), body_df) + 1)) + 1
                hits = searcher.search(Term(name, term, boost=FIELD_WEIGHTS[name]), limit=None)
                theirs = {hit["key"]: hit.score for hit in hits}
                assert set(theirs) == set(mine), (term, name)
                for doc_key, q in mine.items():
                    assert idf * q * FIELD_WEIGHTS[name] == pytest.approx(theirs[doc_key], rel=0.06), (term, name)
                    checked += 1
    assert checked > 50


def test_the_client_cuts_queries_as_the_whoosh_search_does(real_site) -> None:
    """Every taxonomy word stays whole in the browser, and the reader questions get the same weighted
    words from search.js as from query.reader_words in nearly every case (a word jieba knows that no
    article uses matches nothing either way)."""
    project, folder, _ = built(real_site)
    analysis.setup_project(project)
    words = [w for w in project.taxonomy.dictionary_words() if analysis.words(w) == [analysis.normalize(w)]]
    questions = [q.query for q in load_questions(ROOT / "tests" / "search_queries.yml")]
    cut = client(folder / "lexicon.json", words + questions)
    for word, tokens in zip(words, cut["tokens"], strict=False):
        assert analysis.normalize(word) in [t[0] for t in tokens], word
    same = sum(1 for text, mine in zip(questions, cut["words"][len(words):], strict=True)
               if [list(p) for p in reader_words(text).items()] == mine)
    assert same >= 0.6 * len(questions), f"{same} of {len(questions)} questions weighted alike"
    assert cut["hashes"][:3] == [fnv1a(w) for w in (words + questions)[:3]]
