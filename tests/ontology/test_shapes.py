"""ontology/shapes.ttl: a small graph of every core-profile node conforms, and breaking it
in one place fails the shape for that place, with that shape's message."""

from importlib.resources import files

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from graph_builder.query.validate import validate_graph

SHAPES_NS = "https://w3id.org/claimgraph/shapes#"

# One of each node of the core profile, linked as a build links them. One statement per
# line, so that a case below can replace exactly one line.
VALID = """\
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix schema: <https://schema.org/> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix id: <https://w3id.org/claimgraph/id/> .

id:build a prov:Activity, cg:Build .
id:build schema:softwareVersion "0.1.0" .
id:build cg:settings "{}" .
id:build prov:used id:doc .

id:doc a schema:CreativeWork, cg:SourceDocument .
id:doc schema:identifier "doc.txt" .
id:doc schema:name "A compilation" .
id:doc cg:documentShape "compilation" .
id:doc schema:encodingFormat "application/pdf" .
id:doc cg:extractedText "texts/doc.pdf.txt" .

id:yezhov a schema:Person .
id:yezhov schema:name "Nikolai Yezhov" .
id:yezhov schema:familyName "Yezhov" .
id:yezhov schema:givenName "Nikolai" .
id:yezhov schema:alternateName "N. I. Ezhov" .
id:yezhov schema:birthDate "1895"^^xsd:gYear .
id:yezhov schema:deathDate "1940-02-04"^^xsd:date .
id:yezhov cg:fate "shot" .
id:yezhov prov:wasGeneratedBy id:build .
id:yezhov prov:wasDerivedFrom id:doc .

id:press a schema:Organization .
id:press schema:name "Yale University Press" .
id:press prov:wasGeneratedBy id:build .
id:press prov:wasDerivedFrom id:doc .

id:archive a schema:ArchiveOrganization .
id:archive schema:name "RGASPI" .
id:archive prov:wasGeneratedBy id:build .
id:archive prov:wasDerivedFrom id:doc .

id:fond a schema:CreativeWork, schema:ArchiveComponent, cg:ArchivalFond .
id:fond schema:name "RGASPI, f. 17" .
id:fond schema:holdingArchive id:archive .
id:fond prov:wasGeneratedBy id:build .
id:fond prov:wasDerivedFrom id:doc .

id:opis a schema:CreativeWork, schema:ArchiveComponent, cg:ArchivalInventory .
id:opis schema:name "RGASPI, f. 17, op. 3" .
id:opis schema:isPartOf id:fond .
id:opis schema:holdingArchive id:archive .
id:opis prov:wasGeneratedBy id:build .
id:opis prov:wasDerivedFrom id:doc .

id:journal a schema:CreativeWork, schema:Periodical .
id:journal schema:name "Slavic Review" .
id:journal prov:wasGeneratedBy id:build .
id:journal prov:wasDerivedFrom id:doc .

id:book a schema:CreativeWork, schema:Book .
id:book schema:name "The Road to Terror" .
id:book schema:author id:yezhov .
id:book schema:editor id:yezhov .
id:book schema:datePublished "1999"^^xsd:gYear .
id:book schema:publisher id:press .
id:book schema:workExample id:doc .
id:book prov:wasGeneratedBy id:build .
id:book prov:wasDerivedFrom id:doc .

id:memo a schema:CreativeWork, schema:ArchiveComponent, schema:Message .
id:memo schema:name "Memo from N. Yezhov to the Politburo" .
id:memo schema:author id:yezhov .
id:memo schema:recipient id:yezhov .
id:memo schema:dateCreated "1937-07-02"^^xsd:date .
id:memo schema:holdingArchive id:archive .
id:memo schema:isPartOf id:opis .
id:memo prov:wasGeneratedBy id:build .
id:memo prov:wasDerivedFrom id:doc .

id:issue a schema:CreativeWork, schema:PublicationIssue .
id:issue schema:name "Slavic Review, no. 4, 1986" .
id:issue schema:isPartOf id:journal .
id:issue schema:issueNumber "4" .
id:issue schema:datePublished "1986-12-01"^^xsd:date .
id:issue prov:wasGeneratedBy id:build .
id:issue prov:wasDerivedFrom id:doc .

id:article a schema:CreativeWork, schema:ScholarlyArticle .
id:article schema:name "The Yezhovshchina" .
id:article schema:isPartOf id:journal .
id:article prov:wasGeneratedBy id:build .
id:article prov:wasDerivedFrom id:doc .

id:thesis a schema:Claim, cg:Thesis .
id:thesis schema:text "The terror was planned." .
id:thesis schema:isPartOf id:doc .
id:thesis prov:wasGeneratedBy id:build .
id:thesis prov:wasDerivedFrom id:doc .

id:quote a schema:Claim, schema:Quotation .
id:quote schema:text "Enemies must be destroyed." .
id:quote schema:isPartOf id:doc .
id:quote cg:lineNumber "3"^^xsd:positiveInteger .
id:quote schema:pagination "41" .
id:quote cg:underThesis id:thesis .
id:quote cg:headnote "From a speech" .
id:quote schema:author id:yezhov .
id:quote schema:citation id:book .
id:quote schema:mentions id:yezhov .
id:quote schema:about id:terror .
id:quote prov:wasGeneratedBy id:build .
id:quote prov:wasDerivedFrom id:doc .

id:quote cg:attributionBasis "headnote" .
id:quote cg:attributionEvidence id:a-person .

id:inner a schema:Claim, schema:Quotation, cg:InnerQuotation .
id:inner schema:text "Shoot them all." .
id:inner schema:isPartOf id:doc .
id:inner cg:partOfQuotation id:quote .
id:inner schema:author id:yezhov .
id:inner cg:attributionBasis "in-text" .
id:inner prov:wasGeneratedBy id:build .
id:inner prov:wasDerivedFrom id:doc .

id:turn a schema:Claim, schema:Quotation, cg:TranscriptTurn .
id:turn schema:text "YEZHOV: Yes." .
id:turn schema:isPartOf id:doc .
id:turn cg:speakerLabel "YEZHOV" .
id:turn cg:partOfQuotation id:quote .
id:turn prov:wasGeneratedBy id:build .
id:turn prov:wasDerivedFrom id:doc .

id:citation a cito:Citation .
id:citation cito:hasCitingEntity id:quote .
id:citation cito:hasCitedEntity id:book .
id:citation cg:referenceText "Getty, Road to Terror, 136." .
id:citation bibo:locator "136" .
id:citation prov:wasGeneratedBy id:build .
id:citation prov:wasDerivedFrom id:doc .

id:topics a skos:ConceptScheme .
id:topics skos:prefLabel "Topics of the corpus" .
id:terror a skos:Concept .
id:terror skos:prefLabel "terror" .
id:terror skos:altLabel "the terror" .
id:terror skos:inScheme id:topics .
id:terror skos:related id:purge .
id:terror prov:wasGeneratedBy id:build .
id:terror prov:wasDerivedFrom id:doc .
id:purge a skos:Concept .
id:purge skos:prefLabel "purge" .
id:purge skos:inScheme id:topics .
id:purge prov:wasGeneratedBy id:build .
id:purge prov:wasDerivedFrom id:doc .

id:target a oa:SpecificResource .
id:target oa:hasSource id:doc .
id:target oa:hasSelector id:position .
id:target oa:hasSelector id:quoted .
id:position a oa:TextPositionSelector .
id:position oa:start "0"^^xsd:nonNegativeInteger .
id:position oa:end "5"^^xsd:nonNegativeInteger .
id:quoted a oa:TextQuoteSelector .
id:quoted oa:exact "Enemy" .

id:a-thesis a oa:Annotation .
id:a-thesis oa:hasBody id:thesis .
id:a-quote a oa:Annotation .
id:a-quote oa:hasBody id:quote .
id:a-turn a oa:Annotation .
id:a-turn oa:hasBody id:turn .
id:a-inner a oa:Annotation .
id:a-inner oa:hasBody id:inner .
id:a-citation a oa:Annotation .
id:a-citation oa:hasBody id:citation .
id:a-topic a oa:Annotation .
id:a-topic oa:hasBody id:terror .
id:a-person a oa:Annotation .
id:a-person oa:hasBody id:yezhov .
id:a-person cg:resolutionReason "named form" .

id:quote cg:quoteCheck id:check .
id:check a cg:QuoteCheck .
id:check cg:verdict "altered" .
id:check cg:matchedShare "0.950"^^xsd:decimal .
id:check cg:differences "abandonment → abandoning" .
id:check cg:editionNote "cites the 1999 edition; the corpus copy is of 2010" .
id:check cg:matchedIn id:a-check .
id:check prov:wasGeneratedBy id:build .
id:check prov:wasDerivedFrom id:doc .
id:a-check a oa:Annotation .
id:a-check oa:hasBody id:check .
id:check cg:matchedClaim id:thesis .

id:reuse a cg:TextReuse .
id:reuse cg:sharedBy id:quote .
id:reuse cg:sharedBy id:thesis .
id:reuse cg:sharedWords "14"^^xsd:positiveInteger .
id:reuse cg:similarity "0.920"^^xsd:decimal .
id:reuse cg:followsCitation "false"^^xsd:boolean .
id:reuse prov:wasGeneratedBy id:build .
id:reuse prov:wasDerivedFrom id:doc .
id:quote cg:sharesTextWith id:thesis .
id:a-reuse1 a oa:Annotation .
id:a-reuse1 oa:hasBody id:reuse .
id:a-reuse2 a oa:Annotation .
id:a-reuse2 oa:hasBody id:reuse .

id:fig1 a cg:Figure .
id:fig1 cg:statedIn id:quote .
id:a-fig1 a oa:Annotation .
id:a-fig1 oa:hasBody id:fig1 .
id:fig1 cg:printedValue "nearly one-third" .
id:fig1 cg:figureKind "share" .
id:fig1 cg:normalizedValue "0.333"^^xsd:decimal .
id:fig1 cg:lowValue "0.3"^^xsd:decimal .
id:fig1 cg:highValue "0.333"^^xsd:decimal .
id:fig1 cg:qualifier "nearly" .
id:fig1 cg:measure "members expelled" .
id:fig1 cg:referenceTime "1921" .
id:fig1 cg:ofTotal "650000"^^xsd:decimal .
id:fig1 cg:lineNumber "3"^^xsd:positiveInteger .
id:fig1 cg:inFigureGroup id:figs .
id:fig2 a cg:Figure .
id:fig2 cg:statedIn id:thesis .
id:a-fig2 a oa:Annotation .
id:a-fig2 oa:hasBody id:fig2 .
id:fig2 cg:printedValue "25%" .
id:fig2 cg:figureKind "share" .
id:fig2 cg:normalizedValue "0.25"^^xsd:decimal .
id:fig2 cg:lowValue "0.25"^^xsd:decimal .
id:fig2 cg:highValue "0.25"^^xsd:decimal .
id:fig2 cg:inFigureGroup id:figs .
id:figs a cg:FigureGroup .
id:figs rdfs:label "members expelled" .
id:figs cg:groupKey "member | expel | 1921" .
id:figs cg:disputed "true"^^xsd:boolean .
id:figs cg:spread "shares 0.25–0.333" .
id:figs prov:wasGeneratedBy id:build .
"""

