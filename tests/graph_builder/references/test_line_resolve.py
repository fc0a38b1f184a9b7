"""Citation lines completed from the lines above them: "Ibid." and short forms.

Every citation string here is invented (an imagined book on fen drainage)."""

from __future__ import annotations

import pytest

from graph_builder.records import Citation, Span
from graph_builder.references import is_citation_line, parse_reference
from graph_builder.references.citation_lines import abbreviates, is_ibid, short_form
from graph_builder.references.line_resolve import resolve_lines

FULL = "Hale, Thomas. A Walk to the Fens. London: Quay Press, 1822, p. 9"


def _citations(*lines: str) -> list[Citation]:
    out, at = [], 0
    for n, line in enumerate(lines, 1):
        out.append(Citation("fens.txt", Span(at, at + len(line)), line, n * 5))
        at += len(line) + 10
    return out


@pytest.mark.parametrize("line", ["Ibid.", "Ibid., p. 14", "ibid., 41.", "Ibid., pp. 40–41",
                                  "Op. cit., p. 3"])
def test_ibid_lines_are_citation_lines(line):
    assert is_ibid(line) and is_citation_line(line)


@pytest.mark.parametrize("line", ["Ibid. he wrote to the board.", "Ibidem and others"])
def test_ibid_with_words_after_it_is_no_ibid_line(line):
    assert not is_ibid(line)


@pytest.mark.parametrize("line, families, title, year, pages", [
    ("Hale, Walk to the Fens, p. 40", ("Hale",), "Walk to the Fens", "", "40"),
    ("Hale, Walk to the Fens, 40–41.", ("Hale",), "Walk to the Fens", "", "40–41"),
    ("Hale, Walk to the Fens (1822), p. 13", ("Hale",), "Walk to the Fens", "1822", "13"),
    ("Hale and Cole, Fen Drainage, pp. 4-5", ("Hale", "Cole"), "Fen Drainage", "", "4-5"),
    ("Hale et al., Fen Drainage, p. 4", ("Hale",), "Fen Drainage", "", "4"),
])
def test_short_form_reads_family_title_year_and_page(line, families, title, year, pages):
    found = short_form(line)
    assert found is not None
    assert (found.families, found.title, found.year, found.pages) == (families, title, year,
                                                                      pages)


@pytest.mark.parametrize("line", [
    "Later, he said that the mills were sold, p. 40",  # a sentence: pronoun, lower case
    "Meanwhile, the farmers sowed oats, 40.",  # title not capitalised
    "Meanwhile, Leeds Mills employed hands and paid wages, 40.",
    "Hale, Walk to the Fens. London, p. 40",  # a sentence stop inside: no short form
])
def test_prose_is_no_short_form(line):
    assert short_form(line) is None


def test_a_located_short_form_is_a_citation_line_a_bare_page_alone_is_not():
    assert is_citation_line("Hale, Walk to the Fens, p. 40")
    assert is_citation_line("Hale, Walk to the Fens (1822), 40.")
    assert not is_citation_line("Hale, Walk to the Fens, 40.")  # confirmed by segmentation


def test_abbreviates_needs_the_family_up_front_and_the_title_words_in_a_run():
    short = short_form("Hale, Walk to the Fens, 40.")
    assert abbreviates(short, FULL)
    assert not abbreviates(short, "Cole, Ann. A Walk to the Fens. London: Quay Press, 1830")
    assert not abbreviates(short, "Hale, Thomas. A Walk to the Lakes and Fens. York, 1822")


def test_ibid_repeats_the_line_above_at_its_own_page():
    full, ibid, bare = _citations(FULL, "Ibid., p. 14", "Ibid.")
    resolve_lines([bare, ibid, full], [])  # any order in: resolved in print order
    assert ibid.resolved_from == bare.resolved_from == "ibid"
    assert ibid.reference.title == "A Walk to the Fens" and ibid.reference.year == "1822"
    assert ibid.reference.pages == "14" and bare.reference.pages == "14"
    assert ibid.reference.authors == full.reference.authors


def test_ibid_with_nothing_above_is_kept_and_warned():
    [ibid] = _citations("Ibid., p. 3")
    warnings = []
    resolve_lines([ibid], warnings)
    assert ibid.resolved_from == "" and not ibid.reference.title and len(warnings) == 1


def test_short_form_takes_the_full_reference_it_abbreviates():
    full, other, short, ibid = _citations(
        FULL, "Cole, Ann. Fen Drainage. Ely: Marsh Books, 1931, p. 2",
        "Hale, Walk to the Fens, p. 40", "Ibid., p. 41")
    resolve_lines([full, other, short, ibid], [])
    assert short.resolved_from == "short form"
    assert short.reference.year == "1822" and short.reference.pages == "40"
    assert [a.given for a in short.reference.authors] == ["Thomas"]
    assert ibid.reference.title == "A Walk to the Fens" and ibid.reference.pages == "41"


def test_short_form_with_a_year_is_read_as_title_not_as_names():
    """Alone, "Hale, Walk and Toll (1822)" reads as three authors; the full line above
    shows "Walk and Toll" is the title."""
    full, short = _citations("Hale, Thomas. Walk and Toll. London: Quay Press, 1822, p. 1",
                             "Hale, Walk and Toll (1822), p. 13")
    resolve_lines([full, short], [])
    assert [a.family for a in short.reference.authors] == ["Hale"]
    assert short.reference.title == "Walk and Toll" and short.reference.pages == "13"


def test_short_form_of_no_earlier_work_is_kept_as_parsed():
    full, short = _citations(FULL, "Cole, Fen Drainage, p. 40")
    resolve_lines([full, short], [])
    assert short.resolved_from == ""
    assert short.reference.title == "Fen Drainage" and not short.reference.year


def test_surname_given_title_year_page_without_imprint_is_read_by_the_rules():
    ref = parse_reference("Hale, Thomas. Walk and Toll. 1822, p. 4")
    assert [(a.family, a.given) for a in ref.authors] == [("Hale", "Thomas")]
    assert (ref.title, ref.year, ref.pages) == ("Walk and Toll", "1822", "4")


@pytest.mark.parametrize("line", ["Scurr, Ruth, 2006, p. 266", "Hale, Thomas, 1822, 4."])
def test_a_year_after_the_comma_is_no_short_title(line):
    assert short_form(line) is None


def test_one_word_short_form_of_no_earlier_work_is_left_to_the_parser():
    full, short = _citations(FULL, "Cole, Ann, p. 40")
    resolve_lines([full, short], [])
    assert short.reference.title != "Ann"


@pytest.mark.parametrize("line", ["Thomas Hale, A Walk to the Fens (1822), 9.",
                                  "Hale, Thomas. A Walk to the Fens (1822), 9."])
def test_chicago_note_with_a_date_but_no_place_or_p_is_a_citation_line(line):
    assert is_citation_line(line)
    ref = parse_reference(line)
    assert [(a.family, a.given) for a in ref.authors] == [("Hale", "Thomas")]
    assert (ref.title, ref.year, ref.pages) == ("A Walk to the Fens", "1822", "9")


def test_given_first_name_before_lower_case_words_is_no_chicago_note():
    assert not is_citation_line("Thomas Hale, who farmed there (1822), 9.")
