"""Extraction speed over the fixture corpus: pages per second, parsing only, one core.

    python benchmarks/extract.py [--rounds N]

Prints the whole reader's rate and, side by side in the same run, the bare HTML parse
(selectolax) of the same pages, so the ratio shows what extraction costs on top of parsing.
Goal: >= 50 pages/s for the whole reader.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from adreel.media.extract import read_html

CORPUS = Path(__file__).parents[1] / "tests" / "fixtures" / "pages"


def _pages() -> list[tuple[str, str]]:
    pages = []
    for spec_path in sorted(CORPUS.glob("*.json")):
        spec = json.loads(spec_path.read_text("utf-8"))
        pages.append((spec_path.with_suffix(".html").read_text("utf-8"), spec["url"]))
    return pages


def _rate(pages: list[tuple[str, str]], rounds: int, work) -> tuple[float, list[float]]:
    per_page: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for markup, url in pages:
            t0 = time.perf_counter()
            work(markup, url)
            per_page.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    return len(pages) * rounds / elapsed, per_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = _pages()
    read_html(*pages[0])  # warm imports and caches out of the measurement
    size = sum(len(m) for m, _ in pages) / len(pages) / 1024
    parse_rate, _ = _rate(pages, args.rounds, lambda m, u: LexborHTMLParser(m))
    read_rate, times = _rate(pages, args.rounds, read_html)
    times_ms = sorted(t * 1000 for t in times)
    print(f"corpus: {len(pages)} pages, mean {size:.0f} KB, {args.rounds} rounds, one thread")
    print(f"bare parse (selectolax):   {parse_rate:8.1f} pages/s")
    print(f"full reader (read_html):   {read_rate:8.1f} pages/s   goal >= 50")
    print(f"reader / bare parse time:  {parse_rate / read_rate:8.1f} x")
    print(f"per page: median {statistics.median(times_ms):.1f} ms, "
          f"p95 {times_ms[int(len(times_ms) * 0.95) - 1]:.1f} ms, max {times_ms[-1]:.1f} ms")


if __name__ == "__main__":
    main()
