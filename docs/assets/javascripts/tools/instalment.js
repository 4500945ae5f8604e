// 分期还款计算器: 等额本息, 等额本金, and a "monthly fee" offer with its IRR-based annual rate.
// Amounts are rounded to cents row by row, the way a repayment schedule is printed, and the last row
// takes whatever rounding left over so the principal repaid adds up exactly.
import {
  announce, checkCount, checkMoney, checkRate, el, formatPercent, formatYuan, onSubmit, parseNumber, round2,
  scrollTable, showErrors,
} from "./common.js";

export const MAX_MONTHS = 60;
export const MAX_AMOUNT = 100_000_000;
export const MAX_ANNUAL_RATE = 100; // percent a year: only a typo guard, not a legal limit
export const MAX_MONTHLY_FEE = 10; // percent a month: only a typo guard, not a legal limit

/** 等额本息: the same payment every month; interest on the remaining balance at annualRate/12. */
export function annuitySchedule(principal, months, annualRate) {
  const r = annualRate / 12;
  const payment = round2(r === 0 ? principal / months : (principal * r) / (1 - (1 + r) ** -months));
  const rows = [];
  let balance = principal;
  for (let period = 1; period <= months; period += 1) {
    const interest = round2(balance * r);
    const repaid = period === months ? balance : round2(payment - interest);
    balance = round2(balance - repaid);
    rows.push({ period, payment: round2(repaid + interest), principal: repaid, interest, balance });
  }
  return summarise(principal, rows, { payment });
}

/** 等额本金: the same principal every month plus interest on what is left, so payments fall. */
export function equalPrincipalSchedule(principal, months, annualRate) {
  const r = annualRate / 12;
  const part = round2(principal / months);
  const rows = [];
  let balance = principal;
  for (let period = 1; period <= months; period += 1) {
    const interest = round2(balance * r);
    const repaid = period === months ? balance : part;
    balance = round2(balance - repaid);
    rows.push({ period, payment: round2(repaid + interest), principal: repaid, interest, balance });
  }
  return summarise(principal, rows, {});
}

/**
 * A "monthly fee" offer: each month principal/months plus a fee of monthlyFeeRate on the ORIGINAL
 * principal. The fee never falls although the debt does, which is why the real rate is higher.
 */
export function feeOfferSchedule(principal, months, monthlyFeeRate) {
  const fee = round2(principal * monthlyFeeRate);
  const part = round2(principal / months);
  const rows = [];
  let balance = principal;
  for (let period = 1; period <= months; period += 1) {
    const repaid = period === months ? balance : part;
    balance = round2(balance - repaid);
    rows.push({ period, payment: round2(repaid + fee), principal: repaid, interest: fee, balance });
  }
  const result = summarise(principal, rows, { payment: rows[0].payment });
  const monthly = monthlyIrr(principal, rows.map((row) => row.payment));
  return { ...result, fee, monthlyIrr: monthly, ...annualise(monthly), simpleAnnualFee: monthlyFeeRate * 12 };
}

function summarise(principal, rows, extra) {
  const totalInterest = round2(rows.reduce((sum, row) => sum + row.interest, 0));
  return { ...extra, principal, rows, totalInterest, totalPaid: round2(principal + totalInterest) };
}

/** Net present value at monthly rate r of receiving `principal` now and paying `payments` monthly. */
export function npv(principal, payments, r) {
  return payments.reduce((sum, pay, i) => sum + pay / (1 + r) ** (i + 1), 0) - principal;
}

/**
 * The monthly internal rate of return: the r at which the payments are worth exactly the principal.
 * NPV falls as r rises (all payments are positive), so bisection always converges; hand-written
 * because it is ten lines and no library is loaded on these pages.
 */
