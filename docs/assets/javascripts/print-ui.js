// print-ui: the "Print cards" box, loaded by print.js when the box opens (on My cards at once). It keeps the
// box, the count and My cards' list in step with the page's choice, has blank-check.js list the empty and
// too-long blanks of the chosen cards before printing (never blocking it), and points "Rehearse these" at the chosen spoken cards.
(() => {
  const { $, $$, on, onEveryPage, need, print, t } = window.nextStep;
  const { SHEETS, load, save, chosen } = print;

  const summary = (state, count) => {
    if (!count) return t("js.print.none");
    const cards = t("js.print.cards", { count });
    const size = t(`js.print.size.${state.size}`);
    if (state.layout === "single") return t("js.print.single", { cards, size });
    const [, columns, rows] = SHEETS[state.size][state.layout];
    const sheets = t("js.print.sheets", { count: Math.ceil(count / (columns * rows)), paper: t(`js.print.paper.${state.layout}`) });
    return t("js.print.on_sheets", { cards, size, sheets });
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
    $(".ns-print__rehearse-note").textContent = written ? t("js.print.written", { count: written }) : "";
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

  on("change", ".ns-print", readForm);

  on("click", ".ns-print [data-choose]", (button) => {
    const box = button.closest(".ns-print");
    for (const input of $$('input[name="ns-print-script"]', box)) input.checked = button.dataset.choose === "all";
    readForm(box);
  });

  // Empty or too-long blanks on the chosen cards: blank-check.js lists them first; none, and it prints at once.
  on("submit", ".ns-print", (box, event) => {
    event.preventDefault();
    const scripts = chosen(readForm(box));
    const panel = $(".ns-print__check", box);
    panel.hidden = true;
    if (!scripts.length) return $('input[name="ns-print-script"]', box)?.focus();
    if (!scripts.some((script) => $(".ns-blank:not(.is-filled), .is-too-long", script))) return window.print();
    need("blank-check").then(() => window.nextStep.blankCheck(panel, scripts, "print", () => window.print(), JSON.parse(box.dataset.settings || "{}")));
  });

  onEveryPage("print-ui", init);
})();
