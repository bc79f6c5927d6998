// @ts-check
// One screen at a time, in order; Back everywhere. Each screen is a module with `bind()` (wire
// its controls once) and an optional `enter()` (refresh it when shown). Adding a screen means
// one module, one entry below, and its <section> in index.html.
import { $, $$, applySettings, clearErrors, focusNext, hideSecrets, reload, titleWindow, wizard } from "./wizard.js";
import * as welcome from "./screens/welcome.js";
import * as org from "./screens/org.js";
import * as app from "./screens/create-app.js";
import * as keys from "./screens/keys.js";
import * as signin from "./screens/signin.js";
import * as check from "./screens/check.js";
import * as connect from "./screens/connect.js";
import * as done from "./screens/done.js";
import { placeUpdateOffer } from "./updates.js";

/** @typedef {import("./types").Screen} Screen */
/** @typedef {{bind: () => void, enter?: () => void | Promise<void>, reset?: () => void}} ScreenModule */

/** @type {Record<Screen, ScreenModule>} */
const SCREENS = { welcome, org, app, keys, signin, check, connect, done };

/** The screens for the chosen method, in order, as the backend says (a password sign-in needs no app). */
function sequence() {
  return wizard.state?.screens[wizard.method] ?? /** @type {Screen[]} */ (Object.keys(SCREENS));
}

/** Wires every screen's controls, once; a finished step in the stepper goes back to it. */
export function bindScreens() {
  for (const screen of Object.values(SCREENS)) screen.bind();
  for (const button of $$("#stepper button")) {
    button.addEventListener("click", () => show(/** @type {Screen} */ (button.closest("li").dataset.step)));
  }
}

/**
 * A change of context (the demo entered or left, another connection opened or added, Start
 * over): everything the page holds of the one it showed goes (every field, result and kept
 * sign-in), the new one's state comes from the backend, and its screen is shown (`screen`, or
 * where it resumes). Nothing of a demo ever shows in a real setup, or of one connection in
 * another.
 * @param {Screen} [screen]
 */
export async function enterContext(screen) {
  wizard.verified = null;
  wizard.airbytePath = null;
  wizard.deadSignIn = "";
  for (const form of $$("form")) form.reset();
  for (const result of $$("section[data-screen] .result")) {
    result.textContent = "";
    result.className = "result";
  }
  for (const field of $$("[aria-invalid]")) field.removeAttribute("aria-invalid");
  for (const module of Object.values(SCREENS)) module.reset?.();
  const state = await reload();
  applySettings(state.settings);
  await show(screen ?? state.resume_at);
}

/** @param {Screen} screen */
export async function show(screen) {
  wizard.screen = screen;
  const order = sequence();
  // Steps before where the backend says this connection resumes stay finished (ticked and
  // clickable) when the admin goes back (walkthrough 2, L9).
  const reached = Math.max(order.indexOf(screen), order.indexOf(wizard.state?.resume_at ?? screen));
  for (const section of $$("section[data-screen]")) section.hidden = section.dataset.screen !== screen;
  for (const li of $$("#stepper li")) {
    const index = order.indexOf(li.dataset.step);
    li.hidden = index < 0;
    const finished = index >= 0 && index < reached && li.dataset.step !== screen;
    li.classList.toggle("done", finished);
    $("button", li).disabled = !finished;
    if (li.dataset.step === screen) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  }
  hideSecrets();
  clearErrors();
  titleWindow();
  placeUpdateOffer();
  const heading = $(`section[data-screen="${screen}"] h1`);
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
  await SCREENS[screen].enter?.();
  // Once the screen is filled in: where the admin acts next (a field to fill, else the button
  // that moves on), unless they have moved focus themselves meanwhile.
  if (wizard.screen === screen) focusNext();
}

export function next() {
  const order = sequence();
  return show(order[Math.min(order.indexOf(wizard.screen) + 1, order.length - 1)]);
}

export function back() {
  const order = sequence();
  return show(order[Math.max(order.indexOf(wizard.screen) - 1, 0)]);
}
