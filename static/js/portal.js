// htmx sends the CSRF token with every request; the token comes from the page so no inline
// script is needed (the content security policy forbids them).
document.addEventListener("htmx:configRequest", (event) => {
  event.detail.headers["X-CSRFToken"] = document.body.dataset.csrfToken;
});
// After an in-place update, move focus to the region that changed so screen reader users hear it.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (target && target.dataset.focusAfterSwap !== undefined) {
    target.focus();
  }
});
// After an invalid POST the page opens on the error summary: focus it so screen readers read the
// errors first and the keyboard starts next to the links that lead to each field.
const errorSummary = document.getElementById("error-summary");
if (errorSummary) {
  errorSummary.focus();
}
