// After a bulk action replaces the dashboard results, the button that was pressed is gone;
// move focus to the outcome message (or the results heading) so keyboard and screen reader
// users land where the change is. Filter changes leave focus where it is.
document.addEventListener("htmx:afterSwap", (event) => {
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!source || source.id !== "bulk-form") {
    return;
  }
  const target = document.querySelector("#dashboard-results .messages") || document.getElementById("cases-heading");
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
});
