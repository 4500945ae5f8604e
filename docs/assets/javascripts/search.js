/*
 * 明白账 browser search (issue 15): a small client over the static index that the build writes
 * (mingbai/search/browser_index.py), shown in Material's own search dialog.
 *
 * Why hand-written: no library cuts Chinese the way the site's Whoosh index does. The index is cut by
 * jieba-rs with the taxonomy's dictionary; this script cuts the reader's question by jieba's own
 * maximum-probability route over the index's vocabulary, with jieba's word costs shipped in the
 * lexicon, so 宽限期 or 停息挂账 stay whole on both sides. Then it does what mingbai/search/query.py
 * does (stop words dropped, parts and single characters weigh less, synonyms from taxonomy.yml at half
 * weight) and ranks by the same BM25F with shared idf (mingbai/search/scoring.py). Every word list and
 * weight comes from lexicon.json, derived at build time: nothing here is typed twice.
 *
 * Downloads: lexicon.json (with the document table) when the search box is first used, then only the postings
 * shards of the words searched and the texts of the results shown. No eval, no inline script, no
 * request to another host.
 */
(function () {
  "use strict";

  var BLOCK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-zA-Z0-9+#&._%\-]+/g; // jieba-rs's re_han_default
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var SKIP = /[a-zA-Z0-9]+(?:.\d+)?%?/g; // jieba-rs's HMM re_skip: 36%, 12.5, LPR
  var WORD = /[\p{L}\p{N}_]/u; // Python's \w: a token without one is noise
  var MARK_START = "\u0002", MARK_END = "\u0003";
  // Up to ten articles, then up to three other pages; the first five snippets are fetched at once, the
  // others when their result scrolls into view.
  var RESULTS = 10, OTHER_RESULTS = 3, EAGER = 5;

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  function normalize(word) {
    return word.normalize("NFKC").toLowerCase().trim();
  }

  /* ---------- the lexicon: segmentation, query words, synonyms ---------- */

  function Lexicon(data) {
    this.data = data;
    this.costs = new Map(); // word → jieba cost (−cost_scale·ln P), or null for a word jieba's dictionary lacks
    this.maxLength = 1;
    var lines = data.vocabulary ? data.vocabulary.split("\n") : [];
    for (var i = 0; i < lines.length; i++) {
      var tab = lines[i].indexOf("\t");
      var word = lines[i].slice(0, tab), cost = lines[i].slice(tab + 1);
      this.costs.set(word, cost === "" ? null : Number(cost));
      if (word.length > this.maxLength) this.maxLength = word.length;
    }
    this.stop = new Set(data.stop_words);
    this.absent = new Set(data.absent || []);
    var numerals = data.numerals;
    this.numeral = new RegExp("[" + numerals[0] + "](?=[" + numerals[2] + "])", "g");
    this.digits = numerals;
  }

  /* 三个月 → 3个月, full-width ASCII → ASCII, character for character (analysis.prepare). */
  Lexicon.prototype.prepare = function (text) {
    var digits = this.digits;
    text = text.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ");
    return text.replace(this.numeral, function (c) { return digits[1][digits[0].indexOf(c)]; });
  };

  Lexicon.prototype.inDictionary = function (word) {
    var cost = this.costs.get(word.toLowerCase());
    return cost !== undefined && cost !== null;
  };

  /* jieba's default mode on one block: the most probable route through the dictionary words, runs of
     single characters handed to the "HMM" (here: the index's own words that jieba's dictionary lacks). */
  Lexicon.prototype.cutBlock = function (block, offset, out) {
    var lower = block.toLowerCase(), n = block.length, unknown = this.data.unknown_cost;
    var route = new Float64Array(n + 1), next = new Int32Array(n);
    for (var i = n - 1; i >= 0; i--) {
      var best = -Infinity, end = i;
      for (var j = i; j < n && j < i + this.maxLength; j++) {
        var cost = this.costs.get(lower.slice(i, j + 1));
        if (j === i) {
          if (cost === undefined || cost === null) cost = unknown;
        } else if (cost === undefined || cost === null) {
          continue;
        }
        var value = -cost + route[j + 1];
        if (value >= best) { best = value; end = j; }
      }
      route[i] = best;
      next[i] = end;
    }
    var buffer = "", start = 0;
    var self = this;
    function flush() {
      if (!buffer) return;
      if (buffer.length === 1 || self.inDictionary(buffer)) {
        for (var k = 0; k < buffer.length; k++) out.push([buffer[k], start + k, start + k + 1]);
      } else {
        self.unknownRun(buffer, start, out);
      }
      buffer = "";
    }
    for (var at = 0; at < n; at = next[at] + 1) {
      if (next[at] === at) {
        if (!buffer) start = offset + at;
        buffer += block[at];
      } else {
        flush();
        out.push([block.slice(at, next[at] + 1), offset + at, offset + next[at] + 1]);
      }
    }
    flush();
  };

  /* A run of single characters jieba would give its HMM: ASCII as jieba's re_skip cuts it, Chinese as
     the longest words of the index that jieba's dictionary lacks (what its HMM found in the articles). */
  Lexicon.prototype.unknownRun = function (run, start, out) {
    var at = 0;
    while (at < run.length) {
      if (!HAN.test(run[at])) {
        SKIP.lastIndex = at;
        var match = SKIP.exec(run);
        var length = match && match.index === at ? match[0].length : 1;
        out.push([run.slice(at, at + length), start + at, start + at + length]);
        at += length;
        continue;
      }
      var found = 1;
      for (var j = Math.min(run.length, at + this.maxLength); j > at + 1; j--) {
        if (this.costs.get(run.slice(at, j).toLowerCase()) === null) { found = j - at; break; }
      }
      out.push([run.slice(at, at + found), start + at, start + at + found]);
      at += found;
    }
  };

  /* [word, start, end] of jieba's default mode over the whole text. */
  Lexicon.prototype.cutDefault = function (text) {
    var out = [], match;
    BLOCK.lastIndex = 0;
    while ((match = BLOCK.exec(text)) !== null) this.cutBlock(match[0], match.index, out);
    return out;
  };

  /* Search mode: before each word of more than two characters, its two- and three-character parts
     that jieba's dictionary holds; then stop words and noise dropped (analysis.cut). */
  Lexicon.prototype.cut = function (text) {
    var tokens = [], self = this;
    function keep(word, start, end) {
      var norm = normalize(word);
      if (norm && !self.stop.has(norm) && WORD.test(norm)) tokens.push([norm, start, end]);
    }
    var words = this.cutDefault(this.prepare(text));
    for (var i = 0; i < words.length; i++) {
      var word = words[i][0], start = words[i][1];
      for (var size = 2; size <= 3; size++) {
        if (word.length > size) {
          for (var k = 0; k + size <= word.length; k++) {
            var part = word.slice(k, k + size);
            if (this.inDictionary(part)) keep(part, start + k, start + k + size);
          }
        }
      }
      keep(word, start, words[i][2]);
    }
    return {tokens: tokens, whole: words};
  };

  /* The reader's words with their weights, in the order typed, capped (query.reader_words). */
  Lexicon.prototype.readerWords = function (text) {
    var cut = this.cut(text), whole = new Set(), weights = new Map(), data = this.data;
    cut.whole.forEach(function (w) { whole.add(w[1] + ":" + w[2]); });
    cut.tokens.forEach(function (t) {
      var weight = whole.has(t[1] + ":" + t[2]) ? 1.0 : data.part_weight;
      if (t[0].length === 1) weight *= data.single_weight;
      weights.set(t[0], Math.max(weight, weights.get(t[0]) || 0));
    });
    return new Map(Array.from(weights).slice(0, data.max_words));
  };

  /* ---------- ranking: BM25F with one idf per word (scoring.SharedIdfBM25F) ---------- */

  function Ranker(lexicon, postings) {
    this.lexicon = lexicon;
    this.data = lexicon.data;
    this.postings = postings; // term → field key → decoded [doc, q, doc, q, …]
  }

  Ranker.prototype.row = function (word, key, kind) {
    var fields = this.postings.get(word);
    var row = fields && fields[key];
    if (!row) return null;
    var split = kind === 0 ? row.split : row.length - row.split;
    return split > 0 ? row : null;
  };

  Ranker.prototype.df = function (row, kind) {
    if (!row) return 0;
    return (kind === 0 ? row.split : row.length - row.split) / 2;
  };

  /* One clause per field that holds the word (query.field_terms). */
  Ranker.prototype.fieldTerms = function (word, weight, present) {
    var terms = [], fields = this.data.fields;
    for (var key in fields) {
      if (present(key, word)) terms.push({key: key, word: word, boost: weight * fields[key]});
    }
    return terms;
  };

  Ranker.prototype.build = function (words, kind, prune) {
    var self = this, data = this.data;
    var count = kind === 0 ? data.articles : data.others;
    var common = data.common_body_share * count;
    function present(key, word) {
      var row = self.row(word, key, kind);
      return row !== null && (!prune || key !== "b" || self.df(row, kind) <= common);
    }
    var searched = new Map(), clauses = [];
    words.forEach(function (weight, word) {
      var alternatives = self.fieldTerms(word, weight, present);
      if (alternatives.length && !searched.has(word)) searched.set(word, weight);
      (data.synonyms[word] || []).forEach(function (other) {
        if (words.has(other) || searched.has(other)) return;
        var sweight = weight * data.synonym_weight;
        var parts = data.synonym_parts[other] || [other];
        if (!parts.length) return;
        if (parts.indexOf(other) >= 0) {
          alternatives = alternatives.concat(self.fieldTerms(other, sweight, present));
          return;
        }
        var groups = parts.map(function (part) { return self.fieldTerms(part, sweight, present); });
        if (groups.some(function (g) { return !g.length; })) return;
        alternatives.push({and: groups});
        parts.forEach(function (part) { if (!searched.has(part)) searched.set(part, sweight); });
      });
      clauses = clauses.concat(alternatives);
    });
    return clauses.length ? {clauses: clauses, words: searched} : null;
  };

  Ranker.prototype.idf = function (word, key, kind) {
    var count = kind === 0 ? this.data.articles : this.data.others;
    var df = Math.max(this.df(this.row(word, key, kind), kind), this.df(this.row(word, "b", kind), kind));
    return Math.log(count / (df + 1)) + 1;
  };

  /* Adds one term clause's score of every document of ``kind`` to ``sums`` (``seen``: documents touched). */
  Ranker.prototype.addTerm = function (term, kind, sums, seen) {
    var row = this.row(term.word, term.key, kind);
    var factor = term.boost * this.idf(term.word, term.key, kind) / this.data.scale;
    var from = kind === 0 ? 0 : row.split, to = kind === 0 ? row.split : row.length;
    for (var i = from; i < to; i += 2) {
      var doc = row[i];
      if (sums[doc] === 0) seen.push(doc);
      sums[doc] += factor * row[i + 1];
    }
  };

  /* Documents of one kind with their summed clause scores, best first, ties by document number. */
  Ranker.prototype.rank = function (words, kind) {
    var query = this.build(words, kind, true) || this.build(words, kind, false);
    if (!query) return {hits: [], words: new Map()};
    var size = this.data.articles + this.data.others, self = this;
    var totals = new Float64Array(size), seen = [];
    query.clauses.forEach(function (clause) {
      if (!clause.and) { self.addTerm(clause, kind, totals, seen); return; }
      var parts = clause.and.map(function (group) {
        var sums = new Float64Array(size), touched = [];
        group.forEach(function (term) { self.addTerm(term, kind, sums, touched); });
        return {sums: sums, touched: touched};
      });
      parts[0].touched.forEach(function (doc) {
        var total = 0;
        for (var p = 0; p < parts.length; p++) {
          if (parts[p].sums[doc] === 0) return;
          total += parts[p].sums[doc];
        }
        if (totals[doc] === 0) seen.push(doc);
        totals[doc] += total;
      });
    });
    var hits = seen.map(function (doc) { return [doc, totals[doc]]; });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return {hits: hits, words: query.words};
  };

  /* ---------- snippets (searcher.snippet) ---------- */

  function snippet(text, words, size, lead) {
    text = text.split(/\s+/).filter(Boolean).join(" ");
    var lower = text.toLowerCase(), spans = [];
    words.forEach(function (weight, word) {
      if (word.length < 2 && /^[\x00-\x7f]*$/.test(word)) return;
      var at = lower.indexOf(word);
      while (at !== -1 && spans.length < 2000) {
        spans.push([at, at + word.length, word]);
        at = lower.indexOf(word, at + word.length);
      }
    });
    if (!spans.length) return "";
    spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    var best = 0, bestScore = -1, right = 0;
    for (var left = 0; left < spans.length; left++) {
      right = Math.max(right, left);
      while (right + 1 < spans.length && spans[right + 1][1] - spans[left][0] <= size - lead) right++;
      var seen = new Set(), score = 0;
      for (var k = left; k <= right; k++) {
        if (!seen.has(spans[k][2])) { seen.add(spans[k][2]); score += words.get(spans[k][2]); }
      }
      if (score > bestScore) { best = left; bestScore = score; }
    }
    var begin = Math.max(0, spans[best][0] - lead), end = Math.min(text.length, begin + size), marked = [];
    for (var s = best; s < spans.length; s++) {
      if (spans[s][0] >= end) break;
      var last = marked[marked.length - 1];
      if (last && spans[s][0] <= last[1]) last[1] = Math.max(last[1], Math.min(spans[s][1], end));
      else marked.push([spans[s][0], Math.min(spans[s][1], end)]);
    }
    var out = [begin ? "…" : ""], index = begin;
    marked.forEach(function (m) {
      out.push(text.slice(index, m[0]), MARK_START, text.slice(m[0], m[1]), MARK_END);
      index = m[1];
    });
    out.push(text.slice(index, end), end < text.length ? "…" : "");
    return out.join("");
  }

  function bestSnippet(texts, words, size, lead) {
    var names = ["b", "a", "d"];
    for (var i = 0; i < names.length; i++) {
      var found = snippet(texts[names[i]] || "", words, size, lead);
      if (found) return found;
    }
    var description = texts.d || "";
    return description.slice(0, size) + (description.length > size ? "…" : "");
  }

  /* ---------- the engine: fetches what a query needs, once ---------- */

  function Engine(base, fetchJSON) {
    this.base = base;
    this.fetchJSON = fetchJSON;
    this.cache = new Map();
    this.ready = null;
  }

  Engine.prototype.get = function (name) {
    if (!this.cache.has(name)) {
      var self = this, version = this.lexicon ? "?v=" + this.lexicon.data.version : "";
      var promise = this.fetchJSON(this.base + name + version).catch(function (error) {
        self.cache.delete(name);
        throw error;
      });
      this.cache.set(name, promise);
    }
    return this.cache.get(name);
  };

  Engine.prototype.load = function () {
    if (!this.ready) {
      var self = this;
      this.ready = this.get("lexicon.json").then(function (data) {
        self.lexicon = new Lexicon(data);
        self.docs = data.docs;
        self.postings = new Map();
      });
      this.ready.catch(function () { self.ready = null; });
    }
    return this.ready;
  };

  Engine.prototype.shardOf = function (word) {
    return "t/" + (fnv1a(word) % this.lexicon.data.shards).toString(16) + ".json";
  };

  /* Every word a query may look up: the reader's words, their synonyms and the synonyms' parts. */
  Engine.prototype.lookups = function (words) {
    var data = this.lexicon.data, all = new Set();
    words.forEach(function (weight, word) {
      all.add(word);
      (data.synonyms[word] || []).forEach(function (other) {
        all.add(other);
        (data.synonym_parts[other] || []).forEach(function (part) { all.add(part); });
      });
    });
    return all;
  };

  /* Whether the index may hold ``word``: Chinese words outside the vocabulary, and the taxonomy's
     words no document uses, have no postings to fetch. */
  Lexicon.prototype.indexed = function (word) {
    if (!HAN.test(word)) return true;
    return this.costs.has(word) && !this.absent.has(word) && !this.stop.has(word);
  };

  Engine.prototype.fetchPostings = function (terms) {
    var self = this, shards = new Map();
    terms.forEach(function (term) {
      if (!self.postings.has(term) && self.lexicon.indexed(term)) shards.set(self.shardOf(term), true);
    });
    return Promise.all(Array.from(shards.keys()).map(function (name) {
      return self.get(name).then(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (self.postings.has(term)) return;
          var fields = {}, raw = shard[term], first = self.lexicon.data.articles;
          Object.keys(raw).forEach(function (key) {
            var row = raw[key], doc = 0, split = row.length;
            var decoded = new Array(row.length);
            for (var i = 0; i < row.length; i += 2) {
              doc += row[i];
              decoded[i] = doc;
              decoded[i + 1] = row[i + 1];
              if (doc >= first && split === row.length) split = i;
            }
            decoded.split = split;
            fields[key] = decoded;
          });
          self.postings.set(term, fields);
        });
      });
    }));
  };

  /* Articles first (up to ``articles``), then other pages (up to ``others``), without snippets: the
     results show as soon as they are ranked, and each snippet follows when its texts are in (``snippet``). */
  Engine.prototype.search = function (text, articles, others) {
    var self = this, clock = typeof performance === "object" ? performance : Date, start = clock.now();
    var timings = self.timings = {}; // milliseconds of each step of the last search, for the budget script
    return this.load().then(function () {
      timings.load = clock.now() - start;
      var words = self.lexicon.readerWords(text);
      if (!words.size) return [];
      timings.words = clock.now() - start;
      return self.fetchPostings(self.lookups(words)).then(function () {
        timings.postings = clock.now() - start;
        var ranker = new Ranker(self.lexicon, self.postings);
        var first = ranker.rank(words, 0), second = ranker.rank(words, 1);
        timings.rank = clock.now() - start;
        var chosen = first.hits.slice(0, articles).map(function (h) { return [h, first.words]; })
          .concat(second.hits.slice(0, others).map(function (h) { return [h, second.words]; }));
        var hits = chosen.map(function (pair) {
          var number = pair[0][0], row = self.docs[number];
          return {doc: number, title: row[0], label: row[1], url: row[2], kind: row[3], score: pair[0][1],
                  words: pair[1], snippet: null};
        });
        return hits;
      });
    });
  };

  /* The hit's snippet, from its texts (fetched once): set on the hit and returned. */
  Engine.prototype.snippet = function (hit) {
    var data = this.lexicon.data;
    return this.get("d/" + hit.doc + ".json").then(function (texts) {
      hit.snippet = bestSnippet(texts, hit.words, data.snippet_chars, data.lead_chars);
      return hit.snippet;
    });
  };

  /* ---------- the search dialog: Material's markup, this behaviour ---------- */

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function marked(text) {
    return escapeHTML(text).split(MARK_START).join("<mark>").split(MARK_END).join("</mark>");
  }

  function boot() {
    var dialog = document.querySelector("[data-mb-search]");
    var config = document.getElementById("__config");
    if (!dialog || !config) return;
    var settings = JSON.parse(config.textContent);
    var translations = settings.translations || {};
    var root = new URL(settings.base.replace(/\/?$/, "/"), location.href); // ".", "..", or "/" on the 404 page
    var input = dialog.querySelector(".md-search__input");
    var form = dialog.querySelector("form");
    var meta = dialog.querySelector(".md-search-result__meta");
    var list = dialog.querySelector(".md-search-result__list");
    var result = dialog.querySelector(".md-search-result");
    var toggle = document.getElementById("__search");
    var engine = dialog.mbEngine = new Engine(new URL(dialog.getAttribute("data-mb-search"), root).href, function (url) {
      return fetch(url, {credentials: "same-origin"}).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    });
    var latest = 0, timer = 0;

    function say(key, count) {
      var text = translations[key] || "";
      meta.textContent = text.replace("#", String(count));
    }

    function render(query, hits) {
      list.textContent = "";
      if (!hits.length) say("search.result.none");
      else if (hits.length === 1) say("search.result.one");
      else say("search.result.other", hits.length);
      if (observer) observer.disconnect();
      pending.clear();
      var eager = [];
      hits.forEach(function (hit, index) {
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var href = new URL(hit.url, root).href;
        item.innerHTML = '<a href="' + escapeHTML(href) + '" class="md-search-result__link" tabindex="-1">' +
          '<article class="md-search-result__article md-search-result__article--document md-typeset">' +
          '<div class="md-search-result__icon md-icon"></div>' +
          "<h1>" + escapeHTML(hit.label + "丨" + hit.title) + "</h1><p></p></article></a>";
        list.appendChild(item);
        var paragraph = item.querySelector("p");
        if (index < EAGER || !observer) {
          eager.push(engine.snippet(hit).then(function (text) { fill(paragraph, text); }, function () {}));
        } else {
          pending.set(item, hit);
          observer.observe(item);
        }
      });
      result.setAttribute("data-mb-query", query);
      engine.shownAt = performance.now();
      Promise.all(eager).then(function () {
        if (result.getAttribute("data-mb-query") === query) result.setAttribute("data-mb-snippets", query);
        engine.snippetsAt = performance.now();
      });
    }

    function fill(paragraph, text) {
      if (text) paragraph.innerHTML = marked(text);
      else paragraph.remove();
    }

    // Snippets below the first EAGER results are fetched when their result scrolls into view.
    var pending = new Map();
    var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting || !pending.has(entry.target)) return;
        var hit = pending.get(entry.target), paragraph = entry.target.querySelector("p");
        pending.delete(entry.target);
        observer.unobserve(entry.target);
        engine.snippet(hit).then(function (text) { fill(paragraph, text); }, function () {});
      });
    }) : null;

    function run() {
      var query = input.value.trim(), ticket = ++latest;
      engine.startedAt = performance.now();
      if (!query) {
        list.textContent = "";
        say("search.result.placeholder");
        result.setAttribute("data-mb-query", "");
        return;
      }
      engine.search(query, RESULTS, OTHER_RESULTS).then(function (hits) {
        if (ticket === latest) render(query, hits);
      }, function () {
        if (ticket === latest) {
          meta.textContent = translations["search.result.none"] || "";
          result.setAttribute("data-mb-query", query);
        }
      });
    }

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      engine.load().then(function () { if (!input.value.trim()) say("search.result.placeholder"); }, function () {});
    }

    // A link to ?q=words (the 404 page's form, shared searches) opens the dialog with those words, as
    // Material's search does.
    var shared = new URL(location.href).searchParams.get("q");
    if (shared) {
      input.value = shared;
      open();
      run();
    }

    input.addEventListener("focus", open);
    // The index starts loading as soon as a finger touches the magnifier, before the dialog opens.
    document.querySelectorAll("label[for='__search']").forEach(function (label) {
      label.addEventListener("pointerdown", function () { engine.load().catch(function () {}); });
    });
    input.addEventListener("input", function (event) {
      if (event.isComposing) return; // an input method is still composing the characters
      engine.typedAt = performance.now();
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    });
    input.addEventListener("compositionend", function () { clearTimeout(timer); timer = setTimeout(run, 0); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { open(); input.focus(); }
      });
    }
    list.addEventListener("click", function (event) {
      if (event.target.closest("a") && toggle) toggle.checked = false;
    });
    document.addEventListener("keydown", function (event) {
      if (!toggle) return;
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        input.blur();
      } else if ((event.key === "/" || event.key === "s") && !toggle.checked &&
                 !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) &&
                 !document.activeElement.isContentEditable && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        open();
        input.focus();
      }
    });
  }

  var api = {Lexicon: Lexicon, Ranker: Ranker, Engine: Engine, snippet: snippet, fnv1a: fnv1a};
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
