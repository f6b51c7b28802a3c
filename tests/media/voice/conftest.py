"""Voices for the voice tests: one registry per session (the neural voice loads once)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """No network: any attempt to resolve a name or open a connection fails and is recorded."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


def script_scenes(seconds: int) -> list[str]:
    """An English ad script of about `seconds` seconds, in scenes."""
    lines = [
        "Tired of coffee that tastes like the trail?",
        "Meet the TrailPress, a travel coffee maker that brews a clean, rich cup in ninety seconds.",
        "It weighs just 320 grams and packs inside its own mug, so it disappears in your bag.",
        "No paper filters, no pods, no mess: a stainless micro-filter does the work.",
        "Over four hundred hikers gave it 4.7 stars, and Priya says it beats most cafés in town.",
        "Brew at the trailhead, at your desk, or on a campsite at dawn.",
        "The Tritan body is shatterproof, and every part rinses clean in seconds.",
        "Make one strong espresso-style shot, or a full mug for two.",
        "It's $39 today, down from $49, with free shipping on every order.",
        "Tap the link and grab yours before the weekend.",
    ]
    words_per_second = 2.7
    scenes, total = [], 0.0
    while total < seconds:
        line = lines[len(scenes) % len(lines)]
        scenes.append(line)
        total += len(line.split()) / words_per_second + 0.4
    return scenes


HERE = Path(__file__).parent
