"""Topics found in the texts themselves, for corpora with no back-of-book index.

An index is the best topic vocabulary a corpus can have, but most texts (articles,
compilations, transcripts) have none. Authors still mark what they discuss, in
ways that hold across periods and countries: they gloss foreign terms
("purge (*chistka*)", "the *taille*, or land tax,"), define acronyms once
("Committee of Public Safety (CPS)"), write headings, use acronyms as names
("the CPS"), and keep coming back to the same noun phrases ("show trial", "land
reform", "Committee of Public Safety") and nouns of process or doctrine
("collectivization", "Jacobinism"). Each is read from claim text only (never
notes or citation lines), counted over the whole corpus (``term_counts``), and
kept only when it recurs. No topic or name of any corpus is written here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from graph_builder.people.names import family_key, fold
from graph_builder.records import BlockKind, Extraction
from graph_builder.topics import counts as tc
from graph_builder.topics.index import Topic

MAX_FOUND = 150  # found topics merge_topics adds beside an index's own

_TERM_SUFFIX = re.compile(r"(?:[iy][sz]ation|ism)$")  # nouns of process or doctrine
_MARKED = r"\*[^*\n]{1,40}\*|_[^_\n]{1,40}_|[“\"‘][^”\"’\n]{1,40}[”\"’]"
_PAREN = re.compile(r"[(\[]([^()\[\]\n]{1,90})[)\]]")
_BEFORE = re.compile(rf"(?<![\w’'\-*_“\"‘])({_MARKED}|[^\W\d_][\w’'\-]*)\s?$")
_OR = re.compile(r", or ")  # "the *taille*, or land tax,"
_OR_BEFORE = re.compile(rf"\b(?:the|a|an) ({_MARKED}|[\w’'\-]+)$")
_OR_AFTER = re.compile(rf"({_MARKED}|[\w’'\-]+(?: [\w’'\-]+)?),")
_ACRONYM = re.compile(r"(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])[A-Z][A-Za-z]{1,8}")
_CAP_RUN = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|and|the|on|in|de|du|des|la"
                      r"|le|et)\s+)*[A-Z][\w’'\-]*)*(?=\s?$)")
_EXPANSION = re.compile(r"[A-Z][^()\d,;:\[\]]{4,80}")
_ROMAN = re.compile(r"[IVXLC]+")
# (white space is taken whole, and entered only where its run starts)
_DEFINE = re.compile(r"^\s*+(?:[–—]\s*\w|,?\s*+(?:meaning|literally|lit\.|i\.e\.)\s)")
_HEAD_SPLIT = re.compile(r"(?!(?<=\s)\s)\s*+[,–—:;]\s*|(?!(?<=\s)\s)\s++(?:meaning|or)\s+")
_TO = re.compile(r"(?<![\w’'])to$", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_COORDINATED = re.compile(r"(?:(?:the|a|an)\s+)?[^\W\d_]+(?:(?:,\s*|\s+and\s+)[^\W\d_]+)*",
                          re.IGNORECASE)  # "Fear", "Repression and Legality"
_HEAD_PREFIX = re.compile(r"^(?:chapter|part|section|book|appendix)\s+[\w.]+\s*[.:]?\s*", re.I)


class _Finder:
    """Forms of candidate topics, grouped (union-find) when a gloss or definition joins them."""

    def __init__(self, text: tc.ClaimText, people: frozenset[str]):
        self.text, self.people = text, people
        self.forms: dict[str, set[str]] = defaultdict(set)  # group -> printed forms
        self.phrase_n: Counter[str] = Counter()  # group or form -> uses, from the phrase count
        self.links: dict[str, str] = {}
        self.floor: dict[str, float] = {}  # uses a group needs, by the surest source that saw it
        self.source: dict[str, tuple[str, int]] = {}

    def root(self, key: str) -> str:
        while self.links.get(key, key) != key:
            key = self.links[key]
        return key

    def add(self, forms: list[str], where: tuple[str, int], floor: float) -> None:
        groups = [tc.group(f) for f in forms]
        if not all(groups) or any(g in tc.FUNCTION for g in groups):
            return
        for form, key in zip(forms, groups, strict=True):
            self.forms[key].add(form)
            self.source[key] = min(self.source.get(key, where), where)
            self.floor[key] = min(self.floor.get(key, floor), floor)
            a, b = self.root(groups[0]), self.root(key)
            if a != b:
                self.links[max(a, b)] = min(a, b)

    def parentheses(self) -> None:
        """Acronyms defined and terms glossed in brackets, and "the X, or Y," glosses."""
        raw, text = self.text.raw, self.text
        expansions: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        pairs: Counter[tuple[str, str]] = Counter()
        for match in _PAREN.finditer(raw):
            inner, at = match[1].strip(), match.start()
            if not inner[:1].isalpha() and inner[:1] not in "*_“\"‘":
                continue
            where = text.where(at)
            before = _BEFORE.search(raw, max(0, at - 45), at) if raw[at - 1:at].isspace() else None
            run = _CAP_RUN.search(raw, max(0, at - 90), at) if inner[:1].isupper() else None
            if run and _ACRONYM.fullmatch(inner):
                expansions[inner].setdefault(_ARTICLE.sub("", run.group()), where)
            elif before and _ACRONYM.fullmatch(before[1]):
                if _EXPANSION.fullmatch(inner) and not inner.isupper():
                    expansions[before[1]].setdefault(inner, where)
            elif before:
                lead = raw[max(0, before.start() - 40):before.start()].split()[-2:]
                to_verb = bool(lead) and _TO.search(lead[-1])  # "to crush [razgromit']"
                while lead and not all(w[:1].islower() and text.is_content(w) for w in lead):
                    lead = lead[1:]  # "the land tax (*chiso*)": the term is "land tax"
                term = " ".join([*lead, before[1]]) if before[1][:1].islower() else before[1]
                pair = None if to_verb else self.gloss(term, inner, run.group() if run else "")
                if pair and pair[1]:
                    self.add(list(pair[0]), where, text.min_marked)
                elif pair:  # counted by the last word of the term: "(membership) chistki"
                    pairs[pair[0][0].split()[-1], pair[0][1]] += 1
                    self.source.setdefault(tc.group(pair[0][0].split()[-1]), where)
        for pair, n in pairs.items():  # "purges (chistki)" twice, and "chistki" used unglossed
            if n >= text.min_marked and text.count(pair[1]) > n:
                self.add(list(pair), self.source[tc.group(pair[0])], text.min_marked)
        for acronym, forms in expansions.items():
            for form, where in forms.items():  # "Deputy Chairman of the Party Control
                if not any(f != form and f in form for f in forms):  # Commission": the tail
                    self.acronym(acronym, form, where)
        for match in _OR.finditer(raw):
            left = _OR_BEFORE.search(raw, max(0, match.start() - 45), match.start())
            right = _OR_AFTER.match(raw, match.end())
            if left and right:
                a, b = tc.unmark(left[1]), tc.unmark(right[1])
                if (text.foreign(a) or text.foreign(b)) and b.split()[0] not in tc.FUNCTION:
                    self.add([a, b], text.where(match.start()), text.min_marked)

    def acronym(self, acronym: str, expansion: str, where: tuple[str, int]) -> None:
        """"Committee of Public Safety (CPS)" and "CPS (Committee of Public Safety)"."""
        words = expansion.split()
        initials = "".join(w[0] for w in words if w[0].isupper()).upper()
        if acronym.upper() in initials:  # "... of the Soviet Union (CPSU)": trim to CPSU
            cut = initials.rfind(acronym.upper())
            caps = [i for i, w in enumerate(words) if w[0].isupper()]
            words = words[caps[cut]:caps[cut + len(acronym) - 1] + 1]
        if 2 <= len(words) <= 8 and not _ROMAN.fullmatch(acronym):
            self.add([acronym, " ".join(words)], where, self.text.min_marked)

    def gloss(self, term: str, inner: str, run: str) -> tuple[tuple[str, str], bool] | None:
        """((term, gloss), sure) for "purge (*chistka*)", "*troika* (“threesome”)",
        "*nomenklatura* (the list of posts)", "Organizational Bureau (Orgburo)"; a pair
        that is not sure counts only if the text prints it twice."""
        a = tc.unmark(term)
        head = _HEAD_SPLIT.split(inner, maxsplit=1)[0]
        rest, head = inner[len(head):], tc.unmark(head)
        article = bool(_ARTICLE.match(head))
        words = _ARTICLE.sub("", head).split()
        if len(words) == 1 and words[0][:1].isupper() and not term.startswith(("*", "_")):
            stems = [w[:3].lower() for w in run.split()]  # "Political Bureau (Politburo)"
            if words[0][:3].lower() not in stems or len(stems) < 2:
                return None
            a = " ".join(run.split()[stems.index(words[0][:3].lower()):])
            if " " not in a:
                return None
        elif any(w[0].isupper() for w in words) or a[:1].isupper():
            return None
        if (not 1 <= len(words) <= 4 or a.lower() in tc.FUNCTION
                or tc.CAPS.fullmatch(a) or len(words[0]) < 3 or words[0].lower() in tc.FUNCTION
                or not all(tc.WORD.fullmatch(w) for w in words)
                or a.endswith("ing") or words[-1].endswith("ing")):
            return None
        count, italic, least = self.text.count, self.text.foreign, self.text.min_marked
        if italic(a) or article:  # the term is outside: "*troika* (threesome)"
            sure = italic(a) and count(a) >= least
        elif italic(head):
            sure = count(head) >= least
        elif inner[:1] in "“\"‘" and inner[-1:] in "”\"’":  # quoted: troika (“threesome”)
            sure = len(words) == 1 and count(a) >= least
        else:
            sure = bool(_DEFINE.match(rest) or a != tc.unmark(term)) and count(head) >= least
        return (a, " ".join(words)), sure

    def words(self) -> None:
        """Italic terms, acronyms used in prose, and nouns of process or doctrine."""
        text = self.text
        for term in sorted(text.italic):
            if term[:1].islower() and len(term.split()) <= 4 and text.foreign(term) and all(
                    tc.WORD.fullmatch(w) for w in term.split()):
                self.add([term], text.first(term), text.min_marked)
        for word, n in text.raw_words.items():
            if (tc.CAPS.fullmatch(word) and n - text.leading[word] >= text.min_uses
                    and not _ROMAN.fullmatch(word) and not text.shouted(word) and not (
                        family_key(word) in self.people and text.raw_words[word.capitalize()])):
                self.add(text.cased(word), text.first(word), text.min_uses)
        for word, n in text.words.items():  # mass nouns: "collectivization", not "mechanisms"
            if (len(word) >= 8 and _TERM_SUFFIX.search(word) and word.isalpha()
                    and text.words[word + "s"] * 10 <= n):
                self.add(text.cased(word), text.first(word), text.min_uses)

    def headings(self, extraction: Extraction) -> None:
        """Phrases of headings and titles; kept only if the claims use them too."""
        text, doc_id = self.text, extraction.layout.document.doc_id
        for block in extraction.layout.blocks:
            if (block.kind not in (BlockKind.HEADING, BlockKind.THESIS, BlockKind.TITLE)
                    or "\t" in block.text):
                continue
            heading = _HEAD_PREFIX.sub("", block.text)
            short = block.kind is BlockKind.HEADING and _COORDINATED.fullmatch(heading)
            for chunk in text.chunks(heading):
                key = (*(w.lower() for w in chunk[:-1]), tc.singular(chunk[-1].lower()))
                word = chunk[0].lower()
                if len(chunk) in (2, 3) and key in text.grams:
                    self.phrase(text.grams[key], text.min_heading)
                elif (short and len(chunk) == 1 and len(word) > 3 and word not in tc.BOOK_PARTS
                      and 2 * text.modifier[word] <= text.words[word]  # a noun, used as one
                      and not word.endswith(("ed", "ly"))):
                    self.add(text.cased(word), (doc_id, block.line), text.min_heading)

    def phrases(self) -> None:
        """Runs of two or three content words, and names joined by "of" or "for", that
        recur and are not cut from a longer run ("Public Safety" of "Committee of ...")."""
        kept = {key: gram for key, gram in self.text.grams.items()
                if gram.total >= self.text.min_uses and max(gram.left, gram.right)
                < 0.75 * gram.total and not (key[-1].endswith("ed") and len(key[-1]) > 4)}
        for key, gram in list(kept.items()):
            for cut in (i for i, w in enumerate(key) if w in tc.CONNECTORS):
                for part in (key[:cut], key[cut + 1:], key[cut + 2:]):
                    if part in kept and kept[part].total * 4 <= gram.total * 5:
                        del kept[part]
        for gram in kept.values():
            self.phrase(gram, self.text.min_uses)

    def phrase(self, gram: tc.Gram, floor: float) -> None:
        forms = list(gram.forms)
        self.phrase_n[tc.group(forms[0])] = gram.total
        self.phrase_n.update(gram.forms)
        self.add(forms, self.text.where_token(gram.first), floor)

    def total(self, key: str) -> int:
        if key in self.phrase_n:
            return self.phrase_n[key]
        forms = {f.lower() for f in self.forms[key]}  # a phrase's count takes in its plural
        forms |= {f"{f}s" for f in forms if " " not in f and not f.endswith("s")}
        return sum(self.text.count(f) for f in forms)

    def topics(self) -> list[tuple[Topic, int]]:
        members: dict[str, list[str]] = defaultdict(list)
        for key in self.forms:
            members[self.root(key)].append(key)
        found: dict[str, tuple[Topic, int]] = {}
        for groups in members.values():
            total = sum(self.total(g) for g in groups)
            uses = {f: self.phrase_n[f] or self.text.uses(f)
                    for g in groups for f in self.forms[g] if not self.text.shouted(f)}
            if total < min(self.floor[g] for g in groups) or not any(uses.values()):
                continue
            label = max(sorted(uses), key=lambda f: (uses[f], f.islower()))
            if self.text.is_person(label, self.people):
                continue
            alts = self.text.alternatives(label, uses)
            places = [self.source[g] for g in groups if self.source[g][0]]
            topic = Topic(fold(label), label, alts, source=min(places, default=("", 0)))
            if topic.key not in found or found[topic.key][1] < total:
                found[topic.key] = (topic, total)
        return sorted(found.values(), key=lambda pair: (-pair[1], pair[0].key))


def count_terms(extractions: list[Extraction],
                people_families: frozenset[str] = frozenset()) -> list[tuple[Topic, int]]:
    """find_terms with each topic's number of uses in the claims."""
    finder = _Finder(tc.ClaimText(extractions), people_families)
    finder.parentheses()
    finder.phrases()
    for extraction in extractions:
        finder.headings(extraction)
    finder.words()
    return finder.topics()


