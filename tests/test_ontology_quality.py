"""Ontology quality: labels, definitions, domains and ranges; no undeclared term of ours."""

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, VANN

from kg import resources
from kg.dataset import load_asserted, union
from kg.loading import read_graphs
from kg.namespaces import AP, CAMEO, ONTOLOGY_GRAPH, PLOVER, SHAPES, STANCE

ONTOLOGY = read_graphs(resources.ontology_files())
CLASSES = sorted(s for s in ONTOLOGY.subjects(RDF.type, OWL.Class) if str(s).startswith(AP))
PROPERTIES = sorted(
    s
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
    for s in ONTOLOGY.subjects(RDF.type, kind)
    if str(s).startswith(AP)
)
STANCES = sorted(ONTOLOGY.subjects(SKOS.inScheme, STANCE.scheme))


def test_the_ontology_declares_its_terms():
    assert len(CLASSES) >= 25
    assert len(PROPERTIES) >= 50
    assert len(STANCES) == 10


@pytest.mark.parametrize("term", CLASSES + PROPERTIES, ids=str)
def test_every_term_has_label_definition_and_defining_ontology(term):
    labels = [o for o in ONTOLOGY.objects(term, RDFS.label) if o.language == "en"]
    assert len(labels) == 1, f"{term} needs exactly one English rdfs:label"
    assert len(list(ONTOLOGY.objects(term, SKOS.definition))) == 1, f"{term}: one skos:definition"
    assert (ONTOLOGY.value(term, RDFS.isDefinedBy), RDF.type, OWL.Ontology) in ONTOLOGY


@pytest.mark.parametrize("prop", PROPERTIES, ids=str)
def test_every_property_has_domain_and_range(prop):
    assert ONTOLOGY.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
    rng = ONTOLOGY.value(prop, RDFS.range)
    assert rng is not None, f"{prop} has no rdfs:range"
    is_datatype = (prop, RDF.type, OWL.DatatypeProperty) in ONTOLOGY
    range_is_datatype = (
        str(rng).startswith(str(RDF)) or "XMLSchema#" in str(rng) or rng == RDFS.Literal
    )
    assert is_datatype == range_is_datatype, f"{prop}: property kind and range kind disagree"


SHAPE_GRAPH = read_graphs(resources.shapes_files())
LITERAL_RANGES = sorted(p for p in PROPERTIES if ONTOLOGY.value(p, RDFS.range) == RDFS.Literal)


def named_datatypes(prop: URIRef) -> set[str]:
    """The datatypes a property's scope notes say its values have."""
    notes = [str(n) for n in ONTOLOGY.objects(prop, SKOS.scopeNote)]
    return {m for n in notes for m in re.findall(r"Each value is an (xsd:\w+)", n)}


def test_the_properties_whose_range_reads_rdfs_literal():
    """Their datatype lies outside the OWL 2 datatype map (see tests/review/test_hermit.py)."""
    assert {p.removeprefix(AP): named_datatypes(p) for p in LITERAL_RANGES} == {
        "asOf": {"xsd:date"},  # issue 15: the day by which a proposal had not been answered
        "extendedUntil": {"xsd:date"},
        "extensionLength": {"xsd:duration"},
        "occurredInYear": {"xsd:gYear"},
        "occurredOn": {"xsd:date"},
        "proposedOn": {"xsd:date"},
        "since": {"xsd:date"},
        "statedOn": {"xsd:date"},
        "termEnd": {"xsd:date"},
        "termStart": {"xsd:date"},
        "until": {"xsd:date"},
    }


@pytest.mark.parametrize("prop", LITERAL_RANGES, ids=str)
def test_a_literal_range_names_its_datatype_and_the_shapes_check_it(prop):
    """Issue 14: the range says rdfs:Literal for OWL 2 reasoners; a scope note names the exact
    datatype, and the shapes check that datatype on the instances of the property's domain."""
    named = named_datatypes(prop)
    assert len(named) == 1, f"{prop}: no scope note names its datatype"
    datatype = URIRef("http://www.w3.org/2001/XMLSchema#" + named.pop().removeprefix("xsd:"))
    typed = [
        s for s in SHAPE_GRAPH.subjects(SH.path, prop) if (s, SH.datatype, None) in SHAPE_GRAPH
    ]
    assert {SHAPE_GRAPH.value(s, SH.datatype) for s in typed} == {datatype}
    targets = {c for s in typed for n in SHAPE_GRAPH.subjects(SH.property, s)
               for c in SHAPE_GRAPH.objects(n, SH.targetClass)}  # fmt: skip
    domain = ONTOLOGY.value(prop, RDFS.domain)
    assert domain in targets or targets & set(ONTOLOGY.transitive_subjects(RDFS.subClassOf, domain))


@pytest.mark.parametrize("stance", STANCES, ids=str)
def test_every_stance_has_definition_polarity_and_event_code_mapping(stance):
    assert ONTOLOGY.value(stance, SKOS.prefLabel) is not None
    assert ONTOLOGY.value(stance, SKOS.definition) is not None
    assert str(ONTOLOGY.value(stance, AP.polarity)) in {"positive", "negative", "neutral"}
    matches = list(ONTOLOGY.objects(stance, SKOS.closeMatch))
    assert any(str(m).startswith(CAMEO) or str(m).startswith(PLOVER) for m in matches)
    for match in matches:  # each mapped code is itself documented
        assert ONTOLOGY.value(match, SKOS.notation) is not None, f"{match} is not listed"


@pytest.mark.parametrize("ontology", sorted(ONTOLOGY.subjects(RDF.type, OWL.Ontology)), ids=str)
def test_ontology_header(ontology):
    for prop in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.created,
        DCTERMS.modified,
        OWL.versionIRI,
        OWL.versionInfo,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
    ):
        assert ONTOLOGY.value(ontology, prop) is not None, f"{ontology} lacks {prop}"


def _our_terms_in(graph: Graph) -> set[URIRef]:
    return {
        t
        for triple in graph
        for t in triple
        if isinstance(t, URIRef) and (str(t).startswith(AP) or str(t).startswith(STANCE))
    }


DECLARED = set(CLASSES) | set(PROPERTIES) | set(STANCES) | {STANCE.scheme}


def test_data_uses_only_declared_terms():
    asserted = load_asserted()
    data = union(asserted, exclude=(ONTOLOGY_GRAPH,))
    assert len(data) > 300
    assert sorted(_our_terms_in(data) - DECLARED) == []


def test_shapes_use_only_declared_terms():
    shapes = read_graphs(resources.shapes_files())
    used = {t for t in _our_terms_in(shapes) if not str(t).startswith(SHAPES)}
    assert sorted(used - DECLARED) == []


def test_queries_use_only_declared_terms():
    used = set()
    for path in sorted(resources.QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        used |= {AP[m] for m in re.findall(r"\bap:([A-Za-z]\w*)", text)}
        used |= {STANCE[m] for m in re.findall(r"\bstance:([A-Za-z]\w*)", text)}
    assert sorted(used - DECLARED) == []
