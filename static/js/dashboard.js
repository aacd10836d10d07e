// The dashboard's results are replaced in place by htmx (filters, pages, bulk actions).
document.addEventListener("htmx:afterSwap", (event) => {
  if (!event.detail.target || event.detail.target.id !== "dashboard-results") {
    return;
  }
  // Tell screen reader users what the list now shows, through the live region that stays put.
  const summary = document.getElementById("results-summary");
  const announcement = document.getElementById("results-announcement");
  if (summary && announcement) {
    announcement.textContent = summary.textContent.trim();
  }
  // After a bulk action the pressed button is gone: move focus to the outcome message (or the
  // results heading). Filter changes leave focus where it is.
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (source && source.id === "bulk-form") {
    const target =
      document.querySelector("#dashboard-results .messages") || document.getElementById("cases-heading");
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }
});
