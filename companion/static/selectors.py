"""Matching CSS selectors against one lxml element.

Common selectors (compounds of tag, #id, .class and [attr] joined by descendant or child
combinators) are matched directly, walking up from the element, which is what makes
styling a handful of banner nodes cheap on a large page. Anything else falls back to
cssselect's XPath translation, evaluated once per document and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

_translator = HTMLTranslator()
_DYNAMIC = re.compile(
    r":(hover|focus|focus-visible|focus-within|active|visited|target|placeholder|selection"
    r"|-webkit-|-moz-|-ms-)|::?(before|after|first-line|first-letter|marker|backdrop)",
    re.I,
)
_SIMPLE_COMPOUND = re.compile(
    r"^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:[~^$*|]?=(?:\"[^\"]*\"|'[^']*'|[\w-]+))?\])*)$"
)
_PART = re.compile(r"#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:([~^$*|]?=)(\"[^\"]*\"|'[^']*'|[\w-]+))?\]")
_COMBINATOR_SPLIT = re.compile(r"\s*(>)\s*|\s+")


@dataclass(frozen=True)
class Compound:
    tag: str | None
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str | None, str | None], ...]

    def matches(self, el: etree._Element) -> bool:
        if self.tag and el.tag != self.tag:
            return False
        if self.ids and el.get("id") not in self.ids:
            return False
        if self.classes:
            have = (el.get("class") or "").split()
            if not all(c in have for c in self.classes):
                return False
        for name, op, value in self.attrs:
            actual = el.get(name)
            if actual is None:
                return False
            if op is None:
                continue
            assert value is not None
            if op == "=" and actual != value:
                return False
            if op == "~=" and value not in actual.split():
                return False
            if op == "^=" and not actual.startswith(value):
                return False
            if op == "$=" and not actual.endswith(value):
                return False
            if op == "*=" and value not in actual:
                return False
            if op == "|=" and not (actual == value or actual.startswith(value + "-")):
                return False
        return True


def xpath_literal(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in value.split("'")) + ")"


_HAS = re.compile(r"^(?P<outer>[^()]*):has\((?P<inner>[^()]*)\)$")


def compound_predicate(text: str) -> str:
    """An XPath predicate (no axis) that is true on elements matching a simple compound,
    optionally with one ``:has(compound)``: a descendant that matches the inner one."""
    has = _HAS.match(text.strip())
    if has is not None:
        return f"({compound_predicate(has['outer'])}) and .//*[{compound_predicate(has['inner'])}]"
    compound = _compound(text.strip())
    if compound is None:
        raise ValueError(f"not a simple compound selector: {text!r}")
    terms = []
    if compound.tag:
        terms.append(f"local-name()={xpath_literal(compound.tag)}")
    terms.extend(f"@id={xpath_literal(i)}" for i in compound.ids)
    terms.extend(
        f"contains(concat(' ', normalize-space(@class), ' '), {xpath_literal(' ' + c + ' ')})"
        for c in compound.classes
    )
    for name, op, value in compound.attrs:
        attr = f"@{name}"
        lit = xpath_literal(value or "")
        terms.append({
            None: attr,
            "=": f"{attr}={lit}",
            "^=": f"starts-with({attr}, {lit})",
            "*=": f"contains({attr}, {lit})",
            "$=": f"substring({attr}, string-length({attr}) - string-length({lit}) + 1)={lit}",
            "~=": f"contains(concat(' ', normalize-space({attr}), ' '), concat(' ', {lit}, ' '))",
            "|=": f"({attr}={lit} or starts-with({attr}, concat({lit}, '-')))",
        }[op])
    return " and ".join(terms) or "true()"


def _compound(text: str) -> Compound | None:
    m = _SIMPLE_COMPOUND.match(text)
    if not m:
        return None
    ids, classes, attrs = [], [], []
    for pid, pclass, aname, aop, aval in _PART.findall(m.group("rest") or ""):
        if pid:
            ids.append(pid)
        elif pclass:
            classes.append(pclass)
        else:
            attrs.append((aname.lower(), aop or None, aval.strip("\"'") if aop else None))
    tag = m.group("tag")
    return Compound(
        tag=None if tag in (None, "*") else tag.lower(),
        ids=tuple(ids),
        classes=tuple(classes),
        attrs=tuple(attrs),
    )


class Selector:
    """One selector of a rule, with its specificity and a fast or fallback matcher."""

    __slots__ = ("text", "specificity", "key", "_chain", "_xpath")

    def __init__(self, text: str) -> None:
        self.text = text
        self._chain: list[tuple[str, Compound]] | None = None
        self._xpath: etree.XPath | None = None
        self.specificity = _specificity(text)
        self.key = selector_key(text)
        tokens = [t for t in _COMBINATOR_SPLIT.split(text.strip()) if t is not None and t != ""]
        chain: list[tuple[str, Compound]] = []
        combinator = " "
        for token in tokens:
            if token == ">":
                combinator = ">"
                continue
            compound = _compound(token)
            if compound is None:
                chain = []
                break
            chain.append((combinator, compound))
            combinator = " "
        if chain:
            self._chain = chain
        else:
            try:
                self._xpath = etree.XPath(_translator.css_to_xpath(text))
            except (SelectorError, etree.XPathSyntaxError, ValueError, NotImplementedError):
                self._xpath = None

    @property
    def usable(self) -> bool:
        return self._chain is not None or self._xpath is not None

    def matches(self, el: etree._Element, cache: dict[str, set]) -> bool:
        if self._chain is not None:
            return _match_chain(self._chain, len(self._chain) - 1, el)
        if self._xpath is None:
            return False
        matched = cache.get(self.text)
        if matched is None:
            try:
                matched = set(self._xpath(el.getroottree()))
            except etree.XPathError:
                matched = set()
            cache[self.text] = matched
        return el in matched


def _match_chain(chain: list[tuple[str, Compound]], i: int, el: etree._Element) -> bool:
    combinator, compound = chain[i]
    if not compound.matches(el):
        return False
    if i == 0:
        return True
    next_combinator = chain[i][0]
    parent = el.getparent()
    if next_combinator == ">":
        return parent is not None and _match_chain(chain, i - 1, parent)
    while parent is not None:
        if _match_chain(chain, i - 1, parent):
            return True
        parent = parent.getparent()
    return False


def is_dynamic(text: str) -> bool:
    return bool(_DYNAMIC.search(text))


def _specificity(text: str) -> tuple[int, int, int]:
    stripped = re.sub(r"\"[^\"]*\"|'[^']*'", "", text)
    ids = len(re.findall(r"#[\w-]+", stripped))
    classes = len(re.findall(r"\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+", stripped))
    tags = len(re.findall(r"(?:^|[\s>+~(])([a-zA-Z][\w-]*)", stripped))
    return (ids, classes, tags)


_LAST_COMPOUND = re.compile(r"[^\s>+~]*$")
_ID_IN = re.compile(r"#([\w-]+)")
_CLASS_IN = re.compile(r"\.([\w-]+)")
_TAG_AT = re.compile(r"[a-zA-Z][\w-]*")


def selector_key(text: str) -> tuple[str, str]:
    """Index key from the rightmost compound: ('id', x), ('class', x), ('tag', x) or ('*', '')."""
    last = _LAST_COMPOUND.search(text.strip()).group()  # type: ignore[union-attr]
    if "#" in last and (m := _ID_IN.search(last)):
        return ("id", m.group(1))
    if "." in last and (m := _CLASS_IN.search(last)):
        return ("class", m.group(1))
    m = _TAG_AT.match(last)
    if m:
        return ("tag", m.group().lower())
    return ("*", "")
