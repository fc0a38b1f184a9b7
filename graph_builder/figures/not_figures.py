"""Numbers that are not figures: years, dates, page and archive locators, order
and section numbers, ages, times of day, and differences ("3 million more").

A wrong figure costs more than a missing one, so a number is a figure only when
nothing around it says it is a label; these tests look at the few characters
before and after it, never at what the text is about.
"""

from __future__ import annotations

import re

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec"
]
_MONTH = "|".join(MONTHS)
# what a locator or a label ends with right before its number: "p. 25", "f. 17, op. 2",
# "No. 00447", "Article 58", "§ 3", "vol. 2", "chapter 4", "June 24"
LABEL_BEFORE = re.compile(
    rf"(?<![\w])(?:pp?|ff?|ll?|op|d|no|nos|nr|vol|vols|ch|chap|sec|art|fol|fols|n|nn|"
    rf"page|pages|folio|folios|fond|opis|delo|number|numbers|order|decree|article|"
    rf"articles|chapter|chapters|section|sections|paragraph|point|clause|item|protocol|"
    rf"file|list|sheet|box|table|figure|fig|note|notes|line|lines|verse|volume|"
    rf"issue|part|book|col|cols|tome|room|house|apartment|flat|street|route|aged?|"
    rf"factor of|factor of between|"
    rf"{_MONTH})\.?[ \u00a0]?(?:[:#№]\.?[ \u00a0]?)?$|[§№#][ \u00a0]?$", re.IGNORECASE)
# a day before a month ("7 August 1938"), a time of day ("10 p.m.", "10 o'clock"), an
# age ("45 years old"), a unit that makes it no count of things ("5 km", "20 years")
LABEL_AFTER = re.compile(
    rf"[ \u00a0](?:{_MONTH})\b|[ \u00a0]?(?:[ap]\.?m\b|o'clock|o’clock)|"
    r"[ \u00a0](?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|centur(?:y|ies)|"
    r"decades?|pages?|volumes?|chapters?|times|km|kilometres?|kilometers?|miles?|metres?|"
    r"meters?|feet|foot|inches|kg|kilograms?|tons?|tonnes?|degrees?|copies)\b|"
    r"(?:st|nd|rd|th)\b|[-‐–][ \u00a0]?year", re.IGNORECASE)
WINDOW = 22
# a difference, not a count: "3 million more than", "2,000 fewer"
COMPARATIVE_AFTER = re.compile(
    r"[ \u00a0](?:more|fewer|less|higher|lower|greater|larger|smaller)\b")
# a difference between two counts, not a count: "convictions exceeded arrests by more than
# 74,000" (a change, "the camps grew by 175,487", is a figure of the change)
DIFFERENCE_BEFORE = re.compile(
    r"\b(?:exceed(?:ed|s|ing)?|outnumber(?:ed|s|ing)?|surpass(?:ed|es|ing)?)"
    r"\b[^.;:]{0,60}? by $", re.IGNORECASE)



def is_year(digits: str, value: float) -> bool:
    """A four-digit number in the range of years printed without a separator."""
    return len(digits) == 4 and digits.isdigit() and 1000 <= value <= 2100


def is_label(text: str, start: int, end: int) -> bool:
    """The number at ``[start, end)`` is a locator, a date's day, an order's number,
    an age or a time rather than a figure."""
    if LABEL_BEFORE.search(text, max(0, start - WINDOW), start):
        return True
    return bool(LABEL_AFTER.match(text, end))
