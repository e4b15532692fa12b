import json
import random

import pytest

from companion.baseline import compare, gate_failures, load_report
from companion.errors import BrightlineError
from tests.unit.report_builders import (
    SHAMING_PAGE,
    TRACKERS_PAGE,
    failed_page,
    fixture_html,
    page,
    reject_as_faint_link,
    reject_moved_to_settings,
    report,
    reworded,
    with_new_tracker,
    without_reject_button,
)

SHOP = "https://www.shop.example"


def site(trackers_html: str | None = None, shaming_html: str | None = None, product: str = "12345") -> list[dict]:
    """Three pages of one shop: two product pages (Cookiebot banner, trackers) and a voucher page."""
    trackers_html = trackers_html or fixture_html(TRACKERS_PAGE)
    return [
        page(f"{SHOP}/", fixture_html(SHAMING_PAGE) if shaming_html is None else shaming_html),
        page(f"{SHOP}/product/{product}", trackers_html),
        page(f"{SHOP}/product/{int(product) + 1}", trackers_html),
    ]


def statuses(r: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in r["pages"]:
        for f in p["findings"]:
            out.setdefault(f["baseline"], []).append(f["rule"])
    return {k: sorted(v) for k, v in out.items()}


@pytest.fixture(scope="module")
def before() -> dict:
    return report(*site())


def test_same_site_recrawled_in_another_order_with_reworded_text_is_unchanged(before: dict) -> None:
    pages = site(trackers_html=reworded(fixture_html(TRACKERS_PAGE)),
                 shaming_html=reworded(fixture_html(SHAMING_PAGE)), product="777")
    random.Random(7).shuffle(pages)
    after = report(*pages)
    section = compare(after, before, "before.json")
    total = sum(len(p["findings"]) for p in after["pages"])
    assert total > 5
    assert section["unchanged"] == total
    assert section["new"] == section["changed"] == 0
    assert section["fixed"] == section["unverified"] == []
    assert section["file"] == "before.json"
    assert all(len(f["fingerprint"]) == 16 for p in after["pages"] for f in p["findings"])


def test_a_new_tracker_is_new_and_changes_tracking_before_consent(before: dict) -> None:
    after = report(*site(trackers_html=with_new_tracker(fixture_html(TRACKERS_PAGE))))
    section = compare(after, before)
    assert statuses(after)["new"] == ["tracker.third-party"] * 2  # on both product pages
    assert statuses(after)["changed"] == ["consent.tracking-before-consent"] * 2
    new_hosts = {f["evidence"]["host"] for p in after["pages"] for f in p["findings"] if f["baseline"] == "new"}
    assert new_hosts == {"static.ads-twitter.com"}
    assert section["new"] == 2 and section["changed"] == 2 and section["fixed"] == []


def test_a_removed_reject_button_is_caught(before: dict) -> None:
    after = report(*site(trackers_html=without_reject_button(fixture_html(TRACKERS_PAGE))))
    compare(after, before)
    assert statuses(after)["new"] == ["consent.no-reject-first-layer"] * 2
    assert statuses(after)["changed"] == ["consent.banner"] * 2  # its controls no longer offer a reject


def test_a_reject_button_moved_to_the_settings_layer_is_caught(before: dict) -> None:
    after = report(*site(trackers_html=reject_moved_to_settings(fixture_html(TRACKERS_PAGE))))
    compare(after, before)
    assert statuses(after)["new"] == ["consent.no-reject-first-layer"] * 2
    assert statuses(after)["changed"] == ["consent.banner"] * 2


def test_a_reject_button_turned_into_a_faint_link_is_caught(before: dict) -> None:
    after = report(*site(shaming_html=reject_as_faint_link(fixture_html(SHAMING_PAGE))))
    section = compare(after, before)
    assert "consent.asymmetric-choice" in statuses(after)["new"]
    assert "changed" not in statuses(after)
    # the shaming wording is now on another element (a link): the button's finding is gone
    assert [f["rule"] for f in section["fixed"]] == ["consent.confirmshaming"]


def test_fixed_findings_are_listed(before: dict) -> None:
    clean = fixture_html(TRACKERS_PAGE)
    for host in ("connect.facebook.net", "static.hotjar.com"):
        clean = "\n".join(line for line in clean.splitlines() if host not in line)
    after = report(*site(trackers_html=clean))
    section = compare(after, before)
    fixed = sorted((f["rule"], f["url"]) for f in section["fixed"])
    assert ("tracker.third-party", f"{SHOP}/product/12345") in fixed
    assert ("tracker.third-party", f"{SHOP}/product/12346") in fixed
    assert all(set(f) >= {"url", "rule", "fingerprint", "message"} for f in section["fixed"])
    assert section["unverified"] == []


def test_pages_the_run_could_not_see_are_unverified_not_fixed(before: dict) -> None:
    after = report(page(f"{SHOP}/", fixture_html(SHAMING_PAGE)), failed_page(f"{SHOP}/product/12345"))
    section = compare(after, before)
    assert section["fixed"] == []
    unverified_urls = {f["url"] for f in section["unverified"]}
    # the failed page, and the page no page of its template was loaded for
    assert unverified_urls == {f"{SHOP}/product/12345", f"{SHOP}/product/12346"}
    assert section["unchanged"] == len(after["pages"][0]["findings"])


def test_a_loaded_page_of_the_same_template_makes_the_others_verifiable(before: dict) -> None:
    trackers = fixture_html(TRACKERS_PAGE)
    clean = "\n".join(line for line in trackers.splitlines() if "static.hotjar.com" not in line)
    after = report(page(f"{SHOP}/", fixture_html(SHAMING_PAGE)), page(f"{SHOP}/product/99", clean))
    section = compare(after, before)
    hotjar = [f for f in section["fixed"] if "hotjar" in f["message"].lower()]
    assert {f["url"] for f in hotjar} == {f"{SHOP}/product/12345", f"{SHOP}/product/12346"}


def test_more_pages_of_a_known_template_bring_no_new_findings(before: dict) -> None:
    html = fixture_html(TRACKERS_PAGE)
    after = report(*site(), page(f"{SHOP}/product/555", html), page(f"{SHOP}/product/556", html))
    section = compare(after, before)
    assert section["new"] == section["changed"] == 0
    assert section["unchanged"] == sum(len(p["findings"]) for p in after["pages"])


def test_a_finding_that_spreads_to_a_page_the_baseline_saw_clean_is_new() -> None:
    html = fixture_html(TRACKERS_PAGE)
    clean = "\n".join(line for line in html.splitlines() if "static.hotjar.com" not in line)
    earlier = report(page(f"{SHOP}/product/1", html), page(f"{SHOP}/product/2", clean))
    after = report(page(f"{SHOP}/product/1", html), page(f"{SHOP}/product/2", html))
    compare(after, earlier)
    spread = [(p["url"], f["rule"]) for p in after["pages"] for f in p["findings"] if f["baseline"] == "new"]
    assert spread == [(f"{SHOP}/product/2", "tracker.third-party")]


def test_a_known_finding_on_an_unvisited_page_is_not_fixed_while_it_is_still_around(before: dict) -> None:
    # the baseline saw the trackers on /product/12345 and /product/12346; this run saw only 12346
    after = report(page(f"{SHOP}/", fixture_html(SHAMING_PAGE)),
                   page(f"{SHOP}/product/12346", fixture_html(TRACKERS_PAGE)))
    section = compare(after, before)
    assert section["fixed"] == []
    assert {f["url"] for f in section["unverified"]} == {f"{SHOP}/product/12345"}
    assert section["new"] == section["changed"] == 0


def test_gate_counts_only_new_and_changed(before: dict) -> None:
    same = report(*site())
    assert gate_failures(same, "high")  # without a baseline, the high findings fail
    compare(same, before)
    assert gate_failures(same, "info") == []
    worse = report(*site(trackers_html=without_reject_button(fixture_html(TRACKERS_PAGE))))
    compare(worse, before)
    assert {f["rule"] for f in gate_failures(worse, "high")} == {"consent.no-reject-first-layer"}
    assert {f["rule"] for f in gate_failures(worse, "info")} == {"consent.no-reject-first-layer", "consent.banner"}
    assert gate_failures(worse, "none") == [] and gate_failures(worse, None) == []


# -- loading ------------------------------------------------------------------------------------

def test_load_report_keeps_pages_and_findings(tmp_path, before: dict) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({**before, "run": {"options": {}}, "trackers": []}))
    loaded = load_report(path)
    assert loaded["schema"] == before["schema"] and loaded["target"] == before["target"]
    assert [p["url"] for p in loaded["pages"]] == [p["url"] for p in before["pages"]]
    assert [p["findings"] for p in loaded["pages"]] == [p["findings"] for p in before["pages"]]


