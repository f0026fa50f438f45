"""Assemble the dataset: the ontology, the registry, one named graph per source, the inferences.

The named graphs keep apart what was stated (and by which source) from what was inferred, so a
reviewer can always tell one from the other.
"""

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV

from kg import resources
from kg.cards.compiler import KeyIndex, compile_cards
from kg.cards.located import Where
from kg.errors import KgError
from kg.loading import read_graph
from kg.namespaces import (
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    bind_prefixes,
    source_graph,
)
from kg.project import EMBEDDED, Project
from kg.reasoning import infer


@dataclass(frozen=True)
class Assembled:
    """The dataset, and where in which card each node a card describes was written."""

    dataset: Dataset
    origins: dict[URIRef, Where]


def assemble(project: Project = EMBEDDED, infer_too: bool = True) -> Assembled:
    """Read the ontology, the registry and every source into their named graphs.

    Cards are compiled first, all of them: any card error stops the assembly (CardErrors)
    before anything is validated, so a card with errors never enters the graph.
    """
    dataset = bind_prefixes(Dataset(default_union=True))
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for path in resources.ontology_files():
        read_graph(path, into=ontology)
    registry = read_graph(project.registry_file, into=dataset.graph(REGISTRY_GRAPH))
    turtle = {p.stem: p for p in project.turtle_sources()}
    cards = {p.stem: p for p in project.cards()}
    if clash := sorted(turtle.keys() & cards.keys()):
        raise KgError(
            f"two sources have the key {clash[0]!r}: {clash[0]}.yaml and {clash[0]}.ttl; keep one",
            project.sources_dir,
        )
    known = ontology + registry  # what cards may refer to by key
    for key, path in turtle.items():
        known += read_graph(path, into=_source_graph(dataset, key))
    origins: dict[URIRef, Where] = {}
    for card in compile_cards(cards.values(), KeyIndex.from_graph(known)):
        graph = _source_graph(dataset, card.key)
        for triple in card.triples:
            graph.add(triple)
        for node, where in card.origins.items():
            origins.setdefault(node, where)
    if infer_too:
        add_inferences(dataset)
    return Assembled(dataset, origins)


def _source_graph(dataset: Dataset, key: str) -> Graph:
    """The named graph of a source, which records the source it was derived from."""
    graph = dataset.graph(source_graph(key))
    graph.add((source_graph(key), PROV.wasDerivedFrom, ID["source/" + key]))
    return graph


def load_asserted(project: Project = EMBEDDED) -> Dataset:
    """The asserted graphs only, without inferences."""
    return assemble(project, infer_too=False).dataset


def add_inferences(dataset: Dataset) -> Graph:
    """Materialise what the asserted graphs entail into the inferred graph, and return it."""
    asserted = union(dataset, exclude=(INFERRED_GRAPH,))
    inferred = dataset.graph(INFERRED_GRAPH)
    inferred.remove((None, None, None))
    for triple in infer(asserted):
        inferred.add(triple)
    return inferred


def load_dataset(project: Project = EMBEDDED) -> Dataset:
    """The whole dataset, asserted and inferred: what queries and validation see."""
    return assemble(project).dataset


def union(dataset: Dataset, exclude: tuple[URIRef, ...] = ()) -> Graph:
    """All triples of all named graphs as one plain graph."""
    graph = bind_prefixes(Graph())
    for context in dataset.graphs():
        if context.identifier not in exclude:
            for triple in context:
                graph.add(triple)
    return graph
