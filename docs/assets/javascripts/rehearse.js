// rehearse: turns the Rehearse page's list of cards into a one-card-at-a-time player.
// Progress for the tab lives in sessionStorage under "next-step:rehearse" (see docs/rehearse.md).
(() => {
  const { $, $$, text, clock, storage, announcer, onEveryPage, t } = window.nextStep;
  // "a, b and c" in the page's language; "none" for no words.
  const list = (items) => (items.length > 1 ? t("js.list.and", { first: items.slice(0, -1).join(", "), last: items[items.length - 1] }) : items[0] || t("js.list.none"));
  const KEY = "next-step:rehearse";
  const SHORTCUTS = { r: ["random"], v: ["reveal"], ArrowRight: ["next"], t: ["timer"], 0: ["reset"], l: ["speak"] };
  const canSpeak = !!window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function";

  let leavePage = () => {}; // stops the last page's timer and voice on instant navigation

  const store = () => storage("sessionStorage"); // null where refused: progress lasts as long as the page

  // Only what the page knows is kept from storage: a stale or edited value cannot break the player.
  const loadProgress = (known, ANSWERS) => {
    const progress = { practised: [], met: {} };
    try {
      const saved = JSON.parse(store().getItem(KEY)) || {};
      if (Array.isArray(saved.practised)) progress.practised = saved.practised.filter((id) => known.has(id));
      for (const id of known) {
        const met = saved.met && saved.met[id];
        if (Array.isArray(met)) progress.met[id] = ANSWERS.filter((answer) => met.includes(answer));
      }
    } catch {
      // No storage, or unreadable progress: the player starts afresh.
    }
    return progress;
  };

  const init = () => {
    leavePage();
    const root = $(".ns-rehearse");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    const part = (name) => $(`.ns-rehearse__${name}`, root);
    const [setup, position, deck, controls, done, progressBox, status] =
      ["setup", "position", "deck", "controls", "done", "progress", "status"].map(part);
    const cards = $$(".ns-rehearse__card", root);
    const known = new Set(cards.map((card) => card.dataset.script));
    // The replies come from the answer buttons, rendered from macros/schema.py: key, word heard, shortcut.
    const answerButtons = $$('button[data-action="answer"]', root);
    const ANSWERS = answerButtons.map((each) => each.dataset.answer);
    const HEARD = Object.fromEntries(answerButtons.map((each) => [each.dataset.answer, each.dataset.heard]));
    const shortcuts = { ...SHORTCUTS, ...Object.fromEntries(answerButtons.map((each) => [each.getAttribute("aria-keyshortcuts"), ["answer", each.dataset.answer]])) };
    const offers = (card, answer) => !!$(`.ns-answer[data-answer="${answer}"]`, card);
    const button = (action) => $(`button[data-action="${action}"]`, root);
    const label = (action, words) => ($(".ns-rehearse__label", button(action)).textContent = words);
    const state = { queue: [], index: 0, answer: null, revealed: false, mode: "choose", started: 0, elapsed: 0, tick: 0, spoke: false };
    let progress = loadProgress(known, ANSWERS);

    const save = () => {
      try {
        store().setItem(KEY, JSON.stringify(progress));
      } catch {
        // No storage, or a full one: progress lasts as long as the page.
      }
    };
    const say = announcer(() => status);
    const chosenSetting = () => ($("input[name=ns-rehearse-setting]:checked", setup) || { value: "all" }).value;
    // A card filters.js marks data-filtered-out (another audience or tone) is in no set.
    // ?cards=a,b (from "Rehearse these" on My cards, or "Rehearse this" on a script) is a set of its own: exactly those cards.
    const asked = (new URLSearchParams(location.search).get("cards") || "").split(",").filter((id) => known.has(id));
    const inSet = (card, setting) =>
      setting === "cards" ? asked.includes(card.dataset.script) : (setting === "all" || card.dataset.setting === setting) && !card.hasAttribute("data-filtered-out");
    const current = () => cards.find((card) => card.dataset.script === state.queue[state.index]);

    const showProgress = () => {
      const setting = state.mode === "choose" ? chosenSetting() : state.setting;
      const ids = cards.filter((card) => inSet(card, setting)).map((card) => card.dataset.script);
      for (const row of $$(".ns-rehearse__log li", progressBox)) {
        const id = row.dataset.script;
        const met = (progress.met[id] || []).map((answer) => HEARD[answer]);
        const practised = progress.practised.includes(id);
        row.hidden = !ids.includes(id);
        row.classList.toggle("is-practised", practised);
        $(".ns-rehearse__log-state", row).textContent = practised ? t("js.rehearse.practised", { answers: list(met) }) : t("js.rehearse.not_practised");
      }
      const met = ANSWERS.filter((answer) => ids.some((id) => (progress.met[id] || []).includes(answer)));
      const offered = ANSWERS.filter((answer) => cards.some((card) => ids.includes(card.dataset.script) && offers(card, answer)));
      const missing = offered.filter((answer) => !met.includes(answer)).map((answer) => HEARD[answer]);
      const practised = ids.filter((id) => progress.practised.includes(id)).length;
      $(".ns-rehearse__tally", progressBox).textContent = [
        t("js.rehearse.tally", { practised, count: ids.length }),
        t("js.rehearse.met", { answers: list(met.map((answer) => HEARD[answer])) }),
        ...(missing.length ? [t("js.rehearse.to_meet", { answers: list(missing) })] : []),
      ].join(" ");
      return missing;
    };

    const show = (mode) => {
      state.mode = mode;
      setup.hidden = mode !== "choose";
      deck.hidden = controls.hidden = position.hidden = mode !== "card";
      done.hidden = mode !== "done";
      progressBox.hidden = false;
      // Focus mode: while a card is up, only the player shows (rehearse.css), so card, timer and answers fit one screen.
      document.documentElement.classList.toggle("ns-rehearse-focus", mode === "card");
      showProgress();
      // Other parts of the player (the recorder) follow the mode and the card from this event.
      root.dispatchEvent(new CustomEvent("ns-rehearse:show", { detail: { mode, card: mode === "card" ? current() : null } }));
    };

    // The timer: elapsed time plus the running stretch, shown against the card's target.
    const seconds = () => Math.floor((state.elapsed + (state.started ? performance.now() - state.started : 0)) / 1000);
    const target = () => Number((current() || {}).dataset?.targetSeconds) || 0;
    const drawClock = () => {
      part("clock").textContent = clock(seconds());
      part("clock").classList.toggle("is-over", seconds() > target());
    };
    // A card counts as practised once an answer is chosen or its timer has run, never for being skipped.
    const practised = (id) => {
      if (!progress.practised.includes(id)) progress.practised.push(id);
      save();
    };
    const stopTimer = () => {
      if (!state.started) return false;
      state.elapsed += performance.now() - state.started;
      if (state.elapsed >= 1000 && state.shown) practised(state.shown);
      state.started = 0;
      clearInterval(state.tick);
      label("timer", t("js.rehearse.timer_start"));
      drawClock();
      return true;
    };
    const toggleTimer = () => {
      if (stopTimer()) {
        const over = seconds() - target();
        const verdict = over > 0 ? t("js.rehearse.over", { seconds: over }) : over < 0 ? t("js.rehearse.under", { seconds: -over }) : t("js.rehearse.right_on");
        return say(t("js.rehearse.timer_stopped", { time: clock(seconds()), verdict, target: clock(target()) }));
      }
      state.started = performance.now();
      state.tick = setInterval(drawClock, 250);
      label("timer", t("js.rehearse.timer_stop"));
      say(t("js.rehearse.timer_started"));
    };
    const resetTimer = (quiet) => {
      stopTimer();
      state.elapsed = 0;
      drawClock();
      if (quiet !== true) say(t("js.rehearse.timer_reset"));
    };
    const hush = () => {
      if (canSpeak && state.spoke) window.speechSynthesis.cancel();
    };

    const showCard = () => {
      const card = current();
      resetTimer(true);
      hush();
      state.answer = null;
      state.revealed = false;
      for (const each of cards) each.hidden = each !== card;
      const answers = $(".ns-part--answers", card);
      if (answers) answers.hidden = true;
      for (const answerButton of answerButtons) {
        answerButton.setAttribute("aria-pressed", "false");
        answerButton.hidden = !offers(card, answerButton.dataset.answer); // an optional reply this card lacks
      }
      // A card with no replies at all (the prep sheet) has no interviewer's answer to pick: the whole group goes.
      part("reply").hidden = !answers;
      part("heard").hidden = button("reveal").hidden = true;
      button("reveal").setAttribute("aria-expanded", "false");
      if (answers) button("reveal").setAttribute("aria-controls", answers.id);
      else button("reveal").removeAttribute("aria-controls");
      label("reveal", t("js.rehearse.show_reply"));
      label("next", t(state.index === state.queue.length - 1 ? "js.rehearse.finish" : "js.rehearse.next"));
      part("target-time").textContent = clock(target());
      position.textContent = t("js.rehearse.position", { number: state.index + 1, count: state.queue.length });
      state.shown = card.dataset.script;
      show("card");
      $("h2", card).focus();
      say(t("js.rehearse.card", { number: state.index + 1, count: state.queue.length, title: text($("h2", card)) }));
    };

    const start = (setting) => {
      state.setting = setting || chosenSetting();
      state.queue = cards.filter((card) => inSet(card, state.setting)).map((card) => card.dataset.script);
      if ($("input[name=ns-rehearse-shuffle]", setup).checked) {
        for (let i = state.queue.length - 1; i > 0; i -= 1) {
          const j = Math.floor(Math.random() * (i + 1));
          [state.queue[i], state.queue[j]] = [state.queue[j], state.queue[i]];
        }
      }
      state.index = 0;
      if (state.queue.length) showCard();
    };

    const choose = (answer, surprise) => {
      const card = current();
      state.answer = answer;
      state.revealed = false;
      $(".ns-part--answers", card).hidden = true;
      for (const answerButton of $$("button[data-answer]", controls)) {
        answerButton.setAttribute("aria-pressed", String(answerButton.dataset.answer === answer));
      }
      const heard = part("heard");
      const said = t("js.rehearse.heard", { answer: HEARD[answer] });
      heard.textContent = surprise ? t("js.rehearse.surprise", { heard: said }) : said;
      heard.hidden = button("reveal").hidden = false;
      button("reveal").setAttribute("aria-expanded", "false");
      label("reveal", t("js.rehearse.show_reply"));
      const met = progress.met[card.dataset.script] || [];
      progress.met[card.dataset.script] = ANSWERS.filter((each) => each === answer || met.includes(each));
      practised(card.dataset.script);
      showProgress();
      say(heard.textContent);
    };

    const reveal = () => {
      if (!$(".ns-part--answers", current())) return say(t("js.rehearse.no_reply"));
      if (!state.answer) return say(t("js.rehearse.choose_first"));
      const card = current();
      state.revealed = !state.revealed;
      $(".ns-part--answers", card).hidden = !state.revealed;
      for (const answer of $$(".ns-answer", card)) answer.hidden = answer.dataset.answer !== state.answer;
      button("reveal").setAttribute("aria-expanded", String(state.revealed));
      label("reveal", t(state.revealed ? "js.rehearse.hide_reply" : "js.rehearse.show_reply"));
      if (state.revealed) say(t("js.rehearse.your_reply", { reply: text($(`.ns-answer[data-answer="${state.answer}"] dd`, card)) }));
    };

    const finish = () => {
      resetTimer(true);
      state.shown = null;
      hush();
      show("done");
      const missing = showProgress();
      const summary = `${t("js.rehearse.went_through", { count: state.queue.length })} ` +
        (missing.length ? t("js.rehearse.still_to_meet", { answers: list(missing) }) : t("js.rehearse.met_all", { answers: list(ANSWERS.map((answer) => HEARD[answer])) }));
      part("summary").textContent = summary;
      $("h2", done).focus();
      say(summary);
    };

    const speak = () => {
      const card = current();
      // Every text said aloud (a script's opener and close; the prep sheet's lines), but not the replies.
      const parts = $$(".ns-part:not(.ns-part--answers) .ns-part__text", card).map(text);
      if (state.revealed) parts.push(text($(`.ns-answer[data-answer="${state.answer}"] dd`, card)));
      const utterance = new window.SpeechSynthesisUtterance(parts.join(" "));
      utterance.lang = document.documentElement.lang || "en";
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
      state.spoke = true;
    };

    const run = ([action, answer]) => {
      if (action === "answer") return offers(current(), answer) && choose(answer, false);
      if (action === "random") {
        const offered = $$(".ns-answer", current()).map((each) => each.dataset.answer);
        return offered.length && choose(offered[Math.floor(Math.random() * offered.length)], true);
      }
      if (action === "reveal") return reveal();
      if (action === "next" && state.index < state.queue.length - 1) {
        state.index += 1;
        return showCard();
      }
      if (action === "next") return finish();
      if (action === "timer") return toggleTimer();
      if (action === "reset") return resetTimer();
      if (action === "speak" && canSpeak) return speak();
      if (action === "again") return start(state.setting);
      if (action === "choose") {
        show("choose");
        return ($("input:checked", setup) || setup).focus();
      }
      if (action === "clear") {
        progress = { practised: [], met: {} };
        try {
          store().removeItem(KEY);
        } catch {
          // No storage: there was nothing kept to clear.
        }
        showProgress();
        say(t("js.rehearse.cleared"));
      }
    };

    setup.addEventListener("submit", (event) => {
      event.preventDefault();
      start();
    });
    setup.addEventListener("change", showProgress);
    // Each set's count, from the cards themselves: the filter bar changes the sets, and "All" holds the prep sheet too.
    const recount = () => {
      for (const input of $$("input[name=ns-rehearse-setting]", setup)) {
        const count = cards.filter((card) => inSet(card, input.value)).length;
        $(".ns-rehearse__count", input.parentNode).textContent = t("js.rehearse.count", { count });
      }
    };
    root.addEventListener("next-step:filtered", () => {
      recount();
      showProgress();
    });
    root.addEventListener("click", (event) => {
      const pressed = event.target.closest("button[data-action]");
      if (pressed) run([pressed.dataset.action, pressed.dataset.answer]);
    });
    // Shortcuts act only while focus is in the player (WCAG 2.1.4), and never while typing.
    root.addEventListener("keydown", (event) => {
      if (state.mode !== "card" || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("input, select, textarea, [contenteditable]")) return;
      const shortcut = shortcuts[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!shortcut || (shortcut[0] === "speak" && !canSpeak)) return;
      event.preventDefault();
      run(shortcut);
    });

    button("speak").hidden = !canSpeak;
    recount();
    for (const card of cards) card.hidden = true;
    leavePage = () => {
      clearInterval(state.tick);
      hush();
    };
    show("choose");
    if (asked.length) start("cards");
  };

  // The Rehearse page loads this file itself, and Material runs it again on every instant visit: core subscribes once.
  onEveryPage("rehearse", init);
})();
