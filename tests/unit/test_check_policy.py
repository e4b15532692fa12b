"""``brightline check`` gates: --fail-on levels, the policy's fail-on, severities, ignores, allowed trackers.

The pages are analysed for real: pressure copy gives low findings; third-party trackers give
``tracker.third-party`` (medium) and ``consent.tracking-before-consent`` (high).
"""

from __future__ import annotations

import json
import textwrap
from datetime import date

import pytest

from companion.cli import main

PRESSURE_PAGE = """<!doctype html><html><head><title>Checkout</title></head><body>
<p>Offer ends in 09:59! Hurry</p><p>27 people are looking at this right now</p></body></html>"""

TRACKED_PAGE = """<!doctype html><html><head><title>Shop</title>
<script src="https://connect.facebook.net/en_US/fbevents.js"></script>
<script src="https://static.cloudflareinsights.com/beacon.min.js"></script>
<img src="https://stats.example.com/p.gif?uid=123456789abcdef" width=1 height=1 alt="">
</head><body><p>Welcome to the shop.</p></body></html>"""

CHECKOUT = "https://shop.example/checkout/pay"


@pytest.fixture(autouse=True)
def in_tmp_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # policy discovery looks in the current directory
    (tmp_path / "pressure.html").write_text(PRESSURE_PAGE)
    (tmp_path / "tracked.html").write_text(TRACKED_PAGE)
    return tmp_path


def policy(tmp_path, text: str, name: str = "brightline.toml") -> None:
    (tmp_path / name).write_text(textwrap.dedent(text))


def check(capsys, page: str, *args: str, url: str = CHECKOUT) -> tuple[int, dict, str]:
    code = main(["check", page, "--url", url, *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def test_the_pages_have_the_findings_these_tests_rely_on(capsys) -> None:
    _, report, _ = check(capsys, "pressure.html")
    assert report["summary"]["by_severity"] == {"high": 0, "medium": 0, "low": 2, "info": 0}
    assert "policy" not in report  # no policy file: nothing said about one
    _, report, _ = check(capsys, "tracked.html")
    assert report["summary"]["by_rule"] == {"consent.tracking-before-consent": 1, "tracker.third-party": 3}


@pytest.mark.parametrize(
    ("fail_on", "pressure", "tracked"),
    [("high", 0, 1), ("medium", 0, 1), ("low", 1, 1), ("info", 1, 1), ("none", 0, 0), (None, 0, 0)],
)
def test_fail_on_levels(capsys, fail_on, pressure, tracked) -> None:
    extra = ["--fail-on", fail_on] if fail_on else []  # check's default gate is none
    assert check(capsys, "pressure.html", *extra)[0] == pressure
    assert check(capsys, "tracked.html", *extra)[0] == tracked


def test_policy_fail_on_and_the_cli_override(tmp_path, capsys) -> None:
    policy(tmp_path, 'fail-on = "low"\n')
    code, report, _ = check(capsys, "pressure.html")
    assert code == 1
    assert report["policy"]["file"] == "brightline.toml" and report["policy"]["fail_on"] == "low"
    assert check(capsys, "pressure.html", "--fail-on", "medium")[0] == 0


def test_pyproject_tool_brightline_is_found(tmp_path, capsys) -> None:
    policy(tmp_path, '[project]\nname = "shop"\n\n[tool.brightline]\nfail-on = "info"\n', "pyproject.toml")
    code, report, _ = check(capsys, "pressure.html")
    assert code == 1 and report["policy"]["file"] == "pyproject.toml"


def test_explicit_policy_wins_over_the_current_directory(tmp_path, capsys) -> None:
    policy(tmp_path, 'fail-on = "low"\n')
    policy(tmp_path, 'fail-on = "none"\n', "lenient.toml")
    code, report, _ = check(capsys, "pressure.html", "--policy", "lenient.toml")
    assert code == 0 and report["policy"]["file"] == "lenient.toml"


def test_severity_override_changes_the_outcome(tmp_path, capsys) -> None:
    assert check(capsys, "pressure.html", "--fail-on", "high")[0] == 0
    policy(tmp_path, '[severity]\n"pressure.countdown" = "high"\n')
    code, report, _ = check(capsys, "pressure.html", "--fail-on", "high")
    assert code == 1
    timer = next(f for f in report["pages"][0]["findings"] if f["rule"] == "pressure.countdown")
    assert (timer["severity"], timer["default_severity"]) == ("high", "low")
    # and downwards: the consent finding no longer fails a high gate
    policy(tmp_path, '[severity]\n"consent.tracking-before-consent" = "medium"\n')
    assert check(capsys, "tracked.html", "--fail-on", "high")[0] == 0
    assert check(capsys, "tracked.html", "--fail-on", "medium")[0] == 1


IGNORE_BOTH = """\
fail-on = "low"

[[ignore]]
rule = "pressure.countdown"
pages = "/checkout/*"
reason = "Launch timer approved by legal, ticket LEG-42"
expires = 2026-12-31

[[ignore]]
rule = "pressure.social-proof"
reason = "Counts are real, checked in QA-7"
expires = 2027-06-30
"""


def test_ignore_suppresses_and_then_expires(tmp_path, capsys, monkeypatch) -> None:
    from companion.policy import clock

    policy(tmp_path, IGNORE_BOTH)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 31))
    code, report, err = check(capsys, "pressure.html")
    assert code == 0 and err == ""
    page = report["pages"][0]
    assert page["findings"] == []
    assert [f["suppressed_by"]["policy"] for f in page["suppressed"]] == ["brightline.toml:3", "brightline.toml:9"]
    assert report["policy"]["suppressed"] == 2

    # elsewhere than /checkout/* the countdown still counts
    assert check(capsys, "pressure.html", url="https://shop.example/")[0] == 1

    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 1))
    code, report, err = check(capsys, "pressure.html")
    assert code == 1
    assert [f["rule"] for f in report["pages"][0]["findings"]] == ["pressure.countdown"]
    assert err.strip() == (
        "brightline: warning: brightline.toml:3: the ignore of pressure.countdown expired on 2026-12-31; "
        "its findings count again"
    )
    assert [e["policy"] for e in report["policy"]["expired"]] == ["brightline.toml:3"]


