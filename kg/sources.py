"""Reading a project's sources: the ontology, the registry and the hand-written Turtle sources,
and what source cards may refer to by key. Shared by the rdflib dataset and the build."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg import resources
from kg.declared import refuse_undeclared
from kg.errors import KgError
from kg.loading import read_graph
from kg.namespaces import source_provenance
from kg.project import Project


@dataclass
class Sources:
    ontology: Graph
    registry: Graph
    turtle: dict[str, Graph]
    """Each Turtle source's triples by key, with its provenance triple."""
    cards: list[Path]

    def known(self) -> Graph:
        """What cards may refer to by key: the ontology, the registry and the Turtle sources."""
        graph = self.ontology + self.registry
        for source in self.turtle.values():
            graph += source
        return graph


def read_sources(project: Project, ontology_files: Sequence[Path] | None = None) -> Sources:
    """Read everything but the cards; refuse two sources with the same key. `ontology_files`
    (default: the tool's) are the ontology the sources are written in, as `kg docs` can
    document an extended one."""
    ontology = Graph()
    for path in resources.ontology_files() if ontology_files is None else ontology_files:
        read_graph(path, into=ontology)
    cards = project.cards()
    turtle_paths = project.turtle_sources()
    refuse_clashes(project, cards, turtle_paths)
    turtle = {}
    for path in turtle_paths:
        graph = read_graph(path)
        refuse_undeclared(path, graph, ontology)
        graph.add(source_provenance(path.stem))
        turtle[path.stem] = graph
    registry = read_graph(project.registry_file)
    refuse_undeclared(project.registry_file, registry, ontology)
    return Sources(ontology, registry, turtle, cards)


def refuse_clashes(project: Project, cards: list[Path], turtle: list[Path]) -> None:
    """Refuse a card and a Turtle source with the same key (they would share a graph)."""
    if clash := sorted({p.stem for p in cards} & {p.stem for p in turtle}):
        raise KgError(
            f"two sources have the key {clash[0]!r}: {clash[0]}.yaml and {clash[0]}.ttl; keep one",
            project.sources_dir,
        )
