"""Cyrillic names and their romanisations brought to one spelling before comparison.

One person reaches a corpus as "Сталин", "Stalin", "Iosif"/"Joseph", "Ežov"/"Yezhov"/
"Ezhov", "Šljapnikov"/"Shliapnikov"/"Shlyapnikov": the Cyrillic original and the
romanisations of the standard systems, which differ only in a few letters:

====  =======  =========  =====  ===========  ===================
Cyr.  LC       BGN/PCGN   ISO 9  scholarly    here (then folded)
====  =======  =========  =====  ===========  ===================
ж     zh       zh         ž      ž            zh
х     kh       kh         h      x (ch)       kh
ц     ts       ts         c      c            ts
ч     ch       ch         č      č            ch
ш     sh       sh         š      š            sh
щ     shch     shch       ŝ      šč           shch
ю     iu       yu         û      ju           iu
я     ia       ya         â      ja           ia
й     ĭ        y          j      j            i
ы     y        y          y      y            y
э     ė        e          è      è            e
ь ъ   ʹ ʺ      ʹ ʺ        ʹ ʺ    ʹ ʺ          (dropped)
====  =======  =========  =====  ===========  ===================

``romanize`` writes Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian and
Macedonian letters) in the Library of Congress system without its diacritics, and
turns the letters that only ISO 9 and the scholarly system use (č š ž ŝ â û è ė) into
their LC spelling, so that ``names.family_key``'s folds (ye/e, ya/ia, kh/h, -sky/-skii
...) take every system to one key. Plain Latin letters that mean different sounds in
different systems (scholarly "c" and "x", ISO "h") are left alone: reading "Chase" as
"Tsase" would cost more than it gains. A table of some sixty letters is all this needs,
so no transliteration package is used (those go one way, Cyrillic to Latin, and
each in one system; comparing needs the reverse folds too).
"""

from __future__ import annotations

import re

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Ukrainian and Belarusian
    "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
    # Serbian and Macedonian
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dzh", "ѓ": "g", "ќ": "k",
    "ѕ": "dz",
}
# letters of ISO 9 and the scholarly system, in their LC spelling (before accents go)
_ISO_SCHOLARLY = {
    "č": "ch", "š": "sh", "ž": "zh", "ŝ": "shch", "â": "ia", "û": "iu", "è": "e",
    "ė": "e", "ë": "e", "ǎ": "a", "ĭ": "i",
}
_TABLE = str.maketrans({**_CYRILLIC, **{k.upper(): v.capitalize() for k, v in _CYRILLIC.items()},
                        **_ISO_SCHOLARLY,
                        **{k.upper(): v.capitalize() for k, v in _ISO_SCHOLARLY.items()}})
_NEEDS = re.compile(r"[\u0400-\u04ffčšžŝâûèėëǎĭČŠŽŜÂÛÈĖËǍĬ]")


def romanize(text: str) -> str:
    """``text`` with Cyrillic letters (and ISO 9 / scholarly letters) in LC spelling:
    "Сталин И." -> "Stalin I.", "Ežov" -> "Ezhov", "Пятаков" -> "Piatakov"."""
    if not _NEEDS.search(text):
        return text
    return text.translate(_TABLE)

