// Turning the companion's analyses of one page into what the badge and popup show.

export const SEVERITIES = ["high", "medium", "low", "info"];
export const PHASES = ["initial", "after-reject", "after-accept"];
export const GROUPS = [
  { id: "consent", title: "Consent" },
  { id: "trackers", title: "Trackers" },
  { id: "sharing", title: "Sharing" },
  { id: "pressure", title: "Pressure" },
];

export const BADGE_COLOURS = { high: "#B3261E", medium: "#A34100", low: "#1E40AF" };

const PREFIX_GROUP = { consent: "consent", tracker: "trackers", sharing: "sharing", pressure: "pressure" };

function findingKey(f) {
  const e = f.evidence || {};
  return [f.rule, e.selector || "", e.host || "", e.cookie || e.name || "", e.frame || ""].join("\u0001");
}

/**
 * The findings of every phase of one page, each once, in phase order.
 * A finding seen in several phases keeps the first phase it was seen in.
 */
export function mergeFindings(analyses) {
  const seen = new Map();
  for (const phase of PHASES) {
    const analysis = analyses && analyses[phase];
    if (!analysis || !Array.isArray(analysis.findings)) continue;
    for (const f of analysis.findings) {
      if (!f || typeof f.rule !== "string") continue;
      const key = findingKey(f);
      if (!seen.has(key)) seen.set(key, { ...f, phase });
    }
  }
  return [...seen.values()].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
  );
}

/** Catalog entries by rule id, from every analysis (the companion sends the ones it used). */
export function mergeRules(analyses) {
  const rules = {};
  for (const phase of PHASES) {
    const list = analyses && analyses[phase] && analyses[phase].rules;
    if (Array.isArray(list)) {
      for (const r of list) if (r && r.id) rules[r.id] = r;
    } else if (list && typeof list === "object") {
      Object.assign(rules, list);
    }
  }
  return rules;
}

export function mergeTrackers(analyses) {
  const byHost = new Map();
  for (const phase of PHASES) {
    const list = analyses && analyses[phase] && analyses[phase].trackers;
    if (!Array.isArray(list)) continue;
    for (const t of list) {
      if (t && t.host && !byHost.has(t.host)) byHost.set(t.host, { ...t, phase });
    }
  }
  return [...byHost.values()].sort((a, b) =>
    (a.organization || a.host).localeCompare(b.organization || b.host)
  );
}

/** Badge: the count of non-info findings, coloured by the worst; empty on a clean page. */
export function badgeFor(analyses) {
  const findings = mergeFindings(analyses).filter((f) => f.severity !== "info");
  if (!findings.length) return { text: "", colour: null, count: 0, worst: null };
  const worst = SEVERITIES.find((s) => findings.some((f) => f.severity === s));
  const text = findings.length > 99 ? "99+" : String(findings.length);
  return { text, colour: BADGE_COLOURS[worst], count: findings.length, worst };
}

export function groupOf(finding, rules) {
  const rule = rules && rules[finding.rule];
  const concern = rule && rule.concern;
  if (concern && GROUPS.some((g) => g.id === concern)) return concern;
  if (concern === "tracker") return "trackers";
  return PREFIX_GROUP[finding.rule.split(".")[0]] || "consent";
}

/** Findings by popup group, in GROUPS order, empty groups left out. */
export function groupFindings(findings, rules) {
  const groups = GROUPS.map((g) => ({ ...g, findings: [] }));
  for (const f of findings) groups.find((g) => g.id === groupOf(f, rules)).findings.push(f);
  return groups.filter((g) => g.findings.length);
}
