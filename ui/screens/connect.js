// @ts-check
// Hand off: CustomerOS by API, Customerscore's values to paste, or Airbyte's file.
import { api } from "../api.js";
import { show } from "../router.js";
import { $, clearErrors, copyRow, flash, focusNext, reload, showError, wizard } from "../wizard.js";

/** Which field a CustomerOS error is about. */
/** @type {Partial<Record<import("../types").Code, string>>} */
const FIELD_FOR = {
  invalid_customeros_url: "cos-url",
  customeros_unreachable: "cos-url",
  invalid_email: "cos-email",
  customeros_unknown_user: "cos-email",
  invalid_api_key: "cos-key",
  customeros_api_key_invalid: "cos-key",
  customeros_api_key_missing: "cos-key",
};

/** The address and email the admin agreed to replace another connection's hand-off for. */
let replaceAgreed = "";

/**
 * CustomerOS keeps one Salesforce connection per workspace: before replacing another kept
 * connection's, say which and ask for a second press. Answers whether to go on now.
 * @param {string} url @param {string} email @param {HTMLElement} button
 */
async function agreedToReplace(url, email, button) {
  const warning = $("#replace-warning");
  const inputs = `${url}\n${email.toLowerCase()}`;
  if (inputs === replaceAgreed) return true;
  warning.hidden = true;
  const others = await api.connectionsSharingWorkspace(url, email).catch(() => []);
  if (others.length === 0) return true;
  const names = others.map((o) => `${o.label} (the connection “${o.profile}”)`).join(", ");
  warning.textContent =
    `${names} was handed to this CustomerOS workspace before. CustomerOS keeps one Salesforce ` +
    "connection per workspace, so connecting this one replaces it. Press Replace it and connect " +
    "to go on, or change the address or email.";
  warning.hidden = false;
  warning.scrollIntoView({ block: "center" });
  replaceAgreed = inputs;
  button.textContent = "Replace it and connect";
  button.focus();
  return false;
}

/** Restarts the Connecting count when the hand-off really starts (set while one runs). */
let handingOffSince = () => 0;

async function connectCustomerOs(/** @type {Event} */ event) {
  event.preventDefault();
  const panel = $("#connect-error");
  clearErrors();
  $("#customeros-itself").hidden = true;
  for (const id of ["cos-url", "cos-email", "cos-key"]) $(`#${id}`).removeAttribute("aria-invalid");
  const button = $("#cos-connect");
  if (!(await agreedToReplace($("#cos-url").value.trim(), $("#cos-email").value.trim(), button))) return;
  button.disabled = true;
  button.textContent = "Connecting…";
  // A hanging CustomerOS never looks like a frozen window: elapsed time and a Cancel. The
  // seconds count from the hand-off itself, not while sfconnect's "Send …?" question waits
  // (walkthrough 2, L7).
  let started = Date.now();
  handingOffSince = () => (started = Date.now());
  const timer = setInterval(() => {
    button.textContent = `Connecting… ${Math.round((Date.now() - started) / 1000)} s`;
  }, 1000);
  $("#cos-cancel").hidden = false;
  /** @type {HTMLElement|null} the field an error is about: focus goes there, to fix it */
  let fix = null;
  try {
    const key = $("#cos-key").value.trim();
    await api.connectCustomerOs($("#cos-url").value.trim(), $("#cos-email").value.trim(), key || null);
    $("#cos-key").value = "";
    await reload();
    await show("done");
  } catch (failure) {
    const error = /** @type {import("../api.js").AppError} */ (failure);
    // Under the field it is about (a wrong API key: under the key), in view.
    const field = FIELD_FOR[error.code];
    fix = field ? $(`#${field}`) : null;
    showError(error, panel, fix);
    // Its cloud connects Salesforce itself: say where, with a way there.
    const itself = error.code === "customeros_connects_itself";
    if (itself) $("#customeros-itself").hidden = false;
    button.textContent = itself ? "Connect" : "Retry";
  } finally {
    clearInterval(timer);
    $("#cos-cancel").hidden = true;
    button.disabled = false;
    if (button.textContent.startsWith("Connecting")) button.textContent = "Connect";
    if (wizard.screen === "connect") {
      if (fix) {
        fix.focus();
        panel.scrollIntoView({ block: "nearest" });
      } else focusNext(button);
    }
  }
}

