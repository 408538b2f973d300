"""One Received header read into its fields: clauses, dialect, the sending and receiving sides."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final, NamedTuple

from lapnet.analysis.received.addresses import _BARE, _HELO, _host_name, _ipv4, normalise_ip
from lapnet.analysis.received.dates import _TRAILING_DATE, _read_date
from lapnet.analysis.types import Hop

UNPARSABLE: Final = "unparsable"
"""The dialect of a header in which no clause (``from``, ``by``, ``with``...) nor any address was found."""


class ReceivedFields(NamedTuple):
    """What one Received header says, before it is judged. See :class:`Hop` for the fields."""

    dialect: str
    from_host: str | None
    helo: str | None
    rdns: str | None
    ip: str | None
    by_host: str | None
    id: str | None
    for_address: str | None
    protocol: str | None
    tls: str | None
    authenticated: bool
    timestamp: str | None
    epoch: int | None  # the timestamp as seconds since 1970, for comparing hops
    local: bool  # no client IP because the hand-over happened inside one host (see _is_local)
    may_be_forged: bool  # Sendmail's "(may be forged)": the rDNS name does not resolve back


# --- tokenising ---------------------------------------------------------------------------------------

_KEYWORDS: Final = frozenset({"from", "by", "via", "with", "id", "for"})


def _spellings(word: str) -> list[str]:
    """Every way of writing ``word`` in upper and lower case: "by", "bY", "By", "BY"."""
    if not word:
        return [""]
    return [first + rest for first in (word[0], word[0].upper()) for rest in _spellings(word[1:])]


# Every spelling of the keywords, so that no word needs lower-casing: the keywords are ASCII, and no
# other character lower-cases to one of their letters, so this is exactly what ``str.lower`` would find.
_KEYWORD_SPELLINGS: Final = {spelling: keyword for keyword in _KEYWORDS for spelling in _spellings(keyword)}


# The header's body cut into clauses: the words and comments before the first keyword (in one list),
# then the words of each keyword and its comments.
_Clauses = tuple[list[str], dict[str, list[str]], dict[str, list[str]]]


def _split_clauses(body: str) -> _Clauses:
    """Cut ``body`` into clauses. Comments nest; an unclosed comment runs to the end.

    Words are found with ``str.split`` between comments, and comments with ``str.find``, so that the
    work done in Python is one step a word or a parenthesis, not one a character: a word costs one
    dictionary test (every spelling of the keywords is in it), a comment without parentheses inside
    two searches.
    """
    lead: list[str] = []
    seen: dict[str, list[str]] = {}
    comments_of: dict[str, list[str]] = {}
    words = comments = lead
    length = len(body)
    position = 0
    while position < length:
        start = body.find("(", position)
        segment = body[position:] if start < 0 else body[position:start]
        stray = ")" in segment
        for piece in segment.split():
            # The keywords have two to four letters: longer words (names, IDs) are not even hashed.
            keyword = _KEYWORD_SPELLINGS.get(piece) if len(piece) <= 4 else None
            if keyword is not None and keyword not in seen:
                words = seen[keyword] = []
                comments = comments_of[keyword] = []
                continue
            if stray and ")" in piece:
                if piece.strip(")"):
                    words.append(piece.strip(")"))  # a stray ")"
            else:
                words.append(piece)
        if start < 0:
            break
        end = body.find(")", start + 1)
        if end >= 0 and body.find("(", start + 1, end) < 0:  # the usual comment, with no parenthesis inside
            cursor = end + 1
        else:
            depth = 1
            cursor = end = start + 1
            while depth:
                close = body.find(")", cursor)
                if close < 0:  # unclosed: the comment runs to the end
                    end = cursor = length
                    break
                nested = body.find("(", cursor, close)
                if nested >= 0:
                    depth += 1
                    cursor = nested + 1
                else:
                    depth -= 1
                    end = close
                    cursor = close + 1
        comment = body[start + 1 : end]
        folded = "\n" in comment or "\t" in comment or "  " in comment
        comments.append(" ".join(comment.split()) if folded else comment)
        position = cursor
    return lead, seen, comments_of


# --- dialects -----------------------------------------------------------------------------------------

# Marks left in the "by" and "with" clauses and in lead comments, lower-cased, tried in this order (the
# most frequent first: a header carries the marks of one MTA only).
_DIALECT_MARKS: Final = (
    ("postfix", "postfix"),
    ("microsoft smtp", "exchange"),
    ("microsoft esmtp", "exchange"),
    ("smtpsvc", "exchange"),
    ("microsoft exchange", "exchange"),
    ("internet mail service", "exchange"),  # Exchange 5.5
    ("frontend transport", "exchange"),
    ("mailbox transport", "exchange"),
    ("exim", "exim"),
    ("qmail", "qmail"),
    ("fetchmail", "fetchmail"),
    ("sendmail", "sendmail"),
    ("/submit", "sendmail"),
    ("amavisd", "amavisd"),
    ("iplanet", "iplanet"),
    ("sun java", "iplanet"),
    ("oracle communications", "iplanet"),
    ("intermail", "intermail"),
    ("smtpd32", "imail"),
    ("powermta", "powermta"),
    ("cyrus", "cyrus"),
    ("domino", "domino"),
    ("lotus", "domino"),
    ("mdaemon", "mdaemon"),
    ("communigate", "communigate"),
    ("mercury", "mercury"),
)
# Sendmail's "(8.12.8/8.12.8)": its version, then the configuration's.
_SENDMAIL_VERSION: Final = re.compile(r"\b\d+\.\d+\.\d+[\w.+-]*/[\w.-]+")
# Protocol names (RFC 3848, RFC 6531 and what MTAs write), recognised in any case; other words after
# "with" count as a protocol only when written in capitals ("with NNFMP").
_PROTOCOLS: Final = frozenset(
    {
        "SMTP", "ESMTP", "ESMTPS", "ESMTPA", "ESMTPSA", "SMTPS", "SMTPSA", "ASMTP", "BSMTP",
        "LMTP", "LMTPS", "LMTPA", "LMTPSA", "UTF8SMTP", "UTF8SMTPS", "UTF8SMTPA", "UTF8SMTPSA",
        "UTF8LMTP", "UTF8LMTPS", "UTF8LMTPA", "UTF8LMTPSA", "HTTP", "HTTPS", "HTTPREST",
        "IMAP", "POP3", "POP", "QMQP", "MAPI", "LOCAL", "UUCP", "SPOOL", "TCP",
    }
)  # fmt: skip
_CAPITALS: Final = re.compile(r"[A-Z][A-Z0-9]{1,11}")
# "TLSv1.2", "TLS1_2", "TLS1.3", "TLSv1/SSLv3", "SSLv3", matched where "TLS" or "SSL" starts a word.
_TLS_VERSION: Final = re.compile(r"(?:TLS|SSL)v?\d(?:[._]\d)?(?:/SSLv\d)?\b")
_AUTHENTICATED: Final = re.compile(
    r"\(authenticated\b|authenticated (?:sender|user|as)\b|\bAUTH:\s|\bwith (?:login|plain|cram-md5)\b|\bauth=(?!none)\w",
    re.IGNORECASE,
)
# Authenticated submission protocols registered by RFC 3848 (with the UTF8 ones of RFC 6531).
_AUTH_PROTOCOLS: Final = frozenset(
    {"ESMTPA", "ESMTPSA", "LMTPA", "LMTPSA", "UTF8SMTPA", "UTF8SMTPSA", "UTF8LMTPA", "UTF8LMTPSA"}
)
_MAY_BE_FORGED: Final = re.compile(r"\(may\s+be\s+forged\)", re.IGNORECASE)
_LOCALHOST: Final = frozenset({"localhost", "localhost.localdomain", "localhost6", "127.0.0.1", "::1"})
_LOCAL_PROTOCOLS: Final = frozenset({"MAPI", "LOCAL", "SPOOL", "UUCP", "IMAP", "POP3", "POP"})


@lru_cache(maxsize=2048)
def _marked_dialect(signature: str) -> str | None:
    """The MTA whose marks a lower-cased signature (``by`` and ``with`` comments and words) carries.

    Cached: every header a relay writes carries the same signature.
    """
    if "/" in signature and _SENDMAIL_VERSION.search(signature) is not None and "postfix" not in signature:
        return "sendmail"
    for needle, name in _DIALECT_MARKS:
        if needle in signature:
            return name
    return None


def _dialect(by: _ByClause, by_host: str | None, protocol: str | None) -> str:
    _, by_comments, with_words, with_comments, _, lead, has_from = by
    if lead[:6].lower() == "qmail " or " invoked " in lead:
        return "qmail"  # (qmail 1234 invoked from network), and kin: (cpmta 123 invoked from network)
    signature = " ".join((*by_comments, *with_words, *with_comments, lead)).lower()
    marked = _marked_dialect(signature)
    if marked is not None:
        return marked
    if protocol == "MAPI":
        return "exchange"
    if any(comment[:3] == "qp " for comment in by_comments):
        return "qmail"  # qmail's "by host (qp 1234)"
    host = (by_host or "").lower()
    if host.endswith((".google.com", ".googlemail.com")):
        return "gmail"
    if ".yahoo." in host:
        return "yahoo"
    if host.endswith((".outlook.com", ".office365.com", ".exchangelabs.com")):
        return "exchange"
    if ".hotmail." in host or host.endswith(".msn.com"):
        return "hotmail"
    if not has_from and protocol in {"SMTP", "ESMTP"} and normalise_ip(host) is not None:
        return "gmail"  # Gmail's inner hops: "by 10.x.x.x with SMTP id ...", "by 2002:a05:... with SMTP id"
    return "unknown"


def _tls_version(body: str) -> str | None:
    for mark in ("TLS", "SSL"):
        start = body.find(mark)
        while start >= 0:
            if start == 0 or not body[start - 1].isalnum():
                match = _TLS_VERSION.match(body, start)
                if match is not None:
                    return match.group(0)
            start = body.find(mark, start + 3)
    return None


# What a header says of its receiving side, which a relay mostly writes the same way in every header: the
# first word after "by", the comments of "by", the words and comments of "with", the first word after
# "via", the words and comments before the first keyword (joined), and whether there is a "from" clause.
_ByClause = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None, str, bool]


@lru_cache(maxsize=4096)
def _receiving_side(by: _ByClause) -> tuple[str | None, str | None, bool, str]:
    """The receiving host, the protocol named after ``with`` (or ``via HTTP``), whether it is Microsoft's
    SMTP, and the dialect (before the ``from`` clause has its say).

    Cached: a relay describes itself the same way in every header it writes.
    """
    by_word, _, with_words, _, via_word, _, _ = by
    by_host = by_word.strip(";,").rstrip(".") or None if by_word is not None else None
    protocol: str | None = None
    microsoft = False
    if with_words:
        first = with_words[0].rstrip(";,")
        second = with_words[1].upper() if len(with_words) > 1 else ""
        if first.lower() == "microsoft" and second.startswith(("SMTP", "ESMTP")):
            microsoft = True  # "with Microsoft SMTP Server", "with Microsoft SMTPSVC", "with Microsoft ESMTP"
            protocol = "ESMTP"
        elif first.upper() in _PROTOCOLS or _CAPITALS.fullmatch(first):
            protocol = first.upper()
    if protocol is None and via_word is not None and via_word.upper().startswith("HTTP"):
        protocol = via_word.upper().rstrip(";,")  # Yahoo: "via HTTP"
    return by_host, protocol, microsoft, _dialect(by, by_host, protocol)


# --- the client: IP, HELO, rDNS -----------------------------------------------------------------------


def _bracketed(text: str) -> tuple[str, str | None] | None:
    """The first address literal in brackets in ``text``, and the host name written just before it.

    ``rdns [ip]``, ``user@rdns [ip]``, ``unknown [ip]``, ``[ip]``, ``@[ip]``, ``name [IPv6:::1]``,
    ``[fe80::1%8]``, ``[ip]:25``.
    """
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            return None
        inner = text[start + 1 : end]
        # "[1.2.3.4]" is read here at once; anything with a colon goes through normalise_ip
        address = normalise_ip(text[start : end + 1]) if ":" in inner else _ipv4(inner)
        if address is not None:
            before = text[:start].split()
            return address, _host_name(before[-1]) if before else None
        start = text.find("[", end)
    return None


def _client(
    from_words: tuple[str, ...], from_comments: tuple[str, ...]
) -> tuple[str | None, str | None, str | None, bool]:
    """The client IP, the rDNS name beside it, an explicit HELO, and whether the IP stood bare.

    An IP standing bare in a comment, ``(1.2.3.4)``, is how qmail and Exchange write it.
    """
    ip: str | None = None
    rdns: str | None = None
    helo: str | None = None
    bare = False
    for comment in from_comments:
        text = comment
        if "elo" in text or "ELO" in text:
            found = _HELO.search(text)
            if found is not None:
                if helo is None:
                    helo = found.group(1)
                text = text[: found.start()] + text[found.end() :]
        if ip is not None:
            continue
        if "[" in text:
            found_ip = _bracketed(text)
            if found_ip is not None:
                ip, rdns = found_ip
        if ip is None and ("." in text or ":" in text):
            for match in _BARE.finditer(text):
                address = normalise_ip(match.group(1))
                if address is not None:
                    ip = address
                    bare = True
                    break
    if ip is None:
        for word in from_words:
            if "." in word or ":" in word:
                ip = normalise_ip(word.rpartition("@")[2])
                if ip is not None:
                    break
    return ip, rdns, helo, bare


def _is_http(protocol: str | None) -> bool:
    """Whether the protocol is web submission (webmail, HTTP APIs): no HELO is spoken."""
    return protocol is not None and protocol.startswith("HTTP")


def _is_local(
    from_host: str | None, by_host: str | None, protocol: str | None, from_comments: Sequence[str], lead: str
) -> bool:
    """Whether a header without a client IP records a hand-over inside one host.

    ``(qmail 1 invoked by uid 0)``, ``by host (Postfix, from userid 48)``, ``(from user@localhost)``,
    ``by 10.1.2.3 with SMTP id`` (no ``from`` at all), ``from localhost``, ``from host (user@localhost)``,
    ``from mail pickup service``, ``from SpoolDir``, ``from host by host`` (the same name), ``with mapi``,
    ``with local``, and mail fetched by IMAP or POP3.
    """
    if from_host is None:
        return True
    host = from_host.lower().strip("[]")
    if (
        host in _LOCALHOST
        or host.startswith("mail pickup")
        or "spool" in host
        or ("@" in host and "[" not in host)
    ):
        return True
    if protocol is not None and protocol in _LOCAL_PROTOCOLS:
        return True
    if any("localhost" in comment for comment in from_comments) or "localhost" in lead:
        return True
    if by_host is None:
        return False
    by = by_host.lower()
    if "." in by and "." in host:
        return by == host
    return by.split(".", 1)[0] == host.split(".", 1)[0]  # "from hippolyta by hippolyta.crd.ge.com"


# --- the parser ---------------------------------------------------------------------------------------


def _split_date(text: str) -> tuple[str, str]:
    """The body and the date: the date follows the last ';' that is not inside a comment.

    Without such a ';', a date at the very end of the text is taken (SendGrid, some Go MTAs).
    """
    index = text.rfind(";")
    if index >= 0:
        opens, closes = text.count("(", 0, index), text.count(")", 0, index)
        while opens > closes:  # inside a comment: try the ';' before, counting only the text between
            previous = text.rfind(";", 0, index)
            if previous < 0:
                break
            opens -= text.count("(", previous, index)
            closes -= text.count(")", previous, index)
            index = previous
        else:
            return text[:index], text[index + 1 :]
    if ":" in text:
        match = _TRAILING_DATE.search(text, max(0, len(text) - 160))
        if match is not None:
            return text[: match.start()], match.group(0)
    return text, ""


@lru_cache(maxsize=4096)
def _from_clause(
    from_words: tuple[str, ...], from_comments: tuple[str, ...], dialect: str, http: bool
) -> tuple[str | None, str | None, str | None, str | None, str]:
    """The ``from`` host, client IP, rDNS and HELO of a ``from`` clause, and the dialect as it tells it.

    Cached: a relay writes the same ``from`` clause for every message another relay hands it, so the
    reporter's own hops cost one look-up.
    """
    from_host: str | None = None
    if from_words:
        from_host = from_words[0].rstrip(";,") or None
        if len(from_words) > 1 and all(map(str.isalpha, from_words)):
            from_host = " ".join(from_words)  # "from mail pickup service by ..."
    ip, rdns, helo, bare = _client(from_words, from_comments)
    unknown = from_host is not None and from_host.lower() == "unknown"
    if dialect == "exim" or (bare and (helo is not None or unknown or dialect in {"qmail", "yahoo"})):
        # Exim: "from rdns ([ip] helo=x)"; qmail: "from rdns (HELO x) (ip)". With no HELO written,
        # the client said the name it resolves to.
        name = None
        if from_host is not None and " " not in from_host and normalise_ip(from_host) is None:
            name = _host_name(from_host)
        if rdns is None:
            rdns = name
        if helo is None:
            helo = name
    elif helo is None and from_host is not None and " " not in from_host and not http:
        helo = from_host  # Postfix, Sendmail, Gmail, Exchange and most others: "from helo (rdns [ip])"
    if helo is not None:
        helo = helo.rstrip(".") or None
    if bare and dialect == "unknown" and helo is not None and any("HELO " in c for c in from_comments):
        dialect = "qmail"  # "from unknown (HELO x) (1.2.3.4) by host with SMTP"
    return from_host, ip, rdns, helo, dialect


def read_received(raw: str) -> ReceivedFields:
    """Read one Received header value, folded or not, without judging it. Never raises."""
    body, date_text = _split_date(raw)
    clauses = _split_clauses(body)
    lead_words, words, comments = clauses
    by_words = words.get("by")
    with_words = words.get("with")
    via_words = words.get("via")
    lead = " ".join(lead_words) if lead_words else ""
    by_host, protocol, microsoft, dialect = _receiving_side(
        (
            by_words[0] if by_words else None,
            tuple(comments["by"]) if by_words is not None else (),
            tuple(with_words) if with_words else (),
            tuple(comments["with"]) if with_words is not None else (),
            via_words[0] if via_words else None,
            lead,
            "from" in words,
        )
    )
    # The TLS version or mark, if any: the one thing of the receiving side that varies. One search for
    # the rare capital "L" first (a memchr), which nine headers in ten lack, spares two of "TLS", "SSL".
    tls = _tls_version(body) if "L" in body and ("TLS" in body or "SSL" in body) else None
    if microsoft and tls is not None:
        protocol = "ESMTPS"
    if tls is None and protocol is not None and "SMTPS" in protocol:
        tls = "TLS"  # ESMTPS, ESMTPSA, SMTPS: encrypted, version not recorded
    stamp = _read_date(date_text) if date_text else None

    from_words = words.get("from")
    from_comments = comments.get("from")
    if from_words or from_comments:
        from_host, ip, rdns, helo, dialect = _from_clause(
            tuple(from_words) if from_words else (),
            tuple(from_comments) if from_comments else (),
            dialect,
            protocol is not None and protocol.startswith("HTTP"),
        )
    else:
        from_host = ip = rdns = helo = None

    for_address: str | None = None
    for_words = words.get("for")
    if for_words:
        for_address = for_words[0].strip("<>;,") or None
        if for_address is not None and "@" not in for_address:
            for_address = None
    id_words = words.get("id")
    message_id = id_words[0].strip("<>;,") or None if id_words else None

    authenticated = protocol in _AUTH_PROTOCOLS or (
        ("uth" in body or ("U" in body and "UTH" in body) or "login" in body)
        and _AUTHENTICATED.search(body) is not None
    )
    if not words and ip is None and dialect != "qmail":
        dialect = UNPARSABLE  # not one clause: "(EGP: mail-1_2_3_4); date", garbage
    local = (
        ip is None
        and dialect != UNPARSABLE
        and _is_local(from_host, by_host, protocol, from_comments or (), lead)
    )
    timestamp, epoch = stamp if stamp is not None else (None, None)
    # tuple.__new__ rather than ReceivedFields(...): the same tuple, without the Python-level __new__.
    return tuple.__new__(
        ReceivedFields,
        (
            dialect,
            from_host,
            helo,
            rdns,
            ip,
            by_host,
            message_id,
            for_address,
            protocol,
            tls,
            authenticated,
            timestamp,
            epoch,
            local,
            "forged" in body and _MAY_BE_FORGED.search(body) is not None,
        ),
    )


def parse_received(raw: str, index: int) -> Hop:
    """Read one Received header value (folded or not) into a :class:`Hop`.

    ``index`` is the header's position, 0 for the topmost. The hop's verdict is ``UNPARSED`` and its
    reason empty: :func:`lapnet.analysis.origin.walk_origin` judges it. Never raises.
    """
    fields = read_received(raw)
    return Hop(
        index=index,
        raw=raw,
        dialect=fields.dialect,
        from_host=fields.from_host,
        helo=fields.helo,
        rdns=fields.rdns,
        ip=fields.ip,
        by_host=fields.by_host,
        id=fields.id,
        for_address=fields.for_address,
        protocol=fields.protocol,
        tls=fields.tls,
        authenticated=fields.authenticated,
        timestamp=fields.timestamp,
    )
