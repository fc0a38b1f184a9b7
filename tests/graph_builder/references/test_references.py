"""Reference parsing and citation-line detection.

Expected values are labelled by hand from how a reader would catalogue each
reference; the corpus test checks the detector and parser at scale.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_builder.records import PersonName, Reference
from graph_builder.references import PARSERS, is_citation_line, parse_reference
from graph_builder.references.model import parse_with_model
from graph_builder.references.rules import parse_with_rules

SHARED_CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


def names(*pairs: tuple[str, str]) -> tuple[PersonName, ...]:
    return tuple(PersonName(family, given) for family, given in pairs)


# (reference string, the fields a cataloguer would fill in)
CASES = [
    pytest.param(
        "Randall, Adrian, and Charlesworth, Andrew, Eds. Moral Economy and Popular Protest. "
        "Basingstoke: Macmillan, 2000, p. 88",
        dict(kind="book", editors=names(("Randall", "Adrian"), ("Charlesworth", "Andrew")),
             authors=(), title="Moral Economy and Popular Protest", place="Basingstoke",
             publisher="Macmillan", year="2000", pages="88"),
        id="two-inverted-editors",
    ),
    pytest.param(
        "Strong, Anna L. The Soviets Expected It. New York, New York: The Dial press, 1941, p. 136",
        dict(kind="book", authors=names(("Strong", "Anna L.")), title="The Soviets Expected It",
             place="New York, New York", publisher="The Dial press", year="1941", pages="136"),
        id="surname-given-initial",
    ),
    pytest.param(
        "Murphy, John Thomas. Stalin, London, John Lane, 1945, p. 144",
        dict(kind="book", authors=names(("Murphy", "John Thomas")), title="Stalin",
             place="London", publisher="John Lane", year="1945", pages="144"),
        id="comma-imprint-no-colon",
    ),
    pytest.param(
        "Stalin, Joseph. Works. Moscow: Foreign Languages Pub. House, 1952, Vol. 6, p. 239-240",
        dict(kind="book", title="Works", publisher="Foreign Languages Pub. House", volume="6",
             year="1952", pages="239-240"),
        id="volume-after-year",
    ),
    pytest.param(
        "McNeal, Robert. Resolutions and Decisions of the CPSU–The Stalin Years: 1929-1953. "
        "Vol. 3. Toronto, Buffalo: University of Toronto Press, 1974, p. 125",
        dict(title="Resolutions and Decisions of the CPSU–The Stalin Years: 1929-1953", volume="3",
             place="Toronto, Buffalo", publisher="University of Toronto Press", year="1974"),
        id="colon-inside-title",
    ),
    pytest.param(
        "Chase, William J., Enemies Within the Gates?, translated by Vadim A. Staklo, New Haven: "
        "Yale University Press, c2001, p. 138.",
        dict(authors=names(("Chase", "William J.")), translators=names(("Staklo", "Vadim A.")),
             title="Enemies Within the Gates?", place="New Haven", year="2001", pages="138"),
        id="translated-by-and-c-year",
    ),
    pytest.param(
        "Getty & Naumov, The Road to Terror. New Haven, Conn.: Yale Univ. Press, c1999, p. 233-234",
        dict(authors=names(("Getty", ""), ("Naumov", "")), title="The Road to Terror",
             place="New Haven, Conn.", publisher="Yale Univ. Press", pages="233-234"),
        id="two-family-names-ampersand",
    ),
    pytest.param(
        "Getty & Naumov, The Road to Terror. New Haven, Conn.: Yale Univ. Press, c1999, p. xiv",
        dict(year="1999", pages="xiv"),
        id="roman-page",
    ),
    pytest.param(
        "Getty and Manning. Stalinist Terror. Cambridge, NY: Cambridge University Press, 1993, "
        "p. 248",
        dict(authors=names(("Getty", ""), ("Manning", "")), title="Stalinist Terror",
             place="Cambridge, NY"),
        id="two-family-names-and",
    ),
    pytest.param(
        "Koenker and Bachman, Eds. Revelations from the Russian Archives. Washington: Library of "
        "Congress, 1997, p. 141",
        dict(authors=(), editors=names(("Koenker", ""), ("Bachman", "")),
             title="Revelations from the Russian Archives", publisher="Library of Congress"),
        id="editors",
    ),
    pytest.param(
        "Talbott, Strobe, Trans. and Ed. Khrushchev Remembers. Boston: Little Brown, c1970, p. 99",
        dict(authors=(), editors=names(("Talbott", "Strobe")),
             translators=names(("Talbott", "Strobe")), title="Khrushchev Remembers", year="1970"),
        id="translator-and-editor",
    ),
    pytest.param(
        "Jansen, Marc & Petrov, Nikita. Stalin’s Loyal Executioner: Yezhov, Stanford, Calif: "
        "Hoover Institution Press, c2002, p. 129.",
        dict(authors=names(("Jansen", "Marc"), ("Petrov", "Nikita")),
             title="Stalin’s Loyal Executioner: Yezhov", place="Stanford, Calif", pages="129"),
        id="two-inverted-authors",
    ),
    pytest.param(
        "Medvedev, Roy & Zhores Medvedev. The Unknown Stalin. NY, NY: Overlook Press, 2004, p. 284",
        dict(authors=names(("Medvedev", "Roy"), ("Medvedev", "Zhores")),
             title="The Unknown Stalin"),
        id="second-author-given-first",
    ),
    pytest.param(
        "Overy, R. J. Russia’s War: Blood Upon the Snow. New York: TV Books, c1997, p. 50",
        dict(authors=names(("Overy", "R. J.")), title="Russia’s War: Blood Upon the Snow"),
        id="initials-then-title",
    ),
    pytest.param(
        "Getty, J. Arch. “Excesses are not permitted, “Russian Review 61 (January 2002) p. 122.",
        dict(kind="article", authors=names(("Getty", "J. Arch")),
             title="Excesses are not permitted", container_title="Russian Review", volume="61",
             year="2002", pages="122"),
        id="article-broken-closing-quote",
    ),
    pytest.param(
        "Thurston, Robert W. “On Desk-Bound Parochialism, Commonsense Perspectives, and Lousy "
        "Evidence: A Reply to Robert Conquest.” Slavic Review 45 (1986), 242-243.",
        dict(kind="article", authors=names(("Thurston", "Robert W.")),
             title="On Desk-Bound Parochialism, Commonsense Perspectives, and Lousy Evidence: "
             "A Reply to Robert Conquest",
             container_title="Slavic Review", volume="45", year="1986", pages="242-243"),
        id="article-bare-pages",
    ),
    pytest.param(
        "“Cleaning House in the Bolshevik Party,” Progressive Labor Magazine, Vol. 14, No. 1 "
        "(Spring 1981), pp. 70-73.",
        dict(kind="article", authors=(), title="Cleaning House in the Bolshevik Party",
             container_title="Progressive Labor Magazine", volume="14", issue="1", year="1981",
             pages="70-73"),
        id="article-without-author",
    ),
    pytest.param(
        "Strong, Anna Louise. “Searching Out the Soviets.” New Republic: August 7, 1935, p. 358",
        dict(kind="article", container_title="New Republic", publisher="", year="1935"),
        id="magazine-date-is-not-a-publisher",
    ),
    pytest.param(
        "Nicolaevsky, Boris. Power and the Soviet Elite; “The letter of an Old Bolshevik.” "
        "New York: Praeger, 1965, p. 59",
        dict(kind="chapter", title="The letter of an Old Bolshevik",
             container_title="Power and the Soviet Elite", publisher="Praeger", year="1965"),
        id="chapter-in-book",
    ),
    pytest.param(
        "Robert H. McNeal, editor, Resolutions and Decisions of the Communist Party of the Soviet "
        "Union. Volume 3, The Stalin Years: 1929–1953 (Toronto: University of Toronto Press, "
        "1974), p. 188.",
        dict(kind="book", authors=(), editors=names(("McNeal", "Robert H.")), volume="3",
             title="Resolutions and Decisions of the Communist Party of the Soviet Union. "
             "The Stalin Years: 1929–1953",
             place="Toronto", publisher="University of Toronto Press", year="1974", pages="188"),
        id="chicago-editor",
    ),
    pytest.param(
        "J. Arch Getty, Origins of the Great Purges: The Soviet Communist Party Reconsidered, "
        "1933–1938 (New York: Cambridge University Press, 1985), p. 190.",
        dict(authors=names(("Getty", "J. Arch")),
             title="Origins of the Great Purges: The Soviet Communist Party Reconsidered, "
             "1933–1938",
             place="New York", year="1985", pages="190"),
        id="chicago-given-first",
    ),
    pytest.param(
        "E. H. Cookridge, Gehlen: Spy of the Century (New York: Random House, 1972), pp. 57–58.",
        dict(authors=names(("Cookridge", "E. H.")), title="Gehlen: Spy of the Century",
             pages="57–58"),
        id="chicago-en-dash-pages",
    ),
    pytest.param(
        "Martens, Ludo. Another View of Stalin. Antwerp, Belgium: EPO, Lange Pastoorstraat 25-27 "
        "2600, p. 180 [p. 160 on the NET]",
        dict(title="Another View of Stalin", place="Antwerp, Belgium", year="", pages="180"),
        id="no-year-and-bracketed-second-locator",
    ),
    pytest.param(
        "Socialist Clarity Group. The U. S. S. R., Its Significance for the West. London: "
        "V. Gollancz, 1942, p. 61",
        dict(organization="Socialist Clarity Group", authors=(),
             title="The U. S. S. R., Its Significance for the West", publisher="V. Gollancz"),
        id="corporate-author",
    ),
    pytest.param(
        "Lewin, Moshe. Lenin’s Last Struggle. New York: Pantheon Books. C1968, p. 133",
        dict(title="Lenin’s Last Struggle", publisher="Pantheon Books", year="1968"),
        id="capital-c-year",
    ),
    pytest.param(
        "Axell, Albert. Stalin’s War: Through the Eyes of His Commanders. London, Arms and Armour "
        "Press. 1997, p. 205",
        dict(title="Stalin’s War: Through the Eyes of His Commanders", place="London",
             publisher="Arms and Armour Press", year="1997"),
        id="dot-imprint-no-colon",
    ),
    pytest.param(
        "Sousa, Mario. The Class Struggle During the Thirties in the Soviet Union, 2001.",
        dict(kind="book", authors=names(("Sousa", "Mario")), pages="", year="2001",
             title="The Class Struggle During the Thirties in the Soviet Union"),
        id="title-and-year-only",
    ),
    pytest.param(
        "Political Archives of the Soviet Union (Vol. 1, No. 2) Commack, New York: Nova Science "
        "Publishers, 1990, p. 138",
        dict(authors=(), title="Political Archives of the Soviet Union", volume="1", issue="2",
             place="Commack, New York", publisher="Nova Science Publishers", pages="138"),
        id="title-first-volume-in-parentheses",
    ),
    pytest.param(
        "KPSS v rezoliutsiiakh i resheniiakh s”ezdov, Vol. III (Moscow, 1954), p. 306.",
        dict(title="KPSS v rezoliutsiiakh i resheniiakh s”ezdov", volume="III", place="Moscow",
             year="1954", pages="306"),
        id="source-line-place-year-only",
    ),
    pytest.param(
        "Mervyn Matthews, ed., Soviet Government: a selection of official documents on internal "
        "policies (New York: Taplinger, 1974), pp. 171-175.",
        dict(editors=names(("Matthews", "Mervyn")), publisher="Taplinger", pages="171-175",
             title="Soviet Government: a selection of official documents on internal policies"),
        id="source-line-editor",
    ),
    pytest.param(
        "Newsweek International, January 2005",
        dict(kind="newspaper", title="", container_title="Newsweek International", year="2005",
             pages=""),
        id="periodical-issue",
    ),
    pytest.param(
        "RGASPI, f. 17, op. 2, d. 453, l. 3",
        dict(kind="archival", archive="RGASPI", archive_location="f. 17, op. 2, d. 453, l. 3",
             pages="3"),
        id="archival-shelfmark",
    ),
    pytest.param(
        "Stalin, Joseph. “On Applying Physical Pressure to Prisoners.” 10 January 1939. RGASPI, "
        "f. 1, op. 58, d. 6, ll. 145-146. Trans. by Dr. Mark Kramer, Harvard University. 1940.",
        dict(kind="archival", title="On Applying Physical Pressure to Prisoners", archive="RGASPI",
             translators=names(("Kramer", "Mark")), year="1939", pages="145-146"),
        id="archival-document-with-title",
    ),
    pytest.param(
        "Merl, Stefan, “Ausrottung” der Bourgeoisie und der Kulaken in Sowjetrussland? Geschichte "
        "und Gesellschaft 13 (1987), p. 535",
        dict(kind="article", container_title="Geschichte und Gesellschaft", volume="13",
             year="1987", pages="535"),
        id="article-title-not-in-quotes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_references_parse_hand_labelled(text, expected):
    ref = parse_reference(text)
    got = {key: getattr(ref, key) for key in expected}
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "RGASPI, f. 17, op. 2, d. 453, l. 3",
            dict(archive="RGASPI", fond="17", opis="2", delo="453", folio="3",
                 archive_location="f. 17, op. 2, d. 453, l. 3"),
            id="abbreviated-levels",
        ),
        pytest.param(
            "RGANI, fond 89, opis' 18, delo 12",
            dict(archive="RGANI", fond="89", opis="18", delo="12", folio="",
                 archive_location="fond 89, opis' 18, delo 12"),
            id="levels-spelled-out",
        ),
        pytest.param(
            "GARF, f. 5446, op. 22a, d. 339, ll. 5–12",
            dict(archive="GARF", fond="5446", opis="22a", delo="339", folio="5–12"),
            id="lettered-opis-and-folio-range",
        ),
        pytest.param(
            "RTsKhIDNI f. 17. op. 120, d. 278, ll. 2–3.",
            dict(archive="RTsKhIDNI", fond="17", opis="120", delo="278", folio="2–3",
                 archive_location="f. 17. op. 120, d. 278, ll. 2–3"),
            id="full-stop-between-levels",
        ),
        pytest.param(
            "GARF, f. 9401, op. 1, d. 4157,11. 201-5.",
            dict(archive="GARF", delo="4157", folio="201-5",
                 archive_location="f. 9401, op. 1, d. 4157,11. 201-5"),
            id="ocr-11-for-ll",
        ),
        pytest.param(
            "op. 42, d. 90, ll. 10–11",
            dict(kind="archival", archive="", fond="", opis="42", delo="90", folio="10–11",
                 archive_location="op. 42, d. 90, ll. 10–11"),
            id="lower-levels-only-inherit-the-rest",
        ),
        pytest.param(
            "TsA FSB, f. 100, op. 1, por. 1, ll. 260–64.",
            dict(archive="TsA FSB", fond="100", opis="1", delo="1", folio="260–64"),
            id="two-word-archive",
        ),
    ],
)
def test_references_archival_levels(text, expected):
    ref = parse_reference(text)
    assert {key: getattr(ref, key) for key in expected} == expected


def test_references_shelfmark_inside_a_document_reference_keeps_title_and_levels():
    ref = parse_reference("Yezhov to Stalin, “On the Kulak Operation.” 21 May 1939. RGASPI, "
                          "f. 82, op. 2, d. 897, l. 28.")
    assert (ref.kind, ref.archive, ref.fond, ref.folio) == ("archival", "RGASPI", "82", "28")
    assert ref.title == "On the Kulak Operation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "¹² Anna K. Petrova, *The Grain Front: Villages in 1932* (Leningrad, 1979), 44–47",
            dict(kind="book", authors=names(("Petrova", "Anna K.")), place="Leningrad",
                 title="The Grain Front: Villages in 1932", year="1979", pages="44–47"),
            id="book-italic-title",
        ),
        pytest.param(
            "Ivan Sokolov, “Clerks and Commissars,” *Slavic Studies* 31 (1988), 201–19",
            dict(kind="article", authors=names(("Sokolov", "Ivan")), title="Clerks and Commissars",
                 container_title="Slavic Studies", volume="31", year="1988", pages="201–19"),
            id="article-italic-journal",
        ),
        pytest.param(
            "Mary Olsen, “Factory Meetings,” in *Workers and the State*, ed. Paul Dorn and "
            "Vera Lind (Chicago: Univ. Press, 1991), 5–30",
            dict(kind="chapter", authors=names(("Olsen", "Mary")), title="Factory Meetings",
                 editors=names(("Dorn", "Paul"), ("Lind", "Vera")), publisher="Univ. Press",
                 container_title="Workers and the State", place="Chicago", pages="5–30"),
            id="chapter-in-edited-book",
        ),
        pytest.param(
            "A. B. Orlov et al., eds., *Sbornik dokumentov*, tom. 2 (Moscow, 1967), 3: 88",
            dict(editors=names(("Orlov", "A. B.")), title="Sbornik dokumentov", volume="2",
                 pages="88", year="1967"),
            id="edited-volume-et-al",
        ),
        pytest.param(
            "Sokolov, *Clerks*, 203",
            dict(authors=names(("Sokolov", "")), title="Clerks", pages="203", year=""),
            id="short-form",
        ),
        pytest.param(
            "*Trud*, no. 12, 14 May 1936, 2",
            dict(kind="newspaper", title="", container_title="Trud", issue="12", year="1936",
                 date="1936-05-14", pages="2"),
            id="periodical-issue-in-italics",
        ),
        pytest.param(
            "*Ibid.*, 18",
            dict(title="", pages="18", warnings=("refers to the previous reference (ibid.)",
                                                 "no title", "no year")),
            id="ibid-in-italics-bare-page",
        ),
    ],
)
def test_references_chicago_notes_with_italic_titles(text, expected):
    ref = parse_reference(text)
    assert {key: getattr(ref, key) for key in expected} == expected


def test_references_note_reader_refuses_what_it_cannot_read_fully():
    from graph_builder.references.chicago import read_note

    assert read_note("No italics here, 1990, 12") is None
    assert read_note("*One* and *two* titles (Moscow, 1990)") is None
    assert read_note("Petrova, *Title* (Moscow, 1990), and then some commentary") is None


@pytest.mark.parametrize(
    "text",
    [
        "Tucker, Robert. Stalin in Power: 1929-1941. New York: Norton, 1990, p. 313",
        "E. H. Cookridge, Gehlen: Spy of the Century (New York: Random House, 1972), pp. 57–58.",
        "Thurston, Robert W. “Fear and Belief.” Slavic Review 45 (1986), p. 218",
        "Ibid., p. 45",
        "Newsweek International, January 2005",
    ],
)
def test_references_corpus_styles_are_read_by_the_rules(text):
    assert parse_reference(text) == parse_with_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "Novak, P., & Ortiz, M. (2015). Soil moisture and crop yield in dry summers. Journal of "
        "Agricultural Science, 12(3), 45-61.",
        "Hansen KL, Berg T, Olsen PR. Night shifts and sleep quality among nurses. Scand J Work "
        "Health. 2011;37(4):301-9.",
        "[7] A. Kumar and L. Chen, “Fast routing in sparse mesh networks,” IEEE Trans. Netw., "
        "vol. 9, no. 2, pp. 110–121, 2004.",
    ],
)
def test_references_other_styles_are_read_by_the_model(text):
    assert parse_reference(text) == parse_with_model(text)


def test_references_parsers_registry_names_every_reading():
    assert set(PARSERS) == {"rules", "model", "combined"}
    assert PARSERS["combined"] is parse_reference


@pytest.mark.parametrize(
    ("text", "pages"),
    [("Smith, John. A Book. London: Hut, 1950, p. 12.", "12"),
     ("Smith, John. A Book. London: Hut, 1950, pp. 12-14.", "12-14"),
     ("Smith, John. A Book. London: Hut, 1950, p.28", "28"),
     ("Smith, John. A Book. London: Hut, 1950, p. 114 and 116", "114 and 116")],
)
def test_references_pages_keep_printed_form_without_trailing_dot(text, pages):
    assert parse_reference(text).pages == pages


@pytest.mark.parametrize(
    ("text", "warning"),
    [("Martens, Ludo. Another View. Antwerp: EPO, p. 180", "no year"),
     ("Sousa, Mario. A Long Essay, 2001.", "no page locator"),
     ("RGASPI, f. 17, op. 2, d. 453", "no title"),
     ("Ibid., p. 45", "refers to the previous reference (ibid.)")],
)
def test_references_warn_about_what_is_missing(text, warning):
    ref = parse_reference(text)
    assert warning in ref.warnings
    assert ref.text == text


def test_references_text_is_kept_unchanged_and_unparsable_text_is_not_ok():
    text = "  nothing here at all  "
    ref = parse_reference(text)
    assert ref.text == text and ref.kind == "unknown" and not ref.ok


@pytest.mark.parametrize(
    "line",
    [
        "Sousa, Mario. The Class Struggle During the Thirties in the Soviet Union, 2001.",
        "Political Archives of the Soviet Union (Vol. 1, No. 2) Commack, New York: Nova Science "
        "Publishers, 1990, p. 138",
        "Getty & Naumov, The Road to Terror. New Haven, Conn.: Yale Univ. Press, c1999, p. xiv",
        "Talbott, Strobe, Trans. and Ed. Khrushchev Remembers. Boston: Little Brown, c1970, p. 99",
        "“Cleaning House in the Bolshevik Party,” Progressive Labor Magazine, Vol. 14, No. 1 "
        "(Spring 1981), pp. 70-73.",
        "Thurston, Robert W. “Fear and Belief.” Slavic Review 45 (1986), p. 218",
        "J. Arch Getty, Origins of the Great Purges (New York: Cambridge University Press, 1985), "
        "p. 190.",
        "Martens, Ludo. Another View of Stalin. Antwerp, Belgium: EPO, p. 180 [p. 160 on the NET]",
        "RGASPI, f. 17, op. 2, d. 453, l. 3",
        "Ibid., p. 45",
    ],
)
def test_references_detector_accepts_citation_lines(line):
    assert is_citation_line(line)


@pytest.mark.parametrize(
    "line",
    [
        # prose that happens to carry years and figures
        "In 1936, during the worst of the winter, roughly 12,000 workers left the mills; this "
        "was twice the figure for 1931.",
        "He wrote to the committee in 1937 and again in 1938, but they never answered him.",
        "Ivanov, however, insisted that the plan for 1933 would be met on time.",
        "“We will finish the canal by 1933,” the engineer told us, “or we will not finish it.”",
        # a biographical chronology
        "Petrenko–secretary of the district committee (1921-24); removed (1926); restored "
        "(1928); arrested (1937)",
        # bracketed editorial notes and headnotes
        "[Footnote]: Orlov, deputy head of the trust. He was dismissed in 1935.",
        "[From the minutes of the session of 4 May 1934]",
        "(Interview with a visiting delegation on May 3, 1931)",
        # headings and transcript turns
        "THE HARVEST OF 1932 WAS THE WORST IN A DECADE",
        "SECRETARY: The minutes of the 1934 session, p. 12, were read aloud.",
        # date and title lines that name no work
        "Moscow, 12 March 1938",
        "Report of the commission on the railways, 1936",
        "",
        "x" * 500 + " p. 12, 1990",
    ],
)
def test_references_detector_rejects_other_lines(line):
    assert not is_citation_line(line)


FRAGMENTS = [
    "Smith, John.", "Getty & Naumov,", "“A Title,”", "Title: Sub.", "New York:", "Press,", "c1999",
    "1941", "p.", "pp. 12-14", "Vol. 3", "No. 2", "(", ")", "[", "]", "translated by", "Eds.",
    "RGASPI, f. 17, op. 2, d. 5, ll.", ",", ".", ":", "Trans. and Ed.", "January 7,", "“", "”",
    "(Moscow, 1954)", "Ibid.", "45 (1986),", "¹", "*Title*", "https://example.org",
]


@settings(database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_references_parse_never_raises_on_any_text(text):
    ref = parse_reference(text)
    assert isinstance(ref, Reference) and ref.text == text
    assert isinstance(is_citation_line(text), bool)


@settings(database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join))
def test_references_parse_never_raises_on_citation_fragments(text):
    ref = parse_reference(text)
    assert ref.text == text and (not ref.year or ref.year.isdigit())
    assert isinstance(is_citation_line(text), bool)


def _closing_lines(path: Path) -> list[tuple[str, bool]]:
    """Each non-blank line with whether it closes a block (blank line or end of file next)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [
        (line, i + 1 == len(lines) or not lines[i + 1].strip())
        for i, line in enumerate(lines)
        if line.strip()
    ]


@pytest.mark.corpus
def test_references_corpus_citation_lines_are_found_and_parse():
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({SHARED_CORPUS})")
    files = sorted(SHARED_CORPUS.glob("000_*.txt")) + sorted(SHARED_CORPUS.glob("004_*.txt"))
    if len(files) < 2:
        pytest.skip("the shared corpus lacks the 000_*/004_* compilations")
    lines = [pair for f in files for pair in _closing_lines(f)]
    accepted = [(line, closes) for line, closes in lines if is_citation_line(line)]
    assert len(accepted) >= 700
    assert all(len(line) <= 400 for line, _ in accepted)
    assert sum(closes for _, closes in accepted) >= 0.98 * len(accepted)
    parsed = [parse_reference(line) for line, _ in accepted]
    good = [ref for ref in parsed if ref.title and (ref.pages or ref.year)]
    assert len(good) >= 0.95 * len(parsed), [r.text for r in parsed if r not in good][:10]
