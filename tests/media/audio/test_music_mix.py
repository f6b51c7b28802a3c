"""Music beds, operator music and the voice-over mix, measured on real audio."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile
from scipy.signal import butter, sosfilt, welch

from adreel.media.audio import BEDS, Mixed, choose_music, ducking_gain, generate_bed, load_music, mix, music_files
from adreel.media.voice.master import master, true_peak_dbtp

RATE = 48_000
PHRASES = ((0.5, 3.0), (4.5, 7.0), (8.5, 11.0))   # seconds of speech; silence around them
TOTAL = 12.0
WORD_PAUSE = 0.08                                   # a pause between two words mid-phrase


def db(value: float) -> float:
    return 20 * float(np.log10(value))


def window(start: float, end: float) -> slice:
    return slice(round(start * RATE), round(end * RATE))


@pytest.fixture(scope="module")
def voice() -> np.ndarray:
    """Speech-like: voiced buzz and noise in the 300–3400 Hz band, syllable-modulated, in three
    phrases (each with a short pause between words), mastered like the real voice-over."""
    rng = np.random.default_rng(7)
    n = round(TOTAL * RATE)
    t = np.arange(n) / RATE
    band = butter(4, [300, 3400], "bandpass", fs=RATE, output="sos")
    f0 = 130 + 20 * np.sin(2 * np.pi * 0.7 * t)
    buzz = np.sign(np.sin(2 * np.pi * np.cumsum(f0) / RATE))
    signal = sosfilt(band, buzz + 0.3 * rng.standard_normal(n))
    gate = np.zeros(n)
    for start, end in PHRASES:
        gate[window(start, end)] = 1.0
        middle = (start + end) / 2
        gate[window(middle, middle + WORD_PAUSE)] = 0.0
    syllables = np.abs(np.sin(2 * np.pi * 2.2 * t)) ** 0.7
    return master(signal * syllables * gate, RATE).audio


@pytest.fixture(scope="module")
def bed() -> np.ndarray:
    return generate_bed("upbeat", TOTAL)


@pytest.fixture(scope="module")
def mixed(voice: np.ndarray, bed: np.ndarray) -> Mixed:
    return mix(voice, bed, RATE)


def loudness(audio: np.ndarray) -> float:
    return float(pyloudnorm.Meter(RATE).integrated_loudness(audio.astype(np.float64)))


# --- beds -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", BEDS)
def test_bed_is_exact_deterministic_faded_and_under_the_peak(name: str) -> None:
    audio = generate_bed(name, 7.3)
    assert audio.shape == (round(7.3 * RATE), 2)
    assert audio.dtype == np.float32
    assert np.isfinite(audio).all()
    assert np.abs(audio).max() < 0.9
    assert np.array_equal(audio, generate_bed(name, 7.3))
    assert not np.allclose(audio, generate_bed(name, 7.3, seed=1))
    # Fades: silent at both ends, real music in between.
    ten_ms = round(0.01 * RATE)
    assert np.abs(audio[:ten_ms]).max() < 1e-3
    assert np.abs(audio[-ten_ms:]).max() < 1e-3
    assert db(np.sqrt(np.mean(audio[RATE:-2 * RATE] ** 2))) > -30


@pytest.mark.parametrize("name", BEDS)
def test_bed_sounds_like_music_not_a_test_tone(name: str) -> None:
    audio = generate_bed(name, 20.0).astype(np.float64)
    freqs, power = welch(audio.mean(axis=1), RATE, nperseg=4096)
    total = power.sum()
    # Bass and kick, pad and arpeggio, hats: every register carries some of the energy.
    for low, high, floor_db in ((30, 200, -8), (200, 2000, -10), (5000, 16000, -35)):
        share = power[(freqs >= low) & (freqs < high)].sum() / total
        assert 10 * np.log10(share) > floor_db, (low, high, share)
    # Stereo, not one channel twice.
    assert np.corrcoef(audio[:, 0], audio[:, 1])[0, 1] < 0.97
    # Rhythm: the loudness over 10 ms frames varies (drums and plucks), it is not a drone.
    frames = audio[: len(audio) // 480 * 480, 0].reshape(-1, 480)
    level = np.sqrt((frames ** 2).mean(axis=1))[100:-150]
    assert level.std() / level.mean() > 0.2


def test_beds_and_seeds_all_differ() -> None:
    beds = {name: generate_bed(name, 5.0) for name in BEDS}
    for a, b in itertools.combinations(BEDS, 2):
        assert not np.allclose(beds[a], beds[b]), (a, b)
    assert len(BEDS) >= 4


def test_bed_other_rates_and_edge_lengths() -> None:
    assert generate_bed("chill", 2.5, sample_rate=44_100).shape == (110_250, 2)
    assert generate_bed("warm", 0.0).shape == (0, 2)
    short = generate_bed("bright", 0.3)
    assert short.shape == (14_400, 2) and short[0].tolist() == [0.0, 0.0]


def test_unknown_bed_lists_the_names() -> None:
    with pytest.raises(ValueError, match="upbeat"):
        generate_bed("polka", 5.0)




# --- operator music -------------------------------------------------------------------------------

def tone(path: Path, seconds: float, rate: int, channels: int = 1, freq: float = 440.0) -> None:
    t = np.arange(round(seconds * rate)) / rate
    wave = 0.5 * np.sin(2 * np.pi * freq * t)
    soundfile.write(path, np.repeat(wave[:, None], channels, axis=1), rate)


def test_load_music_resamples_loops_and_fades(tmp_path: Path) -> None:
    path = tmp_path / "song.wav"
    tone(path, 3.0, 44_100)
    audio = load_music(path, 10.0, RATE)
    assert audio.shape == (480_000, 2) and audio.dtype == np.float32
    assert np.array_equal(audio[:, 0], audio[:, 1])
    # Still 440 Hz after 44.1 → 48 kHz.
    spectrum = np.abs(np.fft.rfft(audio[RATE:2 * RATE, 0]))
    assert np.argmax(spectrum) == 440
    # Looped: the tone is still there near the end, before the 1.5 s fade.
    assert np.sqrt(np.mean(audio[window(8.0, 8.4), 0] ** 2)) > 0.3
    # The crossfaded seams do not click: no step larger than the tone's own slope.
    assert np.abs(np.diff(audio[:, 0])).max() < 0.05
    assert np.abs(audio[:round(0.005 * RATE)]).max() < 0.01
    assert np.abs(audio[-round(0.01 * RATE):]).max() < 1e-3


def test_load_music_trims_a_long_stereo_file(tmp_path: Path) -> None:
    path = tmp_path / "long.flac"
    tone(path, 20.0, RATE, channels=2, freq=220.0)
    audio = load_music(path, 4.0, RATE)
    assert audio.shape == (192_000, 2)
    assert np.sqrt(np.mean(audio[window(1.0, 2.0)] ** 2)) > 0.3


def test_music_files_lists_only_usable_audio(tmp_path: Path) -> None:
    tone(tmp_path / "b.flac", 1.0, RATE)
    tone(tmp_path / "a.wav", 1.0, 22_050)
    tone(tmp_path / "c.ogg", 1.0, 44_100, channels=2)
    tone(tmp_path / "d.MP3", 1.0, 44_100)
    (tmp_path / "notes.txt").write_text("not music")
    (tmp_path / "broken.wav").write_bytes(b"RIFF, but not really")
    files = music_files(tmp_path)
    assert [p.name for p in files] == ["a.wav", "b.flac", "c.ogg", "d.MP3"]
    for path in files[2:]:
        audio = load_music(path, 3.0, RATE)
        assert audio.shape == (144_000, 2)
        assert np.sqrt(np.mean(audio[window(0.6, 1.4)] ** 2)) > 0.3
    assert music_files(None) == []
    assert music_files(tmp_path / "missing") == []


def test_choose_music_prefers_operator_files(tmp_path: Path) -> None:
    tone(tmp_path / "a.wav", 2.0, RATE)
    tone(tmp_path / "b.wav", 2.0, RATE, freq=330.0)
    name, audio = choose_music(tmp_path, seed=3, duration=5.0)
    assert name == "b.wav" and audio.shape == (240_000, 2)
    assert choose_music(tmp_path, seed=4, duration=5.0)[0] == "a.wav"


def test_choose_music_falls_back_to_a_bed(tmp_path: Path) -> None:
    for directory in (None, tmp_path, tmp_path / "missing"):
        name, audio = choose_music(directory, seed=6, duration=5.0)
        bed = BEDS[6 % len(BEDS)]
        assert name == f"bed:{bed}"
        assert np.array_equal(audio, generate_bed(bed, 5.0, seed=6))


# --- mix ------------------------------------------------------------------------------------------

def test_mix_is_mastered_stereo_of_the_voice_length(voice: np.ndarray, mixed: Mixed) -> None:
    assert mixed.audio.shape == (len(voice), 2) and mixed.audio.dtype == np.float32
    assert mixed.sample_rate == RATE
    assert loudness(mixed.audio) == pytest.approx(-14.0, abs=0.5)
    assert true_peak_dbtp(mixed.audio) <= -1.0
    assert mixed.true_peak_dbtp <= -1.0


def test_music_ducks_under_speech(bed: np.ndarray, mixed: Mixed) -> None:
    """The music's gain in the output, measured by projecting the output onto the bed below 150 Hz,
    where the synthetic voice has no energy."""
    low = butter(4, 150, fs=RATE, output="sos")
    out, music = sosfilt(low, mixed.audio.astype(np.float64), axis=0), sosfilt(low, bed.astype(np.float64), axis=0)

    def gain(start: float, end: float) -> float:
        part = window(start, end)
        return db(np.sum(out[part] * music[part]) / np.sum(music[part] ** 2))

    gaps = [gain(end + 0.6, start - 0.15) for (_, end), (start, _) in itertools.pairwise(PHRASES)]
    speech = [gain(start + 0.3, end - 0.2) for start, end in PHRASES]
    assert min(gaps) - max(speech) >= 6.0, (gaps, speech)


def test_ducking_gain_follows_the_speech(voice: np.ndarray) -> None:
    gain = 20 * np.log10(ducking_gain(voice, RATE, duck_db=-10.0))
    for start, end in PHRASES:
        assert gain[window(start + 0.1, end)].max() == pytest.approx(-10.0, abs=0.5)
    for (_, end), (start, _) in itertools.pairwise(PHRASES):
        assert gain[window(end + 0.6, start - 0.1)].min() > -0.5
    # The 50 ms look-ahead: already dipping as the first syllable begins.
    assert gain[round(PHRASES[1][0] * RATE)] < -3.0


def test_music_level_sets_the_bed_under_the_voice(voice: np.ndarray, bed: np.ndarray, mixed: Mixed) -> None:
    # Only music plays in the pauses: asking for it 10 LU lower makes it about 10 dB lower there.
    quiet = mix(voice, bed, RATE, music_level_db=-30.0).audio
    gap = window(3.6, 4.35)
    drop = db(np.sqrt(np.mean(quiet[gap] ** 2))) - db(np.sqrt(np.mean(mixed.audio[gap] ** 2)))
    assert drop == pytest.approx(-10.0, abs=1.5)


def test_voice_only_and_short_or_long_music(voice: np.ndarray) -> None:
    alone = mix(voice, None, RATE)
    assert alone.audio.shape == (len(voice), 2)
    assert np.array_equal(alone.audio[:, 0], alone.audio[:, 1])
    assert loudness(alone.audio) == pytest.approx(-14.0, abs=0.5)
    for seconds in (4.0, 20.0):
        assert mix(voice, generate_bed("chill", seconds), RATE).audio.shape == (len(voice), 2)
    with pytest.raises(ValueError, match="mono"):
        mix(np.zeros((RATE, 2), np.float32), None, RATE)
