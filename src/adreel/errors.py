"""One error vocabulary: every failure the product reports carries a machine code and a sentence
a user can act on. Library exceptions are mapped to these at the boundary, keeping the original
as ``__cause__``.

The classes here are the ones every layer may raise; errors that belong to one part of the
product (a page that is not a product, a photo with no face, a refused fetch) live beside the
code that finds them and subclass `AdreelError` with their own code. The API turns any of them
into an answer through one table (`adreel.api.errors`); the engine stores them as values.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar


class AdreelError(Exception):
    """Base of every error adreel reports to a user.

    `message` is the sentence; `reason` an optional second sentence (why, or what to do);
    `details` extra fields a client reads (e.g. `usage`, `retryAfter`)."""

    code: ClassVar[str] = "internal"

    def __init__(self, message: str, *, reason: str | None = None, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.details = details

    def as_value(self, stage: str | None = None) -> dict[str, object]:
        """The error as the engine stores it on a project: `{stage, code, message}`."""
        return {"stage": stage, "code": self.code, "message": self.message}


class InvalidRequest(AdreelError):
    """The request breaks a rule; the message names the field and the rule."""

    code = "invalid_request"


class NotFound(AdreelError):
    """Nothing by that name that the caller may see."""

    code = "not_found"


class BodyTooLarge(AdreelError):
    """The request body is over the size the endpoint reads."""

    code = "body_too_large"


class Conflict(AdreelError):
    """The request conflicts with the state of what it names."""

    code = "conflict"


@cache
def _kind(code: str) -> type[AdreelError]:
    return type(f"Relayed_{code}", (AdreelError,), {"code": code, "__doc__": "An error made in another process."})


def relayed(value: dict[str, Any]) -> AdreelError:
    """An error another process made (`{code, message, reason, details}`) raised here as one of
    the same code, so the API answers it exactly as if it had been made in this process."""
    return _kind(str(value["code"]))(str(value["message"]), reason=value.get("reason"),
                                     **dict(value.get("details") or {}))
