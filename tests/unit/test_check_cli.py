import json
import subprocess
import sys

import pytest

from companion.cli import main

BANNER_PAGE = b"""<!doctype html><html><head><title>Shop</title><style>
.cookie-bar{position:fixed;bottom:0;left:0;right:0;background:#fff}
</style></head><body><main><p>Welcome</p></main>
<div class="cookie-bar"><p>We use cookies for analytics and advertising.</p><button>Accept</button>
<button>Settings</button></div></body></html>"""


@pytest.fixture
def html_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(BANNER_PAGE)
    return path


def test_json_output_matches_report_format(html_file, capsys):
    assert main(["check", str(html_file), "--url", "https://shop.example.com/"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "brightline.report/1"
    assert report["tool"]["name"] == "brightline"
    assert report["target"] == "https://shop.example.com/"
    page = report["pages"][0]
    assert set(page) >= {"url", "status", "error", "findings"}
    rules = {f["rule"] for f in page["findings"]}
    assert "consent.no-reject-first-layer" in rules
    for f in page["findings"]:
        assert set(f) == {"rule", "severity", "message", "evidence"}
        assert f["severity"] in ("high", "medium", "low", "info")
    assert report["summary"]["pages"] == 1
    assert report["summary"]["by_rule"]["consent.no-reject-first-layer"] == 1


def test_text_output_is_readable(html_file, capsys):
    assert main(["check", str(html_file), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "No way to refuse on the first layer" in out
    assert "Why these matter" in out


def test_fail_on_gates_exit_code(html_file, capsys):
    assert main(["check", str(html_file), "--fail-on", "high"]) == 1
    assert main(["check", str(html_file), "--fail-on", "none"]) == 0


@pytest.mark.parametrize(
    "make,expected",
    [
        (lambda p: p / "missing.html", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "img.png", b"\x89PNG\r\n\x1a\n" + bytes(100)), "binary"),
        (lambda p: _write(p / "nul.html", b"<html>\x00\x00</html>"), "binary"),
        (lambda p: _write(p / "empty.html", b"  \n"), "empty"),
        (lambda p: _write(p / "bad.json", b'{"url": 5}'), "$.url"),
        (lambda p: _write(p / "broken.json", b'{"url": '), "not valid JSON"),
        (lambda p: _write(p / "report.json", b'{"schema": "brightline.report/1", "pages": []}'), "is a report"),
    ],
)
def test_bad_input_gets_one_line_error_and_exit_2(tmp_path, capsys, make, expected):
    path = make(tmp_path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def _write(path, data):
    path.write_bytes(data)
    return path


def test_50_mb_html_is_refused(tmp_path, capsys):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.truncate(50 * 1024 * 1024)
    assert main(["check", str(big)]) == 2
    assert "too large" in capsys.readouterr().err


def test_snapshot_json_round_trip(tmp_path, capsys):
    snap = {"schema": "brightline.snapshot/1", "url": "https://x.example/", "source": "crawler",
            "dom": BANNER_PAGE.decode()}
    path = tmp_path / "snap.json"
    path.write_text(json.dumps(snap))
    assert main(["check", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pages"][0]["banner"] is not None


def test_stdin_and_real_process(html_file):
    proc = subprocess.run(
        [sys.executable, "-m", "companion", "check", "-", "--url", "https://a.example/"],
        input=html_file.read_bytes(), capture_output=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["target"] == "https://a.example/"
    proc = subprocess.run([sys.executable, "-m", "companion", "check", "/nonexistent.html"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("brightline: error: /nonexistent.html: no such file")


def test_latin1_page_decodes_with_its_declared_charset(tmp_path, capsys):
    html = ('<html><head><meta charset="iso-8859-1"></head><body><div class="cookie-hinweis" '
            'style="position:fixed;bottom:0">Wir verwenden Cookies für Statistiken. '
            '<button>Alle akzeptieren</button><button>Ablehnen</button></div></body></html>')
    path = tmp_path / "latin.html"
    path.write_bytes(html.encode("latin-1"))
    assert main(["check", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "für" in report["pages"][0]["banner"]["controls"][0]["text"] or report["pages"][0]["banner"]


CLEAN_PAGE = b"<!doctype html><html><head><title>About</title></head><body><p>Hello.</p></body></html>"


def test_several_files_make_one_report_with_a_page_each(tmp_path, html_file, capsys):
    clean = _write(tmp_path / "about.html", CLEAN_PAGE)
    assert main(["check", str(html_file), str(clean), "--fail-on", "high"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [p["file"] for p in report["pages"]] == [str(html_file), str(clean)]
    assert report["summary"]["pages"] == 2
    banner_page, clean_page = report["pages"]
    assert "consent.no-reject-first-layer" in {f["rule"] for f in banner_page["findings"]}
    assert clean_page["findings"] == [] and clean_page["error"] is None
    assert report["target"] == str(tmp_path)


def test_an_unusable_file_among_several_is_reported_and_the_rest_analysed(tmp_path, html_file, capsys):
    missing = tmp_path / "gone.html"
    assert main(["check", str(missing), str(html_file), "--fail-on", "none"]) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    gone, analysed = report["pages"]
    assert "no such file" in gone["error"] and gone["findings"] == []
    assert analysed["error"] is None and analysed["findings"]
    assert "gone.html: no such file" in captured.err
    assert "1 of 2 files could not be analysed" in captured.err


def test_url_goes_with_one_file_only(tmp_path, html_file, capsys):
    clean = _write(tmp_path / "about.html", CLEAN_PAGE)
    assert main(["check", str(html_file), str(clean), "--url", "https://shop.example/"]) == 2
    assert "--url names one page" in capsys.readouterr().err
