"""Web archives (MHTML): what Chrome and Edge write for "Save page as… Webpage, Single File".

An archive is a MIME ``multipart/related`` message: the page's rendered DOM as one
``text/html`` part, and every stylesheet, image and frame document as a part of its own,
named by ``Content-Location`` (the URL it came from) or ``Content-ID`` (frames, which the
page then refers to as ``cid:…``). Only what the analysis reads is kept: the documents and
the stylesheets.
"""

from __future__ import annotations

import base64
import email.policy
import quopri
import re
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesHeaderParser

from companion.errors import InputError

_HEADER = re.compile(rb"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?content-type:\s*multipart/related", re.I)


@dataclass(frozen=True)
class Document:
    url: str
    html: bytes  # the part's bytes, transfer encoding undone; decoded like a saved page


@dataclass
class Archive:
    page: Document
    # Other HTML parts, by every name the page may use for them: "cid:…" and their URL.
    documents: dict[str, Document] = field(default_factory=dict)
    stylesheets: dict[str, str] = field(default_factory=dict)  # URL -> CSS text


def looks_like_mhtml(data: bytes) -> bool:
    """Whether ``data`` starts as a MIME archive: mail-style headers declaring
    ``multipart/related`` before the first blank line."""
    head = data[:4096].replace(b"\r\n", b"\n").lstrip(b"\xef\xbb\xbf")
    return _HEADER.match(head) is not None


def read_mhtml(data: bytes, name: str) -> Archive:
    """The documents and stylesheets of an archive. Other parts (images, fonts: most of the
    bytes) are stepped over without being decoded or copied."""
    head_end = _headers_end(data, 0)
    headers = _HEADERS.parsebytes(data[:head_end])
    boundary = headers.get_boundary()
    if not boundary:
        raise InputError(f"{name}: a web archive (MHTML) with no part boundary in its headers")
    snapshot_url = str(headers.get("Snapshot-Content-Location", "") or "")
    delimiter = b"--" + boundary.encode("ascii", "replace")
    pages: list[Document] = []
    named: dict[str, Document] = {}
    stylesheets: dict[str, str] = {}
    pos = data.find(delimiter, head_end)
    while pos >= 0 and not data.startswith(b"--", pos + len(delimiter)):
        start = data.find(b"\n", pos + len(delimiter)) + 1  # the part's headers: the line after
        if start == 0:
            break
        pos = data.find(delimiter, start)
        end = len(data) if pos < 0 else pos
        body_at = _headers_end(data, start, end)
        part = _HEADERS.parsebytes(data[start:body_at])
        kind = part.get_content_type()
        if kind not in ("text/html", "text/css"):
            continue
        body = _decoded(data[body_at:end].rstrip(b"\r\n"), str(part.get("Content-Transfer-Encoding", "")))
        location = str(part.get("Content-Location", "") or "").strip()
        if kind == "text/css":
            if location:
                stylesheets[location] = body.decode(part.get_content_charset() or "utf-8", "replace")
            continue
        doc = Document(location, body)
        pages.append(doc)
        for key in (location, _cid(part)):
            if key:
                named.setdefault(key, doc)
    if not pages:
        raise InputError(f"{name}: a web archive (MHTML) with no HTML document in it")
    main = next((d for d in pages if snapshot_url and d.url == snapshot_url), pages[0])
    return Archive(main, {key: doc for key, doc in named.items() if doc is not main}, stylesheets)


_HEADERS = BytesHeaderParser(policy=email.policy.default)


def _headers_end(data: bytes, start: int, end: int | None = None) -> int:
    """Where the body begins after the header lines that start at ``start``."""
    end = len(data) if end is None else end
    for blank in (b"\r\n", b"\n"):
        if data.startswith(blank, start):
            return start + len(blank)  # no headers at all
    found = [i + len(sep) for sep in (b"\r\n\r\n", b"\n\n") if (i := data.find(sep, start, end)) >= 0]
    return min(found) if found else end


def _decoded(body: bytes, transfer_encoding: str) -> bytes:
    encoding = transfer_encoding.strip().lower()
    if encoding == "quoted-printable":
        return quopri.decodestring(body)
    if encoding == "base64":
        return base64.b64decode(body, validate=False)
    return body


def _cid(part: Message) -> str:
    content_id = str(part.get("Content-ID", "") or "").strip()
    return f"cid:{content_id.strip('<>')}" if content_id else ""
