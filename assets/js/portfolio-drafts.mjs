// Nothing lost: writing in a portfolio form survives a dropped connection, an expired session or a
// closed tab. Every form marked data-portfolio-draft is copied to this device's localStorage as the
// learner types, and sent to the server's draft endpoint every few seconds. On return, writing that
// was never saved is offered back ("restore it / discard it"), and leaving a page with unsaved
// writing asks first. Without this script the forms still work, and the server's copy is offered
// back by the page itself.
//
// This device keeps no one's writing once they have gone: practice computers are shared, and a
// draft may hold what the guard refused (an NHS number). Every draft kept here is removed as the
// sign-out form (data-sign-out) is sent, on any page seen signed out (the session ended, or
// someone else is at the computer), and a signed-in page removes the drafts of anyone else. The
// page says who is signed in with <meta name="portfolio-drafts-user">. The server's own copy of a
// draft, which never holds an identifier, is still offered back after signing in again.

const PREFIX = "ccp-draft";
// Never kept or restored: the confidentiality declaration is made at the moment of saving.
const NOT_WRITING = new Set(["csrfmiddlewaretoken", "confidentiality_declaration"]);
const LOCAL_DELAY = 500;
const SERVER_DELAY = 3000;
const SERVER_MAX_WAIT = 15000;

const MESSAGES = {
  saved: "Draft saved.",
  failed:
    "Your writing is kept on this device but could not be saved to the server. If you have been signed out, sign in again and it will be offered back to you.",
  // 422 from the draft endpoint: the writing holds a patient identifier (an NHS number, a
  // postcode...), so the server keeps no copy of it; this device's copy stays.
  identifier: "Not saved on the server: remove the identifier first.",
  // The draft endpoint sent the browser to sign in: the session has ended, and the sign-in page
  // removes what this device kept (see above), so the learner is told before they go there.
  signedOut:
    "You have been signed out, so your writing could not be saved. Copy it somewhere safe before you sign in again: this device does not keep writing once you are signed out.",
};

class NotKept extends Error {}
class SignedOut extends Error {}

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});

function storageKey(user, key) {
  return `${PREFIX}:${user}:${key}`;
}

// Private browsing, a full disk or a policy may refuse storage: the forms must still work then.
function readLocal(name) {
  try {
    return JSON.parse(window.localStorage.getItem(name));
  } catch {
    return null;
  }
}

function writeLocal(name, value) {
  try {
    window.localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Nothing more can be done here; the server copy is still sent.
  }
}

function removeLocal(name) {
  try {
    window.localStorage.removeItem(name);
  } catch {
    // As above.
  }
}

function writing(form) {
  const data = {};
  for (const element of form.elements) {
    const { name, type } = element;
    if (!name || element.disabled || NOT_WRITING.has(name)) continue;
    if (["file", "submit", "button", "reset"].includes(type)) continue;
    if (type === "radio" || type === "checkbox") {
      if (element.checked) data[name] = element.value;
      continue;
    }
    data[name] = element.value;
  }
  return data;
}

function same(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if ((a[key] ?? "") !== (b[key] ?? "")) return false;
  }
  return true;
}

