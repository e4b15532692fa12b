"""The ``brightline`` pytest plugin, used by sample suites against the fixture web (through pytester),
and the runnable suite in ``examples/``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from companion.catalog import rule
from companion.models import SEVERITIES
from crawler import pytest_plugin

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[2]

CONFTEST = """
import pytest
import pytest_asyncio
from playwright.sync_api import sync_playwright
from playwright.async_api import async_playwright

CHROMIUM = {chromium!r}
FLAGS = {flags!r}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={{"width": 1280, "height": 800}})
    yield context.new_page()
    context.close()


@pytest_asyncio.fixture
async def async_page():
    async with async_playwright() as pw:
        launched = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = await launched.new_context(viewport={{"width": 1280, "height": 800}})
        yield await context.new_page()
        await launched.close()


def open_site(page, host):
    page.goto("https://" + host + "/", wait_until="load")
    page.wait_for_load_state("networkidle")
"""

SUITE = """
import pytest
from conftest import open_site


def test_compliant_site(page, brightline):
    open_site(page, "www.alpenpfad-wandern.de")
    findings = brightline.assert_clean(page, fail_on="low")
    assert findings.banner is not None


def test_trackers_before_consent(page, brightline):
    open_site(page, "www.quizmaster-daily.com")
    brightline.assert_clean(page, ignore=["consent.no-reject-first-layer"])


def test_banner_in_a_frame(page, brightline):
    open_site(page, "www.dailychronicle-news.co.uk")
    brightline.assert_clean(page, fail_on="high")


def test_banner_in_a_frame_ignored(page, brightline):
    open_site(page, "www.dailychronicle-news.co.uk")
    brightline.assert_clean(page, fail_on="high", ignore=["consent.no-reject-first-layer"])


def test_weakened_reject(page, brightline):
    open_site(page, "www.moda-bellavista.it")
    brightline.assert_clean(page)  # the configured threshold
"""


# An async page (its own file and run: a live sync-API browser leaves its event loop set
# as the running one, so async tests cannot share a session with it; pytest-playwright is
# the same).
ASYNC_SUITE = """
import pytest


@pytest.mark.asyncio
async def test_async_page(async_page, brightline):
    await async_page.goto("https://www.quizmaster-daily.com/", wait_until="load")
    await async_page.wait_for_load_state("networkidle")
    findings = await brightline.scan(async_page)
    assert "tracker.third-party" in findings.rules
    with pytest.raises(TypeError, match="await brightline.scan"):
        brightline.assert_clean(async_page)
    with pytest.raises(AssertionError, match="consent.tracking-before-consent"):
        brightline.assert_clean(findings, fail_on="high")
    high = ["consent.tracking-before-consent", "consent.no-reject-first-layer"]
    brightline.assert_clean(findings, fail_on="high", ignore=high)
"""


@pytest.fixture
def sample_suite(pytester: pytest.Pytester, chromium_path: str, fixture_web: Any) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST.format(chromium=chromium_path, flags=launch_args(fixture_web)))
    pytester.makepyfile(test_sample=SUITE, test_async_sample=ASYNC_SUITE)
    return pytester


def launch_args(fixture_web: Any) -> list[str]:
    from crawler.browser import launch_flags

    return launch_flags(fixture_web.chrome_flags)


def failure_of(result: pytest.RunResult, test: str) -> str:
    """The failure section of one test in the run's output."""
    text = result.stdout.str()
    start = text.index(f"_ {test} _")
    ends = [i for i in (text.find("\n___", start), text.find("\n===", start)) if i != -1]
    return text[start : min(ends, default=len(text))]


def test_the_plugin_loads_through_its_entry_point() -> None:
    from importlib.metadata import entry_points

    found = [e for e in entry_points(group="pytest11") if e.value == "crawler.pytest_plugin"]
    assert found, "run `pip install -e .` so that pytest finds the brightline plugin"


def test_the_plugin_severities_are_the_catalog_severities() -> None:
    assert pytest_plugin.SEVERITIES == SEVERITIES


