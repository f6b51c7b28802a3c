"""lip_sync: the actor's mouth. The local method chooses, for every frame, a mouth shape from
the viseme track and an opening from the voice (`mouth.json`; the rig has a drawn mouth for
each). With an outside lip-sync service configured, the actor is rendered alone for the whole
voiceover (`actor_input.mp4`), submitted with the voice, and polled until the service hands
back its clip (`actor_synced.mp4`), which stitching then uses for the actor shots."""

from __future__ import annotations

from typing import Any

import soundfile

from adreel.errors import AdreelError
from adreel.media.actors.layer import ActorLayer
from adreel.media.actors.stored import StoredRig
from adreel.media.actors.track import MouthTrack, mouth_track
from adreel.media.compose.yuv import Canvas
from adreel.media.encode.writer import VideoSettings, encode_mp4
from adreel.media.timeline.layout import layout_for
from adreel.media.timeline.model import Shot
from adreel.pipeline.concept import Concept
from adreel.pipeline.outside import Pending
from adreel.pipeline.toolkit import Toolkit, WorkDir

_ON_CAMERA = Shot(index=0, scene=0, start=0.0, end=1e9, visual="image", image=0, move="zoom_in", actor=True)


class LipSyncFailed(AdreelError):
    code = "provider_failed"


def _actor_clip(work: WorkDir, concept: Concept, track: MouthTrack) -> None:
    """The actor alone, in their setting, for the whole voiceover, with the voice."""
    layout = layout_for(concept.aspect, concept.preset)
    assert layout.actor is not None
    w, h = layout.actor[2] // 2 * 2, layout.actor[3] // 2 * 2
    layer = ActorLayer(StoredRig(work.path("actor")), track, (0, 0, w, h), with_setting=True, seed=concept.seed)
    canvas = Canvas(w, h)

    def frame(number: int):
        layer(canvas, number / concept.fps, _ON_CAMERA)
        return canvas.buffer

    voice, rate = soundfile.read(work.path("voice.wav"), dtype="float32", always_2d=True)
    stereo = voice.repeat(2, axis=1) if voice.shape[1] == 1 else voice
    encode_mp4(work.path("actor_input.mp4"), frame, len(track.shapes), stereo, rate,
               VideoSettings(w, h, concept.fps, preset="veryfast", crf=20))


def lip_sync(ctx: Any, kit: Toolkit) -> dict[str, Any] | Pending:
    work = kit.work(ctx.project_id)
    concept = Concept.model_validate(work.read_json("concept.json"))
    if not concept.actor_id:
        ctx.progress(1, 1)
        return {}       # product_showcase: no actor, nothing to sync
    audio = work.read_json("audio.json")
    voice, rate = soundfile.read(work.path("voice.wav"), dtype="float32", always_2d=False)
    frames = round(float(audio["video_seconds"]) * concept.fps)
    track = mouth_track(work.read_json("visemes.json"), voice, rate, concept.fps, frames)
    work.write_json("mouth.json", track.as_json())
    work.path("actor_synced.mp4").unlink(missing_ok=True)
    provider = kit.lip_sync
    if provider is None:
        ctx.progress(1, 1)
        return {"avatar_id": concept.actor_id}
    _actor_clip(work, concept, track)
    ctx.progress(1, 10)
    try:
        handle = provider.submit(work.path("actor_input.mp4"), work.path("voice.wav"))
    except Exception as exc:  # an outside service's failure is the project's, with its reason
        raise LipSyncFailed(f"The lip-sync service {provider.name} refused the job: {exc}") from exc
    return Pending({"provider": provider.name, **handle}, poll_after_s=provider.poll_after_s)


def lip_sync_poll(ctx: Any, kit: Toolkit, handle: dict[str, Any]) -> dict[str, Any] | Pending:
    work = kit.work(ctx.project_id)
    concept = Concept.model_validate(work.read_json("concept.json"))
    provider = kit.lip_sync
    if provider is None or provider.name != handle.get("provider"):
        raise LipSyncFailed(f"The lip-sync service {handle.get('provider')} is no longer configured.")
    try:
        status = provider.poll(handle)
    except Exception as exc:
        raise LipSyncFailed(f"The lip-sync service {provider.name} failed: {exc}") from exc
    if status.error:
        raise LipSyncFailed(f"The lip-sync service {provider.name} failed: {status.error}")
    ctx.progress(1 + int(status.progress * 9), 10)
    if not status.done or status.video is None:
        return Pending(handle, poll_after_s=provider.poll_after_s)
    target = work.path("actor_synced.mp4")
    partial = target.with_name(".actor_synced.part.mp4")
    partial.write_bytes(status.video)
    partial.replace(target)
    ctx.progress(10, 10)
    return {"avatar_id": concept.actor_id, "lip_sync_provider": provider.name}
