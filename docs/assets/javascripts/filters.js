// filters: show only the scripts for the chosen audience and tone (core.js loads this file when the bar is first used).
// A script that does not match gets data-filtered-out, which site.css hides: `hidden` stays print.js's (the
// chosen cards on My cards) and rehearse.js's (one card at a time), and both read the mark. The choice is not
// personal, so it lives in the query string (?audience=recruiter&tone=soft), never in storage.
(() => {
  const { $, $$, on, announcer, onEveryPage, t } = window.nextStep;
  const OUT = "data-filtered-out";
  const say = announcer(() => $(".ns-filters__status"));
  const groups = (bar) => $$("fieldset[data-filter]", bar);
  const picked = (group) => $("input:checked", group) || $("input", group);

  const apply = (bar, announce) => {
    // A card with no audience or tone (the prep sheet) is for every reader: no filter hides or counts it.
    const scripts = $$(".md-content .ns-script").filter((script) => groups(bar).every((group) => group.dataset.filter in script.dataset));
    for (const script of scripts) {
      const fits = groups(bar).every((group) => {
        const own = script.dataset[group.dataset.filter];
        return [own, "all"].includes(picked(group).value) || own === group.dataset.everyone;
      });
      script.toggleAttribute(OUT, !fits);
    }
    for (const group of $$(".ns-my-cards__group")) group.hidden = !$(`.ns-script:not([hidden],[${OUT}])`, group);
    // On My cards the scripts not chosen under Print cards stay hidden whatever the filter: they do not count.
    const pool = scripts.filter((script) => !(script.hidden && script.closest(".ns-my-cards")));
    const shown = pool.filter((script) => !script.hasAttribute(OUT)).length;
    $(".ns-filters__empty", bar).hidden = shown > 0 || !pool.length;
    const url = new URL(location.href);
    const said = [];
    for (const group of groups(bar)) {
      const input = picked(group);
      if (input.value === "all") url.searchParams.delete(group.dataset.filter);
      else {
        url.searchParams.set(group.dataset.filter, input.value);
        said.push(input.dataset.said);
      }
    }
    // Material's instant navigation keeps its own entry in history.state: replace the address only.
    if (url.href !== location.href) history.replaceState(history.state, "", url);
    bar.dispatchEvent(new CustomEvent("next-step:filtered", { bubbles: true }));
    if (announce) say(said.length ? t("js.filters.showing", { shown, total: pool.length, chosen: said.join(", ") }) : t("js.filters.showing_all", { total: pool.length }));
  };

  // The query string wins on every visit, reload or instant navigation; without it, what the bar shows stands
  // (a choice made before this file loaded). An unknown value counts as "All".
  const init = () => {
    const bar = $(".ns-filters");
    if (!bar) return;
    const query = new URLSearchParams(location.search);
    for (const group of groups(bar)) {
      const inputs = $$("input", group);
      if (query.has(group.dataset.filter)) (inputs.find((input) => input.value === query.get(group.dataset.filter)) || inputs[0]).checked = true;
    }
    const chosen = groups(bar).some((group) => picked(group).value !== "all");
    const box = $("details", bar);
    if (box && chosen) box.open = true; // a folded bar shows a choice that hides scripts
    apply(bar, chosen);
  };

  on("change", ".ns-filters", (bar) => apply(bar, true));
  // print-ui.js changes which cards My cards holds: recount quietly once it has (it may have loaded later).
  const recount = () => setTimeout(() => $(".ns-filters") && apply($(".ns-filters"), false));
  on("change", ".ns-print", recount);
  on("click", ".ns-print [data-choose]", recount);

  onEveryPage("filters", init);
})();
