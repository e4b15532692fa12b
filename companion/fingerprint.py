"""Stable identities for findings, so two runs of the same site can be compared.

A finding's ``location`` is the coarse key: rule, page path template, the element (selector)
or host it is about, and the phase it was seen in. Its ``fingerprint`` adds the evidence that
makes it *this* problem: the control roles a banner offers, the kinds of weakness of a reject
button, the tracker hosts and identifier cookies. Everything a re-crawl changes without the
site changing (page order, counts, timestamps, contrast figures, wording, nth-of-type indexes,
generated ids and class hashes, query strings) is left out.

Same location and different fingerprint means the finding *changed*: a new tracker joined the
ones contacted before consent, a reject button became a faint link.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import msgspec

FINGERPRINT_LENGTH = 16

# -- page path templates ----------------------------------------------------------------

_NUMBER = re.compile(r"^\d+$")
_UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.I)
_HEX = re.compile(r"^(?=[a-f]*\d)[0-9a-f]{8,}$", re.I)
_TOKEN = re.compile(r"^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9_=-]{16,}$")  # base64-ish: mixed case and digits
_DATE = re.compile(r"^\d{4}[-_.]?\d{2}[-_.]?\d{2}(?:T[\d:.]+Z?)?$")
_ID_IN_SLUG = re.compile(r"^(?=.*[A-Za-z]).+?[-_](?:[A-Za-z]{0,2}\d+|[0-9a-f]{8,})$", re.I)


def _segment_template(segment: str) -> str:
    stem, dot, extension = segment.rpartition(".")
    if not dot or not extension.isalpha() or len(extension) > 5:
        stem, extension = segment, ""
    if not stem:
        return segment
    if _NUMBER.match(stem):
        shape = "{n}"
    elif _DATE.match(stem):
        shape = "{date}"
    elif _UUID.match(stem):
        shape = "{uuid}"
    elif _HEX.match(stem) or _TOKEN.match(stem):
        shape = "{id}"
    elif _ID_IN_SLUG.match(stem):
        shape = "{slug-id}"
    else:
        return segment
    return f"{shape}.{extension}" if extension else shape


@lru_cache(maxsize=65536)
def page_template(url: str) -> str:
    """``host/path`` with ids replaced by placeholders: /product/123 and /product/456 are one page.

    The query, fragment, scheme, default port and a leading ``www.`` are dropped; the host is
    lower-cased.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    segments = [_segment_template(s) for s in parts.path.split("/") if s]
    return host + "/" + "/".join(segments)


# -- selectors ----------------------------------------------------------------------------

_POSITION = re.compile(r":nth-(?:of-type|child|last-child|last-of-type)\(\s*[^)]*\)")
_ID = re.compile(r"#((?:\\.|[\w-])+)")
_CLASS = re.compile(r"\.((?:\\.|[\w-])+)")
#: Ids and classes a framework generates: digits runs, hex runs, CSS-in-JS hashes.
_GENERATED = re.compile(r"\d{3,}|[0-9a-f]{8,}|^(?:css|sc|jsx|emotion|svelte)-"
                        r"|^_?[a-zA-Z]{1,3}[-_](?=[a-zA-Z]*\d)[a-zA-Z0-9]{5,}$"
                        r"|^(?=(?:.*\d){2})(?=.*[a-zA-Z])[a-zA-Z0-9]{6,}$", re.I)
SHADOW_SEP = " >>> "


def _id_step(match: re.Match[str]) -> str:
    return "#~" if _GENERATED.search(match.group(1)) else match.group(0)


def _class_step(match: re.Match[str]) -> str:
    return "" if _GENERATED.search(match.group(1)) else match.group(0)


@lru_cache(maxsize=65536)
def normalise_selector(selector: str) -> str:
    """The selector without what shifts when unrelated content moves: sibling indexes,
    generated ids and class hashes. Shadow-root parts (``a >>> b``) are kept apart."""
    parts = []
    for part in selector.split(SHADOW_SEP):
        part = _POSITION.sub("", part)
        part = _ID.sub(_id_step, part)
        part = _CLASS.sub(_class_step, part)
        parts.append(" > ".join(step.strip() for step in part.split(">") if step.strip()))
    return SHADOW_SEP.join(parts)


