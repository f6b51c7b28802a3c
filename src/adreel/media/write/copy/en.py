"""English copy: short, spoken, direct; written to be said to camera."""

from adreel.media.write.library import Library

LIBRARY = Library(
    language="en",
    hooks={
        "problem_solution": [
            "If you shop for {category}, stop scrolling.",
            "Okay, real talk about {category}: most of it just doesn't deliver.",
            "If shopping for {category} keeps disappointing you, watch this.",
            "I was so done with things that never live up to the hype.",
            "Here's the fix I wish I'd found years ago.",
            "This solved a problem I didn't know I could fix.",
        ],
        "three_reasons": [
            "Three reasons {name} is worth every penny.",
            "Here are three reasons I can't stop recommending {name}.",
            "Three things that make {name} different.",
            "Let me give you three reasons to try {name}.",
            "Why {name}? Three reasons.",
        ],
        "discovery": [
            "I just found the best thing in {category}, and I have to share it.",
            "Okay, I need to tell you about {name}.",
            "You guys, I found something good.",
            "Meet {name}, my newest obsession.",
            "I didn't expect to love this this much.",
            "This is {name} from {brand}, and it's a game changer.",
        ],
        "social_proof": [
            "{reviews} people can't be wrong about {name}.",
            "There's a reason {name} is rated {rating} stars.",
            "Everyone keeps talking about {name}, so I had to look.",
            "Rated {rating} out of five by {reviews} customers. Here's why.",
            "Don't take my word for it. Take theirs.",
        ],
        "special_offers": [
            "{name} is {discount} off right now.",
            "Heads up: {name} just dropped to {price}.",
            "This is your sign to grab {name} while it's {discount} off.",
            "Deal alert: {name} was {old_price}, now it's {price}.",
            "You're going to want to see this deal on {name}.",
        ],
    },
    organic_hooks={
        "problem_solution": [
            "Let's talk about a problem in {category}.",
            "Something I figured out about {category}.",
            "A small fix that made a big difference for me.",
            "Let's talk about something that bugged me for years.",
            "Real talk: this fixed a little daily annoyance.",
        ],
        "three_reasons": [
            "Three things I like about {name}.",
            "Three details worth knowing about {name}.",
            "Here's what stands out about {name}, in three points.",
        ],
        "discovery": [
            "Have you heard of {name}?",
            "A quick look at {name} from {brand}.",
            "Something new I've been checking out: {name}.",
            "Let's take a closer look at {name}.",
        ],
        "social_proof": [
            "What are people actually saying about {name}?",
            "I read the reviews of {name} so you don't have to.",
            "{name} has {reviews} reviews. Here's what they say.",
        ],
        "special_offers": [
            "If you've been eyeing {name}, it's {discount} off right now.",
            "A quick note: {name} is on sale.",
            "Worth knowing: {name} is down to {price} at the moment.",
        ],
    },
    problem=[
        "You spend good money, and it still lets you down.",
        "You've tried the usual options, and none of them really work.",
        "It's frustrating when something simple just isn't done right.",
        "Most of them look great online and disappoint in real life.",
    ],
    reveal=[
        "Then I found {name}.",
        "That's where {name} comes in.",
        "So I switched to {name} from {brand}.",
        "Enter {name}.",
        "This is {name}, and it changes that.",
    ],
    discovery=[
        "It's from {brand}, and it's done right.",
        "It's {name} from {brand}.",
        "So this is {name}, made by {brand}.",
        "It's called {name}.",
    ],
    reason=[
        "Reason {ordinal}: {benefit}.",
        "Number {ordinal}: {benefit}.",
        "{ordinal}: {benefit}.",
    ],
    ordinals=["one", "two", "three", "four", "five", "six"],
    benefit=[
        "{benefit}.",
        "Plus, {benefit}.",
        "And the best part? {benefit}.",
        "What I love: {benefit}.",
        "On top of that: {benefit}.",
        "Also: {benefit}.",
    ],
    proof=[
        "It's rated {rating} out of five stars from {reviews} reviews.",
        "{reviews} reviews, and an average of {rating} stars.",
        "Customers give it {rating} out of five.",
        "{reviews} people have reviewed it.",
    ],
    quote=[
        "One customer said: {quote}.",
        "{reviewer} wrote: {quote}.",
        "Here's a real review: {quote}.",
        "Someone put it perfectly: {quote}.",
    ],
    offer=[
        "Right now it's {discount} off.",
        "It's down from {old_price} to just {price}.",
        "It was {old_price}. Today it's {price}.",
        "That's {discount} off the regular price.",
    ],
    price=[
        "And it's only {price}.",
        "All that for {price}.",
        "It's {price}.",
    ],
    urgency=[
        "Sales like this don't last forever.",
        "I'd grab it while the price is this low.",
        "Don't wait on this one.",
    ],
    objection=[
        "Worried it's all hype? {reviews} reviews say otherwise.",
        "Not sure it's worth it? The {rating} star rating says it is.",
        "I was skeptical too, until I looked closer.",
        "If you're on the fence, take a proper look at the details.",
    ],
    usage=[
        "It fits right into your everyday routine.",
        "It's the kind of thing you'll reach for again and again.",
        "Use it once and you'll see what I mean.",
        "It just makes the everyday a little better.",
    ],
    detail=[
        "{sentence}",
        "Here's the thing: {sentence}",
        "Get this: {sentence}",
    ],
    look=[
        "Take a closer look.",
        "Just look at the details.",
        "Look at this.",
        "Let me show you.",
    ],
    cta=[
        "Tap the link and get yours today.",
        "Get {name} for {price} today.",
        "Grab yours now while it's {discount} off.",
        "Check out {name} through the link below.",
        "Order yours today and see for yourself.",
        "Tap below and try {name} yourself.",
    ],
    organic_endings=[
        "Would you try it?",
        "Let me know what you think.",
        "Worth a look, if you ask me.",
        "I'll leave the link if you want to check it out.",
    ],
    audience=[
        "If you're {audience}, this one's for you.",
        "Calling all {audience}.",
        "This is for {audience}.",
    ],
    mention=[
        "Also worth knowing: {term}.",
        "And yes: {term}.",
    ],
    tone_lines={
        "playful": ["Okay, hear me out.", "No, seriously.", "I'm obsessed, and I'm not sorry."],
        "luxury": ["Some things are simply made better.", "Quality you can feel."],
        "urgent": ["Don't scroll past this.", "Quick, before it's gone."],
        "calm": ["Let's slow down for a second.", "Here's a simple one."],
    },
    tone_words={
        "playful": ["fun", "funny", "playful", "humor", "humour", "witty", "cheeky", "casual"],
        "luxury": ["luxury", "premium", "elegant", "sophisticated", "upscale", "classy"],
        "urgent": ["urgent", "urgency", "hurry", "fomo", "scarcity", "limited"],
        "calm": ["calm", "soft", "gentle", "relaxed", "soothing", "minimal"],
    },
    mention_pattern=(r"(?<!n't )(?<!not )\b(?:mention|highlight|include|emphasi[sz]e|say)\s+(?:that\s+)?"
                     r"([^.;\n]+?)(?=\s+(?:and\s+|but\s+)?(?:avoid|don'?t|do not|never)\b|[.;\n]|$)"),
    avoid_pattern=(r"\b(?:avoid|don'?t (?:say|mention|use)|do not (?:say|mention|use)|never (?:say|mention)"
                   r"|without)\s+(?:the\s+words?\s+)?([^.;,\n]+?)(?=\s+(?:but|and)\s|[.;,\n]|$)"),
)
