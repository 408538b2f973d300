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


@functools.cache
def excluded_values() -> frozenset[str]:
    text = resources.files("lapnet.clustering").joinpath("data/exclusions.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def is_excluded_domain(domain: str) -> bool:
    """The domain or one of its parents is on the list."""
    listed = excluded_values()
    labels = domain.lower().strip(".").split(".")
    return any(".".join(labels[index:]) in listed for index in range(len(labels) - 1))


def is_excluded_address(address: str) -> bool:
    return is_excluded_domain(address.rpartition("@")[2])


def is_excluded_ip(value: str) -> bool:
    """Listed relays, and addresses that are not public (private, loopback, documentation...)."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return True
    return not address.is_global or f"ip:{address}" in excluded_values()
