// @ts-check
// The wizard's entry point: wire the screens and the controls they share, then resume where
// the admin left off.
import { api } from "./api.js";
import { back, bindScreens, enterContext, show } from "./router.js";
import { bindConnections } from "./connections.js";
import { bindUpdates, dailyUpdateCheck } from "./updates.js";
import { $, $$, applySettings, flash, fromTemplate, hideSecrets, hideSoon, reload, showError } from "./wizard.js";

/** @typedef {import("./api.js").AppError} AppError */

/** @param {unknown} reason @returns {AppError} */
function asAppError(reason) {
  if (reason && typeof reason === "object" && "code" in reason && "message" in reason) {
    return /** @type {AppError} */ (reason);
  }
  return { code: "internal", message: "Something went wrong inside sfconnect. Try again; if it keeps happening, restart it." };
}

// Nothing fails silently: a promise nobody handled shows its error on the screen in view.
window.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.error(event.reason);
  showError(asAppError(event.reason));
});

// Every screen gets its own error panel.
for (const section of $$("section[data-screen]")) section.append(fromTemplate("screen-error"));

// Buttons that work the same on every screen.
document.addEventListener("click", (event) => {
  const button = /** @type {HTMLElement|null} */ (event.target instanceof Element ? event.target.closest("button") : null);
  if (!button) return;
  if (button.classList.contains("copy") && button.dataset.copyFrom) {
    const text = $(button.dataset.copyFrom, button.closest("dd") ?? document).textContent;
    api.copyText(text).then(() => flash(button)).catch(showError);
  } else if (button.classList.contains("open-setup")) {
    const page = /** @type {import("./types").SetupPage} */ (button.dataset.page);
    // The first step's button also copies the Callback URL: one trip back to sfconnect fewer.
    const also = button.dataset.copyAlso ? $(button.dataset.copyAlso, button.closest("[role=tabpanel]") ?? document) : null;
    api
      .openSetupPage(page)
      .then(() => (also ? api.copyText(also.textContent ?? "").then(() => flash(button, "Opened · Callback URL copied")) : flash(button, "Opened")))
      .catch(showError);
  } else if (button.classList.contains("reveal")) {
    const input = /** @type {HTMLInputElement} */ (document.getElementById(button.dataset.reveal ?? ""));
    const showing = input.type === "text";
    input.type = showing ? "password" : "text";
    button.textContent = showing ? "Show" : "Hide";
    button.setAttribute("aria-pressed", String(!showing));
    if (!showing) hideSoon();
  } else if (button.classList.contains("back")) {
    back();
  }
});

bindScreens();
// Escape closes an open question (Disconnect?, Start over?) and returns focus to its button.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const dialog of $$('[role="dialog"]:not([hidden])')) {
    dialog.hidden = true;
    const opener = dialog.dataset.opener ? document.getElementById(dialog.dataset.opener) : null;
    opener?.focus();
  }
});
$("#leave-demo").addEventListener("click", async () => {
  await api.leaveDemo();
  await enterContext();
});
bindConnections();
bindUpdates();
// A screen share shouldn't catch a secret left revealed in a window that isn't in front.
window.addEventListener("blur", hideSecrets);

async function start() {
  const state = await reload();
  applySettings(state.settings);
  await show(state.resume_at);
  document.body.dataset.ready = "true";
  api.firstScreenReady();
  // After the first screen, never before it: the daily look for a signed update.
  setTimeout(dailyUpdateCheck, 2000);
}

start().catch((error) => {
  document.body.dataset.ready = "error";
  console.error(error);
});
