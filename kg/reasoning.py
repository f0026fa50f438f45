"""What the ontology implies, materialised apart from what was asserted.

Three kinds of entailment, the ones queries and shapes rely on:

* class membership up the rdfs:subClassOf hierarchy (a ap:State is an ap:Actor),
* property assertions up the rdfs:subPropertyOf hierarchy (ap:requiresParticipant implies
  ap:participant),
* both directions of an owl:inverseOf pair (ap:supersedes / ap:supersededBy),

plus the transitive closure of the two hierarchies themselves. rdfs:domain and rdfs:range are
deliberately not used to infer types: a mistyped node must fail validation, not be silently
typed into conformance. Every inference is also an OWL 2 RL entailment (tests check this
against owlrl).
"""

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


def infer(graph: Graph) -> Graph:
    """Return the triples `graph` entails under the rules above and does not already contain."""
    superclasses = _closure(graph.subject_objects(RDFS.subClassOf))
    superproperties = _closure(graph.subject_objects(RDFS.subPropertyOf))
    inverses: dict[Node, set[Node]] = defaultdict(set)
    for p, q in graph.subject_objects(OWL.inverseOf):
        inverses[p].add(q)
        inverses[q].add(p)

    known: set[Triple] = set(graph)
    inferred: set[Triple] = set()

    def add(triple: Triple) -> bool:
        if triple in known:
            return False
        known.add(triple)
        inferred.add(triple)
        return True

    for sub, supers in superclasses.items():
        for sup in supers:
            add((sub, RDFS.subClassOf, sup))
    for sub, supers in superproperties.items():
        for sup in supers:
            add((sub, RDFS.subPropertyOf, sup))

    # Property and inverse rules feed each other; run them to a fixed point.
    pending = [t for t in known if t[1] in superproperties or t[1] in inverses]
    while pending:
        s, p, o = pending.pop()
        derived = [(s, sup, o) for sup in superproperties.get(p, ())]
        derived += [(o, inv, s) for inv in inverses.get(p, ())]
        for triple in derived:
            if add(triple) and (triple[1] in superproperties or triple[1] in inverses):
                pending.append(triple)

    for s, _, cls in [t for t in known if t[1] == RDF.type]:
        for sup in superclasses.get(cls, ()):
            add((s, RDF.type, sup))

    result = Graph()
    for triple in sorted(inferred):
        result.add(triple)
    return result


def _closure(edges: Iterable[tuple[Node, Node]]) -> dict[Node, set[Node]]:
    """Transitive closure of a relation given as (child, parent) pairs, without self-loops."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for child, parent in edges:
        if child != parent:
            parents[child].add(parent)
    closure: dict[Node, set[Node]] = {}
    for start in list(parents):
        seen: set[Node] = set()
        stack = list(parents[start])
        while stack:
            node = stack.pop()
            if node not in seen and node != start:
                seen.add(node)
                stack.extend(parents.get(node, ()))
        closure[start] = seen
    return closure
