// print-ui: the "Print cards" box, loaded by print.js when the box opens (on My cards at once). It keeps the
// box, the count and My cards' list in step with the page's choice, lists the empty and too-long blanks of
// the chosen cards before printing (never blocking it), and points "Rehearse these" at the chosen spoken cards.
(() => {
  const { $, $$, make, on, onEveryPage, print } = window.nextStep;
  const { SIZES, SHEETS, load, save, chosen } = print;
  const PAPERS = { letter: "US Letter", a4: "A4" };
  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  const summary = (state, count) => {
    if (!count) return "No script chosen: choose at least one to print.";
    if (state.layout === "single") return `${plural(count, "card")} chosen: ${SIZES[state.size]}, one a page.`;
    const [, columns, rows] = SHEETS[state.size][state.layout];
    return `${plural(count, "card")} chosen: ${SIZES[state.size]} on ${plural(Math.ceil(count / (columns * rows)), `${PAPERS[state.layout]} sheet`)}, with cut marks.`;
  };

  // Shows the chosen state everywhere on the page: the count, and on My cards the cards and "Rehearse these".
  const show = (box, state) => {
    const picked = chosen(state);
    $(".ns-print__status").textContent = summary(state, picked.length);
    const deck = $(".ns-my-cards");
    if (!deck) return;
    for (const script of $$(".ns-script", deck)) script.hidden = !state.chosen.includes(script.dataset.script);
    // A script filters.js marks data-filtered-out is chosen but not shown: a group of only those hides too.
    for (const group of $$(".ns-my-cards__group", deck)) group.hidden = !$(".ns-script:not([hidden],[data-filtered-out])", group);
    $(".ns-my-cards__empty", deck).hidden = picked.length > 0;
    const link = $(".ns-print__rehearse");
    const spoken = picked.filter((script) => $(".ns-answer", script));
    const written = picked.length - spoken.length;
    link.hidden = !spoken.length;
    link.href = `${box.dataset.root}rehearse/?cards=${spoken.map((script) => script.dataset.script).join(",")}`;
    $(".ns-print__rehearse-note").textContent = written
      ? `${plural(written, "written message")} ${written === 1 ? "stays" : "stay"} out of Rehearse: there is no spoken answer to practise.`
      : "";
  };

  // This file's styles come with it: the form shows once they are in, so it never shows unstyled.
  const styles = Object.assign(document.createElement("link"), { rel: "stylesheet", href: document.currentScript.src.replace(/javascripts\/print-ui\.js.*/, "stylesheets/print-ui.css") });
  const styled = new Promise((done) => (styles.onload = styles.onerror = done));
  document.head.append(styles);
  styled.then(() => document.documentElement.classList.add("ns-print-styled"));

  const init = () => {
    const box = $(".ns-print");
    if (!box) return;
    styled.then(() => box.classList.add("is-ready"));
    const state = load(box);
    for (const input of $$("input", box)) {
      input.checked = input.name === "ns-print-script" ? state.chosen.includes(input.value) : input.value === state[input.name.replace("ns-print-", "")];
    }
    show(box, state);
  };

  const readForm = (box) => {
    const state = load(box);
    state.chosen = $$('input[name="ns-print-script"]:checked', box).map((input) => input.value);
    state.size = $('input[name="ns-print-size"]:checked', box)?.value || state.size;
    state.layout = $('input[name="ns-print-layout"]:checked', box)?.value || state.layout;
    save(box, state);
    show(box, state);
    return state;
  };

  // --- Before printing: the blanks of the chosen cards that are empty or too long, each linked to its field ---

  const problems = (scripts) => {
    const found = new Map();
    for (const blank of scripts.flatMap((script) => $$(".ns-blank", script))) {
      const key = blank.dataset.blank;
      const over = blank.classList.contains("is-too-long");
      if (found.has(key) || (blank.classList.contains("is-filled") && !over)) continue;
      found.set(key, { key, label: blank.dataset.label, over: over ? Number(blank.dataset.over) || 0 : 0, setting: blank.closest(".ns-script").dataset.setting });
    }
    return [...found.values()];
  };

  const fieldOf = (key) => document.getElementById(`ns-field-${key.replaceAll(".", "-")}`);

  const goTo = (field) => {
    for (let open = field.closest("details"); open; open = open.parentElement.closest("details")) open.open = true;
    field.scrollIntoView({ block: "center" });
    field.focus();
  };

  const check = (box, list) => {
    const panel = $(".ns-print__check", box);
    const heading = make("p", "ns-print__check-title");
    heading.id = "ns-print-check-title";
    heading.textContent = `Before you print: ${plural(list.length, "detail")} on these cards ${list.length === 1 ? "needs" : "need"} a look.`;
    const items = make("ul", "ns-print__check-list");
    for (const problem of list) {
      const item = document.createElement("li");
      const link = make("a", "ns-print__check-link");
      const field = fieldOf(problem.key);
      link.textContent = problem.label[0].toUpperCase() + problem.label.slice(1);
      // A field on this page is focused here, before instant navigation could treat the click as a page change.
      if (field) link.addEventListener("click", (event) => (event.preventDefault(), event.stopPropagation(), goTo(field)));
      link.href = field ? `#${field.id}` : `${box.dataset.root}scripts/${problem.setting}/#ns-field-${problem.key.replaceAll(".", "-")}`;
      const titles = JSON.parse(box.dataset.settings || "{}");
      const where = field ? "" : ` (fill it in on the ${titles[problem.setting] || problem.setting} page)`;
      item.append(link, problem.over ? `: ${plural(problem.over, "character")} too long; it prints as you typed it${where}.` : `: empty; it prints as a line to write on${where}.`);
      items.append(item);
    }
    const actions = make("p", "ns-print__check-actions");
    const button = (action, words, primary) => {
      const each = make("button", `md-button${primary ? " md-button--primary" : ""}`);
      each.type = "button";
      each.dataset.check = action;
      each.textContent = words;
      return each;
    };
    actions.append(button("fill", "Fill them in first", true), button("print", "Print anyway"));
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", heading.id);
    panel.replaceChildren(heading, items, actions);
    panel.hidden = false;
    panel.focus();
  };

  on("change", ".ns-print", readForm);

  on("click", ".ns-print [data-choose]", (button) => {
    const box = button.closest(".ns-print");
    for (const input of $$('input[name="ns-print-script"]', box)) input.checked = button.dataset.choose === "all";
    readForm(box);
  });

  on("submit", ".ns-print", (box, event) => {
    event.preventDefault();
    const scripts = chosen(readForm(box));
    $(".ns-print__check", box).hidden = true;
    if (!scripts.length) return $('input[name="ns-print-script"]', box)?.focus();
    const list = problems(scripts);
    if (list.length) check(box, list);
    else window.print();
  });

  on("click", ".ns-print__check [data-check]", (button) => {
    const panel = button.closest(".ns-print__check");
    const first = $("a", panel);
    panel.hidden = true;
    if (button.dataset.check === "print") return window.print();
    if (first.pathname === location.pathname) goTo(document.getElementById(first.hash.slice(1)));
    else first.click();
  });

  onEveryPage("print-ui", init);
})();
