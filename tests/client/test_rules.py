"""The client's rules as exact examples, no server: polling pace, rate-limit holds, which failures
are retried, error bodies to exceptions, folder names, base URLs."""

from __future__ import annotations

import adreel_client
import httpx
import pytest
from adreel_client._http import api_root, resolve_key
from adreel_client.download import default_slug
from adreel_client.errors import error_for
from adreel_client.models import GenerateRequest, JobBody
from adreel_client.polling import PollSchedule
from adreel_client.retry import Attempts, Pacer, RetryPolicy


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def job(status: str) -> JobBody:
    return JobBody(job_id="j", status=status)


def test_polls_back_off_from_10_to_15_to_20_s_and_stop_at_a_terminal_status() -> None:
    schedule = PollSchedule()
    assert [schedule.before_next(job("running")) for _ in range(5)] == [10, 15, 20, 20, 20]
    for status in ("completed", "partial", "failed", "cancelled"):
        assert schedule.before_next(job(status)) is None


def test_a_wait_never_sleeps_past_its_timeout_and_then_says_how_far_the_job_got() -> None:
    clock = Clock()
    schedule = PollSchedule((10.0,), timeout=25, clock=clock)
    assert schedule.before_next(job("running")) == 10
    clock.now += 20
    assert schedule.before_next(job("running")) == 5       # one last look at the deadline
    clock.now += 5
    with pytest.raises(adreel_client.WaitTimeout, match="still running") as timed_out:
        schedule.before_next(job("running"))
    assert timed_out.value.job.status == "running"


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers={k.replace("_", "-"): v for k, v in headers.items()})


def test_the_pacer_holds_every_request_for_retry_after_and_a_spent_window() -> None:
    clock, wall = Clock(), Clock(1_700_000_000.0)
    pacer = Pacer(clock, wall)
    pacer.observe(answer(200, x_ratelimit_remaining="3", x_ratelimit_reset="1700000050"))
    assert pacer.delay() == 0
    pacer.observe(answer(429, retry_after="7"))
    assert pacer.delay() == 7
    clock.now += 7
    assert pacer.delay() == 0
    pacer.observe(answer(200, x_ratelimit_remaining="0", x_ratelimit_reset="1700000012"))
    assert pacer.delay() == 12          # until the window's reset, in Unix time
    pacer.observe(answer(429))           # no Retry-After: a second, not a hammering
    assert pacer.delay() == 12


def test_only_network_errors_and_5xx_are_retried_and_only_when_a_repeat_is_harmless() -> None:
    policy = RetryPolicy(budget_s=100, base_s=1, cap_s=4)
    get = Attempts(policy, replayable=True)
    assert [get.after_response(answer(503)) is not None for _ in range(3)] == [True] * 3
    for status in (400, 401, 402, 403, 404, 409, 422):
        assert Attempts(policy, replayable=True).after_response(answer(status)) is None
    assert 2 <= get.after_error(httpx.ReadError("cut")) <= 4    # jittered, capped
    post = Attempts(policy, replayable=False)
    assert post.after_response(answer(500)) is None
    assert post.after_error(httpx.ConnectError("refused")) > 0  # never left: safe to send
    with pytest.raises(adreel_client.ConnectionFailed):
        post.after_error(httpx.ReadTimeout("sent, maybe handled"))
    assert post.after_response(answer(429)) == 0.0              # refused unprocessed: the pacer holds it
    clock = Clock()
    spent = Attempts(RetryPolicy(budget_s=3, base_s=1, cap_s=1), replayable=True, clock=clock)
    clock.now += 2.9
    with pytest.raises(adreel_client.ConnectionFailed, match="ConnectError"):
        spent.after_error(httpx.ConnectError("refused"))


@pytest.mark.parametrize(("status", "body", "kind", "message"), [
    (422, b'{"error": "not_a_product", "reason": "shop.test is not a product page."}', adreel_client.NotAProduct,
     "shop.test is not a product page."),
    (422, b'{"error": "no_face", "reason": "No face."}', adreel_client.NoFace, "No face."),
    (409, b'{"error": "idempotency_conflict", "reason": "Other body."}', adreel_client.IdempotencyConflict,
     "Other body."),
    (402, b'{"error": "quota_exceeded", "reason": "Used up.", "usage": {"used": 5, "limit": 5}}',
     adreel_client.QuotaExceeded, "Used up."),
    (429, b'{"error": "Rate limit exceeded", "reason": "Wait.", "retryAfter": 9}', adreel_client.RateLimited,
     "Rate limit exceeded"),
    (413, b'{"error": "Request body too large"}', adreel_client.PayloadTooLarge, "Request body too large"),
    (502, b"<html>bad gateway</html>", adreel_client.ServerError, "<html>bad gateway</html>"),
])
def test_error_bodies_become_named_exceptions_with_the_server_words(status: int, body: bytes, kind: type,
                                                                    message: str) -> None:
    error = error_for(httpx.Response(status, content=body))
    assert type(error) is kind and str(error) == message and error.status_code == status
    if isinstance(error, adreel_client.RateLimited):
        assert error.retry_after == 9
    if isinstance(error, adreel_client.QuotaExceeded):
        assert error.usage is not None and (error.usage.used, error.usage.limit) == (5, 5)


def test_folder_names_match_adreel_generate() -> None:
    assert default_slug("Crème Brûlée Torch — Pro Edition!") == "creme-brulee-torch-pro-edition"
    assert default_slug("日本語だけ") == "video"
    assert len(default_slug("a" * 30 + " " + "b" * 30)) <= 48 and not default_slug("a" * 47 + " b").endswith("-")


def test_base_urls_keys_and_the_generate_body(monkeypatch: pytest.MonkeyPatch) -> None:
    for url in ("https://ads.example", "https://ads.example/", "https://ads.example/api/v1",
                "https://ads.example/api/v1/"):
        assert api_root(url) == "https://ads.example"
    with pytest.raises(ValueError, match="http"):
        api_root("ads.example")
    monkeypatch.delenv("ADREEL_API_KEY", raising=False)
    with pytest.raises(ValueError, match="ADREEL_API_KEY"):
        resolve_key(None)
    monkeypatch.setenv("ADREEL_API_KEY", "nvl_from_the_environment")
    assert resolve_key(None) == "nvl_from_the_environment" and resolve_key("nvl_given") == "nvl_given"
    wire = GenerateRequest(urls=["https://s.example/p"], ad_duration=30, aspect_ratio="1:1",
                           selected_actor_id="maya", webhook_url="https://h.example/x").wire()
    assert wire == {"urls": ["https://s.example/p"], "adDuration": 30, "aspectRatio": "1:1",
                    "selectedActorId": "maya", "webhookUrl": "https://h.example/x"}
