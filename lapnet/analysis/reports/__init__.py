"""Abuse reports and SMS records: ARF (RFC 5965/6591), X-ARF (v4, and v3 and 0.2 where cheap), SMS files.

Each reader takes what the caller already has (a parsed :class:`email.message.Message` or bytes) and
returns frozen dataclasses carrying a :class:`~lapnet.analysis.types.Report` and
:class:`~lapnet.analysis.types.Defect` records; none of them raises on hostile input.
"""
