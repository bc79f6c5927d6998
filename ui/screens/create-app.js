// @ts-check
// Create the app in Salesforce: External Client App first, Connected App for older orgs.
import { api } from "../api.js";
import { next } from "../router.js";
import { $, $$, copyRow, wizard } from "../wizard.js";

/** Shows one tab's steps; the selected tab is the one Tab stops on (arrow keys move along). */
function select(/** @type {HTMLElement} */ tab) {
  for (const other of $$('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    /** @type {HTMLElement} */ (document.getElementById(other.getAttribute("aria-controls"))).hidden = !selected;
  }
}

export function bind() {
  const tabs = $$('[role="tab"]');
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (/** @type {KeyboardEvent} */ event) => {
      const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      const target = tabs[(to + tabs.length) % tabs.length];
      select(target);
      target.focus();
    });
  }
  $("#app-continue").addEventListener("click", async () => {
    // The tab followed says which kind of app was made: how long an unknown Key is waited for.
    const app_kind = $("#tab-ca").getAttribute("aria-selected") === "true" ? "connected_app" : "external_client_app";
    await api.saveChoices({ last_step: "app", app_kind });
    await next();
  });
}

export function enter() {
  // The tab of the kind of app already made, when it is known.
  if (wizard.state?.settings.app_kind === "connected_app") select($("#tab-ca"));
  for (const list of $$(".callback-list")) {
    list.replaceChildren();
    for (const url of wizard.state?.callback_urls ?? []) list.append(copyRow(url, url));
  }
}

/** A new context: the recommended kind's steps first. */
export function reset() {
  select($("#tab-eca"));
}
