"""HTML for the tool pages that are generated from data: the collection self-check and the letters.

A tool page asks for its generated part with a marker such as ``<!-- mingbai:tool collection-check -->``.
The self-check is rendered here in full (questions and every answer, hidden until ticked), so the
rules and law quotes are plain HTML that search indexes and screen readers read without JavaScript;
the browser module only shows the answers that were ticked. The letters need the reader's input, so
their form is rendered here and their templates are handed over as JSON in the page.
Everything is escaped here, because raw HTML passes through Markdown untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape
from pathlib import Path

from .frontmatter import FrontMatterError, parse
from .letterdata import Condition, Field, Letter
from .links import resolve
from .pages import MarkerError
from .render import chinese_date
from .tooldata import Quote
from .tools import VERDICTS, RuleBook, ToolData
from .urls import page_url, relative_url

# Regulators' rules first: they bind the institutions they govern; self-regulation does not (REVIEW.md item 3).
TIER_LABELS = {
    "regulation": "监管规定（约束受监管的机构，不是法律，是投诉的有力依据）",
    "self-regulation": "行业自律规范和推荐性标准（不是法律，可作为投诉依据）",
}
TOOL_MARKER = re.compile(r"<!--\s*mingbai:tool\s+([a-z-]+)\s*-->")
INPUT_MODES = {"money": "decimal", "count": "numeric", "digits": "numeric", "phone": "tel"}


def _href(page_uri: str, target: str) -> str:
    """The built URL of a ``.md`` link, relative to the built page (raw HTML is not rewritten by MkDocs)."""
    return relative_url(page_url(page_uri), page_url(resolve(page_uri, target) or target))


def _title(docs: Path, page_uri: str, target: str) -> str:
    """The linked page's front-matter title, so links read as what they lead to."""
    uri = resolve(page_uri, target) or target
    try:
        title = parse((docs / uri).read_text(encoding="utf-8")).data.get("title")
    except (OSError, FrontMatterError):
        title = None
    return str(title) if title else uri


def _links(docs: Path, page_uri: str, targets: list[str] | tuple[str, ...], label: str) -> str:
    if not targets:
        return ""
    items = "".join(f'<li><a href="{escape(_href(page_uri, t))}">{escape(_title(docs, page_uri, t))}</a></li>'
                    for t in targets)
    return f'<p class="mb-finding__label">{escape(label)}</p><ul class="mb-list mb-tool__links">{items}</ul>'


def _quote(quote: Quote) -> str:
    return (f'<p class="mb-source">{escape(quote.cite)}</p>'
            f"<blockquote><p>{escape(quote.quote)}</p></blockquote>")


