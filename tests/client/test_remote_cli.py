"""`adreel generate URL... --server URL` as a user runs it: a real process, a real `adreel serve`,
the local command's folders; and the refusals that come before any request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from adreel.media.encode.probe import probe_mp4
from tests.api.conftest import start_server, stop_server
from tests.client.conftest import Remote
from tests.client.media_plugin import fake_video
from tests.conftest import start_site
from tests.fixtures.shop import all_routes

ROOT = Path(__file__).parents[2]
OUTPUT_FILES = ["captions.srt", "captions.vtt", "script.json", "thumbnail.jpg", "video.mp4"]


def adreel(*args: str, key: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    if key is not None:
        environment["ADREEL_API_KEY"] = key
    return subprocess.run([sys.executable, "-m", "adreel", "generate", *args], capture_output=True,
                          text=True, cwd=ROOT, env=environment, timeout=timeout, check=False)


def test_generate_on_a_server_writes_the_local_folders(remote: Remote, tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(remote.key + "\n", "utf-8")
    out = tmp_path / "videos"
    result = adreel(remote.product, remote.product + "?fail=audio", "--server", remote.proxy.url,
                    "--key-file", str(key_file), "--aspect", "1:1", "--duration", "30", "--out", str(out))
    assert result.returncode == 1, result.stderr        # one of the two videos failed
    [folder] = sorted(out.iterdir())
    assert folder.name == "01-trailpress-travel-coffee-maker"
    assert sorted(p.name for p in folder.iterdir()) == OUTPUT_FILES
    script = json.loads((folder / "script.json").read_text("utf-8"))
    assert script["text"] == "Meet the TrailPress." and script["aspect_ratio"] == "1:1"
    assert (folder / "video.mp4").read_bytes() == fake_video(script["project_id"])
    assert f"✓ {folder}/video.mp4" in result.stderr and "render_failed (audio)" in result.stderr
    assert "02 http" in result.stderr                    # a progress bar per video, numbered
    [submitted] = remote.proxy.requests("POST", "/api/v1/generate")
    assert submitted.headers["X-API-Key"] == remote.key     # read from --key-file


def test_what_a_server_cannot_run_is_refused_before_any_request(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from adreel.cli import app

    def run(*args: str, key: str | None = None) -> Result:
        monkeypatch.delenv("ADREEL_API_KEY", raising=False)
        if key is not None:
            monkeypatch.setenv("ADREEL_API_KEY", key)
        return CliRunner().invoke(app, ["generate", *args, "--server", "http://127.0.0.1:9"])

    page = tmp_path / "page.html"
    page.write_text("<html></html>", "utf-8")
    saved = run(str(page), key="nvl_x")
    assert saved.exit_code == 2 and f"{page} is a saved page" in saved.stderr
    keyless = run("https://shop.example/p/1")
    assert keyless.exit_code == 2 and "ADREEL_API_KEY" in keyless.stderr and "--key-file" in keyless.stderr
    unreadable = run("https://shop.example/p/1", "--key-file", str(tmp_path / "missing"))
    assert unreadable.exit_code == 2 and "cannot read --key-file" in unreadable.stderr
    monkeypatch.setitem(sys.modules, "adreel_client", None)     # as when it is not installed
    missing = run("https://shop.example/p/1", key="nvl_x")
    assert missing.exit_code == 2 and "pip install -e ./clients/python" in missing.stderr


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_the_real_pipeline_renders_a_video_on_the_server(tmp_path: Path) -> None:
    shop_site, shop = start_site()
    shop_site.routes.update(all_routes(shop_site.url("")))
    server = start_server(tmp_path / "data", extra_env={"ADREEL_ALLOW_PRIVATE_NETWORKS": "1"})
    try:
        server.account("acme", rate_limit=1000)
        key = server.key("acme", ["generate", "projects:read"]).key
        out = tmp_path / "videos"
        result = adreel(shop_site.url("/products/stride-pro-runner"), "--server", server.url, "--aspect", "16:9",
                        "--out", str(out), key=key, timeout=360)
        assert result.returncode == 0, result.stderr
        [folder] = sorted(out.iterdir())
        assert sorted(p.name for p in folder.iterdir()) == OUTPUT_FILES
        probe = probe_mp4(folder / "video.mp4")
        assert (probe.width, probe.height) == (1920, 1080) and 13.5 <= probe.duration <= 16.5
        script = json.loads((folder / "script.json").read_text("utf-8"))
        assert script["text"] and script["scene_count"] >= 3
        assert "WEBVTT" in (folder / "captions.vtt").read_text("utf-8")
    finally:
        stop_server(server)
        shop.shutdown()
        shop.server_close()
