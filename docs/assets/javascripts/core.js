// core: the helpers every feature script shares, as window.nextStep, the keyboard fix every page needs,
// and the offline copy's registration. mkdocs.yml loads it before details.js and print.js; rehearse.js,
// rehearse-record.js (Rehearse page only) and offline.js (when needed) run after it.
//
// Storage contract (see docs/privacy.md): the project's keys start with "next-step:". The reader's
// details and print choices live in sessionStorage, or in localStorage while "next-step:remember"
// (localStorage) is "1"; stores() gives [where to keep, where to clear] accordingly.
//
// Events dispatched on document:
//   "next-step:details-changed"  details.js, after it filled the blanks (the benchmark's keystroke
//                                timer and tests/test_details.py listen to it).
//   "next-step:forgotten"        details.js, after "Forget my details" erased every "next-step:" key:
//                                a feature that keeps anything elsewhere (Rehearse recordings) deletes it.
//   "next-step:filtered"         filters.js, on the filter bar (it bubbles), after it marked the scripts of
//                                another audience or tone data-filtered-out: rehearse.js recounts its sets.
(() => {
  const FLAG = "next-step:remember";
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  // Seconds as m:ss, the way the Rehearse timer and recorder show time.
  const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;
  const make = (tag, className) => Object.assign(document.createElement(tag), { className });
  // One listener on document, which instant navigation keeps: handle(element) for events from within selector.
  const on = (type, selector, handle) =>
    document.addEventListener(type, (event) => {
      const element = event.target.closest(selector);
      if (element) handle(element, event);
    });

  // Storage can be switched off or throw (private modes): then null, and the caller keeps a copy in memory.
  const storage = (name) => {
    try {
      const store = window[name];
      store.getItem(FLAG);
      return store;
    } catch {
      return null;
    }
  };
  const remembered = () => storage("localStorage")?.getItem(FLAG) === "1";
  const stores = () => (remembered() ? [storage("localStorage"), storage("sessionStorage")] : [storage("sessionStorage"), storage("localStorage")]);

  // say(message) through the role="status" element that find() returns; clearAfter ms later it is emptied again.
  const announcer = (find, clearAfter) => {
    let hush = 0;
    return (message) => {
      const status = find();
      if (!status) return;
      // Emptied first, so that the same message twice is announced twice.
      status.textContent = "";
      clearTimeout(hush);
      setTimeout(() => (status.textContent = message), 50);
      if (clearAfter) hush = setTimeout(() => (status.textContent = ""), clearAfter);
    };
  };

  // init runs for the first page and again after each of Material's instant navigations (document$);
  // once per name, because a script in a page's content runs again on every visit to that page.
  // True the first time only: the caller adds its own once-only listeners then.
  const started = new Set();
  const onEveryPage = (name, init) => {
    if (started.has(name)) return false;
    started.add(name);
    if (window.document$) window.document$.subscribe(() => init());
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => init());
    else init();
    return true;
  };

  // A menu section is a label for a hidden checkbox that Material opens on Enter only: Space does it too, as on a button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof Element && event.target.matches("label.md-nav__link[for][tabindex]")) {
      event.preventDefault();
      event.target.click();
    }
  });

  // The interface's words in the page's language: the JSON in <template id="ns-ui"> that
  // docs/overrides/main.html fills from data/ui.yml (or its translation) with the groups this page uses, read again
  // when instant navigation brings another page's block. t(id, {name: value}) fills each {name}; with a count, the
  // form for that number (id.one, id.other) in the page's language.
  let block, words = {};
  const currentWords = () => {
    const now = $("#ns-ui");
    if (now !== block) {
      block = now;
      try {
        words = JSON.parse(now?.content.textContent || "{}");
      } catch {
        words = {}; // an unreadable block shows ids rather than stopping every feature
      }
    }
    return words;
  };
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  const t = (id, values = {}) => {
    const known = currentWords();
    const text = ("count" in values ? known[`${id}.${plural.select(values.count)}`] ?? known[`${id}.other`] : undefined) ?? known[id] ?? id;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  };

  // need("print-ui") loads assets/javascripts/print-ui.js once, for code a page needs only after the reader acts;
  // its promise settles once that file has run.
  const here = document.currentScript.src;
  const needed = {};
  const need = (name) => (needed[name] ||= new Promise((onload) => document.head.append(Object.assign(document.createElement("script"), { src: new URL(`${name}.js`, here), onload }))));

  // The filter bar's code loads when the reader first reaches for it, or when the address asks for a filter;
  // filters.js then applies what the bar already shows, so that first choice is not lost.
  const filters = () => $(".ns-filters") && /[?&](audience|tone)=/.test(location.search) && need("filters");
  for (const type of ["pointerdown", "focusin", "change"]) document.addEventListener(type, (event) => event.target.closest?.(".ns-filters") && need("filters"), true);

  window.nextStep = {
    FLAG,
    $,
    $$,
    make,
    on,
    clock,
    text: (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : ""),
    storage,
    remembered,
    stores,
    announcer,
    onEveryPage,
    need,
    t,
  };

  onEveryPage("filters-on-demand", filters);

  // --- The light/dark switch in the header (docs/overrides/partials/palette.html), in place of Material's palette code,
  // which restyles the whole page three times as every page starts. Same inputs, same choice kept under Material's
  // "__palette" key (its script at the top of <body> applies it before the first paint), same <body> attributes. ---
  const form = $("[data-ns-palette]");
  if (form) {
    const inputs = $$("input", form);
    const body = document.body;
    let index;
    try {
      index = window.__md_get("__palette")?.index;
    } catch {
      // Storage switched off: the device's own light or dark setting decides.
    }
    if (!inputs[index]) index = Math.max(0, inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches));

    const show = (chosen, switching) => {
      index = chosen;
      const color = {};
      // Material's stylesheet stops every transition while this attribute is on, so the page switches at once.
      if (switching) body.setAttribute("data-md-color-switching", "");
      for (const key of ["media", "scheme", "primary", "accent"]) {
        const name = `data-md-color-${key}`;
        // The same value again restyles nothing, so a page that starts in the kept scheme is not restyled.
        body.setAttribute(name, (color[key] = inputs[index].getAttribute(name)));
      }
      inputs.forEach((input, at) => {
        input.checked = at === index;
        if (input.nextElementSibling) input.nextElementSibling.hidden = at !== index;
      });
      window.__md_set("__palette", { index, color });
      if (switching) setTimeout(() => body.removeAttribute("data-md-color-switching"));
    };

    show(index, false);
    // Each label is for the other scheme's input, so a press switches; Enter and Space do the same on the focused one.
    form.onchange = (event) => show(inputs.indexOf(event.target), true);
    form.onkeydown = (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      inputs[(index + 1) % inputs.length].click();
      inputs[index].focus();
    };
  }

  // --- offline copy: start (bench figure 7 weighs what lies between the two marks) ---
  // The worker that hooks/offline.py builds sits beside the manifest, which only `mkdocs build` links: under
  // `mkdocs serve` nothing registers, so live reload shows each edit. None for a reader who removed the copy
  // ("next-step:offline" is "off", see docs/privacy.md). Registered once the page has loaded, so the copy
  // downloads in the background; offline.js, the update notice, loads only when a newer build comes: a new worker
  // where this registration has one already (the English worker's scope holds /es/, so it is no sign of one).
  const manifest = $("link[rel=manifest]");
  const worker = navigator.serviceWorker;
  const src = document.currentScript.src.replace("core", "offline");
  if (manifest && worker && storage("localStorage")?.getItem("next-step:offline") !== "off")
    addEventListener("load", () =>
      worker.register(new URL("sw.js", manifest.href)).then((registration) => {
        registration.onupdatefound = () => registration.active && document.body.append(Object.assign(document.createElement("script"), { src }));
        if (registration.waiting) registration.onupdatefound();
      }, () => {}),
    );
  // --- offline copy: end ---
})();