def collection_check(rules: RuleBook, page_uri: str, docs: Path) -> str:
    """The self-check form (one checkbox per conduct, grouped) and every finding, hidden until ticked."""
    out = ['<form id="mb-collection-form" class="mb-tool" method="dialog" autocomplete="off" novalidate>']
    if rules.reviewed:
        out.append(f'<p class="mb-tool__reviewed">规则最后核对：<time datetime="{escape(rules.reviewed)}">'
                   f"{escape(_chinese(rules.reviewed))}</time></p>")
    for group_id, label in rules.groups:
        out.append(f'<fieldset class="mb-checks" data-group="{escape(group_id)}"><legend>{escape(label)}</legend>')
        for rule in (r for r in rules.rules if r.group == group_id):
            box = f"rule-{rule.id}"
            out.append(f'<div class="mb-check"><input type="checkbox" id="{box}" name="rule" value="{escape(rule.id)}">'
                       f'<label for="{box}">{escape(rule.ask)}</label></div>')
        out.append("</fieldset>")
    out.append('<p class="mb-field__error" id="mb-collection-error" hidden></p>'
               '<div class="mb-tool__buttons"><button type="submit" class="md-button md-button--primary">查看结果'
               '</button><button type="reset" class="md-button">全部清空</button></div></form>'
               '<div class="mb-tool__status" id="mb-collection-status" role="status" aria-live="polite"></div>'
               '<section class="mb-tool__result" id="mb-collection-result" aria-labelledby="mb-collection-heading"'
               ' tabindex="-1" hidden><h2 id="mb-collection-heading">自查结果</h2>'
               '<p class="mb-verdict" id="mb-collection-summary"></p><div id="mb-findings">')
    for rule in rules.rules:
        out.append(f'<section class="mb-finding mb-finding--{rule.verdict}" id="finding-{rule.id}" '
                   f'data-rule="{escape(rule.id)}" data-verdict="{rule.verdict}" '
                   f'aria-labelledby="finding-{rule.id}-title" hidden>'
                   f'<h3 id="finding-{rule.id}-title">{escape(rule.ask)}</h3>'
                   f'<p class="mb-verdict mb-verdict--{rule.verdict}"><strong>结论：{escape(VERDICTS[rule.verdict])}'
                   f"</strong></p><p>{escape(rule.finding)}</p>")
        if rule.law:
            out.append('<p class="mb-finding__label">法律原文</p>' + "".join(_quote(q) for q in rule.law))
        for tier, label in TIER_LABELS.items():
            refs = [ref for ref in rule.standards if ref.standard.tier == tier]
            if not refs:
                continue
            out.append(f'<p class="mb-finding__label">{label}</p><ul>')
            for ref in refs:
                said = f"规定：「{escape(ref.quote)}」" if ref.quote else f"的要求：{escape(ref.summary)}"
                std = ref.standard
                out.append(f"<li>据报道，{escape(std.name)}（{escape(std.kind)}，适用于{escape(std.scope)}）{said}"
                           f'<br><span class="mb-note">{escape(std.note)}</span></li>')
            out.append("</ul>")
        if rule.actions:
            out.append('<p class="mb-finding__label">怎么做</p><ol>'
                       + "".join(f"<li>{escape(a)}</li>" for a in rule.actions) + "</ol>")
        out.append(_links(docs, page_uri, rule.read, "相关文章") + "</section>")
    out.append("</div></section>")
    return "\n".join(out) + "\n"


def _chinese(iso: str) -> str:
    try:
        return chinese_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def _field(letter: Letter, field: Field) -> str:
    """One labelled input with its hint and an (empty) error message, tied together for screen readers."""
    fid = f"{letter.id}-{field.id}"
    need = '<span class="mb-req">（必填）</span>' if field.required else '<span class="mb-opt">（可不填）</span>'
    described = " ".join(x for x in (f"{fid}-hint" if field.hint else "", f"{fid}-error") if x)
    attrs = (f'id="{fid}" name="{escape(field.id)}" data-type="{field.type}" aria-describedby="{described}"'
             + (' required aria-required="true"' if field.required else "")
             + (f' data-min="{field.min}"' if field.min is not None else "")
             + (f' data-max="{field.max}"' if field.max is not None else ""))
    hint = f'<p class="mb-field__hint" id="{fid}-hint">{escape(field.hint)}</p>' if field.hint else ""
    error = f'<p class="mb-field__error" id="{fid}-error" hidden></p>'
    if field.type == "checks":
        boxes = "".join(f'<div class="mb-check"><input type="checkbox" id="{fid}-{i}" name="{escape(field.id)}" '
                        f'value="{escape(c.value)}"><label for="{fid}-{i}">{escape(c.label)}</label></div>'
                        for i, c in enumerate(field.choices))
        return (f'<fieldset class="mb-field mb-checks" id="{fid}" data-key="{escape(field.id)}" data-type="checks" '
                f'aria-describedby="{described}">'
                f"<legend>{escape(field.label)}{need}</legend>{hint}{boxes}{error}</fieldset>")
    if field.type == "select":
        options = "".join(f'<option value="{escape(c.value)}"{" selected" if c.value == field.default else ""}>'
                          f"{escape(c.label)}</option>" for c in field.choices)
        control = f"<select {attrs}>{options}</select>"
    elif field.type == "textarea":
        control = f'<textarea {attrs} rows="3"></textarea>'
    elif field.type == "date":
        control = f'<input type="date" {attrs}>'
    else:
        mode = INPUT_MODES.get(field.type)
        kind = "tel" if field.type == "phone" else "text"
        control = f'<input type="{kind}" {attrs}' + (f' inputmode="{mode}"' if mode else "") + ">"
    return (f'<div class="mb-field"><label for="{fid}">{escape(field.label)}{need}</label>'
            f"{hint}{control}{error}</div>")


def _condition(condition: Condition | None) -> dict[str, object] | None:
    return None if condition is None else {"field": condition.field, "in": list(condition.values)}


