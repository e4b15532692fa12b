"""Saved pages in the shapes browsers write besides plain HTML: web archives (MHTML, Chrome's
"Webpage, Single File"), inline frames (``srcdoc``) and declarative shadow roots."""

from __future__ import annotations

import base64
import quopri

import pytest

from companion.cli import main
from companion.commands.check import analyze_file
from companion.static.mhtml import looks_like_mhtml

BOUNDARY = "----MultipartBoundary--Qz7vXw2nP4----"

PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Rivière Café</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><header><h1>Rivière Café</h1><nav><a href="/carte">La carte</a></nav></header>
<main><p>Nos pâtisseries du jour, faites maison.</p></main>
{frame}
<div id="cmp" class="cmp-bar"><p>Nous et nos partenaires utilisons des cookies pour mesurer l’audience
et personnaliser les publicités.</p><button class="cmp-yes">Tout accepter</button>
<button class="cmp-no">Tout refuser</button></div></body></html>"""

FAINT_REJECT_CSS = """.cmp-bar{position:fixed;bottom:0;left:0;right:0;background:#fff;z-index:9999}
.cmp-yes{background:#e3342f;color:#fff;font-size:18px;font-weight:700;padding:14px 36px;border:0}
.cmp-no{background:transparent;color:#c8c8c8;font-size:11px;padding:0;border:0;text-decoration:underline}"""

FRAME = """<html><head><title>Partenaires</title></head><body><p>Carte interactive</p>
<img src="https://www.facebook.com/tr?id=4417001&amp;ev=PageView&amp;noscript=1" width="1" height="1" alt="">
</body></html>"""


def _part(headers: list[str], body: bytes, encoding: str = "quoted-printable") -> str:
    encoded = quopri.encodestring(body) if encoding == "quoted-printable" else base64.encodebytes(body)
    head = [*headers, f"Content-Transfer-Encoding: {encoding}"]
    return f"--{BOUNDARY}\r\n" + "\r\n".join(head) + "\r\n\r\n" + encoded.decode("ascii") + "\r\n"


def archive(page: str, *, css: str | None = FAINT_REJECT_CSS, frame: str | None = None) -> bytes:
    """A web archive laid out as Chrome writes one."""
    out = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.riviere-cafe.fr/\r\n"
        "Subject: =?utf-8?Q?Rivi=C3=A8re_Caf=C3=A9?=\r\nDate: Mon, 23 Nov 2026 10:00:00 -0000\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
        f"\tboundary=\"{BOUNDARY}\"\r\n\r\n\r\n"
    )
    out += _part(["Content-Type: text/html", "Content-ID: <frame-5D1C@mhtml.blink>",
                  "Content-Location: https://www.riviere-cafe.fr/"], page.encode())
    if css is not None:
        out += _part(["Content-Type: text/css", "Content-Location: https://www.riviere-cafe.fr/assets/site.css"],
                     css.encode())
    out += _part(["Content-Type: image/png", "Content-Location: https://www.riviere-cafe.fr/logo.png"],
                 b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", encoding="base64")
    if frame is not None:
        out += _part(["Content-Type: text/html", "Content-ID: <frame-77AE@mhtml.blink>",
                      "Content-Location: https://maps.partner-widgets.com/embed?id=9"], frame.encode())
    return (out + f"--{BOUNDARY}--\r\n").encode("ascii")


def _rules(path, url=None) -> set[str]:
    return {f.rule for f in analyze_file(path, url).findings}


def test_a_web_archive_is_analysed_as_the_page_it_holds_with_its_archived_css(tmp_path):
    saved = tmp_path / "cafe.mhtml"
    saved.write_bytes(archive(PAGE.format(frame="")))
    analysis = analyze_file(saved)
    assert analysis.url == "https://www.riviere-cafe.fr/"  # from the archive, not the file name
    rules = {f.rule for f in analysis.findings}
    assert "consent.banner" in rules
    assert "consent.asymmetric-choice" in rules  # the faint refusal is styled by the archived sheet

    saved.write_bytes(archive(PAGE.format(frame="")).replace(b"\r\n", b"\n"))  # line ends as some tools write
    assert "consent.asymmetric-choice" in _rules(saved)

    saved.write_bytes(archive(PAGE.format(frame=""), css=None))
    assert "consent.asymmetric-choice" not in _rules(saved)


def test_an_archived_frame_is_analysed_and_its_requests_count(tmp_path):
    page = PAGE.format(frame='<iframe src="cid:frame-77AE@mhtml.blink" title="Carte"></iframe>')
    saved = tmp_path / "cafe.mhtml"
    saved.write_bytes(archive(page, frame=FRAME))
    analysis = analyze_file(saved)
    assert "www.facebook.com" in {t["host"] for t in analysis.trackers}

    saved.write_bytes(archive(page))  # the frame's part is missing: nothing to read
    assert "www.facebook.com" not in {t["host"] for t in analyze_file(saved).trackers}


def test_a_banner_in_an_inline_frame_is_found_but_not_one_in_a_template(tmp_path, capsys):
    banner = ("<div class='consent'><p>We use cookies to personalise ads and measure our audience.</p>"
              "<button>Accept all</button></div>")
    srcdoc = banner.replace("'", "&#39;")
    saved = tmp_path / "page.html"
    saved.write_text(f'<html><body><p>News</p><iframe srcdoc="{srcdoc}"></iframe></body></html>')
    assert {"consent.banner", "consent.no-reject-first-layer"} <= _rules(saved, "https://news.example/")
    main(["check", str(saved), "--url", "https://news.example/", "--format", "text"])
    assert "(in the frame from https://news.example)" in capsys.readouterr().out

    saved.write_text(f'<html><body><p>News</p><template><iframe srcdoc="{srcdoc}"></iframe></template></body></html>')
    assert "consent.banner" not in _rules(saved, "https://news.example/")


@pytest.mark.parametrize("attribute", ["shadowrootmode", "shadowroot", "shadowmode"])
def test_declarative_shadow_roots_under_every_name_browsers_wrote_are_read(tmp_path, attribute):
    saved = tmp_path / "page.html"
    saved.write_text(
        "<html><body><main><p>Shop</p></main><cookie-notice>"
        f"<template {attribute}='open'><div class='consent-dialog' role='dialog'>"
        "<p>We and our partners use cookies for advertising and analytics.</p>"
        "<button>Accept all</button></div></template></cookie-notice></body></html>"
    )
    assert {"consent.banner", "consent.no-reject-first-layer"} <= _rules(saved, "https://shop.example/")


def test_an_archive_without_an_html_document_is_refused(tmp_path, capsys):
    saved = tmp_path / "broken.mhtml"
    saved.write_bytes(archive(PAGE).replace(b"Content-Type: text/html", b"Content-Type: text/plain"))
    assert main(["check", str(saved)]) == 2
    err = capsys.readouterr().err
    assert "MHTML" in err and "no HTML document" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "data, expected",
    [
        (archive(PAGE), True),
        (archive(PAGE).replace(b"\r\n", b"\n"), True),
        (b"<!doctype html><p>Content-Type: multipart/related</p>", False),
        (b"Subject: notes\n\nContent-Type: multipart/related\n", False),  # only in the body
        (b'{"url": "https://a.example/", "dom": "Content-Type: multipart/related"}', False),
    ],
)
def test_archives_are_recognised_by_their_headers_only(data, expected):
    assert looks_like_mhtml(data) is expected
