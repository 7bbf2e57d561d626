// print: prints the cards a page's "Print cards" box has chosen, from its Print button and from the browser's
// own Print command alike. Each page keeps its own choice: JSON {size, layout, chosen} under
// "next-step:print:<page>" (the box's data-page), kept where core.js's stores() says. Until the reader
// chose, the box's rendered state applies: every script of a script page, none on My cards.
// This file only prints; the box's own code (print-ui.js) loads when the box opens.
(() => {
  const ns = window.nextStep;
  const { $, $$, make, stores, onEveryPage } = ns;
  const FLOOR = 10; // pt; macros/card_fit.py proves at build time that every script fits at this size
  const CEILING = 16;
  const STEP = 0.25;
  const SIZES = ["3x5", "4x6", "a6"]; // named in data/ui.yml as js.print.size.<size>
  // Per card size and paper: the sheet's orientation, then columns and rows of cards on it.
  const SHEETS = {
    "3x5": { letter: ["letter-landscape", 2, 2], a4: ["a4-landscape", 2, 2] },
    "4x6": { letter: ["letter-portrait", 1, 2], a4: ["a4-portrait", 1, 2] },
    a6: { letter: ["letter-portrait", 1, 2], a4: ["a4-portrait", 1, 2] },
  };

  const memory = {}; // per page, where the browser refuses storage: choices last as long as the page
  const keyOf = (box) => `next-step:print:${box.dataset.page}`;
  const pageScripts = () => $$(".ns-script").filter((script) => !script.closest(".ns-print-run"));
  const ticked = (box) => $$('input[name="ns-print-script"]', box).filter((input) => input.defaultChecked).map((input) => input.value);

  const load = (box) => {
    const available = stores().filter(Boolean);
    let saved = available.length ? null : memory[keyOf(box)];
    for (const store of available) {
      if (saved) break;
      try {
        saved = JSON.parse(store.getItem(keyOf(box)));
      } catch {
        // Unreadable choices count as none: the box's own defaults apply.
      }
    }
    saved = saved && typeof saved === "object" ? saved : {};
    return {
      size: SIZES.includes(saved.size) ? saved.size : "3x5",
      layout: saved.layout === "letter" || saved.layout === "a4" ? saved.layout : "single",
      chosen: Array.isArray(saved.chosen) ? saved.chosen.filter((id) => typeof id === "string") : ticked(box),
    };
  };

  const save = (box, state) => {
    memory[keyOf(box)] = state;
    const [active, other] = stores();
    try {
      if (active) active.setItem(keyOf(box), JSON.stringify(state));
      if (other) other.removeItem(keyOf(box));
    } catch {
      // A full store keeps the last choices it could take; printing still works.
    }
  };

  const chosen = (state) => pageScripts().filter((script) => state.chosen.includes(script.dataset.script));

  // --- Printing: a run of card copies replaces the page while it prints ---

  let run = null;

  // A setting's title comes from the controls; the prep sheet, a group of its own, names itself (data-group-title).
  const groupTitle = (script, titles) => titles[script.dataset.setting] || script.dataset.groupTitle || script.dataset.setting;
  const toCard = (script, titles) => {
    const card = script.cloneNode(true);
    card.hidden = false;
    card.removeAttribute("id");
    for (const node of $$("[id]", card)) node.removeAttribute("id");
    for (const node of $$("button, .headerlink, .ns-script__meta, .ns-script__rehearse, .ns-visually-hidden", card)) node.remove();
    card.classList.add("ns-card");
    const setting = make("p", "ns-card__setting");
    setting.textContent = groupTitle(card, titles);
    card.prepend(setting);
    return card;
  };

  const sheet = (kind, columns, rows, cards) => {
    const page = make("div", "ns-sheet");
    page.dataset.sheet = kind;
    page.style.setProperty("--ns-cols", columns);
    page.style.setProperty("--ns-rows", rows);
    const mark = (side, at) => {
      const cut = make("span", `ns-cut ns-cut--${side}`);
      cut.style.setProperty("--ns-at", at);
      page.append(cut);
    };
    for (let line = 0; line <= columns; line += 1) ["top", "bottom"].forEach((side) => mark(side, line - columns / 2));
    for (let line = 0; line <= rows; line += 1) ["left", "right"].forEach((side) => mark(side, line - rows / 2));
    page.append(...cards);
    return page;
  };

  const build = () => {
    clear();
    const box = $(".ns-print");
    if (!box) return; // a page without the controls prints with site.css alone
    const state = load(box);
    let titles = {};
    try {
      titles = JSON.parse(box.dataset.settings) || {};
    } catch {
      // Without titles a card names its setting by id.
    }
    const cards = chosen(state).map((script) => toCard(script, titles));
    run = make("div", "ns-print-run");
    run.dataset.size = state.size;
    run.dataset.layout = state.layout;
    if (state.layout === "single") run.append(...cards);
    else {
      const [kind, columns, rows] = SHEETS[state.size][state.layout];
      for (let start = 0; start < cards.length; start += columns * rows) run.append(sheet(kind, columns, rows, cards.slice(start, start + columns * rows)));
    }
    // Nothing chosen prints nothing (an empty run), never every script behind the reader's back.
    document.body.append(run);
    document.documentElement.classList.add("ns-print-ready");
  };

  const fits = (card) => card.scrollHeight <= card.clientHeight && card.scrollWidth <= card.clientWidth;

  // The largest type, in STEP increments from FLOOR to CEILING, at which nothing overflows.
  const fit = (card) => {
    const at = (size) => card.style.setProperty("--ns-card-font", `${size}pt`);
    card.classList.remove("is-overfull");
    let low = FLOOR;
    let high = CEILING;
    at(high);
    if (fits(card)) return;
    at(low);
    if (!fits(card)) {
      card.classList.add("is-overfull");
      return;
    }
    while (high - low > STEP) {
      const middle = Math.round((low + high) / 2 / STEP) * STEP;
      at(middle);
      if (fits(card)) low = middle;
      else high = middle;
    }
    at(low);
  };

  // Sizes are measured only while the page is laid out for print, where a card has its real size.
  const fitAll = () => {
    if (run && window.matchMedia("print").matches) $$(".ns-script", run).forEach(fit);
  };

  const clear = () => {
    run?.remove();
    run = null;
    document.documentElement.classList.remove("ns-print-ready");
  };

  window.addEventListener("beforeprint", () => {
    build();
    fitAll();
  });
  window.addEventListener("afterprint", clear);
  window.matchMedia("print").addEventListener("change", (event) => {
    if (!event.matches) return;
    if (!run) build();
    fitAll();
  });

  // The box's code loads once the box is open (on My cards it starts open); toggle does not bubble.
  const wake = () => $(".ns-print__box[open]") && ns.need("print-ui");
  document.addEventListener("toggle", wake, true);
  ns.print = { SIZES, SHEETS, load, save, chosen };
  onEveryPage("print", wake);
})();
