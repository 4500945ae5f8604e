// 信件模板生成器: fills a letter template (data/letters.yml, embedded in the page as JSON) with what the
// reader typed, adds the verbatim legal basis and the evidence list, and offers copy and print.
// The letter is built with text nodes only, so nothing the reader types can become markup.
import {
  announce, checkMoney, checkPastDate, el, formatAmount, formatDateCN, onSubmit, parseNumber, showErrors, todayISO,
} from "./common.js";

export const BLANK = "＿＿＿＿＿＿";
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
const OPTIONAL = /\[\[([\s\S]*?)\]\]/g;
const MAX_TEXT = 1000;

/** Does a `when` condition ({field, in: [...]}) hold for these values? No condition always holds. */
export function applies(when, values) {
  return !when || when.in.includes(values[when.field]);
}

/** Replace {name} with its text; drop a [[...]] part when any name inside it has no text. */
export function fillTemplate(template, texts) {
  const kept = template.replace(OPTIONAL, (_, part) =>
    [...part.matchAll(PLACEHOLDER)].every((m) => texts[m[1]]) ? part : "");
  return kept.replace(PLACEHOLDER, (_, name) => texts[name] || BLANK);
}

function baseLabel(field) {
  return field.label.replace(/（[^）]*）$/, "");
}

/** The words one field puts into the letter ("" when the reader left it empty). */
export function fieldText(field, value) {
  if (field.type === "checks") {
    const chosen = new Set(value ?? []);
    return field.choices.filter((c) => chosen.has(c.value)).map((c) => c.label).join("、");
  }
  const text = String(value ?? "").trim();
  if (!text) return "";
  if (field.type === "money") return formatAmount(parseNumber(text));
  if (field.type === "date") return formatDateCN(text);
  if (field.type === "select") {
    const choice = field.choices.find((c) => c.value === text);
    return choice ? choice.text || choice.label : "";
  }
  return text;
}

/** The letter as data: title, paragraphs (each a list of lines), legal basis, evidence, signature. */
export function buildLetter(letter, values, today, evidenceChosen = null) {
  const texts = { today: formatDateCN(today) };
  for (const field of letter.fields) texts[field.id] = fieldText(field, values[field.id]);
  for (const field of letter.fields.filter((f) => f.type === "select")) {
    texts[field.id] = fillTemplate(texts[field.id], texts);
  }
  const paragraphs = fillTemplate(letter.body, texts).trim().split(/\n\s*\n/)
    .map((p) => p.split("\n").map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length);
  const legal = letter.legal.filter((q) => applies(q.when, values)).map(({ cite, quote }) => ({ cite, quote }));
  const evidence = letter.evidence
    .map((item, index) => ({ ...item, index }))
    .filter((item) => applies(item.when, values) && (!evidenceChosen || evidenceChosen.includes(item.index)))
    .map((item) => item.text);
  return {
    title: letter.title, paragraphs, legal, evidence,
    sign: `${letter.sign}：${texts.name || BLANK}`, date: `日期：${texts.today}`,
  };
}

/** Plain text of a built letter, for copying into a message, an e-mail or a complaint form. */
export function letterText(built) {
  const parts = [built.title, ...built.paragraphs.map((lines) => lines.join("\n"))];
  if (built.legal.length) {
    parts.push(["法律依据：", ...built.legal.map((q) => `${q.cite}：“${q.quote}”`)].join("\n"));
  }
  if (built.evidence.length) {
    parts.push(["附件：", ...built.evidence.map((text, i) => `${i + 1}. ${text}`)].join("\n"));
  }
  parts.push(`${built.sign}\n${built.date}`);
  return parts.join("\n\n");
}

/** {fieldId: message} for one letter's values; an empty message means the field is fine. */
export function validateLetter(letter, values, today) {
  const errors = {};
  for (const field of letter.fields) {
    const value = values[field.id];
    const label = baseLabel(field);
    const empty = field.type === "checks" ? !(value && value.length) : String(value ?? "").trim() === "";
    if (empty) {
      if (field.required) errors[field.id] = field.type === "checks" ? "请至少勾选一项。" : `请填写${label}。`;
      continue;
    }
    const text = String(value).trim();
    let message = "";
    if (field.type === "money") message = checkMoney(text, { label });
    else if (field.type === "date") message = checkPastDate(text, { label, today });
    else if (field.type === "count") {
      const n = parseNumber(text);
      const min = field.min ?? 1;
      const max = field.max ?? 1000;
      if (!Number.isInteger(n) || n < min || n > max) message = `请填 ${min} 到 ${max} 之间的整数。`;
    } else if (field.type === "digits") {
      const min = field.min ?? 1;
      const max = field.max ?? 30;
      if (!/^\d+$/.test(text) || text.length < min || text.length > max) {
        message = min === max ? `请填 ${min} 位数字。` : `请填 ${min} 到 ${max} 位数字。`;
      }
    } else if (field.type === "phone") {
      if (!/^[0-9+\-() ]{5,20}$/.test(text)) message = "电话号码只能包含数字、空格和 + - ( )，5 到 20 位。";
    } else if (text.length > MAX_TEXT) {
      message = `最多写 ${MAX_TEXT} 个字，现在是 ${text.length} 个。`;
    }
    if (message) errors[field.id] = message;
  }
  return errors;
}

