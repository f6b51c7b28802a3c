"""Bullets said as a person says them: a bullet that is already a sentence keeps its verb, a
thing is what you get (without its bracketed asides or the measures listed after it), and a
measure before a noun takes the article its spoken number needs."""

from __future__ import annotations

import pytest

from adreel.media.write.phrasing import article, clause


@pytest.mark.parametrize(("bullet", "said"), [
    ("Foam midsole returns 82% of your energy", "the foam midsole returns 82% of your energy"),
    ("Engineered mesh upper breathes on hot runs", "the engineered mesh upper breathes on hot runs"),
    ("Copper-finished collar stays cool to the touch", "the copper-finished collar stays cool to the touch"),
    ("Free returns within 30 days", "you get free returns within 30 days"),          # a noun, not a verb
    ("Borosilicate glass carafe, 6 cups (900 ml)", "you get a borosilicate glass carafe"),
    ("8 mm heel-to-toe drop, 238 g in a men's 9", "you get an 8 mm heel-to-toe drop"),
    ("Brew 1 tsp per cup", "you brew 1 tsp per cup"),
    ("Dishwasher safe", "it's dishwasher safe"),
])
def test_bullets_become_clauses(bullet: str, said: str) -> None:
    assert clause(bullet) == said


@pytest.mark.parametrize(("noun", "expected"), [
    ("8 mm heel drop", "an "), ("5 mm lug", "a "), ("18 L daypack", "an "), ("80 cm cable", "an "),
    ("11 inch pan", "an "), ("2 cups", ""), ("USB-C cable", "a "), ("LED lamp", "an "), ("hour glass", "an "),
])
def test_articles_follow_the_sound(noun: str, expected: str) -> None:
    assert article(noun) == expected
