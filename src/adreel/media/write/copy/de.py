"""German copy: locker, direkt, per du; written to be said to camera."""

from adreel.media.write.library import Library

LIBRARY = Library(
    language="de",
    hooks={
        "problem_solution": [
            "Stopp, nicht weiterscrollen, wenn du in Sachen {category} schon mal enttäuscht wurdest.",
            "Mal ehrlich: In Sachen {category} wird viel versprochen und wenig gehalten.",
            "Thema {category}: Ich war so genervt, bis ich das hier gefunden hab.",
            "Kennst du das? Du gibst Geld aus und bist am Ende trotzdem enttäuscht.",
            "Das ist die Lösung, die ich mir schon vor Jahren gewünscht hätte.",
            "Das hier hat ein Problem gelöst, über das ich mich ewig geärgert hab.",
        ],
        "three_reasons": [
            "Drei Gründe, warum sich {name} wirklich lohnt.",
            "Drei Gründe, warum ich {name} jedem empfehle.",
            "Drei Dinge, die {name} anders machen.",
            "Ich geb dir drei Gründe, {name} auszuprobieren.",
            "Warum {name}? Drei Gründe.",
        ],
        "discovery": [
            "Okay, ich muss dir unbedingt von {name} erzählen.",
            "Ich hab was richtig Gutes gefunden, und das musst du sehen.",
            "Darf ich vorstellen: {name}, meine neue Obsession.",
            "Ich hätte nie gedacht, dass ich mich in Sachen {category} mal so begeistern kann.",
            "Das ist {name} von {brand}, und ehrlich: ein echter Gamechanger.",
            "Ich hab gerade mein neues Lieblingsteil gefunden und muss es dir zeigen.",
        ],
        "social_proof": [
            "{reviews} Bewertungen können nicht lügen.",
            "Es gibt einen Grund, warum {name} {rating} Sterne hat.",
            "{rating} von fünf Sternen bei {reviews} Bewertungen. Und ich weiß jetzt, warum.",
            "Du musst mir nicht glauben. Lies einfach die Bewertungen.",
            "Bei {rating} Sternen bin ich neugierig geworden.",
            "Ich hab mir die Bewertungen zu {name} angeschaut, und wow.",
        ],
        "special_offers": [
            "{name} gibt's gerade mit {discount} Rabatt.",
            "Achtung: {name} kostet gerade nur noch {price}.",
            "Das ist dein Zeichen, dir {name} mit {discount} Rabatt zu holen.",
            "Deal-Alarm: {name} für {price} statt {old_price}.",
            "Bei {name} sparst du gerade {discount}.",
            "Von {old_price} runter auf {price}. Ja, wirklich.",
        ],
    },
    organic_hooks={
        "problem_solution": [
            "Lass uns mal über ein Problem in Sachen {category} reden.",
            "Was mir beim Thema {category} aufgefallen ist.",
            "Eine kleine Änderung, die bei mir viel bewirkt hat.",
            "Lass uns über etwas reden, das mich jahrelang genervt hat.",
            "Ganz ehrlich: Das hat ein kleines Alltagsproblem gelöst.",
        ],
        "three_reasons": [
            "Drei Dinge, die mir an {name} gefallen.",
            "Drei Details zu {name}, die man kennen sollte.",
            "Was an {name} auffällt, in drei Punkten.",
        ],
        "discovery": [
            "Schon mal von {name} gehört?",
            "Ein kurzer Blick auf {name} von {brand}.",
            "Was Neues, das ich mir gerade anschaue: {name}.",
        ],
        "social_proof": [
            "Was sagen die Leute eigentlich über {name}?",
            "Ich hab die Bewertungen zu {name} gelesen, damit du es nicht musst.",
            "{reviews} Bewertungen zu {name}. Mal schauen, was drinsteht.",
        ],
        "special_offers": [
            "Falls du {name} schon länger im Blick hast: Gerade gibt's {discount} Rabatt.",
            "Kurze Info: {name} ist gerade von {old_price} auf {price} reduziert.",
            "Gut zu wissen: {name} kostet im Moment nur {price}.",
        ],
    },
    problem=[
        "Du gibst gutes Geld aus, und am Ende bist du trotzdem enttäuscht.",
        "Du hast die üblichen Sachen ausprobiert, und nichts hat wirklich funktioniert.",
        "Es nervt einfach, wenn etwas so Simples nicht richtig umgesetzt wird.",
        "Online sieht alles super aus, und in echt ist es dann enttäuschend.",
    ],
    reveal=[
        "Dann hab ich {name} entdeckt.",
        "Und genau da kommt {name} ins Spiel.",
        "Also bin ich auf {name} von {brand} umgestiegen.",
        "Bühne frei für {name}.",
        "Das ist {name}. Und damit sieht's bei mir jetzt ganz anders aus.",
    ],
    discovery=[
        "Das Teil heißt {name} und kommt von {brand}.",
        "Das ist {name} von {brand}.",
        "Also, das hier ist {name}, von {brand}.",
        "Das Ding heißt {name}.",
    ],
    reason=[
        "Grund {ordinal}: {benefit}.",
        "Nummer {ordinal}: {benefit}.",
        "Punkt {ordinal}: {benefit}.",
        "{ordinal}: {benefit}.",
    ],
    ordinals=["eins", "zwei", "drei", "vier", "fünf", "sechs"],
    benefit=[
        "{benefit}.",
        "Dazu kommt: {benefit}.",
        "Und das Beste daran: {benefit}.",
        "Was ich liebe: {benefit}.",
        "Und obendrauf: {benefit}.",
        "Außerdem: {benefit}.",
        "Und was mich wirklich überzeugt hat: {benefit}.",
    ],
    proof=[
        "Im Schnitt {rating} von fünf Sternen, und das bei {reviews} Bewertungen.",
        "{reviews} Bewertungen, und im Schnitt {rating} Sterne.",
        "Die Kundschaft gibt {rating} von fünf Sternen.",
        "Schon {reviews} Bewertungen gibt's dazu.",
    ],
    quote=[
        "Jemand hat geschrieben: {quote}.",
        "{reviewer} schreibt: {quote}.",
        "Hier eine echte Bewertung: {quote}.",
        "Jemand hat's perfekt auf den Punkt gebracht: {quote}.",
    ],
    offer=[
        "Gerade gibt's {discount} Rabatt.",
        "Statt {old_price} zahlst du gerade nur {price}.",
        "Vorher {old_price}, jetzt {price}.",
        "Das sind {discount} unter dem Normalpreis.",
    ],
    price=[
        "Und das für nur {price}.",
        "Das alles für {price}.",
        "Kostenpunkt: {price}.",
    ],
    urgency=[
        "Solche Angebote gibt's nicht ewig.",
        "Ich würde zuschlagen, solange der Preis so niedrig ist.",
        "Warte damit nicht zu lange.",
    ],
    objection=[
        "Alles nur Hype? Nicht bei {reviews} Bewertungen.",
        "Unsicher, ob sich das lohnt? Die {rating} Sterne sprechen für sich.",
        "Ich war auch skeptisch, bis ich genauer hingeschaut hab.",
        "Wenn du noch überlegst: Schau dir die Details in Ruhe an.",
    ],
    usage=[
        "Das passt einfach perfekt in deinen Alltag.",
        "Das ist so ein Teil, zu dem du immer wieder greifst.",
        "Einmal ausprobiert, und du weißt, was ich meine.",
        "Das macht den Alltag einfach ein bisschen schöner.",
    ],
    detail=[
        "{sentence}",
        "Und jetzt kommt's: {sentence}",
        "Pass auf: {sentence}",
    ],
    look=[
        "Schau mal genauer hin.",
        "Achte mal auf die Details.",
        "Guck dir das an.",
        "Ich zeig's dir.",
    ],
    cta=[
        "Klick auf den Link und überzeug dich selbst.",
        "Hol dir {name} heute für {price}.",
        "{name} jetzt für {price} sichern.",
        "{name} jetzt mit {discount} Rabatt sichern.",
        "Schau dir {name} über den Link unten an und überzeug dich selbst.",
        "Jetzt bestellen und selbst überzeugen.",
        "Der Link ist unten. Probier {name} einfach selbst aus.",
    ],
    organic_endings=[
        "Würdest du das ausprobieren?",
        "Schreib mir, was du davon hältst.",
        "Ist auf jeden Fall einen Blick wert, finde ich.",
        "Ich lass dir den Link da, falls du mal reinschauen willst.",
    ],
    audience=[
        "Das hier ist für {audience}.",
        "Aufgepasst, {audience}!",
        "Besonders spannend für {audience}.",
    ],
    mention=[
        "Eins muss ich noch erwähnen: {term}.",
        "Und nicht vergessen: {term}.",
        "Ganz wichtig, das muss ich noch sagen: {term}.",
    ],
    tone_lines={
        "playful": ["Okay, hör mir kurz zu.", "Nein, im Ernst.", "Ich bin süchtig danach, und ich steh dazu."],
        "luxury": ["Manche Dinge sind einfach besser gemacht.", "Qualität, die man spürt."],
        "urgent": ["Kurz herhören, das willst du wissen.", "Das hier solltest du nicht verpassen."],
        "calm": ["Lass uns kurz durchatmen.", "Ganz in Ruhe, ohne Hektik."],
    },
    tone_words={
        "playful": ["lustig", "witzig", "verspielt", "humorvoll", "humor", "locker", "frech", "spaßig",
                    "lässig", "fun", "funny", "playful", "humour", "witty", "cheeky", "casual"],
        "luxury": ["luxus", "luxuriös", "edel", "elegant", "hochwertig", "exklusiv", "stilvoll", "gehoben",
                   "luxury", "premium", "sophisticated", "upscale", "classy"],
        "urgent": ["dringend", "dringlich", "eilig", "beeilung", "limitiert", "begrenzt", "knappheit",
                   "urgent", "urgency", "hurry", "fomo", "scarcity", "limited"],
        "calm": ["ruhige", "ruhiger", "entspannt", "sanft", "gelassen", "beruhigend", "minimalistisch",
                 "leise", "calm", "soft", "gentle", "relaxed", "soothing", "minimal"],
    },
    mention_pattern=(
        r"(?:(?<!n't\s)(?<!dont\s)(?<!not\s)(?<!never\s)"
        r"\b(?:erwähne|erwähn|nenne|nenn|thematisiere|hebe|heb|sag|sage"
        r"|mention|highlight|include|emphasi[sz]e|say)\b"
        r"(?!\s+(?:bitte\s+)?(?:nicht|nie|niemals|keinesfalls|keine?[nrms]?)\b)(?:\s+hervor\b)?[\s,:]+"
        r"|\b(?:erwähnen|betonen|nennen|hervorheben)\s*:\s*"
        r"|\b(?:bitte|unbedingt)\s+"
        r"(?=(?:(?!\b(?:nicht|nie|niemals|keinesfalls|keine?[nrms]?)\b)[^.;\n])+?"
        r"\s+(?:(?:soll(?:te|ten|en)?|muss|müssen)\s+)?(?:(?:unbedingt|bitte|auch|noch|kurz|gerne?)\s+)*"
        r"(?:erwähnen|erwähnt|betonen|betont|nennen|genannt|hervorheben|hervorgehoben|hervor"
        r"|ansprechen|angesprochen)\b)"
        r"|\b(?=(?:den|die|das|der|dem|unsere?n?|ein|eine|einen)\s"
        r"(?:(?!\b(?:nicht|nie|niemals|keinesfalls|keine?[nrms]?)\b)[^.;\n])+?"
        r"\s+(?:(?:soll(?:te|ten|en)?|muss|müssen)\s+)?(?:(?:unbedingt|bitte|auch|noch|kurz|gerne?)\s+)*"
        r"(?:erwähnen|erwähnt|betonen|betont|nennen|genannt|hervorheben|hervorgehoben|hervor"
        r"|ansprechen|angesprochen)\b))"
        r"(?:(?:bitte|unbedingt|auch|noch|kurz|ruhig|auf\s+jeden\s+fall)[\s,]+)*(?:that\s+)?"
        r"([^.;\n]+?)"
        r"(?=\s+(?:(?:soll(?:te|ten|en)?|muss|müssen)\s+)?(?:(?:unbedingt|bitte|auch|noch|kurz|gerne?)\s+)*"
        r"(?:erwähnen|erwähnt|betonen|betont|nennen|genannt|hervorheben|hervorgehoben|hervor"
        r"|ansprechen|angesprochen)\b|\s*(?:[.;\n!?]|$)|\s*,\s*(?:und|aber|sondern|dafür|and|but)\b)"
    ),
    avoid_pattern=(
        r"(?:\b(?:vermeide|vermeidet|vermeiden|verzichte\s+auf|verzichtet\s+auf|avoid"
        r"|don'?t\s+(?:say|mention|use)|do\s+not\s+(?:say|mention|use)|never\s+(?:say|mention|use)|without)\b"
        r"|\b(?:sag|sage|erwähne|erwähn|nenne|nenn|verwende|verwend|benutze|benutz|nutze|nutz|schreibe|schreib)"
        r"\s+(?:bitte\s+)?(?:nicht|nie|niemals|keinesfalls|auf\s+keinen\s+fall)\b"
        r"|\bohne\s+(?=(?:das|den)\s+(?:wort|begriff|ausdruck)\b)"
        r"|\bkein(?:en)?\s+(?:wort|hinweis)\s+(?:über|zu|von|auf)\b"
        r"|\b(?:nicht|nie|niemals|keinesfalls|auf\s+keinen\s+fall)\s+"
        r"(?=[^.;,\n]+?\s(?:erwähnen|sagen|verwenden|benutzen|nennen|nutzen|schreiben"
        r"|erwähnt|gesagt|verwendet|benutzt|genannt|geschrieben)\b)"
        r"|\b(?=(?:das|den|die|der)\s[^.;,\n]+?\s+(?:(?:soll(?:te|ten|en)?|darf|dürfen)\s+)?(?:bitte\s+)?"
        r"(?:nicht|nie|niemals|keinesfalls|auf\s+keinen\s+fall)\s+(?:erwähnen|sagen|verwenden|benutzen|nennen"
        r"|nutzen|schreiben|erwähnt|gesagt|verwendet|benutzt|genannt|geschrieben)\b))"
        r"[\s,:]*(?:(?:das|dem|den)\s+(?:wort|begriff|ausdruck)\s+|the\s+words?\s+)?"
        r"(?:(?:den|die|das|dem|der|des|ein|eine|einen|einem|the)\s+)?[\"'„“‚‘»«]?"
        r"([^.;\n\"'„“”‚‘’»«]+?)"
        r"(?=[\"'“”‘’»«]?\s*(?:[.;\n!?]|$|,\s*(?:und|aber|sondern|dafür|stattdessen|and|but)\b)|[\"'“”‘’»«]?\s+(?:(?:soll(?:te|ten|en)?|darf|dürfen)\s+)?(?:bitte\s+)?"
        r"(?:nicht|nie|niemals|keinesfalls|auf\s+keinen\s+fall|erwähnen|sagen|verwenden|benutzen|nennen"
        r"|nutzen|schreiben|erwähnt|gesagt|verwendet|benutzt|genannt|geschrieben)\b)"
    ),
)
