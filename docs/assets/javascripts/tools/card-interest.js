// 信用卡利息估算: simple daily interest on an unpaid bill, at the daily rate in the reader's own contract.
// Since 2021 each card's rate (and whether and how a 违约金 is charged) is set by its contract, so the
// page pre-fills no rate and shows two readings of "what the interest is charged on" side by side.
import {
  announce, checkCount, checkMoney, checkRate, el, formatPercent, formatYuan, onSubmit, parseNumber, round2,
  showErrors,
} from "./common.js";

export const MAX_DAYS = 3650;
export const UNITS = { wan: 10000, percent: 100 }; // 万分之 n → n/10000; n% → n/100
const MAX_RATE = { wan: 100, percent: 1 }; // 1% a day: only a typo guard, not a legal limit

/** Interest at `dailyRate` for `days` days, on the unpaid part and (for comparison) on the whole bill. */
export function estimateInterest({ bill, repaid, days, dailyRate }) {
  const unpaid = round2(bill - repaid);
  return {
    unpaid,
    onUnpaid: round2(unpaid * dailyRate * days),
    onWholeBill: round2(bill * dailyRate * days),
    simpleAnnual: dailyRate * 365,
  };
}

/** Check the raw form values; returns {errors, values} with the daily rate as a fraction. */
export function validate(raw) {
  const unit = raw.unit === "percent" ? "percent" : "wan";
  const errors = {
    bill: checkMoney(raw.bill, { label: "账单金额" }),
    repaid: checkMoney(raw.repaid, { label: "已还金额", allowZero: true }),
    days: checkCount(raw.days, { label: "逾期天数", min: 1, max: MAX_DAYS, unit: " 天" }),
    rate: checkRate(raw.rate, {
      label: "日利率", max: MAX_RATE[unit], allowZero: false,
      tooHigh: unit === "wan"
        ? "日利率超过万分之 100（也就是 1%）很不寻常。请检查：合同写“日利率万分之几”，单位选“万分之”，这里只填那个数字。"
        : "日利率超过 1% 很不寻常。请检查是不是把年利率填进来了，或者单位选错了。",
    }),
  };
  if (!errors.bill && !errors.repaid && parseNumber(raw.repaid) >= parseNumber(raw.bill)) {
    errors.repaid = "已还金额要小于账单金额；已经全部还清的，不需要估算逾期利息。";
  }
  const ok = !Object.values(errors).some(Boolean);
  return {
    errors,
    values: ok ? {
      bill: parseNumber(raw.bill), repaid: parseNumber(raw.repaid), days: parseNumber(raw.days),
      dailyRate: parseNumber(raw.rate) / UNITS[unit],
    } : null,
  };
}

// ---- page ----

function setup(form) {
  const status = document.getElementById("ci-status");
  const output = document.getElementById("ci-result");
  const body = document.getElementById("ci-result-body");
  onSubmit(form, () => {
    const { errors, values } = validate(Object.fromEntries(new FormData(form)));
    if (!showErrors(form, errors, status)) {
      output.hidden = true;
      return;
    }
    const r = estimateInterest(values);
    body.replaceChildren(
      el("dl", { class: "mb-facts" },
        el("dt", { text: "未还部分" }), el("dd", { text: `${formatYuan(r.unpaid)} 元` }),
        el("dt", { text: "估算利息：只按未还部分计息" }), el("dd", { text: `约 ${formatYuan(r.onUnpaid)} 元` }),
        el("dt", { text: "估算利息：按全部账单金额计息" }), el("dd", { text: `约 ${formatYuan(r.onWholeBill)} 元` }),
        el("dt", { text: "你的日利率按 365 天折算的年利率（单利）" }), el("dd", { text: formatPercent(r.simpleAnnual) })),
      el("p", { class: "mb-note", text: "哪一种计息方式适用、从哪天开始计息、是否计收复利，以你的信用卡领用合约为准。"
        + "以上估算不含违约金、复利、年费和分期手续费。" }),
    );
    output.hidden = false;
    announce(status, `估算完成。只按未还部分计息，利息约 ${formatYuan(r.onUnpaid)} 元；`
      + `按全部账单金额计息，约 ${formatYuan(r.onWholeBill)} 元。不含违约金和复利。`);
  });
  form.addEventListener("reset", () => {
    output.hidden = true;
    showErrors(form, {}, status);
  });
}

if (typeof document !== "undefined") {
  const form = document.getElementById("ci-form");
  if (form) setup(form);
}
