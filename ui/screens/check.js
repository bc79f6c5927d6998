// @ts-check
// Signed in: who, which org, and how many records will sync.
import { next } from "../router.js";
import { api } from "../api.js";
import { $, fromTemplate, wizard } from "../wizard.js";

/** @typedef {import("../types").AppPolicies} AppPolicies */
/** @typedef {import("../types").Renewals} Renewals */

/** @type {Record<string, string>} */
const PLURAL = { Account: "Accounts", Contact: "Contacts", Opportunity: "Opportunities", Lead: "Leads" };

export function bind() {
  $("#check-continue").addEventListener("click", next);
  $("#open-app-page").addEventListener("click", () => void api.openAppPage().catch(() => {}));
}

/** @type {Record<Renewals, (policies: AppPolicies) => string>} */
const TITLE = {
  work: (p) => `✓ ${p.app ?? "The app"}'s settings in Salesforce let ${p.destination} keep its access`,
  expire: (p) => `${p.app ?? "The app"}'s settings in Salesforce end ${p.destination}'s access after a while`,
  fail: (p) => `Change one setting in Salesforce, or ${p.destination} will lose its access`,
  unknown: (p) => `sfconnect couldn't read all of the app's settings in Salesforce`,
};

/**
 * What sfconnect read of the app's policies in Setup, and the one setting to change.
 * @param {AppPolicies | null | undefined} policies
 */
function showPolicies(policies) {
  const panel = $("#app-policies");
  panel.hidden = !policies;
  if (!policies) return;
  panel.dataset.renewals = policies.renewals;
  $("#app-policies-title").textContent = TITLE[policies.renewals](policies);
  const why = $(".why", panel);
  why.textContent = policies.renewals === "work" ? `${policies.destination} renews its access from its own servers with this sign-in; the app's policies allow that.` : policies.why ?? "";
  const fix = $(".fix", panel);
  fix.hidden = !policies.fix;
  fix.textContent = policies.fix ?? "";
  $(".applies", panel).hidden = policies.renewals !== "fail" || !policies.fix?.includes("IP Relaxation");
  const read = $(".read", panel);
  read.replaceChildren(...policies.read.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
  read.closest("details")?.toggleAttribute("hidden", policies.read.length === 0);
  $("#open-app-page").textContent = policies.page_url ? "Open the app in Salesforce" : "Open External Client App Manager";
}

export function enter() {
  const settings = wizard.state?.settings;
  const identity = wizard.verified?.identity ?? settings?.identity;
  const counts = wizard.verified?.counts ?? settings?.counts ?? {};
  if (identity) {
    const host = (wizard.verified?.instance_url ?? settings?.instance_url ?? "").replace(/^https?:\/\//, "");
    const org = identity.org_name ? `${identity.org_name} (${host})` : host || identity.org_id;
    $("#who").textContent = `Signed in as ${identity.name} (${identity.username}) in ${org}.`;
  }
  showPolicies(wizard.verified?.app_policies ?? settings?.app_policies);
  const grid = $("#counts");
  grid.replaceChildren();
  for (const object of wizard.state?.synced_objects ?? []) {
    const card = fromTemplate("count-card");
    const count = counts[object];
    $(".count", card).dataset.object = object;
    $(".n", card).textContent = count === null || count === undefined ? "—" : Number(count).toLocaleString("en-US");
    $(".what", card).textContent = count === null ? `${PLURAL[object]}: not visible to this user` : PLURAL[object];
    grid.append(card);
  }
}
