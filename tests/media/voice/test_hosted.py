"""Hosted voices (OpenAI-compatible and ElevenLabs) against local servers that speak their
protocols; timings come from forced alignment."""

from __future__ import annotations

import io
import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import numpy as np
import pytest
import soundfile
from scipy.signal import resample_poly

from adreel.app import make_voice_registry
from adreel.config import Settings
from adreel.media.voice import VoiceRegistry, speak
from adreel.media.voice.espeak_voice import EspeakSpeaker, timings
from adreel.media.voice.remote import ProviderError

SCENES = ["Meet the TrailPress: great coffee, anywhere you roam.",
          "Order yours today and brew on your next adventure."]


class FakeService:
    """Renders speech with espeak at 1.2× pace (so it differs from the aligner's reference)
    and remembers the requests and the true word times."""

    def __init__(self, reference: EspeakSpeaker) -> None:
        self.reference = reference
        self.requests: list[tuple[str, dict[str, str], dict]] = []
        self.truth: list[list[tuple[str, float, float]]] = []
        self.durations: list[float] = []

    def speech(self, text: str) -> tuple[np.ndarray, int]:
        audio, rate, events, tokens = self.reference.render(text, 1.2)
        words, _ = timings(events, tokens, len(audio) / rate, 0.0, 0)
        self.truth.append([(w.word, w.start, w.end) for w in words])
        return audio, rate

    def openai(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
        self.requests.append((handler.path, dict(handler.headers), body))
        audio, rate = self.speech(body["input"])
        out = io.BytesIO()
        soundfile.write(out, audio, rate, format="WAV", subtype="PCM_16")
        self.durations.append(len(audio) / rate)
        self._send(handler, "audio/wav", out.getvalue())

    def elevenlabs(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
        self.requests.append((handler.path, dict(handler.headers), body))
        audio, rate = self.speech(body["text"])
        pcm = resample_poly(audio, 24_000 // 150, rate // 150)  # 22050 → 24000
        self.durations.append(len(pcm) / 24_000)
        self._send(handler, "audio/pcm", (np.clip(pcm, -1, 1) * 32767).astype("<i2").tobytes())

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, kind: str, data: bytes) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def _check_aligned(speech, service: FakeService) -> None:
    """Every word within 120 ms of where the service really said it."""
    assert [w.word for w in speech.words] == [t[0] for scene in service.truth for t in scene]
    scene_starts = [0.0]
    for duration in service.durations[:-1]:
        scene_starts.append(scene_starts[-1] + duration + int(0.35 * 48_000) / 48_000)
    errors = []
    for scene, truth in enumerate(service.truth):
        words = [w for w in speech.words if w.scene == scene]
        for word, (_text, start, end) in zip(words, truth, strict=True):
            at = scene_starts[scene]
            errors.append(max(abs(word.start - at - start), abs(word.end - at - end)))
    assert max(errors) <= 0.12, errors


@pytest.fixture
def service(registry: VoiceRegistry) -> FakeService:
    reference = registry.get("espeak-en-us")
    assert isinstance(reference, EspeakSpeaker)
    return FakeService(reference)


def test_openai_compatible_speech_is_aligned(serve, service: FakeService, tmp_path: Path,
                                             request: pytest.FixtureRequest) -> None:
    site = serve({"/v1/audio/speech": service.openai})
    registry = make_voice_registry(Settings(
        data_dir=tmp_path, openai_tts_base_url=site.url("/v1"), openai_tts_api_key="sk-test",
        openai_tts_voices="nova"))
    request.addfinalizer(registry.close)
    speaker = registry.resolve("en")
    assert speaker.info.id == "openai-nova-en" and speaker.info.timing == "aligned"
    speech = speak(SCENES, speaker)
    _path, headers, body = service.requests[0]
    assert headers["Authorization"] == "Bearer sk-test"
    assert body == {"model": "tts-1", "input": SCENES[0], "voice": "nova",
                    "response_format": "wav", "speed": 1.0}
    assert -15 <= speech.loudness_lufs <= -13 and speech.sample_rate == 48_000
    _check_aligned(speech, service)
    # Asking for an accent only local voices have still finds the local one.
    assert registry.resolve("en", "american").info.id == "en-us-joe"


def test_elevenlabs_pcm_is_aligned(serve, service: FakeService, tmp_path: Path,
                                   request: pytest.FixtureRequest) -> None:
    site = serve({"/v1/text-to-speech/voice123": service.elevenlabs})
    registry = make_voice_registry(Settings(
        data_dir=tmp_path, elevenlabs_api_key="xi-test", elevenlabs_base_url=site.url(""),
        elevenlabs_voices="voice123"))
    request.addfinalizer(registry.close)
    speech = speak(SCENES, registry.resolve("en"))
    path, headers, body = service.requests[0]
    assert path == "/v1/text-to-speech/voice123?output_format=pcm_24000"
    assert headers["xi-api-key"] == "xi-test" and body["text"] == SCENES[0]
    _check_aligned(speech, service)


def test_a_failing_service_is_a_provider_error(serve, tmp_path: Path) -> None:
    site = serve({"/v1/audio/speech": (500, {"Content-Type": "application/json"},
                                       b'{"error": "overloaded"}')})
    with make_voice_registry(Settings(
            data_dir=tmp_path, openai_tts_base_url=site.url("/v1"), openai_tts_api_key="k")
         ) as registry, pytest.raises(ProviderError, match="answered 500"):
        speak(SCENES, registry.resolve("en"))
