"""The media kit behind the studio's Extension endpoints (`adreel.engine.ports.StudioTools`):
read a page into a product preview, write scripts without rendering, a voice sample, and an
uploaded photo checked as `avatarImageUrl` is. `adreel.app` wires it in; in scale-out a light
worker runs it (`adreel.engine.relayed_checks`)."""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adreel.errors import InvalidRequest, NotFound
from adreel.media.actors.photo import NoFace, find_face
from adreel.media.extract import NotAProduct, Product, read_url
from adreel.media.images import ImageRejected, download_images, inspect_image
from adreel.media.voice import Speaker, VoiceNotFoundError
from adreel.media.write import LanguageNotWritten, Script, WriteRequest, script_language, write_script
from adreel.pipeline.audio import tail_seconds
from adreel.pipeline.preparing import LOCAL_ENGINES
from adreel.pipeline.toolkit import Toolkit

PREVIEW_PICTURES = 4         # pictures shown beside a product before anything is spent
PREVIEW_SIDE = 480           # their longest side in pixels: previews, not the ad's pictures
MAX_DRAFTS = 3               # scripts written and listened to before the closest one is kept
FIT_SHARE = 0.04             # how far the spoken script may miss its goal before it is written again
PHOTO_MIN_SIDE = 160         # an uploaded portrait smaller than this has no usable face
SAMPLE_TEXT = {              # what a voice says in its sample, in its own language when adreel writes it
    "en": "Hi! This is how I will sound in your video ad.",
    "es": "¡Hola! Así sonaré en tu anuncio de vídeo.",
    "de": "Hallo! So klinge ich in deiner Videowerbung.",
    "fr": "Bonjour ! Voici ma voix dans votre publicité vidéo.",
    "ja": "こんにちは。これがあなたの動画広告での私の声です。",
}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def _jpeg(image: Any, side: int) -> bytes:
    small = image.convert("RGB")
    small.thumbnail((side, side))
    out = io.BytesIO()
    small.save(out, "JPEG", quality=85)
    return out.getvalue()


