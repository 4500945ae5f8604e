// 信用卡利息估算: simple daily interest on the unpaid part and on the whole bill.
import assert from "node:assert/strict";
import { test } from "node:test";

import { estimateInterest, validate } from "../../docs/assets/javascripts/tools/card-interest.js";

test("8,000 unpaid × 0.03% × 30 days = 72.00; the whole 10,000 bill gives 90.00", () => {
  const r = estimateInterest({ bill: 10000, repaid: 2000, days: 30, dailyRate: 0.0003 });
  assert.equal(r.unpaid, 8000);
  assert.equal(r.onUnpaid, 72);
  assert.equal(r.onWholeBill, 90);
  assert.ok(Math.abs(r.simpleAnnual - 0.1095) < 1e-12); // 0.03% × 365
});

test("cents are rounded: 1,234.56 × 0.035% × 17 days = 7.3456… → 7.35", () => {
  assert.equal(estimateInterest({ bill: 1234.56, repaid: 0, days: 17, dailyRate: 0.00035 }).onUnpaid, 7.35);
});

test("the daily rate is read in 万分之 or in percent", () => {
  const base = { bill: "10000", repaid: "0", days: "30" };
  assert.equal(validate({ ...base, unit: "wan", rate: "3" }).values.dailyRate, 0.0003);
  assert.equal(validate({ ...base, unit: "percent", rate: "0.03" }).values.dailyRate, 0.0003);
});

test("validation catches what would make the estimate meaningless", () => {
  const errors = (raw) => validate({ bill: "10000", repaid: "0", days: "30", unit: "wan", rate: "3", ...raw }).errors;
  assert.equal(errors({ repaid: "10000" }).repaid, "已还金额要小于账单金额；已经全部还清的，不需要估算逾期利息。");
  assert.equal(errors({ repaid: "-1" }).repaid, "已还金额不能是负数。");
  assert.equal(errors({ days: "0" }).days, "逾期天数至少是 1 天。");
  assert.equal(errors({ days: "4000" }).days, "逾期天数最多 3650 天。");
  assert.equal(errors({ rate: "0" }).rate, "日利率要大于 0。");
  assert.match(errors({ rate: "500" }).rate, /很不寻常/);
  assert.match(errors({ unit: "percent", rate: "18" }).rate, /年利率/);
  assert.deepEqual(Object.values(errors({})).filter(Boolean), []);
});
