"""Byte-stable serialisation: the same dataset always gives the same file.

rdflib's TriG writer orders named graphs by hash, which changes from run to run; here graphs
are written in name order, each with rdflib's Turtle writer (which sorts subjects and objects),
so a diff of two builds shows exactly what a new source changed.
"""

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph

from kg.namespaces import PREFIXES, bind_prefixes


def trig(dataset: Dataset) -> str:
    """The dataset as TriG: prefixes once, then one block per named graph, in name order."""
    parts = [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())]
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) == 0:
            continue
        body = _turtle_body(graph)
        parts.append(f"\n<{graph.identifier}> {{\n{body}}}\n")
    return "".join(parts)


def turtle(graph: Graph) -> str:
    """A graph as Turtle with blank nodes renamed canonically, so the output is stable."""
    canonical = bind_prefixes(Graph())
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    return canonical.serialize(format="turtle")


def _turtle_body(graph: Graph) -> str:
    plain = bind_prefixes(Graph())
    for triple in graph:
        plain.add(triple)
    text = plain.serialize(format="turtle")
    lines = [line for line in text.splitlines() if not line.startswith("@prefix")]
    return "\n".join(lines).strip("\n") + "\n"
