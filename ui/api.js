// The one typed wrapper for every backend call. Errors arrive as {code, message, detail?}:
// the UI branches on `code`, never on the message text.

/** @typedef {{code: string, message: string, detail?: string}} AppError */
/** @typedef {{org_id: string, username: string, name: string, email: string}} Identity */
/** @typedef {{identity: Identity, instance_url: string, counts: Record<string, number|null>, method: string, stored: boolean}} Verified */
/** @typedef {{label: string, value: string, secret: boolean}} ProviderField */

const tauri = window.__TAURI__;

/** @returns {AppError} */
function asError(raw) {
  if (raw && typeof raw === "object" && "code" in raw) return raw;
  return { code: "internal", message: "Something went wrong inside sfconnect. Restart it and try again." };
}

async function call(command, args = {}) {
  try {
    return await tauri.core.invoke(command, args);
  } catch (raw) {
    throw asError(raw);
  }
}

export const api = {
  loadState: () => call("load_state"),
  /** @param {string} input */
  checkLoginUrl: (input) => call("check_login_url", { input }),
  saveChoices: (choices) => call("save_choices", { choices }),
  /** @returns {Promise<boolean>} whether the keyring holds the secret */
  saveAppKeys: (clientId, clientSecret) => call("save_app_keys", { clientId, clientSecret }),
  /** @returns {Promise<Verified>} */
  signIn: (password = null, securityToken = null) => call("sign_in", { password, securityToken }),
  cancelSignIn: () => call("cancel_sign_in"),
  pasteRedirect: (address) => call("paste_redirect", { address }),
  /** @returns {Promise<string|null>} the sign-in link */
  reopenSignIn: (open) => call("reopen_sign_in", { open }),
  openSetupPage: (page) => call("open_setup_page", { page }),
  /** @returns {Promise<string>} the state CustomerOS reports */
  connectCustomerOs: (url, email, apiKey) => call("connect_customeros", { url, email, apiKey }),
  /** @returns {Promise<{mode: string, fields: ProviderField[]}>} */
  providerFields: () => call("provider_fields"),
  copySecret: (name) => call("copy_secret", { name }),
  revealSecret: (name) => call("reveal_secret", { name }),
  saveAirbyte: (path) => call("save_airbyte", { path }),
  disconnect: () => call("disconnect"),
  startOver: () => call("start_over"),
  startDemo: () => call("start_demo"),
  firstScreenReady: () => call("first_screen_ready"),
  /** Copies a non-secret value. */
  copyText: (text) => tauri.clipboardManager.writeText(text),
  /** @param {(progress: {kind: string} & Record<string, any>) => void} handler */
  onProgress: (handler) => tauri.event.listen("progress", (event) => handler(event.payload)),
};
