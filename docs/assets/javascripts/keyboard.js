// keyboard: Space works wherever Material for MkDocs answers only Enter (menu sections, light/dark switch).
// One listener on document, which instant navigation keeps, so nothing needs setting up again per page.
(() => {
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.matches("label.md-nav__link[for][tabindex]")) {
      // A menu section is a label for a hidden checkbox: Space opens and closes it, as on a button.
      event.preventDefault();
      target.click();
    } else if (target.matches(".md-option")) {
      // The light/dark switch is a radio group that Material cycles on Enter: Space does the same.
      event.preventDefault();
      target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    }
  });
})();
