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

/** `internal` also covers failures that never reached the engine (a refused command). */
/** @typedef {{code: Code, message: string, detail?: string}} AppError */
/** @typedef {{org_id: string, username: string, name: string, email: string, org_name?: string}} Identity */
/** @typedef {Record<string, number|null>} Counts */
/** @typedef {{identity: Identity, instance_url: string, counts: Counts, method: Method, stored: boolean}} Verified */
/** @typedef {{label: string, value: string, secret: RevealableSecret|null}} ProviderField */
/**
 * @typedef {object} Settings
 * @property {Method|null} [method]
 * @property {string|null} [login_url]
 * @property {string|null} [client_id]
 * @property {number[]} ports
 * @property {Destination|null} [destination]
 * @property {string|null} [customeros_url]
 * @property {string|null} [customeros_username]
 * @property {string|null} [api_key_for] the CustomerOS address the saved API key was entered for
 * @property {string|null} [username]
 * @property {Identity|null} [identity]
 * @property {string|null} [instance_url]
 * @property {Counts|null} [counts]
 * @property {DeliveryState|null} [destination_state]
 * @property {boolean} handoff_pending
 * @property {{at: number, code: string, message: string, detail?: string}[]} [recent_errors] the last failures, newest last
 * @property {boolean} stored
 * @property {Step|null} [last_step]
 */
/** @typedef {{login_url: string, client_id: string, customeros_url: string, customeros_username: string}} DemoValues */
/**
 * What a look for an update found.
 * @typedef {{state: "off", by: "company"|"preference"} | {state: "not_due"} | {state: "current", version: string}
 *   | {state: "available", version: string, notes: string}} UpdateCheck
 */
/**
 * One kept connection, as the list shows it (nothing secret).
 * @typedef {{profile: string, label: string, sandbox: boolean, handed_off: boolean}} ConnectionSummary
 */
/**
 * @typedef {object} WizardState
 * @property {Settings} settings
 * @property {Screen} resume_at
 * @property {boolean} has_client_secret
 * @property {boolean} has_api_key
 * @property {boolean} has_connection a signed-in connection is kept: the home screen shows it
 * @property {string[]} callback_urls
 * @property {string} default_airbyte_path
 * @property {string[]} synced_objects
 * @property {string} mask
 * @property {string} version
 * @property {DemoValues|null} demo
 */
/** @typedef {{origin: string, sandbox: boolean, my_domain: boolean, links: Partial<Record<SetupPage, string>>}} LoginCheck */
/** @typedef {{revoked: boolean, removed_from_destination: boolean, secrets_removed: boolean}} Disconnected */
/**
 * A live check both sides confirmed.
 * @typedef {{status: "connected", org_id: string, username: string, salesforce: "ok",
 *   destination: Destination, destination_state: DeliveryState | null,
 *   destination_checked: boolean, checked_at: number}} Checked
 */
/**
 * A progress event; the kinds are checked against Rust's below.
 * @typedef {{kind: "notice", message: string}
 *   | {kind: "waiting_for_app", waited_secs: number, limit_secs: number}
 *   | {kind: "listening", redirect_uri: string}
 *   | {kind: "browser_sign_in", url: string, opened: boolean}
 *   | {kind: "waiting_for_browser", timeout_secs: number}
 *   | {kind: "paste_rejected", error: AppError}
 *   | {kind: "verified", identity: Identity, counts: Counts}
 *   | {kind: "not_stored", reason: string}
 *   | {kind: "handing_off", destination: string}
 *   | {kind: "wrong_state_ignored" | "signing_in" | "verifying" | "stored" | "finished"}} Progress
 */
/** @type {[ProgressKind] extends [Progress["kind"]] ? ([Progress["kind"]] extends [ProgressKind] ? true : never) : never} */
const PROGRESS_KINDS_MATCH_RUST = true;
void PROGRESS_KINDS_MATCH_RUST;

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
  /**
   * @param {{destination?: Destination, method?: Method, login_url?: string, username?: string,
   *   customeros_url?: string, customeros_username?: string, last_step?: Step}} choices
   * @returns {Promise<void>}
   */
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
  /** @param {string} url @param {string} email @param {string|null} apiKey @returns {Promise<DeliveryState>} */
  connectCustomerOs: (url, email, apiKey) => call("connect_customeros", { url, email, apiKey }),
  /** @returns {Promise<{mode: string, fields: ProviderField[]}>} */
  providerFields: () => call("provider_fields"),
  /** @returns {Promise<{mode: string, fields: ProviderField[]}>} what to enter in CustomerOS by hand */
  customerosFields: () => call("customeros_fields"),
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
  /** Copies the support report (no secret in it). @returns {Promise<void>} */
  copySupportReport: () => call("copy_support_report"),
  /** @returns {Promise<Disconnected>} */
  disconnect: () => call("disconnect"),
  /** @returns {Promise<void>} */
  startOver: () => call("start_over"),
  /** @returns {Promise<void>} */
  startDemo: () => call("start_demo"),
  /** @returns {Promise<void>} */
  leaveDemo: () => call("leave_demo"),
  /** @returns {Promise<{current: string, connections: ConnectionSummary[]}>} */
  listConnections: () => call("list_connections"),
  /** The other connections a hand-off to this workspace would replace. @param {string} url @param {string} email @returns {Promise<ConnectionSummary[]>} */
  connectionsSharingWorkspace: (url, email) => call("connections_sharing_workspace", { url, email }),
  /** The sign-in's port is taken: also try the next one. @returns {Promise<number>} the port added */
  useNextPort: () => call("use_next_port"),
  /** @param {string} profile @returns {Promise<void>} */
  openConnection: (profile) => call("open_connection", { profile }),
  /** @returns {Promise<string>} the new connection's name */
  addConnection: () => call("add_connection"),
  /** The daily look (onDemand false) or Check for updates. @param {boolean} onDemand @returns {Promise<UpdateCheck>} */
  checkForUpdate: (onDemand) => call("check_for_update", { onDemand }),
  /** Installs the update found (on the admin's OK). @returns {Promise<string>} the version installed */
  installUpdate: () => call("install_update"),
  /** @returns {Promise<void>} */
  restartApp: () => call("restart_app"),
  /** @returns {Promise<{daily: boolean, off_by_company: boolean}>} */
  updateSetting: () => call("update_setting"),
  /** @param {boolean} on @returns {Promise<{daily: boolean, off_by_company: boolean}>} */
  setDailyUpdateCheck: (on) => call("set_daily_update_check", { on }),
  /** The window's title (the step, and DEMO). @param {string} title */
  setTitle: async (title) => {
    document.title = title;
    try {
      await tauri.window.getCurrentWindow().setTitle(title);
    } catch {
      // Only the title: never worth an error.
    }
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
