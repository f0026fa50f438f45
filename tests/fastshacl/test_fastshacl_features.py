"""Every SHACL feature the fast path implements agrees with pySHACL, also in the variants the
project's shapes do not use yet (severities, deactivation, counts above one, several values of a
parameter, message templates), on the data of all fixtures and the embedded dataset."""

import pytest
from fastshacl_support import BAD_CASES, GOOD_CASES, assert_same, data_of
from rdflib import Graph

PROLOGUE = """
@prefix ap: <https://w3id.org/actors-positions/ontology#> .
@prefix aps: <https://w3id.org/actors-positions/shapes#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:x-test:shapes> a owl:Ontology ; sh:declare
    [ sh:prefix "ap" ; sh:namespace "https://w3id.org/actors-positions/ontology#"^^xsd:anyURI ],
    [ sh:prefix "dcterms" ; sh:namespace "http://purl.org/dc/terms/"^^xsd:anyURI ] .
"""


def _on(target: str, constraints: str, extra: str = "") -> str:
    return f"""
aps:TestShape a sh:NodeShape ; {target} ; sh:property aps:Test-p .
aps:Test-p a sh:PropertyShape ; sh:message "property message"@en ; {constraints} .
{extra}"""


def _sparql(select: str, message: str = '"{?value} and {$this} and {?extra}"') -> str:
    message_triple = f"sh:message {message} ;" if message else ""
    return f'''
aps:TestShape a sh:NodeShape ; sh:targetClass ap:Position ; sh:sparql aps:Test-check .
aps:Test-check a sh:SPARQLConstraint ; {message_triple}
    sh:prefixes <urn:x-test:shapes> ; sh:select """{select}""" .'''


