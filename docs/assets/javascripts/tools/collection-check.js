// 催收行为自查: the questions and every answer are rendered at build time from data/collection_rules.yml
// (mingbai/toolpages.py); this module only shows the answers for what the reader ticked, most serious
// first, and says how many of each kind there are.
import { announce, onSubmit } from "./common.js";

export const ORDER = ["law", "regulation", "self-regulation", "none"];
export const LABELS = {
  law: "可能违法",
  regulation: "可能违反监管规定（约束受监管的机构，不是法律）",
  "self-regulation": "违反行业自律规范或推荐性标准（不是法律）",
  none: "没有找到禁止它的规定",
};

/** Ticked findings, most serious kind first, keeping the page's order within a kind. */
export function order(findings) {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => ORDER.indexOf(a.finding.verdict) - ORDER.indexOf(b.finding.verdict) || a.index - b.index)
    .map(({ finding }) => finding);
}

/** "你勾选了 3 项：1 项可能违法，……" — counts per kind, kinds with none left out. */
export function summarise(verdicts) {
  const parts = ORDER.map((kind) => [kind, verdicts.filter((v) => v === kind).length])
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} 项${LABELS[kind]}`);
  return `你勾选了 ${verdicts.length} 项：${parts.join("，")}。`;
}

function setup(form) {
  const status = document.getElementById("mb-collection-status");
  const output = document.getElementById("mb-collection-result");
  const list = document.getElementById("mb-findings");
  const summary = document.getElementById("mb-collection-summary");
  const error = document.getElementById("mb-collection-error");
  const sections = [...list.querySelectorAll(".mb-finding")];
  const byRule = Object.fromEntries(sections.map((s) => [s.dataset.rule, s]));
  onSubmit(form, () => {
    const ticked = [...form.querySelectorAll('input[name="rule"]:checked')].map((box) => box.value);
    if (!ticked.length) {
      error.textContent = "请至少勾选一项你遇到的情况。";
      error.hidden = false;
      output.hidden = true;
      announce(status, error.textContent);
      form.querySelector('input[name="rule"]').focus();
      return;
    }
    error.hidden = true;
    for (const section of sections) section.hidden = true;
    const shown = order(ticked.map((rule) => ({ rule, verdict: byRule[rule].dataset.verdict })));
    for (const { rule } of shown) {
      list.append(byRule[rule]);
      byRule[rule].hidden = false;
    }
    const text = summarise(shown.map((f) => f.verdict));
    summary.textContent = text;
    output.hidden = false;
    announce(status, `${text}结果在下方。`);
    output.focus();
  });
  form.addEventListener("reset", () => {
    output.hidden = true;
    error.hidden = true;
  });
  // A search result links to one finding (#finding-<rule>-title): tick it and show it, not a hidden section.
  const linked = /^finding-(.+)-title$/.exec(decodeURIComponent(window.location.hash.slice(1)));
  const box = linked && form.querySelector(`input[name="rule"][value="${CSS.escape(linked[1])}"]`);
  if (box) {
    box.checked = true;
    form.requestSubmit();
    document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }
}

if (typeof document !== "undefined") {
  const form = document.getElementById("mb-collection-form");
  if (form) setup(form);
}
