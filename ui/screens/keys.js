// @ts-check
// Paste the Consumer Key and Secret.
import { api } from "../api.js";
import { next } from "../router.js";
import { $, reload, wizard } from "../wizard.js";

/** @type {Partial<Record<import("../types").Code, string>>} */
const FIELD_FOR = { invalid_client_id: "client-id", invalid_client_secret: "client-secret" };

function keyHint() {
  const value = $("#client-id").value.trim();
  $("#client-id-hint").textContent =
    value && !value.startsWith("3MVG")
      ? "Consumer Keys usually start with 3MVG. Check that you copied the whole key."
      : value && value.length < 40
        ? "That looks short. Consumer Keys are about 85 characters: copy it with Salesforce's copy button."
        : "";
}

/** Trims what was pasted into `id` (a stray newline from Salesforce's copy). @param {string} id */
function trimOnPaste(id) {
  $(id).addEventListener("paste", () => setTimeout(() => ($(id).value = $(id).value.trim())));
}

export function bind() {
  $("#client-id").addEventListener("input", keyHint);
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
    try {
      if (!keepSaved) {
        const stored = await api.saveAppKeys(clientId, secret);
        $("#client-secret-hint").textContent = stored
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
  $("#client-secret").placeholder = wizard.state?.has_client_secret ? "Saved — leave empty to keep it" : "";
  keyHint();
}
