// details: the reader's details fill every blank; they stay in this browser (see docs/privacy.md).
// Contract used by print.js and rehearse.js: JSON {value key: text} under "next-step:details", kept
// where core.js's stores() says; the events it dispatches are listed in core.js.
(() => {
  const { FLAG, $, $$, make, on, text, storage, remembered, stores, announcer, onEveryPage, need, t } = window.nextStep;
  const KEY = "next-step:details";
  const OPEN = "next-step:details-open"; // the reader's last open/closed choice for the panel
  const PREFIX = "next-step:";
  const LINK = "#details=";
  // A value key: a blank's id, or "<blank_id>.<setting>" for a value of its own in some settings.
  const BLANK_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/;
  const FIELD = ".ns-details input[data-blank]"; // the panel's fields, one a blank
  const active = () => stores()[0];

  let memory = {}; // this page's copy, for when the browser refuses storage

  const read = () => {
    const values = {};
    try {
      const store = active();
      const saved = store ? JSON.parse(store.getItem(KEY)) : memory;
      for (const [id, value] of Object.entries(saved || {})) {
        if (BLANK_ID.test(id) && typeof value === "string" && value.trim()) values[id] = value;
      }
    } catch {
      // Unreadable saved data counts as none: the reader starts again rather than meeting an error.
    }
    return values;
  };

  const write = (values) => {
    const store = active();
    memory = { ...values };
    if (!store) return;
    try {
      if (Object.keys(values).length) store.setItem(KEY, JSON.stringify(values));
      else store.removeItem(KEY);
    } catch {
      say(t("js.details.not_saved"));
    }
  };

  // Cleared 8 s later; it sits in the page's flow, under the panel, never over it.
  const say = announcer(() => $(".ns-details__status"), 8000);
  const limits = () => JSON.parse($(".ns-details")?.dataset.maxLengths || "{}");
  const broken = (value) => value.isWellFormed && !value.isWellFormed();

  // A value past its limit is kept whole and marked (is-too-long, data-over: print.js reads both), never cut.
  const fill = (values) => {
    const max = limits();
    for (const blank of $$(".ns-blank")) {
      const value = values[blank.dataset.blank];
      const over = value?.length - max[blank.dataset.blank];
      const shown = value || `[${blank.dataset.label}]`;
      // Unchanged text is left alone: at load most blanks already show it, and each write costs the page a new layout.
      if (blank.textContent !== shown) blank.textContent = shown;
      blank.classList.toggle("is-filled", !!value);
      blank.classList.toggle("is-too-long", over > 0);
      if (over > 0) blank.dataset.over = over;
      else delete blank.dataset.over;
    }
    const fields = $$(FIELD);
    const count = $(".ns-details__count");
    if (count) count.textContent = t("js.details.count", { filled: fields.filter((field) => values[field.dataset.blank]).length, total: fields.length });
    document.dispatchEvent(new CustomEvent("next-step:details-changed"));
  };

  // A field's message: why it is refused, how far past its limit, a counter from 80% of it, or "".
  const problem = (field) => {
    const length = field.value.trim().length;
    const max = +field.dataset.maxLength;
    if (broken(field.value)) return t("js.details.broken");
    if (length > max) return t("js.details.over", { count: length - max, max });
    return length < 0.8 * max ? "" : t("js.details.counter", { length, max });
  };

  // Shows one field's message and records its value; returns the message when the value is refused or too long.
  const take = (field, values) => {
    const message = problem(field);
    const bad = broken(field.value) || field.value.trim().length > field.dataset.maxLength;
    $(".ns-field__error", field.closest(".ns-field")).textContent = message;
    if (bad) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    const value = field.value.trim();
    if (value && !broken(value)) values[field.dataset.blank] = value;
    else delete values[field.dataset.blank];
    return bad && message;
  };

  const hideShare = () => {
    const share = $(".ns-share");
    if (share) share.hidden = true;
    const link = $("#ns-share-link");
    if (link) link.value = "";
  };

  // A share link carries the values after "#", which browsers never send to a server.
  const fromLink = () => {
    const hash = location.hash;
    if (!hash.startsWith(LINK)) return;
    // Used once, then taken out of the address bar, so it is not bookmarked or shared on by accident.
    history.replaceState(history.state, "", location.pathname + location.search);
    let shared;
    try {
      shared = JSON.parse(decodeURIComponent(hash.slice(LINK.length)));
    } catch {
      // A damaged link leaves shared undefined, which is reported just below.
    }
    const fields = $$(FIELD);
    if (!shared || typeof shared !== "object" || !fields.length) {
      say(t("js.details.link_damaged"));
      return;
    }
    const values = read();
    let used = 0;
    let refused = 0;
    for (const field of fields) {
      const value = shared[field.dataset.blank];
      if (typeof value !== "string") continue;
      field.value = value;
      take(field, values);
      if (broken(value)) refused += 1;
      else used += 1;
    }
    // Values this page has no field for (another setting's) are kept too, for the site's own value keys.
    const here = new Set(fields.map((field) => field.dataset.blank));
    for (const [key, value] of Object.entries(shared)) {
      if (here.has(key) || !Object.hasOwn(limits(), key) || typeof value !== "string" || !value.trim()) continue;
      if (broken(value)) refused += 1;
      else {
        values[key] = value.trim();
        used += 1;
      }
    }
    write(values);
    $(".ns-details__box").open = true;
    say(t(refused ? "js.details.link_refused" : "js.details.link_filled", { used, refused }));
  };

  const init = () => {
    const panel = $(".ns-details");
    if (panel) {
      const values = read();
      for (const field of $$("input[data-blank]", panel)) {
        field.value = values[field.dataset.blank] || "";
        take(field, values);
      }
      write(values);
      $("#ns-remember").checked = remembered();
      // A strip on a first visit, so the scripts come first; open again for a reader who left it open.
      $(".ns-details__box", panel).open = stores().some((store) => store?.getItem(OPEN) === "1");
      fromLink();
    }
    for (const script of $$(".ns-script")) {
      if (!$(".ns-script__body", script) || $(".ns-copy", script)) continue;
      const button = make("button", "ns-button ns-copy");
      button.type = "button";
      const hidden = make("span", "ns-visually-hidden");
      hidden.textContent = ` ${t("js.copy.which", { title: text($("h2", script).firstChild) })}`;
      button.append(t("js.copy.button"), hidden);
      script.append(button);
    }
    fill(read());
  };

  // The script as plain text: a message ready to paste, or spoken lines with their answers.
  const scriptText = (script) => {
    const subject = $(".ns-part--subject .ns-part__text", script);
    const paragraphs = [subject ? t("js.copy.subject", { subject: text(subject) }) : text($("h2", script).firstChild)];
    for (const part of $$(".ns-part:not(.ns-part--subject) > .ns-part__text", script)) paragraphs.push(text(part));
    const answers = $$(".ns-answer", script).map((answer) => `${text($("dt", answer))}: ${text($("dd", answer))}`);
    if (answers.length) paragraphs.push(answers.join("\n"));
    return paragraphs.join("\n\n");
  };

  // A press with blanks still empty or too long has blank-check.js list them above the button, each linked to its
  // field; once that list is shown, Copy copies (and so does the list's "Copy anyway"). All filled: copied at once.
  const copy = (button) => {
    const script = button.closest(".ns-script");
    const seen = [...new Set($$(".ns-blank:not(.is-filled), .is-too-long", script).map((blank) => blank.dataset.blank))].join();
    let note = $(".ns-copy__check", script);
    if (!seen) note?.remove();
    else if (note?.dataset.seen !== seen) {
      note ||= make("div", "ns-copy__check");
      button.before(note);
      return need("blank-check").then(() => {
        window.nextStep.blankCheck(note, [script], "copy", () => copy(button));
        note.dataset.seen = seen;
      });
    }
    const title = text($("h2", script).firstChild);
    const empty = new Set($$(".ns-blank:not(.is-filled)", script).map((blank) => blank.dataset.blank)).size;
    const done = (label, message) => {
      button.firstChild.textContent = label;
      say(message);
      setTimeout(() => (button.firstChild.textContent = t("js.copy.button")), 2500);
    };
    const failed = () => done(t("js.copy.not_done"), t("js.copy.refused", { title }));
    try {
      navigator.clipboard.writeText(scriptText(script)).then(() => done(t("js.copy.done"), t(empty ? "js.copy.copied_empty" : "js.copy.copied", { title, empty })), failed);
    } catch {
      failed();
    }
  };

  const forget = () => {
    for (const store of [storage("sessionStorage"), storage("localStorage")]) {
      if (!store) continue;
      // Only the project's own keys: Material's (palette, search...) are left as they are.
      for (let index = store.length - 1; index >= 0; index -= 1) {
        const key = store.key(index);
        if (key && key.startsWith(PREFIX)) store.removeItem(key);
      }
    }
    for (const field of $$(FIELD)) {
      field.value = "";
      take(field, {});
    }
    $("#ns-remember").checked = false;
    memory = {};
    hideShare();
    fill({});
    say(t("js.details.forgotten"));
    document.dispatchEvent(new CustomEvent("next-step:forgotten")); // other features drop what they hold in memory
  };

  const remember = (checkbox) => {
    const values = read();
    const session = storage("sessionStorage");
    const local = storage("localStorage");
    if (!local) {
      checkbox.checked = false;
      say(t("js.details.no_storage"));
      return;
    }
    [session, local].forEach((store) => store && [KEY, OPEN].forEach((key) => store.removeItem(key)));
    if (checkbox.checked) local.setItem(FLAG, "1");
    else local.removeItem(FLAG);
    write(values);
    keep($(".ns-details__box").open); // the open/closed choice moves with the details
    say(t(checkbox.checked ? "js.details.remembered" : "js.details.session"));
  };

  const share = () => {
    const values = read();
    if (!Object.keys(values).length) {
      say(t("js.details.share_empty"));
      return;
    }
    const link = $("#ns-share-link");
    link.value = location.origin + location.pathname + LINK + encodeURIComponent(JSON.stringify(values));
    $(".ns-share").hidden = false;
    link.focus();
    link.select();
    say(t("js.details.share_made"));
  };

  on("input", FIELD, (field) => {
    const values = read();
    take(field, values);
    write(values);
    hideShare();
    fill(values);
    $(".ns-details__saved").textContent = t("js.details.saved");
  });

  on("change", "#ns-remember", remember);
  // One polite announcement per field, when the reader leaves it: never keystroke by keystroke.
  on("change", FIELD, (field) => {
    const message = take(field, {});
    const count = $$(`.ns-blank[data-blank="${field.dataset.blank}"]`).length;
    say(t("js.details.field", { label: field.labels[0].textContent, message: message || t("js.details.updated", { count }) }));
  });

  // The strip's open/closed choice is kept; opening it by hand starts at its first field.
  const keep = (open) => active()?.setItem(OPEN, open ? "1" : "");
  on("click", ".ns-details__summary", (summary) => {
    const open = !summary.parentElement.open;
    keep(open);
    if (open) requestAnimationFrame(() => $(FIELD)?.focus());
  });
  on("click", ".ns-details__done", (button) => {
    button.closest("details").open = false;
    keep(false);
    const heading = $(".ns-script:not([data-filtered-out]) h2");
    heading.tabIndex = -1;
    heading.focus();
  });
  on("click", "button.ns-copy", copy);
  on("click", "button.ns-details__forget", forget);
  on("click", "button.ns-details__share", share);

  // A share link opened on the page already showing: only the fragment changes, nothing reloads.
  window.addEventListener("hashchange", () => {
    if (!location.hash.startsWith(LINK)) return;
    fromLink();
    fill(read());
  });

  onEveryPage("details", init);
})();
