"""What a user of the client gets: docs/client.md's quickstart, run as written against a real
server, and `pip install ./clients/python` in a fresh environment, with no media stack in it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.client.conftest import Remote

ROOT = Path(__file__).parents[2]
MEDIA_STACK = {"av", "opencv-python-headless", "opencv-python", "piper-tts", "numpy", "scipy", "pillow",
               "onnxruntime", "soundfile", "adreel", "fastapi", "sqlalchemy", "celery", "boto3"}


def quickstart() -> str:
    """The python blocks of the quickstart section, in order, as one script."""
    text = (ROOT / "docs" / "client.md").read_text("utf-8")
    section = text.split("\n## Quickstart\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    return "\n".join(blocks)


def test_the_quickstart_runs_as_written(remote: Remote, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    environment.update(ADREEL_URL=remote.proxy.url, ADREEL_API_KEY=remote.key, PRODUCT_URL=remote.product)
    result = subprocess.run([sys.executable, "-c", quickstart()], cwd=tmp_path, env=environment,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "completed 1 of 1" in lines and "saved videos/01-trailpress-travel-coffee-maker" in lines
    assert "videos this period: 1" in lines and any(re.fullmatch(r"[0-9a-f-]{36} 1 video\(s\)", line) for line in lines)
    assert (tmp_path / "videos" / "01-trailpress-travel-coffee-maker" / "video.mp4").stat().st_size > 0


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_installing_the_client_pulls_only_httpx_and_pydantic(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    installed = subprocess.run([*pip, "install", "--quiet", "--disable-pip-version-check",
                                str(ROOT / "clients" / "python")], capture_output=True, text=True, timeout=240,
                               check=False)
    assert installed.returncode == 0, installed.stderr[-3000:]
    listed = subprocess.run([*pip, "list", "--format=json", "--disable-pip-version-check"], capture_output=True,
                            text=True, timeout=60, check=True)
    names = {package["name"].lower() for package in json.loads(listed.stdout)}
    assert {"adreel-client", "httpx", "pydantic"} <= names
    assert not names & MEDIA_STACK, names & MEDIA_STACK
    check = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import adreel_client, adreel_client.webhooks; print(adreel_client.Client.__name__)"],
                           capture_output=True, text=True, timeout=60, check=False)
    assert check.stdout.strip() == "Client", check.stderr
