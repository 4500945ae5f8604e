"""The Whoosh search index and everything it powers (DESIGN.md, "Search").

Modules, smallest first:

- ``analysis``: jieba search-mode tokenizer with the site's user dictionary, stop/question words;
- ``text``: Markdown body → plain text and ``##`` headings, for indexing;
- ``schema``: the Whoosh schema and the field weights;
- ``indexer``: ``build_index`` (the build calls it) and the freshness fingerprint;
- ``query``: reader text → a Whoosh query built programmatically, with synonym expansion;
- ``searcher``: ranked hits with highlighted snippets;
- ``similar``: one more-like-this query per article, for related reading;
- ``command``: the ``mingbai search`` and ``mingbai index`` sub-commands.

Nothing here imports MkDocs, so ``mingbai search`` starts fast.
"""
