"""Start-up wiring: turns `Settings` into the objects the rest of adreel is handed."""

from __future__ import annotations

from adreel.config import Settings
from adreel.media.fetch import AddressPolicy, Fetcher


def make_fetcher(settings: Settings, *, allow_private: bool = False) -> Fetcher:
    """The safe fetcher under the operator's limits; `allow_private` (a CLI flag) widens the
    policy exactly as `ADREEL_ALLOW_PRIVATE_NETWORKS=1` would."""
    policy = AddressPolicy.from_strings(
        settings.allow_private_networks or allow_private, settings.allowed_networks
    )
    return Fetcher(settings.fetch, policy)
