"""Beneficiary and infrastructure link keys from an analysis result dict (docs/analysis-result.md).

A key is one value that ties a report to whoever profits from it or sends it, as ``(kind, value)``
and a 63-bit integer (:attr:`LinkKey.key`) for the index. Kinds:

========================  ===========================================================  ===========
kind                      value                                                        link
========================  ===========================================================  ===========
``landing_domain``        registrable domain of a URL or a domain named in the body    beneficiary
``landing_host``          full host of a URL (``login.bank-secure.example``)           beneficiary
``short_link``            a shortener URL itself (``bit.ly/3xYz``): its bare domain is  beneficiary
                          excluded, the link is one operation's
``dropbox``               a Reply-To address or an address written in the body         beneficiary
``dropbox_domain``        the domain of such an address                                beneficiary
``phone``                 a phone number, E.164                                        beneficiary
``wallet``, ``iban``      a crypto wallet, an IBAN                                     beneficiary
``affiliate``             an affiliate or payment identifier in a URL query string     beneficiary
``origin_ip``             the origin IP of the header walk                             infrastructure
``origin_net``            its /24 (IPv4) or /48 (IPv6): supports a link, never makes   infrastructure
                          one
========================  ===========================================================  ===========

Excluded values (:mod:`.exclusions`) and the report's own recipients never become keys. From
addresses and sender domains are not keys: they are forged at will (and often forged to be the
victim's or a brand's).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lapnet.analysis.received.addresses import registrable_part
from lapnet.clustering.exclusions import (
    is_excluded_address,
    is_excluded_domain,
    is_excluded_ip,
    is_mailbox_provider,
)

_MASK63 = (1 << 63) - 1


class KeyKind(StrEnum):
    LANDING_DOMAIN = "landing_domain"
    LANDING_HOST = "landing_host"
    SHORT_LINK = "short_link"
    DROPBOX = "dropbox"
    DROPBOX_DOMAIN = "dropbox_domain"
    PHONE = "phone"
    WALLET = "wallet"
    IBAN = "iban"
    AFFILIATE = "affiliate"
    ORIGIN_IP = "origin_ip"
    ORIGIN_NET = "origin_net"


INFRASTRUCTURE_KINDS = frozenset({KeyKind.ORIGIN_IP, KeyKind.ORIGIN_NET})
# the weight of one shared key of a kind: a candidate campaign is joined at a total of 1.0; an origin
# network supports a link and never makes one
WEIGHTS: Mapping[KeyKind, float] = dict.fromkeys(KeyKind, 1.0) | {KeyKind.ORIGIN_NET: 0.5}

# query-string parameters that name who gets paid: affiliate, referral, partner and merchant ids
AFFILIATE_PARAMETERS = frozenset(
    {
        "a_aid", "aff", "aff_id", "affid", "affiliate", "affiliate_id", "affiliateid", "aid", "partner",
        "partner_id", "partnerid", "pid", "ref", "ref_id", "refid", "referral", "referrer", "merchant",
        "merchant_id", "payee", "publisher", "publisher_id", "sub_id", "subid", "tag", "tracking_id",
    }
)  # fmt: skip
_IDENTIFIER = re.compile(r"[\w.-]{4,64}")


@dataclass(frozen=True, slots=True, order=True)
class LinkKey:
    kind: KeyKind
    value: str
    key: int = field(init=False, compare=False, repr=False)  # the 63-bit integer for the index

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", key_of(self.kind, self.value))

    @property
    def infrastructure(self) -> bool:
        return self.kind in INFRASTRUCTURE_KINDS


def key_of(kind: str, value: str) -> int:
    """The 63-bit non-negative integer that stands for ``(kind, value)`` in the index."""
    digest = hashlib.blake2b(f"{kind}\x00{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK63


def recipient_addresses(result: Mapping[str, Any]) -> set[str]:
    """The reporter's own addresses: the recipients of the message (and of the report wrapping it)."""
    found: set[str] = set()
    values: list[str] = list(result.get("to") or [])
    wrapper = result.get("wrapper") or {}
    values += list(wrapper.get("to") or []) if isinstance(wrapper, Mapping) else []
    report = result.get("report") or {}
    if isinstance(report, Mapping):
        rcpt = report.get("original_rcpt_to") or []
        values += [rcpt] if isinstance(rcpt, str) else list(rcpt)
    for value in values:
        found.update(address.lower() for address in re.findall(r"[\w.+-]+@[\w.-]+\w", str(value)))
    return found


def link_keys(result: Mapping[str, Any], *, own: Iterable[str] = ()) -> list[LinkKey]:
    """Every non-excluded link key of one analysis result, sorted. ``own``: more addresses of the
    reporter to leave out (the recipients of the result are always left out)."""
    own_addresses = {address.lower() for address in own} | recipient_addresses(result)
    # the reporter's domains as registered: mail for x@spamassassin.taint.org names taint.org too
    own_domains = {registrable_part(address.rpartition("@")[2]) for address in own_addresses}
    keys = set(_keys(result))
    return sorted(key for key in keys if not _is_own(key, own_addresses, own_domains))


