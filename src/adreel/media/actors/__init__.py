"""Actors: people talking to camera, drawn as layered vector art with a face rig whose eyes blink
and whose mouth follows the voice (see adreel.media.align.visemes for the shapes)."""

from adreel.media.actors.anatomy import INTERIOR, PUPIL, TEETH, TONGUE
from adreel.media.actors.looks import BUILTIN_ACTORS, ActorLook, look_by_id
from adreel.media.actors.rig import GESTURES, SHAPES, ActorRig, build_rig, preview

__all__ = ["BUILTIN_ACTORS", "GESTURES", "INTERIOR", "PUPIL", "SHAPES", "TEETH", "TONGUE", "ActorLook", "ActorRig",
           "build_rig", "look_by_id", "preview"]
