"""Finding and reading the policy file: ``--policy FILE``, ``brightline.toml``, ``[tool.brightline]``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from companion.policy.locate import index_lines
from companion.policy.model import Policy
from companion.policy.validate import PolicyError, Validator

POLICY_FILE = "brightline.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_SECTION = ("tool", "brightline")
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def discover_policy(explicit: Path | str | None = None, cwd: Path | None = None) -> Policy | None:
    """The policy in effect: ``explicit``, else ``brightline.toml``, else ``[tool.brightline]``
    in ``pyproject.toml`` (both in ``cwd``, default the current directory), else None."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise PolicyError(f"--policy {path}: no such file")
        return load_policy(path, section=PYPROJECT_SECTION if path.name == PYPROJECT else None)
    base = cwd or Path()
    if (base / POLICY_FILE).is_file():
        return load_policy(base / POLICY_FILE)
    if (base / PYPROJECT).is_file():
        return load_policy(base / PYPROJECT, section=PYPROJECT_SECTION, required=False)
    return None


def load_policy(path: Path, *, section: tuple[str, ...] | None = None, required: bool = True) -> Policy | None:
    """Read and validate a policy file. ``section`` is the table holding the policy
    (``[tool.brightline]`` in pyproject.toml); when it is missing the result is None,
    or a PolicyError if ``required``."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PolicyError(f"{file}: cannot read the policy ({err})") from None
    data = parse_toml(text, file)
    if section:
        found = _section(data, section, file)
        if found is None:
            if required:
                raise PolicyError(f"{file}: has no [{'.'.join(section)}] table")
            return None
        data = found
    return Validator(file, index_lines(text), section or ()).policy(data)


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """tomllib, with its syntax error re-worded as one ``FILE:LINE:COL: …`` line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        at = _AT.search(message)
        where = f"{file}:{at.group(1)}:{at.group(2)}" if at else f"{file}:{max(1, len(text.splitlines()))}"
        detail = _AT.sub("", message).replace("(at end of document)", "at the end of the file").strip()
        raise PolicyError(f"{where}: TOML syntax error: {detail[:1].lower()}{detail[1:]}") from None


def _section(data: dict[str, Any], section: tuple[str, ...], file: str) -> dict[str, Any] | None:
    node: Any = data
    for key in section:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if not isinstance(node, dict):
        raise PolicyError(f"{file}: [{'.'.join(section)}] must be a table")
    return node
