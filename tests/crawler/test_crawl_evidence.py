import json

from crawler.evidence import banner_fingerprint, page_slug, redact_har


def test_page_slug_is_safe_and_unique() -> None:
    a = page_slug("https://shop.example/a?x=1")
    b = page_slug("https://shop.example/a?x=2")
    assert a != b
    assert all(c.isalnum() or c == "-" for c in a)
    assert page_slug("https://shop.example/" + "x" * 500).__len__() < 80


def test_har_keeps_names_but_drops_cookie_values_and_credentials(tmp_path) -> None:
    har = {
        "log": {
            "entries": [
                {
                    "request": {
                        "headers": [
                            {"name": "Cookie", "value": "sid=SECRET123"},
                            {"name": "Accept", "value": "text/html"},
                            {"name": "Authorization", "value": "Bearer SECRET456"},
                        ],
                        "cookies": [{"name": "sid", "value": "SECRET123"}],
                    },
                    "response": {
                        "headers": [{"name": "set-cookie", "value": "uid=SECRET789; Secure"}],
                        "cookies": [{"name": "uid", "value": "SECRET789"}],
                    },
                }
            ]
        }
    }
    path = tmp_path / "page.har"
    path.write_text(json.dumps(har))
    redact_har(path)
    text = path.read_text()
    assert "SECRET" not in text
    data = json.loads(text)
    entry = data["log"]["entries"][0]
    assert entry["request"]["cookies"][0]["name"] == "sid"
    assert entry["request"]["headers"][1]["value"] == "text/html"
    assert "redacted" in entry["response"]["cookies"][0]["value"]


def test_banner_fingerprint_changes_with_wording() -> None:
    base = {"platform": "p", "selector": "#b", "controls": [{"role": "reject", "text": "Reject"}]}
    other = {**base, "controls": [{"role": "reject", "text": "No thanks, I like paying more"}]}
    assert banner_fingerprint(base) == banner_fingerprint(dict(base))
    assert banner_fingerprint(base) != banner_fingerprint(other)
