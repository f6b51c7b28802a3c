"""Encoding: synthetic yuv420p frames and stereo audio become an H.264/AAC MP4 with its index
first; a cancelled or failing encode leaves nothing behind; progress reaches the end."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import numpy as np
import pytest

from adreel.media.encode.probe import probe_mp4
from adreel.media.encode.writer import VideoSettings, encode_mp4

RATE = 48_000


def gradient(width: int, height: int):
    """A frame source: a luma ramp sliding right 8 px a frame, with a chroma ramp downwards."""
    xx = np.arange(width, dtype=np.int32)[None, :]
    rows = np.arange(height // 2, dtype=np.int32)[:, None]
    u = np.broadcast_to((64 + rows * 128 // (height // 2)).astype(np.uint8), (height // 2, width // 2))
    v = np.full((height // 2, width // 2), 150, np.uint8)
    chroma = np.concatenate([u.ravel(), v.ravel()]).reshape(height // 2, width)
    buffer = np.empty((height * 3 // 2, width), np.uint8)          # reused, as the compositor does

    def frame(number: int) -> np.ndarray:
        buffer[:height] = np.broadcast_to(((xx + number * 8) % 200 + 20).astype(np.uint8), (height, width))
        buffer[height:] = chroma
        return buffer

    return frame


def tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE), dtype=np.float32) / RATE
    return np.stack([0.2 * np.sin(2 * np.pi * 440 * t), 0.2 * np.sin(2 * np.pi * 660 * t)], axis=1)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())        # hidden `.part` files included


def no_encoder_thread_left() -> bool:
    return not any(t.name == "adreel-compose" and t.is_alive() for t in threading.enumerate())


@pytest.mark.parametrize(("width", "height"), [(1080, 1920), (640, 360)])
def test_two_seconds_encode_to_a_faststart_h264_aac_mp4(tmp_path: Path, width: int, height: int) -> None:
    reports: list[tuple[int, int]] = []
    kept: list[int] = []
    target = tmp_path / "out" / "video.mp4"
    encode_mp4(target, gradient(width, height), 60, tone(2.0), RATE, VideoSettings(width, height),
               progress=lambda done, total: reports.append((done, total)),
               keep=lambda number, _buffer: kept.append(number))
    assert files_in(target.parent) == ["video.mp4"]
    probe = probe_mp4(target)
    assert (probe.video_codec, probe.pix_fmt, probe.width, probe.height) == ("h264", "yuv420p", width, height)
    assert probe.fps == pytest.approx(30.0)
    assert probe.frames == 60
    assert probe.duration == pytest.approx(2.0, abs=0.1)
    assert (probe.audio_codec, probe.channels, probe.sample_rate) == ("aac", 2, RATE)
    assert probe.faststart is True
    assert reports == [(n, 60) for n in range(1, 61)]
    assert kept == list(range(60))
    assert no_encoder_thread_left()


def test_decoded_frames_show_the_frames_that_were_sent(tmp_path: Path) -> None:
    source = gradient(640, 360)
    target = tmp_path / "video.mp4"
    encode_mp4(target, source, 30, tone(1.0), RATE, VideoSettings(640, 360))
    with av.open(str(target)) as container:
        decoded = [frame.to_ndarray(format="yuv420p") for frame in container.decode(video=0)]
    assert len(decoded) == 30
    for number in (0, 17, 29):
        sent = source(number).astype(int)
        assert np.abs(decoded[number].astype(int) - sent).mean() < 3, f"frame {number} differs"
    assert np.abs(decoded[5].astype(int) - source(6).astype(int)).mean() > 10     # the frames really move


def test_audio_comes_back_as_the_tone(tmp_path: Path) -> None:
    target = tmp_path / "video.mp4"
    encode_mp4(target, gradient(640, 360), 60, tone(2.0), RATE, VideoSettings(640, 360))
    with av.open(str(target)) as container:
        samples = np.concatenate([f.to_ndarray() for f in container.decode(audio=0)], axis=1)
    assert samples.shape[0] == 2
    assert samples.shape[1] == pytest.approx(2 * RATE, abs=3000)
    left = np.abs(np.fft.rfft(samples[0, 4800:4800 + RATE]))
    right = np.abs(np.fft.rfft(samples[1, 4800:4800 + RATE]))
    assert int(left.argmax()) == pytest.approx(440, abs=2) and int(right.argmax()) == pytest.approx(660, abs=2)


def test_cancel_stops_the_encode_and_leaves_no_file(tmp_path: Path) -> None:
    calls: list[int] = []
    source = gradient(640, 360)

    def counted(number: int) -> np.ndarray:
        calls.append(number)
        return source(number)

    with pytest.raises(InterruptedError):
        encode_mp4(tmp_path / "video.mp4", counted, 900, tone(30.0), RATE, VideoSettings(640, 360),
                   cancelled=lambda: True)
    assert files_in(tmp_path) == []
    assert len(calls) < 60, "the frame source kept running after the cancel"
    assert no_encoder_thread_left()


def test_cancel_only_when_asked(tmp_path: Path) -> None:
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) >= 2

    with pytest.raises(InterruptedError):
        encode_mp4(tmp_path / "video.mp4", gradient(640, 360), 90, tone(3.0), RATE, VideoSettings(640, 360),
                   cancelled=cancelled)
    assert files_in(tmp_path) == []
    encode_mp4(tmp_path / "video.mp4", gradient(640, 360), 30, tone(1.0), RATE, VideoSettings(640, 360),
               cancelled=lambda: False)
    assert files_in(tmp_path) == ["video.mp4"]


def test_a_failing_frame_source_propagates_and_leaves_no_partial_file(tmp_path: Path) -> None:
    source = gradient(640, 360)

    def broken(number: int) -> np.ndarray:
        if number == 20:
            raise ValueError("layer missing")
        return source(number)

    with pytest.raises(ValueError, match="layer missing"):
        encode_mp4(tmp_path / "video.mp4", broken, 60, tone(2.0), RATE, VideoSettings(640, 360))
    assert files_in(tmp_path) == []
    assert no_encoder_thread_left()


def test_a_failed_encode_does_not_touch_an_earlier_video(tmp_path: Path) -> None:
    target = tmp_path / "video.mp4"
    encode_mp4(target, gradient(640, 360), 30, tone(1.0), RATE, VideoSettings(640, 360))
    before = target.read_bytes()

    def broken(number: int) -> np.ndarray:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        encode_mp4(target, broken, 30, tone(1.0), RATE, VideoSettings(640, 360))
    assert files_in(tmp_path) == ["video.mp4"] and target.read_bytes() == before
