"""The studio under test: one `adreel serve` (test stages, private addresses allowed) and the
fixture shop per module, and Debian's Chromium driven by Playwright, launched once a session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import Server, start_server, stop_server
from tests.conftest import LocalSite, html, start_site
from tests.fixtures.shop import all_routes, image_url
from tests.web.xss_page import xss_page

CHROMIUM = Path("/usr/bin/chromium")   # Debian's package; `.ci/run` installs it, nothing is downloaded
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PRODUCT = "/products/ember-pour-over"


@dataclass
class Studio:
    """A running server, the shop it may read, and a key that generates."""

    server: Server
    shop: LocalSite
    key: str

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, key: str | None = None) -> httpx.Client:
        return self.server.client(key or self.key)


def start_studio(root: Path, **env: str) -> Iterator[Studio]:
    shop, site_server = start_site()
    shop.routes.update(all_routes(shop.url("")))
    shop.routes["/products/evil-kettle"] = html(xss_page(image_url("ember-pour-over", "packshot", shop.url(""))))
    server = start_server(root, extra_env={"ADREEL_ALLOW_PRIVATE_NETWORKS": "1", **env})
    try:
        server.account("acme")
        yield Studio(server, shop, server.key("acme", ["generate", "projects:read"]).key)
    finally:
        stop_server(server)
        site_server.shutdown()
        site_server.server_close()


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    """With the test stages: jobs end in about a second and URLs steer them (`?fail=audio`)."""
    yield from start_studio(tmp_path_factory.mktemp("studio"), ADREEL_PLUGINS="tests.api.stage_plugin")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Fails, never skips: CI installs the browser, so a missing one is a broken setup.
    # Module-scoped: Playwright's sync API keeps an event loop running in this thread while it
    # is open, and later test files in the same worker call asyncio.run().
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