def find_terms(extractions: list[Extraction],
               people_families: frozenset[str] = frozenset()) -> list[Topic]:
    """Topics the texts mark or keep returning to, most used first (ties by key).

    ``people_families`` are the family-name keys (``names.family_key``) of the
    corpus's people: a phrase that is a person's name is not a topic.
    """
    return [topic for topic, _ in count_terms(extractions, people_families)]


def merge_topics(index_topics: list[Topic], found: list[Topic],
                 limit: int = MAX_FOUND) -> list[Topic]:
    """Index topics, with the labels of found topics that share a label with them,
    then up to ``limit`` other found topics (``found`` comes most used first).
    The inputs are not changed."""
    merged = [replace(t, alt_labels=set(t.alt_labels), related=set(t.related))
              for t in index_topics]
    by_label: dict[str, Topic] = {}
    for topic in merged:
        if not topic.broader:
            for label in sorted({topic.label} | topic.alt_labels):
                by_label.setdefault(fold(label), topic)
    added = 0
    for topic in found:
        labels = [topic.label, *sorted(topic.alt_labels)]
        home = next((by_label[fold(x)] for x in labels if fold(x) in by_label), None)
        if home is not None:
            home.alt_labels |= {x for x in labels if fold(x) != fold(home.label)}
        elif added < limit:
            merged.append(replace(topic, alt_labels=set(topic.alt_labels)))
            added += 1
            for label in labels:
                by_label.setdefault(fold(label), merged[-1])
    return merged
