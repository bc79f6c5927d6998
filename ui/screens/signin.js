// @ts-check
// Sign in and approve: the browser sign-in (caught automatically, or pasted), or the
// credentials check for the other methods.
import { api } from "../api.js";
import { next, show } from "../router.js";
import { $, copyRow, flash, focusNext, reload, showError, wizard } from "../wizard.js";

/** @type {ReturnType<typeof setInterval>|undefined} */
let waitTimer;

/** @param {boolean} waiting */
function setWaiting(waiting) {
  $("#waiting").hidden = !waiting;
  $("#signin-start-row").hidden = waiting;
  clearInterval(waitTimer);
  if (!waiting) return;
  const started = Date.now();
  $("#slow-help").hidden = true;
  $("#elapsed").textContent = "0:00";
  waitTimer = setInterval(() => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    $("#elapsed").textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    if (seconds >= 60) $("#slow-help").hidden = false;
  }, 1000);
}

/** @param {import("../api.js").Progress} progress */
function onProgress(progress) {
  const lead = $("#waiting b");
  switch (progress.kind) {
    case "signing_in":
      lead.textContent = "Finishing the sign-in…";
      break;
    case "verifying":
      lead.textContent = "Checking your org…";
      break;
    case "paste_rejected":
      $("#paste-error").hidden = false;
      $("#paste-error").textContent = progress.error.message;
      $("#paste-address").setAttribute("aria-invalid", "true");
      break;
    case "waiting_for_app":
      lead.textContent =
        "Salesforce doesn't know this app yet: a new or just-edited Connected App can take up to 10 minutes. sfconnect keeps checking and opens the sign-in by itself.";
      // Nothing was opened yet: the browser opens once Salesforce knows the app (M2).
      $("#waiting .hint").textContent = "The browser isn't open yet: it opens by itself once Salesforce knows the app.";
      // The wait is time the admin can spend on CustomerOS's side (walkthrough 2, (e)).
      if ($("#while-waiting").hidden && wizard.destination === "customeros") {
        $("#while-waiting").hidden = false;
        const settings = wizard.state?.settings;
        if (!$("#wait-cos-url").value) $("#wait-cos-url").value = settings?.customeros_url ?? "https://app.customeros.ai";
        if (!$("#wait-cos-email").value) $("#wait-cos-email").value = settings?.customeros_username ?? "";
      }
      break;
    case "listening":
      // The Callback URL this attempt really uses (another port after "Use another port").
      for (const el of document.querySelectorAll(".callback-first")) el.textContent = progress.redirect_uri;
      break;
    case "wrong_state_ignored":
      $("#signin-notice").hidden = false;
      $("#signin-notice").textContent =
        "A sign-in from an older browser tab reached sfconnect and was ignored. Close old Salesforce tabs and use the newest one (or Open the link again).";
      break;
    case "notice":
      $("#signin-notice").hidden = false;
      $("#signin-notice").textContent = progress.message;
      break;
    case "browser_sign_in":
      $("#waiting .hint").textContent = progress.opened
        ? "Your browser should have opened. Sign in to the right org and choose Allow."
        : "No browser could be opened: use Copy the link, and open it in any browser.";
      break;
    default:
  }
}

async function startSignIn() {
  $("#signin-error").hidden = true;
  $("#port-fix").hidden = true;
  $("#paste-form").hidden = true;
  $("#paste-error").hidden = true;
  $("#waiting b").textContent = "Waiting for you to choose Allow in Salesforce…";
  $("#while-waiting").hidden = true;
  $("#waiting .hint").textContent = "Checking that Salesforce knows the app, then opening the sign-in in your browser…";
  // A new sign-in is under way: the kept one isn't what the screen is about now (M2).
  $("#signed-in-already").hidden = true;
  $("#signin-dead").hidden = true;
  const password = wizard.method === "password";
  if (wizard.method !== "web") $("#signin-start").disabled = true;
  try {
    if (password) await api.saveChoices({ username: $("#sf-username").value.trim() });
    setWaiting(wizard.method === "web");
    wizard.verified = await api.signIn(
      password ? $("#sf-password").value : null,
      password ? $("#sf-token").value : null,
    );
    wizard.deadSignIn = "";
    setWaiting(false);
    await next();
  } catch (failure) {
    setWaiting(false);
    const error = /** @type {import("../api.js").AppError} */ (failure);
    if (error.code !== "cancelled") showError(error, $("#signin-error"));
    // One button per action: the error's own (Try again, or the fix) replaces Sign in.
    $("#signin-start").hidden = error.code !== "cancelled";
    // The button leads to the fix: a wrong Secret is fixed on the Key and Secret screen.
    const wrongSecret = error.code === "wrong_client_secret";
    $("#signin-fix-secret").hidden = !wrongSecret;
    // A Key Salesforce doesn't know: pasted again on the Key and Secret screen (M2).
    const unknownKey = error.code === "unknown_client_id";
    $("#signin-fix-key").hidden = !unknownKey;
    // A taken port: listen on the next one too (no browser was opened).
    const portTaken = error.code === "port_in_use";
    $("#signin-use-port").hidden = !portTaken;
    $("#signin-retry").classList.toggle("primary", !wrongSecret && !portTaken && !unknownKey);
  } finally {
    $("#signin-start").disabled = false;
    // Cancel was just hidden: focus goes to the error's first button (the fix), else Sign in.
    if (wizard.screen === "signin") focusNext();
  }
}

