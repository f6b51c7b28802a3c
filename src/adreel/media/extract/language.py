"""The language a page is written in: what the page declares, else what its text reads as."""

from __future__ import annotations

import re

import py3langid

_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def primary_subtag(tag: str | None) -> str | None:
    """`en-US` → `en`, `es_ES` → `es`; None for anything that is not a language tag."""
    if not tag or not _TAG.match(tag.strip()):
        return None
    return tag.strip().replace("_", "-").split("-", 1)[0].lower()


def detect_language(text: str) -> str | None:
    """Language of running text, or None when there is too little to tell."""
    sample = text[:4000]
    if len(sample.strip()) < 40:
        return None
    code, _score = py3langid.classify(sample)
    return code


def page_language(html_lang: str | None, og_locale: str | None, text: str) -> str | None:
    return primary_subtag(html_lang) or primary_subtag(og_locale) or detect_language(text)
