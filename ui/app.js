// The wizard: one screen at a time, Back everywhere, resume where the admin left off.
import { api } from "./api.js";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const NAMES = { customeros: "CustomerOS", customerscore: "Customerscore", airbyte: "Airbyte" };
const PLURAL = { Account: "Accounts", Contact: "Contacts", Opportunity: "Opportunities", Lead: "Leads" };
const SECRET_LABELS = {
  "Consumer Secret": "client_secret",
  "Salesforce Password": "password",
  "Salesforce Security Token": "security_token",
};
// Which screen a saved step resumes at.
const RESUME = { welcome: "org", org: "app", app: "keys", keys: "signin", inputs: "signin", verified: "check", done: "done" };

const wizard = {
  state: null, // from load_state
  destination: "customeros",
  method: "web",
  verified: null,
  screen: "welcome",
  waitTimer: null,
};

function sequence() {
  const all = ["welcome", "org", "app", "keys", "signin", "check", "connect", "done"];
  if (wizard.method === "password") return all.filter((s) => s !== "app" && s !== "keys");
  return all;
}

function show(screen) {
  wizard.screen = screen;
  const order = sequence();
  for (const section of $$("section[data-screen]")) section.hidden = section.dataset.screen !== screen;
  for (const li of $$("#stepper li")) {
    const index = order.indexOf(li.dataset.step);
    li.hidden = index < 0;
    li.classList.toggle("done", index >= 0 && index < order.indexOf(screen));
    if (li.dataset.step === screen) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  }
  hideSecrets();
  const heading = $(`section[data-screen="${screen}"] h1`);
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
  const enter = ENTER[screen];
  if (enter) enter();
}

function next() {
  const order = sequence();
  show(order[Math.min(order.indexOf(wizard.screen) + 1, order.length - 1)]);
}

function back() {
  const order = sequence();
  show(order[Math.max(order.indexOf(wizard.screen) - 1, 0)]);
}

// Nothing secret stays visible when the screen changes.
function hideSecrets() {
  for (const button of $$("button.reveal")) {
    const input = document.getElementById(button.dataset.reveal);
    if (input) input.type = "password";
    button.textContent = "Show";
    button.setAttribute("aria-pressed", "false");
  }
  for (const value of $$("[data-secret-value]")) value.textContent = "••••••••••••";
}

function setDestinationTexts() {
  const name = NAMES[wizard.destination];
  for (const el of $$(".dest-name")) el.textContent = name;
  for (const el of $$(".app-name, .api-name")) el.textContent = name === "Airbyte" ? "Airbyte" : name;
  for (const d of Object.keys(NAMES)) for (const el of $$(`.for-${d}`)) el.hidden = d !== wizard.destination;
  for (const el of $$(".for-client-credentials")) el.hidden = wizard.method !== "client-credentials";
  $("#method-choice").hidden = wizard.destination !== "customerscore";
  $("#password-notice").hidden = wizard.method !== "password";
  $("#mydomain-note").hidden = wizard.method !== "client-credentials";
}

function showError(panel, error) {
  panel.hidden = false;
  $(".message", panel).textContent = error.message;
  $(".code", panel).textContent = error.detail ? `${error.code} · ${error.detail}` : error.code;
}

function flash(button, text = "Copied") {
  const before = button.textContent;
  button.textContent = text;
  button.classList.add("copied");
  button.setAttribute("aria-live", "polite");
  setTimeout(() => {
    button.textContent = before;
    button.classList.remove("copied");
  }, 1800);
}

// ---- Welcome -------------------------------------------------------------------------

function readWelcome() {
  wizard.destination = $('input[name="destination"]:checked').value;
  wizard.method = wizard.destination === "customerscore" ? $('input[name="method"]:checked').value : "web";
  setDestinationTexts();
}

for (const input of $$('#welcome-form input[type="radio"]')) input.addEventListener("change", readWelcome);

$("#welcome-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  readWelcome();
  await api.saveChoices({ destination: wizard.destination, method: wizard.method, last_step: "welcome" });
  next();
});

