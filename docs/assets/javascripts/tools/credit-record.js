// 征信不良记录时间计算: the day a negative record's 5-year retention ends under 《征信业管理条例》第十六条.
// The period is counted like other civil periods in 《民法典》第二百零一条、第二百零二条: the day the bad
// behaviour ended is not counted, and the period ends on the same month and day five years later
// (29 February, which has no counterpart in most years, ends on 28 February).
import {
  announce, checkPastDate, daysBetween, daysInMonth, el, formatDateCN, isoDate, onSubmit, parseISODate, showErrors,
  todayISO,
} from "./common.js";

export const RETENTION_YEARS = 5;

/** The last day of the retention period that starts the day after `endedISO`. */
export function retentionEnd(endedISO, years = RETENTION_YEARS) {
  const start = parseISODate(endedISO);
  const year = start.year + years;
  return isoDate({ year, month: start.month, day: Math.min(start.day, daysInMonth(year, start.month)) });
}

/** The calendar day after `iso`. */
export function nextDay(iso) {
  const d = parseISODate(iso);
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return isoDate({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
}

/** Everything the page says about one settled record, as of `today`. */
export function describe(endedISO, today) {
  const end = retentionEnd(endedISO);
  const deleteFrom = nextDay(end);
  return { ended: endedISO, end, deleteFrom, expired: today >= deleteFrom, daysLeft: daysBetween(today, end) };
}

/** Check the form: a settled record needs a real, past date; an ongoing one needs nothing. */
export function validate(raw, today) {
  if (raw.status === "ongoing") return { errors: {}, values: { ongoing: true } };
  const errors = { ended: checkPastDate(raw.ended, { label: "结清日期", today }) };
  return { errors, values: errors.ended ? null : { ongoing: false, ended: raw.ended } };
}

// ---- page ----

function setup(form) {
  const status = document.getElementById("cr-status");
  const output = document.getElementById("cr-result");
  const body = document.getElementById("cr-result-body");
  const dateField = document.getElementById("cr-ended-field");
  const today = todayISO();
  const dateInput = document.getElementById("cr-ended");
  dateInput.max = today;
  const syncStatus = () => {
    dateField.hidden = form.elements.status.value === "ongoing";
  };
  for (const radio of form.elements.status) radio.addEventListener("change", syncStatus);
  syncStatus();
  onSubmit(form, () => {
    const { errors, values } = validate(Object.fromEntries(new FormData(form)), today);
    if (!showErrors(form, errors, status)) {
      output.hidden = true;
      return;
    }
    body.replaceChildren();
    let summary;
    if (values.ongoing) {
      summary = "欠款还没有还清，5 年保存期限一般还没有开始计算。";
      body.append(
        el("p", { class: "mb-verdict", text: summary }),
        el("p", { text: "第十六条的 5 年从不良行为或者事件终止之日起算。逾期还在继续，就还没有“终止”。"
          + "越早还清或和贷款机构达成还款安排，5 年就越早开始计算。还清以后，再回来填结清日期。" }),
      );
    } else {
      const r = describe(values.ended, today);
      summary = `保存期限到 ${formatDateCN(r.end)}届满，从 ${formatDateCN(r.deleteFrom)}起应当删除。`;
      body.append(
        el("dl", { class: "mb-facts" },
          el("dt", { text: "不良行为终止（结清）日期" }), el("dd", { text: formatDateCN(r.ended) }),
          el("dt", { text: "5 年保存期限届满日" }), el("dd", { text: formatDateCN(r.end) }),
          el("dt", { text: "应当删除的日期（超过 5 年）" }), el("dd", { text: `${formatDateCN(r.deleteFrom)}起` })),
        r.expired
          ? el("p", { class: "mb-verdict", text: `今天已经超过 5 年保存期限。如果你的信用报告上还有这条不良信息，`
            + "可以依照《征信业管理条例》第二十五条提出异议，要求删除。" })
          : el("p", { class: "mb-verdict", text: r.daysLeft === 0
            ? "今天是保存期限的最后一天。"
            : `距离保存期限届满还有 ${r.daysLeft} 天。` }),
      );
    }
    output.hidden = false;
    announce(status, `计算完成。${summary}`);
  });
  form.addEventListener("reset", () => {
    output.hidden = true;
    showErrors(form, {}, status);
    window.setTimeout(syncStatus, 0);
  });
}

if (typeof document !== "undefined") {
  const form = document.getElementById("cr-form");
  if (form) setup(form);
}
