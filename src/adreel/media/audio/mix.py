"""The soundtrack: the voice over a music bed that dips while someone speaks, mastered as one.

The music is set relative to the voice's loudness (not to full scale), so a quiet file and a loud
one sit the same way under the voice; the master then brings the sum to −14 LUFS / −1 dBTP.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyloudnorm
from scipy.ndimage import maximum_filter1d, uniform_filter1d
from scipy.signal import lfilter

from adreel.media.voice.master import master

WINDOW_S = 0.03      # RMS window: a syllable's worth, short enough to see the pauses
GATE_DB = -30.0      # speech is anything within 30 dB of the loudest window
LOOKAHEAD_S = 0.05   # the music starts to dip just before the first syllable
HOLD_S = 0.25        # pauses between words shorter than this do not let the music back up
ATTACK_S = 0.05      # times to ~95 % of the change (three time constants)
RELEASE_S = 0.3
BLOCK_S = 0.4        # BS.1770 gating block: shorter audio has no integrated loudness


@dataclass(frozen=True)
class Mixed:
    audio: np.ndarray          # float32, shape (n, 2)
    sample_rate: int
    loudness_lufs: float
    true_peak_dbtp: float


def _speech(voice: np.ndarray, rate: int) -> np.ndarray:
    """1.0 where the voice speaks (held over short pauses, led by the look-ahead), else 0.0."""
    power = uniform_filter1d(voice * voice, max(1, round(WINDOW_S * rate)), mode="constant")
    rms = np.sqrt(np.maximum(power, 0.0))   # the running sum can dip a hair below zero in silence
    loudest = float(rms.max()) if len(rms) else 0.0
    if loudest <= 1e-6:
        return np.zeros(len(voice))
    gate = (rms > loudest * 10 ** (GATE_DB / 20)).astype(np.float64)
    ahead, hold = round(LOOKAHEAD_S * rate), round(HOLD_S * rate)
    hold += (ahead + hold) % 2          # an odd window keeps the origin below in range
    size = ahead + hold + 1
    # Each speaking sample marks [i − ahead, i + hold].
    return maximum_filter1d(gate, size, mode="constant", origin=size // 2 - ahead)


def ducking_gain(voice: np.ndarray, sample_rate: int = 48000, duck_db: float = -10.0) -> np.ndarray:
    """Per-sample linear gain for the music: `duck_db` while the voice speaks, 1.0 in the pauses,
    reached with a fast attack and a slow release so the music neither lags nor pumps."""
    gate = _speech(np.asarray(voice, np.float64), sample_rate)
    # Attack: a one-pole low-pass of the gate.
    pole = np.exp(-3 / (ATTACK_S * sample_rate))
    rise = lfilter([1 - pole], [1, -pole], gate)
    # Release: a peak hold with exponential decay, env(t) = max over s ≤ t of rise(s)·e^(−k(t−s)).
    # In the log domain that is a running maximum, so it needs no per-sample Python loop.
    ramp = 3 / (RELEASE_S * sample_rate) * np.arange(len(gate))
    depth = np.exp(np.maximum.accumulate(np.log(np.maximum(rise, 1e-9)) + ramp) - ramp) if len(gate) else gate
    return 10 ** (duck_db * depth / 20)


def _loudness(audio: np.ndarray, rate: int) -> float:
    if len(audio) <= BLOCK_S * rate or not np.any(audio):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(audio))


def _fit(music: np.ndarray, n: int) -> np.ndarray:
    """Music trimmed or zero-padded to n samples, stereo float64."""
    bed = np.asarray(music, np.float64)
    if bed.ndim == 1:
        bed = np.repeat(bed[:, None], 2, axis=1)
    if bed.ndim != 2 or bed.shape[1] != 2:
        raise ValueError(f"music must be (n, 2) stereo, not shape {bed.shape}")
    out = np.zeros((n, 2))
    out[: min(n, len(bed))] = bed[:n]
    return out


def mix(voice: np.ndarray, music: np.ndarray | None, sample_rate: int = 48000, *,
        music_level_db: float = -20.0, duck_db: float = -10.0) -> Mixed:
    """Voice (mono) in both channels over `music` set `music_level_db` LU under it and ducked by
    `duck_db` while it speaks; mastered to −14 LUFS, −1 dBTP. `music=None`: the voice alone."""
    speech = np.asarray(voice, np.float64)
    if speech.ndim != 1:
        raise ValueError(f"voice must be mono (n,), not shape {speech.shape}")
    both = np.repeat(speech[:, None], 2, axis=1)
    if music is not None:
        bed = _fit(music, len(speech))
        # Measured as heard: the voice in both channels. A voice too short to measure is taken to
        # sit where the master will put it.
        reference = _loudness(both, sample_rate)
        reference = reference if np.isfinite(reference) else -14.0
        level = _loudness(bed, sample_rate)
        if np.isfinite(level):
            bed *= 10 ** ((reference + music_level_db - level) / 20)
        both += bed * ducking_gain(speech, sample_rate, duck_db)[:, None]
    done = master(both, sample_rate, target_lufs=-14.0, ceiling_dbtp=-1.0)
    return Mixed(done.audio, done.sample_rate, done.loudness_lufs, done.true_peak_dbtp)
