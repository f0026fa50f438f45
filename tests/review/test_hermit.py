"""A real DL reasoner: HermiT (through owlready2, on Java) classifies the ontology as shipped,
finds it consistent and no class unsatisfiable. Needs Java 17; without it the test fails and
says how to install it.

The files go to HermiT as they are, as Protégé opens them (issue 14, point 5): every ontology
file of ontology/ (not the shapes), each owl:imports resolved through ontology/catalog-v001.xml,
nothing removed, added or rewritten. owlready2 reads N-Triples but not Turtle, so each file is
handed over as the same triples in N-Triples (the test compares them). HermiT stops on a
datatype outside the OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps),
such as xsd:date, so the ontology's ranges keep within it and the shapes check the exact
datatypes (tests/test_ontology_quality.py).
"""

import io
import shutil
from pathlib import Path

import owlready2
import pytest
from catalog_support import header, read_catalog
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg import resources

XSD = str(namespace.XSD)  # a string: pytest's collector warns on the DefinedNamespace itself
OWL2_DATATYPES = {
    RDFS.Literal,
    RDF.langString,
    RDF.PlainLiteral,
    RDF.XMLLiteral,
    *(
        URIRef(XSD + name)
        for name in (
            "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
            "boolean", "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger",
            "positiveInteger", "negativeInteger", "long", "int", "short", "byte",
            "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "double", "float",
            "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp",
        )
    ),
}  # fmt: skip
"""The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdfs:Literal."""
XSD_STRING = URIRef(XSD + "string")
AP = "https://w3id.org/actors-positions/ontology#"
INSTALL = (
    "HermiT needs Java (17 works) and `java` is not on the PATH. On Debian or Ubuntu: "
    "sudo apt-get install -y openjdk-17-jre-headless; elsewhere install a JRE 17 and put "
    "`java` on the PATH."
)


def load_through_catalog(world: owlready2.World, path: Path, catalog: dict[str, Path]) -> None:
    """Load one file into `world` under its ontology IRI, its imports first, each found through
    the catalog (as Protégé does), so that owlready2 never looks for an import elsewhere."""
    graph = Graph().parse(path)
    iri = header(graph)
    for imported in graph.objects(iri, OWL.imports):
        assert str(imported) in catalog, f"{path.name} imports {imported}: not in the catalog"
        load_through_catalog(world, catalog[str(imported)], catalog)
    ontology = world.get_ontology(str(iri) if iri is not None else path.as_uri())
    if ontology.loaded:
        return
    triples = graph.serialize(format="nt", encoding="utf-8")
    ontology.load(fileobj=io.BytesIO(triples), format="ntriples")


def _plain(triple: tuple[Node, Node, Node]) -> tuple[Node, Node, Node]:
    """The triple with a plain literal written as the xsd:string it is (RDF 1.1)."""
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype is None and o.language is None:
        o = Literal(str(o), datatype=XSD_STRING)
    return s, p, o


def classify(world: owlready2.World) -> owlready2.World:
    """Run HermiT over everything loaded into `world`."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        pytest.fail(INSTALL)
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def test_the_ranges_are_in_the_owl2_datatype_map():
    ontology = Graph()
    for path in resources.ontology_files():
        ontology.parse(path)
    ranges = {o for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
              for o in ontology.objects(p, RDFS.range)}  # fmt: skip
    assert ranges - OWL2_DATATYPES == set()
    assert ranges == {
        RDFS.Literal,
        RDF.langString,
        URIRef(XSD + "string"),
        URIRef(XSD + "integer"),
    }


def test_hermit_classifies_the_shipped_ontology_consistently():
    catalog = read_catalog()
    world = owlready2.World()
    files = resources.ontology_files()
    assert [p.name for p in files] == [
        "arms-control.ttl",
        "cameo.ttl",
        "core.ttl",
        "plover.ttl",
        "stances.ttl",
    ]
    for path in files:
        load_through_catalog(world, path, catalog)
    shipped = Graph()
    for path in files:
        shipped.parse(path)
    loaded = {_plain(t) for t in world.as_rdflib_graph()}
    headless = [p for p in files if header(Graph().parse(p)) is None]
    assert loaded - {_plain(t) for t in shipped} == {  # what owlready2 adds: names for the files
        *((URIRef(p.as_uri()), RDF.type, OWL.Ontology) for p in headless),
        (URIRef("http://anonymous"), RDF.type, OWL.Ontology),
    }
    assert {_plain(t) for t in shipped} - loaded == set()  # nothing dropped
    classify(world)  # raises OwlReadyInconsistentOntologyError if inconsistent
    assert list(world.inconsistent_classes()) == []
    ours = {str(c) for c in shipped.subjects(RDF.type, OWL.Class) if str(c).startswith(AP)}
    classified = {c.iri: c for c in world.classes() if c.iri.startswith(AP)}
    assert set(classified) == ours
    asserted = {
        c: {str(s) for s in shipped.objects(URIRef(c), RDFS.subClassOf)} or {str(OWL.Thing)}
        for c in ours
    }
    inferred = {c: {s.iri for s in cls.is_a} for c, cls in classified.items()}
    assert inferred == asserted  # HermiT finds the hierarchy as written, no hidden equivalence


def test_hermit_stops_on_a_range_outside_the_owl2_datatype_map():
    """Why the ranges above read rdfs:Literal: an xsd:date range stops HermiT."""
    dated = Graph().parse(
        format="turtle",
        data="""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://example.org/dated> a owl:Ontology .
        <https://example.org/dated#on> a owl:DatatypeProperty ; rdfs:range xsd:date .
        """,
    )
    world = owlready2.World()
    world.get_ontology("https://example.org/dated").load(
        fileobj=io.BytesIO(dated.serialize(format="nt", encoding="utf-8")), format="ntriples"
    )
    with pytest.raises(owlready2.OwlReadyJavaError, match="UnsupportedDatatypeException"):
        classify(world)


def test_hermit_reports_an_unsatisfiable_class():
    broken = Graph().parse(
        format="turtle",
        data="""
        @prefix ap: <https://w3id.org/actors-positions/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/actors-positions/ontology/unsatisfiable> a owl:Ontology .
        ap:Person a owl:Class . ap:Organisation a owl:Class .
        ap:Person owl:disjointWith ap:Organisation .
        ap:Chimera a owl:Class ; rdfs:subClassOf ap:Person, ap:Organisation .
        """,
    )
    world = owlready2.World()
    world.get_ontology("https://w3id.org/actors-positions/ontology/unsatisfiable").load(
        fileobj=io.BytesIO(broken.serialize(format="nt", encoding="utf-8")), format="ntriples"
    )
    classify(world)
    unsatisfiable = [c.name for c in world.inconsistent_classes() if c is not owlready2.Nothing]
    assert unsatisfiable == ["Chimera"]