// ---- page ----

function render(built) {
  return [
    el("h2", { class: "mb-letter__title", text: built.title }),
    built.paragraphs.map((lines) => el("p", {}, lines.flatMap((line, i) => (i ? [el("br"), line] : [line])))),
    built.legal.length ? el("div", { class: "mb-letter__basis" }, el("p", {}, el("strong", { text: "法律依据" })),
      built.legal.map((q) => el("p", {}, `${q.cite}：“${q.quote}”`))) : null,
    built.evidence.length ? el("div", { class: "mb-letter__evidence" }, el("p", {}, el("strong", { text: "附件" })),
      el("ol", {}, built.evidence.map((text) => el("li", { text })))) : null,
    el("p", { class: "mb-letter__sign" }, built.sign, el("br"), built.date),
  ];
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { class: "mb-offscreen", "aria-hidden": "true", tabindex: "-1" });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function setup(form, data) {
  const status = document.getElementById("mb-letter-status");
  const output = document.getElementById("mb-letter-output");
  const sheet = document.getElementById("mb-letter-text");
  const byId = Object.fromEntries(data.letters.map((letter) => [letter.id, letter]));
  const current = () => form.elements.letter.value;
  const box = (id) => form.querySelector(`.mb-letter-fields[data-letter="${id}"]`);
  const readValues = (letter) => {
    const scope = box(letter.id);
    const values = {};
    for (const field of letter.fields) {
      values[field.id] = field.type === "checks"
        ? [...scope.querySelectorAll(`input[name="${field.id}"]:checked`)].map((i) => i.value)
        : document.getElementById(`${letter.id}-${field.id}`).value;
    }
    return values;
  };
  const syncConditions = () => {
    const letter = byId[current()];
    const values = readValues(letter);
    for (const item of box(letter.id).querySelectorAll("[data-when-field]")) {
      item.hidden = !item.dataset.whenIn.split(" ").includes(values[item.dataset.whenField]);
    }
  };
  const hideLetter = () => {
    output.hidden = true;
    delete document.body.dataset.mbPrint;
  };
  const syncLetter = () => {
    for (const fieldset of form.querySelectorAll(".mb-letter-fields")) fieldset.hidden = fieldset.dataset.letter !== current();
    hideLetter();
    syncConditions();
  };
  for (const radio of form.elements.letter) radio.addEventListener("change", syncLetter);
  // The guide (我该先做什么) links one letter as #pick-<id>: choose it, not only scroll to it.
  const pickFromHash = () => {
    const picked = /^#pick-([a-z0-9-]+)$/.exec(window.location.hash);
    const pick = picked && [...form.elements.letter].find((radio) => radio.value === picked[1]);
    if (pick && !pick.checked) {
      pick.checked = true;
      return true;
    }
    return false;
  };
  pickFromHash();
  window.addEventListener("hashchange", () => {
    if (pickFromHash()) syncLetter();
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("select")) syncConditions();
  });
  syncLetter();
  let text = "";
  onSubmit(form, () => {
    const letter = byId[current()];
    const values = readValues(letter);
    const today = todayISO();
    if (!showErrors(box(letter.id), validateLetter(letter, values, today), status)) {
      hideLetter();
      return;
    }
    const chosen = [...box(letter.id).querySelectorAll('input[name="evidence"]:checked')]
      .filter((input) => !input.closest(".mb-check").hidden).map((input) => Number(input.value));
    const built = buildLetter(letter, values, today, chosen);
    text = letterText(built);
    sheet.replaceChildren(...render(built).flat().filter(Boolean));
    output.hidden = false;
    document.body.dataset.mbPrint = "letter";
    announce(status, `已生成「${letter.title}」，在下方。可以复制全文，或者打印。`);
    output.focus();
  });
  document.getElementById("mb-letter-copy").addEventListener("click", async () => {
    announce(status, (await copyText(text)) ? "已复制全文。" : "没能自动复制，请长按信件文字，手动选择后复制。");
  });
  document.getElementById("mb-letter-print").addEventListener("click", () => window.print());
}

if (typeof document !== "undefined") {
  const form = document.getElementById("mb-letter-form");
  const json = document.getElementById("mb-letters-data");
  if (form && json) setup(form, JSON.parse(json.textContent));
}
