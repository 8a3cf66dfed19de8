"""Synthetic narratives in English and Spanish with a realistic word-frequency spread.

A narrative is three to seven sentences built from templates whose slots draw from word lists
with Zipf-like weights, plus invented surnames, so some words occur in a third of the reports
and others in one report in tens of thousands: enough to measure selective and broad keyword
searches. Nothing here is real: no name, school or event.
"""

from __future__ import annotations

import random
from functools import cache
from itertools import accumulate
from string import Formatter

PLACES_EN = [
    "hallway",
    "cafeteria",
    "bus",
    "locker room",
    "gym",
    "library",
    "classroom",
    "playground",
    "parking lot",
    "stairwell",
    "science lab",
    "band room",
    "auditorium",
    "bus stop",
    "group chat",
    "soccer field",
    "art room",
    "front office",
    "portable",
    "courtyard",
]
PLACES_ES = [
    "pasillo",
    "cafeteria",
    "autobus",
    "vestidor",
    "gimnasio",
    "biblioteca",
    "salon",
    "patio",
    "estacionamiento",
    "escalera",
    "laboratorio",
    "auditorio",
    "parada",
    "chat del grupo",
    "cancha",
    "oficina",
    "recreo",
]
ACTS_EN = [
    "called",
    "mocked",
    "pushed",
    "excluded",
    "threatened",
    "followed",
    "laughed at",
    "imitated",
    "shoved",
    "tripped",
    "ignored",
    "insulted",
    "filmed",
    "cornered",
    "taunted",
    "harassed",
    "singled out",
    "humiliated",
    "grabbed",
    "blocked",
]
ACTS_ES = [
    "insultaron",
    "empujaron",
    "excluyeron",
    "amenazaron",
    "siguieron",
    "burlaron",
    "imitaron",
    "ignoraron",
    "grabaron",
    "acorralaron",
    "humillaron",
    "molestaron",
    "golpearon",
    "acosaron",
]
TARGETS_EN = [
    "my son",
    "my daughter",
    "a classmate",
    "a new student",
    "my friend",
    "the student",
    "a sixth grader",
    "a freshman",
    "my child",
    "a girl in my class",
    "a boy on the team",
    "an English learner",
    "a student who uses a wheelchair",
    "my nephew",
    "my stepdaughter",
]
TARGETS_ES = [
    "mi hijo",
    "mi hija",
    "un companero",
    "una estudiante nueva",
    "mi amigo",
    "un alumno de sexto",
    "mi sobrina",
    "un estudiante que usa silla de ruedas",
]
SUBJECTS_EN = [
    "older students",
    "two boys",
    "a group of girls",
    "a teammate",
    "a substitute teacher",
    "the coach",
    "a bus driver",
    "some eighth graders",
    "a lunch aide",
    "classmates",
    "students from another school",
    "a teacher",
    "an assistant principal",
    "upperclassmen",
]
SUBJECTS_ES = [
    "unos estudiantes mayores",
    "dos ninos",
    "un grupo de ninas",
    "un companero del equipo",
    "el entrenador",
    "el chofer",
    "unos alumnos de octavo",
    "una maestra",
    "otros alumnos",
]
WORDS_EN = [
    "slur",
    "racist",
    "names",
    "jokes",
    "accent",
    "hijab",
    "turban",
    "skin",
    "hair",
    "gay",
    "trans",
    "pronouns",
    "disability",
    "autism",
    "wheelchair",
    "deaf",
    "immigrant",
    "deported",
    "border",
    "religion",
    "church",
    "mosque",
    "synagogue",
    "Ramadan",
    "period",
    "dress code",
    "pregnant",
    "weight",
    "braces",
    "glasses",
    "speech",
    "stutter",
    "graffiti",
    "swastika",
    "noose",
    "monkey",
    "video",
    "photo",
    "rumor",
    "post",
    "comment",
    "message",
    "detention",
    "suspension",
    "referral",
    "grade",
    "seat",
    "team",
    "tryouts",
    "field trip",
    "recess",
    "lunch table",
    "interpreter",
    "accommodation",
    "IEP",
    "ramp",
    "elevator",
    "nurse",
]
WORDS_ES = [
    "apodo",
    "racista",
    "chistes",
    "acento",
    "piel",
    "cabello",
    "religion",
    "iglesia",
    "inmigrante",
    "deportar",
    "frontera",
    "discapacidad",
    "silla",
    "sordo",
    "idioma",
    "ingles",
    "espanol",
    "video",
    "foto",
    "rumor",
    "mensaje",
    "comentario",
    "castigo",
    "suspension",
    "calificacion",
    "equipo",
    "excursion",
    "recreo",
    "interprete",
    "ascensor",
    "enfermera",
    "embarazada",
    "peso",
    "lentes",
    "tartamudeo",
    "grafiti",
    "burla",
    "insulto",
]
TIMES_EN = [
    "every morning",
    "after school",
    "during lunch",
    "on the way home",
    "last Friday",
    "for weeks",
    "twice this month",
    "yesterday",
    "since September",
    "during PE",
    "before first period",
    "at the game",
    "on a field trip",
    "over the weekend",
]
TIMES_ES = [
    "todas las mananas",
    "despues de clases",
    "en el almuerzo",
    "camino a casa",
    "el viernes pasado",
    "desde hace semanas",
    "dos veces este mes",
    "ayer",
    "desde septiembre",
    "en educacion fisica",
    "durante el partido",
]
CLOSINGS_EN = [
    "Nobody stopped it.",
    "A teacher saw it and did nothing.",
    "We reported it before.",
    "I am worried about going back.",
    "We want it to stop.",
    "The school has not called us.",
    "Other students were there.",
    "It is getting worse.",
    "I did not know who to tell.",
    "We are thinking about changing schools.",
]
CLOSINGS_ES = [
    "Nadie hizo nada.",
    "Una maestra lo vio y no hizo nada.",
    "Ya lo reportamos antes.",
    "Tengo miedo de regresar.",
    "Queremos que pare.",
    "La escuela no nos ha llamado.",
    "Otros alumnos estaban ahi.",
    "Cada vez es peor.",
    "Estamos pensando en cambiar de escuela.",
]
SURNAME_PARTS = [
    "al",
    "ber",
    "cas",
    "dor",
    "el",
    "fer",
    "gar",
    "hol",
    "ish",
    "jo",
    "kel",
    "lam",
    "mor",
    "nav",
    "or",
    "pel",
    "quin",
    "ros",
    "sal",
    "tor",
    "ul",
    "ver",
    "win",
    "xan",
    "yor",
    "zal",
]
FIRST_NAMES = [
    "Jordan",
    "Maria",
    "Luis",
    "Aisha",
    "Ethan",
    "Sofia",
    "Mateo",
    "Priya",
    "Noah",
    "Camila",
    "Diego",
    "Emma",
    "Omar",
    "Lucia",
    "Kai",
    "Valentina",
    "Amir",
    "Zoe",
    "Santiago",
    "Mia",
]


