"""The closed vocabulary of saying and writing that attribution rests on.

Who said a quotation is read from how texts introduce speech in any period:
a verb of saying next to a name ("Stalin said", "replied Molotov", "as Lenin
put it"), a noun of speech or writing owned by a name ("Stalin's comments",
"Letter from Yezhov to Stalin", "Speech of Kirov") and the few prepositions
that make a name the one spoken to or about instead ("to Stalin", "on
Yezhov's report"). These are general English words, not names; nothing here
knows any person.
"""

from __future__ import annotations

import re

# verbs that introduce or close reported speech or writing
SPEECH_VERBS = (
    "said", "says", "say", "wrote", "writes", "write", "declared", "declares", "stated", "states",
    "told", "tells", "replied", "replies", "answered", "answers", "asked", "asks", "added",
    "adds", "remarked", "remarks", "recalled", "recalls", "insisted", "insists", "exclaimed",
    "explained", "explains", "announced", "announces", "proclaimed", "warned", "warns",
    "argued", "argues", "claimed", "claims", "noted", "notes", "observed", "observes",
    "continued", "continues", "concluded", "shouted", "cried", "reported", "reports",
    "testified", "admitted", "admits", "confessed", "objected", "protested", "demanded",
    "commented", "comments", "responded", "responds", "retorted", "interjected", "assured",
    "boasted", "complained", "complains", "conceded", "concedes", "maintained", "maintains",
    "telegraphed", "cabled", "wired", "instructed", "ordered", "urged", "pleaded", "murmured",
    "whispered", "snapped", "quipped", "joked", "went on", "put it", "puts it", "had said",
)
_VERB_ALT = "|".join(sorted((re.escape(v).replace(r"\ ", r"\s+") for v in SPEECH_VERBS),
                            key=len, reverse=True))
VERB = rf"(?:{_VERB_ALT})"

# nouns of an utterance or a writing that a name can own or author
SPEECH_NOUNS = (
    "speech", "speeches", "address", "remarks", "comments", "comment", "words", "letter",
    "letters", "note", "notes", "memo", "memorandum", "telegram", "telegrams", "cable",
    "statement", "declaration", "testimony", "interview", "diary", "diaries", "article",
    "toast", "reply", "answer", "response", "report", "order", "directive", "instructions",
    "appeal", "message", "interjection", "confession", "deposition", "petition", "request",
    "proposal", "foreword", "preface", "introduction", "essay", "pamphlet", "poem", "memoirs",
    "recollections", "reminiscences", "notebook", "notebooks", "correspondence", "writings",
    "papers", "works", "conversation", "talk", "lecture", "sermon", "proclamation", "decree",
    "manifesto", "editorial", "minute", "resolution", "draft", "summary", "marginalia",
    "inscription", "postscript", "dictation", "broadcast", "circular", "protocol", "protocols",
    "decision", "minutes", "communiqué", "communique", "verdict", "indictment", "telegramme",
    "dispatch", "despatch", "bulletin", "announcement", "ultimatum", "treaty", "charter",
    "constitution", "law", "edict", "ordinance", "ukase", "bill", "motion", "platform", "program",
    "programme", "theses", "thesis", "questionnaire", "affidavit", "will", "testament",
)
NOUN = rf"(?:{'|'.join(SPEECH_NOUNS)})"
# a note that names a document, a speech or a saying: the words are someone's other than
# the historian who prints them, even where the note does not say whose
VOICE = re.compile(rf"\b(?i:{NOUN}|{_VERB_ALT})\b")

# words before a name that make it the one addressed, discussed or acted on
NOT_THE_SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:to|on|about|against|regarding|concerning|re|with|for|of|after|before|under|"
    r"towards?|into|at|in|over|from)|\bthe)\s*$", re.IGNORECASE)
# a name owns the words: "Stalin's comments", "Kirov’s last speech"
POSSESSIVE_NOUN = re.compile(rf"^[’']s\s+(?:\w+\s+){{0,2}}?{NOUN}\b", re.IGNORECASE)
# a document from or by a name: "Letter from Yezhov", "Speech of Kirov", "report by Zhdanov"
# (between "from" and the name only a title or given names: "Letter from Yezhov to " is no
# evidence for the name after "to")
NOUN_BY = re.compile(rf"\b(?i:{NOUN})\s+(?:\w+\s+){{0,3}}?(?i:from|by|of)\s+"
                     r"(?:(?i:comrade|tov\.)\s+|[A-Z][\w’'.-]*\s+){0,3}$")
# "From Stalin's ...", "By Molotov": the words come from the name
FROM_BY = re.compile(r"(?:^|[\s(\[])(?:from|by)\s+(?:comrade\s+|tov\.\s+)?$", re.IGNORECASE)
