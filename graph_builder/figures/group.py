"""Figures that measure the same thing at the same time, and whether their sources agree.

Two figures are one measure when they count the same thing (``thing``: members,
persons, prisoners), by the same kind of event (expelled and purged are one kind,
arrested another, shot and executed a third), at the same time, in the same place
where both name one. The unit is not part of the key: a share and a count of the
same event are one group, and are compared only where the text gives the whole
the share is of. A figure whose time the text does not give joins no group: a
wrong side-by-side costs a fact-checker more than a missing one.

Agreement is read from intervals: each figure stands for the values its wording
allows (a twentieth either way, or its rounding where that is more; then its
qualifier: "nearly" is a little under, "more than" over, "about" on either side),
and a group is disputed when no one value lies in every interval of a unit.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

from graph_builder.figures.qualifiers import HEDGES
from graph_builder.figures.record import COUNT, SHARE, Figure

#: Events that count the same happening, by their lemma (general English, closed list).
_EVENT_KINDS = {
    **dict.fromkeys(("expel", "purge", "exclude", "oust", "cleanse", "expulsion"), "expel"),
    **dict.fromkeys(("shoot", "execute", "execution", "shooting"), "execute"),
    **dict.fromkeys(("arrest", "detain", "arrestee", "detention"), "arrest"),
    **dict.fromkeys(("sentence", "convict", "condemn", "conviction"), "sentence"),
    **dict.fromkeys(("deport", "exile", "banish", "resettle", "deportation"), "deport"),
    **dict.fromkeys(("die", "perish", "death"), "die"),
    **dict.fromkeys(("kill", "murder"), "kill"),
    **dict.fromkeys(("release", "free", "rehabilitate"), "release"),
    **dict.fromkeys(("reinstate", "readmit", "restore", "regain", "reinstatement"), "reinstate"),
}
#: The things counted that are one: a party's membership is its members.
_THINGS = {"membership": "member", "communist": "member", "inmate": "prisoner",
           "convict": "prisoner"}
#: Nouns for anyone at all: "264,000 people were expelled" counts the members expelled.
_ANYONE = frozenset({"person", "people", "individual", "soul", "human", "inhabitant"})

_ABOUT = 0.10  # "about 700,000": within a tenth either way
_MAX_ROUNDING = 0.10  # a round figure stands for values within a twentieth either way
_NOISE = 0.05  # any figure stands for values within a twentieth either way
_SAME_SCALE = 5  # two counts of one event this far apart are a whole and a part
_OVER = 0.5  # "more than 10 percent": up to half as much again
_UNDER = 0.10  # "nearly one-third": up to a tenth under
_AT_MOST = 0.5  # "not more than 40,000": down to half of it


def event_kind(event: str) -> str:
    """The kind of happening an event lemma counts ("purge" and "expel" are one)."""
    return _EVENT_KINDS.get(event, event)


def thing_kind(thing: str, event: str = "") -> str:
    """What is counted, as one word for all its near-synonyms; "" when the thing is
    the event itself ("177,000 expulsions", "3.5 million arrests"), a count of
    events naming no thing of its own, or anyone at all ("people")."""
    if thing in _ANYONE or thing in _EVENT_KINDS and (
            not event or event_kind(thing) == event_kind(event)):
        return ""
    return _THINGS.get(thing, thing)


@dataclass(frozen=True)
class FigureGroup:
    """Figures (their keys, in corpus order) of one measure at one time.

    ``key`` explains the grouping ("member | expel | 1921"); ``label`` is the
    measure as most of its figures word it; ``wordings`` every distinct wording
    of what is counted, when they differ ("members expelled" against "members
    purged or left the party": a difference of definition stays visible);
    ``disputed`` says the values differ beyond their qualifiers and rounding,
    and ``spread`` gives the values' range per unit ("shares 0.25–0.333")."""

    key: str
    label: str
    figures: tuple[str, ...]
    disputed: bool
    spread: str
    wordings: tuple[str, ...] = ()
    time: str = ""


def group_figures(figures: list[Figure]) -> list[FigureGroup]:
    """Every group of two figures or more, from at least two claims, in the order of
    their first figure.

    Figures are joined when their time is the same and either the value is (the same
    figure printed again, or quoted) or both what is counted and the event are. A
    join must leave the group one measure: at most one thing and one kind of event
    among its figures, the same place (or none named), and no claim stating two
    different values of one unit in it (one sentence giving 53,700 and then 101,233
    appeals counts two things). Only figures sharing a key are compared, and the
    smaller group is merged into the larger, so grouping grows with the figures,
    not with their pairs."""
    clusters = [_Cluster(figure) for figure in figures]
    parent = list(range(len(figures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for key, members in _candidates(figures).items():
        for later in members[1:]:
            for earlier in members[:_MAX_TRIES]:
                a, b = root(earlier), root(later)
                if a == b:
                    continue
                if key[0] == "event" and not _measures_event(figures[earlier], figures[later]):
                    continue
                if key[0] == "value" and not _same_figure(figures[earlier], figures[later]):
                    continue
                if clusters[a].joins(clusters[b]):
                    big, small = (a, b) if clusters[a].size >= clusters[b].size else (b, a)
                    parent[small] = big
                    clusters[big].absorb(clusters[small])
    by_root: dict[int, list[Figure]] = defaultdict(list)
    for i, figure in enumerate(figures):
        by_root[root(i)].append(figure)
    groups = [_group(clusters[r].key(), members) for r, members in by_root.items()
              if len(members) > 1 and len({f.claim or f.key for f in members}) > 1]
    return _numbered(groups)


def _numbered(groups: list[FigureGroup]) -> list[FigureGroup]:
    """Each group's key made unique: two measures may share thing, event and time
    (53,700 appeals before a plenum, 101,233 after it), and the key names the group
    in the graph and in the queries' answers, so the second is "... (2)"."""
    seen: dict[str, int] = {}
    out = []
    for group in groups:
        seen[group.key] = seen.get(group.key, 0) + 1
        n = seen[group.key]
        out.append(group if n == 1 else replace(group, key=f"{group.key} ({n})"))
    return out


_MAX_TRIES = 8  # earlier figures sharing a key that a figure tries to join


def _candidates(figures: list[Figure]) -> dict[tuple, list[int]]:
    """Figures that may be one measure, by what they share: (time, unit, value);
    (time, thing, kind of event) where the text names both; (time, kind of event,
    unit), which joins figures whose values agree, or where one counts the event
    itself ("177,000 expulsions"), since otherwise, without the thing named, the
    event alone does not make two different values one measure."""
    keys: dict[tuple, list[int]] = defaultdict(list)
    parts = _breakdowns(figures)
    index = {figure.key: i for i, figure in enumerate(figures)}
    for i, figure in enumerate(figures):
        if not figure.time or i in parts:
            continue  # a figure whose time the text does not give joins no group
        keys["value", figure.time, figure.kind, f"{figure.value:.4g}"].append(i)
        thing, event = thing_kind(figure.thing, figure.event), event_kind(figure.event)
        if thing and event:
            keys["measure", figure.time, thing, event].append(i)
        if event:  # what is counted unnamed: joined only where the values agree
            keys["event", figure.time, event, figure.kind].append(i)
        restated = index.get(figure.restates)
        if restated is not None and restated not in parts and figures[restated].time:
            keys["restated", figure.key] = [restated, i]  # "170,000 (11%)": two units
    return keys


_BREAKDOWN = 3  # shares listed one after another, this many, split a whole by kind
_LIST_GAP = 160  # characters between two shares of one list, at most


def _breakdowns(figures: list[Figure]) -> set[int]:
    """The figures that are items of a breakdown: three shares or more, one after
    another in one claim, of one time and place ("in 1905, 15% for debt, 14% for
    theft, 18% for vagrancy"). Each is a part of the whole by a kind the reader does
    not keep, so two items of equal value in two breakdowns are not one measure. A
    list of shares of different years or places is a series, not a breakdown."""
    items: set[int] = set()
    run: list[int] = []
    for i, figure in enumerate([*figures, None]):
        if figure is not None and run and _listed_after(figures[run[-1]], figure):
            run.append(i)
            continue
        if len(run) >= _BREAKDOWN:
            items.update(run)
        run = [i] if figure is not None and figure.kind == SHARE else []
    return items


def _same_per_unit(mine: set[tuple[str, float]], theirs: set[tuple[str, float]]) -> bool:
    """One claim's values in two groups are one measure only where they are the same
    value of each unit the two state ("11% (170,000)" gives a share and a count)."""
    return all({v for k, v in mine if k == unit} == {v for k, v in theirs if k == unit}
               for unit in {k for k, _ in mine} & {k for k, _ in theirs})


def _counts_events(figure: Figure) -> bool:
    """The figure counts the event itself ("177,000 expulsions", "1 million
    executions"): a measure of that event, whatever the value, as a count of
    persons the event befell is."""
    return (figure.kind == COUNT and figure.thing in _EVENT_KINDS
            and not thing_kind(figure.thing, figure.event))  # "1% of all expulsions": a whole


def _measures_event(first: Figure, second: Figure) -> bool:
    """Two figures of one event and time that name no thing measure it alike when
    their values agree, or when one counts the event itself and the other names no
    thing ("177,000 expulsions", "264,000 people were expelled"),
    within a factor of five; "24,000 officers arrested" and "160 persons
    arrested in one case" are parts of the arrests, not counts of them."""
    unnamed = (not thing_kind(first.thing, first.event),
               not thing_kind(second.thing, second.event))
    if _agree(first, second):
        return all(unnamed)  # "9% of party members" and "9.7% of the officers" are not one
    small, large = sorted((first.value, second.value))
    return all(unnamed) and (_counts_events(first) or _counts_events(second)) and (
        first.kind == second.kind and large <= _SAME_SCALE * small)


def _same_figure(first: Figure, second: Figure) -> bool:
    """Two equal values of one time are one figure printed twice when the value is
    precise (three significant digits: 53,700, 9.1%), share what is counted or
    the event, or one of them names neither (then both must be hedged alike);
    "1 million" executed and "one million" people interned are not."""
    bare = not (first.thing or first.event) or not (second.thing or second.event)
    if bare and _hedge(first) != _hedge(second):
        return False  # "well over 100,000" officials and a table's bare "100.000" expelled
    if len(f"{first.value:.6g}".replace(".", "").replace("0", " ").strip()) >= 3:
        return True
    mine = (thing_kind(first.thing, first.event), event_kind(first.event))
    theirs = (thing_kind(second.thing, second.event), event_kind(second.event))
    return any(a and a == b for a, b in zip(mine, theirs, strict=True)) or (
        not (first.thing or first.event) or not (second.thing or second.event))


def _agree(first: Figure, second: Figure) -> bool:
    """The values the two figures' wordings allow meet."""
    low, high = allowed(first)
    other_low, other_high = allowed(second)
    return low <= other_high and other_low <= high


def _listed_after(previous: Figure, figure: Figure) -> bool:
    """``figure`` is the next item of a list of shares ``previous`` is in: one claim,
    close by, the same time, and the same place where both name one."""
    return (figure.kind == SHARE == previous.kind and figure.claim == previous.claim
            and figure.time == previous.time
            and (figure.place == previous.place or "" in (figure.place, previous.place))
            and figure.span.start - previous.span.end <= _LIST_GAP)


class _Cluster:
    """What a growing group holds: its time, things, kinds of event and places, and
    the values each of its claims states."""

    def __init__(self, figure: Figure):
        self.time = figure.time
        self.things = {thing_kind(figure.thing, figure.event)} - {""}
        self.events = {event_kind(figure.event)} - {""}
        self.places = {figure.place.casefold()} - {""}
        self.values = {figure.claim or figure.key: {(figure.kind, figure.value)}}
        self.size = 1

    def joins(self, other: _Cluster) -> bool:
        """Whether both are still one measure together."""
        if self.time != other.time or self.places != other.places:
            return False  # a city's figure is not the country's, though both name 1934
        if any(len(mine | theirs) > 1 for mine, theirs in ((self.things, other.things),
                                                           (self.events, other.events))):
            return False
        if (self.things or self.events) and (other.things or other.events) and not (
                self.things & other.things or self.events & other.events):
            return False  # people interned and executions share nothing they name
        return all(_same_per_unit(self.values[claim], stated)
                   for claim, stated in other.values.items() if claim in self.values)

    def absorb(self, other: _Cluster) -> None:
        self.things |= other.things
        self.events |= other.events
        self.places |= other.places
        for claim, stated in other.values.items():
            self.values.setdefault(claim, set()).update(stated)
        self.size += other.size

    def key(self) -> tuple[str, str, str, str]:
        return (min(self.things, default=""), min(self.events, default=""), self.time,
                min(self.places, default=""))


def _group(key: tuple[str, str, str, str], members: list[Figure]) -> FigureGroup:
    thing, event, time, place = key
    wordings = sorted({f.measure for f in members if f.measure})
    events = {f.event for f in members if f.event}
    label = max(wordings, key=lambda w: (sum(f.measure == w for f in members),
                                         _names_event(w, events), -len(w)),
                default=thing or event or "figures")
    shares = [f for f in members if f.kind == SHARE]
    counts = [f for f in members if f.kind == COUNT]
    counts += [_as_count(f) for f in shares if f.total]  # the text gives the whole
    disputed = _disagree(shares) or _disagree(counts)
    spread = "; ".join(f"{name} {_range(group)}" for name, group
                       in (("shares", shares), ("counts", counts)) if group)
    explained = " | ".join([thing or "(thing not named)", event or "(event not named)", time,
                            *([place] if place else [])])
    return FigureGroup(explained, label, tuple(f.key for f in members), disputed, spread,
                       tuple(wordings) if len(wordings) > 1 else (), time)


def _names_event(wording: str, events: set[str]) -> bool:
    """The wording says what happened ("party members expelled"), not only who."""
    return any(word.casefold().startswith(event[:4]) for word in wording.split()
               for event in events)


def _as_count(share: Figure) -> Figure:
    total = share.total or 0.0
    return Figure(share.doc_id, share.span, share.printed, COUNT, share.value * total,
                  share.low * total, share.high * total, share.qualifier, share.measure,
                  share.thing, share.event, share.time, share.time_from, share.place, None,
                  share.claim)


def _hedge(figure: Figure) -> str:
    """The kind of a figure's qualifier ("about", "under", "over", "at most" or "")."""
    return HEDGES.get(figure.qualifier.casefold(), "")


def allowed(figure: Figure) -> tuple[float, float]:
    """The values a figure's wording allows: its range widened by its rounding (or
    by a twentieth, whichever is more: sources round and estimate, and 17% beside
    18.5% is not yet a dispute), then by its qualifier."""
    low = figure.low - max(_rounding(figure) / 2, _NOISE * figure.low)
    high = figure.high + max(_rounding(figure) / 2, _NOISE * figure.high)
    hedge = _hedge(figure)
    if hedge == "about":
        low, high = low * (1 - _ABOUT), high * (1 + _ABOUT)
    elif hedge == "under":
        low = low * (1 - _UNDER)
    elif hedge == "over":
        high = high * (1 + _OVER)
    elif hedge == "at most":
        low = low * (1 - _AT_MOST)
    if figure.kind == SHARE:
        low, high = max(0.0, low), min(1.0, high)
    return low, high


def _rounding(figure: Figure) -> float:
    """The step the printed value is rounded to: 220,000 to ten thousands, 25% to a
    per cent, 1.5 million to a hundred thousand; a fraction in words ("one-third")
    to a fiftieth. At most a tenth of the value: "1 million" is a round figure,
    not any number from half a million to a million and a half."""
    digits = "".join(c for c in figure.printed if c.isdigit() or c in ".,")
    if figure.kind == SHARE:
        if "%" in figure.printed or "per" in figure.printed.casefold():
            decimals = digits.rpartition(".")[2] if "." in digits else ""
            return 0.01 * 10 ** -len(decimals) if decimals.isdigit() else 0.01
        return 0.02
    value = max(figure.high, 1.0)
    if not any(c.isdigit() for c in figure.printed):  # "three hundred thousand"
        step = 10 ** math.floor(math.log10(value))
    else:
        zeros = len(str(round(value))) - len(str(round(value)).rstrip("0"))
        step = 10 ** zeros
    return float(min(step, _MAX_ROUNDING * value))


def _disagree(figures: list[Figure]) -> bool:
    """No one value lies within every figure's allowed interval."""
    if len(figures) < 2:
        return False
    intervals = [allowed(f) for f in figures]
    return max(lo for lo, _ in intervals) > min(hi for _, hi in intervals)


def _range(figures: list[Figure]) -> str:
    values = sorted(f.value for f in figures)
    fmt = (lambda v: f"{v:.3g}") if figures[0].kind == SHARE else (lambda v: f"{v:,.0f}")
    low, high = fmt(values[0]), fmt(values[-1])
    return low if low == high else f"{low}–{high}"
