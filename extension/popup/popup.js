// The popup: what Brightline found on the tab, grouped, explained, and pointed at.
// Opened from the toolbar it shows the active tab; opened as popup.html?tab=ID, that tab.
// Page text is only ever inserted as text (textContent), never as markup.

import { groupFindings, mergeFindings, mergeRules, mergeTrackers } from "../lib/findings.js";

const SEVERITY_LABEL = { high: "High", medium: "Medium", low: "Low", info: "Info" };
const PHASE_LABEL = { "after-reject": "Seen after you refused", "after-accept": "Seen after you accepted" };

const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function targetTabId() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

async function showMe(tabId, finding, button, status) {
  const evidence = finding.evidence || {};
  button.disabled = true;
  status.textContent = "";
  let result;
  try {
    result = await chrome.tabs.sendMessage(tabId, {
      type: "show-me",
      selector: evidence.selector,
      frame: evidence.frame || null,
    });
  } catch {
    result = null;
  }
  button.disabled = false;
  if (result && result.found) {
    status.textContent = result.visible ? "Outlined on the page." : "Outlined, but it is hidden right now.";
  } else {
    status.textContent = "This element is no longer on the page.";
  }
}

function renderFinding(tabId, finding, rules) {
  const rule = rules[finding.rule] || {};
  const evidence = finding.evidence || {};
  const title = rule.title || finding.rule;
  const item = h(
    "li",
    { class: `finding sev-${finding.severity}`, dataset: { rule: finding.rule } },
    h("div", { class: "finding-head" }, h("span", { class: "sev" }, SEVERITY_LABEL[finding.severity] || finding.severity), h("h3", {}, title)),
    PHASE_LABEL[finding.phase] ? h("p", { class: "phase" }, PHASE_LABEL[finding.phase]) : null,
    h("p", { class: "message" }, finding.message || ""),
    rule.why ? h("p", { class: "why" }, rule.why) : null,
    evidence.text ? h("p", { class: "where" }, `“${String(evidence.text).slice(0, 200)}”`) : null
  );
  if (typeof evidence.selector === "string" && evidence.selector) {
    const status = h("span", { class: "show-result", role: "status" });
    const button = h("button", { type: "button", class: "show-me", "aria-label": `Show me on the page: ${title}` }, "Show me");
    button.addEventListener("click", () => showMe(tabId, finding, button, status));
    item.append(h("div", {}, button, status));
  }
  return item;
}

function renderTrackers(trackers) {
  const rows = $("tracker-rows");
  rows.replaceChildren(
    ...trackers.map((t) =>
      h("tr", {}, h("td", {}, t.host), h("td", {}, t.organization || "Unknown"), h("td", {}, t.category || "Unknown"))
    )
  );
  $("trackers").hidden = trackers.length === 0;
}

function renderCompanion(view) {
  const { companion, queued, tab } = view;
  const down = companion.state === "down";
  $("companion-down").hidden = !down;
  $("companion-error").hidden = companion.state !== "error";
  if (down) {
    $("down-detail").textContent = `Brightline looks for it at ${companion.url}. You can change that in Settings.`;
    $("queued-note").textContent = queued
      ? `${queued} page snapshot${queued === 1 ? " is" : "s are"} waiting and will be checked as soon as the companion is back.`
      : "Pages you visit will be checked as soon as the companion is back.";
  }
  if (companion.state === "error") $("error-detail").textContent = companion.message;
  $("dashboard").href = `${companion.url}/`;
  return down && !(tab && Object.keys(tab.analyses || {}).length);
}

function render(tabId, view) {
  const tab = view.tab;
  $("site").textContent = tab && tab.url ? tab.url : "";
  const waitingForCompanion = renderCompanion(view);
  const analyses = (tab && tab.analyses) || {};
  const findings = mergeFindings(analyses);
  const rules = mergeRules(analyses);
  const groups = groupFindings(findings, rules);
  const problems = findings.filter((f) => f.severity !== "info").length;
  let summary;
  if (!Object.keys(analyses).length) summary = waitingForCompanion ? "This page has not been checked yet." : "Checking this page…";
  else if (problems) summary = `${problems} problem${problems === 1 ? "" : "s"} found on this page.`;
  else summary = "Nothing found on this page.";
  $("summary").textContent = summary;
  $("groups").replaceChildren(
    ...groups.map((g) =>
      h(
        "section",
        { class: "group", "aria-labelledby": `group-${g.id}`, dataset: { group: g.id } },
        h("h2", { id: `group-${g.id}` }, `${g.title} (${g.findings.length})`),
        h("ul", { class: "findings" }, ...g.findings.map((f) => renderFinding(tabId, f, rules)))
      )
    )
  );
  renderTrackers(mergeTrackers(analyses));
}

async function refresh(tabId) {
  let view;
  try {
    view = await chrome.runtime.sendMessage({ type: "get-tab-state", tabId });
  } catch {
    view = null;
  }
  if (view && view.ok) render(tabId, view);
  else $("summary").textContent = "Brightline could not read this tab.";
}

async function main() {
  const tabId = await targetTabId();
  if (tabId === null) {
    $("summary").textContent = "No tab to show.";
    return;
  }
  $("retry").addEventListener("click", async () => {
    await chrome.runtime.sendMessage({ type: "retry-now" }).catch(() => undefined);
    refresh(tabId);
  });
  let pending = null;
  chrome.storage.session.onChanged.addListener((changes) => {
    if (!(`tab:${tabId}` in changes || "companion" in changes || "queue" in changes)) return;
    clearTimeout(pending);
    pending = setTimeout(() => refresh(tabId), 150);
  });
  await refresh(tabId);
}

main().catch(() => {
  $("summary").textContent = "Brightline could not read this tab.";
});
