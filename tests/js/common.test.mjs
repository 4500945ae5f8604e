// Shared helpers of the tools: parsing, rounding, formatting and field checks.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  checkCount, checkMoney, checkPastDate, daysBetween, formatAmount, formatDateCN, formatPercent, formatYuan,
  parseISODate, parseNumber, round2, todayISO,
} from "../../docs/assets/javascripts/tools/common.js";

test("parseNumber reads commas, spaces and full-width digits, and rejects junk", () => {
  assert.equal(parseNumber("12,000.50"), 12000.5);
  assert.equal(parseNumber(" １２，０００．５ "), 12000.5);
  assert.equal(parseNumber("-3"), -3);
  for (const junk of ["", "12元", "1e5", "1.2.3", "--1"]) assert.ok(Number.isNaN(parseNumber(junk)), junk);
});

test("round2 rounds half away from zero without binary surprises", () => {
  assert.equal(round2(1.005), 1.01);
  assert.equal(round2(110.5381), 110.54);
  assert.equal(round2(-2.675), -2.68);
  assert.equal(round2(0.1 + 0.2), 0.3);
});

test("formatting follows the site's style", () => {
  assert.equal(formatYuan(1066.185), "1,066.19");
  assert.equal(formatYuan(12000), "12,000.00");
  assert.equal(formatAmount(12000), "12,000");
  assert.equal(formatPercent(0.130342), "13.03%");
  assert.equal(formatDateCN("2026-03-05"), "2026 年 3 月 5 日");
});

test("dates: only real calendar days, local today, whole days between", () => {
  assert.deepEqual(parseISODate("2024-02-29"), { year: 2024, month: 2, day: 29 });
  assert.equal(parseISODate("2026-02-29"), null);
  assert.equal(parseISODate("2026-13-01"), null);
  assert.equal(todayISO(new Date(2026, 10, 30, 23, 59)), "2026-11-30");
  assert.equal(daysBetween("2026-11-30", "2027-11-30"), 365);
  assert.equal(daysBetween("2028-03-01", "2028-02-28"), -2);
});

test("field checks say what is wrong", () => {
  assert.equal(checkMoney("12.345", { label: "金额" }), "金额最多填到分（两位小数）。");
  assert.equal(checkMoney("0", { label: "已还金额", allowZero: true }), "");
  assert.equal(checkMoney("", { label: "金额", required: false }), "");
  assert.equal(checkCount("7", { label: "期数", min: 1, max: 6, unit: " 期" }), "期数最多 6 期。");
  const today = "2026-11-30";
  assert.equal(checkPastDate("2026-12-01", { label: "结清日期", today }), "结清日期不能晚于今天（2026 年 11 月 30 日）。");
  assert.equal(checkPastDate("2026-11-30", { label: "结清日期", today }), "");
  assert.match(checkPastDate("1900-01-01", { label: "结清日期", today }), /请检查年份/);
  assert.match(checkPastDate("2026-02-30", { label: "结清日期", today }), /不是有效的日期/);
  assert.equal(checkPastDate("", { label: "结清日期", today }), "请选择结清日期。");
});
