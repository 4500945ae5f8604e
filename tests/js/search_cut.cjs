// Cuts texts with the browser search's segmenter (docs/assets/javascripts/search.js) for the Python tests:
// node tests/js/search_cut.cjs LEXICON.json < texts.json  →  [[[word, start, end], …], …] on stdout.
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "search.js"));

const lexicon = new search.Lexicon(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const texts = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  tokens: texts.map((text) => lexicon.cut(text).tokens),
  words: texts.map((text) => Array.from(lexicon.readerWords(text))),
  hashes: texts.map((text) => search.fnv1a(text)),
}));
