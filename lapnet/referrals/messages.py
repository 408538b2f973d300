"""The referral pages' gettext catalogue (``locale/<lang>/LC_MESSAGES/django.po``).

The pure-Python ``.po`` -> ``.mo`` builder lives in :mod:`lapnet.i18n`, shared with the pro forma
labels' catalogue (``lapnet/exchange/locale``). ``python -m lapnet.referrals.messages`` still works
and, like ``python -m lapnet.i18n``, rebuilds every catalogue of the project.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lapnet.i18n import Catalog, compile_all, compiled, parse_po, write_mo

__all__ = ["LOCALE", "Catalog", "compile_all", "compiled", "parse_po", "write_mo"]

LOCALE = Path(__file__).resolve().parent / "locale"

if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"{path}\n")
