"""``brightline crawl``: arguments, exit codes, the one-line start-URL error, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.cli import build_parser, main

REPO = Path(__file__).resolve().parent.parent.parent


def test_crawl_is_a_subcommand_with_the_documented_flags(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["crawl", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for flag in (
        "--max-pages",
        "--max-depth",
        "--concurrency",
        "--out",
        "--interact",
        "--chrome-flags",
        "--browser",
        "--fail-on",
        "--baseline",
        "--timeout",
        "--resume",
        "--ignore-robots",
        "--allow",
        "--deny",
        "--har",
        "--quiet",
    ):
        assert flag in text
    args = build_parser().parse_args(["crawl", "https://a.example/", "--allow", "/a", "--allow", "/b"])
    assert args.allow == ["/a", "/b"] and args.interact == "reject" and args.fail_on is None  # policy, else high


def test_bad_arguments_are_usage_errors(tmp_path, capsys) -> None:
    assert main(["crawl", "https://a.example/", "--deny", "([", "--out", str(tmp_path)]) == 2
    assert "not a valid regex" in capsys.readouterr().err
    assert main(["crawl", "ftp://a.example/", "--out", str(tmp_path)]) == 2
    assert "not an http(s) URL" in capsys.readouterr().err
    assert main(["crawl", "https://a.example/", "--chrome-flags=--x='unclosed"]) == 2
    assert "--chrome-flags" in capsys.readouterr().err
    assert main(["crawl", "https://a.example/", "--max-pages", "0", "--out", str(tmp_path)]) == 2
    with pytest.raises(SystemExit):
        main(["crawl", "https://a.example/", "--interact", "maybe"])


@pytest.mark.browser
def test_unreachable_start_url_exits_2_with_one_line(tmp_path, capsys, chromium_path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = main(["crawl", f"http://127.0.0.1:{port}/", "--out", str(tmp_path), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "could not load the start URL" in err and "connection refused" in err
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["pages"][0]["error"]  # the failed page is still in the report


@pytest.mark.browser
def test_start_url_5xx_exits_2(local_site, tmp_path, capsys, chromium_path) -> None:
    assert main(["crawl", local_site.url("/broken"), "--out", str(tmp_path), "--quiet"]) == 2
    assert "HTTP 500" in capsys.readouterr().err


@pytest.mark.browser
def test_gate_and_baseline(fixture_web, tmp_path, chromium_path) -> None:
    url = fixture_web.url("www.megadeals-outlet.com", "/")
    common = [
        "--max-pages",
        "1",
        "--chrome-flags",
        fixture_web.chrome_flags_arg,
        "--quiet",
        "--no-sitemap",
        "--interact",
        "none",
    ]
    assert main(["crawl", url, "--out", str(tmp_path / "a"), *common]) == 1  # high findings
    assert main(["crawl", url, "--out", str(tmp_path / "b"), "--fail-on", "none", *common]) == 0
    baseline = tmp_path / "a" / "report.json"
    assert main(["crawl", url, "--out", str(tmp_path / "c"), "--baseline", str(baseline), *common]) == 0


@pytest.mark.browser
def test_ctrl_c_writes_the_report_so_far(local_site, tmp_path, chromium_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion.cli",
            "crawl",
            local_site.url("/trouble"),
            "--out",
            str(tmp_path),
            "--concurrency",
            "1",
            "--timeout",
            "40",
            "--delay",
            "0",
            "--interact",
            "none",
            "--no-sitemap",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    deadline = time.monotonic() + 60
    while local_site.hits["/hang"] == 0 and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until the crawl is stuck on the hanging page
    assert local_site.hits["/hang"] == 1
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["run"]["interrupted"] is True
    urls = [p["url"] for p in report["pages"]]
    assert local_site.url("/trouble") in urls and local_site.url("/hang") not in urls
