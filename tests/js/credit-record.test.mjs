// 征信不良记录时间计算: five years from the day after the record's end, same month and day.
import assert from "node:assert/strict";
import { test } from "node:test";

import { describe, nextDay, retentionEnd, validate } from "../../docs/assets/javascripts/tools/credit-record.js";

test("the period ends on the same month and day five years later", () => {
  assert.equal(retentionEnd("2021-03-15"), "2026-03-15");
  assert.equal(nextDay("2026-03-15"), "2026-03-16");
  assert.equal(retentionEnd("2020-12-31"), "2025-12-31");
  assert.equal(nextDay("2025-12-31"), "2026-01-01");
});

test("29 February has no counterpart five years on: the period ends on the month's last day", () => {
  assert.equal(retentionEnd("2024-02-29"), "2029-02-28");
  assert.equal(nextDay("2029-02-28"), "2029-03-01");
  assert.equal(retentionEnd("2023-02-28"), "2028-02-28"); // 2028 is a leap year; the 28th still corresponds
});

test("describe: days left, the last day itself, and an expired record", () => {
  assert.deepEqual(describe("2021-03-15", "2026-03-05"),
    { ended: "2021-03-15", end: "2026-03-15", deleteFrom: "2026-03-16", expired: false, daysLeft: 10 });
  assert.equal(describe("2021-03-15", "2026-03-15").daysLeft, 0);
  assert.equal(describe("2021-03-15", "2026-03-15").expired, false);
  assert.equal(describe("2021-03-15", "2026-03-16").expired, true);
});

test("validation: an ongoing overdue needs no date; a settled one needs a real past date", () => {
  const today = "2026-11-30";
  assert.deepEqual(validate({ status: "ongoing", ended: "" }, today), { errors: {}, values: { ongoing: true } });
  assert.equal(validate({ status: "settled", ended: "" }, today).errors.ended, "请选择结清日期。");
  assert.match(validate({ status: "settled", ended: "2027-01-01" }, today).errors.ended, /不能晚于今天/);
  assert.deepEqual(validate({ status: "settled", ended: "2022-06-30" }, today).values,
    { ongoing: false, ended: "2022-06-30" });
});
