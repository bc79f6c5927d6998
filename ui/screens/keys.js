// @ts-check
// Paste the Consumer Key and Secret.
import { api } from "../api.js";
import { next } from "../router.js";
import { $, reload, wizard } from "../wizard.js";

/** @type {Partial<Record<import("../types").Code, string>>} */
const FIELD_FOR = { invalid_client_id: "client-id", invalid_client_secret: "client-secret" };

/** Salesforce's Consumer Secrets: 64 hex digits, or (older apps) a 19-digit number. The engine
 * refuses the same shapes as a Key (`looks_like_a_consumer_secret`). @param {string} value */
function secretShaped(value) {
  return !value.startsWith("3MVG") && (/^[0-9A-Fa-f]{32,128}$/.test(value) || /^\d{15,25}$/.test(value));
}

function keyHint() {
  const value = $("#client-id").value.trim();
  const swapped = secretShaped(value);
  // A Secret pasted as the Key is never shown in clear (screen shares) and can't be saved.
  $("#client-id").type = swapped ? "password" : "text";
  $("#swap-keys").hidden = !swapped;
  $("#keys-save").disabled = swapped;
  $("#client-id-hint").textContent = swapped
    ? "This looks like the Consumer Secret, not the Key. It is hidden and won't be saved here."
    : value && !value.startsWith("3MVG")
      ? "Consumer Keys usually start with 3MVG. Check that you copied the whole key."
      : value && value.length < 40
        ? "That looks short. Consumer Keys are about 85 characters: copy it with Salesforce's copy button."
        : "";
  // A new Key needs its own Secret: "leave empty to keep it" only for the saved Key (walkthrough 2, L8).
  const savedKey = wizard.state?.settings.client_id ?? "";
  $("#client-secret").placeholder = wizard.state?.has_client_secret && value === savedKey ? "Saved — leave empty to keep it" : "";
}

/** Trims what was pasted into `id` (a stray newline from Salesforce's copy). @param {string} id */
function trimOnPaste(id) {
  $(id).addEventListener("paste", () => setTimeout(() => ($(id).value = $(id).value.trim())));
}

export function bind() {
  $("#client-id").addEventListener("input", keyHint);
  $("#client-id").addEventListener("paste", () => setTimeout(keyHint));
  $("#swap-keys").addEventListener("click", () => {
    const [key, secret] = [$("#client-id").value, $("#client-secret").value];
    $("#client-id").value = secret;
    $("#client-secret").value = key;
    keyHint();
    $("#client-id").focus();
  });
  trimOnPaste("#client-id");
  trimOnPaste("#client-secret");

  $("#keys-form").addEventListener("submit", async (/** @type {Event} */ event) => {
    event.preventDefault();
    const error = $("#keys-error");
    error.hidden = true;
    for (const id of ["client-id", "client-secret"]) $(`#${id}`).removeAttribute("aria-invalid");
    const clientId = $("#client-id").value.trim();
    const secret = $("#client-secret").value.trim();
    const keepSaved = !secret && wizard.state?.has_client_secret && clientId === (wizard.state.settings.client_id ?? "");
    // Another app: a sign-in this page holds was made with the old one.
    if (clientId !== (wizard.state?.settings.client_id ?? "")) wizard.verified = null;
    try {
      if (!keepSaved) {
        const stored = await api.saveAppKeys(clientId, secret);
        // The demo keeps nothing (walkthrough 2, L3): it never claims the keyring.
        $("#client-secret-hint").textContent = wizard.state?.demo
          ? "Kept in memory for this demo only."
          : stored
            ? "Saved in your system keyring."
            : "Kept for this session only: no system keyring was found.";
        $("#client-secret").value = "";
      }
      await reload();
      await next();
    } catch (failure) {
      const appError = /** @type {import("../api.js").AppError} */ (failure);
      error.hidden = false;
      error.textContent = appError.message;
      const field = FIELD_FOR[appError.code];
      if (field) {
        $(`#${field}`).setAttribute("aria-invalid", "true");
        $(`#${field}`).focus();
      }
    }
  });
}

export function enter() {
  const settings = wizard.state?.settings;
  if (!$("#client-id").value) $("#client-id").value = settings?.client_id ?? wizard.state?.demo?.client_id ?? "";
  keyHint();
}

/** A new context: no hint or saved-secret note of the last one. */
export function reset() {
  $("#client-secret-hint").textContent = "";
  keyHint();
}
