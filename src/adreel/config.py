"""Settings: one object, built once at start-up and passed down (never a module global)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BROKER_SCHEMES = ("redis://", "rediss://", "amqp://", "amqps://", "pyamqp://")


class FetchLimits(BaseSettings):
    """Bounds on every outbound request the product makes."""

    model_config = SettingsConfigDict(env_prefix="ADREEL_FETCH_", extra="ignore")

    connect_timeout_s: float = Field(5.0, gt=0)
    read_timeout_s: float = Field(10.0, gt=0)
    total_timeout_s: float = Field(20.0, gt=0)
    max_page_bytes: int = Field(5 * 1024 * 1024, gt=0)
    max_image_bytes: int = Field(20 * 1024 * 1024, gt=0)
    max_redirects: int = Field(5, ge=0, le=20)


class Settings(BaseSettings):
    """Everything an operator sets with `ADREEL_*` variables (spec/API.md §11)."""

    # Never echo a value back: a broker or database URL carries its password.
    model_config = SettingsConfigDict(env_prefix="ADREEL_", extra="ignore", hide_input_in_errors=True)

    data_dir: Path = Path("./adreel-data")
    database_url: str | None = None
    public_url: str | None = None
    allow_private_networks: bool = False
    allow_networks: str = ""  # comma-separated CIDRs the fetcher may reach though private
    allow_private_webhooks: bool = False
    webhook_ca_bundle: Path | None = None
    secret_key: SecretStr | None = None
    queue: str = "local"      # the work queue: `local` (threads of `adreel serve`), or a Celery broker URL
    redis_url: str | None = None   # the shared rate-limit counter (default: ADREEL_QUEUE when it is Redis)
    storage: str = "local"    # where artifacts and media live: `local` (DATA_DIR) or s3://bucket/prefix
    s3_endpoint_url: str | None = None      # a non-AWS S3 endpoint (MinIO, R2, ...)
    s3_region: str | None = None            # default: the AWS chain's region (AWS_REGION, profile)
    media_urls: Literal["proxy", "presigned"] = "proxy"   # media streamed by the API, or signed store URLs
    media_url_expiry_s: int = Field(3600, gt=0, le=7 * 24 * 3600)
    # Threads of `adreel serve` that run stages (default: one per core). 0: this process only
    # serves the API (no ticker, polls do not tick); another process with workers renders.
    worker_threads: int | None = Field(None, ge=0, le=256)
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_timeout_s: float = Field(30.0, gt=0)
    operator_token: SecretStr | None = None
    plugins: str = ""
    stall_timeout_s: int = Field(900, gt=0)
    job_timeout_s: int = Field(1800, gt=0)
    lease_s: float = Field(60.0, gt=0)         # a stage whose worker is silent this long is taken back
    webhook_retry_delays_s: str = "10,60"      # delays before webhook attempts 2 and 3
    fetch: FetchLimits = Field(default_factory=FetchLimits)
    # Voices: piper models an operator installs, and hosted speech services (optional).
    voices_dir: Path | None = None            # default: DATA_DIR/voices
    openai_tts_base_url: str | None = None    # e.g. https://api.openai.com/v1
    openai_tts_api_key: SecretStr | None = None
    openai_tts_model: str = "tts-1"
    openai_tts_voices: str = "alloy"          # comma-separated voice names
    elevenlabs_api_key: SecretStr | None = None
    elevenlabs_base_url: str = "https://api.elevenlabs.io"
    elevenlabs_model: str = "eleven_multilingual_v2"
    elevenlabs_voices: str = ""               # comma-separated voice ids
    # Video: the operator's own music (a folder of wav/flac/ogg/mp3; default: generated beds)
    # and the x264 preset (veryfast: as small as medium on ad graphics, twice as fast).
    music_dir: Path | None = None
    x264_preset: str = Field("veryfast", pattern=r"^(ultrafast|superfast|veryfast|faster|fast|medium|slow)$")

    @model_validator(mode="after")
    def _check_timeouts(self) -> Settings:
        if self.stall_timeout_s > self.job_timeout_s:
            raise ValueError("ADREEL_STALL_TIMEOUT_S must not exceed ADREEL_JOB_TIMEOUT_S")
        if self.media_urls == "presigned" and self.storage == "local":
            raise ValueError("ADREEL_MEDIA_URLS=presigned needs an S3 ADREEL_STORAGE (a local folder "
                             "cannot sign URLs)")
        return self

    @field_validator("queue")
    @classmethod
    def _check_queue(cls, value: str) -> str:
        # Refused at start-up rather than silently run on the local queue.
        value = value.strip()
        if value.lower() == "local":
            return "local"
        if not value.lower().startswith(BROKER_SCHEMES) or value.endswith("://"):
            scheme = value.split("://", 1)[0] if "://" in value else value[:12]
            raise ValueError(f"ADREEL_QUEUE (scheme {scheme!r}): use 'local', redis://host:6379/0 or "
                             "amqp://user:pass@host//")
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("redis://", "rediss://")):
            raise ValueError("ADREEL_REDIS_URL must be a redis:// or rediss:// URL")
        return value

    @property
    def scale_out(self) -> bool:
        """Stages run on `adreel worker` processes through a broker, never in `adreel serve`."""
        return self.queue != "local"

    @property
    def shared_redis(self) -> str | None:
        """The Redis that holds the rate-limit counters of every API process, if any."""
        if self.redis_url:
            return self.redis_url
        return self.queue if self.queue.lower().startswith(("redis://", "rediss://")) else None

    @field_validator("storage")
    @classmethod
    def _check_storage(cls, value: str) -> str:
        value = value.strip()
        if value.lower() == "local":
            return "local"
        if not value.startswith("s3://") or len(value) <= len("s3://"):
            raise ValueError(f"ADREEL_STORAGE={value!r}: use 'local' or s3://bucket/prefix")
        return value

    @field_validator("allow_networks")
    @classmethod
    def _check_networks(cls, value: str) -> str:
        for item in split_list(value):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as exc:
                raise ValueError(f"ADREEL_ALLOW_NETWORKS: {item!r} is not a network") from exc
        return value

    @property
    def allowed_networks(self) -> list[str]:
        return split_list(self.allow_networks)

    @property
    def webhook_delays(self) -> list[float]:
        return [float(d) for d in split_list(self.webhook_retry_delays_s)] or [10.0, 60.0]

    @property
    def voices_path(self) -> Path:
        return self.voices_dir or self.data_dir / "voices"

    @property
    def plugin_modules(self) -> list[str]:
        return split_list(self.plugins)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]
