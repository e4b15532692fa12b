import json
import subprocess
import sys

import pytest

from companion.cli import main
from tests.unit.report_builders import (
    TRACKERS_PAGE,
    failed_page,
    fixture_html,
    page,
    report,
    reworded,
    with_new_tracker,
    without_reject_button,
)

SHOP = "https://www.shop.example"


def write(path, r: dict):
    path.write_text(json.dumps(r), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("reports")
    html = fixture_html(TRACKERS_PAGE)
    base = [page(f"{SHOP}/product/1", html), page(f"{SHOP}/about", html)]
    return {
        "a": write(d / "a.json", report(*base)),
        "same": write(d / "same.json", report(page(f"{SHOP}/about", reworded(html)), page(f"{SHOP}/product/2", html))),
        "tracker": write(d / "tracker.json", report(page(f"{SHOP}/product/1", with_new_tracker(html)), base[1])),
        "noreject": write(d / "noreject.json",
                          report(base[0], page(f"{SHOP}/about", without_reject_button(html)))),
        "failed": write(d / "failed.json", report(base[0], failed_page(f"{SHOP}/about"))),
    }


def test_no_changes(files, capsys) -> None:
    assert main(["diff", files["a"], files["same"], "--fail-on", "info"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("0 new, 0 changed, 0 fixed, 0 unverified, 10 unchanged")
    assert "no new, changed or fixed findings" in out


def test_new_tracker_text_output_and_exit_codes(files, capsys) -> None:
    assert main(["diff", files["a"], files["tracker"]]) == 0  # no --fail-on: report only
    out = capsys.readouterr().out
    assert "1 new, 1 changed, 0 fixed" in out.splitlines()[0]
    lines = out.splitlines()
    page_at = lines.index(f"{SHOP}/product/1")
    assert lines[page_at + 1].startswith("  + medium tracker.third-party: ")
    assert lines[page_at + 1].endswith("[static.ads-twitter.com]")
    assert lines[page_at + 2].startswith("  ~ high   consent.tracking-before-consent: ")
    assert lines[page_at + 3] == "      what changed: hosts: +static.ads-twitter.com; organizations: +x (twitter)"
    assert lines[page_at + 4].startswith("      was: Before any choice: 2 trackers")
    assert main(["diff", files["a"], files["tracker"], "--fail-on", "high"]) == 1  # the changed one is high
    assert main(["diff", files["a"], files["tracker"], "--fail-on", "medium"]) == 1
    capsys.readouterr()


def test_fixed_findings_in_reverse(files, capsys) -> None:
    assert main(["diff", files["tracker"], files["a"], "--fail-on", "medium"]) == 1  # tracking-before-consent changed
    out = capsys.readouterr().out
    assert "  - medium tracker.third-party: " in out


def test_removed_reject_button_fails_high(files, capsys) -> None:
    assert main(["diff", files["a"], files["noreject"], "--fail-on", "high"]) == 1
    out = capsys.readouterr().out
    assert "  + high   consent.no-reject-first-layer: " in out
    assert "  ~ info   consent.banner: " in out
    assert main(["diff", files["a"], files["noreject"], "--fail-on", "none"]) == 0


def test_json_output(files, capsys) -> None:
    assert main(["diff", files["a"], files["failed"], "--format", "json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["schema"] == "brightline.diff/1"
    assert diff["counts"] == {"new": 0, "changed": 0, "unchanged": 5, "fixed": 0, "unverified": 5}
    assert {e["url"] for e in diff["unverified"]} == {f"{SHOP}/about"}
    assert all(set(e) >= {"url", "rule", "severity", "message", "where", "fingerprint"} for e in diff["unverified"])


def test_json_changed_entries_say_what_they_were(files, capsys) -> None:
    main(["diff", files["a"], files["tracker"], "--format", "json"])
    diff = json.loads(capsys.readouterr().out)
    [changed] = diff["changed"]
    assert changed["rule"] == "consent.tracking-before-consent"
    assert "static.ads-twitter.com" in changed["where"]
    assert changed["before"]["fingerprint"] != changed["fingerprint"]
    assert changed["changes"][0] == "hosts: +static.ads-twitter.com"


@pytest.mark.parametrize(
    "content,expected",
    [(None, "no such file"), ("{", "invalid JSON"), ('{"pages": 3}', "not a Brightline report.json")],
)
def test_bad_input_exits_2_with_one_line(files, tmp_path, capsys, content, expected) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content)
    assert main(["diff", files["a"], str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"brightline: error: {bad}: ")
    assert expected in err and "\n" not in err
    assert main(["diff", str(bad), files["a"]]) == 2


def test_subprocess_help_and_exit_code(files) -> None:
    help_text = subprocess.run([sys.executable, "-m", "companion", "diff", "--help"],
                               capture_output=True, text=True, check=True).stdout
    assert "examples:" in help_text and "exit codes:" in help_text
    done = subprocess.run([sys.executable, "-m", "companion", "diff", files["a"], files["noreject"],
                           "--fail-on", "high"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "consent.no-reject-first-layer" in done.stdout
