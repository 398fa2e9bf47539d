// The "Print the cards" button on a feedback card page. A module rather than an inline onclick, so
// the Content-Security-Policy stays strict; without scripts the button stays hidden by CSS and
// the page asks for the browser's own print command. It starts itself when imported: the bundle
// is a deferred module, so the page is parsed by then.
function initFeedbackPrint(root = document) {
  root.querySelectorAll('[data-module="app-feedback-print"]').forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
}

initFeedbackPrint();
