// @ts-check
// Create the app in Salesforce: External Client App first, Connected App for older orgs.
import { api } from "../api.js";
import { next } from "../router.js";
import { $, $$, copyRow, wizard } from "../wizard.js";

export function bind() {
  for (const tab of $$('[role="tab"]')) {
    tab.addEventListener("click", () => {
      for (const other of $$('[role="tab"]')) {
        const selected = other === tab;
        other.setAttribute("aria-selected", String(selected));
        /** @type {HTMLElement} */ (document.getElementById(other.getAttribute("aria-controls"))).hidden = !selected;
      }
    });
  }
  $("#app-continue").addEventListener("click", async () => {
    await api.saveChoices({ last_step: "app" });
    await next();
  });
}

export function enter() {
  for (const list of $$(".callback-list")) {
    list.replaceChildren();
    for (const url of wizard.state?.callback_urls ?? []) list.append(copyRow(url, url));
  }
}
