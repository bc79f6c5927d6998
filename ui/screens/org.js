// @ts-check
// Which org: any address from the admin's Salesforce tab, normalised as they type.
import { api } from "../api.js";
import { next } from "../router.js";
import { $, $$, wizard } from "../wizard.js";

/** @type {import("../api.js").LoginCheck|null} */
let loginCheck = null;
/** @type {ReturnType<typeof setTimeout>|undefined} */
let checkTimer;

async function checkLogin() {
  const input = $("#login-url");
  const result = $("#login-result");
  if (!input.value.trim()) {
    result.textContent = "";
    result.className = "result";
    input.removeAttribute("aria-invalid");
    loginCheck = null;
    return null;
  }
  try {
    loginCheck = await api.checkLoginUrl(input.value);
    result.textContent = `Signing in at ${loginCheck.origin}${loginCheck.sandbox ? " (sandbox)" : ""}`;
    result.className = "result ok";
    input.removeAttribute("aria-invalid");
  } catch (error) {
    loginCheck = null;
    result.textContent = /** @type {import("../api.js").AppError} */ (error).message;
    result.className = "result bad";
    input.setAttribute("aria-invalid", "true");
  }
  return loginCheck;
}

export function bind() {
  $("#login-url").addEventListener("input", () => {
    $('input[name="org-kind"][value="custom"]').checked = true;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(checkLogin, 120);
  });

  for (const radio of $$('input[name="org-kind"]')) {
    radio.addEventListener("change", () => {
      /** @type {Record<string, string>} */
      const presets = { production: "login.salesforce.com", sandbox: "test.salesforce.com" };
      const preset = presets[radio.value];
      if (preset) $("#login-url").value = preset;
      else $("#login-url").focus();
      checkLogin();
    });
  }

  $("#org-form").addEventListener("submit", async (/** @type {Event} */ event) => {
    event.preventDefault();
    const check = await checkLogin();
    if (!check) {
      if (!$("#login-url").value.trim()) {
        $("#login-result").textContent = "Enter your Salesforce address, or choose Production or Sandbox.";
        $("#login-result").className = "result bad";
      }
      $("#login-url").focus();
      return;
    }
    // Another org: a sign-in this page holds was made at the old one.
    if (check.origin !== wizard.state?.settings.login_url) wizard.verified = null;
    await api.saveChoices({ login_url: check.origin, last_step: "org" });
    await next();
  });
}

export function enter() {
  const saved = wizard.state?.settings.login_url ?? wizard.state?.demo?.login_url;
  if (saved && !$("#login-url").value) {
    $("#login-url").value = saved;
    checkLogin();
  }
}

/** A new context: nothing checked yet. */
export function reset() {
  loginCheck = null;
  clearTimeout(checkTimer);
}
