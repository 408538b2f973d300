"""The one entry point of indicator extraction: feed it a message's parts, take :class:`Indicators`.

Every indicator is deduplicated by its normalised value and keeps every place it was found
(``found_in``, sorted and unique) and the union of its attributes. A URL brings its host into
``domain`` (and the host's registrable domain as a domain of its own), or its IP into ``ip``; an
e-mail address brings its domain. Output tuples are sorted by value, so equal input gives equal
output.

The collector never raises. Library calls are guarded where they are made (hostile input is "no
indicator"); should lapnet's own code still fail, the public method records an
``indicators.internal_error`` defect and the indicators gathered so far are kept. Work limits
(``budget``) and the HTML regex fallback are recorded as defects too: read them with
:attr:`IndicatorCollector.defects` and merge them into the result's defects.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Concatenate, Final
from urllib.parse import unquote

from mypy_extensions import mypyc_attr

from lapnet.analysis.indicators import budget as limits
from lapnet.analysis.indicators.addresses import (
    EmailInfo,
    addresses_in_header,
    angle_items,
    find_emails,
    header_role,
    mailto_addresses,
    normalise_email,
)
from lapnet.analysis.indicators.attachments import describe_attachment
from lapnet.analysis.indicators.budget import Budget
from lapnet.analysis.indicators.domains import DomainInfo, describe_domain
from lapnet.analysis.indicators.html import HtmlContent, HtmlLink, extract_html
from lapnet.analysis.indicators.iban import find_ibans
from lapnet.analysis.indicators.network import IpInfo, find_ips, normalise_ip
from lapnet.analysis.indicators.phones import (
    WHATSAPP_HOSTS,
    normalise_region,
    parse_candidate,
    parse_phone,
    phone_candidates,
    whatsapp_number,
)
from lapnet.analysis.indicators.urls import (
    ParsedUrl,
    find_bare,
    find_urls,
    has_bracket_defang,
    has_defang_hint,
    parse_url,
    refang,
    scan_urls,
)
from lapnet.analysis.indicators.wallets import find_wallets
from lapnet.analysis.types import Attachment, Defect, Indicator, Indicators, IndicatorType

_Attributes = tuple[tuple[str, str], ...]
# (type, value, country, attributes): one indicator found once, before it is placed
_Hit = tuple[IndicatorType, str, str | None, _Attributes]

_DEFANGED: Final = (("defanged", "true"),)
_IGNORED_SCHEMES: Final = ("data:", "cid:", "about:", "blob:", "file:")
_PHONE_SCHEMES: Final = ("tel:", "callto:", "sms:", "smsto:")
_BUDGETED_SCHEMES: Final = (*_PHONE_SCHEMES, "whatsapp:", "javascript:")
_BROKEN_ATTRIBUTE_END: Final = re.compile(r"[\s<>\"']")
_SENDER_ROLES: Final = frozenset({"from", "sender"})
_PHONE_PUNCTUATION: Final = re.compile(r"[\s().-]")
_KINDS: Final = tuple(IndicatorType)  # iterating the enum class runs Python code on every pass


@mypyc_attr(acyclic=True)
class _Entry:
    __slots__ = ("attributes", "country", "found_in")
    found_in: set[str]
    country: str | None
    attributes: set[tuple[str, str]]

    def __init__(self) -> None:
        self.found_in = set()
        self.country = None
        self.attributes = set()


def _guarded[**P](
    method: Callable[Concatenate[IndicatorCollector, P], None],
) -> Callable[Concatenate[IndicatorCollector, P], None]:
    """Turn an exception escaping a public method into an ``indicators.internal_error`` defect."""

    @functools.wraps(method)
    def wrapper(self: IndicatorCollector, /, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            method(self, *args, **kwargs)
        except Exception as error:  # lapnet's own bug on hostile input: recorded, never raised
            self._defect("indicators.internal_error", f"{method.__name__}: {type(error).__name__}: {error}")

    return wrapper


class IndicatorCollector:
    """Gathers the indicators of one piece of evidence.

    ``default_region`` (ISO 3166 alpha-2, e.g. the recipient country of an SMS) lets national phone
    numbers be read; without it only international forms (``+``/``00``) are.
    """

    def __init__(self, *, default_region: str | None = None) -> None:
        self._region = normalise_region(default_region)
        self._store: dict[IndicatorType, dict[str, _Entry]] = {kind: {} for kind in _KINDS}
        self._attachments: dict[tuple[str, str], Attachment] = {}
        self._defects: dict[tuple[str, str], Defect] = {}
        self._budgets = {
            "url": Budget("url", limits.MAX_URL_CANDIDATES),
            "bare": Budget("bare", limits.MAX_BARE_CANDIDATES),
            "email": Budget("email", limits.MAX_EMAIL_CANDIDATES),
            "ip": Budget("ip", limits.MAX_IP_CANDIDATES),
            "wallet": Budget("wallet", limits.MAX_WALLET_CANDIDATES),
            "iban": Budget("iban", limits.MAX_IBAN_CANDIDATES),
            "phone": Budget("phone", limits.MAX_PHONE_PARSES),
            "phone_scan": Budget("phone_scan", limits.MAX_PHONE_CANDIDATES),
        }

    # -- public API ------------------------------------------------------------------------------

    @_guarded
    def add_header_address(self, header_name: str, value: str) -> None:
        """Addresses of a sender-side header (From, Sender, Reply-To, Return-Path, Errors-To, ...).

        Recipient headers (To, Cc, ...) are ignored: see :mod:`lapnet.analysis.indicators.addresses`.
        ``List-Unsubscribe`` yields its ``mailto:`` addresses and URLs.
        """
        context = _header_context(header_name)
        if context is None:
            return
        role, where, role_attribute = context
        if role == "list_unsubscribe":
            for item in angle_items(value):
                if item.strip()[:7].lower() == "mailto:":
                    self._add_mailto(item.strip(), where, role_attribute)
                else:
                    self._add_link(HtmlLink(item.strip(), "header"), where)
            return
        if len(value) > _CACHED_HEADER_LENGTH:
            self._place(_header_address_hits(value, role_attribute), where)
        else:
            self._place(_cached_header_address_hits(value, role_attribute), where)

    @_guarded
    def add_text(self, text: str, where: str) -> None:
        """A plain-text body or an SMS text."""
        self._scan_text(text, where)

    @_guarded
    def add_html(self, html: str, where: str) -> None:
        """An HTML body: links from the markup (``where:href``, ``where:action``...) and everything
        in its visible text (``where:text``)."""
        self._add_html_content(extract_html(html), where)

    @_guarded
    def add_html_content(self, content: HtmlContent, where: str) -> None:
        """An HTML body already read by :func:`~lapnet.analysis.indicators.html.extract_html` (so
        that its parse also serves another reader, such as the classifier's visible text)."""
        self._add_html_content(content, where)

    def _add_html_content(self, content: HtmlContent, where: str) -> None:
        if content.unparsed is not None:
            self._defect("indicators.html_unparsed", f"{content.unparsed}: links read from the markup", where)
        if content.truncated:
            self._defect("indicators.limit", "too many links in the HTML: the rest were not read", where)
        done: set[tuple[str, str, str | None]] = set()
        for link in content.links:
            key = (link.value, link.kind, link.anchor_text)
            if key in done:
                continue  # the same link again (a logo, a footer): placing it again changes nothing
            value = _clean_attribute(link.value)  # cleaned once, for the check and the reading
            head = value[:12].lower()
            if not head.startswith(_BUDGETED_SCHEMES):
                done.add(key)  # links that spend a work budget are read each time, as before
            self._add_clean_link(value, head, link.anchor_text, f"{where}:{link.kind}")
        if content.script:
            urls, _ = find_urls(content.script, self._budgets["url"])
            for parsed in urls:
                self._place(_url_hits(parsed), f"{where}:script")
        if content.text:
            self._scan_text(content.text, f"{where}:text")
        self._check_budgets(where)

    @_guarded
    def add_url(self, url: str, where: str) -> None:
        """A URL from a structured source (ARF ``Reported-URI``, X-ARF ``url``)."""
        value = url.strip().strip("<>").strip()
        if not value:
            return
        if value[:7].lower() == "mailto:":
            self._add_mailto(value, where)
            return
        defanged = has_defang_hint(value)
        if defanged:
            value = refang(value)
        schemeless = "://" not in value
        if schemeless:
            value = "http:" + value if value.startswith("//") else "http://" + value
        parsed = parse_url(value, defanged=defanged, schemeless=schemeless)
        if parsed is not None:
            self._place(_url_hits(parsed), where)

    @_guarded
    def add_domain(self, domain: str, where: str) -> None:
        """A domain from a structured source (ARF ``Reported-Domain``); an IP literal goes to ``ip``."""
        value = domain.strip().strip("<>").strip()
        extra: _Attributes = ()
        if has_defang_hint(value):
            value, extra = refang(value), _DEFANGED
        if "://" in value:
            parsed = parse_url(value)
            if parsed is not None and parsed.domain is not None:
                self._place(_domain_hits(parsed.domain, extra), where)
            elif parsed is not None and parsed.ip is not None:
                self._place([_ip_hit(parsed.ip)], where)
            return
        ip = normalise_ip(value)
        if ip is not None:
            self._place([_ip_hit(ip)], where)
            return
        info = describe_domain(value)
        if info is not None:
            self._place(_domain_hits(info, extra), where)

    @_guarded
    def add_ip(self, ip: str, where: str) -> None:
        """An IP address from a structured source (report source IP, origin walk): any scope kept."""
        info = normalise_ip(ip)
        if info is not None:
            self._place([_ip_hit(info)], where)

    @_guarded
    def add_attachment(self, filename: str | None, declared_type: str, payload: bytes, where: str) -> None:
        attachment = describe_attachment(filename, declared_type, payload, where)
        self._attachments[(attachment.found_in, attachment.sha256)] = attachment

    @_guarded
    def add_phone(self, number: str, where: str) -> None:
        """The sender number of an SMS report: national numbers need ``default_region``; a digits-only
        sender without one is tried as international (gateways often drop the ``+``)."""
        info = parse_phone(number, self._region)
        if info is None:
            digits = _PHONE_PUNCTUATION.sub("", number)
            if digits.isascii() and digits.isdigit() and len(digits) >= 8 and not digits.startswith("0"):
                info = parse_phone("+" + digits, None)
        if info is not None:
            self._place([(IndicatorType.PHONE, info.e164, info.country, tuple(info.attributes()))], where)

    @property
    def defects(self) -> tuple[Defect, ...]:
        """What went wrong while collecting (work limits reached, HTML fallback, internal errors)."""
        return tuple(sorted(self._defects.values(), key=lambda d: (d.code, d.where, d.message)))

    def result(self) -> Indicators:
        """The indicators gathered so far, sorted by value; the collector may still be fed after."""
        self._flag_reply_to_mismatch()
        built = {kind: self._build(kind) for kind in _KINDS}
        return Indicators(
            url=built[IndicatorType.URL],
            domain=built[IndicatorType.DOMAIN],
            email=built[IndicatorType.EMAIL],
            ip=built[IndicatorType.IP],
            phone=built[IndicatorType.PHONE],
            crypto_wallet=built[IndicatorType.CRYPTO_WALLET],
            iban=built[IndicatorType.IBAN],
            attachment=tuple(sorted(self._attachments.values(), key=lambda a: (a.found_in, a.sha256))),
        )

    # -- scanning ----------------------------------------------------------------------------------

    def _scan_text(self, text: str, where: str) -> None:
        if not text:
            return
        residual, defanged_scheme = self._place_network(text, where, ())
        if defanged_scheme or has_bracket_defang(text):
            self._place_network(refang(text, limits.MAX_REFANGS), where, _DEFANGED)
        self._place_phones(residual, where)
        wallets = self._budgets["wallet"]
        encoded = text.encode("ascii", "replace")  # one byte per character: both finders map it
        for wallet in find_wallets(text, wallets, encoded):
            hit = (IndicatorType.CRYPTO_WALLET, wallet.value, None, tuple(wallet.attributes()))
            self._place([hit], where)
        for iban in find_ibans(text, self._budgets["iban"], encoded):
            self._place([(IndicatorType.IBAN, iban.value, iban.country, ())], where)
        self._check_budgets(where)

    def _place_network(self, text: str, where: str, extra: _Attributes) -> tuple[str, bool]:
        """URLs, e-mail addresses, bare domains and IPs of ``text``; returns the text without URLs
        and whether a defanged scheme (``hxxp://``) was seen.

        With ``extra`` (the refanged pass), only what the plain pass did not find is placed, so that
        ``defanged`` marks exactly the indicators that were written defanged.
        """
        hits: list[_Hit] = []
        scan = scan_urls(text, self._budgets["url"])
        residual = scan.residual
        for parsed in scan.urls:
            hits.extend(_url_hits(parsed))
        for email in find_emails(residual, self._budgets["email"]):
            hits.extend(_email_hits(email, ()))
        domains, bare_urls = find_bare(residual, self._budgets["bare"])
        for info in domains:
            hits.extend(_domain_hits(info, ()))
        for parsed in bare_urls:
            hits.extend(_url_hits(parsed))
        hits.extend(_ip_hit(ip) for ip in find_ips(residual, self._budgets["ip"]))
        if extra:
            hits = [
                (kind, value, country, attributes + extra)
                for kind, value, country, attributes in hits
                if where not in self._found_in(kind, value)
            ]
        self._place(hits, where)
        return residual, scan.defanged_scheme

    def _place_phones(self, text: str, where: str) -> None:
        budget = self._budgets["phone"]
        for candidate in phone_candidates(text, self._region, self._budgets["phone_scan"]):
            if not budget.take():
                return
            info, cost = parse_candidate(candidate, self._region)
            if cost > 1:
                budget.take(cost - 1)
            if info is not None:
                self._place([(IndicatorType.PHONE, info.e164, info.country, tuple(info.attributes()))], where)

    def _add_link(self, link: HtmlLink, where: str) -> None:
        value = _clean_attribute(link.value)
        self._add_clean_link(value, value[:12].lower(), link.anchor_text, where)

    def _add_clean_link(self, value: str, head: str, anchor_text: str | None, where: str) -> None:
        """A link already cleaned by :func:`_clean_attribute`; ``head`` is its first 12 characters
        in lower case (the scheme test)."""
        if not value:
            return
        if head.startswith("mailto:"):
            self._add_mailto(value, where)
        elif head.startswith(_PHONE_SCHEMES):
            number = unquote(value.split(":", 1)[1]).split("?", 1)[0].split(";", 1)[0]
            self._add_phone_link(number, where)
        elif head.startswith("whatsapp:"):
            whatsapp = whatsapp_number(value)
            if whatsapp is not None:
                self._add_phone_link(whatsapp, where)
        elif head.startswith("javascript:"):
            urls, _ = find_urls(value, self._budgets["url"])
            for parsed in urls:
                self._place(_url_hits(parsed), where)
        elif head.startswith(_IGNORED_SCHEMES) or value.startswith("#"):
            return
        else:
            self._add_link_url(value, anchor_text, where)

    def _add_link_url(self, value: str, anchor_text: str | None, where: str) -> None:
        schemeless = False
        if value.startswith("//"):
            value = "http:" + value
        elif value[:4].lower() == "www.":
            value, schemeless = "http://" + value, True
        elif "://" not in value[:16]:
            return  # a relative link: it names nothing outside the message
        parsed = parse_url(value, schemeless=schemeless)
        if parsed is None and has_defang_hint(value):
            parsed = parse_url(refang(value), defanged=True)
        if parsed is None:
            return
        hits = _url_hits(parsed)
        if anchor_text and parsed.domain is not None and parsed.domain.registrable:
            shown = _shown_domain(anchor_text)
            if shown is not None and shown != parsed.domain.registrable:
                kind, url, country, attributes = hits[0]
                hits[0] = (kind, url, country, (*attributes, ("link_text_domain", shown)))
        self._place(hits, where)

    def _add_mailto(self, value: str, where: str, extra: _Attributes = ()) -> None:
        for address in mailto_addresses(value):
            info = normalise_email(address)
            if info is not None:
                self._place(_email_hits(info, extra), where)

    def _add_phone_link(self, number: str, where: str) -> None:
        if not self._budgets["phone"].take():
            return
        info = parse_phone(number, self._region)
        if info is not None:
            self._place([(IndicatorType.PHONE, info.e164, info.country, tuple(info.attributes()))], where)

    # -- the store ----------------------------------------------------------------------------------

    def _place(self, hits: Iterable[_Hit], where: str) -> None:
        for kind, value, country, attributes in hits:
            entries = self._store[kind]
            entry = entries.get(value)
            if entry is None:
                entry = entries[value] = _Entry()
            entry.found_in.add(where)
            if country is not None:
                entry.country = country
            entry.attributes.update(attributes)

    def _found_in(self, kind: IndicatorType, value: str) -> set[str]:
        entry = self._store[kind].get(value)
        return entry.found_in if entry is not None else set()

    def _build(self, kind: IndicatorType) -> tuple[Indicator, ...]:
        entries = self._store[kind]
        if not entries:
            return ()
        return tuple(
            [
                Indicator(value, _sorted(entry.found_in), entry.country, _sorted(entry.attributes))
                for value, entry in sorted(entries.items())
            ]
        )

    def _flag_reply_to_mismatch(self) -> None:
        """Flag Reply-To addresses whose registrable domain is none of the From/Sender domains."""
        emails = self._store[IndicatorType.EMAIL]
        sender_domains: set[str] = set()
        reply_to: list[tuple[_Entry, str]] = []
        for value, entry in emails.items():
            domain = _email_site(value, entry)
            roles = {attribute_value for name, attribute_value in entry.attributes if name == "role"}
            if roles & _SENDER_ROLES:
                sender_domains.add(domain)
            if "reply_to" in roles:
                reply_to.append((entry, domain))
        if not sender_domains:
            return
        for entry, domain in reply_to:
            if domain not in sender_domains:
                entry.attributes.add(("reply_to_mismatch", "true"))

    def _defect(self, code: str, message: str, where: str = "") -> None:
        self._defects.setdefault((code, where), Defect(code, message, where))

    def _check_budgets(self, where: str) -> None:
        """One ``indicators.limit`` defect per exhausted budget, naming the part where it ran out."""
        for budget in self._budgets.values():
            if not budget.exhausted:
                continue  # the usual case: no key to build
            key = ("indicators.limit", f"budget:{budget.name}")
            if key not in self._defects:
                message = (
                    f"too many places to examine for {budget.name.replace('_', ' ')}: the rest were skipped"
                )
                self._defects[key] = Defect("indicators.limit", message, where)


# -- hits -------------------------------------------------------------------------------------------


def _url_hits(parsed: ParsedUrl) -> list[_Hit]:
    hits: list[_Hit] = [(IndicatorType.URL, parsed.value, None, parsed.attributes)]
    extra = _DEFANGED if ("defanged", "true") in parsed.attributes else ()
    if parsed.domain is not None:
        hits.extend(_domain_hits(parsed.domain, extra))
    elif parsed.ip is not None:
        hits.append(_ip_hit(parsed.ip))
    number = (
        whatsapp_number(parsed.value)
        if parsed.domain is not None and parsed.domain.host in WHATSAPP_HOSTS
        else None
    )
    if number is not None:
        info = parse_phone(number, None)
        if info is not None:
            hits.append((IndicatorType.PHONE, info.e164, info.country, tuple(info.attributes())))
    return hits


def _header_address_hits(value: str, role_attribute: _Attributes) -> tuple[_Hit, ...]:
    """The hits of a sender-side header's addresses: a pure function of its arguments."""
    hits: list[_Hit] = []
    for address in addresses_in_header(value):
        info = normalise_email(address, require_listed=False)
        if info is not None:
            hits.extend(_email_hits(info, role_attribute))
    return tuple(hits)


# Cached for values of usual length (the bound keeps hostile headers out of the cache): list and
# bounce headers (Sender, Errors-To, Return-Path) repeat the same value message after message
# (7 in 10 sender-side header values in the SpamAssassin corpus are repeats).
_CACHED_HEADER_LENGTH: Final = 512
_cached_header_address_hits = functools.lru_cache(maxsize=1024)(_header_address_hits)


def _domain_hits(info: DomainInfo, extra: _Attributes) -> tuple[_Hit, ...]:
    # a DomainInfo is a function of its host (describe_domain of it gives it back): cached by host
    return _host_hits(info.host, extra)


@functools.lru_cache(maxsize=4096)
def _host_hits(host: str, extra: _Attributes) -> tuple[_Hit, ...]:
    """The hits of a host name (``describe_domain`` knows it) and of its registrable domain.

    Cached: a message names the same few hosts again and again (links, addresses, text), and each
    reading builds the same attribute tuples."""
    info = describe_domain(host)
    if info is None:
        return ()
    hits: list[_Hit] = [(IndicatorType.DOMAIN, info.host, info.country, (*info.attributes(), *extra))]
    if info.registrable and info.registrable != info.host:
        registrable = describe_domain(info.registrable)
        if registrable is not None:
            hits.append(
                (
                    IndicatorType.DOMAIN,
                    registrable.host,
                    registrable.country,
                    (*registrable.attributes(), *extra),
                )
            )
    return tuple(hits)


def _email_hits(info: EmailInfo, extra: _Attributes) -> list[_Hit]:
    hits: list[_Hit] = [(IndicatorType.EMAIL, info.value, None, (*info.attributes(), *extra))]
    hits.extend(_domain_hits(info.domain, ()))
    return hits


def _ip_hit(info: IpInfo) -> _Hit:
    return (IndicatorType.IP, info.value, None, tuple(info.attributes()))


# -- helpers ------------------------------------------------------------------------------------------


def _clean_attribute(value: str) -> str:
    """An attribute value as a browser would use it: trimmed, tabs and newlines dropped, inner spaces
    encoded. A value holding ``<`` or ``>`` swallowed markup (an unclosed quote): keep its first word."""
    value = value.strip()
    if "<" in value or ">" in value:
        match = _BROKEN_ATTRIBUTE_END.search(value)
        return value[: match.start()] if match else value
    value = value.replace("\t", "").replace("\n", "").replace("\r", "")
    return value.replace(" ", "%20") if " " in value else value


def _shown_domain(anchor_text: str) -> str | None:
    """The registrable domain an anchor's text displays (``www.paypal.com``), if it displays one."""
    if "." not in anchor_text:
        return None
    urls, residual = find_urls(anchor_text)
    for parsed in urls:
        if parsed.domain is not None and parsed.domain.registrable:
            return parsed.domain.registrable
    domains, _ = find_bare(residual)
    for info in domains:
        if info.registrable:
            return info.registrable
    return None


def _email_site(value: str, entry: _Entry) -> str:
    for name, attribute_value in entry.attributes:
        if name == "registrable_domain":
            return attribute_value
    return value.rpartition("@")[2]


def _sorted[T: (str, tuple[str, str])](items: set[T]) -> tuple[T, ...]:
    return tuple(items) if len(items) < 2 else tuple(sorted(items))


@functools.lru_cache(maxsize=1024)
def _header_context(header_name: str) -> tuple[str, str, _Attributes] | None:
    """The role of a sender-side header's addresses, the place they are found (``header:Reply-To``) and
    their role attribute; None for a recipient header. Cached: a handful of names comes again and again."""
    role = header_role(header_name)
    if role is None:
        return None
    return role, f"header:{_canonical_header(header_name)}", (("role", role),)


def _canonical_header(name: str) -> str:
    """``reply-to`` -> ``Reply-To``: header names as documents write them, whatever the input case."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in name.strip().split("-"))
