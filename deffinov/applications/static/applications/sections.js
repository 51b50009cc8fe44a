// The dossier's sections fold and unfold (a button with aria-expanded in each title); the folded ones are
// remembered per dossier in this browser. A section holding an error, or that a link points to (#budget from the
// recap, #minimis from the eligibility panel), opens by itself. Without JavaScript every section stays open.
(function () {
  "use strict";

  const KEY = "deffinov:sections-pliees:" + window.location.pathname;
  const ERRORS = ".errorlist, [aria-invalid='true'], .notice--error, .conflict";

  function folded() {
    try {
      return new Set(JSON.parse(window.localStorage.getItem(KEY) || "[]"));
    } catch (error) {
      return new Set();
    }
  }

  function remember(section, isFolded) {
    const ids = folded();
    if (isFolded) ids.add(section.id);
    else ids.delete(section.id);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(Array.from(ids)));
    } catch (error) {
      // Private browsing or a full storage: folding still works, it is only not remembered.
    }
  }

  function setOpen(section, open) {
    const button = section.querySelector(":scope > h2 > button.section-toggle");
    const body = section.querySelector(":scope > .section-body");
    if (!button || !body) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    body.hidden = !open;
  }

  function enhance(section) {
    const title = section.querySelector(":scope > h2");
    if (!section.id || !title || title.querySelector("button.section-toggle")) return;
    const focused = document.activeElement;
    const body = document.createElement("div");
    body.className = "section-body";
    body.id = section.id + "-contenu";
    while (title.nextSibling) body.appendChild(title.nextSibling);
    section.appendChild(body);
    // Moving the content must not lose the focus (the notice of a removal takes it, see the budget section).
    if (focused && focused !== document.activeElement && body.contains(focused)) focused.focus();
    const button = document.createElement("button");
    button.type = "button";
    button.className = "section-toggle";
    button.setAttribute("aria-controls", body.id);
    while (title.firstChild) button.appendChild(title.firstChild);
    title.appendChild(button);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      setOpen(section, open);
      remember(section, !open);
    });
    const mustOpen = section.querySelector(ERRORS) || targets(section, window.location.hash);
    setOpen(section, mustOpen || !folded().has(section.id));
  }

  function targets(section, hash) {
    if (!hash || hash.length < 2) return false;
    let target = null;
    try {
      target = document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (error) {
      return false;
    }
    return Boolean(target && (target === section || section.contains(target)));
  }

  function sectionsIn(root) {
    const all = Array.from(root.querySelectorAll("#dossier-sections > .dossier-section"));
    if (root.matches && root.matches("#dossier-sections > .dossier-section")) all.push(root);
    return all;
  }

  // Going to an anchor (a link of the recap, of the eligibility panel, of the outline) opens its section.
  function openTarget() {
    const hash = window.location.hash;
    sectionsIn(document).forEach((section) => {
      if (targets(section, hash)) setOpen(section, true);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    sectionsIn(document).forEach(enhance);
  });
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href^='#']");
    if (link && link.getAttribute("href") === window.location.hash) openTarget();
  });
  // A section sent back by the server (the budget after a removal) is folded the same way; errors open it.
  document.addEventListener("htmx:load", (event) => sectionsIn(event.detail.elt).forEach(enhance));
})();
