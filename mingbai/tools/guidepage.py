"""HTML for the situation guide: the questionnaire (``<!-- mingbai:tool guide -->``), the rules it applies
(always visible, so the page says what it does with JavaScript off and search indexes the deadlines),
and the home page's situations (``<!-- mingbai:tool situations -->``, plain links).

The questions are plain HTML that ``guide.js`` shows one at a time; the plan is worked out in the
browser from the JSON handed over here (titles and URLs of the linked pages already resolved), so no
answer ever goes to a server. Everything is escaped, because raw HTML passes through Markdown untouched.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..frontmatter import FrontMatterError, parse
from ..urls import page_url, relative_url
from .data import VERDICTS, RuleBook
from .datafile import Quote
from .guide import BASIS, SECTIONS, Basis, Guide, Links, Question

GUIDE_PAGE = "tools/guide.md"
STEP_WORDS = ("第一题", "第二题", "第三题", "第四题", "第五题", "第六题", "第七题", "第八题", "第九题", "第十题")


def _href(page_uri: str, uri: str) -> str:
    return relative_url(page_url(page_uri), page_url(uri))


def _title(docs: Path, uri: str) -> str:
    try:
        title = parse((docs / uri).read_text(encoding="utf-8")).data.get("title")
    except (OSError, FrontMatterError):
        title = None
    return str(title) if title else uri


def _link(docs: Path, page_uri: str, uri: str, suffix: str = "") -> dict[str, str]:
    return {"title": _title(docs, uri), "href": _href(page_uri, uri) + suffix}


def _links(docs: Path, page_uri: str, links: Links, letters: dict[str, str]) -> dict[str, object]:
    """Titles and URLs of what a rule links, relative to the page that shows it."""
    letter = None
    if links.letter:
        letter = {"title": letters.get(links.letter, links.letter),
                  "href": _href(page_uri, "tools/letters.md") + f"#pick-{links.letter}"}
    return {"read": [_link(docs, page_uri, f"{key}.md") for key in links.read], "letter": letter,
            "tool": _link(docs, page_uri, f"tools/{links.tool}.md") if links.tool else None}


def _quotes(quotes: tuple[Quote, ...]) -> list[dict[str, str]]:
    return [{"cite": q.cite, "quote": q.quote} for q in quotes]


def _basis(basis: Basis, standards: dict[str, str]) -> dict[str, object]:
    return {"basis": basis.kind, "basisLabel": BASIS.get(basis.kind, basis.kind), "law": _quotes(basis.law),
            "standards": [{"name": standards.get(k, k), "summary": s} for k, s in basis.standards],
            "note": basis.note}


def guide_data(guide: Guide, rules: RuleBook | None, letters: dict[str, str], page_uri: str, docs: Path) -> str:
    """Everything ``guide-plan.js`` needs, as JSON safe inside a ``<script type="application/json">``."""
    conduct = {r.id: r for r in rules.rules} if rules else {}
    standards = {ref.standard.key: ref.standard.name for r in (rules.rules if rules else []) for ref in r.standards}
    check = _href(page_uri, "tools/collection-check.md")
    data = {
        "questions": [{"id": q.id, "type": q.type, "ask": q.ask, "of": q.of,
                       "choices": [{"value": c.value, "label": conduct[c.value].ask if q.type == "conduct"
                                    and c.value in conduct else c.label} for c in q.choices],
                       "fields": [{"id": f.id, "label": f.label,
                                   "choices": [{"value": c.value, "label": c.label} for c in f.choices]}
                                  for f in q.fields]} for q in guide.questions],
        "counting": {"text": guide.counting[0], "law": _quotes(guide.counting[1].law)},
        "deadlines": [{"id": d.id, "paper": d.paper, "dateLabel": d.date_label, "days": d.days, "onDate": d.on,
                       "title": d.title, "text": d.text, "missed": d.missed, "endLabel": d.end_label,
                       "passedText": d.passed, **_basis(d.basis, standards),
                       **_links(docs, page_uri, d.links, letters)} for d in guide.deadlines],
        "sections": [{"id": key, "label": label} for key, label in SECTIONS.items()],
        "steps": [{"id": s.id, "section": s.section, "title": s.title, "text": s.text,
                   **_basis(s.basis, standards), **_links(docs, page_uri, s.links, letters),
                   "when": [{"q": c.q, "any": list(c.any), "none": list(c.none), "answered": c.answered}
                            for c in s.when]} for s in guide.steps],
        "conduct": {rid: {"ask": r.ask, "verdict": r.verdict, "verdictLabel": VERDICTS.get(r.verdict, r.verdict),
                          "href": f"{check}#finding-{rid}-title"} for rid, r in conduct.items()},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _checks(name: str, items: list[tuple[str, str]], extra: str = "") -> str:
    return "".join(f'<div class="mb-check"{extra}><input type="checkbox" id="g-{name}-{value}" name="{name}" '
                   f'value="{escape(value)}"><label for="g-{name}-{value}">{escape(label)}</label></div>'
                   for value, label in items)


def _question(q: Question, index: int, count: int, guide: Guide, rules: RuleBook | None) -> str:
    """One screen: a fieldset named by its question, with a progress line and the way on."""
    hint = f'<p class="mb-field__hint" id="g-{q.id}-hint">{escape(q.hint)}</p>' if q.hint else ""
    described = f' aria-describedby="g-{q.id}-hint"' if q.hint else ""
    body = ""
    if q.type == "checks":
        body = _checks(q.id, [(c.value, c.label) for c in q.choices])
    elif q.type == "conduct":
        asks = {r.id: r.ask for r in rules.rules} if rules else {}
        body = _checks(q.id, [(c.value, asks.get(c.value, c.value)) for c in q.choices])
    elif q.type == "per-debt":
        source = next((s for s in guide.questions if s.id == q.of), None)
        for choice in source.choices if source else ():
            selects = "".join(
                f'<div class="mb-field"><label for="g-{q.id}-{choice.value}-{f.id}">{escape(f.label)}</label>'
                f'<select id="g-{q.id}-{choice.value}-{f.id}" name="{q.id}.{choice.value}.{f.id}">'
                f'<option value="">不想说 / 不确定</option>'
                + "".join(f'<option value="{escape(c.value)}">{escape(c.label)}</option>' for c in f.choices)
                + "</select></div>" for f in q.fields)
            body += (f'<fieldset class="mb-guide__debt" data-debt="{escape(choice.value)}">'
                     f"<legend>{escape(choice.label)}</legend>{selects}</fieldset>")
        body += f'<p class="mb-guide__empty" data-empty-for="{escape(q.of)}">上一题没有选欠款种类，这一题可以跳过。</p>'
    elif q.type == "dates":
        for d in guide.deadlines:
            body += (f'<div class="mb-field" data-paper="{escape(d.paper)}"><label for="g-date-{d.id}">'
                     f'{escape(d.date_label)}</label><input type="date" id="g-date-{d.id}" name="date.{d.id}" '
                     f'aria-describedby="g-date-{d.id}-error">'
                     f'<p class="mb-field__error" id="g-date-{d.id}-error" hidden></p></div>')
        body += (f'<p class="mb-guide__empty" data-empty-for="{escape(q.of)}">上一题没有选有期限的材料，'
                 "这一题可以跳过。</p>")
    step = STEP_WORDS[index] if index < len(STEP_WORDS) else f"第 {index + 1} 题"
    last = index == count - 1
    return (f'<fieldset class="mb-guide__q" id="g-q-{q.id}" data-q="{escape(q.id)}" data-type="{q.type}"{described}>'
            f'<legend><span class="mb-guide__progress">{step}，共 {count} 题</span>{escape(q.ask)}</legend>{hint}{body}'
            '<div class="mb-tool__buttons mb-guide__nav">'
            + ('<button type="button" class="md-button" data-go="back">上一题</button>' if index else "")
            + ('<button type="submit" class="md-button md-button--primary">看我的计划</button>' if last else
               '<button type="button" class="md-button md-button--primary" data-go="next">下一题</button>'
               '<button type="button" class="md-button" data-go="skip">跳过这一题</button>')
            + "</div></fieldset>")


def _rules_list(guide: Guide) -> str:
    """The deadlines and how days are counted, as plain HTML: the page's promise, readable without JS."""
    out = ['<section class="mb-guide__rules" aria-labelledby="mb-guide-rules-heading">'
           '<h2 id="mb-guide-rules-heading">法律规定的期限</h2>'
           '<p>收到下面这些材料，期限从收到的日期算（开庭日期以传票为准）。</p><ul class="mb-list">']
    for d in guide.deadlines:
        when = f"收到后 {d.days} 日内" if d.days else "传票写明的日期"
        if d.paper == "announcement":
            when = f"公告发出之日起经过 {d.days} 日，视为送达"
        cites = "、".join(dict.fromkeys(q.cite for q in d.basis.law))
        out.append(f"<li><strong>{escape(d.title)}</strong>：{escape(when)}。{escape(d.missed)}"
                   f'<span class="mb-note">（{escape(cites)}）</span></li>')
    out.append("</ul><p><strong>怎么数天数</strong>：" + escape(guide.counting[0]) + "</p>")
    for q in guide.counting[1].law:
        out.append(f'<p class="mb-source">{escape(q.cite)}</p><blockquote><p>{escape(q.quote)}</p></blockquote>')
    out.append("</section>")
    return "".join(out)


