"""Invented names: the people spam is addressed to, the personas it is signed by, brands and domains.

Recipients get names usual in their language, so personalised greetings read naturally; their
addresses sit at reserved ``.example`` domains (never a real mailbox). Brands and domains are made
from words of the campaign's kind (``royal-jackpot-claims.com``), so 200 lottery operations are 200
different lotteries; :class:`DomainRegistry` keeps every domain of one generation unique.
"""

from __future__ import annotations

import random
import unicodedata
from functools import lru_cache

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("James", "Sarah", "David", "Emma", "Michael", "Laura", "Daniel", "Rachel", "Thomas", "Helen"),
    "fr": (
        "Camille",
        "Julien",
        "Sophie",
        "Nicolas",
        "Claire",
        "Mathieu",
        "Élodie",
        "François",
        "Léa",
        "Hugo",
    ),
    "de": ("Jürgen", "Anna", "Stefan", "Katrin", "Markus", "Sabine", "Lukas", "Julia", "Thomas", "Birgit"),
    "es": ("Lucía", "Javier", "Carmen", "Alejandro", "Marta", "Pablo", "Isabel", "Sergio", "Elena", "Diego"),
    "pt": ("João", "Ana", "Pedro", "Mariana", "Tiago", "Beatriz", "Rafael", "Juliana", "Lucas", "Camila"),
    "it": (
        "Giulia",
        "Marco",
        "Francesca",
        "Luca",
        "Chiara",
        "Alessandro",
        "Sara",
        "Matteo",
        "Elisa",
        "Paolo",
    ),
    "nl": ("Sanne", "Daan", "Lotte", "Bram", "Femke", "Jeroen", "Eva", "Sander", "Anouk", "Ruben"),
    "ko": ("민준", "서연", "지훈", "하은", "현우", "지민", "도윤", "수빈", "예준", "유진"),
    "lt": ("Jonas", "Rūta", "Tomas", "Eglė", "Mantas", "Giedrė", "Lukas", "Austėja", "Darius", "Ieva"),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Smith", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Carter", "Turner"),
    "fr": ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux", "Fontaine", "Blanc"),
    "de": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Krüger", "Wolf"),
    "es": ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno"),
    "pt": ("Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira", "Ribeiro", "Lima"),
    "it": ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Greco", "Bruno"),
    "nl": ("de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"),
    "ko": ("김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"),
    "lt": ("Kazlauskas", "Petrauskas", "Jankauskas", "Stankevičius", "Vasiliauskas", "Žukauskas", "Butkus",
           "Paulauskas", "Urbonas", "Navickas"),
}  # fmt: skip

# The mail services of the people who report (reserved .example names: never a real mailbox).
VICTIM_DOMAINS = (
    "mail.example",
    "webpost.example",
    "inbox-provider.example",
    "isp-broadband.example",
    "fastmail-service.example",
    "telco-mail.example",
    "univ-campus.example",
    "citymail.example",
)
# The receiving side of the Received chain: the reporter's inbound MX and mailbox store.
RECEIVERS = (
    "mail.example",
    "webpost.example",
    "isp-broadband.example",
    "telco-mail.example",
    "univ-campus.example",
    "citymail.example",
)
PERSONAS = (
    "Peter Walsh", "Richard Moore", "Henry Collins", "Margaret Lewis", "Susan Clarke", "James Okafor",
    "Daniel Mensah", "Grace Adebayo", "William Hart", "Victoria Stone", "Samuel Brooks", "Helen Ward",
    "Anthony Reid", "Catherine Bell", "Mark Stevens", "Linda Hayes", "Edward Grant", "Patricia Cole",
)  # fmt: skip
FREEMAIL = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "proton.me",
    "hotmail.com",
    "aol.com",
    "gmx.com",
    "mail.com",
)


def full_name(rng: random.Random, language: str) -> tuple[str, str]:
    """A (first name, full name) usual in ``language`` (family name first in Korean)."""
    firsts = FIRST_NAMES.get(language, FIRST_NAMES["en"])
    lasts = LAST_NAMES.get(language, LAST_NAMES["en"])
    first, last = rng.choice(firsts), rng.choice(lasts)
    return first, (f"{last}{first}" if language == "ko" else f"{first} {last}")


def mailbox_of(rng: random.Random, language: str, first: str, full: str) -> str:
    """An address for that person at a reserved ``.example`` domain."""
    if language == "ko":
        local = f"user{rng.randrange(100, 99999)}"
    else:
        local = ascii_slug(full, ".")
        if rng.random() < 0.5:
            local = f"{ascii_slug(first, '')[:1]}.{ascii_slug(full.split(' ', 1)[-1], '')}"
        if rng.random() < 0.4:
            local += str(rng.randrange(1, 99))
    return f"{local}@{rng.choice(VICTIM_DOMAINS)}"


@lru_cache(maxsize=4096)
def ascii_slug(text: str, separator: str = "-") -> str:
    """``Élodie Lefèvre`` -> ``elodie-lefevre``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return separator.join(words)


class DomainRegistry:
    """Invents domains from words, each one once in a generation."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def invent(self, rng: random.Random, words: tuple[str, ...], tlds: tuple[str, ...]) -> str:
        for attempt in range(1000):
            count = rng.choice((2, 2, 3))
            picked = rng.sample(words, min(count, len(words)))
            joiner = rng.choice(("-", "-", ""))
            label = joiner.join(picked)
            if attempt > 2 or rng.random() < 0.25:
                label += rng.choice(("", "-")) + str(rng.randrange(1, 999))
            domain = f"{label}.{rng.choice(tlds)}"
            if domain not in self._used and len(label) <= 60:
                self._used.add(domain)
                return domain
        raise RuntimeError("no unused domain left")  # pragma: no cover - the space is far larger

    def claim(self, domain: str) -> None:
        self._used.add(domain)
