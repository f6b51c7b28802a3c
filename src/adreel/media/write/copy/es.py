"""Spanish copy: neutral Spanish for Spain and Latin America, spoken to one viewer (tú).

Written to be said to camera. No vosotros/ustedes and no regional slang; the product is
referred to as "esto" or through a colon so nothing has to agree with its gender. {reviews}
arrives as a bare numeral ("doscientos", "veintiuno"), which would have to change before a
noun ("doscientas reseñas", "veintiún votos"), so it is only read as a figure:
"número de reseñas: {reviews}", "el contador marca {reviews}".
"""

from adreel.media.write.library import Library

LIBRARY = Library(
    language="es",
    hooks={
        "problem_solution": [
            "Si alguna vez te has llevado una decepción con {category}, no pases de largo.",
            "Seamos sinceros: en {category}, casi nada cumple lo que promete.",
            "Si ya no sabes qué {category} elegir, mira esto.",
            "Busqué {category} por todas partes y nada me convencía.",
            "Llevaba muchísimo tiempo buscando algo así.",
            "Se acabaron las promesas que nunca se cumplen.",
            "Esta es la solución que ojalá hubiera encontrado antes.",
            "Esto me resolvió un problema que creía sin arreglo.",
        ],
        "three_reasons": [
            "Tres razones por las que {name} vale la pena.",
            "Te doy tres razones para probar {name}.",
            "Tres cosas que marcan la diferencia en {name}.",
            "¿Por qué {name}? Por tres razones.",
            "Tres motivos por los que no paro de recomendar {name}.",
        ],
        "discovery": [
            "Acabo de encontrar lo mejor que he visto en {category}: {name}.",
            "Bueno, tengo que hablarte de {name}.",
            "Tengo un descubrimiento que contarte: {name}.",
            "Te presento {name}, mi nueva obsesión.",
            "No esperaba que {name} me gustara tanto, la verdad.",
            "Esto es {name}, de {brand}, y es otro nivel.",
        ],
        "social_proof": [
            "Ojo al número de reseñas de {name}: {reviews}. Por algo será.",
            "Por algo {name} tiene {rating} estrellas.",
            "¿Por qué {name} tiene una media de {rating} sobre cinco? Te lo cuento.",
            "No te fíes solo de mí: mira lo que dicen las reseñas de {name}.",
            "¿De verdad vale la pena {name}? Vamos a ver qué dicen las reseñas.",
            "{rating} sobre cinco para {name}. Las estrellas no mienten.",
            "Te leo lo que dicen las reseñas de {name}.",
        ],
        "special_offers": [
            "{name} tiene ahora un {discount} de descuento.",
            "Ojo: {name} está ahora a {price}.",
            "Esta es tu señal para llevarte {name} con un {discount} de descuento.",
            "Alerta de oferta: {name} costaba {old_price} y ahora está a {price}.",
            "{discount} de descuento en {name}. Esto no te lo puedes perder.",
            "De {old_price} a {price}: así está ahora {name}.",
        ],
    },
    organic_hooks={
        "problem_solution": [
            "Hablemos de {category} y de lo que casi nadie cuenta.",
            "Algo que aprendí buscando {category}.",
            "Un pequeño cambio que a mí me marcó la diferencia.",
            "Hay un problema del que casi nadie habla.",
            "Lo que me habría gustado saber antes.",
        ],
        "three_reasons": [
            "Tres cosas que me gustan de {name}.",
            "Tres detalles de {name} que vale la pena conocer.",
            "Lo que destaca de {name}, en tres puntos.",
        ],
        "discovery": [
            "¿Conoces {name}?",
            "Un vistazo rápido a {name}, de {brand}.",
            "Hoy quiero mostrarte algo: {name}.",
            "Te cuento qué es {name}.",
        ],
        "social_proof": [
            "¿Qué opina realmente la gente de {name}?",
            "Leí las reseñas de {name} para que tú no tengas que hacerlo.",
            "Número de reseñas de {name}: {reviews}. Veamos qué dicen.",
        ],
        "special_offers": [
            "Si llevabas tiempo mirando {name}, ahora tiene un {discount} de descuento.",
            "Dato rápido: {name} está ahora a {price}.",
            "Para que lo sepas: {name} baja de {old_price} a {price}.",
        ],
    },
    problem=[
        "Gastas un buen dinero y aun así te decepciona.",
        "Pruebas las opciones de siempre y ninguna termina de funcionar.",
        "Frustra mucho que algo tan simple no esté bien hecho.",
        "En internet todo se ve genial, y luego en la vida real, nada que ver.",
    ],
    reveal=[
        "Y entonces encontré {name}.",
        "Ahí es donde entra {name}.",
        "Así que me pasé a {name}, de {brand}.",
        "Te presento {name}.",
        "Esto es {name}, y cambia las cosas.",
    ],
    discovery=[
        "{name} es de {brand}, y se nota el cuidado en cada detalle.",
        "Se llama {name} y es de {brand}.",
        "Esto es {name}, de la marca {brand}.",
        "Se llama {name}.",
    ],
    reason=[
        "Razón número {ordinal}: {benefit}.",
        "Número {ordinal}: {benefit}.",
        "{ordinal}: {benefit}.",
    ],
    ordinals=["uno", "dos", "tres", "cuatro", "cinco", "seis"],
    benefit=[
        "{benefit}.",
        "Además: {benefit}.",
        "Y lo mejor de todo: {benefit}.",
        "Lo que más me gusta: {benefit}.",
        "Y por si fuera poco: {benefit}.",
        "Otro punto a favor: {benefit}.",
    ],
    proof=[
        "Puntuación: {rating} sobre cinco. Número de reseñas: {reviews}.",
        "Una media de {rating} estrellas, y el contador de reseñas marca {reviews}.",
        "Los clientes le dan {rating} sobre cinco.",
        "El contador de reseñas ya marca {reviews}.",
    ],
    quote=[
        "Una reseña lo dice claro: {quote}.",
        "{reviewer} escribió: {quote}.",
        "Esta es una reseña real: {quote}.",
        "Alguien lo resumió a la perfección: {quote}.",
    ],
    offer=[
        "Ahora mismo te ahorras un {discount}.",
        "Baja de {old_price} a {price}.",
        "Antes costaba {old_price}. Ahora está a {price}.",
        "Es un {discount} menos que el precio habitual.",
    ],
    price=[
        "Y todo por {price}.",
        "Todo eso por {price}.",
        "Cuesta {price}.",
    ],
    urgency=[
        "Las ofertas así no duran para siempre.",
        "Yo lo aprovecharía mientras siga a este precio.",
        "No lo dejes para después.",
    ],
    objection=[
        "¿Te parece demasiado bueno para ser verdad? Mira el número de reseñas: {reviews}.",
        "¿No sabes si vale la pena? {rating} estrellas dicen que sí.",
        "Yo también tenía mis dudas, hasta que lo miré con calma.",
        "Si todavía lo estás pensando, mira bien los detalles.",
    ],
    usage=[
        "Encaja en tu día a día sin complicaciones.",
        "Es de esas cosas que usas una y otra vez.",
        "Pruébalo una vez y entenderás lo que digo.",
        "Hace que el día a día sea un poco mejor.",
    ],
    detail=[
        "{sentence}",
        "Fíjate en esto: {sentence}",
        "Y ojo: {sentence}",
    ],
    look=[
        "Míralo de cerca.",
        "Fíjate en los detalles.",
        "Mira esto.",
        "Déjame mostrártelo.",
    ],
    cta=[
        "Toca el enlace y haz tu pedido hoy.",
        "Llévate {name} hoy por {price}.",
        "Aprovecha el {discount} de descuento y pídelo ya.",
        "Echa un vistazo a {name} en el enlace de abajo.",
        "Haz tu pedido y compruébalo tú.",
        "Toca abajo y prueba {name}.",
    ],
    organic_endings=[
        "¿Tú lo probarías?",
        "Cuéntame qué te parece.",
        "Para mí, vale la pena echarle un vistazo.",
        "Te dejo el enlace por si quieres verlo.",
    ],
    audience=[
        "Esto va para {audience}.",
        "Atención, {audience}.",
        "Un mensaje para {audience}.",
    ],
    mention=[
        "Y algo que conviene saber: {term}.",
        "Y sí: {term}.",
        "Un detalle importante: {term}.",
    ],
    tone_lines={
        "playful": ["A ver, escúchame un segundo.", "No, en serio.", "Me encanta, y no pienso disimularlo."],
        "luxury": ["Hay cosas que sencillamente están mejor hechas.", "Una calidad que se nota.",
                   "Los detalles lo son todo."],
        "urgent": ["Espera, no sigas bajando.", "Para un segundo y mira esto."],
        "calm": ["Vamos a bajar el ritmo un momento.", "Algo sencillo, sin prisas."],
    },
    tone_words={
        "playful": ["divertido", "divertida", "gracioso", "graciosa", "humor", "desenfadado", "desenfadada",
                    "informal", "juguetón", "juguetona", "bromista", "cercano", "cercana",
                    "fun", "funny", "playful", "humour", "witty", "cheeky", "casual"],
        "luxury": ["lujo", "lujoso", "lujosa", "premium", "elegante", "sofisticado", "sofisticada", "exclusivo",
                   "exclusiva", "refinado", "refinada", "alta gama",
                   "luxury", "elegant", "sophisticated", "upscale", "classy"],
        "urgent": ["urgente", "urgencia", "prisa", "escasez", "limitado", "limitada", "ya mismo",
                   "urgent", "urgency", "hurry", "fomo", "scarcity", "limited"],
        "calm": ["tranquilo", "tranquila", "calma", "calmado", "calmada", "suave", "relajado", "relajada",
                 "sereno", "serena", "minimalista",
                 "calm", "soft", "gentle", "relaxed", "soothing", "minimal"],
    },
    mention_pattern=(
        r"(?<!no )(?<!no se )(?<!sin )(?<!nunca )(?<!evita )(?<!evite )(?<!evitar )(?<!n't )(?<!not )(?<!never )"
        r"\b(?:mencion(?:a|e|ar|en)|destac(?:a|ar|ad)|destaque|resalt(?:a|e|ar)|subray(?:a|e|ar)"
        r"|incluy(?:e|a)|incluir|di|diga|decir|nombr(?:a|e|ar)|habl(?:a|e|ar)\s+(?:de|sobre)"
        r"|mention|highlight|include|emphasi[sz]e|say)"
        r"\s+(?:que\s+|that\s+)?"
        # the term runs to the end of the sentence, or to an instruction to avoid something
        r"((?:(?!\b(?:evit|no\s+(?:se\s+)?(?:menciones|mencione|digas|diga|uses|use|hables|hable|nombres|incluyas)"
        r"|nunca\s|sin\s+(?:mencionar|decir|usar|nombrar|hablar)|avoid|don'?t|do\s+not|never|without)\b)[^.;\n])+)"
    ),
    avoid_pattern=(
        r"\b(?:evit(?:a|e|ar|en)\s+(?:(?:mencionar|decir|usar|utilizar|nombrar|hablar\s+(?:de|del|sobre))\s+)?"
        r"|no\s+(?:menciones|mencione|mencionen|digas|diga|digan|uses|use|usen|utilices|utilice"
        r"|nombres|nombre|incluyas|incluya)\s+"
        r"|no\s+(?:hables|hable|hablen)\s+(?:de|del|sobre)\s+"
        r"|no\s+se\s+(?:mencione|diga|nombre|use|hable\s+(?:de|del|sobre))\s+"
        r"|nunca\s+(?:menciones|mencione|digas|diga|uses|use|nombres)\s+"
        r"|sin\s+(?:mencionar|decir|usar|utilizar|nombrar|hablar\s+(?:de|del|sobre))\s+"
        r"|avoid\s+|don'?t\s+(?:say|mention|use)\s+|do\s+not\s+(?:say|mention|use)\s+"
        r"|never\s+(?:say|mention)\s+|without\s+)"
        r"(?:la\s+palabra\s+|el\s+t[eé]rmino\s+|the\s+word\s+)?(?:a\s+)?(?:el\s+|la\s+|los\s+|las\s+|the\s+)?([^.;,\n]+)"
    ),
)
