// @ts-check
// Welcome: where the data goes (and, for Customerscore, how it signs in); or the demo.
import { api } from "../api.js";
import { enterContext, next, show } from "../router.js";
import { $, $$, destinationInfo, setDestinationTexts, wizard } from "../wizard.js";

function readChoice() {
  wizard.destination = $('input[name="destination"]:checked').value;
  const { methods } = destinationInfo();
  wizard.method = methods.length > 1 ? $('input[name="method"]:checked').value : methods[0];
  setDestinationTexts();
}

export function bind() {
  for (const input of $$('#welcome-form input[type="radio"]')) input.addEventListener("change", readChoice);

  $("#welcome-form").addEventListener("submit", async (/** @type {Event} */ event) => {
    event.preventDefault();
    readChoice();
    await api.saveChoices({ destination: wizard.destination, method: wizard.method, last_step: "welcome" });
    await next();
  });

  $("#open-connection").addEventListener("click", () => show("done"));

  $("#try-demo").addEventListener("click", async () => {
    await api.startDemo();
    // The demo rehearses the CustomerOS path; it starts from nothing the page held before.
    await api.saveChoices({ destination: "customeros", method: "web", last_step: "welcome" });
    await enterContext("org");
  });
}

export function enter() {
  // A kept connection is never out of reach: it can be opened (and disconnected) from here.
  $("#existing-connection").hidden = !wizard.state?.has_connection;
}

/** A new context: the last one's "Disconnected" summary goes (walkthrough 2, L5). */
export function reset() {
  $("#disconnected-note").hidden = true;
}
