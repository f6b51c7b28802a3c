"""Speaking rates: how many of the script's words a voice says per second of speaking."""

from __future__ import annotations

from adreel.media.voice.model import Speaker, VoiceInfo
from adreel.media.voice.pacing import pause_seconds

# Ad-like paragraphs per language; rates are measured on speech, pauses included.
CALIBRATION = {
    "en": ["Tired of coffee that tastes like the trail? Meet the TrailPress.",
           "It brews a clean, rich cup in ninety seconds, weighs less than a phone, and packs "
           "inside its own mug. Thousands of hikers already swear by it.",
           "Grab yours today for thirty-nine dollars."],
    "es": ["¿Cansado de un café que sabe a nada? Conoce la TrailPress.",
           "Prepara una taza limpia e intensa en noventa segundos, pesa menos que un móvil y "
           "cabe dentro de su propia taza. Miles de excursionistas ya la adoran.",
           "Consíguela hoy por treinta y nueve euros."],
    "de": ["Keine Lust mehr auf faden Kaffee unterwegs? Das ist die TrailPress.",
           "Sie brüht in neunzig Sekunden eine klare, kräftige Tasse, wiegt weniger als ein "
           "Handy und passt in ihren eigenen Becher. Tausende Wanderer schwören darauf.",
           "Hol sie dir heute für neununddreißig Euro."],
    "fr": ["Marre du café fade en randonnée ? Voici la TrailPress.",
           "Elle prépare une tasse nette et riche en quatre-vingt-dix secondes, pèse moins "
           "qu'un téléphone et se range dans sa propre tasse. Des milliers de randonneurs l'adorent.",
           "Offrez-vous la aujourd'hui pour trente-neuf euros."],
    "ja": ["山でもおいしいコーヒーが飲みたい。そんなあなたにトレイルプレス。",
           "たった九十秒で、すっきり濃厚な一杯。スマホより軽く、専用マグにすっぽり収まります。",
           "今なら三千九百八十円でお届けします。"],
}
_DEFAULT = 2.9
METHOD = 2      # how rates are measured: a stored rate measured another way is measured again


def measure_rate(speaker: Speaker) -> float:
    """Words per second such that the writer's estimate (words at this rate plus the planned
    pauses of `pacing`) equals how long the voice really takes on an ad-like paragraph: what
    the voice adds around its sentences (piper's own silences, ~0.2 s a sentence) is counted,
    not only the words."""
    paragraph = CALIBRATION[speaker.info.language]
    utterance = speaker.synthesize(paragraph)
    talking = utterance.duration - pause_seconds(paragraph)
    if not utterance.words or talking <= 0:
        return _DEFAULT
    return round(len(utterance.words) / talking, 3)


def estimated_rate(info: VoiceInfo) -> float:
    """Hosted voices speak at about conversational pace; Japanese 'words' here are phrases."""
    return 1.8 if info.language == "ja" else _DEFAULT