def _is_own(key: LinkKey, addresses: set[str], domains: set[str]) -> bool:
    if key.kind is KeyKind.DROPBOX:
        return key.value in addresses
    if key.kind in {KeyKind.DROPBOX_DOMAIN, KeyKind.LANDING_DOMAIN, KeyKind.LANDING_HOST}:
        return key.value in domains or any(key.value.endswith("." + domain) for domain in domains)
    return False


def _entries(result: Mapping[str, Any], kind: str) -> Iterator[Mapping[str, Any]]:
    indicators = result.get("indicators") or {}
    for entry in indicators.get(kind) or ():
        if isinstance(entry, Mapping) and entry.get("value"):
            yield entry


def _in_content(entry: Mapping[str, Any]) -> bool:
    """Found where the reader looks (body, SMS text, a report's reported URIs), not in headers only."""
    return any(not str(place).startswith(("header:", "origin:")) for place in entry.get("found_in") or ())


def _keys(result: Mapping[str, Any]) -> Iterator[LinkKey]:
    yield from _url_keys(result)
    for entry in _entries(result, "domain"):
        domain = str(entry["value"]).lower()
        if _in_content(entry) and not is_excluded_domain(domain):
            registrable = str((entry.get("attributes") or {}).get("registrable_domain") or domain)
            yield LinkKey(KeyKind.LANDING_DOMAIN, registrable)
    for entry in _entries(result, "email"):
        address = str(entry["value"]).lower()
        role = (entry.get("attributes") or {}).get("role")
        if role == "reply_to" or _in_content(entry):
            # an address at a webmail provider is one person's drop box; the provider's domain is not.
            # An address at another listed domain (a brand, a platform) is forged or not the sender's
            if not is_excluded_address(address):
                yield LinkKey(KeyKind.DROPBOX, address)
                yield LinkKey(KeyKind.DROPBOX_DOMAIN, address.rpartition("@")[2])
            elif is_mailbox_provider(address.rpartition("@")[2]):
                yield LinkKey(KeyKind.DROPBOX, address)
    for entry in _entries(result, "phone"):
        yield LinkKey(KeyKind.PHONE, str((entry.get("attributes") or {}).get("e164") or entry["value"]))
    for entry in _entries(result, "crypto_wallet"):
        yield LinkKey(KeyKind.WALLET, str(entry["value"]))
    for entry in _entries(result, "iban"):
        yield LinkKey(KeyKind.IBAN, str(entry["value"]).replace(" ", "").upper())
    yield from _origin_keys(result)


def _url_keys(result: Mapping[str, Any]) -> Iterator[LinkKey]:
    for entry in _entries(result, "url"):
        url = str(entry["value"])
        attributes = entry.get("attributes") or {}
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower().rstrip(".")
        except ValueError:
            continue
        if not host:
            continue
        if attributes.get("shortener"):
            if parts.path.strip("/"):
                yield LinkKey(KeyKind.SHORT_LINK, f"{host}{parts.path.rstrip('/')}")
            continue
        if is_excluded_domain(host):
            continue
        yield LinkKey(KeyKind.LANDING_HOST, host)
        yield LinkKey(KeyKind.LANDING_DOMAIN, str(attributes.get("registrable_domain") or host))
        for name, value in parse_qsl(parts.query, keep_blank_values=False):
            if name.lower() in AFFILIATE_PARAMETERS and _IDENTIFIER.fullmatch(value) and not value.isalpha():
                yield LinkKey(KeyKind.AFFILIATE, f"{name.lower()}={value}")


def _origin_keys(result: Mapping[str, Any]) -> Iterator[LinkKey]:
    origin = result.get("origin") or {}
    value = origin.get("ip") if isinstance(origin, Mapping) else None
    if not value or is_excluded_ip(str(value)) or _origin_is_a_relay(origin):
        return
    address = ipaddress.ip_address(str(value))
    yield LinkKey(KeyKind.ORIGIN_IP, str(address))
    prefix = 24 if address.version == 4 else 48
    yield LinkKey(KeyKind.ORIGIN_NET, str(ipaddress.ip_network(f"{address}/{prefix}", strict=False)))


def _origin_is_a_relay(origin: Mapping[str, Any]) -> bool:
    """The origin the walk settled on (without the reporter's trusted networks) had itself received
    the message from another public client: the hop below it is written by the origin's own host.
    Such a machine is a forwarder, a list server or an ISP's smarthost, shared by everyone it serves
    (on the SpamAssassin corpus, the collector's forwarder linked a newsletter to a spam)."""
    hops = [hop for hop in origin.get("hops") or () if isinstance(hop, Mapping)]
    for position, hop in enumerate(hops):
        if hop.get("verdict") != "origin" or hop.get("ip") != origin.get("ip"):
            continue
        names = {
            registrable_part(str(name))
            for name in (hop.get("rdns"), hop.get("helo"), hop.get("from_host"))
            if name and "." in str(name)
        }
        below = hops[position + 1] if position + 1 < len(hops) else None
        if below is None or not below.get("ip") or is_excluded_ip(str(below.get("ip"))):
            return False
        return registrable_part(str(below.get("by_host") or "")) in names
    return False
