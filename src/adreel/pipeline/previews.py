"""Actor previews for `GET /actors`: each actor rendered from its rig once, stored as a public
media file (a stable folder name, so every API process finds the same files)."""

from __future__ import annotations

import hashlib
import threading

from adreel.media.actors import ActorLook, preview
from adreel.pipeline.actors import PhotoActor, portrait
from adreel.pipeline.toolkit import Toolkit

_DRAWING = threading.Lock()


def _folder(kit: Toolkit) -> str:
    # Public but not guessable from outside: derived from where the store is (for a local store
    # its media folder's path, as before shared storage, so earlier preview URLs keep working).
    where = kit.storage.folder("media/") or kit.storage.name
    digest = hashlib.sha256(f"adreel-actor-previews:{where}".encode()).hexdigest()[:32]
    return f"actors-{digest}"


def actor_previews(kit: Toolkit) -> dict[str, str]:
    """actor id → preview URL, drawing the previews that are missing."""
    token = _folder(kit)
    urls: dict[str, str] = {}
    with _DRAWING:
        stored = {item.key for item in kit.storage.list(f"media/{token}/")}
        for actor_id, actor in kit.actors.items():
            name = f"{actor_id}.jpg"
            if f"media/{token}/{name}" not in stored:
                if isinstance(actor, ActorLook):
                    image = preview(actor, 600)
                else:
                    assert isinstance(actor, PhotoActor)
                    image = portrait(actor.path.read_bytes())
                    image.thumbnail((400, 600))
                kit.storage.put_bytes(f"media/{token}/{name}", _jpeg(image))
            urls[actor_id] = kit.media_url(token, name)
    return urls


def _jpeg(image) -> bytes:
    import io

    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue()
