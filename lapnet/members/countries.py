"""Country and language names for the directory, from data already shipped with our dependencies.

Country names (English) come from libphonenumber's locale table (``phonenumbers``), which covers every
ISO 3166-1 region that has a telephone numbering plan; language names from Django's own table. Both
fall back to the code, so an unknown code is shown as it is rather than hidden.
"""

from __future__ import annotations

from functools import cache


@cache
def _country_names() -> dict[str, str]:
    try:
        from phonenumbers.geodata.locale import LOCALE_DATA
    except ImportError:  # pragma: no cover - phonenumbers is a dependency of the analysis core
        return {}
    names: dict[str, str] = {}
    for code, by_language in LOCALE_DATA.items():
        name = by_language.get("en", "")
        for _ in range(4):  # "*aa" points at another key of the same table
            if not name.startswith("*"):
                break
            name = by_language.get(name[1:], "")
        if len(code) == 2 and code.isalpha() and name:
            names[code] = name
    return names


def country_name(code: str) -> str:
    return _country_names().get(code.upper(), code)


@cache
def country_choices() -> list[tuple[str, str]]:
    """``(code, "Name (CODE)")`` sorted by name, for select boxes."""
    return sorted(((code, f"{name} ({code})") for code, name in _country_names().items()), key=lambda c: c[1])


def language_name(code: str) -> str:
    from django.conf.locale import LANG_INFO

    info = LANG_INFO.get(code.lower(), {})
    return str(info.get("name", code))