@cache
def _slots(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in Formatter().parse(template) if name)


def _zipf_weights(count: int, exponent: float = 1.05) -> list[float]:
    return list(accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


class NarrativeWriter:
    """Deterministic for a given `random.Random`: the same seed writes the same corpus."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._weights: dict[int, list[float]] = {}

    def _pick(self, items: list[str]) -> str:
        weights = self._weights.get(id(items))
        if weights is None:
            weights = self._weights[id(items)] = _zipf_weights(len(items))
        return self.rng.choices(items, cum_weights=weights)[0]

    def surname(self) -> str:
        # ~26^3 invented surnames: each one is rare, like a real name in a real district.
        parts = [self.rng.choice(SURNAME_PARTS) for _ in range(self.rng.choice((2, 3)))]
        return "".join(parts).capitalize()

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.surname()}"

    def narrative(self, language: str) -> str:
        rng = self.rng
        if language == "es":
            places, acts, targets, subjects, words, times, closings = (
                PLACES_ES,
                ACTS_ES,
                TARGETS_ES,
                SUBJECTS_ES,
                WORDS_ES,
                TIMES_ES,
                CLOSINGS_ES,
            )
            templates = (
                "{subject} {act} a {target} en el {place} {time}.",
                "Le dijeron {word} y {word2} enfrente de todos.",
                "{person} {act} a {target} por su {word}.",
                "Paso en el {place} y tambien en el {place2}.",
                "Mandaron un {word} sobre {target} al {place}.",
            )
        else:
            places, acts, targets, subjects, words, times, closings = (
                PLACES_EN,
                ACTS_EN,
                TARGETS_EN,
                SUBJECTS_EN,
                WORDS_EN,
                TIMES_EN,
                CLOSINGS_EN,
            )
            templates = (
                "{subject} {act} {target} in the {place} {time}.",
                "They used a {word} and made {word2} about {target}.",
                "{person} {act} {target} because of the {word}.",
                "It happened in the {place} and again near the {place2}.",
                "Someone shared a {word} of {target} from the {place}.",
            )
        slots = {
            "subject": lambda: self._pick(subjects).capitalize(),
            "act": lambda: self._pick(acts),
            "target": lambda: self._pick(targets),
            "place": lambda: self._pick(places),
            "place2": lambda: self._pick(places),
            "time": lambda: self._pick(times),
            "word": lambda: self._pick(words),
            "word2": lambda: self._pick(words),
            "person": self.person,
        }
        sentences = []
        for _ in range(rng.randint(3, 7)):
            template = rng.choice(templates)
            # Only the template's own slots are drawn (each from its word list's weights).
            values = {name: slots[name]() for name in _slots(template)}
            sentences.append(template.format(**values).capitalize())
        sentences.append(self._pick(closings))
        return " ".join(sentences)


# --------------------------------------------------------------------------- planted campaigns

# Words an author adds when retyping a copied text.
_FILLERS = ["really", "again", "also", "very", "still", "even", "today", "please", "now", "just"]


def near_copy(rng: random.Random, text: str, *, edits: int) -> str:
    """`text` with `edits` small word edits, as a copy-pasted campaign shows: a word dropped, a
    word added, or a word swapped for another."""
    words = text.split()
    for _ in range(edits):
        position = rng.randrange(len(words))
        kind = rng.choice(("drop", "add", "swap"))
        if kind == "drop" and len(words) > 5:
            del words[position]
        elif kind == "add":
            words.insert(position, rng.choice(_FILLERS))
        else:
            words[position] = rng.choice(_FILLERS + SUBJECTS_EN[:5])
    return " ".join(words)


class CampaignCopies:
    """A planted campaign: every narrative is a near copy (0 to 2 word edits) of one base
    narrative, and each copy names its own people, as separate authors would."""

    def __init__(self, rng: random.Random, writer: NarrativeWriter, language: str):
        self.rng, self.writer = rng, writer
        self.base = writer.narrative(language)

    def narrative(self, language: str) -> str:
        return near_copy(self.rng, self.base, edits=self.rng.randint(0, 2))

    def person(self) -> str:
        return self.writer.person()
