"""Structured data embedded in the page: JSON-LD, microdata and RDFa, read into one `Graph`."""

from __future__ import annotations

import json
import re
from typing import Any

import extruct

from adreel.media.extract.document import Document
from adreel.media.extract.schema_org import Graph

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _loads_lenient(text: str) -> Any:
    """JSON-LD as stores write it: sometimes wrapped in comments or CDATA, sometimes with raw
    newlines inside strings or trailing commas."""
    text = text.strip()
    for prefix, suffix in (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")):
        if text.startswith(prefix) and text.endswith(suffix):
            text = text[len(prefix): -len(suffix)].strip()
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text)), strict=False)
    except ValueError:
        return None


def jsonld_graph(doc: Document) -> Graph:
    roots = []
    for node in doc.tree.css('script[type="application/ld+json"]'):
        data = _loads_lenient(node.text(deep=True) or "")
        if data is not None:
            roots.append(data)
    return Graph(roots)


def markup_graph(doc: Document) -> Graph:
    """Microdata and RDFa, through extruct (only parsed when the page uses them: RDFa
    processing costs far more than the rest of a page's extraction)."""
    syntaxes = []
    if doc.tree.css_first("[itemscope]") is not None:
        syntaxes.append("microdata")
    if doc.tree.css_first("[typeof]") is not None:
        syntaxes.append("rdfa")
    if not syntaxes:
        return Graph([])
    try:
        data = extruct.extract(doc.markup, base_url=doc.base_url, syntaxes=syntaxes,
                               uniform=True, errors="ignore")
    except Exception:  # extruct raises assorted parser errors on broken markup
        return Graph([])
    return Graph([data.get(s, []) for s in syntaxes])
