"""A shape that uses SHACL the fast path does not implement is refused when compiled, with a
message that names the shape and the feature, never silently left unchecked."""

import pytest
from rdflib import Graph

from kg.fastshacl import UnsupportedShapeError, compile_shapes

PROLOGUE = """
@prefix ap: <https://w3id.org/actors-positions/ontology#> .
@prefix aps: <https://w3id.org/actors-positions/shapes#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _property(constraints: str, extra: str = "") -> str:
    return f"""
aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:property aps:X-p .
aps:X-p a sh:PropertyShape ; sh:path ap:holds ; sh:message "m" ; {constraints} .
{extra}"""


def _sparql(select: str) -> str:
    return f'''
aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:sparql aps:X-check .
aps:X-check a sh:SPARQLConstraint ; sh:message "m" ; sh:select """{select}""" .'''


REFUSED = {
    "qualifiedMaxCount": (
        _property(
            "sh:qualifiedValueShape aps:En ; sh:qualifiedMaxCount 1",
            'aps:En a sh:NodeShape ; sh:languageIn ( "en" ) .',
        ),
        "sh:qualifiedMaxCount",
    ),
    "sequence path": (
        """aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:property aps:X-p .
        aps:X-p a sh:PropertyShape ; sh:path ( ap:holds ap:target ) ; sh:minCount 1 ;
            sh:message "m" .""",
        "sh:path that is not an IRI",
    ),
    "inverse path": (
        """aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:property aps:X-p .
        aps:X-p a sh:PropertyShape ; sh:path [ sh:inversePath ap:holder ] ; sh:minCount 1 ;
            sh:message "m" .""",
        "sh:inversePath",
    ),
    "sh:in": (_property("sh:in ( ap:a ap:b )"), "sh:in"),
    "sh:node": (_property("sh:node aps:Other", "aps:Other a sh:NodeShape ."), "sh:node"),
    "sh:minLength": (_property("sh:minLength 2"), "sh:minLength"),
    "sh:flags": (_property('sh:pattern "^a" ; sh:flags "i"'), "sh:flags"),
    "sh:maxInclusive": (_property("sh:maxInclusive 5"), "sh:maxInclusive"),
    "sh:closed": (
        "aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:closed true .",
        "sh:closed",
    ),
    "sh:not": (
        "aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:not aps:Y .\n"
        "aps:Y a sh:NodeShape .",
        "sh:not",
    ),
    "sh:targetNode": (
        "aps:XShape a sh:NodeShape ; sh:targetNode ap:x ; sh:property aps:X-p .",
        "sh:targetNode",
    ),
    "sh:targetObjectsOf": (
        "aps:XShape a sh:NodeShape ; sh:targetObjectsOf ap:holds .",
        "sh:targetObjectsOf",
    ),
    "SHACL-AF rule": (
        "aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:rule [ a sh:TripleRule ] .",
        "sh:rule",
    ),
    "implicit class target": (
        "aps:XShape a sh:NodeShape, rdfs:Class ; sh:targetClass ap:Actor .",
        "implicit class target",
    ),
    "no message": (
        """aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:property aps:X-p .
        aps:X-p a sh:PropertyShape ; sh:path ap:holds ; sh:minCount 1 .""",
        "0 sh:message",
    ),
    "two messages": (_property('sh:minCount 1 ; sh:message "n"@de'), "2 sh:message"),
    "two severities": (_property("sh:minCount 1 ; sh:severity sh:Warning, sh:Info"), "sh:severity"),
    "two datatypes": (_property("sh:datatype xsd:date, xsd:gYear"), "more than one sh:datatype"),
    "language list on a targeted shape": (
        'aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:languageIn ( "en" ) .',
        "sh:languageIn here",
    ),
    "targeted property shape": (
        "aps:X-p a sh:PropertyShape ; sh:targetClass ap:Actor ; sh:path ap:holds ; sh:minCount 1 .",
        "targeted property shape",
    ),
    "sh:or of node shapes": (
        """aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:message "m" ;
            sh:or ( aps:Y ) . aps:Y a sh:NodeShape ; sh:class ap:Actor .""",
        "a node shape as a member of sh:or",
    ),
    "sh:or member needing two values": (
        """aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:message "m" ; sh:or ( aps:Y ) .
        aps:Y a sh:PropertyShape ; sh:path ap:holds ; sh:minCount 2 .""",
        "sh:minCount 2 in a member of sh:or",
    ),
    "sh:ask": (
        """aps:XShape a sh:NodeShape ; sh:targetClass ap:Actor ; sh:sparql aps:X-check .
        aps:X-check a sh:SPARQLConstraint ; sh:ask "ASK { }" .""",
        "sh:ask",
    ),
    "messages on the constraint and its shape": (
        _sparql("SELECT $this WHERE { $this ap:holds ?v }").replace(
            "sh:sparql aps:X-check .", 'sh:sparql aps:X-check ; sh:message "n" .'
        ),
        "2 messages",
    ),
    "OPTIONAL in sh:select": (
        _sparql("SELECT $this WHERE { OPTIONAL { $this ap:holds ?v } }"),
        "OPTIONAL",
    ),
    "VALUES in sh:select": (_sparql("SELECT $this WHERE { VALUES ?v { 1 } }"), "VALUES"),
    "nested SELECT": (
        _sparql("SELECT $this WHERE { { SELECT $this WHERE { $this ap:holds ?v } } }"),
        "nested group",
    ),
    "computed BIND": (
        _sparql("SELECT $this ?value WHERE { $this ap:holds ?v BIND (STR(?v) AS ?value) }"),
        "BIND",
    ),
    "FILTER expression inside EXISTS": (
        _sparql(
            "SELECT $this WHERE { $this ap:holds ?v\n"
            "  FILTER NOT EXISTS { ?v ap:x ?y FILTER (?y > 1) } }"
        ),
        "FILTER expression inside EXISTS",
    ),
    "$PATH": (_sparql("SELECT $this WHERE { $this $PATH ?v }"), "$PATH"),
    "solution modifiers": (
        _sparql("SELECT $this WHERE { $this ap:holds ?v } LIMIT 1"),
        "modifiers",
    ),
    "literal in a triple pattern": (
        _sparql("SELECT $this WHERE { $this ap:maximum 5 }"),
        "literals",
    ),
}


@pytest.mark.parametrize(("turtle", "feature"), REFUSED.values(), ids=REFUSED.keys())
def test_unsupported_shacl_is_refused_with_a_clear_message(turtle, feature):
    shapes = Graph().parse(data=PROLOGUE + turtle, format="turtle")
    with pytest.raises(UnsupportedShapeError) as refused:
        compile_shapes(shapes)
    message = str(refused.value)
    assert feature in message
    assert "aps:X" in message or "sh:select" in message or "SHACL validator" in message
