// 我该先做什么 — the rule engine: answers + the rules of data/guide.yml (handed over as JSON by
// mingbai/tools/guidepage.py) + the reader's date → a plan. Pure functions only, no `document`, so node's
// test runner and the Python fixture tests (tests/test_guide.py) run exactly this code. Nothing here
// stores or sends the answers.
import { daysBetween, formatDateCN, isoDate, parseISODate } from "./common.js";

/**
 * Answers, as the page collects them:
 *   { debts: ["card"], detail: { card: { overdue: "months", amount: "10k-50k" } },
 *     papers: ["payment-order"], dates: { "payment-order": "2026-03-02" }, conduct: [...], ... }
 * A skipped question is simply missing (or an empty list).
 */

/** The values a condition looks at: a question's list, or one field across every debt of a per-debt one. */
export function valuesOf(answers, name) {
  const [question, field] = name.split(".");
  const answer = answers?.[question];
  if (field) {
    if (!answer || typeof answer !== "object") return [];
    return Object.values(answer).map((debt) => debt?.[field]).filter(Boolean);
  }
  return Array.isArray(answer) ? answer : [];
}

/** One condition of a step's `when:` (data/guide.yml explains the three kinds). */
export function holds(condition, answers) {
  const values = valuesOf(answers, condition.q);
  if (condition.answered === true || condition.answered === false) return (values.length > 0) === condition.answered;
  if (condition.any?.length) return values.some((v) => condition.any.includes(v));
  if (condition.none?.length) return !values.some((v) => condition.none.includes(v));
  return true;
}

