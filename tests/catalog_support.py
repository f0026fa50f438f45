"""The XML catalog beside the ontology, read as Protégé and ROBOT read it: IRI -> file."""

import xml.etree.ElementTree as ET
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg import resources

CATALOG = resources.ONTOLOGY_DIR / "catalog-v001.xml"
_OASIS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"


def read_catalog(path: Path = CATALOG) -> dict[str, Path]:
    """Each `<uri name="IRI" uri="file"/>` entry, the file relative to the catalog's folder."""
    root = ET.parse(path).getroot()
    return {e.attrib["name"]: path.parent / e.attrib["uri"] for e in root.iter(_OASIS + "uri")}


def header(graph: Graph) -> URIRef | None:
    """The IRI of the file's owl:Ontology, if it declares one."""
    iris = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    assert len(iris) <= 1, f"one ontology per file, not {iris}"
    return iris[0] if iris else None
