"""Shares as printed: a percentage after a number, a fraction in words
("one-third", "a quarter of", "half the", "two-thirds"), "one in four".

A fraction word is also an ordinal ("a third expulsion", "the second half of
1937"), so a fraction is read only where a whole follows it ("of", "the", "its"),
or where its hyphen leaves no doubt ("one-third").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.figures.numbers import UNITS, small_word_value

PERCENT_AFTER = re.compile(r"[ \u00a0]?(?:%|per[ -]?cent\b|pct\b)", re.IGNORECASE)

DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                "tenth": 10, "tenths": 10}
_DENOM = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
_NUMERATOR = "|".join(sorted([*UNITS, "a", "an"], key=len, reverse=True))
_WHOLE_AFTER = r"(?= (?:of|the|its|their|his|her|our|all|these|those)\b)"
FRACTION = re.compile(
    rf"\b(?:(?P<num>{_NUMERATOR})-(?P<den>{_DENOM})\b(?!-)"  # one-third
    rf"|(?P<num2>{_NUMERATOR}) (?P<den2>{_DENOM})\b{_WHOLE_AFTER}"  # a third of
    rf"|(?<!\w)(?P<half>half)(?:{_WHOLE_AFTER}|(?= an? (?:million|thousand|billion)\b)))",
    re.IGNORECASE)
# "one in four", "one out of every five", "1 in 10"
ONE_IN = re.compile(
    rf"\b(?P<num>one|a|1) (?:in|out of) (?:every )?(?P<den>\d+|{_NUMERATOR}|"
    r"twenty|thirty|forty|fifty|hundred)\b(?! (?:cases|instances|occasions))", re.IGNORECASE)
_HALF_NOT_SHARE = re.compile(r" (?:of|the) (?:\d|first\b|second\b|next\b|last\b|past\b|"
                             r"century|decade|year|month|week|day|hour)", re.IGNORECASE)


# "three-quarters of a million", "half a million": a count, not a share
OF_A_SCALE = re.compile(r"(?: of)? an? (?:(?P<million>million)|(?P<thousand>thousand)|"
                        r"(?P<billion>billion))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Share:
    """A fraction or "one in N" printed at ``[start, end)``, its value 0-1."""

    start: int
    end: int
    value: float


def _den_value(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word == "hundred":
        return 100
    return small_word_value(word) if word not in ("a", "an") else 0


def shares_in(text: str) -> list[Share]:
    """Fractions and "one in N" in ``text`` (percentages are read after numbers)."""
    found: list[Share] = []
    lowered = text.lower()
    fractions = any(word in lowered for word in ("half", "third", "quart", "fourth", "fifth",
                                                 "sixth", "seventh", "eighth", "ninth", "tenth"))
    for m in FRACTION.finditer(text) if fractions else ():
        if m.group("half"):
            if _HALF_NOT_SHARE.match(text, m.end()) or text[max(0, m.start() - 4):m.start()
                                                            ].lower().endswith("the "):
                continue
            found.append(Share(m.start(), m.end(), 0.5))
            continue
        num = (m.group("num") or m.group("num2")).lower()
        den = DENOMINATORS[(m.group("den") or m.group("den2")).lower()]
        numerator = 1 if num in ("a", "an") else UNITS[num]
        if m.group("den2") and _HALF_NOT_SHARE.match(text, m.end()):
            continue
        if 0 < numerator < den:
            found.append(Share(m.start(), m.end(), numerator / den))
    one_in = "one in " in lowered or " out of " in lowered or "1 in " in lowered
    for m in ONE_IN.finditer(text) if one_in else ():
        den = _den_value(m.group("den"))
        if den > 1:
            found.append(Share(m.start(), m.end(), 1 / den))
    return sorted(found, key=lambda s: s.start)