# -- evidence normalisers, by field shape ---------------------------------------------------

_COOKIE_ID = re.compile(r"\d{5,}|[0-9a-f]{12,}", re.I)


def _host(value: Any) -> str:
    return str(value).strip().lower().removeprefix("www.")


def _hosts(value: Any) -> list[str]:
    return sorted({_host(v) for v in value or ()})


def _names(value: Any) -> list[str]:
    return sorted({str(v).strip().lower() for v in value or ()})


def _cookies(value: Any) -> list[str]:
    return sorted({_COOKIE_ID.sub("#", str(v)) for v in value or ()})


def _selector(value: Any) -> str:
    return normalise_selector(str(value))


def _frame(value: Any) -> str:
    return page_template(str(value))


def _roles(value: Any) -> list[str]:
    """Control roles and whether they sit on the first layer; wording and position are noise.
    ``other`` controls (privacy policy, imprint links) do not bear on the choice."""
    roles = []
    for control in value or ():
        role = control.get("role") if isinstance(control, dict) else None
        if role and role != "other":
            roles.append(f"{role}:{'first' if control.get('first_layer', True) else 'deeper'}")
    return sorted(roles)


def _toggle_layers(value: Any) -> list[str]:
    return sorted("first" if t.get("first_layer", True) else "deeper" for t in value or () if isinstance(t, dict))


#: Reason texts of consent.asymmetric-choice, reduced to their kind (the figures are noise).
_WEAKNESS_KINDS = (
    ("plain text or a link", "link-vs-button"),
    ("low contrast", "low-contrast"),
    ("text is smaller", "smaller-text"),
    ("smaller target", "smaller-target"),
    ("faded", "faded"),
    ("looks disabled", "disabled-look"),
)


def _weaknesses(value: Any) -> list[str]:
    kinds = set()
    for reason in value or ():
        text = str(reason)
        kinds.add(next((kind for needle, kind in _WEAKNESS_KINDS if needle in text), re.sub(r"[\d.:%]+", "#", text)))
    return sorted(kinds)


def _present(value: Any) -> bool:
    return bool(value)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in sorted(value.items())}
    return value


#: How each evidence field is compared. Fields not listed are compared as lower-cased text.
FIELD_NORMALISERS: dict[str, Callable[[Any], Any]] = {
    "selector": _selector,
    "accept_selector": _selector,
    "banner": _selector,
    "overlay": _selector,
    "host": _host,
    "hosts": _hosts,
    "organizations": _names,
    "cookies": _cookies,
    "frame": _frame,
    "controls": _roles,
    "offered": _roles,
    "toggles": _toggle_layers,
    "reasons": _weaknesses,
    "pay_option": _present,
}


@dataclass(frozen=True)
class Identity:
    """Which evidence fields say *where* a finding is and which say *what* it is."""

    element: tuple[str, ...]  # the first of these present names the element or host
    fields: tuple[str, ...]  # evidence that is part of the fingerprint


_COPY = Identity(element=("selector",), fields=("frame", "where", "lang"))
_PAGE_TRACKING = Identity(element=(), fields=("hosts", "organizations", "cookies"))

#: Per rule: identity fields. Left out on purpose: text and wording (``text``, ``match``,
#: ``accept_text``, ``label``), figures (``count``, ``requests``, ``price``, ``measured``), the
#: classifier's explanation (``reason``, ``source``, ``service``) and request URLs (``url``).
IDENTITIES: dict[str, Identity] = {
    "consent.banner": Identity(("selector",), ("platform", "frame", "controls")),
    "consent.no-reject-first-layer": Identity(("selector",), ("banner", "platform", "frame", "offered")),
    "consent.asymmetric-choice": Identity(("selector",), ("accept_selector", "frame", "reasons")),
    "consent.preticked-purpose": Identity(("selector",), ("frame", "toggles")),
    "consent.cookie-wall": Identity(("selector",), ("overlay", "frame", "pay_option")),
    "consent.implied-consent": _COPY,
    "consent.confirmshaming": _COPY,
    "consent.tracking-before-consent": _PAGE_TRACKING,
    "consent.choice-not-respected": _PAGE_TRACKING,
    "tracker.third-party": Identity(("host",), ("organization", "category", "cookies")),
    "sharing.prechecked-optin": _COPY,
    "sharing.trick-question": _COPY,
    "pressure.countdown": _COPY,
    "pressure.scarcity": _COPY,
    "pressure.social-proof": _COPY,
    "pressure.sneak-into-basket": Identity(("selector",), ("frame", "control")),
}
#: For a rule not in the table: every evidence field except these.
NOISE_FIELDS = frozenset({"text", "match", "accept_text", "label", "count", "requests", "price", "measured",
                          "reason", "source", "service", "url", "message"})
