"""Replacing source graphs in a built store must leave the store a fresh build would make: the
same named graphs, the same merge, the same inferences."""

import random

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from kg.dataset import load_asserted
from kg.namespaces import AP, INFERRED_GRAPH, ONTOLOGY_GRAPH, REGISTRY_GRAPH
from kg.store import Rules, graph_of, materialise, merge_named_graphs, to_oxigraph
from kg.update import replace_graphs

EX = "http://example.org/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@pytest.fixture(scope="module")
def asserted() -> Dataset:
    return load_asserted()


def fresh_store(graphs: dict[str, list[ox.Quad]]) -> ox.Store:
    """What a full build makes of these named graphs: their merge, then the inferences."""
    store = ox.Store()
    for quads in graphs.values():
        store.extend(quads)
    merge_named_graphs(store)
    materialise(store, graph_of(store, ONTOLOGY_GRAPH))
    return store


def test_replacing_graphs_gives_the_store_a_fresh_build_makes(asserted: Dataset):
    rng = random.Random(7)
    store = fresh_store(_named(asserted))
    graphs = _named(asserted)
    sources = sorted(g for g in graphs if g not in (str(ONTOLOGY_GRAPH), str(REGISTRY_GRAPH)))
    registry_triples = [q.triple for q in graphs[str(REGISTRY_GRAPH)]]
    rules = Rules.of(graph_of(store, ONTOLOGY_GRAPH))
    for round_ in range(6):
        name = rng.choice([*sources, f"{EX}graph/new-{round_}"])
        kept = [q.triple for q in graphs.get(name, []) if rng.random() < 0.7]
        extra = [
            # entailing: a subclass (ap:State is an ap:Actor), a subproperty and an inverse
            _triple(f"<{EX}s{round_}>", TYPE, f"<{AP.State}>"),
            _triple(f"<{EX}p{round_}>", f"<{AP.holder}>", f"<{EX}s{round_}>"),
            _triple(f"<{EX}f{round_}>", f"<{AP.requiresParticipant}>", f"<{EX}s{round_}>"),
            # stated elsewhere too: must stay in the merge when this graph drops it
            *rng.sample(registry_triples, 3),
        ]
        new = [ox.Quad(*t, ox.NamedNode(name)) for t in [*kept, *extra]]  # type: ignore[misc]
        removed = rng.random() < 0.3 and name in graphs
        text = None if removed else "".join(f"{q} .\n" for q in new)
        changes = replace_graphs(store, rules, {name: text})
        if removed:
            del graphs[name]
        else:
            graphs[name] = new

        expected = fresh_store(graphs)
        assert set(store) == set(expected), f"round {round_}"
        assert changes.added or changes.removed


def test_changes_name_what_the_merge_and_the_inferences_gained_and_lost(asserted: Dataset):
    ontology = {str(ONTOLOGY_GRAPH): _named(asserted)[str(ONTOLOGY_GRAPH)]}
    store = fresh_store(ontology)
    rules = Rules.of(graph_of(store, ONTOLOGY_GRAPH))
    state = _triple(f"<{EX}x>", TYPE, f"<{AP.State}>")
    graph = f"{EX}graph/one"
    entailed = {_triple(f"<{EX}x>", TYPE, f"<{c}>") for c in rules.superclasses[AP.State]}

    gained = replace_graphs(store, rules, {graph: f"{state} <{graph}> .\n"})
    assert gained.added == {state} | entailed
    assert gained.inferred_added == entailed
    assert (gained.removed, gained.inferred_removed, gained.asserted) == (set(), set(), 1)

    lost = replace_graphs(store, rules, {graph: None})
    assert lost.removed == {state} | entailed
    assert lost.inferred_removed == entailed
    assert (lost.added, lost.inferred_added, lost.asserted) == (set(), set(), -1)
    assert set(store) == set(fresh_store(ontology))


def _named(dataset: Dataset) -> dict[str, list[ox.Quad]]:
    """The dataset's named graphs (the inferred one aside) as Oxigraph quads, by name."""
    graphs: dict[str, list[ox.Quad]] = {}
    for graph in dataset.graphs():
        if len(graph) and graph.identifier != INFERRED_GRAPH:
            name = ox.NamedNode(str(graph.identifier))
            graphs[str(graph.identifier)] = [
                ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)  # type: ignore[arg-type]
                for s, p, o in graph
            ]
    return graphs


def _triple(s: str, p: str, o: str) -> ox.Triple:
    [parsed] = ox.parse(f"{s} {p} {o} .", format=ox.RdfFormat.N_TRIPLES)
    return parsed.triple
