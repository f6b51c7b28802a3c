"""Takes kept on disk: a speaker that remembers what it said. Asked again for the same scenes at
the same rate, it hands back the take it made instead of speaking again — the preparing stage
listens to its draft, and the audio stage then uses that very take (local voices speak the same
words the same way every time; a hosted voice is not paid twice when a stage is re-run)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
import zipfile
from dataclasses import asdict
from pathlib import Path

import numpy as np

from adreel.media.voice.model import PhonemeTiming, Speaker, Utterance, VoiceInfo, WordTiming

FORMAT = 1      # bumped when what a take holds (or how timings are derived) changes


def _key(info: VoiceInfo, scenes: list[str], rate: float) -> str:
    said = json.dumps([FORMAT, info.engine, info.id, round(rate, 6), scenes], ensure_ascii=False)
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:32]


def _save(utterance: Utterance, path: Path) -> None:
    timings = json.dumps({"words": [asdict(w) for w in utterance.words],
                          "phonemes": [asdict(p) for p in utterance.phonemes]}, ensure_ascii=False)
    partial = path.with_name(f".{path.stem}.{uuid.uuid4().hex}.part.npz")     # one per writer
    try:
        np.savez(partial, audio=utterance.audio.astype(np.float32), sample_rate=utterance.sample_rate,
                 timings=np.array(timings))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _load(path: Path) -> Utterance | None:
    try:
        with path.open("rb") as file, np.load(file, allow_pickle=False) as stored:
            timings = json.loads(str(stored["timings"]))
            return Utterance(audio=stored["audio"], sample_rate=int(stored["sample_rate"]),
                             words=[WordTiming(**w) for w in timings["words"]],
                             phonemes=[PhonemeTiming(**p) for p in timings["phonemes"]])
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None      # missing, half-written by a killed process, or from an older layout


class RememberingSpeaker:
    """`speaker`, with every take kept in `folder` (one `.npz` per scenes + rate)."""

    def __init__(self, speaker: Speaker, folder: Path) -> None:
        self._speaker = speaker
        self._folder = folder

    @property
    def info(self) -> VoiceInfo:
        return self._speaker.info

    def _path(self, scenes: list[str], rate: float) -> Path:
        return self._folder / f"{_key(self.info, scenes, rate)}.npz"

    def heard(self, scenes: list[str], rate: float = 1.0) -> bool:
        """Whether these scenes at this rate were spoken already (a take is kept)."""
        return self._path(scenes, rate).is_file()

    def synthesize(self, scenes: list[str], rate: float = 1.0) -> Utterance:
        path = self._path(scenes, rate)
        kept = _load(path) if path.is_file() else None
        if kept is not None:
            return kept
        utterance = self._speaker.synthesize(scenes, rate)
        with contextlib.suppress(OSError):      # a take that cannot be kept is only spoken again later
            self._folder.mkdir(parents=True, exist_ok=True)
            _save(utterance, path)
        return utterance
