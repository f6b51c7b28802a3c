"""`POST /api/v1/generate` bodies (and `adreel generate`'s flags, which mirror them) checked
field by field (spec/API.md §3), each refusal an `InvalidRequest` whose message names the field
and the rule in plain words.

Rules that depend on what is installed (voices, the writer's languages, actors) are checked
through the engine's ports, passed in as a `GenerateContext`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from adreel.catalogue import (
    ACTOR_PRESETS,
    ASPECT_RATIOS,
    BUILTIN_LANGUAGES,
    CONTENT_TYPES,
    DURATIONS,
    PRESETS,
    STYLES,
    AspectRatio,
    ContentType,
)
from adreel.engine.ports import VoiceCatalogue
from adreel.errors import InvalidRequest
from adreel.platform.http import AddressPolicy, FetchError, system_resolver
from adreel.platform.http.policy import Resolver

MAX_OVERRIDE = 5000
MAX_INSTRUCTIONS = 2000
MAX_AUDIENCE = 500
MAX_OVERRIDE_SECONDS = 90.0


class GenerateRequest(BaseModel):
    """A checked request, in adreel's own names."""

    urls: list[str]
    variant_count: int = 1
    aspect_ratio: AspectRatio = "9:16"
    ad_duration: int = 15
    content_type: ContentType = "ad"
    script_style: str | None = None
    override_script: str | None = None
    user_instructions: str | None = None
    selected_actor_id: str | None = None
    avatar_image_url: str | None = None
    language: str | None = None
    accent: str | None = None
    target_audience: str | None = None
    format_preset: str | None = None
    webhook_url: str | None = None

    @property
    def total_projects(self) -> int:
        return len(self.urls) * self.variant_count


@dataclass
class GenerateContext:
    """What the checks consult: installed voices and actors, the writer, operator switches."""

    voices: VoiceCatalogue
    actor_ids: Collection[str] = field(default_factory=tuple)
    llm_available: bool = False
    allow_private_webhooks: bool = False
    resolver: Resolver = system_resolver


def _bad(message: str) -> InvalidRequest:
    return InvalidRequest(message)


def _http_url(value: object) -> bool:
    if not isinstance(value, str) or len(value) > 2048:
        return False
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 (raises on a port out of range)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _text(body: dict[str, Any], name: str, limit: int) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(f"{name} must be a string")
    if len(value) > limit:
        raise _bad(f"{name} must be at most {limit} characters")
    return value.strip() or None


def _choice(body: dict[str, Any], name: str, options: Collection[object], default: object) -> Any:
    value = body.get(name, default)
    if value is None:
        return default
    if value not in options or isinstance(value, bool):
        listed = ", ".join(str(o) for o in options)
        raise _bad(f"{name} must be one of {listed}")
    return value


def _integer(body: dict[str, Any], name: str, default: int) -> int:
    value = body.get(name, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"{name} must be an integer")
    return value


def check_webhook_url(url: str, *, allow_private: bool, resolver: Resolver = system_resolver) -> None:
    """§8: https, and never a loopback, private, link-local, multicast or unspecified host
    (checked on the literal and on every address the name resolves to)."""
    if len(url) > 2048:
        raise _bad("webhookUrl must be at most 2048 characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _bad("webhookUrl must be an absolute https URL") from exc
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _bad("webhookUrl must be an absolute https URL")
    if parts.scheme != "https" and not allow_private:
        raise _bad("webhookUrl must use https")
    if parts.username or parts.password:
        raise _bad("webhookUrl must not contain credentials")
    if allow_private:
        return
    if parts.hostname.lower() in ("localhost", "localhost.localdomain") or parts.hostname.endswith(".localhost"):
        raise _bad("webhookUrl must not point to localhost")
    try:
        AddressPolicy().resolve_checked(parts.hostname, port or 443, resolver)
    except FetchError as exc:
        raise _bad(f"webhookUrl is not allowed: {exc.message}") from exc


def check_generate(body: object, context: GenerateContext) -> GenerateRequest:
    """The request, or `InvalidRequest` naming the first rule it breaks."""
    if not isinstance(body, dict):
        raise _bad("The request body must be a JSON object")
    urls = body.get("urls")
    if not isinstance(urls, list) or not 1 <= len(urls) <= 3:
        raise _bad("urls must be an array of 1-3 URLs")
    for index, url in enumerate(urls):
        if not _http_url(url):
            raise _bad(f"urls[{index}] must be an absolute http(s) URL")
    variants = _integer(body, "variantCount", 1)
    if not 1 <= variants <= 3:
        raise _bad("variantCount must be between 1 and 3")
    aspect = _choice(body, "aspectRatio", ASPECT_RATIOS, "9:16")
    duration = _integer(body, "adDuration", 15)
    if duration not in DURATIONS:
        raise _bad(f"adDuration must be one of {', '.join(map(str, DURATIONS))}")
    content_type = _choice(body, "contentType", CONTENT_TYPES, "ad")
    style = _choice(body, "scriptStyle", STYLES, None)
    override = _text(body, "overrideScript", MAX_OVERRIDE)
    instructions = _text(body, "userInstructions", MAX_INSTRUCTIONS)
    audience = _text(body, "targetAudience", MAX_AUDIENCE)
    preset = _choice(body, "formatPreset", PRESETS, None)
    actor = _text(body, "selectedActorId", 200)
    avatar = body.get("avatarImageUrl")
    if avatar is not None and not _http_url(avatar):
        raise _bad("avatarImageUrl must be an absolute http(s) URL")
    if actor is not None and actor not in context.actor_ids:
        raise _bad(f"selectedActorId {actor!r} is not an actor id from GET /api/v1/actors")
    if preset in ACTOR_PRESETS and not context.actor_ids:
        raise _bad(f"formatPreset {preset} needs an actor, and no actors are installed yet; "
                   "use product_showcase")
    language = _text(body, "language", 35)
    accent = _text(body, "accent", 60)
    if language is not None:
        primary = language.split("-")[0].lower()
        if primary not in BUILTIN_LANGUAGES and not context.llm_available:
            raise _bad(f"language {language!r} cannot be written; supported: "
                       f"{', '.join(BUILTIN_LANGUAGES)}")
    if language is not None or accent is not None:
        problem = context.voices.voice_problem(language or "en", accent)
        if problem is not None:
            raise _bad(f"{'accent' if accent and 'accent' in problem else 'language'}: {problem}")
    if override:
        seconds = context.voices.speaking_seconds(override, (language or "en").split("-")[0].lower())
        if seconds > MAX_OVERRIDE_SECONDS:
            raise _bad(f"overrideScript would run about {seconds:.0f} s; the limit is "
                       f"{MAX_OVERRIDE_SECONDS:.0f} s")
    webhook = body.get("webhookUrl")
    if webhook is not None:
        if not isinstance(webhook, str) or not webhook.strip():
            raise _bad("webhookUrl must be an absolute https URL")
        check_webhook_url(webhook.strip(), allow_private=context.allow_private_webhooks,
                          resolver=context.resolver)
    return GenerateRequest(
        urls=[u.strip() for u in urls], variant_count=variants, aspect_ratio=aspect,
        ad_duration=duration, content_type=content_type, script_style=style,
        override_script=override, user_instructions=instructions, selected_actor_id=actor,
        avatar_image_url=avatar.strip() if isinstance(avatar, str) else None,
        language=language, accent=accent, target_audience=audience, format_preset=preset,
        webhook_url=webhook.strip() if isinstance(webhook, str) else None,
    )
