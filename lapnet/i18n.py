"""Compile lapnet's gettext catalogues (``locale/<lang>/LC_MESSAGES/django.po``) into ``.mo`` files in
pure Python, so a machine without GNU gettext (``msgfmt``) can build them.

lapnet has two catalogues, both in the ``django`` domain (:data:`CATALOGUES`): the referral pages'
(``lapnet/referrals/locale``, found by Django as the app's own) and the pro forma labels'
(``lapnet/exchange/locale``, read by the pure PDF renderer with the standard library's ``gettext``
and by Django through ``LOCALE_PATHS``). The compiled ``.mo`` files are committed next to their
``.po`` files: gettext reads only ``.mo``, and a fresh checkout must print French, Spanish and German
without a build step. ``python -m lapnet.i18n`` rebuilds them after a ``.po`` changes, and the tests
fail when a committed ``.mo`` no longer matches its ``.po``.

The reader handles what Django's ``makemessages`` writes: comments, flags (``#, fuzzy`` entries are
left out, as ``msgfmt`` does), ``msgctxt``, multi-line strings and plural forms. The writer produces
the GNU ``.mo`` format (little-endian, no hash table), which ``gettext.GNUTranslations`` reads.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
CATALOGUES: tuple[Path, ...] = (_PACKAGE / "referrals" / "locale", _PACKAGE / "exchange" / "locale")

Catalog = dict[
    str, str
]  # "context\x04msgid" (or "msgid", "msgid\x00plural") -> "msgstr" ("\x00"-joined plurals)


def _unquote(line: str) -> str:
    value = ast.literal_eval(line)
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> Catalog:
    """The translated entries of a ``.po`` file (the header included, under the empty msgid)."""
    catalog: Catalog = {}
    entry: dict[str, list[str]] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            msgid = "".join(entry["msgid"])
            if "msgid_plural" in entry:
                msgid += "\x00" + "".join(entry["msgid_plural"])
                forms = sorted(name for name in entry if name.startswith("msgstr["))
                msgstr = "\x00".join("".join(entry[name]) for name in forms)
            else:
                msgstr = "".join(entry.get("msgstr", []))
            if "msgctxt" in entry:
                msgid = "".join(entry["msgctxt"]) + "\x04" + msgid
            if msgstr.replace("\x00", ""):
                catalog[msgid] = msgstr
        entry, fuzzy = {}, False

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            entry.setdefault(key, []).append(_unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in {"msgctxt", "msgid"} and "msgid" in entry:
            flush()  # a new entry starts without a blank line before it
        key = keyword
        entry[key] = [_unquote(rest)]
    return catalog


def write_mo(catalog: Catalog) -> bytes:
    """The GNU ``.mo`` bytes of a catalog (keys sorted, as ``msgfmt`` writes them)."""
    keys = sorted(catalog)
    ids = [key.encode("utf-8") for key in keys]
    strs = [catalog[key].encode("utf-8") for key in keys]
    count = len(keys)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + count * 8
    data_start = strs_table + count * 8
    offsets: list[tuple[int, int]] = []
    data = b""
    for value in ids + strs:
        offsets.append((len(value), data_start + len(data)))
        data += value + b"\x00"
    output = struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0)
    for length, offset in offsets:
        output += struct.pack("<2I", length, offset)
    return output + data


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes a ``.po`` file compiles to."""
    return write_mo(parse_po(po.read_text(encoding="utf-8")))


def compile_all(locales: tuple[Path, ...] = CATALOGUES) -> list[Path]:
    """Write every ``.mo`` next to its ``.po`` in each locale folder; returns the files written."""
    written = []
    for locale in locales:
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            mo.write_bytes(compiled(po))
            written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"{path}\n")
