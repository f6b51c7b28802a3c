"""Acoustic features for alignment: MFCCs with per-utterance mean and variance normalisation."""

from __future__ import annotations

from functools import cache
from math import gcd

import numpy as np
from scipy.fft import dct
from scipy.signal import resample_poly

RATE = 16_000
WINDOW = 400          # 25 ms at 16 kHz
BANDS = 40
COEFFICIENTS = 13


@cache
def _mel_filters(n_fft: int = 512, bands: int = BANDS, rate: int = RATE) -> np.ndarray:
    def mel(hz: np.ndarray) -> np.ndarray:
        return 2595 * np.log10(1 + hz / 700)

    def hz(m: np.ndarray) -> np.ndarray:
        return 700 * (10 ** (m / 2595) - 1)

    points = hz(np.linspace(mel(np.array(60.0)), mel(np.array(rate / 2 - 200)), bands + 2))
    bins = np.floor((n_fft + 1) * points / rate).astype(int)
    filters = np.zeros((bands, n_fft // 2 + 1))
    for b in range(bands):
        left, centre, right = bins[b], bins[b + 1], bins[b + 2]
        if centre > left:
            filters[b, left:centre] = (np.arange(left, centre) - left) / (centre - left)
        if right > centre:
            filters[b, centre:right] = (right - np.arange(centre, right)) / (right - centre)
    return filters


def mfcc(audio: np.ndarray, sample_rate: int, hop_s: float) -> np.ndarray:
    """(frames, 13) normalised MFCCs, one frame every `hop_s` seconds."""
    step = gcd(sample_rate, RATE)
    signal = resample_poly(audio.astype(np.float64), RATE // step, sample_rate // step)
    signal = np.append(signal[0], signal[1:] - 0.97 * signal[:-1]) if len(signal) else signal
    hop = max(round(hop_s * RATE), 1)
    count = max(1 + (len(signal) - WINDOW) // hop, 1)
    padded = np.pad(signal, (0, max(0, (count - 1) * hop + WINDOW - len(signal))))
    index = np.arange(WINDOW)[None, :] + hop * np.arange(count)[:, None]
    frames = padded[index] * np.hamming(WINDOW)
    power = np.abs(np.fft.rfft(frames, 512)) ** 2
    energies = np.log(power @ _mel_filters().T + 1e-10)
    coefficients = dct(energies, type=2, axis=1, norm="ortho")[:, :COEFFICIENTS]
    mean = coefficients.mean(axis=0)
    spread = coefficients.std(axis=0) + 1e-8
    return ((coefficients - mean) / spread).astype(np.float32)
