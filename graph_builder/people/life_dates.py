"""Life dates stated plainly in running text: "Nikolai Bukharin (1888–1938)".

Biographical notes (biography.py) are one place a text dates its people; prose
is the other, and there the dates ride on the name in a few set shapes:
``Name (1888–1938)``, ``(1759–94)``, ``(c. 1450–1500)``, ``(b. 1886)``,
``(d. 1924)``, ``(born 1890, died 1940)``, ``Name, who was born in 1893``, and a death
after the name: ``Name's death in 1924``, ``Name died in 1934``, ``Name was executed in
1937``.
Dates let resolution tell namesakes apart and give the graph schema:birthDate
and schema:deathDate for people no note covers.

Nothing here knows any names, so it holds for any period and country. The
name is the run of capitalised words, initials and particles (de, von, ibn)
just before the dates; the run is dropped when its shape says it is not a
person: it follows a determiner ("the Civil War (1918–21)") or a place
preposition ("in London (1943–44)"), or ends in a generic noun (War, Plan,
Committee). A bare range must also span a plausible life (15 to 120 years),
which rules out most terms of office. The only word lists are closed sets of
English function words and generic nouns, never names. An inverted
"Family, Given (dates)" at the start of a line is a note head and is left to
biography.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.people.biography import _full_year


@dataclass(frozen=True)
class LifeDates:
    """One statement of a person's life dates; spans index the text searched."""

    name_start: int
    name_end: int
    name: str
    start: int
    end: int
    born: str = ""
    died: str = ""


_CIRCA = r"(?:(?:c|ca|circa)\.?\s*)?"
_Y4 = rf"{_CIRCA}([0-9]{{4}})\??"
_DASH = r"\s*[–—‒−-]\s*"
_BORN = r"(?:b\.|born)\s*(?:in\s+)?"
_DIED = r"(?:d\.|died)\s*(?:in\s+)?"
# What may stand inside the parentheses, each with (born, died) groups.
_INSIDE = [
    (re.compile(rf"{_Y4}{_DASH}(?:{_CIRCA}([0-9]{{4}}|[0-9]{{2}})\??)?"), True),
    (re.compile(rf"{_BORN}{_Y4}\s*(?:[,;–—‒−-]\s*)?(?:and\s+)?(?:{_DIED}{_Y4})?"), False),
    (re.compile(rf"(){_DIED}{_Y4}"), False),
]
_PAREN = re.compile(r"\s?\(\s*([^()\n]{4,40}?)\s*\)")
_WHO = re.compile(rf",\s+who\s+(?:was\s+born\s+in\s+{_Y4}(?:,?\s+and\s+died\s+in\s+{_Y4})?"
                  rf"|died\s+in\s+{_Y4})(?![0-9'’s])")
# a death stated after the name: "Lenin's death in 1924", "Kirov died in 1934", "Tukhachevsky
# was executed in 1937" (not "shot": Lenin was shot in 1918 and lived)
# (white space is entered only where its run starts, so no run is walked twice)
_DEATH_AFTER = re.compile(r"(?:[’']s\s++death\s++in|(?<!\s)\s++died\s++in|(?<!\s)\s++was\s++"
                          r"(?:executed|killed|assassinated|murdered|hanged|guillotined|beheaded)"
                          rf"\s++in)\s++{_Y4}(?![0-9'’s])")
_INITIAL = re.compile(r"(?:[^\W\d_]{1,3}\.-?){1,4}")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\.?")
_LEAD_PARTICLE = re.compile(r"(?:d|l|al|el|ad|ud|ar|as|an)['’\-]\w")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PARTICLES = _words("de da das do dos du des del della der den di la le van von ter ten zu "
                   "y e wa bin ibn bint ben al el")
# Capitalised at a sentence's start, these words are not part of the name.
FUNCTION_WORDS = _words(
    "after before during in on at by for from with without when while although though both "
    "and but or under like unlike since until then as to of only even also yet so if once "
    "where whereas because thus here there according against among between despite "
    "including meanwhile following later earlier now soon still finally first next last "
    "afterwards subsequently eventually indeed perhaps moreover instead therefore hence "
    "already often he she it they we i you")
