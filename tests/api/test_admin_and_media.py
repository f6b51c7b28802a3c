"""The operator's admin API and media serving over real HTTP."""

from __future__ import annotations

import secrets
from pathlib import Path

from adreel.platform.storage import LocalStorage


def test_admin_api_is_off_without_a_token_and_guarded_with_one(serve_api, tmp_path: Path) -> None:
    plain = serve_api(tmp_path / "plain")
    assert plain.client().get("/api/v1/admin/accounts").status_code == 404
    server = serve_api(tmp_path / "admin", ADREEL_OPERATOR_TOKEN="op-secret-123")
    admin = server.client()
    assert admin.get("/api/v1/admin/accounts", headers={"X-Operator-Token": "nope"}).json() == {
        "error": "Operator token required"}
    auth = {"Authorization": "Bearer op-secret-123"}
    created = admin.post("/api/v1/admin/accounts", headers=auth,
                         json={"name": "agency", "planLimit": 50, "credits": 3})
    assert created.status_code == 200 and created.json()["planLimit"] == 50
    assert admin.post("/api/v1/admin/accounts", headers=auth, json={"name": "agency"}).status_code == 400
    assert admin.post("/api/v1/admin/accounts", headers=auth, json={"name": ""}).status_code == 400
    key = admin.post("/api/v1/admin/accounts/agency/keys", headers=auth,
                     json={"name": "ci", "permissions": ["projects:read"], "expires": "30d"}).json()
    assert key["key"].startswith("nvl_") and key["permissions"] == ["projects:read"]
    assert server.client(key["key"]).get("/api/v1/voices").status_code == 200
    assert admin.post(f"/api/v1/admin/keys/{key['id']}/revoke", headers=auth).json()["revoked"]
    assert server.client(key["key"]).get("/api/v1/voices").status_code == 401
    names = [a["name"] for a in admin.get("/api/v1/admin/accounts", headers=auth).json()["accounts"]]
    assert names == ["agency"]


def test_media_is_served_with_ranges_and_never_outside_its_root(serve_api, tmp_path: Path) -> None:
    server = serve_api(tmp_path / "media")
    storage = LocalStorage(tmp_path / "media")          # the server's DATA_DIR is its store
    token = secrets.token_urlsafe(24)
    data = bytes(range(256)) * 40
    storage.put_bytes(f"media/{token}/video.mp4", data)
    (tmp_path / "media" / "secret.txt").write_text("not for the web")
    client = server.client()
    full = client.get(f"/media/{token}/video.mp4")
    assert full.status_code == 200 and full.content == data
    assert full.headers["content-type"] == "video/mp4"
    assert full.headers["content-length"] == str(len(data))
    part = client.get(f"/media/{token}/video.mp4", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"
    for path in (f"/media/{token}/missing.mp4", "/media/short/video.mp4",
                 f"/media/{token}/..%2F..%2Fsecret.txt", f"/media/{token}/.video.mp4",
                 "/media/%2E%2E/secret.txt"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"error": "Not found"}
