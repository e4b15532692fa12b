"""Snapshot decoding and validation, and the JSON Schema generated from the models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec

from companion.errors import SnapshotError
from companion.models import SNAPSHOT_SCHEMA, Snapshot

SCHEMA_FILE = Path(__file__).with_name("snapshot.schema.json")
_decoder = msgspec.json.Decoder(Snapshot)
_PATH_RE = re.compile(r" - at `(?P<path>[^`]+)`$")


def _split_msgspec_error(err: Exception) -> tuple[str, str]:
    text = str(err)
    match = _PATH_RE.search(text)
    if not match:
        return text, "$"
    return text[: match.start()], match.group("path")


def decode_snapshot(data: bytes | str) -> Snapshot:
    """Decode and validate snapshot JSON. Raises SnapshotError naming the bad field."""
    try:
        snap = _decoder.decode(data)
    except msgspec.ValidationError as err:
        message, path = _split_msgspec_error(err)
        raise SnapshotError(message, path) from None
    except msgspec.DecodeError as err:
        raise SnapshotError(f"not valid JSON ({err})") from None
    except UnicodeDecodeError as err:
        raise SnapshotError(f"text is not valid UTF-8 at byte {err.start}") from None
    return check_version(snap)


def snapshot_from_obj(obj: object) -> Snapshot:
    """Validate an already-parsed JSON object (for example from a report or a test)."""
    try:
        snap = msgspec.convert(obj, Snapshot)
    except msgspec.ValidationError as err:
        message, path = _split_msgspec_error(err)
        raise SnapshotError(message, path) from None
    return check_version(snap)


def check_version(snap: Snapshot) -> Snapshot:
    if snap.schema != SNAPSHOT_SCHEMA:
        raise SnapshotError(
            f"unsupported schema {snap.schema!r}; this version of brightline reads "
            f"{SNAPSHOT_SCHEMA!r}",
            "$.schema",
        )
    return snap


def encode_snapshot(snap: Snapshot) -> bytes:
    return msgspec.json.encode(snap)


def generated_schema() -> dict:
    schema = msgspec.json.schema(Snapshot)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://brightline.dev/schema/snapshot-1.json"
    schema["title"] = f"Brightline snapshot ({SNAPSHOT_SCHEMA})"
    return schema


def write_schema() -> Path:
    SCHEMA_FILE.write_text(json.dumps(generated_schema(), indent=2, sort_keys=True) + "\n")
    return SCHEMA_FILE
