"""Stitching: compose every frame once at full resolution and encode it once, with the voice
and music mixed and mastered; then the thumbnail and the SRT / WebVTT captions. The finished
files go to media storage under an unguessable folder."""

from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import soundfile
from PIL import Image

from adreel.media.actors.clip import ClipActorLayer
from adreel.media.actors.layer import ActorLayer
from adreel.media.actors.stored import StoredRig
from adreel.media.actors.track import MouthTrack
from adreel.media.audio import Mixed, choose_music, mix
from adreel.media.captions.cues import Cue, group_words, to_srt, to_vtt, words_from_json
from adreel.media.compose.frame import Renderer
from adreel.media.compose.yuv import YuvLayer, yuv_to_rgb
from adreel.media.encode.probe import probe_mp4
from adreel.media.encode.writer import VideoSettings, encode_mp4
from adreel.media.scenes.layers import ShotLayers
from adreel.media.scenes.palette import Palette
from adreel.media.timeline.layout import layout_for
from adreel.media.timeline.model import Timeline
from adreel.pipeline.concept import Concept
from adreel.pipeline.toolkit import RenderError, Toolkit, WorkDir
from adreel.pipeline.video import scene_rows


def thumbnail_frame(timeline: Timeline) -> int:
    """A representative frame: the middle of the first picture shot after the first second
    (the product, in motion, with its caption), else the middle of the video."""
    for shot in timeline.shots:
        if shot.visual == "image" and shot.end > 1.0 and shot.duration >= 0.8:
            return int((max(shot.start, 1.0) + shot.end) / 2 * timeline.fps)
    return timeline.frame_count // 2


def stressed_moments(words: list[dict[str, Any]], spans: list[tuple[float, float]],
                     gap: float = 1.4) -> list[float]:
    """When the actor nods: on the stressed word of each phrase they say on camera — taken as
    the longest word (stress lengthens a syllable), at most one nod per `gap` seconds."""
    moments: list[float] = []
    for start, end in spans:
        said = [w for w in words if start <= w["start"] < end]
        while said:
            phrase = [w for w in said if w["start"] < said[0]["start"] + gap]
            longest = max(phrase, key=lambda w: w["end"] - w["start"])
            moments.append(longest["start"])
            said = said[len(phrase):]
    return moments


def _discard(kit: Toolkit, token: str, reused: str | None) -> None:
    """Media this attempt made are removed when the attempt ends without a video."""
    if not reused:
        kit.storage.delete_prefix(f"media/{token}/")


@dataclass(frozen=True)
class Composition:
    """A project's frame source and what it was made from."""

    renderer: Renderer
    concept: Concept
    timeline: Timeline
    cues: list[Cue]
    words: list[dict[str, Any]]


def compose(work: WorkDir) -> Composition:
    """The frame source for a project whose video and lip_sync stages are done, from what they
    stored: every layer loaded once, the actor (drawn rig or an outside service's clip), captions."""
    concept = Concept.model_validate(work.read_json("concept.json"))
    timeline = Timeline.model_validate(work.read_json("timeline.json"))
    shots = [ShotLayers.model_validate(s) for s in work.read_json("layers.json")]
    words = work.read_json("words.json")
    layers: dict[str, YuvLayer] = {}
    for shot in shots:
        for name in (shot.backdrop, shot.hero, shot.card):  # (None where a shot has no such layer)
            if name and name not in layers:
                with Image.open(work.path("layers") / name) as image:
                    layers[name] = YuvLayer.from_image(image.copy())
    cues = group_words(words_from_json(words), concept.language)
    layout = layout_for(concept.aspect, concept.preset)
    actor: Any = None
    synced = work.path("actor_synced.mp4")
    if concept.actor_id and layout.actor is not None and synced.is_file():
        actor = ClipActorLayer(synced, layout.actor, concept.fps)     # an outside service's lip sync
    elif concept.actor_id and layout.actor is not None:
        nods = stressed_moments(words, [(shot.start, shot.end) for shot in timeline.shots if shot.actor])
        actor = ActorLayer(StoredRig(work.path("actor")), MouthTrack.from_json(work.read_json("mouth.json")),
                           layout.actor, with_setting=concept.preset != "green_screen", seed=concept.seed, nods=nods)
    renderer = Renderer(timeline, shots, layers, cues, Palette.from_json(concept.palette), layout, actor=actor)
    return Composition(renderer, concept, timeline, cues, words)


