"""Life dates stated plainly in running text.

Every sentence here is invented for the test; the names are of people from
many periods and countries, because the reader must know none of them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_builder.people.life_dates import LifeDates, find_life_dates


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(x.name, x.born, x.died) for x in find_life_dates(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Later Nikolai Bukharin (1888–1938) wrote a primer.", ("Nikolai Bukharin", "1888", "1938")),
    ("Maximilien Robespierre (1758-1794) spoke last.",
     ("Maximilien Robespierre", "1758", "1794")),
    ("A speech by Sergei Kirov (b. 1886) opened the day.", ("Sergei Kirov", "1886", "")),
    ("A visit from Iosif Stalin (1879–1953) was expected.", ("Iosif Stalin", "1879", "1953")),
    ("Lazar Kaganovich, who was born in 1893, ran the railways.",
     ("Lazar Kaganovich", "1893", "")),
    ("The file on Genrikh Yagoda (1891 - 1938) is thin.", ("Genrikh Yagoda", "1891", "1938")),
    ("After Lenin (d. 1924) the quarrel began.", ("Lenin", "", "1924")),
    ("Ivan Petrov (born 1890, died 1940) kept a diary.", ("Ivan Petrov", "1890", "1940")),
    ("Danton (1759–94) laughed at the tribunal.", ("Danton", "1759", "1794")),
    ("Pavel Orlov (1873–05) crossed a century.", ("Pavel Orlov", "1873", "1905")),
    ("Marta Kowalska (1901—1977) taught in Łódź.", ("Marta Kowalska", "1901", "1977")),
    ("Johannes Gutenberg (c. 1400–1468) printed it.", ("Johannes Gutenberg", "1400", "1468")),
    ("Hugh Clare (1450–c. 1512) copied it.", ("Hugh Clare", "1450", "1512")),
    ("Rosa Ortiz (died 1931) was buried there.", ("Rosa Ortiz", "", "1931")),
    ("Omar Said (b. 1890 – d. 1940) traded salt.", ("Omar Said", "1890", "1940")),
    ("Anna Berg (born in 1861) ran the shop.", ("Anna Berg", "1861", "")),
    ("Tomas Reyes, who was born in 1870 and died in 1931, farmed.",
     ("Tomas Reyes", "1870", "1931")),
    ("Even Kurt Hahn, who died in 1974, agreed.", ("Kurt Hahn", "", "1974")),
    ("Toussaint Louverture (1743–1803) led the revolt.",
     ("Toussaint Louverture", "1743", "1803")),
    ("Itō Hirobumi (1841–1909) drafted it.", ("Itō Hirobumi", "1841", "1909")),
    ("Charles de Gaulle (1890–1970) refused.", ("Charles de Gaulle", "1890", "1970")),
    ("Muhammad ibn Abd al-Wahhab (1703–1792) preached.",
     ("Muhammad ibn Abd al-Wahhab", "1703", "1792")),
    ("Then R. H. Tawney (1880–1962) replied.", ("R. H. Tawney", "1880", "1962")),
    ("Like Danton, Camille Desmoulins (1760–1794) wrote.",
     ("Camille Desmoulins", "1760", "1794")),
    ("Wu Zetian (624–705) is out of range, but Sun Yat-sen (1866–1925) is not.",
     ("Sun Yat-sen", "1866", "1925")),
    ("He left Moscow. Bukharin (1888–1938) stayed.", ("Bukharin", "1888", "1938")),
])
def test_life_dates_reads_each_form(text, expected):
    assert _found(text) == [expected]


@pytest.mark.parametrize("text", [
    "During the Civil War (1917–1921) the mills stood idle.",
    "The Five Year Plan (1928–32) was declared fulfilled.",
    "He served on the Central Committee (1921–1957) for years.",
    "Revolution (1789–1815) and Empire (1804–1870) are chapter titles.",
    "a treaty Treaty (1648–1700)",
    "He was ambassador in London (1943–44) and then Paris.",
    "She was Commissar Of Trade (1926-27) and then of Labor (1928-30).",
    "He edited Pravda (1918-29) for a decade.",
    "Ivan Petrov (1890–2190) is beyond the year range.",
    "Ivan Petrov (1890–1880) died before he was born.",
    "Ivan Petrov (1700–1900) lived too long.",
    "Ivan Petrov (1890) has one bare year.",
    "The archive reference (d. 1466) is an item number.",
    "A note by N. I. (1888–1938) has initials only.",
    "(1879–1953)",
    "- Agranov, Ya. S. (1893–1938). A note head, left to biography.py.",
    "SAINT-JUST, Louis Antoine (1767–1794). Another note head.",
    "• Hidalgo, Miguel (1753–1811). A bulleted note head.",
    "Smith, John, who was born in 1900, is an inverted head too.",
    "nikolai bukharin (1888–1938) is not capitalised.",
    "Born in the 1890s, who was born in 1893s",
])
def test_life_dates_rejects_what_is_not_a_person_with_dates(text):
    assert find_life_dates(text) == []


def test_life_dates_spans_are_exact():
    text = ("In 1929 Nikolai Bukharin (1888–1938) and, later, Lazar Kaganovich, who was born "
            "in 1893, disagreed; Itō Hirobumi (1841–1909) had not.")
    found = find_life_dates(text)
    assert [x.name for x in found] == ["Nikolai Bukharin", "Lazar Kaganovich", "Itō Hirobumi"]
    for x in found:
        assert text[x.name_start:x.name_end] == x.name
        assert x.start == x.name_start
    assert [text[x.start:x.end] for x in found] == [
        "Nikolai Bukharin (1888–1938)", "Lazar Kaganovich, who was born in 1893",
        "Itō Hirobumi (1841–1909)"]


def test_life_dates_finds_several_in_text_order():
    text = ("Marat (1743–1793) was killed; Charlotte Corday (1768–1793) was tried.\n"
            "Georges Danton (1759–94) followed.")
    corday, danton = text.index("Charlotte"), text.index("Georges")
    assert find_life_dates(text) == [
        LifeDates(0, 5, "Marat", 0, 17, born="1743", died="1793"),
        LifeDates(corday, corday + 16, "Charlotte Corday", corday, corday + 28,
                  born="1768", died="1793"),
        LifeDates(danton, danton + 14, "Georges Danton", danton, danton + 24,
                  born="1759", died="1794"),
    ]


def test_life_dates_name_stays_on_its_line():
    text = "Sources\nNikolai Bukharin (1888–1938) wrote it."
    assert _found(text) == [("Nikolai Bukharin", "1888", "1938")]


@settings(database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_life_dates_never_raises_on_any_text(text):
    for x in find_life_dates(text):
        assert text[x.name_start:x.name_end] == x.name
        assert x.born or x.died


FRAGMENTS = ["Nikolai", "Bukharin", "(1888–1938)", "(b. 1886)", "(d. 1924)", "(c.", "1400–",
             "94)", "the", "The", "War", "de", ", who was born in 1893", ", who died in",
             "\n", "(", ")", "–", "N.", "Ya.", "in", "2101", "1000"]


@settings(database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join))
def test_life_dates_never_raises_on_date_like_fragments(text):
    for x in find_life_dates(text):
        assert text[x.name_start:x.name_end] == x.name
        assert all(not y or 1000 <= int(y) <= 2100 for y in (x.born, x.died))
