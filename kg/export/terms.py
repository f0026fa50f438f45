"""Turning RDF terms into the plain values every export format accepts.

Exports carry strings, integers and booleans only (the GraphML and GEXF writers reject None,
lists, dates and rdflib terms), so every value passes through here: a label for people, a
kind, a date as YYYY-MM-DD or the empty string, never None.
"""

from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.namespaces import AP, STANCE, shorten

JOIN = "; "
"""Separator of several labels in one attribute (conditions, sources)."""

QUOTE_JOIN = " | "
"""Separator of several quotes or literal values in one attribute."""

# The most specific kind first: a state is also an actor, an expiry is also an event.
KIND_CLASSES: tuple[tuple[URIRef, str], ...] = (
    (AP.State, "state"),
    (AP.Person, "person"),
    (AP.Organisation, "organisation"),
    (AP.Office, "office"),
    (AP.OfficeTerm, "office term"),
    (AP.NegotiationFormat, "negotiation format"),
    (AP.Proposal, "proposal"),
    (AP.Treaty, "treaty"),
    (AP.Policy, "policy"),
    (AP.Event, "event"),
    (AP.Issue, "issue"),
    (AP.Actor, "actor"),
    (AP.Position, "position"),
    (AP.Statement, "statement"),
    (AP.Source, "source"),
    (AP.Condition, "condition"),
    (AP.Channel, "channel"),
    (AP.WeaponCategory, "weapon category"),
    (AP.QuantitativeLimit, "quantitative limit"),
    (SKOS.ConceptScheme, "concept scheme"),
    (SKOS.Concept, "concept"),
    (OWL.Ontology, "ontology"),
    (OWL.Class, "class"),
    (RDFS.Class, "class"),
    (OWL.ObjectProperty, "property"),
    (OWL.DatatypeProperty, "property"),
    (OWL.AnnotationProperty, "property"),
    (RDF.Property, "property"),
)

_LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)


@lru_cache(maxsize=1 << 16)
def node_id(node: Node) -> str:
    """The id of a node in every export: the shortened IRI (id:russia). Cached: a view asks
    for the same few thousand ids a hundred thousand times."""
    if isinstance(node, BNode):
        return f"_:{node}"
    return shorten(node)


def label_of(graph: Graph, node: Node) -> str:
    """A name for people: rdfs:label, else skos:prefLabel, else dcterms:title, else the id.

    English is preferred, then untagged text, then any other language; among equals the
    smallest text wins, so that the choice does not depend on the order rdflib returns.
    """
    for predicate in _LABELS:
        values = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
        if values:
            return str(min(values, key=lambda v: (_language_rank(v), str(v))))
    return node_id(node)


def _language_rank(literal: Literal) -> int:
    language = (literal.language or "").lower()
    if language == "en" or language.startswith("en-"):
        return 0
    return 1 if not language else 2


def kind_of(graph: Graph, node: Node) -> str:
    """What a node is, in a word or two: state, person, proposal, negotiation format, ...

    Expects the inferred types to be in `graph` (an expiry is an event because the reasoner
    says so). A concept of the stance scheme is a "stance"; a node without a known type is a
    "resource".
    """
    types = set(graph.objects(node, RDF.type))
    if SKOS.Concept in types and (node, SKOS.inScheme, STANCE.scheme) in graph:
        return "stance"
    for cls, kind in KIND_CLASSES:
        if cls in types:
            return kind
    return "resource"


def text(value: Node | None) -> str:
    """The lexical form of a literal (a date as YYYY-MM-DD), the IRI of a resource, or ''."""
    if value is None:
        return ""
    return str(value)


def labels(graph: Graph, nodes: Iterable[Node]) -> str:
    """The labels of several nodes, sorted and joined with '; '."""
    return JOIN.join(sorted({label_of(graph, n) for n in nodes}))


def texts(values: Iterable[Node]) -> list[str]:
    """Distinct literal values as sorted strings."""
    return sorted({str(v) for v in values})
