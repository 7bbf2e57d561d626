// blank-check: before Copy (details.js) and Print (print-ui.js), the list of the blanks still empty or too long
// in the scripts at hand, each linked to its field, and the choice to fill them in first or go on anyway.
// core.js's need("blank-check") loads it only when a press finds such a blank: with every blank filled, Copy
// and Print go straight on and wait for nothing. Its look is in site.css (.ns-check).
(() => {
  const ns = window.nextStep;
  const { $, $$, make, t } = ns;
  const here = document.currentScript.src;
  let made = 0; // numbers the lists' headings, so each list is labelled by its own

  const goTo = (field) => {
    for (let open = field.closest("details"); open; open = open.parentElement.closest("details")) open.open = true;
    field.scrollIntoView({ block: "center" });
    field.focus();
  };

  // panel: the element that shows the list; verb: "copy" or "print"; go: what "... anyway" does;
  // titles: {setting id: title}, to name the page of a field this page does not have (My cards).
  ns.blankCheck = (panel, scripts, verb, go, titles = {}) => {
    const found = new Map();
    for (const blank of scripts.flatMap((script) => $$(".ns-blank:not(.is-filled), .is-too-long", script))) {
      if (!found.has(blank.dataset.blank)) found.set(blank.dataset.blank, blank);
    }
    const heading = make("p", "ns-check__title");
    heading.id = `ns-check-${(made += 1)}`;
    heading.textContent = t(`js.check.title.${verb}`, { count: found.size });
    const items = make("ul");
    for (const [key, blank] of found) {
      const id = `ns-field-${key.replaceAll(".", "-")}`;
      const field = document.getElementById(id);
      const setting = blank.closest(".ns-script").dataset.setting;
      const link = make("a");
      link.textContent = blank.dataset.label[0].toUpperCase() + blank.dataset.label.slice(1);
      link.href = field ? `#${id}` : new URL(`../../scripts/${setting}/#${id}`, here);
      // Focused here, before Material's instant navigation could treat the click as a change of page.
      if (field) link.addEventListener("click", (event) => (event.preventDefault(), event.stopPropagation(), goTo(field)));
      // The space is added here: the data files' reader trims a text's edges.
      const where = field ? "" : ` ${t("js.check.where", { page: titles[setting] || setting })}`;
      const over = +blank.dataset.over;
      const item = make("li");
      item.append(link, ": ", over ? t(`js.check.too_long.${verb}`, { count: over, where }) : t(`js.check.empty.${verb}`, { where }));
      items.append(item);
    }
    const actions = make("p", "ns-check__actions");
    for (const [action, words] of [["fill", t("js.check.fill")], [verb, t(`js.check.anyway.${verb}`)]]) {
      const button = make("button", `md-button${action === "fill" ? " md-button--primary" : ""}`);
      button.type = "button";
      button.dataset.check = action;
      button.textContent = words;
      button.onclick = () => {
        panel.hidden = true;
        if (action === "fill") $("a", items).click();
        else go();
      };
      actions.append(button);
    }
    panel.classList.add("ns-check");
    panel.tabIndex = -1;
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", heading.id);
    panel.replaceChildren(heading, items, actions);
    panel.hidden = false;
    panel.focus();
  };
})();
