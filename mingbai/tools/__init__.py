"""The 工具 pages' Python side: the data behind the tools, read from ``data/`` and checked, and the HTML
generated from it. The tools themselves run in the reader's browser (docs/assets/javascripts/tools/).

One module per concern:

- ``datafile``: YAML data files read with the line of every key, so problems are ``path:line``;
- ``letters``: the letter templates (data/letters.yml);
- ``data``: the collection-conduct rules (data/collection_rules.yml), loading every tool's data file,
  and verifying their law quotes against the law texts;
- ``pages``: the generated parts of the tool pages (``<!-- mingbai:tool NAME -->`` markers).
"""
