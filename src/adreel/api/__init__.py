"""The HTTP API (Nouvel wire format): validates, calls the engine, shapes responses."""

from adreel.api.app import create_app

__all__ = ["create_app"]
