"""The copy lint: each rule catches its defect, and a clean script passes."""

from __future__ import annotations

import pytest

from adreel.media.write.lint import lint

CLEAN = ["If your morning coffee tastes bitter, watch this.",
         "Enter the TrailPress Travel Coffee Maker.",
         "One: a shatterproof Tritan body.", "Two: a stainless micro-filter.",
         "Priya K. put it best: “Lives in my backpack now.”",
         "Get the TrailPress Travel Coffee Maker for $39 today."]


def test_a_clean_script_passes() -> None:
    assert lint(CLEAN, "the TrailPress Travel Coffee Maker", 30) == []


@pytest.mark.parametrize(("line", "rule"), [
    ("So I switched to the Aurora set from Kiln and Co..", "doubled punctuation"),
    ("Ready?. Let's go.", "doubled punctuation"),
    ("One customer said: “\"Honestly the prettiest thing on my counter.”", "doubled punctuation"),
    ("【Fast charging】 It charges in ten minutes.", "bracket"),
    ("One reviewer wrote: “Better coffee at the trailhead than most cafés make in the”", "cut short"),
    ("It grips better than", "cut short"),
])
def test_each_rule_catches_its_defect(line: str, rule: str) -> None:
    problems = lint([*CLEAN[:-1], line, CLEAN[-1]], None, 30)
    assert any(rule in problem for problem in problems), problems


def test_a_sentence_said_twice_and_labels_and_the_full_title() -> None:
    repeated = lint([*CLEAN, "Two hundred twelve people have reviewed it.",
                     "Two hundred twelve people have reviewed it!"], None, 30)
    assert any("said 2 times" in p for p in repeated)
    labels = lint([*CLEAN, "Also: it brews fast.", "On top of that: it keeps warm."], None, 30)
    assert any("2 sentences open with a label" in p for p in labels)
    assert lint([*CLEAN, "Also: it brews fast."], None, 30) == []      # one label is allowed
    title = "the TrailPress Travel Coffee Maker"
    thrice = [*CLEAN, "I love the TrailPress Travel Coffee Maker."]
    assert any("said 3 times in 30 s" in p for p in lint(thrice, title, 30))
    assert lint(thrice, title, 45) == []                               # three at 45–60 s