@pytest.mark.parametrize(
    "content,expected",
    [
        (None, "no such file"),
        ("not json", "invalid JSON"),
        ("[1, 2]", "Expected `object`, got `array`"),
        ('{"schema": "brightline.snapshot/1", "pages": []}', "schema is 'brightline.snapshot/1'"),
        ('{"schema": "brightline.report/1"}', "missing required field `pages`"),
        ('{"pages": [{"url": "x", "findings": "none"}]}', "at `$.pages[0].findings`"),
        ('{"pages": [{"url": "x", "findings": [{"message": "m"}]}]}', "without a 'rule' - at `$.pages[0]`"),
    ],
)
def test_unusable_files_are_one_line_errors_naming_the_file(tmp_path, content, expected) -> None:
    path = tmp_path / "old.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(BrightlineError) as err:
        load_report(path, "--baseline")
    message = str(err.value)
    assert expected in message
    assert message.startswith(f"--baseline {path}:")
    assert "\n" not in message


def test_a_directory_is_not_a_report(tmp_path) -> None:
    with pytest.raises(BrightlineError, match="is a directory"):
        load_report(tmp_path)


# -- brightline check --baseline -----------------------------------------------------------------

def test_check_with_a_baseline_gates_only_what_the_release_added(tmp_path, monkeypatch, capsys) -> None:
    from companion.cli import main

    monkeypatch.chdir(tmp_path)  # no policy file around
    released = tmp_path / "released.html"
    released.write_text(fixture_html(TRACKERS_PAGE), encoding="utf-8")
    url = f"{SHOP}/product/1"
    assert main(["check", str(released), "--url", url, "--fail-on", "high"]) == 1  # trackers before consent
    baseline = tmp_path / "baseline.json"
    baseline.write_text(capsys.readouterr().out, encoding="utf-8")

    candidate = tmp_path / "candidate.html"
    candidate.write_text(reworded(fixture_html(TRACKERS_PAGE)), encoding="utf-8")
    assert main(["check", str(candidate), "--url", f"{SHOP}/product/2", "--baseline", str(baseline),
                 "--fail-on", "high"]) == 0
    marked = json.loads(capsys.readouterr().out)
    assert marked["baseline"]["unchanged"] == len(marked["pages"][0]["findings"]) > 0

    candidate.write_text(without_reject_button(fixture_html(TRACKERS_PAGE)), encoding="utf-8")
    assert main(["check", str(candidate), "--url", url, "--baseline", str(baseline), "--fail-on", "high"]) == 1
    marked = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in marked["pages"][0]["findings"] if f["baseline"] == "new"] == [
        "consent.no-reject-first-layer"]

    assert main(["check", str(candidate), "--baseline", str(tmp_path / "missing.json")]) == 2
    assert "--baseline" in capsys.readouterr().err
