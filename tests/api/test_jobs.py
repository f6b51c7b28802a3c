"""Jobs end to end over real HTTP: submit, the order of checks, progress and stages, partial
results, cancellation, concurrent polling; with test stages loaded as a plugin."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, html

ROOT = Path(__file__).parents[2]
PAGE = (ROOT / "examples" / "product-page.html").read_text("utf-8")
NOT_A_PRODUCT = (ROOT / "tests" / "fixtures" / "pages" / "neg-home-shopify.html").read_text("utf-8")


@pytest.fixture
def site(serve):
    return serve({"/products/trailpress": html(PAGE), "/": html(NOT_A_PRODUCT)})


@pytest.fixture
def api(serve_api, tmp_path):
    log = tmp_path / "stages.log"
    server = serve_api(ADREEL_PLUGINS="tests.api.stage_plugin", ADREEL_ALLOW_PRIVATE_NETWORKS="1",
                       ADREEL_TEST_STAGE_LOG=str(log))
    server.stage_log = log  # type: ignore[attr-defined]
    server.account("acme")
    return server


def key(server, permissions=("generate", "projects:read"), account="acme") -> str:
    return server.key(account, list(permissions)).key


def wait_terminal(client: httpx.Client, job_id: str, timeout: float = 30) -> tuple[dict, list[dict]]:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/jobs/{job_id}").json()
        seen.append(body)
        if body["status"] in ("completed", "partial", "failed", "cancelled"):
            return body, seen
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {seen[-1]['status']} after {timeout} s")


def test_a_job_runs_every_stage_and_completes(api, site) -> None:
    client = api.client(key(api))
    created = client.post("/api/v1/generate", json={"urls": [site.url("/products/trailpress")]})
    assert created.status_code == 200, created.text
    body = created.json()
    assert body["status"] == "running" and body["totalProjects"] == 1
    final, seen = wait_terminal(client, body["jobId"])
    assert final["status"] == "completed" and final["overallProgress"] == 100
    assert (final["completedProjects"], final["failedProjects"], final["cancelledProjects"]) == (1, 0, 0)
    progress = [b["overallProgress"] for b in seen]
    assert progress == sorted(progress) and all(p <= 99 for p in progress[:-1])
    order = ["preparing", "audio", "video", "lip_sync", "stitching"]
    stages = [b["stage"] for b in seen]
    assert all(isinstance(s, str) and s in order for s in stages)
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)
    assert all(b["completedDetails"] == [] for b in seen[:-1])
    detail = final["completedDetails"][0]
    assert detail["finalOutputUrl"].endswith("/video.mp4") and detail["status"] == "completed"
    assert detail["url"] == site.url("/products/trailpress") and detail["aspectRatio"] == "9:16"
    assert detail["error"] is None


def test_partial_and_failed_jobs_say_which_stage_failed_and_why(api, site) -> None:
    client = api.client(key(api))
    good, bad = site.url("/products/trailpress"), site.url("/products/trailpress?fail=video")
    partial, _ = wait_terminal(client, client.post("/api/v1/generate", json={"urls": [good, bad]}).json()["jobId"])
    assert partial["status"] == "partial"
    assert (partial["completedProjects"], partial["failedProjects"]) == (1, 1)
    failed = next(d for d in partial["completedDetails"] if d["status"] == "failed")
    assert failed["error"] == {"stage": "video", "code": "render_failed",
                               "message": "The test stage video was told to fail."}
    assert failed["finalOutputUrl"] is None
    only_bad, _ = wait_terminal(client, client.post("/api/v1/generate", json={"urls": [bad]}).json()["jobId"])
    assert only_bad["status"] == "failed" and only_bad["stage"] == "video"


def test_order_of_checks_and_submit_errors(api, site, serve) -> None:
    reader = api.client(key(api, ["projects:read"]))
    assert reader.post("/api/v1/generate", json={"urls": []}).status_code == 403
    client = api.client(key(api))
    assert client.post("/api/v1/generate").json() == {"error": "The request body must be a JSON object"}
    assert client.post("/api/v1/generate", json={}).json() == {"error": "urls must be an array of 1-3 URLs"}
    bad_json = client.post("/api/v1/generate", content=b"{nope", headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400 and bad_json.json() == {"error": "The request body must be JSON"}
    big = client.post("/api/v1/generate", content=b"x" * (65 * 1024))
    assert big.status_code == 413 and big.json()["error"] == "Request body too large"
    home = client.post("/api/v1/generate", json={"urls": [site.url("/")]})
    assert home.status_code == 422
    assert home.json()["error"] == "not_a_product"
    assert home.json()["reason"].startswith("127.0.0.1 is not a product page.")
    gone = client.post("/api/v1/generate", json={"urls": [site.url("/products/missing")]})
    assert gone.status_code == 422 and gone.json()["error"] == "not_a_product"
    assert "404" in gone.json()["reason"]
    down = client.post("/api/v1/generate", json={"urls": [f"http://127.0.0.1:{free_port()}/p"]})
    assert down.status_code == 422 and down.json()["error"] == "fetch_failed"
    assert "Could not connect" in down.json()["reason"]


def test_quota_is_402_with_usage_and_creates_nothing(api, site) -> None:
    api.account("small", plan_limit=1)
    client = api.client(key(api, account="small"))
    url = site.url("/products/trailpress")
    refused = client.post("/api/v1/generate", json={"urls": [url], "variantCount": 2})
    assert refused.status_code == 402
    assert refused.json()["error"] == "quota_exceeded"
    assert refused.json()["usage"] == {"used": 0, "limit": 1}
    assert client.post("/api/v1/generate", json={"urls": [url]}).status_code == 200
    again = client.post("/api/v1/generate", json={"urls": [url]})
    assert again.status_code == 402 and again.json()["usage"] == {"used": 1, "limit": 1}


def test_jobs_of_other_accounts_and_malformed_ids_are_404(api, site) -> None:
    client = api.client(key(api))
    job_id = client.post("/api/v1/generate", json={"urls": [site.url("/products/trailpress")]}).json()["jobId"]
    api.account("other")
    stranger = api.client(key(api, account="other"))
    assert stranger.get(f"/api/v1/jobs/{job_id}").status_code == 404
    assert client.get("/api/v1/jobs/not-a-uuid").json() == {"error": "Job not found"}
    wait_terminal(client, job_id)


def test_cancel_stops_work_and_refunds(api, site) -> None:
    api.account("credit", plan_limit=0, credits=1)
    client = api.client(key(api, account="credit"))
    job_id = client.post("/api/v1/generate",
                         json={"urls": [site.url("/products/trailpress?slow=audio")]}).json()["jobId"]
    time.sleep(1.0)
    cancelled = client.post(f"/api/v1/jobs/{job_id}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancelledProjects"] == 1 and cancelled.json()["failedProjects"] == 0
    assert client.post(f"/api/v1/jobs/{job_id}/cancel").status_code == 409
    # The credit came back: a new job can be paid for.
    assert client.post("/api/v1/generate", json={"urls": [site.url("/products/trailpress")]}).status_code == 200


def test_twenty_pollers_never_run_a_stage_twice(api, site) -> None:
    api.account("pollers", rate_limit=100000)
    client = api.client(key(api, account="pollers"))
    job_id = client.post("/api/v1/generate", json={"urls": [site.url("/products/trailpress")] * 2}).json()["jobId"]
    stop = threading.Event()
    errors: list[int] = []

    def poll() -> None:
        with httpx.Client(base_url=api.url, headers=client.headers, timeout=30) as own:
            while not stop.is_set():
                status = own.get(f"/api/v1/jobs/{job_id}").status_code
                if status not in (200, 429):
                    errors.append(status)

    threads = [threading.Thread(target=poll) for _ in range(20)]
    for thread in threads:
        thread.start()
    try:
        final, _ = wait_terminal(client, job_id)
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
    assert final["status"] == "completed" and not errors
    runs = Counter(api.stage_log.read_text().splitlines())
    assert len(runs) == 10 and set(runs.values()) == {1}


def test_with_the_built_in_stages_a_page_without_usable_pictures_fails_with_a_reason(serve_api, site,
                                                                                    tmp_path) -> None:
    # The built-in pipeline runs by default; the served page's pictures all answer 404.
    server = serve_api(tmp_path / "bare", ADREEL_ALLOW_PRIVATE_NETWORKS="1")
    server.account("acme")
    client = server.client(key(server))
    job_id = client.post("/api/v1/generate", json={"urls": [site.url("/products/trailpress")]}).json()["jobId"]
    final, _ = wait_terminal(client, job_id)
    assert final["status"] == "failed"
    error = final["completedDetails"][0]["error"]
    assert (error["stage"], error["code"]) == ("preparing", "no_images")
    assert error["message"].startswith("No usable product picture was found") and "404" in error["message"]


@pytest.mark.slow
def test_a_server_killed_mid_job_finishes_it_after_restart(serve_api, site, tmp_path) -> None:
    import signal

    env = {"ADREEL_PLUGINS": "tests.api.stage_plugin", "ADREEL_ALLOW_PRIVATE_NETWORKS": "1",
           "ADREEL_LEASE_S": "2"}
    first = serve_api(tmp_path / "crash", **env)
    first.account("acme", rate_limit=100000)
    token = key(first)
    job_id = first.client(token).post(
        "/api/v1/generate", json={"urls": [site.url("/products/trailpress?slow=video")]}).json()["jobId"]
    deadline = time.monotonic() + 20
    while first.client(token).get(f"/api/v1/jobs/{job_id}").json()["stage"] != "video":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(10)
    second = serve_api(tmp_path / "crash", **env)
    final, _ = wait_terminal(second.client(token), job_id, timeout=60)
    assert final["status"] == "completed", final


@pytest.mark.slow
def test_stalled_and_timed_out_projects_fail_with_a_reason(serve_api, site, tmp_path) -> None:
    server = serve_api(tmp_path / "slow", ADREEL_PLUGINS="tests.api.stage_plugin",
                       ADREEL_ALLOW_PRIVATE_NETWORKS="1", ADREEL_STALL_TIMEOUT_S="2",
                       ADREEL_JOB_TIMEOUT_S="5")
    server.account("acme", rate_limit=100000)
    client = server.client(key(server))
    stalled_id = client.post("/api/v1/generate",
                             json={"urls": [site.url("/products/trailpress?hang=audio")]}).json()["jobId"]
    slow_id = client.post("/api/v1/generate",
                          json={"urls": [site.url("/products/trailpress?slow=video")]}).json()["jobId"]
    stalled, _ = wait_terminal(client, stalled_id, timeout=30)
    assert stalled["completedDetails"][0]["error"] == {
        "stage": "audio", "code": "stalled",
        "message": "The audio stage made no progress for 2 seconds."}
    slow, _ = wait_terminal(client, slow_id, timeout=30)
    assert slow["status"] == "failed"
    assert slow["completedDetails"][0]["error"] == {
        "stage": "video", "code": "timeout",
        "message": "The video was not finished within 5 seconds of the job starting."}


def test_listings_usage_and_actors(api, site) -> None:
    api.account("lister", plan_limit=10, credits=2, rate_limit=1000)
    client = api.client(key(api, account="lister"))
    job_id = client.post("/api/v1/generate",
                         json={"urls": [site.url("/products/trailpress")], "variantCount": 2,
                               "aspectRatio": "1:1", "adDuration": 30}).json()["jobId"]
    wait_terminal(client, job_id)
    jobs = client.get("/api/v1/jobs").json()
    assert [j["jobId"] for j in jobs["jobs"]] == [job_id]
    assert jobs["pagination"] == {"page": 1, "limit": 20, "total": 1, "totalPages": 1, "hasMore": False}
    projects = client.get("/api/v1/projects", params={"limit": 1}).json()
    assert projects["pagination"]["total"] == 2 and projects["pagination"]["hasMore"] is True
    project = projects["projects"][0]
    assert project["status"] == "completed" and project["aspect_ratio"] == "1:1"
    assert project["target_duration_seconds"] == 30 and project["job_id"] == job_id
    assert project["final_output_url"].endswith("/video.mp4")
    detail = client.get(f"/api/v1/projects/{project['id']}").json()
    assert detail["project"]["id"] == project["id"] and detail["project"]["content_mode"] == "ad"
    assert isinstance(detail["scenes"], list)
    assert client.get("/api/v1/projects", params={"status": "partial"}).json()["projects"] == []
    assert client.get("/api/v1/projects", params={"status": "weird"}).status_code == 400
    assert client.get("/api/v1/projects", params={"page": 0}).status_code == 400
    usage = client.get("/api/v1/usage").json()
    assert (usage["used"], usage["limit"], usage["credits"]) == (2, 10, 2)
    assert usage["periodStart"].endswith("T00:00:00Z")
    assert len(client.get("/api/v1/actors").json()["actors"]) >= 8
    stranger = api.client(key(api, account="acme"))
    assert stranger.get(f"/api/v1/projects/{project['id']}").status_code == 404


def test_idempotency_key_replays_and_refuses_a_different_body(api, site) -> None:
    api.account("idem", rate_limit=1000)
    client = api.client(key(api, account="idem"))
    body = {"urls": [site.url("/products/trailpress")]}
    headers = {"Idempotency-Key": "order-1234"}
    first = client.post("/api/v1/generate", json=body, headers=headers)
    again = client.post("/api/v1/generate", json=body, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    other = client.post("/api/v1/generate", json={**body, "variantCount": 2}, headers=headers)
    assert other.status_code == 409 and other.json()["error"] == "idempotency_conflict"
    assert len(client.get("/api/v1/jobs").json()["jobs"]) == 1
    # A refused request does not burn its key.
    bad = client.post("/api/v1/generate", json={"urls": [site.url("/")]},
                      headers={"Idempotency-Key": "order-5678"})
    assert bad.status_code == 422
    retry = client.post("/api/v1/generate", json={"urls": [site.url("/")]},
                        headers={"Idempotency-Key": "order-5678"})
    assert retry.status_code == 422
    wait_terminal(client, first.json()["jobId"])


def test_jobs_run_the_same_on_postgresql(serve_api, site, postgres_url, tmp_path) -> None:
    server = serve_api(tmp_path / "pg", postgres_url, ADREEL_PLUGINS="tests.api.stage_plugin",
                       ADREEL_ALLOW_PRIVATE_NETWORKS="1")
    server.account("pg-jobs", rate_limit=1000, plan_limit=5)
    client = server.client(key(server, account="pg-jobs"))
    good, bad = site.url("/products/trailpress"), site.url("/products/trailpress?fail=audio")
    job_id = client.post("/api/v1/generate", json={"urls": [good, bad]}).json()["jobId"]
    final, seen = wait_terminal(client, job_id)
    assert final["status"] == "partial"
    progress = [b["overallProgress"] for b in seen]
    assert progress == sorted(progress)
    # The failed project's credit went back to the plan.
    assert client.get("/api/v1/usage").json()["used"] == 1


def test_a_stage_done_outside_is_polled_until_it_finishes(api, site) -> None:
    api.account("outside", rate_limit=100000)
    client = api.client(key(api, account="outside"))
    job_id = client.post("/api/v1/generate",
                         json={"urls": [site.url("/products/trailpress?outside=video")]}).json()["jobId"]
    final, seen = wait_terminal(client, job_id)
    assert final["status"] == "completed"
    progress = [b["overallProgress"] for b in seen]
    assert progress == sorted(progress)
    lines = [line.split(" ", 1)[1] for line in api.stage_log.read_text().splitlines()]
    assert lines == ["preparing", "audio", "video", "video poll 1", "video poll 2", "video poll 3",
                     "lip_sync", "stitching"]
    with api.database.session() as session:
        from adreel.platform.db import Project

        project = session.query(Project).filter(Project.job_id == job_id).one()
        assert project.outputs["video_ticket"].endswith("-video") and "_handle" not in project.outputs


@pytest.mark.slow
def test_a_quiet_stage_keeps_its_lease_in_any_time_zone(serve_api, site, tmp_path) -> None:
    """SQLite hands back naive times: the engine must read them as UTC whatever the server's
    zone; and a stage that reports nothing for longer than the lease is alive, not dead."""
    server = serve_api(tmp_path / "tz", ADREEL_PLUGINS="tests.api.stage_plugin",
                       ADREEL_ALLOW_PRIVATE_NETWORKS="1", ADREEL_LEASE_S="1", TZ="Asia/Tokyo",
                       ADREEL_TEST_STAGE_LOG=str(tmp_path / "tz-stages.log"))
    server.account("tz", rate_limit=100000)
    client = server.client(key(server, account="tz"))
    job_id = client.post("/api/v1/generate",
                         json={"urls": [site.url("/products/trailpress?quiet=audio")]}).json()["jobId"]
    final, _ = wait_terminal(client, job_id)
    assert final["status"] == "completed", final["completedDetails"][0]["error"]
    runs = Counter(line.split(" ", 1)[1] for line in (tmp_path / "tz-stages.log").read_text().splitlines())
    assert runs["audio"] == 1
