/* 明白账 share panel (issue 5): "复制链接" copies 分类丨标题 + newline + the canonical URL, and "分享"
 * opens the phone's share sheet (Web Share API). A few lines of plain JavaScript, no library. The buttons
 * are hidden in the HTML and only shown here when the browser can do what they offer, so without
 * JavaScript the panel shows the text, the QR code and the 分享图 link, and no dead buttons. */
(function () {
  "use strict";

  function fallbackCopy(text) {
    /* Older in-app browsers without the async Clipboard API: copy from a hidden textarea. */
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function setup(panel) {
    if (panel.hasAttribute("data-mb-ready")) return;
    panel.setAttribute("data-mb-ready", "");
    var label = panel.getAttribute("data-label");
    var url = panel.getAttribute("data-url");
    var status = panel.querySelector(".mb-share__status");
    var copyButton = panel.querySelector("[data-mb-copy]");
    var shareButton = panel.querySelector("[data-mb-share]");

    if (copyButton && (navigator.clipboard || document.queryCommandSupported && document.queryCommandSupported("copy"))) {
      copyButton.hidden = false;
      copyButton.addEventListener("click", function () {
        copy(label + "\n" + url).then(function () {
          status.textContent = "已复制标题和链接，可以粘贴到聊天里了。";
        }, function () {
          status.textContent = "没能复制，请长按上面的标题和链接手动复制。";
        });
      });
    }
    if (shareButton && navigator.share) {
      shareButton.hidden = false;
      shareButton.addEventListener("click", function () {
        navigator.share({ title: label, text: label, url: url }).catch(function () { /* closed by the reader */ });
      });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".mb-share[data-url]"), setup);
  }

  /* Material's instant navigation swaps pages without reloading; document$ announces each new page. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    init();
  }
})();
