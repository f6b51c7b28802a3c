"""Timeline planning: shots cover the whole video with no gap, every cut lands in a pause
between words, long scenes are split, cards carry the product's facts, and the plan is a pure
function of its inputs and the seed."""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import pairwise

import pytest

from adreel.media.captions.cues import Word
from adreel.media.extract.model import Product, Review
from adreel.media.timeline.model import Timeline
from adreel.media.timeline.plan import PlanInput, plan_timeline
from adreel.media.write.model import Scene, Script, Visual

PRODUCT = Product(url="https://shop.test/p/bottle", title="Insulated Bottle", brand="Hydra", price=Decimal("39"),
                  currency="USD", compare_at_price=Decimal("52"), discount_percent=25, rating=4.6,
                  review_count=2314, reviews=[Review(body="No leaks at all.", author="Maya", rating=5)])
LONGEST = 3.5          # no shot is longer unless no word starts inside it to cut on


def scene(visual: str, words: int, image: int | None = None, text: str | None = None) -> tuple[Scene, int]:
    said = " ".join(f"w{i}" for i in range(words))
    return Scene(kind="product", text=said, display=said, visual=Visual(kind=visual, image=image, text=text)), words


def script(*scenes: tuple[Scene, int], style: str = "problem_solution", language: str = "en",
           content_type: str = "ad") -> Script:
    return Script(style=style, content_type=content_type, language=language, format_preset="product_showcase",
                  hook="Thirsty?", cta="Shop now", scenes=[s for s, _n in scenes],
                  word_count=sum(n for _s, n in scenes), estimated_seconds=10.0)


def speak(counts: list[int], word: float = 0.3, gap: float = 0.08, scene_gap: float = 0.45,
          start: float = 0.1) -> list[Word]:
    """Regular speech: `counts[k]` words for scene k, a longer pause between scenes."""
    words, t = [], start
    for index, count in enumerate(counts):
        for _ in range(count):
            words.append(Word(f"w{len(words)}", round(t, 3), round(t + word, 3), index))
            t += word + gap
        t += scene_gap - gap
    return words


def plan(the_script: Script, words: list[Word], *, product: Product = PRODUCT, seed: int = 1, tail: float = 0.6,
         images: int = 4, image_for: dict[int, int] | None = None) -> Timeline:
    return plan_timeline(PlanInput(script=the_script, words=words, product=product, image_count=images,
                                   image_for=image_for or {}, aspect="9:16", width=1080, height=1920,
                                   duration=round(words[-1].end + tail, 3), caption_style="bold_outline",
                                   seed=seed))


def cuts(timeline: Timeline) -> list[float]:
    return [shot.start for shot in timeline.shots[1:]]


def assert_covers(timeline: Timeline) -> None:
    shots = timeline.shots
    assert shots and shots[0].start == 0.0
    assert shots[-1].end == timeline.duration
    for before, after in pairwise(shots):
        assert before.end == after.start
    assert all(shot.start < shot.end for shot in shots)
    assert [shot.index for shot in shots] == list(range(len(shots)))


def assert_cuts_in_pauses(timeline: Timeline, words: list[Word]) -> None:
    for cut in cuts(timeline):
        inside = [w for w in words if w.start < cut < w.end]
        assert not inside, f"cut at {cut:.3f} s falls inside {inside}"


STANDARD = [scene("image", 6, image=0), scene("price", 5), scene("image", 24, image=2), scene("end_card", 4)]


# Coverage and cuts -----------------------------------------------------------------------------------------------


def test_shots_cover_the_video_contiguously_and_cut_between_words() -> None:
    words = speak([6, 5, 24, 4])
    timeline = plan(script(*STANDARD), words)
    assert_covers(timeline)
    assert_cuts_in_pauses(timeline, words)
    assert timeline.duration == pytest.approx(words[-1].end + 0.6)
    assert (timeline.width, timeline.height, timeline.fps, timeline.aspect) == (1080, 1920, 30, "9:16")


def test_each_shot_holds_only_its_own_scene_words() -> None:
    words = speak([6, 5, 24, 4])
    timeline = plan(script(*STANDARD), words)
    assert sorted({shot.scene for shot in timeline.shots}) == [0, 1, 2, 3]
    for word in words:
        middle = (word.start + word.end) / 2
        assert timeline.shot_at(middle).scene == word.scene


def test_scene_change_cuts_just_before_the_next_scene_speaks() -> None:
    words = speak([6, 5, 24, 4])
    timeline = plan(script(*STANDARD), words)
    for shot in timeline.shots[1:]:
        if shot.scene != timeline.shots[shot.index - 1].scene:
            first = next(w for w in words if w.scene == shot.scene)
            last = [w for w in words if w.scene < shot.scene][-1]
            assert last.end <= shot.start < first.start


def test_long_scene_is_split_on_word_boundaries() -> None:
    words = speak([6, 5, 24, 4])
    timeline = plan(script(*STANDARD), words)
    long_scene = [shot for shot in timeline.shots if shot.scene == 2]
    assert len(long_scene) >= 3
    assert all(shot.duration <= LONGEST for shot in timeline.shots)
    assert all(shot.duration >= 1.0 for shot in long_scene)
    assert [shot.transition for shot in long_scene[1:]] == ["cut"] * (len(long_scene) - 1)


