"""Find the figures in a document's claims: ``read_figures(extraction)``.

A figure is a count of things or a share of a whole, as printed with its hedge.
Numbers are found first (numbers, shares), joined into ranges, told from years,
dates and locators (not_figures), and each figure is then given what it counts
(measure), when (when) and where (where). Inner quotations are skipped: their
parent quotation holds the same text. A table's row of a year (tab-separated cells
under a header of as many) is read by its columns instead: a sentence reader cannot
see what each column counts, its header says it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from graph_builder.figures.measure import Measure, event_named_in, measure_of
from graph_builder.figures.not_figures import (
    COMPARATIVE_AFTER,
    DIFFERENCE_BEFORE,
    LABEL_AFTER,
    is_label,
    is_year,
)
from graph_builder.figures.numbers import Number, digits_value, numbers_in
from graph_builder.figures.qualifiers import qualifier_before
from graph_builder.figures.record import COUNT, SHARE, Figure
from graph_builder.figures.sentences import Sentences
from graph_builder.figures.shares import OF_A_SCALE, PERCENT_AFTER, shares_in
from graph_builder.figures.tables import table_row
from graph_builder.figures.when import nearest, years_in
from graph_builder.figures.where import place_near
from graph_builder.records import BlockKind, Claim, ClaimKind, Extraction, Span

# what joins the two ends of a range: "10-15%", "160,000 to 180,000", "between A and B"
RANGE_JOIN = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?| to | and | or ")
RANGE_OPEN = re.compile(r"(?<!\w)(?:between|from) $", re.IGNORECASE)
# a change, not a range: "fell from 11 to 8%", "rose from 500 to 700"
CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rise|rising|fell|fallen|fall|falling|increased?|increasing|"
    r"decreased?|decreasing|reduced?|reducing|grew|grown|grow|dropped|drop|declined?|"
    r"went|gone|jumped|cut|climbed|shrank|doubled|tripled|halved)\b[^.;]{0,40}$",
    re.IGNORECASE)
# a digit count under 1,000 is a figure when a plural noun follows: "37 people"
COUNTED_AFTER = re.compile(
    r"[ \u00a0](?:(?!(?:of|in|on|at|by|to|for|from|with|and|or|the|a|an|were|was|are|is|"
    r"had|have|has)\b)"
    r"(?:[a-z][a-z-]+|[A-Z][a-z-]+) ){0,2}"
    r"(?:[A-Za-z][a-z-]*[^s\W]s|people|men|women|children|persons)\b")
# a small count with what it counts named otherwise: "43 of the cases", "of the 455
# expelled from", "235 had joined", "50 of 210 members"
PART_OF_NAMED = re.compile(r" of (?:the|these|those|its|their) (?:[a-z]+ )?[a-z]+[^s\W]s\b")
THE_BEFORE = re.compile(r"\b[Tt]he $")
PARTICIPLE_AFTER = re.compile(r" [a-z]{3,}ed (?:from|in|by|at|for|during|under|since|after)\b")
SUBJECT_OF = re.compile(r" (?:had|have|were) (?:been )?[a-z]{3,}ed\b")
CLAUSE_OPENED = re.compile(r"(?:^|[,;:(“\"]) ?$")
OF_ANOTHER = re.compile(r" of ")
FRACTION_OF = re.compile(r" of ")
LIST_WORD = re.compile(r" [a-z]+ ")
# "%2": a percent sign before a number is that number's (as some languages print it)
PERCENT_BEFORE = re.compile(r"(?:^|(?<=[\s(]))%$")
SCALED_END = re.compile(r"(?:thousand|million|billion)$", re.IGNORECASE)
BY_AUTHOR = re.compile(r"\bby [A-Z]")  # a work's title with its author: its year is its own
# a rate or average over years: "annually", "an average of", "per year"
YEARLY = re.compile(r"\b(?:annually|annual|yearly|per (?:year|annum)|each year|every year|"
                    r"a year|an average of|on average|averaged?)\b", re.IGNORECASE)
TABLE_GAP = re.compile(r"%?\)?\s+\(?|%?\)?\s*[—–-]\s+|%?\)?\s*\(")
TABLE_RUN = 3
SMALLEST_COUNT = 10
BARE_COUNT = 1000  # from here a count needs no noun after it
TOTAL_AFTER = re.compile(r" of (?:the |its |their |a total of |some |all |his |her )?")
TOTAL_BEFORE = re.compile(r"(?:\bof|\bout of|\btotal of) $", re.IGNORECASE)
# what stands between a figure and its restatement in the other unit: "170,000 (11%)",
# "11 per cent, or 170,000", "200,000 members, about one-third", a table row's "170.000 11%"
RESTATING = re.compile(r"(?: [a-z]{1,20}){0,2}\s{0,3}"
                       r"(?:\(|,? or |, i\.e\.,? |, that is,? |[—–] ?|, )?"
                       r"(?:about |some |approximately |roughly |nearly |almost )?")


# a share in a parenthesis of its own, after the predicate of a count of the same
# sentence, restates that count: "12,000 got their cards back (15% of those expelled)"
PARENTHESIS_OPENED = re.compile(r"[^.;:!?()\d]{0,80}\($")
PARENTHESIS_CLOSED = re.compile(r"(?: of(?: [\w’'-]{1,30}){1,4})?\)")
# a figure given as a total is no item of the list before it: "... a total of 2 million"
TOTAL_OPENED = re.compile(r"\b(?:total|in all|altogether|all told)\b[^.;,\d]{0,16}$",
                          re.IGNORECASE)





@dataclass
class _Quantity:
    start: int  # the figure as printed, range opener and qualifier excluded
    end: int
    low: float
    high: float
    kind: str
    open_start: int  # where "between"/"from" begins, else start
    figure: bool = True


def _scale(n: Number) -> float:
    base = digits_value(n.digits) if n.digits else None
    return n.value / base if base else 1.0


def _table_cells(text: str, numbers: list[Number]) -> set[int]:
    """Indexes of numbers printed in a run of three or more with nothing but white space
    and bracketed percentages between them: a table's row, whose columns say what each
    number counts and which a sentence reader cannot see."""
    cells: set[int] = set()
    run = [0] if numbers else []
    for i in range(1, len(numbers) + 1):
        if i < len(numbers) and TABLE_GAP.fullmatch(text, numbers[i - 1].end, numbers[i].start):
            run.append(i)
            continue
        if sum(not is_year(numbers[j].digits, numbers[j].value) for j in run) >= TABLE_RUN:
            cells.update(run)  # a year and its two figures are a list's item, not a table
        run = [i]
    return cells


def _quantities(text: str) -> list[_Quantity]:
    numbers = numbers_in(text)
    table = _table_cells(text, numbers)
    if table:
        numbers = [n for i, n in enumerate(numbers) if i not in table]
    percents = [PERCENT_AFTER.match(text, n.end) for n in numbers]
    percents = [None if p and text[p.end():p.end() + 1].isdigit() else p for p in percents]
    out: list[_Quantity] = []
    i = 0
    while i < len(numbers):
        a, pa = numbers[i], percents[i]
        b = numbers[i + 1] if i + 1 < len(numbers) else None
        pb = percents[i + 1] if b else None
        join = RANGE_JOIN.fullmatch(text, pa.end() if pa else a.end, b.start) if b and (
            pb or not pa) else None
        word = join.group().strip() if join else ""
        opener = RANGE_OPEN.search(text, max(0, a.start - 9), a.start)
        opened = bool(opener) and (word == "to") == opener.group().lower().startswith("f")
        # "160,000 to 180,000 people", but not "fell from 12,000 to 8,000"
        changed = word == "to" and CHANGE_BEFORE.search(text, max(0, a.start - 60), a.start)
        changed = changed or (b is not None and _year_and_count(a, b))
        if b and join and not changed and (word in ("-", "–", "—") or opened or (
                word == "or" and (b.scaled or pb)) or (
                word == "to" and not opener)):
            if is_year(a.digits, a.value) and (is_year(b.digits, b.value) or len(b.digits) == 2):
                i += 2  # a range of years: time, not a figure
                continue
            low, high = a.value, b.value
            if b.scaled and not a.scaled and a.value * _scale(b) <= b.value:
                low *= _scale(b)  # "5-8 million", not "500,000 to 7 million"
            end = pb.end() if pb else b.end
            kind = SHARE if pb else COUNT
            if pb:
                low, high = low / 100, high / 100
            whole = pb or b.scaled or (low == int(low) and high == int(high))
            if low < high and whole:
                out.append(_Quantity(a.start, end, low, high, kind,
                                     opener.start() if opener else a.start))
                i += 2
                continue
        if pa:
            out.append(_Quantity(a.start, pa.end(), a.value / 100, a.value / 100, SHARE, a.start))
        elif a.digits and PERCENT_BEFORE.search(text, max(0, a.start - 2), a.start):
            out.append(_Quantity(a.start - 1, a.end, a.value / 100, a.value / 100, SHARE,
                                 a.start - 1))
        else:
            out.append(_Quantity(a.start, a.end, a.value, a.value, COUNT, a.start,
                                 _is_count(text, a)))
        i += 1
    for s in shares_in(text):
        scale = OF_A_SCALE.match(text, s.end)
        if scale:
            value = s.value * {"million": 1e6, "thousand": 1e3, "billion": 1e9}[
                scale.lastgroup]
            out.append(_Quantity(s.start, scale.end(), value, value, COUNT, s.start))
        elif s.low is not None and s.high is not None:
            opener = RANGE_OPEN.search(text, max(0, s.start - 9), s.start)
            out.append(_Quantity(s.start, s.end, s.low, s.high, SHARE,
                                 opener.start() if opener else s.start))
        else:
            out.append(_Quantity(s.start, s.end, s.value, s.value, SHARE, s.start))
    out.sort(key=lambda q: (q.start, -q.end))
    _fractions_of_percents(text, out)
    kept: list[_Quantity] = []
    for q in out:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    _small_counts(text, kept)
    return kept


def _fractions_of_percents(text: str, quantities: list[_Quantity]) -> None:
    """"one half of one percent": a fraction of a share is one share, their product."""
    for q, share in zip(quantities, quantities[1:], strict=False):
        if q.kind == share.kind == SHARE and q.low == q.high and share.low == share.high and (
                FRACTION_OF.fullmatch(text, q.end, share.start)) and (
                "%" in text[share.start:share.end] or "per" in text[share.start:share.end]):
            q.end, q.low, q.high = share.end, q.low * share.low, q.high * share.high
            share.figure = False


def _small_counts(text: str, quantities: list[_Quantity]) -> None:
    """Small counts (under a thousand, with no plural noun right after) that the words
    around them show to be counts of things: a part of a named whole ("43 of the cases",
    "50 of 210 members"), the subject of a verb ("235 had joined"), a participle's
    ("the 455 expelled from"), or the next item of a list of counts printed alike
    ("2,300 in the north, 500 in the south")."""
    for i, q in enumerate(quantities):
        if q.figure or q.kind != COUNT or q.low != q.high or not (
                SMALLEST_COUNT <= q.low < BARE_COUNT) or q.low != int(q.low) or (
                text[q.start:q.end] != str(int(q.low))):
            continue
        later = quantities[i + 1] if i + 1 < len(quantities) else None
        earlier = quantities[i - 1] if i else None
        q.figure = bool(
            PART_OF_NAMED.match(text, q.end)
            or later and later.figure and later.kind == COUNT and (
                OF_ANOTHER.fullmatch(text, q.end, later.start))
            or THE_BEFORE.search(text, max(0, q.start - 4), q.start) and (
                PARTICIPLE_AFTER.match(text, q.end))
            or CLAUSE_OPENED.search(text, max(0, q.start - 2), q.start) and (
                SUBJECT_OF.match(text, q.end))
            or earlier and _listed_alike(text, earlier, q))


def _listed_alike(text: str, earlier: _Quantity, q: _Quantity) -> bool:
    """``q`` is the next item of a list of counts ``earlier`` is in: a comma and words
    without numbers between them, and the same word after both."""
    if not (earlier.figure and earlier.kind == COUNT) or q.start - earlier.end > 60:
        return False
    between = text[earlier.end:q.start]
    if not between.rstrip().endswith(",") or any(c.isdigit() or c in ".;:" for c in between):
        return False
    word = LIST_WORD.match(text, earlier.end)
    return bool(word) and text.startswith(word.group(), q.end)


def _is_count(text: str, n: Number) -> bool:
    if n.digits and not n.scaled:
        if is_year(n.digits, n.value):
            return False
        if n.value < SMALLEST_COUNT:
            return False
        if n.value < BARE_COUNT and not COUNTED_AFTER.match(text, n.end):
            return False
        if n.value != int(n.value):
            return False
    return True


def _year_and_count(a: Number, b: Number) -> bool:
    """One end a year, the other a count ("from 283,029 in 1933 to 91,127 in 1936"):
    no range; "1937-38" (a year and its last two digits) is a range of years."""
    a_year = is_year(a.digits, a.value)
    b_year = is_year(b.digits, b.value) or a_year and len(b.digits) == 2
    return a_year != b_year


def _headings(extraction: Extraction) -> tuple[list[int], list[str]]:
    """Where each heading starts, and the year it names ("" for none): a figure's
    time is carried from its own section's heading only. A heading without a year
    ("Appendix: Numbers of Victims") ends the time of the one before it. In a
    compilation a heading is the compiler's thesis over quotations of other times
    and sources, so no time is carried from it (see ``read_figures``)."""
    starts, labels = [], []
    for block in extraction.layout.blocks:
        if block.kind == BlockKind.HEADING:
            years = [] if BY_AUTHOR.search(block.text) else years_in(block.text)
            starts.append(block.span.start)
            labels.append(years[0].label if years else "")
    return starts, labels


def _time(text: str, sentences: Sentences, start: int, end: int, heading: str,
          others: tuple[tuple[int, int], ...] = ()) -> tuple[str, str]:
    clause = sentences.clause(start, end)
    sentence = sentences.sentence(start, end)
    for lo, hi in (clause, sentence):
        label = nearest(years_in(text, lo, hi), start, end, text, others)
        if label:
            return label, "sentence"
    if YEARLY.search(text, clause[0], clause[1]):
        return "", ""  # a yearly rate or average is of no one year the paragraph names
    before = years_in(text, 0, sentence[0])
    if before:
        return before[-1].label, "paragraph"
    if heading:
        return heading, "heading"
    return "", ""


def _total(text: str, q: _Quantity, counts: list[_Quantity],
           clause: tuple[int, int]) -> float | None:
    for c in counts:
        if c.start >= q.end and c.start - q.end < 30 and c.start < clause[1] and (
                TOTAL_AFTER.fullmatch(text, q.end, c.start)):
            return c.low
        if c.end <= q.start and c.start >= clause[0] and q.start - c.end < 40 and (
                TOTAL_BEFORE.search(text, max(0, c.start - 10), c.start)):
            return c.low
    return None


def read_claim(claim: Claim, offset_text: str, heading: str) -> list[Figure]:
    """The figures printed in one claim, offsets into its document."""
    text = claim.text
    base = claim.span.start
    if "\t" in text:
        row = table_row(claim, offset_text)
        if row:
            return row
    quantities = _quantities(text)
    if not quantities:
        return []
    sentences = Sentences(text)
    counts = [q for q in quantities if q.kind == COUNT and q.figure and q.low == q.high]
    figures = []
    for q in quantities:
        if not q.figure:
            continue
        if SCALED_END.search(text, q.start, q.end):  # "the figure one million" is no label
            if LABEL_AFTER.match(text, q.end):
                continue
        elif is_label(text, q.open_start, q.end):
            continue
        if q.kind == COUNT and COMPARATIVE_AFTER.match(text, q.end):
            continue
        if q.kind == SHARE and (q.high > 1 or q.low >= 1 and not text.startswith(" of", q.end)):
            continue  # over a whole is no share; "100% convinced" is no figure
        start, qualifier = q.open_start, ""
        if q.open_start == q.start:
            start, qualifier = qualifier_before(text, q.start)
        if q.kind == COUNT and DIFFERENCE_BEFORE.search(text, max(0, start - 90), start):
            continue
        clause = sentences.clause(q.start, q.end)
        m = measure_of(text, (q.start, q.end), clause, q.kind == SHARE, start)
        others = tuple((o.start, o.end) for o in quantities
                       if o is not q and o.figure and o.kind == q.kind)
        time, time_from = _time(text, sentences, start, q.end, heading, others)
        sentence = sentences.sentence(q.start, q.end)
        lead_in = text[sentence[0]:clause[0]].rstrip()
        if not (m.thing or m.event or m.measure) and lead_in.endswith(":"):
            m = Measure("", "", event_named_in(text, sentence[0], clause[0]))  # "by year were:"
        # the whole may open the sentence: "of 1.9 million members, about 18 percent"
        total = _total(text, q, counts, (sentence[0], clause[1])) if q.kind == SHARE else None
        restates = ""
        if figures and figures[-1].kind != q.kind and figures[-1].total is None and (
                total is None) and (
                RESTATING.fullmatch(text, figures[-1].span.end - base, start) or (
                    q.kind == SHARE and figures[-1].span.end - base >= sentence[0] and (
                        PARENTHESIS_OPENED.fullmatch(text, figures[-1].span.end - base, start))
                    and PARENTHESIS_CLOSED.match(text, q.end))):
            restates = figures[-1].key
            if not (m.thing or m.event):  # one measure in two units
                m = Measure(m.measure or figures[-1].measure, figures[-1].thing,
                            figures[-1].event)
        previous = next((f for f in reversed(figures) if f.kind == q.kind), None)
        if not (m.thing or m.event or m.measure or restates) and previous and (
                previous.span.start - base >= sentence[0]) and not (
                TOTAL_OPENED.search(text, max(0, start - 30), start)):
            # a list that leaves out what it counts: "264,000 people were expelled in
            # 1935, 51,500 in 1936", "22% were expelled for X, 17% for Y", and a series
            # of a count and a share a year: "1901 1,700 11%; 1902 2,900 18%"
            m = Measure(previous.measure, previous.thing, previous.event)
        figures.append(Figure(
            doc_id=claim.doc_id, span=Span(base + start, base + q.end),
            printed=text[start:q.end], kind=q.kind, value=(q.low + q.high) / 2, low=q.low,
            high=q.high, qualifier=qualifier, measure=m.measure, thing=m.thing,
            event=m.event, time=time, time_from=time_from,
            place=place_near(text, clause, start, q.end), total=total, claim=claim.key,
            restates=restates))
    return figures


def read_figures(extraction: Extraction) -> list[Figure]:
    """Every figure printed in the document's claims, in text order, once each."""
    heading_starts, heading_years = _headings(extraction)
    if extraction.layout.shape == "compilation":
        heading_years = [""] * len(heading_years)  # a compiler's theses date no quotation
    text = extraction.layout.document.text
    seen: set[tuple[int, int]] = set()
    figures: list[Figure] = []
    for claim in extraction.claims:
        if claim.kind == ClaimKind.INNER:
            continue
        above = bisect_right(heading_starts, claim.span.start) - 1
        heading = heading_years[above] if above >= 0 else ""
        for figure in read_claim(claim, text, heading):
            where = (figure.span.start, figure.span.end)
            if where not in seen:
                seen.add(where)
                figures.append(figure)
    figures.sort(key=lambda f: (f.span.start, f.span.end))
    return figures
