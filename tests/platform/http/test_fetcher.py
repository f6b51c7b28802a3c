"""The safe fetcher against real HTTP servers on loopback."""

from __future__ import annotations

import gzip
import ipaddress
import time
from http.server import BaseHTTPRequestHandler

import pytest

from adreel.config import FetchLimits
from adreel.platform.http import (
    AddressPolicy,
    BlockedAddressError,
    ContentTypeError,
    Fetcher,
    FetchTimeoutError,
    HTTPStatusError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedURLError,
)
from tests.conftest import html

PAGE = "<!doctype html><html><head><title>Hi</title></head><body><h1>Hello</h1></body></html>"


def open_fetcher(**limits: float) -> Fetcher:
    return Fetcher(FetchLimits(**limits), AddressPolicy(allow_private=True))


def test_fetches_a_page_from_an_allowed_local_server(serve) -> None:
    site = serve({"/p": html(PAGE)})
    with open_fetcher() as fetcher:
        page = fetcher.page(site.url("/p"))
    assert page.status == 200
    assert page.content_type == "text/html"
    assert "<h1>Hello</h1>" in page.text()
    assert site.hits == ["/p"]


def test_loopback_is_refused_unless_the_operator_allows_it(serve) -> None:
    site = serve({"/p": html(PAGE)})
    with Fetcher() as fetcher, pytest.raises(BlockedAddressError, match="loopback"):
        fetcher.page(site.url("/p"))
    assert site.hits == []


def test_a_name_resolving_to_loopback_is_refused_unless_allowed(serve) -> None:
    site = serve({"/p": html(PAGE)})
    url = f"http://localhost:{site.port}/p"
    with Fetcher() as fetcher, pytest.raises(BlockedAddressError, match=r"localhost \(127"):
        fetcher.page(url)
    assert site.hits == []
    with open_fetcher() as fetcher:
        assert "Hello" in fetcher.page(url).text()


def test_a_name_with_one_private_address_among_public_ones_is_refused(serve) -> None:
    site = serve({"/p": html(PAGE)})
    public = ipaddress.ip_address("93.184.216.34")
    private = ipaddress.ip_address("127.0.0.1")
    fetcher = Fetcher(resolver=lambda host, port: [public, private])
    with fetcher, pytest.raises(BlockedAddressError, match="shop.example"):
        fetcher.page(f"http://shop.example:{site.port}/p")
    assert site.hits == []


def test_a_redirect_to_a_private_address_is_refused(serve) -> None:
    """The first server is reachable (its network is allowed); it redirects to 127.0.0.1,
    which is not, and the hop is refused before anything is sent there."""
    target = serve({"/secret": html("<p>internal</p>")}, host="127.0.0.1")
    start = serve({"/go": (302, {"Location": target.url("/secret")}, b"")}, host="127.0.0.2")
    policy = AddressPolicy.from_strings(False, ["127.0.0.2/32"])
    with Fetcher(policy=policy) as fetcher, pytest.raises(BlockedAddressError, match="127.0.0.1"):
        fetcher.page(start.url("/go"))
    assert start.hits == ["/go"]
    assert target.hits == []


def test_redirects_are_followed_and_recorded(serve) -> None:
    site = serve()
    site.routes.update({
        "/a": (301, {"Location": "/b"}, b""),
        "/b": (302, {"Location": site.url("/c")}, b""),
        "/c": html(PAGE),
    })
    with open_fetcher() as fetcher:
        page = fetcher.page(site.url("/a"))
    assert page.url == site.url("/c")
    assert page.redirects == (site.url("/a"), site.url("/b"))


def test_more_than_five_redirects_are_refused(serve) -> None:
    site = serve({f"/r{i}": (302, {"Location": f"/r{i + 1}"}, b"") for i in range(10)})
    with open_fetcher() as fetcher, pytest.raises(TooManyRedirectsError, match="more than 5"):
        fetcher.page(site.url("/r0"))
    assert len(site.hits) == 6


def test_a_redirect_loop_is_refused(serve) -> None:
    site = serve({"/x": (302, {"Location": "/y"}, b""), "/y": (302, {"Location": "/x"}, b"")})
    with open_fetcher() as fetcher, pytest.raises(TooManyRedirectsError, match="loop"):
        fetcher.page(site.url("/x"))


def _endless(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"<p>" + b"x" * 16_000 + b"</p>"
    try:
        for _ in range(400):  # bounded: at most ~6.4 MB
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.write(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass


def test_an_oversized_streamed_body_is_cut_at_the_cap(serve) -> None:
    site = serve({"/big": _endless})
    with open_fetcher(max_page_bytes=200_000) as fetcher:
        with pytest.raises(TooLargeError, match="larger than the 200 KB limit"):
            fetcher.page(site.url("/big"))


def test_a_declared_oversized_body_is_refused_before_reading(serve) -> None:
    site = serve({"/big": (200, {"Content-Type": "image/jpeg", "Content-Length": "50000000"},
                           b"")})
    with open_fetcher() as fetcher, pytest.raises(TooLargeError, match="50.0 MB"):
        fetcher.image(site.url("/big"))


def test_a_gzip_bomb_is_cut_on_its_decompressed_size(serve) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 8_000_000)
    site = serve({"/bomb": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)})
    with open_fetcher() as fetcher, pytest.raises(TooLargeError):
        fetcher.page(site.url("/bomb"))


def _silent(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(2.0)
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "2")
    handler.end_headers()
    handler.wfile.write(b"ok")


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    try:
        for _ in range(100):  # one byte every 0.1 s: never idle long enough for a read timeout
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)
    except (BrokenPipeError, ConnectionResetError):
        pass


