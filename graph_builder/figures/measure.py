"""What a figure counts: the noun phrase it measures ("members", "the total
membership"), its head noun's singular, and the event counted (the verb after it,
"were purged", or before it, "expelled nearly a third of", or an event noun of its
clause, "in the 1929 purge").

Read from the words right around the figure within its clause: a count is
followed by what it counts ("220,000 members"), a share by "of" and its whole
("25% of the party members"); "the number of prisoners ... reached 1.5 million"
names it before. The event is the main verb of the figure's own clause, read past
a parenthesis or an apposition ("37,000 of these (22% of them) were reinstated"), not
the participle naming its whole ("of those expelled"); verbs that only report, hold or
expect a figure ("counted", "got", "would be") name none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.figures.lemmas import (
    IRREGULAR_EVENT_NOUNS,
    IRREGULAR_VERBS,
    event_lemma,
    noun_lemma,
    verb_lemma,
)
from graph_builder.figures.numbers import SCALES, TENS, UNITS

TOKEN = re.compile(r"[A-Za-z](?:[\w’'-]*\w)?|\d[\d,.]*|[^\w\s]")
# words between a verb and the figure it governs: "expelled some 300,000", "cut even a third"
BETWEEN_VERB = frozenset(["a", "an", "the", "some", "only", "even", "all", "another"])
DETERMINERS = frozenset(
    [
        "the", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these",
        "those", "all", "a", "an", "such", "some", "any", "each", "every", "other"
    ])
AUXILIARIES = frozenset(
    [
        "were", "was", "had", "have", "has", "been", "being", "are", "is", "be", "would",
        "will", "could", "might", "may", "must", "should", "also", "then", "later",
        "can", "cannot", "shall", "subsequently", "eventually", "actually", "reportedly",
        "thus", "therefore", "either",
        "all", "finally", "already", "soon", "reportedly", "allegedly"
    ])
# words that end a noun phrase: prepositions, conjunctions, relatives, adverbs of degree
ENDS_PHRASE = frozenset(
    [
        "in", "of", "for", "from", "to", "at", "by", "on", "with", "during", "between",
        "against", "under", "within", "into", "through", "over", "after", "before", "since",
        "until", "and", "or", "but", "nor", "who", "which", "that", "whom", "whose", "where",
        "when", "while", "as", "than", "out", "up", "down", "off", "per", "more", "less",
        "fewer", "not", "only", "above", "below", "among", "across", "along", "each", "alone",
        "apiece", "together", "altogether", "there", "here", "other"
    ]) | AUXILIARIES
PRONOUNS = frozenset(["whom", "which", "them", "these", "those", "they", "who"])
MODALS = frozenset(["would", "will", "could", "might", "may", "should", "must", "can",
                    "cannot", "shall"])
# a count that is the whole a part is taken of: "a part of these 56,000 were freed"
PART_OF_BEFORE = re.compile(r"\b(?:of|among) (?:these|those|the|its|their|all|all the) $",
                            re.IGNORECASE)
BE_HAVE = frozenset(["were", "was", "are", "is", "had", "have", "has", "been"])
# verbs that report, hold or reach a figure, and light verbs: no event of their own
# ("Smith counted 5 million prisoners", "the total reached 200,000", "got it back")
NOT_EVENTS = frozenset([
    "count", "estimate", "report", "give", "put", "claim", "cite", "mention", "number",
    "reach", "total", "add", "calculate", "compute", "say", "show", "find", "list",
    "publish", "quote", "state", "suggest", "indicate", "contain", "include", "exceed",
    "amount", "constitute", "form", "comprise", "record", "note", "write", "tell", "range",
    "vary", "stand", "remain", "be", "get", "have", "do", "make", "become", "come", "go",
    "keep", "see", "know", "assume", "guess", "believe", "think", "consider", "base"])
# words that make an event a point in time: "after the strike", "near the end of the war"
TIME_POINTS = frozenset(["after", "before", "since", "until", "till", "end", "beginning",
                         "start", "eve", "wake", "aftermath", "following", "prior", "outset"])
NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES])
# words of a column's header that name no thing counted
COLUMN_NOT_THINGS = frozenset(["number", "numbers", "total", "age", "percent", "percentage",
                               "share", "count", "sum", "figure", "figures"])
NOT_HEADS = frozenset(["percent", "cent", "per", "times"])
ENDS_PREDICATE = frozenset([
    "for", "because", "in", "during", "at", "by", "on", "after", "before", "since", "while",
    "when", "although", "though", "but", "and", "as", "than", "that", "which", "who",
    "without", "under", "within", "between", "until"])
# a rate's unit, not what is counted: "200,000 a year"
TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "annum", "decade", "century"])
NOT_ADVERBS = frozenset(["family", "assembly", "ally", "rally", "building", "king", "ring",
                         "meeting", "gathering", "uprising", "rising", "sibling", "offspring",
                         "earnings", "holding", "holdings", "dwelling", "dwellings", "thing",
                         "evening", "morning", "spring", "string", "wing", "swing", "sting",
                         "lodging", "lodgings", "clothing", "housing", "feeling"])
NUMBER_OF_REACH = 60  # characters from "the number of X" to its figure
# the head of "the number of prisoners", "the total of arrests"
NUMBER_OF = re.compile(r"\b(?:number|numbers|total|count|ranks|toll|estimates?) of "
                       r"(?:the |these |those )?"
                       r"(?P<what>[a-z][\w’'-]*(?: [a-z][\w’'-]*){0,2})", re.IGNORECASE)


def _past_asides(rest: list[str], named: bool) -> int:
    """Where the predicate begins past what stands between a figure and its verb: the
    parenthesis a figure without a noun of its own closes ("(22% of them) were
    freed"), one after the noun ("of these refugees (a fifth of them) were"), or an
    apposition between commas before an auxiliary ("200 members, a third of all,
    were expelled")."""
    i = 0
    if i < len(rest) and rest[i] == ")" and not named:
        i += 1
    elif i < len(rest) and rest[i] == "(":
        close = next((j for j in range(i + 1, min(len(rest), i + 14)) if rest[j] == ")"), 0)
        i = close + 1 if close else i
    if i < len(rest) and rest[i] == ",":
        comma = next((j for j in range(i, min(len(rest) - 1, i + 12)) if rest[j] == "," and (
            rest[j + 1].lower() in BE_HAVE)), None)
        i = i if comma is None else comma + 1
    return i


def _event_noun(words: list[str]) -> str:
    """The event the last event noun of ``words`` names, unless it is named as a point
    in time ("near the end of the strike, 2,000")."""
    for at in range(len(words) - 1, -1, -1):
        if words[at].lower() in IRREGULAR_EVENT_NOUNS:
            if any(w.lower() in TIME_POINTS for w in words[max(0, at - 5):at]):
                return ""
            return event_lemma(words[at])
    return ""


def event_named_in(text: str, start: int, end: int) -> str:
    """The event a lead-in names ("Expulsions by year were:"), for the list after it."""
    return _event_noun(_tokens(text, start, end))


def column_measure(header: str) -> Measure:
    """What a table's column counts, from its header: the event its first verb or event
    noun names ("Number expelled from party", "Shot", "Arrests"), and the thing the noun
    before that verb names ("Weavers fined")."""
    words = [w for w in _tokens(header, 0, len(header)) if w[0].isalpha()]
    for at, word in enumerate(words):
        if _is_verb(word) or word.lower() in IRREGULAR_EVENT_NOUNS:
            event = event_lemma(word) if not _is_verb(word) else verb_lemma(word)
            event = "" if event in NOT_EVENTS else event
            lowered = [w.lower() for w in words]
            # "Weavers as percentage of fined": the weavers; "Percentage of guild fined":
            # the guild is the whole, not what is counted
            noun_at = lowered.index("as") - 1 if "as" in lowered[1:at] else at - 1
            noun = words[noun_at] if noun_at >= 0 else ""
            whole = noun_at > 0 and lowered[noun_at - 1] == "of"
            thing = noun_lemma(noun) if noun and not whole and (
                noun.lower() not in COLUMN_NOT_THINGS | ENDS_PHRASE) else ""
            return Measure(" ".join(words), thing, event)
    return Measure(" ".join(words), "", "")


@dataclass(frozen=True)
class Measure:
    measure: str = ""
    thing: str = ""
    event: str = ""


def _tokens(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in TOKEN.finditer(text, start, end)]


def _skip_parenthesis(text: str, pos: int, end: int) -> int:
    """Past a parenthesis right after a figure: "170,000 (or 11 percent) were"."""
    stripped = pos
    while stripped < end and text[stripped] == " ":
        stripped += 1
    if stripped < end and text[stripped] == "(":
        close = text.find(")", stripped, min(end, stripped + 80))
        if close != -1:
            return close + 1
    return pos


def _noun_phrase(tokens: list[str]) -> tuple[list[str], int]:
    """The noun phrase a list of words opens with, without its determiners, and
    how many tokens it took."""
    i = 0
    while i < len(tokens) and tokens[i].lower() in DETERMINERS:
        i += 1
    phrase = []
    while i < len(tokens) and len(phrase) < 4:
        word = tokens[i]
        if not word[0].isalpha() or word.lower() in ENDS_PHRASE:
            break
        if not phrase and word.lower().endswith("ed") and i + 1 < len(tokens) and (
                _is_attribute_before(tokens[i + 1])):
            phrase.append(word)  # "ousted men", "expelled party members"
            i += 1
            continue
        if _is_verb(word) or _is_adverb(word) or (phrase and _is_gerund(word)):
            break  # "members expelled", "members went", "nationally", "members leaving"
        phrase.append(word)
        i += 1
    return phrase, i


def _is_attribute_before(word: str) -> bool:
    """A participle is an attribute when a noun follows it ("ousted men")."""
    return word[0].isalpha() and word.lower() not in ENDS_PHRASE and not _is_verb(word) and (
        not _is_adverb(word))


def _is_adverb(word: str) -> bool:
    w = word.lower()
    return len(w) > 5 and w.endswith("ly") and w not in NOT_ADVERBS


def _is_gerund(word: str) -> bool:
    w = word.lower()
    return len(w) > 4 and w.endswith("ing") and w not in NOT_ADVERBS


def _is_verb(word: str) -> bool:
    w = word.lower()
    return (w in IRREGULAR_VERBS and IRREGULAR_VERBS[w] not in ("be", "have", "do")) or (
        w.endswith("ed") and len(w) > 4)


def measure_of(text: str, figure: tuple[int, int], clause: tuple[int, int],
               share: bool, opening: int | None = None) -> Measure:
    """What the figure at ``figure`` counts, read within ``clause``; ``opening`` is
    where its qualifier or range opener begins."""
    start, end = figure
    opening = start if opening is None else opening
    pos = _skip_parenthesis(text, end, clause[1])
    after = _tokens(text, pos, clause[1])[:16]
    names_whole = bool(after) and after[0].lower() == "of"
    if share and names_whole:
        after = after[1:]
    # a share names its whole after "of" ("25% of the members"), not right after itself:
    # "4 percent received death sentences"
    one_in = text[start:end].lower().startswith(("one in", "1 in", "one out", "a in"))
    phrase, used = _noun_phrase(after) if not share or names_whole or one_in else ([], 0)
    phrase = [w for w in phrase if w.lower() not in NOT_HEADS]
    if len(phrase) == 1 and _is_gerund(phrase[0]):
        phrase = []  # "of those appealing": who, not what
    if phrase and phrase[-1].lower() in PRONOUNS:
        phrase = []
    rest = after[used:]
    if not phrase and rest and rest[0].lower() in ("whom", "which"):
        rest = rest[1:]  # "11% (25 percent of whom were freed)"
    whole_named_by_event = False
    if not phrase and (share and names_whole or not share and after[:1] == ["of"]):
        whole = after if share else after[1:]
        if not share and whole and whole[0].lower() in DETERMINERS:
            # a part of a named whole: "37,000 of these refugees were resettled"
            part, taken = _noun_phrase(whole)
            if part and part[-1].lower() not in PRONOUNS and not any(
                    w.lower() in NUMBER_WORDS for w in part):  # "of the original five million"
                phrase, rest = part, whole[taken:]
        if not phrase and len(whole) > 1 and whole[0].lower() in DETERMINERS and (
                _is_verb(whole[1])):
            # "22% of those released": the participle names the whole, not the event
            rest, whole_named_by_event = whole[2:], True
            while rest and rest[0][0].isalpha() and rest[0].lower() not in AUXILIARIES and (
                    not _is_verb(rest[0])):
                rest = rest[1:]  # "of those released from the camps were ..."
    thing = noun_lemma(phrase[-1]) if phrase else ""
    if thing in TIME_UNITS:
        phrase, thing = [], ""
    if not thing:
        before = text[clause[0]:opening]
        m = next(reversed(list(NUMBER_OF.finditer(before))), None)
        if m and len(before) - m.end() < NUMBER_OF_REACH:
            words, _ = _noun_phrase(m.group("what").split())
            between = before[m.start("what"):].split()
            # not "a total of a little over 2 million": the phrase must end before the figure
            if words and _noun_phrase(between)[1] < len(between):
                phrase, thing = words, noun_lemma(words[-1])
    # the predicate after the phrase: "were purged or left the party"
    predicate: list[str] = []
    event = ""
    i = _past_asides(rest, bool(phrase) and not whole_named_by_event)
    if phrase and rest and rest[0].lower() in ("of", "in"):
        # past "of the party" to its verb: "a third of the members of the party were expelled"
        verb_at = next((j for j in range(1, min(len(rest), 6)) if rest[j].lower() in
                        AUXILIARIES or _is_verb(rest[j]) or not rest[j][0].isalnum()), 0)
        if verb_at and rest[verb_at][0].isalpha():
            i = verb_at
    modal, aside = False, i
    while i < len(rest) and rest[i].lower() in AUXILIARIES | {"not", "never"}:
        modal = modal or rest[i].lower() in MODALS
        i += 1
    if modal:
        i = len(rest)  # "would be expelled": expected, not done
    if (aside or i > 0 and rest[i - 1].lower() in AUXILIARIES) and not share and (
            PART_OF_BEFORE.search(text, max(0, opening - 14), opening)):
        i = len(rest)  # "a third of the 300 members were expelled": the part's verb
    if i < len(rest) and (_is_verb(rest[i]) or (i == 0 and phrase and _is_gerund(rest[i]))):
        event = verb_lemma(rest[i])  # "members expelled", "people working in the camps"
        for word in rest[i:i + 7]:
            if not word[0].isalpha() or (predicate and word.lower() in ENDS_PREDICATE):
                break  # the reason, time or manner is not what is counted
            predicate.append(word)
    event = "" if event in NOT_EVENTS else event
    before_words = _tokens(text, clause[0], opening)
    if not event and phrase and phrase[-1].lower() in IRREGULAR_EVENT_NOUNS:
        event = event_lemma(phrase[-1])  # "3.5 million arrests", "177,000 expulsions"
    if not event and not whole_named_by_event:
        # "expelled nearly one-third of", "the 1929 purge expelled about 18 percent"
        near = [w for w in before_words[-3:] if w.lower() not in BETWEEN_VERB]
        if near and _is_verb(near[-1]):
            # a reporting verb is kept in the label, so the figure is no item of a list
            # before it ("the army numbered only 9,000")
            event = "" if verb_lemma(near[-1]) in NOT_EVENTS else verb_lemma(near[-1])
            predicate = [near[-1]]
    if not event and not whole_named_by_event:
        # an event noun of the clause before the figure: "in the 1929 purge, 11%"
        event = _event_noun(before_words)
    measure = " ".join([*phrase, *predicate])
    return Measure(measure, thing, event)
