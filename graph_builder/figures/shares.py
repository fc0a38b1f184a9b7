"""Shares as printed: a percentage after a number, a fraction in words
("one-third", "a quarter of", "half the", "two-thirds"), "one in four".

A fraction word is also an ordinal ("a third expulsion", "the second half of
1937"), so a fraction is read only where a whole follows it ("of", "the", "its"),
or where its hyphen leaves no doubt ("one-third").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.figures.numbers import TENS, UNITS, small_word_value

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


# "two thirds", "three fifths": a plural denominator after a numerator is a fraction
_PLURAL_DENOM = "|".join(sorted((d for d in DENOMINATORS if d.endswith("s") and d != "halves"),
                                key=len, reverse=True))
_NUMERATOR_2 = "|".join(sorted((w for w, v in UNITS.items() if 1 < v < 10), key=len,
                               reverse=True))
PLURAL_FRACTION = re.compile(rf"\b(?P<num>{_NUMERATOR_2}) (?P<den>{_PLURAL_DENOM})\b",
                             re.IGNORECASE)
# a percentage or a rate per thousand in words: "one per cent", "three per 1000"
_WORD_NUMBER = (rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(w for w in UNITS if w != 'zero')}))?"
                rf"|{'|'.join(sorted((w for w in UNITS if w != 'zero'), key=len, reverse=True))})")
# found from the sign or word of the unit, then the number read back from it: a
# scan for the unit is fast, one for every word that may be a number is not
PERCENT_UNIT = re.compile(r"per[ -]?cent\b|%", re.IGNORECASE)
PER_THOUSAND_UNIT = re.compile(r" per (?:1,?000|thousand)\b", re.IGNORECASE)
WORD_PERCENT = re.compile(rf"\b(?:(?P<low>{_WORD_NUMBER})(?: and | to | or |/|-))?"
                          rf"(?P<n>{_WORD_NUMBER})[ \u00a0]?$", re.IGNORECASE)
PER_THOUSAND = re.compile(rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:\.\d+)?|{_WORD_NUMBER})$",
                          re.IGNORECASE)
_BACK = 40  # characters before a unit its number may take up

# "three-quarters of a million", "half a million": a count, not a share
OF_A_SCALE = re.compile(r"(?: of)? an? (?:(?P<million>million)|(?P<thousand>thousand)|"
                        r"(?P<billion>billion))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Share:
    """A fraction or "one in N" printed at ``[start, end)``, its value 0-1."""

    start: int
    end: int
    value: float
    low: float | None = None  # a range's ends, where it is one: "two/three per cent"
    high: float | None = None


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
    plural = fractions and any(d in lowered for d in ("thirds", "quarters", "fourths", "fifths",
                                                      "sixths", "sevenths", "eighths",
                                                      "ninths", "tenths"))
    for m in PLURAL_FRACTION.finditer(text) if plural else ():
        numerator, den = UNITS[m.group("num").lower()], DENOMINATORS[m.group("den").lower()]
        if numerator < den and not any(f.start <= m.start() < f.end for f in found):
            found.append(Share(m.start(), m.end(), numerator / den))
    for unit in PERCENT_UNIT.finditer(text) if "cent" in lowered or "%" in text else ():
        m = WORD_PERCENT.search(text, max(0, unit.start() - _BACK), unit.start())
        if not m:
            continue
        high = small_word_value(m.group("n")) / 100
        low = small_word_value(m.group("low")) / 100 if m.group("low") else high
        if low < high:  # "two/three per cent", "between two and three per cent"
            found.append(Share(m.start(), unit.end(), (low + high) / 2, low, high))
        else:
            found.append(Share(m.start("n"), unit.end(), high))
    thousand = " per 1" in lowered or " per thousand" in lowered
    for unit in PER_THOUSAND_UNIT.finditer(text) if thousand else ():
        m = PER_THOUSAND.search(text, max(0, unit.start() - _BACK), unit.start())
        if m:
            n = m.group("n")
            value = float(n) if n[0].isdigit() else small_word_value(n)
            if 0 < value < 1000:
                found.append(Share(m.start(), unit.end(), value / 1000))
    one_in = "one in " in lowered or " out of " in lowered or "1 in " in lowered
    for m in ONE_IN.finditer(text) if one_in else ():
        den = _den_value(m.group("den"))
        if den > 1:
            found.append(Share(m.start(), m.end(), 1 / den))
    return sorted(found, key=lambda s: s.start)
