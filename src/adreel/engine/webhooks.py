"""Webhooks (spec/API.md §8): `job.completed` posted when a job ends, signed with the account's
secret, retried at +10 s and +60 s, every attempt persisted (so retries survive a restart) and
claimed with a compare-and-set so no attempt is ever sent twice.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import ssl
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from adreel.engine.accounts import webhook_secret
from adreel.engine.view import job_body
from adreel.platform.crypto import SecretBox
from adreel.platform.db import Account, Database, Job, Project, WebhookAttempt
from adreel.platform.http import AddressPolicy, FetchError, system_resolver
from adreel.platform.http.transport import GuardedTransport

LOGGER = logging.getLogger("adreel.webhooks")
MAX_ATTEMPTS = 3
CLAIM_S = 30.0


def schedule_first(session: Session, job_id: str) -> None:
    """Queue attempt 1 for a job that has just ended (in the transaction that ended it)."""
    session.add(WebhookAttempt(job_id=job_id, event_id=str(uuid.uuid4()), attempt=1,
                               due_at=time.time()))


def payload(job: Job, projects: list[Project], base: str | None = None) -> dict[str, object]:
    body = job_body(job, projects, base)
    return {"event": "job.completed", "jobId": job.id, "status": body["status"],
            "totalProjects": body["totalProjects"], "completedProjects": body["completedProjects"],
            "failedProjects": body["failedProjects"], "cancelledProjects": body["cancelledProjects"],
            "projects": body["completedDetails"]}


def sign(secret: str, body: bytes, timestamp: str) -> tuple[str, str]:
    """(V1: HMAC of the body, V2: HMAC of "<timestamp>.<body>"), lowercase hex."""
    key = secret.encode()
    v1 = hmac.new(key, body, hashlib.sha256).hexdigest()
    v2 = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return v1, v2


class WebhookSender:
    def __init__(self, database: Database, box: SecretBox, *, allow_private: bool = False,
                 ca_bundle: Path | None = None, delays: Sequence[float] = (10.0, 60.0),
                 timeout_s: float = 10.0, public_url: str | None = None) -> None:
        self.database = database
        self.public_url = public_url   # prefixes the media paths a worker stored
        self.box = box
        self.allow_private = allow_private
        self.delays = tuple(delays)
        context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
        self._timeout_s = timeout_s
        self._client = httpx.Client(
            transport=GuardedTransport(AddressPolicy(allow_private=allow_private), system_resolver,
                                       ssl_context=context),
            timeout=timeout_s, follow_redirects=False, trust_env=False)
        self._calls = ThreadPoolExecutor(max_workers=4, thread_name_prefix="adreel-webhook")

    def close(self) -> None:
        self._calls.shutdown(wait=False, cancel_futures=True)
        self._client.close()

    def deliver_due(self) -> int:
        """Send every attempt that is due; returns how many were sent (successfully or not)."""
        now = time.time()
        with self.database.session() as session:
            due = session.scalars(select(WebhookAttempt.id).where(
                ((WebhookAttempt.state == "pending") & (WebhookAttempt.due_at <= now))
                | ((WebhookAttempt.state == "sending") & (WebhookAttempt.due_at <= now - CLAIM_S)))
            ).all()
        return sum(self._deliver(attempt_id) for attempt_id in due)

    def _deliver(self, attempt_id: str) -> bool:
        token = str(uuid.uuid4())
        now = time.time()
        with self.database.session() as session:
            claimed = session.execute(update(WebhookAttempt).where(
                WebhookAttempt.id == attempt_id,
                ((WebhookAttempt.state == "pending") & (WebhookAttempt.due_at <= now))
                | ((WebhookAttempt.state == "sending") & (WebhookAttempt.due_at <= now - CLAIM_S)),
            ).values(state="sending", claim=token, due_at=now)).rowcount
            if not claimed:
                return False
            attempt = session.get(WebhookAttempt, attempt_id)
            assert attempt is not None
            job = session.get(Job, attempt.job_id)
            assert job is not None
            account = session.get(Account, job.account_id)
            assert account is not None
            projects = list(session.scalars(select(Project).where(Project.job_id == job.id)
                                            .order_by(Project.position)))
            body = json.dumps(payload(job, projects, self.public_url), separators=(",", ":")).encode()
            url, number, event_id = job.webhook_url or "", attempt.attempt, attempt.event_id
            try:
                secret: str | None = webhook_secret(self.box, account)
            except ValueError as exc:   # the operator changed ADREEL_SECRET_KEY
                secret, status, error = None, None, str(exc)
        if secret is not None:
            status, error = self._post(url, body, secret, number, event_id)
        ok = status is not None and 200 <= status < 300
        with self.database.session() as session:
            recorded = session.execute(update(WebhookAttempt).where(WebhookAttempt.id == attempt_id,
                                                                    WebhookAttempt.claim == token)
                                       .values(state="sent" if ok else "failed", status_code=status,
                                               error=None if ok else (error or f"answered {status}")[:500],
                                               sent_at=datetime.now(UTC))).rowcount
            if recorded and not ok and number < MAX_ATTEMPTS:
                delay = self.delays[min(number - 1, len(self.delays) - 1)]
                session.add(WebhookAttempt(job_id=attempt_job(session, attempt_id), event_id=event_id,
                                           attempt=number + 1, due_at=time.time() + delay))
        return True

    def _post(self, url: str, body: bytes, secret: str, attempt: int,
              event_id: str) -> tuple[int | None, str | None]:
        # The address rules are applied where the connection is made (GuardedTransport): the
        # name is resolved once and the socket opened to the checked address.
        timestamp = str(int(time.time()))
        v1, v2 = sign(secret, body, timestamp)
        headers = {"Content-Type": "application/json", "X-Nouvel-Signature": v1,
                   "X-Nouvel-Attempt": str(attempt), "X-Nouvel-Event-Id": event_id,
                   "X-Nouvel-Timestamp": timestamp, "X-Nouvel-Signature-V2": v2,
                   "User-Agent": "adreel-webhooks/0.1"}
        # httpx's timeout bounds each read; the attempt as a whole must end well inside the
        # claim, or another process would send it again.
        attempt_call = self._calls.submit(self._client.post, url, content=body, headers=headers)
        try:
            response = attempt_call.result(timeout=self._timeout_s)
        except FutureTimeout:
            return None, f"No answer within {self._timeout_s:g} s."
        except FetchError as exc:   # refused by the address rules
            return None, exc.message
        except httpx.HTTPError as exc:
            return None, f"Could not deliver ({type(exc).__name__})."
        return response.status_code, None


def attempt_job(session: Session, attempt_id: str) -> str:
    job_id = session.scalar(select(WebhookAttempt.job_id).where(WebhookAttempt.id == attempt_id))
    assert job_id is not None
    return job_id
