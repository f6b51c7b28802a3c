"""Choosing product images from the URLs a page mentions: absolute, one per picture (the
largest size variant of it), and no logos, icons, swatches or tracking pixels."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from adreel.media.extract.facts import ImageRef

_JUNK = re.compile(
    r"(?:^|[/_.\-])(?:logo|logos|icon|icons|favicon|sprite|swatch|swatches|pixel|spacer|blank|"
    r"placeholder|badge|badges|payment|payments|flag|flags|avatar|loader|loading|"
    r"rating-stars|review-stars)(?:[/_.\-]|\d|$)",
    re.I,
)
_JUNK_FOLDERS = frozenset({"icon", "icons", "logo", "logos", "swatch", "swatches", "flags", "badges",
                           "payment", "payment-icons", "payments", "sprites", "emoji"})
_TRACKING_HOSTS = ("facebook.com", "doubleclick.net", "google-analytics.com", "bat.bing.com",
                   "analytics.", "pixel.", "tracking.", "px.ads.", "t.co")
_NOT_PHOTO = (".svg", ".gif", ".ico")
# Size variants: Shopify `name_1024x1024.jpg`, `name_200x@2x.jpg`; WordPress `name-300x300.jpg`;
# Amazon `name._AC_SX679_.jpg`.
_SHOPIFY_SIZE = re.compile(
    r"_(?:(\d+)x(\d*)|x(\d+)|pico|icon|thumb|small|compact|medium|large|grande|original|"
    r"master)(?:_crop_\w+)?(?:@\dx)?(?=\.\w+$)", re.I)
_WP_SIZE = re.compile(r"-(\d+)x(\d+)(?=\.\w+$)")
_AMAZON_SIZE = re.compile(r"\._[A-Z0-9_,]+_(?=\.\w+$)")
_AMAZON_DIM = re.compile(r"(?:SX|SY|SL|UX|UY|SS|AC_SX|AC_SL)(\d+)")
# Resized copies that live under a per-size folder or name part: Magento's
# `/cache/<hash>/`, PrestaShop's `1243-large_default/`.
_CACHE_DIR = re.compile(r"/cache/[0-9a-f]{16,}/", re.I)
_PRESTA_SIZE = re.compile(r"/(\d+)-(\w+?)_default/", re.I)
_PRESTA_RANK = {"small": 98, "cart": 125, "home": 250, "medium": 452, "large": 800,
                "thickbox": 1100}
_BIG = 10**6
# Shopify's named sizes, as widths; "master"/"original" are the uploaded file itself.
_SHOPIFY_NAMED = {"pico": 16, "icon": 32, "thumb": 50, "small": 100, "compact": 160,
                  "medium": 240, "large": 480, "grande": 600, "master": _BIG, "original": _BIG}


def is_junk(ref: ImageRef) -> bool:
    parts = urlsplit(ref.url)
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    if any(host == h or host.endswith("." + h) or host.startswith(h) for h in _TRACKING_HOSTS):
        return True
    folders = set(path.split("/")[:-1])
    if path.endswith(_NOT_PHOTO) or _JUNK.search(path.rsplit("/", 1)[-1]) or folders & _JUNK_FOLDERS:
        return True
    return bool((ref.width and ref.width < 100) or (ref.height and ref.height < 100))


def variant_key(url: str) -> tuple[str, int]:
    """(identity of the picture, its estimated width: larger is better, unknown = original)."""
    parts = urlsplit(url)
    path = _CACHE_DIR.sub("/", parts.path)
    width = _BIG
    if match := _PRESTA_SIZE.search(path):
        width = _PRESTA_RANK.get(match.group(2).lower(), 500)
        path = path[: match.start()] + f"/{match.group(1)}/" + path[match.end():]
    if match := _SHOPIFY_SIZE.search(path):
        numbers = [int(g) for g in match.groups() if g]
        word = match.group().lstrip("_").split("@")[0].split("_crop")[0].split(".")[0].lower()
        width = max(numbers) if numbers else _SHOPIFY_NAMED.get(word, 0)
        path = path[: match.start()] + path[match.end():]
    elif match := _WP_SIZE.search(path):
        width = int(match.group(1))
        path = path[: match.start()] + path[match.end():]
    elif match := _AMAZON_SIZE.search(path):
        dims = [int(d) for d in _AMAZON_DIM.findall(match.group())]
        width = max(dims) if dims else 0
        path = path[: match.start()] + path[match.end():]
    query = parse_qs(parts.query)
    for key in ("width", "w", "wid"):
        value = query.get(key, [""])[0]
        if value.isascii() and value.isdecimal():
            width = min(width, int(value))
    return f"{(parts.hostname or '').lower()}{path.lower()}", width


def choose_images(refs: list[ImageRef], limit: int = 12) -> list[str]:
    """Deduplicated product image URLs in the order the most trusted sources named them,
    each the largest variant of its picture that the page offers."""
    best: dict[str, tuple[int, str]] = {}
    order: list[str] = []
    for ref in refs:
        if is_junk(ref):
            continue
        key, width = variant_key(ref.url)
        if ref.width:
            width = max(ref.width, width) if width != _BIG else width
        if key not in best:
            order.append(key)
            best[key] = (width, ref.url)
        elif width > best[key][0]:
            best[key] = (width, ref.url)
    return [best[key][1] for key in order][:limit]
