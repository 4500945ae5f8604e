// 我该先做什么 — the page: one question a screen (each skippable), then the plan from guide-plan.js.
// The answers stay in this page: nothing is sent, and they are stored only when the reader presses
// 「在这台设备上保存回答」(localStorage, one key), removed again by 「忘掉我的回答」.
import { announce, el, formatDateCN, setFieldError, todayISO } from "./common.js";
import {
  buildPlan, checkDates, daysLeftText, deadlineLine, parseSaved, planText, summaryLines, wrapLine,
} from "./guide-plan.js";

export const STORAGE_KEY = "mingbai-guide-answers";
const PASSED = "按你填的日期，这个期限已经过了。尽快联系法院，问还能做什么；有正当理由耽误的，可以在障碍消除后 10 日内申请顺延。";

function readAnswers(form, data) {
  const answers = {};
  for (const q of data.questions) {
    if (q.type === "checks" || q.type === "conduct") {
      const ticked = [...form.querySelectorAll(`input[name="${q.id}"]:checked`)].map((box) => box.value);
      if (ticked.length) answers[q.id] = ticked;
    } else if (q.type === "per-debt") {
      const debts = answers[q.of] ?? [];
      const detail = {};
      for (const debt of debts) {
        for (const field of q.fields) {
          const value = form.elements[`${q.id}.${debt}.${field.id}`]?.value;
          if (value) (detail[debt] ??= {})[field.id] = value;
        }
      }
      if (Object.keys(detail).length) answers[q.id] = detail;
    } else if (q.type === "dates") {
      const papers = answers[q.of] ?? [];
      const dates = {};
      for (const rule of data.deadlines) {
        const value = form.elements[`date.${rule.id}`]?.value;
        if (value && papers.includes(rule.paper)) dates[rule.id] = value;
      }
      if (Object.keys(dates).length) answers.dates = dates;
    }
  }
  return answers;
}

function writeAnswers(form, data, answers) {
  form.reset();
  for (const q of data.questions) {
    if (q.type === "checks" || q.type === "conduct") {
      for (const box of form.querySelectorAll(`input[name="${q.id}"]`)) box.checked = (answers[q.id] ?? []).includes(box.value);
    } else if (q.type === "per-debt") {
      for (const [debt, fields] of Object.entries(answers[q.id] ?? {})) {
        for (const [field, value] of Object.entries(fields)) {
          const select = form.elements[`${q.id}.${debt}.${field}`];
          if (select) select.value = value;
        }
      }
    } else if (q.type === "dates") {
      for (const [id, value] of Object.entries(answers.dates ?? {})) {
        const input = form.elements[`date.${id}`];
        if (input) input.value = value;
      }
    }
  }
}

function links(item) {
  // data-url: the full address, printed after the link on paper (mingbai.css), where a link cannot be tapped.
  const a = (link) => el("a", { href: link.href, "data-url": new URL(link.href, window.location.href).href, text: link.title });
  const parts = item.read.map((r) => el("li", {}, "文章：", a(r)));
  if (item.letter) parts.push(el("li", {}, "信件模板：", a(item.letter)));
  if (item.tool) parts.push(el("li", {}, "工具：", a(item.tool)));
  return parts.length ? el("ul", { class: "mb-guide__links" }, parts) : null;
}

function quotes(item) {
  return item.law.map((q) => [el("p", { class: "mb-source", text: q.cite }), el("blockquote", {}, el("p", { text: q.quote }))]);
}

