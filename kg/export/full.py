"""The full view: the whole RDF dataset as a labelled multigraph, for exploration.

Every IRI (and blank node) that is a subject or the object of a triple is a node; every
triple whose object is a resource is an edge, labelled with its predicate and the named
graphs that hold it (so an inferred triple reads as such). Triples whose object is a
literal become node attributes named by the shortened predicate (rdfs:label, ap:statedOn),
several values joined with " | " in sorted order; language tags and datatypes are dropped.
"""

import hashlib
from collections import defaultdict

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.term import Node

from kg.export.graphs import Attrs, Edge, build_graph
from kg.export.terms import JOIN, QUOTE_JOIN, kind_of, label_of, node_id, text
from kg.namespaces import INFERRED_GRAPH


def full_view(dataset: Graph) -> "nx.MultiDiGraph[str]":
    """All triples of all named graphs: resources as nodes, literal values as their attributes."""
    graphs_of = _graphs_of_triples(dataset)
    names = _node_names(graphs_of)
    literals: dict[Node, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    resources: set[Node] = set()
    edges: list[Edge] = []
    for (s, p, o), graphs in graphs_of.items():
        resources.add(s)
        if isinstance(o, Literal):
            literals[s][node_id(p)].add(str(o))
            continue
        resources.add(o)
        key = f"{names[s]} {node_id(p)} {names[o]}"
        edges.append(
            (
                names[s],
                names[o],
                key,
                {
                    "label": label_of(dataset, p),
                    "predicate": node_id(p),
                    "iri": text(p),
                    "graphs": JOIN.join(sorted(node_id(g) for g in graphs)),
                    "inferred": graphs == {INFERRED_GRAPH},
                },
            )
        )
    predicates = sorted({name for values in literals.values() for name in values})
    nodes: dict[str, Attrs] = {}
    for resource in resources:
        attrs: Attrs = {
            "label": label_of(dataset, resource),
            "kind": kind_of(dataset, resource),
            "iri": "" if isinstance(resource, BNode) else text(resource),
        }
        for name in predicates:
            attrs[name] = QUOTE_JOIN.join(sorted(literals[resource].get(name, ())))
        nodes[names[resource]] = attrs
    return build_graph(nodes, edges)


def _graphs_of_triples(dataset: Graph) -> dict[tuple[Node, Node, Node], set[Node]]:
    """Each distinct triple with the names of the graphs that hold it."""
    found: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
    if isinstance(dataset, Dataset):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            if g is not None:
                found[(s, p, o)].add(g.identifier if isinstance(g, Graph) else g)
    else:
        for s, p, o in dataset:
            found[(s, p, o)].add(dataset.identifier)
    return found


def _node_names(graphs_of: dict[tuple[Node, Node, Node], set[Node]]) -> dict[Node, str]:
    """Ids for every subject and resource object; a blank node is named by what it says.

    rdflib names blank nodes at random on every load, so a blank node's id is a hash of its
    own triples (blank objects written as `_:`): the same data gives the same ids.
    """
    names: dict[Node, str] = {}
    described: dict[Node, list[str]] = defaultdict(list)
    for s, p, o in graphs_of:
        for node in (s, o):
            if not isinstance(node, Literal) and node not in names and not isinstance(node, BNode):
                names[node] = node_id(node)
        if isinstance(s, BNode):
            described[s].append(f"{p} {'_:' if isinstance(o, BNode) else o.n3()}")
        if isinstance(o, BNode):
            described[o].append(f"^{p} {'_:' if isinstance(s, BNode) else s.n3()}")
    twins: dict[str, list[Node]] = defaultdict(list)
    for blank, lines in described.items():
        twins[hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]].append(blank)
    for digest, blanks in twins.items():
        # Blank nodes that say the same are indistinguishable: any numbering gives one output.
        for number, blank in enumerate(blanks, start=1):
            names[blank] = f"_:b{digest}" + (f"-{number}" if len(blanks) > 1 else "")
    return names
