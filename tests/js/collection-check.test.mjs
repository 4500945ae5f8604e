// 催收行为自查: most serious findings first, and a summary that counts each kind.
import assert from "node:assert/strict";
import { test } from "node:test";

import { order, summarise } from "../../docs/assets/javascripts/tools/collection-check.js";

test("findings are shown law first, then self-regulation, then neither, page order kept within a kind", () => {
  const ticked = [
    { rule: "night", verdict: "self-regulation" }, { rule: "reminder", verdict: "none" },
    { rule: "threats", verdict: "law" }, { rule: "fees", verdict: "self-regulation" }, { rule: "posting", verdict: "law" },
  ];
  assert.deepEqual(order(ticked).map((f) => f.rule), ["threats", "posting", "night", "fees", "reminder"]);
});

test("the summary counts each kind and leaves out kinds with none", () => {
  assert.equal(summarise(["law", "none", "law"]), "你勾选了 3 项：2 项可能违法，1 项没有找到禁止它的规定。");
  assert.equal(summarise(["self-regulation"]), "你勾选了 1 项：1 项违反行业自律规范或推荐性标准（不是法律）。");
});

test("a regulator's rule ranks between law and self-regulation and is counted as its own kind", () => {
  const ticked = [{ rule: "night", verdict: "self-regulation" }, { rule: "third", verdict: "regulation" },
    { rule: "threats", verdict: "law" }];
  assert.deepEqual(order(ticked).map((f) => f.rule), ["threats", "third", "night"]);
  assert.equal(summarise(["regulation", "none"]),
    "你勾选了 2 项：1 项可能违反监管规定（约束受监管的机构，不是法律），1 项没有找到禁止它的规定。");
});
