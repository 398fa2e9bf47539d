// Entry point for the service's JavaScript: the NHS.UK components, then htmx for partial updates.
// Loaded as a module from the page head; nothing runs inline, so the Content-Security-Policy can stay strict.
import { initAll } from "nhsuk-frontend";
import htmx from "htmx.org";
import "./confidentiality.mjs";
import "./criteria-picker.mjs";
import "./feedback-print.mjs";
import "./portfolio-drafts.mjs";
import "./radios-expanded.mjs";

window.htmx = htmx;
initAll();
