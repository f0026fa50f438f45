"""Protégé, ROBOT and the OWL API open the ontology offline: ontology/catalog-v001.xml maps
every owl:imports, every ontology IRI and every version IRI to its file (issue 14, point 5;
the w3id.org redirects are not registered, so an import that is not in the catalog fails)."""

from pathlib import Path

import pytest
from catalog_support import CATALOG, header, read_catalog
from rdflib import Graph
from rdflib.namespace import OWL

from kg import resources

FILES = sorted(resources.ONTOLOGY_DIR.glob("*.ttl"))
GRAPHS = {path: Graph().parse(path) for path in FILES}


def declared() -> dict[str, Path]:
    """Each ontology IRI and version IRI, with the file that declares it."""
    found = {}
    for path, graph in GRAPHS.items():
        if (iri := header(graph)) is not None:
            found[str(iri)] = path
            for version in graph.objects(iri, OWL.versionIRI):
                found[str(version)] = path
    return found


def test_the_catalog_maps_every_ontology_and_version_iri_to_its_file():
    assert {iri: path.name for iri, path in read_catalog().items()} == {
        "https://w3id.org/actors-positions/ontology": "core.ttl",
        "https://w3id.org/actors-positions/ontology/0.3.0": "core.ttl",
        "https://w3id.org/actors-positions/ontology/arms-control": "arms-control.ttl",
        "https://w3id.org/actors-positions/ontology/arms-control/0.3.0": "arms-control.ttl",
        "https://w3id.org/actors-positions/shapes/core": "core-shapes.ttl",
        "https://w3id.org/actors-positions/shapes/core/0.2.0": "core-shapes.ttl",
        "https://w3id.org/actors-positions/shapes/arms-control": "arms-control-shapes.ttl",
        "https://w3id.org/actors-positions/shapes/arms-control/0.2.0": "arms-control-shapes.ttl",
    }
    assert read_catalog() == declared()  # and nothing else: a stale entry fails too


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_import_resolves_through_the_catalog_to_a_file_that_declares_it(path):
    catalog = read_catalog()
    for imported in GRAPHS[path].objects(None, OWL.imports):
        assert str(imported) in catalog, f"{path.name} imports {imported}: not in {CATALOG.name}"
        target = catalog[str(imported)]
        assert target.is_file()
        assert header(GRAPHS[target]) == imported


def test_the_imports_are_the_known_ones():
    imports = {(p.name, str(o)) for p, g in GRAPHS.items() for o in g.objects(None, OWL.imports)}
    assert imports == {("arms-control.ttl", "https://w3id.org/actors-positions/ontology")}
