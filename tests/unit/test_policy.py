"""The policy file: discovery, errors on the exact line, and applying it to a report."""

from __future__ import annotations

import copy
import textwrap
from datetime import date
from pathlib import Path

import pytest

from companion.policy import (
    PolicyError,
    apply_policy,
    discover_policy,
    expiry_warnings,
    load_policy,
    resolve_fail_on,
)
from companion.policy.locate import index_lines

GOOD = """\
fail-on = "medium"

[severity]
"pressure.social-proof" = "info"

[[ignore]]
rule = "pressure.countdown"
pages = "/checkout/*"
reason = "Launch timer approved by legal, ticket LEG-42"
expires = 2026-12-31

[allow]
vendors = ["Cloudflare"]
hosts = ["stats.example.com", "*.example-cdn.net"]
"""


@pytest.fixture(autouse=True)
def in_tmp_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files as the user gave them: relative here


def write(tmp_path: Path, text: str, name: str = "brightline.toml") -> Path:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return Path(name)


def error_of(tmp_path: Path, text: str, name: str = "brightline.toml") -> str:
    path = write(tmp_path, text, name)
    with pytest.raises(PolicyError) as info:
        load_policy(path, section=("tool", "brightline") if name == "pyproject.toml" else None)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- loading ---------------------------------------------------------------------------------
def test_a_good_policy_loads(tmp_path) -> None:
    policy = load_policy(write(tmp_path, GOOD))
    assert policy is not None
    assert policy.fail_on == "medium"
    assert policy.severity == {"pressure.social-proof": "info"}
    (ignore,) = policy.ignores
    assert (ignore.rule, ignore.pages, ignore.expires, ignore.line) == (
        "pressure.countdown",
        ("/checkout/*",),
        date(2026, 12, 31),
        6,
    )
    assert policy.allow.vendor("cloudflare") and not policy.allow.vendor("Google")
    assert policy.allow.host("stats.example.com") and policy.allow.host("img.example-cdn.net")
    assert not policy.allow.host("example-cdn.net") and not policy.allow.host("xstats.example.com")


