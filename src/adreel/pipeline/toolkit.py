"""What the stages are handed: the fetcher, voices, writer, storage and the work folders."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adreel.errors import AdreelError
from adreel.platform.http import Fetcher, FetchError
from adreel.platform.storage import LocalStorage

if TYPE_CHECKING:
    from adreel.media.voice import VoiceRegistry
    from adreel.media.write import LLMWriter


class RenderError(AdreelError):
    code = "render_failed"


class MissingInput(AdreelError):
    """A stage's stored inputs are gone (another machine's disk, a cleaned data folder)."""

    code = "internal"


@dataclass
class Toolkit:
    fetcher: Fetcher
    voices: VoiceRegistry
    storage: LocalStorage
    work_root: Path
    public_url: str | None = None
    llm: LLMWriter | None = None
    music_dir: Path | None = None
    x264_preset: str = "veryfast"
    # `adreel generate FILE`: pages and pictures may also be read from this folder (never set
    # by the API, which only accepts http(s) URLs).
    local_root: Path | None = None
    actors: dict[str, Any] = field(default_factory=dict)
    lip_sync_slot: Any = None          # a LipSyncSlot a plugin may fill with an outside service

    @property
    def lip_sync(self) -> Any:
        """The configured outside lip-sync service, or None (the local method runs)."""
        return self.lip_sync_slot.provider if self.lip_sync_slot is not None else None

    def work(self, project_id: str) -> WorkDir:
        return WorkDir(self.work_root / project_id)

    def media_url(self, token: str, name: str) -> str:
        base = (self.public_url or "").rstrip("/")
        return f"{base}/media/{token}/{name}"

    def read_bytes(self, url: str) -> bytes:
        """A picture by URL: http(s) through the guarded fetcher; `file:` only inside `local_root`."""
        if url.startswith("file:"):
            path = local_path(url, self.local_root)
            if path is None:
                raise FetchError(f"{url} is not a file adreel may read.")
            return path.read_bytes()
        return self.fetcher.image(url).body


def local_path(url: str, root: Path | None) -> Path | None:
    """The file a `file:` URL names when it lies inside `root` (no escaping it)."""
    from urllib.parse import unquote, urlsplit

    if root is None:
        return None
    candidate = Path(unquote(urlsplit(url).path)).resolve()
    base = root.resolve()
    if (candidate != base and base not in candidate.parents) or not candidate.is_file():
        return None
    return candidate


@dataclass(frozen=True)
class WorkDir:
    """A project's working folder: each stage's stored inputs and outputs, so any stage can
    be re-run from what the stage before it left."""

    root: Path

    def path(self, name: str) -> Path:
        return self.root / name

    def write_json(self, name: str, data: Any) -> Path:
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        partial.replace(target)
        return target

    def read_json(self, name: str) -> Any:
        target = self.path(name)
        if not target.is_file():
            raise MissingInput(f"The stored {name} of this project is missing; its earlier stages must run again.")
        return json.loads(target.read_text("utf-8"))

    def fresh(self, name: str) -> Path:
        """An emptied sub-folder (a stage re-run starts from nothing of its own)."""
        folder = self.path(name)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder
