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
      // A new offer can be installed, even after an earlier one was refused.
      $("#update-install").hidden = false;
      $("#update-later").hidden = false;
      $("#update-error").hidden = true;
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
    // One result at a time, next to the button pressed: a new look replaces the last one's
    // words, error or not, and an offer is brought into view (walkthrough 2, M7).
    button.addEventListener("click", async () => {
      const result = $(".update-result", button.parentElement);
      result.classList.remove("bad");
      result.textContent = "Looking…";
      $("#update-error").hidden = true;
      try {
        const found = await api.checkForUpdate(true);
        result.textContent = describe(found);
        if (found.state === "available" && !$("#update-offer").hidden) {
          result.textContent = `sfconnect ${found.version} is available: see the offer at the top.`;
          $("#update-offer").scrollIntoView({ block: "center" });
          $("#update-install").focus({ preventScroll: true });
        }
      } catch (failure) {
        const error = /** @type {import("./api.js").AppError} */ (failure);
        result.classList.add("bad");
        result.textContent = `${error.message} (${error.detail ? `${error.code} · ${error.detail}` : error.code})`;
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
