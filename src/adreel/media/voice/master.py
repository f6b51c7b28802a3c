"""Loudness: speech at 48 kHz, −14 LUFS integrated, true peak at or under −1 dBTP.

Gain alone cannot do it (piper peaks at full scale while sitting near −20 LUFS), so gain is
followed by a look-ahead true-peak limiter; the gain is searched so the *limited* signal lands
on the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import gcd

import cv2
import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, resample_poly

OUTPUT_RATE = 48_000
OVERSAMPLE = 4


@dataclass(frozen=True)
class Mastered:
    audio: np.ndarray          # float32, OUTPUT_RATE, shape (n,) or (n, channels)
    sample_rate: int
    loudness_lufs: float
    true_peak_dbtp: float
    gain_db: float


def resample(audio: np.ndarray, rate: int, target: int = OUTPUT_RATE) -> np.ndarray:
    if rate == target:
        return audio.astype(np.float64)
    step = gcd(rate, target)
    return resample_poly(audio.astype(np.float64), target // step, rate // step, axis=0)


@cache
def _phases() -> np.ndarray:
    """The in-between positions of the 4× interpolator (an 81-tap Kaiser low-pass at the input's
    Nyquist, the filter scipy's `resample_poly` uses) as three 20-tap rows, reversed so that
    OpenCV's correlation convolves. The fourth position is the sample itself: the centre tap is
    1 and every fourth tap from it 0, so the estimate never reads below the sample peak."""
    taps = firwin(OVERSAMPLE * 20 + 1, 1.0 / OVERSAMPLE, window=("kaiser", 5.0)) * OVERSAMPLE
    rows = np.stack([taps[k::OVERSAMPLE][:20][::-1] for k in range(1, OVERSAMPLE)]).astype(np.float32)
    rows.setflags(write=False)
    return rows


def _peaks(audio: np.ndarray) -> np.ndarray:
    """Per-sample true-peak estimate: the largest |value| of the 4× oversampled signal around
    each sample, over all channels. Each in-between position is one FIR row filter (OpenCV's
    vectorised filter; 5–20× faster than resampling the whole signal), in float32 — the same
    estimate as `resample_poly` 4× (the previous way) to within 0.01 dB."""
    rows = np.ascontiguousarray(np.asarray(audio, np.float32).reshape(len(audio), -1).T)   # channels × n
    best = np.abs(rows)
    for phase in _phases():
        # Output p of this row is the interpolated value between samples p and p + 1.
        between = cv2.filter2D(rows, -1, phase[None, :], anchor=(9, 0), borderType=cv2.BORDER_CONSTANT)
        np.maximum(best, np.abs(between), out=best)
    return best.max(axis=0).astype(np.float64)


def true_peak_dbtp(audio: np.ndarray) -> float:
    peak = float(np.max(_peaks(audio))) if len(audio) else 0.0
    return 20 * np.log10(max(peak, 1e-12))


def _limiter_gain(peaks: np.ndarray, gain: float, ceiling: float, window: int) -> np.ndarray:
    """Per-sample gain ≤ what keeps every peak under `ceiling`, smoothed so it never rises
    above the need at any sample (minimum filter, then a moving average of the same width)."""
    need = np.minimum(1.0, ceiling / np.maximum(peaks * gain, 1e-12))
    return gain * uniform_filter1d(minimum_filter1d(need, window, mode="nearest"), window,
                                   mode="nearest")


def master(audio: np.ndarray, rate: int, *, target_lufs: float = -14.0,
           ceiling_dbtp: float = -1.0, window_ms: float = 10.0) -> Mastered:
    """Resample to 48 kHz, then gain + true-peak limiting to `target_lufs` / `ceiling_dbtp`."""
    signal = resample(audio, rate)
    meter = pyloudnorm.Meter(OUTPUT_RATE)
    if len(signal) < OUTPUT_RATE // 2 or not np.any(signal):
        # Too short for a BS.1770 measurement (or silent): left as it is.
        return Mastered(signal.astype(np.float32), OUTPUT_RATE, float("-inf"),
                        true_peak_dbtp(signal), 0.0)
    start = meter.integrated_loudness(signal)
    if not np.isfinite(start):
        # Everything under the −70 LUFS gate: there is no speech to bring up.
        return Mastered(signal.astype(np.float32), OUTPUT_RATE, float("-inf"),
                        true_peak_dbtp(signal), 0.0)
    peaks = _peaks(signal)
    ceiling = 10 ** ((ceiling_dbtp - 0.15) / 20)   # margin for the smoothing and the encoder
    window = int(OUTPUT_RATE * window_ms / 1000) | 1
    shape = (-1, 1) if signal.ndim == 2 else (-1,)
    def miss(gain_db: float) -> tuple[float, np.ndarray]:
        limited = signal * _limiter_gain(peaks, 10 ** (gain_db / 20), ceiling, window).reshape(shape)
        return target_lufs - meter.integrated_loudness(limited), limited

    # Secant search on the gain: limiting makes loudness grow slower than the gain.
    g0 = target_lufs - start
    e0, out = miss(g0)
    gain_db = g0 + 2 * e0
    for _ in range(8):
        e1, out = miss(gain_db)
        if abs(e1) < 0.05 or e1 == e0:
            break
        # Clamped: on a very peaky signal the limited loudness barely moves and the step explodes.
        g0, e0, gain_db = gain_db, e1, min(60.0, max(-60.0, gain_db - e1 * (gain_db - g0) / (e1 - e0)))
    return Mastered(out.astype(np.float32), OUTPUT_RATE, meter.integrated_loudness(out),
                    true_peak_dbtp(out), gain_db)
