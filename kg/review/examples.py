"""An example from the data for each term: one instance of a class, one use of a property or
of a concept, with the names of the nodes, and how often the data uses the term.

A definition says what a term means; an example from the data shows whether it is used that
way. Found by SPARQL over the dataset, leaving out the ontology's own graph.
"""

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.namespaces import ONTOLOGY_GRAPH
from kg.queries import run
from kg.review.text import value_of


@dataclass(frozen=True)
class Example:
    """One statement that uses a term: subject, predicate, object (with their names)."""

    subject: Node
    predicate: Node
    object: Node
    subject_label: str | None
    object_label: str | None
    uses: int


_USES = {
    "class": """
        SELECT ?term (COUNT(DISTINCT ?subject) AS ?uses) (MIN(STR(?subject)) AS ?first)
        WHERE { GRAPH ?g { ?subject a ?term } FILTER (?g != <ONTOLOGY> && isIRI(?subject)) }
        GROUP BY ?term
    """,
    "property": """
        SELECT ?term (COUNT(*) AS ?uses) (MIN(STR(?subject)) AS ?first)
        WHERE { GRAPH ?g { ?subject ?term ?object } FILTER (?g != <ONTOLOGY> && isIRI(?subject)) }
        GROUP BY ?term
    """,
    "concept": """
        SELECT ?term (COUNT(DISTINCT ?subject) AS ?uses) (MIN(STR(?subject)) AS ?first)
        WHERE { GRAPH ?g { ?subject ?p ?term } FILTER (?g != <ONTOLOGY> && isIRI(?subject)) }
        GROUP BY ?term
    """,
}


def examples(dataset: Dataset, kind: str) -> dict[URIRef, Example]:
    """An example for every term of `kind` (class, property or concept) the data uses."""
    result = run(_USES[kind].replace("ONTOLOGY", str(ONTOLOGY_GRAPH)), dataset)
    found: dict[URIRef, Example] = {}
    for row in result:
        term, uses, first = row  # type: ignore[misc]
        if not isinstance(term, URIRef):
            continue
        subject = URIRef(str(first))
        predicate, obj = _statement(dataset, subject, term, kind)
        found[term] = Example(
            subject=subject,
            predicate=predicate,
            object=obj,
            subject_label=_label(dataset, subject),
            object_label=_label(dataset, obj),
            uses=int(str(uses)),
        )
    return found


def _statement(graph: Graph, subject: URIRef, term: URIRef, kind: str) -> tuple[Node, Node]:
    if kind == "class":
        return RDF.type, term
    if kind == "property":
        return term, min(graph.objects(subject, term), key=lambda n: n.n3())
    return min(graph.predicates(subject, term), key=str), term


def _label(graph: Graph, node: Node) -> str | None:
    return value_of(graph, node, RDFS.label, SKOS.prefLabel)
