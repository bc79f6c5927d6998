// @ts-check
// The connection's home: what is connected, its live state (checked with Salesforce and the
// destination on opening and on "Check now"), support details, Start over and Disconnect.
import { api } from "../api.js";
import { enterContext, show } from "../router.js";
import { $, destinationInfo, flash, fromTemplate, reload, showError, wizard } from "../wizard.js";

/** To the second: each Check now visibly gives a new answer. @param {number} secs */
function clock(secs) {
  return new Date(secs * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Errors after which only a new sign-in helps: the home offers it right there. */
const SIGN_IN_AGAIN = new Set(["refresh_token_revoked", "not_connected", "inactive_user", "no_refresh_token", "session_rejected"]);

/**
 * What a live check proved, and only that.
 * @param {import("../api.js").Checked} checked
 */
function liveText(checked) {
  const { name } = destinationInfo(checked.destination);
  // A check that just answered says so (walkthrough 2, L6); the time stays for support.
  const fresh = Math.abs(Date.now() / 1000 - checked.checked_at) < 60;
  const at = fresh ? `Checked just now (${clock(checked.checked_at)}):` : `Checked at ${clock(checked.checked_at)}:`;
  const destination = checked.destination_checked
    ? `${name} says Salesforce is ${checked.destination_state}.`
    : `${name} can't be asked from here: check its syncs there.`;
  if (checked.salesforce === "active") {
    return `${at} Salesforce says this sign-in (${checked.username}) is active. ${destination} ${destinationInfo(checked.destination).holder_note}`;
  }
  return `${at} ${destination} Salesforce says sfconnect's copy of the sign-in was replaced: with Refresh Token Rotation on, ${name}'s own renewals do that, and only ${name} can see its newer copy.`;
}

/** Whether the check confirmed a working connection with the side that can tell. */
function confirmed(/** @type {import("../api.js").Checked} */ checked) {
  return checked.salesforce === "active" || (checked.destination_checked && checked.destination_state === "ACTIVE");
}

/** Asks Salesforce and the destination now; shows "Checking…", then what each said. */
async function checkNow() {
  const panel = $("#live-state");
  const line = $("#live-line");
  const button = $("#check-now");
  panel.className = "panel";
  panel.hidden = false;
  line.textContent = "Checking the connection with Salesforce…";
  $("#live-fix").hidden = true;
  button.disabled = true;
  button.textContent = "Checking…";
  $("#report-copied").hidden = true;
  try {
    const checked = await api.checkConnection();
    wizard.deadSignIn = "";
    line.textContent = liveText(checked);
    panel.className = confirmed(checked) ? "panel success" : "panel";
    $("#done-state").hidden = false;
    await reload();
    renderSummary();
  } catch (error) {
    const failure = /** @type {import("../api.js").AppError} */ (error);
    panel.className = "panel error-panel";
    line.textContent = `Not working right now (checked just now, ${clock(Date.now() / 1000)}): ${failure.message}`;
    // The remembered "When connected … ACTIVE" gives way to what is true now.
    $("#done-state").hidden = true;
    if (SIGN_IN_AGAIN.has(failure.code)) {
      wizard.deadSignIn = failure.message;
      $("#live-fix").hidden = false;
    }
  } finally {
    button.disabled = false;
    button.textContent = "Check now";
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

/**
 * Disconnects; says afterwards what each side confirmed.
 * @param {boolean} leaveDestination
 */
async function disconnect(leaveDestination) {
  const name = destinationInfo().name;
  try {
    const done = await api.disconnect(leaveDestination);
    $("#disconnect-confirm").hidden = true;
    const parts = [];
    if (done.removed_from_destination) parts.push(`removed from ${name} (${name} confirmed)`);
    if (done.destination_pending) parts.push(`not removed from ${name} yet: Disconnect again once it can be reached`);
    parts.push(
      {
        revoked: "the sign-in was revoked at Salesforce (Salesforce confirmed)",
        already_invalid: "the sign-in was already invalid at Salesforce (nothing left to revoke)",
        nothing_kept: "no Salesforce sign-in was kept here to revoke",
      }[done.salesforce],
    );
    if (done.newer_copy_may_live)
      parts.push(
        `with Refresh Token Rotation on, ${name} may still hold a newer copy that works: revoke it in Salesforce (Setup → External Client App OAuth Usage, or Connected Apps OAuth Usage)`,
      );
    if (done.earlier_revoked > 0) parts.push(`${done.earlier_revoked} earlier sign-in(s) revoked at Salesforce`);
    if (done.secrets_removed) parts.push("secrets forgotten on this computer");
    // What sfconnect can't remove (walkthrough 2, L13): the app itself stays in Setup.
    if (!wizard.state?.demo && wizard.method !== "password")
      parts.push(
        "the app you created is still in Salesforce Setup (External Client App Manager, or App Manager for a Connected App): delete it there if nothing else uses it",
      );
    await reload();
    await show("welcome");
    const note = $("#disconnected-note");
    // One line per side, as each confirmed it; not green while something is left to do.
    const unfinished = done.destination_pending || done.newer_copy_may_live;
    note.className = unfinished ? "panel" : "panel success";
    note.style.whiteSpace = "pre-line";
    note.textContent = [unfinished ? "Disconnected, with something left to do:" : "Disconnected:", ...parts.map((p) => `• ${p[0].toUpperCase()}${p.slice(1)}.`)].join("\n");
    note.hidden = false;
  } catch (error) {
    const failure = /** @type {import("../api.js").AppError} */ (error);
    if (!leaveDestination && failure.code === "customeros_unreachable") {
      // The admin chooses: end the sign-in at Salesforce now, CustomerOS's part later.
      const unreachable = $("#disconnect-unreachable");
      unreachable.textContent = `${failure.message}`;
      unreachable.hidden = false;
      $("#disconnect-salesforce-only").hidden = false;
      $("#disconnect-salesforce-only").focus();
      return;
    }
    showError(failure);
  }
}

export function bind() {
  $("#check-now").addEventListener("click", checkNow);
  $("#home-sign-in-again").addEventListener("click", () => show("signin"));
  $("#open-destination").addEventListener("click", (/** @type {Event} */ e) =>
    api.openDestination().then(() => flash(/** @type {HTMLElement} */ (e.target), "Opened")).catch(showError),
  );
  // The report holds no secret: only whether each one is kept. A copy lives in the clipboard
  // only (paste it before closing sfconnect); a saved file lasts (walkthrough 2, M5).
  const reported = (/** @type {string} */ text) => {
    $("#report-copied").textContent = `${text} The report holds no secrets: only whether each one is kept.`;
    $("#report-copied").hidden = false;
  };
  $("#copy-report").addEventListener("click", async () => {
    try {
      await api.copySupportReport();
      reported("Copied: paste it into your message to support before you close sfconnect.");
    } catch (error) {
      showError(/** @type {import("../api.js").AppError} */ (error));
    }
  });
  $("#save-report").addEventListener("click", async () => {
    try {
      const file = await api.saveSupportReport();
      if (file) reported(`Saved to ${file}: attach that file to your message to support.`);
    } catch (error) {
      showError(/** @type {import("../api.js").AppError} */ (error));
    }
  });
  $("#disconnect").addEventListener("click", () => {
    // Before acting: what will stop, for this destination.
    $("#disconnect-stops").textContent = destinationInfo().disconnect_stops;
    $("#disconnect-unreachable").hidden = true;
    $("#disconnect-salesforce-only").hidden = true;
    $("#disconnect-confirm").hidden = false;
    $("#disconnect-no").focus();
  });
  $("#disconnect-no").addEventListener("click", () => {
    $("#disconnect-confirm").hidden = true;
    $("#disconnect").focus();
  });
  $("#disconnect-yes").addEventListener("click", () => disconnect(false));
  $("#disconnect-salesforce-only").addEventListener("click", () => disconnect(true));
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
    await enterContext("welcome");
  });
}

export function enter() {
  const settings = wizard.state?.settings;
  const name = destinationInfo().name;
  const done = $("#done-state");
  done.replaceChildren();
  done.hidden = false;
  const line = document.createElement("p");
  if (wizard.destination === "customeros") {
    line.append(`When connected, ${name} showed Salesforce as `);
    const badge = document.createElement("span");
    badge.className = "state-active";
    badge.id = "destination-state";
    badge.textContent = settings?.destination_state ?? "";
    line.append(badge, ".");
  } else if (wizard.destination === "airbyte") {
    line.textContent = wizard.airbytePath
      ? `The Airbyte configuration is saved at ${wizard.airbytePath} (readable only by you), for running the connector yourself.`
      : "The values for Airbyte's Salesforce source were shown for you to enter in Airbyte: sfconnect doesn't send them there.";
    if (settings?.rotates) {
      // Rotation on: whoever renews gets a new token and the old one dies.
      line.append(
        " Your app has Refresh Token Rotation on: Airbyte's connector renews the sign-in on every sync and reports the new token, which the Airbyte platform stores. If you run the connector yourself from this file, keep the newest token it reports; the file isn't rewritten.",
      );
    }
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
