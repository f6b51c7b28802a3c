"""The audio stage's contract: offline speech at −14 LUFS, true peak ≤ −1 dBTP, every script word
timed, in English and in Spanish, German, French and Japanese."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile
from scipy.signal import resample_poly

from adreel.media.voice import VoiceNotFoundError, VoiceRegistry, speak
from adreel.media.voice.tokens import words_of
from tests.media.voice.conftest import script_scenes


def true_peak(audio: np.ndarray) -> float:
    """Independent of the limiter's own estimate: 8× oversampling."""
    return 20 * np.log10(np.max(np.abs(resample_poly(audio.astype(np.float64), 8, 1))))


def assert_timed(words: list[dict], scenes: list[str]) -> None:
    expected = [(t.text, index) for index, scene in enumerate(scenes) for t in words_of(scene)]
    assert [(w["word"], w["scene"]) for w in words] == expected
    for previous, word in itertools.pairwise(words):
        assert word["start"] >= previous["end"] - 1e-3, (previous, word)
    assert all(w["end"] > w["start"] for w in words)


@pytest.mark.parametrize("seconds", [15, 60])
def test_english_ad_script_offline_mastered_and_timed(registry: VoiceRegistry, offline: list[str],
                                                      tmp_path: Path, seconds: int) -> None:
    scenes = script_scenes(seconds)
    speaker = registry.resolve("en")
    assert speaker.info.id == "en-us-joe"
    speech = speak(scenes, speaker)
    speech.write(tmp_path / "voice.wav", tmp_path / "words.json", tmp_path / "visemes.json")
    assert offline == []

    audio, rate = soundfile.read(tmp_path / "voice.wav", dtype="float64")
    assert rate == 48_000 and audio.ndim == 1
    assert abs(len(audio) / rate - seconds) < seconds * 0.3
    loudness = pyloudnorm.Meter(rate).integrated_loudness(audio)
    assert -15.0 <= loudness <= -13.0
    assert true_peak(audio) <= -1.0
    words = json.loads((tmp_path / "words.json").read_text())
    assert_timed(words, scenes)
    assert words[-1]["end"] <= len(audio) / rate
    visemes = json.loads((tmp_path / "visemes.json").read_text())
    assert visemes[0]["t"] == 0 and {"closed", "open"} <= {v["shape"] for v in visemes}


@pytest.mark.parametrize(
    ("language", "scenes", "engine_voice"),
    [
        ("es", ["¿Cansado de un café sin sabor?", "Consigue la TrailPress hoy por 39 euros."],
         "espeak-es"),
        ("de", ["Kaffee, der nach Abenteuer schmeckt.", "Jetzt für 39 Euro bestellen!"], "espeak-de"),
        ("fr", ["Un café parfait, en quatre-vingt-dix secondes.", "Commandez-la dès aujourd'hui."],
         "espeak-fr"),
        ("ja", ["このボトルは一日中冷たさを保ちます。", "今すぐチェックしてください！"], "espeak-ja"),
    ],
)
def test_other_languages_produce_audio_and_timings(registry: VoiceRegistry, offline: list[str],
                                                   language: str, scenes: list[str],
                                                   engine_voice: str) -> None:
    speaker = registry.resolve(language)
    assert speaker.info.id == engine_voice
    speech = speak(scenes, speaker)
    assert offline == []
    assert speech.duration > 2.0
    assert -15.0 <= speech.loudness_lufs <= -13.0
    assert speech.words and speech.words[-1].end <= speech.duration
    assert {w.scene for w in speech.words} == {0, 1}
    for previous, word in zip(speech.words, speech.words[1:], strict=False):
        assert word.start >= previous.end - 1e-3
    if language != "ja":
        assert [w.word for w in speech.words] == [t.text for s in scenes for t in words_of(s)]


def test_japanese_is_read_as_kana_and_timed_per_word(registry: VoiceRegistry) -> None:
    speech = speak(["このボトルは一日中冷たさを保ちます。"], registry.resolve("ja"))
    written = [w.word for w in speech.words]
    assert "".join(written) == "このボトルは一日中冷たさを保ちます。"
    assert "ボトルは" in written and "保ちます。" in written
    # Read as Japanese, not letter by letter: about a second per five kana, not "Chinese letter".
    assert speech.duration < 5.0


def test_voice_resolution_names_what_is_available(registry: VoiceRegistry) -> None:
    assert registry.resolve("en-US").info.id == "en-us-joe"
    assert registry.resolve("en", "british").info.accent == "british"
    assert registry.resolve("es", "latin_american").info.locale == "es-419"
    with pytest.raises(VoiceNotFoundError, match="Accents for en: american, british"):
        registry.resolve("en", "martian")
    with pytest.raises(VoiceNotFoundError, match=r"No voice speaks 'xx'\. Languages with a voice: .*ja"):
        registry.resolve("xx")
    languages = registry.languages()
    assert {"en", "es", "de", "fr", "ja"} <= set(languages)
    assert "american" in languages["en"]


def test_speaking_rate_is_measured_per_voice(registry: VoiceRegistry) -> None:
    joe = registry.words_per_second("en-us-joe")
    assert 2.0 < joe < 4.0
    assert registry.words_per_second("en-us-joe") == joe  # measured once, then remembered
    assert 1.5 < registry.words_per_second("espeak-es") < 4.5
    faster = speak(["Meet the TrailPress, coffee anywhere."], registry.resolve("en"), rate=1.3)
    slower = speak(["Meet the TrailPress, coffee anywhere."], registry.resolve("en"), rate=0.8)
    assert faster.duration < slower.duration * 0.8


def test_mastering_leaves_near_silence_alone() -> None:
    from adreel.media.voice.master import master

    rng = np.random.default_rng(0)
    quiet = (rng.standard_normal(3 * 22050) * 1e-4).astype(np.float32)
    result = master(quiet, 22050)
    assert np.all(np.isfinite(result.audio)) and result.gain_db == 0.0


def test_espeak_loads_safely_from_many_threads() -> None:
    import subprocess
    import sys

    code = ("import threading\n"
            "from adreel.media.voice.espeak_lib import espeak_library\n"
            "threads = [threading.Thread(target=espeak_library) for _ in range(8)]\n"
            "[t.start() for t in threads]; [t.join() for t in threads]\n"
            "print(espeak_library().speak('ok', 'en-us').sample_rate)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "22050", result.stderr
