"""A bounded schemathesis run against the served `/openapi.json`: no request it generates may
get a 5xx, and every response must match the documented schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.timeout(400)   # a server start, the actors' previews and the fuzzing, on a busy machine
def test_fuzzing_finds_no_server_error(serve_api, tmp_path: Path) -> None:
    server = serve_api(tmp_path / "fuzz", ADREEL_OPERATOR_TOKEN="op-token-for-fuzz")
    server.account("fuzz", rate_limit=1_000_000)
    key = server.key("fuzz", ["generate", "projects:read"]).key
    # The first /actors draws every actor's preview once; on a machine busy rendering that can
    # outlast a request timeout. Fuzzing is about the answers, so the previews are drawn first.
    assert server.client(key).get("/api/v1/actors", timeout=120).status_code == 200
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{server.url}/openapi.json",
         "--checks", "not_a_server_error,response_schema_conformance",
         "--max-examples", "12", "--phases", "examples,fuzzing", "--seed", "1",
         "--request-timeout", "60", "--header", f"X-API-Key: {key}", "--no-color"],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " generated, " in result.stdout and "Tested: 0" not in result.stdout