def test_a_slow_server_times_out(serve) -> None:
    site = serve({"/slow": _silent})
    # The server never answers: without the read timeout this would wait until pytest's own.
    with open_fetcher(read_timeout_s=0.5) as fetcher, pytest.raises(FetchTimeoutError):
        fetcher.page(site.url("/slow"))


def test_a_trickling_server_hits_the_total_deadline(serve) -> None:
    site = serve({"/trickle": _trickle})
    # Bytes keep coming faster than the read timeout: only the total deadline can end it.
    with open_fetcher(read_timeout_s=2, total_timeout_s=1) as fetcher:
        with pytest.raises(FetchTimeoutError, match="longer than 1 s"):
            fetcher.page(site.url("/trickle"))


def test_a_non_html_page_is_refused_as_a_page(serve) -> None:
    site = serve({"/doc": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7")})
    with open_fetcher() as fetcher, pytest.raises(ContentTypeError, match="application/pdf"):
        fetcher.page(site.url("/doc"))


def test_error_statuses_raise_unless_allowed(serve) -> None:
    site = serve({"/gone": html("<h1>Page not found</h1>", status=404),
                  "/oops": html("<h1>Error</h1>", status=503)})
    with open_fetcher() as fetcher:
        with pytest.raises(HTTPStatusError, match="503 Service Unavailable") as info:
            fetcher.page(site.url("/oops"))
        assert info.value.status == 503
        with pytest.raises(HTTPStatusError, match="404"):
            fetcher.page(site.url("/gone"))
        assert fetcher.page(site.url("/gone"), allow_statuses={404}).status == 404


def test_charset_and_compression_are_decoded(serve) -> None:
    latin = "<html><body><p>Crème brûlée – 9,90 €</p></body></html>"
    site = serve({
        "/latin": (200, {"Content-Type": "text/html; charset=windows-1252"},
                   latin.encode("cp1252")),
        "/meta": (200, {"Content-Type": "text/html"},
                  b'<meta charset="shift_jis"><p>' + "日本語".encode("shift_jis") + b"</p>"),
        "/gz": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
                gzip.compress(latin.encode("utf-8"))),
    })
    with open_fetcher() as fetcher:
        assert "Crème brûlée – 9,90 €" in fetcher.page(site.url("/latin")).text()
        assert "日本語" in fetcher.page(site.url("/meta")).text()
        assert "Crème brûlée – 9,90 €" in fetcher.page(site.url("/gz")).text()


def recording(seen: dict[str, str], headers: dict[str, str] | None = None):
    """A route that keeps the request's headers in `seen` and answers a tiny page."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        seen.update(handler.headers)
        handler.send_response(200)
        for name, value in {"Content-Type": "text/html", "Content-Length": "2", **(headers or {})}.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(b"ok")

    return answer


def test_sends_a_browser_like_user_agent(serve) -> None:
    seen: dict[str, str] = {}
    site = serve({"/ua": recording(seen)})
    with open_fetcher() as fetcher:
        fetcher.page(site.url("/ua"))
    assert seen["User-Agent"].startswith("Mozilla/5.0")
    assert "gzip" in seen["Accept-Encoding"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/file", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("/relative/path", "Only http and https"),
        ("http://user:pw@example.com/", "user name or password"),
        ("http://10.1.2.3/", "private network"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://[::1]/", "loopback"),
        ("http://[fd00::1]/", "unique-local"),
        ("http://[::ffff:192.168.0.1]/", "private network"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
    ],
)
def test_unsafe_urls_are_refused_with_a_clear_message(url: str, message: str) -> None:
    with Fetcher() as fetcher, pytest.raises((UnsupportedURLError, BlockedAddressError),
                                             match=message):
        fetcher.page(url)


def test_hostile_charsets_and_cookies_do_not_break_or_leak(serve) -> None:
    seen: dict[str, str] = {}
    set_cookie = recording({}, {"Set-Cookie": "session=user-a-secret; Path=/"})
    echo = recording(seen)
    site = serve({
        "/hex": (200, {"Content-Type": "text/html; charset=hex"}, b"<p>caf\xc3\xa9</p>"),
        "/meta16": (200, {"Content-Type": "text/html"}, b'<meta charset="utf-16"><p>caf\xc3\xa9</p>'),
        "/rfc2231": (200, {"Content-Type": "text/html; charset*=utf-8''utf-8"}, b"<p>caf\xc3\xa9</p>"),
        "/set": set_cookie, "/echo": echo,
    })
    with open_fetcher() as fetcher:
        for path in ("/hex", "/meta16", "/rfc2231"):
            assert "café" in fetcher.page(site.url(path)).text()
        fetcher.page(site.url("/set"))
        fetcher.page(site.url("/echo"))
    assert "Cookie" not in seen and "cookie" not in seen


def test_a_slow_name_lookup_is_bounded_by_the_connect_timeout() -> None:
    def slow_resolver(host: str, port: int) -> list:
        time.sleep(3)
        return [ipaddress.ip_address("93.184.216.34")]

    # Had the lookup been awaited, the fetch would fail connecting, not "Looking up ...".
    with Fetcher(FetchLimits(connect_timeout_s=0.5), resolver=slow_resolver) as fetcher:
        with pytest.raises(FetchTimeoutError, match="Looking up shop.example"):
            fetcher.page("http://shop.example/")


@pytest.mark.parametrize("address", ["2002:a9fe:a9fe::", "2002:7f00:1::", "::ffff:10.0.0.1"])
def test_ipv4_wrapped_in_ipv6_is_judged_as_the_ipv4(address: str) -> None:
    with Fetcher() as fetcher, pytest.raises(BlockedAddressError):
        fetcher.page(f"http://[{address}]/")
