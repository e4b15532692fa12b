"""``brightline lint-text`` through ``companion.cli.main`` and as a real process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import main
from companion.commands.lint_text import lint_stream

ROOT = Path(__file__).resolve().parents[2]


class _Std(io.TextIOWrapper):
    """A text stream with a ``.buffer``, like sys.stdin/sys.stdout, that can claim to be a TTY."""

    def __init__(self, data: bytes = b"", tty: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_cli(monkeypatch: pytest.MonkeyPatch, data: bytes, *args: str) -> tuple[int, list[dict]]:
    stdin, stdout = _Std(data), _Std()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    code = main(["lint-text", *args])
    raw = stdout.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return code, [json.loads(line) for line in raw.splitlines()]


def test_one_object_per_line_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"No thanks, I hate saving money\n\nOnly 2 left in stock\nHello world\n"
    code, out = run_cli(monkeypatch, data)
    assert code == 0
    assert [o["text"] for o in out] == [
        "No thanks, I hate saving money", "", "Only 2 left in stock", "Hello world"]
    assert [[f["rule"] for f in o["findings"]] for o in out] == [
        ["consent.confirmshaming"], [], ["pressure.scarcity"], []]
    finding = out[0]["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "evidence"}
    assert finding["severity"] == "medium"
    assert finding["evidence"]["lang"] == "en"


def test_invalid_utf8_is_replaced_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(monkeypatch, b"\xff\xfe only 2 left\r\n\xc3\n")
    assert code == 0
    assert out[0]["text"].startswith("\ufffd")
    assert out[0]["findings"][0]["rule"] == "pressure.scarcity"
    assert out[1] == {"text": "\ufffd", "findings": []}


def test_last_line_without_newline_and_bom(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(monkeypatch, "\ufeffSale ends Sunday".encode())
    assert out == [out[0]] and out[0]["text"] == "Sale ends Sunday"
    assert out[0]["findings"][0]["evidence"]["text"] == "Sale ends Sunday"


@pytest.mark.parametrize(
    ("fail_on", "code"), [("high", 0), ("medium", 1), ("low", 1), ("info", 1), ("none", 0)]
)
def test_fail_on(monkeypatch: pytest.MonkeyPatch, fail_on: str, code: int) -> None:
    got, _ = run_cli(monkeypatch, b"No thanks, I prefer paying full price\n", "--fail-on", fail_on)
    assert got == code


def test_low_findings_do_not_fail_a_medium_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(monkeypatch, b"Only 2 left\n", "--fail-on", "medium")
    assert code == 0 and out[0]["findings"]


def test_rules_filter_and_unknown_rule(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    text = b"Hurry, only 2 left! 14 people are looking at this\n"
    _, out = run_cli(monkeypatch, text, "--rules", "pressure.social-proof")
    assert [f["rule"] for f in out[0]["findings"]] == ["pressure.social-proof"]
    code, _ = run_cli(monkeypatch, text, "--rules", "pressure.nope")
    assert code == 2
    assert "unknown rule pressure.nope" in capsys.readouterr().err


def test_checkbox_mode_reads_lines_as_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    text = b"I do not want to not receive offers\n"
    assert run_cli(monkeypatch, text)[1][0]["findings"] == []
    _, out = run_cli(monkeypatch, text, "--checkbox")
    assert out[0]["findings"][0]["rule"] == "sharing.trick-question"


class _CountingSink(io.BytesIO):
    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def test_flushes_per_line_only_when_interactive() -> None:
    lines = b"a\nb\nc\n"
    sink = _CountingSink()
    lint_stream(io.BytesIO(lines), sink, flush_each=True)
    assert sink.flushes >= 3
    sink = _CountingSink()
    lint_stream(io.BytesIO(lines), sink, flush_each=False)
    assert sink.flushes == 1


def test_help_teaches_with_examples(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["lint-text", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--fail-on" in out and "pressure.countdown" in out


def _brightline() -> list[str]:
    exe = Path(sys.executable).with_name("brightline")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "companion"]


def test_subprocess_streams_and_gates() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    data = b"Nein danke, ich zahle lieber den vollen Preis\nplain text\n"
    proc = subprocess.run([*_brightline(), "lint-text", "--fail-on", "medium"], input=data,
                          capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert out[0]["findings"][0]["evidence"]["lang"] == "de"
    assert out[1]["findings"] == []
    assert proc.stderr == b""


def test_subprocess_stops_quietly_when_the_reader_goes_away() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = " ".join(_brightline()) + " lint-text | head -n 1"
    proc = subprocess.run(["bash", "-c", f"yes 'Only 2 left' | head -n 20000 | {cmd}"],
                          capture_output=True, env=env, timeout=120)
    assert proc.stdout.count(b"\n") == 1
    assert b"Traceback" not in proc.stderr