def test_a_scene_without_word_boundaries_stays_one_shot() -> None:
    words = [Word("Soooooo", 0.1, 6.0, 0), Word("good.", 6.1, 6.5, 1)]
    timeline = plan(script(scene("image", 1, image=0), scene("image", 1, image=1)), words)
    assert_covers(timeline)
    assert_cuts_in_pauses(timeline, words)
    assert [shot.scene for shot in timeline.shots] == [0, 1]
    assert timeline.shots[0].duration > 5.5


def test_a_single_long_sentence_is_still_split() -> None:
    words = speak([40])
    timeline = plan(script(scene("image", 40, image=0)), words)
    assert_covers(timeline)
    assert_cuts_in_pauses(timeline, words)
    assert len(timeline.shots) >= 4
    assert max(shot.duration for shot in timeline.shots) <= LONGEST


def test_scenes_without_words_get_no_shot() -> None:
    words = speak([5, 0, 6])
    timeline = plan(script(scene("image", 5, image=0), scene("price", 0), scene("image", 6, image=1)), words)
    assert_covers(timeline)
    assert 1 not in {shot.scene for shot in timeline.shots}


def test_a_last_scene_too_short_for_a_shot_joins_the_one_before() -> None:
    words = [*speak([5]), Word("Go.", 2.0, 2.04, 1)]
    timeline = plan(script(scene("image", 5, image=0), scene("end_card", 1)), words, tail=0.05)
    assert_covers(timeline)
    assert [shot.scene for shot in timeline.shots] == [0]


def test_no_words_at_all_still_covers_the_video() -> None:
    timeline = plan_timeline(PlanInput(script=script(scene("image", 3, image=0)), words=[], product=PRODUCT,
                                       image_count=1, image_for={}, aspect="1:1", width=1080, height=1080,
                                       duration=4.0, caption_style="karaoke", seed=0))
    assert_covers(timeline)
    assert timeline.duration == 4.0


@pytest.mark.parametrize("trial", range(40))
def test_random_speech_keeps_every_promise(trial: int) -> None:
    rng = random.Random(trial)
    counts = [rng.randint(1, 30) for _ in range(rng.randint(1, 6))]
    words, t = [], rng.uniform(0.0, 0.4)
    for index, count in enumerate(counts):
        for _ in range(count):
            length = rng.uniform(0.12, 0.6)
            words.append(Word("w", round(t, 3), round(t + length, 3), index))
            t += length + rng.choice([0.0, 0.02, 0.05, 0.1, 0.3])
        t += rng.uniform(0.05, 0.8)
    kinds = ["image", "price", "rating", "feature", "review", "offer", "end_card"]
    the_script = script(*[scene(rng.choice(kinds), n, image=rng.choice([None, 0, 3])) for n in counts])
    timeline = plan(the_script, words, seed=trial, tail=rng.uniform(0.2, 1.0))
    assert_covers(timeline)
    assert_cuts_in_pauses(timeline, words)
    assert timeline.shots[0].transition == "cut"
    assert all(0 <= shot.image < 4 for shot in timeline.shots)
    assert {shot.scene for shot in timeline.shots} == {w.scene for w in words}


# Irregular speech: a 6.8 s scene. Every two-piece split on a word boundary leaves a shot over
# 3.8 s, but three pieces (cutting before the words at 2.436 s and 4.936 s) stay under 2.5 s each.
# The planner picks two pieces (6.8 s < 2 × MAX_SHOT_S + 0.5) before snapping the cut to a word.
IRREGULAR = [(0.258, 0.418), (0.418, 0.938), (1.238, 1.8), (1.85, 2.386), (2.436, 2.681), (2.981, 3.579),
             (3.879, 4.006), (4.306, 4.636), (4.936, 5.088), (5.188, 5.438), (5.488, 5.757), (5.857, 6.116),
             (6.136, 6.438)]


def test_irregular_speech_is_split_into_shots_of_at_most_three_and_a_half_seconds() -> None:
    words = [Word("w", a, b, 0) for a, b in IRREGULAR]
    timeline = plan(script(scene("image", len(words), image=0)), words, tail=0.397)
    assert_covers(timeline)
    assert_cuts_in_pauses(timeline, words)
    assert max(shot.duration for shot in timeline.shots) <= LONGEST


# Pictures, moves and transitions ---------------------------------------------------------------------------------


def test_first_shot_enters_with_a_cut() -> None:
    for seed in range(20):
        assert plan(script(*STANDARD), speak([6, 5, 24, 4]), seed=seed).shots[0].transition == "cut"


def test_scene_pictures_follow_the_script_then_the_next_pictures() -> None:
    words = speak([6, 5, 24, 4])
    timeline = plan(script(*STANDARD), words, image_for={2: 1}, images=3)
    by_scene = [shot for shot in timeline.shots if shot.scene == 2]
    assert timeline.shots[0].image == 0
    assert by_scene[0].image == 1                              # script picture 2 is downloaded picture 1
    assert [shot.image for shot in by_scene[1:]] == [(1 + k) % 3 for k in range(1, len(by_scene))]


