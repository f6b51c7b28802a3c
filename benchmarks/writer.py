"""The built-in writer's speed: scripts per second over the fixture corpus.

    python benchmarks/writer.py

Every product page of the corpus × 5 styles × 4 durations, read once, then written; printed
beside the reader's own time for the same pages so the ratio shows what writing costs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from adreel.media.extract import read_html
from adreel.media.write import STYLES, WriteRequest, script_language, write_script

CORPUS = Path(__file__).parents[1] / "tests" / "fixtures" / "pages"
RATES = {"en": 3.6, "es": 3.4, "de": 3.0, "fr": 3.7, "ja": 2.2}   # measured voices, rounded


def main() -> None:
    specs = [(p, json.loads(p.read_text("utf-8"))) for p in sorted(CORPUS.glob("*.json"))]
    pages = [(p.with_suffix(".html").read_text("utf-8"), s["url"]) for p, s in specs if s["is_product"]]
    started = time.perf_counter()
    products = [read_html(markup, url).product for markup, url in pages]
    read_time = time.perf_counter() - started
    requests = []
    for product in products:
        language, _ = script_language(None, product.language, llm_available=False)
        for style in STYLES:
            for duration in (15, 30, 45, 60):
                requests.append(WriteRequest(product=product, style=style, duration=duration,
                                             language=language, words_per_second=RATES[language]))
    write_script(requests[0])  # load copy libraries and the Japanese dictionary
    by_language: dict[str, list[float]] = {}
    started = time.perf_counter()
    for request in requests:
        t0 = time.perf_counter()
        write_script(request)
        by_language.setdefault(request.language, []).append(time.perf_counter() - t0)
    write_time = time.perf_counter() - started
    print(f"{len(products)} products, {len(requests)} scripts (5 styles x 4 durations each)")
    print(f"reading the pages:  {len(products) / read_time:8.1f} pages/s")
    print(f"writing scripts:    {len(requests) / write_time:8.1f} scripts/s "
          f"({write_time / len(requests) * 1000:.1f} ms each)")
    print(f"write / read time per product: {write_time / len(products) / (read_time / len(products)):.1f}x "
          f"for 20 scripts")
    for language, times in sorted(by_language.items()):
        print(f"  {language}: {len(times) / sum(times):7.1f} scripts/s over {len(times)} scripts")


if __name__ == "__main__":
    main()