$("#try-demo").addEventListener("click", async () => {
  await api.startDemo();
  await reload();
  wizard.destination = "customeros";
  wizard.method = "web";
  $('input[name="destination"][value="customeros"]').checked = true;
  await api.saveChoices({ destination: "customeros", method: "web", last_step: "welcome" });
  setDestinationTexts();
  show("org");
});

// ---- Org -----------------------------------------------------------------------------

let loginCheck = null;
let checkTimer = null;

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
    result.textContent = error.message;
    result.className = "result bad";
    input.setAttribute("aria-invalid", "true");
  }
  return loginCheck;
}

$("#login-url").addEventListener("input", () => {
  $('input[name="org-kind"][value="custom"]').checked = true;
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkLogin, 120);
});

for (const radio of $$('input[name="org-kind"]')) {
  radio.addEventListener("change", () => {
    const preset = { production: "login.salesforce.com", sandbox: "test.salesforce.com" }[radio.value];
    if (preset) $("#login-url").value = preset;
    else $("#login-url").focus();
    checkLogin();
  });
}

$("#org-form").addEventListener("submit", async (event) => {
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
  await api.saveChoices({ login_url: check.origin, last_step: "org" });
  next();
});

// ---- Create the app ------------------------------------------------------------------

for (const tab of $$('[role="tab"]')) {
  tab.addEventListener("click", () => {
    for (const other of $$('[role="tab"]')) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
  });
}

function renderCallbacks() {
  const urls = wizard.state?.callback_urls ?? ["http://localhost:7717/callback"];
  for (const dd of $$(".callback-list")) {
    dd.replaceChildren();
    for (const url of urls) {
      const code = document.createElement("code");
      code.textContent = url;
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "copy";
      copy.textContent = "Copy";
      copy.setAttribute("aria-label", `Copy ${url}`);
      copy.addEventListener("click", () => api.copyText(url).then(() => flash(copy)));
      dd.append(code, " ", copy);
    }
  }
  for (const el of $$(".callback-first")) el.textContent = urls[0];
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.classList.contains("copy") && button.dataset.copyFrom) {
    const text = $(button.dataset.copyFrom, button.closest("dd")).textContent;
    api.copyText(text).then(() => flash(button));
  } else if (button.classList.contains("open-setup")) {
    api.openSetupPage(button.dataset.page).then(() => flash(button, "Opened")).catch((error) => alertError(error));
  } else if (button.classList.contains("reveal")) {
    const input = document.getElementById(button.dataset.reveal);
    const showing = input.type === "text";
    input.type = showing ? "password" : "text";
    button.textContent = showing ? "Show" : "Hide";
    button.setAttribute("aria-pressed", String(!showing));
  } else if (button.classList.contains("back")) {
    back();
  }
});

function alertError(error) {
  const live = $("#login-result");
  live.textContent = error.message;
}

$("#app-continue").addEventListener("click", async () => {
  await api.saveChoices({ last_step: "app" });
  next();
});

// ---- Consumer Key and Secret ---------------------------------------------------------

function keyHint() {
  const value = $("#client-id").value.trim();
  $("#client-id-hint").textContent =
    value && !value.startsWith("3MVG")
      ? "Consumer Keys usually start with 3MVG. Check that you copied the whole key."
      : value && value.length < 40
        ? "That looks short. Consumer Keys are about 85 characters: copy it with Salesforce's copy button."
        : "";
}
$("#client-id").addEventListener("input", keyHint);
$("#client-id").addEventListener("paste", () => setTimeout(() => ($("#client-id").value = $("#client-id").value.trim())));
$("#client-secret").addEventListener("paste", () => setTimeout(() => ($("#client-secret").value = $("#client-secret").value.trim())));

