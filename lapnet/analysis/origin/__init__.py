"""The explainable header walk: which relay handed the message to the reporter's side?

The walk reads the ``Received`` headers from the top (written last, by the reporter's own MX) down,
in the manner of Apache SpamAssassin's trust path (``trusted_networks``, ``internal_networks`` in
``Mail::SpamAssassin::Conf``) and of SpamCop's parser:

* A hop whose client IP is trusted (inside the configured ``trusted_networks``; loopback and link-local
  clients always are) is ``TRUSTED``: the header below it was written by a host we trust, so we read
  on. The topmost header is taken as written by the reporter's own MX.
* The first hop whose client IP is not trusted is the ``ORIGIN``: that client is the first host we
  cannot vouch for, and the last one whose address a trusted host saw for itself.
* Everything below was written by untrusted hosts and is ``UNVERIFIABLE``: it may be forged.

When no network is configured the boundary is inferred conservatively, as SpamAssassin does: hops
whose client is private (RFC 1918, unique local), loopback, link-local, carrier-grade NAT or reserved,
and authenticated submissions (``ESMTPSA``, ``Authenticated sender``, ``with HTTP`` webmail), are
``INTERNAL``; the first public, unauthenticated client is the origin, with a lower confidence.

Inference alone would accuse the recipient's mailbox provider: on mail delivered to Microsoft 365, the
first public client is one of Microsoft's own relays. So an unconfigured walk first looks for the
recipient's provider among the shipped presets (:mod:`lapnet.analysis.providers`): the ``by`` host of the
topmost hop (or of the first hop below the top's internal hand-overs) names it. From that hop down, a
hop is ``TRUSTED`` only while its ``by`` host carries that provider's suffix and its client lies in that
provider's published networks; private clients stay ``INTERNAL``. The first client outside is the
origin, even when it is another provider's outbound relay or an authenticated user: that party handed the
message over. Only the recipient's provider is walked through.

The walk never names an IP from a chain it cannot anchor. When a hop above the candidate records no
client IP and is no hand-over inside one host, when a header above or at the candidate was plainly not
written by the client of the hop above it (``chain_break``), or when the first untrusted client is
private or a bogon, ``Origin.anchored`` is False and ``Origin.ip`` stays None unless a fallback
applies: webmail headers (``X-Originating-IP`` and kin), then the Source-IP of an ARF report. A
webmail header also replaces an anchored origin that is itself a webmail system (the hop below it is
a web submission written by the origin relay's own domain). ``Origin.trust_anchors`` records the rules,
networks, preset (``preset:microsoft-365``) and fallback used, so that another agency can rebuild the
same :class:`TrustConfig` with :meth:`TrustConfig.from_anchors` and get the same answer.

Flags on each hop: ``private``, ``loopback``, ``link_local``, ``cgnat``, ``bogon`` and ``reserved``
for the client address; ``no_ip``; ``helo_mismatch`` (the HELO is another IP literal, or a name in
another registered domain than the rDNS name); ``time_order`` (dated more than 15 minutes after the
hop above it, which handled the message later); ``chain_break``; ``may_be_forged`` (Sendmail's own
remark). Defects: ``received.unparsable``, ``received.bad_date``, ``received.time_order``,
``received.chain_break``, ``received.no_client_ip``.

The package: :mod:`.trust` holds the trust configuration and the address kinds it judges by,
:mod:`.hops` what one hop says about the next (HELO, same host, webmail) and the header fallbacks,
:mod:`.walk` the walk itself.
"""

from __future__ import annotations

from lapnet.analysis.origin.trust import (
    ANCHORED_CONFIDENCE,
    ARF_CONFIDENCE,
    DISAGREEING_WEBMAIL_CONFIDENCE,
    INFERRED_ANCHOR,
    INFERRED_CONFIDENCE,
    PRESET_CONFIDENCE,
    TIME_TOLERANCE_SECONDS,
    UNANCHORED_WEBMAIL_CONFIDENCE,
    WEBMAIL_CONFIDENCE,
    TrustConfig,
)
from lapnet.analysis.origin.walk import walk_origin

__all__ = [
    "ANCHORED_CONFIDENCE",
    "ARF_CONFIDENCE",
    "DISAGREEING_WEBMAIL_CONFIDENCE",
    "INFERRED_ANCHOR",
    "INFERRED_CONFIDENCE",
    "PRESET_CONFIDENCE",
    "TIME_TOLERANCE_SECONDS",
    "UNANCHORED_WEBMAIL_CONFIDENCE",
    "WEBMAIL_CONFIDENCE",
    "TrustConfig",
    "walk_origin",
]
