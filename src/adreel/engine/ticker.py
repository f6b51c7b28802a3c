"""The background ticker: every open job is ticked once a second and due webhooks are sent, so
jobs finish and clients hear of it with no one polling."""

from __future__ import annotations

import logging
import threading
from typing import Protocol

LOGGER = logging.getLogger("adreel.engine")


class Tickable(Protocol):
    def tick_all(self) -> None: ...


class Deliverer(Protocol):
    def deliver_due(self) -> int: ...


class Ticker:
    def __init__(self, engine: Tickable, webhooks: Deliverer | None = None, interval: float = 1.0) -> None:
        self._engine = engine
        self._webhooks = webhooks
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="adreel-ticker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._engine.tick_all()
            except Exception:  # the ticker must outlive any one failure
                LOGGER.exception("tick failed")
            try:
                if self._webhooks is not None:
                    self._webhooks.deliver_due()
            except Exception:  # nor may a webhook failure stop the jobs from advancing
                LOGGER.exception("webhook delivery failed")
