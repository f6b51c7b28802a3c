"""The media kit behind the engine's admission ports (`adreel.engine.ports`): reading a page,
finding a face in a photo, the installed voices and the actors. `adreel.app` wires these in;
`adreel generate` uses them directly for the same checks."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from adreel.media.actors.photo import NoFace, find_face
from adreel.media.extract import NotAProduct, read_url
from adreel.media.voice import VoiceNotFoundError, VoiceRegistry
from adreel.media.write.override import split_sentences
from adreel.media.write.timing import estimate_seconds
from adreel.pipeline.actors import portrait
from adreel.pipeline.toolkit import Toolkit
from adreel.platform.http import Fetcher, FetchError


class PageCheck:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher

    def check_page(self, url: str) -> None:
        page = read_url(url, self.fetcher)
        if not page.verdict.is_product:
            raise NotAProduct(page.verdict.reason)


class FaceCheck:
    def __init__(self, fetcher: Fetcher, read: Callable[[str], bytes] | None = None) -> None:
        self.fetcher = fetcher
        # `Toolkit.read_bytes` also reads this installation's own media (a photo uploaded in the studio).
        self.read = read or (lambda url: fetcher.image(url).body)

    def check_face(self, url: str) -> None:
        """The avatar photo is fetched and must show one clear face."""
        try:
            image = portrait(self.read(url))
        except FetchError as exc:
            raise FetchError(f"The avatar photo could not be fetched: {exc.message}") from exc
        except OSError as exc:
            raise NoFace("The avatar URL is not a picture adreel can read.") from exc
        find_face(image)


class VoiceCheck:
    def __init__(self, voices: VoiceRegistry) -> None:
        self.voices = voices

    def voice_problem(self, language: str, accent: str | None) -> str | None:
        try:
            self.voices.resolve(language, accent)
        except VoiceNotFoundError as exc:
            return exc.message
        return None

    def speaking_seconds(self, text: str, language: str) -> float:
        voice = self.voices.resolve(language)
        return estimate_seconds(split_sentences(text), language, self.voices.words_per_second(voice.info.id))

    def listing(self) -> dict[str, Any]:
        return {"voices": [info.model_dump(exclude={"timing"}) for info in self.voices.voices()],
                "languages": self.voices.languages()}


class ActorList:
    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit

    def ids(self) -> Collection[str]:
        return tuple(self.kit.actors)

    def listing(self) -> list[dict[str, Any]]:
        from adreel.pipeline.previews import actor_previews  # draws rigs: loaded on first use

        previews = actor_previews(self.kit)
        return [{**actor.as_json(), "previewUrl": previews.get(actor_id)}
                for actor_id, actor in self.kit.actors.items()]