function fill(form, data) {
  for (const element of form.elements) {
    const { name, type } = element;
    if (!name || NOT_WRITING.has(name) || type === "file") continue;
    if (type === "radio" || type === "checkbox") {
      const checked = data[name] === element.value;
      if (element.checked !== checked) {
        element.checked = checked;
        // NHS.UK radios and checkboxes reveal their conditional content on change.
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (name in data) {
      element.value = data[name];
    }
  }
}

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

async function post(form, url, fields, { keepalive = false } = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append("csrfmiddlewaretoken", csrfToken(form));
  // A redirect means the session has ended (the sign-in page): not a success.
  const response = await fetch(url, {
    method: "POST",
    body,
    credentials: "same-origin",
    redirect: "manual",
    keepalive,
    headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
  });
  if (response.type === "opaqueredirect") throw new SignedOut("Draft not saved: the session has ended");
  if (response.status === 422) throw new NotKept("Draft not kept on the server: it holds an identifier");
  if (!response.ok) throw new Error(`Draft not saved: ${response.status || response.type}`);
  return response.json();
}

function draftKeys() {
  const keys = [];
  try {
    for (let index = 0; index < window.localStorage.length; index += 1) {
      const name = window.localStorage.key(index);
      if (name && name.startsWith(`${PREFIX}:`)) keys.push(name);
    }
  } catch {
    // Storage refused: there is nothing kept to remove.
  }
  return keys;
}

// Every draft on this device except those of `user` ("" for nobody's).
export function forgetDraftsExcept(user) {
  for (const name of draftKeys()) {
    if (!user || !name.startsWith(storageKey(user, ""))) removeLocal(name);
  }
}

function forgetDraftsOfOthers() {
  const marker = document.querySelector('meta[name="portfolio-drafts-user"]');
  if (marker) forgetDraftsExcept(marker.content);
  // Sent before the browser leaves the page, whatever the server answers.
  document.addEventListener("submit", (event) => {
    if (event.target instanceof HTMLFormElement && event.target.hasAttribute("data-sign-out")) forgetDraftsExcept("");
  });
}

function forgetSavedDrafts() {
  for (const marker of document.querySelectorAll("[data-portfolio-draft-saved]")) {
    removeLocal(storageKey(marker.dataset.portfolioUser, marker.dataset.portfolioDraftSaved));
  }
}

function setUp(form) {
  const key = form.dataset.portfolioDraft;
  const url = form.dataset.portfolioDraftUrl;
  const local = storageKey(form.dataset.portfolioUser, key);
  const serverDraftAt = Date.parse(form.dataset.portfolioServerDraftAt || "") || 0;
  const status = form.querySelector("[data-portfolio-draft-status]");
  const localBanner = document.querySelector('[data-portfolio-draft-banner="local"]');
  const serverBanner = document.querySelector('[data-portfolio-draft-banner="server"]');

  let initial = writing(form);
  let dirty = form.hasAttribute("data-portfolio-draft-restored");
  let submitting = false;
  let localTimer = null;
  let serverTimer = null;
  let firstUnsent = null;

  function say(message) {
    if (status && status.textContent !== message) status.textContent = message;
  }

  function keepLocally() {
    const data = writing(form);
    if (same(data, initial) && !dirty) {
      removeLocal(local);
      return;
    }
    writeLocal(local, { data, savedAt: Date.now(), synced: false });
  }

  async function sendToServer({ keepalive = false } = {}) {
    window.clearTimeout(serverTimer);
    serverTimer = null;
    firstUnsent = null;
    const data = writing(form);
    try {
      await post(form, url, { ...data, key }, { keepalive });
      const kept = readLocal(local);
      if (kept && same(kept.data, data)) writeLocal(local, { ...kept, synced: true });
      say(MESSAGES.saved);
    } catch (error) {
      if (error instanceof SignedOut) say(MESSAGES.signedOut);
      else say(error instanceof NotKept ? MESSAGES.identifier : MESSAGES.failed);
    }
  }

  function changed() {
    dirty = dirty || !same(writing(form), initial);
    window.clearTimeout(localTimer);
    localTimer = window.setTimeout(keepLocally, LOCAL_DELAY);
    // Debounced, but never put off for longer than SERVER_MAX_WAIT while someone keeps typing.
    firstUnsent = firstUnsent || Date.now();
    window.clearTimeout(serverTimer);
    const wait = Math.max(0, Math.min(SERVER_DELAY, firstUnsent + SERVER_MAX_WAIT - Date.now()));
    serverTimer = window.setTimeout(sendToServer, wait);
  }

  function hideBanners() {
    if (localBanner) localBanner.hidden = true;
    if (serverBanner) serverBanner.hidden = true;
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => {
    submitting = true;
    // A draft arriving after the save would be offered back as if it were still unsaved.
    window.clearTimeout(serverTimer);
    serverTimer = null;
    // The local copy stays until the page after a successful save says it was saved: if this
    // post is refused (an expired session), the writing is still here after signing in again.
    window.clearTimeout(localTimer);
    keepLocally();
  });

  window.addEventListener("beforeunload", (event) => {
    if (submitting || (!dirty && same(writing(form), initial))) return;
    event.preventDefault();
    event.returnValue = "";
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && serverTimer !== null && !submitting) sendToServer({ keepalive: true });
  });

  // Writing kept on this device that the server never acknowledged, and newer than the
  // server's copy, is offered back here; otherwise the server's banner (if any) does it.
  const kept = readLocal(local);
  if (kept && kept.data) {
    const unsent = !kept.synced && kept.savedAt > serverDraftAt;
    if (unsent && !same(kept.data, writing(form)) && localBanner) {
      localBanner.querySelector("[data-portfolio-draft-time]").textContent = timeFormat.format(new Date(kept.savedAt));
      if (serverBanner) serverBanner.hidden = true;
      localBanner.hidden = false;
      localBanner.querySelector("[data-portfolio-draft-restore]").addEventListener("click", () => {
        fill(form, kept.data);
        hideBanners();
        dirty = true;
        changed();
        const first = form.querySelector("[data-portfolio-writing]");
        if (first) first.focus();
      });
      localBanner.querySelector("[data-portfolio-draft-discard]").addEventListener("click", () => {
        removeLocal(local);
        hideBanners();
        post(form, url, { key, discard: "1" }).catch(() => {});
        initial = writing(form);
        const heading = document.querySelector("h1");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
      });
    } else if (kept.synced && !serverDraftAt) {
      // The server no longer holds it: the form was saved, or the draft discarded, elsewhere.
      removeLocal(local);
    }
  }
}

forgetDraftsOfOthers();
forgetSavedDrafts();
for (const form of document.querySelectorAll("form[data-portfolio-draft]")) setUp(form);
