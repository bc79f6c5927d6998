// @ts-check
// Signed updates: a look once a day on its own (never in the demo), Check for updates on
// demand, and an offer that installs only when the admin says so. The offer shows on the
// Welcome and home screens only, so it never comes between the admin and a sign-in.
import { api } from "./api.js";
import { $, $$, showError, wizard } from "./wizard.js";

/** @type {{version: string, notes: string} | null} */
let offered = null;
let dismissed = false;

/** Shows or hides the offer for the screen in view. */
export function placeUpdateOffer() {
  for (const version of $$(".app-version")) version.textContent = wizard.state?.version ?? "";
  const here = wizard.screen === "welcome" || wizard.screen === "done";
  $("#update-offer").hidden = !(offered && !dismissed && here);
}

/** @param {import("./api.js").UpdateCheck} found @returns {string} what to say about it */
function describe(found) {
  switch (found.state) {
    case "available":
      offered = { version: found.version, notes: found.notes };
      dismissed = false;
      $("#update-version").textContent = found.version;
      $("#update-notes").textContent = found.notes;
      placeUpdateOffer();
      return `sfconnect ${found.version} is available.`;
    case "current":
      offered = null;
      placeUpdateOffer();
      return "You have the newest version.";
    case "off":
      return found.by === "company" ? "Update checks are turned off on this computer by your company." : "";
    default:
      return "";
  }
}

/** The look of its own, at most once a day (the engine keeps the date). */
export async function dailyUpdateCheck() {
  api.updateSetting().then(showSetting).catch(() => {});
  if (wizard.state?.demo) return;
  try {
    describe(await api.checkForUpdate(false));
  } catch {
    // A daily look that failed says nothing: Check for updates reports its errors.
  }
}

export function bindUpdates() {
  for (const button of $$(".check-updates")) {
    button.addEventListener("click", async () => {
      const result = $(".update-result", button.parentElement);
      result.textContent = "Looking…";
      try {
        result.textContent = describe(await api.checkForUpdate(true));
      } catch (failure) {
        result.textContent = "";
        showError(/** @type {import("./api.js").AppError} */ (failure));
      }
    });
  }
  $("#update-later").addEventListener("click", () => {
    dismissed = true;
    placeUpdateOffer();
  });
  $("#update-install").addEventListener("click", async () => {
    const button = $("#update-install");
    const panel = $("#update-error");
    panel.hidden = true;
    button.disabled = true;
    button.textContent = "Installing…";
    try {
      const version = await api.installUpdate();
      $("#update-version").textContent = version;
      $("#update-notes").textContent = "Installed: restart sfconnect to use it.";
      button.hidden = true;
      $("#update-later").hidden = true;
      $("#update-restart").hidden = false;
      $("#update-restart").focus();
    } catch (failure) {
      panel.hidden = false;
      const error = /** @type {import("./api.js").AppError} */ (failure);
      $(".message", panel).textContent = error.message;
      $(".code", panel).textContent = error.detail ? `${error.code} · ${error.detail}` : error.code;
      // A refused update is gone: nothing is left to install until a new look finds one.
      if (error.code === "update_rejected") button.hidden = true;
    } finally {
      button.disabled = false;
      if (button.textContent === "Installing…") button.textContent = "Install the update";
    }
  });
  $("#update-restart").addEventListener("click", () => api.restartApp());
  for (const box of $$(".daily-update-check")) {
    box.addEventListener("change", async () => {
      try {
        showSetting(await api.setDailyUpdateCheck(box.checked));
      } catch (failure) {
        showError(/** @type {import("./api.js").AppError} */ (failure));
      }
    });
  }
}

/** Both "once a day" boxes follow the setting; a company's "off" can't be turned back on here. */
function showSetting(/** @type {import("./api.js").UpdateSetting} */ setting) {
  for (const box of $$(".daily-update-check")) {
    box.checked = setting.daily && !setting.off_by_company;
    box.disabled = setting.off_by_company;
    box.closest("label").title = setting.off_by_company ? "Turned off on this computer by your company" : "";
  }
}
