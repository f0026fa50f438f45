"""The caching SPARQL processor parses a text once and never carries bindings between calls."""

from rdflib import Graph, Literal, URIRef
from rdflib.plugin import get
from rdflib.query import Processor

from kg.sparql_cache import CachingSPARQLProcessor, _prepared

QUERY = "SELECT ?o WHERE { ?s <urn:p> ?o }"


def test_it_is_the_processor_rdflib_uses():
    assert get("sparql", Processor) is CachingSPARQLProcessor


def test_same_text_different_bindings_give_their_own_answers():
    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal(1)))
    graph.add((URIRef("urn:b"), URIRef("urn:p"), Literal(2)))
    _prepared.cache_clear()
    first = [row[0] for row in graph.query(QUERY, initBindings={"s": URIRef("urn:a")})]
    second = [row[0] for row in graph.query(QUERY, initBindings={"s": URIRef("urn:b")})]
    unbound = sorted(row[0] for row in graph.query(QUERY))
    assert (first, second, unbound) == ([Literal(1)], [Literal(2)], [Literal(1), Literal(2)])
    assert _prepared.cache_info().misses == 1 and _prepared.cache_info().hits == 2