_DEFAULT_ELEMENT = ("selector", "host", "cookie", "name")


def _identity(rule: str, evidence: dict[str, Any]) -> Identity:
    known = IDENTITIES.get(rule)
    if known is not None:
        return known
    element = next((k for k in _DEFAULT_ELEMENT if evidence.get(k)), None)
    fields = tuple(sorted(k for k in evidence if k not in NOISE_FIELDS and k != element))
    return Identity((element,) if element else (), fields)


def _normalised(field: str, value: Any) -> Any:
    return FIELD_NORMALISERS.get(field, _plain)(value)


Location = tuple[str, str, str, str]


def identify(url: str, finding: dict[str, Any]) -> tuple[str, Location]:
    """``(fingerprint(url, finding), location(url, finding))`` computed together (comparisons
    need both for every finding of two reports)."""
    rule = finding.get("rule", "")
    evidence = finding.get("evidence") or {}
    identity = _identity(rule, evidence)
    template = page_template(url)
    phase = finding.get("phase") or ""
    # The same finding recurs on every page of a template (a banner, a tracker): remember it by
    # the raw values it is made of, which are cheaper to serialise than to normalise.
    try:
        named = (identity.element, identity.fields) if rule not in IDENTITIES else ()  # else the rule says
        key = _encode((rule, template, phase, named, [evidence.get(f) for f in identity.element],
                       [evidence.get(f) for f in identity.fields]))
    except (TypeError, msgspec.EncodeError):
        key = None
    known = _MEMO.get(key) if key is not None else None
    if known is not None:
        return known
    where = ""
    for field in identity.element:
        value = evidence.get(field)
        if value:
            where = str(_normalised(field, value))
            break
    place = (rule, template, where, phase)
    facts = [repr(place)]
    for field in identity.fields:
        value = evidence.get(field)
        if value is not None and value != "" and value != []:
            facts.append(f"{field}={_normalised(field, value)!r}")
    digest = hashlib.sha1("\n".join(facts).encode("utf-8"), usedforsecurity=False)
    result = digest.hexdigest()[:FINGERPRINT_LENGTH], place
    if key is not None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = result
    return result


_encode = msgspec.json.Encoder().encode
_MEMO: dict[bytes, tuple[str, Location]] = {}
_MEMO_SIZE = 200_000


def location(url: str, finding: dict[str, Any]) -> Location:
    """(rule, page template, element or host, phase): where a finding is, not what it says."""
    return identify(url, finding)[1]


def fingerprint(url: str, finding: dict[str, Any]) -> str:
    """A short hex id for a finding that survives cosmetic changes between runs."""
    return identify(url, finding)[0]


def changes(before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What differs between two findings of one location, in their identity evidence:
    ``hosts: +static.ads-twitter.com``, ``reasons: +link-vs-button``, ``platform: a -> b``."""
    old_evidence, new_evidence = before.get("evidence") or {}, now.get("evidence") or {}
    identity = _identity(now.get("rule", ""), new_evidence)
    out = []
    for field in identity.fields:
        old, new = (_normalised(field, e[field]) if e.get(field) not in (None, "", []) else None
                    for e in (old_evidence, new_evidence))
        if old == new:
            continue
        if isinstance(old, list | type(None)) and isinstance(new, list | type(None)) and (old or new):
            added = [f"+{v}" for v in new or [] if v not in (old or [])]
            removed = [f"-{v}" for v in old or [] if v not in (new or [])]
            out.append(f"{field}: {' '.join(added + removed)}")
        else:
            out.append(f"{field}: {old!r} -> {new!r}")
    return out
