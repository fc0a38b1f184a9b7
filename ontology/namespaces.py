"""Every RDF namespace the project writes, as closed vocabularies.

Closed (``_fail = True``) so that a misspelt term is an error at import time
rather than a silently wrong triple; ``tests/ontology`` checks the project
namespace against ``ontology.ttl``. No other module spells an IRI.
"""

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

from ontology.prefixes import PREFIXES

__all__ = ["BIBO", "CG", "CITO", "DCTERMS", "OA", "PROV", "RDF", "RDFS", "SDO", "SKOS", "XSD",
           "PREFIXES"]


class SDO(DefinedNamespace):
    """The schema.org terms of the core profile (https form, as DESIGN.md fixes)."""

    _NS = Namespace(PREFIXES["schema"])
    _fail = True

    CreativeWork: URIRef
    Book: URIRef
    ScholarlyArticle: URIRef
    Chapter: URIRef
    ArchiveComponent: URIRef
    ArchiveOrganization: URIRef
    holdingArchive: URIRef
    workExample: URIRef
    NewsArticle: URIRef
    Periodical: URIRef
    PublicationIssue: URIRef
    Message: URIRef
    recipient: URIRef
    dateCreated: URIRef
    WebPage: URIRef
    Person: URIRef
    Organization: URIRef
    Claim: URIRef
    Quotation: URIRef
    name: URIRef
    identifier: URIRef
    familyName: URIRef
    givenName: URIRef
    alternateName: URIRef
    birthDate: URIRef
    deathDate: URIRef
    author: URIRef
    editor: URIRef
    translator: URIRef
    publisher: URIRef
    locationCreated: URIRef
    datePublished: URIRef
    isPartOf: URIRef
    text: URIRef
    citation: URIRef
    mentions: URIRef
    about: URIRef
    volumeNumber: URIRef
    issueNumber: URIRef
    pagination: URIRef
    encodingFormat: URIRef
    sha256: URIRef
    softwareVersion: URIRef


class CITO(DefinedNamespace):
    """Citation Typing Ontology: a citation as a first-class node."""

    _NS = Namespace(PREFIXES["cito"])
    _fail = True

    Citation: URIRef
    hasCitingEntity: URIRef
    hasCitedEntity: URIRef
    hasCitationCharacterization: URIRef
    cites: URIRef


class BIBO(DefinedNamespace):
    """Bibliographic Ontology: the page locator as printed."""

    _NS = Namespace(PREFIXES["bibo"])
    _fail = True

    locator: URIRef
    volume: URIRef
    issue: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation: every extracted fact points at its character span."""

    _NS = Namespace(PREFIXES["oa"])
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    describing: URIRef


class CG(DefinedNamespace):
    """claimgraph's own terms, for what no standard vocabulary covers (see ontology.ttl)."""

    _NS = Namespace(PREFIXES["cg"])
    _fail = True

    SourceDocument: URIRef
    Thesis: URIRef
    Passage: URIRef
    TranscriptTurn: URIRef
    InnerQuotation: URIRef
    attributionBasis: URIRef
    attributionEvidence: URIRef
    Build: URIRef
    underThesis: URIRef
    unresolvedReference: URIRef
    partOfQuotation: URIRef
    headnote: URIRef
    speakerLabel: URIRef
    documentShape: URIRef
    extractedText: URIRef
    lineNumber: URIRef
    referenceText: URIRef
    resolvedFrom: URIRef
    fate: URIRef
    office: URIRef
    publicationPlace: URIRef
    ArchivalFond: URIRef
    ArchivalInventory: URIRef
    ArchivalFile: URIRef
    ArchivalFolio: URIRef
    settings: URIRef
    mergeReason: URIRef
    resolutionReason: URIRef
    QuoteCheck: URIRef
    quoteCheck: URIRef
    verdict: URIRef
    matchedShare: URIRef
    differences: URIRef
    editionNote: URIRef
    matchedIn: URIRef
    matchedClaim: URIRef
    TextReuse: URIRef
    sharedBy: URIRef
    sharesTextWith: URIRef
    sharedWords: URIRef
    similarity: URIRef
    followsCitation: URIRef
    Figure: URIRef
    statedIn: URIRef
    printedValue: URIRef
    figureKind: URIRef
    normalizedValue: URIRef
    lowValue: URIRef
    highValue: URIRef
    qualifier: URIRef
    measure: URIRef
    countedThing: URIRef
    countedEvent: URIRef
    referenceTime: URIRef
    figurePlace: URIRef
    ofTotal: URIRef
    inFigureGroup: URIRef
    FigureGroup: URIRef
    groupKey: URIRef
    disputed: URIRef
    spread: URIRef
    wording: URIRef
