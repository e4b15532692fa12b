"""The ``brightline`` pytest fixture: scan pages your Playwright tests drove and assert they are clean.

    def test_home(page, brightline):               # pytest-playwright's sync page
        page.goto("https://staging.example/")
        brightline.assert_clean(page)              # fails on medium or worse by default

    async def test_home(page, brightline):         # an async-API page
        page_findings = await brightline.scan(page)
        brightline.assert_clean(page_findings, fail_on="high", ignore=["tracker.third-party"])

The default threshold comes from ``--brightline-fail-on``, the ``brightline_fail_on`` ini
value, or the ``fail-on`` of the project's policy (``brightline.toml`` or ``[tool.brightline]``
in ``pyproject.toml`` at the rootdir, or ``--brightline-policy FILE``), else ``medium``. The
policy's severities, accepted findings and allowed trackers apply to every scan, as in
``brightline crawl``. Registered through the ``pytest11`` entry point, so it loads in
every pytest run where Brightline is installed: this module imports nothing heavy; the
scanner, Playwright and the catalog load when a test first uses the fixture.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from crawler.scan_findings import Findings

# companion.models.SEVERITIES, repeated so that loading the plugin imports nothing (a test checks they agree).
SEVERITIES = ("high", "medium", "low", "info")
DEFAULT_FAIL_ON = "medium"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("brightline", "Brightline consent and tracker checks")
    group.addoption(
        "--brightline-fail-on",
        choices=SEVERITIES,
        default=None,
        help=f"brightline.assert_clean fails on findings this severe or worse (default: ini "
        f"brightline_fail_on, else {DEFAULT_FAIL_ON})",
    )
    group.addoption(
        "--brightline-policy",
        default=None,
        metavar="FILE",
        help="the gate policy (default: brightline.toml, else [tool.brightline] in pyproject.toml, at the rootdir)",
    )
    parser.addini(
        "brightline_fail_on",
        help=f"default threshold of brightline.assert_clean: {'|'.join(SEVERITIES)} "
        f"(default: the policy's fail-on, else {DEFAULT_FAIL_ON})",
        default="",
    )


def _is_async_page(page: Any) -> bool:
    return inspect.iscoroutinefunction(getattr(page, "evaluate", None))


def _is_page(obj: Any) -> bool:
    return hasattr(obj, "evaluate") and hasattr(obj, "main_frame")


class Brightline:
    """What the ``brightline`` fixture gives a test."""

    def __init__(self, fail_on: str = DEFAULT_FAIL_ON, policy: Any = None) -> None:
        if fail_on not in SEVERITIES:
            raise pytest.UsageError(f"brightline_fail_on = {fail_on!r}: use one of {', '.join(SEVERITIES)}")
        self.fail_on = fail_on
        self.policy = policy

    def scan(self, page: Any, **options: Any) -> Any:
        """Findings for a sync-API page; an awaitable of them for an async-API page.
        ``options``: ``phase``, ``requests`` (see :func:`crawler.scan`)."""
        from crawler.page_scan import scan, scan_sync

        options.setdefault("policy", self.policy)
        return scan(page, **options) if _is_async_page(page) else scan_sync(page, **options)

    def watch(self, page_or_context: Any) -> Any:
        """Record requests from now on (before ``goto``); pass the log as ``requests=``."""
        from crawler.page_scan import watch

        return watch(page_or_context)

    def assert_clean(
        self, findings_or_page: Findings | Any, fail_on: str | None = None, ignore: Iterable[str] = ()
    ) -> Findings:
        """Fail the test if there is a finding at ``fail_on`` or worse, other than the ``ignore``d
        rules. Takes findings, or a sync-API page to scan first. Returns the findings it judged."""
        __tracebackhide__ = True  # the failure is the page's, not this helper's
        from crawler.scan_findings import Findings, ScanFailed, check_severity

        threshold = check_severity(fail_on or self.fail_on)
        findings = findings_or_page
        if _is_page(findings_or_page):
            if _is_async_page(findings_or_page):
                raise TypeError(
                    "brightline.assert_clean(page) needs a sync-API page; with an async page, "
                    "`findings = await brightline.scan(page)` then assert_clean(findings)"
                )
            findings = self.scan(findings_or_page)
        if not isinstance(findings, Findings):
            raise TypeError(f"brightline.assert_clean takes findings or a page, not {type(findings).__name__}")
        failing = findings.without(ignore).at_or_above(threshold)
        if failing:
            raise ScanFailed(failing, threshold)
        return findings


_POLICY = pytest.StashKey[Any]()


def _policy(config: pytest.Config) -> Any:
    """The project's policy, read once per run; a broken policy stops the run with its line."""
    if _POLICY not in config.stash:
        from companion.errors import BrightlineError
        from companion.policy import discover_policy

        try:
            config.stash[_POLICY] = discover_policy(config.getoption("brightline_policy"), cwd=config.rootpath)
        except BrightlineError as err:
            raise pytest.UsageError(f"brightline: {err}") from None
    return config.stash[_POLICY]


@pytest.fixture
def brightline(request: pytest.FixtureRequest) -> Brightline:
    """Scan Playwright pages with Brightline and assert they hold no consent dark pattern or tracker."""
    config = request.config
    policy = _policy(config)
    fail_on = (
        config.getoption("brightline_fail_on")
        or config.getini("brightline_fail_on")
        or (policy.fail_on if policy is not None and policy.fail_on not in (None, "none") else None)
        or DEFAULT_FAIL_ON
    )
    return Brightline(fail_on=str(fail_on).strip(), policy=policy)
