"""The project's namespaces, declared once: every module, query and report uses these prefixes."""

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, VANN, XSD

BASE = "https://w3id.org/actors-positions/"

AP = Namespace(BASE + "ontology#")
"""Terms of the ontology (classes and properties)."""
STANCE = Namespace(BASE + "stance/")
"""Concepts of the stance scheme."""
ID = Namespace(BASE + "id/")
"""Instances: actors, statements, positions, sources..."""
GRAPH = Namespace(BASE + "graph/")
"""Names of the named graphs of a built dataset."""
SHAPES = Namespace(BASE + "shapes#")
"""SHACL shapes."""
CAMEO = Namespace(BASE + "cameo/")
PLOVER = Namespace(BASE + "plover/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    prefix: str(namespace)
    for prefix, namespace in {
        "ap": AP,
        "stance": STANCE,
        "id": ID,
        "graph": GRAPH,
        "aps": SHAPES,
        "cameo": CAMEO,
        "plover": PLOVER,
        "wd": WD,
        "dcterms": DCTERMS,
        "org": ORG,
        "owl": OWL,
        "prov": PROV,
        "rdf": RDF,
        "rdfs": RDFS,
        "schema": SDO,
        "sh": SH,
        "skos": SKOS,
        "vann": VANN,
        "xsd": XSD,
    }.items()
}
"""Prefix to namespace IRI, for every prefix the project writes or reads."""

ONTOLOGY_GRAPH = GRAPH["ontology"]
REGISTRY_GRAPH = GRAPH["registry"]
INFERRED_GRAPH = GRAPH["inferred"]


def source_graph(key: str) -> URIRef:
    """Name of the graph that holds what the source with this key reports."""
    return GRAPH["source/" + key]


G = TypeVar("G", bound=Graph)


def source_provenance(key: str) -> tuple[URIRef, URIRef, URIRef]:
    """The triple each source's graph holds: the graph was derived from the source it names."""
    return (
        source_graph(key),
        URIRef(PROV.wasDerivedFrom),
        ID["source/" + key],
    )


def bind_prefixes(graph: G) -> G:
    """Bind the project's prefixes (and only those) so output reads the same everywhere."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, prepended to queries that lack them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# Longest namespace first, so that a short namespace never shadows a longer one inside it.
_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def shorten(node: object) -> str:
    """Write a term for people: `id:format/us-russia-talks` rather than its full IRI.

    Display only: the result may contain `/`, which Turtle would need escaped.
    Literals are written as their lexical form.
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in _LONGEST_FIRST:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"
    return str(node)


def expand(name: str) -> URIRef | None:
    """The IRI for `prefix:local` or `<iri>`, or None when `name` is neither."""
    if name.startswith("<") and name.endswith(">"):
        return URIRef(name[1:-1])
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    return None