def guide_form(guide: Guide, rules: RuleBook | None, letters: dict[str, str], page_uri: str, docs: Path) -> str:
    """The questionnaire, the (empty) plan with its actions, the rules list and the JSON for the browser."""
    count = len(guide.questions)
    out = ['<div class="mb-guide" id="mb-guide">',
           '<p class="mb-guide__needs-js" id="mb-guide-nojs">这个问答需要浏览器运行 JavaScript。'
           "不能运行也没关系：下面列出了法律规定的期限，首页按情况列出了最要紧的文章。</p>",
           '<form id="mb-guide-form" class="mb-tool" method="dialog" autocomplete="off" novalidate hidden>']
    if guide.reviewed:
        out.append(f'<p class="mb-tool__reviewed">规则最后核对：<time datetime="{escape(guide.reviewed)}">'
                   f"{escape(guide.reviewed)}</time></p>")
    out += [_question(q, i, count, guide, rules) for i, q in enumerate(guide.questions)]
    out.append("</form>"
               '<div class="mb-tool__status" id="mb-guide-status" role="status" aria-live="polite"></div>'
               '<section class="mb-tool__result mb-guide__plan" id="mb-guide-plan"'
               ' aria-labelledby="mb-guide-plan-heading" tabindex="-1" hidden>'
               '<h2 id="mb-guide-plan-heading">你的计划</h2>'
               '<p class="mb-note" id="mb-guide-made"></p><div id="mb-guide-plan-body"></div>'
               '<div class="mb-tool__buttons mb-guide__actions">'
               '<button type="button" class="md-button md-button--primary" id="mb-guide-print">打印（A4）</button>'
               '<button type="button" class="md-button" id="mb-guide-text">保存为文字</button>'
               '<button type="button" class="md-button" id="mb-guide-image">保存为图片</button>'
               '<button type="button" class="md-button" id="mb-guide-edit">修改回答</button></div>'
               '<div class="mb-guide__keep"><p class="mb-note" id="mb-guide-keep-note">你的回答只在这个页面里，'
               "没有上传。想下次打开还能看到，可以保存在这台设备上（只存在这个浏览器里）。</p>"
               '<div class="mb-tool__buttons"><button type="button" class="md-button" id="mb-guide-keep">'
               "在这台设备上保存回答</button>"
               '<button type="button" class="md-button" id="mb-guide-forget">忘掉我的回答</button></div></div>'
               "</section>")
    out.append(_rules_list(guide))
    out.append(f'<script type="application/json" id="mb-guide-data">'
               f"{guide_data(guide, rules, letters, page_uri, docs)}</script></div>")
    return "\n".join(out) + "\n"


def situations(guide: Guide, page_uri: str, docs: Path) -> str:
    """The home page's situations: each a heading link and its two or three articles, plain HTML."""
    guide_href = _href(page_uri, GUIDE_PAGE)
    out = ['<ul class="mb-situations">']
    for s in guide.situations:
        if s.guide:
            main = guide_href + (f"#start-{s.start}" if s.start else "")
        elif s.links.tool:
            main = _href(page_uri, f"tools/{s.links.tool}.md")
        else:
            main = _href(page_uri, f"{s.links.read[0]}.md")
        articles = "".join(f'<li><a href="{escape(_href(page_uri, key + ".md"))}">{escape(_title(docs, key + ".md"))}'
                           "</a></li>" for key in s.links.read)
        out.append(f'<li class="mb-situation" id="situation-{escape(s.id)}"><a class="mb-situation__main" '
                   f'href="{escape(main)}"><strong>{escape(s.label)}</strong><span>{escape(s.text)}</span></a>'
                   + (f'<ul class="mb-situation__read" aria-label="{escape(s.label)}：先看这几篇">{articles}</ul>'
                      if articles else "") + "</li>")
    out.append("</ul>")
    return "\n".join(out) + "\n"