_ANNOTATIONS = ("a-thesis", "a-quote", "a-turn", "a-inner", "a-citation", "a-topic", "a-person",
                "a-check", "a-reuse1", "a-reuse2", "a-fig1", "a-fig2")
VALID += "".join(f"id:{a} oa:hasTarget id:target .\nid:{a} prov:wasGeneratedBy id:build .\n"
                 f"id:{a} prov:wasDerivedFrom id:doc .\n" for a in _ANNOTATIONS)

# shape -> (line of VALID, what replaces it, other shapes the change also fails)
BROKEN = {
    "Claim-quoteCheck": ("id:quote cg:quoteCheck id:check .",
                         "id:quote cg:quoteCheck id:check, id:terror .", ()),
    "QuoteCheck-verdict": ('id:check cg:verdict "altered" .', 'id:check cg:verdict "fake" .', ()),
    "QuoteCheck-matchedShare": ('id:check cg:matchedShare "0.950"^^xsd:decimal .',
                                'id:check cg:matchedShare "1.5"^^xsd:decimal .', ()),
    "QuoteCheck-notes": ('id:check cg:differences "abandonment → abandoning" .',
                         "id:check cg:differences 3 .", ()),
    "QuoteCheck-matchedIn": ("id:check cg:matchedIn id:a-check .",
                             "id:check cg:matchedIn id:terror .", ()),
    "QuoteCheck-matchedClaim": ("id:check cg:matchedClaim id:thesis .",
                                "id:check cg:matchedClaim id:terror .", ()),
    "TextReuse-sharedBy": ("id:reuse cg:sharedBy id:thesis .", "", ()),
    "TextReuse-sharedWords": ('id:reuse cg:sharedWords "14"^^xsd:positiveInteger .',
                              'id:reuse cg:sharedWords "14" .', ()),
    "TextReuse-similarity": ('id:reuse cg:similarity "0.920"^^xsd:decimal .',
                             'id:reuse cg:similarity "1.5"^^xsd:decimal .', ()),
    "TextReuse-followsCitation": ('id:reuse cg:followsCitation "false"^^xsd:boolean .',
                                  'id:reuse cg:followsCitation "no" .', ()),
    "TextReuse-spans": ("id:a-reuse2 oa:hasBody id:reuse .", "id:a-reuse2 oa:hasBody id:check .",
                        ()),
    "Figure-span": ("id:a-fig2 oa:hasBody id:fig2 .", "id:a-fig2 oa:hasBody id:fig1 .", ()),
    "Figure-statedIn": ("id:fig2 cg:statedIn id:thesis .", "id:fig2 cg:statedIn id:doc .", ()),
    "Figure-printedValue": ('id:fig1 cg:printedValue "nearly one-third" .',
                            'id:fig1 cg:printedValue "" .', ()),
    "Figure-kind": ('id:fig1 cg:figureKind "share" .', 'id:fig1 cg:figureKind "percent" .', ()),
    "Figure-normalizedValue": ('id:fig2 cg:normalizedValue "0.25"^^xsd:decimal .', "", ()),
    "Figure-lowValue": ('id:fig2 cg:lowValue "0.25"^^xsd:decimal .',
                        'id:fig2 cg:lowValue "-1"^^xsd:decimal .', ()),
    "Figure-highValue": ('id:fig2 cg:highValue "0.25"^^xsd:decimal .',
                         'id:fig2 cg:highValue "0.25"^^xsd:decimal, "0.3"^^xsd:decimal .', ()),
    "Figure-order": ('id:fig1 cg:lowValue "0.3"^^xsd:decimal .',
                     'id:fig1 cg:lowValue "0.4"^^xsd:decimal .', ()),
    "Figure-share": ('id:fig1 cg:highValue "0.333"^^xsd:decimal .',
                     'id:fig1 cg:highValue "1.5"^^xsd:decimal .', ()),
    "Figure-words": ('id:fig1 cg:qualifier "nearly" .', 'id:fig1 cg:qualifier "" .', ()),
    "Figure-ofTotal": ('id:fig1 cg:ofTotal "650000"^^xsd:decimal .',
                       'id:fig1 cg:ofTotal "many" .', ()),
    "Figure-group": ("id:fig1 cg:inFigureGroup id:figs .", "id:fig1 cg:inFigureGroup id:terror .",
                     ("FigureGroup-members",)),
    "FigureGroup-label": ('id:figs rdfs:label "members expelled" .', "", ()),
    "FigureGroup-key": ('id:figs cg:groupKey "member | expel | 1921" .', "", ()),
    "FigureGroup-disputed": ('id:figs cg:disputed "true"^^xsd:boolean .',
                             'id:figs cg:disputed "yes" .', ()),
    "FigureGroup-members": ("id:fig2 cg:inFigureGroup id:figs .", "", ()),
    "FigureGroup-notes": ('id:figs cg:spread "shares 0.25–0.333" .', "id:figs cg:spread 3 .", ()),
    "Claim-sharesTextWith": ("id:quote cg:sharesTextWith id:thesis .",
                             "id:quote cg:sharesTextWith id:terror .", ()),
    "SourceDocument-type": ("id:doc a schema:CreativeWork, cg:SourceDocument .",
                            "id:doc a cg:SourceDocument .", ()),
    "SourceDocument-identifier": ('id:doc schema:identifier "doc.txt" .', "", ()),
    "SourceDocument-shape": ('id:doc cg:documentShape "compilation" .',
                             'id:doc cg:documentShape "compilation", "book" .', ()),
    "SourceDocument-extractedText": ('id:doc cg:extractedText "texts/doc.pdf.txt" .',
                                     'id:doc cg:extractedText "/etc/passwd" .', ()),
    "SourceDocument-encodingFormat": ('id:doc schema:encodingFormat "application/pdf" .',
                                      'id:doc schema:encodingFormat "text/html", "text/x" .',
                                      ()),
    "Person-name": ('id:yezhov schema:name "Nikolai Yezhov" .',
                    'id:yezhov schema:name "Nikolai Yezhov", "N. Yezhov" .', ()),
    "Person-familyName": ('id:yezhov schema:familyName "Yezhov" .', "", ()),
    "Person-givenName": ('id:yezhov schema:givenName "Nikolai" .',
                         'id:yezhov schema:givenName "Nikolai", "Nikolay" .', ()),
    "Person-alternateName": ('id:yezhov schema:alternateName "N. I. Ezhov" .',
                             'id:yezhov schema:alternateName "N. I. Ezhov"@ru .', ()),
    "Person-birthDate": ('id:yezhov schema:birthDate "1895"^^xsd:gYear .',
                         'id:yezhov schema:birthDate "circa 1895"^^xsd:gYear .', ()),
    "Person-deathDate": ('id:yezhov schema:deathDate "1940-02-04"^^xsd:date .',
                         'id:yezhov schema:deathDate "1940-13-45"^^xsd:date .', ()),
    "Person-notes": ('id:yezhov cg:fate "shot" .', 'id:yezhov cg:fate 1940 .', ()),
    "Work-type": ("id:article a schema:CreativeWork, schema:ScholarlyArticle .",
                  "id:article a schema:ScholarlyArticle .", ()),
    "Work-name": ('id:book schema:name "The Road to Terror" .', "", ()),
    "Work-author": ("id:book schema:author id:yezhov .", "id:book schema:author id:terror .", ()),
    "Work-editor": ("id:book schema:editor id:yezhov .", "id:book schema:translator id:press .",
                    ()),
    "Work-datePublished": ('id:book schema:datePublished "1999"^^xsd:gYear .',
                           'id:book schema:datePublished "1999" .', ()),
    "PublicationIssue-periodical": ("id:issue schema:isPartOf id:journal .",
                                    "id:issue schema:isPartOf id:book .", ()),
    "PublicationIssue-identity": ('id:issue schema:issueNumber "4" .',
                                  'id:issue schema:datePublished "1986"^^xsd:gYear .',
                                  ("Work-datePublished",)),
    "Work-dateCreated": ('id:memo schema:dateCreated "1937-07-02"^^xsd:date .',
                         'id:memo schema:dateCreated "2 July 1937" .', ()),
    "Message-recipient": ("id:memo schema:recipient id:yezhov .",
                          "id:memo schema:recipient id:press .", ()),
    "Work-publisher": ("id:book schema:publisher id:press .",
                       "id:book schema:publisher id:yezhov .", ()),
    "Work-isPartOf": ("id:article schema:isPartOf id:journal .",
                      "id:article schema:isPartOf id:archive .", ()),
    "Work-holdingArchive": ("id:fond schema:holdingArchive id:archive .",
                            "id:fond schema:holdingArchive id:press .", ()),
    "Work-workExample": ("id:book schema:workExample id:doc .",
                         "id:book schema:workExample id:article .", ()),
    "ArchivalLevel-holdingArchive": ("id:opis schema:holdingArchive id:archive .", "", ()),
    "ArchivalLevel-type": ("id:fond a schema:CreativeWork, schema:ArchiveComponent, "
                           "cg:ArchivalFond .", "id:fond a schema:CreativeWork, cg:ArchivalFond .",
                           ()),
    "ArchivalInventory-fond": ("id:opis schema:isPartOf id:fond .",
                               "id:opis schema:isPartOf id:journal .", ()),
    "Organization-name": ('id:press schema:name "Yale University Press" .', "", ()),
    "Claim-type": ("id:turn a schema:Claim, schema:Quotation, cg:TranscriptTurn .",
                   "id:turn a schema:Quotation, cg:TranscriptTurn .", ()),
    "Claim-text": ('id:thesis schema:text "The terror was planned." .', "", ()),
    "Claim-isPartOf": ("id:quote schema:isPartOf id:doc .", "id:quote schema:isPartOf id:book .",
                       ()),
    "Claim-annotation": ("id:a-thesis oa:hasBody id:thesis .", "id:a-thesis oa:hasBody id:quote .",
                         ()),
    "Claim-author": ("id:quote schema:author id:yezhov .", "id:quote schema:author id:press .", ()),
    "Claim-citation": ("id:quote schema:citation id:book .",
                       "id:quote schema:citation id:terror .", ()),
    "Claim-mentions": ("id:quote schema:mentions id:yezhov .",
                       "id:quote schema:mentions id:book .", ()),
    "Claim-about": ("id:quote schema:about id:terror .", "id:quote schema:about id:yezhov .", ()),
    "Claim-underThesis": ("id:quote cg:underThesis id:thesis .",
                          "id:quote cg:underThesis id:turn .", ()),
    "Claim-lineNumber": ('id:quote cg:lineNumber "3"^^xsd:positiveInteger .',
                         'id:quote cg:lineNumber "0"^^xsd:positiveInteger .', ()),
    "Claim-pagination": ('id:quote schema:pagination "41" .',
                         'id:quote schema:pagination "41", "42" .', ()),
    "Claim-notes": ('id:quote cg:headnote "From a speech" .',
                    'id:quote cg:headnote "From a speech", "A speech" .', ()),
    "TranscriptTurn-type": ("id:turn a schema:Claim, schema:Quotation, cg:TranscriptTurn .",
                            "id:turn a schema:Claim, cg:TranscriptTurn .", ()),
    "TranscriptTurn-speakerLabel": ('id:turn cg:speakerLabel "YEZHOV" .', "", ()),
    "TranscriptTurn-partOfQuotation": ("id:turn cg:partOfQuotation id:quote .",
                                       "id:turn cg:partOfQuotation id:thesis .", ()),
    "InnerQuotation-type": ("id:inner a schema:Claim, schema:Quotation, cg:InnerQuotation .",
                            "id:inner a schema:Claim, cg:InnerQuotation .", ()),
    "InnerQuotation-partOfQuotation": ("id:inner cg:partOfQuotation id:quote .", "", ()),
    "InnerQuotation-author": ("id:inner schema:author id:yezhov .", "", ()),
    "Claim-attributionBasis": ('id:quote cg:attributionBasis "headnote" .',
                               'id:quote cg:attributionBasis "rumour" .', ()),
    "Claim-attributionEvidence": ("id:quote cg:attributionEvidence id:a-person .",
                                  "id:quote cg:attributionEvidence id:book .", ()),
    "Claim-authorHasBasis": ('id:inner cg:attributionBasis "in-text" .', "", ()),
    "Citation-citing": ("id:citation cito:hasCitingEntity id:quote .",
                        "id:citation cito:hasCitingEntity id:book .", ()),
    "Citation-cited": ("id:citation cito:hasCitedEntity id:book .", "", ()),
    "Citation-referenceText": ('id:citation cg:referenceText "Getty, Road to Terror, 136." .', "",
                               ()),
    "Citation-locator": ('id:citation bibo:locator "136" .',
                         'id:citation bibo:locator "136", "137" .', ()),
    "Citation-annotation": ("id:a-citation oa:hasBody id:citation .",
                            "id:a-citation oa:hasBody id:quote .", ()),
    "Topic-prefLabel": ('id:terror skos:prefLabel "terror" .',
                        'id:terror skos:prefLabel "terror", "Terror" .', ()),
    "Topic-inScheme": ("id:terror skos:inScheme id:topics .", "id:terror skos:inScheme id:doc .",
                       ()),
    "Topic-links": ("id:terror skos:related id:purge .", "id:terror skos:broader id:book .", ()),
    "Annotation-body": ("id:a-person oa:hasBody id:yezhov .",
                        "id:a-person oa:hasBody id:yezhov, id:thesis .", ()),
    "Annotation-bodyType": ("id:a-person oa:hasBody id:yezhov .",
                            "id:a-person oa:hasBody id:book .", ()),
    "Annotation-target": ("id:a-topic oa:hasTarget id:target .", "", ()),
    "Annotation-reason": ('id:a-person cg:resolutionReason "named form" .',
                          'id:a-person cg:resolutionReason "named form", "surname" .', ()),
    "Target-source": ("id:target oa:hasSource id:doc .", "id:target oa:hasSource id:book .", ()),
    "Target-selectors": ("id:target oa:hasSelector id:quoted .",
                         "id:target oa:hasSelector id:quoted, id:extra .\n"
                         "id:extra a oa:TextPositionSelector .\n"
                         'id:extra oa:start "0"^^xsd:nonNegativeInteger .\n'
                         'id:extra oa:end "5"^^xsd:nonNegativeInteger .', ()),
    "Target-position": ("id:target oa:hasSelector id:position .", "",
                        ("Target-selectors",)),
    "Target-quote": ("id:target oa:hasSelector id:quoted .", "", ("Target-selectors",)),
    "TargetQuoteShape": ('id:quoted oa:exact "Enemy" .', 'id:quoted oa:exact "Enemies" .', ()),
    "PositionSelector-type": ("id:position a oa:TextPositionSelector .", "", ()),
    "PositionSelector-start": ('id:position oa:start "0"^^xsd:nonNegativeInteger .',
                               'id:position oa:start "0"^^xsd:integer .', ()),
    "PositionSelector-end": ('id:position oa:end "5"^^xsd:nonNegativeInteger .',
                             'id:position oa:end "5"^^xsd:integer .', ()),
    "PositionSelector-order": ('id:position oa:start "0"^^xsd:nonNegativeInteger .',
                               'id:position oa:start "9"^^xsd:nonNegativeInteger .',
                               ("TargetQuoteShape",)),
    "QuoteSelector-type": ("id:quoted a oa:TextQuoteSelector .", "", ()),
    "QuoteSelector-exact": ('id:quoted oa:exact "Enemy" .', 'id:quoted oa:exact "Enemy"@en .', ()),
    "Extracted-generatedBy": ("id:yezhov prov:wasGeneratedBy id:build .", "", ()),
    "Extracted-derivedFrom": ("id:citation prov:wasDerivedFrom id:doc .",
                              "id:citation prov:wasDerivedFrom id:book .", ()),
    "WorkProvenanceShape": ("id:book prov:wasDerivedFrom id:doc .", "", ()),
    "Build-type": ("id:build a prov:Activity, cg:Build .", "id:build a cg:Build .", ()),
    "Build-version": ('id:build schema:softwareVersion "0.1.0" .', "", ()),
    "Build-settings": ('id:build cg:settings "{}" .', 'id:build cg:settings "{}", "[]" .', ()),
    "Build-used": ("id:build prov:used id:doc .", "id:build prov:used id:book .", ()),
}


