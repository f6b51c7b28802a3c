"""The deployment files stay in step with the code: deploy/compose.yaml names only real
settings and runs the real commands, and Docker Compose itself accepts it where it is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from adreel.config import FetchLimits, Settings

ROOT = Path(__file__).parents[1]
COMPOSE = ROOT / "deploy" / "compose.yaml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
SERVICES = {"postgres", "redis", "minio", "minio-setup", "api-1", "api-2", "worker"}
ADREEL_SERVICES = ("api-1", "api-2", "worker")
# A Fernet key and a token for `docker compose config`, which refuses the file without them.
TEST_ENV = {"ADREEL_SECRET_KEY": "x" * 43 + "=", "ADREEL_OPERATOR_TOKEN": "test-token"}


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text("utf-8"))


def _setting_names() -> set[str]:
    names = {f"ADREEL_{name.upper()}" for name in Settings.model_fields if name != "fetch"}
    return names | {f"ADREEL_FETCH_{name.upper()}" for name in FetchLimits.model_fields}


def _command(service: dict) -> list[str]:
    command = service["command"]
    return command.split() if isinstance(command, str) else list(command)


def test_compose_defines_the_scale_out_services() -> None:
    services = _compose()["services"]
    assert not SERVICES - set(services), sorted(SERVICES - set(services))
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert services["worker"]["stop_grace_period"]
    assert {service["ports"][0].split(":")[0] for name, service in services.items()
            if name.startswith("api-")} == {"8000", "8001"}


def test_api_and_workers_share_one_environment() -> None:
    services = _compose()["services"]
    first, *others = (services[name]["environment"] for name in ADREEL_SERVICES)
    assert all(other == first for other in others)
    for key in ("ADREEL_DATABASE_URL", "ADREEL_QUEUE", "ADREEL_STORAGE", "ADREEL_SECRET_KEY",
                "ADREEL_PUBLIC_URL"):
        assert key in first, key
    assert first["ADREEL_QUEUE"].startswith("redis://")
    assert first["ADREEL_STORAGE"].startswith("s3://")


def test_every_adreel_variable_named_is_a_setting() -> None:
    named = set(re.findall(r"\bADREEL_[A-Z0-9_]*[A-Z0-9]", COMPOSE.read_text("utf-8")))
    assert named, "the compose file names no ADREEL_* variable"
    assert named <= _setting_names(), sorted(named - _setting_names())
    documented = set(re.findall(r"\bADREEL_[A-Z0-9_]*[A-Z0-9]", (ROOT / "docs" / "deploy.md").read_text("utf-8")))
    assert documented <= _setting_names(), sorted(documented - _setting_names())


def test_commands_are_the_real_ones() -> None:
    services = _compose()["services"]
    assert _command(services["worker"])[:2] == ["adreel", "worker"]
    for name in ("api-1", "api-2"):
        command = _command(services[name])
        assert command[:2] == ["adreel", "serve"] and "--host" in command and "0.0.0.0" in command


def test_dockerfile_installs_the_package() -> None:
    text = DOCKERFILE.read_text("utf-8")
    assert re.search(r"^FROM python:3\.11", text, re.MULTILINE)
    assert "pip install --no-cache-dir" in text
    assert re.search(r"^USER (?!root\b)\S+", text, re.MULTILINE), "the image runs as root"
    for service in ADREEL_SERVICES:
        build = _compose()["services"][service]["build"]
        assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE.resolve()


def _has_compose() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=20,
                              check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def test_docker_compose_accepts_the_file() -> None:
    if not _has_compose():
        pytest.skip("`docker compose` is not installed here (no Docker Compose v2 plugin)")
    result = subprocess.run(["docker", "compose", "-f", str(COMPOSE), "config", "-q"],
                            env={**os.environ, **TEST_ENV}, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
