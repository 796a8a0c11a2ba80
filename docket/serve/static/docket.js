// docket's only script, loaded from this origin (the CSP allows no inline script). Pages work without it:
// it only adds the switches that show or hide each kind of highlight on a document's page.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const layers = document.querySelector("fieldset.layers");
  const text = document.getElementById("text");
  if (!layers || !text) return;
  layers.hidden = false;
  layers.addEventListener("change", (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.dataset.layer) {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    }
  });
});
