// @ts-check
// Several connections (a sandbox next to production, several orgs): the header's Connections
// opens the list; opening one loads its saved progress and shows where it stands.
import { api } from "./api.js";
import { enterContext } from "./router.js";
import { $, showError } from "./wizard.js";

/** @param {boolean} open */
function toggle(open) {
  $("#connections").hidden = !open;
  if (open) $("#connections-list button, #connection-add")?.focus();
  else $("#connections-open").focus();
}

async function render() {
  const { current, connections } = await api.listConnections();
  const list = $("#connections-list");
  list.replaceChildren();
  for (const connection of connections) {
    const item = document.createElement("li");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = connection.label;
    item.append(name);
    if (connection.sandbox) {
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = "Sandbox";
      item.append(tag);
    }
    // What tells two rows of one org apart (walkthrough 2, M6): the connection's own name (the
    // CLI's --profile), the destination, and how far it got.
    const about = document.createElement("span");
    about.className = "about";
    about.textContent = [connection.profile, connection.destination, connection.handed_off ? "set up" : "not finished"]
      .filter(Boolean)
      .join(" · ");
    item.append(about);
    if (connection.profile === current) {
      const here = document.createElement("span");
      here.className = "here";
      here.textContent = "Open now";
      item.append(here);
      item.setAttribute("aria-current", "true");
    } else {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Open";
      button.dataset.profile = connection.profile;
      button.setAttribute("aria-label", `Open ${connection.label} (${connection.profile})`);
      item.append(button);
      if (connection.removable) {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "danger";
        remove.textContent = "Remove";
        remove.dataset.remove = connection.profile;
        remove.setAttribute("aria-label", `Remove ${connection.label} (${connection.profile})`);
        item.append(remove);
      }
    }
    list.append(item);
  }
}

/** Loads the now-open connection's progress and shows its screen (home, or where it stopped). */
async function arrive() {
  toggle(false);
  await enterContext();
}

export function bindConnections() {
  $("#connections-open").addEventListener("click", async () => {
    if (!$("#connections").hidden) return toggle(false);
    await render();
    toggle(true);
  });
  $("#connections-close").addEventListener("click", () => toggle(false));
  $("#connections-list").addEventListener("click", async (/** @type {Event} */ event) => {
    // Remove asks once, on the button itself: a second press removes (nothing it holds is a
    // sign-in, so nothing needs revoking).
    const remove = event.target instanceof HTMLElement ? event.target.closest("button[data-remove]") : null;
    if (remove instanceof HTMLElement && remove.dataset.remove) {
      if (remove.dataset.sure !== "yes") {
        remove.dataset.sure = "yes";
        remove.textContent = "Remove it? Press again";
        return;
      }
      try {
        await api.removeConnection(remove.dataset.remove);
        await render();
        $("#connections-list button, #connection-add")?.focus();
      } catch (failure) {
        showError(/** @type {import("./api.js").AppError} */ (failure));
      }
      return;
    }
    const button = event.target instanceof HTMLElement ? event.target.closest("button[data-profile]") : null;
    if (!(button instanceof HTMLElement) || !button.dataset.profile) return;
    try {
      await api.openConnection(button.dataset.profile);
      await arrive();
    } catch (failure) {
      showError(/** @type {import("./api.js").AppError} */ (failure));
    }
  });
  $("#connection-add").addEventListener("click", async () => {
    try {
      await api.addConnection();
      await arrive();
    } catch (failure) {
      showError(/** @type {import("./api.js").AppError} */ (failure));
    }
  });
}
