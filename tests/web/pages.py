"""Driving the studio in a browser page: open it signed in, and collect anything that ran that
should not have (dialogs, page errors, Content-Security-Policy refusals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.web.conftest import Studio


@dataclass
class Trouble:
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))


def signed_in(browser: Any, studio: Studio, width: int = 1440, height: int = 900) -> tuple[Any, Trouble]:
    """A new page of a fresh context (its own session storage), signed in with the studio's key."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    trouble = Trouble()
    trouble.watch(page)
    page.goto(f"{studio.url}/")
    page.get_by_label("API key").fill(studio.key)
    page.get_by_label("API key").press("Enter")
    page.get_by_role("heading", name="New ad").wait_for()
    return page, trouble
