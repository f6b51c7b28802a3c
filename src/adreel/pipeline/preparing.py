"""Preparing: read the page, keep the best pictures, write the script, decide the concept.
Leaves `product.json`, `images/`, `script.json` and `concept.json`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adreel.media.actors.photo import find_face
from adreel.media.extract import NotAProduct, PageRead, read_html, read_url
from adreel.media.images import download_images
from adreel.media.images.check import ImageRejected
from adreel.media.voice import Speaker, spoken_lines
from adreel.media.voice.takes import RememberingSpeaker
from adreel.media.write import Script, WriteRequest, script_language, write_script
from adreel.pipeline.actors import AVATAR, cast, portrait
from adreel.pipeline.audio import FIT
from adreel.pipeline.concept import make_concept, seed_for
from adreel.pipeline.toolkit import Toolkit, WorkDir, local_path

LOCAL_ENGINES = ("piper", "espeak")     # cheap enough to listen to a draft (hosted voices cost money)


def _read_page(url: str, kit: Toolkit) -> PageRead:
    if url.startswith("file:"):
        path = local_path(url, kit.local_root)
        if path is None:
            raise NotAProduct(f"{url} is not a file adreel may read.")
        # A saved page: its relative links resolve against where it was saved.
        return read_html(path.read_text("utf-8", errors="replace"), url)
    return read_url(url, kit.fetcher)


def _fit_to_voice(script: Script, write: Callable[[float], Script], rate: float, speaker: Speaker,
                  target: float) -> Script:
    """Listen to the script before committing to it: the writer's estimate counts words, but long
    words, spelled-out numbers and commas take longer than the calibration paragraph. When the
    real voice misses the target, write again for the rate it really speaks at (a local voice
    says a 30 s script in about two seconds). The speaker keeps its takes: the audio stage uses
    the last one rather than saying it again."""
    # A first draft should land close; a rewrite that the audio stage would keep is kept as heard.
    for window in ((0.9, 1.04), FIT):
        spoken = speaker.synthesize(spoken_lines([scene.text for scene in script.scenes]), rate=script.rate).duration
        if window[0] * target <= spoken <= window[1] * target:
            break
        rate *= script.estimated_seconds / max(spoken, 1.0)
        script = write(rate)
    return script


def _cast(ctx: Any, kit: Toolkit, work: WorkDir, voice_gender: str) -> str:
    """Who appears: the request's avatar photo (checked for one clear face), the selected
    actor, or a built-in actor chosen for the voice and the variant."""
    avatar = ctx.request.get("avatar_image_url")
    if avatar:
        image = portrait(kit.read_bytes(avatar))
        find_face(image)                      # NoFace: the project fails `no_face` with the reason
        image.save(work.path("avatar.jpg"), "JPEG", quality=94)
        return AVATAR
    return cast(kit.actors, requested=ctx.request.get("selected_actor_id"), voice_gender=voice_gender,
                seed=seed_for(ctx.url, "actor"), variant=ctx.variant)


def prepare(ctx: Any, kit: Toolkit) -> dict[str, Any]:
    request = ctx.request
    work = kit.work(ctx.project_id)
    ctx.progress(0, 4)
    page = _read_page(ctx.url, kit)
    if not page.verdict.is_product:
        raise NotAProduct(page.verdict.reason)
    product = page.product
    ctx.progress(1, 4)
    pictures, skipped = download_images(product.images, kit.read_bytes)
    if not pictures:
        why = "; ".join(f"{s.url}: {s.reason}" for s in skipped[:3]) or "the page names no product pictures"
        raise ImageRejected(f"No usable product picture was found ({why}).")
    folder = work.fresh("images")
    names = []
    for number, picture in enumerate(pictures):
        data, suffix = picture.encoded()
        name = f"{number:02d}.{suffix}"
        (folder / name).write_bytes(data)
        names.append(name)
    ctx.progress(2, 4)

    language, note = script_language(request.get("language"), product.language, kit.llm is not None)
    speaker = kit.voices.resolve(language, request.get("accent"))
    rate = kit.voices.words_per_second(speaker.info.id)
    preset = request.get("format_preset") or None

    def write(words_per_second: float) -> Script:
        return write_script(WriteRequest(
            product=product, style=request.get("script_style"), content_type=request.get("content_type", "ad"),
            duration=request.get("ad_duration", 15), variant=ctx.variant, language=language,
            words_per_second=words_per_second, user_instructions=request.get("user_instructions"),
            target_audience=request.get("target_audience"), override_script=request.get("override_script"),
            format_preset=preset, actors_available=bool(kit.actors)), kit.llm)

    script = write(rate)
    if not request.get("override_script") and speaker.info.engine in LOCAL_ENGINES:
        script = _fit_to_voice(script, write, rate, RememberingSpeaker(speaker, work.path("takes")),
                               float(request.get("ad_duration", 15)))
    ctx.progress(3, 4)

    colours = [c for p in pictures for c in p.colours[:3]]
    actor_id = None
    if script.format_preset != "product_showcase":
        actor_id = _cast(ctx, kit, work, speaker.info.gender)
    concept = make_concept(
        aspect=request.get("aspect_ratio", "9:16"), preset=script.format_preset, style=script.style,
        variant=ctx.variant, url=ctx.url, colours=colours, voice_id=speaker.info.id, language=language,
        target_seconds=None if request.get("override_script") else float(request.get("ad_duration", 15)),
        actor_id=actor_id)
    work.write_json("product.json", product.model_dump(mode="json"))
    work.write_json("pictures.json", [{"file": n, "url": p.url, "colours": list(p.colours)}
                                      for n, p in zip(names, pictures, strict=True)])
    work.write_json("script.json", script.model_dump(mode="json"))
    work.write_json("concept.json", concept.model_dump(mode="json"))
    notes = [n for n in ([note] if note else []) + script.notes if n]
    title = product.title or product.brand or "Product video"
    seconds = f"{concept.target_seconds:.0f} s " if concept.target_seconds else ""
    description = (f"{seconds}{script.content_type} in the {script.style.replace('_', ' ')} style, "
                   f"{concept.aspect}, {language}, voice {speaker.info.name}.")
    if notes:
        description += " " + " ".join(notes)
    ctx.progress(4, 4)
    return {"title": title, "description": description, "script": script.text,
            "scene_count": len(script.scenes), "caption_style": concept.caption_style, "language": language}
