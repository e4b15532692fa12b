import assert from "node:assert/strict";
import { test } from "node:test";
import { badgeFor, groupFindings, mergeFindings, mergeRules, mergeTrackers } from "../../../extension/lib/findings.js";

const f = (rule, severity, evidence = {}) => ({ rule, severity, message: rule, evidence });

test("badge is empty when only info findings exist", () => {
  const b = badgeFor({ initial: { findings: [f("consent.banner", "info")] } });
  assert.deepEqual([b.text, b.colour, b.count], ["", null, 0]);
  assert.equal(badgeFor({}).text, "");
});

test("badge counts non-info findings across phases and takes the worst colour", () => {
  const analyses = {
    initial: { findings: [f("consent.banner", "info"), f("pressure.scarcity", "low", { selector: "#a" })] },
    "after-reject": { findings: [f("consent.choice-not-respected", "high", { host: "t.example" })] },
  };
  const b = badgeFor(analyses);
  assert.equal(b.text, "2");
  assert.equal(b.worst, "high");
  assert.equal(b.colour, "#B3261E");
  const low = badgeFor({ initial: { findings: [f("pressure.scarcity", "low")] } });
  assert.notEqual(low.colour, b.colour);
});

test("the same finding in two phases is shown once, with its first phase", () => {
  const same = f("tracker.third-party", "medium", { host: "www.google-analytics.com" });
  const merged = mergeFindings({ initial: { findings: [same] }, "after-accept": { findings: [same, f("tracker.third-party", "medium", { host: "bat.bing.com" })] } });
  assert.equal(merged.length, 2);
  assert.equal(merged.find((x) => x.evidence.host === "www.google-analytics.com").phase, "initial");
  assert.equal(merged.find((x) => x.evidence.host === "bat.bing.com").phase, "after-accept");
});

test("findings are grouped as Consent, Trackers, Sharing, Pressure", () => {
  const rules = mergeRules({ initial: { rules: [{ id: "x.custom", concern: "pressure" }] } });
  const groups = groupFindings(
    [f("pressure.countdown", "medium"), f("consent.no-reject-first-layer", "high"), f("tracker.third-party", "medium"), f("x.custom", "low"), f("sharing.prechecked-optin", "medium")],
    rules
  );
  assert.deepEqual(groups.map((g) => g.title), ["Consent", "Trackers", "Sharing", "Pressure"]);
  assert.deepEqual(groups[3].findings.map((x) => x.rule), ["pressure.countdown", "x.custom"]);
});

test("trackers are listed once per host", () => {
  const t = { host: "connect.facebook.net", organization: "Meta", category: "Advertising" };
  const list = mergeTrackers({ initial: { trackers: [t] }, "after-accept": { trackers: [t, { host: "a.example", organization: "Acme", category: "Analytics" }] } });
  assert.deepEqual(list.map((x) => x.organization), ["Acme", "Meta"]);
});
