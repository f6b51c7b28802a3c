"""The actor nods on stressed words (the longest word of each phrase said on camera), never more
than once per phrase, and never off camera."""

from __future__ import annotations

from adreel.pipeline.stitching import stressed_moments


def word(text: str, start: float, end: float) -> dict:
    return {"word": text, "start": start, "end": end, "scene": 0}


def test_one_nod_per_phrase_on_its_longest_word() -> None:
    words = [word("I", 0.1, 0.2), word("absolutely", 0.25, 0.8), word("love", 0.85, 1.0),
             word("this", 1.6, 1.75), word("press", 1.8, 2.3), word("off", 5.0, 5.4)]
    assert stressed_moments(words, [(0.0, 3.0)]) == [0.25, 1.8]


def test_no_nods_off_camera() -> None:
    words = [word("hello", 0.1, 0.5), word("there", 4.0, 4.6)]
    assert stressed_moments(words, [(3.5, 5.0)]) == [4.0]
    assert stressed_moments(words, []) == []
