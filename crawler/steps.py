"""The steps of a consent interaction, as the crawler records them, and the two ways a
person works a control: a click, and switching a toggle off."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator

CLICK_TIMEOUT_MS = 1500
MAX_TOGGLES = 60  # toggles switched off in one layer or form
ON_TOGGLES = (
    "input[type=checkbox]:checked:not(:disabled), "
    "[role=switch][aria-checked=true]:not([aria-disabled=true]), "
    "[role=checkbox][aria-checked=true]:not([aria-disabled=true])"
)


@dataclass
class Step:
    action: str  # "click", "uncheck", "choose", "reload", "capture"
    target: str = ""  # role or phase
    selector: str | None = None
    text: str | None = None
    frame: str | None = None
    ok: bool = True
    note: str | None = None


@dataclass
class Interaction:
    mode: str
    outcome: str = "not-attempted"  # rejected | accepted | no-banner | no-reject-control | click-failed
    steps: list[Step] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "outcome": self.outcome,
            "steps": [{k: v for k, v in asdict(s).items() if v is not None} for s in self.steps],
        }


async def click_like_a_person(loc: Locator, step: Step, log_to: Interaction) -> bool:
    try:
        await loc.click(timeout=CLICK_TIMEOUT_MS)
    except PlaywrightError as err:
        try:
            await loc.evaluate("el => el.click()", timeout=CLICK_TIMEOUT_MS)
            step.note = "clicked through the DOM: " + first_line(err)
        except PlaywrightError as err2:
            step.ok, step.note = False, first_line(err2)
    log_to.steps.append(step)
    return step.ok


_UNCHECK_JS = """(el) => {
  const on = () => el.matches('input') ? el.checked : el.getAttribute('aria-checked') === 'true';
  if (on()) el.click();
  return !on();
}"""


async def uncheck(toggle: Locator) -> bool:
    """Switch one toggle off: a click like a person's, or through the DOM when its input is
    hidden (a switch drawn by its label)."""
    try:
        await toggle.click(timeout=CLICK_TIMEOUT_MS, force=True)
    except PlaywrightError:
        pass  # display: none, or nothing to click at its place
    try:  # still on: through the DOM
        return bool(await toggle.evaluate(_UNCHECK_JS, timeout=CLICK_TIMEOUT_MS))
    except PlaywrightError:
        return False


def first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__
