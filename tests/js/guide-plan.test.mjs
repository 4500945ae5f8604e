// 我该先做什么: conditions, day counting (民事诉讼法 第八十五条), the order of the plan, its text.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  addDays, buildPlan, checkDates, daysLeftText, deadlineFor, holds, parseSaved, periodEnd, planText, summaryLines, valuesOf,
  wrapLine,
} from "../../docs/assets/javascripts/tools/guide-plan.js";

const DATA = {
  questions: [
    { id: "debts", type: "checks", ask: "欠哪几种", choices: [{ value: "card", label: "信用卡" }, { value: "online", label: "网贷" }] },
    { id: "detail", type: "per-debt", of: "debts", ask: "多少", choices: [], fields: [
      { id: "overdue", label: "逾期多久", choices: [{ value: "long", label: "3 个月以上" }] },
      { id: "amount", label: "多少", choices: [{ value: "10k-50k", label: "1 万到 5 万元" }] }] },
    { id: "papers", type: "checks", ask: "材料", choices: [{ value: "payment-order", label: "支付令" }, { value: "summons", label: "传票" }] },
    { id: "conduct", type: "conduct", ask: "催收", choices: [{ value: "threats", label: "威胁" }] },
  ],
  deadlines: [
    { id: "order", paper: "payment-order", dateLabel: "收到支付令的日期", days: 15, onDate: false, title: "异议",
      text: "t", missed: "m", law: [{ cite: "《民事诉讼法》第二百二十七条", quote: "q" }], read: [], letter: null, tool: null },
    { id: "hearing", paper: "summons", dateLabel: "传票上写的开庭日期", days: null, onDate: true, title: "到庭",
      text: "t", missed: "m", law: [], read: [], letter: null, tool: null },
  ],
  sections: [{ id: "week", label: "这周先做" }, { id: "dont", label: "不要做" }, { id: "complain", label: "去哪里投诉" }],
  steps: [
    { id: "a", section: "week", title: "A", text: "ta", basisLabel: "法律规定", law: [], read: [{ title: "文", href: "x/" }],
      letter: null, tool: null, when: [{ q: "debts", any: ["card"] }] },
    { id: "b", section: "week", title: "B", text: "tb", basisLabel: "通常做法", law: [], read: [], letter: null, tool: null,
      when: [{ q: "detail.overdue", any: ["long"] }] },
    { id: "c", section: "dont", title: "C", text: "tc", basisLabel: "通常做法", law: [], read: [], letter: null, tool: null, when: [] },
    { id: "d", section: "complain", title: "D", text: "td", basisLabel: "通常做法", law: [], read: [], letter: null,
      tool: null, when: [{ q: "conduct", answered: true }] },
  ],
  conduct: { threats: { ask: "威胁", verdictLabel: "可能违法", href: "#" } },
  counting: { text: "第一天不算。", law: [] },
};

test("a period's first day is not counted: 15 days from 2 March end on 17 March", () => {
  assert.equal(periodEnd("2026-03-02", 15), "2026-03-17");
  assert.equal(periodEnd("2026-12-20", 15), "2027-01-04"); // across the year
  assert.equal(periodEnd("2028-02-20", 10), "2028-03-01"); // leap February
  assert.equal(periodEnd("2026-07-01", 30), "2026-07-31");
  assert.equal(addDays("2026-02-28", 1), "2026-03-01");
});

test("deadlines: days left, the last day itself, passed, and no date given", () => {
  const rule = DATA.deadlines[0];
  assert.deepEqual(deadlineFor(rule, "2026-03-02", "2026-03-10"),
    { id: "order", date: "2026-03-02", end: "2026-03-17", daysLeft: 7, passed: false });
  assert.equal(daysLeftText(deadlineFor(rule, "2026-03-02", "2026-03-17")), "就是今天");
  assert.equal(daysLeftText(deadlineFor(rule, "2026-03-02", "2026-03-20")), "已经过了 3 天");
  assert.equal(deadlineFor(rule, "", "2026-03-20").end, null);
  assert.equal(deadlineFor(DATA.deadlines[1], "2026-04-20", "2026-04-01").end, "2026-04-20");
});

