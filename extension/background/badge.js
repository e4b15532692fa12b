// The toolbar badge: count of non-info findings for the tab, coloured by the worst.

import { badgeFor } from "../lib/findings.js";

export async function showBadge(tabId, analyses, companionDown) {
  const badge = badgeFor(analyses);
  let title = "Brightline";
  if (badge.count) title = `Brightline: ${badge.count} problem${badge.count === 1 ? "" : "s"} on this page`;
  else if (companionDown) title = "Brightline: the companion is not running (start it with: brightline serve)";
  else if (analyses && Object.keys(analyses).length) title = "Brightline: nothing found on this page";
  try {
    await chrome.action.setBadgeText({ tabId, text: badge.text });
    if (badge.colour) {
      await chrome.action.setBadgeBackgroundColor({ tabId, color: badge.colour });
      if (chrome.action.setBadgeTextColor) await chrome.action.setBadgeTextColor({ tabId, color: "#FFFFFF" });
    }
    await chrome.action.setTitle({ tabId, title });
  } catch {
    // the tab closed meanwhile
  }
  return badge;
}
