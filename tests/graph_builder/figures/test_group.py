"""Issue 17: the grouping rules, on figures as the reader would give them.

Each figure here stands for a sentence of our own (in the comment beside it); the
reader's tests (test_read) check that such sentences give such figures.
"""

from __future__ import annotations

import pytest

from graph_builder.figures.group import allowed, group_figures
from graph_builder.figures.record import COUNT, SHARE, Figure
from graph_builder.records import Span

_AT = iter(range(0, 10_000, 100))


def fig(printed: str, kind: str, value: float, *, low: float | None = None,
        high: float | None = None, qualifier: str = "", thing: str = "weaver",
        event: str = "strike", time: str = "1834", place: str = "", doc: str = "a.txt",
        measure: str = "", total: float | None = None) -> Figure:
    start = next(_AT)
    return Figure(doc, Span(start, start + len(printed)), printed, kind, value,
                  value if low is None else low, value if high is None else high,
                  qualifier, measure or f"{thing}s {event}", thing, event, time, "sentence",
                  place, total, f"{doc}|{start}|{start + 50}|passage")


def test_group_one_measure_at_one_time_across_documents():
    # "In 1834 nearly a third of the silk weavers struck." / "A quarter of the weavers
    # struck in 1834." / "In 1834 some 20,000 weavers went on strike."
    figures = [fig("nearly a third", SHARE, 1 / 3, qualifier="nearly"),
               fig("A quarter", SHARE, 0.25, doc="b.txt"),
               fig("some 20,000", COUNT, 20_000, qualifier="some", doc="c.txt")]
    [group] = group_figures(figures)
    assert group.figures == tuple(f.key for f in figures)
    assert group.key == "weaver | strike | 1834"
    assert group.disputed  # a quarter is not nearly a third
    assert group.spread == "shares 0.25–0.333; counts 20,000"


def test_group_other_time_other_event_other_place_are_other_groups():
    figures = [fig("40%", SHARE, 0.4), fig("two in five", SHARE, 0.4, doc="b.txt"),
               fig("40%", SHARE, 0.4, time="1831", doc="c.txt"),  # another year
               fig("40%", SHARE, 0.4, event="arrest", doc="d.txt"),  # arrested, not struck
               fig("40%", SHARE, 0.4, place="Lyon", doc="e.txt"),  # one city only
               fig("40%", SHARE, 0.4, place="Lyon", doc="f.txt")]
    groups = group_figures(figures)
    assert [len(g.figures) for g in groups] == [2, 2]
    assert [g.key for g in groups] == ["weaver | strike | 1834", "weaver | strike | 1834 | lyon"]
    assert not any(g.disputed for g in groups)


def test_group_near_synonyms_of_an_event_and_a_thing_are_one_measure():
    # "members purged in 1921" / "members expelled in 1921" / "the membership ... expelled"
    figures = [fig("220,000", COUNT, 220_000, thing="member", event="purge", time="1921"),
               fig("25%", SHARE, 0.25, thing="membership", event="expel", time="1921",
                   doc="b.txt")]
    [group] = group_figures(figures)
    assert group.key == "member | expel | 1921"
    assert group.wordings == ("members purge", "memberships expel")  # both wordings kept


def test_group_a_figure_without_time_joins_no_group():
    figures = [fig("300", COUNT, 300, time=""), fig("300", COUNT, 300, time="", doc="b.txt")]
    assert group_figures(figures) == []


def test_group_without_the_thing_named_only_the_same_figure_printed_again():
    # "In 1834 12% struck." (twice, in two documents) / "In 1834 15% struck."
    figures = [fig("12%", SHARE, 0.12, thing=""), fig("12%", SHARE, 0.12, thing="", doc="b.txt"),
               fig("15%", SHARE, 0.15, thing="", doc="c.txt")]
    [group] = group_figures(figures)
    assert group.figures == (figures[0].key, figures[1].key)
    assert group.key == "(thing not named) | strike | 1834"


def test_group_two_values_one_claim_states_are_two_measures():
    # "53,700 appeals were lodged before the plenum and 101,233 after it, in 1938"
    before = fig("53,700", COUNT, 53_700, thing="appeal", event="lodge", time="1938")
    after = Figure(**{**fig("101,233", COUNT, 101_233, thing="appeal", event="lodge",
                            time="1938").__dict__, "claim": before.claim})
    again = fig("53,700", COUNT, 53_700, thing="appeal", event="lodge", time="1938",
                doc="b.txt")
    [group] = group_figures([before, after, again])
    assert group.figures == (before.key, again.key)


def test_group_needs_two_claims():
    # one sentence printing the figure twice ("25%, that is a quarter") is no comparison
    a, b = fig("25%", SHARE, 0.25), fig("a quarter", SHARE, 0.25)
    b = Figure(**{**b.__dict__, "claim": a.claim})
    assert group_figures([a, b]) == []


