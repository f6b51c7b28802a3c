"""Time from audio: forced alignment of words, mouth shapes from phonemes and loudness."""
