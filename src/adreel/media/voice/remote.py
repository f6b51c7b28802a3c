"""Hosted speech services: an OpenAI-compatible `/v1/audio/speech` endpoint and ElevenLabs.

They return audio only, so word and phoneme timings come from forced alignment against an
espeak-ng rendering of the same text (`adreel.media.align.forced`). One request per scene.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import httpx
import numpy as np
import soundfile

from adreel.errors import AdreelError
from adreel.media.align.forced import align
from adreel.media.voice.espeak_voice import EspeakSpeaker
from adreel.media.voice.model import SceneTrack, Utterance, VoiceError, VoiceInfo

# Fetches the audio of one scene: (text, rate) → (mono float32 audio, sample rate).
Fetch = Callable[[str, float], tuple[np.ndarray, int]]


class ProviderError(AdreelError):
    """A hosted service failed; the message says which and how."""

    code = "provider_failed"


def _mono(data: np.ndarray) -> np.ndarray:
    return data.mean(axis=1) if data.ndim == 2 else data


def _post(client: httpx.Client, url: str, what: str, **kwargs: object) -> bytes:
    try:
        response = client.post(url, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        raise ProviderError(f"{what} could not be reached: {type(exc).__name__}.") from exc
    if response.status_code != 200:
        raise ProviderError(f"{what} answered {response.status_code}: {response.text[:200]}")
    return response.content


def openai_fetch(client: httpx.Client, base_url: str, api_key: str, model: str,
                 voice: str) -> Fetch:
    def fetch(text: str, rate: float) -> tuple[np.ndarray, int]:
        body = _post(client, f"{base_url.rstrip('/')}/audio/speech", "The speech service",
                     headers={"Authorization": f"Bearer {api_key}"},
                     json={"model": model, "input": text, "voice": voice,
                           "response_format": "wav", "speed": rate})
        try:
            data, sample_rate = soundfile.read(io.BytesIO(body), dtype="float32")
        except (RuntimeError, soundfile.LibsndfileError) as exc:
            raise ProviderError("The speech service sent audio that could not be decoded.") from exc
        return _mono(data), sample_rate

    return fetch


def elevenlabs_fetch(client: httpx.Client, base_url: str, api_key: str, model: str,
                     voice_id: str, sample_rate: int = 24_000) -> Fetch:
    def fetch(text: str, rate: float) -> tuple[np.ndarray, int]:
        body = _post(client, f"{base_url.rstrip('/')}/v1/text-to-speech/{voice_id}",
                     "ElevenLabs", params={"output_format": f"pcm_{sample_rate}"},
                     headers={"xi-api-key": api_key},
                     json={"text": text, "model_id": model, "voice_settings": {"speed": rate}})
        pcm = np.frombuffer(body[: len(body) // 2 * 2], dtype="<i2")
        return pcm.astype(np.float32) / 32768.0, sample_rate

    return fetch


class RemoteSpeaker:
    """A hosted voice; timings by forced alignment against `reference` (espeak, same language)."""

    def __init__(self, info: VoiceInfo, fetch: Fetch, reference: EspeakSpeaker, *,
                 scene_pause: float = 0.35) -> None:
        self.info = info
        self._fetch = fetch
        self._reference = reference
        self._scene_pause = scene_pause

    def synthesize(self, scenes: list[str], rate: float = 1.0) -> Utterance:
        track = SceneTrack(self._scene_pause)
        for scene, text in enumerate(scenes):
            audio, sample_rate = self._fetch(text, rate)
            try:
                offset = track.start(sample_rate)
            except VoiceError as exc:
                raise ProviderError("The speech service changed sample rate between scenes.") from exc
            words, phonemes = align(audio, sample_rate, text, self._reference, scene=scene,
                                    offset=offset)
            track.add(audio, words, phonemes)
        return track.utterance()