def stitch(ctx: Any, kit: Toolkit) -> dict[str, Any]:
    work = kit.work(ctx.project_id)
    made = compose(work)
    renderer, concept, timeline, cues, words = made.renderer, made.concept, made.timeline, made.cues, made.words

    voice, rate = soundfile.read(work.path("voice.wav"), dtype="float32", always_2d=False)
    length = round(timeline.duration * rate)
    voice = np.pad(voice, (0, max(0, length - len(voice))))[:length]

    def mixed_audio() -> Mixed:
        _name, music = choose_music(kit.music_dir, concept.seed, timeline.duration, rate)
        return mix(voice, music, rate)

    # The mix is made while the first frames encode (the muxer takes the audio when it comes).
    mixing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="adreel-mix")
    mixed_future = mixing.submit(mixed_audio)
    audio_future: Future = Future()
    mixed_future.add_done_callback(lambda f: audio_future.set_exception(f.exception()) if f.exception()
                                   else audio_future.set_result(f.result().audio))

    reused = ctx.outputs.get("media_token")
    token = reused or kit.new_media_token()
    thumb_at = thumbnail_frame(timeline)
    kept: dict[str, np.ndarray] = {}

    def keep(number: int, buffer: np.ndarray) -> None:
        if number == thumb_at:
            kept["thumb"] = buffer.copy()

    settings = VideoSettings(timeline.width, timeline.height, timeline.fps, preset=kit.x264_preset)
    try:
        with kit.publishing(token) as folder:
            try:
                encode_mp4(folder / "video.mp4", renderer.frame, timeline.frame_count, audio_future, rate,
                           settings, progress=ctx.progress, keep=keep, cancelled=ctx.cancelled)
                mixed = mixed_future.result()
            except (OSError, ValueError) as exc:
                raise RenderError(f"The video could not be encoded ({exc}).") from exc
            finally:
                mixing.shutdown(wait=True)
            thumb = kept.get("thumb")
            if thumb is None:
                thumb = renderer.frame(min(thumb_at, timeline.frame_count - 1)).copy()
            picture = Image.fromarray(yuv_to_rgb(thumb, timeline.width, timeline.height))
            picture.save(folder / ".thumbnail.jpg.part", "JPEG", quality=88)
            (folder / ".thumbnail.jpg.part").replace(folder / "thumbnail.jpg")
            (folder / "captions.srt").write_text(to_srt(cues), "utf-8")
            (folder / "captions.vtt").write_text(to_vtt(cues), "utf-8")
            shutil.copyfile(work.path("script.json"), folder / "script.json")
            probe = probe_mp4(folder / "video.mp4")
    except InterruptedError:
        _discard(kit, token, reused)
        return {}
    except BaseException:
        _discard(kit, token, reused)
        raise
    return {
        "media_token": token,
        "final_output_url": kit.media_url(token, "video.mp4"),
        "thumbnail_url": kit.media_url(token, "thumbnail.jpg"),
        "captions_url": {"srt": kit.media_url(token, "captions.srt"), "vtt": kit.media_url(token, "captions.vtt")},
        "duration_seconds": round(probe.duration, 2),
        "loudness_lufs": round(mixed.loudness_lufs, 2),
        "scene_count": len(timeline.shots),       # the scene rows are the timeline's shots
        "scenes": scene_rows(timeline, words, ctx.project_id, "completed", concept.actor_id),
    }
