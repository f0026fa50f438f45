"""Replace some sources' graphs in a built store, keeping its merge and its inferences exact.

A build's store holds one named graph per source, their merge as the default graph, and what
the ontology entails in the inferred graph (kg.store). When a few cards change, rebuilding all
of that costs time in proportion to the whole corpus; here only the triples the changed graphs
held or hold, and what those entail, are looked at. Each of them is decided afresh, as
kg.store.materialise decides it:

* it is *asserted* while some source graph (any named graph but the inferred one) holds it;
* it is *entailed* while it is asserted, is one of the ontology's closed hierarchies, or follows
  in one step from an asserted triple (the rule tables are closed, so one step is enough);
* the default graph holds what is entailed; the inferred graph what is entailed, not asserted.

No other triple can change: an entailment needs an asserted premise, and only the changed
graphs' triples changed. The result is the store a full build of the new sources makes.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.namespaces import INFERRED_GRAPH
from kg.store import Rules, to_oxigraph

_DEFAULT = ox.DefaultGraph()
_INFERRED = ox.NamedNode(str(INFERRED_GRAPH))
_TYPE = ox.NamedNode(str(RDF.type))


@dataclass
class Changes:
    """What a replacement changed in the default graph (which the shapes read) and in the
    inferred graph (which the dataset file shows)."""

    added: set[ox.Triple] = field(default_factory=set)
    removed: set[ox.Triple] = field(default_factory=set)
    inferred_added: set[ox.Triple] = field(default_factory=set)
    inferred_removed: set[ox.Triple] = field(default_factory=set)
    asserted: int = 0
    """How many more triples the replaced graphs hold than before (negative: fewer)."""


def replace_graphs(store: ox.Store, rules: Rules, graphs: Mapping[str, str | None]) -> Changes:
    """Give each named graph of `graphs` its new content, as N-Quads text in that graph (None
    removes the graph), and bring the default and inferred graphs up to date."""
    touched: set[ox.Triple] = set()
    asserted = 0
    for name, text in graphs.items():
        graph = ox.NamedNode(name)
        before = _triples(store, graph)
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        after = []
        if text:
            store.load(text, format=ox.RdfFormat.N_QUADS)
            after = _triples(store, graph)
        touched.update(before, after)
        asserted += len(after) - len(before)
    changes = _redecide(store, _Premises(rules), touched)
    changes.asserted = asserted
    return changes


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class _Premises:
    """The rule tables turned both ways: what a triple entails, and what could entail it."""

    def __init__(self, rules: Rules):
        def term(node: Node) -> ox.NamedNode:
            converted = to_oxigraph(node)
            assert isinstance(converted, ox.NamedNode)
            return converted

        self.superclasses: dict[Term, set[ox.NamedNode]] = {
            term(c): {term(d) for d in supers} for c, supers in rules.superclasses.items()
        }
        self.subclasses: dict[Term, set[ox.NamedNode]] = defaultdict(set)
        for c, supers in rules.superclasses.items():
            for d in supers:
                self.subclasses[term(d)].add(term(c))
        self.derivations: dict[Term, set[tuple[ox.NamedNode, bool]]] = defaultdict(set)
        self.sources: dict[Term, set[tuple[ox.NamedNode, bool]]] = defaultdict(set)
        for p, derived in rules.derivations.items():
            for q, flipped in derived:
                self.derivations[term(p)].add((term(q), flipped))
                self.sources[term(q)].add((term(p), flipped))
        if _TYPE in self.sources:
            raise ValueError("a property that entails rdf:type is not supported (kg.reasoning)")
        self.schema = {ox.Triple(*(term(t) for t in triple)) for triple in rules.schema}

    def consequences(self, triple: ox.Triple) -> Iterator[ox.Triple]:
        """What `triple` entails in one step (the tables are closed: one step is all)."""
        return _one_step(triple, self.derivations, self.superclasses)

    def premises(self, triple: ox.Triple) -> Iterator[ox.Triple]:
        """Every triple that entails `triple` in one step."""
        return _one_step(triple, self.sources, self.subclasses)


def _one_step(
    triple: ox.Triple,
    properties: dict[Term, set[tuple[ox.NamedNode, bool]]],
    classes: dict[Term, set[ox.NamedNode]],
) -> Iterator[ox.Triple]:
    """The triples one table step away from `triple`: along the property table (flipped for
    an inverse; a literal cannot be a subject) and, for rdf:type, along the class table."""
    s, p, o = triple.subject, triple.predicate, triple.object
    for q, flipped in properties.get(p, ()):
        if not flipped:
            yield ox.Triple(s, q, o)
        elif not isinstance(o, ox.Literal):
            yield ox.Triple(o, q, s)
    if p == _TYPE:
        for c in classes.get(o, ()):
            yield ox.Triple(s, _TYPE, c)


def _redecide(store: ox.Store, premises: _Premises, touched: set[ox.Triple]) -> Changes:
    affected = set(touched)
    for triple in touched:
        affected.update(premises.consequences(triple))
    changes = Changes()
    for triple in affected:
        asserted = _asserted(store, triple)
        entailed = (
            asserted
            or triple in premises.schema
            or any(_asserted(store, premise) for premise in premises.premises(triple))
        )
        _set(store, triple, _DEFAULT, entailed, changes.added, changes.removed)
        inferred = entailed and not asserted
        _set(store, triple, _INFERRED, inferred, changes.inferred_added, changes.inferred_removed)
    return changes


def _asserted(store: ox.Store, triple: ox.Triple) -> bool:
    """Whether a source graph (a named graph but the inferred one) holds `triple`."""
    return any(
        isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name != _INFERRED
        for quad in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
    )


def _set(
    store: ox.Store,
    triple: ox.Triple,
    graph: ox.DefaultGraph | ox.NamedNode,
    wanted: bool,
    added: set[ox.Triple],
    removed: set[ox.Triple],
) -> None:
    quad = ox.Quad(triple.subject, triple.predicate, triple.object, graph)
    present = quad in store
    if wanted and not present:
        store.add(quad)
        added.add(triple)
    elif present and not wanted:
        store.remove(quad)
        removed.add(triple)


def _triples(store: ox.Store, graph: ox.NamedNode) -> list[ox.Triple]:
    return [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]
