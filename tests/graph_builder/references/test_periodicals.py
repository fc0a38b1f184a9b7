"""Issues of periodicals read as such: the periodical is the container, the issue keeps
its number and its full day (invented references)."""

import pytest

from graph_builder.references import parse_reference
from graph_builder.references.periodicals import iso_date, read_issue


@pytest.mark.parametrize(("text", "want"), [
    ("Vestnik arkhivista, nos. 3–4, 1994, 12–15",
     dict(container_title="Vestnik arkhivista", issue="3-4", year="1994", pages="12–15",
          title="", date="")),
    ("*Morning Courier*, 3 May 1899, 4",
     dict(container_title="Morning Courier", year="1899", date="1899-05-03", pages="4",
          kind="newspaper")),
    ("Halden Gazette, June 12, 1871",
     dict(container_title="Halden Gazette", date="1871-06-12", kind="newspaper")),
    ("Halden Gazette, 12 June 1871, p. 3",
     dict(container_title="Halden Gazette", date="1871-06-12", pages="3")),
    ("*Nordic Studies*, 1988, no. 2, 40", dict(container_title="Nordic Studies", issue="2",
                                               year="1988", pages="40")),
])
def test_an_issue_of_a_periodical_is_read_whole(text, want):
    ref = parse_reference(text)
    assert {k: getattr(ref, k) for k in want} == want


@pytest.mark.parametrize("text", [
    "Kowalski, 12 June 1871",  # a plain name before a date: a letter of that day, maybe
    "Kowalski to Brandt, 12 June 1871",
    "Letter of the Halden Gazette's editor, 12 June 1871",
    "J. Kowalski, *Harbour Ledgers*, 1975, 12",
])
def test_what_is_no_issue_is_left_to_the_other_readers(text):
    assert read_issue(text) is None


def test_an_article_in_a_dated_issue_keeps_the_day():
    ref = parse_reference('“The new bridge,” *Morning Courier*, 3 May 1899')
    assert (ref.title, ref.container_title, ref.date) == (
        "The new bridge", "Morning Courier", "1899-05-03")


def test_iso_date_checks_the_calendar():
    assert iso_date("on Sept. 3, 1901") == "1901-09-03"
    assert iso_date("30 February 1901") == ""
    assert iso_date("29 February 1900") == "" and iso_date("29 February 1904") == "1904-02-29"
