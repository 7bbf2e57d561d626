// details: the reader's details fill every blank; they stay in this browser (see docs/privacy.md).
// Contract used by print.js and rehearse.js: JSON {value key: text} under "next-step:details", kept
// where core.js's stores() says; the events it dispatches are listed in core.js.
(() => {
  const { FLAG, $, $$, make, on, text, storage, remembered, stores, announcer, onEveryPage } = window.nextStep;
  const KEY = "next-step:details";
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
      say("Your details could not be saved in this browser; they will be lost when you leave this page.");
    }
  };

  // Cleared 8 s later, so that it stops covering the page.
  const say = announcer(() => $(".ns-details__status"), 8000);

  const fill = (values) => {
    for (const blank of $$(".ns-blank")) {
      const value = values[blank.dataset.blank];
      blank.textContent = value || `[${blank.dataset.label}]`;
      blank.classList.toggle("is-filled", !!value);
    }
    const fields = $$(FIELD);
    const count = $(".ns-details__count");
    if (count) count.textContent = `(${fields.filter((field) => values[field.dataset.blank]).length} of ${fields.length} filled)`;
    document.dispatchEvent(new CustomEvent("next-step:details-changed"));
  };

  // Why a value is refused, or "" when it can be used.
  const problem = (field) => {
    const value = field.value;
    const max = Number(field.getAttribute("maxlength"));
    if (value.isWellFormed && !value.isWellFormed()) return "Not used: it holds a broken character (often left by copy and paste). Please type it again.";
    if (value.length > max) return `Not used: it is ${value.length} characters long; keep it to ${max} or fewer.`;
    return "";
  };

  // Checks one field, shows or clears its message, and records its value; returns the message.
  const take = (field, values) => {
    const message = problem(field);
    const error = $(".ns-field__error", field.closest(".ns-field"));
    if (error) error.textContent = message;
    if (message) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    const value = field.value.trim();
    if (value && !message) values[field.dataset.blank] = value;
    else delete values[field.dataset.blank];
    return message;
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
      say("This share link is damaged, so nothing was filled in.");
      return;
    }
    const values = read();
    let used = 0;
    let refused = 0;
    for (const field of fields) {
      const value = shared[field.dataset.blank];
      if (typeof value !== "string") continue;
      field.value = value;
      if (take(field, values)) refused += 1;
      else used += 1;
    }
    // Values this page has no field for (another setting's) are kept too, within the site's own limits.
    const limits = JSON.parse($(".ns-details").dataset.maxLengths || "{}");
    const here = new Set(fields.map((field) => field.dataset.blank));
    for (const [key, value] of Object.entries(shared)) {
      if (here.has(key) || !Object.hasOwn(limits, key) || typeof value !== "string") continue;
      if (value.trim() && value.length <= limits[key] && (!value.isWellFormed || value.isWellFormed())) {
        values[key] = value.trim();
        used += 1;
      } else if (value.trim()) refused += 1;
    }
    write(values);
    $(".ns-details__box").open = true;
    say(`Filled in ${used} of your details from the link${refused ? `; ${refused} could not be used (see the messages below each field)` : ""}.`);
  };

  const init = () => {
    const panel = $(".ns-details");
    if (panel) {
      const values = read();
      for (const field of $$("input[data-blank]", panel)) {
        field.value = values[field.dataset.blank] || "";
        take(field, values);
      }
      // A saved value the data no longer allows (a shorter max_length) is dropped, not shown.
      write(values);
      $("#ns-remember").checked = remembered();
      // Open for a first visit; once filled, it steps aside so the scripts come first.
      $(".ns-details__box", panel).open = !Object.keys(values).length;
      fromLink();
    }
    for (const script of $$(".ns-script")) {
      if (!$(".ns-script__body", script) || $(".ns-copy", script)) continue;
      const button = make("button", "ns-button ns-copy");
      button.type = "button";
      const hidden = make("span", "ns-visually-hidden");
      hidden.textContent = ` “${text($("h2", script).firstChild)}”`;
      button.append("Copy", hidden);
      script.append(button);
    }
    fill(read());
  };

  // The script as plain text: a message ready to paste, or spoken lines with their answers.
  const scriptText = (script) => {
    const subject = $(".ns-part--subject .ns-part__text", script);
    const paragraphs = [subject ? `Subject: ${text(subject)}` : text($("h2", script).firstChild)];
    for (const part of $$(".ns-part:not(.ns-part--subject) > .ns-part__text", script)) paragraphs.push(text(part));
    const answers = $$(".ns-answer", script).map((answer) => `${text($("dt", answer))}: ${text($("dd", answer))}`);
    if (answers.length) paragraphs.push(answers.join("\n"));
    return paragraphs.join("\n\n");
  };

  const copy = (button) => {
    const title = text($("h2", button.closest(".ns-script")).firstChild);
    const done = (label, message) => {
      button.firstChild.textContent = label;
      say(message);
      setTimeout(() => (button.firstChild.textContent = "Copy"), 2500);
    };
    const failed = () => done("Not copied", `“${title}” could not be copied: your browser refused. Select the text and copy it instead.`);
    try {
      navigator.clipboard.writeText(scriptText(button.closest(".ns-script"))).then(() => done("Copied", `“${title}” is copied, with your details.`), failed);
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
    say("Your details are forgotten: nothing of them is kept in this browser now.");
    document.dispatchEvent(new CustomEvent("next-step:forgotten")); // other features drop what they hold in memory
  };

  const remember = (checkbox) => {
    const values = read();
    const session = storage("sessionStorage");
    const local = storage("localStorage");
    if (!local) {
      checkbox.checked = false;
      say("This browser does not allow keeping anything on this device.");
      return;
    }
    [session, local].forEach((store) => store && store.removeItem(KEY));
    if (checkbox.checked) local.setItem(FLAG, "1");
    else local.removeItem(FLAG);
    write(values);
    say(checkbox.checked ? "Your details will stay on this device until you forget them." : "Your details will be kept only until you close this tab.");
  };

  const share = () => {
    const values = read();
    if (!Object.keys(values).length) {
      say("Fill in at least one detail first; the link would be empty.");
      return;
    }
    const link = $("#ns-share-link");
    link.value = location.origin + location.pathname + LINK + encodeURIComponent(JSON.stringify(values));
    $(".ns-share").hidden = false;
    link.focus();
    link.select();
    say("Share link made. It contains your details.");
  };

  on("input", FIELD, (field) => {
    const values = read();
    const before = $(".ns-field__error", field.closest(".ns-field")).textContent;
    const message = take(field, values);
    // Refusals are announced when they appear; ordinary typing is not announced keystroke by keystroke.
    if (message && message !== before) say(`${field.labels[0].textContent}: ${message}`);
    write(values);
    hideShare();
    fill(values);
  });

  on("change", "#ns-remember", remember);
  on("change", FIELD, (field) => {
    if (field.hasAttribute("aria-invalid")) return;
    const count = $$(`.ns-blank[data-blank="${field.dataset.blank}"]`).length;
    say(`${field.labels[0].textContent} updated in ${count} place${count === 1 ? "" : "s"} on this page.`);
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
