// The criteria picker of the entry form (portfolios/_criteria_picker.jinja): a search over the
// criteria, and the buttons of the suggested criteria (filled in by htmx) that tick a criterion's
// box. Without JavaScript the form works as it is: every box saves with the entry, and a
// "Suggest criteria" button asks the server for suggestions.

function boxes(list) {
  return [...list.querySelectorAll("input[type=checkbox][data-criterion-code]")];
}

function itemOf(box) {
  return box.closest(".nhsuk-checkboxes__item");
}

function conditionalOf(box) {
  const id = box.getAttribute("aria-controls");
  return id ? document.getElementById(id) : null;
}

function setUpSearch(list) {
  const group = document.querySelector("[data-criteria-search]");
  if (!group) return;
  const input = group.querySelector("input");
  const count = group.querySelector("[data-criteria-search-count]");
  group.hidden = false;
  const texts = new Map(boxes(list).map((box) => [box, itemOf(box).textContent.toLowerCase()]));
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const [box, text] of texts) {
      const match = box.checked || words.every((word) => text.includes(word));
      itemOf(box).hidden = !match;
      const conditional = conditionalOf(box);
      if (conditional && !match) conditional.hidden = true;
      else if (conditional) conditional.hidden = false;
      if (match) shown += 1;
    }
    for (const details of list.querySelectorAll("[data-criteria-group]")) {
      const any = [...details.querySelectorAll("input[data-criterion-code]")].some((box) => !itemOf(box).hidden);
      details.hidden = !any;
      if (words.length && any) details.open = true;
    }
    count.textContent = words.length ? `${shown} ${shown === 1 ? "criterion matches" : "criteria match"}` : "";
  });
}

function accept(button) {
  const box = document.getElementById(button.dataset.criterionAccept);
  if (!box) return;
  const details = box.closest("details");
  if (details) details.open = true;
  itemOf(box).hidden = false;
  // A click, as a tap on the box would: NHS.UK checkboxes reveal their conditional content on
  // click, and the suggestions and the drafts hear the input and change it makes.
  if (!box.checked) box.click();
  const added = document.createElement("strong");
  added.className = "nhsuk-tag nhsuk-tag--green";
  added.textContent = "Added";
  button.replaceWith(added);
  const how = conditionalOf(box)?.querySelector("textarea");
  if (how) how.focus();
}

const list = document.getElementById("criteria-list");
if (list) {
  setUpSearch(list);
  // With htmx the suggestions follow the writing: the button that asks the server goes.
  for (const submit of document.querySelectorAll("[data-suggest-submit]")) submit.remove();
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-criterion-accept]");
    if (button) accept(button);
  });
}