def test_allowed_vendor_and_host(tmp_path, capsys) -> None:
    policy(tmp_path, '[allow]\nvendors = ["Meta"]\nhosts = ["*.example.com"]\n')
    code, report, _ = check(capsys, "tracked.html", "--fail-on", "medium")
    page = report["pages"][0]
    assert [f["evidence"]["host"] for f in page["findings"]] == ["static.cloudflareinsights.com"]
    assert code == 1  # Cloudflare is not allowed: its tracker.third-party (medium) remains
    # Cloudflare Web Analytics is cookieless, so the consent finding had only Meta and stats.example.com
    assert sorted(f["rule"] for f in page["suppressed"]) == [
        "consent.tracking-before-consent", "tracker.third-party", "tracker.third-party"
    ]
    assert check(capsys, "tracked.html", "--fail-on", "high")[0] == 0  # without the allow list: 1
    policy(tmp_path, '[allow]\nvendors = ["Meta", "cloudflare"]\nhosts = ["stats.example.com"]\n')
    assert check(capsys, "tracked.html", "--fail-on", "info")[0] == 0


def test_partly_allowed_consent_finding_stays(tmp_path, capsys) -> None:
    policy(tmp_path, '[allow]\nvendors = ["Meta"]\n')
    code, report, _ = check(capsys, "tracked.html", "--fail-on", "high")
    assert code == 1
    consent = report["pages"][0]["findings"][0]
    assert consent["rule"] == "consent.tracking-before-consent"
    assert consent["evidence"]["hosts"] == ["stats.example.com"]
    assert consent["evidence"]["allowed"] == {"hosts": ["connect.facebook.net"]}
    assert "Meta" not in consent["evidence"]["organizations"]


def test_a_policy_error_exits_2_with_its_line(tmp_path, capsys) -> None:
    policy(tmp_path, 'fail-on = "low"\n\n[[ignore]]\nrule = "pressure.countdown"\nexpires = 2026-12-31\n')
    code, report, err = check(capsys, "pressure.html")
    assert code == 2 and report == {}
    assert err.strip() == (
        "brightline: error: brightline.toml:3: [[ignore]] #1 (pressure.countdown) has no reason: "
        'say why it is accepted, e.g. reason = "LEG-42"'
    )
