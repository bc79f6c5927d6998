// @ts-check
// The one typed wrapper for every backend call. Errors arrive as {code, message, detail?}:
// the UI branches on `code` (a closed list generated from Rust in types.d.ts), never on text.

/** @typedef {import("./types").Code} Code */
/** @typedef {import("./types").Step} Step */
/** @typedef {import("./types").Screen} Screen */
/** @typedef {import("./types").Method} Method */
/** @typedef {import("./types").Destination} Destination */
/** @typedef {import("./types").DeliveryState} DeliveryState */
/** @typedef {import("./types").RevealableSecret} RevealableSecret */
/** @typedef {import("./types").SetupPage} SetupPage */
/** @typedef {import("./types").ProgressKind} ProgressKind */

// Every shape below is generated from the Rust type the backend sends or takes (types.d.ts):
// a field renamed or added in Rust is a `tsc` error in the screen that reads it.
/** `internal` also covers failures that never reached the engine (a refused command). */
/** @typedef {import("./types").BoundaryError} AppError */
/** @typedef {import("./types").Identity} Identity */
/** @typedef {import("./types").Verified} Verified */
/** @typedef {import("./types").ProviderFieldView} ProviderField */
/** @typedef {import("./types").ProviderView} ProviderView */
/** @typedef {import("./types").Settings} Settings */
/** @typedef {import("./types").DemoValues} DemoValues */
/** @typedef {import("./types").UpdateCheck} UpdateCheck */
/** @typedef {import("./types").UpdateSetting} UpdateSetting */
/** @typedef {import("./types").ConnectionSummary} ConnectionSummary */
/** @typedef {import("./types").ConnectionsView} ConnectionsView */
/** What the wizard draws itself from: the saved progress, and the demo's values in demo mode. */
/** @typedef {import("./types").WizardView} WizardState */
/** @typedef {import("./types").Choices} Choices */
/** @typedef {import("./types").LoginCheck} LoginCheck */
/** @typedef {import("./types").Disconnected} Disconnected */
/** @typedef {import("./types").Checked} Checked */
/** @typedef {import("./types").Progress} Progress */

/** @type {any} */
const tauri = /** @type {any} */ (window).__TAURI__;

/**
 * @param {unknown} raw
 * @returns {AppError}
 */
function asError(raw) {
  if (raw && typeof raw === "object" && "code" in raw) return /** @type {AppError} */ (raw);
  return { code: "internal", message: "Something went wrong inside sfconnect. Restart it and try again." };
}

/**
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<any>}
 */
async function call(command, args = {}) {
  try {
    return await tauri.core.invoke(command, args);
  } catch (raw) {
    throw asError(raw);
  }
}

/** The first load_state, asked for by early.js before the modules loaded (used once). */
let earlyState = /** @type {Promise<WizardState>|undefined} */ (/** @type {any} */ (window).sfconnectEarlyState);
/** When the first state arrived (ms since the page began loading), for the start-up report. */
let stateArrivedAt = 0;
/** When every module had loaded (this one is evaluated after its imports… and before app.js). */
const modulesLoadedAt = performance.now();

/** The window title being set (see `api.setTitle`). @type {Promise<void>} */
let titling = Promise.resolve();

