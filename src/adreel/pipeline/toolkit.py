"""What the stages are handed: the fetcher, voices, writer, storage and the work folders."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adreel.errors import AdreelError
from adreel.platform.http import Fetcher, FetchError
from adreel.platform.storage import BadKey, Storage, StorageError, check_key

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
    storage: Storage
    # Where a stage's files are while it runs when the store is not a local folder; emptied
    # after every stage (the store holds everything a later stage or machine needs).
    scratch_root: Path
    public_url: str | None = None
    llm: LLMWriter | None = None
    music_dir: Path | None = None
    x264_preset: str = "veryfast"
    # `adreel generate FILE`: pages and pictures may also be read from this folder (never set
    # by the API, which only accepts http(s) URLs).
    local_root: Path | None = None
    actors: dict[str, Any] = field(default_factory=dict)
    lip_sync_slot: Any = None          # a LipSyncSlot a plugin may fill with an outside service
    _open_work: dict[str, WorkDir] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def lip_sync(self) -> Any:
        """The configured outside lip-sync service, or None (the local method runs)."""
        return self.lip_sync_slot.provider if self.lip_sync_slot is not None else None

    def work(self, project_id: str) -> WorkDir:
        """The project's work folder: the one the running stage holds, else a new view of it."""
        with self._lock:
            open_work = self._open_work.get(project_id)
        return open_work or self._new_work(project_id)

    def _new_work(self, project_id: str) -> WorkDir:
        prefix = f"work/{project_id}/"
        folder = self.storage.folder(prefix)
        if folder is not None:       # a local folder store: stages work in it directly
            return WorkDir(folder)
        return WorkDir(self.scratch_root / project_id, self.storage, prefix)

    @contextmanager
    def stage_work(self, project_id: str) -> Iterator[WorkDir]:
        """Hold the project's work folder for one stage run: what the stage wrote goes to the
        store when it returns (outputs or outside work), and its scratch is emptied either way."""
        work = self._new_work(project_id)
        work.discard()      # a scratch a killed stage left behind is never taken for the store's copy
        with self._lock:
            self._open_work[project_id] = work
        try:
            yield work
            work.push()
        finally:
            with self._lock:
                self._open_work.pop(project_id, None)
            work.discard()

    def new_media_token(self) -> str:
        """A fresh unguessable media folder name (192 bits): public URLs cannot be guessed."""
        return secrets.token_urlsafe(24)

    @contextmanager
    def publishing(self, token: str) -> Iterator[Path]:
        """A folder to write a finished video's files into; when the block ends without an
        error they are in the store under `media/<token>/`."""
        folder = self.storage.folder(f"media/{token}/")
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            yield folder
            return
        scratch = self.scratch_root / f"media-{token}"
        scratch.mkdir(parents=True, exist_ok=True)
        try:
            yield scratch
            for path in sorted(scratch.iterdir()):
                if path.is_file() and not path.name.startswith("."):
                    self.storage.put_file(f"media/{token}/{path.name}", path)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def media_url(self, token: str, name: str) -> str:
        base = (self.public_url or "").rstrip("/")
        return f"{base}/media/{token}/{name}"

    def read_bytes(self, url: str) -> bytes:
        """A picture by URL: http(s) through the guarded fetcher; `file:` only inside `local_root`;
        this installation's own media (a photo uploaded in the studio) from the store."""
        if url.startswith("file:"):
            path = local_path(url, self.local_root)
            if path is None:
                raise FetchError(f"{url} is not a file adreel may read.")
            return path.read_bytes()
        key = self.own_media_key(url)
        if key is not None:
            try:
                return self.storage.get_bytes(key)
            except StorageError as exc:
                raise FetchError(f"{url} is not a file adreel keeps.") from exc
        return self.fetcher.image(url).body

    def own_media_key(self, url: str) -> str | None:
        """The store's key for a media URL under this installation's public address: read back
        from the store, not over the network, where the guard refuses a loopback or LAN address."""
        base = (self.public_url or "").rstrip("/")
        if not base or not url.startswith(f"{base}/media/") or "?" in url or "#" in url:
            return None
        try:
            return check_key(url[len(base) + 1:])
        except BadKey:
            return None


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


@dataclass
class WorkDir:
    """A project's working folder: each stage's stored inputs and outputs, so any stage can
    be re-run from what the stage before it left.

    With a `store` (an object store), `root` is scratch: a file or folder is fetched from
    `prefix` the first time a stage asks for its path, and `push` sends back what the stage
    wrote or removed. Without one, `root` is the stored folder itself."""

    root: Path
    store: Storage | None = None
    prefix: str = ""
    _stored: dict[str, int] | None = field(default=None, repr=False)          # name → size in the store
    _fetched: dict[str, str] = field(default_factory=dict, repr=False)   # name → content hash when fetched

    def _listing(self) -> dict[str, int]:
        if self._stored is None:
            assert self.store is not None
            self._stored = {item.key[len(self.prefix):]: item.size for item in self.store.list(self.prefix)}
        return self._stored

    def path(self, name: str) -> Path:
        """The local path of a file or folder, fetched from the store (what of it is not here
        yet) the first time; what the stage has since deleted stays deleted."""
        target = self.root / name
        if self.store is not None:
            folder = name.rstrip("/") + "/"
            for stored in self._listing():
                if (stored == name or stored.startswith(folder)) and stored not in self._fetched:
                    local = self.root / stored
                    if not local.exists():
                        self.store.get_file(self.prefix + stored, local)
                        self._fetched[stored] = _digest(local)
        return target

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
        folder = self.root / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if self.store is not None:
            self.store.delete_prefix(f"{self.prefix}{name}/")
            for stored in [n for n in self._listing() if n.startswith(name + "/")]:
                del self._listing()[stored]
                self._fetched.pop(stored, None)
        return folder

    def push(self) -> None:
        """Send the store every file the stage wrote or changed, and remove from it what the
        stage deleted (of what it had fetched)."""
        if self.store is None or not self.root.is_dir():
            return
        present = set()
        for path in sorted(self.root.rglob("*")):
            name = path.relative_to(self.root).as_posix()
            if not path.is_file() or any(part.startswith(".") for part in name.split("/")):
                continue
            present.add(name)
            if self._fetched.get(name) != _digest(path):   # by content: clocks may be coarse
                self.store.put_file(self.prefix + name, path)
        for gone in sorted(set(self._fetched) - present):
            self.store.delete(self.prefix + gone)

    def discard(self) -> None:
        """Empty the scratch (only where the store keeps the real copy)."""
        if self.store is not None:
            shutil.rmtree(self.root, ignore_errors=True)


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
