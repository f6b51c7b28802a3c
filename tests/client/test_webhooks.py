"""Webhook verification on the server's real deliveries: `verify` accepts them and refuses them
altered, and the documented receiver (clients/python/examples/receiver.py) does the same over HTTP."""

from __future__ import annotations

import importlib.util
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from adreel_client.models import WebhookEvent
from adreel_client.webhooks import BadSignature, Deduplicator, DuplicateEvent, MissingHeader, StaleTimestamp, verify

from adreel.engine import accounts
from adreel.engine.webhooks import sign  # the server's own signer
from tests.client.conftest import Remote
from tests.conftest import free_port

RECEIVER = Path(__file__).parents[2] / "clients" / "python" / "examples" / "receiver.py"
Delivery = tuple[dict[str, str], bytes]


def deliveries_of_a_real_job(remote: Remote, serve) -> tuple[str, str, list[Delivery]]:
    """(job id, the account's secret, what the server posted to a loopback endpoint)."""
    received: list[Delivery] = []

    def record(handler) -> None:
        received.append((dict(handler.headers), handler.rfile.read(int(handler.headers["Content-Length"]))))
        handler.send_response(200)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    hook = serve({"/hooks": record})
    client = remote.client()
    done = client.generate([remote.product], webhook_url=hook.url("/hooks")).wait(timeout=60)
    deadline = time.monotonic() + 20
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)
    with remote.server.database.session() as session:
        secret = accounts.webhook_secret(remote.server.box, accounts.find_account(session, remote.account))
    return done.job_id, secret, received


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[WebhookEvent], str]]:
    """The example receiver served by uvicorn on loopback: (URL, events it handled, its secret)."""
    spec = importlib.util.spec_from_file_location("adreel_receiver_example", RECEIVER)
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    handled: list[WebhookEvent] = []
    secret = "whsec_receiver_test_secret"
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(example.create_app(secret, handled.append), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off", ws="none"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/hooks/adreel", handled, secret
    server.should_exit = True
    thread.join(10)


def without(headers: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() not in names}


def test_real_deliveries_verify_and_altered_ones_do_not(remote: Remote, serve) -> None:
    job_id, secret, received = deliveries_of_a_real_job(remote, serve)
    assert len(received) == 1
    headers, body = received[0]
    event = verify(headers, body, secret)
    [attempt] = remote.client().webhook_attempts(job_id)
    assert (attempt.attempt, attempt.state, attempt.status_code) == (1, "sent", 200)
    assert attempt.event_id == headers["X-Nouvel-Event-Id"]
    assert (event.event, event.job_id, event.status, event.completed_projects) == ("job.completed", job_id,
                                                                                   "completed", 1)
    assert event.projects[0].final_output_url and event.projects[0].title == "TrailPress Travel Coffee Maker"
    assert event.event_id == headers["X-Nouvel-Event-Id"] and event.attempt == 1
    assert event.timestamp == int(headers["X-Nouvel-Timestamp"])
    assert verify({k.upper(): v for k, v in headers.items()}, body, secret) == event   # names in any case

    with pytest.raises(BadSignature):
        verify(headers, body.replace(b'"completed"', b'"failed"', 1), secret)
    with pytest.raises(BadSignature):
        verify(headers, body, secret + "x")
    with pytest.raises(StaleTimestamp):
        verify(headers, body, secret, now=event.timestamp + 301)     # a replay, five minutes on
    with pytest.raises(StaleTimestamp):
        verify(headers, body, secret, now=event.timestamp - 301)     # a stamp from the future
    assert verify(headers, body, secret, tolerance_s=600, now=event.timestamp + 301) == event
    with pytest.raises(MissingHeader):
        verify(without(headers, "x-nouvel-signature-v2", "x-nouvel-signature"), body, secret)
    with pytest.raises(MissingHeader):
        verify(without(headers, "x-nouvel-timestamp"), body, secret)
    # A v1-only sender (Nouvel) is checked on v1, which signs the body alone.
    v1_only = without(headers, "x-nouvel-signature-v2", "x-nouvel-timestamp")
    assert verify(v1_only, body, secret).job_id == job_id
    with pytest.raises(BadSignature):
        verify(v1_only, body + b" ", secret)

    seen = Deduplicator()
    verify(headers, body, secret, deduplicator=seen)
    with pytest.raises(DuplicateEvent):
        verify(headers, body, secret, deduplicator=seen)


def test_the_example_receiver_takes_real_deliveries_once_and_refuses_forgeries(remote: Remote, serve,
                                                                              receiver) -> None:
    url, handled, receiver_secret = receiver
    job_id, secret, received = deliveries_of_a_real_job(remote, serve)
    headers, body = received[0]
    stamp = headers["X-Nouvel-Timestamp"]
    # The server's delivery, signed again with the receiver's secret, as the server would sign it.
    v1, v2 = sign(receiver_secret, body, stamp)
    genuine = {**without(headers, "x-nouvel-signature", "x-nouvel-signature-v2"),
               "X-Nouvel-Signature": v1, "X-Nouvel-Signature-V2": v2}
    with httpx.Client() as http:
        assert http.post(url, content=body, headers=genuine).status_code == 200
        again = http.post(url, content=body, headers=genuine)     # the sender's retry
        assert again.status_code == 200 and again.json()["duplicate"] is True
        assert http.post(url, content=body, headers=headers).status_code == 400   # another account's secret
        assert http.post(url, content=body.replace(b"job.completed", b"job.completes"),
                         headers=genuine).status_code == 400
        old = str(int(stamp) - 600)
        stale = {**genuine, "X-Nouvel-Timestamp": old, "X-Nouvel-Signature-V2": sign(receiver_secret, body, old)[1]}
        assert http.post(url, content=body, headers=stale).status_code == 400
        assert http.post(url, content=body, headers=without(genuine, "x-nouvel-signature-v2",
                                                            "x-nouvel-signature")).status_code == 400
    assert [e.job_id for e in handled] == [job_id]
    assert secret != receiver_secret
