// 信件模板: filling templates, optional parts, conditional basis and evidence, and field validation.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BLANK, applies, buildLetter, fillTemplate, letterText, validateLetter,
} from "../../docs/assets/javascripts/tools/letters.js";

const LETTER = {
  id: "demo", title: "示例信", sign: "申请人",
  body: "{to}：\n\n本人 {name}[[（卡号后四位：{card}）]]，欠款约 {balance} 元。{problem}\n\n[[电话：{phone}。]]",
  fields: [
    { id: "to", label: "寄给谁", type: "select", choices: [
      { value: "centre", label: "征信中心", text: "中国人民银行征信中心" },
      { value: "provider", label: "报送机构", text: "{institution}" }] },
    { id: "institution", label: "机构", type: "text", required: true },
    { id: "name", label: "你的姓名", type: "text", required: true },
    { id: "card", label: "卡号后四位", type: "digits", min: 4, max: 4 },
    { id: "balance", label: "欠款合计（元）", type: "money", required: true },
    { id: "months", label: "期数", type: "count", min: 1, max: 60 },
    { id: "problem", label: "问题", type: "select", choices: [{ value: "late", label: "逾期不对", text: "逾期时间不对。" }] },
    { id: "how", label: "方式", type: "checks", required: true,
      choices: [{ value: "call", label: "打电话" }, { value: "sms", label: "发短信" }] },
    { id: "phone", label: "电话", type: "phone" },
    { id: "since", label: "开始日期", type: "date" },
  ],
  legal: [
    { cite: "《甲法》第一条", quote: "总是适用。", when: null },
    { cite: "《乙法》第二条", quote: "只在寄给机构时适用。", when: { field: "to", in: ["provider"] } },
  ],
  evidence: [
    { text: "身份证复印件", when: null },
    { text: "结清证明", when: { field: "to", in: ["provider"] } },
    { text: "信用报告", when: null },
  ],
};
const VALUES = { to: "provider", institution: "某银行", name: "张三", card: "", balance: "12000", months: "",
  problem: "late", how: ["call"], phone: "", since: "" };

test("placeholders are filled, optional parts without a value vanish, missing required ones leave a blank", () => {
  assert.equal(fillTemplate("A{x}[[B{y}]]C{z}", { x: "1", y: "", z: "" }), `A1C${BLANK}`);
  assert.equal(fillTemplate("[[B{y}，{x}]]", { x: "1", y: "2" }), "B2，1");
});

test("a built letter: nested choice text, money formatting, conditional basis and evidence", () => {
  const built = buildLetter(LETTER, VALUES, "2026-11-30", [0, 1]);
  assert.deepEqual(built.paragraphs, [["某银行："], ["本人 张三，欠款约 12,000 元。逾期时间不对。"]]);
  assert.deepEqual(built.legal.map((q) => q.cite), ["《甲法》第一条", "《乙法》第二条"]);
  assert.deepEqual(built.evidence, ["身份证复印件", "结清证明"]);
  assert.equal(built.sign, "申请人：张三");
  assert.equal(built.date, "日期：2026 年 11 月 30 日");
  const centre = buildLetter(LETTER, { ...VALUES, to: "centre", card: "1234", phone: "13800000000" }, "2026-11-30");
  assert.equal(centre.paragraphs[0][0], "中国人民银行征信中心：");
  assert.match(centre.paragraphs[1][0], /（卡号后四位：1234）/);
  assert.deepEqual(centre.paragraphs[2], ["电话：13800000000。"]);
  assert.deepEqual(centre.legal.map((q) => q.cite), ["《甲法》第一条"]);
  assert.deepEqual(centre.evidence, ["身份证复印件", "信用报告"]);
});

test("the plain text carries the quotes verbatim and numbers the evidence", () => {
  const text = letterText(buildLetter(LETTER, VALUES, "2026-11-30"));
  assert.ok(text.startsWith("示例信\n\n某银行："));
  assert.ok(text.includes("法律依据：\n《甲法》第一条：“总是适用。”\n《乙法》第二条：“只在寄给机构时适用。”"));
  assert.ok(text.includes("附件：\n1. 身份证复印件\n2. 结清证明\n3. 信用报告"));
  assert.ok(text.endsWith("申请人：张三\n日期：2026 年 11 月 30 日"));
});

test("conditions", () => {
  assert.equal(applies(null, {}), true);
  assert.equal(applies({ field: "to", in: ["provider"] }, { to: "centre" }), false);
});

test("validation messages name the problem", () => {
  const today = "2026-11-30";
  const errors = (values) => validateLetter(LETTER, { ...VALUES, ...values }, today);
  assert.deepEqual(Object.values(errors({})).filter(Boolean), []);
  assert.equal(errors({ name: " " }).name, "请填写你的姓名。");
  assert.equal(errors({ balance: "-100" }).balance, "欠款合计不能是负数。");
  assert.equal(errors({ card: "12a4" }).card, "请填 4 位数字。");
  assert.equal(errors({ months: "61" }).months, "请填 1 到 60 之间的整数。");
  assert.equal(errors({ how: [] }).how, "请至少勾选一项。");
  assert.match(errors({ phone: "call me" }).phone, /电话号码/);
  assert.match(errors({ since: "2027-01-01" }).since, /不能晚于今天/);
});