/** ISO date `days` calendar days after `iso`. */
export function addDays(iso, days) {
  const d = parseISODate(iso);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return isoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/**
 * The last day of a period of `days` days from `start` (民事诉讼法 第八十五条: the starting day is not
 * counted, so a 15-day period from 3 March ends on 18 March). A holiday at the end is not known here:
 * the page says so and the reader prepares for this date.
 */
export function periodEnd(start, days) {
  return addDays(start, days);
}

/** A deadline of the plan: its last day and days left from `today` when the reader gave a date. */
export function deadlineFor(rule, date, today) {
  if (!date || !parseISODate(date)) return { id: rule.id, date: null, end: null, daysLeft: null, passed: false };
  const end = rule.onDate ? date : periodEnd(date, rule.days);
  const daysLeft = daysBetween(today, end);
  return { id: rule.id, date, end, daysLeft, passed: daysLeft < 0 };
}

/** Problems with the dates given, {deadline id: message}: not a real date, or in the future for a receipt. */
export function checkDates(data, answers, today) {
  const errors = {};
  for (const rule of data.deadlines) {
    const value = answers.dates?.[rule.id];
    if (!value || !(answers.papers ?? []).includes(rule.paper)) continue;
    if (!parseISODate(value)) errors[rule.id] = `${rule.dateLabel}不是有效的日期，请按“年-月-日”选择。`;
    else if (!rule.onDate && value > today) errors[rule.id] = `${rule.dateLabel}不能晚于今天（${formatDateCN(today)}）。`;
    else if (value < "1990-01-01") errors[rule.id] = `${rule.dateLabel}太早了，请检查年份。`;
  }
  return errors;
}

/**
 * The plan: legal deadlines first (dated ones by their last day, earliest first, then the undated ones in
 * the file's order), then each section's steps whose conditions all hold, in the file's order, and the
 * conduct the reader ticked (for the complaints part).
 */
export function buildPlan(data, answers, today) {
  const papers = answers.papers ?? [];
  const deadlines = data.deadlines
    .filter((rule) => papers.includes(rule.paper))
    .map((rule, index) => ({ ...deadlineFor(rule, answers.dates?.[rule.id], today), index }))
    .sort((a, b) => (a.end && b.end ? a.end.localeCompare(b.end) : a.end ? -1 : b.end ? 1 : 0) || a.index - b.index)
    .map(({ index, ...deadline }) => deadline);
  const sections = {};
  for (const section of data.sections) {
    sections[section.id] = data.steps
      .filter((step) => step.section === section.id && step.when.every((c) => holds(c, answers)))
      .map((step) => step.id);
  }
  const conduct = (answers.conduct ?? []).filter((id) => data.conduct[id]);
  return { today, deadlines, sections, conduct };
}

/** "还剩 5 天" / "就是今天" / "已经过了 3 天". */
export function daysLeftText(deadline) {
  if (deadline.daysLeft == null) return "";
  if (deadline.daysLeft > 0) return `还剩 ${deadline.daysLeft} 天`;
  if (deadline.daysLeft === 0) return "就是今天";
  return `已经过了 ${-deadline.daysLeft} 天`;
}

/** One line for a deadline: what, by when, from which date. */
export function deadlineLine(rule, deadline) {
  if (!deadline.end) return `${rule.title}：没有填日期，${rule.days ? `从${rule.dateLabel.replace(/的日期$/, "")}的第二天起算 ${rule.days} 日` : "以传票写明的日期为准"}。`;
  const when = rule.onDate ? formatDateCN(deadline.end) : `${formatDateCN(deadline.end)}（${rule.dateLabel.replace(/的日期$/, "")} ${formatDateCN(deadline.date)}，${rule.days} 日）`;
  return `${rule.title}：${when}，${daysLeftText(deadline)}。`;
}

/**
 * The reader's own situation in a few lines ("欠款：信用卡（1 到 3 个月，5 万到 20 万元）"), shown above the plan
 * and in the saved copies, so a printed plan says what it was made for. Skipped questions are left out.
 */
export function summaryLines(data, answers) {
  const lines = [];
  const label = (q, value) => q.choices.find((c) => c.value === value)?.label ?? value;
  for (const q of data.questions) {
    if (q.type === "checks") {
      const values = answers[q.id] ?? [];
      if (!values.length) continue;
      const detail = data.questions.find((d) => d.type === "per-debt" && d.of === q.id);
      const items = values.map((value) => {
        const fields = detail ? answers[detail.id]?.[value] ?? {} : {};
        const parts = detail ? detail.fields.filter((f) => fields[f.id]).map((f) => label(f, fields[f.id])) : [];
        const dated = data.deadlines.filter((d) => d.paper === value && answers.dates?.[d.id]);
        parts.push(...dated.map((d) => `${d.dateLabel.replace(/的日期$/, "")} ${formatDateCN(answers.dates[d.id])}`));
        return parts.length ? `${label(q, value)}（${parts.join("，")}）` : label(q, value);
      });
      lines.push(`${SUMMARY_NAMES[q.id] ?? q.ask}：${items.join("、")}`);
    } else if (q.type === "conduct" && (answers[q.id] ?? []).length) {
      lines.push(`催收做法：勾选了 ${answers[q.id].length} 项`);
    }
  }
  return lines;
}

const SUMMARY_NAMES = { debts: "欠款", papers: "收到的材料", income: "收入变化", documents: "手上的材料" };

/** The plan as plain text, for "保存为文字", the image and the printed page's order. */
export function planText(data, plan, answers = {}, base = "") {
  const byStep = Object.fromEntries(data.steps.map((s) => [s.id, s]));
  const byDeadline = Object.fromEntries(data.deadlines.map((d) => [d.id, d]));
  const lines = [`我该先做什么：我的计划（${formatDateCN(plan.today)}）`, ""];
  const summary = summaryLines(data, answers);
  if (summary.length) lines.push("【我的情况】", ...summary, "");
  // On paper and in a saved file a link is only useful with its address: `base` is the page's own URL.
  const at = (link) => (base ? `${link.title} ${new URL(link.href, base).href}` : link.title);
  const refs = (item) => [
    ...item.read.map((r) => `  看：${at(r)}`),
    item.letter ? `  信件模板：${at(item.letter)}` : null,
    item.tool ? `  工具：${at(item.tool)}` : null,
  ].filter(Boolean);
  if (plan.deadlines.length) {
    lines.push("【先办有法定期限的事】");
    plan.deadlines.forEach((d, i) => {
      const rule = byDeadline[d.id];
      lines.push(`${i + 1}. ${deadlineLine(rule, d)}`, `  ${rule.text}`, `  错过了：${rule.missed}`);
      for (const q of rule.law) lines.push(`  ${q.cite}：${q.quote}`);
      lines.push(...refs(rule));
    });
    lines.push(`  怎么数天数：${data.counting.text}`, "");
  }
  for (const section of data.sections) {
    const ids = plan.sections[section.id];
    if (!ids.length) continue;
    lines.push(`【${section.label}】`);
    ids.forEach((id, i) => {
      const step = byStep[id];
      lines.push(`${i + 1}. ${step.title}（依据：${step.basisLabel}）`, `  ${step.text}`);
      for (const q of step.law) lines.push(`  ${q.cite}：${q.quote}`);
      lines.push(...refs(step));
    });
    if (section.id === "complain" && plan.conduct.length) {
      lines.push("  你勾选的催收做法：");
      for (const id of plan.conduct) lines.push(`  - ${data.conduct[id].ask}：${data.conduct[id].verdictLabel}`);
    }
    lines.push("");
  }
  lines.push("这份计划由明白账按你的回答在你的设备上生成，回答没有上传。具体以合同、法院文书和官方答复为准。");
  return lines.join("\n");
}

/** Break text into lines of at most `width` units (a Chinese character 2, others 1), for the image. */
export function wrapLine(text, width) {
  const out = [];
  let line = "";
  let used = 0;
  for (const char of text) {
    const size = char.charCodeAt(0) > 0xff ? 2 : 1;
    if (used + size > width && line) {
      out.push(line);
      line = "";
      used = 0;
    }
    line += char;
    used += size;
  }
  out.push(line);
  return out;
}

/** Answers read back from storage, or null when they are not ours (old shape, tampered, junk). */
export function parseSaved(text) {
  try {
    const value = JSON.parse(text);
    return value && value.version === 1 && typeof value.answers === "object" && value.answers ? value.answers : null;
  } catch {
    return null;
  }
}
