"""Music for the ad: royalty-free beds synthesised here, or the operator's own files.

A bed is an 8-bar loop (a 4-chord progression played twice on a soft pad, a plucked arpeggio with
a ping-pong echo, a bass line, light drums) rendered once and tiled, so a 60 s bed costs about
what a 20 s one does. Everything is drawn from (name, seed): the same arguments give the same
samples on every machine, and nothing is shipped or downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np
import soundfile
from scipy.signal import butter, resample_poly, sosfilt

BARS = 8                  # the loop: the progression twice, the arpeggio varied in the second half
STEPS = 16                # sixteenth notes in a bar
PAD_DOWN = 4              # the pad is low-passed anyway, so it is synthesised at a quarter of the rate
TABLE = 2048              # samples in the pad's one-cycle wavetable
PEAK = 0.8                # loop peak: headroom under 0.9 without relying on the mix
SUFFIXES = (".wav", ".flac", ".ogg", ".mp3")
MAJOR = (0, 2, 4, 5, 7, 9, 11)
MINOR = (0, 2, 3, 5, 7, 8, 10)
# Arpeggio shapes, as indices into the chord tones of two octaves (low to high).
ARPS = ((0, 1, 2, 3), (0, 2, 1, 3), (0, 1, 2, 3, 4, 3, 2, 1), (0, 2, 3, 1), (4, 3, 2, 1), (0, 2, 4, 2))


@dataclass(frozen=True)
class _Style:
    bpm: float
    tonic: int                                  # MIDI pitch of the key's tonic, near middle C
    minor: bool
    sevenths: bool                              # four-note chords: softer, jazzier
    cutoff: float                               # pad low-pass, Hz
    progressions: tuple[tuple[int, ...], ...]   # scale degrees from 0, one chord a bar
    kick: tuple[int, ...]                       # sixteenth steps of a bar
    snare: tuple[int, ...]
    hats: tuple[int, ...]
    bass: tuple[int, ...]
    arp_every: int                              # an arpeggio note every 1 (16ths) or 2 (8ths) steps
    pluck_decay: float                          # s
    snare_level: float


_POP = ((0, 4, 5, 3), (5, 3, 0, 4), (0, 5, 3, 4), (3, 0, 4, 5))
_STYLES = {
    "upbeat": _Style(120, 60, False, False, 2400, _POP, (0, 4, 8, 12), (4, 12), (2, 6, 10, 14),
                     (0, 3, 6, 8, 11, 14), 2, 0.16, 0.30),
    "chill": _Style(90, 57, True, True, 1100, ((0, 5, 2, 6), (0, 3, 5, 4), (5, 6, 0, 0), (3, 4, 0, 5)),
                    (0, 10), (8,), (0, 2, 4, 6, 8, 10, 12, 14), (0, 10), 2, 0.30, 0.14),
    "warm": _Style(96, 53, False, True, 1500, ((0, 3, 1, 4), (0, 5, 1, 4), (3, 4, 2, 5), (0, 2, 3, 4)),
                   (0, 7, 8), (4, 12), (2, 6, 10, 14), (0, 7, 8), 2, 0.24, 0.16),
    "bright": _Style(110, 62, False, False, 3000, _POP, (0, 8, 10), (4, 12), tuple(range(16)),
                     (0, 8, 10), 1, 0.12, 0.24),
    "driving": _Style(124, 64, True, False, 2600, ((0, 5, 2, 6), (0, 6, 5, 6), (5, 3, 0, 6), (0, 3, 6, 5)),
                      (0, 4, 8, 12), (4, 12), (2, 6, 10, 14), (0, 2, 4, 6, 8, 10, 12, 14), 1, 0.10, 0.28),
}
BEDS: tuple[str, ...] = tuple(_STYLES)


def _length(duration: float, rate: int) -> int:
    if duration < 0:
        raise ValueError(f"duration must be ≥ 0, not {duration}")
    return round(duration * rate)


def _hz(midi: np.ndarray) -> np.ndarray:
    return 440.0 * 2.0 ** ((np.asarray(midi, np.float64) - 69) / 12)


def _chord(style: _Style, degree: int) -> np.ndarray:
    scale = MINOR if style.minor else MAJOR
    steps = [degree + 2 * k for k in range(4 if style.sevenths else 3)]
    return np.array([style.tonic + scale[s % 7] + 12 * (s // 7) for s in steps])


def _into(pitches: np.ndarray, low: int) -> np.ndarray:
    """The pitches moved by octaves into [low, low + 12): close voicing, so chords change smoothly."""
    return np.sort(low + (pitches - low) % 12)


def _envelope(length: int, rate: float, attack: float, decay: float, hold: float = 0.0) -> np.ndarray:
    """Linear attack, hold, exponential decay, and a fade to exactly zero over the last 15 %: a note
    cut off while still audible would click."""
    t = np.arange(length) / rate
    env = np.minimum(1.0, t / attack) * np.exp(-np.maximum(t - attack - hold, 0.0) / decay)
    tail = max(1, int(length * 0.15))
    env[-tail:] *= 0.5 + 0.5 * np.cos(np.pi * np.arange(1, tail + 1) / tail)
    return env


def _place(loop_len: int, starts: np.ndarray, shots: np.ndarray, *, which: np.ndarray | None = None,
           level: np.ndarray | None = None, pan: np.ndarray | None = None) -> np.ndarray:
    """A stereo loop, shape (2, loop_len): note i is `shots[which[i]]` × `level[i]` at `starts[i]`,
    panned `pan[i]` (−1…1, constant power, unity per side in the centre). Tails wrap past the end: the
    loop repeats, so a note ringing over the seam belongs at its start. One slice add per note (a few
    hundred) beats a scatter-add of every sample."""
    count = len(starts)
    which = np.zeros(count, np.intp) if which is None else which
    level = np.ones(count) if level is None else level
    angle = (np.asarray(pan, np.float64) + 1) * np.pi / 4 if pan is not None else np.full(count, np.pi / 4)
    gains = np.sqrt(2) * level[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    out = np.zeros((2, loop_len + shots.shape[1]))   # channels apart: contiguous slices add fastest
    for start, row, gain in zip(np.asarray(starts) % loop_len, which, gains, strict=True):
        out[0, start:start + shots.shape[1]] += gain[0] * shots[row]
        out[1, start:start + shots.shape[1]] += gain[1] * shots[row]
    out[:, : out.shape[1] - loop_len] += out[:, loop_len:]
    return out[:, :loop_len]


def _circular_lowpass(audio: np.ndarray, cutoff: float, rate: float) -> np.ndarray:
    # Filtering the loop twice over and keeping the second pass gives the steady state at the seam.
    sos = butter(2, min(cutoff, 0.45 * rate), fs=rate, output="sos")
    return sosfilt(sos, np.concatenate([audio, audio], axis=-1))[..., audio.shape[-1]:]


def _upsample_loop(audio: np.ndarray, factor: int) -> np.ndarray:
    edge = 64  # wrap-around context so the interpolation filter sees the loop, not zeros, at the ends
    padded = np.concatenate([audio[..., -edge:], audio, audio[..., :edge]], axis=-1)
    return resample_poly(padded, factor, 1, axis=-1)[..., edge * factor:(edge + audio.shape[-1]) * factor]


def _pad(style: _Style, chords: list[np.ndarray], bar: float, out_rate: int, loop_len: int, down: int,
         rng: np.random.Generator) -> np.ndarray:
    """Detuned band-limited saws, slow attack and release overlapping between chords, low-passed.
    Rendered at a `down`-th of the output rate over half the loop, which repeats."""
    harmonics = np.arange(1, 11)[:, None]
    cycle = np.arange(TABLE) / TABLE
    table = (np.sin(2 * np.pi * harmonics * cycle) / harmonics ** 1.3).sum(axis=0)
    table /= np.abs(table).max()
    cents = np.array([-9.0, 0.0, 9.0])          # detune spread...
    pans = np.array([-0.7, 0.0, 0.7])           # ...across the stereo field: width without a reverb
    rate, half = out_rate / down, loop_len // (2 * down)
    length = int((bar + 1.2) * rate)
    env = _envelope(length, rate, attack=0.45, decay=0.35, hold=bar - 0.45)
    pitches = np.concatenate([_into(c, style.tonic - 5) for c in chords[:4]])
    bars = np.repeat(np.arange(4), [len(c) for c in chords[:4]])
    freq = (_hz(pitches)[:, None] * 2 ** (cents / 1200)).ravel()
    phase = np.outer(freq, np.arange(length) / rate) + rng.random(len(freq))[:, None]
    shots = table[(phase * TABLE).astype(np.intp) & (TABLE - 1)] * env / len(chords[0])
    starts = np.repeat(np.round(bars * half / 4).astype(np.intp), len(cents))
    loop = _place(half, starts, shots, which=np.arange(len(freq)), pan=np.tile(pans, len(pitches)))
    return np.tile(_upsample_loop(_circular_lowpass(loop, style.cutoff, rate), down), 2)


def _pluck(style: _Style, chords: list[np.ndarray], step: float, rate: int, loop_len: int,
           rng: np.random.Generator) -> np.ndarray:
    """Arpeggio on chord tones: a decaying FM pluck, alternating a little left and right, with a
    dotted-eighth ping-pong echo."""
    shapes = rng.choice(len(ARPS), 2, replace=False)
    slots = STEPS // style.arp_every
    keep = rng.random((BARS, slots)) > 0.2       # a few rests, different for each seed
    keep[:, 0] = True
    starts, pitches = [], []
    for bar, chord in enumerate(chords):
        ladder = _into(chord, style.tonic + 7)
        ladder = np.concatenate([ladder, ladder + 12])
        shape = ARPS[shapes[bar * 2 // BARS]]
        for slot in np.flatnonzero(keep[bar]):
            starts.append(round((bar * STEPS + slot * style.arp_every) * step))
            pitches.append(ladder[shape[slot % len(shape)] % len(ladder)])
    unique, which = np.unique(pitches, return_inverse=True)
    length = int(style.pluck_decay * 5 * rate)
    t = np.arange(length) / rate
    carrier = 2 * np.pi * np.outer(_hz(unique), t)
    # The modulation index decays faster than the note: a bright attack that mellows, like a pluck.
    tones = np.sin(carrier + 1.6 * np.exp(-t / 0.06) * np.sin(carrier))
    tones *= _envelope(length, rate, attack=0.003, decay=style.pluck_decay)
    velocity = 0.75 + 0.25 * rng.random(len(pitches))
    pans = np.where(np.arange(len(pitches)) % 2 == 0, -0.3, 0.3)
    dry = _place(loop_len, np.array(starts), tones, which=which, level=velocity, pan=pans)
    # Echo three sixteenths later on the other side; np.roll wraps, which is right for a loop.
    return dry + 0.3 * np.roll(dry[::-1], round(3 * step), axis=-1)


def _bass(style: _Style, chords: list[np.ndarray], step: float, rate: int, loop_len: int) -> np.ndarray:
    starts, pitches = [], []
    for bar, chord in enumerate(chords):
        for s in style.bass:
            starts.append(round((bar * STEPS + s) * step))
            pitches.append(_into(chord[:1], style.tonic - 24)[0])
    unique, which = np.unique(pitches, return_inverse=True)
    length = int(0.9 * rate)
    phase = 2 * np.pi * np.outer(_hz(unique), np.arange(length) / rate)
    # A touch of second harmonic keeps the bass audible on phone speakers.
    tones = (np.sin(phase) + 0.3 * np.sin(2 * phase)) * _envelope(length, rate, attack=0.008, decay=0.3)
    return _place(loop_len, np.array(starts), tones, which=which)


def _drums(style: _Style, step: float, rate: int, loop_len: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(int(0.4 * rate)) / rate
    # Kick: a sine swept from 150 Hz down to 50 Hz.
    sweep = 2 * np.pi * np.cumsum(50 + 100 * np.exp(-t / 0.03)) / rate
    kick = np.sin(sweep) * _envelope(len(t), rate, attack=0.002, decay=0.12)
    # Hats: high-passed noise, short; four variants so repeats do not sound sampled.
    high = butter(4, min(7000, 0.4 * rate), "highpass", fs=rate, output="sos")
    hat_len = int(0.1 * rate)
    hats = sosfilt(high, rng.standard_normal((4, hat_len)), axis=1)
    hats *= _envelope(hat_len, rate, attack=0.001, decay=0.022) / np.abs(hats).max()
    # Snare: band-passed noise over a short 190 Hz tone.
    band = butter(2, [1200, min(5000, 0.45 * rate)], "bandpass", fs=rate, output="sos")
    noise = sosfilt(band, rng.standard_normal(len(t)))
    snare = (noise / np.abs(noise).max() * _envelope(len(t), rate, 0.001, 0.07)
             + 0.5 * np.sin(2 * np.pi * 190 * t) * _envelope(len(t), rate, 0.001, 0.05))
    bars = np.arange(BARS)[:, None] * STEPS

    def hits(steps: tuple[int, ...]) -> np.ndarray:
        return np.round((bars + np.array(steps)).ravel() * step).astype(np.intp)

    hat_steps = (bars + np.array(style.hats)).ravel()
    accent = np.where(hat_steps % 4 == 2, 0.6, 0.35) * (0.85 + 0.15 * rng.random(len(hat_steps)))
    return (0.9 * _place(loop_len, hits(style.kick), kick[None, :])
            + style.snare_level * _place(loop_len, hits(style.snare), snare[None, :])
            + _place(loop_len, np.round(hat_steps * step).astype(np.intp), hats, which=np.arange(len(hat_steps)) % 4,
                     level=accent, pan=np.full(len(hat_steps), 0.35)))


def _render(style: _Style, rate: int, rng: np.random.Generator) -> np.ndarray:
    """The 8-bar loop, stereo, float64, peak PEAK."""
    bar = 4 * 60 / style.bpm
    # A multiple of 2·PAD_DOWN samples, so the pad's half loop divides evenly; the tempo moves by
    # less than a sample per loop.
    loop_len = 2 * PAD_DOWN * round(BARS * bar * rate / (2 * PAD_DOWN))
    step = loop_len / (BARS * STEPS)
    progression = style.progressions[rng.integers(len(style.progressions))]
    chords = [_chord(style, progression[b % 4]) for b in range(BARS)]
    pad = _pad(style, chords, bar, rate, loop_len, PAD_DOWN, rng)
    loop = (0.25 * pad + 0.4 * _pluck(style, chords, step, rate, loop_len, rng)
            + 0.4 * _bass(style, chords, step, rate, loop_len)
            + 0.8 * _drums(style, step, rate, loop_len, rng))
    return (loop * (PEAK / np.abs(loop).max())).T


def _fade(audio: np.ndarray, rate: int, fade_in: float, fade_out: float) -> np.ndarray:
    """Raised-cosine fades in place, the first and the last sample at zero; shortened in proportion
    when the audio is shorter than both together."""
    n = len(audio)
    scale = min(1.0, n / max(1.0, (fade_in + fade_out) * rate))
    a, b = int(fade_in * rate * scale), int(fade_out * rate * scale)
    if a:
        audio[:a] *= (0.5 - 0.5 * np.cos(np.pi * np.arange(a) / a))[:, None]
    if b:
        audio[n - b:] *= (0.5 + 0.5 * np.cos(np.pi * np.arange(1, b + 1) / b))[:, None]
    return audio


def generate_bed(name: str, duration: float, sample_rate: int = 48000, seed: int = 0) -> np.ndarray:
    """A bed of `duration` seconds: float32, shape (round(duration·rate), 2), 1 s fade in, 1.5 s out."""
    if name not in _STYLES:
        raise ValueError(f"unknown music bed {name!r}; choose one of {', '.join(BEDS)}")
    n = _length(duration, sample_rate)
    if n == 0:
        return np.zeros((0, 2), np.float32)
    rng = np.random.default_rng([BEDS.index(name), seed % 2**32])
    loop = _render(_STYLES[name], sample_rate, rng).astype(np.float32)
    audio = np.empty((n, 2), np.float32)
    for start in range(0, n, len(loop)):
        audio[start:start + len(loop)] = loop[: n - start]
    return _fade(audio, sample_rate, 1.0, 1.5)


def _loop(audio: np.ndarray, n: int, crossfade: int) -> np.ndarray:
    """`audio` repeated to `n` samples: each repeat starts with the previous one's last `crossfade`
    samples fading out over its head (equal power, the two being unrelated), so the seam is smooth."""
    if len(audio) >= n:
        return audio[:n]
    c = min(crossfade, len(audio) // 4)
    head = audio[: len(audio) - c]
    unit = head.copy()
    if c:
        angle = 0.5 * np.pi * (np.arange(c) + 0.5) / c
        unit[:c] = audio[:c] * np.sin(angle)[:, None] + audio[len(audio) - c:] * np.cos(angle)[:, None]
    return np.concatenate([head] + [unit] * -(-(n - len(head)) // len(unit)))[:n]


def load_music(path: Path, duration: float, sample_rate: int = 48000) -> np.ndarray:
    """An operator's music file as a bed: stereo float32 at `sample_rate`, looped or trimmed to exactly
    `duration`, 0.5 s fade in, 1.5 s fade out."""
    n = _length(duration, sample_rate)
    with soundfile.SoundFile(path) as f:
        rate = f.samplerate
        # Only what the ad needs (plus a second for the resampler), not a whole album track.
        data = f.read(frames=n * rate // sample_rate + rate, dtype="float32", always_2d=True)
    if not len(data):
        raise ValueError(f"{path.name}: no audio in the file")
    stereo = np.repeat(data, 2, axis=1) if data.shape[1] == 1 else data[:, :2]
    stereo = stereo.astype(np.float64)
    if rate != sample_rate:
        common = gcd(rate, sample_rate)
        stereo = resample_poly(stereo, sample_rate // common, rate // common, axis=0)
    looped = _loop(stereo, n, int(0.25 * sample_rate))
    return _fade(looped.astype(np.float32), sample_rate, 0.5, 1.5)


def music_files(directory: Path | None) -> list[Path]:
    """The readable audio files in `directory`, sorted by name; none when it is None or missing."""
    if directory is None or not directory.is_dir():
        return []
    usable = []
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in SUFFIXES or path.name.startswith(".") or not path.is_file():
            continue
        try:
            if soundfile.info(str(path)).frames > 0:
                usable.append(path)
        except (RuntimeError, OSError):   # unreadable or not really audio: skipped, not fatal
            continue
    return usable


def choose_music(directory: Path | None, seed: int, duration: float,
                 sample_rate: int = 48000) -> tuple[str, np.ndarray]:
    """The operator's files by `seed` when there are any, else a bed: (a name for logs, audio)."""
    files = music_files(directory)
    if files:
        path = files[seed % len(files)]
        return path.name, load_music(path, duration, sample_rate)
    bed = BEDS[seed % len(BEDS)]
    return f"bed:{bed}", generate_bed(bed, duration, sample_rate, seed)
