"""Messages before they are addressed and routed, and the spun templates they are written from.

Templates use ``str.format`` fields (``{url}``, ``{phone}``) and spintax, as bulk mailers do:
``[[Dear Friend|Dear {first}|Hello]]`` picks one alternative per message. An operation prefers its own
alternative in each group (its "style"), so the operations of one kind read differently from each
other while each keeps a recognisable wording with some variation.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass

_SPIN = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_FORMATTER = string.Formatter()


@dataclass(frozen=True, slots=True)
class Draft:
    """One e-mail before it is addressed and routed: what the sender wrote."""

    language: str
    from_name: str
    from_address: str  # "{recipient}" means the recipient's own address, as extortion mail forges it
    subject: str
    text: str
    html: str | None = None
    reply_to: str | None = None
    attachment: tuple[str, str, bytes] | None = None  # file name, MIME type, bytes
    mailer: str | None = None
    list_unsubscribe: str | None = None


@dataclass(frozen=True, slots=True)
class Sms:
    language: str
    sender: str
    text: str


class Template:
    """A spun text: literal pieces and groups of alternatives, parsed once."""

    __slots__ = ("fields", "groups", "pieces", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str | tuple[str, ...]] = []
        end = 0
        for match in _SPIN.finditer(source):
            self.pieces.append(source[end : match.start()])
            self.pieces.append(tuple(match.group(1).split("|")))
            end = match.end()
        self.pieces.append(source[end:])
        self.groups = sum(1 for piece in self.pieces if isinstance(piece, tuple))
        self.fields = frozenset(
            name for _, name, _, _ in _FORMATTER.parse(source.replace("[[", "").replace("]]", "")) if name
        )

    def spin(self, rng: random.Random, style: int, loyalty: float = 0.75) -> str:
        """One wording: in each group the operation's own alternative, or now and then another."""
        out: list[str] = []
        group = 0
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            group += 1
            if rng.random() < loyalty:
                out.append(piece[(style + group * 7) % len(piece)])
            else:
                out.append(rng.choice(piece))
        return "".join(out)


def html_of(paragraphs: list[str], link_text: str, url: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif">\n'
        f'{body}\n<p><a href="{url}" style="background:#0b5cad;color:#fff;padding:10px 18px;'
        f'text-decoration:none">{link_text}</a></p>\n</body></html>'
    )
