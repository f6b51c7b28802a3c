"""Work handed to an outside service (a hosted voice, a lip-sync farm): a stage returns
`Pending(handle)`; the engine keeps the handle and calls the stage's poll with it later, on
whichever process ticks then, until the poll returns outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Pending:
    handle: dict[str, Any]
    poll_after_s: float = 2.0