$("#keys-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = $("#keys-error");
  error.hidden = true;
  for (const id of ["client-id", "client-secret"]) $(`#${id}`).removeAttribute("aria-invalid");
  const clientId = $("#client-id").value.trim();
  const secret = $("#client-secret").value.trim();
  const keepSaved = !secret && wizard.state.has_client_secret && clientId === (wizard.state.settings.client_id ?? "");
  try {
    if (!keepSaved) {
      const stored = await api.saveAppKeys(clientId, secret);
      $("#client-secret-hint").textContent = stored
        ? "Saved in your system keyring."
        : "Kept for this session only: no system keyring was found.";
      $("#client-secret").value = "";
    }
    await reload();
    next();
  } catch (failure) {
    error.hidden = false;
    error.textContent = failure.message;
    const field = { invalid_client_id: "client-id", invalid_client_secret: "client-secret" }[failure.code];
    if (field) {
      $(`#${field}`).setAttribute("aria-invalid", "true");
      $(`#${field}`).focus();
    }
  }
});

// ---- Sign in -------------------------------------------------------------------------

function setWaiting(waiting) {
  $("#waiting").hidden = !waiting;
  $("#signin-start-row").hidden = waiting;
  clearInterval(wizard.waitTimer);
  if (!waiting) return;
  const started = Date.now();
  $("#slow-help").hidden = true;
  $("#elapsed").textContent = "0:00";
  wizard.waitTimer = setInterval(() => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    $("#elapsed").textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    if (seconds >= 60) $("#slow-help").hidden = false;
  }, 1000);
}

api.onProgress((progress) => {
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
});

$("#signin-start").addEventListener("click", startSignIn);
$("#signin-retry").addEventListener("click", startSignIn);

async function startSignIn() {
  $("#signin-error").hidden = true;
  $("#paste-form").hidden = true;
  $("#paste-error").hidden = true;
  $("#waiting b").textContent = "Waiting for you to choose Allow in Salesforce…";
  const password = wizard.method === "password";
  if (password) {
    await api.saveChoices({ username: $("#sf-username").value.trim() });
  }
  setWaiting(wizard.method === "web");
  if (wizard.method !== "web") $("#signin-start").disabled = true;
  try {
    wizard.verified = await api.signIn(
      password ? $("#sf-password").value : null,
      password ? $("#sf-token").value : null,
    );
    setWaiting(false);
    next();
  } catch (error) {
    setWaiting(false);
    if (error.code !== "cancelled") showError($("#signin-error"), error);
  } finally {
    $("#signin-start").disabled = false;
  }
}

$("#signin-cancel").addEventListener("click", () => api.cancelSignIn());
$("#signin-reopen").addEventListener("click", (e) => api.reopenSignIn(true).then(() => flash(e.target, "Opened")));
$("#signin-copy").addEventListener("click", async (e) => {
  const url = await api.reopenSignIn(false);
  if (url) await api.copyText(url).then(() => flash(e.target));
});
$("#signin-paste-toggle").addEventListener("click", () => {
  $("#paste-form").hidden = false;
  $("#paste-address").focus();
});
$("#paste-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#paste-error").hidden = true;
  $("#paste-address").removeAttribute("aria-invalid");
  try {
    await api.pasteRedirect($("#paste-address").value);
  } catch (error) {
    $("#paste-error").hidden = false;
    $("#paste-error").textContent = error.message;
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !$("#waiting").hidden) api.cancelSignIn();
});

// ---- Check ---------------------------------------------------------------------------

function renderCheck() {
  const settings = wizard.state?.settings ?? {};
  const identity = wizard.verified?.identity ?? settings.identity;
  const counts = wizard.verified?.counts ?? settings.counts ?? {};
  if (identity) {
    $("#who").textContent = `Signed in as ${identity.name} (${identity.username}) in org ${identity.org_id}.`;
  }
  const grid = $("#counts");
  grid.replaceChildren();
  for (const object of ["Account", "Contact", "Opportunity", "Lead"]) {
    const card = document.createElement("div");
    card.className = "count";
    card.dataset.object = object;
    const n = document.createElement("span");
    n.className = "n";
    const count = counts[object];
    n.textContent = count === null || count === undefined ? "—" : Number(count).toLocaleString("en-US");
    const what = document.createElement("span");
    what.className = "what";
    what.textContent = count === null ? `${PLURAL[object]} (no access)` : PLURAL[object];
    card.append(n, what);
    grid.append(card);
  }
}

