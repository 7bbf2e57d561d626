// offline: registers the service worker that hooks/offline.py builds, offers a reload when a newer
// build is ready, and runs the Privacy page's "Remove offline copy" button. A reader who removed
// the copy has "next-step:offline" = "off" in localStorage, and gets no worker (see docs/privacy.md).
(() => {
  const sw = navigator.serviceWorker;
  const me = document.currentScript;
  if (!sw || !me) return;
  // The worker sits at the site's root, two folders above this file, so that it serves every page.
  const url = new URL("../../sw.js", me.src).href;
  const scope = new URL("./", url).href;
  const KEY = "next-step:offline";
  const store = () => {
    try {
      return localStorage;
    } catch (error) {} // storage switched off: the choice cannot be kept, nothing breaks
  };
  const off = () => store()?.getItem(KEY) === "off";
  let reloading = false;

  // Polite: the reader chooses when to reload, since their details are typed into this page.
  const notice = (registration) => {
    if (document.querySelector(".ns-update")) return;
    const box = document.createElement("div");
    const inner = document.createElement("div");
    box.className = "md-dialog ns-update";
    box.setAttribute("role", "status");
    inner.className = "md-dialog__inner md-typeset";
    inner.append("A newer version of the guide is ready. Your details are kept.");
    const button = (label, act) => {
      const button = document.createElement("button");
      button.className = "ns-button";
      button.textContent = label;
      button.onclick = act;
      inner.append(button);
    };
    button("Reload", () => {
      reloading = true;
      registration.waiting?.postMessage("activate");
    });
    button("Later", () => box.remove());
    box.append(inner);
    document.body.append(box);
    requestAnimationFrame(() => box.classList.add("md-dialog--active"));
  };

  const register = () =>
    sw.register(url, { scope }).then((registration) => {
      // A newer build may be waiting already, still installing, or found later: each ends in the notice.
      const waiting = () => registration.waiting && sw.controller && notice(registration);
      const track = () => registration.installing && (registration.installing.onstatechange = waiting);
      waiting();
      track();
      registration.onupdatefound = track;
    }, () => {});
  sw.addEventListener("controllerchange", () => reloading && location.reload());
  // After the page has loaded: the copy downloads in the background, never ahead of what the reader sees.
  const start = () => off() || register();
  if (document.readyState === "complete") start();
  else addEventListener("load", start);

  // Other sites on the same host may have workers and caches too: only this site's are removed.
  const remove = async () => {
    for (const registration of await sw.getRegistrations()) {
      if (registration.scope === scope) await registration.unregister();
    }
    for (const name of await caches.keys()) {
      if (name.startsWith("next-step-offline-")) await caches.delete(name);
    }
  };

  // The Privacy page's button, hidden in the page itself: without this script it could do nothing.
  const setUp = () => {
    const box = document.querySelector(".ns-offline");
    if (!box) return;
    const [button, status] = box.children;
    const label = () => (button.textContent = off() ? "Keep an offline copy" : "Remove offline copy");
    label();
    box.hidden = false;
    button.onclick = async () => {
      const removing = !off();
      try {
        if (removing) {
          store()?.setItem(KEY, "off");
          await remove();
        } else {
          store()?.removeItem(KEY);
          await register();
        }
        status.textContent = removing ? "Removed. This device keeps no offline copy until you ask again." : "This device keeps an offline copy again.";
      } catch (error) {
        status.textContent = "Your browser refused. Clear this site's data in its settings instead.";
      }
      label();
    };
  };
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
