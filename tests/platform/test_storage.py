"""The storage contract, run against the local folder and a real S3 endpoint (moto's server
over HTTP, the real boto3 client)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from adreel.platform.storage import BadKey, LocalStorage, Storage, StorageError
from adreel.platform.storage.s3 import PART_BYTES, S3Storage, parse_s3_url


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    if request.param == "local":
        yield LocalStorage(tmp_path / "store")
        return
    s3 = request.getfixturevalue("s3")
    yield S3Storage(f"s3://{s3.new_bucket()}/deploy/one", endpoint_url=s3.url)


def test_bytes_and_files_round_trip(store: Storage, tmp_path: Path) -> None:
    store.put_bytes("work/p1/words.json", b'[{"word": "hi"}]')
    assert store.get_bytes("work/p1/words.json") == b'[{"word": "hi"}]'
    assert store.size("work/p1/words.json") == 16
    assert store.size("work/p1/absent.json") is None
    source = tmp_path / "voice.wav"
    source.write_bytes(bytes(range(256)) * 100)
    store.put_file("work/p1/voice.wav", source)
    store.get_file("work/p1/voice.wav", tmp_path / "back" / "voice.wav")
    assert (tmp_path / "back" / "voice.wav").read_bytes() == source.read_bytes()
    store.put_bytes("work/p1/words.json", b"[]")           # overwriting replaces the whole object
    assert store.get_bytes("work/p1/words.json") == b"[]"


def test_ranges_at_the_edges(store: Storage) -> None:
    data = bytes(range(256)) * 4
    store.put_bytes("media/tok/video.mp4", data)
    assert b"".join(store.read_range("media/tok/video.mp4", 0, 0)) == data[:1]
    assert b"".join(store.read_range("media/tok/video.mp4", 0, len(data) - 1)) == data
    assert b"".join(store.read_range("media/tok/video.mp4", 1000, 1023)) == data[1000:]
    assert b"".join(store.read_range("media/tok/video.mp4", 1023, 1023)) == data[-1:]
    assert b"".join(store.read_range("media/tok/video.mp4", 255, 256)) == data[255:257]


def test_a_large_file_goes_up_in_parts_and_comes_back_whole(store: Storage, tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(PART_BYTES * 2 + 12345))
    store.put_file("media/tok/video.mp4", big)
    assert store.size("media/tok/video.mp4") == big.stat().st_size
    store.get_file("media/tok/video.mp4", tmp_path / "copy.mp4")
    assert (tmp_path / "copy.mp4").read_bytes() == big.read_bytes()
    if isinstance(store, S3Storage):   # the object was assembled from parts
        head = store.client.head_object(Bucket=store.bucket, Key=store.prefix + "media/tok/video.mp4")
        assert head["ETag"].strip('"').endswith("-3")


def test_a_projects_prefix_is_listed_and_deleted_alone(store: Storage) -> None:
    for key in ("work/p1/script.json", "work/p1/layers/shot-01.png", "work/p1/layers/shot-02.png",
                "work/p10/script.json", "media/t1/video.mp4"):
        store.put_bytes(key, key.encode())
    listed = store.list("work/p1/")
    assert [item.key for item in listed] == ["work/p1/layers/shot-01.png", "work/p1/layers/shot-02.png",
                                             "work/p1/script.json"]
    assert [item.size for item in listed] == [len(item.key) for item in listed]
    store.delete_prefix("work/p1/")
    assert store.list("work/p1/") == []
    assert store.get_bytes("work/p10/script.json") == b"work/p10/script.json"
    assert store.size("media/t1/video.mp4") == len(b"media/t1/video.mp4")
    store.delete_prefix("work/nothing-here/")    # deleting what is not there is not an error


@pytest.mark.parametrize("key", ["../escape.txt", "work/../../etc/passwd", "/abs/path", "work//x",
                                 "work/./x", "work/.hidden", "", "work/p1/sp ace", "work/p1/ü"])
def test_keys_that_try_to_escape_are_refused(store: Storage, key: str) -> None:
    with pytest.raises(BadKey):
        store.put_bytes(key, b"x")
    with pytest.raises(BadKey):
        store.get_bytes(key)


def test_prefixes_must_be_folders(store: Storage) -> None:
    with pytest.raises(BadKey):
        store.list("work/p1")
    with pytest.raises(BadKey):
        store.delete_prefix("../")


def test_readiness_and_presigned_urls(store: Storage) -> None:
    store.check()
    store.put_bytes("media/tok/thumbnail.jpg", b"jpeg")
    url = store.presigned_url("media/tok/thumbnail.jpg", 60)
    if isinstance(store, LocalStorage):
        assert url is None and store.local_path("media/tok/thumbnail.jpg") is not None
    else:
        import httpx

        assert (url is not None and "Expires=" in url) or "X-Amz-Expires=60" in url
        assert httpx.get(url).content == b"jpeg"


def test_an_unreachable_endpoint_is_storage_failed_naming_it() -> None:
    store = S3Storage("s3://bucket/p", endpoint_url="http://127.0.0.1:9", attempts=1, connect_timeout_s=0.5)
    with pytest.raises(StorageError, match=r"http://127\.0\.0\.1:9") as info:
        store.put_bytes("work/p1/x.json", b"{}")
    assert info.value.code == "storage_failed"
    with pytest.raises(StorageError, match="cannot be used"):
        store.check()


def test_a_missing_bucket_is_storage_failed(s3) -> None:
    store = S3Storage("s3://no-such-bucket-here", endpoint_url=s3.url)
    with pytest.raises(StorageError, match="refused to store work/p1/x.json") as info:
        store.put_bytes("work/p1/x.json", b"{}")
    assert info.value.code == "storage_failed"


def test_s3_urls() -> None:
    assert parse_s3_url("s3://media-bucket") == ("media-bucket", "")
    assert parse_s3_url("s3://media-bucket/adreel/prod/") == ("media-bucket", "adreel/prod/")
    for bad in ("https://bucket/x", "s3:///x", "s3://bucket/../x"):
        with pytest.raises((ValueError, BadKey)):
            parse_s3_url(bad)
