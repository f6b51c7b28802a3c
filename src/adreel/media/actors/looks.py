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


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    """An "#rrggbb" colour as (r, g, b); hex keeps each actor to one row of the table below."""
    r, g, b = bytes.fromhex(hex_colour.removeprefix("#"))
    return r, g, b


# One actor a row, so the cast reads as a table. Columns: id (the name, lowercase), gender, age, skin,
# hair, hair colour, clothing, clothing colour, setting, eye colour, extras (space-separated).
_ROWS = (
    ("maya", "female", "20s", "#ecc4a4", "long", "#4a2e1e", "tshirt", "#e8705c", "kitchen", "#684628", "earrings"),
    ("jordan", "nonbinary", "20s", "#8e5c3e", "curly", "#261a16", "hoodie", "#5c70be", "bedroom", "#462c1c", ""),
    ("daniel", "male", "30s", "#c8926a", "short", "#221c1a", "blazer", "#2e3e60", "office", "#523622", "stubble"),
    ("aiko", "female", "30s", "#f3d4ba", "bob", "#1c181c", "sweater", "#96b096", "living_room", "#422a1e", ""),
    ("marcus", "male", "40s", "#68402c", "buzz", "#181414", "sweater", "#b04238", "studio", "#3a2418", ""),
    ("elena", "female", "50s", "#d6a67e", "bun", "#968476", "blazer", "#c4a078", "office", "#586840", "earrings"),
    ("walter", "male", "60s", "#e8bea6", "bald", "#c4c2be", "shirt", "#7896ba", "living_room", "#587896", "glasses"),
    ("priya", "female", "20s", "#b07654", "ponytail", "#1e1614", "hoodie", "#ece2d4", "outdoors", "#3e281a", ""),
    ("sam", "nonbinary", "30s", "#e2b28c", "short", "#b05c32", "tshirt", "#2c2c32", "studio", "#5c7648", "freckles"),
)
# What GET /actors says of each after "Name, age — ".
_BLURBS = {
    "maya": "warm and upbeat, long brown hair, coral tee, filming in a bright kitchen.",
    "jordan": "relaxed and candid, natural curls, blue hoodie, cosy bedroom with lights.",
    "daniel": "confident and clear, short dark hair, navy blazer, home office.",
    "aiko": "calm and thoughtful, black bob with bangs, sage sweater, living room.",
    "marcus": "friendly and trustworthy, buzz cut, brick-red sweater, clean studio.",
    "elena": "polished and expert, silver-brown bun, camel blazer, bright office.",
    "walter": "warm and reassuring, grey at the sides, glasses, chambray shirt.",
    "priya": "energetic and sporty, high ponytail, cream hoodie, sunny park.",
    "sam": "witty and direct, copper crop, black tee, warm studio backdrop.",
}


def _look(actor_id: str, gender: str, age: str, skin: str, hair: str, hair_colour: str, clothing: str,
          clothing_colour: str, setting: str, eye_colour: str, extras: str) -> ActorLook:
    name = actor_id.title()
    return ActorLook(actor_id, name, gender, age, _rgb(skin), hair, _rgb(hair_colour), clothing, _rgb(clothing_colour),
                     setting, f"{name}, {age} — {_BLURBS[actor_id]}", _rgb(eye_colour), tuple(extras.split()))


BUILTIN_ACTORS: tuple[ActorLook, ...] = tuple(_look(*row) for row in _ROWS)


def look_by_id(actor_id: str) -> ActorLook:
    """The built-in actor with this id (KeyError when there is none)."""
    for look in BUILTIN_ACTORS:
        if look.id == actor_id:
            return look
    raise KeyError(actor_id)
