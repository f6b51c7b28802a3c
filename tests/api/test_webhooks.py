"""Webhooks to a local HTTPS receiver with a self-signed certificate trusted through
ADREEL_WEBHOOK_CA_BUNDLE: signatures, attempt numbers, retries, persisted attempts."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from adreel.engine import accounts
from tests.api.test_jobs import PAGE, key, wait_terminal
from tests.conftest import html


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "adreel test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
              .issuer_name(ca_name).public_key(server_key.public_key())
              .serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                             critical=False)
              .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(server_key.private_bytes(serialization.Encoding.PEM,
                                                  serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    return paths


class Receiver:
    """An HTTPS endpoint answering 500 to the first delivery and 200 afterwards."""

    def __init__(self, certificate: Path, private_key: Path) -> None:
        self.deliveries: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.deliveries.append((dict(self.headers), body))
                self.send_response(500 if len(receiver.deliveries) == 1 else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                del args

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, private_key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}/hooks/adreel"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_webhook_is_signed_retried_and_recorded(serve_api, serve, tmp_path: Path) -> None:
    ca, certificate, private_key = make_certificates(tmp_path)
    receiver = Receiver(certificate, private_key)
    site = serve({"/products/trailpress": html(PAGE)})
    api = serve_api(tmp_path / "hooks", ADREEL_PLUGINS="tests.api.stage_plugin",
                    ADREEL_ALLOW_PRIVATE_NETWORKS="1", ADREEL_ALLOW_PRIVATE_WEBHOOKS="1",
                    ADREEL_WEBHOOK_CA_BUNDLE=str(ca), ADREEL_WEBHOOK_RETRY_DELAYS_S="0.5,1")
    try:
        api.account("acme", rate_limit=1000)
        client = api.client(key(api))
        job_id = client.post("/api/v1/generate", json={
            "urls": [site.url("/products/trailpress")], "webhookUrl": receiver.url}).json()["jobId"]
        final, _ = wait_terminal(client, job_id)
        deadline = time.monotonic() + 20
        while len(receiver.deliveries) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(receiver.deliveries) == 2
        with api.database.session() as session:
            secret = accounts.webhook_secret(api.box, accounts.find_account(session, "acme"))
        event_ids = set()
        for number, (headers, body) in enumerate(receiver.deliveries, start=1):
            assert headers["Content-Type"] == "application/json"
            assert headers["X-Nouvel-Attempt"] == str(number)
            expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
            assert headers["X-Nouvel-Signature"] == expected
            stamp = headers["X-Nouvel-Timestamp"]
            v2 = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
            assert headers["X-Nouvel-Signature-V2"] == v2
            event_ids.add(headers["X-Nouvel-Event-Id"])
            payload = json.loads(body)
            assert payload["event"] == "job.completed" and payload["jobId"] == job_id
            assert payload["status"] == final["status"] == "completed"
            assert payload["projects"] == final["completedDetails"]
            assert (payload["totalProjects"], payload["completedProjects"], payload["failedProjects"],
                    payload["cancelledProjects"]) == (1, 1, 0, 0)
        assert len(event_ids) == 1
        time.sleep(1.5)
        assert len(receiver.deliveries) == 2   # delivered: no third attempt
        attempts = client.get(f"/api/v1/jobs/{job_id}/webhooks").json()["webhooks"]
        assert [(a["attempt"], a["state"], a["statusCode"]) for a in attempts] == [
            (1, "failed", 500), (2, "sent", 200)]
    finally:
        receiver.close()


@pytest.mark.slow
def test_webhook_retries_survive_a_server_restart(serve_api, serve, tmp_path: Path) -> None:
    import signal

    ca, certificate, private_key = make_certificates(tmp_path)
    receiver = Receiver(certificate, private_key)
    site = serve({"/products/trailpress": html(PAGE)})
    env = {"ADREEL_PLUGINS": "tests.api.stage_plugin", "ADREEL_ALLOW_PRIVATE_NETWORKS": "1",
           "ADREEL_ALLOW_PRIVATE_WEBHOOKS": "1", "ADREEL_WEBHOOK_CA_BUNDLE": str(ca),
           "ADREEL_WEBHOOK_RETRY_DELAYS_S": "4,4"}
    first = serve_api(tmp_path / "restart", **env)
    try:
        first.account("acme", rate_limit=1000)
        token = key(first)
        job_id = first.client(token).post("/api/v1/generate", json={
            "urls": [site.url("/products/trailpress")], "webhookUrl": receiver.url}).json()["jobId"]
        wait_terminal(first.client(token), job_id)
        deadline = time.monotonic() + 10
        while not receiver.deliveries and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(receiver.deliveries) == 1   # answered 500; attempt 2 is due in 4 s
        while time.monotonic() < deadline:
            states = [(a["attempt"], a["state"]) for a in first.client(token).get(
                f"/api/v1/jobs/{job_id}/webhooks").json()["webhooks"]]
            if states == [(1, "failed"), (2, "pending")]:
                break
            time.sleep(0.05)
        assert states == [(1, "failed"), (2, "pending")]
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(10)
        second = serve_api(tmp_path / "restart", **env)
        deadline = time.monotonic() + 20
        while len(receiver.deliveries) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [h["X-Nouvel-Attempt"] for h, _ in receiver.deliveries] == ["1", "2"]
        attempts = second.client(token).get(f"/api/v1/jobs/{job_id}/webhooks").json()["webhooks"]
        assert [(a["attempt"], a["state"]) for a in attempts] == [(1, "failed"), (2, "sent")]
    finally:
        receiver.close()