/**
 * Fills a list with labelled values, each with Copy (and Show for a secret).
 * @param {HTMLElement} list
 * @param {import("../api.js").ProviderField[]} fields
 */
function renderFields(list, fields) {
  list.replaceChildren();
  for (const field of fields) {
    const dt = document.createElement("dt");
    dt.textContent = field.label;
    const dd = document.createElement("dd");
    dd.append(copyRow(field.label, field.value, field.secret));
    list.append(dt, dd);
  }
}

async function renderProviderFields() {
  const view = await api.providerFields();
  $("#provider-mode").textContent = view.mode;
  renderFields($("#provider-fields"), view.fields);
}

/** Airbyte's web app takes the values in its Salesforce source form. */
async function renderAirbyteFields() {
  try {
    const view = await api.airbyteFields();
    $("#airbyte-mode").textContent = view.mode;
    renderFields($("#airbyte-fields"), view.fields);
  } catch (error) {
    showError(/** @type {import("../api.js").AppError} */ (error), $("#airbyte-error"));
  }
}

export function bind() {
  $("#open-customeros").addEventListener("click", (/** @type {Event} */ e) =>
    api.openDestination().then(() => flash(/** @type {HTMLElement} */ (e.target), "Opened")).catch(showError),
  );
  // Where the API key is, one click away (walkthrough 2, M3): the address typed above.
  $("#open-customeros-api").addEventListener("click", (/** @type {Event} */ e) =>
    api
      .openCustomerOsApiPage($("#cos-url").value.trim())
      .then(() => flash(/** @type {HTMLElement} */ (e.target), "Opened"))
      .catch((/** @type {import("../api.js").AppError} */ error) => showError(error, $("#connect-error"), $("#cos-url"))),
  );
  $("#customeros-form").addEventListener("submit", connectCustomerOs);
  api.onProgress((progress) => {
    if (progress.kind === "handing_off") handingOffSince();
  });
  $("#cos-cancel").addEventListener("click", () => api.cancelOperation());
  $("#provider-done").addEventListener("click", async () => {
    await api.saveChoices({ last_step: "done" });
    await reload();
    await show("done");
  });
  $("#airbyte-entered").addEventListener("click", async () => {
    await api.saveChoices({ last_step: "done" });
    wizard.airbytePath = null;
    await reload();
    await show("done");
  });
  $("#airbyte-form").addEventListener("submit", async (/** @type {Event} */ event) => {
    event.preventDefault();
    $("#airbyte-error").hidden = true;
    try {
      const path = await api.saveAirbyte();
      if (path === null) return; // The admin closed the save window: nothing was written.
      wizard.airbytePath = path;
      await reload();
      await show("done");
    } catch (error) {
      showError(/** @type {import("../api.js").AppError} */ (error), $("#airbyte-error"));
    }
  });
}

export async function enter() {
  const settings = wizard.state?.settings;
  $("#replace-warning").hidden = true;
  replaceAgreed = "";
  // A hand-off that failed is flagged on resume (the sign-in is kept for it).
  const lastFailure = settings?.recent_errors?.at(-1)?.code ?? "";
  $("#handoff-pending").hidden = !(
    settings?.handoff_pending &&
    wizard.state?.has_connection &&
    lastFailure.startsWith("customeros_")
  );
  if (wizard.destination === "customeros") {
    // What was typed while Salesforce got the app ready, kept or not, is carried over.
    for (const [from, to] of [["#wait-cos-url", "#cos-url"], ["#wait-cos-email", "#cos-email"], ["#wait-cos-key", "#cos-key"]]) {
      if (!$(to).value && $(from).value.trim()) $(to).value = $(from).value.trim();
      $(from).value = "";
    }
    if (!$("#cos-url").value) $("#cos-url").value = settings?.customeros_url ?? "https://app.customeros.ai";
    if (!$("#cos-email").value) $("#cos-email").value = settings?.customeros_username ?? "";
    // A saved key is only ever sent to the address it was entered for (the engine checks).
    const keyFor = settings?.api_key_for;
    $("#cos-key").placeholder =
      wizard.state?.has_api_key && keyFor ? `Saved for ${keyFor} — leave empty to use it there` : "";
  } else if (wizard.destination === "customerscore") {
    await renderProviderFields();
  } else if (wizard.destination === "airbyte") {
    await renderAirbyteFields();
  }
}
