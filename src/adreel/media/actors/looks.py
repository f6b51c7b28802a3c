"""The built-in actors: who they are and what they look like, as plain values the rig draws from.
Varied on purpose — gender, age, skin tone, hair, clothing and the room they film in — so a brand
can pick someone who fits its audience."""

from __future__ import annotations

from dataclasses import dataclass

HAIR_STYLES = ("long", "bob", "curly", "bun", "ponytail", "short", "buzz", "bald")
CLOTHING = ("tshirt", "hoodie", "blazer", "sweater", "shirt")
SETTINGS = ("kitchen", "living_room", "studio", "bedroom", "office", "outdoors")
EXTRAS = ("glasses", "earrings", "freckles", "stubble")


@dataclass(frozen=True)
class ActorLook:
    id: str                                 # stable, lowercase
    name: str
    gender: str                             # "female" | "male" | "nonbinary"
    age: str                                # "20s" … "60s"
    skin: tuple[int, int, int]
    hair: str                               # one of HAIR_STYLES
    hair_colour: tuple[int, int, int]
    clothing: str                           # one of CLOTHING
    clothing_colour: tuple[int, int, int]
    setting: str                            # one of SETTINGS
    description: str                        # one line for GET /actors
    eye_colour: tuple[int, int, int] = (96, 62, 38)
    extras: tuple[str, ...] = ()            # any of EXTRAS

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "gender": self.gender, "age": self.age, "hair": self.hair,
                "clothing": self.clothing, "setting": self.setting, "description": self.description}


BUILTIN_ACTORS: tuple[ActorLook, ...] = (
    ActorLook("maya", "Maya", "female", "20s", (236, 196, 164), "long", (74, 46, 30), "tshirt", (232, 112, 92),
              "kitchen", "Maya, 20s — warm and upbeat, long brown hair, coral tee, filming in a bright kitchen.",
              eye_colour=(104, 70, 40), extras=("earrings",)),
    ActorLook("jordan", "Jordan", "nonbinary", "20s", (142, 92, 62), "curly", (38, 26, 22), "hoodie", (92, 112, 190),
              "bedroom", "Jordan, 20s — relaxed and candid, natural curls, blue hoodie, cosy bedroom with lights.",
              eye_colour=(70, 44, 28)),
    ActorLook("daniel", "Daniel", "male", "30s", (200, 146, 106), "short", (34, 28, 26), "blazer", (46, 62, 96),
              "office", "Daniel, 30s — confident and clear, short dark hair, navy blazer, home office.",
              eye_colour=(82, 54, 34), extras=("stubble",)),
    ActorLook("aiko", "Aiko", "female", "30s", (243, 212, 186), "bob", (28, 24, 28), "sweater", (150, 176, 150),
              "living_room", "Aiko, 30s — calm and thoughtful, black bob with bangs, sage sweater, living room.",
              eye_colour=(66, 42, 30)),
    ActorLook("marcus", "Marcus", "male", "40s", (104, 64, 44), "buzz", (24, 20, 20), "sweater", (176, 66, 56),
              "studio", "Marcus, 40s — friendly and trustworthy, buzz cut, brick-red sweater, clean studio.",
              eye_colour=(58, 36, 24)),
    ActorLook("elena", "Elena", "female", "50s", (214, 166, 126), "bun", (150, 132, 118), "blazer", (196, 160, 120),
              "office", "Elena, 50s — polished and expert, silver-brown bun, camel blazer, bright office.",
              eye_colour=(88, 104, 64), extras=("earrings",)),
    ActorLook("walter", "Walter", "male", "60s", (232, 190, 166), "bald", (196, 194, 190), "shirt", (120, 150, 186),
              "living_room", "Walter, 60s — warm and reassuring, grey at the sides, glasses, chambray shirt.",
              eye_colour=(88, 120, 150), extras=("glasses",)),
    ActorLook("priya", "Priya", "female", "20s", (176, 118, 84), "ponytail", (30, 22, 20), "hoodie", (236, 226, 212),
              "outdoors", "Priya, 20s — energetic and sporty, high ponytail, cream hoodie, sunny park.",
              eye_colour=(62, 40, 26)),
    ActorLook("sam", "Sam", "nonbinary", "30s", (226, 178, 140), "short", (176, 92, 50), "tshirt", (44, 44, 50),
              "studio", "Sam, 30s — witty and direct, copper crop, black tee, warm studio backdrop.",
              eye_colour=(92, 118, 72), extras=("freckles",)),
)


def look_by_id(actor_id: str) -> ActorLook:
    """The built-in actor with this id (KeyError when there is none)."""
    for look in BUILTIN_ACTORS:
        if look.id == actor_id:
            return look
    raise KeyError(actor_id)