def test_discovery_order(tmp_path) -> None:
    assert discover_policy() is None
    write(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    assert discover_policy() is None  # a pyproject without [tool.brightline] is no policy
    write(tmp_path, "[project]\nname = 'x'\n[tool.brightline]\nfail-on = 'low'\n", "pyproject.toml")
    found = discover_policy()
    assert found is not None and (found.file, found.fail_on) == ("pyproject.toml", "low")
    write(tmp_path, 'fail-on = "info"\n')
    found = discover_policy()
    assert found is not None and (found.file, found.fail_on) == ("brightline.toml", "info")
    other = write(tmp_path, 'fail-on = "high"\n', "ci-policy.toml")
    found = discover_policy(other)
    assert found is not None and found.fail_on == "high"
    with pytest.raises(PolicyError, match="--policy nowhere.toml: no such file"):
        discover_policy("nowhere.toml")


def test_explicit_pyproject_needs_the_section(tmp_path) -> None:
    path = write(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    with pytest.raises(PolicyError, match=r"has no \[tool.brightline\] table"):
        discover_policy(path)


def test_fail_on_precedence(tmp_path) -> None:
    policy = load_policy(write(tmp_path, 'fail-on = "low"\n'))
    assert resolve_fail_on("high", policy, "none") == "high"
    assert resolve_fail_on(None, policy, "none") == "low"
    assert resolve_fail_on(None, None, "high") == "high"
    assert resolve_fail_on(None, load_policy(write(tmp_path, "")), "high") == "high"


# -- errors, each on its line ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('fail-on = "medium"\n[severity\n', "brightline.toml:2:10: TOML syntax error"),
        ('fail-on = "medium"\nfail_on = "low"\n', "brightline.toml:2: unknown key 'fail_on' at the top level; "
         "did you mean 'fail-on'?"),
        ('fail-on = "hihg"\n', "brightline.toml:1: fail-on must be one of high, medium, low, info, none, not 'hihg'; "
         "did you mean 'high'?"),
        ('fail-on = 3\n', "brightline.toml:1: fail-on must be one of"),
        ('\n[severity]\n"pressure.countdown" = "low"\n"pressure.countdwn" = "low"\n',
         "brightline.toml:4: unknown rule id 'pressure.countdwn'; did you mean 'pressure.countdown'?"),
        ('[severity]\n"pressure.countdown" = "critical"\n', "brightline.toml:2: severity of pressure.countdown "
         "must be one of high, medium, low, info, not 'critical'"),
        ('fail-on = "low"\nseverity = "low"\n', "brightline.toml:2: [severity] must be a table"),
        ("[allow]\nvendors = [\n  \"Cloudflare\",\n]\nhost = [\"a.example\"]\n",
         "brightline.toml:5: unknown key 'host' in [allow]; did you mean 'hosts'?"),
        ('[allow]\nvendors = ["Cloudfare"]\n', "brightline.toml:2: allow.vendors: 'Cloudfare' is not an organization "
         "in Brightline's tracker map; did you mean 'Cloudflare'?"),
        ('[allow]\nvendors = "Cloudflare"\n', "brightline.toml:2: allow.vendors must be a list of strings"),
        ('[allow]\nhosts = ["https://stats.example.com/"]\n', "brightline.toml:2: allow.hosts: "
         "'https://stats.example.com/' is not a host name"),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, expected) -> None:
    assert error_of(tmp_path, text).startswith(expected)


IGNORES = """\
# two ignores; the second is broken in each test
[[ignore]]
rule = "pressure.countdown"
reason = '''a reason
over two lines'''
expires = 2026-12-31

[[ignore]]
rule = "pressure.scarcity"
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('expires = 2026-12-31', "brightline.toml:8: [[ignore]] #2 (pressure.scarcity) has no reason"),
        ('reason = "ok"', "brightline.toml:8: [[ignore]] #2 (pressure.scarcity) has no expires"),
        ('reason = "ok"\nexpires = "2026-12-31"', "brightline.toml:11: [[ignore]] #2 (pressure.scarcity): "
         "expires must be a TOML date without quotes"),
        ('reason = "ok"\nexpires = 2026-12-31T10:00:00', "brightline.toml:11: [[ignore]] #2 (pressure.scarcity): "
         "expires must be a TOML date"),
        ('reason = ""\nexpires = 2026-12-31', "brightline.toml:10: [[ignore]] #2 (pressure.scarcity): reason must "
         "be a non-empty string"),
        ('reason = "ok"\nexpires = 2026-12-31\npages = 3', "brightline.toml:12: [[ignore]] #2 (pressure.scarcity): "
         "pages must be a glob"),
        ('reason = "ok"\nexpires = 2026-12-31\nexpire = 2027-01-01', "brightline.toml:12: unknown key 'expire' in "
         "[[ignore]] #2; did you mean 'expires'?"),
    ],
)
def test_ignore_errors_point_at_the_right_table(tmp_path, extra, expected) -> None:
    assert error_of(tmp_path, IGNORES.replace("{extra}", extra)).startswith(expected)


def test_ignore_with_unknown_or_missing_rule(tmp_path) -> None:
    text = '[[ignore]]\nrule = "pressure.urgency"\nreason = "x"\nexpires = 2026-01-01\n'
    assert error_of(tmp_path, text).startswith("brightline.toml:2: unknown rule id 'pressure.urgency'")
    text = '\n\n[[ignore]]\nreason = "x"\nexpires = 2026-01-01\n'
    assert error_of(tmp_path, text).startswith("brightline.toml:3: [[ignore]] #1 has no rule")


def test_errors_in_pyproject_use_its_lines(tmp_path) -> None:
    text = """\
    [project]
    name = "shop"

    [tool.brightline]
    fail-on = "medium"

    [tool.brightline.severity]
    "consent.banner" = "loud"
    """
    message = error_of(tmp_path, text, "pyproject.toml")
    assert message.startswith("pyproject.toml:8: severity of consent.banner must be one of")
    text = """\
    [tool.brightline]
    fail-on = "low"
    [[tool.brightline.ignore]]
    rule = "pressure.countdown"
    reason = "ok"
    expires = 2026-01-01
    [[tool.brightline.ignore]]
    rule = "pressure.countdown"
    expires = 2026-01-01
    """
    assert error_of(tmp_path, text, "pyproject.toml").startswith("pyproject.toml:7: [[ignore]] #2")


def test_syntax_error_at_the_end_of_the_file(tmp_path) -> None:
    message = error_of(tmp_path, 'fail-on = "low"\nreason = """never closed\n')
    assert message.startswith("brightline.toml:2: TOML syntax error: unterminated string at the end of the file")


def test_locator_skips_multiline_values_and_understands_quoted_keys() -> None:
    text = textwrap.dedent(
        """\
        a = [
          "x = 1",
          "[not.a.table]",
        ]
        b = '''
        c = 2
        '''
        "d.e" = 1
        f.'g h' = 2
        [t]
        k = {inline = 1}
        [[arr]]
        [[arr]]
        z = 1
        """
    )
    index = index_lines(text)
    assert index.lines[("a",)] == 1
    assert ("x",) not in index.lines and ("c",) not in index.lines and ("not", "a", "table") not in index.lines
    assert index.lines[("d.e",)] == 8
    assert index.lines[("f", "g h")] == 9
    assert index.line(("t", "k", "inline")) == 11  # inline tables: the line of the key holding them
    assert (index.lines[("arr", 0)], index.lines[("arr", 1)], index.lines[("arr", 1, "z")]) == (12, 13, 14)
    assert index.line(("nowhere",)) == 1


# -- applying ----------------------------------------------------------------------------------
def fnd(rule: str, severity: str, **evidence) -> dict:
    return {"rule": rule, "severity": severity, "message": f"{rule} found.", "evidence": evidence}


def a_report() -> dict:
    pages = [
        {
            "url": "https://shop.example/checkout/pay",
            "status": 200,
            "error": None,
            "findings": [
                fnd("pressure.countdown", "low", selector="#timer"),
                fnd("pressure.social-proof", "low", selector="#watchers"),
            ],
        },
        {
            "url": "https://shop.example/",
            "status": 200,
            "error": None,
            "findings": [
                fnd("pressure.countdown", "low", selector="#timer"),
                fnd("consent.no-reject-first-layer", "high", selector="#banner"),
            ],
        },
    ]
    from crawler.reports.model import build_report

    return build_report("https://shop.example/", pages, run={}, skipped=[("https://shop.example/x", "robots")])


def policy_from(tmp_path: Path, text: str):
    policy = load_policy(write(tmp_path, text))
    assert policy is not None
    return policy


def rules_of(page: dict, key: str = "findings") -> list[str]:
    return [f["rule"] for f in page.get(key) or []]


def test_severity_override_keeps_the_default(tmp_path) -> None:
    policy = policy_from(
        tmp_path, '[severity]\n"pressure.countdown" = "high"\n"consent.no-reject-first-layer" = "high"\n'
    )
    report = a_report()
    out = apply_policy(report, policy, date(2026, 1, 1))
    timer = out["pages"][1]["findings"][0]
    assert (timer["severity"], timer["default_severity"]) == ("high", "low")
    assert "default_severity" not in out["pages"][1]["findings"][1]  # unchanged severity: nothing to keep
    assert out["summary"]["by_severity"] == {"high": 3, "medium": 0, "low": 1, "info": 0}
    assert out["summary"]["skipped"] == 1 and "with_banner" in out["summary"]  # the crawler's keys survive
    assert report["pages"][1]["findings"][0]["severity"] == "low"  # the input is not changed


def test_ignore_on_matching_pages_until_it_expires(tmp_path) -> None:
    policy = policy_from(tmp_path, GOOD)
    before = apply_policy(a_report(), policy, date(2026, 12, 31))  # the expiry day still applies
    checkout, home = before["pages"]
    assert rules_of(checkout) == ["pressure.social-proof"]
    assert rules_of(checkout, "suppressed") == ["pressure.countdown"]
    assert checkout["suppressed"][0]["suppressed_by"] == {
        "reason": "Launch timer approved by legal, ticket LEG-42",
        "policy": "brightline.toml:6",
    }
    assert "pressure.countdown" in rules_of(home)  # "/" is not under /checkout/*
    assert before["summary"]["by_rule"]["pressure.countdown"] == 1
    assert before["policy"] == {"file": "brightline.toml", "fail_on": "medium", "suppressed": 1, "expired": []}
    assert expiry_warnings(before) == []

    after = apply_policy(a_report(), policy, date(2027, 1, 1))
    assert "pressure.countdown" in rules_of(after["pages"][0]) and "suppressed" not in after["pages"][0]
    assert after["summary"]["by_rule"]["pressure.countdown"] == 2
    assert after["policy"]["suppressed"] == 0
    assert after["policy"]["expired"] == [{
        "rule": "pressure.countdown",
        "pages": ["/checkout/*"],
        "reason": "Launch timer approved by legal, ticket LEG-42",
        "expires": "2026-12-31",
        "policy": "brightline.toml:6",
    }]
    assert expiry_warnings(after) == [
        "brightline.toml:6: the ignore of pressure.countdown expired on 2026-12-31; its findings count again"
    ]


def test_ignore_pages_on_full_urls_and_everywhere(tmp_path) -> None:
    policy = policy_from(tmp_path, """\
        [[ignore]]
        rule = "consent.no-reject-first-layer"
        pages = ["https://shop.example/"]
        reason = "Banner redesign in progress (UX-9)"
        expires = 2030-01-01
        [[ignore]]
        rule = "pressure.social-proof"
        reason = "Accepted everywhere"
        expires = 2030-01-01
        """)
    out = apply_policy(a_report(), policy, date(2026, 1, 1))
    assert rules_of(out["pages"][0]) == ["pressure.countdown"]
    assert rules_of(out["pages"][1]) == ["pressure.countdown"]
    assert out["policy"]["suppressed"] == 2


TRACKED_PAGE = {
    "url": "https://shop.example/",
    "status": 200,
    "error": None,
    "findings": [
        {
            "rule": "consent.tracking-before-consent",
            "severity": "high",
            "message": "Before any choice: 3 trackers contacted.",
            "evidence": {
                "hosts": ["static.cloudflareinsights.com", "stats.example.com", "www.google-analytics.com"],
                "organizations": ["Cloudflare", "Google", "example.com"],
                "cookies": ["_ga", "cf_id"],
                "categories": ["analytics", "unclassified"],
            },
            "phase": "initial",
        },
        fnd("tracker.third-party", "medium", host="static.cloudflareinsights.com", organization="Cloudflare"),
        fnd("tracker.third-party", "medium", host="stats.example.com", organization="example.com"),
        fnd("tracker.third-party", "medium", host="img.example-cdn.net", organization="example-cdn.net"),
        fnd("tracker.third-party", "medium", host="www.google-analytics.com", organization="Google"),
    ],
    "phases": {
        "initial": {
            "trackers": [
                {"host": "static.cloudflareinsights.com", "organization": "Cloudflare", "category": "analytics",
                 "cookies": ["cf_id"]},
                {"host": "stats.example.com", "organization": "example.com", "category": "unclassified",
                 "cookies": []},
                {"host": "www.google-analytics.com", "organization": "Google", "category": "analytics",
                 "cookies": []},
            ]
        }
    },
}


def test_allowed_vendors_and_hosts_leave_the_evidence(tmp_path) -> None:
    from companion.report import build_report

    out = apply_policy(build_report("https://shop.example/", [copy.deepcopy(TRACKED_PAGE)]),
                       policy_from(tmp_path, GOOD), date(2026, 1, 1))
    page = out["pages"][0]
    consent = page["findings"][0]
    assert consent["rule"] == "consent.tracking-before-consent"
    ev = consent["evidence"]
    assert ev["hosts"] == ["www.google-analytics.com"]
    assert ev["cookies"] == ["_ga"]  # cf_id belongs to the allowed Cloudflare tracker; _ga to Google
    assert ev["organizations"] == ["Google"]
    assert ev["categories"] == ["analytics"]  # "unclassified" was only the allowed host's
    assert ev["allowed"] == {"hosts": ["static.cloudflareinsights.com", "stats.example.com"], "cookies": ["cf_id"]}
    assert "allows 3 of these" in consent["message"]
    hosts = [f["evidence"]["host"] for f in page["findings"] if f["rule"] == "tracker.third-party"]
    assert hosts == ["www.google-analytics.com"]
    reasons = {f["evidence"]["host"]: f["suppressed_by"]["reason"] for f in page["suppressed"]}
    assert reasons == {
        "static.cloudflareinsights.com": "allowed vendor Cloudflare",
        "stats.example.com": "allowed host stats.example.com",
        "img.example-cdn.net": "allowed host img.example-cdn.net",
    }
    assert {f["suppressed_by"]["policy"] for f in page["suppressed"]} == {"brightline.toml:12"}
    assert out["summary"]["by_rule"] == {"consent.tracking-before-consent": 1, "tracker.third-party": 1}


def test_a_consent_finding_with_only_allowed_trackers_is_suppressed(tmp_path) -> None:
    from companion.report import build_report

    policy = policy_from(tmp_path, '[allow]\nvendors = ["Cloudflare", "Google"]\nhosts = ["stats.example.com"]\n')
    out = apply_policy(build_report("https://shop.example/", [copy.deepcopy(TRACKED_PAGE)]), policy,
                       date(2026, 1, 1))
    page = out["pages"][0]
    assert rules_of(page) == ["tracker.third-party"]  # img.example-cdn.net is not allowed here
    assert "consent.tracking-before-consent" in rules_of(page, "suppressed")
    assert out["summary"]["by_severity"]["high"] == 0
    assert out["policy"]["suppressed"] == 4


def test_cookie_owner_falls_back_to_the_cookie_database(tmp_path) -> None:
    from companion.report import build_report

    page = copy.deepcopy(TRACKED_PAGE)
    page["findings"] = page["findings"][:1]
    page["findings"][0]["evidence"] = {"cookies": ["_ga"], "organizations": ["Google"]}
    policy = policy_from(tmp_path, '[allow]\nvendors = ["Google"]\n')
    out = apply_policy(build_report("https://shop.example/", [page]), policy, date(2026, 1, 1))
    assert rules_of(out["pages"][0]) == [] and out["policy"]["suppressed"] == 1
