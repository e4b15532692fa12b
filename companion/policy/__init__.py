"""A team's gate policy: ``brightline.toml`` (or ``[tool.brightline]`` in ``pyproject.toml``).

Where it comes from: ``--policy FILE``; else ``brightline.toml`` in the current directory;
else the ``[tool.brightline]`` table of ``pyproject.toml`` there; else there is no policy.
The report names the file used (``report["policy"]["file"]``). Full guide: docs/policy.md.

```toml
fail-on = "medium"              # the gate when --fail-on is not given: high|medium|low|info|none

[severity]                      # per-rule severity: high|medium|low|info
"pressure.social-proof" = "low"

[[ignore]]                      # one table per accepted finding; all but pages are required
rule = "pressure.countdown"
pages = "/checkout/*"           # optional: glob (or list) on the URL path; with "://" on the full URL
reason = "Launch timer approved by legal, ticket LEG-42"
expires = 2026-12-31            # a TOML date: the last day the ignore applies

[allow]                         # trackers the team accepts
vendors = ["Cloudflare"]        # organizations of Brightline's tracker map
hosts = ["stats.example.com", "*.example-cdn.net"]   # "*." matches any subdomain
```

Every mistake is a :class:`PolicyError` (a ``BrightlineError``, exit 2) whose message starts
with ``FILE:LINE:``: TOML syntax, unknown keys (with a "did you mean"), unknown rule ids or
vendors, bad severities, an ignore without reason or expiry date, a value of the wrong type.
An ignore past its expiry date stops applying: its findings count again, and a warning
names the file, line and date.
"""

from __future__ import annotations

from companion.policy import clock
from companion.policy.apply import apply_policy, expiry_warnings, print_expiry_warnings, resolve_fail_on
from companion.policy.load import POLICY_FILE, discover_policy, load_policy
from companion.policy.model import Allow, Ignore, Policy
from companion.policy.validate import PolicyError

__all__ = [
    "POLICY_FILE",
    "Allow",
    "Ignore",
    "Policy",
    "PolicyError",
    "apply_policy",
    "clock",
    "discover_policy",
    "expiry_warnings",
    "load_policy",
    "print_expiry_warnings",
    "resolve_fail_on",
]
