"""Cross-border exchange: the verifiable evidence package of a referral, the pro forma, and abuse
notifications to industry members. Pure library: bytes and frozen dataclasses in and out, no Django.
See ``docs/exchange.md``."""
