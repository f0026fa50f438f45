"""What a view reads: an rdflib graph as it is, or a build's Oxigraph store.

`kg export` reads the build (as `kg query` does) instead of compiling and reasoning over the
cards again in rdflib, which took 28 s of a 2,000-card export. From a store, the stances view
reads only the triples it needs (kg.export.facts); a view without such a reader gets the
store's named graphs as an rdflib Dataset whose default graph is their union, the same
dataset `kg.load_dataset` gives. That copy is slow and big (about 50 microseconds and 3 KB per
triple), so a view without a reader refuses a build of more than COPY_LIMIT triples.
"""

from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import KgError
from kg.export.facts import actors_facts, stances_facts
from kg.namespaces import bind_prefixes
from kg.store import to_rdflib

Source = Graph | ox.Store
"""An rdflib graph (its default graph the union of the named graphs), or a build's store."""

# A new view reads the store fast with an entry here: a function of the store that returns
# `kg.export.facts.read_facts(store, PREDICATES, CLASSES)` with the properties and classes the
# view asks about (its function then takes that Facts in place of the rdflib graph; the test
# test_export_store.py checks that both give the same files).
STORE_READERS: Mapping[str, Callable[[ox.Store], Any]] = {
    "stances": stances_facts,
    "actors": actors_facts,
}
"""Views that read a store faster than through a whole rdflib copy of it."""


def view_input(view: str, source: Source) -> Any:
    """What the view's function takes: the rdflib graph as given, or read from the store."""
    if not isinstance(source, ox.Store):
        return source
    reader = STORE_READERS.get(view)
    if reader is not None:
        return reader(source)
    triples = _named_triples(source)
    if triples > COPY_LIMIT:
        raise KgError(
            f"the {view} view reads the whole graph, and this build holds {triples:,} triples, "
            f"more than the {COPY_LIMIT:,} it can export in reasonable time and memory (nor "
            "could Gephi or yEd lay out as many edges); export the stances or actors view, or "
            "take the whole graph as RDF from the build's dataset.trig"
        )
    return dataset_of(source)


COPY_LIMIT = 200_000
"""The most triples a view without a store reader copies into rdflib (about 1,100 cards): at
347,000 (2,000 cards) the full view took 40 to 75 s and 1.1 to 2.4 GB
(scripts/export_speed.py, docs/benchmark.md)."""


def _named_triples(store: ox.Store) -> int:
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(answer, ox.QuerySolutions)
    count = next(iter(answer))[0]
    assert isinstance(count, ox.Literal)
    return int(count.value)


def dataset_of(store: ox.Store) -> Dataset:
    """The store's named graphs as an rdflib Dataset whose default graph is their union."""
    dataset = bind_prefixes(Dataset(default_union=True))
    terms: dict[object, Any] = {}

    def term(value: object) -> Any:
        found = terms.get(value)
        if found is None:
            found = terms[value] = to_rdflib(value)
        return found

    graphs: dict[object, Graph] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            continue  # the build's merge of the named graphs: the union gives it again
        graph = graphs.get(name)
        if graph is None:
            graph = graphs[name] = dataset.graph(term(name))
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return dataset
