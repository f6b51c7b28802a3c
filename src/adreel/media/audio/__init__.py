"""The ad's soundtrack: generated or operator music beds, and the voice-over mix."""

from adreel.media.audio.mix import Mixed, ducking_gain, mix
from adreel.media.audio.music import BEDS, choose_music, generate_bed, load_music, music_files

__all__ = [
    "BEDS",
    "Mixed",
    "choose_music",
    "ducking_gain",
    "generate_bed",
    "load_music",
    "mix",
    "music_files",
]
