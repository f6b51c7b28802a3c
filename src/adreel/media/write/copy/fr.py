"""French copy: spoken, natural, addressed to viewers with "vous"; written to be said to camera.

The product is never "il" or "elle": it is named, or it is "ça", so nothing has to agree with
its gender. Slots are kept out of places where French would elide ("de {name}" would need
"d'" before a vowel): brands come with "de chez {brand}", categories with "côté {category}"
or "en {category}", which take a singular or a plural.
"""

from adreel.media.write.library import Library

LIBRARY = Library(
    language="fr",
    hooks={
        "problem_solution": [
            "Si vous ne trouvez jamais votre bonheur côté {category}, regardez ça.",
            "Soyons honnêtes : côté {category}, la plupart ne tiennent pas leurs promesses.",
            "Vous ne savez plus quoi choisir en {category} ? Restez deux secondes.",
            "J'ai longtemps cherché côté {category} sans rien trouver de bien.",
            "Ça faisait longtemps que je cherchais un truc pareil.",
            "Fini les achats décevants.",
            "Voici la solution que j'aurais aimé trouver bien plus tôt.",
            "Ça, ça a réglé un problème que je croyais sans solution.",
        ],
        "three_reasons": [
            "Trois raisons pour lesquelles {name} vaut vraiment le coup.",
            "Je vous donne trois raisons d'essayer {name}.",
            "Trois choses qui font toute la différence avec {name}.",
            "Pourquoi {name} ? Trois raisons.",
            "Trois raisons pour lesquelles je recommande {name} à tout le monde.",
        ],
        "discovery": [
            "Je viens de trouver une pépite côté {category} : {name}.",
            "Bon, il faut absolument que je vous parle d'un truc : {name}.",
            "Alors là, j'ai trouvé un truc génial : {name}.",
            "Je vous présente {name}, ma nouvelle obsession.",
            "{name} : je ne m'attendais pas à aimer ça autant.",
            "Voici {name}, de chez {brand}, et franchement, ça change tout.",
        ],
        "social_proof": [
            "{reviews} avis sur {name} : voici ce qu'il faut en retenir.",
            "Si {name} a {rating} étoiles, ce n'est pas pour rien.",
            "Une note de {rating} sur cinq pour {name}. Voyons ce qui se cache derrière.",
            "Sur {name}, ne me croyez pas sur parole. Écoutez plutôt les clients.",
            "Est-ce que {name} vaut vraiment le coup ? Voyons ce que disent les avis.",
            "Je vous lis ce que disent les clients sur {name}.",
        ],
        "special_offers": [
            "{name} est à moins {discount} en ce moment.",
            "Petite alerte : {name} passe à {price}.",
            "Voilà le signe qu'il vous fallait pour craquer : {discount} de réduction sur {name}.",
            "Alerte bon plan : {name}, avant {old_price}, maintenant {price}.",
            "{name} à {price} ? Oui, vous avez bien entendu.",
        ],
    },
    organic_hooks={
        "problem_solution": [
            "Parlons {category}, et de ce qui cloche souvent.",
            "Une chose que j'ai apprise en cherchant côté {category}.",
            "Un petit changement qui a fait une vraie différence pour moi.",
            "Il y a un problème dont presque personne ne parle.",
            "Ce que j'aurais aimé savoir avant.",
        ],
        "three_reasons": [
            "Trois choses que j'aime chez {name}.",
            "Trois détails à connaître sur {name}.",
            "Ce qui distingue {name}, en trois points.",
        ],
        "discovery": [
            "Vous connaissez {name} ?",
            "Petit coup d'œil sur {name}, de chez {brand}.",
            "Quelque chose que je découvre en ce moment : {name}.",
            "Je vous explique ce qu'est {name}.",
        ],
        "social_proof": [
            "Que disent vraiment les avis sur {name} ?",
            "J'ai lu les avis sur {name} pour vous.",
            "J'ai épluché les {reviews} avis sur {name}.",
        ],
        "special_offers": [
            "Si vous lorgnez sur {name} depuis longtemps, c'est le moment : {discount} de réduction.",
            "Petite info : {name} est actuellement à {price}.",
            "À savoir : {name} passe de {old_price} à {price}.",
        ],
    },
    problem=[
        "Vous y mettez le prix, et au final, c'est décevant.",
        "Vous avez testé les options classiques, et aucune ne fonctionne vraiment.",
        "C'est frustrant quand un truc aussi simple est mal fait.",
        "En photo, tout a l'air parfait. Dans la vraie vie, beaucoup moins.",
    ],
    reveal=[
        "Et puis j'ai découvert {name}.",
        "C'est là qu'intervient {name}.",
        "Alors j'ai testé {name}, de chez {brand}.",
        "Voici {name}.",
        "Ça, c'est {name}, et ça change la donne.",
    ],
    discovery=[
        "{name}, ça vient de chez {brand}, et c'est du travail bien fait.",
        "Son nom : {name}. Et c'est signé {brand}.",
        "Ça s'appelle {name}, et ça vient de chez {brand}.",
        "Ça s'appelle {name}.",
    ],
    reason=[
        "Raison numéro {ordinal} : {benefit}.",
        "Numéro {ordinal} : {benefit}.",
        "{ordinal} : {benefit}.",
    ],
    ordinals=["un", "deux", "trois", "quatre", "cinq", "six"],
    benefit=[
        "{benefit}.",
        "En plus : {benefit}.",
        "Le meilleur dans tout ça : {benefit}.",
        "Ce que j'adore : {benefit}.",
        "Et ce n'est pas tout : {benefit}.",
        "Autre point fort : {benefit}.",
    ],
    proof=[
        "{rating} étoiles sur cinq, d'après {reviews} avis.",
        "{reviews} avis, avec une moyenne de {rating} étoiles.",
        "Les clients lui donnent {rating} sur cinq.",
        "On compte déjà {reviews} avis.",
    ],
    quote=[
        "Dans les avis, on lit : {quote}.",
        "{reviewer} a écrit : {quote}.",
        "Voici un vrai avis : {quote}.",
        "Quelqu'un l'a très bien résumé : {quote}.",
    ],
    offer=[
        "Concrètement, vous économisez {discount}.",
        "Le prix tombe de {old_price} à {price}.",
        "Avant, c'était {old_price}. Aujourd'hui, c'est {price}.",
        "Ça fait {discount} de moins que le prix habituel.",
    ],
    price=[
        "Et tout ça pour {price}.",
        "Le tout pour {price}.",
        "Ça coûte {price}.",
    ],
    urgency=[
        "Ce genre de promo ne dure pas éternellement.",
        "À ce prix-là, moi, je n'attendrais pas.",
        "N'attendez pas trop.",
    ],
    objection=[
        "Trop beau pour être vrai ? Regardez plutôt les avis : il y en a {reviews}.",
        "Vous hésitez encore ? La note de {rating} sur cinq parle d'elle-même.",
        "Moi aussi, j'avais des doutes, jusqu'à ce que je m'y intéresse vraiment.",
        "Si vous hésitez, prenez le temps de regarder les détails.",
    ],
    usage=[
        "Ça s'intègre facilement dans votre quotidien.",
        "C'est le genre de truc qu'on utilise encore et encore.",
        "Essayez une fois, et vous verrez ce que je veux dire.",
        "Ça rend le quotidien un peu plus agréable.",
    ],
    detail=[
        "{sentence}",
        "Petit détail qui compte : {sentence}",
        "Et écoutez ça : {sentence}",
    ],
    look=[
        "Regardez de plus près.",
        "Regardez-moi ces détails.",
        "Regardez ça.",
        "Je vous montre.",
    ],
    cta=[
        "Cliquez sur le lien et commandez dès aujourd'hui.",
        "Offrez-vous {name} pour {price} dès aujourd'hui.",
        "Profitez des {discount} de réduction et commandez maintenant.",
        "Découvrez {name} via le lien juste en dessous.",
        "Commandez dès aujourd'hui et jugez par vous-même.",
        "Cliquez juste en dessous et testez {name}.",
    ],
    organic_endings=[
        "Vous testeriez ?",
        "Dites-moi ce que vous en pensez.",
        "À mon avis, ça vaut le coup d'œil.",
        "Je vous mets le lien si vous voulez jeter un œil.",
    ],
    audience=[
        "Si vous êtes {audience}, ça, c'est pour vous.",
        "{audience}, écoutez bien.",
        "Spécial {audience}.",
    ],
    mention=[
        "À savoir aussi : {term}.",
        "Eh oui : {term}.",
        "Petit détail important : {term}.",
    ],
    tone_lines={
        "playful": ["Écoutez-moi bien deux secondes.", "Non mais sérieusement.", "J'adore, et je ne m'en cache pas."],
        "luxury": ["Certaines choses sont tout simplement mieux faites.", "Une qualité qui se sent.",
                   "Tout est dans le détail."],
        "urgent": ["Ne scrollez pas tout de suite.", "Attendez, ne passez pas à côté."],
        "calm": ["On ralentit deux secondes.", "Prenons un instant.", "Quelque chose de tout simple."],
    },
    tone_words={
        "playful": ["ludique", "drôle", "humour", "humoristique", "décalé", "décalée", "décontracté",
                    "décontractée", "amusant", "amusante", "complice", "second degré",
                    "fun", "funny", "playful", "humor", "witty", "cheeky", "casual"],
        "luxury": ["luxe", "luxueux", "luxueuse", "haut de gamme", "premium", "élégant", "élégante", "raffiné",
                   "raffinée", "chic", "sophistiqué", "sophistiquée", "prestige",
                   "luxury", "elegant", "sophisticated", "upscale", "classy"],
        "urgent": ["urgent", "urgente", "urgence", "vite", "pressé", "pressant", "limité", "limitée", "fomo",
                   "urgency", "hurry", "scarcity", "limited"],
        "calm": ["calme", "doux", "douce", "douceur", "apaisant", "apaisante", "zen", "serein", "sereine",
                 "détendu", "détendue", "minimaliste",
                 "calm", "soft", "gentle", "relaxed", "soothing", "minimal"],
    },
    mention_pattern=(
        r"(?<!ne )(?<!n')(?<!sans )(?<!de ne pas )(?<!vite de )(?<!vitez de )(?<!viter de )"
        r"(?<!n't )(?<!not )(?<!never )"
        r"\b(?:mentionn(?:e|ez|er)|cit(?:e|ez|er)|soulign(?:e|ez|er)|(?:mets|mettez|mettre)\s+en\s+avant"
        r"|inclu(?:s|ez|re)|dis|dites|dire|parl(?:e|ez|er)\s+(?:de|du|des)|insist(?:e|ez|er)\s+sur"
        r"|pr[eé]cis(?:e|ez|er)|mention|highlight|include|emphasi[sz]e|say)"
        r"\s+(?:que\s+|qu['’]|that\s+)?"
        # the term runs to the end of the sentence, or to an instruction to avoid something
        r"((?:(?!\b(?:[ée]vit|ne\s+(?:mentionne|dis|dites|cite|parle|utilise)|n['’](?:utilise|[ée]voque)"
        r"|sans\s+(?:mentionner|dire|citer|parler|utiliser)|avoid|don'?t|do\s+not|never|without)\b)[^.;\n])+)"
    ),
    avoid_pattern=(
        r"(?:\b[ée]vit(?:e|ez|er)\s+(?:(?:de\s+(?:mentionner|dire|citer|utiliser|parler\s+(?:de|du|des))"
        r"|d['’](?:utiliser|[ée]voquer))\s+)?"
        r"|\bne\s+(?:mentionne|mentionnez|dis|dites|cite|citez|utilise|utilisez)\s+(?:pas|jamais)\s+"
        r"|\bne\s+(?:parle|parlez)\s+(?:pas|jamais)\s+(?:de|du|des)\s+"
        r"|\bn['’](?:utilise|utilisez|[ée]voque|[ée]voquez|inclus|incluez)\s+(?:pas|jamais)\s+"
        r"|\b(?:sans|de\s+ne\s+pas)\s+(?:mentionner|dire|citer|utiliser|parler\s+(?:de|du|des))\s+"
        r"|\bavoid\s+|\bdon'?t\s+(?:say|mention|use)\s+|\bdo\s+not\s+(?:say|mention|use)\s+"
        r"|\bnever\s+(?:say|mention)\s+|\bwithout\s+)"
        r"(?:le\s+mot\s+|l['’]expression\s+|the\s+word\s+)?(?:le\s+|la\s+|les\s+|l['’]|the\s+)?([^.;,\n]+)"
    ),
)