$("#check-continue").addEventListener("click", next);

// ---- Connect -------------------------------------------------------------------------

async function enterConnect() {
  const settings = wizard.state?.settings ?? {};
  if (wizard.destination === "customeros") {
    if (!$("#cos-url").value) $("#cos-url").value = settings.customeros_url ?? "";
    if (!$("#cos-email").value) $("#cos-email").value = settings.customeros_username ?? "";
    $("#cos-key").placeholder = wizard.state?.has_api_key ? "Saved — leave empty to use it" : "";
  } else if (wizard.destination === "customerscore") {
    await renderProviderFields();
  } else if (!$("#airbyte-path").value) {
    $("#airbyte-path").value = wizard.state?.default_airbyte_path ?? "salesforce-source.json";
  }
}

$("#customeros-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const panel = $("#connect-error");
  panel.hidden = true;
  for (const id of ["cos-url", "cos-email", "cos-key"]) $(`#${id}`).removeAttribute("aria-invalid");
  const button = $("#cos-connect");
  button.disabled = true;
  button.textContent = "Connecting…";
  try {
    const key = $("#cos-key").value.trim();
    await api.connectCustomerOs($("#cos-url").value.trim(), $("#cos-email").value.trim(), key || null);
    $("#cos-key").value = "";
    await reload();
    show("done");
  } catch (error) {
    showError(panel, error);
    const field = {
      invalid_customeros_url: "cos-url",
      customeros_unreachable: "cos-url",
      invalid_email: "cos-email",
      customeros_unknown_user: "cos-email",
      invalid_api_key: "cos-key",
      customeros_api_key_invalid: "cos-key",
      customeros_api_key_missing: "cos-key",
    }[error.code];
    if (field) $(`#${field}`).setAttribute("aria-invalid", "true");
    button.textContent = "Retry";
  } finally {
    button.disabled = false;
    if (button.textContent === "Connecting…") button.textContent = "Connect";
  }
});

async function renderProviderFields() {
  const view = await api.providerFields();
  $("#provider-mode").textContent = view.mode;
  const list = $("#provider-fields");
  list.replaceChildren();
  for (const field of view.fields) {
    const dt = document.createElement("dt");
    dt.textContent = field.label;
    const dd = document.createElement("dd");
    const value = document.createElement("code");
    value.textContent = field.value;
    const copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy";
    copy.setAttribute("aria-label", `Copy ${field.label}`);
    dd.append(value, " ", copy);
    const name = SECRET_LABELS[field.label];
    if (field.secret && name) {
      value.dataset.secretValue = "";
      copy.addEventListener("click", () => api.copySecret(name).then(() => flash(copy)));
      const reveal = document.createElement("button");
      reveal.type = "button";
      reveal.textContent = "Show";
      reveal.setAttribute("aria-label", `Show ${field.label}`);
      reveal.addEventListener("click", async () => {
        if (reveal.textContent === "Show") {
          value.textContent = await api.revealSecret(name);
          reveal.textContent = "Hide";
        } else {
          value.textContent = "••••••••••••";
          reveal.textContent = "Show";
        }
      });
      dd.append(reveal);
    } else {
      copy.addEventListener("click", () => api.copyText(field.value).then(() => flash(copy)));
    }
    list.append(dt, dd);
  }
}

$("#provider-done").addEventListener("click", async () => {
  await api.saveChoices({ last_step: "done" });
  await reload();
  show("done");
});

$("#airbyte-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#airbyte-error").hidden = true;
  try {
    wizard.airbytePath = await api.saveAirbyte($("#airbyte-path").value);
    await reload();
    show("done");
  } catch (error) {
    showError($("#airbyte-error"), error);
  }
});

// ---- Done ----------------------------------------------------------------------------

