// palette: the light/dark switch in the header (docs/overrides/partials/palette.html), in place of Material's own
// palette code, which restyles the whole page three times as every page starts. Same inputs, same choice kept
// under Material's "__palette" key (its script at the top of <body> applies it before the first paint), same
// <body> attributes; a page that starts in the kept scheme is left untouched, so it is not restyled at all.
(() => {
  const form = document.querySelector("[data-ns-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input")];
  const body = document.body;
  const kept = () => {
    try {
      return window.__md_get("__palette");
    } catch {
      return null; // storage switched off: the device's own light or dark setting decides
    }
  };
  let index = kept()?.index ?? inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches);
  index = Math.max(0, Math.min(index, inputs.length - 1));

  // The bar colour a phone draws around the page, read once the page is styled (reading it earlier would
  // restyle the page once more).
  const meta = document.head.appendChild(Object.assign(document.createElement("meta"), { name: "theme-color" }));
  const tint = () => {
    const rgb = getComputedStyle(document.querySelector("[data-md-component=header]")).backgroundColor.match(/\d+/g) || [];
    meta.content = `#${rgb.slice(0, 3).map((value) => (+value).toString(16).padStart(2, "0")).join("")}`;
  };

  const show = (chosen, switching) => {
    index = chosen;
    const input = inputs[index];
    const color = {};
    for (const key of ["media", "scheme", "primary", "accent"]) color[key] = input.getAttribute(`data-md-color-${key}`);
    // Material's stylesheet stops every transition while this attribute is on, so the page switches at once.
    if (switching) body.setAttribute("data-md-color-switching", "");
    for (const [key, value] of Object.entries(color))
      if (body.getAttribute(`data-md-color-${key}`) !== value) body.setAttribute(`data-md-color-${key}`, value);
    inputs.forEach((each, at) => {
      each.checked = at === index;
      if (each.nextElementSibling) each.nextElementSibling.hidden = at !== index;
    });
    window.__md_set?.("__palette", { index, color });
    if (switching) {
      tint();
      setTimeout(() => body.removeAttribute("data-md-color-switching"));
    }
  };

  show(index, false);
  if (document.readyState === "complete") tint();
  else addEventListener("load", tint, { once: true });
  form.addEventListener("change", (event) => show(inputs.indexOf(event.target), true));
  // Each label is for the other scheme's input, so a press switches; Enter and Space do the same on the focused one.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    const next = inputs[(index + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