def test_same_seed_same_plan() -> None:
    words = speak([6, 5, 24, 4])
    assert plan(script(*STANDARD), words, seed=7).model_dump() == plan(script(*STANDARD), words, seed=7).model_dump()


def test_different_seeds_vary_moves_and_transitions() -> None:
    words = speak([6, 5, 24, 4])
    looks = {tuple((shot.move, shot.transition) for shot in plan(script(*STANDARD), words, seed=seed).shots)
             for seed in range(12)}
    assert len(looks) >= 3
    spans = {tuple((shot.start, shot.end) for shot in plan(script(*STANDARD), words, seed=seed).shots)
             for seed in range(12)}
    assert len(spans) == 1                                       # the cuts depend on the words only


def test_moves_change_from_shot_to_shot() -> None:
    timeline = plan(script(*STANDARD), speak([6, 5, 24, 4]))
    for before, after in pairwise(timeline.shots):
        assert before.move != after.move
    assert all(shot.prompt.startswith(("Product picture", "Price card", "End card")) for shot in timeline.shots)


# Cards -----------------------------------------------------------------------------------------------------------


def card_shots(timeline: Timeline, kind: str) -> list:
    return [shot for shot in timeline.shots if shot.card is not None and shot.card.kind == kind]


def test_price_card_carries_price_and_higher_compare_at() -> None:
    timeline = plan(script(*STANDARD), speak([6, 5, 24, 4]))
    (shot,) = card_shots(timeline, "price")
    assert shot.visual == "price" and shot.scene == 1
    assert (shot.card.price, shot.card.compare_at, shot.card.discount_percent) == ("$39", "$52", 25)
    assert "$39" in shot.prompt


@pytest.mark.parametrize("compare", [Decimal("39"), Decimal("30"), None])
def test_compare_at_only_when_higher(compare: Decimal | None) -> None:
    product = PRODUCT.model_copy(update={"compare_at_price": compare})
    (shot,) = card_shots(plan(script(*STANDARD), speak([6, 5, 24, 4]), product=product), "price")
    assert shot.card.price == "$39" and shot.card.compare_at is None


def test_no_price_no_price_on_cards() -> None:
    product = PRODUCT.model_copy(update={"price": None})
    timeline = plan(script(*STANDARD), speak([6, 5, 24, 4]), product=product)
    # A price card without a price is a plain picture shot; the end card shows no price.
    assert card_shots(timeline, "price") == []
    assert card_shots(timeline, "end_card")[0].card.price is None


def test_end_card_is_one_shot_to_the_end_and_says_the_call_to_action() -> None:
    words = speak([4, 22])
    ad = plan(script(scene("image", 4, image=0), scene("end_card", 22)), words)
    ends = [shot for shot in ad.shots if shot.scene == 1]
    # Not split: the card enters once and stays on one picture until the video ends.
    assert len(ends) == 1 and ends[0].end == ad.duration
    assert ends[0].card is not None and ends[0].card.kind == "end_card"
    card = ends[0].card
    assert (card.text, card.price, card.title, card.brand) == ("Shop now", "$39", "Insulated Bottle", "Hydra")
    organic = plan(script(scene("image", 4, image=0), scene("end_card", 22), content_type="organic"), words)
    card = card_shots(organic, "end_card")[0].card
    assert (card.text, card.price) == ("Learn more", None)


def test_a_split_card_scene_shows_its_card_once() -> None:
    words = speak([22, 3])
    timeline = plan(script(scene("feature", 22, text="Cold for 24 hours"), scene("image", 3, image=1)), words)
    feature = [shot for shot in timeline.shots if shot.scene == 0]
    assert len(feature) >= 2
    assert feature[0].card is not None and feature[0].card.text == "Cold for 24 hours"
    assert all(shot.card is None and shot.visual == "image" for shot in feature[1:])


def test_rating_and_review_cards() -> None:
    words = speak([4, 4, 4])
    timeline = plan(script(scene("rating", 4), scene("review", 4), scene("offer", 4, text="25% off")), words)
    rating, review, offer = (shot.card for shot in timeline.shots)
    assert (rating.rating, rating.review_count, rating.review_count_label) == (4.6, 2314, "2,314 reviews")
    assert (review.text, review.author, review.rating) == ("No leaks at all.", "Maya", 5)
    assert (offer.kind, offer.text, offer.discount_percent) == ("offer", "25% off", 25)


def test_japanese_cards_use_japanese_words() -> None:
    product = PRODUCT.model_copy(update={"price": Decimal("3900"), "currency": "JPY", "compare_at_price": None})
    words = speak([4, 4])
    timeline = plan(script(scene("rating", 4), scene("end_card", 4), language="ja"), words, product=product)
    rating, end = (shot.card for shot in timeline.shots)
    assert rating.review_count_label == "2,314件のレビュー"
    assert end.text == "今すぐ購入" and end.language == "ja"
    assert end.price is not None and "3,900" in end.price
