"""The API's bodies as pydantic models (API.md §2–§10), with snake_case attributes.

Job, generate and webhook bodies are camelCase on the wire, project bodies snake_case (Nouvel's
mix, kept by the server); the models read and write each in its own case. Unknown fields are
ignored, so a newer server does not break an older client.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

TERMINAL = frozenset({"completed", "partial", "failed", "cancelled"})


class CamelModel(BaseModel):
    """A body whose wire names are camelCase; attributes (and keyword arguments) are snake_case."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    def wire(self) -> dict[str, object]:
        """The JSON body as the server expects it: camelCase, unset options left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class GenerateRequest(CamelModel):
    """`POST /generate` (§3). The server checks the values and answers `InvalidRequest` with the
    rule in words, so the client does not second-guess it."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    urls: list[str]
    variant_count: int | None = None
    aspect_ratio: str | None = None
    ad_duration: int | None = None
    content_type: str | None = None
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


class JobCreated(CamelModel):
    """The answer to `POST /generate`."""

    job_id: str
    total_projects: int
    status: str


class ProjectError(BaseModel):
    """A failed project's `error`: which stage, a code from §4's list, a sentence to act on."""

    stage: str | None = None
    code: str
    message: str


class JobProject(CamelModel):
    """One entry of a job's `projects`."""

    id: str
    title: str | None = None
    status: str
    stage: str | None = None
    progress: int = 0
    error: ProjectError | None = None


class Captions(BaseModel):
    srt: str | None = None
    vtt: str | None = None


class CompletedDetail(CamelModel):
    """One entry of `completedDetails` (and of a webhook's `projects`)."""

    project_id: str
    title: str | None = None
    url: str | None = None
    final_output_url: str | None = None
    description: str | None = None
    status: str
    aspect_ratio: str | None = None
    duration_seconds: float | None = None
    scene_count: int | None = None
    script: str | None = None
    thumbnail_url: str | None = None
    captions_url: Captions | None = None
    error: ProjectError | None = None


class JobBody(CamelModel):
    """`GET /jobs/{id}` (§4)."""

    job_id: str
    status: str
    overall_progress: int = 0
    stage: str = "preparing"
    total_projects: int = 0
    completed_projects: int = 0
    failed_projects: int = 0
    cancelled_projects: int = 0
    projects: list[JobProject] = Field(default_factory=list)
    completed_details: list[CompletedDetail] = Field(default_factory=list)
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def finished(self) -> bool:
        """True once the status is terminal: completed, partial, failed or cancelled."""
        return self.status in TERMINAL


class Pagination(CamelModel):
    page: int
    limit: int
    total: int
    total_pages: int
    has_more: bool


class Project(BaseModel):
    """A project of `/projects` (§6; snake_case on the wire). The detail fields are set only by
    `GET /projects/{id}`."""

    id: str
    title: str | None = None
    description: str | None = None
    status: str
    final_output_url: str | None = None
    aspect_ratio: str | None = None
    target_duration_seconds: int | None = None
    product_url: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    job_id: str | None = None
    thumbnail_url: str | None = None
    error: ProjectError | None = None
    quality: str | None = None
    tone: str | None = None
    energy: str | None = None
    pacing: str | None = None
    caption_style: str | None = None
    content_mode: str | None = None


class Scene(BaseModel):
    id: str | None = None
    scene_order: int
    prompt: str | None = None
    script_text: str | None = None
    output_url: str | None = None
    status: str | None = None
    avatar_id: str | None = None
    duration_seconds: float | None = None
    created_at: str | None = None
    updated_at: str | None = None


class ProjectDetail(BaseModel):
    """`GET /projects/{id}`."""

    project: Project
    scenes: list[Scene] = Field(default_factory=list)


class WebhookAttempt(CamelModel):
    """One delivery attempt of a job's webhook (`GET /jobs/{id}/webhooks`, Extension)."""

    attempt: int
    event_id: str
    state: str
    status_code: int | None = None
    error: str | None = None
    sent_at: str | None = None


class Usage(CamelModel):
    """`GET /usage` (§10)."""

    used: int
    limit: int | None = None
    credits: int = 0
    period_start: str | None = None
    period_end: str | None = None


class Actor(CamelModel):
    id: str
    name: str
    gender: str | None = None
    style: str | None = None
    languages: list[str] = Field(default_factory=list)
    preview_url: str | None = None


class Voice(BaseModel):
    id: str
    name: str
    language: str
    locale: str | None = None
    accent: str | None = None
    gender: str | None = None
    engine: str | None = None


class Voices(BaseModel):
    """`GET /voices`: every installed voice, and the accents per language."""

    voices: list[Voice]
    languages: dict[str, list[str]] = Field(default_factory=dict)


class ErrorUsage(BaseModel):
    used: int
    limit: int | None = None


class ErrorBody(CamelModel):
    """Every non-2xx body (§2)."""

    error: str
    reason: str | None = None
    usage: ErrorUsage | None = None
    retry_after: float | None = None


class WebhookEvent(CamelModel):
    """A `job.completed` delivery (§8). `event_id`, `attempt` and `timestamp` come from the
    delivery's headers, the rest from its body."""

    event: str
    job_id: str
    status: str
    total_projects: int
    completed_projects: int
    failed_projects: int
    cancelled_projects: int = 0
    projects: list[CompletedDetail] = Field(default_factory=list)
    event_id: str | None = Field(default=None, exclude=True)
    attempt: int | None = Field(default=None, exclude=True)
    timestamp: int | None = Field(default=None, exclude=True)
