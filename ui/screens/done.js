// @ts-check
// Done: what was connected, where the secrets are; Start over or Disconnect.
import { api } from "../api.js";
import { show } from "../router.js";
import { $, NAMES, fromTemplate, reload, showError, wizard } from "../wizard.js";

export function bind() {
  $("#disconnect").addEventListener("click", () => {
    $("#disconnect-confirm").hidden = false;
    $("#disconnect-no").focus();
  });
  $("#disconnect-no").addEventListener("click", () => ($("#disconnect-confirm").hidden = true));
  $("#disconnect-yes").addEventListener("click", async () => {
    try {
      await api.disconnect();
      $("#disconnect-confirm").hidden = true;
      await reload();
      await show("welcome");
    } catch (error) {
      showError(/** @type {import("../api.js").AppError} */ (error));
    }
  });
  $("#start-over").addEventListener("click", async () => {
    await api.startOver();
    wizard.verified = null;
    await reload();
    await show("welcome");
  });
}

export function enter() {
  const settings = wizard.state?.settings;
  const identity = settings?.identity ?? wizard.verified?.identity;
  const name = NAMES[wizard.destination];
  const done = $("#done-state");
  done.replaceChildren();
  const line = document.createElement("p");
  if (wizard.destination === "customeros") {
    line.append(`${name} shows Salesforce as `);
    const badge = document.createElement("span");
    badge.className = "state-active";
    badge.id = "destination-state";
    badge.textContent = settings?.destination_state ?? "";
    line.append(badge, ".");
  } else if (wizard.destination === "airbyte") {
    line.textContent = `The Airbyte configuration is saved at ${wizard.airbytePath ?? "the file you chose"} (readable only by you).`;
  } else {
    line.textContent = "The values are checked against Salesforce and ready in Customerscore.";
  }
  done.append(line);
  const rows = [
    ["Salesforce org", identity ? `${identity.org_id} (${settings?.instance_url ?? ""})` : "—"],
    ["Signed in as", identity ? `${identity.name} (${identity.username})` : "—"],
    [
      "Secrets",
      wizard.state?.demo
        ? "Kept in memory for this demo only"
        : settings?.stored
          ? "In your system keyring, under “sfconnect”"
          : "Kept for this session only",
    ],
    ["Settings", "Non-secret choices are saved so sfconnect can resume"],
  ];
  const summary = $("#summary");
  summary.replaceChildren();
  for (const [term, value] of rows) {
    const row = fromTemplate("summary-row");
    $("dt", row).textContent = term;
    $("dd", row).textContent = value;
    summary.append(row);
  }
}
