"""The figure reader (issue 17) on invented sentences from other periods and
countries: each form of count and share, each qualifier, ranges, what is counted,
when and where, and the numbers that are not figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.figures.lemmas import noun_lemma, verb_lemma
from graph_builder.figures.read import read_figures
from graph_builder.figures.record import COUNT, SHARE
from graph_builder.records import (
    Block,
    BlockKind,
    Claim,
    ClaimKind,
    Document,
    DocumentLayout,
    Extraction,
    Span,
)


def extraction(*paragraphs: str, heading: str = "") -> Extraction:
    """A document of a heading (if any) and paragraphs, each paragraph a claim."""
    parts = ([heading] if heading else []) + list(paragraphs)
    text = "\n\n".join(parts)
    doc = Document("doc.txt", Path("doc.txt"), text, "utf-8", "0" * 64)
    blocks, claims, pos = [], [], 0
    for i, part in enumerate(parts):
        span = Span(pos, pos + len(part))
        is_heading = bool(heading) and i == 0
        blocks.append(Block(BlockKind.HEADING if is_heading else BlockKind.PARAGRAPH, span,
                            part, i + 1))
        if not is_heading:
            claims.append(Claim("doc.txt", ClaimKind.PASSAGE, span, part, i + 1))
        pos = span.end + 2
    return Extraction(DocumentLayout(doc, "article", blocks), claims)


def figures(*paragraphs: str, heading: str = ""):
    return read_figures(extraction(*paragraphs, heading=heading))


def one(sentence: str):
    found = figures(sentence)
    assert len(found) == 1, [f.printed for f in found]
    return found[0]


# --- counts -------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "printed", "value"), [
    ("The 1905 strike drew 220,000 workers into the streets.", "220,000", 220000),
    ("The guild counted 170.000 weavers at its height.", "170.000", 170000),
    ("The famine took three hundred thousand lives in the province.",
     "three hundred thousand", 300000),
    ("Settlers cleared 1.5 million acres of forest.", "1.5 million", 1_500_000),
    ("The war displaced 2 million peasants.", "2 million", 2_000_000),
    ("The city had a million inhabitants by then.", "a million", 1_000_000),
    ("The census listed 681,692 households.", "681,692", 681692),
    ("The plague killed half a million people.", "half a million", 500_000),
])
def test_counts(sentence, printed, value):
    f = one(sentence)
    assert (f.printed, f.kind, f.value, f.low, f.high) == (printed, COUNT, value, value, value)


def test_a_small_count_needs_what_it_counts():
    assert one("The mill dismissed 37 spinners.").value == 37
    assert figures("They met 37 times.") == []
    assert figures("Of these, 5 were later released.") == []


# --- shares -------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "printed", "value"), [
    ("In 1848, 25% of the weavers of Lyon were out of work.", "25%", 0.25),
    ("By 1850, 25 percent of the weavers were out of work.", "25 percent", 0.25),
    ("Some 11 per cent of the miners struck.", "Some 11 per cent", 0.11),
    ("In 1848 nearly a third of the weavers of Lyon were out of work.", "nearly a third",
     1 / 3),
    ("The flood ruined one-third of the farms.", "one-third", 1 / 3),
    ("One in four households lacked bread.", "One in four", 0.25),
    ("The tax fell on a quarter of the villages.", "a quarter", 0.25),
    ("Half the crew deserted in Valparaíso.", "Half", 0.5),
    ("Two-thirds of the voters stayed home.", "Two-thirds", 2 / 3),
])
def test_shares(sentence, printed, value):
    f = one(sentence)
    assert f.printed == printed and f.kind == SHARE
    assert f.value == pytest.approx(value)


def test_ordinals_and_halves_of_time_are_no_shares():
    assert figures("A third expulsion followed the second.") == []
    assert figures("In the second half of 1848 prices rose.") == []
    assert figures("The strike lasted a quarter century.") == []


# --- ranges -------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "printed", "low", "high", "kind"), [
    ("Wages fell for 10-15% of the dockers.", "10-15%", 0.10, 0.15, SHARE),
    ("Rents rose for 10–15 percent of tenants.", "10–15 percent", 0.10, 0.15, SHARE),
    ("The 1905 strike drew between 20,000 and 30,000 workers.",
     "between 20,000 and 30,000", 20000, 30000, COUNT),
    ("The drought killed 5–8 million cattle.", "5–8 million", 5e6, 8e6, COUNT),
    ("The revolt drew from 500,000 to 700,000 peasants.", "from 500,000 to 700,000",
     500000, 700000, COUNT),
    ("Paris had 25,000 to 30,000 seamstresses.", "25,000 to 30,000", 25000, 30000, COUNT),
    ("Between 25% and 50% of the clergy fled.", "Between 25% and 50%", 0.25, 0.5, SHARE),
    ("Estimates vary from 500,000 to 7 million deaths.", "from 500,000 to 7 million",
     500000, 7e6, COUNT),
])
def test_ranges(sentence, printed, low, high, kind):
    f = one(sentence)
    assert (f.printed, f.kind) == (printed, kind)
    assert (f.low, f.high, f.value) == pytest.approx((low, high, (low + high) / 2))


def test_table_rows_and_differences_are_no_figures():
    assert figures("1846 12,405 9,311 2,017 (21%) 1,077") == []
    assert figures("The port now holds 3 million more than it did.") == []
    assert figures("I was not 100% sure of him.") == []


def test_a_change_is_two_figures_not_a_range():
    found = figures("Unemployment among the printers fell from 12,000 to 8,000 workers.")
    assert [f.value for f in found] == [12000, 8000]


# --- qualifiers ---------------------------------------------------------------------

@pytest.mark.parametrize("qualifier", [
    "about", "approximately", "nearly", "almost", "more than", "over", "not more than",
    "no more than", "at least", "circa", "c.", "barely", "some", "roughly", "up to",
    "fewer than", "less than",
])
def test_qualifiers(qualifier):
    f = one(f"The 1871 census found {qualifier} 40,000 tanners in the region.")
    assert f.qualifier == qualifier
    assert f.printed == f"{qualifier} 40,000"
    assert f.value == 40000


def test_only_is_no_hedge():
    f = one("The colony had only 12,000 settlers.")
    assert (f.qualifier, f.printed) == ("", "12,000")


# --- not figures --------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The treaty was signed in 1648 at Münster.",
    "The famine of 1845–49 emptied the parish.",
    "See the minutes, p. 25, and the register, f. 17, op. 2.",
    "The decree was published on 7 August 1794.",
    "Under Order No. 00412 the garrison was withdrawn.",
    "He was sentenced under Article 58 of the code.",
    "The delegates met at 10 p.m. in the hall.",
    "The 17th Congress opened in the capital.",
    "She was 45 years old when she left Hamburg.",
    "As chapter 12 shows, the guilds resisted.",
    "The weavers rose.12 Their leaders fled.",
])
def test_not_figures(sentence):
    assert figures(sentence) == []


# --- what is counted ----------------------------------------------------------------

def test_what_a_count_counts_and_the_event():
    f = one("Approximately 220,000 weavers were dismissed or left the trade.")
    assert (f.thing, f.event) == ("weaver", "dismiss")
    assert f.measure.startswith("weavers dismissed or left the trade")


def test_what_a_share_counts():
    f = one("In 1850, 25% of the guild members were expelled.")
    assert (f.thing, f.event) == ("member", "expel")


def test_a_share_names_its_whole_after_of():
    f = one("In 1793 nearly a third of the members of the club were expelled.")
    assert (f.thing, f.event) == ("member", "expel")
    f = one("By 1794 only 4 percent received death sentences.")
    assert (f.thing, f.event) == ("", "receive")


def test_event_before_the_figure_and_membership():
    f = one("In 1795 the club expelled nearly one-third of its membership.")
    assert (f.thing, f.event, f.qualifier) == ("member", "expel", "nearly")


def test_people_are_persons_and_shot_is_shoot():
    f = one("In 1871, 17,000 people were shot in Paris.")
    assert (f.thing, f.event, f.place, f.time) == ("person", "shoot", "Paris", "1871")


def test_a_participle_before_the_noun():
    f = one("In 1794 the army readmitted 4,200 dismissed officers.")
    assert (f.thing, f.event) == ("officer", "readmit")


def test_the_number_of_names_what_is_counted():
    f = one("By 1810 the number of convicts in the colony reached 1.5 million.")
    assert f.thing == "convict"


def test_an_event_noun_of_the_clause():
    found = figures("In the 1866 purge, 11% were dismissed; in the 1870 purge 9%.")
    assert [(f.printed, f.time) for f in found] == [("11%", "1866"), ("9%", "1870")]
    assert found[1].event == "purge"


# --- when, where, total -------------------------------------------------------------

def test_time_from_the_sentence_paragraph_and_heading():
    found = figures("The strike of 1912 was long. About 40,000 miners joined it.")
    assert (found[0].time, found[0].time_from) == ("1912", "paragraph")
    f = one("During 1830 and 1831, 9,000 weavers left Lyon.")
    assert (f.time, f.time_from) == ("1830-1831", "sentence")
    f = one("In 1936–38 some 30,000 miners emigrated.")
    assert f.time == "1936-1938"
    found = figures("Some 30,000 miners emigrated.", heading="The crisis of 1929")
    assert (found[0].time, found[0].time_from) == ("1929", "heading")
    found = figures("Some 30,000 miners emigrated.", heading="Coal and Exile by A. Smith, 1992")
    assert (found[0].time, found[0].time_from) == ("", "")


def test_a_dated_source_is_not_the_time_of_its_figure():
    f = one("A 1902 survey found that 12,000 weavers were idle in the course of 1897–98.")
    assert f.time == "1897-1898"
    f = one("Total deportations in 1830 to 1870 were 145,000.")
    assert (f.time, f.event) == ("1830-1870", "deport")


def test_total_of_a_share():
    f = figures("The union lost 25% of its 650,000 members.")[0]
    assert (f.printed, f.total) == ("25%", 650000)
    f = [f for f in figures("Of 1.9 million voters, about 18 percent abstained.")
         if f.kind == SHARE][0]
    assert f.total == 1_900_000


def test_place_of_a_body():
    f = one("Nearly 8,000 officers of the Royal Navy were discharged.")
    assert f.place == "Royal Navy"


# --- the record ---------------------------------------------------------------------

def test_spans_are_document_offsets_in_order_and_claims_are_set():
    ex = extraction("The 1905 strike drew 20,000 workers.", "Later 5% of them were fired.",
                    heading="The strikes of 1905")
    found = read_figures(ex)
    text = ex.layout.document.text
    assert [text[f.span.start:f.span.end] for f in found] == [f.printed for f in found]
    assert [f.printed for f in found] == ["20,000", "5%"]
    assert [f.claim for f in found] == [c.key for c in ex.claims]


def test_inner_quotations_are_skipped():
    ex = extraction("He said that 20,000 workers struck.")
    inner = Claim("doc.txt", ClaimKind.INNER, Span(13, 35), ex.claims[0].text[13:], 1)
    ex.claims.append(inner)
    assert len(read_figures(ex)) == 1


def test_lemmas():
    assert [verb_lemma(w) for w in ("shot", "expelled", "arrested", "purged", "executed",
                                    "sentenced", "repressed", "deported", "killed", "died",
                                    "convicted", "freed", "swelled", "named")] == [
        "shoot", "expel", "arrest", "purge", "execute", "sentence", "repress", "deport",
        "kill", "die", "convict", "free", "swell", "name"]
    assert [noun_lemma(w) for w in ("people", "men", "families", "churches", "members",
                                    "membership")] == [
        "person", "man", "family", "church", "member", "member"]


# --- time: a year belongs to its own figure --------------------------------------------

def test_year_past_another_figure_is_that_figures():
    found = figures("The guild was founded in 1851. More than 4,000 weavers left it during "
                    "the year, and another 2,500 weavers in 1852.")
    assert [(f.printed, f.time) for f in found] == [
        ("More than 4,000", "1851"), ("2,500", "1852")]


def test_year_of_a_report_dates_no_figure():
    f = figures("In 1848 the riots spread. The 3,200 rioters in the 1851 report do not "
                "include all arrests.")[0]
    assert f.time == "1848"


def test_a_yearly_average_takes_no_year_from_the_paragraph():
    found = figures("In 1871 the mines employed 12,000 men. Annually, the owners "
                    "estimated an average of 30,000 miners in the valley.")
    assert [f.time for f in found] == ["1871", ""]


# --- the event is the main verb of the figure's own clause ----------------------------

def _read(sentence: str) -> list[tuple[str, str, str]]:
    return [(f.printed, f.thing, f.event) for f in figures(sentence)]


def test_a_part_of_a_named_whole_takes_the_verb_past_its_parenthesis():
    assert _read("In 1906, 12,000 of these refugees (15 percent of them) were resettled "
                 "in the hills.") == [("12,000", "refugee", "resettle"),
                                      ("15 percent", "", "resettle")]


def test_a_share_of_those_named_by_a_participle_counts_the_main_verb():
    assert _read("In 1899, 8 percent of those drafted were wounded.") == [
        ("8 percent", "", "wound")]
    assert _read("In 1899, 8 percent of those drafted were from the cities.")[0][2] == ""


def test_a_share_restating_a_count_in_parenthesis_takes_its_measure():
    found = figures("In 1906, 12,000 weavers were pardoned (15 per cent of those convicted).")
    assert [(f.printed, f.thing, f.event) for f in found] == [
        ("12,000", "weaver", "pardon"), ("15 per cent", "weaver", "pardon")]
    assert found[1].restates == found[0].key


def test_an_apposition_between_commas_does_not_hide_the_verb():
    assert _read("In 1871 some 300,000 members, about one-fifth of the whole guild, were "
                 "thus expelled.") == [("some 300,000", "member", "expel"),
                                       ("about one-fifth", "guild", "expel")]


def test_reporting_light_and_modal_verbs_name_no_event():
    assert _read("In 1880, Smith counted 5 million political prisoners.")[0][2] == ""
    assert _read("In 1880, 3,000 weavers got their looms back.")[0][2] == ""
    assert _read("In 1880 it was feared that 3,000 weavers would be dismissed.")[0][2] == ""


def test_an_event_named_as_a_point_in_time_is_not_counted():
    assert _read("Near the end of the strike, 2,000 hands remained.")[0][2] == ""
    assert _read("In the 1871 purge, 11% of the guild.")[0][2] == "purge"


def test_estimates_of_an_event_name_what_is_counted():
    assert _read("Estimates of executions in the revolt of 1871 vary from 10,000 to "
                 "40,000.") == [("from 10,000 to 40,000", "execution", "execute")]


def test_a_total_is_no_item_of_the_list_before_it():
    f = figures("The mills held 1,600,000 workers in 1890, with 350,000 weavers held in "
                "jails, a total of a little over 2 million.")[-1]
    assert (f.printed, f.thing, f.qualifier) == ("a little over 2 million", "", "a little over")


# --- figures printed in less common ways -------------------------------------------------

@pytest.mark.parametrize(("sentence", "printed", "low", "high"), [
    ("In 1871 only .9% of the weavers were fined.", ".9%", 0.009, 0.009),
    ("In 1871 not more than one per cent of the guild was fined.",
     "not more than one per cent", 0.01, 0.01),
    ("In 1871 two thirds of the weavers had joined after the strike.", "two thirds",
     2 / 3, 2 / 3),
    ("In 1871 about one half of one percent of the guild was fined.",
     "about one half of one percent", 0.005, 0.005),
    ("In Lyon two/three per cent of the weavers were fined in 1871.", "two/three per cent",
     0.02, 0.03),
    ("In 1871 the death rate in the jails was 92 per 1000.", "92 per 1000", 0.092, 0.092),
    ("In 1871 the guild fined 40.000 %3 of its weavers.", "%3", 0.03, 0.03),
    ("The strike drew around 10 or 12 million workers in 1871.",
     "around 10 or 12 million", 10e6, 12e6),
])
def test_less_common_prints(sentence, printed, low, high):
    found = {f.printed: f for f in figures(sentence)}
    assert printed in found, list(found)
    assert found[printed].low == pytest.approx(low)
    assert found[printed].high == pytest.approx(high)


@pytest.mark.parametrize(("sentence", "printed"), [
    ("In one district, 50 of 210 Protestants had been fined.", "50"),
    ("In one district, 50 of 210 Protestants had been fined.", "210"),
    ("The court found no grounds for a trial in 43 of the cases.", "43"),
    ("Of the 455 expelled from the city guild, 235 had joined after the strike.", "455"),
    ("Of the 455 expelled from the city guild, 235 had joined after the strike.", "235"),
    ("The guild fined about 30 honest Weavers that year.", "about 30"),
    ("One of the 38 labour camp clusters held the rest.", "38"),
    ("Fines were unpaid in 2,500 cases in the north, 1,200 in the west, 500 in the south.",
     "500"),
    ("The figure one million is based on rumours.", "one million"),
])
def test_small_counts_named_around_them(sentence, printed):
    assert printed in [f.printed for f in figures(sentence)]


@pytest.mark.parametrize("sentence", [
    "He was 25 in the years after the war.",
    "See chapter 12 of the second volume.",
    "The volume ran to 300 pages, 120 in the first part.",
])
def test_small_numbers_that_count_nothing(sentence):
    assert figures(sentence) == []


def test_a_series_of_a_count_and_a_share_a_year_keeps_its_measure():
    found = figures("Guild expulsions by year were: 1901 1,700 11%; 1902 2,900 18%.")
    assert [(f.printed, f.event, f.time) for f in found] == [
        ("1,700", "expel", "1901"), ("11%", "expel", "1901"),
        ("2,900", "expel", "1902"), ("18%", "expel", "1902")]


def test_a_footnote_number_ends_a_sentence():
    found = figures("In 1871 only 4 percent received prison terms.¹⁵ In Lyon, fines fell on "
                    "5 percent of those convicted.")
    assert [f.event for f in found] == ["receive", ""]


def test_a_place_before_a_figure():
    assert figures("In Lyon two/three per cent of the weavers were fined in 1871.")[0].place == (
        "Lyon")


def test_a_table_row_of_a_year_is_read_by_its_columns():
    header = ("<i>Year</i>\t<i>Number fined by the guild</i>\t<i>%age of guild fined</i>\t"
              "<i>Dyers fined</i>\t<i>Dyers as %age of fined</i>")
    found = figures(header, "1871 <i>review</i>\t12,400\t8.2\t930\t7.5",
                    "Contents\tpage\t12")
    assert [(f.printed, f.kind, f.thing, f.event, f.time) for f in found] == [
        ("12,400", COUNT, "", "fine", "1871"), ("8.2", SHARE, "", "fine", "1871"),
        ("930", COUNT, "dyer", "fine", "1871"), ("7.5", SHARE, "dyer", "fine", "1871")]
    assert found[1].restates == found[0].key and found[3].restates == found[2].key
    assert found[1].value == pytest.approx(0.082)


def test_a_table_row_without_a_year_or_header_is_not_read_by_columns():
    found = figures("<i>Town</i>\t<i>Fined</i>\t<i>Jailed</i>", "Lyon\t1,200\t300")
    assert all(not f.event for f in found)


def test_lemmas_of_verbs_in_eat():
    assert [verb_lemma(w) for w in ("treated", "defeated", "created", "executed")] == [
        "treat", "defeat", "create", "execute"]


def test_a_factor_is_no_count():
    assert figures("In 1871 the counts were multiplied by a factor of between 16 and 26.") == []


@pytest.mark.parametrize("sentence", [
    "In 1907 strikes outnumbered lockouts by some 3,000 across the coalfield.",
    "In 1868 emigration exceeded the previous year's by more than 40,000 souls.",
])
def test_a_difference_is_no_count(sentence):
    assert figures(sentence) == []


def test_a_count_followed_by_by_and_a_change_are_still_figures():
    assert [f.printed for f in figures("In 1907 some 3,000 miners were dismissed by the "
                                       "owners.")] == ["some 3,000"]
    assert [f.printed for f in figures("The garrison grew by 12,000 men in 1870.")] == [
        "12,000"]
