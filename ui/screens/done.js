// @ts-check
// The connection's home: what is connected, its live state (checked with Salesforce and the
// destination on opening and on "Check now"), support details, Start over and Disconnect.
import { api } from "../api.js";
import { show } from "../router.js";
import { $, destinationInfo, flash, fromTemplate, reload, showError, wizard } from "../wizard.js";

/** @param {number} secs */
function clock(secs) {
  return new Date(secs * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** Asks Salesforce and the destination now; shows what each said. */
async function checkNow() {
  const panel = $("#live-state");
  const line = $("#live-line");
  panel.className = "panel";
  line.textContent = "Checking the connection with Salesforce…";
  $("#check-now").disabled = true;
  $("#report-copied").hidden = true;
  try {
    const checked = await api.checkConnection();
    const name = destinationInfo(checked.destination).name;
    panel.className = "panel success";
    line.textContent = checked.destination_checked
      ? `Live — checked at ${clock(checked.checked_at)}: Salesforce accepts the sign-in (${checked.username}) and ${name} shows Salesforce as ${checked.destination_state}.`
      : `Live at Salesforce — checked at ${clock(checked.checked_at)}: it accepts the sign-in (${checked.username}). ${name} can't be asked from here; check it there.`;
    await reload();
    renderSummary();
  } catch (error) {
    const failure = /** @type {import("../api.js").AppError} */ (error);
    panel.className = "panel error-panel";
    line.textContent = `Not working right now: ${failure.message}`;
  } finally {
    $("#check-now").disabled = false;
  }
}

function renderSummary() {
  const settings = wizard.state?.settings;
  const identity = settings?.identity ?? wizard.verified?.identity;
  const rows = [
    [
      "Salesforce org",
      [identity?.org_name, settings?.instance_url?.replace(/^https?:\/\//, "")].filter(Boolean).join(" — ") || "—",
    ],
    ["Org ID", identity?.org_id ?? "—"],
    ["Signed in as", identity ? `${identity.name} (${identity.username})` : "—"],
    [
      "Secrets",
      wizard.state?.demo
        ? "Kept in memory for this demo only"
        : settings?.stored
          ? "In your system keyring, under “sfconnect”"
          : wizard.state?.has_client_secret
            ? "The Consumer Secret is in your system keyring, under “sfconnect”"
            : "Kept for this session only",
    ],
    ["sfconnect", `version ${wizard.state?.version ?? ""}`],
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

export function bind() {
  $("#check-now").addEventListener("click", checkNow);
  $("#open-destination").addEventListener("click", (/** @type {Event} */ e) =>
    api.openDestination().then(() => flash(/** @type {HTMLElement} */ (e.target), "Opened")).catch(showError),
  );
  $("#copy-report").addEventListener("click", async () => {
    try {
      await api.copySupportReport();
      $("#report-copied").hidden = false;
    } catch (error) {
      showError(/** @type {import("../api.js").AppError} */ (error));
    }
  });
  $("#disconnect").addEventListener("click", () => {
    $("#disconnect-confirm").hidden = false;
    $("#disconnect-no").focus();
  });
  $("#disconnect-no").addEventListener("click", () => {
    $("#disconnect-confirm").hidden = true;
    $("#disconnect").focus();
  });
  $("#disconnect-yes").addEventListener("click", async () => {
    try {
      const done = await api.disconnect();
      $("#disconnect-confirm").hidden = true;
      // Say what happened, as the other side confirmed it.
      const parts = [];
      if (done.removed_from_destination) parts.push(`removed from ${destinationInfo().name}`);
      parts.push(done.revoked ? "access revoked at Salesforce (Salesforce confirmed)" : "nothing was left to revoke at Salesforce");
      if (done.secrets_removed) parts.push("secrets forgotten on this computer");
      await reload();
      await show("welcome");
      const note = $("#disconnected-note");
      note.textContent = `Disconnected: ${parts.join("; ")}.`;
      note.hidden = false;
    } catch (error) {
      showError(/** @type {import("../api.js").AppError} */ (error));
    }
  });
  $("#start-over").addEventListener("click", () => {
    $("#start-over-confirm").hidden = false;
    $("#start-over-no").focus();
  });
  $("#start-over-no").addEventListener("click", () => {
    $("#start-over-confirm").hidden = true;
    $("#start-over").focus();
  });
  $("#start-over-yes").addEventListener("click", async () => {
    $("#start-over-confirm").hidden = true;
    await api.startOver();
    wizard.verified = null;
    await reload();
    await show("welcome");
  });
}

export function enter() {
  const settings = wizard.state?.settings;
  const name = destinationInfo().name;
  const done = $("#done-state");
  done.replaceChildren();
  const line = document.createElement("p");
  if (wizard.destination === "customeros") {
    line.append(`When connected, ${name} showed Salesforce as `);
    const badge = document.createElement("span");
    badge.className = "state-active";
    badge.id = "destination-state";
    badge.textContent = settings?.destination_state ?? "";
    line.append(badge, ".");
  } else if (wizard.destination === "airbyte") {
    line.textContent = `The Airbyte configuration is saved at ${wizard.airbytePath ?? "the file you chose"} (readable only by you).`;
  } else {
    line.textContent =
      "The values work with Salesforce. Enter them in Customerscore (Settings → Providers → Salesforce) if you haven't yet: sfconnect doesn't send them there.";
  }
  done.append(line);
  $("#report-copied").hidden = true;
  $("#start-over-confirm").hidden = true;
  renderSummary();
  // Customerscore holds its own copy of the values, and there is no kept sign-in to refresh.
  const checkable = destinationInfo().checkable;
  $("#check-now").hidden = !checkable;
  if (!checkable) {
    $("#live-state").className = "panel";
    $("#live-line").textContent = `${name} keeps its own copy of these values, so there is nothing for sfconnect to check here.`;
    return;
  }
  // Live, not remembered: ask both sides every time the home screen opens.
  void checkNow();
}
