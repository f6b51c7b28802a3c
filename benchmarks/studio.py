"""The studio's cost to the status endpoint: the same pollers without and with a job page open.

    python benchmarks/studio.py [--seconds 40] [--pollers 20] [--rounds 2]

Starts `adreel serve` (embedded, SQLite, the test stages) with the fixture shop, submits one
job whose `video` stage this module holds running for the whole benchmark (so the job page
keeps polling it), and polls `GET /api/v1/jobs/{id}` with `--pollers` clients once a second
each (the scale benchmark's pollers, in a process of their own). Each round measures, for
`--seconds` each: A, the pollers alone (Chromium launched, no page open); B, the same pollers
while the studio shows that job in Debian's Chromium (signing in and the new-ad page's loading
happen before B's window opens: a one-off, not polling). Rounds interleave A and B so
background load falls on both. Prints p50/p99 per phase with the server's and Chromium's CPU
(on a shared machine the page reaches the server through the cores too), pooled figures, B's
p99 minus A's and their ratio, and the page's status calls (counted from Chromium's own
requests) with their mean interval. Goal (issue #18): the page adds no more than 50 ms to the
p99.

Loaded by the server as a plugin too (ADREEL_PLUGINS=benchmarks.studio): see `register`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks.scale import TICKS, Pollers, account_keys, cpu_seconds, percentiles
from tests.api import stage_plugin
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, PRODUCT, Studio, start_studio

from adreel.engine.stages import Pending, StageContext, StageRegistry


def register(stages: StageRegistry) -> None:
    """Server side: the test stages, except that a product URL with `?hold=<seconds>` keeps its
    `video` stage running that long (progress once a second, cancel honoured). The test stages
    end a job in about a second, and a job page stops polling once its job ends."""
    stage_plugin.register(stages)
    quick = stages.get("video")
    assert quick is not None

    def video(context: StageContext) -> dict[str, Any] | Pending | None:
        hold = parse_qs(urlsplit(context.url).query).get("hold")
        if not hold:
            return quick.run(context)
        steps = int(hold[0])
        for step in range(steps):
            time.sleep(1)
            context.progress(step + 1, steps)
            if context.cancelled():
                return {}
        return {"video_done": True}

    stages.register("video", video, poll=quick.poll)


def browser_cpu() -> dict[int, float]:
    """CPU seconds so far of each Chromium process under this one (Playwright's driver starts
    them): on a shared machine the page's cost can reach the server through the cores alone."""
    children: dict[int, list[int]] = defaultdict(list)
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, rest = stat.read_text().rsplit(")", 1)
        except OSError:          # gone meanwhile
            continue
        pid, fields = int(stat.parent.name), rest.split()
        children[int(fields[1])].append(pid)
        if "chrom" in head.split("(", 1)[1]:
            used[pid] = (int(fields[11]) + int(fields[12])) / TICKS
    mine: dict[int, float] = {}
    stack = [os.getpid()]
    while stack:
        pid = stack.pop()
        stack.extend(children[pid])
        if pid in used:
            mine[pid] = used[pid]
    return mine


def browser_cpu_since(before: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in browser_cpu().items())


def p99_ms(values: list[float]) -> float:
    """The same rank as `percentiles` prints, as a number."""
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000


def hold_job(studio: Studio, seconds: int) -> str:
    """Submit a job and wait until its `video` stage holds it running."""
    client = studio.client()
    answer = client.post("/api/v1/generate", json={"urls": [studio.shop.url(f"{PRODUCT}?hold={seconds}")]})
    answer.raise_for_status()
    job_id = answer.json()["jobId"]
    deadline = time.monotonic() + 30
    while client.get(f"/api/v1/jobs/{job_id}").json().get("stage") != "video":
        if time.monotonic() > deadline:
            raise RuntimeError(f"job {job_id} never reached the video stage")
        time.sleep(0.2)
    return job_id


