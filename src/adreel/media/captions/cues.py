"""Caption cues: the voiceover's words grouped 1–3 at a time, and the SRT / WebVTT files that
carry exactly the same cues and times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CLOSING = tuple(".,!?;:…。、！？；：")
QUOTES = "\"'”’»)」』"
NO_SPACE_LANGUAGES = frozenset({"ja", "zh"})


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    scene: int = 0


@dataclass(frozen=True)
class Cue:
    """Words shown together; `start`/`end` is when the cue is on screen."""

    words: tuple[Word, ...]
    start: float
    end: float
    joiner: str = " "

    @property
    def text(self) -> str:
        return self.joiner.join(w.text for w in self.words)

    def active(self, t: float) -> int:
        """Index of the word being spoken at `t` (the last one started)."""
        index = 0
        for i, word in enumerate(self.words):
            if word.start <= t:
                index = i
        return index


def words_from_json(items: Sequence[dict]) -> list[Word]:
    return [Word(str(i["word"]), float(i["start"]), float(i["end"]), int(i.get("scene", 0))) for i in items]


def group_words(words: Sequence[Word], language: str = "en", *, max_words: int = 3,
                max_chars: int | None = None, max_gap: float = 0.35, hold: float = 0.3) -> list[Cue]:
    """Group words into cues of at most `max_words` words / `max_chars` characters, never
    across a sentence end, a scene change or a pause longer than `max_gap`. A cue stays up
    until the next one starts when the gap is short (`hold`), so captions do not flicker."""
    joiner = "" if language.split("-")[0] in NO_SPACE_LANGUAGES else " "
    limit = max_chars or (10 if not joiner else 18)
    groups: list[list[Word]] = []
    for word in words:
        if not word.text.strip():
            continue
        current = groups[-1] if groups else None
        if current is not None:
            last = current[-1]
            chars = len(joiner.join(w.text for w in [*current, word]))
            fits = len(current) < max_words and chars <= limit
            if fits and last.scene == word.scene and word.start - last.end <= max_gap \
                    and not last.text.rstrip(QUOTES).endswith(CLOSING):
                current.append(word)
                continue
        groups.append([word])
    cues: list[Cue] = []
    for i, group in enumerate(groups):
        end = group[-1].end
        if i + 1 < len(groups) and groups[i + 1][0].start - end <= hold:
            end = groups[i + 1][0].start
        cues.append(Cue(tuple(group), group[0].start, max(end, group[0].start + 0.05), joiner))
    return cues


def _stamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def to_srt(cues: Sequence[Cue]) -> str:
    blocks = [f"{n}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{c.text}\n" for n, c in enumerate(cues, 1)]
    return "\n".join(blocks)


def to_vtt(cues: Sequence[Cue]) -> str:
    blocks = [f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{c.text}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)
