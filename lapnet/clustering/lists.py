"""Mailing-list machinery: what a discussion list adds to every post, spam or ham alike.

A message distributed by a discussion list (Mailman, Yahoo! Groups, SourceForge, ezmlm...) carries
the list's footer (its address, its listinfo page, a sponsor's advert) and the list's headers. None
of that is the sender's: two unrelated posts, a spam and a ham, share it word for word. On the
SpamAssassin corpus the footer alone made a spam whose visible text is empty a near-duplicate of a
one-line question to the same list (Jaccard 0.53), and the list's and the sponsor's addresses and
domains (``lists.sourceforge.net``, ``thinkgeek.com``, ``social@linux.ie``) linked spam and ham.

So, for a message with a discussion list's headers (:data:`LIST_HEADERS`), or with a footer only a
list writes ("mailing list", "listinfo"...: archives and the SpamAssassin corpus strip the headers):

- :func:`split_footer` cuts the footer from the compared text: from the first separator line (a run
  of dashes, underscores, equals signs..., or the signature mark ``--``) among the last lines after
  which a short tail names the list or says "mailing list", "listinfo", "unsubscribe";
- :func:`list_domains`: the registrable domains of the list's own addresses (List-Post, X-BeenThere,
  List-Id), which are never keys (the reporter subscribed to that list: like the reporter's own
  domain, it is in every message they receive from it).

A bulk sender's List-Unsubscribe alone does not make a message a list post: spammers' mailers add
it, pointing at their own domain, which must stay a key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lapnet.analysis.received.addresses import registrable_part

# headers only a discussion list writes (not List-Unsubscribe: bulk mailers, spammers' too, add it)
LIST_HEADERS = ("List-Post", "X-BeenThere", "List-Id", "X-Mailman-Version", "Mailing-List", "X-Mailing-List")
FOOTER_LINES = 40  # a footer is among the last lines of a post
FOOTER_CHARS = 1_200  # and short: a sponsor's block plus the list's own lines
_SEPARATOR = re.compile(r"^\s*(?:--\s*|[-_=*~+#]{8,}.*)$")
# what only a list's footer says; with the list's headers present, its name and "unsubscribe" too
_LIST_MARKERS = ("mailing list", "listinfo", "(un)subscription", "groups sponsor", "list maintainer")
_MARKERS = (*_LIST_MARKERS, "unsubscribe")
_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_LIST_ID = re.compile(r"<([^<>\s]+)>")


def list_names(headers: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The list's names and addresses read from its headers (``(name, value)`` pairs), lower case."""
    names: set[str] = set()
    for name, raw in headers:
        value = raw.lower()
        for address in _ADDRESS.finditer(value):
            names.add(address.group(0))
            names.add(address.group(0).split("@", 1)[0])
        if name.lower() == "list-id":
            for identifier in _LIST_ID.findall(value):
                names.add(identifier)
                names.add(identifier.split(".", 1)[0])
    return tuple(sorted(name for name in names if len(name) >= 3))


def list_domains(headers: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Registrable domains of the list's own addresses and identifier."""
    domains: set[str] = set()
    for name, value in headers:
        if name.lower() not in {"list-post", "x-beenthere", "list-id"}:
            continue
        hosts = [found.group(1) for found in _ADDRESS.finditer(value.lower())]
        if name.lower() == "list-id":
            hosts += [
                identifier.split(".", 1)[1]
                for identifier in _LIST_ID.findall(value.lower())
                if "." in identifier
            ]
        domains.update(registrable_part(host) for host in hosts if "." in host)
    return frozenset(domains)


def split_footer(text: str, names: Iterable[str] = (), *, headers: bool = True) -> tuple[str, str]:
    """``(body, footer)``: the list's footer cut from the end of a list post's text (``footer`` is
    empty when none is recognised). ``headers=False``: the message has no list headers (archives and
    the SpamAssassin corpus strip them, the footer stays): only what nothing but a list's footer says
    counts (a sender's own "unsubscribe" line does not)."""
    lines = text.splitlines()
    markers = (_MARKERS + tuple(name.lower() for name in names)) if headers else _LIST_MARKERS
    for index in range(max(0, len(lines) - FOOTER_LINES), len(lines)):
        if not _SEPARATOR.match(lines[index]):
            continue
        tail = "\n".join(lines[index:])
        if len(tail) <= FOOTER_CHARS and any(marker in tail.lower() for marker in markers):
            return "\n".join(lines[:index]), tail
    return text, ""
