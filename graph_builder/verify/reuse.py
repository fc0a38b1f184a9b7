"""The same text in two documents, whether or not one cites the other (passim-style).

A quotation check follows a citation to the work cited. Text is also reused with no
citation at all: two compilations print one passage, a book quotes a resolution the
corpus also holds, an article follows a book closely. This finds such pairs of
claims all-pairs, the way passim does: every claim's rare word n-grams go into one
index, claims in different documents that share several of them are candidates,
and only candidates are aligned. An n-gram shared by many claims (a formula, a
title printed in every citation) points at no pair in particular and is skipped,
so the pairs looked at grow with the corpus's words, never with pairs of documents
or of claims.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from graph_builder.records import Claim, ClaimKind, Span
from graph_builder.verify.check import Reuse
from graph_builder.verify.tokens import Tokens

N = 5  # words an n-gram holds: rarer across a corpus than the 4 used within one source
MAX_CLAIMS = 4  # an n-gram in more claims than this is a formula, not a shared passage
MIN_SHARED = 3  # rare n-grams two claims share before they are aligned (7 words in a row)
MIN_WORDS = 12  # aligned words a reuse needs: a shared phrase ("the Central Committee of the
#   party") is not a shared passage
MIN_BLOCK = 3  # an aligned run shorter than this is chance ("of the")
MAX_GAP = 40  # unaligned words between two aligned runs, more and they are two passages
MAX_PAIRS_PER_CLAIM = 20  # a claim reused everywhere (a slogan) keeps its 20 closest pairs


@dataclass
class _Text:
    claim: Claim
    tokens: Tokens


def find_reuse(claims: list[tuple[Claim, Tokens]],
               cited_pairs: set[tuple[str, str]] | frozenset = frozenset()) -> list[Reuse]:
    """Every pair of ``claims`` (each with its words, in corpus order) in two
    different documents that share a passage, in corpus order. ``cited_pairs`` holds
    the (quoting claim key, source document) pairs a quotation check followed.
    Inner quotations are left out: the quotation that holds them holds their words."""
    texts = [_Text(claim, tokens) for claim, tokens in claims
             if claim.kind is not ClaimKind.INNER]
    shared = _candidates(texts)
    found: dict[int, list[tuple[float, Reuse]]] = {}
    for (a, b), count in sorted(shared.items()):
        if count < MIN_SHARED:
            continue
        reuse = _aligned(texts[a], texts[b], cited_pairs)
        if reuse is not None:
            found.setdefault(a, []).append((reuse.similarity, reuse))
    reuses = []
    for a in sorted(found):
        best = sorted(found[a], key=lambda pair: (-pair[0], pair[1].other))
        reuses.extend(reuse for _, reuse in best[:MAX_PAIRS_PER_CLAIM])
    return reuses


def _candidates(texts: list[_Text]) -> Counter:
    """(claim index, claim index) -> rare n-grams they share, for claims of two
    documents. One pass over every claim's words, and a bounded number of pairs
    per n-gram."""
    postings: dict[tuple[str, ...], list[int]] = {}
    for number, text in enumerate(texts):
        norms = text.tokens.norms
        for gram in zip(*(norms[k:] for k in range(N)), strict=False):  # N-word windows
            holders = postings.setdefault(gram, [])
            if len(holders) <= MAX_CLAIMS and (not holders or holders[-1] != number):
                holders.append(number)  # one past the limit marks it common
    shared: Counter = Counter()
    for holders in postings.values():
        if len(holders) < 2 or len(holders) > MAX_CLAIMS:
            continue
        for a, b in combinations(holders, 2):
            if texts[a].claim.doc_id != texts[b].claim.doc_id:
                shared[a, b] += 1
    return shared


def _aligned(first: _Text, second: _Text, cited_pairs: set[tuple[str, str]]) -> Reuse | None:
    """The two claims' words aligned; a Reuse when enough of them align."""
    a, b = first.tokens, second.tokens
    matcher = SequenceMatcher(None, a.norms, b.norms, autojunk=False)
    blocks = _densest([block for block in matcher.get_matching_blocks()
                       if block.size >= MIN_BLOCK])
    words = sum(block.size for block in blocks)
    if words < MIN_WORDS:
        return None
    a_first, a_last = blocks[0].a, blocks[-1].a + blocks[-1].size - 1
    b_first, b_last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
    spanned = (a_last - a_first + 1) + (b_last - b_first + 1)
    claim, other = first.claim, second.claim
    cited = ((claim.key, other.doc_id) in cited_pairs
             or (other.key, claim.doc_id) in cited_pairs)
    return Reuse(claim.key, other.key, Span(a.starts[a_first], a.ends[a_last]),
                 Span(b.starts[b_first], b.ends[b_last]), words,
                 round(2 * words / spanned, 3), cited)


def _densest(blocks: list) -> list:
    """The run of aligned blocks, none further than MAX_GAP words from the last in
    either claim, that holds the most words: chance runs far from the shared passage
    ("in the party of the" three paragraphs on) must not stretch its span."""
    best: list = []
    run: list = []
    for block in blocks:
        if run and (block.a - (run[-1].a + run[-1].size) > MAX_GAP
                    or block.b - (run[-1].b + run[-1].size) > MAX_GAP):
            run = []
        run.append(block)
        if sum(b.size for b in run) > sum(b.size for b in best):
            best = list(run)
    return best