test("conditions: any, none, answered, and a field across every debt", () => {
  const answers = { debts: ["card", "online"], detail: { card: { overdue: "days" }, online: { overdue: "long" } } };
  assert.deepEqual(valuesOf(answers, "detail.overdue"), ["days", "long"]);
  assert.ok(holds({ q: "debts", any: ["online"] }, answers));
  assert.ok(!holds({ q: "debts", none: ["card"] }, answers));
  assert.ok(holds({ q: "papers", none: ["judgment"] }, answers)); // skipped: nothing to exclude
  assert.ok(holds({ q: "detail.overdue", any: ["long"] }, answers));
  assert.ok(!holds({ q: "conduct", answered: true }, answers));
  assert.ok(holds({ q: "conduct", answered: false }, answers));
});

test("the plan: dated deadlines by their last day, then undated; steps in the file's order", () => {
  const answers = { debts: ["card"], detail: { card: { overdue: "long" } }, papers: ["summons", "payment-order"],
    dates: { hearing: "2026-03-12" }, conduct: ["threats", "unknown"] };
  const plan = buildPlan(DATA, answers, "2026-03-10");
  assert.deepEqual(plan.deadlines.map((d) => [d.id, d.end]), [["hearing", "2026-03-12"], ["order", null]]);
  assert.deepEqual(plan.sections, { week: ["a", "b"], dont: ["c"], complain: ["d"] });
  assert.deepEqual(plan.conduct, ["threats"]);
  const dated = buildPlan(DATA, { ...answers, dates: { hearing: "2026-03-30", order: "2026-03-02" } }, "2026-03-10");
  assert.deepEqual(dated.deadlines.map((d) => d.id), ["order", "hearing"]);
});

test("dates are checked: real, and a receipt not in the future", () => {
  const answers = { papers: ["payment-order", "summons"], dates: { order: "2026-03-11", hearing: "2026-04-01" } };
  assert.deepEqual(checkDates(DATA, answers, "2026-03-10"), { order: "收到支付令的日期不能晚于今天（2026 年 3 月 10 日）。" });
  assert.match(checkDates(DATA, { papers: ["payment-order"], dates: { order: "2026-02-30" } }, "2026-03-10").order,
    /不是有效的日期/);
});

test("the text version lists deadlines with their date, sections and links", () => {
  const plan = buildPlan(DATA, { debts: ["card"], papers: ["payment-order"], dates: { order: "2026-03-02" } }, "2026-03-10");
  const text = planText(DATA, plan);
  assert.match(text, /^我该先做什么：我的计划（2026 年 3 月 10 日）/);
  assert.match(text, /1\. 异议：2026 年 3 月 17 日（收到支付令 2026 年 3 月 2 日，15 日），还剩 7 天。/);
  assert.match(text, /《民事诉讼法》第二百二十七条：q/);
  assert.match(text, /【这周先做】\n1\. A（依据：法律规定）\n  ta\n  看：文/);
  assert.ok(text.indexOf("【先办有法定期限的事】") < text.indexOf("【这周先做】"));
  assert.ok(!text.includes("【去哪里投诉】"));
});

test("image lines wrap by width, Chinese characters counting double", () => {
  assert.deepEqual(wrapLine("一二三四五", 4), ["一二", "三四", "五"]);
  assert.deepEqual(wrapLine("ab一c", 3), ["ab", "一c"]);
});

test("saved answers are read back only in our own shape", () => {
  assert.deepEqual(parseSaved(JSON.stringify({ version: 1, answers: { debts: ["card"] } })), { debts: ["card"] });
  assert.equal(parseSaved("not json"), null);
  assert.equal(parseSaved(null), null);
  assert.equal(parseSaved(JSON.stringify({ version: 2, answers: {} })), null);
});

test("the reader's situation is summed up for the printed and saved plan, skipped questions left out", () => {
  const answers = { debts: ["card", "online"], detail: { card: { overdue: "long", amount: "10k-50k" } },
    papers: ["payment-order"], dates: { order: "2026-03-02" }, conduct: ["threats"] };
  assert.deepEqual(summaryLines(DATA, answers), [
    "欠款：信用卡（3 个月以上，1 万到 5 万元）、网贷",
    "收到的材料：支付令（收到支付令 2026 年 3 月 2 日）",
    "催收做法：勾选了 1 项",
  ]);
  assert.deepEqual(summaryLines(DATA, {}), []);
  const text = planText(DATA, buildPlan(DATA, answers, "2026-03-10"), answers);
  assert.match(text, /【我的情况】\n欠款：信用卡/);
});

test("saved and printed copies give each link's full address", () => {
  const plan = buildPlan(DATA, { debts: ["card"] }, "2026-03-10");
  const text = planText(DATA, plan, {}, "https://example.org/tools/guide/");
  assert.match(text, /  看：文 https:\/\/example\.org\/tools\/guide\/x\//);
});
