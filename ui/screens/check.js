// @ts-check
// Signed in: who, which org, and how many records will sync.
import { next } from "../router.js";
import { $, fromTemplate, wizard } from "../wizard.js";

/** @type {Record<string, string>} */
const PLURAL = { Account: "Accounts", Contact: "Contacts", Opportunity: "Opportunities", Lead: "Leads" };

export function bind() {
  $("#check-continue").addEventListener("click", next);
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
