// The confidentiality guard while the author types. Any textarea (or input) carrying
// data-confidentiality-check="<url of the check endpoint>" is sent to the server a moment after the
// author stops typing, and each finding is listed beside the field in plain words, inside a polite
// live region so screen readers announce it. The server checks again on save: this is advice early,
// not the guard itself, so a failed request changes nothing.
// No inline styles or scripts (the Content-Security-Policy forbids them): NHS.UK classes only, and
// every piece of the author's text goes into the page as text, never as HTML.

const DEBOUNCE_MS = 700;
const SELECTOR = "[data-confidentiality-check]";
const TAGS = {
  block: { text: "Remove", colour: "nhsuk-tag--red" },
  confirm: { text: "Check", colour: "nhsuk-tag--yellow" },
  warn: { text: "Consider", colour: "nhsuk-tag--blue" },
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A name that can never be a colleague's (with a title, next to "patient"...) must go like an identifier.
function mustGo(finding) {
  return finding.action === "block" || Boolean(finding.not_a_colleague);
}

function summary(findings) {
  const blocks = findings.filter(mustGo).length;
  const confirms = findings.filter((f) => !mustGo(f) && f.action === "confirm");
  if (blocks) return `${blocks === 1 ? "1 detail" : `${blocks} details`} must be removed before you can save.`;
  if (confirms.length && confirms.every((f) => f.type === "PERSON")) {
    return "Check the names below before you save. A colleague named needs their role.";
  }
  if (confirms.length) return "Check the details below before you save.";
  return "Some details below may identify someone.";
}

export function renderFindings(region, findings) {
  region.replaceChildren();
  region.hidden = findings.length === 0;
  if (!findings.length) return;
  const box = element("div", "nhsuk-inset-text nhsuk-u-margin-top-2");
  box.append(element("p", "nhsuk-body-s nhsuk-u-font-weight-bold nhsuk-u-margin-bottom-2", summary(findings)));
  const list = element("ul", "nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0");
  for (const finding of findings) {
    const tag = mustGo(finding) ? TAGS.block : TAGS[finding.action] || TAGS.warn;
    const item = element("li");
    item.append(element("strong", `nhsuk-tag ${tag.colour} nhsuk-u-margin-right-2`, tag.text));
    item.append(element("span", "nhsuk-u-font-weight-bold", `“${finding.text}”`));
    item.append(document.createTextNode(`: ${finding.not_a_colleague || finding.explanation}`));
    // General wording to use instead, beside the finding: "You could write: a long-term lung condition".
    if (finding.suggestion) {
      item.append(element("span", "nhsuk-u-display-block", `You could write: ${finding.suggestion}`));
    }
    list.append(item);
  }
  box.append(list);
  region.append(box);
}

function setUp(field) {
  if (field.dataset.confidentialityReady) return;
  field.dataset.confidentialityReady = "true";
  const region = element("div");
  region.id = `${field.id || field.name}-confidentiality`;
  region.setAttribute("aria-live", "polite");
  region.hidden = true;
  field.insertAdjacentElement("afterend", region);
  const describedBy = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  field.setAttribute("aria-describedby", [...describedBy, region.id].join(" "));

  let timer;
  let controller;
  let lastText = null;
  let lastShown = "[]";

  async function check() {
    const text = field.value;
    if (text === lastText) return;
    lastText = text;
    controller?.abort();
    if (!text.trim()) {
      lastShown = "[]";
      renderFindings(region, []);
      return;
    }
    controller = new AbortController();
    const body = new FormData();
    body.append("text", text);
    const token = field.form?.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
    try {
      const response = await fetch(field.dataset.confidentialityCheck, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": token, Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      const type = response.headers.get("content-type") || "";
      if (!response.ok || !type.includes("application/json")) return;
      const { findings } = await response.json();
      if (field.value !== text) return; // the author kept typing; a newer check is on its way
      const shown = JSON.stringify(findings.map((f) => [f.start, f.end, f.action]));
      if (shown === lastShown) return; // say nothing new to a screen reader when nothing changed
      lastShown = shown;
      renderFindings(region, findings);
    } catch (error) {
      if (error.name !== "AbortError") lastText = null; // let the next keystroke try again
    }
  }

  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  });
  if (field.value.trim()) check();
}

export function initConfidentialityChecks(root = document) {
  if (root.matches?.(SELECTOR)) setUp(root);
  root.querySelectorAll?.(SELECTOR).forEach(setUp);
}

initConfidentialityChecks();
document.addEventListener("htmx:load", (event) => initConfidentialityChecks(event.target));