def letters_data(letters: list[Letter]) -> str:
    """The templates as JSON for the browser module, safe inside a ``<script>`` element."""
    data = [{
        "id": letter.id, "title": letter.title, "sign": letter.sign, "body": letter.body,
        "fields": [{"id": f.id, "label": f.label, "type": f.type, "required": f.required, "min": f.min, "max": f.max,
                    "choices": [{"value": c.value, "label": c.label, "text": c.text} for c in f.choices]}
                   for f in letter.fields],
        "legal": [{"cite": q.cite, "quote": q.quote, "when": _condition(c)} for q, c in letter.legal],
        "evidence": [{"text": t, "when": _condition(c)} for t, c in letter.evidence],
    } for letter in letters]
    text = json.dumps({"letters": data}, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")  # no "</script>" or "<!--" can end or confuse the element


def letters_form(letters: list[Letter], page_uri: str, docs: Path) -> str:
    """The letter picker, each letter's notes, fields and evidence, the output area and the JSON."""
    out = ['<form id="mb-letter-form" class="mb-tool" method="dialog" autocomplete="off" novalidate>',
           '<fieldset class="mb-checks mb-letter-pick"><legend>第一步：选一种信</legend>']
    for i, letter in enumerate(letters):
        checked = " checked" if i == 0 else ""
        out.append(f'<div class="mb-check"><input type="radio" id="pick-{letter.id}" name="letter" '
                   f'value="{escape(letter.id)}"{checked}><label for="pick-{letter.id}"><strong>'
                   f"{escape(letter.title)}</strong><br>{escape(letter.summary)}</label></div>")
    out.append("</fieldset>")
    for i, letter in enumerate(letters):
        hidden = "" if i == 0 else " hidden"
        out.append(f'<fieldset class="mb-letter-fields" data-letter="{escape(letter.id)}"{hidden}>'
                   f"<legend>第二步：填写「{escape(letter.title)}」</legend>")
        if letter.notes:
            out.append('<div class="mb-letter-notes"><p class="mb-finding__label">写之前请先看</p><ul>'
                       + "".join(f"<li>{escape(n)}</li>" for n in letter.notes) + "</ul>"
                       + _links(docs, page_uri, letter.read, "相关文章") + "</div>")
        out += [_field(letter, f) for f in letter.fields]
        out.append('<fieldset class="mb-checks mb-evidence"><legend>附件：勾选你会随信附上的材料</legend>')
        for j, (text, condition) in enumerate(letter.evidence):
            when = (f' data-when-field="{escape(condition.field)}" data-when-in="{escape(" ".join(condition.values))}"'
                    if condition else "")
            out.append(f'<div class="mb-check"{when}><input type="checkbox" id="{letter.id}-evidence-{j}" '
                       f'name="evidence" value="{j}" checked><label for="{letter.id}-evidence-{j}">'
                       f"{escape(text)}</label></div>")
        out.append("</fieldset></fieldset>")
    out.append('<p class="mb-field__error" id="mb-letter-error" hidden></p>'
               '<div class="mb-tool__buttons"><button type="submit" class="md-button md-button--primary">生成信件'
               "</button></div></form>"
               '<div class="mb-tool__status" id="mb-letter-status" role="status" aria-live="polite"></div>'
               '<section class="mb-letter-sheet" id="mb-letter-output" aria-label="生成的信件" tabindex="-1" hidden>'
               '<div id="mb-letter-text"></div><div class="mb-tool__buttons mb-letter-actions">'
               '<button type="button" class="md-button md-button--primary" id="mb-letter-copy">复制全文</button>'
               '<button type="button" class="md-button" id="mb-letter-print">打印</button></div></section>'
               f'<script type="application/json" id="mb-letters-data">{letters_data(letters)}</script>')
    return "\n".join(out) + "\n"


def expand_tool_markers(markdown: str, page_uri: str, tools: ToolData, docs: Path) -> str:
    """Replace ``<!-- mingbai:tool NAME -->`` with the generated part; unknown names fail the build."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "collection-check" and tools.rules is not None:
            return collection_check(tools.rules, page_uri, docs)
        if name == "letters" and tools.letters is not None:
            return letters_form(tools.letters, page_uri, docs)
        raise MarkerError(f"unknown tool '{name}' or its data file is missing, in {page_uri}")

    return TOOL_MARKER.sub(replace, markdown)
