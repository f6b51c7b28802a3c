"""An S3 bucket (AWS, MinIO, R2, ... at `endpoint_url`) as the store, through boto3: keys under
the configured prefix, large files in parts, throttling and 5xx retried with backoff by the
client, credentials and region from the standard AWS chain (`AWS_ACCESS_KEY_ID`, ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import boto3
from boto3.exceptions import Boto3Error
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from adreel.platform.storage.base import ObjectInfo
from adreel.platform.storage.keys import StorageError, check_key, check_prefix

T = TypeVar("T")
PART_BYTES = 8 * 1024 * 1024        # files above this go up (and down) in parts of this size
CHUNK = 256 * 1024


def parse_s3_url(url: str) -> tuple[str, str]:
    """`s3://bucket/some/prefix` → (`bucket`, `some/prefix/`)."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"{url!r} is not an s3://bucket/prefix URL")
    prefix = parts.path.strip("/")
    if prefix:
        check_key(prefix)
    return parts.netloc, f"{prefix}/" if prefix else ""


class S3Storage:
    def __init__(self, url: str, *, endpoint_url: str | None = None, region: str | None = None,
                 attempts: int = 5, connect_timeout_s: float = 5.0, read_timeout_s: float = 30.0) -> None:
        self.bucket, self.prefix = parse_s3_url(url)
        self.endpoint = endpoint_url or "AWS S3"
        self.name = f"{url} at {self.endpoint}"
        config = Config(retries={"max_attempts": attempts, "mode": "standard"},
                        connect_timeout=connect_timeout_s, read_timeout=read_timeout_s,
                        s3={"addressing_style": "path"} if endpoint_url else None)
        session = boto3.session.Session()
        self.client = session.client("s3", endpoint_url=endpoint_url,
                                     region_name=region or session.region_name or "us-east-1", config=config)
        self.transfer = TransferConfig(multipart_threshold=PART_BYTES, multipart_chunksize=PART_BYTES,
                                       use_threads=False)

    def _full(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _call(self, what: str, action: Callable[[], T]) -> T:
        try:
            return action()
        except ClientError as exc:
            error = exc.response.get("Error", {})
            raise StorageError(f"The storage at {self.endpoint} refused to {what} "
                               f"({error.get('Code', 'error')}: {error.get('Message', '')}).") from exc
        except (BotoCoreError, Boto3Error, OSError) as exc:
            raise StorageError(f"The storage at {self.endpoint} could not be reached to {what} ({exc}).") from exc

    def put_bytes(self, key: str, data: bytes) -> None:
        full = self._full(key)
        self._call(f"store {key}", lambda: self.client.put_object(Bucket=self.bucket, Key=full, Body=data))

    def put_file(self, key: str, path: Path) -> None:
        full = self._full(key)
        self._call(f"store {key}", lambda: self.client.upload_file(str(path), self.bucket, full,
                                                                  Config=self.transfer))

    def get_bytes(self, key: str) -> bytes:
        full = self._full(key)
        return self._call(f"read {key}", lambda: self.client.get_object(Bucket=self.bucket, Key=full)["Body"].read())

    def get_file(self, key: str, path: Path) -> None:
        full = self._full(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.part")
        self._call(f"read {key}", lambda: self.client.download_file(self.bucket, full, str(partial),
                                                                   Config=self.transfer))
        partial.replace(path)

    def size(self, key: str) -> int | None:
        full = self._full(key)
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=full)
        except ClientError as exc:
            # S3 answers 403 for a missing key to credentials that may not list the bucket.
            if exc.response.get("Error", {}).get("Code") in ("403", "404", "NoSuchKey", "NotFound"):
                return None
            raise StorageError(f"The storage at {self.endpoint} refused to look up {key}.") from exc
        except (BotoCoreError, OSError) as exc:
            raise StorageError(f"The storage at {self.endpoint} could not be reached to look up {key} "
                               f"({exc}).") from exc
        return int(head["ContentLength"])

    def read_range(self, key: str, start: int, end: int) -> Iterator[bytes]:
        full = self._full(key)
        # Asked now, not on the first chunk: a refusal is raised before any answer is sent.
        body = self._call(f"read {key}", lambda: self.client.get_object(
            Bucket=self.bucket, Key=full, Range=f"bytes={start}-{end}")["Body"])

        def chunks() -> Iterator[bytes]:
            try:
                yield from body.iter_chunks(CHUNK)
            finally:
                body.close()

        return chunks()

    def list(self, prefix: str) -> list[ObjectInfo]:
        full = self.prefix + check_prefix(prefix)

        def listing() -> list[ObjectInfo]:
            found = []
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=full):
                found += [ObjectInfo(item["Key"][len(self.prefix):], int(item["Size"]))
                          for item in page.get("Contents", [])]
            return sorted(found, key=lambda item: item.key)

        return self._call(f"list {prefix}", listing)

    def delete(self, key: str) -> None:
        full = self._full(key)
        self._call(f"delete {key}", lambda: self.client.delete_object(Bucket=self.bucket, Key=full))

    def folder(self, prefix: str) -> Path | None:
        return None

    def delete_prefix(self, prefix: str) -> None:
        keys = [self.prefix + item.key for item in self.list(prefix)]
        for start in range(0, len(keys), 1000):
            batch = {"Objects": [{"Key": key} for key in keys[start:start + 1000]], "Quiet": True}
            answer = self._call(f"delete {prefix}",
                                lambda b=batch: self.client.delete_objects(Bucket=self.bucket, Delete=b))
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise StorageError(f"The storage at {self.endpoint} refused to delete {first.get('Key')} "
                                   f"({first.get('Code')}: {first.get('Message', '')}).")

    def local_path(self, key: str) -> Path | None:
        return None

    def presigned_url(self, key: str, expires_s: int) -> str | None:
        full = self._full(key)
        return self._call(f"sign {key}", lambda: self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": full}, ExpiresIn=expires_s))

    def check(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (ClientError, BotoCoreError, OSError) as exc:
            raise StorageError(
                f"The bucket {self.bucket} at {self.endpoint} cannot be used ({exc}). Check that it exists, "
                "that ADREEL_S3_ENDPOINT_URL names the right endpoint and that the credentials "
                "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or the AWS profile) may read and write it.") from exc
