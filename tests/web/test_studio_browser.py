"""The studio in Debian's Chromium against a real `adreel serve` with test stages: what a page
that is not a product shows, a failed video, cancelling, history, and that product-page text
never runs as code."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import PRODUCT, Studio
from tests.web.pages import signed_in

PATIENCE_MS = 40_000    # a job page polls after 10 s, then 15 s: two polls see any quick job end


@pytest.fixture
def page_of(browser: Any) -> Iterator[Any]:
    opened: list[Any] = []

    def open_page(studio: Studio, **size: int) -> tuple[Any, Any]:
        page, trouble = signed_in(browser, studio, **size)
        opened.append(page.context)
        return page, trouble

    yield open_page
    for context in opened:
        context.close()


def _jobs(studio: Studio) -> list[dict[str, Any]]:
    return studio.client().get("/api/v1/jobs", params={"limit": 100}).json()["jobs"]


def test_a_page_that_is_not_a_product_shows_its_reason_and_spends_nothing(studio: Studio, page_of) -> None:
    page, trouble = page_of(studio, width=390, height=844)
    before = len(_jobs(studio))
    page.get_by_label("Product URL").fill(studio.shop.url("/"))
    refusal = page.get_by_test_id("refusal")
    refusal.wait_for()
    assert "is not a product page" in refusal.inner_text() and "Nothing was spent" in refusal.inner_text()
    page.get_by_role("button", name="Generate 1 video").click()
    assert "Not sent:" in page.get_by_role("alert").inner_text()
    assert len(_jobs(studio)) == before and studio.client().get("/api/v1/usage").json()["used"] == 0
    # Every control is labelled, and the keyboard reaches them with a visible focus ring.
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter((c) => c.type !== 'radio' && !c.labels.length && !c.getAttribute('aria-label')).map((c) => c.name)""")
    assert unlabelled == []
    page.get_by_label("Product URL").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "") and not trouble.errors


def _generate(page: Any, url: str) -> str:
    page.get_by_label("Product URL").fill(url)
    page.get_by_test_id("product").wait_for()
    page.get_by_role("button", name="Generate 1 video").click()
    page.wait_for_url("**/#/jobs/*")
    return page.url.rsplit("/", 1)[1]


def test_a_failed_video_shows_its_reason_and_what_to_do(studio: Studio, page_of) -> None:
    page, trouble = page_of(studio)
    polls: list[float] = []
    page.on("request", lambda r: polls.append(time.monotonic()) if "/api/v1/jobs/" in r.url else None)
    _generate(page, studio.shop.url(f"{PRODUCT}?fail=audio"))
    failure = page.locator(".video[data-status=failed] [role=alert]")
    failure.wait_for(timeout=PATIENCE_MS)
    # Never faster than API.md §4 allows: the first read at once, then 10 s apart or more.
    assert len(polls) >= 2 and all(later - earlier >= 9.5 for earlier, later in itertools.pairwise(polls))
    assert "The test stage audio was told to fail." in failure.inner_text()
    assert "Try again" in failure.inner_text()
    assert "Failed while recording the voiceover." in page.locator(".video .stage").inner_text()
    assert page.get_by_role("button", name="Cancel the job").is_hidden() and not trouble.errors


def test_cancel_stops_the_job_and_gives_the_credit_back(studio: Studio, page_of) -> None:
    page, trouble = page_of(studio, width=390, height=844)
    job_id = _generate(page, studio.shop.url(f"{PRODUCT}?slow=video"))
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuemin") == "0" and bar.get_attribute("aria-valuemax") == "100"
    page.get_by_role("button", name="Cancel the job").click()
    page.get_by_text("Cancelled. Its credit was given back.").wait_for()
    assert page.get_by_role("status").filter(has_text="Cancelled").count() == 1
    assert studio.client().get(f"/api/v1/jobs/{job_id}").json()["status"] == "cancelled"
    assert not trouble.errors


def test_history_lists_jobs_newest_first_and_filters_them(studio: Studio, page_of) -> None:
    client = studio.client()
    made = [client.post("/api/v1/generate", json={"urls": [studio.shop.url(f"{PRODUCT}?fail=preparing")]})
            .json()["jobId"] for _ in range(2)]
    for job_id in made:   # each status read drives the job; the test stages end it in about a second
        for _ in range(200):
            if client.get(f"/api/v1/jobs/{job_id}").json()["status"] == "failed":
                break
            time.sleep(0.05)
    page, trouble = page_of(studio)
    page.goto(f"{studio.url}/#/history")
    rows = page.locator(".job-row")
    rows.first.wait_for()
    newest = rows.first.get_by_role("link").get_attribute("href")
    assert newest == f"#/jobs/{made[-1]}"
    page.get_by_label("Show").select_option("failed")
    page.wait_for_url("**status=failed**")
    page.locator(".job-row").first.wait_for()
    assert set(page.locator(".job-row").evaluate_all("rows => rows.map((r) => r.dataset.status)")) == {"failed"}
    assert "made this month" in page.locator(".usage").inner_text() and not trouble.errors


def test_product_page_text_runs_nothing(studio: Studio, page_of) -> None:
    url = studio.shop.url("/products/evil-kettle")
    read = studio.client().post("/api/v1/studio/pages", json={"url": url}).json()
    assert "<img src=x onerror=" in read["title"] and "<img src=x onerror=" in read["description"]
    page, trouble = page_of(studio)
    page.get_by_label("Product URL").fill(url)
    card = page.get_by_test_id("product")
    card.wait_for()
    assert card.locator(".title").inner_text() == read["title"]     # shown as text, markup and all
    assert card.locator(".description").inner_text() == read["description"]
    pictures = card.locator("img").evaluate_all("images => images.map((i) => i.src)")
    assert pictures and all(src.startswith(f"{studio.url}/media/") for src in pictures)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x], main script, [onerror]").count() == 0
    assert trouble.dialogs == [] and trouble.errors == []
    assert not [line for line in trouble.console if "Content Security Policy" in line]


def test_the_policy_stops_script_the_page_did_not_ship(studio: Studio, page_of) -> None:
    page, trouble = page_of(studio)
    # Were markup ever to slip through, the browser itself refuses to run it.
    page.evaluate("""() => { const d = document.createElement('div');
        d.innerHTML = '<img src=x onerror="window.__pwned=1">'; document.body.append(d);
        const s = document.createElement('script'); s.textContent = 'window.__pwned = 2';
        document.body.append(s); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in line for line in trouble.console)
