"""What a finding is about, in one line: the element's selector or the tracker host(s).

CI writers (SARIF, JUnit) show it next to the message so a reader can find the problem on the page.
"""

from __future__ import annotations

from typing import Any

#: Evidence keys naming one thing on the page, most specific first.
_SINGLE = ("selector", "host", "cookie", "name")


def subject(finding: dict[str, Any]) -> str:
    """The selector, host, cookie or hosts a finding is about; "" when its evidence names none."""
    evidence = finding.get("evidence") or {}
    for key in _SINGLE:
        if evidence.get(key):
            return str(evidence[key])
    hosts = evidence.get("hosts") or []
    return ", ".join(str(h) for h in hosts)


def is_element(finding: dict[str, Any]) -> bool:
    """True when the subject is a page element (a selector), False for hosts and cookies."""
    return bool((finding.get("evidence") or {}).get("selector"))


def rule_group(rule_id: str) -> str:
    """The rule's family: the id prefix (``consent``, ``tracker``, ``sharing``, ``pressure``)."""
    return rule_id.partition(".")[0]
