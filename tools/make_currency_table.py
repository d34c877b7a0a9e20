"""Write xlsegment/data/currencies.json from Babel's copy of the Unicode CLDR data.

The reader names a figure's currency by its ISO 4217 code from whatever mark the filer
printed: a code ("CNY"), a symbol ("₩", "NT$", "R$") or a name in the filing's language
("euros", "人民币"). CLDR is the maintained source of those symbols and names, and Babel
ships it; the table is generated once, here, so that the core needs neither Babel nor its
locale data at run time (it must stay a small pure-Python wheel that also runs in Pyodide).
``tests/test_currency_table.py`` regenerates the table with the installed Babel and fails
when the checked-in copy differs.

    python tools/make_currency_table.py            # rewrite the table
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "xlsegment" / "data" / "currencies.json"


def _current_currencies() -> dict[str, list[str]]:
    """ISO code -> territories whose legal tender it is today."""
    from babel.core import get_global

    out: dict[str, list[str]] = defaultdict(list)
    for territory, spans in get_global("territory_currencies").items():
        for code, _start, end, tender in spans:
            if end is None and tender:
                out[code].append(territory)
    return out


def _locales_of(territory: str) -> list[str]:
    """The official languages of a territory, as locales Babel can load."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    found = []
    for lang, info in get_global("territory_languages").get(territory, {}).items():
        if not (info.get("official_status") or "").startswith("official"):
            continue
        for name in (f"{lang}_{territory}", lang):
            try:
                Locale.parse(name)
            except (UnknownLocaleError, ValueError):
                continue
            found.append(name)
            break
    return found


def build() -> dict:
    from babel import Locale

    english = Locale.parse("en")
    tokens: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for code, territories in sorted(_current_currencies().items()):
        names[code] = english.currencies.get(code, code)
        locales = [english] + [Locale.parse(n) for t in territories for n in _locales_of(t)]
        for loc in locales:
            symbol = loc.currency_symbols.get(code)
            if symbol and symbol != code:
                tokens[symbol].add(code)
            for text in (
                loc.currencies.get(code),
                *loc._data["currency_names_plural"].get(code, {}).values(),
            ):
                if text:
                    tokens[text.lower()].add(code)
    # A mark that stands for one currency only; "$", "¥" and "kr" name several and are
    # settled by the reader's own defaults for filers (xlsegment.currency.FILER_MARKS).
    marks = {token: sorted(codes)[0] for token, codes in sorted(tokens.items()) if len(codes) == 1}
    return {"source": "Unicode CLDR via Babel", "names": names, "marks": marks}


def main() -> int:
    TABLE.write_text(
        json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
