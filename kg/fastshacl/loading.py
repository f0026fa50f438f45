"""An Oxigraph store holding an rdflib graph, with its literal record, for tests and tools."""

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from kg.fastshacl.fidelity import RECORD_GRAPH, mark_recorded, record_nquads, record_triples
from kg.fastshacl.terms import nt, to_oxigraph

Triple = tuple[Node, Node, Node]


def store_from_graph(graph: Graph) -> ox.Store:
    """A new in-memory store with `graph` in its default graph and its literal record.

    Triples with a literal subject, which RDF does not allow and Oxigraph cannot hold (rdflib
    keeps them: the reasoner makes them from owl:inverseOf on a literal value), are left out.
    Without blank nodes the data goes in as N-Quads text, the fastest way (leniently: rdflib
    keeps IRIs Oxigraph would refuse, such as ones with spaces); with blank nodes, term by term,
    because Oxigraph's parsers rename blank nodes and a result must name the same blank node
    as pySHACL's.
    """
    triples = [t for t in graph if not isinstance(t[0], Literal)]
    store = ox.Store()
    if any(isinstance(term, BNode) for triple in triples for term in triple):
        record = ox.NamedNode(str(RECORD_GRAPH))
        store.extend(_quads(triples, ox.DefaultGraph()))
        store.extend(_quads(record_triples(triples), record))
    else:
        text = "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples)
        store.load(text + record_nquads(triples), format=ox.RdfFormat.N_QUADS, lenient=True)
    mark_recorded(store)
    return store


def _quads(triples: Iterable[Triple], graph: object) -> Iterator[ox.Quad]:
    for s, p, o in triples:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)  # type: ignore[arg-type]
