"""A real DL reasoner: HermiT (through owlready2, on Java) finds the ontology consistent and no
class unsatisfiable. Needs Java 17; without it the test fails and says how to install it.

HermiT knows only the datatypes of the OWL 2 datatype map. xsd:date, xsd:gYear and
xsd:duration are not in it (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps), so the copy
given to HermiT reads rdfs:Literal for those ranges: no class axiom uses them, so no class can
become satisfiable or unsatisfiable by this. owl:imports are dropped from the copy (all modules
are in it already) so that nothing is fetched from the network.
"""

import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, URIRef, namespace
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg import resources
from kg.loading import read_graphs

XSD = str(namespace.XSD)  # a string: pytest's collector warns on the DefinedNamespace itself
OUTSIDE_OWL2 = {URIRef(XSD + name) for name in ("date", "gYear", "duration")}
INSTALL = (
    "HermiT needs Java (17 works) and `java` is not on the PATH. On Debian or Ubuntu: "
    "sudo apt-get install -y openjdk-17-jre-headless; elsewhere install a JRE 17 and put "
    "`java` on the PATH."
)


def reasoner_copy(ontology: Graph, shapes: Graph) -> Graph:
    """The ontology as HermiT can read it, with every class the shapes refer to declared."""
    copy = Graph()
    for s, p, o in ontology:
        if p == OWL.imports:
            continue
        copy.add((s, p, RDFS.Literal if p == RDFS.range and o in OUTSIDE_OWL2 else o))
    for cls in {*shapes.objects(None, SH.targetClass), *shapes.objects(None, SH["class"])}:
        copy.add((cls, RDF.type, OWL.Class))
    return copy


def reason(graph: Graph, folder: Path):
    """Load the graph into a fresh owlready2 world as RDF/XML and run HermiT over it."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        pytest.fail(INSTALL)
    path = folder / "ontology.owl"
    graph.serialize(path, format="xml")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def test_the_ranges_outside_the_owl2_datatype_map_are_the_known_ones():
    ontology = read_graphs(resources.ontology_files())
    used = {o for o in ontology.objects(None, RDFS.range) if str(o).startswith(XSD)}
    assert used & OUTSIDE_OWL2 == OUTSIDE_OWL2
    owl2 = {
        URIRef(XSD + n) for n in ("string", "nonNegativeInteger", "integer", "anyURI", "dateTime")
    }
    assert used - OUTSIDE_OWL2 <= owl2, "a new datatype: check it is in the OWL 2 datatype map"


def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable(tmp_path):
    ontology = read_graphs(resources.ontology_files())
    shapes = read_graphs(resources.shapes_files())
    world = reason(reasoner_copy(ontology, shapes), tmp_path)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
    reasoned = {str(c.iri) for c in world.classes()}
    ours = {str(c) for c in ontology.subjects(RDF.type, OWL.Class)}
    assert ours <= reasoned


def test_hermit_reports_an_unsatisfiable_class(tmp_path):
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
    world = reason(broken, tmp_path)
    unsatisfiable = [c.name for c in world.inconsistent_classes() if c is not owlready2.Nothing]
    assert unsatisfiable == ["Chimera"]
