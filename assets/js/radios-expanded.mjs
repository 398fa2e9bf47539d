// NHS.UK frontend's radios reveal the questions of the option chosen (the sign-off's outcome, for
// one), linked to it by aria-controls, and also set aria-expanded on each radio: an attribute a
// radio does not support (WCAG 4.1.2; axe's aria-allowed-attr), which GOV.UK Frontend dropped for
// that reason. The reveal stays as it is; the attribute is taken off again after NHS.UK frontend
// sets it: when it starts (after this module, so on the next turn), on every choice (its listener
// is on the radios, below this one on the document) and when a page comes back from the cache.
function dropAriaExpanded(root = document) {
  root.querySelectorAll('input[type="radio"][aria-expanded]').forEach((input) => {
    input.removeAttribute("aria-expanded");
  });
}

function dropNextTurn() {
  window.setTimeout(() => dropAriaExpanded(), 0);
}

document.addEventListener("click", () => dropAriaExpanded());
document.addEventListener("change", () => dropAriaExpanded());
window.addEventListener("pageshow", dropNextTurn);
dropNextTurn();
