import json

import jsonschema
import pytest

from companion.errors import SnapshotError
from companion.models import SNAPSHOT_SCHEMA
from companion.schema import SCHEMA_FILE, decode_snapshot, generated_schema


def test_committed_schema_is_the_generated_one():
    assert json.loads(SCHEMA_FILE.read_text()) == json.loads(json.dumps(generated_schema(), sort_keys=True))


def test_valid_snapshot_passes_both_validators():
    raw = {"url": "https://a.example/", "schema": SNAPSHOT_SCHEMA, "source": "crawler",
           "elements": [{"idx": 0, "tag": "button", "text": "OK", "box": {"x": 0, "y": 0, "width": 1, "height": 1}}],
           "cookies": [{"name": "_ga", "value_length": 26, "entropy": 3.2}]}
    jsonschema.validate(raw, json.loads(SCHEMA_FILE.read_text()))
    snap = decode_snapshot(json.dumps(raw).encode())
    assert snap.elements[0].tag == "button"


@pytest.mark.parametrize(
    "raw,path",
    [
        ({"url": 3}, "$.url"),
        ({"url": "u", "phase": "later"}, "$.phase"),
        ({"url": "u", "elements": [{"idx": "a", "tag": "b"}]}, "$.elements[0].idx"),
        ({"url": "u", "cookies": [{"name": "x", "value_length": "long"}]}, "$.cookies[0].value_length"),
        ({"elements": []}, "$"),
        ({"url": "u", "schema": "brightline.snapshot/9"}, "$.schema"),
    ],
)
def test_errors_name_the_field(raw, path):
    with pytest.raises(SnapshotError) as err:
        decode_snapshot(json.dumps(raw).encode())
    assert err.value.path == path
    assert path in str(err.value)


def test_cookie_model_has_no_value_field():
    props = generated_schema()["$defs"]["Cookie"]["properties"]
    assert "value" not in props and "value_length" in props and "entropy" in props


def test_invalid_utf8_inside_a_string_is_a_clear_error():
    with pytest.raises(SnapshotError) as err:
        decode_snapshot(b'{"url": "https://a.example/\xff\xfe"}')
    assert "UTF-8" in str(err.value) or "JSON" in str(err.value)
