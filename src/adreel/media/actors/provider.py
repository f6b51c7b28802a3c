"""The door for an outside neural lip-sync service: video and audio in, video out, submitted
then polled. An operator's plugin sets one (`register(lip_sync=...)`); without one, adreel's
own rig method runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class LipSyncStatus:
    progress: float = 0.0            # 0 … 1
    done: bool = False
    video: bytes | None = None       # the lip-synced MP4, when done
    error: str | None = None         # a sentence for the user, when the service failed


class LipSyncProvider(Protocol):
    name: str
    poll_after_s: float

    def submit(self, video: Path, audio: Path) -> dict[str, Any]:
        """Start the job; returns a JSON-able handle (kept by the engine between polls). The
        files are readable during this call only (with shared storage they are scratch)."""
        ...

    def poll(self, handle: dict[str, Any]) -> LipSyncStatus: ...


@dataclass
class LipSyncSlot:
    """Where a plugin puts its provider (one per server)."""

    providers: list[LipSyncProvider] = field(default_factory=list)

    def set(self, provider: LipSyncProvider) -> None:
        self.providers[:] = [provider]

    @property
    def provider(self) -> LipSyncProvider | None:
        return self.providers[0] if self.providers else None
