"""Issue 13: one year and one month, read alike by every reader of references.

Every sentence and reference here is made up.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_builder.references.chicago import read_note
from graph_builder.references.fields import reference_from_spans
from graph_builder.references.model import token_features
from graph_builder.references.note_split import split_note
from graph_builder.references.rules import parse_with_rules
from graph_builder.support.text_patterns import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTH,
    YEAR,
    digit_range,
)


def test_year_is_exactly_first_to_last_year():
    year = re.compile(YEAR)
    assert [n for n in range(10_000) if year.fullmatch(str(n))] == list(
        range(FIRST_YEAR, LAST_YEAR + 1))


def test_year_bound_stays_ahead_of_the_clock():
    """LAST_YEAR is a constant so that builds are reproducible; this fails two years
    before works of the current year would stop reading as dated: move it on then."""
    assert date.today().year + 2 <= LAST_YEAR


@given(st.integers(0, 99_999), st.integers(0, 99_999))
def test_digit_range_matches_exactly_its_range(a, b):
    low, high = min(a, b), max(a, b)
    width = len(str(high))
    pattern = re.compile(digit_range(low, high))
    for n in {low, high, low - 1, high + 1, (low + high) // 2, 0, 10 ** width - 1}:
        if 0 <= n < 10 ** width:
            assert bool(pattern.fullmatch(str(n).zfill(width))) == (low <= n <= high), n


@pytest.mark.parametrize("month", [
    "March", "Mar.", "Mar", "April", "Apr.", "Sept.", "Sept", "Sep.", "September", "May",
    "Jun.", "June", "Jul.", "Jan.", "Dec",
])
def test_month_takes_full_names_and_abbreviations(month):
    assert re.fullmatch(MONTH, month)


@pytest.mark.parametrize("word", ["Marx", "Mayor", "Decree", "Aprons", "Junction", "March."])
def test_month_is_a_whole_word_and_only_an_abbreviation_takes_a_full_stop(word):
    assert not re.fullmatch(MONTH, word)


@pytest.mark.parametrize(("abbreviated", "written_out", "titles"), [
    ("*Steppe Herald*, 14 Mar. 1931, 3; *Mill Worker*, 2 Apr. 1932, 1.",
     "*Steppe Herald*, 14 March 1931, 3; *Mill Worker*, 2 April 1932, 1.",
     ["Steppe Herald", "Mill Worker"]),
    ("Mill Worker, 9 Sept. 1933; see also *Steppe Herald*, 1 Jun. 1930, 2.",
     "Mill Worker, 9 September 1933; see also *Steppe Herald*, 1 June 1930, 2.",
     ["Mill Worker", "Steppe Herald"]),
])
def test_notes_split_at_mar_and_apr_dates_as_at_written_out_months(abbreviated, written_out,
                                                                   titles):
    """The note splitter's month refused "Mar." and "Apr.": such a note gave nothing."""
    assert [piece.title for piece in split_note(abbreviated)] == titles
    assert [piece.title for piece in split_note(written_out)] == titles


@pytest.mark.parametrize("day", ["12 Mar. 1934", "12 Apr. 1934", "Apr. 12, 1934", "12 Sept. 1934"])
def test_rules_and_notes_read_abbreviated_dates(day):
    ref = parse_with_rules(f"Hrytsenko, Olha. A made-up report on the harvest. {day}")
    assert (ref.kind, ref.title, ref.year) == ("document", "A made-up report on the harvest",
                                               "1934")
    note = read_note(f"*Steppe Herald*, {day}, 2")  # an issue of a newspaper: its day kept
    assert note is not None and (note.container_title, note.year, note.pages) == (
        "Steppe Herald", "1934", "2") and note.date.startswith("1934-")


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, FIRST_YEAR, 1937, LAST_YEAR, LAST_YEAR + 1,
                                  2091])
def test_every_reader_takes_the_same_years(year):
    """Two readers stopped at 2029 and two at 2099: "2091–2095" was a year to some."""
    dated = FIRST_YEAR <= year <= LAST_YEAR
    rules = parse_with_rules(f"Ostapenko, Ivan. A Made-Up Chronicle. Kyiv: Nauka, {year}, p. 5")
    note = read_note(f"Ivan Ostapenko, *A Made-Up Chronicle* (Kyiv, {year}), 5")
    spans = reference_from_spans("", [("title", "A Made-Up Chronicle"), ("date", f"({year})")])
    assert rules.year == spans.year == (str(year) if dated else "")
    assert (note is not None and note.year == str(year)) is dated
    assert ("year" in token_features([str(year)])[0]) is dated
