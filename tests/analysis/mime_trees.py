"""What the MIME short cuts' tests compare: the state of a stdlib email tree, as the feed parser
leaves it and as the MIME layer reads it."""

from __future__ import annotations

import email
import email.message
from collections.abc import Callable
from email.policy import compat32

from lapnet.analysis.message import IndexedMessage


def tree_state(message: email.message.Message) -> tuple[object, ...]:
    """Everything the feed parser sets on a message and its parts (recursively), and what the MIME
    layer reads from them."""
    fields: object = message
    payload: object = message.get_payload()
    return (
        type(message),
        message.policy,
        getattr(fields, "_headers", None),
        [tree_state(part) if isinstance(part, email.message.Message) else part for part in payload]
        if isinstance(payload, list)
        else payload,
        message.get_unixfrom(),
        [(type(defect), str(defect)) for defect in message.defects],
        message.preamble,
        message.epilogue,
        message.get_default_type(),
        message.get_charset(),
        message.get_content_type(),
    )


def feed_parser_tree(data: bytes) -> email.message.Message:
    return email.message_from_bytes(data, IndexedMessage, policy=compat32)


def same_tree_or_none(short_cut: Callable[[bytes], email.message.Message | None], data: bytes) -> bool:
    """True if the short cut took the message (and built the feed parser's tree), False if it left
    it to the feed parser."""
    tree = short_cut(data)
    if tree is None:
        return False
    assert tree_state(tree) == tree_state(feed_parser_tree(data)), data[:300]
    return True
