from companion.analyzer import Analysis
from companion.models import Finding, Request, Snapshot
from crawler.interact import Interaction, Step
from crawler.record import page_record
from crawler.visit import PhaseResult, VisitResult

URL = "https://shop.example/"
BANNER = {"platform": "x", "selector": "#cmp", "frame": None, "controls": []}


def f(rule: str, severity: str = "high", **evidence) -> Finding:
    return Finding(rule=rule, severity=severity, message=f"{rule} here", evidence=evidence)


def phase(name: str, snap_phase: str, findings: list[Finding], *, banner=None, trackers=(), shots=None) -> PhaseResult:
    snap = Snapshot(url=URL, phase=snap_phase, requests=[Request(url="https://t.example/p")])
    analysis = Analysis(url=URL, phase=snap_phase, findings=findings, banner=banner, trackers=list(trackers))
    return PhaseResult(
        name,
        snap_phase,
        snap,
        analysis,
        snapshot_path=f"pages/x/{name}.json",
        banner_shot="pages/x/banner.png" if banner else None,
        shots=shots or {},
    )


def test_findings_per_phase_are_merged_without_duplicates() -> None:
    result = VisitResult(url=URL, status=200, final_url=URL)
    result.phases = [
        phase(
            "after-reject",
            "after-reject",
            [
                f("consent.choice-not-respected", host="t.example"),
                f("tracker.third-party", "medium", host="t.example"),  # inventory, not a finding here
            ],
        ),
        phase(
            "initial",
            "initial",
            [
                f("consent.banner", "info", selector="#cmp"),
                f("consent.tracking-before-consent", host="t.example"),
            ],
            banner=BANNER,
            shots={0: "pages/x/initial-0.png"},
        ),
        phase(
            "initial-settings",
            "initial",
            [
                f("consent.banner", "info", selector="#cmp"),  # the same banner again
                f("consent.preticked-purpose", "high", selector="#ads"),
                f("consent.cookie-wall", "high", selector="#modal"),  # the user opened it
                f("consent.tracking-before-consent", host="t.example"),
            ],
            banner=BANNER,
        ),
        phase("after-accept", "after-accept", [f("consent.tracking-before-consent", host="t.example")]),
    ]
    result.interactions = [Interaction("reject", "rejected", [Step("click", "reject", "#no")])]
    record = page_record(result)
    got = [(x["rule"], x["phase"]) for x in record["findings"]]
    assert got == [
        ("consent.banner", "initial"),
        ("consent.tracking-before-consent", "initial"),
        ("consent.preticked-purpose", "initial-settings"),
        ("consent.choice-not-respected", "after-reject"),
    ]
    assert record["findings"][0]["screenshot"] == "pages/x/initial-0.png"
    assert list(record["phases"]) == ["initial", "initial-settings", "after-reject", "after-accept"]
    assert record["phases"]["after-reject"]["findings"] == [
        "consent.choice-not-respected",
        "tracker.third-party",
    ]
    assert record["banner"]["screenshot"] == "pages/x/banner.png"
    assert record["interaction"][0]["steps"] == [{"action": "click", "target": "reject", "selector": "#no", "ok": True}]
    assert record["final_url"] is None and record["error"] is None


def test_failed_page_keeps_error_and_notes() -> None:
    result = VisitResult(url=URL, error="timeout: the page took longer than 5 s", notes=["a", "a", "b"])
    record = page_record(result)
    assert record["error"].startswith("timeout") and record["findings"] == []
    assert record["notes"] == ["a", "b"] and record["banner"] is None
