"""What `kg validate` checked, so that a success says so: the files, their triples and the
violations (issue 14: a silent success cannot be told from a check that did nothing)."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg import resources
from kg.dataset import assemble, union
from kg.declared import refuse_undeclared
from kg.loading import read_graph, read_graphs
from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.project import Project
from kg.reasoning import infer
from kg.turtle_places import placed
from kg.validation import Violation, report_violations, shacl_report, validate


@dataclass(frozen=True)
class Checked:
    files: int
    triples: int
    """The triples of the files checked, without the ontology and the inferences."""
    violations: list[Violation]

    def summary(self) -> str:
        """The line `kg validate` prints when the data conforms."""
        files = f"{self.files:,} file{'' if self.files == 1 else 's'}"
        return f"validated {files}, {self.triples:,} triples: the data conforms to the shapes"


def check_files(paths: list[Path], context: list[Path]) -> Checked:
    """Validate data files with the ontology, the `context` files (such as the registry of
    actors) and the inferences they all entail."""
    ontology = read_graphs(resources.ontology_files())
    data = ontology + read_graphs(context)
    given = Graph()
    for path in paths:
        graph = read_graph(path)
        refuse_undeclared(path, graph, ontology)
        given += graph
    data += given
    data += infer(data)
    return Checked(len(paths), len(given), placed(validate(data), [*paths, *context]))


def check_project(project: Project) -> Checked:
    """Validate the whole dataset of a project: its registry, cards and Turtle sources."""
    assembled = assemble(project)
    dataset = assembled.dataset
    stated = union(dataset, exclude=(ONTOLOGY_GRAPH, INFERRED_GRAPH))
    files = 1 + len(project.cards()) + len(project.turtle_sources())
    violations = report_violations(shacl_report(union(dataset)), assembled.origins)
    return Checked(files, len(stated), placed(violations, project.turtle_files()))
