"""Sending addresses from the real IPv4 ranges the RIRs delegated to each country, read offline.

The ranges come from the table compiled into the ``iptocc`` wheel (the same data the analysis uses
to geolocate an origin, see :mod:`lapnet.analysis.enrich`), so a generated sending address always
geolocates to the country its campaign sends from. Nothing is downloaded: the table is probed once
per process at /16 granularity (57,000 look-ups, about 30 ms), and each address drawn is checked
again with a look-up of its own before it is used. Hosts are random addresses in those ranges, not
known spammers.

With another ``iptocc`` release the table, and so the addresses drawn for a seed, may change.
"""

from __future__ import annotations

import ipaddress
import random
from functools import cache

import iptocc

# A few hand-picked /24s per country (checked against the same table in tests/runtime/test_demo.py);
# used when the /16 probe finds no block of a country.
SENDER_NETWORKS: dict[str, tuple[str, ...]] = {
    "AR": ("181.46.20.0/24",),
    "BD": ("103.230.104.0/24",),
    "BG": ("95.42.10.0/24",),
    "BR": ("177.72.100.0/24", "189.6.20.0/24"),
    "CI": ("160.154.200.0/24",),
    "CL": ("200.54.10.0/24",),
    "CN": ("113.64.71.0/24", "222.186.30.0/24"),
    "CO": ("181.49.10.0/24",),
    "DE": ("91.64.22.0/24", "87.123.200.0/24"),
    "EG": ("156.196.10.0/24",),
    "FR": ("90.83.14.0/24", "176.31.99.0/24"),
    "GB": ("86.143.10.0/24",),
    "GH": ("154.160.3.0/24",),
    "ID": ("36.73.10.0/24", "182.253.10.0/24"),
    "IN": ("117.196.44.0/24", "49.36.120.0/24"),
    "JM": ("72.27.10.0/24", "63.143.100.0/24"),
    "KE": ("41.90.64.0/24",),
    "MA": ("105.155.3.0/24",),
    "MX": ("189.203.44.0/24",),
    "MY": ("175.139.200.0/24",),
    "NG": ("41.58.12.0/24", "105.112.45.0/24"),
    "NL": ("45.95.147.0/24", "145.131.8.0/24"),
    "PH": ("112.198.70.0/24",),
    "PK": ("39.32.10.0/24",),
    "PL": ("83.24.65.0/24",),
    "RO": ("86.120.31.0/24",),
    "RU": ("95.31.18.0/24", "178.176.40.0/24", "5.188.10.0/24"),
    "SN": ("41.82.100.0/24",),
    "TH": ("171.96.20.0/24",),
    "TR": ("78.180.10.0/24",),
    "UA": ("178.150.10.0/24", "46.219.10.0/24"),
    "US": ("24.14.200.0/24", "68.183.44.0/24", "104.244.72.0/24"),
    "VN": ("113.172.6.0/24", "14.231.200.0/24"),
    "ZA": ("41.13.200.0/24",),
}


@cache
def country_blocks() -> dict[str, tuple[int, ...]]:
    """Country -> the /16 blocks (as the integer of their first address) whose probe lies in it."""
    firsts = [(a << 24) | (b << 16) for a in range(1, 224) for b in range(256)]
    probes = [f"{first >> 24}.{(first >> 16) & 255}.0.1" for first in firsts]
    blocks: dict[str, list[int]] = {}
    for first, country in zip(firsts, iptocc.country_code(probes), strict=True):
        if country:
            blocks.setdefault(country, []).append(first)
    return {country: tuple(found) for country, found in blocks.items()}


def sender_ip(rng: random.Random, country: str) -> str:
    """A public IPv4 address that the RIR data places in ``country``."""
    blocks = country_blocks().get(country, ())
    for _ in range(64 if blocks else 0):
        # a host in a random /24 of a random /16 of the country, never .0, .1 or .255
        value = rng.choice(blocks) | (rng.randrange(256) << 8) | rng.randrange(2, 255)
        address = str(ipaddress.IPv4Address(value))
        if iptocc.country_code(address) == country:
            return address
    network = ipaddress.ip_network(rng.choice(SENDER_NETWORKS[country]))
    return str(network[rng.randrange(2, network.num_addresses - 2)])
