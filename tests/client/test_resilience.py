"""The client when things go wrong between it and the server: a storm of 429s, a spent rate-limit
window, a download cut halfway, the server killed and restarted while a job is awaited."""

from __future__ import annotations

import itertools
import math
import signal
import threading
import time
from pathlib import Path

import adreel_client
import pytest
from adreel_client import RetryPolicy

from tests.client.conftest import Remote, Seen
from tests.client.media_plugin import VIDEO_BYTES, fake_video

RETRY_AFTER = 1


def test_a_429_storm_is_waited_out_without_a_request_inside_retry_after(remote: Remote) -> None:
    polls = 0

    def storm(seen: Seen) -> tuple | None:
        nonlocal polls
        if seen.method == "GET" and seen.path.startswith("/api/v1/jobs/"):
            polls += 1
            if polls <= 3:
                return ("answer", 429, {"Retry-After": str(RETRY_AFTER), "X-RateLimit-Limit": "60",
                                        "X-RateLimit-Remaining": "0",
                                        "X-RateLimit-Reset": str(math.ceil(time.time()) + RETRY_AFTER)},
                        b'{"error": "Rate limit exceeded", "reason": "slow down", "retryAfter": 1}')
            if polls == 4:   # a spent window announced on a success: wait for its reset too
                return ("headers", {"X-RateLimit-Remaining": "0",
                                    "X-RateLimit-Reset": str(math.ceil(time.time()) + 1)})
        return None

    remote.proxy.rule = storm
    client = remote.client()
    done = client.generate([remote.product]).wait(timeout=60, intervals=(0.01,))
    assert done.status == "completed"
    polled = remote.proxy.requests("GET", "/api/v1/jobs/")
    assert [s.status for s in polled[:4]] == [429, 429, 429, 200]
    for held, following in itertools.pairwise(polled[:4]):
        assert held.answered_at is not None and following.at - held.answered_at >= RETRY_AFTER
    client.usage()
    spent = remote.proxy.seen.index(polled[3])
    assert remote.proxy.seen[spent + 1].wall >= int(polled[3].answer_headers["X-RateLimit-Reset"])

    # A storm that never ends is given up on with the server's words, after the policy's count.
    remote.proxy.rule = lambda seen: ("answer", 429, {"Retry-After": "0"},
                                      b'{"error": "Rate limit exceeded", "retryAfter": 0}')
    before = len(remote.proxy.seen)
    with pytest.raises(adreel_client.RateLimited, match="Rate limit exceeded") as limited:
        remote.client(retry=RetryPolicy(max_rate_limited=2)).usage()
    assert limited.value.retry_after == 0 and len(remote.proxy.seen) - before == 3


def test_a_download_cut_halfway_resumes_and_matches_the_server_file(remote: Remote, tmp_path: Path) -> None:
    cuts = 0

    def cut_first_video(seen: Seen) -> tuple | None:
        nonlocal cuts
        if seen.path.endswith("/video.mp4") and cuts == 0:
            cuts += 1
            return ("cut", VIDEO_BYTES // 2)
        return None

    client = remote.client()
    done = client.generate([remote.product]).wait(timeout=60)
    remote.proxy.rule = cut_first_video
    [folder] = client.download(done, tmp_path)
    first, resumed = remote.proxy.requests("GET", "/media/")[:2]
    assert first.path == resumed.path and "Range" not in first.headers
    assert resumed.headers["Range"] == f"bytes={VIDEO_BYTES // 2}-" and resumed.status == 206
    served = remote.server.client().get(done.completed_details[0].final_output_url.replace(
        remote.proxy.url, remote.server.url)).content
    assert (folder / "video.mp4").read_bytes() == served == fake_video(done.completed_details[0].project_id)
    assert not list(tmp_path.glob(".*")) and not list(folder.glob(".*"))   # no partial files left


def test_a_download_that_never_gets_through_fails_and_leaves_nothing_behind(remote: Remote,
                                                                            tmp_path: Path) -> None:
    client = remote.client(retry=RetryPolicy(budget_s=1, base_s=0.05, cap_s=0.1))
    done = client.generate([remote.product]).wait(timeout=60)
    remote.proxy.rule = lambda seen: ("cut", 0) if seen.path.endswith("/video.mp4") else None
    with pytest.raises(adreel_client.ConnectionFailed, match="RemoteProtocolError"):
        client.download(done, tmp_path)
    assert len(remote.proxy.requests("GET", "/media/")) > 2 and not list(tmp_path.iterdir())


@pytest.mark.slow
def test_a_server_killed_and_restarted_during_wait_does_not_fail_the_wait(remote: Remote) -> None:
    client = remote.client()
    job = client.generate([remote.product + "?slow=video"])
    crashed = threading.Event()

    def crash_and_restart() -> None:
        remote.server.process.send_signal(signal.SIGKILL)
        remote.server.process.wait(10)
        remote.proxy.upstream = None     # connections now drop, as to a dead host
        time.sleep(1)
        remote.start()

    def on_progress(seen: adreel_client.Job) -> None:
        if seen.stage == "video" and not crashed.is_set():
            crashed.set()
            threading.Thread(target=crash_and_restart, daemon=True).start()

    done = job.wait(on_progress=on_progress, timeout=120)
    assert crashed.is_set() and len(remote.servers) == 2
    assert done.status == "completed" and done.completed_details[0].final_output_url
    polled = remote.proxy.requests("GET", f"/api/v1/jobs/{job.job_id}")
    assert any(s.status is None for s in polled)    # the client met the outage and rode it out
