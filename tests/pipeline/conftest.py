"""Running the real pipeline in-process against the fixture shop served on loopback."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adreel.app import make_fetcher, make_toolkit
from adreel.config import Settings
from adreel.pipeline import Toolkit
from adreel.pipeline.stages import LocalRun, run_project
from tests.conftest import start_site
from tests.fixtures.shop import all_routes


@pytest.fixture(scope="module")
def shop() -> Iterator[Any]:
    """One fixture shop for the module's renders."""
    site, server = start_site()
    site.routes.update(all_routes(site.url("")))
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def toolkit(registry, tmp_path_factory) -> Iterator[Toolkit]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), allow_private_networks=True)
    with make_fetcher(settings) as fetcher:
        yield make_toolkit(settings, fetcher, registry, public_url="http://media.test")


def render(toolkit: Toolkit, url: str, **request: Any) -> tuple[dict[str, Any], Path, list[tuple[str, int, int]]]:
    """Run all five stages for one video; returns its outputs, work folder and progress reports."""
    reports: list[tuple[str, int, int]] = []
    run = LocalRun(project_id=str(uuid.uuid4()), url=url, variant=request.pop("variant", 0),
                   request={"aspect_ratio": "9:16", "ad_duration": 15, "content_type": "ad", **request},
                   report=lambda stage, done, total: reports.append((stage, done, total)))
    outputs = run_project(run, toolkit)
    return outputs, toolkit.work(run.project_id).root, reports
