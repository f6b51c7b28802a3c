"""The database: tables, engine and sessions, migrations (SQLite or PostgreSQL)."""

from adreel.platform.db.engine import Database, reconnecting
from adreel.platform.db.tables import (
    Account,
    ApiKey,
    Base,
    IdempotencyKey,
    Job,
    Project,
    RateEvent,
    RelayedCheck,
    WebhookAttempt,
)

__all__ = ["Account", "ApiKey", "Base", "Database", "IdempotencyKey", "Job", "Project", "RateEvent", "RelayedCheck",
           "WebhookAttempt", "reconnecting"]
