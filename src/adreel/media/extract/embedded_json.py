"""JSON objects that stores embed in scripts (`var meta = {...};`, JSON script tags)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from adreel.media.extract.document import Document

_DECODER = json.JSONDecoder(strict=False)


def object_after(text: str, marker: str) -> Any:
    """The JSON value that starts right after `marker` in `text` (skipping `=` and spaces)."""
    at = text.find(marker)
    while at != -1:
        start = at + len(marker)
        while start < len(text) and text[start] in " \t\r\n=:":
            start += 1
        try:
            return _DECODER.raw_decode(text, start)[0]
        except ValueError:
            at = text.find(marker, at + 1)
    return None


def json_scripts(doc: Document) -> Iterator[tuple[dict[str, str | None], Any]]:
    """(attributes, parsed value) of every `<script type="application/json">` block."""
    for node in doc.tree.css('script[type="application/json"]'):
        raw = (node.text(deep=True) or "").strip()
        if not raw or raw[0] not in "[{":
            continue
        try:
            yield node.attributes, json.loads(raw, strict=False)
        except ValueError:
            continue


def inline_scripts(doc: Document) -> Iterator[str]:
    """Text of every inline script that is not structured data."""
    for node in doc.tree.css("script"):
        kind = (node.attributes.get("type") or "text/javascript").lower()
        if "javascript" in kind or kind in {"module", "text/x-magento-init"}:
            text = node.text(deep=True)
            if text:
                yield text
