"""What the engine asks of the media kit at admission, as small ports. Start-up (`adreel.app`)
wires the media implementations (`adreel.pipeline.checks`) into them; tests may hand in their
own. Each method raises an `AdreelError` with the code a client sees."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol


class PageChecker(Protocol):
    def check_page(self, url: str) -> None:
        """Fetch and classify the page: `fetch_failed` or `not_a_product` when it cannot be
        made into an ad."""


class FaceChecker(Protocol):
    def check_face(self, url: str) -> None:
        """Fetch the photo and find one usable face: `fetch_failed` or `no_face`."""


class VoiceCatalogue(Protocol):
    def voice_problem(self, language: str, accent: str | None) -> str | None:
        """Why no installed voice speaks `language` with `accent` (None when one does)."""

    def speaking_seconds(self, text: str, language: str) -> float:
        """How long `text` takes at the measured rate of the voice that would say it."""

    def listing(self) -> dict[str, Any]:
        """`{"voices": [...], "languages": {language: [accents]}}` for `GET /voices`."""


class ActorCatalogue(Protocol):
    def ids(self) -> Collection[str]:
        """The ids `selectedActorId` may name."""

    def listing(self) -> list[dict[str, Any]]:
        """Each actor as `GET /actors` shows it, preview URL included."""


class StudioTools(Protocol):
    """The media work behind the studio's Extension endpoints (docs/studio.md). Results are wire
    values; media links in them may be paths (`/media/...`) that the answering process prefixes."""

    def read_page(self, url: str) -> dict[str, Any]:
        """The product adreel reads on the page, its verdict and pictures stored as media;
        `fetch_failed` when the page cannot be read."""

    def write_script(self, options: dict[str, Any]) -> dict[str, Any]:
        """`{"variants": [...]}` as `adreel script --json` prints it, written without rendering;
        `not_a_product` when the page is not a product page."""

    def voice_sample(self, voice_id: str) -> dict[str, Any]:
        """`{"voiceId", "sampleUrl"}`: a short sample of the voice, rendered once and kept."""

    def check_photo(self, key: str) -> dict[str, Any]:
        """`{"avatarImageUrl"}` for an uploaded photo held in storage under `key`, once it is a
        readable picture with one usable face (`no_face` otherwise); the upload is removed."""
