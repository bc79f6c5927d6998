// @ts-check
// Runs before the modules load: asks for the saved progress at once, so the first screen waits
// for the slower of the two, not for one after the other (api.loadState takes this answer).
const early = /** @type {any} */ (window);
early.sfconnectEarlyState = early.__TAURI__?.core.invoke("load_state");
// The system's own UI font on Windows and macOS (cheap there). On Linux, WebKitGTK resolves
// each named family through fontconfig before the first paint: `system-ui` and a list of
// families most machines lack cost 110–170 ms there (docs/performance.md), so the default
// `sans-serif` (the desktop's configured sans font) is used as is.
if (!/Linux/.test(navigator.userAgent)) document.documentElement.classList.add("native-font");
