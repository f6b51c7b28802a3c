"""One error vocabulary: every failure the product reports carries a machine code and a sentence
a user can act on. Library exceptions are mapped to these at the boundary, keeping the original
as ``__cause__``."""

from __future__ import annotations

from typing import ClassVar


class AdreelError(Exception):
    """Base of every error adreel reports to a user."""

    code: ClassVar[str] = "internal"
    retryable: ClassVar[bool] = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_value(self, stage: str | None = None) -> dict[str, object]:
        """The error as the engine stores it: `{stage, code, message, retryable}`."""
        return {
            "stage": stage,
            "code": self.code,
            "message": self.message,
            "retryable": self.retryable,
        }
