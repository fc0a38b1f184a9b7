"""Numbers as printed: digits (with thousands separators, decimals, a scale word)
and number words ("three hundred thousand", "a million").

Kept apart from what a number means (a share, a count, a year): this module only
says where a number is printed and what value it spells, so the readers that
decide whether it is a figure work on values, not on strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    """A number printed at ``[start, end)`` of a text, scale word included."""

    start: int
    end: int
    value: float
    digits: str  # the digits as printed ("" for number words): tells a year from a count
    scaled: bool = False  # a scale word ("million", "thousand") is part of it


# a run of digits and separators, found fast (a pattern opening with a character class
# is searched for by that class), then checked: not glued to a word, a footnote
# marker's full stop or another number, and of one of the forms a number is printed in
DIGIT_RUN = re.compile(r"\d[\d,.]*")
DIGITS = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+|\d+(?:\.\d+)?")
GLUED_BEFORE = frozenset(".,/\\")
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "hundred": 1e2}
SCALE_AFTER = re.compile(r"[ \u00a0](thousand|million|billion)\b", re.IGNORECASE)

UNITS = {w: i for i, w in enumerate(
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"
    ])}
TENS = {w: 10 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
_UNIT_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_WORD = "|".join(TENS)
_SMALL_WORDS = rf"(?:(?:{_TENS_WORD})(?:[- ](?:{_UNIT_WORD}))?|{_UNIT_WORD}|an?)"
# a number word only counts with a scale ("three hundred", "a million"): bare "three"
# is too often not a figure anyone asks about
WORD_NUMBER = re.compile(
    rf"\b{_SMALL_WORDS}[ -](?:hundred|thousand|million|billion)"
    rf"(?:(?: and)? {_SMALL_WORDS}(?= thousand| million))?"
    r"(?:[ -](?:thousand|million|billion))?\b", re.IGNORECASE)
WORD = re.compile(r"[a-z]+")


def digits_value(printed: str) -> float | None:
    """The value of digits as printed: "220,000", "170.000" (a European thousands
    separator: three digits after each point), "1.5"; None when it is no number."""
    if "," in printed:
        return float(printed.replace(",", ""))
    if printed.count(".") >= 1 and all(len(g) == 3 for g in printed.split(".")[1:]) and (
            printed.count(".") > 1 or not printed.startswith("0")):
        return float(printed.replace(".", ""))
    try:
        return float(printed)
    except ValueError:
        return None


def small_word_value(words: str) -> int:
    """The value of "twenty-five", "a", "three"."""
    total = 0
    for w in WORD.findall(words.lower()):
        total += 1 if w in ("a", "an") else UNITS.get(w, TENS.get(w, 0))
    return total


def words_value(printed: str) -> float:
    """The value of "three hundred thousand", "one and a half million" is not read;
    "two hundred and fifty thousand" is."""
    total, current = 0.0, 0.0
    for w in WORD.findall(printed.lower()):
        if w in ("a", "an"):
            current += 1
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
    return total + current


def numbers_in(text: str) -> list[Number]:
    """Every number printed in ``text``, in order, digits and number words."""
    found: list[Number] = []
    for m in DIGIT_RUN.finditer(text):
        printed = m.group().rstrip(".,")
        start, end = m.start(), m.start() + len(printed)
        before = text[start - 1] if start else " "
        after = text[end:end + 1]
        if before == "." and printed.isdigit() and (start == 1 or text[start - 2] in " (\t\n"):
            # a decimal printed without its zero: ".9%"
            found.append(Number(start - 1, end, float("0." + printed), "." + printed))
            continue
        if before.isalnum() or before == "_" or before in GLUED_BEFORE or (
                after.isalnum() or after == "_") or not DIGITS.fullmatch(printed):
            continue
        value = digits_value(printed)
        if value is None:
            continue
        scaled = False
        scale = SCALE_AFTER.match(text, end)
        if scale:
            value *= SCALES[scale.group(1).lower()]
            end, scaled = scale.end(), True
        found.append(Number(start, end, value, printed, scaled))
    lowered = text.lower()
    if not any(scale in lowered for scale in SCALES):
        return found
    for m in WORD_NUMBER.finditer(text):
        found.append(Number(m.start(), m.end(), words_value(m.group()), "", True))
    return sorted(found, key=lambda n: n.start)
