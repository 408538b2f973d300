"""Helpers shared by the indicator tests: feed a collector, read its result by value.

Corpus messages are opened with the stdlib ``email`` package here (not lapnet's own parser), so that
these tests exercise indicator extraction alone.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.analysis.types import Indicator, Indicators

SENDER_HEADERS = ("From", "Sender", "Reply-To", "Return-Path", "Errors-To")


def from_text(text: str, *, where: str = "body:1:text/plain", region: str | None = None) -> Indicators:
    collector = IndicatorCollector(default_region=region)
    collector.add_text(text, where)
    return collector.result()


def from_html(html: str, *, where: str = "body:1:text/html", region: str | None = None) -> Indicators:
    collector = IndicatorCollector(default_region=region)
    collector.add_html(html, where)
    return collector.result()


def by_value(indicators: tuple[Indicator, ...]) -> dict[str, Indicator]:
    return {indicator.value: indicator for indicator in indicators}


def values(indicators: tuple[Indicator, ...]) -> set[str]:
    return {indicator.value for indicator in indicators}


def text_parts(raw: bytes) -> list[tuple[str, str, str]]:
    """(where, content type, decoded text) of every text/plain and text/html part of a message."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    parts: list[tuple[str, str, str]] = []
    for index, part in enumerate(message.walk()):
        content_type = part.get_content_type()
        if content_type not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset() or "latin-1"
        try:
            text = payload.decode(charset, "replace")
        except LookupError:
            text = payload.decode("latin-1")
        parts.append((f"body:{index}:{content_type}", content_type, text))
    return parts


def from_message(raw: bytes, *, region: str | None = None) -> Indicators:
    collector = collect_message(raw, region=region)
    return collector.result()


def collect_message(raw: bytes, *, region: str | None = None) -> IndicatorCollector:
    message: Message = email.message_from_bytes(raw, policy=email.policy.compat32)
    collector = IndicatorCollector(default_region=region)
    for name in SENDER_HEADERS:
        for value in message.get_all(name) or []:
            collector.add_header_address(name, str(value))
    for where, content_type, text in text_parts(raw):
        if content_type == "text/html":
            collector.add_html(text, where)
        else:
            collector.add_text(text, where)
    return collector