def _shapes() -> Graph:
    return Graph().parse(str(files("ontology") / "shapes.ttl"), format="turtle")


def _reporting_shapes(shapes: Graph) -> set[str]:
    """The named shapes a validation result can come from."""
    named = {s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)
             if isinstance(s, URIRef) and str(s).startswith(SHAPES_NS)}
    return {str(s)[len(SHAPES_NS):] for s in named
            if (s, RDF.type, SH.PropertyShape) in shapes or shapes.value(s, SH["or"])
            or shapes.value(s, SH.sparql)}


def _message(shapes: Graph, name: str) -> str:
    node = URIRef(SHAPES_NS + name)
    sparql = shapes.value(node, SH.sparql)
    return str(shapes.value(sparql if sparql is not None else node, SH.message))


def _validate(tmp_path, text: str):
    path = tmp_path / "graph.ttl"
    path.write_text(text, encoding="utf-8")
    return validate_graph(path)


def test_shapes_parse_and_every_shape_explains_itself():
    shapes = _shapes()
    names = _reporting_shapes(shapes)
    assert len(names) > 50
    for name in names:
        assert len(_message(shapes, name)) > 20, name


def test_shapes_every_shape_has_a_broken_graph_case():
    assert set(BROKEN) == _reporting_shapes(_shapes())


def test_shapes_valid_graph_conforms(tmp_path):
    report = _validate(tmp_path, VALID)
    assert report.conforms, report.failures


@pytest.mark.parametrize("shape", sorted(BROKEN))
def test_shapes_broken_graph_fails_that_shape(tmp_path, shape):
    line, replacement, also = BROKEN[shape]
    assert VALID.count(line + "\n") == 1, f"case {shape}: line not found once in VALID"
    report = _validate(tmp_path, VALID.replace(line + "\n", replacement + "\n"))
    assert not report.conforms
    failing = {f.shape.removeprefix("cgsh:"): f for f in report.failures}
    assert set(failing) == {shape, *also}
    assert failing[shape].message == _message(_shapes(), shape)


@pytest.mark.parametrize(("start", "end"), [(5, 5), (7, 2)])
def test_shapes_span_start_not_before_end_fails(tmp_path, start, end):
    text = VALID.replace('oa:start "0"', f'oa:start "{start}"').replace('oa:end "5"',
                                                                       f'oa:end "{end}"')
    report = _validate(tmp_path, text)
    assert "cgsh:PositionSelector-order" in {f.shape for f in report.failures}
