"""Reading one ``Received`` header into a :class:`~lapnet.analysis.types.Hop`.

Every MTA writes the same skeleton (RFC 5321 section 4.4) and decorates it its own way::

    from <name> (<tcp-info>) by <host> (<comment>) with <protocol> id <id> for <addr>; <date>

so a header is read in two steps. One tokenising pass, common to all dialects, cuts the text before
the last ``;`` into clauses (``from``, ``by``, ``via``, ``with``, ``id``, ``for``), each with its words
and its parenthesised comments; the date after the ``;`` is read on its own. Then the dialect is
recognised from the marks MTAs leave (``(Postfix)``, ``(8.12.8/8.12.8)``, ``(Exim 4.96)``,
``(qmail 123 invoked ...)``, ``with Microsoft SMTP Server``, ``by mx.google.com``...), and it says
which name in the ``from`` clause is the HELO and which the reverse-DNS name:

* Postfix, Sendmail, Gmail and most others: ``from helo (rdns [ip])``, ``from helo (unknown [ip])``,
  ``from helo (user@rdns [ip] (may be forged))``: the name after ``from`` is the HELO.
* Exim: ``from rdns ([ip] helo=x)``, ``from [ip] (helo=x)``: the name after ``from`` is the rDNS.
* qmail and Yahoo's SMTP: ``from rdns (HELO x) (ip)``, ``from unknown (HELO x) (ip)``: the rDNS too.
* Exchange: ``from helo (ip)``, ``from helo ([ip])``: the HELO; Exchange records no rDNS.
* Webmail: ``from [ip] by web1.mail.yahoo.com via HTTP``, ``from ip by ... with HTTP``: no HELO.

:func:`parse_received` never raises: what it cannot read stays ``None``, and a header with no clause
(``from``, ``by``, ``with``...) nor any address gets the dialect :data:`UNPARSABLE`. Judging hops
(verdict, reason, flags) is the job of :mod:`lapnet.analysis.origin`, which reads headers with
:func:`read_received` so that each hop's :class:`Hop` is built only once.

The parser runs on every message, so it is written for speed (figures and how to reproduce them in
``docs/origin.md``): ``str.split`` and ``str.find`` rather than a regular expression per token, cheap
``in`` tests before any regular expression, one match for the common date form, and IPv4 and IPv6
literals read by hand rather than by :mod:`ipaddress` (same answers). What a relay writes the same way
in every header (its own ``by`` side; the ``from`` clause of the relay that hands it mail; the day and
zone of a date) is worked out once and cached, so that a reporter's own hops cost a look-up.

The package: :mod:`.reading` tokenises a header and reads its clauses (:func:`read_received`),
:mod:`.addresses` reads IP literals and host names, :mod:`.dates` the date after the ``;``.
"""

from __future__ import annotations

from lapnet.analysis.received.addresses import ip_value, normalise_ip, registrable_part
from lapnet.analysis.received.dates import parse_received_date
from lapnet.analysis.received.reading import UNPARSABLE, ReceivedFields, parse_received, read_received

__all__ = [
    "UNPARSABLE",
    "ReceivedFields",
    "ip_value",
    "normalise_ip",
    "parse_received",
    "parse_received_date",
    "read_received",
    "registrable_part",
]
