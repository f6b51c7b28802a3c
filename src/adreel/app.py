"""Start-up wiring: turns `Settings` into the objects the rest of adreel is handed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from adreel.config import Settings, split_list
from adreel.platform.crypto import SecretBox, load_or_create_key
from adreel.platform.db import Database
from adreel.platform.db.engine import default_url
from adreel.platform.http import AddressPolicy, Fetcher
from adreel.platform.queue import WorkQueue
from adreel.platform.storage import LocalStorage, Storage

if TYPE_CHECKING:   # the engine, voice, writer and video stacks load on first use, not with every command
    from adreel.engine.admission import Admission
    from adreel.engine.core import Engine
    from adreel.engine.ports import ActorCatalogue, StudioTools, VoiceCatalogue
    from adreel.engine.ratelimit import RateLimiter
    from adreel.engine.stages import StageRegistry
    from adreel.engine.ticker import Ticker
    from adreel.engine.webhooks import WebhookSender
    from adreel.media.voice import VoiceRegistry
    from adreel.media.write import LLMWriter
    from adreel.pipeline import Toolkit

# Languages a hosted voice is offered for (those adreel also writes scripts in).
HOSTED_LANGUAGES = ("en", "es", "de", "fr", "ja")


def make_fetcher(settings: Settings, *, allow_private: bool = False) -> Fetcher:
    """The safe fetcher under the operator's limits; `allow_private` (a CLI flag) widens the
    policy exactly as `ADREEL_ALLOW_PRIVATE_NETWORKS=1` would."""
    policy = AddressPolicy.from_strings(
        settings.allow_private_networks or allow_private, settings.allowed_networks
    )
    return Fetcher(settings.fetch, policy)


def make_voice_registry(settings: Settings) -> VoiceRegistry:
    """Bundled, espeak, operator-installed and (when configured) hosted voices."""
    import espeakng_loader

    from adreel.media.voice import VoiceInfo, VoiceRegistry
    from adreel.media.voice.catalog import bundled_piper, espeak_voices, installed_piper
    from adreel.media.voice.espeak_voice import EspeakSpeaker
    from adreel.media.voice.remote import RemoteSpeaker, elevenlabs_fetch, openai_fetch

    local = [*bundled_piper(), *installed_piper(settings.voices_path),
             *espeak_voices(Path(espeakng_loader.get_data_path()))]
    client = httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0))
    registry = VoiceRegistry(local, resources=[client], rates_file=settings.data_dir / "cache" / "voice-rates.json")
    references = {s.info.language: s for s in local
                  if isinstance(s, EspeakSpeaker) and "-" not in s.info.locale}
    references["en"] = next(s for s in local if s.info.id == "espeak-en-us")
    def hosted(engine: str, voice: str, name: str, fetch: Callable[..., object]) -> None:
        for language in HOSTED_LANGUAGES:
            info = VoiceInfo(id=f"{engine}-{voice}-{language}", name=name, language=language,
                             locale=language, accent="standard", gender="neutral",
                             engine=engine, timing="aligned")
            registry.register(RemoteSpeaker(info, fetch, references[language]))

    if settings.openai_tts_base_url and settings.openai_tts_api_key:
        for name in split_list(settings.openai_tts_voices):
            hosted("openai", name, name.title(), openai_fetch(
                client, settings.openai_tts_base_url, settings.openai_tts_api_key.get_secret_value(),
                settings.openai_tts_model, name))
    if settings.elevenlabs_api_key:
        for voice_id in split_list(settings.elevenlabs_voices):
            hosted("elevenlabs", voice_id, voice_id, elevenlabs_fetch(
                client, settings.elevenlabs_base_url, settings.elevenlabs_api_key.get_secret_value(),
                settings.elevenlabs_model, voice_id))
    return registry


def make_llm_writer(settings: Settings) -> LLMWriter | None:
    """The LLM script writer when `ADREEL_LLM_BASE_URL` and `ADREEL_LLM_MODEL` are set."""
    from adreel.media.write import LLMConfig, LLMWriter

    if not (settings.llm_base_url and settings.llm_model):
        return None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return LLMWriter(LLMConfig(settings.llm_base_url, key, settings.llm_model, settings.llm_timeout_s))


def open_database(settings: Settings) -> Database:
    """The configured database (SQLite in the data directory by default), migrated to head."""
    database = Database(settings.database_url or default_url(settings.data_dir))
    database.migrate()
    return database


def make_secret_box(settings: Settings) -> SecretBox:
    configured = settings.secret_key.get_secret_value() if settings.secret_key else None
    return SecretBox(load_or_create_key(settings.data_dir, configured))


def make_queue(settings: Settings) -> WorkQueue:
    """The work queue `ADREEL_QUEUE` names: `local` (threads of this process) or a Celery broker."""
    if settings.scale_out:
        from adreel.platform.queue.broker import CeleryQueue  # Celery loads only when it is used

        return CeleryQueue(settings.queue)
    from adreel.platform.queue.local import LocalQueue

    return LocalQueue(settings.worker_threads or None)


def make_rate_limiter(settings: Settings, database: Database) -> RateLimiter:
    """Request counts in Redis when the deployment has one, else in the shared database."""
    from adreel.engine.ratelimit import DatabaseRateLimiter, RedisRateLimiter

    in_database = DatabaseRateLimiter(database)
    return RedisRateLimiter(settings.shared_redis, in_database) if settings.shared_redis else in_database


def make_storage(settings: Settings) -> Storage:
    """The store `ADREEL_STORAGE` names: `local` is `DATA_DIR` itself (`work/`, `media/`), an
    `s3://bucket/prefix` URL a bucket shared by every process."""
    if settings.storage == "local":
        return LocalStorage(settings.data_dir)
    from adreel.platform.storage.s3 import S3Storage  # boto3 loads only when it is used

    return S3Storage(settings.storage, endpoint_url=settings.s3_endpoint_url, region=settings.s3_region)


def make_toolkit(settings: Settings, fetcher: Fetcher, voices: VoiceRegistry, *,
                 public_url: str | None = None, local_root: Path | None = None) -> Toolkit:
    """What the pipeline's stages are handed."""
    from adreel.pipeline import Toolkit
    from adreel.pipeline.actors import actor_library

    return Toolkit(fetcher=fetcher, voices=voices, storage=make_storage(settings),
                   scratch_root=settings.data_dir / "scratch", public_url=public_url or settings.public_url,
                   llm=make_llm_writer(settings), music_dir=settings.music_dir, x264_preset=settings.x264_preset,
                   local_root=local_root, actors=actor_library(settings.data_dir / "actors"))


