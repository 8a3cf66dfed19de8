"""Spotting reports that may describe imminent harm, so they are shown first.

Deliberately broad: a false alarm costs an officer a minute, a miss can cost a life.
"""

import re
import unicodedata

_PHRASES = [
    # English
    r"kill (myself|himself|herself|themselves|me|him|her|them|you)",
    r"suicid\w*",
    r"(hurt|harm|cut)(ing)? (myself|himself|herself|themselves)",
    r"self[- ]?harm\w*",
    r"end (my|his|her|their) life",
    r"want(s|ed)? to die",
    r"(bring|bringing|brought|has|have|had) a (gun|knife|weapon)",
    r"shoot(ing)? (up|the school|us|them|him|her)",
    r"bomb",
    r"threat(en|ened|ening)? to (kill|hurt|shoot|stab)",
    r"(sexual(ly)? abuse\w*|molest\w*|rape\w*)",
    # Spanish (accents folded)
    r"matar(me|lo|la|los|las|te)?",
    r"suicidar\w*",
    r"hacerme dano",
    r"quiero morir(me)?",
    r"(trae|traer|trajo|tiene) (un|una) (pistola|arma|cuchillo)",
    r"abuso sexual",
    r"violacion",
]
_PATTERN = re.compile(r"\b(" + "|".join(_PHRASES) + r")\b")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def mentions_imminent_harm(*texts: str) -> bool:
    return any(_PATTERN.search(_fold(text)) for text in texts if text)
