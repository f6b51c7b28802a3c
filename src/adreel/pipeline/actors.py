"""The actor library the pipeline can cast: the built-in drawn actors, and photo actors an
operator drops into `DATA_DIR/actors/` (one clear portrait each); a request's
`avatarImageUrl` adds one for its own videos."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from adreel.media.actors import BUILTIN_ACTORS, ActorLook, build_rig
from adreel.media.actors.photo import PhotoRig, find_face
from adreel.media.actors.stored import Rig

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
AVATAR = "avatar"            # the actor id of a request's own avatarImageUrl


@dataclass(frozen=True)
class PhotoActor:
    id: str
    name: str
    path: Path
    gender: str = "unknown"

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "gender": self.gender, "kind": "photo",
                "description": f"{self.name} — a photo actor from the operator's library."}


Actor = ActorLook | PhotoActor


def actor_library(folder: Path | None) -> dict[str, Actor]:
    """Built-in actors first, then the operator's photos (`photo-<file stem>`)."""
    actors: dict[str, Actor] = {look.id: look for look in BUILTIN_ACTORS}
    if folder is not None and folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file():
                stem = "".join(c if c.isalnum() else "-" for c in path.stem.lower()).strip("-")
                actors[f"photo-{stem}"] = PhotoActor(f"photo-{stem}", path.stem.replace("_", " ").title(), path)
    return actors


def cast(actors: dict[str, Actor], *, requested: str | None, voice_gender: str, seed: int, variant: int) -> str:
    """The requested actor, else a built-in one whose voice fits, different for each variant."""
    if requested:
        return requested
    fitting = [a.id for a in BUILTIN_ACTORS if a.gender == voice_gender] or [a.id for a in BUILTIN_ACTORS]
    return fitting[(seed + variant) % len(fitting)]


def portrait(data: bytes) -> Image.Image:
    """The photo as RGB; a transparent background (a cut-out PNG) becomes a light studio grey
    rather than whatever colour its hidden pixels hold."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            backdrop = Image.new("RGBA", image.size, (226, 226, 222, 255))
            backdrop.alpha_composite(image.convert("RGBA"))
            return backdrop.convert("RGB")
        return image.convert("RGB")


def rig_for(actor: Actor | Path, height: int) -> Rig:
    """A drawn actor's rig, or a photo's (from the library or the request's avatar file)."""
    if isinstance(actor, ActorLook):
        return build_rig(actor, height)
    path = actor.path if isinstance(actor, PhotoActor) else actor
    image = portrait(path.read_bytes())
    return PhotoRig(image, find_face(image), height)
