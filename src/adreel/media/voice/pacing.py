"""The pauses a script's sentences and scenes take, as the writer plans them. The calibration
measures each voice's rate against this same model, so the writer's estimate of a script's
length includes whatever a voice adds around its sentences."""

from __future__ import annotations

from adreel.media.voice.tokens import SENTENCE_END

# The voices' own pauses (piper: 0.3 s after each sentence, 0.45 s between scenes).
SENTENCE_PAUSE = 0.3
SCENE_PAUSE = 0.15   # on top of the sentence pause


def sentences(text: str) -> int:
    ends = sum(1 for token in text.replace("。", "。 ").replace("！", "！ ").replace("？", "？ ").split()
               if SENTENCE_END.search(token))
    return max(ends, 1)


def pause_seconds(scene_texts: list[str]) -> float:
    """The planned pauses of a script: one after each sentence, a little more between scenes."""
    return (sum(sentences(t) for t in scene_texts) * SENTENCE_PAUSE
            + max(len(scene_texts) - 1, 0) * SCENE_PAUSE)