def register_pipeline(stages: StageRegistry, toolkit: Toolkit) -> None:
    """The five built-in stages; plugins loaded afterwards may replace any of them."""
    from adreel.pipeline.stages import STAGE_FUNCTIONS, STAGE_POLLS, poll_stage, run_stage

    for name in STAGE_FUNCTIONS:
        stages.register(name, lambda context, n=name: run_stage(n, context, toolkit),
                        poll=None if name not in STAGE_POLLS
                        else (lambda context, handle, n=name: poll_stage(n, context, toolkit, handle)))


@dataclass
class Pipeline:
    """The engine with the pipeline behind it: what a process that runs or queues stages holds."""

    database: Database
    registry: VoiceRegistry
    fetcher: Fetcher
    toolkit: Toolkit
    queue: WorkQueue
    engine: Engine
    closers: list[Callable[[], object]]


def start_pipeline(settings: Settings, *, runs_stages: bool) -> Pipeline:
    """Open the database, load the voices, actors, pipeline and plugins, and the queue."""
    from adreel.engine.core import Engine, Limits
    from adreel.engine.stages import StageRegistry, load_plugins
    from adreel.media.actors.provider import LipSyncSlot

    database = open_database(settings)
    registry = make_voice_registry(settings)
    fetcher = make_fetcher(settings)
    toolkit = make_toolkit(settings, fetcher, registry)
    toolkit.lip_sync_slot = LipSyncSlot()
    stages = StageRegistry()
    register_pipeline(stages, toolkit)
    load_plugins(settings.plugin_modules, stages=stages, voices=registry, lip_sync=toolkit.lip_sync_slot)
    queue = make_queue(settings)
    engine = Engine(database, stages, queue, Limits(stall_s=settings.stall_timeout_s,
                                                    job_s=settings.job_timeout_s, lease_s=settings.lease_s),
                    runs_stages=runs_stages, public_url=settings.public_url,
                    ticks_on_poll=not settings.scale_out)
    closers: list[Callable[[], object]] = [database.close, registry.close, fetcher.close]
    if toolkit.llm is not None:
        closers.append(toolkit.llm.close)
    closers.append(queue.close)
    return Pipeline(database, registry, fetcher, toolkit, queue, engine, closers)


