"""The studio's Extension endpoints against a real `adreel serve`: a page read without a job,
pictures served from adreel's own origin, scripts without rendering, voice samples kept, photo
uploads checked as `avatarImageUrl` is, and the page's security headers."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.fixtures.shop import product
from tests.web.conftest import PRODUCT, Studio


def test_a_product_page_is_read_without_a_job_and_its_pictures_come_from_adreel(studio: Studio) -> None:
    client = studio.client()
    found = client.post("/api/v1/studio/pages", json={"url": studio.shop.url(PRODUCT)})
    assert found.status_code == 200, found.text
    body = found.json()
    truth = product("ember-pour-over")
    assert body["isProduct"] is True and body["title"] == truth.name
    assert body["price"] and body["currency"] and body["rating"] is not None
    assert body["pictures"] and all(p.startswith(f"{studio.url}/media/") for p in body["pictures"])
    picture = client.get(body["pictures"][0])
    assert picture.headers["content-type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(picture.content)).size) <= 480
    assert found.headers["X-RateLimit-Limit"]                    # counted like every call
    assert client.get("/api/v1/jobs").json()["jobs"] == []        # nothing was created ...
    assert client.get("/api/v1/usage").json()["used"] == 0        # ... or spent


def test_a_page_that_is_not_a_product_says_why(studio: Studio) -> None:
    body = studio.client().post("/api/v1/studio/pages", json={"url": studio.shop.url("/")}).json()
    assert body["isProduct"] is False and "is not a product page" in body["reason"]
    assert body["pictures"] == []


@pytest.mark.parametrize(("payload", "status", "error"), [
    ({"url": "ftp://example.com/x"}, 400, "urls[0] must be an absolute http(s) URL"),
    ({"url": "http://127.0.0.1:9/gone"}, 422, "fetch_failed"),
    ({}, 400, "url: Field required"),
])
def test_page_reads_refuse_what_generate_refuses(studio: Studio, payload: dict[str, str], status: int,
                                                 error: str) -> None:
    answer = studio.client().post("/api/v1/studio/pages", json=payload)
    assert answer.status_code == status and answer.json()["error"] == error, answer.text


def test_the_endpoints_need_the_generate_permission(studio: Studio) -> None:
    reader = studio.client(studio.server.key("acme", ["projects:read"]).key)
    anonymous = studio.server.client()
    for path in ("/api/v1/studio/pages", "/api/v1/studio/scripts", "/api/v1/studio/voices/x/sample",
                 "/api/v1/studio/photos"):
        assert anonymous.post(path, json={}).status_code == 401
        refused = reader.post(path, json={"url": studio.shop.url(PRODUCT)})
        assert refused.status_code == 403
        assert refused.json() == {"error": "This API key does not have the 'generate' permission"}


def test_scripts_are_written_without_rendering(studio: Studio) -> None:
    client = studio.client()
    # A British accent is an espeak voice: quick to listen to (each draft is spoken to fit it).
    written = client.post("/api/v1/studio/scripts", json={"url": studio.shop.url(PRODUCT), "accent": "british",
                                                          "scriptStyle": "three_reasons", "language": "en"})
    assert written.status_code == 200, written.text
    assert written.json()["voiceId"] == "espeak-en"
    variants = written.json()["variants"]
    assert len(variants) == 1 and variants[0]["style"] == "three_reasons"
    assert variants[0]["text"] and variants[0]["scenes"] and 10 <= variants[0]["estimated_seconds"] <= 20
    assert client.get("/api/v1/jobs").json()["jobs"] == []
    home = client.post("/api/v1/studio/scripts", json={"url": studio.shop.url("/")})
    assert home.status_code == 422 and home.json()["error"] == "not_a_product"
    bad = client.post("/api/v1/studio/scripts", json={"url": studio.shop.url(PRODUCT), "adDuration": 20})
    assert bad.status_code == 400 and bad.json()["error"] == "adDuration must be one of 15, 30, 45, 60"


def test_a_voice_sample_is_rendered_once_and_kept(studio: Studio) -> None:
    client = studio.client()
    voice = next(v for v in client.get("/api/v1/voices").json()["voices"] if v["engine"] == "espeak")
    first = client.post(f"/api/v1/studio/voices/{voice['id']}/sample")
    assert first.status_code == 200, first.text
    sample = first.json()["sampleUrl"]
    audio = client.get(sample)
    assert audio.headers["content-type"] == "audio/wav" and audio.content[:4] == b"RIFF"
    again = client.post(f"/api/v1/studio/voices/{voice['id']}/sample").json()["sampleUrl"]
    assert again == sample and client.get(again).content == audio.content
    assert client.post("/api/v1/studio/voices/no-such-voice/sample").status_code == 404


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG")
    return out.getvalue()


def test_an_uploaded_photo_is_checked_as_avatar_image_url_is(studio: Studio) -> None:
    from skimage import data

    client = studio.client()
    face = client.post("/api/v1/studio/photos", content=_jpeg(Image.fromarray(data.astronaut())),
                       headers={"Content-Type": "image/jpeg"})
    assert face.status_code == 200, face.text
    url = face.json()["avatarImageUrl"]
    assert url.startswith(f"{studio.url}/media/") and client.get(url).headers["content-type"] == "image/jpeg"
    no_face = client.post("/api/v1/studio/photos", content=_jpeg(Image.new("RGB", (400, 400), (200, 90, 40))),
                          headers={"Content-Type": "image/jpeg"})
    assert no_face.status_code == 422 and no_face.json()["error"] == "no_face"
    garbage = client.post("/api/v1/studio/photos", content=b"not a picture", headers={"Content-Type": "image/png"})
    assert garbage.status_code == 422 and garbage.json()["error"] == "no_face"
    huge = client.post("/api/v1/studio/photos", content=b"\xff" * (5 * 1024 * 1024 + 1),
                       headers={"Content-Type": "image/jpeg"})
    assert huge.status_code == 413
    wrong = client.post("/api/v1/studio/photos", content=b"GIF89a", headers={"Content-Type": "image/gif"})
    assert wrong.status_code == 400


def test_the_page_forbids_inline_script_and_outside_origins(studio: Studio) -> None:
    client = studio.server.client()
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert "frame-ancestors 'none'" in policy and page.headers["x-content-type-options"] == "nosniff"
    module = client.get("/studio/app.js")
    assert module.headers["content-type"].startswith("text/javascript")
    assert module.headers["content-security-policy"] == policy
    assert client.get("/studio/..%2Fapp.py").status_code == 404
    assert client.get("/studio/missing.js").status_code == 404


def test_no_other_origin_may_read_answers_made_with_the_key(studio: Studio) -> None:
    client = studio.client()
    evil = {"Origin": "https://evil.example"}
    preflight = client.options("/api/v1/usage", headers={**evil, "Access-Control-Request-Method": "GET",
                                                         "Access-Control-Request-Headers": "x-api-key"})
    assert "access-control-allow-origin" not in preflight.headers
    answer = client.get("/api/v1/usage", headers=evil)
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
