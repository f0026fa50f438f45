"""Assemble the dataset: the ontology, the registry, one named graph per source, the inferences.

The named graphs keep apart what was stated (and by which source) from what was inferred, so a
reviewer can always tell one from the other.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.cards.compiler import KeyIndex, compile_cards
from kg.cards.located import Where
from kg.namespaces import (
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    bind_prefixes,
    source_graph,
    source_provenance,
)
from kg.project import EMBEDDED, Project
from kg.reasoning import infer
from kg.sources import read_sources


@dataclass(frozen=True)
class Assembled:
    """The dataset, and where in which card each node a card describes was written."""

    dataset: Dataset
    origins: dict[URIRef, Where]


def assemble(
    project: Project = EMBEDDED,
    infer_too: bool = True,
    ontology: Sequence[Path] | None = None,
) -> Assembled:
    """Read the ontology (`ontology`, default the tool's files), the registry and every source
    into their named graphs.

    Cards are compiled first, all of them: any card error stops the assembly (CardErrors)
    before anything is validated, so a card with errors never enters the graph.
    """
    sources = read_sources(project, ontology)
    dataset = bind_prefixes(Dataset(default_union=True))
    _add(dataset, ONTOLOGY_GRAPH, sources.ontology)
    _add(dataset, REGISTRY_GRAPH, sources.registry)
    for key, graph in sources.turtle.items():
        _add(dataset, source_graph(key), graph)
    origins: dict[URIRef, Where] = {}
    for card in compile_cards(sources.cards, KeyIndex.from_graph(sources.known())):
        _add(dataset, source_graph(card.key), [*card.triples, source_provenance(card.key)])
        for node, where in card.origins.items():
            origins.setdefault(node, where)
    if infer_too:
        add_inferences(dataset)
    return Assembled(dataset, origins)


def _add(dataset: Dataset, name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
    graph = dataset.graph(name)
    for triple in triples:
        graph.add(triple)


def load_asserted(project: Project = EMBEDDED, ontology: Sequence[Path] | None = None) -> Dataset:
    """The asserted graphs only, without inferences."""
    return assemble(project, infer_too=False, ontology=ontology).dataset


def add_inferences(dataset: Dataset) -> Graph:
    """Materialise what the asserted graphs entail into the inferred graph, and return it."""
    asserted = union(dataset, exclude=(INFERRED_GRAPH,))
    inferred = dataset.graph(INFERRED_GRAPH)
    inferred.remove((None, None, None))
    for triple in infer(asserted):
        inferred.add(triple)
    return inferred


def load_dataset(project: Project = EMBEDDED, ontology: Sequence[Path] | None = None) -> Dataset:
    """The whole dataset, asserted and inferred: what queries and validation see."""
    return assemble(project, ontology=ontology).dataset


def union(dataset: Dataset, exclude: tuple[URIRef, ...] = ()) -> Graph:
    """All triples of all named graphs as one plain graph."""
    graph = bind_prefixes(Graph())
    for context in dataset.graphs():
        if context.identifier not in exclude:
            for triple in context:
                graph.add(triple)
    return graph
