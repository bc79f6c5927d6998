// @ts-check
// What every screen shares: the wizard's state, DOM lookups, templates, and the one place
// that shows an error on the screen the admin is looking at.
import { api } from "./api.js";

/** @typedef {import("./api.js").AppError} AppError */
/** @typedef {import("./api.js").WizardState} WizardState */
/** @typedef {import("./api.js").Verified} Verified */
/** @typedef {import("./types").Destination} Destination */
/** @typedef {import("./types").Method} Method */
/** @typedef {import("./types").Screen} Screen */

/** @param {string} selector @param {ParentNode} [root] @returns {any} */
export const $ = (selector, root = document) => root.querySelector(selector);
/** @param {string} selector @param {ParentNode} [root] @returns {any[]} */
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/**
 * What differs per destination (its name, methods, whether it can be checked), as the backend
 * says: `destinations` in the wizard's state. Before the state arrives, only the id is known.
 * @param {Destination} [id] the chosen one by default
 * @returns {import("./types").DestinationInfo}
 */
export function destinationInfo(id = wizard.destination) {
  const known = wizard.state?.destinations.find((d) => d.id === id);
  return known ?? { id, name: id, methods: ["web"], checkable: false, asked_live: false, disconnect_stops: "", holder_note: "" };
}

export const wizard = {
  /** @type {WizardState|null} from load_state */
  state: null,
  /** @type {Destination} */
  destination: "customeros",
  /** @type {Method} */
  method: "web",
  /** @type {Verified|null} */
  verified: null,
  /** @type {Screen} */
  screen: "welcome",
  /** @type {string|null} */
  airbytePath: null,
  /** What the last live check said of the kept sign-in ("" when none was made, or it passed):
   * Salesforce's words when only a new sign-in helps. @type {string} */
  deadSignIn: "",
};

/** Re-reads the saved progress after a change. @returns {Promise<WizardState>} */
export async function reload() {
  const state = await api.loadState();
  wizard.state = state;
  $("#demo-badge").hidden = !state.demo;
  $("#leave-demo").hidden = !state.demo;
  $("#demo-note").hidden = !state.demo;
  $("#connections-open").hidden = !!state.demo;
  $("#try-demo").hidden = !!state.demo; // already in it: "Leave the demo" is the way out
  // Salesforce's dated changes, worded for today (before or after each date).
  for (const dated of state.dated) {
    for (const el of document.querySelectorAll(`[data-dated="${dated.change}"]`)) el.textContent = dated.text;
  }
  titleWindow();
  return state;
}

/** Takes the destination and method from saved settings (on start, and on opening another connection). */
export function applySettings(/** @type {WizardState["settings"]} */ settings) {
  wizard.destination = settings.destination ?? wizard.state?.destinations[0]?.id ?? "customeros";
  $(`input[name="destination"][value="${wizard.destination}"]`).checked = true;
  wizard.method = settings.method ?? destinationInfo().methods[0];
  const radio = $(`input[name="method"][value="${wizard.method}"]`);
  if (radio) radio.checked = true;
  setDestinationTexts();
}

/** The window's title names the step, and says DEMO in the demo. */
export function titleWindow() {
  const step = $(`#stepper li[data-step="${wizard.screen}"]`)?.textContent ?? "";
  const screen = wizard.screen === "done" ? "Your connection" : step;
  void api.setTitle(`sfconnect — ${screen}${wizard.state?.demo ? " — DEMO" : ""}`);
}

/** The dots that stand in for a hidden secret (the engine's own). */
export function mask() {
  return wizard.state?.mask ?? "••••••••••••";
}

/**
 * A copy of a `<template>`'s content.
 * @param {string} id
 * @returns {DocumentFragment}
 */
export function fromTemplate(id) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById(id));
  return /** @type {DocumentFragment} */ (template.content.cloneNode(true));
}

/** The section of the screen in view. */
function currentSection() {
  return $(`section[data-screen="${wizard.screen}"]`);
}

/** Where each moved error panel stood in the page (it goes back there for a general error). */
const panelHomes = new WeakMap();

/**
 * Shows an error where the admin will see it: in `panel` when that is on the screen in view,
 * else in that screen's own error panel; right under `field` when it is about one (marked
 * invalid, and described by the message), and scrolled into view (walkthrough 2, M1).
 * @param {AppError} error
 * @param {HTMLElement|null} [panel]
 * @param {HTMLElement|null} [field]
 */