class StudioKit:
    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit
        self._sampling = threading.Lock()   # one voice sample rendered at a time in this process

    def _store(self, name: str, data: bytes, token: str | None = None) -> str:
        token = token or secrets.token_urlsafe(24)   # public but unguessable (spec/API.md §7)
        self.kit.storage.put_bytes(f"media/{token}/{name}", data)
        return self.kit.media_url(token, name)

    def read_page(self, url: str) -> dict[str, Any]:
        page = read_url(url, self.kit.fetcher)
        product = page.product
        pictures: list[str] = []
        if page.verdict.is_product:
            # Fetched here through the guarded fetcher and served from adreel's origin: the
            # browser never loads anything from the shop.
            kept, _skipped = download_images(product.images, self.kit.read_bytes, limit=PREVIEW_PICTURES)
            token = secrets.token_urlsafe(24)
            pictures = [self._store(f"{n:02d}.jpg", _jpeg(p.image, PREVIEW_SIDE), token) for n, p in enumerate(kept)]
        record = product.model_dump(mode="json")
        return {"url": url, "isProduct": page.verdict.is_product, "reason": page.verdict.reason,
                "title": product.title, "brand": product.brand, "description": product.description,
                "price": record["price"], "compareAtPrice": record["compare_at_price"],
                "currency": product.currency, "rating": product.rating, "reviewCount": product.review_count,
                "language": product.language, "features": product.features[:6], "pictures": pictures}

    def write_script(self, options: dict[str, Any]) -> dict[str, Any]:
        """`options`: a checked generate request (snake_case) with one URL."""
        page = read_url(options["urls"][0], self.kit.fetcher)
        if not page.verdict.is_product:
            raise NotAProduct(page.verdict.reason)
        try:   # what `POST /generate` would refuse with a 400
            language, note = script_language(options.get("language"), page.product.language,
                                             self.kit.llm is not None)
            speaker = self.kit.voices.resolve(language, options.get("accent"))
        except (LanguageNotWritten, VoiceNotFoundError) as exc:
            raise InvalidRequest(exc.message) from exc
        rate = self.kit.voices.words_per_second(speaker.info.id)
        duration = int(options.get("ad_duration") or 15)
        variants = []
        for variant in range(int(options.get("variant_count") or 1)):
            def write(words_per_second: float, variant: int = variant) -> Script:
                return write_script(WriteRequest(
                    product=page.product, style=options.get("script_style"),
                    content_type=options.get("content_type") or "ad", duration=duration, variant=variant,
                    language=language, words_per_second=words_per_second,
                    user_instructions=options.get("user_instructions"),
                    target_audience=options.get("target_audience"), format_preset=options.get("format_preset"),
                    actors_available=bool(self.kit.actors)), self.kit.llm)

            script = write(rate)
            if speaker.info.engine in LOCAL_ENGINES:
                script = self._fit(page.product, script, write, rate, speaker, duration - tail_seconds(duration, None))
            variants.append(script.as_cli_json())
        return {"variants": variants, "note": note, "voiceId": speaker.info.id}

    @staticmethod
    def _fit(product: Product, script: Script, write: Callable[[float], Script], rate: float, speaker: Speaker,
             goal: float) -> Script:
        """The script comes back as `overrideScript`, which is split into scenes by sentence and
        spoken as written at the voice's own pace. It is listened to that way now (a local voice
        says 15 s in about a second) and written again for the pace heard until the video lands
        on its length (spec/API.md §3: ±10 %)."""
        from adreel.media.voice import spoken_lines

        best, miss = script, float("inf")
        for _ in range(MAX_DRAFTS):
            spoken = write_script(WriteRequest(product=product, language=script.language,
                                               override_script=script.text))
            heard = speaker.synthesize(spoken_lines([scene.text for scene in spoken.scenes]), rate=spoken.rate).duration
            if abs(heard - goal) < miss:
                best, miss = script, abs(heard - goal)
            if abs(heard - goal) <= FIT_SHARE * goal:
                break
            rate *= goal / heard      # slower than measured: fewer words per second of video
            script = write(rate)
        return best

    def voice_sample(self, voice_id: str) -> dict[str, Any]:
        from adreel.media.voice import speak  # the voice stack loads on first use

        try:
            speaker = self.kit.voices.get(voice_id)
        except VoiceNotFoundError as exc:
            raise NotFound("Voice not found") from exc
        # A stable folder: every process finds the sample another one rendered.
        where = self.kit.storage.folder("media/") or self.kit.storage.name
        token = "voices-" + hashlib.sha256(f"adreel-voice-samples:{where}".encode()).hexdigest()[:32]
        name = _SAFE_NAME.sub("_", voice_id)[:100] + ".wav"
        key = f"media/{token}/{name}"
        with self._sampling:
            if self.kit.storage.size(key) is None:
                text = SAMPLE_TEXT.get(speaker.info.language.split("-")[0], SAMPLE_TEXT["en"])
                with tempfile.TemporaryDirectory() as scratch:
                    wav = Path(scratch) / name
                    speak([text], speaker).write(wav)
                    self.kit.storage.put_file(key, wav)
        return {"voiceId": voice_id, "sampleUrl": self.kit.media_url(token, name)}

    def check_photo(self, key: str) -> dict[str, Any]:
        try:
            data = self.kit.storage.get_bytes(key)
        finally:
            self.kit.storage.delete(key)
        try:
            picture = inspect_image("The uploaded photo", data, min_side=PHOTO_MIN_SIDE)
        except ImageRejected as exc:
            raise NoFace(f"{exc.message} Upload a JPEG or PNG portrait.") from exc
        find_face(picture.image)
        return {"avatarImageUrl": self._store("photo.jpg", _jpeg(picture.image, 1600))}
