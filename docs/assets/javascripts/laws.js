/* 明白账 law references (issue 12): a tap on a reference (a.mb-ref, a link to the article on its law
 * page) shows the article's text in place, under the paragraph, list item or table cell it stands in;
 * a second tap, or 收起, hides it. The texts come with the page (script#mb-law-texts, only the articles
 * it cites), so nothing is fetched. Without JavaScript, or with a modifier key, the link simply opens
 * the law page at the article. The link is a disclosure: aria-expanded and aria-controls say what it
 * does to a screen reader; Enter on the link works as a tap; focus stays where the reader is. */
(function () {
  "use strict";

  var data = document.getElementById("mb-law-texts");
  if (!data) { return; }
  var texts;
  try { texts = JSON.parse(data.textContent); } catch (e) { return; }
  var count = 0;

  function keyOf(link) {
    var match = /laws\/([a-z0-9-]+)\/#([a-z0-9-]+)$/.exec(link.getAttribute("href") || "");
    return match ? match[1] + "#" + match[2] : null;
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    if (className) { p.className = className; }
    p.textContent = text;
    return p;
  }

  function close(link) {
    var panel = document.getElementById(link.getAttribute("aria-controls") || "");
    if (panel) { panel.parentNode.removeChild(panel); }
    link.removeAttribute("aria-controls");
    link.setAttribute("aria-expanded", "false");
  }

  function open(link, entry) {
    var panel = document.createElement("div");
    panel.className = "mb-ref-panel";
    panel.id = "mb-ref-panel-" + (++count);
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", entry.c + " 原文");
    panel.appendChild(paragraph(entry.c, "mb-ref-panel__title"));
    entry.t.split("\n").forEach(function (line) { panel.appendChild(paragraph(line)); });
    if (entry.n) { panel.appendChild(paragraph(entry.n, "mb-ref-panel__note")); }
    var actions = document.createElement("p");
    actions.className = "mb-ref-panel__actions";
    var more = document.createElement("a");
    more.href = link.href;
    more.textContent = "在法规原文中查看";
    var hide = document.createElement("button");
    hide.type = "button";
    hide.className = "mb-ref-panel__close";
    hide.textContent = "收起";
    hide.addEventListener("click", function () { close(link); link.focus(); });
    actions.appendChild(more);
    actions.appendChild(hide);
    panel.appendChild(actions);
    var host = link.closest("li, td, th, p, .mb-answer") || link.parentNode;
    if (host.tagName === "P") {
      host.parentNode.insertBefore(panel, host.nextSibling);
    } else {
      host.appendChild(panel);
    }
    link.setAttribute("aria-controls", panel.id);
    link.setAttribute("aria-expanded", "true");
  }

  var links = document.querySelectorAll("a.mb-ref");
  Array.prototype.forEach.call(links, function (link) {
    if (texts[keyOf(link)]) { link.setAttribute("aria-expanded", "false"); }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.mb-ref") : null;
    if (!link || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    var entry = texts[keyOf(link)];
    if (!entry) { return; }
    event.preventDefault();
    if (link.getAttribute("aria-expanded") === "true") { close(link); } else { open(link, entry); }
  });
})();