@pytest.mark.parametrize(("first", "second", "disputed"), [
    (fig("11%", SHARE, 0.11), fig("more than 10 percent", SHARE, 0.10, qualifier="more than",
                                  doc="b.txt"), False),
    (fig("about 700,000", COUNT, 700_000, qualifier="about"),
     fig("681,692", COUNT, 681_692, doc="b.txt"), False),
    (fig("220,000", COUNT, 220_000), fig("218,000", COUNT, 218_000, doc="b.txt"), False),
    (fig("220,000", COUNT, 220_000), fig("170,000", COUNT, 170_000, doc="b.txt"), True),
    (fig("at least 1.5 million", COUNT, 1.5e6, qualifier="at least"),
     fig("1.7 million", COUNT, 1.7e6, doc="b.txt"), False),
    (fig("not more than 40,000", COUNT, 40_000, qualifier="not more than"),
     fig("90,000", COUNT, 90_000, doc="b.txt"), True),
    (fig("between 20,000 and 100,000", COUNT, 60_000, low=20_000, high=100_000),
     fig("35,000", COUNT, 35_000, doc="b.txt"), False),
    (fig("barely 5%", SHARE, 0.05, qualifier="barely"), fig("9%", SHARE, 0.09, doc="b.txt"),
     True),
])
def test_group_disputed_only_beyond_qualifiers_and_rounding(first, second, disputed):
    [group] = group_figures([first, second])
    assert group.disputed is disputed


def test_group_a_share_and_a_count_compared_where_the_text_gives_the_whole():
    # "a quarter of its 80,000 members" against "35,000 members": a quarter is 20,000
    figures = [fig("a quarter", SHARE, 0.25, total=80_000),
               fig("35,000", COUNT, 35_000, doc="b.txt")]
    assert group_figures(figures)[0].disputed
    figures = [fig("a quarter", SHARE, 0.25), fig("35,000", COUNT, 35_000, doc="b.txt")]
    assert not group_figures(figures)[0].disputed  # no whole given: nothing to compare


@pytest.mark.parametrize(("figure", "low", "high"), [
    (fig("220,000", COUNT, 220_000), 209_000, 231_000),  # a twentieth beats the rounding
    (fig("25%", SHARE, 0.25), 0.2375, 0.2625),
    (fig("1%", SHARE, 0.01), 0.005, 0.015),  # the rounding beats a twentieth
    (fig("681,692", COUNT, 681_692), 647_607, 715_777),
    (fig("1 million", COUNT, 1e6), 0.95e6, 1.05e6),
    (fig("nearly 5,000", COUNT, 5000, qualifier="nearly"), 4750 * 0.9, 5250),
    (fig("about 700,000", COUNT, 7e5, qualifier="about"), 665_000 * 0.9, 735_000 * 1.1),
])
def test_group_allowed_values(figure, low, high):
    got = allowed(figure)
    assert got[0] == pytest.approx(low, rel=0.02) and got[1] == pytest.approx(high, rel=0.02)


def test_group_two_measures_of_one_key_get_two_names():
    """The group's key names it in the graph: two groups of one thing, event and time
    (appeals lodged before a plenum and after it) must not become one node."""
    before = fig("53,700", COUNT, 53_700, thing="appeal", event="lodge", time="1938")
    after = Figure(**{**fig("101,233", COUNT, 101_233, thing="appeal", event="lodge",
                            time="1938").__dict__, "claim": before.claim})
    groups = group_figures([before, after,
                            fig("53,700", COUNT, 53_700, thing="appeal", event="lodge",
                                time="1938", doc="b.txt"),
                            fig("101,233", COUNT, 101_233, thing="appeal", event="lodge",
                                time="1938", doc="c.txt")])
    assert [g.key for g in groups] == ["appeal | lodge | 1938", "appeal | lodge | 1938 (2)"]


def test_group_a_count_of_the_event_joins_counts_of_its_scale_only():
    # "In 1848, 9,000 arrests" / "8,500 people were arrested in 1848" / "in 1848, 40
    # people were arrested in the Rue Saint-Denis affair": the last is a part, not a count
    arrests = fig("9,000", COUNT, 9_000, thing="arrest", event="arrest", time="1848")
    people = fig("8,500", COUNT, 8_500, thing="people", event="arrest", time="1848",
                 doc="b.txt")
    part = fig("40", COUNT, 40, thing="people", event="arrest", time="1848", doc="c.txt")
    [group] = group_figures([arrests, people, part])
    assert group.figures == (arrests.key, people.key)
    assert group.key == "(thing not named) | arrest | 1848"


def test_group_a_bare_figure_repeats_only_one_hedged_alike():
    # a table's bare "100.000" for 1937, and "well over 100,000 officials" in 1937
    table = fig("100.000", COUNT, 100_000, thing="", event="")
    officials = fig("well over 100,000", COUNT, 100_000, qualifier="well over",
                    thing="official", event="", doc="b.txt")
    assert group_figures([table, officials]) == []
    quoted = fig("100,000", COUNT, 100_000, thing="", event="", doc="c.txt")
    [group] = group_figures([table, officials, quoted])
    assert group.figures == (table.key, quoted.key)


def test_group_many_repeats_are_one_group_in_the_order_of_their_first_figure():
    """5,000 documents printing one figure again are one group (each join merges the
    smaller group into the larger, so this takes linear time), listed first-come."""
    first = fig("12%", SHARE, 0.12, time="1901")
    others = [Figure(f"d{n}.txt", Span(0, 3), "12%", SHARE, 0.12, 0.12, 0.12, time="1901",
                     claim=f"d{n}.txt|0|40|passage") for n in range(5000)]
    later = [fig("7%", SHARE, 0.07, time="1902"), fig("7%", SHARE, 0.07, time="1902",
                                                      doc="b.txt")]
    groups = group_figures([first, *others, *later])
    assert [len(g.figures) for g in groups] == [5001, 2]
    assert groups[0].figures[0] == first.key
