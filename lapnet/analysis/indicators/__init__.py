"""Indicator extraction: URLs, domains, e-mail addresses, IPs, phones, wallets, IBANs, attachments.

:class:`IndicatorCollector` is the one entry point; the modules beside it each handle one concern
and can be used alone (``urls.find_urls``, ``domains.describe_domain``, ``wallets.find_wallets``...).
"""

from __future__ import annotations

from lapnet.analysis.indicators.collector import IndicatorCollector
from lapnet.analysis.indicators.domains import PUBLIC_SUFFIX_LIST_VERSION
from lapnet.analysis.indicators.phones import PHONE_METADATA_VERSION

# the versions of the bundled data, for ``DataVersions`` in the result
__all__ = ["PHONE_METADATA_VERSION", "PUBLIC_SUFFIX_LIST_VERSION", "IndicatorCollector"]
