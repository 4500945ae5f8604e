// 明白账 tools — shared helpers: number and date parsing, formatting, field checks, and the small
// DOM helpers every tool page uses (error next to the field, live-region announcements).
// Pure functions come first and never touch `document`, so node's test runner can import this file.
// Nothing here stores or sends what the reader types.

const FULLWIDTH = /[０-９．，－]/g;
const FULL_TO_HALF = { "．": ".", "，": ",", "－": "-" };

/** Read a number as people type it on a phone: "12,000", "１２０００", " 0.6 ". Empty or junk → NaN. */
export function parseNumber(text) {
  if (typeof text === "number") return text;
  const ascii = String(text ?? "")
    .replace(FULLWIDTH, (c) => FULL_TO_HALF[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,\s]/g, "");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(ascii)) return NaN;
  return Number(ascii);
}

/** Round to cents, half away from zero, without binary surprises such as 1.005 → 1.00. */
export function round2(value) {
  const sign = value < 0 ? -1 : 1;
  return (sign * Math.round(Number((Math.abs(value) * 100).toPrecision(15)))) / 100;
}

const YUAN = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });

/** 1066.19 → "1,066.19" (always two decimals, for tables and totals). */
export function formatYuan(value) {
  return YUAN.format(round2(value));
}

/** 12000 → "12,000", 12000.5 → "12,000.5": for amounts quoted back in a letter. */
export function formatAmount(value) {
  return WHOLE.format(round2(value));
}

/** 0.130342 → "13.03%". */
export function formatPercent(fraction, digits = 2) {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A calendar date {year, month, day} from "YYYY-MM-DD", or null when it is not a real date. */
export function parseISODate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? "").trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate({ year, month, day }) {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The reader's own calendar day (local time), as "YYYY-MM-DD". */
export function todayISO(now = new Date()) {
  return isoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

/** STYLE.md's date form: "2026-03-15" → "2026 年 3 月 15 日". */
export function formatDateCN(iso) {
  const date = typeof iso === "string" ? parseISODate(iso) : iso;
  return date ? `${date.year} 年 ${date.month} 月 ${date.day} 日` : "";
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(fromISO, toISO) {
  const a = parseISODate(fromISO);
  const b = parseISODate(toISO);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86400000);
}

// ---- field checks: each returns "" when the value is fine, else the message shown next to the field ----

/** An amount of money in 元: required, positive (or zero when allowed), and not absurdly large. */
export function checkMoney(text, { label, required = true, allowZero = false, max = 1e9 } = {}) {
  if (String(text ?? "").trim() === "") return required ? `请填写${label}。` : "";
  const value = parseNumber(text);
  if (Number.isNaN(value)) return `${label}请只填数字，例如 12000 或 12,000.50。`;
  if (value < 0) return `${label}不能是负数。`;
  if (value === 0 && !allowZero) return `${label}要大于 0。`;
  if (value > max) return `${label}超过 ${formatAmount(max)} 元，请检查是否多输了几个 0。`;
  if (Math.round(value * 100) !== Number((value * 100).toPrecision(15))) return `${label}最多填到分（两位小数）。`;
  return "";
}

/** A whole number within [min, max], e.g. months 1–60. */
export function checkCount(text, { label, min, max, unit = "", required = true } = {}) {
  if (String(text ?? "").trim() === "") return required ? `请填写${label}。` : "";
  const value = parseNumber(text);
  if (Number.isNaN(value) || !Number.isInteger(value)) return `${label}请填整数。`;
  if (value < min) return min === 1 ? `${label}至少是 1${unit}。` : `${label}不能少于 ${min}${unit}。`;
  if (value > max) return `${label}最多 ${max}${unit}。`;
  return "";
}

/** A rate in percent: not negative, not above `max` (a typo guard, explained by `tooHigh`). */
export function checkRate(text, { label, max, tooHigh, allowZero = true } = {}) {
  if (String(text ?? "").trim() === "") return `请填写${label}。`;
  const value = parseNumber(text);
  if (Number.isNaN(value)) return `${label}请只填数字，例如 0.6。`;
  if (value < 0) return `${label}不能是负数。`;
  if (value === 0 && !allowZero) return `${label}要大于 0。`;
  if (value > max) return tooHigh;
  return "";
}

/** A real calendar date, not after today and not before `minYear` (a typo guard). */
export function checkPastDate(text, { label, today, minYear = 1950, required = true } = {}) {
  if (String(text ?? "").trim() === "") return required ? `请选择${label}。` : "";
  const date = parseISODate(text);
  if (!date) return `${label}不是有效的日期，请按“年-月-日”选择或填写。`;
  if (date.year < minYear) return `${label}早于 ${minYear} 年，请检查年份。`;
  if (isoDate(date) > today) return `${label}不能晚于今天（${formatDateCN(today)}）。`;
  return "";
}

// ---- DOM helpers (only called in the browser) ----

/** Show `message` under the field (or clear it), and mark the field for screen readers. */
export function setFieldError(field, message) {
  const box = document.getElementById(`${field.id}-error`);
  if (message) {
    field.setAttribute("aria-invalid", "true");
    if (box) {
      box.textContent = message;
      box.hidden = false;
    }
  } else {
    field.removeAttribute("aria-invalid");
    if (box) {
      box.textContent = "";
      box.hidden = true;
    }
  }
}

/**
 * Apply {fieldName: message} to the fields inside `scope` (a form, or the visible part of one); focus the
 * first problem. Returns true when all is well. `status` (a role=status element) is told how many fields
 * need fixing, so screen readers hear it too.
 */
export function showErrors(scope, errors, status) {
  let first = null;
  for (const field of scope.querySelectorAll("[id][aria-describedby]")) {
    const message = errors[field.dataset.key ?? field.name] ?? "";
    setFieldError(field, message);
    if (message && !first) first = field;
  }
  const count = Object.values(errors).filter(Boolean).length;
  if (first) {
    announce(status, `有 ${count} 处需要修改，请看输入框下方的红色提示。`);
    const target = first.matches("fieldset") ? first.querySelector("input") ?? first : first;
    target.focus();
    return false;
  }
  return true;
}

/** Put text into a live region; clearing first makes screen readers repeat an identical message. */
export function announce(region, text) {
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Create an element with text content (never innerHTML: readers' input is only ever text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A scrollable, keyboard-focusable wrapper for a wide table on a narrow phone. */
export function scrollTable(caption, headers, rows) {
  const table = el("table", { class: "mb-schedule" },
    el("caption", { text: caption }),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c, i) =>
      i === 0 ? el("th", { scope: "row", text: c }) : el("td", { text: c }))))));
  return el("div", { class: "mb-table-scroll", role: "region", "aria-label": caption, tabindex: "0" }, table);
}

/** Run `handler` on submit (the form never navigates or sends anything anywhere). */
export function onSubmit(form, handler) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    handler();
  });
}