# A run that follows one of these (or starts with one) names a thing, not a person.
DETERMINERS = _words("the a an this that these those its their our his her")
PLACE_PREPOSITIONS = _words("in at near into across throughout within inside outside")
GENERIC_NOUNS = _words(
    "War Wars Revolution Revolutions Committee Party Congress Conference Plan Treaty Era "
    "Period Years Age Dynasty Empire Republic Kingdom Reign Regime Government Administration "
    "Council Commission Trial Trials Purge Purges Terror Famine Movement Union Campaign Crisis "
    "Affair Act Law Constitution Uprising Rebellion Revolt Strike Offensive Battle Siege "
    "Occupation Restoration Convention Assembly Parliament Ministry Commissariat Cabinet Army "
    "Front Pact Alliance League Agreement Peace Policy Reform Reforms Decree Opposition "
    "Society Company Church University Institute Press Review Journal Diary Papers Memoirs "
    "Century Decade Depression Renaissance Reformation Independence")
MIN_LIFE, MAX_LIFE = 15, 120


def _year(value: str | None) -> str:
    return value if value and 1000 <= int(value) <= 2100 else ""


def _parse_inside(inside: str) -> tuple[str, str] | None:
    """(born, died) from the text inside the parentheses, or None if not life dates."""
    for pattern, bare in _INSIDE:
        match = pattern.fullmatch(inside)
        if match is None:
            continue
        born, died = _year(match[1]), match[2] or ""
        died = _year(_full_year(born, died) if bare else died)
        if match[1] and not born or match[2] and not died or not (born or died):
            return None
        if born and died and not (0 <= int(died) - int(born) <= MAX_LIFE):
            return None
        if bare and died and int(died) - int(born) < MIN_LIFE:
            return None
        return born, died
    return None


def _is_name_word(token: str) -> bool:
    return bool(token[0].isupper() and (_WORD.fullmatch(token) or _INITIAL.fullmatch(token))
                and not token.endswith(("'s", "’s"))
                and not (token.endswith(".") and len(token) > 4 and "." not in token[:-1]))


def _is_full_word(token: str) -> bool:
    return token[0].isupper() and not token.endswith(".") and _WORD.fullmatch(token) is not None


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The span of the person's name ending at ``end``, or None if there is none."""
    window = max(0, end - 200)
    newline = text.rfind("\n", window, end)
    line_start = newline + 1 if newline >= 0 or window == 0 else -1  # -1: before the window
    first = max(line_start, window)
    tokens = [(m.start() + first, m.group()) for m in re.finditer(r"\S+", text[first:end])]
    if line_start < 0:
        tokens = tokens[1:]  # the first may be cut
    run: list[tuple[int, str]] = []
    while tokens:
        token = tokens[-1][1]
        if not (_is_name_word(token) or token in PARTICLES or _LEAD_PARTICLE.match(token)):
            break
        run.insert(0, tokens.pop())
    while run and run[0][1].lower() in FUNCTION_WORDS:
        tokens.append(run.pop(0))
    before = tokens[-1][1] if tokens else ""
    if (not run or before.lower() in DETERMINERS | PLACE_PREPOSITIONS
            or run[0][1].lower() in DETERMINERS or run[-1][1] in PARTICLES
            or run[-1][1] in GENERIC_NOUNS or not any(_is_full_word(t) for _, t in run)):
        return None
    if (before.endswith(",") and _is_full_word(before[:-1])
            and line_start >= 0 and not text[line_start:tokens[-1][0]].strip("-–•* \t")):
        return None  # "Surname, Given (dates)" at a line's start: a note head
    return run[0][0], run[-1][0] + len(run[-1][1])


def find_life_dates(text: str) -> list[LifeDates]:
    """Every plainly stated life-date statement in ``text``, in text order."""
    found: list[LifeDates] = []
    for match in _PAREN.finditer(text):
        dates = _parse_inside(match[1])
        name = _name_before(text, match.start()) if dates else None
        if dates and name:
            found.append(LifeDates(name[0], name[1], text[name[0]:name[1]], name[0],
                                   match.end(), born=dates[0], died=dates[1]))
    for match in _WHO.finditer(text):
        born, died = _year(match[1]), _year(match[2] or match[3])
        name = _name_before(text, match.start())
        if name and (born or died) and not (born and died and int(died) < int(born)):
            found.append(LifeDates(name[0], name[1], text[name[0]:name[1]], name[0],
                                   match.end(), born=born, died=died))
    for match in _DEATH_AFTER.finditer(text):
        died = _year(match[1])
        name = _name_before(text, match.start())
        if name and died:
            found.append(LifeDates(name[0], name[1], text[name[0]:name[1]], name[0],
                                   match.end(), died=died))
    return sorted(found, key=lambda x: x.start)
