"""The Oxigraph store holds the same data and the same inferences as the rdflib dataset."""

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.namespaces import GRAPH, INFERRED_GRAPH
from kg.store import graph_of, load_graph, nquads, query


def test_store_inferences_equal_the_python_reasoner(dataset, store):
    assert set(graph_of(store, INFERRED_GRAPH)) == set(dataset.graph(INFERRED_GRAPH))
    assert len(dataset.graph(INFERRED_GRAPH)) == 322  # the registry has the record's actors


def test_every_named_graph_is_in_the_store(dataset, store):
    for graph in dataset.graphs():
        if len(graph):
            assert set(graph_of(store, graph.identifier)) == set(graph), graph.identifier


def test_a_triple_two_sources_state_is_matched_once():
    store = ox.Store()
    triple = (URIRef("urn:a"), URIRef("urn:p"), Literal("x"))
    load_graph(store, [triple], GRAPH["source/one"])
    load_graph(store, [triple], GRAPH["source/two"])
    answer = query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert [row[0] for row in answer] == [Literal(1)]
    graphs = query(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert [row[0] for row in graphs] == [Literal(2)]


def test_literals_are_escaped_for_n_quads():
    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal('line one\nline "two" \\ end', lang="en")))
    text = nquads(graph, GRAPH["x"])
    assert text == (
        '<urn:a> <urn:p> "line one\\nline \\"two\\" \\\\ end"@en '
        "<https://w3id.org/actors-positions/graph/x> .\n"
    )
    store = ox.Store()
    load_graph(store, graph, GRAPH["x"])
    assert set(graph_of(store, GRAPH["x"])) == set(graph)
