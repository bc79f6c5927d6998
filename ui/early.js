// @ts-check
// Runs before the modules load: asks for the saved progress at once, so the first screen waits
// for the slower of the two, not for one after the other (api.loadState takes this answer).
const early = /** @type {any} */ (window);
early.sfconnectEarlyState = early.__TAURI__?.core.invoke("load_state");