def watch(browser: Any, studio: Studio, job_id: str, pollers: Pollers, phase: str,
          seconds: float) -> tuple[list[float], int, tuple[float, float]]:
    """Sign in and let the new-ad page load everything (its actor pictures follow an API answer,
    after the page's load events) outside the measured window, then keep the job page open for
    `seconds`. Returns when the page read the job's status, how many other requests it made,
    and the server's and Chromium's CPU seconds in the window."""
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    status_path = f"/api/v1/jobs/{job_id}"
    status_calls: list[float] = []
    errors: list[str] = []
    in_flight, last_change, other, measuring = 0, time.monotonic(), 0, False

    def started(request: Any) -> None:
        nonlocal in_flight, last_change, other
        in_flight, last_change = in_flight + 1, time.monotonic()
        if measuring and request.method == "GET" and urlsplit(request.url).path == status_path:
            status_calls.append(last_change)
        elif measuring:
            other += 1

    def ended(_request: Any) -> None:
        nonlocal in_flight, last_change
        in_flight, last_change = in_flight - 1, time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{studio.url}/")
        page.get_by_label("API key").fill(studio.key)
        page.get_by_label("API key").press("Enter")
        page.get_by_role("heading", name="New ad").wait_for()
        deadline = time.monotonic() + 30
        while (in_flight or time.monotonic() - last_change < 1) and time.monotonic() < deadline:
            page.wait_for_timeout(200)     # the sync API delivers events only while it waits
        measuring = True
        server, chromium = cpu_seconds([studio.server.process.pid]), browser_cpu()
        pollers.set(phase=phase)
        page.goto(f"{studio.url}/#/jobs/{job_id}")
        page.wait_for_timeout(seconds * 1000)
        pollers.set(phase="between")
        used = cpu_seconds([studio.server.process.pid]) - server, browser_cpu_since(chromium)
        if errors:
            raise RuntimeError(f"the page failed: {errors}")
    finally:
        page.context.close()
    return status_calls, other, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40, help="length of each phase")
    parser.add_argument("--pollers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="A then B, this many times")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    cpu_used: dict[str, tuple[float, float]] = {}   # the server's and Chromium's, per phase
    calls: list[list[float]] = []
    others = 0
    with TemporaryDirectory() as folder, \
            contextmanager(start_studio)(Path(folder), ADREEL_PLUGINS="benchmarks.studio") as base:
        generate, keys = account_keys(base.server, args.pollers)
        studio = Studio(base.server, base.shop, generate)
        hold = int(args.rounds * 2 * (args.seconds + 20) + 60)     # outlasts every phase
        job_id = hold_job(studio, hold)
        print(f"{args.pollers} pollers at 1 req/s on one running job, {args.seconds:g} s per phase, "
              f"{args.rounds} rounds of A (pollers) then B (pollers + job page), {os.cpu_count()} cores")
        polling = Pollers([studio.url], keys, jobs=[job_id], phase="warm-up")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                time.sleep(3)                                # connections open, caches fill
                for round_ in range(1, args.rounds + 1):
                    before, chromium = cpu_seconds([studio.server.process.pid]), browser_cpu()
                    polling.set(phase=f"A{round_}")
                    time.sleep(args.seconds)
                    polling.set(phase="between")
                    cpu_used[f"A{round_}"] = (cpu_seconds([studio.server.process.pid]) - before,
                                              browser_cpu_since(chromium))
                    seen, other, cpu_used[f"B{round_}"] = watch(browser, studio, job_id, polling,
                                                                f"B{round_}", args.seconds)
                    calls.append(seen)
                    others += other
                browser.close()
        finally:
            polling.stop()
            studio.client().post(f"/api/v1/jobs/{job_id}/cancel")
        latencies: dict[str, list[float]] = polling.latencies

    for phase in sorted(cpu_used, key=lambda name: (name[1:], name[0])):
        server, chromium = cpu_used[phase]
        print(f"{phase}  {percentiles(latencies.get(phase, []))}  CPU: server {server:.1f} s, "
              f"Chromium {chromium:.1f} s")
    if polling.errors:
        print(f"non-200 or failed polls: {dict(polling.errors)}")
    pooled = {side: [v for phase, values in latencies.items() if phase[0] == side and phase[1:].isdigit()
                     for v in values] for side in "AB"}
    print(f"A pooled  {percentiles(pooled['A'])}")
    print(f"B pooled  {percentiles(pooled['B'])}")
    for round_ in range(1, args.rounds + 1):
        a, b = p99_ms(latencies[f"A{round_}"]), p99_ms(latencies[f"B{round_}"])
        print(f"round {round_}: p99 B - A {b - a:+.1f} ms, B / A {b / a:.2f}")
    a, b = p99_ms(pooled["A"]), p99_ms(pooled["B"])
    print(f"pooled:  p99 B - A {b - a:+.1f} ms, B / A {b / a:.2f}  (goal: B - A <= 50 ms)")
    gaps = [later - earlier for seen in calls for earlier, later in itertools.pairwise(seen)]
    print(f"the page: {sum(map(len, calls))} status calls in {args.rounds * args.seconds:g} s "
          f"({' + '.join(str(len(seen)) for seen in calls)}), mean interval "
          f"{statistics.mean(gaps) if gaps else float('nan'):.1f} s; {others} other requests")


if __name__ == "__main__":
    main()
