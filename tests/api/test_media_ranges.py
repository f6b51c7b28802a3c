"""`Range` headers for media (RFC 9110 §14), as the streaming route reads them."""

from __future__ import annotations

import pytest

from adreel.api.routes.media import byte_range


@pytest.mark.parametrize(("header", "size", "wanted"), [
    (None, 100, None),
    ("bytes=0-0", 100, (0, 0)),
    ("bytes=10-19", 100, (10, 19)),
    ("bytes=90-", 100, (90, 99)),
    ("bytes=90-500", 100, (90, 99)),          # an end past the object is the object's end
    ("bytes=-10", 100, (90, 99)),
    ("bytes=-500", 100, (0, 99)),             # a suffix longer than the object is all of it
    ("bytes=100-", 100, False),               # starts past the end: 416
    ("bytes=-0", 100, False),
    ("bytes=5-2", 100, False),
    ("bytes=0-", 0, False),                   # nothing to range over in an empty object
    ("bytes=0-1,5-6", 100, None),             # several ranges: the whole object, as allowed
    ("items=0-1", 100, None),
    ("bytes=" + "9" * 5000 + "-", 100, None),  # absurd numbers are no range, not a crash
    ("bytes=-", 100, None),
])
def test_ranges(header: str | None, size: int, wanted: object) -> None:
    assert byte_range(header, size) == wanted
