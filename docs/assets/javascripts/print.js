// print: choose scripts, a card size and a layout, then print one card per script.
// Choices stay with the reader's details: JSON under "next-step:print", kept where core.js's stores() says.
(() => {
  const { $, $$, make, on, stores, onEveryPage } = window.nextStep;
  const KEY = "next-step:print";
  const FLOOR = 10; // pt; macros/cards.py proves at build time that every script fits at this size
  const CEILING = 16;
  const STEP = 0.25;
  const SIZES = { "3x5": "3 × 5 in", "4x6": "4 × 6 in", a6: "A6" };
  const PAPERS = { letter: "US Letter", a4: "A4" };
  // Per card size and paper: the sheet's orientation, then columns and rows of cards on it.
  const SHEETS = {
    "3x5": { letter: ["letter-landscape", 2, 2], a4: ["a4-landscape", 2, 2] },
    "4x6": { letter: ["letter-portrait", 1, 2], a4: ["a4-portrait", 1, 2] },
    a6: { letter: ["letter-portrait", 1, 2], a4: ["a4-portrait", 1, 2] },
  };

  let memory = null; // where the browser refuses storage, choices last as long as the page

  const load = () => {
    const available = stores().filter(Boolean);
    let saved = available.length ? null : memory;
    for (const store of available) {
      if (saved) break;
      try {
        saved = JSON.parse(store.getItem(KEY));
      } catch {
        // Unreadable choices count as none: the defaults below apply.
      }
    }
    saved = saved && typeof saved === "object" ? saved : {};
    return {
      size: Object.hasOwn(SIZES, saved.size) ? saved.size : "3x5",
      layout: saved.layout === "letter" || saved.layout === "a4" ? saved.layout : "single",
      skip: Array.isArray(saved.skip) ? saved.skip.filter((id) => typeof id === "string") : [],
    };
  };

  const save = (state) => {
    memory = state;
    const [active, other] = stores();
    try {
      if (active) active.setItem(KEY, JSON.stringify(state));
      if (other) other.removeItem(KEY);
    } catch {
      // A full store keeps the last choices it could take; printing still works.
    }
  };

  const pageScripts = () => $$(".ns-script").filter((script) => !script.closest(".ns-print-run"));
  const chosen = (state) => pageScripts().filter((script) => !state.skip.includes(script.dataset.script));
  // A setting's title comes from the controls; the prep sheet, a group of its own, names itself (data-group-title).
  const groupTitle = (script, titles) => titles[script.dataset.setting] || script.dataset.groupTitle || script.dataset.setting;
  const titleOf = (script) => ($("h2", script)?.firstChild?.textContent || script.dataset.script).trim();
  const settingTitles = (box) => {
    try {
      return JSON.parse(box.dataset.settings) || {};
    } catch {
      return {};
    }
  };

  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const summary = (state, count) => {
    if (!count) return "No script chosen: choose at least one to print.";
    if (state.layout === "single") return `${plural(count, "card")} of ${SIZES[state.size]}, one a page.`;
    const [, columns, rows] = SHEETS[state.size][state.layout];
    const sheets = Math.ceil(count / (columns * rows));
    return `${plural(count, "card")} of ${SIZES[state.size]} on ${plural(sheets, `${PAPERS[state.layout]} sheet`)}, ${columns * rows} a sheet, with cut marks.`;
  };

  // Shows the chosen state everywhere on the page: the status line, and on "My cards" the cards.
  const show = (state) => {
    const box = $(".ns-print");
    const count = chosen(state).length;
    if (box) $(".ns-print__status", box).textContent = summary(state, count);
    const deck = $(".ns-my-cards");
    if (!deck) return;
    for (const script of $$(".ns-script", deck)) script.hidden = state.skip.includes(script.dataset.script);
    // A script filters.js marks data-filtered-out is chosen but not shown: a group of only those hides too.
    for (const group of $$(".ns-my-cards__group", deck)) group.hidden = !$(".ns-script:not([hidden],[data-filtered-out])", group);
    $(".ns-my-cards__empty", deck).hidden = count > 0;
  };

  const option = (type, name, value, text, checked) => {
    const label = make("label", "ns-print__option");
    const input = Object.assign(document.createElement("input"), { type, name, value, checked });
    label.append(input, ` ${text}`);
    return label;
  };

  const init = () => {
    const box = $(".ns-print");
    if (!box) return;
    const state = load();
    const titles = settingTitles(box);
    const groups = new Map();
    for (const script of pageScripts()) {
      const group = groupTitle(script, titles);
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push(option("checkbox", "ns-print-script", script.dataset.script, titleOf(script), !state.skip.includes(script.dataset.script)));
    }
    const choices = $(".ns-print__choices", box);
    choices.replaceChildren();
    for (const [title, options] of groups) {
      if (groups.size === 1) {
        choices.append(...options);
        continue;
      }
      const group = make("fieldset", "ns-print__group");
      const legend = document.createElement("legend");
      legend.textContent = title;
      group.append(legend, ...options);
      choices.append(group);
    }
    for (const input of $$('input[type="radio"]', box)) input.checked = input.value === state[input.name.replace("ns-print-", "")];
    // On "My cards" printing is the point of the page, so the box starts open.
    if ($(".ns-my-cards")) $(".ns-print__box", box).open = true;
    show(state);
  };

  const readForm = (box) => {
    const state = load();
    const size = $('input[name="ns-print-size"]:checked', box);
    const layout = $('input[name="ns-print-layout"]:checked', box);
    const boxes = $$('input[name="ns-print-script"]', box);
    const unticked = boxes.filter((input) => !input.checked).map((input) => input.value);
    const onPage = new Set(boxes.map((input) => input.value));
    // Choices made on other pages stay as they were.
    state.skip = state.skip.filter((id) => !onPage.has(id)).concat(unticked);
    if (size) state.size = size.value;
    if (layout) state.layout = layout.value;
    save(state);
    show(state);
    return state;
  };

  on("change", ".ns-print", readForm);

  on("click", ".ns-print [data-choose]", (button) => {
    const box = button.closest(".ns-print");
    for (const input of $$('input[name="ns-print-script"]', box)) input.checked = button.dataset.choose === "all";
    readForm(box);
  });

  on("submit", ".ns-print", (box, event) => {
    event.preventDefault();
    const state = readForm(box);
    if (chosen(state).length) window.print();
    else $('input[name="ns-print-script"]', box)?.focus();
  });

  // --- Printing: a run of card copies replaces the page while it prints ---

  let run = null;

  const toCard = (script, titles) => {
    const card = script.cloneNode(true);
    card.hidden = false;
    card.removeAttribute("id");
    for (const node of $$("[id]", card)) node.removeAttribute("id");
    for (const node of $$("button, .headerlink, .ns-script__meta, .ns-visually-hidden", card)) node.remove();
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
    if (!box) return; // a page without the controls prints with print.css alone
    const state = load();
    const cards = chosen(state).map((script) => toCard(script, settingTitles(box)));
    if (!cards.length) return;
    run = make("div", "ns-print-run");
    run.dataset.size = state.size;
    run.dataset.layout = state.layout;
    if (state.layout === "single") run.append(...cards);
    else {
      const [kind, columns, rows] = SHEETS[state.size][state.layout];
      for (let start = 0; start < cards.length; start += columns * rows) run.append(sheet(kind, columns, rows, cards.slice(start, start + columns * rows)));
    }
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

  onEveryPage("print", init);
})();
