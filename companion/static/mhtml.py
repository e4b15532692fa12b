"""Web archives (MHTML): what Chrome and Edge write for "Save page as… Webpage, Single File".

An archive is a MIME ``multipart/related`` message: the page's rendered DOM as one
``text/html`` part, and every stylesheet, image and frame document as a part of its own,
named by ``Content-Location`` (the URL it came from) or ``Content-ID`` (frames, which the
page then refers to as ``cid:…``). Only what the analysis reads is kept: the documents and
the stylesheets.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

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
    message = email.message_from_bytes(data, policy=email.policy.default)
    snapshot_url = str(message.get("Snapshot-Content-Location", "") or "")
    pages: list[Document] = []
    archive_documents: dict[str, Document] = {}
    stylesheets: dict[str, str] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        location = str(part.get("Content-Location", "") or "").strip()
        if kind == "text/html":
            doc = Document(location, _payload(part))
            pages.append(doc)
            for key in (location, _cid(part)):
                if key:
                    archive_documents.setdefault(key, doc)
        elif kind == "text/css" and location:
            stylesheets[location] = _payload(part).decode(part.get_content_charset() or "utf-8", "replace")
    if not pages:
        raise InputError(f"{name}: a web archive (MHTML) with no HTML document in it")
    main = next((d for d in pages if snapshot_url and d.url == snapshot_url), pages[0])
    others = {key: doc for key, doc in archive_documents.items() if doc is not main}
    return Archive(main, others, stylesheets)


def _payload(part: EmailMessage) -> bytes:
    body = part.get_payload(decode=True)
    return body if isinstance(body, bytes) else b""


def _cid(part: EmailMessage) -> str:
    content_id = str(part.get("Content-ID", "") or "").strip()
    return f"cid:{content_id.strip('<>')}" if content_id else ""