export function showError(error, panel = null, field = null) {
  const section = currentSection();
  const target = panel && section?.contains(panel) ? panel : $(".screen-error", section);
  if (!target) return;
  if (!panelHomes.has(target)) panelHomes.set(target, { parent: target.parentNode, next: target.nextSibling });
  undescribe(target);
  if (field && section?.contains(field)) {
    (field.closest(".secret-field") ?? field).after(target);
    field.setAttribute("aria-invalid", "true");
    if (!target.id) target.id = `error-for-${field.id}`;
    const described = (field.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    field.setAttribute("aria-describedby", [...described, target.id].join(" "));
  } else {
    const home = panelHomes.get(target);
    if (target.parentNode !== home.parent) home.parent.insertBefore(target, home.next);
  }
  target.hidden = false;
  $(".message", target).textContent = error.message;
  $(".code", target).textContent = error.detail ? `${error.code} · ${error.detail}` : error.code;
  target.scrollIntoView({ block: "nearest" });
}

/** Whether an element takes up room on the screen (a hidden one, or one inside, doesn't). */
export function onScreen(/** @type {Element|null} */ element) {
  return !!element && element.getClientRects().length > 0;
}

/**
 * Where the admin acts next on this screen: the first empty field marked `data-first`, else the
 * first enabled primary button, else the heading.
 * @param {ParentNode} section @returns {HTMLElement|null}
 */
function nextAction(section) {
  const empty = $$("[data-first]", section).find((f) => onScreen(f) && !f.disabled && !f.value);
  const primary = $$("button.primary", section).find((b) => onScreen(b) && !b.disabled);
  return empty ?? primary ?? $("h1", section);
}

/**
 * Puts focus where the admin acts next, unless they have already put it somewhere that is
 * still on screen (focus is never left on a control that was just hidden).
 * @param {HTMLElement|null} [preferred] where to go when focus was lost
 */
export function focusNext(preferred = null) {
  const section = currentSection();
  const active = document.activeElement;
  const kept = active && active !== document.body && active.tagName !== "H1" && onScreen(active);
  if (kept || !section) return;
  const target = preferred && onScreen(preferred) ? preferred : nextAction(section);
  target?.focus({ preventScroll: false });
}

/** No field is described by `panel` any more (it is hidden, or about another field). */
function undescribe(/** @type {HTMLElement} */ panel) {
  if (!panel.id) return;
  for (const field of $$(`[aria-describedby~="${panel.id}"]`)) {
    const rest = field.getAttribute("aria-describedby").split(" ").filter((/** @type {string} */ id) => id && id !== panel.id);
    if (rest.length) field.setAttribute("aria-describedby", rest.join(" "));
    else field.removeAttribute("aria-describedby");
  }
}

/** Hides every error panel on the screen in view. */
export function clearErrors() {
  // A status panel (the home's live state) is the screen's own, drawn by its screen: not an
  // error left over (hiding it silenced Check now: walkthrough 2, H2).
  for (const panel of $$(".error-panel:not([role=status])", currentSection())) {
    panel.hidden = true;
    undescribe(panel);
  }
}

/** How long a revealed secret stays visible (screen shares: it never stays up by accident). */
const REHIDE_AFTER_MS = 20_000;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let rehide;

/** Hides every revealed secret again after a while. */
export function hideSoon() {
  clearTimeout(rehide);
  rehide = setTimeout(hideSecrets, REHIDE_AFTER_MS);
}

/** Nothing secret stays visible when the screen changes, the window loses focus, or 20 s pass. */
export function hideSecrets() {
  clearTimeout(rehide);
  for (const button of $$("button.show")) {
    if (button.textContent === "Hide") button.textContent = "Show";
  }
  for (const button of $$("button.reveal")) {
    const input = document.getElementById(button.dataset.reveal);
    if (input instanceof HTMLInputElement) input.type = "password";
    button.textContent = "Show";
    button.setAttribute("aria-pressed", "false");
  }
  for (const value of $$("[data-secret-value]")) value.textContent = mask();
}

/** Shows the parts of every screen that depend on the destination and method. */
export function setDestinationTexts() {
  const chosen = destinationInfo();
  for (const el of $$(".dest-name, .app-name, .api-name")) el.textContent = chosen.name;
  for (const d of wizard.state?.destinations ?? []) {
    for (const el of $$(`.for-${d.id}`)) el.hidden = d.id !== wizard.destination;
  }
  for (const el of $$(".for-client-credentials")) el.hidden = wizard.method !== "client-credentials";
  $("#method-choice").hidden = chosen.methods.length < 2;
  $("#password-notice").hidden = wizard.method !== "password";
  $("#mydomain-note").hidden = wizard.method !== "client-credentials";
}

/**
 * Briefly says what a button did.
 * @param {HTMLElement} button
 * @param {string} [text]
 */
export function flash(button, text = "Copied") {
  const before = button.textContent;
  button.textContent = text;
  button.classList.add("copied");
  button.setAttribute("aria-live", "polite");
  setTimeout(() => {
    button.textContent = before;
    button.classList.remove("copied");
  }, 1800);
}

/**
 * A value with a Copy button (and Show, for a kept secret), from the `copy-row` template.
 * @param {string} label for the buttons' accessible names
 * @param {string} value shown (the mask for a secret)
 * @param {import("./types").RevealableSecret|null} [secret]
 * @returns {DocumentFragment}
 */
export function copyRow(label, value, secret = null) {
  const row = fromTemplate("copy-row");
  const code = $("code", row);
  const copy = $("button.copy", row);
  const reveal = $("button.show", row);
  code.textContent = value;
  copy.setAttribute("aria-label", `Copy ${label}`);
  if (secret) {
    code.dataset.secretValue = "";
    // sfconnect clears it from the clipboard after 30 s if it is still there.
    // A secret is shown, and the refresh token copied, only after a yes in sfconnect's own
    // dialog; "Cancel" there answers `cancelled`, which needs no message.
    const unlessCancelled = (/** @type {import("./api.js").AppError} */ error) => {
      if (error.code !== "cancelled") showError(error);
    };
    copy.addEventListener("click", () =>
      api.copySecret(secret).then(() => flash(copy, "Copied — clears in 30 s")).catch(unlessCancelled),
    );
    // The refresh token is only ever copied, never shown.
    reveal.hidden = secret === "refresh_token";
    reveal.setAttribute("aria-label", `Show ${label}`);
    reveal.addEventListener("click", async () => {
      if (reveal.textContent === "Show") {
        try {
          code.textContent = await api.revealSecret(secret);
        } catch (failure) {
          unlessCancelled(/** @type {import("./api.js").AppError} */ (failure));
          return;
        }
        reveal.textContent = "Hide";
        hideSoon();
      } else {
        code.textContent = mask();
        reveal.textContent = "Show";
      }
    });
  } else {
    copy.addEventListener("click", () => api.copyText(value).then(() => flash(copy)).catch(showError));
  }
  return row;
}
