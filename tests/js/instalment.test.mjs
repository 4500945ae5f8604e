// 分期还款计算器: hand-computed cases (see the comments for the arithmetic) and input validation.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  annualise, annuitySchedule, equalPrincipalSchedule, feeOfferSchedule, monthlyIrr, npv, validate,
} from "../../docs/assets/javascripts/tools/instalment.js";

const close = (actual, expected, tolerance, message) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message}: ${actual} is not within ${tolerance} of ${expected}`);

test("等额本息 12,000 元 / 12 期 / 年利率 12%: 1,066.19 元 a month", () => {
  // r = 1%; 1.01^12 = 1.12682503; 12000 × 0.01 × 1.12682503 / 0.12682503 = 1066.1855 → 1066.19
  const s = annuitySchedule(12000, 12, 0.12);
  assert.equal(s.payment, 1066.19);
  // month 1: interest 12000 × 1% = 120.00, principal 1066.19 − 120.00 = 946.19, left 11053.81
  assert.deepEqual(s.rows[0], { period: 1, payment: 1066.19, principal: 946.19, interest: 120, balance: 11053.81 });
  // month 2: interest 11053.81 × 1% = 110.5381 → 110.54, principal 955.65, left 10098.16
  assert.deepEqual(s.rows[1], { period: 2, payment: 1066.19, principal: 955.65, interest: 110.54, balance: 10098.16 });
  // the last month repays the 1,055.58 left plus 10.56 interest: 1,066.14
  assert.deepEqual(s.rows[11], { period: 12, payment: 1066.14, principal: 1055.58, interest: 10.56, balance: 0 });
  assert.equal(s.totalInterest, 794.23); // 11 × 1066.19 + 1066.14 − 12000
  assert.equal(s.totalPaid, 12794.23);
  close(s.rows.reduce((sum, r) => sum + r.principal, 0), 12000, 1e-6, "principal repaid");
});

test("等额本金 12,000 元 / 12 期 / 年利率 12%: 1,120 falling by 10 a month, interest 780", () => {
  // 1,000 principal a month; interest 1% of 12,000, 11,000, … 1,000 = 120 + 110 + … + 10 = 780
  const s = equalPrincipalSchedule(12000, 12, 0.12);
  assert.equal(s.rows[0].payment, 1120);
  assert.equal(s.rows[11].payment, 1010);
  s.rows.slice(1).forEach((row, i) => assert.equal(s.rows[i].payment - row.payment, 10));
  assert.equal(s.totalInterest, 780);
  assert.equal(s.rows[11].balance, 0);
});

test("no interest: equal parts, and the last month takes the rounding remainder", () => {
  const s = annuitySchedule(10000, 3, 0);
  assert.deepEqual(s.rows.map((r) => r.payment), [3333.33, 3333.33, 3333.34]);
  assert.equal(s.totalInterest, 0);
  assert.deepEqual(equalPrincipalSchedule(10000, 3, 0).rows.map((r) => r.principal), [3333.33, 3333.33, 3333.34]);
});

test("monthly-fee offer 12,000 元 / 12 期 / 0.6%: fee 72 a month, 864 in all, APR well above 7.2%", () => {
  const s = feeOfferSchedule(12000, 12, 0.006);
  assert.equal(s.fee, 72); // 12000 × 0.6%
  assert.equal(s.payment, 1072); // 1000 + 72
  assert.equal(s.totalInterest, 864); // 72 × 12
  close(s.simpleAnnualFee, 0.072, 1e-12, "fee × 12");
  // The IRR is the rate at which an annuity of 12,000 over 12 months costs exactly 1,072 a month.
  const r = s.monthlyIrr;
  close((12000 * r) / (1 - (1 + r) ** -12), 1072, 1e-6, "annuity at the IRR");
  close(s.nominalAnnual, 0.130342, 5e-6, "nominal APR = 12 × IRR");
  close(s.effectiveAnnual, 0.138418, 5e-6, "effective = (1 + IRR)^12 − 1");
  assert.ok(s.effectiveAnnual > s.nominalAnnual && s.nominalAnnual > s.simpleAnnualFee);
});

test("IRR over one month is the fee rate itself", () => {
  close(feeOfferSchedule(5000, 1, 0.02).monthlyIrr, 0.02, 1e-10, "one month");
});

test("IRR over two months matches the quadratic formula", () => {
  // 100 = 51x + 51x², x = 1/(1+r)  →  x = (−51 + √(51² + 4·51·100)) / (2·51)
  const x = (-51 + Math.sqrt(51 * 51 + 4 * 51 * 100)) / (2 * 51);
  close(monthlyIrr(100, [51, 51]), 1 / x - 1, 1e-10, "two months");
  close(npv(100, [51, 51], 1 / x - 1), 0, 1e-9, "NPV at the IRR");
});

test("a zero fee has a zero rate", () => {
  assert.equal(feeOfferSchedule(1200, 12, 0).monthlyIrr, 0);
});

test("annualise: nominal is 12 × monthly, effective compounds monthly", () => {
  const a = annualise(0.01);
  close(a.nominalAnnual, 0.12, 1e-12, "nominal");
  close(a.effectiveAnnual, 0.12682503013196977, 1e-12, "effective");
});

test("validation: clear messages for bad input, numbers as people type them are accepted", () => {
  const ok = validate({ amount: "12,000", months: "12", rateType: "annual", rate: "12" });
  assert.deepEqual(ok.values, { amount: 12000, months: 12, rate: 0.12, fee: false });
  assert.equal(validate({ amount: "１２０００", months: "１２", rateType: "fee", rate: "0.6" }).values.rate, 0.006);
  const bad = (raw) => validate({ amount: "12000", months: "12", rateType: "annual", rate: "12", ...raw }).errors;
  assert.equal(bad({ amount: "" }).amount, "请填写欠款金额。");
  assert.equal(bad({ amount: "-5" }).amount, "欠款金额不能是负数。");
  assert.equal(bad({ amount: "0" }).amount, "欠款金额要大于 0。");
  assert.match(bad({ amount: "abc" }).amount, /只填数字/);
  assert.match(bad({ amount: "1000000000" }).amount, /多输了几个 0/);
  assert.equal(bad({ months: "0" }).months, "期数至少是 1 期。");
  assert.equal(bad({ months: "61" }).months, "期数最多 60 期。");
  assert.equal(bad({ months: "1.5" }).months, "期数请填整数。");
  assert.equal(bad({ rate: "-1" }).rate, "年利率不能是负数。");
  assert.match(bad({ rate: "150" }).rate, /年利率超过 100%/);
  assert.match(bad({ rateType: "fee", rate: "12" }).rate, /月费率超过 10%/);
  assert.equal(bad({ rate: "0" }).rate, "");
  assert.equal(bad({}).amount, "");
});
