"""A parsed HTML page with the few lookups every extractor needs."""

from __future__ import annotations

import html
import re
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
# Block-level tags separate words; inline ones (<b>, <a>, <span>) must not add spaces.
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|"
    r"blockquote|dd|dt|dl|hr|figure|figcaption|main|aside|nav|option)\b)", re.I)


def clean_text(value: object) -> str | None:
    """Plain, single-spaced text: entities decoded, tags removed. None when nothing is left."""
    if value is None:
        return None
    text = str(value)
    if "<" in text and ">" in text:
        text = LexborHTMLParser(f"<div>{_BLOCK_TAG.sub(' <', text)}</div>").text(separator="")
    text = _SPACE.sub(" ", html.unescape(text)).strip()
    return text or None


# Marketplace labels in lenticular and other decorative brackets: "【40H PLAYTIME】 With the case…",
# "【2025年最新版】ワイヤレスイヤホン". They dress up a line; said or shown they read as noise.
_BRACKET_LABEL = re.compile(r"\s*[【〖〔［]([^【】〖〗〔〕［］]*)[】〗〕］]\s*")


def without_bracket_labels(text: str) -> str:
    """`text` without its bracketed labels; a text that is nothing but a label keeps the words."""
    rest = _SPACE.sub(" ", _BRACKET_LABEL.sub(" ", text)).strip(" 　:：-・|/")
    if rest:
        return rest
    return _SPACE.sub(" ", _BRACKET_LABEL.sub(lambda m: f" {m.group(1)} ", text)).strip()


def node_text(node: LexborNode | None) -> str | None:
    """Visible text of an element, words separated where blocks are, not around inline tags."""
    if node is None:
        return None
    if node.css_first("*") is None:
        return clean_text(node.text(separator=""))
    return clean_text(node.html or "")


class Document:
    """An HTML page read as if fetched from `url`."""

    def __init__(self, markup: str, url: str) -> None:
        self.url = url
        self.markup = markup
        self.tree = LexborHTMLParser(markup)

    @cached_property
    def base_url(self) -> str:
        base = self.tree.css_first("base[href]")
        href = base.attributes.get("href") if base else None
        try:
            return urljoin(self.url, href) if href else self.url
        except ValueError:
            return self.url

    @cached_property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @cached_property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"

    def absolute(self, ref: str | None) -> str | None:
        """An absolute http(s) URL for a reference found in the page, or None. A saved page
        (a `file:` address) keeps its relative links as `file:` URLs: the caller decides
        whether it may read them."""
        if not ref:
            return None
        ref = html.unescape(ref.strip())
        if not ref or ref.startswith(("data:", "javascript:", "#", "blob:")):
            return None
        # Protocol-relative references are CDN assets, which all serve https.
        try:
            url = "https:" + ref if ref.startswith("//") else urljoin(self.base_url, ref)
            urlsplit(url).hostname  # noqa: B018 (raises on a malformed host such as "[bad")
        except ValueError:
            return None
        if url.startswith("file:") and self.url.startswith("file:"):   # the page itself, not a <base>
            return url
        return url if url.startswith(("http://", "https://")) else None

    @cached_property
    def _meta(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for node in self.tree.css("meta"):
            attrs = node.attributes
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            content = attrs.get("content")
            if key and content is not None:
                found.setdefault(key.strip().lower(), []).append(content.strip())
        return found

    def meta(self, *keys: str) -> str | None:
        """The first non-empty `<meta property|name=key content>` among `keys`."""
        for key in keys:
            for value in self._meta.get(key.lower(), []):
                if value:
                    return value
        return None

    def meta_all(self, key: str) -> list[str]:
        return [v for v in self._meta.get(key.lower(), []) if v]

    def first(self, *selectors: str) -> LexborNode | None:
        for selector in selectors:
            node = self.tree.css_first(selector)
            if node is not None:
                return node
        return None

    def text(self, *selectors: str) -> str | None:
        """Clean text of the first selector that matches a node with text."""
        for selector in selectors:
            for node in self.tree.css(selector):
                value = node_text(node)
                if value:
                    return value
        return None

    def texts(self, selector: str) -> list[str]:
        return [t for t in (node_text(n) for n in self.tree.css(selector)) if t]

    def attr(self, selector: str, name: str) -> str | None:
        for node in self.tree.css(selector):
            value = node.attributes.get(name)
            if value and value.strip():
                return value.strip()
        return None

    @cached_property
    def html_lang(self) -> str | None:
        node = self.tree.css_first("html")
        return node.attributes.get("lang") if node is not None else None

    @cached_property
    def title_tag(self) -> str | None:
        return self.text("title")

    @cached_property
    def body_text(self) -> str:
        body = self.tree.body
        if body is None:
            return ""
        clone = LexborHTMLParser(body.html or "")
        clone.strip_tags(["script", "style", "noscript", "template", "svg"])
        return clean_text(clone.body.text(separator=" ") if clone.body else "") or ""
