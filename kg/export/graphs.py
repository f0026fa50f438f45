"""Assembling a projection as a networkx graph that every writer can take as it is.

Nodes and edges go in sorted order, every node (and every edge) carries the same attributes
in the same order, and every value is a plain str, int, float or bool: so the same data
always gives byte-identical files, and no writer meets a value it cannot write.
"""

from collections.abc import Iterable, Mapping

import networkx as nx

Value = str | int | float | bool
Attrs = dict[str, Value]
Edge = tuple[str, str, str, Attrs]
"""Source id, target id, key (unique in the whole graph, used as the edge id), attributes."""


def build_graph(nodes: Mapping[str, Attrs], edges: Iterable[Edge]) -> "nx.MultiDiGraph[str]":
    """A MultiDiGraph with the nodes sorted by id and the edges by source, target and key."""
    node_defaults = _defaults(nodes[node] for node in sorted(nodes))
    edge_list = sorted(edges, key=lambda e: (e[0], e[1], e[2]))
    edge_defaults = _defaults(e[3] for e in edge_list)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in sorted(nodes):
        graph.add_node(node, **_complete(nodes[node], node_defaults))
    seen: set[str] = set()
    for source, target, key, attrs in edge_list:
        if key in seen or key in nodes:
            raise ValueError(f"edge key {key!r} is not unique")
        seen.add(key)
        for end in (source, target):
            if end not in nodes:
                raise ValueError(f"edge {key!r} meets the unknown node {end!r}")
        graph.add_edge(source, target, key=key, **_complete(attrs, edge_defaults))
    return graph


def _defaults(records: Iterable[Attrs]) -> Attrs:
    """Each attribute any record has, with the empty value of its type, in first-seen order."""
    defaults: Attrs = {}
    for record in records:
        for name, value in record.items():
            _check(name, value)
            if name not in defaults:
                defaults[name] = type(value)()
            elif type(defaults[name]) is not type(value):
                raise TypeError(
                    f"attribute {name!r} mixes {type(defaults[name]).__name__} "
                    f"and {type(value).__name__}"
                )
    return defaults


def _complete(attrs: Attrs, defaults: Attrs) -> Attrs:
    return {name: attrs.get(name, empty) for name, empty in defaults.items()}


def _check(name: str, value: object) -> None:
    if not isinstance(value, str | int | float | bool):
        raise TypeError(
            f"attribute {name!r} has a {type(value).__name__}; exports take str, int, float or bool"
        )
