// offline: the parts of the offline copy a page needs only now and then (core.js registers the worker).
// core.js loads this file when a newer build arrives, for the notice that offers a reload; the Privacy
// page loads it for its "Remove offline copy" button. A reader who removed the copy has
// "next-step:offline" = "off" in localStorage, and gets no worker (see docs/privacy.md).
(() => {
  const { $, make, storage, announcer, onEveryPage, t } = window.nextStep;
  const sw = navigator.serviceWorker;
  const manifest = $("link[rel=manifest]");
  // No workers in this browser, or `mkdocs serve`, which builds none (and links no manifest).
  if (!sw || !manifest) return;
  const KEY = "next-step:offline";
  const PREFIX = "next-step-offline-";
  const off = () => storage("localStorage")?.getItem(KEY) === "off";
  // The site's own worker, whose scope is the folder of the manifest: other sites on this host may have workers too.
  const scope = new URL(".", manifest.href).href;
  const ours = () => sw.getRegistrations().then((all) => all.find((registration) => registration.scope === scope));

  // Polite: the reader chooses when to reload, since their details are typed into this page.
  const notice = (registration) => {
    if ($(".ns-update")) return;
    const box = make("div", "md-dialog ns-update");
    const inner = make("div", "md-dialog__inner md-typeset");
    box.setAttribute("role", "status");
    inner.append(t("js.offline.ready"));
    const button = (label, act) => {
      const button = make("button", "ns-button");
      button.textContent = label;
      // Material's dialog box is dark on light pages: the buttons take its light text. Styled here, not in site.css, which every page loads.
      Object.assign(button.style, { minHeight: "2.2rem", margin: "0.4rem 0 0 0.6rem", color: "inherit" });
      button.onclick = act;
      inner.append(button);
    };
    button(t("js.offline.reload"), () => {
      sw.addEventListener("controllerchange", () => location.reload());
      registration.waiting?.postMessage("activate");
    });
    button(t("js.offline.later"), () => box.remove());
    box.append(inner);
    document.body.append(box);
    requestAnimationFrame(() => box.classList.add("md-dialog--active"));
  };

  // A newer build may be waiting already, still installing, or found later: each ends in the notice. Only where this
  // registration has a worker already: the page's controller may be another language's (English's scope holds /es/).
  ours().then((registration) => {
    if (!registration?.active) return;
    const waiting = () => registration.waiting && notice(registration);
    const track = () => registration.installing && (registration.installing.onstatechange = waiting);
    waiting();
    track();
    registration.onupdatefound = track;
  });

  // Only this site's worker and caches are removed.
  const remove = async () => {
    await (await ours())?.unregister();
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX)) await caches.delete(name);
    }
  };

  // The Privacy page's button, hidden in the page itself: without this script it could do nothing.
  const say = announcer(() => $(".ns-offline [role=status]"));
  onEveryPage("offline", () => {
    const box = $(".ns-offline");
    if (!box) return;
    const button = $("button", box);
    const label = () => (button.textContent = t(off() ? "js.offline.keep" : "js.offline.remove"));
    label();
    box.hidden = false;
    button.onclick = async () => {
      const removing = !off();
      try {
        if (removing) {
          storage("localStorage")?.setItem(KEY, "off");
          await remove();
        } else {
          storage("localStorage")?.removeItem(KEY);
          await sw.register(new URL("sw.js", manifest.href)); // as core.js does on every page
        }
        say(t(removing ? "js.offline.removed" : "js.offline.kept"));
      } catch {
        say(t("js.offline.refused"));
      }
      label();
    };
  });
})();
