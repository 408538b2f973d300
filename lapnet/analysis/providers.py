"""Shipped presets for the header walk: the relays of large mailbox providers.

When a reporter configures no trusted networks, the walk cannot tell its mailbox provider's relays from
the sender's: on mail delivered to Microsoft 365 it would name one of Microsoft's own relays as the
origin. SpamAssassin users solve this by adding their provider's published ranges to
``trusted_networks``; this module ships that knowledge as presets. Each :class:`Provider` has a stable
key (recorded in ``Origin.trust_anchors`` as ``preset:<key>``), a name for reasons, the host-name
suffixes its relays write after ``by``, and the networks it publishes for its relays (SPF records,
published IP ranges, registry allocations), with where and when they were read.

The walk (:mod:`lapnet.analysis.origin`) picks the *recipient's* provider from the topmost hops and
trusts a hop only while its ``by`` host carries that provider's suffix and its client lies in that
provider's networks. :func:`preset_networks` lists the networks a preset contributes, so that anyone can
check or reproduce a walk; :data:`PRESETS_VERSION` dates the table. The table is data, not policy:
extend it by adding a :class:`Provider` with sources.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache, lru_cache
from ipaddress import IPv4Network, IPv6Network
from typing import Final

from lapnet.analysis.received import ip_value

__all__ = [
    "PRESETS_VERSION",
    "PROVIDERS",
    "Provider",
    "preset_networks",
    "provider_by_key",
    "provider_for_host",
    "provider_networks_of",
]

PRESETS_VERSION: Final = "2026-11-28"
"""When the table below was last reviewed. A walk re-run with a newer table may differ."""


@dataclass(frozen=True, slots=True)
class Provider:
    """A large mailbox provider: who it is, how its relays name themselves, where they sit."""

    key: str  # stable, recorded as "preset:<key>"
    name: str  # for reasons: "relay of the recipient's provider Microsoft 365 (40.107.0.0/16)"
    host_suffixes: tuple[str, ...]  # ".outlook.com": matches "x.outlook.com" and "outlook.com"
    networks: tuple[str, ...]  # CIDRs of its relays


PROVIDERS: Final[tuple[Provider, ...]] = (
    Provider(
        key="microsoft-365",
        name="Microsoft 365",
        host_suffixes=(
            ".outlook.com",  # *.prod.outlook.com, *.protection.outlook.com, *.mail.protection.outlook.com
            ".office365.com",  # *.outlook.office365.com
            ".exchangelabs.com",
            ".hotmail.com",  # Outlook.com's former names
            ".msn.com",
            ".phx.gbl",  # Hotmail's internal relays
        ),
        networks=(
            # Exchange Online Protection, SPF record spf.protection.outlook.com (and spfd.), as read on
            # 2023-03-26 (github.com/smck83/expurgate, expurgate-resolver/output/spf-protection-outlook-com);
            # the IPv6 /49../52 of the record are given as their /48.
            "40.92.0.0/15",
            "40.107.0.0/16",
            "52.100.0.0/14",
            "104.47.0.0/17",
            "2a01:111:f400::/48",
            "2a01:111:f403::/48",
            "51.4.72.0/24",
            "51.5.72.0/24",
            "51.4.80.0/27",
            "51.5.80.0/27",
            "20.47.149.138/32",
            # Exchange Online, Microsoft 365 URLs and IP address ranges (learn.microsoft.com), as listed in
            # MISP warninglist microsoft-office365-ip and rezmoss/cloud-provider-ip-addresses (2026).
            "13.107.6.152/31",
            "13.107.18.10/31",
            "13.107.128.0/22",
            "23.103.160.0/20",
            "40.96.0.0/13",
            "40.104.0.0/15",
            "52.96.0.0/14",
            "131.253.33.215/32",
            "132.245.0.0/16",
            "150.171.32.0/22",
            "204.79.197.215/32",
            "2603:1006::/40",
            "2603:1016::/36",
            "2603:1026::/36",
            "2603:1036::/36",
            "2603:1046::/36",
            "2603:1056::/36",
            # Exchange Online's internal space: the mailbox and transport servers that write
            # "from XX0PR00MB0000.namprd00.prod.outlook.com (2603:10b6:...)". Not in the published list;
            # read from the corpora (phishing-pot, 2022-2025), inside Microsoft's ARIN allocation
            # 2603:1000::/24. The rest of that /24 is left out: it holds Azure, where anyone can rent a VM.
            "2603:1096::/32",
            "2603:10a6::/32",
            "2603:10b6::/32",
            "2603:10c6::/32",
            "2603:10d6::/32",
        ),
    ),
    Provider(
        key="google",
        name="Gmail and Google Workspace",
        host_suffixes=(".google.com", ".googlemail.com", ".gmail.com"),
        networks=(
            # _spf.google.com (_netblocks, _netblocks2, _netblocks3), as read on 2023-03-26
            # (github.com/smck83/expurgate, output/_spf-google-com) and in MISP warninglist
            # google-gmail-sending-ips version 20241104; support.google.com/a/answer/60764 says to read them
            # there. Google's internal hops (10.x, 2002:a05:...) are private or reserved: internal anyway.
            "35.190.247.0/24",
            "64.233.160.0/19",
            "66.102.0.0/20",
            "66.249.80.0/20",
            "72.14.192.0/18",
            "74.125.0.0/16",
            "108.177.8.0/21",
            "173.194.0.0/16",
            "209.85.128.0/17",
            "216.58.192.0/19",
            "216.239.32.0/19",
            "172.217.0.0/19",
            "172.217.32.0/20",
            "172.217.128.0/19",
            "172.217.160.0/20",
            "172.217.192.0/19",
            "172.253.56.0/21",
            "172.253.112.0/20",
            "108.177.96.0/19",
            "35.191.0.0/16",
            "130.211.0.0/22",
            "2001:4860:4000::/36",
            "2404:6800:4000::/36",
            "2607:f8b0:4000::/36",
            "2800:3f0:4000::/36",
            "2a00:1450:4000::/36",
            "2c0f:fb50:4000::/36",
        ),
    ),
    Provider(
        key="yahoo-aol",
        name="Yahoo and AOL",
        host_suffixes=(".yahoo.com", ".yahoodns.net", ".yahoo.net", ".aol.com"),
        networks=(
            # Yahoo (AS36646/AS36647) and AOL (AS1668) mail networks as registered and long published for
            # allow-listing. NOT re-checked against a live record in this review (no copy was found in
            # the reference stores); Yahoo's SPF now also names Google Cloud ranges, left out because
            # anyone can rent those.
            "66.163.160.0/19",
            "66.196.64.0/18",
            "66.218.64.0/19",
            "67.195.0.0/16",
            "68.142.192.0/18",
            "68.180.128.0/17",
            "69.147.64.0/18",
            "72.30.0.0/16",
            "74.6.0.0/16",
            "98.136.0.0/14",
            "106.10.128.0/18",
            "124.108.96.0/19",
            "188.125.64.0/19",
            "212.82.96.0/19",
            "64.12.0.0/16",
            "152.163.0.0/16",
            "205.188.0.0/16",
        ),
    ),
    Provider(
        key="apple-icloud",
        name="Apple iCloud Mail",
        host_suffixes=(".icloud.com", ".me.com", ".mac.com", ".apple.com"),
        networks=(
            # Apple's announced ranges (AS714, AS6185), MISP warninglists apple-ipv4 and apple-ipv6,
            # version 20260829; apple.com's SPF (2022-09-17, smck83/expurgate) lies inside 17.0.0.0/8.
            "17.0.0.0/8",
            "57.102.0.0/15",
            "144.178.0.0/18",
            "139.178.128.0/18",
            "2403:300::/32",
            "2620:149::/32",
            "2a01:b740::/32",
            "2a01:b747::/32",
        ),
    ),
    Provider(
        key="gmx-webde",  # 1&1 / United Internet
        name="GMX and WEB.DE",
        host_suffixes=(".gmx.net", ".gmx.de", ".gmx.com", ".gmx.at", ".gmx.ch", ".web.de"),
        networks=(
            # The mail relays of United Internet (AS8560): mout/mx hosts as published in the SPF records
            # of gmx.net and web.de (212.227.126.128/25 and 82.165.159.0/26 confirmed by a
            # spf-record.com lookup of 2025-10-25); the others NOT re-checked in this review.
            "212.227.15.0/24",
            "212.227.17.0/24",
            "212.227.126.128/25",
            "213.165.64.0/23",
            "217.72.192.64/26",
            "82.165.159.0/26",
            "74.208.4.192/26",
            "74.208.5.64/26",
        ),
    ),
    Provider(
        key="yandex",
        name="Yandex Mail",
        host_suffixes=(".yandex.net", ".yandex.ru", ".yandex.com"),
        networks=(
            # Yandex (AS13238): the ranges below are those a wirewiki.com SPF page labels YANDEX AS13238
            # (77.88.0.0/18, 87.250.224.0/19, 93.158.128.0/18, 213.180.192.0/19); the others are
            # AS13238 announcements NOT re-checked in this review. Yandex Cloud (84.201.128.0/18), where
            # some Yandex relays sit, is left out: anyone can rent a VM there.
            "77.88.0.0/18",
            "87.250.224.0/19",
            "93.158.128.0/18",
            "213.180.192.0/19",
            "5.45.192.0/18",
            "5.255.192.0/18",
            "95.108.128.0/17",
            "141.8.128.0/18",
            "178.154.128.0/18",
            "2a02:6b8::/32",
        ),
    ),
    Provider(
        key="mail-ru",
        name="Mail.ru",
        host_suffixes=(".mail.ru",),
        networks=(
            # _spf.mail.ru as long published (VK, AS47764); NOT re-checked in this review.
            "94.100.176.0/20",
            "217.69.128.0/20",
            "185.5.136.0/22",
            "5.61.232.0/21",
            "178.22.88.0/21",
            "185.30.176.0/22",
            "128.140.168.0/21",
        ),
    ),
    Provider(
        key="zoho",
        name="Zoho Mail",
        host_suffixes=(".zoho.com", ".zohomail.com", ".zoho.eu", ".zohomail.eu", ".zoho.in", ".zohomail.in"),
        networks=(
            # spf.zoho.com / spf.zoho.eu (AS2639 and Zoho's EU ranges); NOT re-checked in this review.
            "136.143.160.0/19",
            "204.141.32.0/23",
            "204.141.42.0/23",
            "165.173.128.0/18",
            "185.20.208.0/22",
        ),
    ),
    Provider(
        key="proton",
        name="Proton Mail",
        host_suffixes=(".protonmail.ch", ".proton.ch", ".protonmail.com", ".proton.me"),
        networks=(
            # _spf.protonmail.ch (Proton AG, AS62371); NOT re-checked in this review.
            "185.70.40.0/22",
            "176.119.200.0/24",
            "79.135.106.0/24",
            "109.224.244.0/24",
        ),
    ),
)

_BY_KEY: Final = {provider.key: provider for provider in PROVIDERS}
_BY_SUFFIX: Final = {
    suffix.lstrip("."): provider for provider in PROVIDERS for suffix in provider.host_suffixes
}


def provider_by_key(key: str) -> Provider:
    """The provider of a preset key, with or without the ``preset:`` prefix; KeyError when unknown."""
    return _BY_KEY[key.removeprefix("preset:")]


def preset_networks(key: str) -> tuple[IPv4Network | IPv6Network, ...]:
    """The networks a preset contributes, as ``ipaddress`` networks: what ``preset:<key>`` trusted.

    ``key`` may be given with its ``preset:`` prefix, as ``Origin.trust_anchors`` records it. Raises
    KeyError for an unknown preset.
    """
    return tuple(ipaddress.ip_network(cidr) for cidr in provider_by_key(key).networks)


@lru_cache(maxsize=4096)
def provider_for_host(host: str) -> Provider | None:
    """The provider whose relays carry this host name (``BN8PR12CA0005.outlook.office365.com``), or None.

    The name matches a suffix at a label boundary: ``mx.google.com`` is Google's, ``notgoogle.com`` is
    not. IP literals and one-label names match nothing.
    """
    name = host.lower().rstrip(".")
    start = 0
    while True:
        provider = _BY_SUFFIX.get(name[start:])
        if provider is not None:
            return provider
        dot = name.find(".", start)
        if dot < 0:
            return None
        start = dot + 1


# --- matching addresses ------------------------------------------------------------------------------

# Networks indexed by version and leading bits (the first octet of IPv4, the first 16 bits of IPv6), so
# that an address is compared with the few networks that can hold it. Every network in the table is at
# least that long (a /8, or an IPv6 /16), which _index checks.
_Entry = tuple[int, int, str, Provider]  # first address, mask, CIDR text, provider


@cache
def _index() -> dict[tuple[int, int], tuple[_Entry, ...]]:
    buckets: dict[tuple[int, int], list[_Entry]] = {}
    for provider in PROVIDERS:
        for cidr in provider.networks:
            network = ipaddress.ip_network(cidr)
            shift = 24 if network.version == 4 else 112
            if network.prefixlen < (8 if network.version == 4 else 16):
                raise ValueError(f"{cidr} of {provider.key} is too wide for the index")
            entry = (int(network.network_address), int(network.netmask), str(network), provider)
            buckets.setdefault((network.version, entry[0] >> shift), []).append(entry)
    return {key: tuple(entries) for key, entries in buckets.items()}


@lru_cache(maxsize=8192)
def provider_networks_of(ip: str) -> tuple[tuple[Provider, str], ...]:
    """Every (provider, CIDR) whose network holds this canonical IP address; usually none.

    ``ip`` is an address as :func:`lapnet.analysis.received.normalise_ip` writes it. Never raises.
    """
    number = ip_value(ip)
    if number is None:
        return ()
    version, value = number
    entries = _index().get((version, value >> (24 if version == 4 else 112)), ())
    return tuple((provider, cidr) for first, mask, cidr, provider in entries if value & mask == first)
