"""Caption cues: words grouped one to three at a time, never across a sentence end, a scene
change or a long pause; cue times follow the words; SRT and WebVTT carry the same cues."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from adreel.media.captions.cues import Cue, Word, group_words, to_srt, to_vtt


def spoken(*items: str | tuple[str, float], gap: float = 0.05, length: float = 0.3, scene: int = 0,
           start: float = 0.0) -> list[Word]:
    """Words said one after another; a (text, pause) item waits `pause` seconds before the word."""
    words, t = [], start
    for item in items:
        text, pause = (item, gap) if isinstance(item, str) else item
        if words:
            t += pause
        words.append(Word(text, round(t, 3), round(t + length, 3), scene))
        t += length
    return words


def said(sentence: str, **timing: float) -> list[Word]:
    return spoken(*sentence.split(), **timing)


def texts(cues: list[Cue]) -> list[str]:
    return [cue.text for cue in cues]


# Grouping -------------------------------------------------------------------------------------------------------


def test_at_most_three_words_per_cue_and_every_word_once() -> None:
    words = said("it keeps my tea hot all day and all night")
    cues = group_words(words)
    assert all(1 <= len(cue.words) <= 3 for cue in cues)
    assert [w for cue in cues for w in cue.words] == words
    assert texts(cues) == ["it keeps my", "tea hot all", "day and all", "night"]


def test_english_cue_is_limited_to_eighteen_characters() -> None:
    cues = group_words(spoken("Insulated", "stainless", "bottle"))
    assert texts(cues) == ["Insulated", "stainless bottle"]
    assert all(len(cue.text) <= 18 for cue in cues)


def test_a_cue_never_crosses_a_sentence_end() -> None:
    cues = group_words(spoken("Thirsty?", "Meet", "Hydra.", "It", "works!", "Really"))
    assert texts(cues) == ["Thirsty?", "Meet Hydra.", "It works!", "Really"]


def test_a_comma_also_closes_a_cue() -> None:
    assert texts(group_words(spoken("Light,", "strong", "and", "cheap"))) == ["Light,", "strong and cheap"]


def test_a_quoted_sentence_end_closes_the_cue() -> None:
    cues = group_words(spoken("“Loved", "it.”", "Get", "yours"))
    assert texts(cues) == ["“Loved it.”", "Get yours"]


def test_a_cue_never_crosses_a_scene_change() -> None:
    words = [*spoken("Cold", "for", start=0.0, scene=0), *spoken("hours", start=0.75, scene=1)]
    cues = group_words(words)
    assert texts(cues) == ["Cold for", "hours"]
    assert {w.scene for w in cues[1].words} == {1}


def test_a_pause_longer_than_max_gap_starts_a_new_cue() -> None:
    assert texts(group_words(spoken("Wait", ("for", 0.5), "it"))) == ["Wait", "for it"]
    assert texts(group_words(spoken("Wait", ("for", 0.34), "it"))) == ["Wait for it"]
    assert texts(group_words(spoken("Wait", ("for", 0.34), "it"), max_gap=0.2)) == ["Wait", "for it"]


def test_blank_words_are_dropped() -> None:
    cues = group_words(spoken("One", "  ", "two", gap=0.0, length=0.1))
    assert texts(cues) == ["One two"]


def test_no_words_no_cues() -> None:
    assert group_words([]) == []
    assert to_srt([]) == ""
    assert to_vtt([]) == "WEBVTT\n\n"


def test_japanese_is_joined_without_spaces_within_ten_characters() -> None:
    cues = group_words(spoken("今日は", "最高の", "一日", "でした"), "ja")
    assert texts(cues) == ["今日は最高の一日", "でした"]
    assert all(cue.joiner == "" for cue in cues)


def test_japanese_character_limit_splits_long_words() -> None:
    cues = group_words(spoken("ありがとう", "ございます", "また", "どうぞ"), "ja-JP")
    assert texts(cues) == ["ありがとうございます", "またどうぞ"]
    assert all(len(cue.text) <= 10 for cue in cues)


def test_japanese_sentence_end_closes_the_cue() -> None:
    assert texts(group_words(spoken("最高。", "今すぐ", "購入"), "ja")) == ["最高。", "今すぐ購入"]


def test_explicit_limits_are_honoured() -> None:
    words = said("a b c d e f")
    assert texts(group_words(words, max_words=2)) == ["a b", "c d", "e f"]
    assert texts(group_words(words, max_chars=3)) == ["a b", "c d", "e f"]


# Timing ---------------------------------------------------------------------------------------------------------


def test_cue_runs_from_first_word_start_to_last_word_end_when_the_next_cue_is_far() -> None:
    words = spoken("Cold.", ("Fresh", 0.6), "air")
    first, second = group_words(words)
    assert (first.start, first.end) == (words[0].start, words[0].end)
    assert (second.start, second.end) == (words[1].start, words[2].end)


def test_cue_holds_until_the_next_cue_when_the_gap_is_short() -> None:
    words = spoken("Cold.", ("Fresh", 0.25), "air")
    first, second = group_words(words)
    assert first.end == pytest.approx(words[1].start)
    assert first.start == words[0].start
    assert second.end == words[-1].end            # the last cue ends with its last word


def test_hold_boundary_is_inclusive_and_configurable() -> None:
    words = [Word("One.", 0.0, 0.5), Word("Two", 0.75, 1.0)]     # a 0.25 s gap (exact in binary)
    assert group_words(words, hold=0.25)[0].end == 0.75
    assert group_words(words, hold=0.125)[0].end == 0.5
    words = [Word("One.", 0.0, 0.5), Word("Two", 0.9, 1.1)]
    assert group_words(words)[0].end == 0.5                     # 0.4 s is more than the default hold


def test_cues_never_overlap_and_keep_order() -> None:
    words = said("Hot. Cold? Always, right where you need it every single day.", gap=0.12)
    cues = group_words(words)
    for before, after in pairwise(cues):
        assert before.start < before.end <= after.start


def test_a_zero_length_word_still_shows_for_fifty_milliseconds() -> None:
    (cue,) = group_words([Word("Hi", 1.0, 1.0)])
    assert cue.end == pytest.approx(1.05)


def test_active_is_the_last_word_started() -> None:
    cue = group_words(spoken("keep", "it", "cold", start=1.0))[0]
    starts = [w.start for w in cue.words]
    assert cue.active(0.0) == 0                    # before the cue: the first word
    assert cue.active(starts[0]) == 0
    assert cue.active(starts[1] - 0.01) == 0
    assert cue.active(starts[1]) == 1
    assert cue.active((starts[1] + starts[2]) / 2) == 1
    assert cue.active(starts[2] + 5) == 2


# Subtitle files -------------------------------------------------------------------------------------------------


def test_srt_numbers_blocks_and_uses_commas() -> None:
    cues = [Cue((Word("Keep", 1.5, 1.8), Word("cold", 1.9, 2.25)), 1.5, 2.25),
            Cue((Word("Now.", 3725.5, 3726.0),), 3725.5, 3726.004)]
    assert to_srt(cues) == ("1\n00:00:01,500 --> 00:00:02,250\nKeep cold\n"
                            "\n"
                            "2\n01:02:05,500 --> 01:02:06,004\nNow.\n")


def test_vtt_has_a_header_and_uses_dots() -> None:
    cues = [Cue((Word("Keep", 0.0, 0.4), Word("cold", 0.5, 0.9)), 0.0, 0.9),
            Cue((Word("今すぐ", 61.25, 62.0),), 61.25, 62.0, "")]
    assert to_vtt(cues) == ("WEBVTT\n\n"
                            "00:00:00.000 --> 00:00:00.900\nKeep cold\n"
                            "\n"
                            "00:01:01.250 --> 00:01:02.000\n今すぐ\n")


def test_timestamps_round_to_milliseconds_and_carry() -> None:
    cue = Cue((Word("x", 59.9996, 3599.9996),), 59.9996, 3599.9996)
    assert "00:01:00,000 --> 01:00:00,000" in to_srt([cue])
    assert "00:01:00.000 --> 01:00:00.000" in to_vtt([cue])


def test_negative_times_clamp_to_zero() -> None:
    assert "00:00:00,000 --> 00:00:00,100" in to_srt([Cue((Word("x", -0.2, 0.1),), -0.2, 0.1)])


def test_srt_and_vtt_carry_the_same_cues() -> None:
    words = said("Thirsty? Meet the bottle that keeps tea hot for twelve hours. Shop now.", gap=0.2)
    cues = group_words(words)
    block = r"(\d\d:\d\d:\d\d[,.]\d\d\d) --> (\d\d:\d\d:\d\d[,.]\d\d\d)\n(.+)\n"
    srt, vtt = re.findall(block, to_srt(cues)), re.findall(block, to_vtt(cues))
    assert len(srt) == len(vtt) == len(cues) > 3
    assert [t for *_, t in srt] == [t for *_, t in vtt] == texts(cues)
    assert [(a.replace(",", "."), b.replace(",", ".")) for a, b, _ in srt] == [(a, b) for a, b, _ in vtt]
    assert re.findall(r"^\d+$", to_srt(cues), re.M) == [str(n) for n in range(1, len(cues) + 1)]
