"""Assemble the dataset: the ontology, the registry, one named graph per source, the inferences.

The named graphs keep apart what was stated (and by which source) from what was inferred, so a
reviewer can always tell one from the other.
"""

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV

from kg import resources
from kg.loading import read_graph
from kg.namespaces import (
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    bind_prefixes,
    source_graph,
)
from kg.reasoning import infer


@dataclass(frozen=True)
class Project:
    """Where a project's data lives: a registry file and a folder of source files."""

    data_dir: Path

    @property
    def registry_file(self) -> Path:
        return self.data_dir / "registry.ttl"

    def source_files(self) -> list[Path]:
        return sorted((self.data_dir / "sources").glob("*.ttl"))


EMBEDDED = Project(resources.DATA_DIR)


def source_key(path: Path) -> str:
    """A source file's key is its file name without extension; it names its graph and node."""
    return path.stem


def load_asserted(project: Project = EMBEDDED) -> Dataset:
    """Read the ontology, the registry and every source into their named graphs."""
    dataset = bind_prefixes(Dataset(default_union=True))
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for path in resources.ontology_files():
        read_graph(path, into=ontology)
    read_graph(project.registry_file, into=dataset.graph(REGISTRY_GRAPH))
    for path in project.source_files():
        key = source_key(path)
        graph = dataset.graph(source_graph(key))
        read_graph(path, into=graph)
        # The graph records which source it was derived from, so every triple is traceable.
        graph.add((source_graph(key), PROV.wasDerivedFrom, ID["source/" + key]))
    return dataset


def add_inferences(dataset: Dataset) -> Graph:
    """Materialise what the asserted graphs entail into the inferred graph, and return it."""
    asserted = union(dataset)
    inferred = dataset.graph(INFERRED_GRAPH)
    inferred.remove((None, None, None))
    for triple in infer(asserted):
        inferred.add(triple)
    return inferred


def load_dataset(project: Project = EMBEDDED) -> Dataset:
    """The whole dataset, asserted and inferred: what queries and validation see."""
    dataset = load_asserted(project)
    add_inferences(dataset)
    return dataset


def union(dataset: Dataset, exclude: tuple[URIRef, ...] = ()) -> Graph:
    """All triples of all named graphs as one plain graph."""
    graph = bind_prefixes(Graph())
    for context in dataset.graphs():
        if context.identifier not in exclude:
            for triple in context:
                graph.add(triple)
    return graph
