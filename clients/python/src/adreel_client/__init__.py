"""adreel_client: the Python client of the adreel (and Nouvel) video-ad API.

`Client` / `AsyncClient` submit jobs, poll them as the contract asks, and download finished
videos; `adreel_client.webhooks.verify` checks webhook deliveries.
"""

from adreel_client.client import AsyncClient, AsyncJob, Client, Job
from adreel_client.download import default_slug
from adreel_client.errors import (
                                  AdreelClientError,
                                  ApiError,
                                  AuthenticationError,
                                  Conflict,
                                  ConnectionFailed,
                                  DownloadError,
                                  FetchFailed,
                                  IdempotencyConflict,
                                  InvalidRequest,
                                  NoFace,
                                  NotAProduct,
                                  NotFound,
                                  PayloadTooLarge,
                                  PermissionDenied,
                                  QuotaExceeded,
                                  RateLimited,
                                  ServerError,
                                  Unprocessable,
                                  WaitTimeout,
)
from adreel_client.models import (
                                  Actor,
                                  CompletedDetail,
                                  GenerateRequest,
                                  JobBody,
                                  JobProject,
                                  Project,
                                  ProjectDetail,
                                  Usage,
                                  Voices,
                                  WebhookEvent,
)
from adreel_client.retry import RetryPolicy

__version__ = "0.1.0"

__all__ = [
    "Actor", "AdreelClientError", "ApiError", "AsyncClient", "AsyncJob", "AuthenticationError", "Client",
    "CompletedDetail", "Conflict", "ConnectionFailed", "DownloadError", "FetchFailed", "GenerateRequest",
    "IdempotencyConflict", "InvalidRequest", "Job", "JobBody", "JobProject", "NoFace", "NotAProduct", "NotFound",
    "PayloadTooLarge", "PermissionDenied", "Project", "ProjectDetail", "QuotaExceeded", "RateLimited",
    "RetryPolicy", "ServerError", "Unprocessable", "Usage", "Voices", "WaitTimeout", "WebhookAttempt", "WebhookEvent",
    "default_slug",
]
