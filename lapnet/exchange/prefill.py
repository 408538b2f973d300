"""Pre-filling the pro forma from lapnet's analysis results.

The input is what :func:`lapnet.analysis.serialize.to_dict` produces (``docs/analysis-result.md``):
the platform stores exactly that per piece of evidence, so the referral app passes the stored dicts
without rebuilding results. Values are collected in evidence order, without duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from lapnet.exchange.proforma import EvidenceItem, OriginIp, TechnicalIdentifiers

__all__ = ["evidence_items", "header_walk_report", "technical_identifiers"]


def technical_identifiers(results: Iterable[Mapping[str, Any]]) -> TechnicalIdentifiers:
    """The technical-identifier section from analysis results (dicts of ``to_dict``).

    Origin IPs keep the header walk that found them (method, confidence, anchors, reason) and the
    time of the origin hop (else the message's date). SMS senders are sender ids, email senders
    are senders; recipients (``to``, ARF/X-ARF ``original_rcpt_to``) are listed as victims.
    """
    found: dict[str, dict[str, None]] = {
        name: {}
        for name in (
            "senders",
            "reply_to",
            "recipients",
            "message_ids",
            "urls",
            "domains",
            "phone_numbers",
            "sender_ids",
            "payment_identifiers",
            "authentication_results",
        )
    }
    origins: dict[tuple[str, str], OriginIp] = {}

    def add(name: str, *values: object) -> None:
        for value in values:
            if isinstance(value, str) and value.strip():
                found[name][value.strip()] = None

    for result in results:
        report = _mapping(result.get("report"))
        sender_field = "sender_ids" if result.get("kind") == "sms" else "senders"
        add(sender_field, result.get("from"))
        add("senders", result.get("return_path"), report.get("original_mail_from"))
        add("reply_to", *_list(result.get("reply_to")))
        add("recipients", *_list(result.get("to")), *_list(report.get("original_rcpt_to")))
        add("message_ids", result.get("message_id"))
        add("authentication_results", *_list(report.get("authentication_results")))
        indicators = _mapping(result.get("indicators"))
        add("urls", *(_value(item) for item in _list(indicators.get("url"))))
        add("domains", *(_value(item) for item in _list(indicators.get("domain"))))
        for phone in _list(indicators.get("phone")):
            add("phone_numbers", _attribute(phone, "e164") or _value(phone))
        for iban in _list(indicators.get("iban")):
            add("payment_identifiers", f"IBAN {_value(iban)}")
        for wallet in _list(indicators.get("crypto_wallet")):
            chain = _attribute(wallet, "chain")
            add("payment_identifiers", f"{chain} {_value(wallet)}" if chain else _value(wallet))
        origin = _mapping(result.get("origin"))
        ip = origin.get("ip")
        sha256 = str(result.get("sha256") or "")
        if isinstance(ip, str) and ip and (ip, sha256) not in origins:
            origins[(ip, sha256)] = OriginIp(
                ip=ip,
                time=_origin_time(origin, result.get("date")),
                country=origin.get("country") if isinstance(origin.get("country"), str) else None,
                method=str(origin.get("method") or ""),
                confidence=float(origin.get("confidence") or 0.0),
                anchored=bool(origin.get("anchored")),
                reason=str(origin.get("reason") or ""),
                trust_anchors=tuple(str(anchor) for anchor in _list(origin.get("trust_anchors"))),
                evidence_sha256=sha256,
            )
    return TechnicalIdentifiers(
        origin_ips=tuple(origins.values()), **{name: tuple(values) for name, values in found.items()}
    )


def evidence_items(results: Iterable[Mapping[str, Any]]) -> tuple[EvidenceItem, ...]:
    """One evidence item per distinct message: its SHA-256, size, kind and subject."""
    items: dict[str, EvidenceItem] = {}
    for result in results:
        sha256 = str(result.get("sha256") or "")
        if sha256 and sha256 not in items:
            items[sha256] = EvidenceItem(
                sha256=sha256,
                size=int(result.get("size") or 0),
                kind=str(result.get("kind") or "email"),
                description=str(result.get("subject") or ""),
            )
    return tuple(items.values())


def header_walk_report(results: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The header-walk report of a package: per message, the origin found and every hop judged."""
    messages = []
    for result in results:
        origin = result.get("origin")
        messages.append(
            {
                "sha256": result.get("sha256"),
                "kind": result.get("kind"),
                "subject": result.get("subject"),
                "date": result.get("date"),
                "origin": origin if isinstance(origin, Mapping) else None,
            }
        )
    return {"format": "lapnet-header-walk", "version": 1, "messages": messages}


def _origin_time(origin: Mapping[str, Any], fallback: object) -> datetime | None:
    candidates = [
        hop.get("timestamp")
        for hop in _list(origin.get("hops"))
        if isinstance(hop, Mapping) and hop.get("verdict") == "origin"
    ]
    candidates.append(fallback)
    for candidate in candidates:
        if isinstance(candidate, str):
            try:
                return datetime.fromisoformat(candidate)
            except ValueError:
                continue
    return None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _value(item: object) -> str | None:
    value = _mapping(item).get("value")
    return value if isinstance(value, str) else None


def _attribute(item: object, name: str) -> str | None:
    value = _mapping(_mapping(item).get("attributes")).get(name)
    return value if isinstance(value, str) else None