@pytest.mark.browser
def test_a_sample_suite_against_the_fixture_web(sample_suite: pytest.Pytester) -> None:
    result = sample_suite.runpytest_subprocess("test_sample.py", "-p", "no:cacheprovider", "--tb=short")
    result.assert_outcomes(passed=2, failed=3)
    summary = "\n".join(line for line in result.outlines if line.startswith("FAILED"))
    for failed in ("test_trackers_before_consent", "test_banner_in_a_frame", "test_weakened_reject"):
        assert f"test_sample.py::{failed} " in summary + " ", summary
    assert "test_banner_in_a_frame_ignored" not in summary

    trackers = failure_of(result, "test_trackers_before_consent")
    assert "Brightline: " in trackers and " at or above medium on https://www.quizmaster-daily.com/" in trackers
    assert "[high] consent.tracking-before-consent — Before any choice:" in trackers
    assert "www.google-analytics.com" in trackers  # the tracker hosts are named
    assert f"why it matters: {rule('consent.tracking-before-consent').why}" in trackers
    assert "[medium] tracker.third-party" in trackers
    assert "] consent.no-reject-first-layer" not in trackers  # ignored
    assert "[info]" not in trackers  # below the threshold

    framed = failure_of(result, "test_banner_in_a_frame")
    assert "at or above high on https://www.dailychronicle-news.co.uk/" in framed
    assert "[high] consent.no-reject-first-layer" in framed
    assert "selector: " in framed and "(in frame https://cmp.consentframe.net)" in framed
    assert f"why it matters: {rule('consent.no-reject-first-layer').why}" in framed
    assert "pytest_plugin.py" not in framed  # the helper's own frame is hidden from the traceback

    weakened = failure_of(result, "test_weakened_reject")
    assert "[medium] consent.asymmetric-choice" in weakened


@pytest.mark.browser
def test_an_async_page_is_scanned_by_awaiting(sample_suite: pytest.Pytester) -> None:
    result = sample_suite.runpytest_subprocess("test_async_sample.py", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


@pytest.mark.browser
@pytest.mark.parametrize("how", ["option", "ini"])
def test_the_default_threshold_is_configurable(sample_suite: pytest.Pytester, how: str) -> None:
    args = ["test_sample.py", "-p", "no:cacheprovider", "-k", "weakened"]
    if how == "option":
        args.append("--brightline-fail-on=high")
    else:
        sample_suite.makeini("[pytest]\nbrightline_fail_on = high\n")
    result = sample_suite.runpytest_subprocess(*args)
    result.assert_outcomes(passed=1)


def test_a_bad_threshold_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nbrightline_fail_on = severe\n")
    pytester.makepyfile("def test_x(brightline):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*brightline_fail_on = 'severe': use one of high, medium, low, info*"])
    bad_option = pytester.runpytest_subprocess("--brightline-fail-on=severe")
    assert bad_option.ret == pytest.ExitCode.USAGE_ERROR


@pytest.mark.browser
def test_the_example_suite_runs(pytester: pytest.Pytester) -> None:
    """``pytest examples/`` as a QA engineer runs it after copying: three passes, one expected failure."""
    result = pytester.run(sys.executable, "-m", "pytest", str(REPO / "examples"), "-p", "no:cacheprovider", "-rxX")
    result.assert_outcomes(passed=3, xfailed=1)
    result.stdout.fnmatch_lines(["*XFAIL*test_dark_pattern_banner_fails*"])


@pytest.mark.browser
def test_the_project_policy_applies_to_scans(sample_suite: pytest.Pytester) -> None:
    """brightline.toml at the rootdir: its fail-on is the default threshold, its ignores drop
    findings (with a reason and an expiry date) and its severities change the outcome."""
    sample_suite.path.joinpath("brightline.toml").write_text(
        'fail-on = "high"\n'
        "[severity]\n"
        '"consent.tracking-before-consent" = "medium"\n'
        "[[ignore]]\n"
        'rule = "consent.no-reject-first-layer"\n'
        'reason = "The CMP vendor ships a reject button in release 4.2, ticket LEG-7"\n'
        "expires = 2999-12-31\n"
    )
    args = ["test_sample.py", "-p", "no:cacheprovider", "--tb=short"]
    result = sample_suite.runpytest_subprocess(*args, "-k", "weakened or trackers or frame")
    # weakened reject (medium) and trackers (high made medium) pass at the policy's "high";
    # the framed banner's missing reject is an accepted finding.
    result.assert_outcomes(passed=4)

    stricter = sample_suite.runpytest_subprocess(*args, "-k", "trackers", "--brightline-fail-on=medium")
    stricter.assert_outcomes(failed=1)
    assert "[medium] consent.tracking-before-consent" in failure_of(stricter, "test_trackers_before_consent")


def test_a_broken_policy_stops_the_run_with_its_line(pytester: pytest.Pytester) -> None:
    pytester.path.joinpath("brightline.toml").write_text('fail-on = "medium"\n[severity]\n"no.such-rule" = "low"\n')
    pytester.makepyfile("def test_x(brightline):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*brightline.toml:3:*no.such-rule*"])