FEATURES = {
    "warning severity": _on(
        "sh:targetClass ap:Statement", "sh:path ap:quote ; sh:minCount 1 ; sh:severity sh:Warning"
    ),
    "info severity": _on(
        "sh:targetClass ap:Statement", "sh:path ap:quote ; sh:maxCount 0 ; sh:severity sh:Info"
    ),
    "deactivated property shape": _on(
        "sh:targetClass ap:Actor", "sh:path rdfs:label ; sh:minCount 5 ; sh:deactivated true"
    ),
    "deactivated node shape": """
aps:TestShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:deactivated true ;
    sh:property [ sh:path rdfs:label ; sh:minCount 5 ; sh:message "m" ] .""",
    "min count two": _on("sh:targetClass ap:Position", "sh:path ap:evidence ; sh:minCount 2"),
    "min count three on labels": _on(
        "sh:targetSubjectsOf rdfs:label", "sh:path rdfs:label ; sh:minCount 3"
    ),
    "max count zero": _on("sh:targetClass ap:Statement", "sh:path ap:quote ; sh:maxCount 0"),
    "max count two": _on("sh:targetSubjectsOf rdfs:label", "sh:path rdfs:label ; sh:maxCount 2"),
    "two classes": _on(
        "sh:targetClass ap:Position", "sh:path ap:holder ; sh:class ap:State, ap:Person"
    ),
    "blank node kind": _on(
        "sh:targetClass ap:Position", "sh:path ap:holder ; sh:nodeKind sh:BlankNode"
    ),
    "literal kind": _on("sh:targetClass ap:Position", "sh:path ap:holder ; sh:nodeKind sh:Literal"),
    "IRI or literal kind": _on(
        "sh:targetClass ap:Position", "sh:path ap:holder ; sh:nodeKind sh:IRIOrLiteral"
    ),
    "blank node or IRI kind": _on(
        "sh:targetClass ap:Source", "sh:path dcterms:date ; sh:nodeKind sh:BlankNodeOrIRI"
    ),
    "blank node or literal kind": _on(
        "sh:targetClass ap:Position", "sh:path ap:holder ; sh:nodeKind sh:BlankNodeOrLiteral"
    ),
    "two patterns": _on(
        "sh:targetSubjectsOf rdfs:label", 'sh:path rdfs:label ; sh:pattern "^[A-Z]", "a"'
    ),
    "pattern on IRIs": _on(
        "sh:targetClass ap:Position", 'sh:path ap:holder ; sh:pattern "russia$"'
    ),
    "datatype xsd:string": _on(
        "sh:targetSubjectsOf rdfs:label", "sh:path rdfs:label ; sh:datatype xsd:string"
    ),
    "datatype rdfs:Literal": _on(
        "sh:targetClass ap:Position", "sh:path ap:holder ; sh:datatype rdfs:Literal"
    ),
    "datatype xsd:gYear": _on(
        "sh:targetClass ap:Event", "sh:path ap:occurredOn ; sh:datatype xsd:gYear"
    ),
    "unique language false": _on(
        "sh:targetSubjectsOf rdfs:label", "sh:path rdfs:label ; sh:uniqueLang false"
    ),
    "two values required": _on(
        "sh:targetClass ap:Position",
        "sh:path ap:stance ; sh:hasValue <https://w3id.org/actors-positions/stance/Supports>, "
        "<https://w3id.org/actors-positions/stance/Opposes>",
    ),
    "two qualified languages, two needed": _on(
        "sh:targetSubjectsOf rdfs:label",
        "sh:path rdfs:label ; sh:qualifiedValueShape aps:Test-lang ; sh:qualifiedMinCount 2",
        'aps:Test-lang a sh:NodeShape ; sh:languageIn ( "EN" "ru" ) .',
    ),
    "any language": _on(
        "sh:targetSubjectsOf rdfs:label",
        "sh:path rdfs:label ; sh:qualifiedValueShape aps:Test-lang ; sh:qualifiedMinCount 1",
        'aps:Test-lang a sh:NodeShape ; sh:languageIn ( "*" ) .',
    ),
    "deactivated qualified shape": _on(
        "sh:targetSubjectsOf rdfs:label",
        "sh:path rdfs:label ; sh:qualifiedValueShape aps:Test-lang ; sh:qualifiedMinCount 2",
        'aps:Test-lang a sh:NodeShape ; sh:languageIn ( "xx" ) ; sh:deactivated true .',
    ),
    "qualified shape without languages": _on(
        "sh:targetSubjectsOf rdfs:label",
        "sh:path rdfs:label ; sh:qualifiedValueShape aps:Test-lang ; sh:qualifiedMinCount 2",
        "aps:Test-lang a sh:NodeShape .",
    ),
    "less than, several compared": _on(
        "sh:targetClass ap:Position", "sh:path ap:since ; sh:lessThan ap:until, ap:since"
    ),
    "less than between IRIs": _on(
        "sh:targetClass ap:Position", "sh:path ap:holder ; sh:lessThanOrEquals ap:target"
    ),
    "minimum of a date": _on(
        "sh:targetClass ap:Source", 'sh:path dcterms:date ; sh:minInclusive "2024-01-01"^^xsd:date'
    ),
    "minimum of a string": _on(
        "sh:targetClass ap:Source", 'sh:path dcterms:language ; sh:minInclusive "f"'
    ),
    "minimum of a language string": _on(
        "sh:targetSubjectsOf rdfs:label", 'sh:path rdfs:label ; sh:minInclusive "M"@en'
    ),
    "or with a deactivated member": """
aps:TestShape a sh:NodeShape ; sh:targetClass ap:Statement ; sh:message "or message" ;
    sh:or ( [ sh:path ap:quote ; sh:minCount 1 ]
            [ sh:path ap:x ; sh:minCount 1 ; sh:deactivated true ] ) .""",
    "two or lists": """
aps:TestShape a sh:NodeShape ; sh:targetClass ap:Statement ; sh:message "or message" ;
    sh:or ( [ sh:path ap:quote ; sh:minCount 1 ] [ sh:path ap:dateNote ; sh:minCount 1 ] ),
        ( [ sh:path ap:channel ; sh:minCount 1 ] ) .""",
    "two targets": _on(
        "sh:targetClass ap:Actor ; sh:targetSubjectsOf ap:holder",
        "sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1",
    ),
    "sparql with extra variables and templates": _sparql(
        "SELECT $this ?value ?extra WHERE { $this ap:holder ?value . "
        "?value ap:holds ?extra FILTER (?extra != $this) }"
    ),
    "sparql without value or path": _sparql(
        "SELECT $this WHERE { $this ap:stance ?s }", '"{?value} is {$this}"'
    ),
    "sparql without this": _sparql(
        "SELECT ?value WHERE { $this ap:holder ?value }", '"{$this} {?value}"'
    ),
    "sparql without message": _sparql("SELECT $this WHERE { $this ap:holder ?h }", ""),
    "sparql with a shape message too": _sparql(
        "SELECT $this ?value WHERE { $this ap:holder ?value }", ""
    ).replace("sh:sparql aps:Test-check .", 'sh:sparql aps:Test-check ; sh:message "shape m" .'),
    "sparql deactivated": _sparql("SELECT $this WHERE { $this ap:holder ?h }").replace(
        "sh:prefixes", "sh:deactivated true ; sh:prefixes"
    ),
    "sparql with comparisons and functions": _sparql(
        "SELECT $this ?value ?extra WHERE { $this ap:since ?value ; ap:evidence/ap:statedOn ?extra "
        "FILTER (?value >= ?extra || YEAR(?value) = 2026) FILTER (STRLEN(STR(?extra)) > 3) }"
    ),
    "sparql with a nested exists filter": _sparql(
        "SELECT $this ?value WHERE { $this ap:holder ?value "
        "FILTER (!EXISTS { ?value ap:holds ?p FILTER NOT EXISTS { ?p ap:stance ?s } } "
        "&& $this != ?value) }"
    ),
}


@pytest.fixture(scope="module")
def data() -> Graph:
    return data_of([*BAD_CASES, *GOOD_CASES])


@pytest.mark.parametrize("turtle", FEATURES.values(), ids=FEATURES.keys())
def test_feature_gives_the_report_of_pyshacl(turtle, data):
    shapes = Graph().parse(data=PROLOGUE + turtle, format="turtle")
    assert_same(data, shapes)
