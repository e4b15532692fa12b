"""Typed boundaries: the Snapshot the collector produces and the Finding the analyzer emits.

The JSON Schema in ``companion/schema/snapshot.schema.json`` is generated from these
structs (``python -m companion.schema``), so there is one source of truth.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

SNAPSHOT_SCHEMA = "brightline.snapshot/1"
REPORT_SCHEMA = "brightline.report/1"

Source = Literal["extension", "crawler", "file"]
Phase = Literal["initial", "after-reject", "after-accept"]
Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[str, ...] = ("high", "medium", "low", "info")


class Box(msgspec.Struct, frozen=True):
    """Bounding box in CSS pixels, relative to the top-left of the document."""

    x: float
    y: float
    width: float
    height: float


class Style(msgspec.Struct, omit_defaults=True):
    """The subset of computed style that visual judgements need.

    Colours are CSS colour strings as the browser reports them (``rgb(…)``/``rgba(…)``).
    ``effective_background`` is the first non-transparent background found walking up
    from the element, which is what the text is actually read against.
    """

    color: str | None = None
    background_color: str | None = None
    effective_background: str | None = None
    font_size: float | None = None
    font_weight: int | None = None
    padding: list[float] | None = None
    border_width: float | None = None
    border_color: str | None = None
    border_style: str | None = None
    opacity: float | None = None
    z_index: int | None = None
    position: str | None = None
    display: str | None = None
    visibility: str | None = None
    text_decoration: str | None = None
    cursor: str | None = None
    overflow: str | None = None
    filter: str | None = None


class Element(msgspec.Struct, omit_defaults=True):
    """A visible interactive or structural element the collector recorded.

    ``idx`` is the element's number in this snapshot; the serialized DOM carries the same
    number in a ``data-bl-idx`` attribute so detectors can join markup and measurements.
    """

    idx: int
    tag: str
    text: str = ""
    label: str | None = None
    role: str | None = None
    selector: str = ""
    type: str | None = None
    href: str | None = None
    box: Box | None = None
    visible: bool = True
    checked: bool | None = None
    disabled: bool = False
    style: Style | None = None
    parent: int | None = None
    shadow: bool = False


class Viewport(msgspec.Struct, frozen=True):
    width: int = 1280
    height: int = 800


class Request(msgspec.Struct, omit_defaults=True):
    url: str
    type: str = "other"
    method: str = "GET"
    frame_url: str | None = None
    initiator: str | None = None
    time_ms: float | None = None
    status: int | None = None


class Cookie(msgspec.Struct, omit_defaults=True):
    """Cookie metadata. Never the value: only its length and an entropy estimate."""

    name: str
    domain: str = ""
    path: str = "/"
    expires: float | None = None
    secure: bool = False
    http_only: bool = False
    same_site: str | None = None
    session: bool = False
    value_length: int = 0
    entropy: float = 0.0
    # Unchanged since the capture made before the person chose (the crawler compares):
    # left over from before a refusal, not stored after it.
    before_choice: bool = False


class StorageKey(msgspec.Struct, omit_defaults=True):
    key: str
    area: Literal["local", "session"] = "local"
    origin: str = ""
    value_length: int = 0
    entropy: float = 0.0
    before_choice: bool = False  # as for Cookie


class Frame(msgspec.Struct, omit_defaults=True):
    """A frame's own snapshot. Frames are kept apart and carry their origin."""

    url: str
    origin: str = ""
    dom: str = ""
    elements: list[Element] = []
    cross_origin: bool = False
    box: Box | None = None
    selector: str = ""


class CollectorInfo(msgspec.Struct, omit_defaults=True):
    version: str = ""
    duration_ms: float | None = None
    truncated: bool = False


class Snapshot(msgspec.Struct, omit_defaults=True):
    """What the collector saw on one page in one consent phase."""

    url: str
    schema: str = SNAPSHOT_SCHEMA
    source: Source = "file"
    phase: Phase = "initial"
    timestamp: str | None = None
    title: str = ""
    status: int | None = None
    viewport: Viewport = Viewport()
    dom: str = ""
    elements: list[Element] = []
    frames: list[Frame] = []
    requests: list[Request] = []
    cookies: list[Cookie] = []
    storage: list[StorageKey] = []
    collector: CollectorInfo | None = None


class Finding(msgspec.Struct, omit_defaults=True):
    """One thing the analyzer flags. ``evidence`` says where (selector, text, host …)."""

    rule: str
    severity: Severity
    message: str
    evidence: dict[str, Any] = {}
