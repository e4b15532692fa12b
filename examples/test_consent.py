"""An example Brightline suite: drive pages with Playwright, then check them with the ``brightline`` fixture.

Run it with ``pytest examples/`` (after ``bash scripts/setup.sh``). One test is expected to
fail: it shows what a failure looks like for a banner with no reject button.
"""

from __future__ import annotations

import pytest


def test_compliant_banner_passes(page, site_url, brightline):
    page.goto(f"{site_url}/compliant.html")
    findings = brightline.assert_clean(page)  # fails on medium or worse (--brightline-fail-on)
    assert findings.banner is not None, "the banner was not recognised"


def test_reject_is_respected(page, site_url, brightline):
    requests = brightline.watch(page)  # record requests from the first navigation on
    page.goto(f"{site_url}/compliant.html")
    requests.clear()  # judge only what happens after the click
    page.get_by_role("button", name="Reject all").click()
    findings = brightline.scan(page, phase="after-reject", requests=requests)
    brightline.assert_clean(findings, fail_on="low")


def test_findings_can_be_inspected(page, site_url, brightline):
    page.goto(f"{site_url}/dark-pattern.html")
    findings = brightline.scan(page)
    assert "consent.no-reject-first-layer" in findings.rules
    print(findings)  # the readable report: severity, rule, message, selector, why it matters


@pytest.mark.xfail(strict=True, reason="the banner offers 'Accept All Cookies' but no way to refuse")
def test_dark_pattern_banner_fails(page, site_url, brightline):
    page.goto(f"{site_url}/dark-pattern.html")
    brightline.assert_clean(page, fail_on="high")
