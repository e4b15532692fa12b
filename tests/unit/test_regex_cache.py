"""Compiled patterns and pattern analyses kept on disk between runs (companion.regex_cache)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from companion import regex_cache

ROOT = Path(__file__).resolve().parents[2]
PATTERN = r"(?P<word>no,? thanks?)(?: (?:i|we)'d rather (?P<bad>pay|miss out))?|only \d+ left"
TEXTS = ["no thanks i'd rather pay", "No, thank", "only 3 left", "nothing here", "no thanks we'd rather miss out"]


@pytest.fixture
def fresh_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each call starts what a new process would: an empty store reading the cache file."""
    monkeypatch.setenv("BRIGHTLINE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BRIGHTLINE_NO_CACHE", raising=False)

    def start() -> regex_cache._Store:
        store = regex_cache._Store()
        monkeypatch.setattr(regex_cache, "_store", store)
        return store

    start()
    return start


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        ma, mb = a.search(text), b.search(text)
        assert (ma and (ma.span(), ma.groupdict(), ma.lastgroup)) == (mb and (mb.span(), mb.groupdict(), mb.lastgroup))


def test_a_pattern_compiled_in_an_earlier_run_is_reused_and_matches_the_same(fresh_run, monkeypatch) -> None:
    first = fresh_run()
    compiled = regex_cache.compile(PATTERN, re.IGNORECASE)
    _same(compiled, re.compile(PATTERN, re.IGNORECASE))
    first.save()
    assert list(first.path.parent.glob("patterns-*.marshal")) == [first.path]

    second = fresh_run()
    monkeypatch.setattr(regex_cache._parser, "parse", lambda *a: pytest.fail("parsed despite the cache"))
    again = regex_cache.compile(PATTERN, re.IGNORECASE)
    _same(again, re.compile(PATTERN, re.IGNORECASE))
    assert not second.grew


def test_flags_are_part_of_the_key(fresh_run) -> None:
    fresh_run()
    regex_cache.compile(PATTERN)
    regex_cache._store.save()
    fresh_run()
    folded = regex_cache.compile(PATTERN, re.IGNORECASE)
    assert folded.search("NO THANKS")
    assert regex_cache._store.grew


def test_a_damaged_file_is_ignored_and_replaced(fresh_run) -> None:
    store = fresh_run()
    regex_cache.compile(PATTERN)
    store.save()
    blob = bytearray(store.path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    store.path.write_bytes(bytes(blob))

    store = fresh_run()
    _same(regex_cache.compile(PATTERN), re.compile(PATTERN))
    assert store.grew
    store.save()
    assert regex_cache._read(store.path)


def test_engine_code_the_engine_refuses_is_compiled_afresh(fresh_run) -> None:
    store = fresh_run()
    regex_cache.compile(PATTERN)
    key = next(iter(store.used))
    flags, _code, *groups = store.used[key]
    invalid = regex_cache.array(regex_cache._CODE, [0xFFFF, 0, 0]).tobytes()  # no such opcode
    store.entries[key] = store.used[key] = (flags, invalid, *groups)
    _same(regex_cache.compile(PATTERN), re.compile(PATTERN))


def test_no_cache_setting_writes_nothing(fresh_run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIGHTLINE_NO_CACHE", "1")
    store = fresh_run()
    _same(regex_cache.compile(PATTERN), re.compile(PATTERN))
    store.save()
    assert not list(tmp_path.iterdir())


def test_an_unwritable_cache_directory_only_costs_time(fresh_run, monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("BRIGHTLINE_CACHE_DIR", str(blocker / "sub"))
    store = fresh_run()
    _same(regex_cache.compile(PATTERN), re.compile(PATTERN))
    store.save()


def test_persisted_results_are_read_back_none_included(fresh_run) -> None:
    calls: list[str] = []

    def analyse(text: str):
        calls.append(text)
        return frozenset({(text[:2], True)}) if text else None

    store = fresh_run()
    cached = regex_cache.persisted(analyse)
    assert cached("nope") == frozenset({("no", True)})
    assert cached("") is None
    assert cached("nope") == frozenset({("no", True)})  # in memory too
    store.save()

    fresh_run()
    again = regex_cache.persisted(analyse)
    assert again("nope") == frozenset({("no", True)})
    assert again("") is None
    assert calls == ["nope", ""]


def test_persisted_results_depend_on_the_copy_packages_source(fresh_run, monkeypatch) -> None:
    calls: list[str] = []

    def analyse(text: str) -> str:
        calls.append(text)
        return text.upper()

    store = fresh_run()
    regex_cache.persisted(analyse)("x")
    store.save()
    fresh_run()
    monkeypatch.setattr(regex_cache, "_source_hash", lambda: "changed-code")
    regex_cache.persisted(analyse)("x")
    assert calls == ["x", "x"]


def _composed_patterns(seed: str) -> str:
    code = ("import hashlib; from companion.copy.patterns import anchors;"
            "print(hashlib.sha256('\\n'.join(p.pattern for p in anchors().values()).encode()).hexdigest())")
    env = {**os.environ, "PYTHONHASHSEED": seed, "BRIGHTLINE_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_composed_patterns_are_the_same_in_every_run() -> None:
    # The cache finds a pattern by its text: text that changed with the hash seed missed it.
    assert _composed_patterns("1") == _composed_patterns("2")


def test_a_save_drops_analyses_made_by_other_source_code(fresh_run, monkeypatch) -> None:
    def shout(text: str) -> str:
        return text.upper()

    store = fresh_run()
    monkeypatch.setattr(regex_cache, "_source_hash", lambda: "old-code")
    regex_cache.persisted(shout)("kept only while the code is the same")
    regex_cache.compile(PATTERN)
    store.save()

    store = fresh_run()
    monkeypatch.setattr(regex_cache, "_source_hash", lambda: "new-code")
    regex_cache.persisted(shout)("new")
    store.save()
    keys = regex_cache._read(store.path).keys()
    assert {k[2] for k in keys if k[0] == "fn"} == {"new-code"}
    assert any(k[0] == "re" for k in keys)  # another run's patterns are kept


def test_a_file_past_the_size_limit_keeps_only_what_this_run_used(fresh_run, monkeypatch) -> None:
    store = fresh_run()
    regex_cache.compile(PATTERN)
    store.save()
    monkeypatch.setattr(regex_cache, "_MAX_BYTES", 1)
    store = fresh_run()
    regex_cache.compile("only (this|that)")
    store.save()
    assert len(regex_cache._read(store.path)) == 1
