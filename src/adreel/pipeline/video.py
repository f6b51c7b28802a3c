"""Video: plan the timeline on the word timings and draw every shot's layers once (pictures
framed and cut out, cards, backdrops). Leaves `timeline.json`, `layers.json` and `layers/`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from PIL import Image

from adreel.media.actors.stored import save_rig
from adreel.media.captions.cues import words_from_json
from adreel.media.extract.model import Product
from adreel.media.scenes.layers import draw_layers, plan_layers
from adreel.media.scenes.palette import Palette
from adreel.media.timeline.layout import layout_for
from adreel.media.timeline.model import Timeline
from adreel.media.timeline.plan import PlanInput, plan_timeline
from adreel.media.write.model import Script
from adreel.pipeline.actors import AVATAR, rig_for
from adreel.pipeline.concept import Concept
from adreel.pipeline.toolkit import Toolkit, WorkDir

RIG_MAX_HEIGHT = 1400      # the actor is drawn at most this tall and scaled up on screen


def load_pictures(work: WorkDir) -> tuple[list[Image.Image], list[dict[str, Any]]]:
    listed = work.read_json("pictures.json")
    pictures = []
    for item in listed:
        with Image.open(work.path("images") / item["file"]) as image:
            pictures.append(image.copy())
    return pictures, listed


def scene_rows(timeline: Timeline, words: list[dict[str, Any]], project_id: str, status: str,
               actor_id: str | None = None) -> list[dict[str, Any]]:
    """The scene rows `GET /projects/{id}` shows: one per shot, in playback order."""
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    rows = []
    for shot in timeline.shots:
        said = [w["word"] for w in words if shot.start <= w["start"] < shot.end]
        joiner = "" if timeline.language == "ja" else " "
        rows.append({"id": str(uuid5(NAMESPACE_URL, f"adreel:{project_id}:{shot.index}")),
                     "scene_order": shot.index, "prompt": shot.prompt, "script_text": joiner.join(said),
                     "output_url": None, "status": status,
                     "avatar_id": actor_id if shot.actor else None,
                     "duration_seconds": round(shot.duration, 2), "created_at": now, "updated_at": now})
    return rows


def make_video(ctx: Any, kit: Toolkit) -> dict[str, Any]:
    work = kit.work(ctx.project_id)
    script = Script.model_validate(work.read_json("script.json"))
    concept = Concept.model_validate(work.read_json("concept.json"))
    product = Product.model_validate(work.read_json("product.json"))
    words = work.read_json("words.json")
    audio = work.read_json("audio.json")
    pictures, listed = load_pictures(work)
    by_url = {item["url"]: n for n, item in enumerate(listed)}
    image_for = {i: by_url[url] for i, url in enumerate(product.images) if url in by_url}
    timeline = plan_timeline(PlanInput(
        script=script, words=words_from_json(words), product=product, image_count=len(pictures),
        image_for=image_for, aspect=concept.aspect, width=concept.width, height=concept.height,
        duration=audio["video_seconds"], caption_style=concept.caption_style, seed=concept.seed, fps=concept.fps))
    layout = layout_for(concept.aspect, concept.preset)
    shots, jobs = plan_layers(timeline, pictures, Palette.from_json(concept.palette), layout)
    total = len(jobs) + (1 if concept.actor_id else 0)
    folder = work.fresh("layers")
    if concept.actor_id and layout.actor is not None:
        # The actor's layers: the setting, the person, eyes for each blink step and a mouth for
        # every shape and opening (the lip_sync stage then only chooses among them).
        actor = work.fresh("actor")
        source = work.path("avatar.jpg") if concept.actor_id == AVATAR else kit.actors[concept.actor_id]
        save_rig(rig_for(source, min(layout.actor[3], RIG_MAX_HEIGHT)), actor)
        ctx.progress(1, total)
    done = total - len(jobs)
    for name, image in draw_layers(jobs, lambda n, _total: ctx.progress(done + n, total)):
        if name.endswith(".jpg"):
            image.convert("RGB").save(folder / name, "JPEG", quality=93)
        else:
            image.save(folder / name, "PNG", compress_level=1)
        if ctx.cancelled():
            return {}
    work.write_json("timeline.json", timeline.model_dump(mode="json"))
    work.write_json("layers.json", [s.model_dump(mode="json") for s in shots])
    return {"scenes": scene_rows(timeline, words, ctx.project_id, "rendering", concept.actor_id)}
