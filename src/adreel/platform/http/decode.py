"""Bytes of a fetched document → text, honouring how the web declares encodings."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _known(name: object) -> str | None:
    """A text encoding's canonical name; None for unknown labels and for codecs that are not
    text encodings (hex, base64, rot13, zlib, idna...)."""
    if isinstance(name, tuple):          # RFC 2231 parameter: (charset, language, value)
        name = name[2] if len(name) == 3 else None
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        info = codecs.lookup(name.strip().strip("'\""))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name == "idna":
        return None
    return info.name


def sniff_charset(body: bytes, header_charset: str | None) -> str:
    """The charset to decode with: BOM, then the HTTP header, then `<meta charset>` in the first
    4 KB, then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers assume)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    declared = _known(header_charset)
    if declared:
        return declared
    match = _META_CHARSET.search(body[:4096])
    if match:
        meta = _known(match.group(1).decode("ascii", "ignore"))
        if meta and meta.startswith("utf-16"):
            meta = "utf-8"   # a page that parsed as ASCII to find this tag is not UTF-16
        if meta:
            # Pages that say latin-1 are decoded as windows-1252, as browsers do.
            return "cp1252" if meta in {"latin-1", "iso8859-1"} else meta
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_text(body: bytes, header_charset: str | None = None) -> str:
    """Decode a document; undecodable bytes become U+FFFD rather than failing the read."""
    charset = sniff_charset(body, header_charset)
    text = body.decode(charset, errors="replace")
    return text.removeprefix("\ufeff")
