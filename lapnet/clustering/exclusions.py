"""Values that never link reports on their own.

Two rules, both applied before a value becomes a link key:

- the maintained list ``data/exclusions.txt`` (big webmail domains, shorteners' bare domains, w3.org
  and schema hosts, tracking/CDN/e-mail-service hosts, unsubscribe services, social networks):
  a listed domain covers its subdomains and the addresses at it;
- the reporter's own addresses: the recipients of the report (the victim's address and domain
  appear in bodies and forged senders of every message they receive).

The third rule, the frequency rule for values that are everywhere but not listed, needs counts over
all reports and lives in the engine (``lapnet.campaigns.engine``).
"""

from __future__ import annotations

import functools
import ipaddress
from importlib import resources

MAILBOX_TAG = "[mailbox]"  # in a group's header line: anyone can open an address at these domains


@functools.cache
def _groups() -> tuple[frozenset[str], frozenset[str]]:
    """(every listed value, the values of the mailbox providers' groups). A line's ``# ...`` tail is
    the reason it is listed."""
    text = resources.files("lapnet.clustering").joinpath("data/exclusions.txt").read_text("utf-8")
    values: set[str] = set()
    mailbox: set[str] = set()
    in_mailbox_group = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# --"):
            in_mailbox_group = MAILBOX_TAG in stripped
            continue
        value = stripped.split("#", 1)[0].strip().lower()
        if not value:
            continue
        values.add(value)
        if in_mailbox_group:
            mailbox.add(value)
    return frozenset(values), frozenset(mailbox)


def excluded_values() -> frozenset[str]:
    return _groups()[0]


def _listed(domain: str, listed: frozenset[str]) -> bool:
    labels = domain.lower().strip(".").split(".")
    return any(".".join(labels[index:]) in listed for index in range(len(labels) - 1))


def is_excluded_domain(domain: str) -> bool:
    """The domain or one of its parents is on the list."""
    return _listed(domain, excluded_values())


def is_mailbox_provider(domain: str) -> bool:
    """Listed as a webmail or mailbox provider: an address there can be anyone's drop box. An address
    at another listed domain (a brand, a platform, a list or e-mail service) is not a fraudster's:
    phishing forges ``service@paypal.com`` as its Reply-To."""
    return _listed(domain, _groups()[1])


def is_excluded_address(address: str) -> bool:
    return is_excluded_domain(address.rpartition("@")[2])


def is_excluded_ip(value: str) -> bool:
    """Listed relays, and addresses that are not public (private, loopback, documentation...)."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return True
    return not address.is_global or f"ip:{address}" in excluded_values()