export function monthlyIrr(principal, payments) {
  const total = payments.reduce((a, b) => a + b, 0);
  if (total <= principal) return total === principal ? 0 : NaN;
  let low = 0;
  let high = 1;
  while (npv(principal, payments, high) > 0) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-13; i += 1) {
    const mid = (low + high) / 2;
    if (npv(principal, payments, mid) > 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Nominal APR (12 × monthly) and effective annual rate ((1 + monthly)^12 − 1). */
export function annualise(monthly) {
  return { nominalAnnual: monthly * 12, effectiveAnnual: (1 + monthly) ** 12 - 1 };
}

/** Check the raw form values; returns {errors, values} with numbers in natural units (rates as fractions). */
export function validate(raw) {
  const fee = raw.rateType === "fee";
  const errors = {
    amount: checkMoney(raw.amount, { label: "欠款金额", max: MAX_AMOUNT }),
    months: checkCount(raw.months, { label: "期数", min: 1, max: MAX_MONTHS, unit: " 期" }),
    rate: fee
      ? checkRate(raw.rate, {
        label: "月费率", max: MAX_MONTHLY_FEE,
        tooHigh: `月费率超过 ${MAX_MONTHLY_FEE}% 很不寻常，请检查是不是把年利率或金额填进了这一栏。`,
      })
      : checkRate(raw.rate, {
        label: "年利率", max: MAX_ANNUAL_RATE,
        tooHigh: `年利率超过 ${MAX_ANNUAL_RATE}% 很不寻常，请检查是不是把金额或别的数字填进了这一栏。`,
      }),
  };
  const ok = !Object.values(errors).some(Boolean);
  const values = ok
    ? { amount: parseNumber(raw.amount), months: parseNumber(raw.months), rate: parseNumber(raw.rate) / 100, fee }
    : null;
  return { errors, values };
}

// ---- page ----

const HEADERS = ["期数", "还款", "其中本金", "其中利息", "剩余本金"];
const FEE_HEADERS = ["期数", "还款", "其中本金", "其中手续费", "剩余本金"];

function tableRows(rows) {
  return rows.map((r) => [`第 ${r.period} 期`, formatYuan(r.payment), formatYuan(r.principal),
    formatYuan(r.interest), formatYuan(r.balance)]);
}

function facts(pairs) {
  return el("dl", { class: "mb-facts" }, pairs.map(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
}

function schedule(summary, caption, headers = HEADERS) {
  return el("details", { class: "mb-details" }, el("summary", { text: `查看每期明细：${caption}` }),
    scrollTable(caption, headers, tableRows(summary.rows)));
}

function renderAnnual(out, { amount, months, rate }) {
  const a = annuitySchedule(amount, months, rate);
  const b = equalPrincipalSchedule(amount, months, rate);
  const last = a.rows[a.rows.length - 1].payment;
  out.append(
    el("h3", { text: "等额本息：每月还款一样多" }),
    facts([
      ["每月还款", `${formatYuan(a.payment)} 元${last !== a.payment ? `（最后一期 ${formatYuan(last)} 元）` : ""}`],
      ["利息合计", `${formatYuan(a.totalInterest)} 元`],
      ["还款合计", `${formatYuan(a.totalPaid)} 元`],
    ]),
    schedule(a, "等额本息"),
    el("h3", { text: "等额本金：每月本金一样多，还款逐月减少" }),
    facts([
      ["第 1 期还款", `${formatYuan(b.rows[0].payment)} 元`],
      [`第 ${months} 期还款`, `${formatYuan(b.rows[b.rows.length - 1].payment)} 元`],
      ["利息合计", `${formatYuan(b.totalInterest)} 元`],
      ["还款合计", `${formatYuan(b.totalPaid)} 元`],
    ]),
    schedule(b, "等额本金"),
    el("p", { class: "mb-note", text: "两种方式的年利率相同。等额本金前期还的本金多，后面占用的钱少，所以利息合计更少，但头几个月压力更大。" }),
  );
  return `等额本息每月还 ${formatYuan(a.payment)} 元，利息合计 ${formatYuan(a.totalInterest)} 元；`
    + `等额本金第 1 期还 ${formatYuan(b.rows[0].payment)} 元，以后逐月减少，利息合计 ${formatYuan(b.totalInterest)} 元。`;
}

function renderFee(out, { amount, months, rate }) {
  const c = feeOfferSchedule(amount, months, rate);
  out.append(
    el("h3", { text: "按月收手续费：每月还款一样多" }),
    facts([
      ["每月还款", `${formatYuan(c.payment)} 元（本金约 ${formatYuan(c.rows[0].principal)} 元 + 手续费 ${formatYuan(c.fee)} 元）`],
      ["手续费合计", `${formatYuan(c.totalInterest)} 元`],
      ["还款合计", `${formatYuan(c.totalPaid)} 元`],
      ["月费率 × 12（看上去的年费率）", formatPercent(c.simpleAnnualFee)],
      ["折算的月利率（IRR）", formatPercent(c.monthlyIrr)],
      ["名义年化利率（月 IRR × 12）", formatPercent(c.nominalAnnual)],
      ["实际年化利率（按月复利：(1 + 月 IRR)^12 − 1）", formatPercent(c.effectiveAnnual)],
    ]),
    el("p", { class: "mb-note", text: "手续费每月都按最初的全部欠款收，可你每月都在还本金，实际占用的钱越来越少。"
      + "把手续费折算成利率（IRR），才能和按年利率报价的方案比较。" }),
    schedule(c, "按月收手续费", FEE_HEADERS),
  );
  return `每月还 ${formatYuan(c.payment)} 元，手续费合计 ${formatYuan(c.totalInterest)} 元；`
    + `折算的名义年化利率 ${formatPercent(c.nominalAnnual)}，实际年化利率 ${formatPercent(c.effectiveAnnual)}。`;
}

function setup(form) {
  const status = document.getElementById("inst-status");
  const output = document.getElementById("inst-result");
  const body = document.getElementById("inst-result-body");
  const rateLabel = document.getElementById("inst-rate-label");
  const rateHint = document.getElementById("inst-rate-hint");
  const syncRateLabel = () => {
    const fee = form.elements.rateType.value === "fee";
    rateLabel.textContent = fee ? "月费率（%）" : "年利率（%）";
    rateHint.textContent = fee
      ? "每月按最初欠款收取的手续费比例，例如合同写“每期手续费率 0.6%”，就填 0.6。"
      : "合同或借款页面写的年利率（年化利率），例如 12% 就填 12。没有利息填 0。";
  };
  for (const radio of form.elements.rateType) radio.addEventListener("change", syncRateLabel);
  syncRateLabel();
  onSubmit(form, () => {
    const raw = Object.fromEntries(new FormData(form));
    const { errors, values } = validate(raw);
    if (!showErrors(form, errors, status)) {
      output.hidden = true;
      return;
    }
    body.replaceChildren();
    const summary = values.fee ? renderFee(body, values) : renderAnnual(body, values);
    output.hidden = false;
    announce(status, `计算完成。${summary}`);
  });
  form.addEventListener("reset", () => {
    output.hidden = true;
    showErrors(form, {}, status);
    window.setTimeout(syncRateLabel, 0);
  });
}

if (typeof document !== "undefined") {
  const form = document.getElementById("inst-form");
  if (form) setup(form);
}
