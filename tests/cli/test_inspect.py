"""`adreel inspect` as a user runs it: a real process, real files, a real local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.conftest import html
from tests.media.images.test_images import jpeg, product_shot

ROOT = Path(__file__).parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"


def adreel(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "adreel", *args], capture_output=True,
                          text=True, cwd=ROOT, env=environment, timeout=60, check=False)


def test_inspect_prints_the_record_of_the_bundled_example() -> None:
    result = adreel("inspect", "examples/product-page.html")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["is_product"] is True
    assert record["reason"].startswith("A product page for TrailPress Travel Coffee Maker")
    assert (record["title"], record["brand"], record["price"], record["currency"]) == (
        "TrailPress Travel Coffee Maker", "Fieldkit", "39.00", "USD")
    assert record["compare_at_price"] == "49.00" and record["discount_percent"] == 20
    # A page saved with its pictures: relative links resolve beside the file.
    assert record["images"][0] == (ROOT / "examples" / "product-page_files" / "trailpress-hero.jpg").as_uri()


def test_a_page_that_is_not_a_product_still_exits_zero_with_the_reason() -> None:
    negative = next(p for p in sorted(PAGES.glob("neg-*.html")))
    result = adreel("inspect", str(negative))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["is_product"] is False
    assert "is not a product page" in record["reason"]


def test_inspect_a_url_and_save_its_images(serve, tmp_path: Path) -> None:
    page = (ROOT / "examples" / "product-page.html").read_text("utf-8")
    site = serve({   # the page's relative picture links resolve under /products/
        "/products/trailpress": html(page),
        "/products/product-page_files/trailpress-hero.jpg": jpeg(product_shot(1600, 1600)),
        "/products/product-page_files/trailpress-in-use.jpg": jpeg(product_shot(1200, 1500)),
        "/products/product-page_files/trailpress-parts.jpg": jpeg(product_shot(150, 150)),
    })
    out = tmp_path / "images"
    result = adreel("inspect", site.url("/products/trailpress"), "--images", str(out),
                    "--allow-private")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["is_product"] is True and record["price"] == "39.00"
    saved = record["saved_images"]
    assert [Path(s["path"]).name for s in saved] == ["01.jpg", "02.jpg"]
    assert (saved[0]["width"], saved[0]["height"]) == (1600, 1600)
    with Image.open(out / "02.jpg") as second:
        assert second.size == (1200, 1500)
    assert len(saved[0]["colours"]) >= 2
    assert "smaller than 300 px" in result.stderr


def test_private_addresses_need_the_operator_setting(serve) -> None:
    site = serve({"/products/x": html((ROOT / "examples" / "product-page.html").read_text())})
    refused = adreel("inspect", site.url("/products/x"))
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "loopback" in refused.stderr and "ADREEL_ALLOW_PRIVATE_NETWORKS" in refused.stderr
    allowed = adreel("inspect", site.url("/products/x"), env={"ADREEL_ALLOW_PRIVATE_NETWORKS": "1"})
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["title"] == "TrailPress Travel Coffee Maker"


def test_an_unreadable_page_exits_non_zero_with_a_clear_message(serve) -> None:
    site = serve({"/down": html("<h1>Maintenance</h1>", status=503)})
    result = adreel("inspect", site.url("/down"), "--allow-private")
    assert result.returncode == 1
    assert "503 Service Unavailable" in result.stderr
    missing = adreel("inspect", "no/such/file.html")
    assert missing.returncode == 1
    assert "neither a file nor an http(s) URL" in missing.stderr
