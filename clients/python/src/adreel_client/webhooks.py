"""Verifying webhook deliveries (API.md §8) before trusting them.

`verify(headers, body, secret)` takes the headers as any mapping (names in any case) and the
raw body bytes exactly as received, and returns the typed event or raises a `WebhookError`:

- `X-Nouvel-Signature-V2` is checked: HMAC-SHA256 of `"<timestamp>.<body>"` with the account's
  secret, where `X-Nouvel-Timestamp` must lie within `tolerance_s` of now (a captured delivery
  cannot be replayed later);
- a sender that signs only with v1 (`X-Nouvel-Signature`, HMAC of the body; Nouvel itself) is
  accepted on that signature alone: v1 carries no time, so it cannot stop replays;
- comparisons run in constant time;
- with a `Deduplicator`, an event id seen before raises `DuplicateEvent` (the sender retries a
  delivery it thinks failed with the same `X-Nouvel-Event-Id`): answer it 2xx and do nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping

from pydantic import ValidationError

from adreel_client.errors import AdreelClientError
from adreel_client.models import WebhookEvent

SIGNATURE_V1 = "x-nouvel-signature"
SIGNATURE_V2 = "x-nouvel-signature-v2"
TIMESTAMP = "x-nouvel-timestamp"
EVENT_ID = "x-nouvel-event-id"
ATTEMPT = "x-nouvel-attempt"


class WebhookError(AdreelClientError):
    """The delivery must not be trusted; answer it 400."""


class MissingHeader(WebhookError):
    """No signature header, or a v2 signature without its timestamp."""


class BadSignature(WebhookError):
    """The signature does not match the body and the secret."""


class StaleTimestamp(WebhookError):
    """The timestamp is outside the tolerance (a replay, or a clock far off)."""


class InvalidPayload(WebhookError):
    """Signed correctly but not a §8 event."""


class DuplicateEvent(WebhookError):
    """An event id already handled: answer 2xx so the sender stops retrying, and do nothing."""

    def __init__(self, event: WebhookEvent) -> None:
        super().__init__(f"Event {event.event_id} was already received.")
        self.event = event


class Deduplicator:
    """Remembers the last `capacity` event ids (thread-safe). If handling an event fails after
    `verify` accepted it, call `forget(event_id)` so the sender's retry is handled again."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """True the first time an id is offered (and remembers it), False afterwards."""
        with self._lock:
            if event_id in self._seen:
                self._seen.move_to_end(event_id)
                return False
            self._seen[event_id] = None
            while len(self._seen) > self.capacity:
                self._seen.popitem(last=False)
            return True

    def forget(self, event_id: str) -> None:
        with self._lock:
            self._seen.pop(event_id, None)


def _digest(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(headers: Mapping[str, str], body: bytes, secret: str, tolerance_s: float = 300, *,
           deduplicator: Deduplicator | None = None, now: float | None = None) -> WebhookEvent:
    """The delivery's event, once its signature, its age and (optionally) its novelty check out."""
    if not isinstance(body, bytes | bytearray):
        raise TypeError("verify needs the raw body bytes as received, not a parsed or re-encoded body")
    found = {name.lower(): value for name, value in headers.items()}
    v2, stamp, v1 = found.get(SIGNATURE_V2), found.get(TIMESTAMP), found.get(SIGNATURE_V1)
    timestamp: int | None = None
    if v2 is not None:
        if stamp is None:
            raise MissingHeader("X-Nouvel-Signature-V2 came without X-Nouvel-Timestamp.")
        try:
            timestamp = int(stamp.strip())
        except ValueError as exc:
            raise StaleTimestamp("X-Nouvel-Timestamp is not a Unix time in seconds.") from exc
        expected = _digest(secret, str(timestamp).encode() + b"." + bytes(body))
        # The timestamp is checked after the signature, so an unsigned stamp reveals nothing.
        if not hmac.compare_digest(expected, v2.strip().lower()):
            raise BadSignature("X-Nouvel-Signature-V2 does not match the body and the secret.")
        age = (time.time() if now is None else now) - timestamp
        if abs(age) > tolerance_s:
            raise StaleTimestamp(f"The delivery is {age:+.0f} s from now; at most {tolerance_s:g} s is accepted.")
    elif v1 is not None:
        if not hmac.compare_digest(_digest(secret, bytes(body)), v1.strip().lower()):
            raise BadSignature("X-Nouvel-Signature does not match the body and the secret.")
    else:
        raise MissingHeader("The delivery carries no X-Nouvel-Signature-V2 or X-Nouvel-Signature header.")
    try:
        event = WebhookEvent.model_validate_json(bytes(body))
    except ValidationError as exc:
        raise InvalidPayload(f"The body is not a job.completed event: {exc.errors()[0]['msg']}") from exc
    attempt = found.get(ATTEMPT, "")
    event = event.model_copy(update={"event_id": found.get(EVENT_ID), "timestamp": timestamp,
                                     "attempt": int(attempt) if attempt.isdigit() else None})
    if deduplicator is not None and event.event_id and not deduplicator.first_time(event.event_id):
        raise DuplicateEvent(event)
    return event
