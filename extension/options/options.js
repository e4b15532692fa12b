// Options: the companion address, validated as loopback here and again in the worker.

import { DEFAULT_COMPANION, parseCompanionUrl } from "../lib/loopback.js";

const input = document.getElementById("companion");
const error = document.getElementById("companion-error");
const saved = document.getElementById("saved");

function showError(message) {
  error.textContent = message || "";
  input.setAttribute("aria-invalid", message ? "true" : "false");
}

async function save(value) {
  saved.textContent = "";
  const local = parseCompanionUrl(value);
  if (!local.ok) {
    showError(local.error);
    input.focus();
    return;
  }
  const answer = await chrome.runtime.sendMessage({ type: "set-settings", companion: local.url }).catch(() => null);
  if (!answer || !answer.ok) {
    showError((answer && answer.error) || "Could not save the setting; reload this page and try again.");
    return;
  }
  showError("");
  input.value = answer.companion;
  saved.textContent = `Saved. Brightline will use ${answer.companion}.`;
}

document.getElementById("settings").addEventListener("submit", (event) => {
  event.preventDefault();
  save(input.value);
});
document.getElementById("reset").addEventListener("click", () => save(DEFAULT_COMPANION));

chrome.runtime.sendMessage({ type: "get-settings" }).then(
  (answer) => {
    input.value = answer && answer.ok ? answer.companion : DEFAULT_COMPANION;
  },
  () => {
    input.value = DEFAULT_COMPANION;
  }
);
