import json
from pathlib import Path

import pytest

from crawler import reports
from crawler.reports import html_report, write_all, writer
from crawler.reports.model import build_report, data_versions, tracker_inventory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def page(url: str, findings=(), phases=None, error=None, banner=None) -> dict:
    return {
        "url": url,
        "status": None if error else 200,
        "error": error,
        "findings": list(findings),
        "phases": phases or {},
        "banner": banner,
        "interaction": [],
        "notes": [],
    }


def finding(rule: str, severity: str, **extra) -> dict:
    return {
        "rule": rule,
        "severity": severity,
        "message": "m",
        "evidence": {},
        "phase": "initial",
        **extra,
    }


def tracker(org: str, host: str, category: str = "analytics") -> dict:
    return {"organization": org, "host": host, "category": category}


def test_summary_counts_every_page_and_failed_ones() -> None:
    pages = [
        page(
            "https://a.example/",
            [finding("consent.banner", "info"), finding("consent.no-reject-first-layer", "high")],
            banner={"selector": "#x"},
        ),
        page("https://a.example/b", [finding("consent.no-reject-first-layer", "high")]),
        page("https://a.example/c", error="HTTP 500"),
    ]
    report = build_report("https://a.example/", pages, skipped=[("https://a.example/x", "robots")])
    assert report["schema"] == "brightline.report/1"
    assert report["tool"]["name"] == "brightline"
    s = report["summary"]
    assert s["pages"] == 3 and s["failed"] == 1 and s["with_banner"] == 1 and s["skipped"] == 1
    assert s["by_rule"] == {"consent.no-reject-first-layer": 2, "consent.banner": 1}
    assert s["by_severity"] == {"high": 2, "medium": 0, "low": 0, "info": 1}
    assert report["skipped"] == [{"url": "https://a.example/x", "reason": "robots"}]


def test_tracker_inventory_by_organization_and_phase() -> None:
    pages = [
        page(
            "https://a.example/",
            phases={
                "initial": {
                    "trackers": [
                        tracker("Google", "www.google-analytics.com"),
                        tracker("Google", "www.googletagmanager.com", "tag-manager"),
                    ]
                },
                "after-reject": {"trackers": [tracker("Google", "www.google-analytics.com")]},
                "after-accept": {
                    "trackers": [
                        tracker("Google", "www.google-analytics.com"),
                        tracker("Meta", "connect.facebook.net", "advertising"),
                    ]
                },
            },
        ),
        page(
            "https://a.example/b",
            phases={"initial": {"trackers": [tracker("Google", "x.google.com")]}},
        ),
    ]
    inv = {t["organization"]: t for t in tracker_inventory(pages)}
    assert inv["Google"]["phases"] == {"initial": 2, "after-reject": 1, "after-accept": 1}
    assert inv["Google"]["pages"] == 2 and inv["Google"]["categories"] == [
        "analytics",
        "tag-manager",
    ]
    assert not inv["Google"]["only_after_accept"]
    assert inv["Meta"]["only_after_accept"] and inv["Meta"]["hosts"] == ["connect.facebook.net"]
    assert [t["organization"] for t in tracker_inventory(pages)] == ["Google", "Meta"]


def test_writer_map_is_pluggable(tmp_path, monkeypatch) -> None:
    assert writer("json").FILENAME == "report.json"
    with pytest.raises(KeyError, match="unknown report format"):
        writer("pdf")
    monkeypatch.setitem(reports.WRITERS, "nothere", "crawler.reports.not_installed_format")
    assert writer("nothere") is None  # a format whose module is not installed is skipped
    monkeypatch.setitem(reports.WRITERS, "broken", "crawler.reports.json_report")

    calls = []

    def explode(report, out_dir):
        calls.append(out_dir)
        raise RuntimeError("writer bug")

    import crawler.reports.json_report as jr

    written = write_all(build_report("https://a.example/", []), tmp_path, ["broken"])
    assert written == {"broken": tmp_path / "report.json"}
    monkeypatch.setattr(jr, "write", explode)
    written = write_all(build_report("https://a.example/", []), tmp_path, ["json", "html"])
    assert set(written) == {"html"} and calls  # the html report survives a broken json writer


def test_html_report_is_self_contained_escaped_and_explains_rules(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "b.png").write_bytes(PNG)
    evil = '<script>alert("x")</script>'
    pages = [
        page(
            "https://a.example/",
            [finding("consent.confirmshaming", "medium", screenshot="pages/b.png")],
            banner={"platform": evil, "screenshot": "pages/b.png"},
        ),
        page("https://a.example/again", banner={"platform": "x", "screenshot": "pages/b.png"}),
        page("https://a.example/down", error="DNS: the host name does not resolve"),
    ]
    pages[0]["findings"][0]["message"] = evil
    report = build_report(
        "https://a.example/",
        pages,
        run={
            "browser": {
                "path": "/usr/bin/chromium",
                "version": "1.2.3",
                "flags": ["--x"],
                "how": "system",
            },
            "data": data_versions(pages),
            "options": {"max_pages": 3},
        },
    )
    out = html_report.write(report, tmp_path)
    text = out.read_text()
    assert evil not in text and "&lt;script&gt;" in text
    assert "data:image/png;base64," in text
    assert "The same banner as on https://a.example/" in text
    assert "DNS: the host name does not resolve" in text
    assert "Confirmshaming" in text or "confirmshaming" in text
    assert "Planet49" in text or "planet49" in text.lower()  # every rule's references are listed
    assert "/usr/bin/chromium" in text and "1.2.3" in text and "--x" in text
    assert "http://" not in text.split("<body>")[1].split("What the rules mean")[0].replace(
        "https://a.example", ""
    )  # nothing loaded from the network


def test_json_report_round_trips(tmp_path: Path) -> None:
    report = build_report("https://a.example/", [page("https://a.example/")])
    path = writer("json").write(report, tmp_path)
    assert json.loads(path.read_text()) == report
    assert not list(tmp_path.glob("*.tmp"))


def test_html_report_says_which_policy_and_baseline_shaped_it(tmp_path: Path) -> None:
    report = build_report("https://a.example/", [page("https://a.example/", [finding("pressure.countdown", "low")])])
    plain = html_report.render(report, tmp_path)
    assert "Policy <code>" not in plain and "Against the baseline" not in plain
    report["policy"] = {"file": "brightline.toml", "fail_on": "medium", "suppressed": 3,
                        "expired": [{"rule": "pressure.countdown", "policy": "brightline.toml:7"}]}
    report["baseline"] = {"file": "last/report.json", "new": 2, "changed": 1, "unchanged": 40,
                          "fixed": [{"url": "https://a.example/x"}], "unverified": []}
    html = html_report.render(report, tmp_path)
    assert "Policy <code>brightline.toml</code>: 3 findings accepted; expired ignores" in html
    assert "pressure.countdown" in html
    assert "2 new, 1 changed, 40 unchanged, 1 fixed" in html
