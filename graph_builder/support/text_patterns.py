"""A year, a month and a note marker, as every stage reads them in text.

Each reference reader used to carry its own: years up to 2029 in two of them and
up to 2099 in two others, months with and without "Mar." and "Apr.", so one
reader took a date that the next refused. They all import these instead. Plain
strings to build patterns from (not compiled): each user adds the boundaries its
context needs, such as a named group or "not after a digit".

The year runs from FIRST_YEAR to LAST_YEAR:

* 1500, because the sources cite printed works; a four-digit number below it is
  a page, a folio or a file number far more often than a date.
* LAST_YEAR is the year it was set (2026) plus five. A work cited as forthcoming
  carries next year's date or the one after; a larger number ("2091–2095") is a
  page range. The bound is a constant, not read from the clock, so a text gives
  the same graph whenever it is built; tests/graph_builder/support/
  test_text_patterns.py fails two years before the bound is reached, as the
  reminder to move it on.
"""

from __future__ import annotations

__all__ = ["FIRST_YEAR", "LAST_YEAR", "MONTH", "MONTH_ABBREVIATIONS", "MONTH_NAMES",
           "SEASON", "SEASON_NAMES", "SUPERSCRIPT_DIGITS", "YEAR", "digit_range"]

#: the digits of a footnote marker ("…the Committee.¹²") and of a note body ("¹² Getty, …")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

FIRST_YEAR = 1500
LAST_YEAR = 2031


def digit_range(low: int, high: int) -> str:
    """A pattern for exactly the whole numbers low..high, written with as many digits
    as ``high``: digit_range(1500, 2031) -> '1[5-9]\\d\\d|20[0-2]\\d|203[0-1]'."""
    width = len(str(high))
    return "|".join(_spans(str(low).zfill(width), str(high)))


def _spans(low: str, high: str) -> list[str]:
    """Alternatives for the digit strings low..high of one length, most significant
    digit first: the run below a round number, the round middle, the run above it."""
    if not low:
        return [""]
    if low[0] == high[0]:
        return [low[0] + rest for rest in _spans(low[1:], high[1:])]
    zeros, nines = "0" * (len(low) - 1), "9" * (len(low) - 1)
    first, last = int(low[0]), int(high[0])
    head, tail = [], []
    if low[1:] != zeros:
        head = [low[0] + rest for rest in _spans(low[1:], nines)]
        first += 1
    if high[1:] != nines:
        tail = [high[0] + rest for rest in _spans(zeros, high[1:])]
        last -= 1
    if first <= last:
        digit = str(first) if first == last else f"[{first}-{last}]"
        head.append(digit + r"\d" * (len(low) - 1))
    return head + tail


# A year of publication, a letter or a decree.
YEAR = f"(?:{digit_range(FIRST_YEAR, LAST_YEAR)})"

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                       "Nov", "Dec")
# A month, written out or abbreviated ("Mar.", "Sept", "Apr."): a whole word, and a full
# stop belongs to it only after an abbreviation.
MONTH = (rf"(?:(?:{'|'.join(MONTH_NAMES)})\b"
         rf"|(?:{'|'.join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))})\b\.?)")
# Quarterlies date their issues by season: "Spring 1990".
SEASON_NAMES = ("Spring", "Summer", "Fall", "Autumn", "Winter")
SEASON = rf"(?:{'|'.join(SEASON_NAMES)})\b"