export const api = {
  /** @returns {Promise<WizardState>} */
  loadState: () => {
    const early = earlyState;
    earlyState = undefined;
    return early
      ? early.then(
          (state) => {
            stateArrivedAt = performance.now();
            return state;
          },
          (raw) => {
            throw asError(raw);
          },
        )
      : call("load_state");
  },
  /** @param {string} input @returns {Promise<LoginCheck>} */
  checkLoginUrl: (input) => call("check_login_url", { input }),
  /** @param {Partial<Choices>} choices @returns {Promise<void>} */
  saveChoices: (choices) => call("save_choices", { choices }),
  /** @param {string} clientId @param {string} clientSecret @returns {Promise<boolean>} whether the keyring holds the secret */
  saveAppKeys: (clientId, clientSecret) => call("save_app_keys", { clientId, clientSecret }),
  /** @param {string|null} [password] @param {string|null} [securityToken] @returns {Promise<Verified>} */
  signIn: (password = null, securityToken = null) => call("sign_in", { password, securityToken }),
  /** @returns {Promise<void>} */
  cancelSignIn: () => call("cancel_sign_in"),
  /** @param {string} address @returns {Promise<void>} */
  pasteRedirect: (address) => call("paste_redirect", { address }),
  /** @param {boolean} open @returns {Promise<string|null>} the sign-in link */
  reopenSignIn: (open) => call("reopen_sign_in", { open }),
  /** @param {SetupPage} page @returns {Promise<void>} */
  openSetupPage: (page) => call("open_setup_page", { page }),
  /** @returns {Promise<void>} the app's own page in Setup, read after the sign-in */
  openAppPage: () => call("open_app_page"),
  /** @param {string} url @param {string} email @param {string|null} apiKey @returns {Promise<DeliveryState>} */
  connectCustomerOs: (url, email, apiKey) => call("connect_customeros", { url, email, apiKey }),
  /** Keeps CustomerOS's details for the Connect step (sends nothing). @param {string} url @param {string} email @param {string} apiKey @returns {Promise<void>} */
  keepCustomerOsDetails: (url, email, apiKey) => call("keep_customeros_details", { url, email, apiKey }),
  /** @returns {Promise<ProviderView>} */
  providerFields: () => call("provider_fields"),
  /** @returns {Promise<ProviderView>} the values for Airbyte's Salesforce source form */
  airbyteFields: () => call("airbyte_fields"),
  /** @param {RevealableSecret} name @returns {Promise<void>} */
  copySecret: (name) => call("copy_secret", { name }),
  /** @param {RevealableSecret} name @returns {Promise<string>} */
  revealSecret: (name) => call("reveal_secret", { name }),
  /** Opens the system's save window; @returns {Promise<string | null>} the path written, or null when closed */
  saveAirbyte: () => call("save_airbyte"),
  /** @returns {Promise<Checked>} live, at Salesforce and the destination */
  checkConnection: () => call("check_connection"),
  /** Ends the hand-off or check in progress. @returns {Promise<void>} */
  cancelOperation: () => call("cancel_operation"),
  /** Opens the connected CustomerOS in the browser. @returns {Promise<void>} */
  openDestination: () => call("open_destination"),
  /** Opens the page where CustomerOS at `url` shows its API key. @param {string} url @returns {Promise<void>} */
  openCustomerOsApiPage: (url) => call("open_customeros_api_page", { url }),
  /** Copies the support report (no secret in it). @returns {Promise<void>} */
  copySupportReport: () => call("copy_support_report"),
  /** Saves the support report where the admin chooses. @returns {Promise<string|null>} the file, or null when cancelled */
  saveSupportReport: () => call("save_support_report"),
  /**
   * @param {boolean} leaveDestination revoke at Salesforce even though the destination can't be reached
   * @returns {Promise<Disconnected>}
   */
  disconnect: (leaveDestination) => call("disconnect", { leaveDestination }),
  /** @returns {Promise<void>} */
  startOver: () => call("start_over"),
  /** @returns {Promise<void>} */
  startDemo: () => call("start_demo"),
  /** @returns {Promise<void>} */
  leaveDemo: () => call("leave_demo"),
  /** @returns {Promise<ConnectionsView>} */
  listConnections: () => call("list_connections"),
  /** The other connections a hand-off to this workspace would replace. @param {string} url @param {string} email @returns {Promise<ConnectionSummary[]>} */
  connectionsSharingWorkspace: (url, email) => call("connections_sharing_workspace", { url, email }),
  /** The sign-in's port is taken: also try the next one. @returns {Promise<number>} the port added */
  useNextPort: () => call("use_next_port"),
  /** @param {string} profile @returns {Promise<void>} */
  openConnection: (profile) => call("open_connection", { profile }),
  /** Removes a connection that isn't open and holds no sign-in. @param {string} profile @returns {Promise<void>} */
  removeConnection: (profile) => call("remove_connection", { profile }),
  /** @returns {Promise<string>} the new connection's name */
  addConnection: () => call("add_connection"),
  /** The daily look (onDemand false) or Check for updates. @param {boolean} onDemand @returns {Promise<UpdateCheck>} */
  checkForUpdate: (onDemand) => call("check_for_update", { onDemand }),
  /** Installs the update found (on the admin's OK). @returns {Promise<string>} the version installed */
  installUpdate: () => call("install_update"),
  /** @returns {Promise<void>} */
  restartApp: () => call("restart_app"),
  /** @returns {Promise<UpdateSetting>} */
  updateSetting: () => call("update_setting"),
  /** @param {boolean} on @returns {Promise<UpdateSetting>} */
  setDailyUpdateCheck: (on) => call("set_daily_update_check", { on }),
  /**
   * The window's title (the step, and DEMO). One at a time, in order: two quick screens in a
   * row must not land the older title last (walkthrough 2, L10).
   * @param {string} title
   */
  setTitle: (title) => {
    document.title = title;
    titling = titling
      .then(() => tauri.window.getCurrentWindow().setTitle(title))
      // Only the title: never worth an error.
      .catch(() => {});
    return titling;
  },
  /** Reports the first screen drawn, with the page's own timings (for bench/run). @returns {Promise<void>} */
  firstScreenReady: () => {
    const navigation = /** @type {PerformanceNavigationTiming|undefined} */ (performance.getEntriesByType("navigation")[0]);
    const at = (/** @type {number} */ ms) => performance.timeOrigin + ms;
    const marks = {
      page_start: performance.timeOrigin,
      html_parsed: at(navigation?.domInteractive ?? 0),
      scripts_run: at(navigation?.domContentLoadedEventEnd ?? 0),
      state_arrived: at(stateArrivedAt),
      modules_loaded: at(modulesLoadedAt),
    };
    return call("first_screen_ready", { marks });
  },
  /** Copies a non-secret value. @param {string} text @returns {Promise<void>} */
  copyText: (text) => tauri.clipboardManager.writeText(text),
  /** @param {(progress: Progress) => void} handler */
  onProgress: (handler) => tauri.event.listen("progress", (/** @type {{payload: Progress}} */ event) => handler(event.payload)),
};