export function bind() {
  api.onProgress(onProgress);
  $("#signin-start").addEventListener("click", startSignIn);
  $("#while-waiting-api").addEventListener("click", () => {
    const address = $("#wait-cos-url").value.trim() || "https://app.customeros.ai";
    api.openCustomerOsApiPage(address).catch((/** @type {import("../api.js").AppError} */ error) => {
      $("#wait-cos-result").textContent = error.message;
    });
  });
  // The CustomerOS step, done while sfconnect waits for Salesforce (walkthrough 2, (e)).
  $("#while-waiting").addEventListener("submit", async (/** @type {Event} */ event) => {
    event.preventDefault();
    const result = $("#wait-cos-result");
    result.classList.remove("error");
    try {
      await api.keepCustomerOsDetails($("#wait-cos-url").value.trim(), $("#wait-cos-email").value.trim(), $("#wait-cos-key").value.trim());
      $("#wait-cos-key").value = "";
      result.textContent = "Kept: the Connect step uses them (the API key stays masked, and is only sent to that address).";
      await reload();
    } catch (failure) {
      result.classList.add("error");
      result.textContent = /** @type {import("../api.js").AppError} */ (failure).message;
    }
  });
  $("#signin-continue").addEventListener("click", () => next());
  $("#signin-retry").addEventListener("click", startSignIn);
  $("#signin-fix-secret").addEventListener("click", async () => {
    await show("keys");
    $("#client-secret").value = "";
    $("#client-secret").setAttribute("aria-invalid", "true");
    $("#client-secret").focus();
  });
  $("#signin-fix-key").addEventListener("click", async () => {
    await show("keys");
    $("#client-id").setAttribute("aria-invalid", "true");
    $("#client-id").select();
    $("#client-id").focus();
  });
  $("#signin-use-port").addEventListener("click", async () => {
    try {
      const port = await api.useNextPort();
      await reload();
      const url = wizard.state?.callback_urls.at(-1) ?? "";
      $("#port-fix-port").textContent = String(port);
      $("#port-fix-url").replaceChildren(copyRow(url, url));
      $("#signin-error").hidden = true;
      $("#port-fix").hidden = false;
      $("#signin-start").hidden = false;
      $("#signin-start").focus();
    } catch (failure) {
      showError(/** @type {import("../api.js").AppError} */ (failure), $("#signin-error"));
    }
  });
  $("#signin-cancel").addEventListener("click", () => api.cancelSignIn());
  // "Salesforce showed an error": the page's words lead to the screen that fixes it.
  $("#sf-error-help").addEventListener("click", async (/** @type {Event} */ event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-fix]") : null;
    if (!(button instanceof HTMLElement)) return;
    await api.cancelSignIn();
    $("#sf-error-help").open = false;
    const screen = /** @type {import("../types").Screen} */ (button.dataset.fix);
    await show(screen);
    if (screen === "keys") {
      $("#client-id").setAttribute("aria-invalid", "true");
      $("#client-id").focus();
    }
  });
  $("#signin-reopen").addEventListener("click", (/** @type {Event} */ e) =>
    api.reopenSignIn(true).then(() => flash(/** @type {HTMLElement} */ (e.target), "Opened")),
  );
  $("#signin-copy").addEventListener("click", async (/** @type {Event} */ e) => {
    const url = await api.reopenSignIn(false);
    if (url) await api.copyText(url).then(() => flash(/** @type {HTMLElement} */ (e.target)));
  });
  $("#signin-paste-toggle").addEventListener("click", () => {
    $("#paste-form").hidden = false;
    $("#paste-address").focus();
  });
  $("#paste-form").addEventListener("submit", async (/** @type {Event} */ event) => {
    event.preventDefault();
    $("#paste-error").hidden = true;
    $("#paste-address").removeAttribute("aria-invalid");
    try {
      await api.pasteRedirect($("#paste-address").value);
    } catch (error) {
      $("#paste-error").hidden = false;
      $("#paste-error").textContent = /** @type {import("../api.js").AppError} */ (error).message;
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#waiting").hidden) api.cancelSignIn();
  });
}

export function enter() {
  // Back from Check, or reopening: a sign-in that is still kept needs no second trip to the
  // browser, but only one made at this org with this app (another org's is never shown here).
  const settings = wizard.state?.settings;
  const issuer = settings?.token_issuer;
  const madeHere = !issuer || (issuer.login_url === settings?.login_url && issuer.client_id === settings?.client_id);
  // "Kept" only while the last live check didn't find it dead (walkthrough 2, H2).
  const alive = !wizard.deadSignIn;
  const identity = wizard.verified?.identity ?? (wizard.state?.has_connection && madeHere && alive ? settings?.identity : null);
  $("#signin-dead").hidden = alive;
  $("#signin-dead-why").textContent = alive ? "" : `The kept sign-in doesn't work any more: ${wizard.deadSignIn}`;
  $("#signed-in-already").hidden = !identity;
  $("#port-fix").hidden = true;
  if (identity) $("#signed-in-as").textContent = `${identity.name} (${identity.username})`;
  $("#signin-start").hidden = false;
  $("#signin-start").textContent = identity ? "Sign in again" : "Sign in to Salesforce";
  $("#signin-start").classList.toggle("primary", !identity);
  $("#password-fields").hidden = wizard.method !== "password";
  $("#signin-lead").hidden = wizard.method !== "web";
  if (!identity) $("#signin-start").textContent = wizard.method === "web" ? "Sign in to Salesforce" : "Check the sign-in";
  if (wizard.method === "password" && !$("#sf-username").value) {
    $("#sf-username").value = wizard.state?.settings.username ?? "";
  }
  const first = wizard.state?.callback_urls[0] ?? "";
  for (const el of document.querySelectorAll(".callback-first")) el.textContent = first;
}

/** A new context: no sign-in of the last one is shown. */
export function reset() {
  $("#signed-in-already").hidden = true;
  $("#signin-dead").hidden = true;
  $("#paste-form").hidden = true;
}
