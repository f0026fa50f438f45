"""What a view reads: an rdflib graph as it is, or a build's Oxigraph store.

`kg export` reads the build (as `kg query` does) instead of compiling and reasoning over the
cards again in rdflib, which took 28 s of a 2,000-card export. From a store, the stances view
reads only the triples it needs (kg.export.facts); a view without such a reader gets the
store's named graphs as an rdflib Dataset whose default graph is their union, the same
dataset `kg.load_dataset` gives.
"""

from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.export.facts import stances_facts
from kg.namespaces import bind_prefixes
from kg.store import to_rdflib

Source = Graph | ox.Store
"""An rdflib graph (its default graph the union of the named graphs), or a build's store."""

STORE_READERS: Mapping[str, Callable[[ox.Store], Any]] = {"stances": stances_facts}
"""Views that read a store faster than through a whole rdflib copy of it."""


def view_input(view: str, source: Source) -> Any:
    """What the view's function takes: the rdflib graph as given, or read from the store."""
    if not isinstance(source, ox.Store):
        return source
    reader = STORE_READERS.get(view)
    return reader(source) if reader is not None else dataset_of(source)


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
