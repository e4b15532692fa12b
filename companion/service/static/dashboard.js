// The Brightline dashboard. Everything it shows came from web pages, so it is rendered with
// textContent and DOM nodes only, never innerHTML: a hostile page's text stays text.
"use strict";

const SEVERITY_ORDER = ["high", "medium", "low", "info"];
const DAY_S = 86400;
let rules = new Map();

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

function setStatus(message, isError = false) {
  const status = document.getElementById("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

async function api(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, ...options });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = body.error && body.error.message ? body.error.message : response.statusText;
    throw new Error(message);
  }
  return body;
}

function sinceParam() {
  const days = document.getElementById("range").value;
  if (!days) return "";
  return "?since=" + Math.floor(Date.now() / 1000 - Number(days) * DAY_S);
}

function when(epoch) {
  return new Date(epoch * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function badge(severity) {
  const sev = severity || "none";
  return el("span", { class: `badge sev-${sev}`, text: severity ? severity : "ok" });
}

function explanation(finding) {
  const rule = rules.get(finding.rule);
  const title = rule ? rule.title : finding.rule;
  const summary = el(
    "summary", {},
    el("span", { class: `dot sev-${finding.severity}`, "aria-hidden": "true" }),
    title,
    el("span", { class: "count", text: ` (${finding.count}×)` }),
  );
  const details = el("details", { class: "finding", "data-rule": finding.rule }, summary);
  if (finding.message) details.append(el("p", { class: "why", text: `Seen: ${finding.message}` }));
  if (rule) {
    details.append(el("p", { class: "why", text: rule.why }));
    const refs = el("p", { class: "refs" });
    for (const ref of rule.references || []) {
      const link = el("a", { text: ref.title, rel: "noreferrer noopener", target: "_blank" });
      if (/^https:\/\//.test(ref.url)) link.href = ref.url;
      refs.append(link, document.createTextNode(" · "));
    }
    if (refs.lastChild) refs.lastChild.remove();
    details.append(refs);
  }
  return el("li", {}, details);
}

async function forgetSite(site) {
  if (!window.confirm(`Forget everything Brightline recorded about ${site}?`)) return;
  try {
    const result = await api(`/api/v1/history/${encodeURIComponent(site)}`, { method: "DELETE" });
    setStatus(`Forgot ${site} (${plural(result.deleted, "record")} deleted).`);
    await load();
  } catch (err) {
    setStatus(`Could not forget ${site}: ${err.message}`, true);
  }
}

function renderSites(sites) {
  const box = document.getElementById("sites");
  box.replaceChildren();
  if (!sites.length) {
    box.append(document.getElementById("empty-template").content.cloneNode(true));
    return;
  }
  for (const site of sites) {
    const forget = el("button", { type: "button", class: "forget", text: "Forget" });
    forget.setAttribute("aria-label", `Forget ${site.site}`);
    forget.addEventListener("click", () => forgetSite(site.site));
    const meta = `${plural(site.visits, "visit")} · last ${when(site.last_seen)}` +
      (site.trackers ? ` · ${plural(site.trackers, "tracker")}` : "");
    const head = el(
      "div", { class: "site-head" },
      badge(site.worst),
      el("span", { class: "site-name", text: site.site }),
      el("span", { class: "site-meta", text: meta }),
      forget,
    );
    const list = el("ul", { class: "findings" });
    for (const finding of site.findings) list.append(explanation(finding));
    if (!site.findings.length) list.append(el("li", { class: "count", text: "No problems found." }));
    box.append(el("article", { class: "site", "data-site": site.site }, head, list));
  }
}

function renderFollowers(trackers) {
  const list = document.getElementById("followers");
  list.replaceChildren();
  if (!trackers.length) {
    list.append(el("p", { class: "empty", text: "No trackers seen in this period." }));
    return;
  }
  const most = Math.max(...trackers.map((t) => t.site_count));
  for (const t of trackers) {
    const bar = el("div", { class: "bar" });
    bar.style.width = `${Math.max(4, (100 * t.site_count) / most)}%`;
    list.append(el(
      "li", { class: "follower", "data-org": t.organization },
      el("span", { class: "org", text: t.organization }),
      el("span", { class: "count", text: ` follows you on ${plural(t.site_count, "site")}` }),
      bar,
      el("div", { class: "org-detail", text: `${t.categories.join(", ")} · ${t.hosts.join(", ")}` }),
      el("div", { class: "org-detail", text: `on ${t.sites.join(", ")}` }),
    ));
  }
}

// Days without visits are shown as empty columns, so gaps read as gaps.
function fillDays(days) {
  if (days.length < 2) return days;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const start = new Date(days[0].day + "T12:00:00");
  const end = new Date(days[days.length - 1].day + "T12:00:00");
  const span = Math.round((end - start) / (DAY_S * 1000));
  if (span > 120) return days;
  const out = [];
  for (let i = 0; i <= span; i++) {
    const date = new Date(start.getTime() + i * DAY_S * 1000);
    const key = [date.getFullYear(), String(date.getMonth() + 1).padStart(2, "0"),
      String(date.getDate()).padStart(2, "0")].join("-");
    out.push(byDay.get(key) || { day: key, visits: 0, findings: 0, by_worst: {} });
  }
  return out;
}

function renderTimeline(days) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!days.length) {
    box.append(el("p", { class: "empty", text: "No pages checked in this period." }));
    return;
  }
  const most = Math.max(...days.map((d) => d.visits));
  for (const day of fillDays(days)) {
    const bars = el("div", { class: "bars" });
    for (const sev of ["none", "info", "low", "medium", "high"]) {
      const n = day.by_worst[sev] || 0;
      if (!n) continue;
      const seg = el("div", { class: `seg sev-${sev}` });
      seg.style.height = `${(100 * n) / most}%`;
      bars.append(seg);
    }
    const label = new Date(day.day + "T12:00:00")
      .toLocaleDateString(undefined, { month: "short", day: "numeric" });
    const column = el("div", { class: "day", "data-day": day.day, "data-visits": day.visits },
      bars, el("span", { class: "day-label", text: label }));
    column.title = `${day.day}: ${plural(day.visits, "page")}, ${plural(day.findings, "finding")}`;
    box.append(column);
  }
}

function renderStats(summary) {
  document.getElementById("stat-sites").textContent = summary.sites.length;
  document.getElementById("stat-flagged").textContent =
    summary.sites.filter((s) => s.worst && s.worst !== "info").length;
  document.getElementById("stat-orgs").textContent = summary.trackers.length;
  document.getElementById("stat-visits").textContent =
    summary.timeline.reduce((sum, d) => sum + d.visits, 0);
}

async function load() {
  try {
    if (!rules.size) {
      const catalog = await api("/api/v1/rules");
      rules = new Map(catalog.rules.map((r) => [r.id, r]));
    }
    const summary = await api("/api/v1/summary" + sinceParam());
    for (const site of summary.sites) {
      site.findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
    }
    renderStats(summary);
    renderSites(summary.sites);
    renderFollowers(summary.trackers);
    renderTimeline(summary.timeline);
    document.body.dataset.loaded = "true";
  } catch (err) {
    setStatus(`Could not load the history: ${err.message}`, true);
  }
}

document.getElementById("range").addEventListener("change", load);
document.getElementById("forget-all").addEventListener("click", async () => {
  if (!window.confirm("Forget the whole history? This cannot be undone.")) return;
  try {
    const result = await api("/api/v1/history", { method: "DELETE" });
    setStatus(`History forgotten (${plural(result.deleted, "record")} deleted).`);
    await load();
  } catch (err) {
    setStatus(`Could not forget the history: ${err.message}`, true);
  }
});
load();