function renderDone() {
  const settings = wizard.state?.settings ?? {};
  const identity = settings.identity ?? wizard.verified?.identity;
  const state = settings.destination_state ?? "";
  const name = NAMES[wizard.destination];
  const done = $("#done-state");
  done.replaceChildren();
  const line = document.createElement("p");
  if (wizard.destination === "customeros") {
    line.append(`${name} shows Salesforce as `);
    const badge = document.createElement("span");
    badge.className = "state-active";
    badge.id = "destination-state";
    badge.textContent = state;
    line.append(badge, ".");
  } else if (wizard.destination === "airbyte") {
    line.textContent = `The Airbyte configuration is saved at ${wizard.airbytePath ?? "the file you chose"} (readable only by you).`;
  } else {
    line.textContent = "The values are checked against Salesforce and ready in Customerscore.";
  }
  done.append(line);
  const rows = [
    ["Salesforce org", identity ? `${identity.org_id} (${settings.instance_url ?? ""})` : "—"],
    ["Signed in as", identity ? `${identity.name} (${identity.username})` : "—"],
    [
      "Secrets",
      wizard.state?.demo
        ? "Kept in memory for this demo only"
        : settings.stored
          ? "In your system keyring, under “sfconnect”"
          : "Kept for this session only",
    ],
    ["Settings", "Non-secret choices are saved so sfconnect can resume"],
  ];
  const summary = $("#summary");
  summary.replaceChildren();
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    summary.append(dt, dd);
  }
}

$("#disconnect").addEventListener("click", () => {
  $("#disconnect-confirm").hidden = false;
  $("#disconnect-no").focus();
});
$("#disconnect-no").addEventListener("click", () => ($("#disconnect-confirm").hidden = true));
$("#disconnect-yes").addEventListener("click", async () => {
  try {
    await api.disconnect();
    $("#disconnect-confirm").hidden = true;
    await reload();
    show("welcome");
  } catch (error) {
    $("#done-error").hidden = false;
    $("#done-error").textContent = error.message;
  }
});
$("#start-over").addEventListener("click", async () => {
  await api.startOver();
  wizard.verified = null;
  await reload();
  show("welcome");
});

// ---- Start ---------------------------------------------------------------------------

const ENTER = {
  app: renderCallbacks,
  signin: () => {
    $("#password-fields").hidden = wizard.method !== "password";
    $("#signin-lead").hidden = wizard.method !== "web";
    $("#signin-start").textContent = wizard.method === "web" ? "Sign in to Salesforce" : "Check the sign-in";
    if (wizard.method === "password" && !$("#sf-username").value) {
      $("#sf-username").value = wizard.state?.settings.username ?? "";
    }
  },
  keys: () => {
    const settings = wizard.state?.settings ?? {};
    if (!$("#client-id").value) $("#client-id").value = settings.client_id ?? wizard.state?.demo?.client_id ?? "";
    $("#client-secret").placeholder = wizard.state?.has_client_secret ? "Saved — leave empty to keep it" : "";
    keyHint();
  },
  org: () => {
    const saved = wizard.state?.settings.login_url ?? wizard.state?.demo?.login_url;
    if (saved && !$("#login-url").value) {
      $("#login-url").value = saved;
      checkLogin();
    }
  },
  check: renderCheck,
  connect: enterConnect,
  done: renderDone,
};

async function reload() {
  wizard.state = await api.loadState();
  $("#demo-badge").hidden = !wizard.state.demo;
  document.title = wizard.state.demo ? "sfconnect — DEMO" : "sfconnect — Connect Salesforce";
  return wizard.state;
}

async function start() {
  const state = await reload();
  const settings = state.settings;
  if (settings.destination) {
    wizard.destination = settings.destination;
    $(`input[name="destination"][value="${settings.destination}"]`).checked = true;
  }
  if (settings.method) {
    wizard.method = settings.method;
    const radio = $(`input[name="method"][value="${settings.method}"]`);
    if (radio) radio.checked = true;
  }
  setDestinationTexts();
  renderCallbacks();
  const resume = RESUME[settings.last_step] ?? "welcome";
  show(state.demo && resume === "welcome" ? "welcome" : resume);
  document.body.dataset.ready = "true";
  api.firstScreenReady();
}

start().catch((error) => {
  document.body.dataset.ready = "error";
  console.error(error);
});