def start_worker(settings: Settings) -> Pipeline:
    """`adreel worker`: the pipeline, taking stages and request-time checks from the broker."""
    from adreel.engine.relayed_checks import answer_check, checks_of
    from adreel.pipeline.checks import FaceCheck, PageCheck
    from adreel.pipeline.studio import StudioKit
    from adreel.platform.queue.broker import CeleryQueue

    # Media links are stored as paths: each API process prefixes its own public address.
    pipeline = start_pipeline(settings.model_copy(update={"public_url": None}), runs_stages=True)
    queue = pipeline.queue
    assert isinstance(queue, CeleryQueue), "adreel worker needs a broker (ADREEL_QUEUE)"
    checks = checks_of(PageCheck(pipeline.fetcher), FaceCheck(pipeline.fetcher, pipeline.toolkit.read_bytes),
                       StudioKit(pipeline.toolkit))
    queue.bind_checks(lambda kind, argument, reply: answer_check(pipeline.database, checks, kind, argument, reply))
    return pipeline


@dataclass
class Services:
    """Everything a serving process runs, wired from `Settings` (`adreel serve`)."""

    settings: Settings
    database: Database
    secrets: SecretBox
    fetcher: Fetcher
    storage: Storage
    queue: WorkQueue
    voices: VoiceCatalogue
    actors: ActorCatalogue
    admission: Admission
    studio: StudioTools
    engine: Engine
    webhooks: WebhookSender
    ticker: Ticker
    rate_limiter: RateLimiter
    llm_available: bool
    closers: list[Callable[[], object]] = field(default_factory=list)

    def close(self) -> None:
        self.ticker.stop()
        for close in reversed(self.closers):
            close()


def start_services(settings: Settings) -> Services:
    """The API process: the pipeline (it runs stages in embedded mode; in scale-out it only
    queues them for `adreel worker`), webhooks, and the ticker."""
    from adreel.engine.admission import Admission
    from adreel.engine.relayed_checks import CheckSender, RelayedChecks
    from adreel.engine.ticker import Ticker
    from adreel.engine.webhooks import WebhookSender
    from adreel.pipeline.checks import ActorList, FaceCheck, PageCheck, VoiceCheck
    from adreel.pipeline.studio import StudioKit

    # A serve-only process in embedded mode (ADREEL_WORKER_THREADS=0) leaves claiming to the
    # process that renders; in scale-out every API process ticks and queues, workers render.
    pipeline = start_pipeline(settings, runs_stages=settings.scale_out or settings.worker_threads != 0)
    database, engine = pipeline.database, pipeline.engine
    secrets = make_secret_box(settings)
    webhooks = WebhookSender(database, secrets, allow_private=settings.allow_private_webhooks,
                             ca_bundle=settings.webhook_ca_bundle, delays=settings.webhook_delays,
                             public_url=settings.public_url)
    rate_limiter = make_rate_limiter(settings, database)
    closers = [*pipeline.closers, webhooks.close]
    if hasattr(rate_limiter, "close"):
        closers.append(rate_limiter.close)
    ticker = Ticker(engine, webhooks)
    if engine.runs_stages:      # a process that only serves leaves ticking to those that render
        ticker.start()
    fetcher = pipeline.fetcher
    pages, faces = PageCheck(fetcher), FaceCheck(fetcher, pipeline.toolkit.read_bytes)
    studio: StudioTools = StudioKit(pipeline.toolkit)
    if isinstance(pipeline.queue, CheckSender):   # scale-out: light workers read the pages
        pages = faces = studio = RelayedChecks(database, pipeline.queue, pages, faces, studio)
    return Services(settings=settings, database=database, secrets=secrets, fetcher=fetcher,
                    storage=pipeline.toolkit.storage, queue=pipeline.queue, voices=VoiceCheck(pipeline.registry),
                    actors=ActorList(pipeline.toolkit), admission=Admission(database, pages, faces), studio=studio,
                    engine=engine, webhooks=webhooks, ticker=ticker, rate_limiter=rate_limiter,
                    llm_available=pipeline.toolkit.llm is not None, closers=closers)