function renderPlan(data, plan, answers) {
  const byStep = Object.fromEntries(data.steps.map((s) => [s.id, s]));
  const byDeadline = Object.fromEntries(data.deadlines.map((d) => [d.id, d]));
  const parts = [];
  const summary = summaryLines(data, answers);
  if (summary.length) {
    parts.push(el("h3", { text: "我的情况" }), el("ul", { class: "mb-guide__summary" }, summary.map((line) => el("li", { text: line }))));
  }
  if (plan.deadlines.length) {
    parts.push(el("h3", { text: "先办有法定期限的事" }));
    parts.push(el("ol", { class: "mb-guide__steps" }, plan.deadlines.map((d) => {
      const rule = byDeadline[d.id];
      const urgent = d.end && d.daysLeft <= 3;
      return el("li", { class: `mb-guide__deadline${urgent ? " mb-guide__deadline--urgent" : ""}`, "data-deadline": d.id },
        el("p", {}, el("strong", { text: rule.title })),
        el("p", { class: "mb-guide__when", text: d.end ? `${rule.endLabel}：${formatDateCN(d.end)}（${daysLeftText(d)}）` : deadlineLine(rule, d) }),
        d.passed ? el("p", { class: "mb-guide__passed", text: rule.passedText || PASSED }) : null,
        el("p", { text: rule.text }),
        el("p", {}, el("strong", { text: "错过了会怎样：" }), rule.missed),
        quotes(rule), links(rule));
    })));
    parts.push(el("p", { class: "mb-note" }, el("strong", { text: "怎么数天数：" }), data.counting.text,
      `（${[...new Set(data.counting.law.map((q) => q.cite))].join("、")}）`));
  }
  for (const section of data.sections) {
    const ids = plan.sections[section.id];
    if (!ids.length) continue;
    parts.push(el("h3", { text: section.label }));
    parts.push(el("ol", { class: "mb-guide__steps", "data-section": section.id }, ids.map((id) => {
      const step = byStep[id];
      return el("li", { "data-step": id },
        el("p", {}, el("strong", { text: step.title })),
        el("p", { text: step.text }),
        el("p", { class: `mb-guide__basis mb-guide__basis--${step.basis}`, text: `依据：${step.basisLabel}${step.note ? `。${step.note}` : ""}` }),
        step.standards.map((s) => el("p", { class: "mb-note", text: `${s.name}：${s.summary}` })),
        quotes(step), links(step));
    })));
    if (section.id === "complain" && plan.conduct.length) {
      parts.push(el("p", { text: "你勾选的催收做法（点开看依据和怎么做）：" }));
      parts.push(el("ul", {}, plan.conduct.map((id) => el("li", {},
        el("a", { href: data.conduct[id].href, text: data.conduct[id].ask }), `：${data.conduct[id].verdictLabel}`))));
    }
  }
  return parts;
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The plan drawn as a tall PNG (1080 px wide, phone-photo friendly), from its text. */
function planImage(text) {
  const width = 1080;
  const margin = 56;
  const size = 30;
  const lineHeight = 46;
  const perLine = Math.floor(((width - 2 * margin) / size) * 2);
  const lines = text.split("\n").flatMap((line) => (line ? wrapLine(line, perLine) : [""]));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = margin * 2 + lines.length * lineHeight;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#1a1a1a";
  ctx.textBaseline = "top";
  lines.forEach((line, i) => {
    ctx.font = `${/^【|^我该先做什么/.test(line) ? "bold " : ""}${size}px "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
    ctx.fillText(line, margin, margin + i * lineHeight);
  });
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

function setup(root, data) {
  const form = document.getElementById("mb-guide-form");
  const status = document.getElementById("mb-guide-status");
  const output = document.getElementById("mb-guide-plan");
  const body = document.getElementById("mb-guide-plan-body");
  const made = document.getElementById("mb-guide-made");
  const keepNote = document.getElementById("mb-guide-keep-note");
  const screens = [...form.querySelectorAll(".mb-guide__q")];
  let current = 0;
  let plan = null;
  let shown = {};
  document.getElementById("mb-guide-nojs").hidden = true;
  form.hidden = false;

  function sync() {
    const answers = readAnswers(form, data);
    for (const box of form.querySelectorAll(".mb-guide__debt")) box.hidden = !(answers.debts ?? []).includes(box.dataset.debt);
    for (const field of form.querySelectorAll("[data-paper]")) field.hidden = !(answers.papers ?? []).includes(field.dataset.paper);
    for (const empty of form.querySelectorAll("[data-empty-for]")) {
      const screen = empty.closest(".mb-guide__q");
      empty.hidden = [...screen.querySelectorAll(".mb-guide__debt, [data-paper]")].some((node) => !node.hidden);
    }
  }

  function show(index, focus = true) {
    current = Math.max(0, Math.min(index, screens.length - 1));
    sync();
    screens.forEach((screen, i) => { screen.hidden = i !== current; });
    if (focus) {
      const target = [...screens[current].querySelectorAll("input, select")].find((node) => !node.closest("[hidden]"));
      (target ?? screens[current].querySelector("[data-go=next], [type=submit]"))?.focus();
      screens[current].scrollIntoView({ block: "start" });
    }
  }

  function clearScreen(screen) {
    for (const input of screen.querySelectorAll("input[type=checkbox]")) input.checked = false;
    for (const input of screen.querySelectorAll("select, input[type=date]")) input.value = "";
  }

  function showPlan(answers, note) {
    const today = todayISO();
    plan = buildPlan(data, answers, today);
    body.replaceChildren(...renderPlan(data, plan, answers).flat(Infinity).filter(Boolean));
    shown = answers;
    made.textContent = `按你的回答在 ${formatDateCN(today)} 生成。${note ?? ""}`;
    form.hidden = true;
    output.hidden = false;
    document.body.dataset.mbPrint = "guide"; // printing now prints the plan alone, on A4 (mingbai.css)
    const count = plan.deadlines.length;
    announce(status, count ? `计划已生成：有 ${count} 个法定期限要先办，在下方。` : "计划已生成，在下方。");
    output.focus();
  }

  form.addEventListener("change", sync);
  form.addEventListener("click", (event) => {
    const go = event.target.closest("[data-go]")?.dataset.go;
    if (!go) return;
    if (go === "skip") clearScreen(screens[current]);
    show(current + (go === "back" ? -1 : 1));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (current < screens.length - 1) { // Enter in a date field before the last screen: go on, don't finish
      show(current + 1);
      return;
    }
    const answers = readAnswers(form, data);
    const errors = checkDates(data, answers, todayISO());
    let firstBad = null;
    for (const rule of data.deadlines) {
      const input = form.elements[`date.${rule.id}`];
      setFieldError(input, errors[rule.id] ?? "");
      if (errors[rule.id] && !firstBad) firstBad = input;
    }
    if (firstBad) {
      show(screens.indexOf(firstBad.closest(".mb-guide__q")), false);
      firstBad.focus();
      announce(status, "有日期需要修改，请看输入框下方的红色提示。");
      return;
    }
    showPlan(answers);
  });

  document.getElementById("mb-guide-edit").addEventListener("click", () => {
    delete document.body.dataset.mbPrint;
    output.hidden = true;
    form.hidden = false;
    show(0);
  });
  document.getElementById("mb-guide-print").addEventListener("click", () => window.print());
  const fileName = (ext) => `我的计划-${plan.today}.${ext}`;
  document.getElementById("mb-guide-text").addEventListener("click", () => {
    download(new Blob([planText(data, plan, shown, window.location.href)], { type: "text/plain;charset=utf-8" }), fileName("txt"));
    announce(status, "已保存为文字文件，在手机的“下载”里可以找到。");
  });
  document.getElementById("mb-guide-image").addEventListener("click", async () => {
    const blob = await planImage(planText(data, plan, shown, window.location.href));
    if (blob) download(blob, fileName("png"));
    announce(status, blob ? "已保存为图片，在手机的“下载”或相册里可以找到。" : "这个浏览器没能生成图片，请用“保存为文字”或截图。");
  });
  document.getElementById("mb-guide-keep").addEventListener("click", () => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, answers: readAnswers(form, data) }));
      keepNote.textContent = "已保存在这台设备的这个浏览器里（没有上传）。不想留了，按“忘掉我的回答”。";
      announce(status, "回答已保存在这台设备上。");
    } catch {
      announce(status, "这个浏览器不允许保存（可能是无痕模式）。可以用“保存为文字”留一份。");
    }
  });
  document.getElementById("mb-guide-forget").addEventListener("click", () => {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // storage unavailable: nothing was stored
    }
    form.reset();
    delete document.body.dataset.mbPrint;
    plan = null;
    shown = {};
    body.replaceChildren();
    output.hidden = true;
    form.hidden = false;
    keepNote.textContent = "你的回答已经清除，这台设备上也没有保存。";
    show(0);
    announce(status, "已忘掉你的回答：页面和这台设备上都清除了。");
  });

  let saved = null;
  try {
    saved = parseSaved(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    saved = null;
  }
  if (saved) {
    writeAnswers(form, data, saved);
    sync();
    keepNote.textContent = "这些回答保存在这台设备上。不想留了，按“忘掉我的回答”。";
    showPlan(saved, "（读取了保存在这台设备上的回答）");
    return;
  }
  const start = /^#start-(.+)$/.exec(window.location.hash);
  const at = start ? screens.findIndex((s) => s.dataset.q === start[1]) : -1;
  show(at > 0 ? at : 0, at > 0);
}

if (typeof document !== "undefined") {
  const root = document.getElementById("mb-guide");
  const json = document.getElementById("mb-guide-data");
  if (root && json) setup(root, JSON.parse(json.textContent));
}
