"""Speaker labels ("MOLOTOV: ...", "QUESTION: ..."): one pattern, one stop-list, one rule.

Four stages meet them. Segmentation makes a labelled line a transcript turn, the
citation-line spotter refuses a turn, resolution makes a person of its label, and
the mention finder marks the label as a mention of that person. Between them they
used to hold three patterns and two stop-lists, so "SIGNED:" was no turn to one
stage and a person to another. Now ``speaker_label`` decides what a turn is (the
spotter asks it, the mention finder takes segmentation's answer) and
``is_person_label`` reads the same stop-list.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable

__all__ = ["LABEL_LINE", "NOT_A_PERSON", "PROTOCOL_HEADINGS", "SALUTATIONS", "is_person_label",
           "repeated_labels", "speaker_label"]

# A label, then the speech on the same line: "MOLOTOV:", "VOICE FROM AUDIENCE:", "Stalin:",
# "HECKERT :", "MOLOTOV::".
LABEL_LINE = re.compile(r"^([A-ZÀ-Þ][\w.’'\- ]{0,38}?)\s?::?\s+(\S.*)$")

_PART, _ROLE = "part", "role"
# Labels that introduce a part of a document: the line is no turn at all.
_PARTS = (
    "note", "notes", "nb", "n.b", "ps", "p.s", "source", "sources", "original source",
    "see", "see also", "table", "figure", "chapter", "part", "section", "appendix", "article",
    "excerpt", "excerpted", "editor's note", "translator's note", "re", "subject", "date", "to",
    "from", "cc", "attention", "signed", "signature", "approved", "agreed",
)
# Headings of minutes and protocols in several languages ("HEARD:", "RESOLVED:", "PRESENT:",
# "СЛУШАЛИ:", "ПОСТАНОВИЛИ:", "ПРИСУТСТВОВАЛИ:"): a part of the record, whatever its language
PROTOCOL_HEADINGS = (
    "heard", "resolved", "present", "absent", "agenda", "decided", "ordered", "attending",
    "слушали", "постановили", "решили", "присутствовали", "отсутствовали", "повестка",
    "выступили", "предложено", "постановление", "приложение",
    "anwesend", "abwesend", "tagesordnung", "beschluss", "beschlossen", "présents", "absents",
    "ordre", "presentes", "ausentes", "obecni", "nieobecni", "porządek",
)
# Salutations opening a letter ("Dear Sir:", "Дорогой товарищ:", "Lieber Freund:") and their
# adjectives of address: they greet someone and are no one ("Dear" before a name is shed)
SALUTATIONS = (
    "dear", "dearest", "beloved", "respected", "esteemed", "hello", "greetings", "hail",
    "дорогой", "дорогая", "дорогие", "дорогому", "милый", "милая", "уважаемый", "уважаемая",
    "уважаемые", "здравствуй", "здравствуйте", "привет",
    "lieber", "liebe", "liebster", "liebste", "geehrter", "geehrte", "chère", "chers", "chères",
    "querido", "querida", "estimado", "estimada", "drogi", "droga", "szanowny", "szanowna",
    "beste", "waarde", "kære", "kjære",
)
# Labels that name a role in the record: a turn, but spoken by nobody named.
_ROLES = (
    "question", "answer", "q", "a", "voice", "voices", "voice from audience",
    "voice from the hall", "voices from the hall", "audience", "all", "everyone",
    "several voices", "editor", "interviewer", "chairman", "chair", "president", "prosecutor",
    "defence", "defense", "defendant", "witness", "judge", "speaker", "reporter", "moderator",
    "host", "narrator", "commentator", "member", "delegate", "comrades", "laughter",
    "applause", "clerk", "prisoner", "accused", "counsel", "interpreter", "translator",
    "secretary", "officer", "soldier", "student", "worker", "interrogator", "investigator",
    "unknown", "unidentified", "crowd", "others",
)
# Label prefixes of roles: "VOICE FROM THE BACK", "MEMBER OF THE PRESIDIUM".
_ROLE_PREFIXES = ("voice", "member of")


def _key(label: str) -> str:
    """A label as the stop-list is keyed (as people.names.fold folds names): lower case,
    accents off, punctuation as single spaces ("N.B." -> "n b", "EDITOR’S" -> "editor s")."""
    plain = unicodedata.normalize("NFKD", label)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", plain).strip()


# The stop-list: every label that names nobody, with why.
NOT_A_PERSON: dict[str, str] = {
    **{_key(label): _ROLE for label in _ROLES},
    **{_key(label): _PART for label in (*_PARTS, *PROTOCOL_HEADINGS, *SALUTATIONS)}}

_ROMAN = re.compile(r"^[IVXLC]+$")  # "Part II: ...": a numbered part, not a speaker
_SPEECH_END = (".", "?", "!", "…", "—", "–", "-")


def _is_part(label: str) -> bool:
    return NOT_A_PERSON.get(_key(label)) == _PART


def speaker_label(text: str, repeated: Collection[str] = frozenset()) -> tuple[str, str] | None:
    """(label, speech) when the stripped line is a transcript turn, else None.

    An ALL-CAPS label is a speaker on its own; a Title-case label ("Stalin:")
    only when the document uses it for more than one line (``repeated``), which
    tells a transcript apart from prose that happens to start with "Word: ...".
    """
    match = LABEL_LINE.match(text)
    if not match:
        return None
    label, speech = match.group(1).strip(), match.group(2)
    words = label.split()
    if (_is_part(label) or _is_part(words[0]) or any(ch.isdigit() for ch in label)
            or _ROMAN.match(words[-1])):
        return None
    if not (speech.rstrip("”\"’)] ").endswith(_SPEECH_END) or len(speech) > 60):
        return None  # "Conclusion: Quicksand Politics" is a heading, not speech
    if label.isupper() and sum(c.isalpha() for c in label) >= 2:
        return label, speech
    if label in repeated and len(words) <= 3 and all(w[:1].isupper() for w in words):
        return label, speech
    return None


def repeated_labels(lines: Iterable[str]) -> set[str]:
    """Title-case "Label:" prefixes used on two or more lines of a document."""
    counts: Counter[str] = Counter()
    for line in lines:
        match = LABEL_LINE.match(line.strip())
        if match and match.group(1)[:1].isupper() and len(match.group(1).split()) <= 3:
            counts[match.group(1).strip()] += 1
    return {label for label, n in counts.items() if n >= 2}


def is_person_label(label: str) -> bool:
    """Does a speaker label name a person (MOLOTOV) rather than a role (QUESTION)?"""
    key = _key(label)
    return key not in NOT_A_PERSON and not key.startswith(_ROLE_PREFIXES)
