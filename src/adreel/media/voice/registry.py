"""The voices this installation can speak with, and choosing one for a language and accent."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from adreel.media.voice.model import Speaker, VoiceInfo, VoiceNotFoundError
from adreel.media.voice.rates import CALIBRATION, METHOD, estimated_rate, measure_rate


class Closeable(Protocol):
    def close(self) -> None: ...


# When several voices fit, the operator's hosted voices win, then neural, then espeak.
_ENGINE_RANK = {"elevenlabs": 0, "openai": 1, "piper": 2, "espeak": 3}


class VoiceRegistry:
    """All voices by id. Built at start-up; plugins may `register` more."""

    def __init__(self, speakers: Iterable[Speaker] = (),
                 resources: Iterable[Closeable] = (), rates_file: Path | None = None) -> None:
        self._speakers: dict[str, Speaker] = {}
        self._resources = list(resources)
        self._rates_file = rates_file      # measured rates kept across runs (a CLI run is one process)
        self._rates: dict[str, float] = _read_rates(rates_file)
        self._lock = threading.Lock()
        for speaker in speakers:
            self.register(speaker)

    def __enter__(self) -> VoiceRegistry:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release what hosted voices hold open (HTTP connections)."""
        for resource in self._resources:
            resource.close()

    def register(self, speaker: Speaker) -> None:
        self._speakers[speaker.info.id] = speaker

    def voices(self) -> list[VoiceInfo]:
        return sorted((s.info for s in self._speakers.values()),
                      key=lambda v: (v.language, v.accent, _ENGINE_RANK.get(v.engine, 9), v.id))

    def languages(self) -> dict[str, list[str]]:
        """Language → the accents available for it."""
        found: dict[str, set[str]] = {}
        for info in self.voices():
            found.setdefault(info.language, set()).add(info.accent)
        return {lang: sorted(accents) for lang, accents in sorted(found.items())}

    def get(self, voice_id: str) -> Speaker:
        try:
            return self._speakers[voice_id]
        except KeyError:
            raise VoiceNotFoundError(f"There is no voice {voice_id!r}. Voices: "
                                     f"{', '.join(sorted(self._speakers)[:40])}.") from None

    def resolve(self, language: str | None = None, accent: str | None = None) -> Speaker:
        """The best voice for a BCP 47 language (`en`, `en-GB`, `ja`) and an accent name."""
        tag = (language or "en").replace("_", "-")
        primary, _, region = tag.partition("-")
        primary = primary.lower()
        candidates = [s for s in self._speakers.values() if s.info.language == primary]
        if not candidates:
            raise VoiceNotFoundError(
                f"No voice speaks {tag!r}. Languages with a voice: "
                f"{', '.join(sorted(self.languages()))}.")
        if accent:
            wanted = accent.strip().lower().replace(" ", "_").replace("-", "_")
            fitting = [s for s in candidates if s.info.accent == wanted]
            if not fitting:
                accents = sorted({s.info.accent for s in candidates})
                raise VoiceNotFoundError(
                    f"No {primary} voice has the accent {accent!r}. Accents for {primary}: "
                    f"{', '.join(accents)}.")
            candidates = fitting
        elif region:
            regional = [s for s in candidates if s.info.locale.lower() == tag.lower()]
            candidates = regional or candidates
        return min(candidates, key=lambda s: (_ENGINE_RANK.get(s.info.engine, 9),
                                              s.info.locale.count("-"), s.info.id))

    def words_per_second(self, voice_id: str) -> float:
        """Measured speaking rate of a voice at rate 1.0, for the script writer. Local voices
        are measured once on a calibration paragraph (and remembered in `rates_file`); hosted
        ones are estimated (measuring would spend the operator's credits)."""
        with self._lock:
            if voice_id in self._rates:
                return self._rates[voice_id]
        speaker = self.get(voice_id)
        if speaker.info.engine in ("piper", "espeak") and speaker.info.language in CALIBRATION:
            rate = measure_rate(speaker)
        else:
            return estimated_rate(speaker.info)
        with self._lock:
            self._rates[voice_id] = rate
            _write_rates(self._rates_file, self._rates)
        return rate


def _read_rates(path: Path | None) -> dict[str, float]:
    try:
        stored = json.loads(path.read_text("utf-8")) if path is not None and path.is_file() else {}
    except (OSError, ValueError):
        return {}          # unreadable: measured again
    if not isinstance(stored, dict) or stored.get("method") != METHOD or not isinstance(stored.get("rates"), dict):
        return {}
    # Only plausible rates (words per second of speech); anything else is measured again.
    return {k: float(v) for k, v in stored["rates"].items()
            if isinstance(v, int | float) and not isinstance(v, bool) and 0.5 <= v <= 10.0}


def _write_rates(path: Path | None, rates: dict[str, float]) -> None:
    if path is None:
        return
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps({"method": METHOD, "rates": rates}, indent=1, sort_keys=True), "utf-8")
        partial.replace(path)
    except OSError:
        pass        # a read-only data dir only costs a measurement next run
    finally:
        partial.unlink(missing_ok=True)
